/* series: the draws' lanes, kept whole as a series grows. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/series.h"
#include "unit.h"

/* Lane k's row i holds units 100 k + i, a value no other cell has. */
static void fill(struct series *s, size_t from, size_t to)
{
	size_t k, i;

	for (k = 0; k < s->draws->k; k++)
		for (i = from; i < to; i++)
			s->draws->lane[k][i].units =
				100.0 * (double)k + (double)i;
}

static void kept(const struct series *s, size_t n)
{
	size_t k, i;

	for (k = 0; k < s->draws->k; k++)
		for (i = 0; i < n; i++)
			assert_near(s->draws->lane[k][i].units,
				    100.0 * (double)k + (double)i, 0);
}

/* Three lanes of two rows with room for one more: growing by one stays
 * in the block (the lanes do not move), growing by three more moves them
 * to a larger one with every row written so far intact, and the new rows
 * are writable in every lane. */
static void test_grow(void **state)
{
	struct series s;
	struct series_row *before;

	(void)state;
	assert_true(series_draws_init(&s, 2, 1, 3, 0.9, 1));
	fill(&s, 0, 2);
	before = s.draws->lane[2];
	assert_true(series_grow(&s, 1));
	assert_ptr_equal(s.draws->lane[2], before);
	s.n = 3;
	fill(&s, 2, 3);
	assert_true(series_grow(&s, 3));
	kept(&s, 3);
	s.n = 6;
	fill(&s, 3, 6);
	kept(&s, 6);
	series_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
