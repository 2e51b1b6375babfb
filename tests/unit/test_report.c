/* report: the compute, energy and rates columns (SPEC 4.6), worked out
 * by hand from one row. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "gpucap/report.h"
#include "unit.h"

/* 100,000 H100 SXM (989.4 dense BF16 TFLOPS each) drawing 142.688 MW
 * (700 W x 1.82 x 1.12), a year after 50,000. */
static struct series fleet(struct series_row *r)
{
	struct series s;

	memset(&s, 0, sizeof s);
	memset(r, 0, sizeof *r);
	r->h100e = 100000;
	r->power_mw = 100000 * 700 * 1.82 * 1.12 / 1e6;
	r->yoy = 100;
	r->cum_h100e_years = 125000;
	r->share_pct = 40;
	s.rates =
		(struct series_rates){ 989.4e12, 0.4, 90, 0.75, 400, 0.08, 20 };
	return s;
}

/* flop_per_s = 100,000 x 989.4e12 = 9.894e19; run_flop = 9.894e19 x 0.4
 * x 90 days x 86,400 s = 3.07742976e26; h100e_years = 25,000 a quarter;
 * energy = 142.688 MW x 0.75 x 2,191.5 h = 234,525.564 MWh; CO2 at 400
 * g/kWh = 234,525.564 x 400 / 1,000 = 93,810.2256 t; energy_usd =
 * 234,525,564 kWh x $0.08 = $18,762,045.12; a doubling in a year is
 * x_per_year 2 and 12 months; the per-lane figures pass through. */
static void test_columns(void **state)
{
	struct series_row r;
	struct series s = fleet(&r);

	(void)state;
	assert_near(report_value(&s, &r, RC_FLOP_PER_S), 9.894e19, 1e6);
	assert_near(report_value(&s, &r, RC_RUN_FLOP), 3.07742976e26, 1e13);
	assert_near(report_value(&s, &r, RC_H100E_YEARS), 25000, 1e-9);
	assert_near(report_value(&s, &r, RC_ENERGY_MWH), 234525.564, 1e-6);
	assert_near(report_value(&s, &r, RC_CO2_T), 93810.2256, 1e-6);
	assert_near(report_value(&s, &r, RC_ENERGY_USD), 18762045.12, 1e-3);
	assert_near(report_value(&s, &r, RC_X_PER_YEAR), 2, 1e-12);
	assert_near(report_value(&s, &r, RC_DOUBLING_MONTHS), 12, 1e-12);
	assert_near(report_value(&s, &r, RC_CUM_H100E_YEARS), 125000, 0);
	assert_near(report_value(&s, &r, RC_SHARE_PCT), 40, 0);
}

/* Depreciation over 2 quarters of three quarters' capital: 100 H100e
 * for $4,000, then 50 for $3,000 while 120 retire (the oldest: all 100
 * of the first, 20 of the 50, leaving 0.6 of it), then nothing.
 *   q0: 4,000 / 2 = 2,000
 *   q1: 3,000 x 0.6 / 2 = 900 (the first quarter's is gone)
 *   q2: 900 (the first quarter's is 2 quarters old; the second's 1)
 * A constant 1 MW at load 0.5 and $0.10/kWh is 1 x 0.5 x 2,191.5 x
 * 1,000 x 0.1 = $109,575 a quarter: cost q0 = 111,575, an H100e-hour of
 * it 111,575 / (100 x 2,191.5) = 0.5091262; q1 110,475 / (30 x 2,191.5)
 * = 1.6803559. Capital unknown (NaN) leaves depreciation unknown while
 * any of it is in service: q0's, not q1's, since all of it retired. */
static void test_costs(void **state)
{
	struct series_rates x = { NAN, 0.4, 90, 0.5, NAN, 0.1, 2 };
	struct series_row r[3];
	size_t i;

	(void)state;
	memset(r, 0, sizeof r);
	r[0].added = 100, r[0].capex = 4000, r[0].h100e = 100;
	r[1].added = 50, r[1].capex = 3000, r[1].retired = 120;
	r[1].h100e = r[2].h100e = 30;
	for (i = 0; i < 3; i++)
		r[i].power_mw = 1;
	series_fill_costs(r, 3, &x);
	assert_near(r[0].depreciation, 2000, 1e-9);
	assert_near(r[1].depreciation, 900, 1e-9);
	assert_near(r[2].depreciation, 900, 1e-9);
	assert_near(r[0].cost, 111575, 1e-6);
	assert_near(r[0].usd_per_h100e_hour, 0.5091262, 1e-7);
	assert_near(r[1].usd_per_h100e_hour, 1.6803559, 1e-7);
	assert_near(
		report_value(&(struct series){ .rates = x }, &r[1], RC_COST),
		110475, 1e-6);
	r[0].capex = NAN;
	series_fill_costs(r, 3, &x);
	assert_true(isnan(r[0].depreciation));
	assert_near(r[1].depreciation, 900, 1e-9);
	assert_near(r[2].depreciation, 900, 1e-9);
	/* half of q0's 100 stay, at an unknown price, until q0's capital is
	 * 2 quarters old; then q1's 50 are all in service: 3,000 / 2 */
	r[1].retired = 50;
	series_fill_costs(r, 3, &x);
	assert_true(isnan(r[1].depreciation));
	assert_near(r[2].depreciation, 1500, 1e-9);
	/* SPEC's worked figure: 100,000 H100 at $33,600 over five years,
	 * 3.36e9 / 20 = $168M a quarter */
	memset(r, 0, sizeof r);
	r[0].added = 100000, r[0].capex = 100000 * 33600.0;
	x.depreciation_quarters = 20;
	series_fill_costs(r, 1, &x);
	assert_near(r[0].depreciation, 168e6, 1e-3);
}

/* Undefined, not invented: no CO2 without a grid figure; no doubling for
 * a fleet that does not grow (yoy 0: x 1) or shrinks; no FLOP under a
 * metric that is no rate; a product past a double's range is undefined,
 * not inf. */
static void test_undefined(void **state)
{
	struct series_row r;
	struct series s = fleet(&r);

	(void)state;
	s.rates.grid_gco2 = NAN;
	assert_true(isnan(report_value(&s, &r, RC_CO2_T)));
	r.yoy = 0;
	assert_true(isnan(report_value(&s, &r, RC_DOUBLING_MONTHS)));
	r.yoy = -20;
	assert_near(report_value(&s, &r, RC_X_PER_YEAR), 0.8, 1e-12);
	assert_true(isnan(report_value(&s, &r, RC_DOUBLING_MONTHS)));
	s.rates.flop_per_h100e = NAN;
	assert_true(isnan(report_value(&s, &r, RC_RUN_FLOP)));
	s.rates.flop_per_h100e = 1e305; /* x 100,000: 1e310 */
	assert_true(isnan(report_value(&s, &r, RC_FLOP_PER_S)));
}

/* doubling_months falls as growth rises: its low end is the high end's.
 * Growth of +300% (x 4) at the high end doubles in 6 months; +100% at
 * the low end in 12. */
static void test_ends(void **state)
{
	struct series_row lo, hi;
	struct series s = fleet(&lo);
	double a, b;

	(void)state;
	hi = lo;
	hi.yoy = 300;
	report_ends(&s, &lo, &hi, RC_DOUBLING_MONTHS, &a, &b);
	assert_near(a, 6, 1e-12);
	assert_near(b, 12, 1e-12);
	report_ends(&s, &lo, &hi, RC_X_PER_YEAR, &a, &b);
	assert_near(a, 2, 1e-12);
	assert_near(b, 4, 1e-12);
}

/* Groups name their columns; an unknown name is none; default is the
 * columns report always printed, all adds SPEC 4.6's. */
static void test_groups(void **state)
{
	bool in[RC_COUNT] = { false };

	(void)state;
	assert_true(report_group("compute", in));
	assert_true(in[RC_RUN_FLOP] && in[RC_CUM_H100E_YEARS]);
	assert_false(in[RC_H100E] || in[RC_ENERGY_MWH]);
	memset(in, 0, sizeof in);
	assert_true(report_group("default", in));
	assert_true(in[RC_POWER_MW] && !in[RC_RUN_FLOP]);
	memset(in, 0, sizeof in);
	assert_true(report_group("all", in));
	assert_true(in[RC_POWER_MW] && in[RC_SHARE_PCT] && !in[RC_PROJECTED]);
	assert_false(report_group("computer", NULL));
	assert_int_equal(report_col_find("run_flop"), RC_RUN_FLOP);
	assert_int_equal(report_col_find("run_flops"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_undefined),
		cmocka_unit_test(test_costs),
		cmocka_unit_test(test_ends),
		cmocka_unit_test(test_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
