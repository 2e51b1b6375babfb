/* The quarter syntax of SPEC 3.2 and quarter arithmetic. */
#include "unit.h"

#include "gpucap/quarter.h"

struct good {
	const char *in;
	int year, q;
};

static const struct good GOOD[] = {
	{ "2024Q1", 2024, 1 },
	{ "2024q2", 2024, 2 },
	{ "2024-Q3", 2024, 3 },
	{ "2024 Q4", 2024, 4 },
	{ "Q1 2024", 2024, 1 },
	{ "q2-2024", 2024, 2 },
	{ "Q32024", 2024, 3 },
	{ "  2024Q1  ", 2024, 1 },
	/* ISO dates: their calendar quarter. */
	{ "2024-03-31", 2024, 1 },
	{ "2024-04-01", 2024, 2 },
	{ "2024-09-30", 2024, 3 },
	{ "2024-12-31", 2024, 4 },
	{ "2024-02-29", 2024, 1 }, /* 2024 is a leap year */
	{ "2000-02-29", 2000, 1 }, /* so is 2000 (divisible by 400) */
	{ "1000Q1", 1000, 1 },
	{ "9999Q4", 9999, 4 },
	/* M/D/YYYY, US order (Epoch AI's), and a month alone */
	{ "3/31/2024", 2024, 1 },
	{ "12/1/2025", 2025, 4 },
	{ "4/01/2024", 2024, 2 },
	{ "2/29/2024", 2024, 1 },
	{ "2024-07", 2024, 3 },
};

static void test_good(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
		int q = -1;

		if (!quarter_parse(GOOD[i].in, &q))
			fail_msg("'%s' rejected", GOOD[i].in);
		assert_int_equal(quarter_year(q), GOOD[i].year);
		assert_int_equal(quarter_num(q), GOOD[i].q);
	}
}

static const char *const BAD[] = {
	"",	      "2024",	    "2024Q0",	  "2024Q5",
	"0Q1",	      "24Q1",	    "Q1 24",	  "999Q1",
	"10000Q1",    "2024Q1x",    "2024--Q1",	  "2024-13-01",
	"2024-00-10", "2024-04-31", "2023-02-29", "1900-02-29",
	"2024-1-5",   "2024/03/31", "Q 2024",	  "2024-03-31T00:00",
	"Q12",	      "2/30/2024",  "2/29/2023",  "13/1/2024",
	"0/1/2024",   "1/0/2024",   "1/32/2024",  "3/31/24",
	"123/1/2024", "2024-13",    "2024-7",
};

static void test_bad(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		int q;

		if (quarter_parse(BAD[i], &q))
			fail_msg("'%s' accepted", BAD[i]);
	}
}

static void test_arithmetic(void **state)
{
	char buf[QUARTER_FMT_MAX];
	int q = quarter_make(2024, 1);

	(void)state;
	assert_string_equal(quarter_format(q, buf), "2024Q1");
	/* One quarter back from 2024Q1 is 2023Q4; four back is 2023Q1. */
	assert_string_equal(quarter_format(q - 1, buf), "2023Q4");
	assert_string_equal(quarter_format(q - 4, buf), "2023Q1");
	assert_int_equal(quarter_make(2024, 4) - quarter_make(2023, 4), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_arithmetic),
	};

	return cmocka_run_group_tests_name("quarter", tests, NULL, NULL);
}
