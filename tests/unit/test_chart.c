/* Chart arithmetic: axis numbers, ticks, and where a series lands in the
 * SVG, every figure worked out by hand in the comment beside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "gpucap/chart.h"
#include "gpucap/quarter.h"

static void test_number(void **state)
{
	char buf[CHART_NUM_MAX];

	(void)state;
	assert_string_equal(chart_number(0, buf), "0");
	assert_string_equal(chart_number(950, buf), "950");
	assert_string_equal(chart_number(20000, buf), "20k");
	assert_string_equal(chart_number(1234, buf), "1.23k"); /* 3 figures */
	assert_string_equal(chart_number(1500000, buf), "1.5M");
	assert_string_equal(chart_number(2e9, buf), "2B");
	assert_string_equal(chart_number(-5000, buf), "-5k");
	assert_string_equal(chart_number(0.25, buf), "0.25");
}

static void test_ticks(void **state)
{
	double t[12];
	int n;

	(void)state;
	/* 0..55,000: 55,000 / 5 = 11,000; 1 x 10^4 is short of it, 2 x 10^4
	 * is the step: 0, 20k, 40k, 60k */
	n = chart_ticks(0, 55000, t, 12);
	assert_int_equal(n, 4);
	assert_near(t[0], 0, 0);
	assert_near(t[3], 60000, 0);
	/* 0..113,000: 22,600 a fifth; 2.5 x 10^4: 0 to 125k, six ticks */
	n = chart_ticks(0, 113000, t, 12);
	assert_int_equal(n, 6);
	assert_near(t[1], 25000, 0);
	assert_near(t[5], 125000, 0);
	/* -50..200: 50 a fifth, so 5 x 10^1: -50, 0, ..., 200 */
	n = chart_ticks(-50, 200, t, 12);
	assert_int_equal(n, 6);
	assert_near(t[0], -50, 0);
	assert_near(t[1], 0, 0);
	assert_near(t[5], 200, 0);
	/* a flat series still gets an axis: 0..1 in steps of 0.2 */
	n = chart_ticks(0, 0, t, 12);
	assert_int_equal(n, 6);
	assert_near(t[5], 1, 1e-12);
}

/* Two quarters of acme: 1,000 then 3,274.1 H100e (1,000 B200 at 2.2741).
 * Ticks 0..4,000 by 1,000 (3,274.1 / 5 = 654.8: 10^3 is the step). The
 * plot area: 800 - 64 - 24 = 712 wide, from y = 62 + 18 (a legend row)
 * + 12 = 92 to 450 - 48 = 402, 310 high. Each quarter is 356 wide, its
 * point at the middle: x = 64 + 178 = 242 and 598. y(1,000) = 92 + 310 x
 * 3/4 = 324.5; y(3,274.1) = 92 + 310 x (1 - 0.818526) = 148.3. */
static void test_svg_points(void **state)
{
	struct series_row rows[2];
	struct series s = { rows, 2, NULL, NULL };
	struct chart_opts o;
	struct gc_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	(void)state;
	memset(rows, 0, sizeof rows);
	rows[0].org = rows[1].org = "acme";
	assert_true(quarter_parse("2024Q1", &rows[0].quarter));
	assert_true(quarter_parse("2024Q2", &rows[1].quarter));
	rows[0].h100e = 1000;
	rows[1].h100e = 3274.1055;
	chart_opts_init(&o);
	o.subtitle = "a subtitle";
	assert_int_equal(chart_svg(out, &s, &o, &err), GC_OK);
	fclose(out);
	assert_non_null(strstr(text, "<line x1=\"242.0\" y1=\"324.5\" "
				     "x2=\"598.0\" y2=\"148.3\""));
	assert_non_null(strstr(text, ">4k</text>"));
	assert_non_null(strstr(text, "<text x=\"242.0\" y=\"420.0\">2024Q1"));
	assert_null(strstr(text, "projected"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_svg_points),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
