/* Charts: a series laid out as a plot (orgs x quarters of one column),
 * then drawn as SVG or as text. The plot is worked out once; each drawing
 * only maps it to its own coordinates. */
#include "gpucap/chart.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/config.h"
#include "gpucap/quarter.h"
#include "util.h"

#define TICKS_MAX 12

/* One column of a series, per org and quarter. */
struct plot {
	const char **orgs;
	size_t norgs;
	int q0;		 /* first quarter */
	size_t nq;	 /* quarters, q0 to the last */
	double *v;	 /* [org * nq + quarter - q0]: NaN where undefined */
	double *lo, *hi; /* the same for the ends of ranges; NULL without */
	bool *projected;
	double ticks[TICKS_MAX]; /* the y axis: first and last are its ends */
	int nticks;
	bool log;
};

void chart_opts_init(struct chart_opts *o)
{
	memset(o, 0, sizeof *o);
	o->column = RC_H100E;
	o->style = CHART_LINE;
	o->width = CONFIG_TERM_WIDTH;
}

/* ---- numbers and ticks ---- */

char *chart_number(double v, char *buf)
{
	static const struct {
		double unit;
		const char *suffix;
	} SCALES[] = {
		{ 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "k" }
	};
	locale_t loc = util_c_numeric_begin();
	size_t i;

	for (i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++)
		if (fabs(v) >= SCALES[i].unit)
			break;
	if (i < sizeof SCALES / sizeof SCALES[0])
		snprintf(buf, CHART_NUM_MAX, "%.3g%s", v / SCALES[i].unit,
			 SCALES[i].suffix);
	else
		snprintf(buf, CHART_NUM_MAX, "%.3g", v == 0 ? 0.0 : v);
	util_c_numeric_end(loc);
	return buf;
}

/* A round step near span / 5: 1, 2, 2.5 or 5 times a power of ten. */
static double round_step(double span)
{
	static const double NICE[] = { 1, 2, 2.5, 5, 10 };
	double raw = span / 5, mag = pow(10, floor(log10(raw)));
	size_t i;

	for (i = 0; i < sizeof NICE / sizeof NICE[0] - 1; i++)
		if (NICE[i] * mag >= raw)
			break;
	return NICE[i] * mag;
}

int chart_ticks(double lo, double hi, double *ticks, int max)
{
	double step, t;
	int n = 0;

	if (!(hi > lo))
		hi = lo + (lo == 0 ? 1 : fabs(lo));
	step = round_step(hi - lo);
	for (t = floor(lo / step) * step; n < max; t += step) {
		ticks[n++] = fabs(t) < step * 1e-9 ? 0 : t;
		if (t >= hi - step * 1e-9)
			break;
	}
	return n;
}

/* Powers of ten from below lo to above hi. */
static int log_ticks(double lo, double hi, double *ticks, int max)
{
	int e0 = (int)floor(log10(lo)), e1 = (int)ceil(log10(hi)), n = 0, e;

	if (e1 == e0)
		e1++;
	for (e = e0; e <= e1 && n < max; e++)
		ticks[n++] = pow(10, e);
	return n;
}

/* ---- the plot ---- */

static void plot_free(struct plot *p)
{
	free(p->orgs);
	free(p->v);
	free(p->lo);
	free(p->hi);
	free(p->projected);
}

/* Orgs in the series' order (it is sorted by org), and its quarters. */
static bool plot_shape(struct plot *p, const struct series *s)
{
	size_t i;
	int q1 = s->rows[0].quarter;

	p->q0 = s->rows[0].quarter;
	p->orgs = malloc(s->n * sizeof *p->orgs);
	if (p->orgs == NULL)
		return false;
	for (i = 0; i < s->n; i++) {
		const struct series_row *r = &s->rows[i];

		if (p->norgs == 0 || strcmp(p->orgs[p->norgs - 1], r->org) != 0)
			p->orgs[p->norgs++] = r->org;
		p->q0 = r->quarter < p->q0 ? r->quarter : p->q0;
		q1 = r->quarter > q1 ? r->quarter : q1;
	}
	p->nq = (size_t)(q1 - p->q0 + 1);
	return true;
}

/* A range's ends where the point is drawn; an end without a bound
 * (growth from zero), or at or below zero on a log axis, stops at the
 * point itself. */
static void plot_ends(struct plot *p, size_t at, const struct series_row *lo,
		      const struct series_row *hi, enum report_col col)
{
	double v = p->v[at], a = report_value(lo, col),
	       b = report_value(hi, col);

	if (isnan(v))
		return;
	p->lo[at] = isnan(a) || isinf(a) || (p->log && !(a > 0)) ? v : a;
	p->hi[at] = isnan(b) || isinf(b) ? v : b;
}

static bool plot_values(struct plot *p, const struct series *s,
			enum report_col col)
{
	size_t i, o = 0, n = p->norgs * p->nq;

	p->v = malloc(n * sizeof *p->v);
	p->projected = calloc(n, sizeof *p->projected);
	if (s->low != NULL) {
		p->lo = malloc(n * sizeof *p->lo);
		p->hi = malloc(n * sizeof *p->hi);
		if (p->lo == NULL || p->hi == NULL)
			return false;
		for (i = 0; i < n; i++)
			p->lo[i] = p->hi[i] = NAN;
	}
	if (p->v == NULL || p->projected == NULL)
		return false;
	for (i = 0; i < n; i++)
		p->v[i] = NAN;
	for (i = 0; i < s->n; i++) {
		const struct series_row *r = &s->rows[i];
		size_t at;

		if (strcmp(p->orgs[o], r->org) != 0)
			o++;
		at = o * p->nq + (size_t)(r->quarter - p->q0);
		p->v[at] = report_value(r, col);
		p->projected[at] = r->projected;
		if (p->log && !(p->v[at] > 0))
			p->v[at] = NAN; /* no place on a log axis */
		if (p->lo != NULL)
			plot_ends(p, at, &s->low[i], &s->high[i], col);
	}
	return true;
}

/* The y axis: round ticks over the values (and zero, on a linear axis). */
static bool plot_axis(struct plot *p)
{
	double lo = INFINITY, hi = -INFINITY;
	size_t i;

	for (i = 0; i < p->norgs * p->nq; i++) {
		if (isnan(p->v[i]))
			continue;
		lo = fmin(lo, p->lo ? p->lo[i] : p->v[i]);
		hi = fmax(hi, p->hi ? p->hi[i] : p->v[i]);
	}
	if (lo > hi)
		return false;
	if (p->log) {
		p->nticks = log_ticks(lo, hi, p->ticks, TICKS_MAX);
		return true;
	}
	p->nticks = chart_ticks(fmin(lo, 0), fmax(hi, 0), p->ticks, TICKS_MAX);
	return true;
}

static enum gc_status plot_build(struct plot *p, const struct series *s,
				 const struct chart_opts *o,
				 struct gc_error *err)
{
	memset(p, 0, sizeof *p);
	p->log = o->log;
	if (s->n == 0)
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "nothing to chart: the ledger has no rows");
	if (!plot_shape(p, s) || !plot_values(p, s, o->column)) {
		plot_free(p);
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	if (!plot_axis(p)) {
		plot_free(p);
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "nothing to chart: %s is undefined%s in every "
			       "row",
			       REPORT_COLS[o->column].name,
			       o->log ? " (or not above 0, for --log)" : "");
	}
	return GC_OK;
}

static double value(const struct plot *p, size_t org, size_t q)
{
	return p->v[org * p->nq + q];
}

static bool projected(const struct plot *p, size_t org, size_t q)
{
	return p->projected[org * p->nq + q];
}

/* Where v sits on the y axis, from 0 (bottom) to 1 (top). */
static double y_share(const struct plot *p, double v)
{
	double lo = p->ticks[0], hi = p->ticks[p->nticks - 1];

	if (p->log)
		return (log10(v) - log10(lo)) / (log10(hi) - log10(lo));
	return (v - lo) / (hi - lo);
}

static const char *title_of(const struct chart_opts *o)
{
	static const char *const TITLES[RC_COUNT] = {
		[RC_UNITS] = "Accelerators in service",
		[RC_ADDED] = "H100 equivalents added",
		[RC_RETIRED] = "H100 equivalents retired",
		[RC_H100E] = "H100 equivalents",
		[RC_REPORTED] = "Reported H100 equivalents",
		[RC_GAP] = "Gap between reported and computed H100e",
		[RC_QOQ] = "Growth on the quarter before (%)",
		[RC_YOY] = "Growth on the year before (%)",
		[RC_YTD] = "Growth since the end of last year (%)",
		[RC_SPEND] = "Spend (USD)",
		[RC_CUM_SPEND] = "Spend to date (USD)",
		[RC_USD_PER_H100E] = "USD per H100e added",
		[RC_POWER_MW] = "Power (MW)",
	};

	if (o->title != NULL)
		return o->title;
	return TITLES[o->column] ? TITLES[o->column]
				 : REPORT_COLS[o->column].name;
}

/* A tick's label: the number, with % or $ as the column counts. */
static char *tick_label(const struct chart_opts *o, double v, char *buf)
{
	char num[CHART_NUM_MAX];
	enum cell_type t = REPORT_COLS[o->column].type;

	chart_number(v, num);
	snprintf(buf, CHART_NUM_MAX + 2, "%s%s%s", t == CT_USD ? "$" : "", num,
		 t == CT_PCT ? "%" : "");
	return buf;
}

/* Every how many quarters a label fits, given each quarter's width:
 * 1, 2, or whole years (4, 8, 20, ...) labelled at their first quarter. */
static size_t label_every(double quarter_width, double label_width)
{
	static const size_t STEPS[] = { 1, 2, 4, 8, 20, 40, 80, 200, 400 };
	size_t i;

	for (i = 0; i < sizeof STEPS / sizeof STEPS[0] - 1; i++)
		if (quarter_width * (double)STEPS[i] >= label_width)
			break;
	return STEPS[i];
}

/* The label of quarter q, or NULL where none goes. */
static const char *quarter_label(const struct plot *p, size_t q, size_t every,
				 char *buf)
{
	int quarter = p->q0 + (int)q;

	if (every < 4) {
		if (q % every != 0)
			return NULL;
		return quarter_format(quarter, buf);
	}
	if (quarter_num(quarter) != 1 ||
	    (size_t)quarter_year(quarter) % (every / 4) != 0)
		return NULL;
	snprintf(buf, QUARTER_FMT_MAX, "%d", quarter_year(quarter));
	return buf;
}

/* ---- SVG ---- */

#define SVG_W	   800.0
#define SVG_H	   450.0
#define SVG_LEFT   64.0
#define SVG_RIGHT  24.0
#define SVG_BOTTOM 48.0
#define CHAR_W	   7.5 /* a 12 px sans-serif character, at most about */

/* Okabe and Ito's palette, which stays apart for the colour-blind. */
static const char *const PALETTE[] = { "#0072B2", "#E69F00", "#009E73",
				       "#D55E00", "#CC79A7", "#56B4E9",
				       "#000000", "#F0E442" };
#define NPALETTE (sizeof PALETTE / sizeof PALETTE[0])

struct svg {
	FILE *out;
	const struct plot *p;
	const struct chart_opts *o;
	double top, left, width, height; /* the plot area */
};

static void xml_text(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static double svg_x(const struct svg *g, size_t q)
{
	double slot = g->width / (double)g->p->nq;

	return g->left + slot * ((double)q + 0.5);
}

static double svg_y(const struct svg *g, double v)
{
	return g->top + g->height * (1 - y_share(g->p, v));
}

/* The legend's rows: an item is a swatch and the org's name. */
static int legend_rows(const struct plot *p, double width)
{
	double x = 0;
	int rows = 1;
	size_t i;

	for (i = 0; i < p->norgs; i++) {
		double w = 36 + CHAR_W * (double)strlen(p->orgs[i]);

		if (x > 0 && x + w > width) {
			rows++;
			x = 0;
		}
		x += w;
	}
	return rows;
}

static void svg_legend(const struct svg *g, double y)
{
	double x = g->left;
	size_t i;

	for (i = 0; i < g->p->norgs; i++) {
		double w = 36 + CHAR_W * (double)strlen(g->p->orgs[i]);

		if (x > g->left && x + w > g->left + g->width) {
			x = g->left;
			y += 18;
		}
		fprintf(g->out,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"4\" "
			"fill=\"%s\"/>\n<text x=\"%.1f\" y=\"%.1f\">",
			x, y - 4, PALETTE[i % NPALETTE], x + 18, y);
		xml_text(g->out, g->p->orgs[i]);
		fputs("</text>\n", g->out);
		x += w;
	}
}

static void svg_head(const struct svg *g)
{
	fprintf(g->out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		"font-family=\"sans-serif\" font-size=\"12\" fill=\"#333\">\n"
		"<title>",
		SVG_W, SVG_H, SVG_W, SVG_H);
	xml_text(g->out, title_of(g->o));
	fprintf(g->out,
		"</title>\n<rect width=\"%.0f\" height=\"%.0f\" "
		"fill=\"#fff\"/>\n<text x=\"%.1f\" y=\"24\" "
		"font-size=\"16\" font-weight=\"bold\">",
		SVG_W, SVG_H, SVG_LEFT);
	xml_text(g->out, title_of(g->o));
	fputs("</text>\n", g->out);
	if (g->o->subtitle != NULL) {
		fprintf(g->out, "<text x=\"%.1f\" y=\"42\" fill=\"#666\">",
			SVG_LEFT);
		xml_text(g->out, g->o->subtitle);
		fputs("</text>\n", g->out);
	}
}

/* Horizontal grid lines at the ticks, labelled on the left. */
static void svg_y_axis(const struct svg *g)
{
	char num[CHART_NUM_MAX + 2];
	int i;

	fputs("<g stroke=\"#ddd\">\n", g->out);
	for (i = 0; i < g->p->nticks; i++) {
		double y = svg_y(g, g->p->ticks[i]);

		fprintf(g->out,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			"y2=\"%.1f\"%s/>\n",
			g->left, y, g->left + g->width, y,
			g->p->ticks[i] == 0 && !g->p->log ? " stroke=\"#999\""
							  : "");
	}
	fputs("</g>\n<g text-anchor=\"end\">\n", g->out);
	for (i = 0; i < g->p->nticks; i++)
		fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
			g->left - 8, svg_y(g, g->p->ticks[i]) + 4,
			tick_label(g->o, g->p->ticks[i], num));
	fputs("</g>\n", g->out);
}

static void svg_x_axis(const struct svg *g)
{
	char buf[QUARTER_FMT_MAX];
	double slot = g->width / (double)g->p->nq;
	size_t q, every = label_every(slot, 7 * CHAR_W);
	double y = g->top + g->height;

	fprintf(g->out,
		"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"#999\"/>\n<g text-anchor=\"middle\">\n",
		g->left, y, g->left + g->width, y);
	for (q = 0; q < g->p->nq; q++) {
		const char *label = quarter_label(g->p, q, every, buf);

		if (label != NULL)
			fprintf(g->out,
				"<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
				svg_x(g, q), y + 18, label);
	}
	fputs("</g>\n", g->out);
}

/* One org's line: solid through the ledger's quarters, dashed through the
 * projected ones, broken where undefined; a dot at every point. */
static void svg_line(const struct svg *g, size_t org)
{
	const char *colour = PALETTE[org % NPALETTE];
	size_t q, prev = SIZE_MAX;

	for (q = 0; q < g->p->nq; q++) {
		double v = value(g->p, org, q);

		if (isnan(v)) {
			prev = SIZE_MAX;
			continue;
		}
		if (prev != SIZE_MAX)
			fprintf(g->out,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				"y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"%s/>\n",
				svg_x(g, prev),
				svg_y(g, value(g->p, org, prev)), svg_x(g, q),
				svg_y(g, v), colour,
				projected(g->p, org, q)
					? " stroke-dasharray=\"6 4\""
					: "");
		/* a projected point is hollow */
		fprintf(g->out,
			"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" "
			"stroke=\"%s\"/>\n",
			svg_x(g, q), svg_y(g, v),
			projected(g->p, org, q) ? "#fff" : colour, colour);
		prev = q;
	}
}

/* Whether the org has a range anywhere: a band of no height is noise. */
static bool has_band(const struct plot *p, size_t org)
{
	size_t q;

	for (q = 0; p->lo != NULL && q < p->nq; q++)
		if (p->lo[org * p->nq + q] < p->hi[org * p->nq + q])
			return true;
	return false;
}

/* One run of defined quarters [from, to] of the org's band: along the
 * high ends, then back along the low ends. */
static void svg_band_run(const struct svg *g, size_t org, size_t from,
			 size_t to)
{
	const double *lo = g->p->lo + org * g->p->nq;
	const double *hi = g->p->hi + org * g->p->nq;
	size_t q;

	fputs("<polygon points=\"", g->out);
	for (q = from; q <= to; q++)
		fprintf(g->out, "%.1f,%.1f ", svg_x(g, q), svg_y(g, hi[q]));
	for (q = to + 1; q-- > from;)
		fprintf(g->out, "%.1f,%.1f%s", svg_x(g, q), svg_y(g, lo[q]),
			q > from ? " " : "");
	fprintf(g->out, "\" fill=\"%s\" fill-opacity=\"0.18\"/>\n",
		PALETTE[org % NPALETTE]);
}

/* The org's ranges as a shaded band behind its line (SPEC 4.4). */
static void svg_band(const struct svg *g, size_t org)
{
	size_t q = 0, end;

	if (!has_band(g->p, org))
		return;
	while (q < g->p->nq) {
		if (isnan(value(g->p, org, q))) {
			q++;
			continue;
		}
		for (end = q;
		     end + 1 < g->p->nq && !isnan(value(g->p, org, end + 1));
		     end++)
			;
		svg_band_run(g, org, q, end);
		q = end + 1;
	}
}

/* A bar's range: a whisker from its low to its high end. */
static void svg_whiskers(const struct svg *g, size_t org, double x0, double w)
{
	size_t q;
	double slot = g->width / (double)g->p->nq;

	for (q = 0; g->p->lo != NULL && q < g->p->nq; q++) {
		size_t at = org * g->p->nq + q;
		double x = x0 + slot * (double)q + w / 2;

		if (isnan(g->p->v[at]) || !(g->p->lo[at] < g->p->hi[at]))
			continue;
		fprintf(g->out,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			"y2=\"%.1f\" stroke=\"#333\" stroke-width=\"1.5\"/>\n",
			x, svg_y(g, g->p->lo[at]), x, svg_y(g, g->p->hi[at]));
	}
}

/* The value of an org's last point, beside it: what a reader of a
 * capacity chart looks for first. */
static void svg_end_label(const struct svg *g, size_t org)
{
	char label[3 * CHART_NUM_MAX + 8], a[CHART_NUM_MAX], b[CHART_NUM_MAX];
	size_t q = g->p->nq, at;
	double x, y;

	while (q > 0 && isnan(value(g->p, org, q - 1)))
		q--;
	if (q == 0)
		return;
	at = org * g->p->nq + q - 1;
	x = svg_x(g, q - 1);
	y = svg_y(g, value(g->p, org, q - 1));
	tick_label(g->o, value(g->p, org, q - 1), label);
	/* the middle of a range means little without its ends */
	if (g->p->lo != NULL && g->p->lo[at] < g->p->hi[at])
		snprintf(label + strlen(label), sizeof label - strlen(label),
			 " (%s\xE2\x80\x93%s)",
			 tick_label(g->o, g->p->lo[at], a),
			 tick_label(g->o, g->p->hi[at], b));
	fprintf(g->out,
		"<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"11\"%s>"
		"%s</text>\n",
		x + 7, y - 6, PALETTE[org % NPALETTE],
		x + 7 + 6 * (double)strlen(label) > SVG_W
			? " text-anchor=\"end\""
			: "",
		label);
}

/* One org's bars: side by side with the other orgs' in each quarter;
 * projected bars pale, with a dashed edge. */
static void svg_bars(const struct svg *g, size_t org)
{
	const char *colour = PALETTE[org % NPALETTE];
	double slot = g->width / (double)g->p->nq;
	double w = slot * 0.8 / (double)g->p->norgs;
	double base = g->p->log ? g->top + g->height
				: svg_y(g, fmax(g->p->ticks[0], 0));
	size_t q;

	for (q = 0; q < g->p->nq; q++) {
		double v = value(g->p, org, q), y, x;

		if (isnan(v))
			continue;
		y = svg_y(g, v);
		x = g->left + slot * (double)q + slot * 0.1 + w * (double)org;
		fprintf(g->out,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			"height=\"%.1f\" fill=\"%s\"%s/>\n",
			x, fmin(y, base), w, fabs(base - y), colour,
			projected(g->p, org, q) ? " fill-opacity=\"0.35\" "
						  "stroke-dasharray=\"3 2\" "
						  "stroke=\"#333\""
						: "");
	}
	svg_whiskers(g, org, g->left + slot * 0.1 + w * (double)org, w);
}

static bool any_projected(const struct plot *p)
{
	size_t i;

	for (i = 0; i < p->norgs * p->nq; i++)
		if (p->projected[i])
			return true;
	return false;
}

enum gc_status chart_svg(FILE *out, const struct series *s,
			 const struct chart_opts *o, struct gc_error *err)
{
	struct plot p;
	struct svg g;
	locale_t loc;
	size_t org;
	int rows;
	enum gc_status st = plot_build(&p, s, o, err);

	if (st != GC_OK)
		return st;
	g.out = out;
	g.p = &p;
	g.o = o;
	g.left = SVG_LEFT;
	g.width = SVG_W - SVG_LEFT - SVG_RIGHT;
	rows = legend_rows(&p, g.width);
	g.top = (o->subtitle ? 62 : 44) + 18.0 * rows + 12;
	g.height = SVG_H - g.top - SVG_BOTTOM;
	loc = util_c_numeric_begin(); /* coordinates with '.' */
	svg_head(&g);
	svg_legend(&g, g.top - 18.0 * rows - 2);
	svg_y_axis(&g);
	svg_x_axis(&g);
	/* bands first, so that no band hides another org's line */
	for (org = 0; o->style != CHART_BARS && org < p.norgs; org++)
		svg_band(&g, org);
	for (org = 0; org < p.norgs; org++) {
		if (o->style == CHART_BARS) {
			svg_bars(&g, org);
		} else {
			svg_line(&g, org);
			svg_end_label(&g, org);
		}
	}
	if (any_projected(&p))
		fprintf(out,
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
			"fill=\"#666\">%s: projected</text>\n",
			SVG_W - SVG_RIGHT, SVG_H - 10,
			o->style == CHART_BARS ? "pale bars" : "dashed");
	if (p.lo != NULL)
		fprintf(out,
			"<text x=\"%.1f\" y=\"%.1f\" fill=\"#666\">%s: from "
			"the "
			"low to the high end of the ranges</text>\n",
			SVG_LEFT, SVG_H - 10,
			o->style == CHART_BARS ? "whiskers" : "shaded");
	fputs("</svg>\n", out);
	util_c_numeric_end(loc);
	plot_free(&p);
	return GC_OK;
}

/* ---- the terminal ---- */

#define TERM_ROWS 12 /* of the plot */
#define TERM_MIN  40 /* columns */

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
	int label_w, plot_w;
	const char *cell[TERM_ROWS][512]; /* NULL: blank */
	char letters[TERM_ROWS][512][2];  /* ASCII marks live here */
};

static int term_row(const struct plot *p, double v)
{
	double r = (1 - y_share(p, v)) * (TERM_ROWS - 1);

	return (int)floor(r + 0.5);
}

/* The columns quarter q spans: [*from, *to). */
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
		double v = value(t->p, org, q);
		int a, b, ra, rb, c;

		if (isnan(v)) {
			prev = SIZE_MAX;
			continue;
		}
		if (prev != SIZE_MAX) {
			a = term_mid(t, prev);
			b = term_mid(t, q);
			ra = term_row(t->p, value(t->p, org, prev));
			rb = term_row(t->p, v);
			for (c = a + 1; c < b; c++) {
				int r = ra +
					(int)floor((double)(rb - ra) * (c - a) /
							   (b - a) +
						   0.5);

				if (t->cell[r][c] == NULL)
					t->cell[r][c] = dot;
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
		for (r = term_row(t->p, t->p->hi[at]);
		     r <= term_row(t->p, t->p->lo[at]); r++)
			if (t->cell[r][col] == NULL)
				t->cell[r][col] = stroke;
	}
}

static bool any_range(const struct plot *p)
{
	size_t org;

	for (org = 0; org < p->norgs; org++)
		if (has_band(p, org))
			return true;
	return false;
}

static void term_marks(struct term *t, size_t org)
{
	size_t q;

	for (q = 0; q < t->p->nq; q++) {
		double v = value(t->p, org, q);
		int row, col;

		if (isnan(v))
			continue;
		col = term_mid(t, q);
		row = term_row(t->p, v);
		t->cell[row][col] = mark(org, projected(t->p, org, q),
					 t->o->ascii, t->letters[row][col]);
	}
}

/* Bars from zero (the foot of a log axis): each quarter's columns shared
 * by the orgs. */
static void term_bars(struct term *t, size_t org)
{
	int base = t->p->log || t->p->ticks[0] > 0 ? TERM_ROWS - 1
						   : term_row(t->p, 0);
	size_t q;

	for (q = 0; q < t->p->nq; q++) {
		double v = value(t->p, org, q);
		int from, to, w, c, r, end;

		if (isnan(v))
			continue;
		term_cols(t, q, &from, &to);
		w = (to - from) / (int)t->p->norgs;
		if (w < 1)
			w = 1;
		r = term_row(t->p, v);
		end = r > base ? r : base;
		r = r < base ? r : base;
		for (c = from + w * (int)org;
		     c < from + w * ((int)org + 1) && c < t->plot_w; c++)
			for (int i = r; i <= end; i++)
				t->cell[i][c] =
					projected(t->p, org, q)
						? (t->o->ascii ? "." : "\u2591")
						: shade(org, t->o->ascii);
	}
}

static void term_y_labels(const struct term *t,
			  char labels[][CHART_NUM_MAX + 2])
{
	int i, r;

	for (r = 0; r < TERM_ROWS; r++)
		labels[r][0] = '\0';
	for (i = 0; i < t->p->nticks; i++)
		tick_label(t->o, t->p->ticks[i],
			   labels[term_row(t->p, t->p->ticks[i])]);
}

static void term_x_labels(const struct term *t)
{
	char line[1024], buf[QUARTER_FMT_MAX];
	double slot = (double)t->plot_w / (double)t->p->nq;
	size_t q, every = label_every(slot, 8), n = (size_t)t->plot_w;

	memset(line, ' ', n);
	line[n] = '\0';
	for (q = 0; q < t->p->nq; q++) {
		const char *label = quarter_label(t->p, q, every, buf);
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

static void term_legend(const struct term *t)
{
	char buf[2];
	int x = 0;
	size_t org;

	for (org = 0; org < t->p->norgs; org++) {
		int w = (int)strlen(t->p->orgs[org]) + 4;

		if (x > 0 && x + w > t->o->width) {
			fputc('\n', t->out);
			x = 0;
		}
		fprintf(t->out, "%s%s %s", x > 0 ? "  " : "",
			t->o->style == CHART_BARS
				? shade(org, t->o->ascii)
				: mark(org, false, t->o->ascii, buf),
			t->p->orgs[org]);
		x += w;
	}
	fputc('\n', t->out);
	if (any_projected(t->p))
		fprintf(t->out, "%s: projected\n",
			t->o->style == CHART_BARS
				? (t->o->ascii ? "." : "\u2591")
				: (t->o->ascii ? "lower case" : "hollow"));
	if (t->o->style == CHART_LINE && any_range(t->p))
		fprintf(t->out, "%s the range, from its low to its high end\n",
			t->o->ascii ? ":" : "\u2506");
}

static void term_draw(struct term *t)
{
	char labels[TERM_ROWS][CHART_NUM_MAX + 2];
	const char *bar = t->o->ascii ? "|" : "\u2502";
	const char *tick = t->o->ascii ? "+" : "\u2524";
	int r, c;

	term_y_labels(t, labels);
	fprintf(t->out, "%s\n", title_of(t->o));
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
}

enum gc_status chart_term(FILE *out, const struct series *s,
			  const struct chart_opts *o, struct gc_error *err)
{
	char num[CHART_NUM_MAX + 2];
	struct plot p;
	struct term *t;
	size_t org;
	int i;
	enum gc_status st = plot_build(&p, s, o, err);

	if (st != GC_OK)
		return st;
	t = calloc(1, sizeof *t);
	if (t == NULL) {
		plot_free(&p);
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	t->out = out;
	t->p = &p;
	t->o = o;
	for (i = 0; i < p.nticks; i++)
		if ((int)strlen(tick_label(o, p.ticks[i], num)) > t->label_w)
			t->label_w = (int)strlen(num);
	t->plot_w =
		(o->width < TERM_MIN ? TERM_MIN : o->width) - t->label_w - 2;
	if (t->plot_w > 512)
		t->plot_w = 512;
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
	free(t);
	plot_free(&p);
	return GC_OK;
}
