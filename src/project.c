#include "gpucap/project.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/config.h"
#include "gpucap/quarter.h"

void project_opts_init(struct project_opts *o)
{
	memset(o, 0, sizeof *o);
	o->method = PROJECT_GEOMETRIC;
	o->window = CONFIG_WINDOW;
	o->baseline_price = NAN;
}

double project_rate(double start, double target, int quarters)
{
	if (!(start > 0) || quarters < 1)
		return NAN;
	return pow(target / start, 1.0 / quarters) - 1.0;
}

/* How one org grows past its last quarter. */
struct growth {
	bool linear;
	double rate; /* geometric: fraction a quarter; NaN: unknown */
	double step; /* linear: H100e a quarter */
	int window;  /* the quarters it was fitted over; 0: a target's */
	/* What the projection grows from: the last complete quarter's
	 * level, `offset` quarters before the last row (0 when it is
	 * complete: an incomplete quarter's partial level is no base). */
	double base;
	int offset;
};

/* Rows up to the last complete quarter: the ledger's own last quarters
 * may be marked incomplete (SPEC 3.4), and a fit leaves them out. */
static size_t complete_rows(const struct series_row *rows, size_t n)
{
	while (n > 0 && rows[n - 1].incomplete)
		n--;
	return n;
}

/* Fits the org's growth over the last `window` quarters, or fewer when
 * its series is shorter. */
static bool fit(const struct series_row *rows, size_t n,
		const struct project_opts *o, struct growth *g)
{
	size_t w;
	double last, base;

	n = complete_rows(rows, n);
	g->linear = o->method == PROJECT_LINEAR;
	if (n < 2)
		return false;
	w = (size_t)o->window < n - 1 ? (size_t)o->window : n - 1;
	g->window = (int)w;
	last = rows[n - 1].h100e;
	base = rows[n - 1 - w].h100e;
	if (g->linear) {
		g->step = (last - base) / (double)w;
		return !isnan(g->step);
	}
	g->rate = project_rate(base, last, (int)w);
	return !isnan(g->rate);
}

static double price_in(const struct project_opts *o, int year)
{
	return o->price.n == 0 ? o->baseline_price
			       : price_curve_at(&o->price, year);
}

/* The level k quarters after the last row. */
static double level_after(const struct growth *g, int k)
{
	int steps = k + g->offset;
	double h = g->linear ? fmax(0, g->base + steps * g->step)
			     : g->base * pow(1 + g->rate, steps);

	return isfinite(h) ? h : NAN; /* past what a double holds */
}

/* A projected row: the level h, what was added to reach it at the
 * year's price, and power at the last quarter's MW per H100e (a plan's
 * power cap is checked on projected quarters: SPEC 6). */
static void project_row(const struct project_opts *o, const struct growth *g,
			const struct series_row *prev, double h,
			struct series_row *r)
{
	double price = price_in(o, quarter_year(prev->quarter + 1));

	memset(r, 0, sizeof *r);
	r->org = prev->org;
	r->quarter = prev->quarter + 1;
	r->projected = true;
	r->fit_quarters = (unsigned short)g->window;
	r->fit_qoq = g->linear ? growth_pct(g->base + g->step, g->base)
			       : g->rate * 100;
	r->h100e = h;
	/* fmax would turn an undefined level into 0 added. */
	r->added = isnan(h) ? NAN : fmax(0, h - prev->h100e);
	r->retired = isnan(h) ? NAN : fmax(0, prev->h100e - h);
	r->units = r->reported = r->gap = NAN;
	r->power_mw = prev->h100e > 0 ? prev->power_mw / prev->h100e * h : NAN;
	r->spend = r->added * price;
	r->capex = r->spend;
	r->cum_spend = prev->cum_spend + r->spend;
	r->usd_per_h100e = r->added > 0 ? price : NAN;
}

static void warn_unfit(const struct project_opts *o, const char *org)
{
	struct gc_error w;

	if (o->warn == NULL)
		return;
	gc_fail(&w, GC_OK, NULL, 0, 0,
		"cannot fit the growth of '%s' (fewer than two quarters, or a "
		"level of zero): its projection is undefined",
		org);
	o->warn(o->warn_ctx, &w);
}

/* One org: its rows, then `steps` projected ones. */
static void project_org(const struct project_opts *o, const struct growth *g,
			const struct series_rates *x,
			const struct series_row *in, size_t n, size_t steps,
			struct series_row *out)
{
	size_t k;

	memcpy(out, in, n * sizeof *out);
	for (k = 1; k <= steps; k++)
		project_row(o, g, &out[n + k - 2], level_after(g, (int)k),
			    &out[n + k - 1]);
	series_fill_growth(out, out[0].quarter, n + steps);
	/* the ledger's capital goes on depreciating beside the new */
	series_fill_costs(out, n + steps, x);
}

static void solve(const struct series *in, const struct project_opts *o,
		  int steps, struct project_target *t)
{
	struct series_org g = { 0, 0 };

	memset(t, 0, sizeof *t);
	while (series_next_org(in, &g))
		t->start += in->rows[g.at + g.n - 1].h100e;
	t->from = in->rows[in->n - 1].quarter;
	t->rate = project_rate(t->start, o->target, steps);
}

/* The target's additions and their cost, from the projected rows. */
static void tally(const struct series *out, struct project_target *t)
{
	size_t i;

	for (i = 0; i < out->n; i++) {
		if (!out->rows[i].projected)
			continue;
		t->added += out->rows[i].added;
		t->cost += out->rows[i].spend;
	}
}

static enum gc_status check_horizon(const struct series *in,
				    const struct project_opts *o,
				    struct gc_error *err)
{
	char a[QUARTER_FMT_MAX], b[QUARTER_FMT_MAX];
	int last = in->rows[in->n - 1].quarter, first = last;
	size_t i;

	if (o->to <= last)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "%s is not after the ledger's last quarter, %s",
			       quarter_format(o->to, a),
			       quarter_format(last, b));
	for (i = 0; i < in->n; i++)
		first = in->rows[i].quarter < first ? in->rows[i].quarter
						    : first;
	/* a projection is a series like the ledger's, with the same bound */
	if (o->to - first + 1 > SERIES_SPAN_MAX)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "projecting to %s would span %s to %s, over "
			       "the limit of %d quarters",
			       quarter_format(o->to, a),
			       quarter_format(first, b),
			       quarter_format(o->to, a), SERIES_SPAN_MAX);
	return GC_OK;
}

static void growth_of(const struct project_opts *o,
		      const struct project_target *t,
		      const struct series_row *rows, size_t n, struct growth *g)
{
	size_t complete = complete_rows(rows, n);

	memset(g, 0, sizeof *g);
	g->base = rows[n - 1].h100e;
	if (o->has_target) {
		g->rate = t->rate;
		return;
	}
	if (complete > 0) {
		g->base = rows[complete - 1].h100e;
		g->offset = (int)(n - complete);
	}
	if (!fit(rows, n, o, g)) {
		warn_unfit(o, rows[0].org);
		g->linear = false;
		g->rate = NAN;
	}
}

/* Every org of in, its rows taken from `rows` (one of in's lanes), then
 * projected. */
static void project_rows(const struct series *in, const struct series_row *rows,
			 const struct project_opts *o,
			 const struct project_target *t, size_t steps,
			 struct series_row *out)
{
	struct series_org org = { 0, 0 };
	size_t at = 0;
	/* draws whose costs no one reads are spared working them out */
	const struct series_rates *costs =
		in->draws != NULL && !in->draws->lane_figures ? NULL
							      : &in->rates;

	while (series_next_org(in, &org)) {
		struct growth g;

		growth_of(o, t, &rows[org.at], org.n, &g);
		project_org(o, &g, costs, &rows[org.at], org.n, steps,
			    out + at);
		at += org.n + steps;
	}
	series_fill_shares(out, at);
}

/* Lanes for n rows, as many as in has, in its shape, sampled ones with
 * room for `room` rows more (the sum's, added after projecting). */
static bool lanes_like(const struct series *in, size_t n, size_t room,
		       struct series *out)
{
	if (in->draws != NULL) {
		if (in->draws->k > series_draws_fit(n + room) ||
		    !series_draws_init(out, n, room, in->draws->k,
				       in->draws->interval, in->draws->threads))
			return false;
		out->draws->lane_figures = in->draws->lane_figures;
		return true;
	}
	out->n = n;
	out->rows = calloc(n, sizeof *out->rows);
	if (in->low != NULL) {
		out->low = calloc(n, sizeof *out->low);
		out->high = calloc(n, sizeof *out->high);
		return out->rows && out->low && out->high;
	}
	return out->rows != NULL;
}

/* Each lane of the series is projected as the first is (its own fitted
 * growth, or the target's rate), then the lanes are reduced as the
 * ledger's are. Warnings are the first lane's to give. */
/* The quarters of the sum of the orgs once projected steps quarters on:
 * from the first org's first quarter to the last row's plus steps. */
static size_t total_span(const struct series *in, size_t steps)
{
	int first = in->rows[0].quarter;
	size_t i;

	for (i = 1; i < in->n; i++)
		first = in->rows[i].quarter < first ? in->rows[i].quarter
						    : first;
	return (size_t)(in->rows[in->n - 1].quarter - first) + steps + 1;
}

static enum gc_status project_lanes(const struct series *in,
				    const struct project_opts *o,
				    const struct project_target *t,
				    size_t steps, size_t n, struct series *out,
				    struct gc_error *err)
{
	struct project_opts quiet = *o;
	size_t k;

	quiet.warn = NULL;
	if (!lanes_like(in, n, o->total ? total_span(in, steps) : 0, out))
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	out->rates = in->rates;
	for (k = 0; k < series_nlanes(in); k++)
		project_rows(in, series_lane(in, k), k == 0 ? o : &quiet, t,
			     steps, series_lane(out, k));
	series_reduce(out);
	return GC_OK;
}

enum gc_status project_series(const struct series *in,
			      const struct project_opts *o, struct series *out,
			      struct project_target *target,
			      struct gc_error *err)
{
	struct project_target t;
	struct series_org org = { 0, 0 };
	size_t steps, orgs = 0;
	enum gc_status st;

	memset(out, 0, sizeof *out);
	if (in->n == 0)
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "the ledger has no rows to project from");
	st = check_horizon(in, o, err);
	if (st != GC_OK)
		return st;
	steps = (size_t)(o->to - in->rows[in->n - 1].quarter);
	solve(in, o, (int)steps, &t);
	if (o->has_target && isnan(t.rate))
		return gc_fail(
			err, GC_DATA, NULL, 0, 0,
			"cannot grow to the target from a level of zero");
	while (series_next_org(in, &org))
		orgs++;
	if (in->n + orgs * steps > SERIES_ROWS_MAX)
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "the projection would have %zu rows; the limit "
			       "is %d",
			       in->n + orgs * steps, SERIES_ROWS_MAX);
	st = project_lanes(in, o, &t, steps, in->n + orgs * steps, out, err);
	if (st != GC_OK) {
		series_free(out);
		return st;
	}
	tally(out, &t);
	if (target != NULL)
		*target = t;
	st = o->total ? series_add_total(out, err) : GC_OK;
	series_scrub(out);
	return st;
}
