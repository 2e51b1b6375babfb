/* The progress meter: its text, worked out by hand, and when it draws,
 * on a clock the test sets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "progress.h"

static double fake_now;

static double fake_clock(void)
{
	return fake_now;
}

static void test_text(void **state)
{
	char buf[PROGRESS_TEXT_MAX];

	(void)state;
	/* 123,456,789 of 346,639,578 bytes in 0.65 s: 123 of 346 MB; 35%
	 * (12,345,678,900 / 346,639,578 = 35.6, cut); 123.456789 / 0.65 =
	 * 189.9 MB/s, shown 190; 223,182,789 bytes left at 189,933,521 B/s
	 * is 1.18 s, rounded up to 2 s */
	progress_text(buf, sizeof buf, "big.csv", 123456789, 346639578, 0.65);
	assert_string_equal(buf, "reading big.csv: 123 of 346 MB (35%), "
				 "190 MB/s, 2 s left");
	/* 10 MB of 1 GB in 1 s: 10 MB/s; 990 MB left is 99 s, 1 min 39 s */
	progress_text(buf, sizeof buf, "j.json", 10000000, 1000000000, 1.0);
	assert_string_equal(buf, "reading j.json: 10 of 1000 MB (1%), "
				 "10 MB/s, 1 min 39 s left");
	/* nothing read yet: no rate, no time left */
	progress_text(buf, sizeof buf, "x", 0, 60000000, 0);
	assert_string_equal(buf, "reading x: 0 of 60 MB (0%)");
}

static char *drawn_by(bool on, long long total, const double *times,
		      const long long *done, size_t n)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *out = open_memstream(&text, &len);
	struct progress p;

	assert_non_null(out);
	fake_now = 100;
	progress_init(&p, "l.csv", out, on);
	p.clock = fake_clock;
	p.start = fake_now;
	for (i = 0; i < n; i++) {
		fake_now = 100 + times[i];
		progress_update(&p, done[i], total);
	}
	progress_clear(&p);
	fclose(out);
	return text;
}

/* Not before 0.3 s, then at most every 0.1 s, then cleared; never for a
 * file under 50 MB or with the meter off. */
static void test_drawing(void **state)
{
	static const double T[] = { 0.1, 0.4, 0.45, 0.6 };
	static const long long D[] = { 10000000, 40000000, 45000000, 60000000 };
	char *s;

	(void)state;
	s = drawn_by(true, 100000000, T, D, 4);
	/* drawn at 0.4 s (40 MB: 100 MB/s, 60 MB left: 0.6 s, so 1 s) and
	 * 0.6 s (60 MB: 100 MB/s, 0.4 s left: 1 s); 0.45 s is too soon */
	assert_string_equal(
		s, "\rgpucap: reading l.csv: 40 of 100 MB (40%), 100 MB/s, "
		   "1 s left\033[K"
		   "\rgpucap: reading l.csv: 60 of 100 MB (60%), 100 MB/s, "
		   "1 s left\033[K"
		   "\r\033[K");
	free(s);
	s = drawn_by(true, 49999999, T, D, 4);
	assert_string_equal(s, "");
	free(s);
	s = drawn_by(false, 100000000, T, D, 4);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_drawing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
