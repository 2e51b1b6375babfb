/* Chart arithmetic: axis numbers, ticks, and where a series lands in the
 * SVG, every figure worked out by hand in the comment beside it. */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "gpucap/chart.h"
#include "gpucap/quarter.h"
#include "util.h"

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
	/* rounded to three figures before the suffix: 999,999 is 1.00e6 */
	assert_string_equal(chart_number(999999, buf), "1M");
	assert_string_equal(chart_number(999e12, buf), "999T");
	/* past the suffixes and below 0.0001: a short exponent */
	assert_string_equal(chart_number(1e15, buf), "1e15");
	assert_string_equal(chart_number(1e300, buf), "1e300");
	assert_string_equal(chart_number(-2.5e-7, buf), "-2.5e-7");
	assert_string_equal(chart_number(1e-300, buf), "1e-300");
	assert_string_equal(chart_number(0.0001, buf), "0.0001");
	/* DBL_MAX is 1.7977e308; the least double 4.94e-324 */
	assert_string_equal(chart_number(DBL_MAX, buf), "1.8e308");
	assert_string_equal(chart_number(-DBL_MAX, buf), "-1.8e308");
	assert_string_equal(chart_number(5e-324, buf), "4.94e-324");
	/* never inf or nan: undefined, as a table shows it */
	assert_string_equal(chart_number(INFINITY, buf), "\xE2\x80\x93");
	assert_string_equal(chart_number(NAN, buf), "\xE2\x80\x93");
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

/* Linear ticks never overflow: the ends are taken within +-1e307. */
static void test_ticks_extreme(void **state)
{
	double t[12];
	int n, i;

	(void)state;
	/* +-1e307: a fifth of the span is 4e306, so 5 x 10^306 is the
	 * step: -1e307, -5e306, 0, 5e306, 1e307 */
	n = chart_ticks(-DBL_MAX, DBL_MAX, t, 12);
	assert_int_equal(n, 5);
	assert_near(t[0] / 1e307, -1, 1e-12);
	assert_near(t[2], 0, 0);
	assert_near(t[4] / 1e307, 1, 1e-12);
	/* 0..1e307 (DBL_MAX, clamped): a fifth is 2e306, some six ticks,
	 * each finite, the last at 1e307 */
	n = chart_ticks(0, DBL_MAX, t, 12);
	assert_in_range(n, 2, 12);
	for (i = 0; i < n; i++)
		assert_true(isfinite(t[i]));
	assert_near(t[0], 0, 0);
	assert_near(t[n - 1] / 1e307, 1, 1e-9);
	/* not finite: 0..1 by 0.2, as a flat series at zero */
	assert_int_equal(chart_ticks(NAN, INFINITY, t, 12), 6);
	assert_near(t[5], 1, 1e-12);
	/* 1e10 and a millionth more cannot be told apart: 0 to 1e10 +
	 * 1e-6, whose fifth is a little over 2e9, so the step is 2.5e9 */
	n = chart_ticks(1e10, 1e10 + 1e-6, t, 12);
	assert_int_equal(n, 5);
	assert_near(t[1], 2.5e9, 0);
	assert_near(t[4], 1e10, 0);
	/* all below 1e-290: as good as zero, 0..1 */
	assert_int_equal(chart_ticks(5e-324, 1e-300, t, 12), 6);
}

/* The exponents of a log axis: every decade while at most 12 ticks do,
 * else every 2nd, 5th, 10th, 20th, 50th, 100th... decade. */
static void test_log_ticks(void **state)
{
	double e[12];
	int n, i;

	(void)state;
	/* 1 to 1e12: 13 decades' ticks are too many; every 2nd, 0 to 12,
	 * is 7 */
	n = chart_log_ticks(1, 1e12, e, 12);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++)
		assert_near(e[i], 2 * i, 0);
	/* 1e-300 to 1e300: 601, 301, 121, 61, 31 and 13 ticks every 1, 2,
	 * 5, 10, 20 and 50 decades; every 100th, -300 to 300, is 7 */
	n = chart_log_ticks(1e-300, 1e300, e, 12);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++)
		assert_near(e[i], -300 + 100 * i, 0);
	/* the tesla projection to 2030Q4: 10,000 (10^4) to 9.46e19 (ceil
	 * 20), 17 decades' ticks; every 2nd from 4 to 20 is 9 */
	n = chart_log_ticks(1e4, 9.46e19, e, 12);
	assert_int_equal(n, 9);
	assert_near(e[0], 4, 0);
	assert_near(e[8], 20, 0);
	/* every double: 4.94e-324 (floor -324) to 1.8e308 (ceil 309);
	 * every 50th, -350 to 350, is 15 ticks; every 100th, -400 to
	 * 400, is 9 */
	n = chart_log_ticks(5e-324, DBL_MAX, e, 12);
	assert_int_equal(n, 9);
	assert_near(e[0], -400, 0);
	assert_near(e[8], 400, 0);
	/* one value, 1,000: its decade, 10^3 to 10^4 */
	n = chart_log_ticks(1000, 1000, e, 12);
	assert_int_equal(n, 2);
	assert_near(e[0], 3, 0);
	assert_near(e[1], 4, 0);
	/* 2.27e-14 % (a quarter's growth of 2.2e-13 on 1,000) to 100 %:
	 * -14 to 2, 17 ticks; every 2nd, 9 */
	assert_int_equal(chart_log_ticks(2.27e-14, 100, e, 12), 9);
}

/* The value-to-row mapping of the terminal (12 rows, 0 at the top): row =
 * round((1 - share) x 11), and whatever the value, a row of the canvas. */
static void test_axis_cell(void **state)
{
	struct chart_axis lin = { false, 0, 4000 }, lg = { true, 0, 12 };
	struct chart_axis broken = { false, 1, 1 };
	enum chart_clip c;

	(void)state;
	assert_int_equal(chart_axis_cell(&lin, 4000, 12, &c), 0);
	assert_int_equal(c, CHART_INSIDE);
	assert_int_equal(chart_axis_cell(&lin, 0, 12, &c), 11);
	assert_int_equal(c, CHART_INSIDE);
	/* 2,000 is halfway: 5.5 rounds to 6; 1,000 is 8.25, row 8 */
	assert_int_equal(chart_axis_cell(&lin, 2000, 12, &c), 6);
	assert_int_equal(chart_axis_cell(&lin, 1000, 12, &c), 8);
	/* a rounding past the top is on it */
	assert_int_equal(chart_axis_cell(&lin, 4000 * (1 + 1e-12), 12, &c), 0);
	assert_int_equal(c, CHART_INSIDE);
	/* past the ends: on the edge, clipped */
	assert_int_equal(chart_axis_cell(&lin, 1e308, 12, &c), 0);
	assert_int_equal(c, CHART_ABOVE);
	assert_int_equal(chart_axis_cell(&lin, -1, 12, &c), 11);
	assert_int_equal(c, CHART_BELOW);
	assert_int_equal(chart_axis_cell(&lin, INFINITY, 12, &c), 0);
	assert_int_equal(c, CHART_ABOVE);
	assert_int_equal(chart_axis_cell(&lin, -INFINITY, 12, &c), 11);
	assert_int_equal(c, CHART_BELOW);
	assert_int_equal(chart_axis_cell(&lin, NAN, 12, &c), 11);
	assert_int_equal(c, CHART_BELOW);
	/* log, 10^0 to 10^12: 1e6 is halfway (row 6), 1e3 a quarter of the
	 * way (8.25, row 8) */
	assert_int_equal(chart_axis_cell(&lg, 1, 12, &c), 11);
	assert_int_equal(chart_axis_cell(&lg, 1e12, 12, &c), 0);
	assert_int_equal(c, CHART_INSIDE);
	assert_int_equal(chart_axis_cell(&lg, 1e6, 12, &c), 6);
	assert_int_equal(chart_axis_cell(&lg, 1e3, 12, &c), 8);
	assert_int_equal(chart_axis_cell(&lg, 0, 12, &c), 11);
	assert_int_equal(c, CHART_BELOW);
	assert_int_equal(chart_axis_cell(&lg, -5, 12, &c), 11);
	assert_int_equal(c, CHART_BELOW);
	assert_int_equal(chart_axis_cell(&lg, 5e-324, 12, &c), 11);
	assert_int_equal(c, CHART_BELOW);
	assert_int_equal(chart_axis_cell(&lg, DBL_MAX, 12, &c), 0);
	assert_int_equal(c, CHART_ABOVE);
	/* the tesla projection's axis, 10^4 to 10^20: 15,000 is log 4.176,
	 * a share of 0.011, row 10.88: 11; 55,000 (4.740, 0.046, 10.49):
	 * 10; 9.46e19 (19.976, 0.9985, 0.016): 0 */
	lg.lo = 4;
	lg.hi = 20;
	assert_int_equal(chart_axis_cell(&lg, 15000, 12, NULL), 11);
	assert_int_equal(chart_axis_cell(&lg, 55000, 12, NULL), 10);
	assert_int_equal(chart_axis_cell(&lg, 9.46e19, 12, NULL), 0);
	/* an axis of no span puts everything halfway; too few cells, 0 */
	assert_int_equal(chart_axis_cell(&broken, 7, 12, &c), 6);
	assert_int_equal(c, CHART_INSIDE);
	assert_int_equal(chart_axis_cell(&lin, 4000, 0, &c), 0);
	assert_int_equal(chart_axis_cell(&lin, 0, 1, &c), 0);
	/* shares stay within [0, 1] */
	assert_near(chart_axis_share(&lin, 1e308, NULL), 1, 0);
	assert_near(chart_axis_share(&lin, -1e308, NULL), 0, 0);
	assert_near(chart_axis_share(&lin, 1000, NULL), 0.25, 0);
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
	struct series s = {
		.rows = rows,
		.n = 2,
	};
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

/* A chart of rows into a string: its status, the text in *text. */
static enum gc_status draw(struct series *s, const struct chart_opts *o,
			   bool term, char **text)
{
	struct gc_error err;
	size_t len = 0;
	FILE *out = open_memstream(text, &len);
	enum gc_status st;

	assert_non_null(out);
	st = term ? chart_term(out, s, o, &err) : chart_svg(out, s, o, &err);
	fclose(out);
	return st;
}

static void row(struct series_row *r, const char *org, const char *q,
		double h100e)
{
	memset(r, 0, sizeof *r);
	r->org = org;
	assert_true(quarter_parse(q, &r->quarter));
	r->h100e = h100e;
}

/* acme at 1,000 then DBL_MAX; zeta's infinity and NaN are undefined, not
 * drawn. The linear axis stops at 1e307 (its ticks 0 to 1e307), so
 * DBL_MAX is clipped: the plot area is that of test_svg_points (x = 242
 * and 598, y from 92 to 402); 1,000 of 1e307 is at its foot, y = 402.0,
 * and DBL_MAX is a triangle on the top edge, its tip at (598, 92) and its
 * base 7 lower, 9 wide. Its end label is 1.8e308, at (598 + 7, 92 - 6). */
static void test_svg_clipped(void **state)
{
	struct series_row rows[4];
	struct series s = {
		.rows = rows,
		.n = 4,
	};
	struct chart_opts o;
	char *text = NULL;

	(void)state;
	row(&rows[0], "acme", "2024Q1", 1000);
	row(&rows[1], "acme", "2024Q2", DBL_MAX);
	row(&rows[2], "zeta", "2024Q1", INFINITY);
	row(&rows[3], "zeta", "2024Q2", NAN);
	chart_opts_init(&o);
	o.subtitle = "a subtitle";
	assert_int_equal(draw(&s, &o, false, &text), GC_OK);
	assert_non_null(strstr(text, "<line x1=\"242.0\" y1=\"402.0\" "
				     "x2=\"598.0\" y2=\"92.0\""));
	assert_non_null(strstr(text, "<polygon points=\"598.0,92.0 "
				     "593.5,99.0 602.5,99.0\" "
				     "fill=\"#0072B2\""));
	assert_non_null(strstr(text, ">1.8e308</text>"));
	assert_non_null(strstr(text, "<text x=\"605.0\" y=\"86.0\""));
	assert_non_null(strstr(text, "\xE2\x96\xB2\xE2\x96\xBC on an edge: "
				     "past the axis"));
	/* zeta has no point: one circle (acme's 1,000) in all */
	assert_non_null(strstr(text, "<circle"));
	assert_null(strstr(strstr(text, "<circle") + 1, "<circle"));
	assert_null(strstr(text, "nan"));
	assert_null(strstr(text, "inf"));
	free(text);
	/* on a log axis every double has its place: 1e3 (3) to 1.8e308
	 * (ceil 309), every 50th decade from 0 to 350; y(1,000) = 92 + 310
	 * x (1 - 3/350) = 399.3, y(DBL_MAX) = 92 + 310 x (1 - 308.25/350)
	 * = 129.0; nothing clipped */
	o.log = true;
	assert_int_equal(draw(&s, &o, false, &text), GC_OK);
	assert_non_null(strstr(text, "<line x1=\"242.0\" y1=\"399.3\" "
				     "x2=\"598.0\" y2=\"129.0\""));
	assert_non_null(strstr(text, ">1e350</text>"));
	assert_null(strstr(text, "polygon"));
	assert_null(strstr(text, "past the axis"));
	assert_null(strstr(text, "nan"));
	assert_null(strstr(text, "inf"));
	free(text);
}

/* Whether every line of text fits in width characters, and no control
 * byte but the line feed is in it. */
static bool lines_fit(const char *text, size_t width)
{
	size_t cols = 0;

	for (; *text != '\0'; text++) {
		unsigned char c = (unsigned char)*text;

		if (c == '\n') {
			cols = 0;
			continue;
		}
		if (c < 0x20 || c == 0x7F)
			return false;
		cols += (c & 0xC0) != 0x80;
		if (cols > width)
			return false;
	}
	return true;
}

/* The terminal: control characters as escapes, long names and titles cut
 * with an ellipsis to the 40 columns given. The first org's name
 * "a\x1b[31mRED" is 12 characters, its item 14 with the mark and space;
 * the second name (b and 99 x's) cannot follow it (14 + 2 + 2 + 100 >
 * 40): on its own line it keeps 40 - 2 - 1 = 37 characters, "b" and 36
 * x's, then the ellipsis. The title keeps 39 characters of its 60. */
static void test_term_text(void **state)
{
	char name[101], title[61], want[128];
	struct series_row rows[2];
	struct series s = {
		.rows = rows,
		.n = 2,
	};
	struct chart_opts o;
	char *text = NULL;

	(void)state;
	memset(name, 'x', 100);
	name[0] = 'b';
	name[100] = '\0';
	memset(title, 't', 60);
	title[60] = '\0';
	row(&rows[0], "a\x1b[31mRED", "2024Q1", 10);
	row(&rows[1], name, "2024Q1", 20);
	chart_opts_init(&o);
	o.width = 40;
	o.title = title;
	assert_int_equal(draw(&s, &o, true, &text), GC_OK);
	assert_true(lines_fit(text, 40));
	assert_non_null(strstr(text, "\n\xE2\x97\x8F a\\x1b[31mRED\n"));
	snprintf(want, sizeof want, "\n\xE2\x96\xA0 b%.36s\xE2\x80\xA6\n",
		 name + 1);
	assert_non_null(strstr(text, want));
	snprintf(want, sizeof want, "%.39s\xE2\x80\xA6\n", title);
	assert_int_equal(strncmp(text, want, strlen(want)), 0);
	free(text);
	/* ASCII: "..." of three columns, so 35 characters, b and 34 x's;
	 * 20 columns are taken as 40 */
	o.ascii = true;
	o.width = 20;
	assert_int_equal(draw(&s, &o, true, &text), GC_OK);
	assert_true(lines_fit(text, 40));
	snprintf(want, sizeof want, "\nB b%.34s...\n", name + 1);
	assert_non_null(strstr(text, want));
	free(text);
}

/* What the escapes are: C0 and DEL as \x.., C1 as \u00.., the rest kept */
static void test_escape(void **state)
{
	char *e = util_escape_controls("a\x1b[0m\t\x7f\xc2\x9b\xc3\xa9\\");

	(void)state;
	assert_string_equal(e, "a\\x1b[0m\\x09\\x7f\\u009b\xc3\xa9\\");
	free(e);
}

/* SVG text as XML 1.0 takes it: markup as entities, DEL and C1 as
 * references, other C0 controls and U+FFFF as U+FFFD. */
static void test_svg_text(void **state)
{
	struct series_row rows[1];
	struct series s = {
		.rows = rows,
		.n = 1,
	};
	struct chart_opts o;
	char *text = NULL;

	(void)state;
	row(&rows[0],
	    "a\x01"
	    "b\x1b",
	    "2024Q1", 10);
	chart_opts_init(&o);
	o.title = "<&>\x7f\"";
	o.subtitle = "\xc2\x9b\xef\xbf\xbf\tz";
	assert_int_equal(draw(&s, &o, false, &text), GC_OK);
	assert_non_null(strstr(text, ">a\xEF\xBF\xBD"
				     "b\xEF\xBF\xBD</text>"));
	assert_non_null(
		strstr(text, "<title>&lt;&amp;&gt;&#127;&quot;</title>"));
	assert_non_null(strstr(text, ">&#155;\xEF\xBF\xBD&#9;z</text>"));
	assert_true(lines_fit(text, 10000)); /* no control byte */
	free(text);
}

/* Text that is not UTF-8 is refused, before anything is written. */
static void test_bad_utf8(void **state)
{
	struct series_row rows[1];
	struct series s = {
		.rows = rows,
		.n = 1,
	};
	struct chart_opts o;
	char *text = NULL;

	(void)state;
	row(&rows[0], "\xff", "2024Q1", 10);
	chart_opts_init(&o);
	assert_int_equal(draw(&s, &o, false, &text), GC_DATA);
	assert_string_equal(text, "");
	free(text);
	rows[0].org = "acme";
	o.title = "\xc3";
	assert_int_equal(draw(&s, &o, true, &text), GC_USAGE);
	assert_string_equal(text, "");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_svg_points),
		cmocka_unit_test(test_ticks_extreme),
		cmocka_unit_test(test_log_ticks),
		cmocka_unit_test(test_axis_cell),
		cmocka_unit_test(test_svg_clipped),
		cmocka_unit_test(test_term_text),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_svg_text),
		cmocka_unit_test(test_bad_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
