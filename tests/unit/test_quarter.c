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

/* Fiscal quarters, worked by hand from the calendar:
 *   January year-end, FY2025Q1: Feb-Apr 2024, 29 + 31 days in 2024Q1,
 *     30 in 2024Q2 (90 in all; 2024 is a leap year);
 *   January year-end, FY2024Q4: Nov 2023-Jan 2024, 30 + 31 in 2023Q4, 31
 *     in 2024Q1 (92);
 *   December year-end: the calendar itself, FY2024Q3 is 2024Q3 whole;
 *   March year-end, FY2025Q1: Apr-Jun 2024, 2024Q2 whole;
 *   November year-end, FY2025Q1: Dec 2024 (31, 2024Q4) to Feb 2025 (31 +
 *     28 = 59 in 2025Q1; 2025 is no leap year). */
static void test_fiscal(void **state)
{
	static const struct {
		const char *text;
		int year_end, first_y, first_q, last_y, last_q, days, last_days;
	} CASES[] = {
		{ "FY2025Q1", 1, 2024, 1, 2024, 2, 90, 30 },
		{ "fy2024 q4", 1, 2023, 4, 2024, 1, 92, 31 },
		{ "FY2024-Q3", 12, 2024, 3, 2024, 3, 92, 0 },
		{ "FY2025Q1", 3, 2024, 2, 2024, 2, 91, 0 },
		{ "FY2025Q1", 11, 2024, 4, 2025, 1, 90, 59 },
	};
	struct quarter_span s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		assert_true(quarter_parse_fiscal(CASES[i].text,
						 CASES[i].year_end, &s));
		assert_int_equal(s.first, quarter_make(CASES[i].first_y,
						       CASES[i].first_q));
		assert_int_equal(
			s.last, quarter_make(CASES[i].last_y, CASES[i].last_q));
		assert_int_equal(s.days, CASES[i].days);
		assert_int_equal(s.last_days, CASES[i].last_days);
	}
	assert_false(quarter_parse_fiscal("FY2025Q5", 1, &s));
	assert_false(quarter_parse_fiscal("FY25Q1", 1, &s));
	assert_false(quarter_parse_fiscal("FY2025Q1x", 1, &s));
	assert_false(quarter_parse_fiscal("2025Q1", 1, &s));
	assert_false(quarter_parse_fiscal("FY2025Q1", 13, &s));
	assert_true(quarter_is_fiscal(" fy2025q1"));
	assert_false(quarter_is_fiscal("2025Q1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fiscal),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_arithmetic),
	};

	return cmocka_run_group_tests_name("quarter", tests, NULL, NULL);
}
