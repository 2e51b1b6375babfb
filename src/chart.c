/* Charts: a series laid out as a plot (orgs x quarters of one column),
 * then drawn as SVG or as text. The plot is worked out once; each drawing
 * only maps it to its own coordinates, through one function that places a
 * value on the axis and clamps it there (chart_axis_share): no value, however
 * large, small or undefined, can land outside a drawing. */
#include "chart_impl.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/config.h"
#include "gpucap/quarter.h"
#include "util.h"

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
int plot_share_cell(double share, int n)
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
	return plot_share_cell(chart_axis_share(a, v, clip), n);
}

/* ---- the plot ---- */

void plot_free(struct plot *p)
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
static void plot_ends(struct plot *p, size_t at, const struct series *s,
		      const struct series_row *lo, const struct series_row *hi,
		      enum report_col col)
{
	double v = p->v[at], a, b;

	report_ends(s, lo, hi, col, &a, &b);
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

			p->v[at] = report_value(s, r, col);
			p->projected[at] = r->projected;
			if (!drawable(p, p->v[at]))
				p->v[at] = NAN; /* no place on the axis */
			if (p->lo != NULL)
				plot_ends(p, at, s, &s->low[i], &s->high[i],
					  col);
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

enum gc_status plot_build(struct plot *p, const struct series *s,
			  const struct chart_opts *o, struct gc_error *err)
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

double plot_value(const struct plot *p, size_t org, size_t q)
{
	return p->v[org * p->nq + q];
}

bool plot_projected(const struct plot *p, size_t org, size_t q)
{
	return p->projected[org * p->nq + q];
}

/* Where tick i sits on the axis, from 0 (the foot) to 1 (the top). */
double plot_tick_share(const struct plot *p, int i)
{
	return axis_place(&p->axis, p->ticks[i], NULL);
}

const char *plot_title(const struct chart_opts *o)
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
		[RC_FLOP_PER_S] = "Peak dense FLOP/s",
		[RC_RUN_FLOP] = "Largest training run (FLOP)",
		[RC_H100E_YEARS] = "H100-years in the quarter",
		[RC_CUM_H100E_YEARS] = "H100-years to date",
		[RC_ENERGY_MWH] = "Energy in the quarter (MWh)",
		[RC_CO2_T] = "CO2 in the quarter (t)",
		[RC_ENERGY_USD] = "Energy cost in the quarter (USD)",
		[RC_X_PER_YEAR] = "Growth on the year before (x)",
		[RC_DOUBLING_MONTHS] = "Doubling time (months)",
		[RC_SHARE_PCT] = "Share of the quarter's H100e (%)",
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

char *plot_tick_label(const struct chart_opts *o, double v, char *buf)
{
	char num[CHART_NUM_MAX];

	return decorate(o, chart_number(v, num), buf);
}

/* Tick i's label: its value, a power of ten on a log axis (written from
 * its exponent past 1e300, where the power itself may not be a double). */
char *plot_tick_label_at(const struct plot *p, const struct chart_opts *o,
			 int i, char *buf)
{
	char num[CHART_NUM_MAX];
	double t = p->ticks[i];

	if (!p->log)
		return plot_tick_label(o, t, buf);
	if (fabs(t) <= 300)
		return plot_tick_label(o, pow(10, t), buf);
	snprintf(num, sizeof num, "1e%d", (int)t);
	return decorate(o, num, buf);
}

/* Every how many quarters a label fits, given each quarter's width:
 * 1, 2, or whole years (4, 8, 20, ...) labelled at their first quarter. */
size_t plot_label_every(double quarter_width, double label_width)
{
	static const size_t STEPS[] = { 1, 2, 4, 8, 20, 40, 80, 200, 400 };
	size_t i;

	for (i = 0; i < sizeof STEPS / sizeof STEPS[0] - 1; i++)
		if (quarter_width * (double)STEPS[i] >= label_width)
			break;
	return STEPS[i];
}

/* The label of quarter q, or NULL where none goes. */
const char *plot_quarter_label(const struct plot *p, size_t q, size_t every,
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
size_t plot_text_columns(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Whether the org has a range anywhere: a band of no height is noise. */
bool plot_has_band(const struct plot *p, size_t org)
{
	size_t q;

	for (q = 0; p->lo != NULL && q < p->nq; q++)
		if (p->lo[org * p->nq + q] < p->hi[org * p->nq + q])
			return true;
	return false;
}

bool plot_any_projected(const struct plot *p)
{
	size_t i;

	for (i = 0; i < p->norgs * p->nq; i++)
		if (p->projected[i])
			return true;
	return false;
}
