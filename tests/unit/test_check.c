/* The check expression language: parsing (and where it goes wrong),
 * every operator, tolerance edges, and year-versus-quarter semantics. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "gpucap/check.h"
#include "gpucap/quarter.h"

static int q(const char *s)
{
	int v;

	assert_true(quarter_parse(s, &v));
	return v;
}

struct good {
	const char *text;
	const char *org; /* NULL: no org */
	const char *period;
	bool is_year;
	enum report_col column;
	enum check_op op;
	double value, tolerance;
	bool relative;
};

static const struct good GOOD[] = {
	{ "tesla 2024Q4 h100e ~ 85k ±2%", "tesla", "2024Q4", false, RC_H100E,
	  OP_APPROX, 85000, 2, true },
	{ "tesla 2024 ytd_pct >= 467", "tesla", "2024", true, RC_YTD, OP_GE,
	  467, 0, false },
	{ "2025Q4 power_mw < 150", NULL, "2025Q4", false, RC_POWER_MW, OP_LT,
	  150, 0, false },
	{ "\"Tesla Dojo\" 2024Q1 usd_per_h100e ~ 50k +-5%", "Tesla Dojo",
	  "2024Q1", false, RC_USD_PER_H100E, OP_APPROX, 50000, 5, true },
	{ "acme 2024Q1 h100e==1000", "acme", "2024Q1", false, RC_H100E, OP_EQ,
	  1000, 0, false },
	{ "acme 2024Q1 H100E ~ 1,000±10", "acme", "2024Q1", false, RC_H100E,
	  OP_APPROX, 1000, 10, false },
	{ "2024 2024Q1 h100e > 5", "2024", "2024Q1", false, RC_H100E, OP_GT, 5,
	  0, false },
	{ "acme 2024-Q2 qoq_pct != 12.5%", "acme", "2024Q2", false, RC_QOQ,
	  OP_NE, 12.5, 0, false },
	{ "  acme 2024Q1 spend_usd <= $1.5B  ", "acme", "2024Q1", false,
	  RC_SPEND, OP_LE, 1.5e9, 0, false },
	{ "\"a \\\"q\\\" org\" 2024Q1 units > -1", "a \"q\" org", "2024Q1",
	  false, RC_UNITS, OP_GT, -1, 0, false },
};

static void test_parse(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
		const struct good *g = &GOOD[i];
		struct check c;
		struct gc_error err;
		int period;

		if (check_parse(g->text, "-e", 1, &c, &err) != GC_OK)
			fail_msg("'%s': %s", g->text, err.msg);
		assert_int_equal(c.has_org, g->org != NULL);
		if (g->org != NULL)
			assert_string_equal(c.org, g->org);
		period = g->is_year ? atoi(g->period) : q(g->period);
		assert_int_equal(c.period, period);
		assert_int_equal(c.is_year, g->is_year);
		assert_int_equal(c.column, g->column);
		assert_int_equal(c.op, g->op);
		assert_near(c.value, g->value, 0);
		assert_near(c.tolerance, g->tolerance, 0);
		assert_int_equal(c.tol_relative, g->relative);
	}
}

struct bad {
	const char *text;
	long col;
	const char *msg; /* the first line of the message */
};

static const struct bad BAD[] = {
	{ "", 1, "empty check" },
	{ "acme", 5, "expected a quarter (2024Q4) or a year (2024)" },
	{ "acme 2024Q5 h100e > 1", 6,
	  "'2024Q5' is not a quarter (2024Q4) or a year (2024)" },
	{ "acme 2024Q4 h100x > 1", 13,
	  "unknown column 'h100x' (did you mean 'h100e'?)" },
	{ "acme 2024Q4 quarter > 1", 13, "'quarter' is not a number column" },
	{ "acme 2024Q4 h100e = 1", 19,
	  "unknown operator '='; did you mean '=='?" },
	{ "acme 2024Q4 h100e => 1", 19,
	  "expected an operator (< <= > >= == != ~), not '=>'" },
	{ "acme 2024Q4 h100e 5", 19,
	  "expected an operator (< <= > >= == != ~), not '5'" },
	{ "acme 2024Q4 h100e >", 20, "expected a value to compare with" },
	{ "acme 2024Q4 h100e > 5x", 21, "'5x' is not a number" },
	{ "acme 2024Q4 h100e > 5%", 22,
	  "'%' only goes with a _pct column or a tolerance" },
	{ "acme 2024Q4 h100e ~ 5", 22,
	  "'~' needs a tolerance, like ±5% or ±1000" },
	{ "acme 2024Q4 h100e > 5 ±1", 23,
	  "a tolerance only goes with '~' (approximately)" },
	{ "acme 2024Q4 h100e ~ 5 ±x", 24, "'x' is not a number" },
	{ "acme 2024Q4 h100e ~ 5 +-x", 25, "'x' is not a number" },
	{ "acme 2024Q4 h100e ~ 5 ±-1", 24, "a tolerance must not be negative" },
	{ "acme 2024Q4 h100e ~ 5 ±1 extra", 26,
	  "unexpected 'extra' after the check" },
	{ "acme 2024Q4 h100e > 1 2", 23, "unexpected '2' after the value" },
	{ "\"acme 2024Q4 h100e > 1", 1, "unterminated quoted org" },
	{ "acme 2024Q4 h100e ~ 5 ±1 a b c", 26,
	  "unexpected 'a' after the check" },
	{ "a b c d e f g h i j k l m n o p q", 33,
	  "unexpected text after the check" },
};

static void test_parse_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		struct check c;
		struct gc_error err;
		size_t n = strlen(BAD[i].msg);

		if (check_parse(BAD[i].text, "plan.checks", 7, &c, &err) !=
		    GC_USAGE)
			fail_msg("'%s' accepted", BAD[i].text);
		if (strncmp(err.msg, BAD[i].msg, n) != 0 || err.msg[n] != '\n')
			fail_msg("'%s': '%s'", BAD[i].text, err.msg);
		assert_string_equal(err.file, "plan.checks");
		assert_int_equal(err.line, 7);
		if (err.col != BAD[i].col)
			fail_msg("'%s' at column %ld, expected %ld",
				 BAD[i].text, err.col, BAD[i].col);
	}
}

/* The message shows the expression and a caret under the column. */
static void test_caret(void **state)
{
	struct check c;
	struct gc_error err;

	(void)state;
	assert_int_equal(
		check_parse("acme 2024Q4 h100x > 1", "-e", 1, &c, &err),
		GC_USAGE);
	assert_string_equal(err.msg,
			    "unknown column 'h100x' (did you mean 'h100e'?)\n"
			    "  acme 2024Q4 h100x > 1\n"
			    "              ^");
}

/* acme: 2023Q1..2024Q1. h100e 100, 200, 300, 400, 500; added 100 a
 * quarter; spend $10M a quarter in 2023; qoq undefined in 2023Q1. Then
 * the 'all' rows (the same figures, doubled). */
static struct series_row ROWS[10];
static struct series SERIES = { ROWS, 10, NULL, NULL };

static int setup(void **state)
{
	size_t i;

	(void)state;
	memset(ROWS, 0, sizeof ROWS);
	for (i = 0; i < 10; i++) {
		struct series_row *r = &ROWS[i];
		size_t k = i % 5;
		double scale = i < 5 ? 1 : 2;

		r->org = i < 5 ? "Acme" : FLEET_TOTAL_ORG;
		r->quarter = q("2023Q1") + (int)k;
		r->h100e = 100.0 * (double)(k + 1) * scale;
		r->added = 100 * scale;
		r->spend = k < 4 ? 10e6 * scale : 0;
		r->qoq = k == 0 ? NAN : 100.0 / (double)k;
		r->units = NAN;
	}
	return 0;
}

static struct check_result eval(const char *text)
{
	struct check c;
	struct check_result r;
	struct gc_error err;

	if (check_parse(text, "-e", 1, &c, &err) != GC_OK)
		fail_msg("%s", err.msg);
	check_eval(&c, &SERIES, &r);
	return r;
}

static void expect(const char *text, bool ok, double got)
{
	struct check_result r = eval(text);

	if (r.ok != ok)
		fail_msg("'%s' %s (got %g; %s)", text, ok ? "failed" : "held",
			 r.got, r.why);
	assert_near(r.got, got, 1e-9);
}

/* acme 2023Q3 h100e is 300. */
static void test_operators(void **state)
{
	(void)state;
	expect("acme 2023Q3 h100e < 301", true, 300);
	expect("acme 2023Q3 h100e < 300", false, 300);
	expect("acme 2023Q3 h100e <= 300", true, 300);
	expect("acme 2023Q3 h100e <= 299.99", false, 300);
	expect("acme 2023Q3 h100e > 299", true, 300);
	expect("acme 2023Q3 h100e > 300", false, 300);
	expect("acme 2023Q3 h100e >= 300", true, 300);
	expect("acme 2023Q3 h100e >= 300.01", false, 300);
	expect("acme 2023Q3 h100e == 300", true, 300);
	expect("acme 2023Q3 h100e == 300.5", false, 300);
	expect("acme 2023Q3 h100e != 301", true, 300);
	expect("acme 2023Q3 h100e != 300", false, 300);
	expect("ACME 2023Q3 h100e ~ 310 ±10", true, 300);
	expect("acme 2023Q3 h100e ~ 310 ±9.99", false, 300);
}

/* A tolerance is a share of the value (or an amount); exactly on its edge
 * holds, just past it fails. */
static void test_tolerance_edges(void **state)
{
	(void)state;
	/* 285 ±5% allows 14.25 either side; 300 is 15 away */
	expect("acme 2023Q3 h100e ~ 285 ±5%", false, 300);
	/* 315 ±5% allows 15.75; 300 is 15 away */
	expect("acme 2023Q3 h100e ~ 315 ±5%", true, 300);
	/* 2023Q4 is 400: 400 ~ 380 ±5.2631578947368421% allows 20 = 400 -
	 * 380 exactly, up to the last bit. */
	expect("acme 2023Q4 h100e ~ 380 ±5.2631578947368421%", true, 400);
	/* 2024Q1 is 500: 500 is exactly 25% over 400. */
	expect("acme 2024Q1 h100e ~ 400 ±25%", true, 500);
	expect("acme 2024Q1 h100e ~ 400 ±24.999%", false, 500);
	/* absolute: 500 ~ 400 ±100 exactly */
	expect("acme 2024Q1 h100e ~ 400 ±100", true, 500);
	expect("acme 2024Q1 h100e ~ 400 ±99.999", false, 500);
}

/* A year: its Q4 for levels and growth, its sum for flows, and spend over
 * additions for usd_per_h100e. 2023: h100e at Q4 400; added 4 x 100 =
 * 400; spend 4 x $10M = $40M; $40M / 400 = $100,000 per H100e; qoq at
 * Q4 100/3 = 33.33 %. */
static void test_years(void **state)
{
	(void)state;
	expect("acme 2023 h100e == 400", true, 400);
	expect("acme 2023 added_h100e == 400", true, 400);
	expect("acme 2023 spend_usd == 40M", true, 40e6);
	expect("acme 2023 usd_per_h100e == 100k", true, 100000);
	expect("acme 2023 qoq_pct ~ 33.33 ±0.01", true, 100.0 / 3);
	/* 2024 has only Q1: its flows sum what there is; its Q4 is missing */
	expect("acme 2024 added_h100e == 100", true, 100);
	/* no org: the 'all' rows, here twice acme's */
	expect("2023 h100e == 800", true, 800);
	expect("2023Q1 added_h100e == 200", true, 200);
}

static void expect_why(const char *text, const char *why)
{
	struct check_result r = eval(text);

	assert_false(r.ok);
	assert_true(isnan(r.got));
	assert_string_equal(r.why, why);
}

/* Names and periods that do not exist fail, saying so; never pass. */
static void test_missing(void **state)
{
	(void)state;
	expect_why("nobody 2023Q1 h100e > 0", "no org 'nobody' in the ledger");
	expect_why("acme 2024Q2 h100e > 0",
		   "no row for 'Acme' in 2024Q2; its series runs 2023Q1 to "
		   "2024Q1");
	expect_why("acme 2022 added_h100e >= 0",
		   "no row for 'Acme' in 2022; its series runs 2023Q1 to "
		   "2024Q1");
	expect_why("acme 2024 h100e > 0",
		   "no row for 'Acme' in 2024Q4; its series runs 2023Q1 to "
		   "2024Q1");
	expect_why("acme 2023Q1 qoq_pct != 5", "qoq_pct is undefined there");
	expect_why("acme 2023Q1 units != 5", "units is undefined there");
}

/* The same series with ranges: every h100e, added and spend from half to
 * one and a half times its central figure; acme's 2023Q2 qoq has no upper
 * bound (as growth from a low end of zero would). */
static struct series_row LOW[10], HIGH[10];
static struct series RANGED = { ROWS, 10, LOW, HIGH };

static void make_ranged(void)
{
	size_t i;

	for (i = 0; i < 10; i++) {
		LOW[i] = HIGH[i] = ROWS[i];
		LOW[i].h100e *= 0.5, HIGH[i].h100e *= 1.5;
		LOW[i].added *= 0.5, HIGH[i].added *= 1.5;
		LOW[i].spend *= 0.5, HIGH[i].spend *= 1.5;
	}
	HIGH[1].qoq = NAN;
}

/* ok: holds over the whole range; uncertain: over part of it; neither:
 * over none. */
static void expect_range(const char *text, bool ok, bool uncertain, double lo,
			 double hi)
{
	struct check c;
	struct check_result r;
	struct gc_error err;

	if (check_parse(text, "-e", 1, &c, &err) != GC_OK)
		fail_msg("%s", err.msg);
	check_eval(&c, &RANGED, &r);
	if (r.ok != ok || r.uncertain != uncertain)
		fail_msg("'%s': ok %d, uncertain %d", text, r.ok, r.uncertain);
	assert_near(r.lo, lo, 1e-6);
	if (isinf(hi))
		assert_true(isinf(r.hi) && r.hi > 0);
	else
		assert_near(r.hi, hi, 1e-6);
}

/* acme 2023Q3 h100e: 300, range [150, 450]. */
static void test_ranges(void **state)
{
	(void)state;
	make_ranged();
	expect_range("acme 2023Q3 h100e >= 100", true, false, 150, 450);
	expect_range("acme 2023Q3 h100e >= 500", false, false, 150, 450);
	expect_range("acme 2023Q3 h100e >= 300", false, true, 150, 450);
	expect_range("acme 2023Q3 h100e < 150", false, false, 150, 450);
	expect_range("acme 2023Q3 h100e <= 150", false, true, 150, 450);
	expect_range("acme 2023Q3 h100e == 300", false, true, 150, 450);
	expect_range("acme 2023Q3 h100e == 500", false, false, 150, 450);
	expect_range("acme 2023Q3 h100e != 500", true, false, 150, 450);
	expect_range("acme 2023Q3 h100e != 300", false, true, 150, 450);
	/* 600 ±10% is [540, 660]: none of [150, 450] */
	expect_range("acme 2023Q3 h100e ~ 600 ±10%", false, false, 150, 450);
	/* 100 ±60% is [40, 160]: only [150, 160] of it */
	expect_range("acme 2023Q3 h100e ~ 100 ±60%", false, true, 150, 450);
	/* 300 ±200 is [100, 500]: all of it */
	expect_range("acme 2023Q3 h100e ~ 300 ±200", true, false, 150, 450);
	/* 2023's additions: 4 x [50, 150] = [200, 600]; its usd_per_h100e
	 * from the low spend over the high additions, 4 x $5M / 600 =
	 * 33,333.33, to 4 x $15M / 200 = 300,000 */
	expect_range("acme 2023 added_h100e > 100", true, false, 200, 600);
	expect_range("acme 2023 usd_per_h100e >= 30k", true, false,
		     33333.333333, 300000);
	/* growth with no upper bound reaches past any figure */
	expect_range("acme 2023Q2 qoq_pct >= 1000", false, true, 100, INFINITY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_caret),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_tolerance_edges),
		cmocka_unit_test(test_years),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests_name("check", tests, setup, NULL);
}
