/* alias: org renames, looked up as orgs are matched. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "alias.h"
#include "unit.h"

/* A thousand aliases (the index grows from 64 slots several times) are
 * each found again, in another case and with the blanks a cell may
 * carry trimmed when added; a name without one has none. */
static void test_many(void **state)
{
	struct aliases *a = aliases_new();
	struct gc_error err;
	char arg[64], name[32], want[32];
	int i;

	(void)state;
	assert_non_null(a);
	for (i = 0; i < 1000; i++) {
		snprintf(arg, sizeof arg, " Lab %d = Group %d ", i, i % 7);
		assert_int_equal(aliases_add(a, arg, &err), GC_OK);
	}
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "LAB %d", i);
		snprintf(want, sizeof want, "Group %d", i % 7);
		assert_non_null(alias_of(a, name));
		assert_string_equal(alias_of(a, name), want);
	}
	assert_null(alias_of(a, "Lab 1000"));
	assert_null(alias_of(NULL, "Lab 1"));
	aliases_free(a);
}

/* The same pair twice is fine; a second name for one name is a usage
 * error naming it; a text without '=' or with an empty side is one. */
static void test_mistakes(void **state)
{
	struct aliases *a = aliases_new();
	struct gc_error err;

	(void)state;
	assert_non_null(a);
	assert_int_equal(aliases_add(a, "Meta AI=Meta", &err), GC_OK);
	assert_int_equal(aliases_add(a, "meta ai=META", &err), GC_OK);
	assert_int_equal(aliases_add(a, "Meta AI=Facebook", &err), GC_USAGE);
	assert_string_equal(err.msg,
			    "--alias: 'Meta AI' already has another name");
	assert_int_equal(aliases_add(a, "Meta", &err), GC_USAGE);
	assert_int_equal(aliases_add(a, "=Meta", &err), GC_USAGE);
	assert_int_equal(aliases_add(a, "Meta= ", &err), GC_USAGE);
	/* the last '=' splits */
	assert_int_equal(aliases_add(a, "a=b=c", &err), GC_OK);
	assert_string_equal(alias_of(a, "a=b"), "c");
	aliases_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_mistakes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
