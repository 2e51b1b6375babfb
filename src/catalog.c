#include "gpucap/catalog.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog_impl.h"
#include "csvread.h"
#include "util.h"
#include "gpucap/quantity.h"

/* Generated at build time from data/accelerators.csv (see Makefile). */
extern const unsigned char gpucap_builtin_catalog[];
extern const size_t gpucap_builtin_catalog_len;

#define BUILTIN_NAME "data/accelerators.csv (built in)"
#define KEY_MAX	     128

struct catalog_key {
	char *norm;
	uint64_t hash; /* of norm, kept for the index to grow by */
	size_t item;   /* the entry that took the name (see resolve) */
	int origin;    /* the load that wrote this name */
};

static const char *const SLOT_NAMES[SLOT_COUNT] = {
	"id",	      "aliases",     "vendor",	    "name",
	"year",	      "source",	     "bf16_tflops", "fp8_tflops",
	"fp4_tflops", "tf32_tflops", "fp32_tflops", "fp64_tflops",
	"int8_tops",  "memory_gb",   "memory_tbs",  "tdp_w",
	"price_usd",  "fp16_tflops",
};

static const char *const METRIC_NAMES[METRIC_COUNT] = {
	"bf16", "fp8",	"8bit", "fp4",	  "tf32",      "fp32",
	"fp64", "int8", "tpp",	"memory", "bandwidth",
};

static const char *const METRIC_UNITS[METRIC_COUNT] = {
	"TFLOPS", "TFLOPS", "TOPS", "TFLOPS", "TFLOPS", "TFLOPS",
	"TFLOPS", "TOPS",   "TPP",  "GB",     "TB/s",
};

/* Metrics read straight from one column (-1: derived). */
static const int METRIC_FIG[METRIC_COUNT] = {
	FIG_BF16, FIG_FP8,  -1, FIG_FP4,       FIG_TF32,       FIG_FP32,
	FIG_FP64, FIG_INT8, -1, FIG_MEMORY_GB, FIG_MEMORY_TBS,
};

/* Bit width of each precision, for the export-control TPP. TF32 counts as
 * 32: its operands are stored as 32-bit words. */
static const struct {
	enum fig fig;
	int bits;
} TPP_BITS[] = {
	{ FIG_FP4, 4 },	  { FIG_FP8, 8 },   { FIG_INT8, 8 },  { FIG_BF16, 16 },
	{ FIG_TF32, 32 }, { FIG_FP32, 32 }, { FIG_FP64, 64 },
};

/* The precisions "8bit" takes the fastest of: 8 bits or wider. */
static const enum fig EIGHT_BIT_FIGS[] = { FIG_FP8,  FIG_INT8, FIG_BF16,
					   FIG_TF32, FIG_FP32, FIG_FP64 };

void catalog_init(struct catalog *cat)
{
	memset(cat, 0, sizeof *cat);
}

static void accel_free(struct accel *a)
{
	free(a->id);
	free(a->aliases);
	free(a->vendor);
	free(a->name);
	free(a->source);
}

void catalog_free(struct catalog *cat)
{
	size_t i;

	for (i = 0; i < cat->n; i++)
		accel_free(&cat->items[i]);
	for (i = 0; i < cat->nkeys; i++)
		free(cat->keys[i].norm);
	free(cat->items);
	free(cat->keys);
	free(cat->index);
	catalog_init(cat);
}

/* Lowercase, without spaces, '-' and '_'. False if it does not fit. */
static bool normalize(const char *s, char *out)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '-' || *s == '_' || *s == '\t')
			continue;
		if (n + 1 >= KEY_MAX)
			return false;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
	return true;
}

/* A name lookup cannot tell from the empty one. */
static bool unnamed(const char *s)
{
	char norm[KEY_MAX];

	return normalize(s, norm) && norm[0] == '\0';
}

/* Names are hashed under the process's key: a catalog file can be anyone's,
 * and names crafted to collide under one key do not under another. norm is
 * lower case already, so there is nothing to fold. */
static uint64_t key_hash(const char *norm)
{
	return util_hash(norm, strlen(norm), false);
}

/* The index slot holding norm, or the empty slot where it would go. The
 * index is never more than half full, so a probe ends soon. */
static size_t *key_slot(const struct catalog *cat, const char *norm, uint64_t h)
{
	size_t mask = cat->index_cap - 1, i = (size_t)h & mask;

	while (cat->index[i] != 0) {
		const struct catalog_key *k = &cat->keys[cat->index[i] - 1];

		if (k->hash == h && strcmp(k->norm, norm) == 0)
			break;
		i = (i + 1) & mask;
	}
	return &cat->index[i];
}

static struct catalog_key *key_find(const struct catalog *cat, const char *norm)
{
	size_t *slot;

	if (cat->index_cap == 0)
		return NULL;
	slot = key_slot(cat, norm, key_hash(norm));
	return *slot != 0 ? &cat->keys[*slot - 1] : NULL;
}

/* Room in the index for one more key: doubles it, rehashing every key,
 * when it would be more than half full. False when out of memory. */
static bool grow_index(struct catalog *cat)
{
	size_t cap = cat->index_cap ? cat->index_cap * 2 : 64, i;
	size_t *old = cat->index;

	if (2 * (cat->nkeys + 1) <= cat->index_cap)
		return true;
	cat->index = calloc(cap, sizeof *cat->index);
	if (cat->index == NULL) {
		cat->index = old;
		return false;
	}
	free(old);
	cat->index_cap = cap;
	for (i = 0; i < cat->nkeys; i++)
		*key_slot(cat, cat->keys[i].norm, cat->keys[i].hash) = i + 1;
	return true;
}

static size_t resolve(const struct catalog *cat, size_t item)
{
	while (cat->items[item].replaced_by != 0)
		item = cat->items[item].replaced_by - 1;
	return item;
}

const struct accel *catalog_find(const struct catalog *cat, const char *name)
{
	char norm[KEY_MAX];
	const struct catalog_key *k;

	if (!normalize(name, norm) || norm[0] == '\0')
		return NULL;
	k = key_find(cat, norm);
	return k ? &cat->items[resolve(cat, k->item)] : NULL;
}

/* What names a chip within its family, from a normalized name: each run
 * of digits with the letter before it, and with `suffix` the one letter
 * that may end it ("a40" of nvidiaa40pcie, "v4i" of tpuv4i, "i250x" of
 * mi250x; an 'o' among the digits is read as the 0 it was meant to be).
 * Names with different marks are different chips however close their
 * spellings (A40 and A10, MI210 and MI250X, TPU v4i and v4), so neither
 * is a hint for the other. out holds MARKS_MAX bytes; *suffixed says
 * whether some run has a suffix letter. */
#define MARKS_MAX (3 * KEY_MAX)

static bool digitish(const char *s, size_t i, size_t start)
{
	return isdigit((unsigned char)s[i]) || (i > start && s[i] == 'o');
}

static void chip_marks(const char *norm, bool suffix, char *out, bool *suffixed)
{
	size_t i = 0, n = 0;

	*suffixed = false;
	while (norm[i] != '\0' && n + 4 < MARKS_MAX) {
		size_t a = i;

		if (!isdigit((unsigned char)norm[i])) {
			i++;
			continue;
		}
		if (a > 0)
			out[n++] = norm[a - 1];
		for (; digitish(norm, i, a) && n + 3 < MARKS_MAX; i++)
			out[n++] = norm[i] == 'o' ? '0' : norm[i];
		if (isalpha((unsigned char)norm[i]) &&
		    !isalpha((unsigned char)norm[i + 1])) {
			*suffixed = true;
			if (suffix)
				out[n++] = norm[i];
		}
		out[n++] = '|';
	}
	out[n] = '\0';
}

/* Whether a hint may name `theirs` for `norm`: the same chip marks, a
 * suffix letter counting only when the name asked for has one (MI300
 * may be the MI300X; TPU v4i is not the v4). */
static bool same_chip(const char *norm, const char *theirs)
{
	char a[MARKS_MAX], b[MARKS_MAX];
	bool suffixed, unused;

	chip_marks(norm, false, a, &suffixed);
	chip_marks(theirs, false, b, &unused);
	if (strcmp(a, b) != 0)
		return false;
	if (!suffixed)
		return true;
	chip_marks(norm, true, a, &unused);
	chip_marks(theirs, true, b, &unused);
	return strcmp(a, b) == 0;
}

const char *catalog_suggest(const struct catalog *cat, const char *name)
{
	char norm[KEY_MAX];
	size_t i, best = (size_t)-1, best_item = 0, limit;
	bool tied = false;

	if (!normalize(name, norm) || norm[0] == '\0')
		return NULL;
	limit = strlen(norm) / 3 > 1 ? strlen(norm) / 3 : 1;
	for (i = 0; i < cat->nkeys; i++) {
		size_t d = util_edit_distance(norm, cat->keys[i].norm);
		size_t item = resolve(cat, cat->keys[i].item);

		if (d > best || !same_chip(norm, cat->keys[i].norm))
			continue;
		/* two chips as near (TPU v5: the v5e and the v5p) are no
		 * hint: either may be wrong (another key of a chip already
		 * seen at that distance changes nothing) */
		if (d < best) {
			tied = false;
			best = d;
			best_item = item;
		} else if (item != best_item) {
			tied = true;
		}
	}
	if (best > limit || tied)
		return NULL;
	return cat->items[best_item].id;
}

const struct accel *catalog_require(const struct catalog *cat, const char *name,
				    enum gc_status status, struct gc_error *err)
{
	const struct accel *a = catalog_find(cat, name);
	const char *hint;

	if (a != NULL)
		return a;
	hint = catalog_suggest(cat, name);
	if (hint != NULL)
		gc_fail(err, status, NULL, 0, 0,
			"unknown model '%s'; did you mean '%s'?", name, hint);
	else
		gc_fail(err, status, NULL, 0, 0,
			"unknown model '%s' (see 'gpucap catalog')", name);
	return NULL;
}

const struct accel *catalog_next(const struct catalog *cat, size_t *i)
{
	while (*i < cat->n) {
		const struct accel *a = &cat->items[(*i)++];

		if (a->replaced_by == 0)
			return a;
	}
	return NULL;
}

bool metric_parse(const char *s, enum metric *out)
{
	int m;

	for (m = 0; m < METRIC_COUNT; m++) {
		if (strcasecmp(s, METRIC_NAMES[m]) == 0) {
			*out = (enum metric)m;
			return true;
		}
	}
	return false;
}

const char *metric_name(enum metric m)
{
	return METRIC_NAMES[m];
}

const char *metric_unit(enum metric m)
{
	return METRIC_UNITS[m];
}

const char *metric_list(void)
{
	return "bf16, fp8, 8bit, fp4, tf32, fp32, fp64, int8, tpp, memory, "
	       "bandwidth";
}

static double max_known(double best, double v)
{
	if (isnan(v))
		return best;
	return isnan(best) || v > best ? v : best;
}

double accel_metric(const struct accel *a, enum metric m)
{
	double best = NAN;
	size_t i;

	if (METRIC_FIG[m] >= 0)
		return a->fig[METRIC_FIG[m]];
	if (m == METRIC_8BIT) {
		for (i = 0;
		     i < sizeof EIGHT_BIT_FIGS / sizeof EIGHT_BIT_FIGS[0]; i++)
			best = max_known(best, a->fig[EIGHT_BIT_FIGS[i]]);
		return best;
	}
	for (i = 0; i < sizeof TPP_BITS / sizeof TPP_BITS[0]; i++)
		best = max_known(best,
				 a->fig[TPP_BITS[i].fig] * TPP_BITS[i].bits);
	return best;
}

/* ---- loading ---- */

struct load {
	struct catalog *cat;
	const char *name;
	int origin;
	const struct catalog_schema *schema; /* the file's, by its header */
	int *map;		   /* file column -> slot, -1 ignored */
	double *divisor;	   /* file column -> unit conversion */
	long slot_col[SLOT_COUNT]; /* slot -> 1-based file column, 0 absent */
	double fp16;		   /* the row's FP16 rate, for a missing bf16 */
	struct csvread_table table;
};

/* The slot a header names (and the unit it comes in), -1 for none. */
static int header_slot(const struct load *ld, const char *h, double *divisor)
{
	size_t s;

	const struct catalog_schema *sc = ld->schema;

	*divisor = 1;
	if (sc == NULL) {
		for (s = 0; s < SLOT_COUNT; s++)
			if (strcasecmp(h, SLOT_NAMES[s]) == 0)
				return (int)s;
		return -1;
	}
	for (s = 0; s < sc->ncolumns; s++) {
		if (strcasecmp(h, sc->columns[s].header) == 0) {
			*divisor = sc->columns[s].divisor;
			return sc->columns[s].slot;
		}
	}
	return -1;
}

static enum gc_status read_header(const struct csv_record *rec, void *ctx,
				  struct gc_error *err)
{
	struct load *ld = ctx;
	size_t i;
	bool seen[SLOT_COUNT] = { false };

	ld->schema =
		catalog_schema_of((const char *const *)rec->fields, rec->n);
	ld->map = malloc(rec->n * sizeof *ld->map);
	ld->divisor = malloc(rec->n * sizeof *ld->divisor);
	if (ld->map == NULL || ld->divisor == NULL)
		return gc_fail(err, GC_IO, ld->name, rec->line, 0,
			       "out of memory");
	for (i = 0; i < rec->n; i++) {
		char *h = util_trimmed_dup(rec->fields[i]);

		ld->map[i] = h ? header_slot(ld, h, &ld->divisor[i]) : -1;
		free(h);
		if (ld->map[i] >= 0 && seen[ld->map[i]])
			return gc_fail(err, GC_DATA, ld->name, rec->line,
				       (long)i + 1, "duplicate column '%s'",
				       SLOT_NAMES[ld->map[i]]);
		if (ld->map[i] >= 0) {
			seen[ld->map[i]] = true;
			ld->slot_col[ld->map[i]] = (long)i + 1;
		}
	}
	if (!seen[S_ID])
		return gc_fail(err, GC_DATA, ld->name, rec->line, 1,
			       "no 'id' column in the catalog header");
	return GC_OK;
}

static enum gc_status read_figure(struct load *ld, const struct csv_record *rec,
				  size_t col, double *out, struct gc_error *err)
{
	struct quantity q;
	const char *why;
	const char *cell = rec->fields[col];
	const char *slot = SLOT_NAMES[ld->map[col]];

	/* Empty is unknown; so is what the schema says is (Epoch's "inf") */
	if (cell[strspn(cell, " \t")] == '\0' ||
	    (ld->schema != NULL && ld->schema->unknown(cell))) {
		*out = NAN;
		return GC_OK;
	}
	if (!qty_parse(cell, &q, &why))
		return gc_fail(err, GC_DATA, ld->name, rec->line, (long)col + 1,
			       "%s: '%s' %s", slot, cell, why);
	if (q.value <= 0)
		return gc_fail(err, GC_DATA, ld->name, rec->line, (long)col + 1,
			       "%s: '%s' must be greater than zero", slot,
			       cell);
	/* A division by a power of ten keeps 6.71e14 FLOP/s exactly 671. */
	q.value /= ld->divisor[col];
	if (q.value > CATALOG_FIGURE_MAX)
		return gc_fail(err, GC_DATA, ld->name, rec->line, (long)col + 1,
			       "%s: '%s' is out of range (at most %g)", slot,
			       cell, CATALOG_FIGURE_MAX);
	*out = q.value;
	return GC_OK;
}

static enum gc_status read_year(struct load *ld, const struct csv_record *rec,
				size_t col, int *out, struct gc_error *err)
{
	double y;
	enum gc_status st;

	if (ld->schema != NULL && ld->schema->year(rec->fields[col], out))
		return GC_OK;
	st = read_figure(ld, rec, col, &y, err);

	if (st != GC_OK)
		return st;
	if (isnan(y)) {
		*out = 0;
		return GC_OK;
	}
	if (y != floor(y) || y < 1900 || y > 2200)
		return gc_fail(err, GC_DATA, ld->name, rec->line, (long)col + 1,
			       "year: '%s' is not a year", rec->fields[col]);
	*out = (int)y;
	return GC_OK;
}

static enum gc_status fill_cell(struct load *ld, const struct csv_record *rec,
				size_t col, struct accel *a,
				struct gc_error *err)
{
	int s = ld->map[col];
	char **text[] = { &a->id,   &a->aliases, &a->vendor,
			  &a->name, NULL,	 &a->source };

	if (s == S_FP16)
		return read_figure(ld, rec, col, &ld->fp16, err);
	if (s >= S_FIG0)
		return read_figure(ld, rec, col, &a->fig[s - S_FIG0], err);
	if (s == S_YEAR)
		return read_year(ld, rec, col, &a->year, err);
	if (!util_utf8_valid(rec->fields[col]))
		return gc_fail(err, GC_DATA, ld->name, rec->line, (long)col + 1,
			       "%s: not valid UTF-8", SLOT_NAMES[s]);
	*text[s] = util_trimmed_dup(rec->fields[col]);
	if (*text[s] == NULL)
		return gc_fail(err, GC_IO, ld->name, rec->line, 0,
			       "out of memory");
	return GC_OK;
}

/* A name this load gives again: the entry holding it now (an earlier
 * load's, or this one's) gives way, or it is a clash within this file. */
static enum gc_status retake_key(struct load *ld, struct catalog_key *k,
				 const char *text, size_t item, long line,
				 long col, struct gc_error *err)
{
	struct catalog *cat = ld->cat;
	size_t holder = resolve(cat, k->item);

	if (holder != item && k->origin == ld->origin)
		return gc_fail(err, GC_DATA, ld->name, line, col,
			       "'%s' already names '%s' in this catalog", text,
			       cat->items[holder].id);
	/* The other keys of an overridden entry still point at it: resolve
	 * takes them on to its replacement, so none needs visiting here. */
	if (holder != item && cat->items[holder].origin != ld->origin)
		cat->items[holder].replaced_by = item + 1;
	k->item = item;
	k->origin = ld->origin;
	return GC_OK;
}

static enum gc_status add_key(struct load *ld, const char *text, size_t item,
			      long line, long col, struct gc_error *err)
{
	struct catalog *cat = ld->cat;
	char norm[KEY_MAX];
	struct catalog_key *k;

	if (!normalize(text, norm))
		return gc_fail(err, GC_DATA, ld->name, line, col,
			       "name '%.40s...' is too long", text);
	if (norm[0] == '\0')
		return GC_OK;
	k = key_find(cat, norm);
	if (k != NULL)
		return retake_key(ld, k, text, item, line, col, err);
	if (!grow_index(cat) || !util_grow((void **)&cat->keys, &cat->kcap,
					   cat->nkeys + 1, sizeof *cat->keys))
		return gc_fail(err, GC_IO, ld->name, line, 0, "out of memory");
	k = &cat->keys[cat->nkeys];
	k->norm = strdup(norm);
	if (k->norm == NULL)
		return gc_fail(err, GC_IO, ld->name, line, 0, "out of memory");
	k->hash = key_hash(norm);
	k->origin = ld->origin;
	k->item = item;
	*key_slot(cat, norm, k->hash) = ++cat->nkeys;
	return GC_OK;
}

/* The id, then each ';'-separated alias. */
static enum gc_status add_keys(struct load *ld, size_t item, long line,
			       struct gc_error *err)
{
	const struct accel *a = &ld->cat->items[item];
	char *aliases = a->aliases ? strdup(a->aliases) : NULL;
	char *p = aliases, *semi;
	enum gc_status st =
		add_key(ld, a->id, item, line, ld->slot_col[S_ID], err);

	while (st == GC_OK && p != NULL) {
		char *alias;

		semi = strchr(p, ';');
		if (semi != NULL)
			*semi = '\0';
		alias = util_trimmed_dup(p);
		st = alias ? add_key(ld, alias, item, line,
				     ld->slot_col[S_ALIASES], err)
			   : gc_fail(err, GC_IO, ld->name, line, 0,
				     "out of memory");
		free(alias);
		p = semi ? semi + 1 : NULL;
	}
	free(aliases);
	return st;
}

static enum gc_status fill_entry(struct load *ld, const struct csv_record *rec,
				 struct accel *a, struct gc_error *err)
{
	enum gc_status st = GC_OK;
	size_t i, f;

	memset(a, 0, sizeof *a);
	a->origin = ld->origin;
	for (f = 0; f < FIG_COUNT; f++)
		a->fig[f] = NAN;
	ld->fp16 = NAN;
	for (i = 0; i < rec->n && st == GC_OK; i++)
		if (ld->map[i] >= 0)
			st = fill_cell(ld, rec, i, a, err);
	if (st == GC_OK && (a->id == NULL || a->id[0] == '\0'))
		st = gc_fail(err, GC_DATA, ld->name, rec->line,
			     ld->slot_col[S_ID], "id: missing");
	/* lookup ignores spaces, '-' and '_': an id of only those could
	 * never be found again */
	if (st == GC_OK && unnamed(a->id))
		st = gc_fail(err, GC_DATA, ld->name, rec->line,
			     ld->slot_col[S_ID],
			     "id: '%s' has no letter or digit", a->id);
	if (st == GC_OK && ld->schema != NULL &&
	    !ld->schema->finish(a, ld->fp16))
		st = gc_fail(err, GC_IO, ld->name, rec->line, 0,
			     "out of memory");
	return st;
}

/* A row of a provider's table that cannot be used is left out, said once:
 * one odd chip should not cost the user the rest of the database. */
static enum gc_status skip_entry(struct load *ld, struct gc_error *err)
{
	struct catalog *cat = ld->cat;

	size_t n = strlen(err->msg);

	accel_free(&cat->items[--cat->n]);
	snprintf(err->msg + n, sizeof err->msg - n, "; the row is left out");
	if (cat->warn != NULL) {
		err->status = GC_OK;
		cat->warn(cat->warn_ctx, err);
	}
	return GC_OK;
}

static enum gc_status read_entry(const struct csv_record *rec, void *ctx,
				 struct gc_error *err)
{
	struct load *ld = ctx;
	struct catalog *cat = ld->cat;
	enum gc_status st;

	if (!util_grow((void **)&cat->items, &cat->cap, cat->n + 1,
		       sizeof *cat->items))
		return gc_fail(err, GC_IO, ld->name, rec->line, 0,
			       "out of memory");
	st = fill_entry(ld, rec, &cat->items[cat->n++], err);
	if (st == GC_OK)
		st = add_keys(ld, cat->n - 1, rec->line, err);
	if (st == GC_DATA && ld->schema != NULL)
		return skip_entry(ld, err);
	return st;
}

static void load_init(struct load *ld, struct catalog *cat, const char *name)
{
	memset(ld, 0, sizeof *ld);
	ld->cat = cat;
	ld->name = name;
	ld->origin = cat->loads++;
	ld->table.header = read_header;
	ld->table.row = read_entry;
	ld->table.skip = NULL;
	ld->table.ctx = ld;
}

static enum gc_status load_done(struct load *ld, enum gc_status st,
				struct gc_error *err)
{
	free(ld->map);
	free(ld->divisor);
	if (st == GC_OK && ld->table.ncols == 0)
		return gc_fail(err, GC_DATA, ld->name, 1, 1,
			       "empty catalog (no header line)");
	return st;
}

enum gc_status catalog_load_csv(struct catalog *cat, const char *name,
				const void *buf, size_t len,
				struct gc_error *err)
{
	struct load ld;
	enum gc_status st;

	load_init(&ld, cat, name);
	st = csvread_buffer(buf, len, name, ',', &ld.table, err);
	return load_done(&ld, st, err);
}

enum gc_status catalog_load_builtin(struct catalog *cat, struct gc_error *err)
{
	return catalog_load_csv(cat, BUILTIN_NAME, gpucap_builtin_catalog,
				gpucap_builtin_catalog_len, err);
}

enum gc_status catalog_load_file(struct catalog *cat, const char *path,
				 struct gc_error *err)
{
	struct load ld;
	FILE *in = fopen(path, "rb");
	enum gc_status st;

	if (in == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	load_init(&ld, cat, path);
	st = csvread_file(in, NULL, 0, path, ',', &ld.table, err);
	fclose(in);
	return load_done(&ld, st, err);
}
