/* gpucap report: the ledger's series as a table. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "gpucap/quarter.h"
#include "gpucap/report.h"
#include "progress.h"

/* Warnings go to stderr as they come (a progress meter steps aside);
 * rows skipped under --keep-going (warnings with a data status) are
 * counted for the closing line. */
static void print_warning(void *ctx, const struct gc_error *w)
{
	struct cli_ledger *l = ctx;

	progress_clear(&l->meter);
	diag_warning(w);
	if (w->status == GC_DATA)
		l->skipped++;
}

static enum gc_status read_one(const struct options *o, const char *path,
			       struct cli_ledger *l, struct gc_error *err)
{
	struct ledger_opts lo = { o->input_format, o->keep_going,
				  print_warning,   l,
				  progress_update, &l->meter,
				  o->threads };
	enum gc_status st;

	/* a meter only for a person watching: stderr is a terminal */
	progress_init(&l->meter, strcmp(path, "-") == 0 ? "<stdin>" : path,
		      stderr, !o->quiet && isatty(fileno(stderr)));
	st = ledger_read(path, &lo, fleet_add, &l->fleet, err);
	progress_clear(&l->meter);
	return st;
}

static enum gc_status read_ledgers(const struct options *o,
				   struct cli_ledger *l, struct gc_error *err)
{
	enum gc_status st = GC_OK;
	int i;

	if (o->nargs == 0)
		return read_one(o, "-", l, err);
	for (i = 0; st == GC_OK && i < o->nargs; i++)
		st = read_one(o, o->args[i], l, err);
	return st;
}

static bool row_wanted(const struct options *o, const struct series_row *r)
{
	if (o->has_from && r->quarter < o->from)
		return false;
	return !o->has_to || r->quarter <= o->to;
}

/* An --org that names no org is a typo, not an empty report. */
static enum gc_status check_orgs(const struct fleet *f, struct gc_error *err)
{
	const char *unseen = fleet_unseen_org(f);

	if (unseen != NULL)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "--org: no org '%s' in the ledger", unseen);
	return GC_OK;
}

struct report_ctx {
	const struct options *o;
	const struct series *s;
	size_t ncols;
};

static enum gc_status print_rows(void *ctx, struct printer *p,
				 struct gc_error *err)
{
	const struct report_ctx *rc = ctx;
	struct cell cells[RC_COUNT];
	char qbuf[QUARTER_FMT_MAX];
	size_t i;

	for (i = 0; i < rc->s->n; i++) {
		if (!row_wanted(rc->o, &rc->s->rows[i]))
			continue;
		report_cells(&rc->s->rows[i],
			     rc->s->low ? &rc->s->low[i] : NULL,
			     rc->s->high ? &rc->s->high[i] : NULL, cells, qbuf);
		if (printer_row(p, cells) != GC_OK)
			return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	return GC_OK;
}

enum gc_status cli_print_series(const struct options *o, const struct series *s,
				size_t ncols, struct gc_error *err)
{
	struct report_ctx rc = { o, s, ncols };

	return cli_print(o, s->low ? REPORT_COLS_BOUNDED : REPORT_COLS, ncols,
			 print_rows, &rc, err);
}

enum gc_status cli_ledger_load(const struct options *o, struct cli_ledger *l,
			       struct gc_error *err)
{
	struct fleet_opts fo;
	enum gc_status st;

	memset(l, 0, sizeof *l);
	catalog_init(&l->cat);
	st = cli_load_catalog(o, &l->cat, err);
	if (st == GC_OK) {
		cli_fleet_opts(o, &l->cat, &fo);
		fo.warn = print_warning;
		fo.warn_ctx = l;
		st = fleet_init(&l->fleet, &fo, err);
	}
	if (st == GC_OK)
		st = read_ledgers(o, l, err);
	if (st == GC_OK)
		st = check_orgs(&l->fleet, err);
	if (st == GC_OK)
		st = fleet_series(&l->fleet, &l->series, err);
	return st;
}

void cli_ledger_free(struct cli_ledger *l)
{
	series_free(&l->series);
	fleet_free(&l->fleet);
	catalog_free(&l->cat);
}

void cli_ledger_summary(const struct cli_ledger *l)
{
	if (l->skipped > 0)
		warnf("skipped %zu bad row%s (--keep-going)", l->skipped,
		      l->skipped == 1 ? "" : "s");
}

enum gc_status cmd_report(const struct options *o, struct gc_error *err)
{
	struct cli_ledger l;
	enum gc_status st = cli_ledger_load(o, &l, err);

	if (st == GC_OK)
		st = cli_print_series(o, &l.series, RC_REPORT_COUNT, err);
	if (st == GC_OK)
		cli_ledger_summary(&l);
	cli_ledger_free(&l);
	return st;
}
