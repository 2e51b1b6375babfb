/* quantile: exact percentiles of many draws, against sorting. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quantile.h"
#include "unit.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The quantile p of v[0, n) the slow way: sorted, then interpolated
 * between the order statistics around (n - 1) p. */
static double by_sorting(const double *v, size_t n, double p)
{
	double *s = malloc(n * sizeof *s), h = (double)(n - 1) * p, q;
	size_t i = (size_t)h;

	assert_non_null(s);
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_double);
	q = s[i];
	if (i + 1 < n && h != (double)i)
		q = s[i] + (h - (double)i) * (s[i + 1] - s[i]);
	free(s);
	return q;
}

/* quantiles() of v at p[0, np) equals sorting, exactly, and leaves v as
 * it was. */
static void agrees(const double *v, size_t n, const double *p, size_t np)
{
	double *copy = malloc(n * sizeof *copy), q[QUANTILE_MAX];
	double *scratch = malloc(quantile_scratch(n) * sizeof *scratch);
	size_t t;

	assert_non_null(copy);
	assert_non_null(scratch);
	memcpy(copy, v, n * sizeof *copy);
	quantiles(v, n, p, np, q, scratch);
	for (t = 0; t < np; t++) {
		double want = by_sorting(v, n, p[t]);

		if (q[t] != want)
			fail_msg("n %zu, p %g: %.17g, sorting gives %.17g", n,
				 p[t], q[t], want);
	}
	assert_memory_equal(copy, v, n * sizeof *v);
	free(copy);
	free(scratch);
}

static uint64_t lcg(uint64_t *x)
{
	*x = *x * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return *x >> 11;
}

static const double P3[] = { 0.05, 0.5, 0.95 };

/* Worked by hand: {4, 1, 3, 2, 5} sorted is 1 2 3 4 5; p 0.05 is 0.2 of
 * the way from the 1st to the 2nd (1.2), p 0.5 the 3rd (3), p 0.95 0.8 of
 * the way from the 4th to the 5th (4.8). */
static void test_by_hand(void **state)
{
	const double v[] = { 4, 1, 3, 2, 5 };
	double q[3], *scratch = malloc(quantile_scratch(5) * sizeof *scratch);

	(void)state;
	assert_non_null(scratch);
	quantiles(v, 5, P3, 3, q, scratch);
	free(scratch);
	assert_near(q[0], 1.2, 1e-12);
	assert_near(q[1], 3, 0);
	assert_near(q[2], 4.8, 1e-12);
}

/* Sizes on both sides of the plain selection's limit and well past it,
 * uniform and heavy-tailed draws, and every interval a user may ask. */
static void test_random(void **state)
{
	static const size_t N[] = {
		1, 2, 3, 100, 2047, 2048, 2049, 10000, 65537
	};
	static const double P[][3] = { { 0.05, 0.5, 0.95 },
				       { 0.1, 0.5, 0.9 },
				       { 0, 0.5, 1 },
				       { 0.4995, 0.5, 0.5005 },
				       { 0.000001, 0.5, 0.999999 } };
	uint64_t x = 7;
	size_t a, b, j;

	(void)state;
	for (a = 0; a < sizeof N / sizeof N[0]; a++) {
		double *v = malloc(N[a] * sizeof *v);

		assert_non_null(v);
		for (j = 0; j < N[a]; j++) {
			double u = ((double)lcg(&x) + 0.5) * 0x1.0p-53;

			/* a Pareto tail: a few draws dwarf the rest */
			v[j] = j % 2 ? u : 1 / (u * u);
		}
		for (b = 0; b < sizeof P / sizeof P[0]; b++)
			agrees(v, N[a], P[b], 3);
		free(v);
	}
}

/* Shapes a sample of evenly spaced draws could misjudge: sorted and
 * reversed draws, few distinct values, all equal, and a pattern whose
 * every sampled draw is the same value while the rest differ (each
 * bracket misses, and the answer must still be exact). */
static void test_awkward(void **state)
{
	enum { M = 20000 };
	double *v = malloc(M * sizeof *v);
	size_t j, shape;

	(void)state;
	assert_non_null(v);
	for (shape = 0; shape < 5; shape++) {
		for (j = 0; j < M; j++) {
			const double by[5] = { (double)j, (double)(M - j),
					       (double)(j % 3), 42,
					       j % (M / 512) == 0 ? -1
								  : (double)j };
			v[j] = by[shape];
		}
		agrees(v, M, P3, 3);
	}
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_hand),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_awkward),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
