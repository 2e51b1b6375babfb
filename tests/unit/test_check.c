/* The check expression language: parsing (and where it goes wrong),
 * every operator, tolerance edges, and year-versus-quarter semantics. */
#include <stdio.h>
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
static struct series SERIES = { .rows = ROWS, .n = 10 };

static int setup(void **state)
{
	size_t i;

	(void)state;
	memset(ROWS, 0, sizeof ROWS);
	for (i = 0; i < 10; i++) {
		struct series_row *r = &ROWS[i];
		size_t k = i % 5;
		double scale = i < 5 ? 1 : 2;

		r->org = i < 5 ? "Acme" : SERIES_TOTAL_ORG;
		r->total = i >= 5;
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
static struct series RANGED = {
	.rows = ROWS, .n = 10, .low = LOW, .high = HIGH
};

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

/* A few rows of one quarter each, for the cases below: every figure NaN
 * but the ones given. */
struct mini {
	const char *org;
	const char *quarter;
	double h100e, qoq, spend;
	bool total;
};

static struct series_row MINI_ROWS[8];
static struct series MINI = { .rows = MINI_ROWS, .n = 0 };

static void mini(const struct mini *m, size_t n)
{
	size_t i;

	assert_true(n <= 8);
	for (i = 0; i < n; i++) {
		struct series_row *r = &MINI_ROWS[i];

		memset(r, 0, sizeof *r);
		r->org = m[i].org;
		r->quarter = q(m[i].quarter);
		r->units = r->added = r->retired = r->reported = r->gap = NAN;
		r->yoy = r->ytd = r->cum_spend = NAN;
		r->usd_per_h100e = r->power_mw = NAN;
		r->h100e = m[i].h100e;
		r->qoq = m[i].qoq;
		r->spend = m[i].spend;
		r->total = m[i].total;
	}
	MINI.n = n;
}

static struct check_result eval_on(const struct series *s, const char *text)
{
	struct check c;
	struct check_result r;
	struct gc_error err;

	if (check_parse(text, "-e", 1, &c, &err) != GC_OK)
		fail_msg("%s", err.msg);
	check_eval(&c, s, &r);
	return r;
}

static void expect_on(const char *text, bool ok, double got)
{
	struct check_result r = eval_on(&MINI, text);

	if (r.ok != ok)
		fail_msg("'%s' %s (got %.17g; %s)", text,
			 ok ? "failed" : "held", r.got, r.why);
	assert_near(r.got, got, 0);
}

/* An org named "all" is an org: a check without an org reads the total
 * rows (marked total), not the first rows named like them. The ledger:
 * org all 10, org zeta 5, their sum 15, all in 2024Q4. */
static void test_org_named_all(void **state)
{
	static const struct mini M[] = {
		{ "all", "2024Q4", 10, NAN, NAN, false },
		{ "zeta", "2024Q4", 5, NAN, NAN, false },
		{ SERIES_TOTAL_ORG, "2024Q4", 15, NAN, NAN, true },
	};
	struct check_result r;

	(void)state;
	mini(M, 3);
	expect_on("2024Q4 h100e == 15", true, 15);
	expect_on("all 2024Q4 h100e == 10", true, 10);
	expect_on("\"all\" 2024Q4 h100e == 10", true, 10);
	expect_on("ALL 2024Q4 h100e == 10", true, 10);
	expect_on("zeta 2024Q4 h100e == 5", true, 5);
	/* without an org named all, the name finds no org (never the sum),
	 * and the message says how to read the sum */
	mini(M + 1, 2);
	expect_on("2024Q4 h100e == 15", true, 15);
	r = eval_on(&MINI, "all 2024Q4 h100e == 15");
	assert_false(r.ok);
	assert_string_equal(r.why, "no org 'all' in the ledger (a check "
				   "without an org reads the sum of all "
				   "orgs)");
	/* a series without total rows has no sum to read */
	mini(M + 1, 1);
	r = eval_on(&MINI, "2024Q4 h100e > 0");
	assert_false(r.ok);
	assert_string_equal(r.why, "no sum of all orgs: the ledger has no org");
}

/* == and != compare within 1e-12 of the larger figure or 1e-9 near zero;
 * the orderings agree with them. The figures:
 * - net: a level of 132.14069132807765 and one 2^-45 (2.8e-14, one unit
 *   in the last place at 132) over it: their ratio rounds to 1 + 2^-52,
 *   a growth of 2.2e-14 %;
 * - tiny: a level 2.2e-14 off zero;
 * - sum: 0.1 + 0.2 = 0.30000000000000004 in binary, and spend $1e9 +
 *   $1e-4 (1e-13 of it) and $1e9 + $0.01 (1e-11);
 * - pct: growth of 0.04 %, 4e-4 off zero, no rounding. */
static void test_equal_within(void **state)
{
	const double lvl = 132.14069132807765, up = lvl + 0x1p-45;
	const double pct = (up / lvl - 1) * 100;
	const struct mini M[] = {
		{ "net", "2024Q1", lvl, NAN, NAN, false },
		{ "net", "2024Q2", up, pct, NAN, false },
		{ "tiny", "2024Q1", 2.2e-14, NAN, 1e9 + 1e-4, false },
		{ "tiny", "2024Q2", 0.1 + 0.2, 0.04, 1e9 + 0.01, false },
	};

	(void)state;
	mini(M, 4);
	/* the sort of figure that cancels in the fleet: not exact, so the
	 * test shows what it is about */
	assert_true(pct > 0 && pct < 1e-13);
	assert_true(up != lvl);
	/* an org's rows share one name pointer, as the fleet makes them */
	MINI_ROWS[1].org = MINI_ROWS[0].org;
	MINI_ROWS[3].org = MINI_ROWS[2].org;
	expect_on("net 2024Q2 qoq_pct == 0", true, pct);
	expect_on("net 2024Q2 qoq_pct != 0", false, pct);
	expect_on("net 2024Q2 qoq_pct > 0", false, pct);
	expect_on("net 2024Q2 qoq_pct >= 0", true, pct);
	expect_on("net 2024Q2 qoq_pct <= 0", true, pct);
	expect_on("net 2024Q2 qoq_pct < 0", false, pct);
	expect_on("net 2024Q2 qoq_pct ~ 0 ±0", true, pct);
	expect_on("net 2024Q2 h100e == 132.14069132807765", true, up);
	expect_on("net 2024Q2 h100e < 132.14069132807765", false, up);
	expect_on("tiny 2024Q1 h100e == 0", true, 2.2e-14);
	expect_on("tiny 2024Q1 h100e > 0", false, 2.2e-14);
	expect_on("tiny 2024Q2 h100e == 0.3", true, 0.1 + 0.2);
	/* 1e9 x 1e-12 = $0.001 of slack: $1e-4 is within, $0.01 is not */
	expect_on("tiny 2024Q1 spend_usd == 1e9", true, 1e9 + 1e-4);
	expect_on("tiny 2024Q2 spend_usd == 1e9", false, 1e9 + 0.01);
	expect_on("tiny 2024Q2 spend_usd != 1e9", true, 1e9 + 0.01);
	expect_on("tiny 2024Q2 spend_usd > 1e9", true, 1e9 + 0.01);
	/* 0.04 % is no rounding error */
	expect_on("tiny 2024Q2 qoq_pct == 0", false, 0.04);
	expect_on("tiny 2024Q2 qoq_pct > 0", true, 0.04);
}

/* A figure too big to compute finitely holds no check, whichever way the
 * operator reads infinity; it is reported as undefined, never as inf. */
static void test_not_finite(void **state)
{
	static const struct mini M[] = {
		{ "x", "2024Q1", INFINITY, INFINITY, -INFINITY, false },
	};
	static const char *const TEXTS[] = {
		"x 2024Q1 qoq_pct > 0",	    "x 2024Q1 qoq_pct != 5",
		"x 2024Q1 qoq_pct >= 1e12", "x 2024Q1 h100e > 0",
		"x 2024Q1 spend_usd < 0",   "x 2024Q1 h100e ~ 1 ±100%",
	};
	size_t i;

	(void)state;
	mini(M, 1);
	for (i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
		struct check_result r = eval_on(&MINI, TEXTS[i]);

		if (r.ok || r.uncertain)
			fail_msg("'%s' held on an infinite figure", TEXTS[i]);
		assert_true(isnan(r.got) && isnan(r.lo) && isnan(r.hi));
		assert_non_null(strstr(r.why, "not a finite number"));
	}
}

static void same_result(const char *text, const struct check_result *a,
			const struct check_result *b)
{
	if (a->ok != b->ok || a->uncertain != b->uncertain ||
	    strcmp(a->why, b->why) != 0 ||
	    memcmp(&a->got, &b->got, sizeof a->got) != 0 ||
	    memcmp(&a->lo, &b->lo, sizeof a->lo) != 0 ||
	    memcmp(&a->hi, &b->hi, sizeof a->hi) != 0)
		fail_msg("'%s': the index reads otherwise (%s / %s)", text,
			 a->why, b->why);
}

/* Checks judged through the index of a series' orgs read what check_eval
 * reads, whatever order the orgs come in; the index has a block per org
 * and one for the total. */
static void test_index(void **state)
{
	static const struct mini M[] = {
		{ "zeta", "2024Q4", 5, NAN, NAN, false },
		{ "all", "2024Q4", 10, NAN, NAN, false },
		{ "Beta", "2024Q4", 2, NAN, NAN, false },
		{ "alpha", "2024Q4", 1, NAN, NAN, false },
		{ SERIES_TOTAL_ORG, "2024Q4", 18, NAN, NAN, true },
	};
	static const char *const TEXTS[] = {
		"2024Q4 h100e == 18",	    "all 2024Q4 h100e == 10",
		"ZETA 2024Q4 h100e == 5",   "beta 2024Q4 h100e == 2",
		"alpha 2024Q4 h100e == 1",  "alph 2024Q4 h100e == 1",
		"zz 2024Q4 h100e == 1",	    "a 2024Q4 h100e == 1",
		"alpha 2024Q3 h100e == 1",  "acme 2023Q3 h100e == 300",
		"2023 h100e == 800",	    "acme 2023 usd_per_h100e > 0",
		"Acme 2023Q1 qoq_pct != 5", "2024Q1 h100e > 0",
	};
	const struct series *const SERIESES[] = { &MINI, &SERIES, &RANGED };
	size_t i, k;

	(void)state;
	mini(M, 5);
	make_ranged();
	for (k = 0; k < 3; k++) {
		struct check_index ix;
		struct gc_error err;

		assert_int_equal(check_index_init(&ix, SERIESES[k], &err),
				 GC_OK);
		assert_int_equal(ix.n, k == 0 ? 5 : 2);
		for (i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
			struct check c;
			struct check_result a, b;

			assert_int_equal(
				check_parse(TEXTS[i], "-e", 1, &c, &err),
				GC_OK);
			check_eval(&c, SERIESES[k], &a);
			check_eval_in(&c, &ix, &b);
			same_result(TEXTS[i], &a, &b);
		}
		check_index_free(&ix);
	}
	/* the ones that read MINI, by hand */
	expect_on("all 2024Q4 h100e == 10", true, 10);
	expect_on("2024Q4 h100e == 18", true, 18);
}

struct line_case {
	const char *line;
	bool is_check;
	const char *org; /* of the check, when it is one */
	double value;
};

/* Comments start at a '#' outside a quoted org, quotes read as a check
 * reads them (an escaped quote does not end the org). */
static const struct line_case LINES[] = {
	{ "", false, NULL, 0 },
	{ " \t ", false, NULL, 0 },
	{ "# a comment", false, NULL, 0 },
	{ "   # indented", false, NULL, 0 },
	{ "acme 2024Q1 h100e > 5 # why", true, "acme", 5 },
	{ "acme 2024Q1 h100e > 5# no blank", true, "acme", 5 },
	{ "\"a#b\" 2024Q1 h100e > 5", true, "a#b", 5 },
	{ "\"a\\\"#b\" 2024Q1 h100e > 5 # c", true, "a\"#b", 5 },
	{ "\"a\\\\\" 2024Q1 h100e > 6 # \"c", true, "a\\", 6 },
	{ "acme 2024Q1 h100e ~ 5 ±1#", true, "acme", 5 },
};

static void test_lines(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof LINES / sizeof LINES[0]; i++) {
		const struct line_case *l = &LINES[i];
		struct check c;
		struct gc_error err;
		bool is;

		if (check_parse_line(l->line, "f", 1, &c, &is, &err) != GC_OK)
			fail_msg("'%s': %s", l->line, err.msg);
		if (is != l->is_check)
			fail_msg("'%s': is_check %d", l->line, is);
		if (!is)
			continue;
		assert_string_equal(c.org, l->org);
		assert_near(c.value, l->value, 0);
	}
}

/* Errors in a line, at their column in the line (characters, blanks
 * before the check counted). */
static const struct bad BAD_LINES[] = {
	/* 4 blanks, then 'h100x' at column 13 of the check */
	{ "    acme 2024Q4 h100x > 1", 17,
	  "unknown column 'h100x' (did you mean 'h100e'?)" },
	/* the tab is one column */
	{ "\tacme 2024Q4 h100e >", 21, "expected a value to compare with" },
	/* byte 0xFF after "acme 2024Q1 h100e > 1 # caf" (27 characters) */
	{ "acme 2024Q1 h100e > 1 # caf\xFF", 28,
	  "not valid UTF-8 (byte 0xFF)" },
	/* "±" is one column: the bad byte is the 3rd character */
	{ "\xC2\xB1\xC2", 2, "not valid UTF-8 (byte 0xC2)" },
	/* a surrogate, encoded: not UTF-8 */
	{ "\"\xED\xA0\x80\" 2024Q1 h100e > 1", 2,
	  "not valid UTF-8 (byte 0xED)" },
	{ "\"a\x1b[31m\" 2024Q1 h100e > 1", 3, "control character 0x1B" },
	{ "acme 2024Q1 h100e > 1 #\x7f", 24, "control character 0x7F" },
};

static void test_line_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof BAD_LINES / sizeof BAD_LINES[0]; i++) {
		const struct bad *b = &BAD_LINES[i];
		struct check c;
		struct gc_error err;
		bool is;
		size_t n = strlen(b->msg);

		if (check_parse_line(b->text, "f", 3, &c, &is, &err) !=
		    GC_USAGE)
			fail_msg("'%s' accepted", b->text);
		if (strncmp(err.msg, b->msg, n) != 0 ||
		    (err.msg[n] != '\0' && err.msg[n] != '\n'))
			fail_msg("'%s': '%s'", b->text, err.msg);
		assert_int_equal(err.line, 3);
		if (err.col != b->col)
			fail_msg("'%s' at column %ld, expected %ld", b->text,
				 err.col, b->col);
	}
}

/* Reads len bytes as a checks file into l; returns the status and, in
 * *used, how many bytes the reader took from the stream. */
static enum gc_status read_mem(const char *text, size_t len,
			       struct check_list *l, struct gc_error *err,
			       long *used)
{
	FILE *in = fmemopen((void *)text, len, "r");
	enum gc_status st;

	assert_non_null(in);
	st = check_list_read(l, in, "plan.checks", err);
	*used = ftell(in);
	fclose(in);
	return st;
}

struct file_case {
	const char *text;
	size_t len; /* 0: strlen */
	enum gc_status status;
	size_t n;	/* checks read (before the error, on one) */
	long line, col; /* of the error */
	const char *msg;
};

/* The acme check twice, in the ways files end their lines. */
static const struct file_case FILES[] = {
	{ "acme 2024Q1 h100e > 1\nacme 2024Q1 h100e > 2\n", 0, GC_OK, 2, 0, 0,
	  NULL },
	/* no line break at the end */
	{ "acme 2024Q1 h100e > 1\nacme 2024Q1 h100e > 2", 0, GC_OK, 2, 0, 0,
	  NULL },
	{ "acme 2024Q1 h100e > 1\r\nacme 2024Q1 h100e > 2\r\n", 0, GC_OK, 2, 0,
	  0, NULL },
	{ "acme 2024Q1 h100e > 1\racme 2024Q1 h100e > 2\r", 0, GC_OK, 2, 0, 0,
	  NULL },
	/* a byte order mark, then the org "acme", not "\uFEFFacme" */
	{ "\xEF\xBB\xBF"
	  "acme 2024Q1 h100e > 1\n",
	  0, GC_OK, 1, 0, 0, NULL },
	{ "\xEF\xBB\xBF", 0, GC_OK, 0, 0, 0, NULL },
	{ "", 0, GC_OK, 0, 0, 0, NULL },
	{ "\n\n# only comments\r\n", 0, GC_OK, 0, 0, 0, NULL },
	/* CR LF counts one line, a lone CR one: the bad check is line 3 */
	{ "acme 2024Q1 h100e > 1\r\n\racme 2024Q1 h100x > 2\n", 0, GC_USAGE, 1,
	  3, 13, "unknown column 'h100x'" },
	/* the BOM takes no column: h100x is at 13 */
	{ "\xEF\xBB\xBF"
	  "acme 2024Q1 h100x > 1\n",
	  0, GC_USAGE, 0, 1, 13, "unknown column 'h100x'" },
	/* a NUL byte: located, never a silent end of the line or file */
	{ "acme 2024Q1 h100e > 1\nacme 2024Q1\0 h100e > 1\n", 45, GC_USAGE, 1,
	  2, 12, "NUL byte in the line" },
	{ "\0\0\0\0", 4, GC_USAGE, 0, 1, 1, "NUL byte in the line" },
	/* "±" is one column: the NUL after "a±" is at column 3 */
	{ "a\xC2\xB1\0", 4, GC_USAGE, 0, 1, 3, "NUL byte in the line" },
};

/* A check's name is the comment block directly above it; a blank line
 * or a check ends a block; each check knows its file and line. */
static void test_names(void **state)
{
	static const char text[] =
		"# a header, not a name\n"
		"\n"
		"## The first buy\n"
		"#   is in the books  \n"
		"acme 2024Q1 h100e > 1\n"
		"acme 2024Q1 h100e > 2\n"
		"# ends at the blank line\n"
		"\n"
		"acme 2024Q1 h100e > 3 # its own comment names nothing\n"
		"#\n"
		"# after an empty comment line\n"
		"acme 2024Q1 h100e > 4\n";
	struct check_list l = { NULL, 0, 0 };
	struct gc_error err;
	long used;

	(void)state;
	assert_int_equal(read_mem(text, strlen(text), &l, &err, &used), GC_OK);
	assert_int_equal(l.n, 4);
	/* two lines joined by a space, '#' and blanks trimmed */
	assert_string_equal(l.items[0].name, "The first buy is in the books");
	assert_string_equal(l.items[0].file, "plan.checks");
	assert_int_equal(l.items[0].line, 5);
	assert_string_equal(l.items[1].name, "");
	assert_int_equal(l.items[1].line, 6);
	assert_string_equal(l.items[2].name, "");
	assert_string_equal(l.items[3].name, "after an empty comment line");
	assert_int_equal(l.items[3].line, 12);
	check_list_free(&l);
}

/* A name longer than a check may be is cut on a character boundary:
 * 127 "é" (2 bytes each) and a third byte would pass 255 bytes, so the
 * name keeps 127 of them, 254 bytes, and no half of the 128th. */
static void test_long_name(void **state)
{
	char text[1024], *p = text;
	struct check_list l = { NULL, 0, 0 };
	struct gc_error err;
	long used;
	int i;

	(void)state;
	p += sprintf(p, "# ");
	for (i = 0; i < 200; i++)
		p += sprintf(p, "\xC3\xA9");
	sprintf(p, "\nacme 2024Q1 h100e > 1\n");
	assert_int_equal(read_mem(text, strlen(text), &l, &err, &used), GC_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(strlen(l.items[0].name), 254);
	assert_memory_equal(l.items[0].name + 252, "\xC3\xA9", 2);
	check_list_free(&l);
}

static void test_files(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
		const struct file_case *f = &FILES[i];
		struct check_list l = { NULL, 0, 0 };
		struct gc_error err;
		long used;
		size_t len = f->len ? f->len : strlen(f->text);
		enum gc_status st = read_mem(f->text, len, &l, &err, &used);

		if (st != f->status)
			fail_msg("case %zu: status %d (%s)", i, st,
				 st ? err.msg : "");
		assert_int_equal(l.n, f->n);
		if (f->n > 0)
			assert_string_equal(l.items[0].org, "acme");
		if (f->status != GC_OK) {
			assert_string_equal(err.file, "plan.checks");
			if (err.line != f->line || err.col != f->col)
				fail_msg("case %zu: at %ld:%ld", i, err.line,
					 err.col);
			assert_true(strncmp(err.msg, f->msg, strlen(f->msg)) ==
				    0);
		}
		check_list_free(&l);
	}
}

/* Only the first bytes of a file may be a byte order mark: a second one
 * is text, the first character of the org (U+FEFF, valid UTF-8, no
 * control), as the CSV reader reads it. */
static void test_file_second_bom(void **state)
{
	static const char TEXT[] = "\xEF\xBB\xBF\xEF\xBB\xBF"
				   "acme 2024Q1 h100e > 1\n";
	struct check_list l = { NULL, 0, 0 };
	struct gc_error err;
	long used;

	(void)state;
	assert_int_equal(read_mem(TEXT, strlen(TEXT), &l, &err, &used), GC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].org, "\xEF\xBB\xBF"
					    "acme");
	check_list_free(&l);
}

/* The bounds: a line is refused at its byte CHECKS_LINE_MAX + 1, read no
 * further (the reader has taken that many bytes and one more of the
 * line, never the rest); a stream of NULs (/dev/zero) at its first byte;
 * line CHECKS_LINES_MAX + 1 and check CHECKS_MAX + 1 are refused. */
static void test_file_bounds(void **state)
{
	size_t big = 1u << 20, i;
	char *text = malloc(big * 8);
	struct check_list l = { NULL, 0, 0 };
	struct gc_error err;
	long used;

	(void)state;
	assert_non_null(text);
	/* a comment line of exactly CHECKS_LINE_MAX bytes is fine */
	memset(text, 'x', big);
	memcpy(text, "acme 2024Q1 h100e > 1 #", 23);
	text[CHECKS_LINE_MAX] = '\n';
	assert_int_equal(read_mem(text, CHECKS_LINE_MAX + 1, &l, &err, &used),
			 GC_OK);
	assert_int_equal(l.n, 1);
	check_list_free(&l);
	/* one byte more, in a 1 MB line: refused at column 4097 */
	text[CHECKS_LINE_MAX] = 'x';
	assert_int_equal(read_mem(text, big, &l, &err, &used), GC_USAGE);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, CHECKS_LINE_MAX + 1);
	assert_string_equal(err.msg, "line longer than 4096 bytes");
	assert_int_equal(used, CHECKS_LINE_MAX + 1);
	assert_int_equal(l.n, 0);
	/* NULs */
	memset(text, 0, big);
	assert_int_equal(read_mem(text, big, &l, &err, &used), GC_USAGE);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 1);
	assert_int_equal(used, 1);
	/* 1,000,001 blank lines: the last is one too many */
	memset(text, '\n', CHECKS_LINES_MAX + 1);
	assert_int_equal(read_mem(text, CHECKS_LINES_MAX, &l, &err, &used),
			 GC_OK);
	assert_int_equal(read_mem(text, CHECKS_LINES_MAX + 1, &l, &err, &used),
			 GC_USAGE);
	assert_int_equal(err.line, CHECKS_LINES_MAX + 1);
	assert_string_equal(err.msg, "more than 1000000 lines, the limit");
	/* CHECKS_MAX checks of 13 bytes a line, and one more */
	for (i = 0; i <= CHECKS_MAX; i++)
		memcpy(text + 13 * i, "2024 h100e>0\n", 13);
	assert_int_equal(read_mem(text, 13 * CHECKS_MAX, &l, &err, &used),
			 GC_OK);
	assert_int_equal(l.n, CHECKS_MAX);
	check_list_free(&l);
	assert_int_equal(read_mem(text, 13 * (CHECKS_MAX + 1), &l, &err, &used),
			 GC_USAGE);
	assert_int_equal(err.line, CHECKS_MAX + 1);
	assert_string_equal(err.msg, "more than 100000 checks, the limit");
	assert_int_equal(l.n, CHECKS_MAX);
	/* -e counts toward the same limit */
	assert_int_equal(check_list_add(&l, "2024 h100e>0", "-e", 3, &err),
			 GC_USAGE);
	assert_int_equal(err.line, 3);
	check_list_free(&l);
	free(text);
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
		cmocka_unit_test(test_org_named_all),
		cmocka_unit_test(test_equal_within),
		cmocka_unit_test(test_not_finite),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_line_errors),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_long_name),
		cmocka_unit_test(test_file_second_bom),
		cmocka_unit_test(test_file_bounds),
	};

	return cmocka_run_group_tests_name("check", tests, setup, NULL);
}
