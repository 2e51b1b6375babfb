/* Fleet arithmetic: capacity, growth, levels, retirement, spend, power.
 * Every expected figure is worked out by hand in the comment beside it. */
#include <stddef.h>
#include <string.h>

#include "unit.h"

#include "gpucap/fleet.h"
#include "gpucap/quarter.h"
#include "gpucap/report.h"

static struct catalog CAT;

static int setup(void **state)
{
	struct gc_error err;

	(void)state;
	catalog_init(&CAT);
	return catalog_load_builtin(&CAT, &err) == GC_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(&CAT);
	return 0;
}

/* A row as a loader would push it; figures NaN unless set. */
static struct ledger_row row(const char *q, const char *org, enum row_kind kind)
{
	struct ledger_row r;

	memset(&r, 0, sizeof r);
	assert_true(quarter_parse(q, &r.quarter));
	r.file = "t.csv";
	r.line = 2;
	r.org = org;
	r.kind = kind;
	r.units = r.spend = r.h100e = r.total = NAN;
	r.at[LC_QUARTER] = (struct ledger_loc){ 2, 1 };
	r.at[LC_MODEL] = (struct ledger_loc){ 2, 3 };
	r.at[LC_UNITS] = (struct ledger_loc){ 2, 4 };
	r.at[LC_SPEND] = (struct ledger_loc){ 2, 5 };
	r.at[LC_TOTAL] = (struct ledger_loc){ 2, 7 };
	return r;
}

static struct ledger_row buy(const char *q, const char *org, const char *model,
			     double units)
{
	struct ledger_row r = row(q, org, ROW_BUY);

	r.model = model;
	r.units = units;
	return r;
}

static struct ledger_row capacity(const char *q, const char *org, double h)
{
	struct ledger_row r = row(q, org, ROW_CAPACITY);

	r.h100e = h;
	return r;
}

static struct ledger_row level(const char *q, const char *org, double total)
{
	struct ledger_row r = row(q, org, ROW_TOTAL);

	r.total = total;
	return r;
}

struct run {
	struct fleet f;
	struct series s;
	struct gc_error err;
};

static void start(struct run *r, const struct fleet_opts *opts)
{
	struct fleet_opts o;

	memset(r, 0, sizeof *r);
	fleet_opts_init(&o, &CAT);
	assert_int_equal(fleet_init(&r->f, opts ? opts : &o, &r->err), GC_OK);
}

static void add(struct run *r, struct ledger_row row)
{
	if (fleet_add(&row, &r->f, &r->err) != GC_OK)
		fail_msg("fleet_add: %s", r->err.msg);
}

static void finish(struct run *r)
{
	assert_int_equal(fleet_series(&r->f, &r->s, &r->err), GC_OK);
}

static void done(struct run *r)
{
	series_free(&r->s);
	fleet_free(&r->f);
}

/* 1000 H100-SXM in 2024Q1, 1000 B200 in 2024Q2 (bf16, H100 baseline). */
static void test_two_models(void **state)
{
	struct run r;

	(void)state;
	start(&r, NULL);
	add(&r, buy("2024Q1", "acme", "H100-SXM", 1000));
	add(&r, buy("2024Q2", "acme", "B200", 1000));
	finish(&r);
	assert_int_equal(r.s.n, 2);
	assert_near(r.s.rows[0].h100e, 1000, 1e-9);
	assert_near(r.s.rows[0].units, 1000, 0);
	/* B200 factor 2250 / 989.4 = 2.2741055...; 1000 + 2274.1055185 */
	assert_near(r.s.rows[1].added, 2274.1055185, 1e-6);
	assert_near(r.s.rows[1].h100e, 3274.1055185, 1e-6);
	/* 3274.1055 / 1000 - 1 = 227.41055 % */
	assert_near(r.s.rows[1].qoq, 227.41055185, 1e-6);
	assert_near(r.s.rows[1].units, 2000, 0);
	/* before the first quarter, growth is undefined */
	assert_true(isnan(r.s.rows[0].qoq));
	assert_true(isnan(r.s.rows[0].yoy));
	/* 1000 x 700 W = 0.7 MW; + 1000 x 1000 W = 1.7 MW */
	assert_near(r.s.rows[0].power_mw, 0.7, 1e-12);
	assert_near(r.s.rows[1].power_mw, 1.7, 1e-12);
	/* no money in this ledger: spend is unknown, not zero */
	assert_true(isnan(r.s.rows[1].spend));
	done(&r);
}

/* Empty quarters are filled so growth is quarter over quarter:
 * 23Q1 +100 -> 100; 23Q2 -> 100 (qoq 0); 23Q3 +100 -> 200 (qoq 100%);
 * 23Q4 -> 200; 24Q1 +200 -> 400: qoq 400/200 = +100%, yoy 400/100 =
 * +300%, ytd 400/200 (23Q4) = +100%; 24Q2 -> 400: qoq 0, yoy 400/100
 * (23Q2) = +300%, ytd +100%. */
static void test_growth(void **state)
{
	static const double H[] = { 100, 100, 200, 200, 400, 400 };
	static const double QOQ[] = { NAN, 0, 100, 0, 100, 0 };
	static const double YOY[] = { NAN, NAN, NAN, NAN, 300, 300 };
	/* 2023 has no 2022Q4 to compare with */
	static const double YTD[] = { NAN, NAN, NAN, NAN, 100, 100 };
	struct run r;
	size_t i;

	(void)state;
	start(&r, NULL);
	add(&r, capacity("2023Q1", "x", 100));
	add(&r, capacity("2023Q3", "x", 100));
	add(&r, capacity("2024Q1", "x", 200));
	add(&r, capacity("2024Q2", "other", 1)); /* the ledger ends 2024Q2 */
	finish(&r);
	assert_int_equal(r.s.n, 1 + 6);
	for (i = 0; i < 6; i++) {
		const struct series_row *s = &r.s.rows[1 + i];

		assert_string_equal(s->org, "x");
		assert_near(s->h100e, H[i], 1e-9);
		assert_near(s->qoq, QOQ[i], 1e-9);
		assert_near(s->yoy, YOY[i], 1e-9);
		assert_near(s->ytd, YTD[i], 1e-9);
		/* units are unknown for an org counted only in H100e */
		assert_true(isnan(s->units));
	}
	done(&r);
}

/* A reported level resets the series and shows the gap:
 * 23Q4 level 15,000 (computed 0, gap 15,000); 24Q1 +40,000 -> 55,000,
 * qoq 55/15 - 1 = 266.67%; 24Q2 +1,000 -> computed 56,000, reported
 * 50,000, gap -6,000, h100e 50,000, qoq 50/55 - 1 = -9.0909%. */
static void test_levels(void **state)
{
	struct run r;

	(void)state;
	start(&r, NULL);
	add(&r, level("2023Q4", "Tesla", 15000));
	add(&r, capacity("2024Q1", "tesla", 40000));
	add(&r, capacity("2024Q2", "TESLA", 1000));
	add(&r, level("2024Q2", "tesla", 50000));
	finish(&r);
	assert_int_equal(r.s.n, 3);
	/* one org, named as first written */
	assert_string_equal(r.s.rows[2].org, "Tesla");
	assert_near(r.s.rows[0].reported, 15000, 0);
	assert_near(r.s.rows[0].gap, 15000, 0);
	assert_near(r.s.rows[1].h100e, 55000, 0);
	assert_true(isnan(r.s.rows[1].reported));
	assert_true(isnan(r.s.rows[1].gap));
	assert_near(r.s.rows[1].qoq, 266.666666667, 1e-6);
	assert_near(r.s.rows[2].gap, -6000, 1e-9);
	assert_near(r.s.rows[2].h100e, 50000, 0);
	assert_near(r.s.rows[2].qoq, -9.09090909, 1e-6);
	done(&r);
}

/* 1000 H100 bought, 400 retired: retired 400 H100e, 600 left, qoq -40%.
 * Power with Epoch AI's overhead 1.82 and PUE 1.12: 1000 x 700 W x 1.82 x
 * 1.12 = 1.42688 MW (about 1.43 kW per H100); 600 -> 0.856128 MW. */
static void test_retire_and_power(void **state)
{
	struct fleet_opts o;
	struct run r;

	(void)state;
	fleet_opts_init(&o, &CAT);
	o.overhead = 1.82;
	o.pue = 1.12;
	start(&r, &o);
	add(&r, buy("2024Q1", "acme", "H100", 1000));
	add(&r, buy("2024Q2", "acme", "H100", -400));
	finish(&r);
	assert_near(r.s.rows[1].added, 0, 0);
	assert_near(r.s.rows[1].retired, 400, 1e-9);
	assert_near(r.s.rows[1].h100e, 600, 1e-9);
	assert_near(r.s.rows[1].units, 600, 0);
	assert_near(r.s.rows[1].qoq, -40, 1e-9);
	assert_near(r.s.rows[0].power_mw, 1.42688, 1e-12);
	assert_near(r.s.rows[1].power_mw, 0.856128, 1e-12);
	done(&r);
}

/* Units bought and retired in one quarter change the level by exactly
 * nothing: 7 MI300X, then 40 bought and 40 retired, is the same level to
 * the last bit (added - retired of the two products was 2.2e-14 off), so
 * growth is exactly 0. */
static void test_units_that_cancel(void **state)
{
	struct run r;

	(void)state;
	start(&r, NULL);
	add(&r, buy("2024Q1", "acme", "MI300X", 7));
	add(&r, buy("2024Q2", "acme", "MI300X", 40));
	add(&r, buy("2024Q2", "acme", "MI300X", -40));
	finish(&r);
	assert_true(r.s.rows[1].h100e == r.s.rows[0].h100e);
	assert_true(r.s.rows[1].qoq == 0);
	assert_true(r.s.rows[1].added == r.s.rows[1].retired);
	done(&r);
}

/* $33.6M of H100-SXM at its catalog price of $33,600 is 1000 units;
 * $3.36M alone at the baseline's price is 100 H100e. Q1 adds 1100 H100e
 * for $36.96M: $33,600 per H100e. */
static void test_spend(void **state)
{
	struct ledger_row by_model = row("2024Q1", "acme", ROW_BUY);
	struct ledger_row alone = row("2024Q1", "acme", ROW_SPEND);
	struct run r;

	(void)state;
	by_model.model = "H100-SXM";
	by_model.spend = 33.6e6;
	alone.spend = 3.36e6;
	start(&r, NULL);
	add(&r, by_model);
	add(&r, alone);
	finish(&r);
	assert_near(r.s.rows[0].units, 1000, 1e-9);
	assert_near(r.s.rows[0].added, 1100, 1e-9);
	assert_near(r.s.rows[0].spend, 36.96e6, 1e-3);
	assert_near(r.s.rows[0].usd_per_h100e, 33600, 1e-6);
	assert_near(r.s.rows[0].cum_spend, 36.96e6, 1e-3);
	done(&r);
}

/* Which figures are the ledger's own (SERIES_ENTERED_*): acme states
 * 500 H100e of capacity in 2024Q1 (entered) and its level, 600, in 2024Q2
 * (entered: h100e is that level, not 500 + 0 computed); beta buys 100 H100
 * in 2024Q1 (added computed from units) and spends $3.36M alone in 2024Q2
 * (added computed from money: 100 H100e at $33,600; spend entered). */
static void test_entered(void **state)
{
	struct ledger_row money = row("2024Q2", "beta", ROW_SPEND);
	struct run r;

	(void)state;
	money.spend = 3.36e6;
	start(&r, NULL);
	add(&r, capacity("2024Q1", "acme", 500));
	add(&r, level("2024Q2", "acme", 600));
	add(&r, buy("2024Q1", "beta", "H100-SXM", 100));
	add(&r, money);
	finish(&r);
	assert_int_equal(r.s.n, 4); /* acme Q1 Q2, beta Q1 Q2 */
	assert_true(report_entered(&r.s.rows[0], RC_ADDED));
	assert_false(report_entered(&r.s.rows[0], RC_H100E));
	assert_true(report_entered(&r.s.rows[1], RC_H100E));
	assert_true(report_entered(&r.s.rows[1], RC_REPORTED));
	assert_false(report_entered(&r.s.rows[1], RC_QOQ));
	assert_false(report_entered(&r.s.rows[2], RC_ADDED));
	assert_near(r.s.rows[3].added, 100, 1e-9);
	assert_false(report_entered(&r.s.rows[3], RC_ADDED));
	assert_true(report_entered(&r.s.rows[3], RC_SPEND));
	assert_false(report_entered(&r.s.rows[2], RC_SPEND));
	done(&r);
}

/* --usd-per-h100e 50k: $500M alone is 10,000 H100e. Money beside units
 * only records the money. */
static void test_usd_per_h100e(void **state)
{
	struct fleet_opts o;
	struct ledger_row alone = row("2024Q1", "dojo", ROW_SPEND);
	struct ledger_row units = buy("2024Q2", "dojo", "H100", 10);
	struct run r;
	const char *why;

	(void)state;
	fleet_opts_init(&o, &CAT);
	assert_true(price_curve_parse("50k", &o.usd_per_h100e, &why));
	alone.spend = 500e6;
	units.spend = 1e6;
	start(&r, &o);
	add(&r, alone);
	add(&r, units);
	finish(&r);
	assert_near(r.s.rows[0].added, 10000, 1e-9);
	assert_near(r.s.rows[1].added, 10, 1e-9);
	assert_near(r.s.rows[1].cum_spend, 501e6, 1e-3);
	/* 1e6 / 10 */
	assert_near(r.s.rows[1].usd_per_h100e, 100000, 1e-6);
	done(&r);
}

/* --metric 8bit, 1000 A100: 624 / 1978.9 x 1000 = 315.32670 H100e. */
static void test_metric(void **state)
{
	struct fleet_opts o;
	struct run r;

	(void)state;
	fleet_opts_init(&o, &CAT);
	o.metric = METRIC_8BIT;
	start(&r, &o);
	add(&r, buy("2024Q1", "a", "A100-SXM-80GB", 1000));
	finish(&r);
	assert_near(r.s.rows[0].h100e, 315.3266966, 1e-6);
	done(&r);
}

/* --baseline A100-SXM-80GB: an H100 is 989.4 / 312 = 3.1712 A100s. */
static void test_baseline(void **state)
{
	struct fleet_opts o;
	struct run r;

	(void)state;
	fleet_opts_init(&o, &CAT);
	o.baseline = "a100 sxm 80gb";
	start(&r, &o);
	add(&r, buy("2024Q1", "a", "H100", 10));
	finish(&r);
	assert_near(r.s.rows[0].h100e, 31.7115384615, 1e-9);
	done(&r);
}

static void test_orgs_sorted(void **state)
{
	struct run r;

	(void)state;
	start(&r, NULL);
	add(&r, capacity("2024Q1", "zeta", 1));
	add(&r, capacity("2024Q1", "Alpha", 1));
	add(&r, capacity("2024Q1", "beta", 1));
	add(&r, capacity("2024Q1", "", 1));
	finish(&r);
	assert_int_equal(r.s.n, 4);
	assert_string_equal(r.s.rows[0].org, "");
	assert_string_equal(r.s.rows[1].org, "Alpha");
	assert_string_equal(r.s.rows[2].org, "beta");
	assert_string_equal(r.s.rows[3].org, "zeta");
	done(&r);
}

/* Rows may come in any order: an earlier quarter extends the span. */
static void test_out_of_order(void **state)
{
	struct run r;

	(void)state;
	start(&r, NULL);
	add(&r, capacity("2024Q3", "x", 300));
	add(&r, capacity("2024Q1", "x", 100));
	finish(&r);
	assert_int_equal(r.s.n, 3);
	assert_near(r.s.rows[0].h100e, 100, 0);
	assert_near(r.s.rows[1].h100e, 100, 0);
	assert_near(r.s.rows[2].h100e, 400, 0);
	assert_near(r.s.rows[2].qoq, 300, 1e-9);
	done(&r);
}

static void expect_error(struct ledger_row bad, const struct fleet_opts *o,
			 long col, const char *msg)
{
	struct run r;

	start(&r, o);
	assert_int_equal(fleet_add(&bad, &r.f, &r.err), GC_DATA);
	assert_string_equal(r.err.msg, msg);
	assert_string_equal(r.err.file, "t.csv");
	assert_int_equal(r.err.line, 2);
	assert_int_equal(r.err.col, col);
	done(&r);
}

static void test_errors(void **state)
{
	struct fleet_opts o;
	struct ledger_row no_price = row("2024Q1", "a", ROW_BUY);

	(void)state;
	expect_error(buy("2024Q1", "a", "H10O", 1), NULL, 3,
		     "unknown model 'H10O'; did you mean 'H100-SXM'?");
	no_price.model = "B200";
	no_price.spend = 1e9;
	expect_error(no_price, NULL, 5,
		     "spend_usd: model 'B200' has no price_usd in the "
		     "catalog to turn money into units; give units");
	fleet_opts_init(&o, &CAT);
	o.metric = METRIC_FP4;
	o.baseline = "B200";
	expect_error(buy("2024Q1", "a", "H100", 1), &o, 3,
		     "model: 'H100-SXM' has no fp4 figure in the catalog (try "
		     "another --metric)");
}

static void test_conflicting_levels(void **state)
{
	struct run r;
	struct ledger_row a = level("2024Q1", "x", 100);
	struct ledger_row b = level("2024Q1", "X", 200);

	(void)state;
	start(&r, NULL);
	add(&r, a);
	/* the same level twice is fine */
	add(&r, a);
	b.line = b.at[LC_TOTAL].line = 9;
	assert_int_equal(fleet_add(&b, &r.f, &r.err), GC_DATA);
	assert_string_equal(r.err.msg,
			    "total_h100e: a different level for the same org "
			    "and quarter is on line 2");
	assert_int_equal(r.err.line, 9);
	done(&r);
}

/* 1000 quarters is the limit: 2000Q1..2249Q4 is exactly 1000. */
static void test_span_limit(void **state)
{
	struct run r;
	struct ledger_row far = capacity("2250Q1", "x", 1);

	(void)state;
	start(&r, NULL);
	add(&r, capacity("2000Q1", "x", 1));
	add(&r, capacity("2249Q4", "y", 1));
	assert_int_equal(fleet_add(&far, &r.f, &r.err), GC_DATA);
	assert_string_equal(r.err.msg,
			    "quarter: the ledger would span 2000Q1 to 2250Q1, "
			    "over the limit of 1000 quarters");
	finish(&r);
	/* 1000 quarters of x and 1 of y */
	assert_int_equal(r.s.n, 1001);
	done(&r);
}

static void test_baseline_errors(void **state)
{
	struct fleet_opts o;
	struct fleet f;
	struct gc_error err;

	(void)state;
	fleet_opts_init(&o, &CAT);
	o.baseline = "nope";
	assert_int_equal(fleet_init(&f, &o, &err), GC_USAGE);
	assert_string_equal(err.msg, "unknown baseline model 'nope'");
	o.baseline = "TPU-v4";
	o.metric = METRIC_FP8;
	assert_int_equal(fleet_init(&f, &o, &err), GC_USAGE);
	assert_string_equal(
		err.msg, "baseline 'TPU-v4' has no fp8 figure in the catalog");
}

static void test_growth_pct(void **state)
{
	(void)state;
	assert_near(growth_pct(110, 100), 10, 1e-12);
	assert_near(growth_pct(50, 100), -50, 1e-12);
	assert_true(isnan(growth_pct(10, 0)));
	assert_true(isnan(growth_pct(10, NAN)));
	assert_true(isnan(growth_pct(10, -5)));
	/* (1e12 / 1e-300 - 1) * 100 = 1e314 is past DBL_MAX: undefined */
	assert_true(isnan(growth_pct(1e12, 1e-300)));
}

/* Issue 3's level case: 23Q4 level 15,000; 24Q1 +40,000 and a reported
 * 35,000: computed 55,000, so gap 35,000 - 55,000 = -20,000, h100e
 * 35,000, qoq 35,000 / 15,000 - 1 = +133.33 %. */
static void test_level_below_computed(void **state)
{
	struct run r;

	(void)state;
	start(&r, NULL);
	add(&r, level("2023Q4", "t", 15000));
	add(&r, capacity("2024Q1", "t", 40000));
	add(&r, level("2024Q1", "t", 35000));
	finish(&r);
	assert_near(r.s.rows[1].h100e, 35000, 0);
	assert_near(r.s.rows[1].gap, -20000, 0);
	assert_near(r.s.rows[1].qoq, 133.333333333, 1e-6);
	done(&r);
}

static void expect_series_error(struct run *r, long line, const char *msg)
{
	assert_int_equal(fleet_series(&r->f, &r->s, &r->err), GC_DATA);
	assert_string_equal(r->err.msg, msg);
	assert_int_equal(r->err.line, line);
	assert_int_equal(r->err.col, 4); /* the units field */
	assert_null(r->s.rows);
}

/* 1000 H100 in service; retiring 1500 is an error at the retiring row. */
static void test_over_retire(void **state)
{
	struct ledger_row retire = buy("2024Q2", "acme", "H100", -1500);
	struct run r;

	(void)state;
	retire.at[LC_UNITS].line = 3;
	start(&r, NULL);
	add(&r, buy("2024Q1", "acme", "H100", 1000));
	add(&r, retire);
	expect_series_error(&r, 3,
			    "units: retiring 1500 H100-SXM, but 'acme' has "
			    "1000 in service in 2024Q2");
	done(&r);
}

/* A retirement written before the purchase in the file but dated before
 * it is still a retirement of units not yet bought. */
static void test_retire_before_buy(void **state)
{
	struct run r;

	(void)state;
	start(&r, NULL);
	add(&r, buy("2024Q3", "acme", "H100", 10));
	add(&r, buy("2024Q1", "acme", "H100", -1));
	expect_series_error(&r, 2,
			    "units: retiring 1 H100-SXM, but 'acme' has 0 in "
			    "service in 2024Q1");
	done(&r);
}

static void count_warning(void *ctx, const struct gc_error *w)
{
	assert_int_equal(w->status, GC_DATA);
	(*(int *)ctx)++;
}

/* With keep_going the excess is a warning and everything retires: 1000
 * bought, 1500 asked, 1000 retired, none left. */
static void test_over_retire_keep_going(void **state)
{
	struct fleet_opts o;
	struct run r;
	int warnings = 0;

	(void)state;
	fleet_opts_init(&o, &CAT);
	o.keep_going = true;
	o.warn = count_warning;
	o.warn_ctx = &warnings;
	start(&r, &o);
	add(&r, buy("2024Q1", "acme", "H100", 1000));
	add(&r, buy("2024Q2", "acme", "H100", -1500));
	finish(&r);
	assert_int_equal(warnings, 1);
	assert_near(r.s.rows[1].retired, 1000, 1e-9);
	assert_near(r.s.rows[1].units, 0, 1e-9);
	assert_near(r.s.rows[1].h100e, 0, 1e-9);
	done(&r);
}

/* --lifetime 4: 100 H100 bought 23Q1, 50 in 23Q3, 30 retired 23Q4 (from
 * the oldest, leaving 70 of 23Q1's). 24Q1: the 70 reach four quarters and
 * retire: 50 left. 24Q3: 23Q3's 50 retire: 0 left.
 *   quarter  units  retired  h100e  qoq
 *   23Q1     100      0      100     -
 *   23Q2     100      0      100     0
 *   23Q3     150      0      150    +50
 *   23Q4     120     30      120    -20
 *   24Q1      50     70       50    50/120 - 1 = -58.33
 *   24Q2      50      0       50     0
 *   24Q3       0     50        0   -100
 *   24Q4       0      0        0     - (against zero) */
static void test_lifetime(void **state)
{
	static const double UNITS[] = { 100, 100, 150, 120, 50, 50, 0, 0 };
	static const double RETIRED[] = { 0, 0, 0, 30, 70, 0, 50, 0 };
	static const double QOQ[] = { NAN,	     0, 50,   -20,
				      -58.333333333, 0, -100, NAN };
	struct fleet_opts o;
	struct run r;
	size_t i;

	(void)state;
	fleet_opts_init(&o, &CAT);
	o.lifetime = 4;
	start(&r, &o);
	add(&r, buy("2023Q1", "a", "H100", 100));
	add(&r, buy("2023Q3", "a", "H100", 50));
	add(&r, buy("2023Q4", "a", "H100", -30));
	add(&r, capacity("2024Q4", "b", 1));
	finish(&r);
	for (i = 0; i < 8; i++) {
		assert_string_equal(r.s.rows[i].org, "a");
		assert_near(r.s.rows[i].units, UNITS[i], 1e-9);
		assert_near(r.s.rows[i].h100e, UNITS[i], 1e-9);
		assert_near(r.s.rows[i].retired, RETIRED[i], 1e-9);
		assert_near(r.s.rows[i].qoq, QOQ[i], 1e-6);
	}
	done(&r);
}

/* Prices by year: $5M in 2023 at $50k = 100; $4M in 2024 at $40k = 100;
 * $4M in 2025, after the last year given, at 2024's $40k = 100. */
static void test_price_curve(void **state)
{
	struct ledger_row a = row("2023Q2", "x", ROW_SPEND);
	struct ledger_row b = row("2024Q1", "x", ROW_SPEND);
	struct ledger_row c = row("2025Q3", "x", ROW_SPEND);
	struct ledger_row early = row("2022Q4", "x", ROW_SPEND);
	struct fleet_opts o;
	struct run r;
	const char *why;

	(void)state;
	fleet_opts_init(&o, &CAT);
	assert_true(price_curve_parse("2023=50k, 2024 = $40,000",
				      &o.usd_per_h100e, &why));
	a.spend = 5e6;
	b.spend = c.spend = 4e6;
	early.spend = 1e6;
	start(&r, &o);
	add(&r, a);
	add(&r, b);
	add(&r, c);
	assert_int_equal(fleet_add(&early, &r.f, &r.err), GC_DATA);
	assert_string_equal(r.err.msg,
			    "spend_usd: no --usd-per-h100e price for 2022 (the "
			    "prices start in 2023)");
	finish(&r);
	assert_near(r.s.rows[0].added, 100, 1e-9);
	assert_near(r.s.rows[3].added, 100, 1e-9);
	assert_near(r.s.rows[9].added, 100, 1e-9);
	assert_near(r.s.rows[9].h100e, 300, 1e-9);
	done(&r);
}

static void test_price_curve_errors(void **state)
{
	static const struct {
		const char *in, *why;
	} BAD[] = {
		{ "2024=40k,2023=50k",
		  "years must be given once each, in ascending order" },
		{ "2023=5,2023=6",
		  "years must be given once each, in ascending order" },
		{ "50k,2023=40k",
		  "years must be given once each, in ascending order" },
		{ "24=5", "a year must be written like 2024" },
		{ "2023=5,24=5", "is not a number" }, /* "5,24=5" */
		{ "2023=0", "a price must be greater than zero" },
		{ "2023=-5", "a price must be greater than zero" },
		{ "abc", "is not a number" },
		{ "", "is not a number" },
		{ "2023=", "is not a number" },
	};
	struct price_curve c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		const char *why = NULL;

		if (price_curve_parse(BAD[i].in, &c, &why))
			fail_msg("'%s' accepted", BAD[i].in);
		assert_string_equal(why, BAD[i].why);
	}
}

/* --total: the 'all' row sums the orgs present in each quarter.
 * 24Q1: a 1000 H100 + b 300 H100e = 1300; 24Q2: a +1000 B200 (2274.11)
 * -> 3274.11, b 300: 3574.11, qoq 3574.11 / 1300 - 1 = 174.93 %. b has
 * no units, so the sum of units is unknown; b reported its level in 24Q2
 * but a did not, so the reported sum is unknown too. */
static void test_total(void **state)
{
	struct fleet_opts o;
	struct run r;
	const struct series_row *all;

	(void)state;
	fleet_opts_init(&o, &CAT);
	o.total = true;
	start(&r, &o);
	add(&r, buy("2024Q1", "a", "H100", 1000));
	add(&r, buy("2024Q2", "a", "B200", 1000));
	add(&r, capacity("2024Q1", "b", 300));
	add(&r, level("2024Q2", "b", 300));
	finish(&r);
	assert_int_equal(r.s.n, 2 + 2 + 2);
	all = &r.s.rows[4];
	assert_string_equal(all[0].org, FLEET_TOTAL_ORG);
	assert_near(all[0].h100e, 1300, 1e-9);
	assert_near(all[1].h100e, 3574.1055185, 1e-6);
	assert_near(all[1].added, 2274.1055185, 1e-6);
	assert_near(all[1].qoq, 174.9311937, 1e-6);
	assert_true(isnan(all[1].units));
	assert_true(isnan(all[1].reported));
	done(&r);
}

/* Interned names (ledger_row.names_id) are remembered by pointer, but
 * only within one read: the same buffer holding another name in the next
 * read is that other name. Read 1: acme buys 100 H100-SXM and (by
 * pointer) 50 more; read 2 reuses both buffers for "beta" and "B200":
 * beta gets 10 B200, 10 x 2250 / 989.4 = 22.741055 H100e. acme keeps
 * 150 H100e. Orgs come out sorted: acme, beta. */
static void test_names_by_pointer(void **state)
{
	struct run r;
	char org[8], model[16];
	struct ledger_row b;

	(void)state;
	start(&r, NULL);
	strcpy(org, "acme");
	strcpy(model, "H100-SXM");
	b = buy("2024Q1", org, model, 100);
	b.names_id = 1;
	add(&r, b);
	b.units = 50;
	add(&r, b);
	strcpy(org, "beta");
	strcpy(model, "B200");
	b = buy("2024Q1", org, model, 10);
	b.names_id = 2;
	add(&r, b);
	finish(&r);
	assert_int_equal(r.s.n, 2);
	assert_string_equal(r.s.rows[0].org, "acme");
	assert_near(r.s.rows[0].h100e, 150, 1e-9);
	assert_string_equal(r.s.rows[1].org, "beta");
	assert_near(r.s.rows[1].h100e, 22.741055185, 1e-6);
	done(&r);
}

/* The row with figure f as the range lo..hi, as the loader gives it: the
 * midpoint, and the ends of every figure (a plain one's ends are itself). */
static struct ledger_row ranged(struct ledger_row r, enum ledger_fig f,
				double lo, double hi)
{
	double *figs[LF_COUNT] = { &r.units, &r.spend, &r.h100e, &r.total };
	int i;

	*figs[f] = lo + (hi - lo) / 2;
	r.ranged = true;
	for (i = 0; i < LF_COUNT; i++)
		r.low[i] = r.high[i] = *figs[i];
	r.low[f] = lo;
	r.high[f] = hi;
	return r;
}

static void assert_bounds(const struct series *s, size_t i, size_t field,
			  double lo, double mid, double hi)
{
	const double *l =
		(const double *)(const void *)((const char *)&s->low[i] +
					       field);
	const double *m =
		(const double *)(const void *)((const char *)&s->rows[i] +
					       field);
	const double *h =
		(const double *)(const void *)((const char *)&s->high[i] +
					       field);

	assert_near(*l, lo, 1e-6);
	assert_near(*m, mid, 1e-6);
	assert_near(*h, hi, 1e-6);
}

#define BOUNDS(s, i, f, lo, mid, hi)                                           \
	assert_bounds(s, i, offsetof(struct series_row, f), lo, mid, hi)

/* acme: 1000 H100 in 24Q1 (before any range: the ends start as copies);
 * 24Q2 adds 500..1500 H100e (mid 1000); 24Q3 reports a level of
 * 2000..4000 (mid 3000). beta: 100 H100e in 24Q2. With --total.
 * acme 24Q2: h100e 1000 + [500, 1500] = [1500, 2500], mid 2000; qoq low
 * 1500 / 1000 - 1 = 50 %, mid 100 %, high 2500 / 1000 - 1 = 150 %.
 * acme 24Q3: computed [1500, 2500]; gap low 2000 - 2500 = -500, mid
 * 3000 - 2000 = 1000, high 4000 - 1500 = 2500; h100e the level [2000,
 * 4000]; qoq low 2000 / 2500 - 1 = -20 %, mid 3000 / 2000 - 1 = 50 %,
 * high 4000 / 1500 - 1 = 166.6667 %.
 * all 24Q2: [1600, 2600], mid 2100: qoq low 1600 / 1000 - 1 = 60 %, mid
 * 110 %, high 160 %. all 24Q3: [2100, 4100], mid 3100: qoq low
 * 2100 / 2600 - 1 = -19.230769 %, mid 3100 / 2100 - 1 = 47.619048 %,
 * high 4100 / 1600 - 1 = 156.25 %. */
static void test_ranges(void **state)
{
	struct fleet_opts o;
	struct run r;

	(void)state;
	fleet_opts_init(&o, &CAT);
	o.total = true;
	start(&r, &o);
	add(&r, buy("2024Q1", "acme", "H100-SXM", 1000));
	add(&r, ranged(capacity("2024Q2", "acme", 0), LF_H100E, 500, 1500));
	add(&r, ranged(level("2024Q3", "acme", 0), LF_TOTAL, 2000, 4000));
	add(&r, capacity("2024Q2", "beta", 100));
	finish(&r);
	assert_int_equal(r.s.n, 3 + 2 + 3);
	assert_non_null(r.s.low);
	assert_non_null(r.s.high);
	BOUNDS(&r.s, 0, h100e, 1000, 1000, 1000);
	BOUNDS(&r.s, 0, units, 1000, 1000, 1000);
	BOUNDS(&r.s, 1, added, 500, 1000, 1500);
	BOUNDS(&r.s, 1, h100e, 1500, 2000, 2500);
	BOUNDS(&r.s, 1, qoq, 50, 100, 150);
	BOUNDS(&r.s, 2, reported, 2000, 3000, 4000);
	BOUNDS(&r.s, 2, gap, -500, 1000, 2500);
	BOUNDS(&r.s, 2, h100e, 2000, 3000, 4000);
	BOUNDS(&r.s, 2, qoq, -20, 50, 166.6666667);
	/* beta is plain: its ends are itself */
	BOUNDS(&r.s, 4, h100e, 100, 100, 100);
	BOUNDS(&r.s, 4, qoq, 0, 0, 0);
	assert_string_equal(r.s.rows[5].org, FLEET_TOTAL_ORG);
	BOUNDS(&r.s, 5, h100e, 1000, 1000, 1000);
	BOUNDS(&r.s, 6, h100e, 1600, 2100, 2600);
	BOUNDS(&r.s, 6, qoq, 60, 110, 160);
	BOUNDS(&r.s, 7, h100e, 2100, 3100, 4100);
	BOUNDS(&r.s, 7, qoq, -19.2307692, 47.6190476, 156.25);
	/* beta reported no level: the sum of levels is unknown */
	assert_true(isnan(r.s.low[7].reported) && isnan(r.s.high[7].gap));
	done(&r);
}

/* Units, retirements, spend and power at the ends. --usd-per-h100e 50k.
 * 24Q1: 800..1200 H100-SXM (mid 1000) and $10M..$30M alone, i.e.
 * [200, 600] H100e (mid 400): added [1000, 1800], mid 1400; usd_per_h100e
 * low $10M / 1800 = 5,555.556, mid $20M / 1400 = 14,285.714, high
 * $30M / 1000 = 30,000. 24Q2 retires 100..300 (mid 200): retired [100,
 * 300]; units low 800 - 300 = 500, mid 800, high 1200 - 100 = 1100;
 * h100e low 1000 - 300 = 700, mid 1200, high 1800 - 100 = 1700; power at
 * 700 W a unit: 0.35, 0.56, 0.77 MW; cum_spend [$10M, $30M]. */
static void test_range_units_and_money(void **state)
{
	struct fleet_opts o;
	struct run r;
	const char *why;

	(void)state;
	fleet_opts_init(&o, &CAT);
	assert_true(price_curve_parse("50k", &o.usd_per_h100e, &why));
	start(&r, &o);
	add(&r,
	    ranged(buy("2024Q1", "acme", "H100-SXM", 0), LF_UNITS, 800, 1200));
	add(&r, ranged(row("2024Q1", "acme", ROW_SPEND), LF_SPEND, 10e6, 30e6));
	add(&r,
	    ranged(buy("2024Q2", "acme", "H100-SXM", 0), LF_UNITS, -300, -100));
	finish(&r);
	assert_int_equal(r.s.n, 2);
	BOUNDS(&r.s, 0, added, 1000, 1400, 1800);
	BOUNDS(&r.s, 0, usd_per_h100e, 5555.5555556, 14285.7142857, 30000);
	BOUNDS(&r.s, 1, retired, 100, 200, 300);
	BOUNDS(&r.s, 1, units, 500, 800, 1100);
	BOUNDS(&r.s, 1, h100e, 700, 1200, 1700);
	BOUNDS(&r.s, 1, power_mw, 0.35, 0.56, 0.77);
	BOUNDS(&r.s, 1, cum_spend, 10e6, 20e6, 30e6);
	done(&r);
}

/* 100 H100 bought, 50..150 retired (mid 100, all of them): at the low end
 * 150 would retire more than there is, which there retires all 100,
 * silently: units [0, 50], mid 0. */
static void test_range_over_retire_at_an_end(void **state)
{
	struct fleet_opts o;
	struct run r;
	int warnings = 0;

	(void)state;
	fleet_opts_init(&o, &CAT);
	o.warn = count_warning;
	o.warn_ctx = &warnings;
	start(&r, &o);
	add(&r, buy("2024Q1", "acme", "H100-SXM", 100));
	add(&r,
	    ranged(buy("2024Q2", "acme", "H100-SXM", 0), LF_UNITS, -150, -50));
	finish(&r);
	BOUNDS(&r.s, 1, units, 0, 0, 50);
	assert_int_equal(warnings, 0);
	done(&r);
}

/* Two levels for one quarter with one midpoint (100..300 and 150..250)
 * still disagree at their ends: a data error, and nothing is counted. */
static void test_range_conflicting_levels(void **state)
{
	struct run r;
	struct ledger_row a =
		ranged(level("2024Q1", "acme", 0), LF_TOTAL, 100, 300);
	struct ledger_row b =
		ranged(level("2024Q1", "acme", 0), LF_TOTAL, 150, 250);

	(void)state;
	start(&r, NULL);
	add(&r, a);
	b.line = 3;
	assert_int_equal(fleet_add(&b, &r.f, &r.err), GC_DATA);
	assert_string_equal(r.err.msg, "total_h100e: a different level for "
				       "the same org and quarter is on line 2");
	done(&r);
}

/* Parts of a level (a chip's share of Epoch AI's stock, SPEC 3.4) add
 * up: 100 H100 and 30..50 A100-equivalent H100e of acme in 24Q1 are a
 * reported level of 130 (120..150); a whole level beside parts is a
 * conflict. With 100 H100 bought, the gap is 130 - 100 = 30. */
static void test_level_parts(void **state)
{
	struct ledger_row a = level("2024Q1", "acme", 100);
	struct ledger_row b =
		ranged(level("2024Q1", "acme", 0), LF_TOTAL, 20, 50);
	struct ledger_row whole = level("2024Q1", "acme", 130);
	struct run r;

	(void)state;
	a.part = b.part = true;
	b.total = 30; /* the median, not the midpoint 35 */
	start(&r, NULL);
	add(&r, buy("2024Q1", "acme", "H100-SXM", 100));
	add(&r, a);
	add(&r, b);
	whole.line = 5;
	assert_int_equal(fleet_add(&whole, &r.f, &r.err), GC_DATA);
	finish(&r);
	BOUNDS(&r.s, 0, reported, 120, 130, 150);
	assert_near(r.s.rows[0].gap, 30, 1e-9);
	done(&r);
}

/* Draw `lane` of 1000 spreads every figure evenly over its range, all at
 * the same point (lane / 999 of the way from low to high): the draws of
 * two figures are fully correlated. */
static void even_draw(void *ctx, size_t figure, const struct sample_figure *g,
		      size_t first, size_t count, double *out)
{
	size_t lane;

	(void)ctx;
	(void)figure;
	for (lane = first; lane < first + count; lane++)
		out[lane - first] =
			g->lo + (g->hi - g->lo) * (double)lane / 999;
}

/* Two rows with the same figures, bit for bit (NaN included: a row's
 * padding is not compared, lanes are not cleared). */
static void same_row(const struct series_row *a, const struct series_row *b)
{
	const double x[] = { a->units,	 a->added,     a->retired,
			     a->h100e,	 a->reported,  a->gap,
			     a->qoq,	 a->yoy,       a->ytd,
			     a->spend,	 a->cum_spend, a->usd_per_h100e,
			     a->power_mw };
	const double y[] = { b->units,	 b->added,     b->retired,
			     b->h100e,	 b->reported,  b->gap,
			     b->qoq,	 b->yoy,       b->ytd,
			     b->spend,	 b->cum_spend, b->usd_per_h100e,
			     b->power_mw };

	assert_string_equal(a->org, b->org);
	assert_int_equal(a->quarter, b->quarter);
	assert_memory_equal(x, y, sizeof x);
	assert_true(a->projected == b->projected && a->total == b->total &&
		    a->incomplete == b->incomplete);
}

/* K = 1000 scenarios of a small ledger, reduced to medians and 5th/95th
 * percentiles (NumPy's linear interpolation: the p-quantile of 1000
 * evenly spread values v_k = lo + (hi - lo) k / 999 sits at k = 999 p,
 * so it is lo + (hi - lo) p exactly).
 * acme buys 100..300 H100 in 24Q1 and 100..300 more in 24Q2: its level is
 * v in Q1 and 2v in Q2, so every draw grows exactly 100 %, and the
 * reduced growth is 100 % at the median and both ends. Q1: median
 * 100 + 200 * 0.5 = 200, p5 100 + 200 * 0.05 = 110, p95 290; Q2 twice
 * that: 400, 220, 580. beta adds a certain 50 in 24Q2: the same in every
 * draw (its rows are copied from the central series). */
static void test_thousand_scenarios(void **state)
{
	struct fleet_sampling how = { .k = 1000,
				      .interval = 0.9,
				      .threads = 1,
				      .draw = even_draw,
				      .lane_figures = true,
				      .keep_draws = true };
	struct series two;
	struct run r;
	size_t i, k;

	(void)state;
	start(&r, NULL);
	add(&r,
	    ranged(buy("2024Q1", "acme", "H100-SXM", 0), LF_UNITS, 100, 300));
	add(&r,
	    ranged(buy("2024Q2", "acme", "H100-SXM", 0), LF_UNITS, 100, 300));
	add(&r, capacity("2024Q2", "beta", 50));
	assert_int_equal(fleet_series_drawn(&r.f, &how, &r.s, &r.err), GC_OK);
	assert_int_equal(r.s.n, 3);
	assert_non_null(r.s.draws);
	assert_int_equal(r.s.draws->k, 1000);
	BOUNDS(&r.s, 0, h100e, 110, 200, 290);
	BOUNDS(&r.s, 1, h100e, 220, 400, 580);
	BOUNDS(&r.s, 1, units, 220, 400, 580);
	BOUNDS(&r.s, 1, qoq, 100, 100, 100);
	BOUNDS(&r.s, 2, h100e, 50, 50, 50);
	/* the draws themselves: draw 0 at the low ends, draw 999 at the
	 * high ends */
	assert_near(r.s.draws->lane[0][1].h100e, 200, 1e-9);
	assert_near(r.s.draws->lane[999][1].h100e, 600, 1e-9);
	/* on two threads (draws and reduction cut in two), the same bytes */
	how.threads = 2;
	assert_int_equal(fleet_series_drawn(&r.f, &how, &two, &r.err), GC_OK);
	assert_int_equal(two.n, r.s.n);
	for (i = 0; i < r.s.n; i++) {
		same_row(&two.rows[i], &r.s.rows[i]);
		same_row(&two.low[i], &r.s.low[i]);
		same_row(&two.high[i], &r.s.high[i]);
		for (k = 0; k < 1000; k++)
			same_row(&two.draws->lane[k][i],
				 &r.s.draws->lane[k][i]);
	}
	series_free(&two);
	done(&r);
}

/* A figure at its central value in draws 0..899 and at its high end in
 * draws 900..999: its column is first written by the run that holds
 * draw 900, late in the last part on three threads. */
static void late_draw(void *ctx, size_t figure, const struct sample_figure *g,
		      size_t first, size_t count, double *out)
{
	size_t lane;

	(void)ctx;
	(void)figure;
	for (lane = first; lane < first + count; lane++)
		out[lane - first] = lane < 900 ? g->mid : g->hi;
}

/* The draws reduced as they are made (no one reads them after) give
 * the bytes the held draws give, on one to three threads, with both a
 * draw function that moves every figure and one that moves them late.
 * Hand-worked: acme buys 100..300 H100 (central 200) in 24Q1. With
 * late_draw, 900 of 1000 draws hold 200 and 100 hold 300: the median
 * (at rank 999 x 0.5 = 499.5) and the 5th percentile are 200, the 95th
 * (rank 949.05, past 899) is 300. beta's spend-free capacity of 50 is
 * the same in every draw: its spend stays undefined and its h100e 50. */
static void test_streamed_draws(void **state)
{
	const fleet_draw_fn draw[2] = { even_draw, late_draw };
	struct fleet_sampling how = { .k = 1000,
				      .interval = 0.9,
				      .lane_figures = true };
	struct series held, streamed;
	struct run r;
	size_t i;
	int d, t;

	(void)state;
	start(&r, NULL);
	add(&r,
	    ranged(buy("2024Q1", "acme", "H100-SXM", 0), LF_UNITS, 100, 300));
	add(&r, ranged(buy("2024Q3", "acme", "H100-SXM", 0), LF_UNITS, 10, 30));
	add(&r, capacity("2024Q2", "beta", 50));
	for (d = 0; d < 2; d++) {
		how.draw = draw[d];
		how.threads = 1;
		how.keep_draws = true;
		assert_int_equal(fleet_series_drawn(&r.f, &how, &held, &r.err),
				 GC_OK);
		for (t = 1; t <= 3; t++) {
			how.threads = t;
			how.keep_draws = false;
			assert_int_equal(fleet_series_drawn(&r.f, &how,
							    &streamed, &r.err),
					 GC_OK);
			assert_null(streamed.draws);
			assert_int_equal(streamed.n, held.n);
			for (i = 0; i < held.n; i++) {
				same_row(&streamed.rows[i], &held.rows[i]);
				same_row(&streamed.low[i], &held.low[i]);
				same_row(&streamed.high[i], &held.high[i]);
			}
			if (d == 1) {
				BOUNDS(&streamed, 0, h100e, 200, 200, 300);
				BOUNDS(&streamed, 4, h100e, 50, 50, 50);
				assert_true(isnan(streamed.rows[4].spend));
			}
			series_free(&streamed);
		}
		series_free(&held);
	}
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_models),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_retire_and_power),
		cmocka_unit_test(test_units_that_cancel),
		cmocka_unit_test(test_spend),
		cmocka_unit_test(test_entered),
		cmocka_unit_test(test_usd_per_h100e),
		cmocka_unit_test(test_metric),
		cmocka_unit_test(test_baseline),
		cmocka_unit_test(test_orgs_sorted),
		cmocka_unit_test(test_out_of_order),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_conflicting_levels),
		cmocka_unit_test(test_span_limit),
		cmocka_unit_test(test_baseline_errors),
		cmocka_unit_test(test_growth_pct),
		cmocka_unit_test(test_level_below_computed),
		cmocka_unit_test(test_over_retire),
		cmocka_unit_test(test_retire_before_buy),
		cmocka_unit_test(test_over_retire_keep_going),
		cmocka_unit_test(test_lifetime),
		cmocka_unit_test(test_price_curve),
		cmocka_unit_test(test_price_curve_errors),
		cmocka_unit_test(test_total),
		cmocka_unit_test(test_names_by_pointer),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_range_units_and_money),
		cmocka_unit_test(test_range_over_retire_at_an_end),
		cmocka_unit_test(test_range_conflicting_levels),
		cmocka_unit_test(test_thousand_scenarios),
		cmocka_unit_test(test_streamed_draws),
		cmocka_unit_test(test_level_parts),
	};

	return cmocka_run_group_tests_name("fleet", tests, setup, teardown);
}
