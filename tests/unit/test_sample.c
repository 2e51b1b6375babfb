/* Sampling (SPEC 4.5): the distributions hit their percentiles, the common
 * factor correlates figures as asked, and draws are a function of their
 * counter alone. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "gpucap/sample.h"

#define N 1000000

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The p-quantile of sorted v[0, n), interpolated as NumPy does. */
static double quantile(const double *v, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t i = (size_t)h;

	return i + 1 < n ? v[i] + (h - (double)i) * (v[i + 1] - v[i]) : v[i];
}

/* A million independent draws of f, sorted. */
static double *draws(const struct sample_figure *f)
{
	struct sampler s;
	double *v = malloc(N * sizeof *v);
	size_t k;

	assert_non_null(v);
	assert_true(sample_init(&s, 1, 0, N));
	for (k = 0; k < N; k++)
		v[k] = sample_draw(&s, 7, f, k);
	sample_free(&s);
	qsort(v, N, sizeof *v, cmp_double);
	return v;
}

/* Each distribution's 5th, 50th and 95th percentiles of 1e6 draws are
 * within 0.5% of the figure's (of its spread, for one that crosses 0):
 *   median 100, ends 50 and 400: a two-piece lognormal;
 *   a plain range 100..400: the lognormal with those as p5 and p95, so
 *     its median is sqrt(100 x 400) = 200;
 *   -10..0..30: a two-piece normal, the low end not above zero. */
static void test_percentiles(void **state)
{
	static const struct {
		double lo, mid, hi;
		bool median;
		double p5, p50, p95, tol;
	} CASES[] = {
		{ 50, 100, 400, true, 50, 100, 400, 0 },
		{ 100, 250, 400, false, 100, 200, 400, 0 },
		{ -10, 0, 30, true, -10, 0, 30, 0.005 * 40 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		const struct sample_figure f =
			sample_figure(CASES[i].lo, CASES[i].mid, CASES[i].hi,
				      CASES[i].median);
		double *v = draws(&f);
		double t5 = CASES[i].tol ? CASES[i].tol : 0.005 * CASES[i].p5;
		double t50 = CASES[i].tol ? CASES[i].tol : 0.005 * CASES[i].p50;
		double t95 = CASES[i].tol ? CASES[i].tol : 0.005 * CASES[i].p95;

		assert_near(quantile(v, N, 0.05), CASES[i].p5, t5);
		assert_near(quantile(v, N, 0.50), CASES[i].p50, t50);
		assert_near(quantile(v, N, 0.95), CASES[i].p95, t95);
		free(v);
	}
}

/* A figure at z is exact at the percentiles' z: -1.6449, 0, 1.6449. */
static void test_exact(void **state)
{
	const struct sample_figure f = sample_figure(50, 100, 400, true);

	(void)state;
	assert_near(sample_at(&f, -SAMPLE_Z95), 50, 1e-9);
	assert_near(sample_at(&f, 0), 100, 1e-12);
	assert_near(sample_at(&f, SAMPLE_Z95), 400, 1e-9);
}

/* Ranks of v[0, n) into r (1 = smallest). */
static void ranks(const double *v, size_t n, double *r)
{
	double(*pairs)[2] = malloc(n * sizeof *pairs);
	size_t i;

	assert_non_null(pairs);
	for (i = 0; i < n; i++) {
		pairs[i][0] = v[i];
		pairs[i][1] = (double)i;
	}
	qsort(pairs, n, sizeof *pairs, cmp_double);
	for (i = 0; i < n; i++)
		r[(size_t)pairs[i][1]] = (double)i + 1;
	free(pairs);
}

/* Spearman's rank correlation of two figures' draws. */
static double rank_correlation(double correlation)
{
	enum { M = 100000 };
	struct sampler s;
	const struct sample_figure a = sample_figure(10, 20, 80, true);
	const struct sample_figure b = sample_figure(-5, 1, 3, true);
	double *x = malloc(M * sizeof *x), *y = malloc(M * sizeof *y);
	double *rx = malloc(M * sizeof *rx), *ry = malloc(M * sizeof *ry);
	double d2 = 0;
	size_t k;

	assert_true(x && y && rx && ry);
	assert_true(sample_init(&s, 42, correlation, M));
	for (k = 0; k < M; k++) {
		x[k] = sample_draw(&s, 0, &a, k);
		y[k] = sample_draw(&s, 1, &b, k);
	}
	sample_free(&s);
	ranks(x, M, rx);
	ranks(y, M, ry);
	for (k = 0; k < M; k++)
		d2 += (rx[k] - ry[k]) * (rx[k] - ry[k]);
	free(x);
	free(y);
	free(rx);
	free(ry);
	return 1 - 6 * d2 / ((double)M * ((double)M * M - 1));
}

/* z_a and z_b share sqrt(R) Z, so their correlation is R; a Gaussian
 * copula's rank correlation is (6 / pi) asin(R / 2): 0.4826 at R = 0.5,
 * 0 at R = 0, and 1 at R = 1 (the same normal: the same ranks). */
static void test_correlation(void **state)
{
	(void)state;
	assert_near(rank_correlation(0.5), 0.48262, 0.01);
	assert_near(rank_correlation(0), 0, 0.01);
	assert_near(rank_correlation(1), 1, 1e-12);
}

/* A draw is its counter's: the same (seed, figure, draw) gives the same
 * number in any order; another seed or draw, another number. */
static void test_counter(void **state)
{
	double a = sample_normal(1, 5, 999), b;

	(void)state;
	(void)sample_normal(1, 5, 3);
	b = sample_normal(1, 5, 999);
	assert_true(a == b);
	assert_true(sample_normal(2, 5, 999) != a);
	assert_true(sample_normal(1, 5, 998) != a);
	assert_true(sample_normal(1, 6, 999) != a);
}

/* The common factors a sampler works out up front are the counter's: a
 * sampler of 10 draws and one of none (which computes each on demand)
 * give the same draws, past its 10 too; R = 0.5 mixes in the common one,
 * so a wrong cache would show. */
static void test_common_cached(void **state)
{
	const struct sample_figure f = sample_figure(100, 173.2, 300, true);
	struct sampler some, none;
	size_t k;

	(void)state;
	assert_true(sample_init(&some, 9, 0.5, 10));
	assert_true(sample_init(&none, 9, 0.5, 0));
	for (k = 0; k < 20; k++)
		assert_true(sample_draw(&some, 3, &f, k) ==
			    sample_draw(&none, 3, &f, k));
	/* and the common factor matters: R = 0 draws differ */
	sample_free(&none);
	assert_true(sample_init(&none, 9, 0, 0));
	assert_true(sample_draw(&some, 3, &f, 4) !=
		    sample_draw(&none, 3, &f, 4));
	sample_free(&some);
	sample_free(&none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_percentiles),
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_correlation),
		cmocka_unit_test(test_counter),
		cmocka_unit_test(test_common_cached),
	};

	return cmocka_run_group_tests_name("sample", tests, NULL, NULL);
}
