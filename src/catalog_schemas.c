/* Providers' accelerator tables, read as catalogs: each a schema found by
 * its header. Epoch AI's ML Hardware database (epoch.ai/data, CC-BY 4.0),
 * in both of its schemas, is the one so far; a new provider is a table of
 * its columns and a row of SCHEMAS. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog_impl.h"

/* Epoch AI's ML Hardware database, in both of its schemas: its columns,
 * the slot each fills, and what to divide by (FLOP/s to TFLOPS, bytes to
 * GB, byte/s to TB/s). */
static const struct catalog_column EPOCH_COLUMNS[] = {
	{ "Hardware name", S_ID, 1 },
	{ "Manufacturer", S_VENDOR, 1 },
	{ "Release date", S_YEAR, 1 },
	{ "Link to datasheet", S_SOURCE, 1 },
	{ "Tensor-FP16/BF16 performance (FLOP/s)", S_FIG0 + FIG_BF16, 1e12 },
	{ "FP16 (half precision) performance (FLOP/s)", S_FP16, 1e12 },
	{ "FP8 performance (FLOP/s)", S_FIG0 + FIG_FP8, 1e12 },
	{ "FP4 performance (FLOP/s)", S_FIG0 + FIG_FP4, 1e12 },
	{ "TF32 (TensorFloat-32) performance (FLOP/s)", S_FIG0 + FIG_TF32,
	  1e12 },
	{ "FP32 (single precision) performance (FLOP/s)", S_FIG0 + FIG_FP32,
	  1e12 },
	{ "FP64 (double precision) performance (FLOP/s)", S_FIG0 + FIG_FP64,
	  1e12 },
	{ "INT8 performance (OP/s)", S_FIG0 + FIG_INT8, 1e12 },
	{ "Memory (bytes)", S_FIG0 + FIG_MEMORY_GB, 1e9 },
	{ "Memory size per board (Byte)", S_FIG0 + FIG_MEMORY_GB, 1e9 },
	{ "Memory bandwidth (byte/s)", S_FIG0 + FIG_MEMORY_TBS, 1e12 },
	{ "TDP (W)", S_FIG0 + FIG_TDP_W, 1 },
	{ "Release price (USD)", S_FIG0 + FIG_PRICE_USD, 1 },
};

/* Epoch AI's "inf", seen in its ratios, is no figure. */
static bool epoch_unknown(const char *cell)
{
	return strcasecmp(cell, "inf") == 0 || strcasecmp(cell, "nan") == 0;
}

/* Epoch AI dates its chips 2025-12-02: the year is what gpucap keeps. */
static bool epoch_year(const char *cell, int *out)
{
	if (strspn(cell, "0123456789") != 4 || (cell[4] != '-' && cell[4]))
		return false;
	*out = atoi(cell);
	return true;
}

/* The FP16 rate stands in for bf16 on chips without tensor units, and a
 * chip's name is its id. */
static bool epoch_finish(struct accel *a, double fp16)
{
	if (isnan(a->fig[FIG_BF16]))
		a->fig[FIG_BF16] = fp16;
	if (a->name == NULL && a->id != NULL)
		a->name = strdup(a->id);
	return a->id == NULL || a->name != NULL;
}

static const struct catalog_schema EPOCH_HARDWARE = {
	"Epoch AI ML Hardware", "Hardware name",
	EPOCH_COLUMNS,		sizeof EPOCH_COLUMNS / sizeof EPOCH_COLUMNS[0],
	epoch_unknown,		epoch_year,
	epoch_finish,
};

static const struct catalog_schema *const SCHEMAS[] = { &EPOCH_HARDWARE };

const struct catalog_schema *catalog_schema_of(const char *const *headers,
					       size_t n)
{
	size_t s, i;

	for (s = 0; s < sizeof SCHEMAS / sizeof SCHEMAS[0]; s++)
		for (i = 0; i < n; i++)
			if (strcasecmp(headers[i], SCHEMAS[s]->key) == 0)
				return SCHEMAS[s];
	return NULL;
}
