/* Aligned formats for people (table, markdown): every row is held, widths
 * are measured, then the grid is drawn. Columns empty in every row are left
 * out, so a ledger without spend shows no spend columns.
 *
 * Rows are held as their rendered text, cell after cell in one arena, and
 * widths are measured as rows come: a million-row table costs its text and
 * a byte of flags a cell, not an allocation per cell. Text is made safe
 * for a terminal and a Markdown reader (controls escaped, '|' escaped in
 * Markdown) and elided past TABLE_TEXT_WIDTH_MAX characters, so one
 * 64 KB name cannot widen every line of a table to 64 KB. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_impl.h"
#include "util.h"

/* What a held cell is, besides its text. */
#define CELL_EMPTY 1 /* undefined or blank */
#define CELL_ALERT 2 /* to stand out */

struct grid {
	char *text; /* every cell's text, NUL-terminated, row after row */
	size_t len, cap;
	unsigned char *flags; /* per cell */
	size_t nflags, flags_cap;
	size_t rows;
	size_t *w;   /* per column: the widest text */
	bool *shown; /* per column: some cell is not empty */
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

static bool numeric(enum cell_type t)
{
	return t != CT_TEXT;
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

static void grid_begin(struct printer *p)
{
	struct grid *g = calloc(1, sizeof *g);
	size_t c;

	if (g != NULL) {
		g->w = calloc(p->ncols + 1, sizeof *g->w);
		g->shown = calloc(p->ncols + 1, sizeof *g->shown);
		g->failed = g->w == NULL || g->shown == NULL;
	}
	for (c = 0; g != NULL && !g->failed && c < p->ncols; c++)
		g->w[c] = width(p->cols[c].name);
	p->state = g;
}

/* Room for n more bytes of text and a NUL after them. */
static bool text_room(struct grid *g, size_t n)
{
	return util_grow((void **)&g->text, &g->cap, g->len + n + 1, 1);
}

static void put_bytes(struct grid *g, const char *s, size_t n)
{
	if (g->failed || !text_room(g, n)) {
		g->failed = true;
		return;
	}
	memcpy(g->text + g->len, s, n);
	g->len += n;
}

/* Text made safe (util_escape_controls: C0 controls and DEL as \xHH, C1
 * controls as \u00hh; in Markdown a '|' as '\|'), cut to
 * TABLE_TEXT_WIDTH_MAX characters (the last one an ellipsis when cut),
 * then its NUL. Returns its display width. */
static size_t put_text(struct grid *g, const char *text, bool markdown)
{
	char *safe = util_escape_controls(text);
	const char *s = safe;
	size_t w = 0;

	if (safe == NULL)
		g->failed = true;
	for (; s != NULL && *s != '\0' && !g->failed; w++) {
		size_t n = 1;

		while (((unsigned char)s[n] & 0xC0) == 0x80)
			n++; /* the rest of a UTF-8 character */
		if (w == TABLE_TEXT_WIDTH_MAX - 1 && s[n] != '\0') {
			put_bytes(g, "\xE2\x80\xA6", 3); /* … */
			w++;
			break;
		}
		if (markdown && *s == '|')
			put_bytes(g, "\\", 1);
		w += markdown && *s == '|';
		put_bytes(g, s, n);
		s += n;
	}
	put_bytes(g, "", 1);
	free(safe);
	return w;
}

/* A number as people read it, and its NUL: a figure with ends as its
 * range, or sampled, as its median and interval where the ends differ. */
static size_t put_number(const struct printer *p, const struct table_col *col,
			 const struct cell *c)
{
	struct grid *g = p->state;
	char mid[TABLE_NUM_MAX], ends[TABLE_RANGE_MAX];
	char buf[TABLE_NUM_MAX + TABLE_RANGE_MAX + 4];

	if (col->bounds && !isnan(c->num)) {
		table_human_range(c->num, c->lo, c->hi, col->type, ends);
		table_human(c->num, col->type, mid);
		if (p->medians && strcmp(mid, ends) != 0)
			snprintf(buf, sizeof buf, "%s [%s]", mid, ends);
		else
			strcpy(buf, ends);
	} else {
		table_human(c->num, col->type, buf);
	}
	put_bytes(g, buf, strlen(buf) + 1);
	return width(buf);
}

static bool cell_empty(const struct table_col *col, const struct cell *c)
{
	if (numeric(col->type))
		return isnan(c->num);
	return c->text == NULL || c->text[0] == '\0';
}

static enum gc_status grid_row(struct printer *p, const struct cell *cells,
			       const struct style *st)
{
	struct grid *g = p->state;
	size_t i, w;

	if (g == NULL || g->failed ||
	    !util_grow((void **)&g->flags, &g->flags_cap, g->nflags + p->ncols,
		       1)) {
		if (g != NULL)
			g->failed = true;
		return GC_IO;
	}
	for (i = 0; i < p->ncols; i++) {
		const struct table_col *col = &p->cols[i];
		bool empty = cell_empty(col, &cells[i]);

		w = numeric(col->type)
			    ? put_number(p, col, &cells[i])
			    : put_text(g, cells[i].text ? cells[i].text : "",
				       st->escape);
		g->w[i] = w > g->w[i] ? w : g->w[i];
		g->shown[i] |= !empty;
		g->flags[g->nflags++] =
			(unsigned char)((empty ? CELL_EMPTY : 0) |
					(cells[i].alert ? CELL_ALERT : 0));
	}
	g->rows++;
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

/* One line of the grid; cells[c] is the text of column c, flags[c] its
 * flags (NULL: the header line). */
static void draw_line(const struct printer *p, const struct style *st,
		      const char *const *cells, const unsigned char *flags)
{
	const struct grid *g = p->state;
	size_t c, last = 0;
	bool first = true;

	for (c = 0; c < p->ncols; c++)
		if (g->shown[c])
			last = c;
	fputs(st->left, p->out);
	for (c = 0; c < p->ncols; c++) {
		size_t fill = g->w[c] - width(cells[c]);
		bool right = numeric(p->cols[c].type);

		if (!g->shown[c])
			continue;
		if (!first)
			fputs(st->sep, p->out);
		first = false;
		if (right)
			pad(p->out, fill);
		put_cell(p, cells[c], flags == NULL,
			 flags != NULL && (flags[c] & CELL_ALERT));
		/* No trailing blanks at the end of a table line. */
		if (!right && (c != last || st->right[0] != '\0'))
			pad(p->out, fill);
	}
	fputs(st->right, p->out);
	fputc('\n', p->out);
}

static void draw_rule(const struct printer *p)
{
	const struct grid *g = p->state;
	size_t c, i;

	for (c = 0; c < p->ncols; c++) {
		bool right = numeric(p->cols[c].type);

		if (!g->shown[c])
			continue;
		fputc('|', p->out);
		fputc(right ? '-' : ':', p->out);
		for (i = 0; i < g->w[c]; i++)
			fputc('-', p->out);
		fputc(right ? ':' : '-', p->out);
	}
	fputs("|\n", p->out);
}

static void grid_free(struct printer *p)
{
	struct grid *g = p->state;

	if (g == NULL)
		return;
	free(g->text);
	free(g->flags);
	free(g->w);
	free(g->shown);
	free(g);
	p->state = NULL;
}

/* The held rows, walked cell by cell through the arena. */
static void draw_rows(struct printer *p, const struct style *st,
		      const char **cells)
{
	const struct grid *g = p->state;
	const char *t = g->text;
	size_t r, c;

	for (r = 0; r < g->rows; r++) {
		for (c = 0; c < p->ncols; c++) {
			cells[c] = t;
			t += strlen(t) + 1;
		}
		draw_line(p, st, cells, g->flags + r * p->ncols);
	}
}

static enum gc_status grid_draw(struct printer *p, const struct style *st)
{
	struct grid *g = p->state;
	const char **cells = calloc(p->ncols + 1, sizeof *cells);
	enum gc_status status = GC_IO;
	size_t c;

	if (g != NULL && !g->failed && cells != NULL) {
		for (c = 0; c < p->ncols; c++) {
			cells[c] = p->cols[c].name;
			g->shown[c] |= g->rows == 0;
		}
		draw_line(p, st, cells, NULL);
		if (st->rule)
			draw_rule(p);
		draw_rows(p, st, cells);
		status = GC_OK;
	}
	free(cells);
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
