/* Aligned formats for people (table, markdown): every row is held, widths
 * are measured, then the grid is drawn. Columns empty in every row are left
 * out, so a ledger without spend shows no spend columns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printer_impl.h"

struct grid {
	char **text; /* rows * ncols rendered cells, NULL where memory ran out
		      */
	bool *empty; /* per cell: undefined or blank */
	bool *alert; /* per cell: to stand out */
	size_t rows, cap;
	bool failed;
};

/* What sets one aligned style apart from another. */
struct style {
	const char *left, *sep, *right;
	bool rule;   /* markdown's |---:| line under the header */
	bool escape; /* markdown: '|' in text would end the cell */
};

static const struct style TABLE_STYLE = { "", "  ", "", false, false };
static const struct style MARKDOWN_STYLE = { "| ", " | ", " |", true, true };

static void grid_begin(struct printer *p)
{
	p->state = calloc(1, sizeof(struct grid));
}

static bool numeric(enum cell_type t)
{
	return t != CT_TEXT;
}

/* Text with every '|' as '\|'. */
static char *escape_bars(const char *s)
{
	size_t n = strlen(s), bars = 0, i;
	char *out, *o;

	for (i = 0; i < n; i++)
		bars += s[i] == '|';
	out = malloc(n + bars + 1);
	if (out == NULL)
		return NULL;
	for (o = out, i = 0; i < n; i++) {
		if (s[i] == '|')
			*o++ = '\\';
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

static char *render(const struct style *st, const struct table_col *col,
		    const struct cell *c, bool *empty)
{
	char buf[TABLE_NUM_MAX];
	const char *text = c->text ? c->text : "";

	if (numeric(col->type)) {
		*empty = isnan(c->num);
		if (col->bounds && !*empty) {
			char range[TABLE_RANGE_MAX];

			return strdup(table_human_range(c->num, c->lo, c->hi,
							col->type, range));
		}
		return strdup(table_human(c->num, col->type, buf));
	}
	*empty = text[0] == '\0';
	return st->escape ? escape_bars(text) : strdup(text);
}

static bool grid_reserve(struct grid *g, size_t ncols)
{
	size_t cap = g->cap ? g->cap * 2 : 64;
	char **t;
	bool *e, *a;

	if (g->rows < g->cap)
		return true;
	t = realloc(g->text, cap * ncols * sizeof *t);
	if (t != NULL)
		g->text = t;
	e = t ? realloc(g->empty, cap * ncols * sizeof *e) : NULL;
	if (e != NULL)
		g->empty = e;
	a = e ? realloc(g->alert, cap * ncols * sizeof *a) : NULL;
	if (a == NULL)
		return false;
	g->alert = a;
	g->cap = cap;
	return true;
}

static enum gc_status grid_row(struct printer *p, const struct cell *cells,
			       const struct style *st)
{
	struct grid *g = p->state;
	size_t i, base;

	if (g == NULL || g->failed || !grid_reserve(g, p->ncols)) {
		if (g != NULL)
			g->failed = true;
		return GC_IO;
	}
	base = g->rows++ * p->ncols;
	for (i = 0; i < p->ncols; i++) {
		g->text[base + i] =
			render(st, &p->cols[i], &cells[i], &g->empty[base + i]);
		g->alert[base + i] = cells[i].alert;
		if (g->text[base + i] == NULL)
			g->failed = true;
	}
	return g->failed ? GC_IO : GC_OK;
}

static enum gc_status table_row(struct printer *p, const struct cell *cells)
{
	return grid_row(p, cells, &TABLE_STYLE);
}

static enum gc_status markdown_row(struct printer *p, const struct cell *cells)
{
	return grid_row(p, cells, &MARKDOWN_STYLE);
}

/* Display width of UTF-8 text: one column per character. */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void measure(const struct printer *p, const struct grid *g, size_t *w,
		    bool *shown)
{
	size_t r, c;

	for (c = 0; c < p->ncols; c++) {
		w[c] = width(p->cols[c].name);
		shown[c] = g->rows == 0;
		for (r = 0; r < g->rows; r++) {
			size_t i = r * p->ncols + c;

			if (width(g->text[i]) > w[c])
				w[c] = width(g->text[i]);
			if (!g->empty[i])
				shown[c] = true;
		}
	}
}

static void pad(FILE *out, size_t n)
{
	for (; n > 0; n--)
		fputc(' ', out);
}

/* ANSI escapes, for a terminal only. */
#define SGR_BOLD  "\033[1m"
#define SGR_RED	  "\033[31m"
#define SGR_RESET "\033[0m"

/* A cell's text, coloured as its line and flag say. */
static void put_cell(const struct printer *p, const char *text, bool header,
		     bool alert)
{
	const char *sgr = !p->color ? NULL
			  : header  ? SGR_BOLD
			  : alert   ? SGR_RED
				    : NULL;

	if (sgr != NULL)
		fputs(sgr, p->out);
	fputs(text, p->out);
	if (sgr != NULL)
		fputs(SGR_RESET, p->out);
}

/* One line of the grid; cells[c] is the text of column c, alert[c] its
 * flag (NULL: the header line). */
static void draw_line(const struct printer *p, const struct style *st,
		      char *const *cells, const bool *alert, const size_t *w,
		      const bool *shown)
{
	size_t c, last = 0;
	bool first = true;

	for (c = 0; c < p->ncols; c++)
		if (shown[c])
			last = c;
	fputs(st->left, p->out);
	for (c = 0; c < p->ncols; c++) {
		size_t fill = w[c] - width(cells[c]);
		bool right = numeric(p->cols[c].type);

		if (!shown[c])
			continue;
		if (!first)
			fputs(st->sep, p->out);
		first = false;
		if (right)
			pad(p->out, fill);
		put_cell(p, cells[c], alert == NULL, alert && alert[c]);
		/* No trailing blanks at the end of a table line. */
		if (!right && (c != last || st->right[0] != '\0'))
			pad(p->out, fill);
	}
	fputs(st->right, p->out);
	fputc('\n', p->out);
}

static void draw_rule(const struct printer *p, const size_t *w,
		      const bool *shown)
{
	size_t c, i;

	for (c = 0; c < p->ncols; c++) {
		bool right = numeric(p->cols[c].type);

		if (!shown[c])
			continue;
		fputc('|', p->out);
		fputc(right ? '-' : ':', p->out);
		for (i = 0; i < w[c]; i++)
			fputc('-', p->out);
		fputc(right ? ':' : '-', p->out);
	}
	fputs("|\n", p->out);
}

static void grid_free(struct printer *p)
{
	struct grid *g = p->state;
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->rows * p->ncols; i++)
		free(g->text[i]);
	free(g->text);
	free(g->empty);
	free(g->alert);
	free(g);
	p->state = NULL;
}

static enum gc_status grid_draw(struct printer *p, const struct style *st)
{
	struct grid *g = p->state;
	size_t *w = calloc(p->ncols + 1, sizeof *w);
	bool *shown = calloc(p->ncols + 1, sizeof *shown);
	char **header = calloc(p->ncols + 1, sizeof *header);
	enum gc_status status = GC_IO;
	size_t c, r;

	if (g != NULL && !g->failed && w && shown && header) {
		measure(p, g, w, shown);
		for (c = 0; c < p->ncols; c++)
			header[c] = (char *)p->cols[c].name;
		draw_line(p, st, header, NULL, w, shown);
		if (st->rule)
			draw_rule(p, w, shown);
		for (r = 0; r < g->rows; r++)
			draw_line(p, st, g->text + r * p->ncols,
				  g->alert + r * p->ncols, w, shown);
		status = GC_OK;
	}
	free(w);
	free(shown);
	free(header);
	grid_free(p);
	return status;
}

static enum gc_status table_end(struct printer *p)
{
	return grid_draw(p, &TABLE_STYLE);
}

static enum gc_status markdown_end(struct printer *p)
{
	return grid_draw(p, &MARKDOWN_STYLE);
}

const struct format FMT_TABLE = { "table", grid_begin, table_row, table_end,
				  grid_free };
const struct format FMT_MARKDOWN = { "markdown", grid_begin, markdown_row,
				     markdown_end, grid_free };
