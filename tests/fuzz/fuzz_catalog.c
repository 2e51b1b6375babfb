/* A --catalog file on top of the built-in one: loading never crashes, and
 * every entry listed is what its id finds (not one it replaced, not a
 * neighbour in the index). */
#include "fuzz.h"
#include "gpucap/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog cat;
	struct gc_error err;
	const struct accel *a;
	size_t cursor = 0;

	catalog_init(&cat);
	FUZZ_ASSERT(catalog_load_builtin(&cat, &err) == GC_OK);
	if (catalog_load_csv(&cat, "fuzz.csv", data, size, &err) == GC_OK)
		for (a = catalog_next(&cat, &cursor); a;
		     a = catalog_next(&cat, &cursor))
			FUZZ_ASSERT(catalog_find(&cat, a->id) == a);
	catalog_free(&cat);
	return 0;
}
