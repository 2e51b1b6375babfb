/* The built-in catalog, lookup, overrides and metrics (SPEC 3.1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

#include "gpucap/catalog.h"

static int setup(void **state)
{
	static struct catalog cat;
	struct gc_error err;

	catalog_init(&cat);
	if (catalog_load_builtin(&cat, &err) != GC_OK) {
		diag_report(&err);
		return -1;
	}
	*state = &cat;
	return 0;
}

static int teardown(void **state)
{
	catalog_free(*state);
	return 0;
}

static const char *id_of(const struct catalog *cat, const char *name)
{
	const struct accel *a = catalog_find(cat, name);

	return a ? a->id : "(none)";
}

/* The accelerators issue 2 names, each found by its id. */
static void test_required_models(void **state)
{
	static const char *const IDS[] = {
		"V100",
		"A100-SXM-40GB",
		"A100-SXM-80GB",
		"A100-PCIe-40GB",
		"A100-PCIe-80GB",
		"H100-SXM",
		"H100-PCIe",
		"H100-NVL",
		"H800",
		"H20",
		"H200",
		"GH200",
		"B100",
		"B200",
		"GB200",
		"B300",
		"GB300",
		"L40S",
		"L4",
		"MI250X",
		"MI300X",
		"MI325X",
		"MI355X",
		"Gaudi2",
		"Gaudi3",
		"TPU-v4",
		"TPU-v5e",
		"TPU-v5p",
		"TPU-v6e",
		"Trainium",
		"Trainium2",
		"Dojo-D1",
	};
	const struct catalog *cat = *state;
	size_t i, n = 0, cursor = 0;

	for (i = 0; i < sizeof IDS / sizeof IDS[0]; i++)
		assert_string_equal(id_of(cat, IDS[i]), IDS[i]);
	while (catalog_next(cat, &cursor) != NULL)
		n++;
	assert_true(n >= 30);
}

/* Every entry says where its figures come from. */
static void test_sources(void **state)
{
	const struct catalog *cat = *state;
	const struct accel *a;
	size_t cursor = 0;

	for (a = catalog_next(cat, &cursor); a; a = catalog_next(cat, &cursor))
		if (a->source == NULL || strlen(a->source) < 10)
			fail_msg("%s has no source", a->id);
}

static void test_aliases(void **state)
{
	const struct catalog *cat = *state;

	assert_string_equal(id_of(cat, "H100"), "H100-SXM");
	/* as nvidia-smi prints it */
	assert_string_equal(id_of(cat, "NVIDIA H100 80GB HBM3"), "H100-SXM");
	/* Epoch AI's Hardware name */
	assert_string_equal(id_of(cat, "NVIDIA H100 SXM5 80GB"), "H100-SXM");
	/* case, spaces, '-' and '_' do not matter */
	assert_string_equal(id_of(cat, "h100_sxm"), "H100-SXM");
	assert_string_equal(id_of(cat, " H100 - SXM "), "H100-SXM");
	assert_string_equal(id_of(cat, "b200"), "B200");
	assert_string_equal(id_of(cat, "(none)"), "(none)");
	assert_null(catalog_find(cat, "H10O"));
	assert_null(catalog_find(cat, ""));
	assert_null(catalog_find(cat, " - "));
}

static void test_suggest(void **state)
{
	const struct catalog *cat = *state;
	struct gc_error err;

	/* H10O is one edit from the alias H100 (an O among digits is a
	 * zero); H100 SXN one from H100-SXM. */
	assert_string_equal(catalog_suggest(cat, "H10O"), "H100-SXM");
	assert_string_equal(catalog_suggest(cat, "H100 SXN"), "H100-SXM");
	assert_null(catalog_suggest(cat, "xyzzy-quux"));
	/* A hint is the same chip spelled otherwise: A40 is not the A10,
	 * MI210 not the MI250X, TPU v4j not the v4, however near; MI300 is
	 * the MI300X or the MI300A, TPU v5 the v5e or the v5p: no hint. */
	assert_null(catalog_suggest(cat, "NVIDIA A40 PCIe"));
	assert_null(catalog_suggest(cat, "AMD Instinct MI210"));
	assert_null(catalog_suggest(cat, "TPU v4j"));
	assert_null(catalog_suggest(cat, "MI300"));
	assert_null(catalog_suggest(cat, "TPU v5"));
	assert_null(catalog_require(cat, "H10O", GC_DATA, &err));
	assert_int_equal(err.status, GC_DATA);
	assert_string_equal(err.msg,
			    "unknown model 'H10O'; did you mean 'H100-SXM'?");
}

static double metric(const struct catalog *cat, const char *id, enum metric m)
{
	return accel_metric(catalog_find(cat, id), m);
}

/* Dense figures: the H100 SXM is 989.4 BF16 TFLOPS, not the sparse 1,979. */
static void test_dense_figures(void **state)
{
	const struct catalog *cat = *state;

	assert_near(metric(cat, "H100-SXM", METRIC_BF16), 989.4, 1e-9);
	assert_near(metric(cat, "H100-SXM", METRIC_FP8), 1978.9, 1e-9);
	assert_near(metric(cat, "B200", METRIC_BF16), 2250, 1e-9);
	assert_near(metric(cat, "H100-SXM", METRIC_MEMORY), 80, 1e-9);
	assert_near(metric(cat, "H100-SXM", METRIC_BANDWIDTH), 3.35, 1e-9);
	/* No FP4 on Hopper: unknown, not zero. */
	assert_true(isnan(metric(cat, "H100-SXM", METRIC_FP4)));
}

/* 8bit is max(fp8, int8, bf16, tf32, fp32, fp64). Against the H100's
 * 1978.9, Epoch AI's factors are V100 0.063, TPU v4 0.139, A100 0.315,
 * B200 2.27. */
static void test_8bit(void **state)
{
	const struct catalog *cat = *state;
	double h100 = metric(cat, "H100-SXM", METRIC_8BIT);

	assert_near(h100, 1978.9, 1e-9);
	/* V100: no 8-bit units, so its 125 FP16 tensor TFLOPS: 125/1978.9 */
	assert_near(metric(cat, "V100", METRIC_8BIT) / h100, 0.063, 0.0005);
	/* TPU v4: 275 bf16 = 275 int8: 275/1978.9 = 0.1390 */
	assert_near(metric(cat, "TPU-v4", METRIC_8BIT) / h100, 0.139, 0.0005);
	/* A100: int8 624: 624/1978.9 = 0.3153 */
	assert_near(metric(cat, "A100-SXM-80GB", METRIC_8BIT) / h100, 0.315,
		    0.0005);
	/* B200: fp8 4500: 4500/1978.9 = 2.274 */
	assert_near(metric(cat, "B200", METRIC_8BIT) / h100, 2.27, 0.005);
	/* Blackwell Ultra cut INT8, so 8bit is its FP8 4500, not INT8. */
	assert_near(metric(cat, "B300", METRIC_8BIT), 4500, 1e-9);
}

/* tdp_w is a TDP, the same basis for every TPU: Google's published 450 W
 * for TPU v3 (its docs' measured max is 262 W), and for TPU v4 Epoch AI's
 * 340 W estimate, not the docs' measured max of 192 W. Google and AWS
 * publish no TDP for later chips, so these are Epoch's estimates. */
static void test_tdp(void **state)
{
	static const struct {
		const char *id;
		double w;
	} TDP[] = {
		{ "TPU-v3", 450 },	{ "TPU-v4", 340 },
		{ "TPU-v4i", 175 },	{ "TPU-v5e", 225 },
		{ "TPU-v5p", 540 },	{ "TPU-v6e", 380 },
		{ "TPU-v7", 960 },	{ "Trainium", 300 },
		{ "Trainium2", 500 },	{ "MI308X", 750 },
		{ "Ascend-910B", 400 }, { "Ascend-910C", 700 },
		{ "Siyuan-590", 200 },
	};
	const struct catalog *cat = *state;
	size_t i;

	for (i = 0; i < sizeof TDP / sizeof TDP[0]; i++) {
		const struct accel *a = catalog_find(cat, TDP[i].id);

		assert_non_null(a);
		assert_near(a->fig[FIG_TDP_W], TDP[i].w, 1e-9);
	}
	/* B200 keeps the HGX B200 datasheet's 1000 W, not the 1200 W of the
	 * GB200 figures Epoch AI's chip data uses for its B200 line. */
	assert_near(catalog_find(cat, "B200")->fig[FIG_TDP_W], 1000, 1e-9);
}

/* TPP = max over precisions of dense TOPS x bits. H100: fp8 1978.9 x 8 =
 * 15,831.2 beats bf16 989.4 x 16 = 15,830.4 and fp64 66.9 x 64 = 4,281.6. */
static void test_tpp(void **state)
{
	const struct catalog *cat = *state;

	assert_near(metric(cat, "H100-SXM", METRIC_TPP), 15831.2, 1e-6);
	/* B200: fp4 9000 x 4 = 36,000 = fp8 4500 x 8 */
	assert_near(metric(cat, "B200", METRIC_TPP), 36000, 1e-6);
}

static void test_metric_names(void **state)
{
	enum metric m;

	(void)state;
	assert_true(metric_parse("8bit", &m));
	assert_int_equal(m, METRIC_8BIT);
	assert_true(metric_parse("BF16", &m));
	assert_int_equal(m, METRIC_BF16);
	assert_false(metric_parse("fp16", &m));
	assert_string_equal(metric_name(METRIC_TPP), "tpp");
}

static const char OVERRIDE[] = "ID,Bf16_TFLOPS,aliases,unknown_column\n"
			       "H100-SXM,1000,,x\n"
			       "Acme-1,,B200;Acme One,y\n";

/* --catalog entries replace built-in ones sharing a name, aliases too. */
static void test_override(void **state)
{
	struct catalog cat;
	struct gc_error err;
	const struct accel *a;
	size_t cursor = 0, seen_h100 = 0;

	(void)state;
	catalog_init(&cat);
	assert_int_equal(catalog_load_builtin(&cat, &err), GC_OK);
	assert_int_equal(catalog_load_csv(&cat, "mine.csv", OVERRIDE,
					  strlen(OVERRIDE), &err),
			 GC_OK);
	/* the built-in alias H100 now finds the override */
	assert_near(accel_metric(catalog_find(&cat, "H100"), METRIC_BF16), 1000,
		    0);
	assert_string_equal(id_of(&cat, "B200"), "Acme-1");
	assert_string_equal(id_of(&cat, "acme one"), "Acme-1");
	/* columns missing from the file are unknown figures */
	assert_true(isnan(catalog_find(&cat, "Acme-1")->fig[FIG_TDP_W]));
	/* the listing shows the replacement, not both */
	for (a = catalog_next(&cat, &cursor); a;
	     a = catalog_next(&cat, &cursor))
		seen_h100 += strcmp(a->id, "H100-SXM") == 0;
	assert_int_equal(seen_h100, 1);
	catalog_free(&cat);
}

/* A file that names a built-in alias twice: the first entry that gives
 * H100 again takes it from the built-in H100-SXM, and the second is a clash
 * within the file, not a silent theft (it used to win: the first entry's
 * key for H100 kept the built-in's origin). */
static const char CLASH[] = "id,aliases\n"
			    "Mine,H100-SXM;H100\n"
			    "Other,H100\n";

static void test_override_clash(void **state)
{
	struct catalog cat;
	struct gc_error err;

	(void)state;
	catalog_init(&cat);
	gc_error_clear(&err);
	assert_int_equal(catalog_load_builtin(&cat, &err), GC_OK);
	assert_int_equal(
		catalog_load_csv(&cat, "c.csv", CLASH, strlen(CLASH), &err),
		GC_DATA);
	assert_string_equal(err.msg,
			    "'H100' already names 'Mine' in this catalog");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 2);
	catalog_free(&cat);
}

/* A big --catalog (20,000 entries of three names: 60,000 keys). */
#define MANY 20000

static char *many_csv(size_t *len)
{
	size_t cap = 64 + (size_t)MANY * 64, n, i;
	char *s = malloc(cap);

	assert_non_null(s);
	n = (size_t)snprintf(s, cap, "id,aliases,bf16_tflops\n");
	for (i = 0; i < MANY; i++)
		n += (size_t)snprintf(s + n, cap - n,
				      "chip-%zu,Chip %zu Alt;c_%zu_x,%zu\n", i,
				      i, i, i + 1);
	*len = n;
	return s;
}

/* The longest run of taken slots in the catalog's index, wrapping: no
 * lookup looks at more slots than that. */
static size_t longest_run(const struct catalog *cat)
{
	size_t i, run = 0, longest = 0;

	for (i = 0; i < 2 * cat->index_cap; i++) {
		run = cat->index[i % cat->index_cap] != 0 ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest;
}

/* Every entry is found by its id and by each alias, and a lookup does not
 * scan: the index holds each key once, is at most half full, and its runs
 * of taken slots stay short. Under linear probing at load a the odds of a
 * run of k fall as (a e^(1 - a))^k, 0.79^k at this load (0.46): trials
 * give longest runs of 27 to 45, and one of 200 among 2^17 slots has odds
 * under 1e-15. A scan, or a hash putting every key in one place, would
 * make one run of 60,000. */
static void test_many(void **state)
{
	struct catalog cat;
	struct gc_error err;
	size_t len, i, taken = 0;
	char *csv = many_csv(&len), name[64];

	(void)state;
	catalog_init(&cat);
	assert_int_equal(catalog_load_csv(&cat, "big.csv", csv, len, &err),
			 GC_OK);
	for (i = 0; i < MANY; i++) {
		char id[32];

		snprintf(id, sizeof id, "chip-%zu", i);
		assert_string_equal(id_of(&cat, id), id);
		snprintf(name, sizeof name, "CHIP %zu alt", i);
		assert_string_equal(id_of(&cat, name), id);
		snprintf(name, sizeof name, "c%zux", i);
		assert_string_equal(id_of(&cat, name), id);
		/* chip-<i> and its bf16 of i + 1: the entry, not a neighbour */
		assert_near(catalog_find(&cat, id)->fig[FIG_BF16], i + 1, 0);
	}
	assert_null(catalog_find(&cat, "chip-20000"));
	assert_int_equal(cat.nkeys, 3 * MANY);
	for (i = 0; i < cat.index_cap; i++)
		taken += cat.index[i] != 0;
	assert_int_equal(taken, cat.nkeys);
	assert_true(cat.index_cap >= 2 * cat.nkeys);
	assert_true((cat.index_cap & (cat.index_cap - 1)) == 0);
	assert_true(longest_run(&cat) < 200);
	catalog_free(&cat);
	free(csv);
}

struct bad {
	const char *text;
	long line, col;
	const char *msg;
};

static const struct bad BAD[] = {
	{ "name,year\nfoo,2020\n", 1, 1,
	  "no 'id' column in the catalog header" },
	{ "id,bf16_tflops\nX,abc\n", 2, 2,
	  "bf16_tflops: 'abc' is not a number" },
	{ "id,tdp_w\nX,-5\n", 2, 2, "tdp_w: '-5' must be greater than zero" },
	{ "id,year\nX,20.5\n", 2, 2, "year: '20.5' is not a year" },
	{ "id,aliases\nX,Y\nY,\n", 3, 1,
	  "'Y' already names 'X' in this catalog" },
	{ "id,id\nX,Y\n", 1, 2, "duplicate column 'id'" },
	{ "id,name\nX\n", 2, 2, "row has 1 fields, the header has 2" },
	{ "id,name\n,foo\n", 2, 1, "id: missing" },
	{ "", 1, 1, "empty catalog (no header line)" },
};

static void test_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		struct catalog cat;
		struct gc_error err;

		catalog_init(&cat);
		gc_error_clear(&err);
		assert_int_equal(catalog_load_csv(&cat, "c.csv", BAD[i].text,
						  strlen(BAD[i].text), &err),
				 GC_DATA);
		assert_string_equal(err.msg, BAD[i].msg);
		assert_int_equal(err.line, BAD[i].line);
		assert_int_equal(err.col, BAD[i].col);
		catalog_free(&cat);
	}
}

/* Every built-in accelerator answers to Epoch AI's name for it, so that
 * ledgers written with Epoch's names need no --catalog. The names come from
 * Epoch's ml_hardware.csv (read as a catalog, beside the checkout); the
 * test is skipped where it is absent. Epoch AI's table has no L40S, no
 * 80 GB A100 PCIe and no Cambricon Siyuan 590 (whose figures come from
 * Epoch's chip-sales chip types instead). */
#define EPOCH_HARDWARE "../shared/data/epoch/ml_hardware.csv"

static void test_epoch_names(void **state)
{
	static const char *const NOT_IN_EPOCH[] = { "A100-PCIe-80GB", "L40S",
						    "Siyuan-590" };
	const struct catalog *builtin = *state;
	struct catalog epoch;
	struct gc_error err;
	const struct accel *a, *e;
	size_t cursor = 0, i, named = 0;
	bool *hit = calloc(builtin->n, sizeof *hit);
	FILE *probe = fopen(EPOCH_HARDWARE, "r");

	if (probe == NULL) {
		free(hit);
		skip();
	}
	fclose(probe);
	catalog_init(&epoch);
	assert_int_equal(catalog_load_file(&epoch, EPOCH_HARDWARE, &err),
			 GC_OK);
	for (e = catalog_next(&epoch, &cursor); e;
	     e = catalog_next(&epoch, &cursor)) {
		a = catalog_find(builtin, e->id);
		if (a != NULL)
			hit[a - builtin->items] = true;
	}
	for (cursor = 0, a = catalog_next(builtin, &cursor); a;
	     a = catalog_next(builtin, &cursor)) {
		bool exempt = false;

		for (i = 0; i < sizeof NOT_IN_EPOCH / sizeof NOT_IN_EPOCH[0];
		     i++)
			exempt |= strcmp(a->id, NOT_IN_EPOCH[i]) == 0;
		if (!hit[a - builtin->items] && !exempt)
			fail_msg("no Epoch AI name finds %s", a->id);
		named += hit[a - builtin->items];
	}
	assert_true(named >= 39);
	catalog_free(&epoch);
	free(hit);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_required_models),
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_dense_figures),
		cmocka_unit_test(test_8bit),
		cmocka_unit_test(test_tdp),
		cmocka_unit_test(test_tpp),
		cmocka_unit_test(test_metric_names),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_override_clash),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_epoch_names),
	};

	return cmocka_run_group_tests_name("catalog", tests, setup, teardown);
}
