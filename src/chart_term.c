/* A chart in the terminal: a grid of cells, Unicode or ASCII, every
 * write through term_put, which keeps inside the grid. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "gpucap/quarter.h"
#include "util.h"

#define TERM_ROWS     12  /* of the plot */
#define TERM_MIN      40  /* columns */
#define TERM_COLS_MAX 512 /* of the plot */

/* An org's mark: a shape (hollow when projected), a letter in ASCII. */
static const char *mark(size_t org, bool hollow, bool ascii, char *buf)
{
	static const char *const SOLID[] = { "\u25CF", "\u25A0", "\u25B2",
					     "\u25C6", "\u2605", "\u271A" };
	static const char *const HOLLOW[] = { "\u25CB", "\u25A1", "\u25B3",
					      "\u25C7", "\u2606", "\u271B" };

	if (!ascii && org < sizeof SOLID / sizeof SOLID[0])
		return hollow ? HOLLOW[org] : SOLID[org];
	buf[0] = (char)((hollow ? 'a' : 'A') + (int)(org % 26));
	buf[1] = '\0';
	return buf;
}

/* The mark of a point past the axis, on the edge it lies beyond. */
static const char *clip_mark(enum chart_clip c, bool ascii)
{
	if (c == CHART_ABOVE)
		return ascii ? "^" : "\u2191";
	return ascii ? "v" : "\u2193";
}

/* A bar's fill for an org: shades in Unicode, signs in ASCII. */
static const char *shade(size_t org, bool ascii)
{
	static const char *const UNI[] = { "\u2588", "\u2593", "\u2592",
					   "\u2591" };
	static const char *const ASC[] = { "#", "=", "+", ":", "%", "~" };

	return ascii ? ASC[org % (sizeof ASC / sizeof ASC[0])]
		     : UNI[org % (sizeof UNI / sizeof UNI[0])];
}

struct term {
	FILE *out;
	const struct plot *p;
	const struct chart_opts *o;
	int width;	     /* columns, TERM_MIN at least */
	int label_w, plot_w; /* plot_w <= TERM_COLS_MAX */
	char *title, **orgs; /* escaped for the terminal */
	char *source;	     /* the same; NULL: none */
	const char *cell[TERM_ROWS][TERM_COLS_MAX]; /* NULL: blank */
	char letters[TERM_ROWS][TERM_COLS_MAX][2];  /* ASCII marks live here */
};

/* v's row, always one of the canvas' (chart_axis_cell clamps it). */
static int term_row(const struct term *t, double v, enum chart_clip *clip)
{
	return chart_axis_cell(&t->p->axis, v, TERM_ROWS, clip);
}

/* The only writer of the canvas; with keep, a cell already drawn stays.
 * The rows and columns it is given are the canvas' by construction; one
 * check here keeps it so for any caller to come. */
static void term_put(struct term *t, int row, int col, const char *s, bool keep)
{
	if (row < 0 || row >= TERM_ROWS || col < 0 || col >= t->plot_w)
		return;
	if (!keep || t->cell[row][col] == NULL)
		t->cell[row][col] = s;
}

/* The columns quarter q spans: [*from, *to), within [0, plot_w]. */
static void term_cols(const struct term *t, size_t q, int *from, int *to)
{
	*from = (int)((double)q * t->plot_w / (double)t->p->nq);
	*to = (int)((double)(q + 1) * t->plot_w / (double)t->p->nq);
	if (*to <= *from)
		*to = *from + 1;
}

static int term_mid(const struct term *t, size_t q)
{
	int from, to;

	term_cols(t, q, &from, &to);
	return (from + to - 1) / 2;
}

/* Dots between an org's points, so each reads as a line. */
static void term_links(struct term *t, size_t org)
{
	const char *dot = t->o->ascii ? "." : "\u00B7";
	size_t q, prev = SIZE_MAX;

	for (q = 0; q < t->p->nq; q++) {
		double v = plot_value(t->p, org, q);
		int a, b, ra, rb, c;

		if (isnan(v)) {
			prev = SIZE_MAX;
			continue;
		}
		if (prev != SIZE_MAX) {
			a = term_mid(t, prev);
			b = term_mid(t, q);
			ra = term_row(t, plot_value(t->p, org, prev), NULL);
			rb = term_row(t, v, NULL);
			for (c = a + 1; c < b; c++) {
				int r = ra +
					(int)floor((double)(rb - ra) * (c - a) /
							   (b - a) +
						   0.5);

				term_put(t, r, c, dot, true);
			}
		}
		prev = q;
	}
}

/* A range: a dotted stroke from its low to its high end through the
 * point, where nothing else is drawn. */
static void term_range(struct term *t, size_t org)
{
	const char *stroke = t->o->ascii ? ":" : "\u2506";
	size_t q;

	for (q = 0; t->p->lo != NULL && q < t->p->nq; q++) {
		size_t at = org * t->p->nq + q;
		int col = term_mid(t, q), r;

		if (isnan(t->p->v[at]) || !(t->p->lo[at] < t->p->hi[at]))
			continue;
		for (r = term_row(t, t->p->hi[at], NULL);
		     r <= term_row(t, t->p->lo[at], NULL); r++)
			term_put(t, r, col, stroke, true);
	}
}

static bool any_range(const struct plot *p)
{
	size_t org;

	for (org = 0; org < p->norgs; org++)
		if (plot_has_band(p, org))
			return true;
	return false;
}

static void term_marks(struct term *t, size_t org)
{
	size_t q;

	for (q = 0; q < t->p->nq; q++) {
		double v = plot_value(t->p, org, q);
		enum chart_clip clip;
		int row, col;

		if (isnan(v))
			continue;
		col = term_mid(t, q);
		row = term_row(t, v, &clip);
		term_put(t, row, col,
			 clip != CHART_INSIDE
				 ? clip_mark(clip, t->o->ascii)
				 : mark(org, plot_projected(t->p, org, q),
					t->o->ascii, t->letters[row][col]),
			 false);
	}
}

/* Bars from zero (the foot of a log axis, where zero is clamped to): each
 * quarter's columns shared by the orgs; a bar past the axis ends in an
 * arrow on its edge. */
static void term_bars(struct term *t, size_t org)
{
	int base = term_row(t, 0, NULL);
	size_t q;

	for (q = 0; q < t->p->nq; q++) {
		double v = plot_value(t->p, org, q);
		enum chart_clip clip;
		int from, to, w, c, r, end, tip;

		if (isnan(v))
			continue;
		term_cols(t, q, &from, &to);
		w = (to - from) / (int)t->p->norgs;
		if (w < 1)
			w = 1;
		tip = term_row(t, v, &clip);
		end = tip > base ? tip : base;
		r = tip < base ? tip : base;
		for (c = from + w * (int)org;
		     c < from + w * ((int)org + 1) && c < t->plot_w; c++)
			for (int i = r; i <= end; i++)
				term_put(
					t, i, c,
					i == tip && clip != CHART_INSIDE
						? clip_mark(clip, t->o->ascii)
					: plot_projected(t->p, org, q)
						? (t->o->ascii ? "." : "\u2591")
						: shade(org, t->o->ascii),
					false);
	}
}

static void term_y_labels(const struct term *t, char labels[][TICK_LABEL_MAX])
{
	int i, r;

	for (r = 0; r < TERM_ROWS; r++)
		labels[r][0] = '\0';
	for (i = 0; i < t->p->nticks; i++)
		plot_tick_label_at(
			t->p, t->o, i,
			labels[plot_share_cell(plot_tick_share(t->p, i),
					       TERM_ROWS)]);
}

static void term_x_labels(const struct term *t)
{
	char line[TERM_COLS_MAX + 1], buf[QUARTER_FMT_MAX];
	double slot = (double)t->plot_w / (double)t->p->nq;
	size_t q, every = plot_label_every(slot, 8), n = (size_t)t->plot_w;

	memset(line, ' ', n);
	line[n] = '\0';
	for (q = 0; q < t->p->nq; q++) {
		const char *label = plot_quarter_label(t->p, q, every, buf);
		int from, to;
		size_t len;

		if (label == NULL)
			continue;
		term_cols(t, q, &from, &to);
		len = strlen(label);
		if ((size_t)from + len <= n)
			memcpy(line + from, label, len);
	}
	while (n > 0 && line[n - 1] == ' ')
		line[--n] = '\0';
	fprintf(t->out, "%*s  %s\n", t->label_w, "", line);
}

/* Escaped text in at most max columns: cut, with an ellipsis, when it is
 * longer. Returns the columns written. */
static int term_text(const struct term *t, const char *s, int max)
{
	const char *dots = t->o->ascii ? "..." : "\u2026";
	int dots_w = t->o->ascii ? 3 : 1, cols = 0;
	size_t n = plot_text_columns(s), at = 0;

	if (n <= (size_t)max) {
		fputs(s, t->out);
		return (int)n;
	}
	/* whole characters, as many as leave room for the dots */
	while (s[at] != '\0' && cols < max - dots_w) {
		at++;
		cols++;
		while (((unsigned char)s[at] & 0xC0) == 0x80)
			at++;
	}
	fwrite(s, 1, at, t->out);
	fputs(dots, t->out);
	return cols + dots_w;
}

static void term_legend(const struct term *t)
{
	char buf[2];
	int x = 0;
	size_t org;

	for (org = 0; org < t->p->norgs; org++) {
		/* a mark, a space and the name, two spaces from the last */
		size_t name = plot_text_columns(t->orgs[org]);
		int w = 2 + (name < (size_t)t->width - 2 ? (int)name
							 : t->width - 2);

		if (x > 0 && x + 2 + w > t->width) {
			fputc('\n', t->out);
			x = 0;
		}
		fprintf(t->out, "%s%s ", x > 0 ? "  " : "",
			t->o->style == CHART_BARS
				? shade(org, t->o->ascii)
				: mark(org, false, t->o->ascii, buf));
		x += (x > 0 ? 2 : 0) + 2;
		x += term_text(t, t->orgs[org], t->width - 2);
	}
	fputc('\n', t->out);
	if (plot_any_projected(t->p))
		fprintf(t->out, "%s: projected\n",
			t->o->style == CHART_BARS
				? (t->o->ascii ? "." : "\u2591")
				: (t->o->ascii ? "lower case" : "hollow"));
	if (t->o->style == CHART_LINE && any_range(t->p))
		/* 41 columns would not fit the narrowest chart, 40 */
		fprintf(t->out, "%s the range, from low to high end\n",
			t->o->ascii ? ":" : "\u2506");
	if (t->p->clipped)
		fprintf(t->out, "%s past the axis, drawn on its edge\n",
			t->o->ascii ? "^ v" : "\u2191 \u2193");
}

static void term_draw(struct term *t)
{
	char labels[TERM_ROWS][TICK_LABEL_MAX];
	const char *bar = t->o->ascii ? "|" : "\u2502";
	const char *tick = t->o->ascii ? "+" : "\u2524";
	int r, c;

	term_y_labels(t, labels);
	term_text(t, t->title, t->width);
	fputc('\n', t->out);
	for (r = 0; r < TERM_ROWS; r++) {
		int end = t->plot_w;

		while (end > 0 && t->cell[r][end - 1] == NULL)
			end--;
		fprintf(t->out, "%*s %s", t->label_w, labels[r],
			labels[r][0] ? tick : bar);
		for (c = 0; c < end; c++)
			fputs(t->cell[r][c] ? t->cell[r][c] : " ", t->out);
		fputc('\n', t->out);
	}
	fprintf(t->out, "%*s %s", t->label_w, "", t->o->ascii ? "+" : "\u2514");
	for (c = 0; c < t->plot_w; c++)
		fputs(t->o->ascii ? "-" : "\u2500", t->out);
	fputc('\n', t->out);
	term_x_labels(t);
	term_legend(t);
	if (t->source != NULL) {
		term_text(t, t->source, t->width);
		fputc('\n', t->out);
	}
}

static void term_free(struct term *t)
{
	size_t i;

	for (i = 0; t->orgs != NULL && i < t->p->norgs; i++)
		free(t->orgs[i]);
	free(t->orgs);
	free(t->title);
	free(t->source);
	free(t);
}

/* The canvas, its columns, and the texts escaped: NULL when out of
 * memory. */
static struct term *term_new(FILE *out, const struct plot *p,
			     const struct chart_opts *o)
{
	char num[TICK_LABEL_MAX];
	struct term *t = calloc(1, sizeof *t);
	size_t org;
	int i;

	if (t == NULL)
		return NULL;
	t->out = out;
	t->p = p;
	t->o = o;
	t->width = o->width < TERM_MIN ? TERM_MIN : o->width;
	for (i = 0; i < p->nticks; i++)
		if ((int)strlen(plot_tick_label_at(p, o, i, num)) > t->label_w)
			t->label_w = (int)strlen(num);
	t->plot_w = t->width - t->label_w - 2;
	if (t->plot_w > TERM_COLS_MAX)
		t->plot_w = TERM_COLS_MAX;
	t->title = util_escape_controls(plot_title(o));
	t->source = o->source ? util_escape_controls(o->source) : NULL;
	t->orgs = calloc(p->norgs, sizeof *t->orgs);
	for (org = 0; t->orgs != NULL && org < p->norgs; org++) {
		t->orgs[org] = util_escape_controls(p->orgs[org]);
		if (t->orgs[org] == NULL)
			break;
	}
	if (t->title == NULL || t->orgs == NULL || org < p->norgs ||
	    (o->source != NULL && t->source == NULL)) {
		term_free(t);
		return NULL;
	}
	return t;
}

enum gc_status chart_term(FILE *out, const struct series *s,
			  const struct chart_opts *o, struct gc_error *err)
{
	struct plot p;
	struct term *t;
	size_t org;
	enum gc_status st = plot_build(&p, s, o, err);

	if (st != GC_OK)
		return st;
	t = term_new(out, &p, o);
	if (t == NULL) {
		plot_free(&p);
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	for (org = 0; org < p.norgs && o->style == CHART_LINE; org++)
		term_links(t, org);
	/* after the links, which take their cells first, before the marks */
	for (org = 0; org < p.norgs && o->style == CHART_LINE; org++)
		term_range(t, org);
	for (org = 0; org < p.norgs; org++) {
		if (o->style == CHART_BARS)
			term_bars(t, org);
		else
			term_marks(t, org);
	}
	term_draw(t);
	term_free(t);
	plot_free(&p);
	return GC_OK;
}
