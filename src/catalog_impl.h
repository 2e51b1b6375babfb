/* Internal to the catalog: the column slots of a catalog file, and the
 * schemas a provider's table may be read in (catalog_schemas.c), each found
 * by its header. gpucap's own schema is the slots' names. */
#ifndef GPUCAP_CATALOG_IMPL_H
#define GPUCAP_CATALOG_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "gpucap/catalog.h"

/* Column slots of a catalog file: text columns, one per figure, and the
 * plain FP16 rate that stands in for bf16 on chips without tensor units. */
enum slot { S_ID, S_ALIASES, S_VENDOR, S_NAME, S_YEAR, S_SOURCE, S_FIG0 };
#define S_FP16	   (S_FIG0 + FIG_COUNT)
#define SLOT_COUNT (S_FP16 + 1)

/* A provider's schema: its columns, the slot each fills and the unit it is
 * in (what to divide by to get TFLOPS, GB, TB/s), and its rules. A row
 * of such a table that cannot be used is left out with a warning. */
struct catalog_schema {
	const char *name;
	const char *key; /* the header that tells the schema */
	const struct catalog_column {
		const char *header;
		int slot;
		double divisor;
	} * columns;
	size_t ncolumns;
	/* a cell that is an unknown figure though not empty */
	bool (*unknown)(const char *cell);
	/* a year written the provider's way; false: read it as a number */
	bool (*year)(const char *cell, int *out);
	/* what the row needs once read (fp16: its FP16 rate, or NaN); false
	 * when out of memory */
	bool (*finish)(struct accel *a, double fp16);
};

/* The provider schema a header is in, or NULL for gpucap's own. */
const struct catalog_schema *catalog_schema_of(const char *const *headers,
					       size_t n);

#endif
