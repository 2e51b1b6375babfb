/* The accelerator catalog: figures per model, lookup by id or alias, and
 * the metrics that turn a model into H100-equivalents. */
#ifndef GPUCAP_CATALOG_H
#define GPUCAP_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "gpucap/diag.h"

/* Columns of the catalog file that hold figures; NaN when unknown. */
enum fig {
	FIG_BF16,
	FIG_FP8,
	FIG_FP4,
	FIG_TF32,
	FIG_FP32,
	FIG_FP64,
	FIG_INT8,
	FIG_MEMORY_GB,
	FIG_MEMORY_TBS,
	FIG_TDP_W,
	FIG_PRICE_USD,
	FIG_COUNT
};

enum metric {
	METRIC_BF16,
	METRIC_FP8,
	METRIC_8BIT,
	METRIC_FP4,
	METRIC_TF32,
	METRIC_FP32,
	METRIC_FP64,
	METRIC_INT8,
	METRIC_TPP,
	METRIC_MEMORY,
	METRIC_BANDWIDTH,
	METRIC_COUNT
};

/* A catalog figure past this is refused (prices included). */
#define CATALOG_FIGURE_MAX 1e12

struct accel {
	char *id;
	char *aliases; /* as written: "H100;H100 SXM5" */
	char *vendor;
	char *name;
	char *source;
	int year; /* 0 when unknown */
	double fig[FIG_COUNT];
	size_t replaced_by; /* 1 + index of the entry overriding this one */
	int origin;	    /* which load added it: 0 built in, 1.. --catalog */
};

struct catalog_key;

struct catalog {
	struct accel *items;
	size_t n, cap;
	struct catalog_key *keys;
	size_t nkeys, kcap;
	/* Open addressing over keys by their keyed hash: 1 + the key's
	 * index, 0 for an empty slot. index_cap is a power of two, at least
	 * twice nkeys. */
	size_t *index;
	size_t index_cap;
	int loads; /* number of files loaded so far */
	/* Told of each row of Epoch AI's table that is left out; may be
	 * NULL. */
	void (*warn)(void *ctx, const struct gc_error *w);
	void *warn_ctx;
};

void catalog_init(struct catalog *cat);
void catalog_free(struct catalog *cat);

/* The catalog compiled from data/accelerators.csv. */
enum gc_status catalog_load_builtin(struct catalog *cat, struct gc_error *err);

/* A catalog CSV file; its entries take precedence over earlier ones that
 * share an id or alias (SPEC 3.1). Epoch AI's ML Hardware CSV (either
 * schema, known by its "Hardware name" column) is read as it is: rates in
 * FLOP/s become TFLOPS, bytes GB, and a row that cannot be used is left
 * out with a warning. */
enum gc_status catalog_load_file(struct catalog *cat, const char *path,
				 struct gc_error *err);
enum gc_status catalog_load_csv(struct catalog *cat, const char *name,
				const void *buf, size_t len,
				struct gc_error *err);

/* Case-insensitive, ignoring spaces, '-' and '_'. NULL when unknown. */
const struct accel *catalog_find(const struct catalog *cat, const char *name);

/* The id of the closest entry, for "did you mean"; NULL if none is close. */
const char *catalog_suggest(const struct catalog *cat, const char *name);

/* catalog_find, or NULL with err saying "unknown model 'X'; did you mean
 * 'Y'?" under the given status and without a location. */
const struct accel *catalog_require(const struct catalog *cat, const char *name,
				    enum gc_status status,
				    struct gc_error *err);

/* Entries in load order, skipping overridden ones; i is a cursor from 0. */
const struct accel *catalog_next(const struct catalog *cat, size_t *i);

bool metric_parse(const char *s, enum metric *out);
const char *metric_name(enum metric m);
const char *metric_unit(enum metric m);
const char *metric_list(void); /* "bf16, fp8, ..." for messages */

/* The model's figure under the metric; NaN when the catalog lacks it. */
double accel_metric(const struct accel *a, enum metric m);

#endif
