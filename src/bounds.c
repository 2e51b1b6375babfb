/* Uncertain figures (SPEC 4.4): the low and high end of every figure of a
 * series, from the series computed at each end of the ledger's ranges. */
#include <math.h>
#include <stddef.h>

#include "gpucap/fleet.h"
#include "gpucap/quarter.h"

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
};

/* Every figure of a row, for passes over all of them. */
static const size_t FIGURES[] = {
	offsetof(struct series_row, units),
	offsetof(struct series_row, added),
	offsetof(struct series_row, retired),
	offsetof(struct series_row, h100e),
	offsetof(struct series_row, reported),
	offsetof(struct series_row, gap),
	offsetof(struct series_row, qoq),
	offsetof(struct series_row, yoy),
	offsetof(struct series_row, ytd),
	offsetof(struct series_row, spend),
	offsetof(struct series_row, cum_spend),
	offsetof(struct series_row, usd_per_h100e),
	offsetof(struct series_row, power_mw),
};

static double *field(struct series_row *r, size_t at)
{
	return (double *)(void *)((char *)r + at);
}

/* Bounds of a level: the least and the greatest of the three. */
static void bound_level(const struct series_row *mid, struct series_row *lo,
			struct series_row *hi, size_t at)
{
	double m = *field((struct series_row *)mid, at);
	double a = *field(lo, at), b = *field(hi, at);

	*field(lo, at) = isnan(m) ? NAN : fmin(m, fmin(a, b));
	*field(hi, at) = isnan(m) ? NAN : fmax(m, fmax(a, b));
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

/* a / b where both are positive; the same undefined rule as the central
 * figure. */
static double ratio(double a, double b)
{
	return a > 0 && b > 0 ? a / b : NAN;
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
	size_t i = from, j;

	for (j = from; j < s->n; j++) {
		s->low[j].usd_per_h100e =
			ratio(s->low[j].spend, s->high[j].added);
		s->high[j].usd_per_h100e =
			ratio(s->high[j].spend, s->low[j].added);
	}
	while (i < s->n) {
		j = i + 1;
		while (j < s->n && s->rows[j].org == s->rows[i].org)
			j++;
		bound_growth(s->low + i, s->high + i, s->rows[i].quarter,
			     j - i);
		i = j;
	}
}

static void scrub_rows(struct series_row *rows, size_t n)
{
	size_t i, k;

	for (i = 0; rows != NULL && i < n; i++)
		for (k = 0; k < sizeof FIGURES / sizeof FIGURES[0]; k++)
			if (!isfinite(*field(&rows[i], FIGURES[k])))
				*field(&rows[i], FIGURES[k]) = NAN;
}

void series_scrub(struct series *s)
{
	scrub_rows(s->rows, s->n);
	scrub_rows(s->low, s->n);
	scrub_rows(s->high, s->n);
}
