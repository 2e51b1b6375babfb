/* The series (series.h): lanes of scenarios, their reduction, one org's
 * rows and years, growth, the sum of the orgs. */
#include "gpucap/series.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/quarter.h"
#include "series_impl.h"
#include "util.h"

/* ---- lanes ---- */

size_t series_nlanes(const struct series *s)
{
	if (s->draws != NULL)
		return s->draws->k;
	return s->low != NULL ? 3 : 1;
}

struct series_row *series_lane(const struct series *s, size_t k)
{
	struct series_row *const bounds[3] = { s->rows, s->low, s->high };

	return s->draws != NULL ? s->draws->lane[k] : bounds[k];
}

size_t series_draws_fit(size_t n)
{
	double lanes = SERIES_DRAWS_BYTES /
		       ((double)(n + 1) * sizeof(struct series_row));

	return lanes > 3 ? (size_t)lanes - 3 : 0;
}

/* k lanes of cap rows in one block, at d->lane; false when out of memory
 * (d unchanged). Every row of a draw is written when it is made: no need
 * to clear them. */
static bool lay_out(struct series_draws *d, size_t k, size_t cap)
{
	struct series_row **lane = malloc((k + 1) * sizeof *lane);
	struct series_row *block = k > SIZE_MAX / sizeof *block / cap
					   ? NULL
					   : malloc(k * cap * sizeof *block);
	size_t i;

	if (lane == NULL || block == NULL) {
		free(lane);
		free(block);
		return false;
	}
	for (i = 0; i < k; i++)
		lane[i] = block + i * cap;
	free(d->lane);
	free(d->block);
	d->lane = lane;
	d->block = block;
	d->cap = cap;
	d->k = k;
	return true;
}

bool series_draws_init(struct series *s, size_t n, size_t room, size_t k,
		       double interval, int threads)
{
	memset(s, 0, sizeof *s);
	s->n = n;
	s->draws = calloc(1, sizeof *s->draws);
	if (s->draws == NULL)
		return false;
	s->draws->interval = interval;
	s->draws->threads = threads;
	if (!lay_out(s->draws, k, n + room + 1))
		return false;
	s->rows = calloc(n + 1, sizeof *s->rows);
	s->low = calloc(n + 1, sizeof *s->low);
	s->high = calloc(n + 1, sizeof *s->high);
	return s->rows != NULL && s->low != NULL && s->high != NULL;
}

void series_free(struct series *s)
{
	if (s->draws != NULL) {
		free(s->draws->lane);
		free(s->draws->block);
	}
	free(s->draws);
	free(s->rows);
	free(s->low);
	free(s->high);
	memset(s, 0, sizeof *s);
}

/* ---- one org's rows ---- */

bool series_next_org(const struct series *s, struct series_org *o)
{
	size_t j;

	o->at += o->n;
	if (o->at >= s->n)
		return false;
	for (j = o->at + 1; j < s->n; j++)
		if (s->rows[j].org != s->rows[o->at].org ||
		    s->rows[j].total != s->rows[o->at].total)
			break;
	o->n = j - o->at;
	return true;
}

const struct series_row *series_at(const struct series_row *rows, size_t n,
				   int q)
{
	if (n == 0 || q < rows[0].quarter || q >= rows[0].quarter + (int)n)
		return NULL;
	return &rows[q - rows[0].quarter];
}

static double ratio(double a, double b)
{
	return a > 0 && b > 0 ? a / b : NAN;
}

int series_year(const struct series_row *rows, size_t n, int year,
		struct series_row *out)
{
	const struct series_row *q4 = series_at(rows, n, quarter_make(year, 4));
	double added = 0, retired = 0, spend = 0, capex = 0, dep = 0, cost = 0;
	double hours = 0;
	int q, found = 0;

	for (q = 1; q <= 4; q++) {
		const struct series_row *r =
			series_at(rows, n, quarter_make(year, q));

		if (r == NULL)
			continue;
		found++;
		added += r->added;
		retired += r->retired;
		spend += r->spend;
		capex += r->capex;
		dep += r->depreciation;
		cost += r->cost;
		hours += r->h100e * SERIES_QUARTER_HOURS;
	}
	memset(out, 0, sizeof *out);
	out->org = n > 0 ? rows[0].org : NULL;
	out->total = n > 0 && rows[0].total;
	if (q4 != NULL) {
		*out = *q4;
	} else {
		out->units = out->h100e = out->reported = out->gap = NAN;
		out->qoq = out->yoy = out->ytd = out->cum_spend = NAN;
		out->power_mw = out->cum_h100e_years = out->share_pct = NAN;
		out->fit_qoq = NAN;
	}
	out->capex = capex;
	out->depreciation = dep;
	out->cost = cost;
	out->usd_per_h100e_hour = ratio(cost, hours);
	out->quarter = quarter_make(year, 4);
	out->added = added;
	out->retired = retired;
	out->spend = spend;
	out->usd_per_h100e = ratio(spend, added);
	return found;
}

void series_year_bound(struct series_row *lo, struct series_row *hi)
{
	double lo_usd = ratio(lo->spend, hi->added);
	/* the year's H100e-hours at each end, from its cost and their ratio */
	double lo_hours = lo->cost / lo->usd_per_h100e_hour;
	double hi_hours = hi->cost / hi->usd_per_h100e_hour;

	hi->usd_per_h100e = ratio(hi->spend, lo->added);
	lo->usd_per_h100e = lo_usd;
	lo->usd_per_h100e_hour = ratio(lo->cost, hi_hours);
	hi->usd_per_h100e_hour = ratio(hi->cost, lo_hours);
}

/* ---- growth and the sum of the orgs ---- */

double growth_pct(double now, double before)
{
	double g;

	if (isnan(now) || isnan(before) || !(before > 0))
		return NAN;
	g = (now / before - 1.0) * 100.0;
	return isfinite(g) ? g : NAN; /* 1e12 over 1e-300 */
}

void series_fill_growth(struct series_row *rows, int first, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int q = first + (int)i;
		int ytd_base = quarter_make(quarter_year(q) - 1, 4);

		rows[i].qoq = growth_pct(rows[i].h100e,
					 i >= 1 ? rows[i - 1].h100e : NAN);
		rows[i].yoy = growth_pct(rows[i].h100e,
					 i >= 4 ? rows[i - 4].h100e : NAN);
		rows[i].ytd = growth_pct(
			rows[i].h100e,
			ytd_base >= first ? rows[ytd_base - first].h100e : NAN);
		rows[i].cum_h100e_years =
			(i >= 1 ? rows[i - 1].cum_h100e_years : 0) +
			rows[i].h100e * 0.25;
	}
}

/* ---- money ---- */

double series_energy_mwh(const struct series_rates *x, double power_mw)
{
	return power_mw * x->load * SERIES_QUARTER_HOURS;
}

double series_energy_usd(const struct series_rates *x, double power_mw)
{
	return series_energy_mwh(x, power_mw) * 1000 * x->usd_per_kwh;
}

/* Row i's depreciation: each of the last d quarters' capex over d, for
 * the share of that quarter's H100e still in service. Retirements take
 * the oldest H100e first, whatever their model: with `added` the H100e
 * added through quarter i and `retired` those retired through it,
 * quarter b's H100e are the stretch [A(b-1), A(b)) of the running sum
 * of additions, and the part of it past `retired` is in service. Rows
 * before `from` are wholly retired, and add nothing (not even an
 * unknown price). */
static double depreciation(const struct series_row *rows, size_t from, size_t i,
			   double added, double retired, int d)
{
	double top = added, sum = 0;
	size_t b, oldest = i + 1 >= (size_t)d ? i + 1 - (size_t)d : 0;

	for (b = i + 1; b-- > from && b >= oldest;) {
		double bottom = top - rows[b].added;
		double left = bottom >= retired || !(rows[b].added > 0)
				      ? 1
				      : (top - retired) / rows[b].added;

		if (left > 0)
			sum += rows[b].capex * left;
		top = bottom;
	}
	return sum / d;
}

void series_fill_costs(struct series_row *rows, size_t n,
		       const struct series_rates *x)
{
	double added = 0, retired = 0, below = 0; /* the H100e before from */
	size_t i, from = 0;

	for (i = 0; x == NULL && i < n; i++)
		rows[i].depreciation = rows[i].cost =
			rows[i].usd_per_h100e_hour = NAN;
	for (i = 0; x != NULL && i < n; i++) {
		struct series_row *r = &rows[i];

		added += r->added;
		retired += r->retired;
		/* a quarter whose H100e have all retired stays so, as does
		 * one that bought nothing */
		while (from < i &&
		       (rows[from].added > 0
				? below + rows[from].added <= retired
				: rows[from].capex == 0))
			below += rows[from++].added;
		r->depreciation = depreciation(rows, from, i, added, retired,
					       x->depreciation_quarters);
		r->cost = r->depreciation + series_energy_usd(x, r->power_mw);
		r->usd_per_h100e_hour =
			ratio(r->cost, r->h100e * SERIES_QUARTER_HOURS);
	}
}

/* A sum over orgs is known only when every org's figure is: NaN, the
 * undefined figure, makes the sum NaN. */
static void add_to_total(struct series_row *t, const struct series_row *r)
{
	t->units += r->units;
	t->added += r->added;
	t->retired += r->retired;
	t->h100e += r->h100e;
	t->reported += r->reported;
	t->gap += r->gap;
	t->spend += r->spend;
	t->cum_spend += r->cum_spend;
	t->power_mw += r->power_mw;
	t->capex += r->capex;
	t->depreciation += r->depreciation;
	t->cost += r->cost;
}

/* The SERIES_TOTAL_ORG rows: every org's row of each quarter summed. */
static void fill_total(const struct series_row *rows, size_t nrows, int first,
		       size_t n, struct series_row *total)
{
	size_t i;

	memset(total, 0, n * sizeof *total);
	for (i = 0; i < n; i++) {
		total[i].org = SERIES_TOTAL_ORG;
		total[i].total = true;
		total[i].quarter = first + (int)i;
		total[i].fit_qoq = NAN; /* the orgs' fits do not add up */
	}
	for (i = 0; i < nrows; i++) {
		struct series_row *t = &total[rows[i].quarter - first];

		t->projected |= rows[i].projected;
		/* the orgs' fits may differ: the longest stands for them */
		if (rows[i].fit_quarters > t->fit_quarters)
			t->fit_quarters = rows[i].fit_quarters;
		add_to_total(t, &rows[i]);
		t->incomplete |= rows[i].incomplete;
	}
	for (i = 0; i < n; i++) {
		total[i].usd_per_h100e = ratio(total[i].spend, total[i].added);
		total[i].usd_per_h100e_hour = ratio(
			total[i].cost, total[i].h100e * SERIES_QUARTER_HOURS);
	}
	series_fill_growth(total, first, n);
	for (i = 0; i < n; i++)
		total[i].share_pct = total[i].h100e > 0 ? 100 : NAN;
}

/* The lanes' first n rows moved to a block with room for cap rows each. */
static bool grow_lanes(struct series_draws *d, size_t n, size_t cap)
{
	struct series_draws moved = { 0 };
	size_t k;

	if (!lay_out(&moved, d->k, cap))
		return false;
	for (k = 0; k < d->k; k++)
		memcpy(moved.lane[k], d->lane[k], n * sizeof *moved.lane[k]);
	free(d->lane);
	free(d->block);
	d->lane = moved.lane;
	d->block = moved.block;
	d->cap = cap;
	return true;
}

bool series_grow(struct series *s, size_t n)
{
	struct series_row **arrays[3] = { &s->rows, &s->low, &s->high };
	size_t i;

	for (i = 0; i < 3; i++) {
		struct series_row *r;

		if (*arrays[i] == NULL)
			continue;
		r = realloc(*arrays[i], (s->n + n) * sizeof *r);
		if (r == NULL)
			return false;
		*arrays[i] = r;
	}
	return s->draws == NULL || s->n + n <= s->draws->cap ||
	       grow_lanes(s->draws, s->n, s->n + n);
}

enum gc_status series_add_total(struct series *s, struct gc_error *err)
{
	int first = 0, last = 0;
	size_t i, k, n, from = s->n;

	for (i = 0; i < s->n; i++) {
		int q = s->rows[i].quarter;

		first = i == 0 || q < first ? q : first;
		last = i == 0 || q > last ? q : last;
	}
	if (s->n == 0)
		return GC_OK;
	n = (size_t)(last - first + 1);
	if (!series_grow(s, n))
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	/* the sum of each lane: of each draw; with bounds, the sum of the
	 * low ends is the low end of the sum */
	for (k = 0; k < series_nlanes(s); k++)
		fill_total(series_lane(s, k), s->n, first, n,
			   series_lane(s, k) + s->n);
	s->n += n;
	series_reduce_from(s, from);
	return GC_OK;
}

/* ---- bounds (SPEC 4.4) ---- */

/* Sums and levels: every one grows with the figures of the ledger, so the
 * ledger at its low and high ends bounds them. (Not quite always: with
 * --lifetime, more bought means more retired later; taking the least and
 * greatest of the three series keeps low <= central <= high regardless.) */
static const size_t LEVELS[] = {
	offsetof(struct series_row, units),
	offsetof(struct series_row, added),
	offsetof(struct series_row, retired),
	offsetof(struct series_row, h100e),
	offsetof(struct series_row, reported),
	offsetof(struct series_row, spend),
	offsetof(struct series_row, cum_spend),
	offsetof(struct series_row, power_mw),
	offsetof(struct series_row, fit_qoq),
	offsetof(struct series_row, depreciation),
	offsetof(struct series_row, cost),
	offsetof(struct series_row, cum_h100e_years),
	/* a share at every end is that end's scenario's: bounded as the
	 * least and greatest of the three */
	offsetof(struct series_row, share_pct),
};

/* Bounds of a level: the least and the greatest of the three. */
static void bound_level(const struct series_row *mid, struct series_row *lo,
			struct series_row *hi, size_t at)
{
	double m = *series_field((struct series_row *)mid, at);
	double a = *series_field(lo, at), b = *series_field(hi, at);

	*series_field(lo, at) = isnan(m) ? NAN : fmin(m, fmin(a, b));
	*series_field(hi, at) = isnan(m) ? NAN : fmax(m, fmax(a, b));
}

/* gap = reported - computed, where the level computed from earlier rows
 * and the level reported come from different figures: the low gap is the
 * low report less the high computation, and the other way round. */
static void bound_gap(const struct series_row *mid, struct series_row *lo,
		      struct series_row *hi)
{
	double c_mid = mid->reported - mid->gap;
	double c_lo = lo->reported - lo->gap, c_hi = hi->reported - hi->gap;
	double c_min = fmin(c_mid, fmin(c_lo, c_hi));
	double c_max = fmax(c_mid, fmax(c_lo, c_hi));

	if (isnan(mid->gap)) {
		lo->gap = hi->gap = NAN;
		return;
	}
	lo->gap = lo->reported - c_max;
	hi->gap = hi->reported - c_min;
}

void series_bound(struct series *s)
{
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		struct series_row *lo = &s->low[i], *hi = &s->high[i];
		const struct series_row *mid = &s->rows[i];

		lo->org = hi->org = mid->org;
		lo->quarter = hi->quarter = mid->quarter;
		lo->projected = hi->projected = mid->projected;
		/* before the levels: the gap needs each end's own */
		bound_gap(mid, lo, hi);
		for (k = 0; k < sizeof LEVELS / sizeof LEVELS[0]; k++)
			bound_level(mid, lo, hi, LEVELS[k]);
	}
	series_bound_ratios(s, 0);
}

/* One org's growth bounds; its rows are [0, n) from quarter first. */
static void bound_growth(struct series_row *lo, struct series_row *hi,
			 int first, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int base = quarter_make(quarter_year(first + (int)i) - 1, 4);
		size_t back[3] = { 1, 4, (size_t)(first + (int)i - base) };
		double *lo_g[3] = { &lo[i].qoq, &lo[i].yoy, &lo[i].ytd };
		double *hi_g[3] = { &hi[i].qoq, &hi[i].yoy, &hi[i].ytd };
		int k;

		for (k = 0; k < 3; k++) {
			bool known = back[k] <= i;
			size_t j = known ? i - back[k] : 0;

			*lo_g[k] = known ? growth_pct(lo[i].h100e, hi[j].h100e)
					 : NAN;
			*hi_g[k] = known ? growth_pct(hi[i].h100e, lo[j].h100e)
					 : NAN;
		}
	}
}

void series_bound_ratios(struct series *s, size_t from)
{
	struct series_org o = { from, 0 };
	size_t j;

	for (j = from; j < s->n; j++) {
		s->low[j].usd_per_h100e =
			ratio(s->low[j].spend, s->high[j].added);
		s->high[j].usd_per_h100e =
			ratio(s->high[j].spend, s->low[j].added);
		/* the same for cost over H100e-hours */
		s->low[j].usd_per_h100e_hour =
			ratio(s->low[j].cost,
			      s->high[j].h100e * SERIES_QUARTER_HOURS);
		s->high[j].usd_per_h100e_hour =
			ratio(s->high[j].cost,
			      s->low[j].h100e * SERIES_QUARTER_HOURS);
	}
	while (series_next_org(s, &o))
		bound_growth(s->low + o.at, s->high + o.at,
			     s->rows[o.at].quarter, o.n);
}

/* Moves rows[i] to rows[n] for every kept i, in every array of s. */
static void keep_row(struct series *s, size_t i, size_t n)
{
	struct series_row *const arrays[3] = { s->rows, s->low, s->high };
	size_t a, k;

	for (a = 0; a < 3; a++)
		if (arrays[a] != NULL)
			arrays[a][n] = arrays[a][i];
	for (k = 0; s->draws != NULL && k < s->draws->k; k++)
		s->draws->lane[k][n] = s->draws->lane[k][i];
}

void series_window(struct series *s, int from, int to)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++)
		if (s->rows[i].quarter >= from && s->rows[i].quarter <= to)
			keep_row(s, i, n++);
	s->n = n;
}

static void scrub_rows(struct series_row *rows, size_t n)
{
	size_t i, k;

	for (i = 0; rows != NULL && i < n; i++)
		for (k = 0; k < SERIES_NFIGURES; k++)
			if (!isfinite(
				    *series_field(&rows[i], series_figures[k])))
				*series_field(&rows[i], series_figures[k]) =
					NAN;
}

void series_scrub(struct series *s)
{
	scrub_rows(s->rows, s->n);
	scrub_rows(s->low, s->n);
	scrub_rows(s->high, s->n);
	/* a draw's overflow stays in its lane: checks count only finite
	 * figures of a draw, and the reduced rows above are scrubbed */
}

/* Quarters whose sums fit on the stack; a longer span allocates. */
#define SHARE_SPAN 512

void series_fill_shares(struct series_row *rows, size_t n)
{
	int first = INT_MAX, last = INT_MIN;
	double room[SHARE_SPAN], *sum = room;
	size_t i, span;

	for (i = 0; i < n; i++) {
		first = rows[i].quarter < first ? rows[i].quarter : first;
		last = rows[i].quarter > last ? rows[i].quarter : last;
	}
	if (first > last)
		return;
	span = (size_t)(last - first) + 1;
	if (span > SHARE_SPAN)
		sum = malloc(span * sizeof *sum);
	for (i = 0; sum != NULL && i < span; i++)
		sum[i] = 0;
	for (i = 0; sum != NULL && i < n; i++)
		sum[rows[i].quarter - first] += rows[i].h100e;
	for (i = 0; i < n; i++) {
		double all = sum ? sum[rows[i].quarter - first] : NAN;

		rows[i].share_pct = all > 0 ? rows[i].h100e / all * 100 : NAN;
	}
	if (sum != room)
		free(sum);
}

void series_reduce_from(struct series *s, size_t from)
{
	if (s->draws != NULL)
		series_reduce_lanes(s, from);
	else if (s->low != NULL && from == 0)
		series_bound(s);
	else if (s->low != NULL)
		series_bound_ratios(s, from);
}

void series_reduce(struct series *s)
{
	series_reduce_from(s, 0);
}
