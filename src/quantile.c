/* Exact quantiles of many draws (quantile.h).
 *
 * Selecting each order statistic by quickselect costs several passes over
 * the draws, each with a branch the processor cannot predict. Here, as in
 * Floyd and Rivest's selection (1975), a small sample of the draws brackets
 * where each asked order statistic must lie; a pass without branches for
 * each counts the draws below its bracket and gathers those inside it,
 * and only the few gathered are selected among. A bracket that misses (the
 * sample was unlucky, rarely) falls back to selecting among all draws, so
 * the answer is always exact. */
#include "quantile.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Below this many draws a plain selection is as quick. */
#define SMALL 2048
/* Draws in the sample that places the brackets. */
#define SAMPLE 512
/* A bracket's half-width in sample ranks: this many standard deviations
 * of the sample rank of the wanted order statistic, and a margin. */
#define WIDTH_SD     3.5
#define WIDTH_MARGIN 3

size_t quantile_scratch(size_t n)
{
	return SAMPLE + QUANTILE_MAX * (n + 1);
}

/* The elements of v[0, n) below p (strictly, or not above it) moved to
 * the front, in a pass without a branch that depends on them (a
 * misprediction costs more than the swap); returns how many. */
static size_t to_front(double *v, size_t n, double p, bool strictly)
{
	size_t i = 0, j;

	for (j = 0; j < n; j++) {
		double x = v[j];

		v[j] = v[i];
		v[i] = x;
		i += strictly ? x < p : x <= p;
	}
	return i;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median3(double a, double b, double c)
{
	if (a > b) {
		double t = a;

		a = b;
		b = t;
	}
	return c < a ? a : c > b ? b : c;
}

/* The i-th smallest of v[0, n) (i < n), by selection; v is reordered so
 * that what lies past i is no smaller than it. Each round splits off
 * what is below the pivot, then what equals it (so equal values cannot
 * make a round useless); rounds past a limit sort what is left, which
 * bounds the worst case. */
static double select_nth(double *v, size_t n, size_t i)
{
	int rounds = 0;

	while (n > 16 && rounds++ < 64) {
		double p = median3(v[0], v[n / 2], v[n - 1]);
		size_t lt = to_front(v, n, p, true), le;

		if (i < lt) {
			n = lt;
			continue;
		}
		le = lt + to_front(v + lt, n - lt, p, false);
		if (i < le)
			return v[i];
		v += le;
		n -= le;
		i -= le;
	}
	qsort(v, n, sizeof *v, cmp_double);
	return v[i];
}

/* The least of v[0, n) (n > 0). */
static double least(const double *v, size_t n)
{
	double m = v[0];
	size_t j;

	for (j = 1; j < n; j++)
		m = v[j] < m ? v[j] : m;
	return m;
}

/* One asked quantile: the order statistic i below (n - 1) p, the share
 * frac of the way to the next, and the bracket that holds them. */
struct want {
	size_t i;
	double frac;
	double lo, hi; /* the bracket, both ends in it */
	size_t below;  /* draws under lo */
	size_t m;      /* draws in the bracket, gathered at in */
	double *in;
};

static bool wants_next(const struct want *w, size_t n)
{
	return w->frac != 0 && w->i + 1 < n;
}

/* The quantile from order statistic i (at *at, with what lies past it in
 * at[1, rest) no smaller) and the next. */
static double interpolate(const struct want *w, const double *at, size_t rest,
			  size_t n)
{
	double below = at[0];

	if (!wants_next(w, n))
		return below;
	return below + w->frac * (least(at + 1, rest - 1) - below);
}

/* The quantile selected among all of v, copied to w->in. */
static double among_all(const struct want *w, const double *v, size_t n)
{
	memcpy(w->in, v, n * sizeof *v);
	select_nth(w->in, n, w->i);
	return interpolate(w, w->in + w->i, n - w->i, n);
}

/* A bracket's end: the sample's order statistic at rank r, or an
 * infinity past the sample's ends. */
struct end {
	double rank;
	double *at;
};

static int by_rank(const void *a, const void *b)
{
	double x = ((const struct end *)a)->rank;
	double y = ((const struct end *)b)->rank;

	return (x > y) - (x < y);
}

/* The ends' values, selected in increasing rank: each selection leaves
 * what lies past its place no smaller, so the next starts there. */
static void select_ends(double *sample, struct end *e, size_t ne)
{
	size_t base = 0, t;

	qsort(e, ne, sizeof *e, by_rank);
	for (t = 0; t < ne; t++) {
		size_t r;

		if (e[t].rank < 0) {
			*e[t].at = -INFINITY;
			continue;
		}
		if (e[t].rank >= SAMPLE) {
			*e[t].at = INFINITY;
			continue;
		}
		r = (size_t)e[t].rank; /* in range: the cast is defined */
		if (r < base) {
			*e[t].at = sample[r];
		} else {
			*e[t].at = select_nth(sample + base, SAMPLE - base,
					      r - base);
			base = r + 1;
		}
	}
}

/* Each want's bracket, from an evenly spaced sample of v: draws are
 * independent of their order, so a stride sample is a random one. */
static void place_brackets(const double *v, size_t n, struct want *w, size_t np,
			   double *sample)
{
	struct end e[2 * QUANTILE_MAX];
	size_t t, j;

	for (j = 0; j < SAMPLE; j++)
		sample[j] = v[j * (n / SAMPLE)];
	for (t = 0; t < np; t++) {
		double p = (double)w[t].i / (double)(n - 1);
		double r = p * (SAMPLE - 1);
		double g = WIDTH_SD * sqrt(SAMPLE * p * (1 - p)) + WIDTH_MARGIN;

		e[2 * t] = (struct end){ floor(r - g), &w[t].lo };
		e[2 * t + 1] = (struct end){ ceil(r + g) + 1, &w[t].hi };
	}
	select_ends(sample, e, 2 * np);
}

/* A pass over v for one want: the draws below its bracket counted and
 * those in it gathered, with no branch that depends on a draw. A pass a
 * want, not one loop over all: v stays in cache, and the want's ends and
 * counts are locals in registers, where in a loop over the wants the
 * stores through w[t].in (doubles) could alias their ends in w. */
static void gather(const double *v, size_t n, struct want *w)
{
	double lo = w->lo, hi = w->hi, *in = w->in;
	size_t j, m = 0, below = 0;

	for (j = 0; j < n; j++) {
		double x = v[j];

		in[m] = x;
		m += (size_t)((x >= lo) & (x <= hi));
		below += (size_t)(x < lo);
	}
	w->m = m;
	w->below = below;
}

/* The quantile of one want, from its gathered bracket when the order
 * statistics it needs lie there. */
static double bracketed(const struct want *w, const double *v, size_t n)
{
	size_t last = w->i + (wants_next(w, n) ? 1 : 0), at;

	if (w->i < w->below || last >= w->below + w->m)
		return among_all(w, v, n);
	at = w->i - w->below;
	select_nth(w->in, w->m, at);
	return interpolate(w, w->in + at, w->m - at, n);
}

void quantiles(const double *v, size_t n, const double *p, size_t np, double *q,
	       double *scratch)
{
	struct want w[QUANTILE_MAX];
	size_t t;

	for (t = 0; t < np; t++) {
		double h = (double)(n - 1) * p[t];

		w[t].i = (size_t)floor(h);
		w[t].frac = h - (double)w[t].i;
		w[t].in = scratch + SAMPLE + t * (n + 1);
	}
	if (n < SMALL) {
		for (t = 0; t < np; t++)
			q[t] = among_all(&w[t], v, n);
		return;
	}
	place_brackets(v, n, w, np, scratch);
	for (t = 0; t < np; t++) {
		gather(v, n, &w[t]);
		q[t] = bracketed(&w[t], v, n);
	}
}
