/* util: the keyed hash every table of untrusted names uses. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "util.h"

#include "gpucap/catalog.h"
#include "gpucap/config.h"

static void hash_is_stable_within_a_run(void **state)
{
	(void)state;
	assert_true(util_hash("Tesla", 5, false) ==
		    util_hash("Tesla", 5, false));
	/* folding makes case disappear; without it, case counts */
	assert_true(util_hash("TeSLA", 5, true) == util_hash("tesla", 5, true));
	assert_true(util_hash("TeSLA", 5, false) !=
		    util_hash("tesla", 5, false));
	/* the length is hashed: a prefix is another text */
	assert_true(util_hash("abcdefgh", 8, false) !=
		    util_hash("abcdefgh", 7, false));
}

/* The FNV-1a hash the org index used before, to craft a flood. */
static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* 64 names that all fall in one of 1,024 buckets under FNV-1a (found by
 * search: about one name in 1,024 does) spread out under the keyed hash:
 * if they fell in one bucket with it too, the chance would be 1024^-63.
 * At least 40 distinct buckets: with 64 names thrown into 1,024 buckets,
 * the expected count of distinct ones is 1024 * (1 - (1023/1024)^64),
 * about 62, and fewer than 40 is far out in the tail. */
static void crafted_collisions_spread(void **state)
{
	char names[64][32];
	bool used[1024] = { false };
	int n = 0, i, distinct = 0;
	long k;

	(void)state;
	for (k = 0; n < 64; k++) {
		snprintf(names[n], sizeof names[n], "org%ld", k);
		if ((fnv1a(names[n]) & 1023) == 7)
			n++;
	}
	for (i = 0; i < 64; i++) {
		size_t b =
			(size_t)(util_hash(names[i], strlen(names[i]), true) &
				 1023);

		distinct += !used[b];
		used[b] = true;
	}
	assert_true(distinct >= 40);
}

/* The default metric is written twice in config.h, as the enum the
 * stages use and as the name the help prints: they must agree. */
static void config_metric_agrees(void **state)
{
	enum metric m;

	(void)state;
	assert_string_equal(metric_name(CONFIG_METRIC), CONFIG_METRIC_NAME);
	assert_true(metric_parse(CONFIG_METRIC_NAME, &m));
	assert_int_equal(m, CONFIG_METRIC);
	assert_string_equal(CONFIG_TEXT(CONFIG_WINDOW), "4");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_is_stable_within_a_run),
		cmocka_unit_test(crafted_collisions_spread),
		cmocka_unit_test(config_metric_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
