/* Epoch AI's GPU clusters import on arbitrary bytes: every row it makes is
 * dated, names an org and keeps the ledger's limits, and what it writes
 * (CSV or JSON, as gpucap import writes them) reads back as a ledger with
 * the same rows. The first byte picks the options. */
#include <math.h>
#include <strings.h>

#include "fuzz.h"
#include "gpucap/epoch.h"
#include "gpucap/ledger.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "util.h"

/* What gpucap import writes: the ledger's own columns. */
static const struct table_col COLS[] = {
	{ "quarter", CT_TEXT, false }, { "org", CT_TEXT, false },
	{ "model", CT_TEXT, false },   { "units", CT_COUNT, false },
	{ "h100e", CT_COUNT, false },  { "note", CT_TEXT, false },
};
#define NCOLS (sizeof COLS / sizeof COLS[0])

/* A row as written, to compare with what the ledger reads. */
struct written {
	int quarter;
	char *org, *model;
	double units, h100e;
};

struct run {
	struct printer *p;
	struct written *rows;
	size_t n, cap, read;
};

static void check_row(const struct epoch_row *row)
{
	FUZZ_ASSERT(row->org != NULL && row->note != NULL);
	FUZZ_ASSERT(quarter_year(row->quarter) >= QUARTER_YEAR_MIN);
	FUZZ_ASSERT((row->model == NULL) == isnan(row->units));
	FUZZ_ASSERT(util_utf8_valid(row->org) && util_utf8_valid(row->note));
	FUZZ_ASSERT(strlen(row->org) <= EPOCH_TEXT_MAX &&
		    strlen(row->note) <= EPOCH_TEXT_MAX);
	if (row->model != NULL)
		FUZZ_ASSERT(row->units > 0 && row->units <= LEDGER_COUNT_MAX);
	else
		FUZZ_ASSERT(row->h100e > 0 && row->h100e <= LEDGER_COUNT_MAX);
}

static enum gc_status sink(const struct epoch_row *row, void *ctx,
			   struct gc_error *err)
{
	struct run *r = ctx;
	struct written *w;
	char q[QUARTER_FMT_MAX];
	struct cell c[NCOLS] = {
		{ quarter_format(row->quarter, q), NAN, false, NAN, NAN },
		{ row->org, NAN, false, NAN, NAN },
		{ row->model, NAN, false, NAN, NAN },
		{ NULL, row->units, false, NAN, NAN },
		{ NULL, row->h100e, false, NAN, NAN },
		{ row->note, NAN, false, NAN, NAN },
	};

	(void)err;
	check_row(row);
	FUZZ_ASSERT(printer_row(r->p, c) == GC_OK);
	FUZZ_ASSERT(util_grow((void **)&r->rows, &r->cap, r->n + 1,
			      sizeof *r->rows));
	w = &r->rows[r->n++];
	w->quarter = row->quarter;
	w->org = strdup(row->org);
	w->model = row->model ? strdup(row->model) : NULL;
	w->units = row->units;
	w->h100e = row->h100e;
	FUZZ_ASSERT(w->org != NULL && (row->model == NULL || w->model));
	return GC_OK;
}

/* The ledger reads back each row as it was written. */
static enum gc_status reread(const struct ledger_row *row, void *ctx,
			     struct gc_error *err)
{
	struct run *r = ctx;
	const struct written *w;

	(void)err;
	FUZZ_ASSERT(r->read < r->n);
	w = &r->rows[r->read++];
	FUZZ_ASSERT(row->quarter == w->quarter);
	FUZZ_ASSERT(strcmp(row->org, w->org) == 0);
	if (w->model != NULL) {
		FUZZ_ASSERT(row->model && strcmp(row->model, w->model) == 0);
		FUZZ_ASSERT(row->units == w->units);
	} else {
		FUZZ_ASSERT(row->h100e == w->h100e);
	}
	return GC_OK;
}

static int by_org(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* Under --org name each cluster is an org of its own, as the ledger tells
 * orgs apart (case aside): a cluster of two chips is two rows of one org. */
static void check_distinct(const struct run *r)
{
	char **orgs = malloc((r->n + 1) * sizeof *orgs);
	size_t i, n = 0;

	FUZZ_ASSERT(orgs != NULL);
	for (i = 0; i < r->n; i++)
		if (i == 0 || strcmp(r->rows[i].org, r->rows[i - 1].org) != 0)
			orgs[n++] = r->rows[i].org;
	qsort(orgs, n, sizeof *orgs, by_org);
	for (i = 1; i < n; i++)
		FUZZ_ASSERT(strcasecmp(orgs[i - 1], orgs[i]) != 0);
	free(orgs);
}

static void roundtrip(struct run *r, const char *buf, size_t len, bool json)
{
	struct ledger_opts lo = { .format = json ? LEDGER_JSON : LEDGER_CSV };
	FILE *in = fuzz_stream((const uint8_t *)buf, len);
	struct gc_error err;
	enum gc_status st;

	FUZZ_ASSERT(in != NULL);
	st = ledger_read_stream(in, "written", &lo, reread, r, &err);
	fclose(in);
	/* No rows is a ledger with nothing to count: empty, not bad. */
	if (r->n > 0) {
		if (st != GC_OK)
			diag_report(&err);
		FUZZ_ASSERT(st == GC_OK);
		FUZZ_ASSERT(r->read == r->n);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = size ? data[0] : 0;
	FILE *in = fuzz_stream(data + (size ? 1 : 0), size ? size - 1 : 0);
	struct epoch_import imp = {
		.org_by_name = flags & 1,
		.keep_capacity = flags & 2,
		.statuses = flags & 4 ? "existing, Planned" : NULL,
		.certainties = flags & 8 ? "confirmed" : NULL,
	};
	bool json = flags & 4;
	struct run r = { NULL, NULL, 0, 0, 0 };
	struct gc_error err;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);

	FUZZ_ASSERT(in != NULL && out != NULL);
	FUZZ_ASSERT(printer_open(&r.p, json ? "json" : "csv", out, COLS, NCOLS,
				 &err) == GC_OK);
	if (epoch_clusters_read(in, "fuzz", &imp, sink, &r, &err) == GC_OK) {
		FUZZ_ASSERT(imp.imported + imp.skipped + imp.filtered ==
			    imp.clusters);
		FUZZ_ASSERT(printer_close(r.p, &err) == GC_OK);
		fclose(out);
		roundtrip(&r, buf, len, json);
		if (imp.org_by_name)
			check_distinct(&r);
	} else {
		printer_discard(r.p);
		fclose(out);
	}
	fclose(in);
	for (i = 0; i < r.n; i++) {
		free(r.rows[i].org);
		free(r.rows[i].model);
	}
	free(r.rows);
	free(buf);
	return 0;
}
