/* gpucap import SOURCE: a provider's dataset as a ledger; epoch-clusters
 * (Epoch AI's GPU clusters) here, the others in cli_import_*.c. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alias.h"
#include "cli_impl.h"
#include "gpucap/epoch.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "util.h"

enum { I_QUARTER, I_ORG, I_MODEL, I_UNITS, I_H100E, I_NOTE, I_COUNT };

/* The ledger's own column names, so the output reads back as a ledger. */
static const struct table_col LEDGER_COLS[I_COUNT] = {
	{ "quarter", CT_TEXT, false }, { "org", CT_TEXT, false },
	{ "model", CT_TEXT, false },   { "units", CT_COUNT, false },
	{ "h100e", CT_COUNT, false },  { "note", CT_TEXT, false },
};

struct import_ctx {
	const struct options *o;
	struct epoch_import imp;
	FILE *in;
	const char *name;
	struct printer *p;
	const struct aliases *aliases; /* --alias */
};

static enum gc_status put_row(const struct epoch_row *row, void *ctx,
			      struct gc_error *err)
{
	struct import_ctx *ic = ctx;
	struct cell c[I_COUNT];
	char q[QUARTER_FMT_MAX];

	c[I_QUARTER] = (struct cell){ quarter_format(row->quarter, q), NAN,
				      false, NAN, NAN };
	const char *alias = alias_of(ic->aliases, row->org);

	c[I_ORG] =
		(struct cell){ alias ? alias : row->org, NAN, false, NAN, NAN };
	c[I_MODEL] = (struct cell){ row->model, NAN, false, NAN, NAN };
	c[I_UNITS] = (struct cell){ NULL, row->units, false, NAN, NAN };
	c[I_H100E] = (struct cell){ NULL, row->h100e, false, NAN, NAN };
	c[I_NOTE] = (struct cell){ row->note, NAN, false, NAN, NAN };
	if (printer_row(ic->p, c) != GC_OK)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	return GC_OK;
}

static enum gc_status rows(void *ctx, struct printer *p, struct gc_error *err)
{
	struct import_ctx *ic = ctx;

	ic->p = p;
	return epoch_clusters_read(ic->in, ic->name, &ic->imp, put_row, ic,
				   err);
}

static enum gc_status org_mode(const struct options *o, bool *by_name,
			       struct gc_error *err)
{
	*by_name = false;
	if (o->norgs == 0)
		return GC_OK;
	*by_name = strcmp(o->orgs[0], "name") == 0;
	if (o->norgs > 1 || (!*by_name && strcmp(o->orgs[0], "owner") != 0))
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "--org: import takes 'owner' or 'name', once");
	return GC_OK;
}

/* Each item of a --status or --certainty list is a value the dataset
 * uses: a typo would keep nothing and say nothing. */
static enum gc_status list_known(const char *opt, const char *list,
				 const char *(*name)(size_t),
				 struct gc_error *err)
{
	char *copy, *item, *save = NULL, q[DIAG_QUOTE_MAX];
	enum gc_status st = GC_OK;
	size_t i;

	if (list == NULL)
		return GC_OK;
	if ((copy = strdup(list)) == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	for (item = strtok_r(copy, ",", &save); item != NULL && st == GC_OK;
	     item = strtok_r(NULL, ",", &save)) {
		for (i = 0; name(i) != NULL; i++)
			if (strcasecmp(util_trim(item), name(i)) == 0)
				break;
		if (name(i) == NULL)
			st = gc_fail(err, GC_USAGE, NULL, 0, 0,
				     "--%s: '%s' is none of %s, %s, %s", opt,
				     diag_quote(util_trim(item), q), name(0),
				     name(1), name(2));
	}
	free(copy);
	return st;
}

static enum gc_status filters_known(const struct options *o,
				    struct gc_error *err)
{
	enum gc_status st =
		list_known("status", o->statuses, epoch_status_name, err);

	return st == GC_OK ? list_known("certainty", o->certainties,
					epoch_certainty_name, err)
			   : st;
}

static void summary(const struct options *o, const struct epoch_import *imp)
{
	if (imp->filtered > 0)
		cli_warnf(o,
			  "left out %zu of %zu clusters by --status or "
			  "--certainty",
			  imp->filtered, imp->clusters);
	if (imp->skipped == 0)
		return;
	if (imp->as_capacity > 0)
		cli_warnf(o,
			  "%zu clusters without a date, chip type or quantity: "
			  "%zu kept as capacity, %zu skipped",
			  imp->skipped, imp->as_capacity,
			  imp->skipped - imp->as_capacity);
	else
		cli_warnf(
			o,
			"skipped %zu of %zu clusters without a date, chip type "
			"or quantity (--keep-capacity keeps those with H100 "
			"equivalents)",
			imp->skipped, imp->clusters);
}

/* The clusters file of ic, printed as a ledger. */
static enum gc_status clusters(const struct options *o, struct import_ctx *ic,
			       struct gc_error *err)
{
	struct cli_request r;
	enum gc_status st;

	if (o->nargs != 2)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "import epoch-clusters reads one FILE");
	cli_request_init(&r, o);
	r.hold = true; /* rows are written as they are read */
	if (strcmp(ic->name, "-") == 0) {
		ic->in = stdin;
		ic->name = "<stdin>";
	} else {
		ic->in = fopen(ic->name, "rb");
	}
	if (ic->in == NULL)
		return gc_fail(err, GC_IO, ic->name, 0, 0, "cannot open: %s",
			       strerror(errno));
	st = cli_print(&r, LEDGER_COLS, I_COUNT, rows, ic, err);
	if (ic->in != stdin)
		fclose(ic->in);
	if (st == GC_OK)
		summary(o, &ic->imp);
	return st;
}

/* import writes ledgers: the formats gpucap reads back, CSV first. */
const char *import_format_name(size_t i)
{
	static const char *const NAMES[] = { "csv", "tsv", "json", "ndjson" };

	return i < sizeof NAMES / sizeof NAMES[0] ? NAMES[i] : NULL;
}

static enum gc_status import_clusters(const struct options *o,
				      struct gc_error *err)
{
	struct import_ctx ic = { .o = o,
				 .imp = { .keep_capacity = o->keep_capacity,
					  .statuses = o->statuses,
					  .certainties = o->certainties },
				 .name = o->args[1] };
	struct aliases *al = NULL;
	enum gc_status st = org_mode(o, &ic.imp.org_by_name, err);

	if (st == GC_OK)
		st = filters_known(o, err);
	if (st == GC_OK)
		st = cli_aliases(o, &al, err);
	ic.aliases = al;
	if (st == GC_OK)
		st = clusters(o, &ic, err);
	aliases_free(al);
	return st;
}

/* The sources import reads: a provider's dataset each. A new source is a
 * row here and a reader of its schema. */
static const struct import_source {
	const char *name;
	enum gc_status (*run)(const struct options *o, struct gc_error *err);
} SOURCES[] = {
	{ "epoch-clusters", import_clusters },
	{ "epoch-chip-owners", import_owners },
	{ "nvidia-smi", import_nvidia_smi },
};

#define NSOURCES (sizeof SOURCES / sizeof SOURCES[0])

enum gc_status cmd_import(const struct options *o, struct gc_error *err)
{
	char list[128], qb[DIAG_QUOTE_MAX];
	size_t i, n = 0;

	for (i = 0; i < NSOURCES; i++) {
		if (strcmp(o->args[0], SOURCES[i].name) == 0)
			return SOURCES[i].run(o, err);
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
				      i > 0 ? ", " : "", SOURCES[i].name);
	}
	return gc_fail(err, GC_USAGE, NULL, 0, 0,
		       "import: unknown source '%s' (expected %s)",
		       diag_quote(o->args[0], qb), list);
}
