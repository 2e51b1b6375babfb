/* The number syntax of SPEC 3.2: separators, exponents, suffixes, money. */
#include <string.h>
#include "unit.h"

#include "gpucap/quantity.h"

struct good {
	const char *in;
	double value;
	bool money;
};

/* Each expected value is the number as a person reads the text. */
static const struct good GOOD[] = {
	{ "12345", 12345, false },
	{ "12,345", 12345, false },
	/* whole numbers in groups, the ones read without the scanner; 16
	 * digits go through it */
	{ "5,417,000", 5417000, false },
	{ "-1,000", -1000, false },
	{ "999,999,999,999,999", 999999999999999, false },
	{ "1,000,000,000,000,000", 1e15, false },
	{ "1,234,567.5", 1234567.5, false },
	{ "1.5e6", 1500000, false },
	{ "1.5E+6", 1500000, false },
	{ "2e-3", 0.002, false },
	{ "30k", 30000, false },
	{ "30K", 30000, false },
	{ "0.5k", 500, false },
	{ "$2.7B", 2.7e9, true },
	{ "2.7bn", 2.7e9, false },
	{ "2.7 bn", 2.7e9, false },
	{ "$500M", 5e8, true },
	{ "$500m", 5e8, true },
	{ "1T", 1e12, false },
	{ "1e3k", 1e6, false },
	{ "40 USD", 40, true },
	{ "40usd", 40, true },
	{ "$1,000 USD", 1000, true },
	{ "-40", -40, false },
	{ "-$2.5B", -2.5e9, true },
	{ "$-2.5B", -2.5e9, true },
	{ " 7 ", 7, false },
	{ ".5", 0.5, false },
	{ "5.", 5, false },
	{ "0", 0, false },
	{ "989.4", 989.4, false },
};

static void test_good(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
		struct quantity q;
		const char *why = NULL;

		if (!qty_parse(GOOD[i].in, &q, &why))
			fail_msg("'%s' rejected: %s", GOOD[i].in, why);
		if (q.value != GOOD[i].value)
			fail_msg("'%s' read as %.17g, not %.17g", GOOD[i].in,
				 q.value, GOOD[i].value);
		assert_int_equal(q.money, GOOD[i].money);
	}
}

/* "-0" is zero without a sign, so it never prints as "-0". */
static void test_negative_zero(void **state)
{
	struct quantity q;
	const char *why;

	(void)state;
	assert_true(qty_parse("-0", &q, &why));
	assert_false(signbit(q.value));
	assert_true(qty_parse("-0.0e5", &q, &why));
	assert_false(signbit(q.value));
}

struct bad {
	const char *in;
	const char *why;
};

static const struct bad BAD[] = {
	{ "", "is not a number" },
	{ "12a", "is not a number" },
	{ "1,2", "is not a number" },
	{ "12,34", "is not a number" },
	{ "1,2345", "is not a number" },
	{ "12,345,67", "is not a number" },
	{ "1234,567", "is not a number" },
	{ ",123", "is not a number" },
	{ "1,000,", "is not a number" },
	{ "1,,000", "is not a number" },
	{ "-,100", "is not a number" },
	{ "abc", "is not a number" },
	{ "nan", "is not a number" },
	{ "inf", "is not a number" },
	{ "infinity", "is not a number" },
	{ "0x10", "is not a number" },
	{ "$", "is not a number" },
	{ "-", "is not a number" },
	{ "k", "is not a number" },
	{ "1e", "is not a number" },
	{ "1.2.3", "is not a number" },
	{ "+5", "is not a number" },
	{ "1 000", "is not a number" },
	{ "5 apples", "is not a number" },
	{ "5kk", "is not a number" },
	{ "1e400", "is out of range" },
	{ "1e-400", "is out of range" },
	{ "1e99999999999", "is out of range" },
	/* a range is not a number; qty_parse_range reads it */
	{ "30k..350k", "is not a number" },
};

static void test_bad(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		struct quantity q;
		const char *why = NULL;

		if (qty_parse(BAD[i].in, &q, &why))
			fail_msg("'%s' accepted as %g", BAD[i].in, q.value);
		assert_string_equal(why, BAD[i].why);
	}
}

/* A mantissa too long for any real figure is refused, not truncated. */
static void test_long_input(void **state)
{
	char big[200];
	struct quantity q;
	const char *why;

	(void)state;
	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_false(qty_parse(big, &q, &why));
}

/* Ranges: each end read as a number; one '$' makes both money. */
static void test_range(void **state)
{
	static const struct {
		const char *in;
		double lo, hi;
		bool money;
	} GOOD[] = {
		{ "30k..350k", 30000, 350000, false },
		{ " $0.9B..$1.1B ", 0.9e9, 1.1e9, true },
		{ "$0.9B..1.1B", 0.9e9, 1.1e9, true },
		{ "-100..-50", -100, -50, false },
		{ "1,000..2,000", 1000, 2000, false },
		{ "5..5", 5, 5, false },
		{ "42", 42, 42, false }, /* a plain number is x..x */
	};
	static const struct {
		const char *in, *why;
	} BAD_RANGES[] = {
		{ "350k..30k",
		  "is a range whose low end is above its high end" },
		{ "..5", "is not a range LOW..HIGH of two numbers" },
		{ "5..", "is not a range LOW..HIGH of two numbers" },
		{ "1..2..3", "is not a range LOW..HIGH of two numbers" },
		{ "1...2", "is not a range LOW..HIGH of two numbers" },
		{ "1e400", "is out of range" }, /* qty_parse's own reason */
	};
	struct quantity lo, hi;
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
		if (!qty_parse_range(GOOD[i].in, &lo, &hi, &why))
			fail_msg("'%s' refused: %s", GOOD[i].in, why);
		assert_true(lo.value == GOOD[i].lo);
		assert_true(hi.value == GOOD[i].hi);
		assert_int_equal(lo.money, GOOD[i].money);
		assert_int_equal(hi.money, GOOD[i].money);
	}
	for (i = 0; i < sizeof BAD_RANGES / sizeof BAD_RANGES[0]; i++) {
		if (qty_parse_range(BAD_RANGES[i].in, &lo, &hi, &why))
			fail_msg("'%s' accepted", BAD_RANGES[i].in);
		assert_string_equal(why, BAD_RANGES[i].why);
	}
}

static void test_format(void **state)
{
	char buf[QTY_FMT_MAX];

	(void)state;
	assert_string_equal(qty_format(0.1, buf), "0.1");
	assert_string_equal(qty_format(2700000000.0, buf), "2700000000");
	assert_string_equal(qty_format(-0.5, buf), "-0.5");
	assert_string_equal(qty_format(1e21, buf), "1e+21");
	/* 1/3 needs 16 digits to read back as itself. */
	assert_string_equal(qty_format(1.0 / 3.0, buf), "0.3333333333333333");
	/* (55000 / 15000 - 1) * 100 is 266.666...63 in binary: 17 digits. */
	assert_string_equal(qty_format((55000.0 / 15000.0 - 1) * 100, buf),
			    "266.66666666666663");
	/* Whole numbers under 1e15 are written without printf: every digit,
	 * a minus for -0 as "%.15g" gives, and from 1e15 printf's exponent
	 * again (15 significant digits cannot hold 16). */
	assert_string_equal(qty_format(0.0, buf), "0");
	assert_string_equal(qty_format(-0.0, buf), "-0");
	assert_string_equal(qty_format(-40.0, buf), "-40");
	assert_string_equal(qty_format(999999999999999.0, buf),
			    "999999999999999");
	assert_string_equal(qty_format(1e15, buf), "1e+15");
	assert_string_equal(qty_format(-1e15, buf), "-1e+15");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_negative_zero),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_long_input),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests_name("quantity", tests, NULL, NULL);
}
