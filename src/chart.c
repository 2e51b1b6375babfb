/* Charts: a series laid out as a plot (orgs x quarters of one column),
 * then drawn as SVG or as text. The plot is worked out once; each drawing
 * only maps it to its own coordinates, through one function that places a
 * value on the axis and clamps it there (chart_axis_share): no value, however
 * large, small or undefined, can land outside a drawing. */
#include "gpucap/chart.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/config.h"
#include "gpucap/quarter.h"
#include "util.h"

#define TICKS_MAX 12
/* A value within this share of the axis' span past an end is rounding,
 * not a value off the axis. */
#define CLIP_SLACK 1e-9
/* A tick's label: a number with a $ before or a % after. */
#define TICK_LABEL_MAX (CHART_NUM_MAX + 2)

/* One column of a series, per org and quarter. */
struct plot {
	const char **orgs;
	size_t norgs;
	int q0;		 /* first quarter */
	size_t nq;	 /* quarters, q0 to the last */
	double *v;	 /* [org * nq + quarter - q0]: NaN where undefined */
	double *lo, *hi; /* the same for the ends of ranges; NULL without */
	bool *projected;
	/* the y axis, in its own scale (values, or exponents on a log axis):
	 * the first and last tick are its ends */
	double ticks[TICKS_MAX];
	int nticks;
	bool log;
	struct chart_axis axis;
	bool clipped; /* some point lies past the axis */
};

void chart_opts_init(struct chart_opts *o)
{
	memset(o, 0, sizeof *o);
	o->column = RC_H100E;
	o->style = CHART_LINE;
	o->width = CONFIG_TERM_WIDTH;
}

/* ---- numbers and ticks ---- */

/* "2.50e-07" (as %.2e writes it) as "2.5e-7": the mantissa without
 * trailing zeros, the exponent without a plus sign or leading zeros. */
static void short_exponent(const char *sci, char *buf)
{
	const char *e = strchr(sci, 'e');
	int n = (int)(e - sci);

	while (n > 0 && sci[n - 1] == '0')
		n--;
	if (n > 0 && sci[n - 1] == '.')
		n--;
	snprintf(buf, CHART_NUM_MAX, "%.*se%ld", n, sci,
		 strtol(e + 1, NULL, 10));
}

char *chart_number(double v, char *buf)
{
	static const struct {
		double unit;
		const char *suffix;
	} SCALES[] = {
		{ 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "k" }
	};
	char sci[CHART_NUM_MAX];
	locale_t loc;
	double r, a;
	size_t i;

	if (!isfinite(v)) {
		snprintf(buf, CHART_NUM_MAX, "\xE2\x80\x93"); /* – */
		return buf;
	}
	loc = util_c_numeric_begin();
	/* rounded to three figures before the suffix is chosen, so that
	 * 999,999 is 1M and not 1e+03k */
	snprintf(sci, sizeof sci, "%.2e", v);
	r = strtod(sci, NULL);
	a = fabs(r);
	for (i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++)
		if (a >= SCALES[i].unit)
			break;
	if (a == 0)
		snprintf(buf, CHART_NUM_MAX, "0");
	else if (a >= 1e15 || a < 1e-4) /* past the suffixes: 1e15, 2e-7 */
		short_exponent(sci, buf);
	else if (i < sizeof SCALES / sizeof SCALES[0])
		snprintf(buf, CHART_NUM_MAX, "%.3g%s", r / SCALES[i].unit,
			 SCALES[i].suffix);
	else
		snprintf(buf, CHART_NUM_MAX, "%.3g", r);
	util_c_numeric_end(loc);
	return buf;
}

/* A round step near raw, a fifth of the span (above zero, normal): 1, 2,
 * 2.5 or 5 times a power of ten. */
static double round_step(double raw)
{
	static const double NICE[] = { 1, 2, 2.5, 5, 10 };
	double mag = pow(10, floor(log10(raw)));
	size_t i;

	for (i = 0; i < sizeof NICE / sizeof NICE[0] - 1; i++)
		if (NICE[i] * mag >= raw)
			break;
	return NICE[i] * mag;
}

int chart_ticks(double lo, double hi, double *ticks, int max)
{
	double step, first, m;
	int n = 0, k;

	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	/* within +-1e307 the step stays below 1e307 and every tick, at most
	 * a step past an end, is finite */
	lo = fmin(fmax(lo, -CHART_LINEAR_MAX), CHART_LINEAR_MAX);
	hi = fmin(fmax(hi, -CHART_LINEAR_MAX), CHART_LINEAR_MAX);
	if (hi < lo) {
		m = lo;
		lo = hi;
		hi = m;
	}
	m = fmax(fabs(lo), fabs(hi));
	if (m < 1e-290) { /* nothing to tell apart from zero */
		lo = 0;
		hi = 1;
	} else if (hi - lo < m * 1e-9) { /* flat, or as good as */
		lo = fmin(lo, 0);
		hi = fmax(hi, 0);
	}
	/* a fifth of the span, taken apart so that it cannot overflow */
	step = round_step(hi / 5 - lo / 5);
	first = floor(lo / step);
	for (k = 0; n < max; k++) {
		double t = (first + k) * step;

		ticks[n++] = fabs(t) < step * 1e-9 ? 0 : t;
		if (t >= hi - step * 1e-9)
			break;
	}
	return n;
}

/* The multiple of step at or below e, and at or above it. */
static int floor_multiple(int e, int step)
{
	return (e / step - (e % step < 0 ? 1 : 0)) * step;
}

static int ceil_multiple(int e, int step)
{
	return (e / step + (e % step > 0 ? 1 : 0)) * step;
}

int chart_log_ticks(double lo, double hi, double *exponents, int max)
{
	static const int SPACING[] = { 1, 2, 5 };
	int e0, e1, step = 1, first = 0, last = 0, n = 0, k, e;

	if (!(lo > 0 && lo <= DBL_MAX))
		lo = 1;
	if (!(hi >= lo && hi <= DBL_MAX))
		hi = lo;
	/* finite and above zero: the exponents lie within -324 to 309 */
	e0 = (int)floor(log10(lo));
	e1 = (int)ceil(log10(hi));
	if (e1 == e0)
		e1++;
	/* every decade, else every 2nd, 5th, 10th, 20th, ...: 1,000 decades
	 * apart, two or three ticks span every double */
	for (k = 0; step < 1000; k++) {
		step = SPACING[k % 3];
		for (e = 0; e < k / 3; e++)
			step *= 10;
		first = floor_multiple(e0, step);
		last = ceil_multiple(e1, step);
		if ((last - first) / step + 1 <= max)
			break;
	}
	for (e = first; e <= last && n < max; e += step)
		exponents[n++] = e;
	return n;
}

/* x, in the axis' own scale, from 0 (the foot) to 1 (the top), clamped. */
static double axis_place(const struct chart_axis *a, double x,
			 enum chart_clip *clip)
{
	/* halves, so that the span of two ends near +-1e307 is finite */
	double span = a->hi / 2 - a->lo / 2, s;
	enum chart_clip c = CHART_INSIDE;

	if (!(isfinite(a->lo) && isfinite(a->hi) && span > 0)) {
		s = 0.5;
	} else if (isnan(x)) {
		s = 0;
		c = CHART_BELOW;
	} else {
		s = (x / 2 - a->lo / 2) / span; /* +-inf past the ends */
		if (s > 1 + CLIP_SLACK)
			c = CHART_ABOVE;
		else if (s < -CLIP_SLACK)
			c = CHART_BELOW;
		s = fmin(fmax(s, 0), 1);
	}
	if (clip != NULL)
		*clip = c;
	return s;
}

double chart_axis_share(const struct chart_axis *a, double v,
			enum chart_clip *clip)
{
	double x = v;

	if (a->log && !isnan(v))
		x = v > 0 ? log10(v) : -INFINITY;
	return axis_place(a, x, clip);
}

/* The cell of a share among n cells from the top. */
static int share_cell(double share, int n)
{
	int c;

	if (n < 1)
		return 0;
	c = (int)floor((1 - share) * (n - 1) + 0.5);
	/* within already, for a share within [0, 1]; kept so that nothing a
	 * caller passes can index outside */
	return c < 0 ? 0 : c > n - 1 ? n - 1 : c;
}

int chart_axis_cell(const struct chart_axis *a, double v, int n,
		    enum chart_clip *clip)
{
	return share_cell(chart_axis_share(a, v, clip), n);
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
	struct series_org o = { 0, 0 };
	int q1 = s->rows[0].quarter;

	p->q0 = s->rows[0].quarter;
	p->orgs = malloc(s->n * sizeof *p->orgs);
	if (p->orgs == NULL)
		return false;
	while (series_next_org(s, &o)) {
		const struct series_row *r = &s->rows[o.at];

		p->orgs[p->norgs++] = r->org;
		p->q0 = r->quarter < p->q0 ? r->quarter : p->q0;
		q1 = r[o.n - 1].quarter > q1 ? r[o.n - 1].quarter : q1;
	}
	p->nq = (size_t)(q1 - p->q0 + 1);
	return true;
}

/* Whether v can be drawn: finite, and above zero on a log axis. What
 * cannot is undefined, as growth against zero is. */
static bool drawable(const struct plot *p, double v)
{
	return isfinite(v) && (!p->log || v > 0);
}

/* A range's ends where the point is drawn; an end that cannot be drawn
 * (growth from zero, at or below zero on a log axis) stops at the point
 * itself. */
static void plot_ends(struct plot *p, size_t at, const struct series_row *lo,
		      const struct series_row *hi, enum report_col col)
{
	double v = p->v[at], a = report_value(lo, col),
	       b = report_value(hi, col);

	if (isnan(v))
		return;
	p->lo[at] = drawable(p, a) ? a : v;
	p->hi[at] = drawable(p, b) ? b : v;
}

static bool plot_values(struct plot *p, const struct series *s,
			enum report_col col)
{
	struct series_org o = { 0, 0 };
	size_t i, org, n = p->norgs * p->nq;

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
	for (org = 0; series_next_org(s, &o); org++) {
		for (i = o.at; i < o.at + o.n; i++) {
			const struct series_row *r = &s->rows[i];
			size_t at = org * p->nq + (size_t)(r->quarter - p->q0);

			p->v[at] = report_value(r, col);
			p->projected[at] = r->projected;
			if (!drawable(p, p->v[at]))
				p->v[at] = NAN; /* no place on the axis */
			if (p->lo != NULL)
				plot_ends(p, at, &s->low[i], &s->high[i], col);
		}
	}
	return true;
}

/* Whether any point lies past the axis: only past +-CHART_LINEAR_MAX, as
 * the ticks cover every value that can be drawn. */
static bool plot_clipped(const struct plot *p)
{
	size_t i;
	enum chart_clip c;

	for (i = 0; i < p->norgs * p->nq; i++) {
		if (isnan(p->v[i]))
			continue;
		chart_axis_share(&p->axis, p->v[i], &c);
		if (c != CHART_INSIDE)
			return true;
	}
	return false;
}

/* The y axis: round ticks over the values and their ranges (and zero, on
 * a linear axis), as powers of ten on a log axis. */
static bool plot_axis(struct plot *p)
{
	double lo = INFINITY, hi = -INFINITY;
	size_t i;

	for (i = 0; i < p->norgs * p->nq; i++) {
		double v = p->v[i];

		if (isnan(v))
			continue;
		lo = fmin(lo, p->lo ? fmin(p->lo[i], v) : v);
		hi = fmax(hi, p->hi ? fmax(p->hi[i], v) : v);
	}
	if (lo > hi)
		return false;
	if (p->log)
		p->nticks = chart_log_ticks(lo, hi, p->ticks, TICKS_MAX);
	else
		p->nticks = chart_ticks(fmin(lo, 0), fmax(hi, 0), p->ticks,
					TICKS_MAX);
	p->axis.log = p->log;
	p->axis.lo = p->ticks[0];
	p->axis.hi = p->ticks[p->nticks - 1];
	p->clipped = plot_clipped(p);
	return true;
}

/* Every text the chart shows must be UTF-8, as the SVG says it is and a
 * terminal expects; the ledger's readers check the orgs already. */
static enum gc_status plot_text(const struct plot *p,
				const struct chart_opts *o,
				struct gc_error *err)
{
	size_t i;

	if (o->title != NULL && !util_utf8_valid(o->title))
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "the chart's title is not valid UTF-8");
	if (o->subtitle != NULL && !util_utf8_valid(o->subtitle))
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "the chart's subtitle is not valid UTF-8");
	for (i = 0; i < p->norgs; i++)
		if (!util_utf8_valid(p->orgs[i]))
			return gc_fail(err, GC_DATA, NULL, 0, 0,
				       "org %zu of the chart: its name is not "
				       "valid UTF-8",
				       i + 1);
	return GC_OK;
}

static enum gc_status plot_build(struct plot *p, const struct series *s,
				 const struct chart_opts *o,
				 struct gc_error *err)
{
	enum gc_status st;

	memset(p, 0, sizeof *p);
	p->log = o->log;
	if (s->n == 0)
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "nothing to chart: the ledger has no rows");
	if (!plot_shape(p, s) || !plot_values(p, s, o->column)) {
		plot_free(p);
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	st = plot_text(p, o, err);
	if (st != GC_OK) {
		plot_free(p);
		return st;
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

/* Where tick i sits on the axis, from 0 (the foot) to 1 (the top). */
static double tick_share(const struct plot *p, int i)
{
	return axis_place(&p->axis, p->ticks[i], NULL);
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

/* A number's label: with % or $ as the column counts. buf needs
 * TICK_LABEL_MAX bytes. */
static char *decorate(const struct chart_opts *o, const char *num, char *buf)
{
	enum cell_type t = REPORT_COLS[o->column].type;

	snprintf(buf, TICK_LABEL_MAX, "%s%s%s", t == CT_USD ? "$" : "", num,
		 t == CT_PCT ? "%" : "");
	return buf;
}

static char *tick_label(const struct chart_opts *o, double v, char *buf)
{
	char num[CHART_NUM_MAX];

	return decorate(o, chart_number(v, num), buf);
}

/* Tick i's label: its value, a power of ten on a log axis (written from
 * its exponent past 1e300, where the power itself may not be a double). */
static char *tick_label_at(const struct plot *p, const struct chart_opts *o,
			   int i, char *buf)
{
	char num[CHART_NUM_MAX];
	double t = p->ticks[i];

	if (!p->log)
		return tick_label(o, t, buf);
	if (fabs(t) <= 300)
		return tick_label(o, pow(10, t), buf);
	snprintf(num, sizeof num, "1e%d", (int)t);
	return decorate(o, num, buf);
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

/* Characters in UTF-8 text, each a column as the table printers count. */
static size_t text_columns(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* ---- SVG ---- */

#define SVG_W	     800.0
#define SVG_H	     450.0
#define SVG_LEFT     64.0
#define SVG_RIGHT    24.0
#define SVG_BOTTOM   48.0
#define SVG_PLOT_MIN 160.0 /* px of plot, however many rows of legend */
#define CHAR_W	     7.5   /* a 12 px sans-serif character, at most about */
#define REPLACEMENT  "\xEF\xBF\xBD" /* U+FFFD */

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
	double doc_h;			 /* the document's height */
};

/* Text as XML 1.0 takes it (s is valid UTF-8): the markup characters as
 * entities; tab, line feed, carriage return, DEL and the C1 controls as
 * character references, which XML allows and which keep raw control bytes
 * out of a file someone may print; the other C0 controls, and U+FFFE and
 * U+FFFF, which XML forbids even as references, as U+FFFD. */
static void xml_text(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p == '&')
			fputs("&amp;", out);
		else if (*p == '<')
			fputs("&lt;", out);
		else if (*p == '>')
			fputs("&gt;", out);
		else if (*p == '"')
			fputs("&quot;", out);
		else if (*p == '\t' || *p == '\n' || *p == '\r' || *p == 0x7F)
			fprintf(out, "&#%u;", (unsigned)*p);
		else if (*p < 0x20)
			fputs(REPLACEMENT, out);
		else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			fprintf(out, "&#%u;",
				(unsigned)*++p); /* C2 80 is U+0080 */
		else if (p[0] == 0xEF && p[1] == 0xBF &&
			 (p[2] == 0xBE || p[2] == 0xBF)) {
			fputs(REPLACEMENT, out);
			p += 2;
		} else
			fputc(*p, out);
	}
}

static double svg_x(const struct svg *g, size_t q)
{
	double slot = g->width / (double)g->p->nq;

	return g->left + slot * ((double)q + 0.5);
}

/* Within the plot area, whatever v is: the axis clamps it. */
static double svg_y_clip(const struct svg *g, double v, enum chart_clip *clip)
{
	return g->top +
	       g->height * (1 - chart_axis_share(&g->p->axis, v, clip));
}

static double svg_y(const struct svg *g, double v)
{
	return svg_y_clip(g, v, NULL);
}

static double svg_tick_y(const struct svg *g, int i)
{
	return g->top + g->height * (1 - tick_share(g->p, i));
}

/* A point past the axis: a triangle on the edge it lies beyond, pointing
 * out of the plot. */
static void svg_clip_mark(const struct svg *g, double x, enum chart_clip c,
			  const char *fill, const char *stroke)
{
	double y = c == CHART_ABOVE ? g->top : g->top + g->height;
	double d = c == CHART_ABOVE ? 7 : -7;

	fprintf(g->out,
		"<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
		"fill=\"%s\" stroke=\"%s\"/>\n",
		x, y, x - 4.5, y + d, x + 4.5, y + d, fill, stroke);
}

/* The width of an org's legend item: a swatch and its name. */
static double legend_item(const char *org)
{
	return 36 + CHAR_W * (double)text_columns(org);
}

/* The legend's rows: an item is a swatch and the org's name. */
static int legend_rows(const struct plot *p, double width)
{
	double x = 0;
	int rows = 1;
	size_t i;

	for (i = 0; i < p->norgs; i++) {
		double w = legend_item(p->orgs[i]);

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
		double w = legend_item(g->p->orgs[i]);

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
		SVG_W, g->doc_h, SVG_W, g->doc_h);
	xml_text(g->out, title_of(g->o));
	fprintf(g->out,
		"</title>\n<rect width=\"%.0f\" height=\"%.0f\" "
		"fill=\"#fff\"/>\n<text x=\"%.1f\" y=\"24\" "
		"font-size=\"16\" font-weight=\"bold\">",
		SVG_W, g->doc_h, SVG_LEFT);
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
	char num[TICK_LABEL_MAX];
	int i;

	fputs("<g stroke=\"#ddd\">\n", g->out);
	for (i = 0; i < g->p->nticks; i++) {
		double y = svg_tick_y(g, i);

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
			g->left - 8, svg_tick_y(g, i) + 4,
			tick_label_at(g->p, g->o, i, num));
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
 * projected ones, broken where undefined; a dot at every point (a
 * triangle on the edge for a point past the axis). */
static void svg_line(const struct svg *g, size_t org)
{
	const char *colour = PALETTE[org % NPALETTE];
	size_t q, prev = SIZE_MAX;

	for (q = 0; q < g->p->nq; q++) {
		double v = value(g->p, org, q), y;
		enum chart_clip clip;
		/* a projected point is hollow */
		const char *fill = projected(g->p, org, q) ? "#fff" : colour;

		if (isnan(v)) {
			prev = SIZE_MAX;
			continue;
		}
		y = svg_y_clip(g, v, &clip);
		if (prev != SIZE_MAX)
			fprintf(g->out,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				"y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"%s/>\n",
				svg_x(g, prev),
				svg_y(g, value(g->p, org, prev)), svg_x(g, q),
				y, colour,
				projected(g->p, org, q)
					? " stroke-dasharray=\"6 4\""
					: "");
		if (clip == CHART_INSIDE)
			fprintf(g->out,
				"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
				"fill=\"%s\" stroke=\"%s\"/>\n",
				svg_x(g, q), y, fill, colour);
		else
			svg_clip_mark(g, svg_x(g, q), clip, fill, colour);
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
	char label[3 * TICK_LABEL_MAX + 8], a[TICK_LABEL_MAX],
		b[TICK_LABEL_MAX];
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
 * projected bars pale, with a dashed edge. A bar from zero, or from the
 * foot of a log axis (where zero is clamped to). */
static void svg_bars(const struct svg *g, size_t org)
{
	const char *colour = PALETTE[org % NPALETTE];
	double slot = g->width / (double)g->p->nq;
	double w = slot * 0.8 / (double)g->p->norgs;
	double base = svg_y(g, 0);
	size_t q;

	for (q = 0; q < g->p->nq; q++) {
		double v = value(g->p, org, q), y, x;
		enum chart_clip clip;

		if (isnan(v))
			continue;
		y = svg_y_clip(g, v, &clip);
		x = g->left + slot * (double)q + slot * 0.1 + w * (double)org;
		fprintf(g->out,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			"height=\"%.1f\" fill=\"%s\"%s/>\n",
			x, fmin(y, base), w, fabs(base - y), colour,
			projected(g->p, org, q) ? " fill-opacity=\"0.35\" "
						  "stroke-dasharray=\"3 2\" "
						  "stroke=\"#333\""
						: "");
		if (clip != CHART_INSIDE)
			svg_clip_mark(g, x + w / 2, clip, "#333", "#333");
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

/* What the marks mean, along the foot of the chart. */
static void svg_notes(const struct svg *g)
{
	const char *bars = g->o->style == CHART_BARS ? "bars" : NULL;
	double y = g->doc_h - 10;

	if (any_projected(g->p))
		fprintf(g->out,
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
			"fill=\"#666\">%s: projected</text>\n",
			SVG_W - SVG_RIGHT, y, bars ? "pale bars" : "dashed");
	if (g->p->lo == NULL && !g->p->clipped)
		return;
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#666\">", SVG_LEFT,
		y);
	if (g->p->lo != NULL)
		fprintf(g->out,
			"%s: from the low to the high end of the ranges",
			bars ? "whiskers" : "shaded");
	if (g->p->clipped)
		fprintf(g->out,
			"%s\xE2\x96\xB2\xE2\x96\xBC on an edge: past "
			"the axis",
			g->p->lo != NULL ? "; " : "");
	fputs("</text>\n", g->out);
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
	/* a long legend takes the plot's room, then makes the page taller */
	g.height = fmax(SVG_H - g.top - SVG_BOTTOM, SVG_PLOT_MIN);
	g.doc_h = g.top + g.height + SVG_BOTTOM;
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
	svg_notes(&g);
	fputs("</svg>\n", out);
	util_c_numeric_end(loc);
	plot_free(&p);
	return GC_OK;
}

/* ---- the terminal ---- */

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
		double v = value(t->p, org, q);
		int a, b, ra, rb, c;

		if (isnan(v)) {
			prev = SIZE_MAX;
			continue;
		}
		if (prev != SIZE_MAX) {
			a = term_mid(t, prev);
			b = term_mid(t, q);
			ra = term_row(t, value(t->p, org, prev), NULL);
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
		if (has_band(p, org))
			return true;
	return false;
}

static void term_marks(struct term *t, size_t org)
{
	size_t q;

	for (q = 0; q < t->p->nq; q++) {
		double v = value(t->p, org, q);
		enum chart_clip clip;
		int row, col;

		if (isnan(v))
			continue;
		col = term_mid(t, q);
		row = term_row(t, v, &clip);
		term_put(t, row, col,
			 clip != CHART_INSIDE
				 ? clip_mark(clip, t->o->ascii)
				 : mark(org, projected(t->p, org, q),
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
		double v = value(t->p, org, q);
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
					: projected(t->p, org, q)
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
		tick_label_at(
			t->p, t->o, i,
			labels[share_cell(tick_share(t->p, i), TERM_ROWS)]);
}

static void term_x_labels(const struct term *t)
{
	char line[TERM_COLS_MAX + 1], buf[QUARTER_FMT_MAX];
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

/* Escaped text in at most max columns: cut, with an ellipsis, when it is
 * longer. Returns the columns written. */
static int term_text(const struct term *t, const char *s, int max)
{
	const char *dots = t->o->ascii ? "..." : "\u2026";
	int dots_w = t->o->ascii ? 3 : 1, cols = 0;
	size_t n = text_columns(s), at = 0;

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
		size_t name = text_columns(t->orgs[org]);
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
	if (any_projected(t->p))
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
}

static void term_free(struct term *t)
{
	size_t i;

	for (i = 0; t->orgs != NULL && i < t->p->norgs; i++)
		free(t->orgs[i]);
	free(t->orgs);
	free(t->title);
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
		if ((int)strlen(tick_label_at(p, o, i, num)) > t->label_w)
			t->label_w = (int)strlen(num);
	t->plot_w = t->width - t->label_w - 2;
	if (t->plot_w > TERM_COLS_MAX)
		t->plot_w = TERM_COLS_MAX;
	t->title = util_escape_controls(title_of(o));
	t->orgs = calloc(p->norgs, sizeof *t->orgs);
	for (org = 0; t->orgs != NULL && org < p->norgs; org++) {
		t->orgs[org] = util_escape_controls(p->orgs[org]);
		if (t->orgs[org] == NULL)
			break;
	}
	if (t->title == NULL || t->orgs == NULL || org < p->norgs) {
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
