/* Projections: fitted geometric and linear growth, and target solving,
 * each worked out by hand. */
#include <string.h>

#include "unit.h"

#include "gpucap/project.h"
#include "gpucap/quarter.h"

static int q(const char *s)
{
	int v;

	assert_true(quarter_parse(s, &v));
	return v;
}

/* A series of one org with these levels from quarter `first`. */
static struct series history(struct series_row *rows, const char *org,
			     const char *first, const double *h, size_t n)
{
	size_t i;

	memset(rows, 0, n * sizeof *rows);
	for (i = 0; i < n; i++) {
		rows[i].org = org;
		rows[i].quarter = q(first) + (int)i;
		rows[i].h100e = h[i];
		rows[i].cum_spend = 0;
	}
	return (struct series){ .rows = rows, .n = n };
}

static int warnings;

static void count_warning(void *ctx, const struct gc_error *w)
{
	(void)ctx;
	(void)w;
	warnings++;
}

static void opts(struct project_opts *o, const char *to)
{
	project_opts_init(o);
	o->to = q(to);
	o->baseline_price = 33600;
	o->warn = count_warning;
}

/* 10,000 after growing 10% a quarter for four quarters (6,830.13,
 * 7,513.15, 8,264.46, 9,090.91, 10,000): the fit over the default window
 * of 4 is 10% a quarter, and four more quarters make 10,000 x 1.1^4 =
 * 14,641. Each projected quarter adds 10% and costs it at $33,600. */
static void test_geometric(void **state)
{
	static const double H[] = { 6830.134553650705, 7513.148009015776,
				    8264.462809917353, 9090.90909090909,
				    10000 };
	static const double WANT[] = { 11000, 12100, 13310, 14641 };
	struct series_row rows[5];
	struct series in = history(rows, "a", "2023Q4", H, 5), out;
	struct project_opts o;
	struct gc_error err;
	size_t i;

	(void)state;
	opts(&o, "2025Q4");
	assert_int_equal(project_series(&in, &o, &out, NULL, &err), GC_OK);
	assert_int_equal(out.n, 9);
	for (i = 0; i < 4; i++) {
		const struct series_row *r = &out.rows[5 + i];

		assert_true(r->projected);
		assert_int_equal(r->quarter, q("2025Q1") + (int)i);
		assert_near(r->h100e, WANT[i], 1e-6);
		assert_near(r->qoq, 10, 1e-9);
		assert_near(r->added, WANT[i] / 11, 1e-6);
		assert_near(r->spend, WANT[i] / 11 * 33600, 1e-3);
		assert_true(isnan(r->units));
	}
	assert_false(out.rows[4].projected);
	/* yoy of 2025Q4 against 2024Q4's 10,000: +46.41 % */
	assert_near(out.rows[8].yoy, 46.41, 1e-6);
	series_free(&out);
}

/* A series shorter than the window is fitted over what there is: two
 * quarters, 100 -> 150, is +50% a quarter. */
static void test_window(void **state)
{
	static const double H[] = { 100, 150 };
	struct series_row rows[2];
	struct series in = history(rows, "a", "2024Q1", H, 2), out;
	struct project_opts o;
	struct gc_error err;

	(void)state;
	opts(&o, "2024Q4");
	assert_int_equal(project_series(&in, &o, &out, NULL, &err), GC_OK);
	/* +50% a quarter: 225, 337.5 */
	assert_near(out.rows[2].h100e, 225, 1e-9);
	assert_near(out.rows[3].h100e, 337.5, 1e-9);
	series_free(&out);
}

/* Linear: 100, 200, 300 with a window of 4 (only 2 steps there): the mean
 * addition (300 - 100) / 2 = 100 a quarter: 400, 500. */
static void test_linear(void **state)
{
	static const double H[] = { 100, 200, 300 };
	struct series_row rows[3];
	struct series in = history(rows, "a", "2024Q1", H, 3), out;
	struct project_opts o;
	struct gc_error err;

	(void)state;
	opts(&o, "2025Q1");
	o.method = PROJECT_LINEAR;
	assert_int_equal(project_series(&in, &o, &out, NULL, &err), GC_OK);
	assert_near(out.rows[3].h100e, 400, 1e-9);
	assert_near(out.rows[4].h100e, 500, 1e-9);
	assert_near(out.rows[4].added, 100, 1e-9);
	/* 500 / 400 - 1 */
	assert_near(out.rows[4].qoq, 25, 1e-9);
	series_free(&out);
}

/* Target: 15,000 to 85,000 in 4 quarters is (85/15)^(1/4) - 1 = 54.29 %
 * a quarter: 23,143.19, 35,707.14, 55,091.81, 85,000. 70,000 added cost
 * 70,000 x $33,600 = $2.352B. */
static void test_target(void **state)
{
	static const double H[] = { 15000 };
	static const double WANT[] = { 23143.187596800784, 35707.14214271425,
				       55091.80594363114, 85000 };
	struct series_row rows[1];
	struct series in = history(rows, "tesla", "2023Q4", H, 1), out;
	struct project_opts o;
	struct gc_error err;
	struct project_target t;
	size_t i;

	(void)state;
	opts(&o, "2024Q4");
	o.has_target = true;
	o.target = 85000;
	assert_int_equal(project_series(&in, &o, &out, &t, &err), GC_OK);
	assert_near(t.rate, 0.5428791731200524, 1e-12);
	assert_near(t.start, 15000, 0);
	assert_int_equal(t.from, q("2023Q4"));
	assert_near(t.added, 70000, 1e-6);
	assert_near(t.cost, 2.352e9, 1e-3);
	for (i = 0; i < 4; i++)
		assert_near(out.rows[1 + i].h100e, WANT[i], 1e-6);
	/* ytd of 2024Q4 against 2023Q4: 85 / 15 - 1 = +466.67 % */
	assert_near(out.rows[4].ytd, 466.6666667, 1e-6);
	series_free(&out);
}

/* Two orgs summing 10,000 + 5,000 = 15,000: both grow at the rate that
 * takes the sum to 85,000, so a ends at 56,666.67 and b at 28,333.33;
 * with the total, 'all' ends at 85,000. */
static void test_target_two_orgs(void **state)
{
	static const double A[] = { 10000 }, B[] = { 5000 };
	struct series_row rows[2];
	struct series in = { .rows = rows, .n = 2 }, out;
	struct project_opts o;
	struct gc_error err;

	(void)state;
	history(&rows[0], "a", "2023Q4", A, 1);
	history(&rows[1], "b", "2023Q4", B, 1);
	opts(&o, "2024Q4");
	o.has_target = true;
	o.target = 85000;
	o.total = true;
	assert_int_equal(project_series(&in, &o, &out, NULL, &err), GC_OK);
	assert_int_equal(out.n, 5 + 5 + 5);
	assert_near(out.rows[4].h100e, 56666.666667, 1e-6);
	assert_near(out.rows[9].h100e, 28333.333333, 1e-6);
	assert_string_equal(out.rows[14].org, SERIES_TOTAL_ORG);
	assert_near(out.rows[14].h100e, 85000, 1e-6);
	assert_true(out.rows[14].projected);
	series_free(&out);
}

/* A one-quarter org has no growth to fit: its projection is undefined,
 * with one warning. */
static void test_unfit(void **state)
{
	static const double H[] = { 10000 };
	struct series_row rows[1];
	struct series in = history(rows, "dojo", "2024Q1", H, 1), out;
	struct project_opts o;
	struct gc_error err;

	(void)state;
	warnings = 0;
	opts(&o, "2024Q2");
	assert_int_equal(project_series(&in, &o, &out, NULL, &err), GC_OK);
	assert_int_equal(warnings, 1);
	assert_true(isnan(out.rows[1].h100e));
	assert_true(isnan(out.rows[1].added));
	series_free(&out);
}

static void test_errors(void **state)
{
	static const double H[] = { 0, 0 };
	struct series_row rows[2];
	struct series in = history(rows, "a", "2024Q1", H, 2), out;
	struct project_opts o;
	struct gc_error err;

	(void)state;
	opts(&o, "2024Q2");
	assert_int_equal(project_series(&in, &o, &out, NULL, &err), GC_USAGE);
	assert_string_equal(err.msg,
			    "2024Q2 is not after the ledger's last quarter, "
			    "2024Q2");
	opts(&o, "2024Q4");
	o.has_target = true;
	o.target = 100;
	assert_int_equal(project_series(&in, &o, &out, NULL, &err), GC_DATA);
	assert_string_equal(err.msg,
			    "cannot grow to the target from a level of zero");
	assert_true(isnan(project_rate(0, 10, 4)));
	assert_true(isnan(project_rate(10, 20, 0)));
}

/* Prices by year for the projected additions: 2024 at $40k, 2025 at $25k.
 * 100 -> 200 (+100 in 2024Q4 at $40k = $4M) -> 400 (+200 in 2025Q1 at
 * $25k = $5M). */
static void test_price_by_year(void **state)
{
	static const double H[] = { 50, 100 };
	struct series_row rows[2];
	struct series in = history(rows, "a", "2024Q2", H, 2), out;
	struct project_opts o;
	struct gc_error err;
	const char *why;

	(void)state;
	opts(&o, "2025Q1");
	assert_true(price_curve_parse("2024=40k,2025=25k", &o.price, &why));
	assert_int_equal(project_series(&in, &o, &out, NULL, &err), GC_OK);
	/* +100% a quarter: 200 in 2024Q4, 400 in 2025Q1 */
	assert_near(out.rows[2].spend, 4e6, 1e-6);
	assert_near(out.rows[3].spend, 5e6, 1e-6);
	assert_near(out.rows[3].cum_spend, 9e6, 1e-6);
	assert_near(out.rows[3].usd_per_h100e, 25000, 0);
	series_free(&out);
}

/* Each end of a range is projected as the central series is. Linear, two
 * quarters: central 100 -> 200, low end 100 -> 150, high end 100 -> 250,
 * so steps of 100, 50 and 150 a quarter. 2024Q3: [200, 400], mid 300;
 * 2024Q4: [250, 550], mid 400, added [50, 150]; its qoq low 250 / 400 - 1
 * = -37.5 %, mid 400 / 300 - 1 = 33.33 %, high 550 / 200 - 1 = 175 %. */
static void test_range_ends(void **state)
{
	static const double H[] = { 100, 200 }, LO[] = { 100, 150 },
			    HI[] = { 100, 250 };
	struct series_row rows[2], low[2], high[2];
	struct series in = history(rows, "a", "2024Q1", H, 2), out;
	struct series lo = history(low, "a", "2024Q1", LO, 2);
	struct series hi = history(high, "a", "2024Q1", HI, 2);
	struct project_opts o;
	struct gc_error err;

	(void)state;
	in.low = lo.rows;
	in.high = hi.rows;
	opts(&o, "2024Q4");
	o.method = PROJECT_LINEAR;
	assert_int_equal(project_series(&in, &o, &out, NULL, &err), GC_OK);
	assert_int_equal(out.n, 4);
	assert_non_null(out.low);
	assert_near(out.low[2].h100e, 200, 1e-9);
	assert_near(out.rows[2].h100e, 300, 1e-9);
	assert_near(out.high[2].h100e, 400, 1e-9);
	assert_near(out.low[3].h100e, 250, 1e-9);
	assert_near(out.high[3].h100e, 550, 1e-9);
	assert_near(out.low[3].added, 50, 1e-9);
	assert_near(out.high[3].added, 150, 1e-9);
	assert_near(out.low[3].qoq, -37.5, 1e-9);
	assert_near(out.rows[3].qoq, 100.0 / 3, 1e-9);
	assert_near(out.high[3].qoq, 175, 1e-9);
	assert_true(out.high[3].projected);
	series_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geometric),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_range_ends),
		cmocka_unit_test(test_linear),
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_target_two_orgs),
		cmocka_unit_test(test_unfit),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_price_by_year),
	};

	return cmocka_run_group_tests_name("project", tests, NULL, NULL);
}
