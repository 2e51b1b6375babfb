/* gpucap project: the series extended by fitted growth or to a target. */
#include <math.h>
#include <stdio.h>

#include "cli_impl.h"
#include "gpucap/quarter.h"
#include "gpucap/report.h"
#include "gpucap/table.h"

/* --to Q, or --target H100E --by Q: one of the two. */
static enum gc_status check_mode(const struct options *o, struct gc_error *err)
{
	if (o->has_target != o->has_by)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "--target and --by go together");
	if (o->has_target && o->has_to)
		return gc_fail(
			err, GC_USAGE, NULL, 0, 0,
			"give --to Q or --target H100E --by Q, not both");
	if (!o->has_target && !o->has_to)
		return gc_fail(
			err, GC_USAGE, NULL, 0, 0,
			"project needs --to Q, or --target H100E --by Q");
	return GC_OK;
}

/* What the target takes, said once on stderr beside the table. */
static void say_target(const struct project_target *t, double target, int by)
{
	char a[QUARTER_FMT_MAX], b[QUARTER_FMT_MAX], n1[TABLE_NUM_MAX],
		n2[TABLE_NUM_MAX], n3[TABLE_NUM_MAX], n4[TABLE_NUM_MAX],
		n5[TABLE_NUM_MAX];

	fprintf(stderr,
		"gpucap: from %s H100e in %s to %s in %s takes %s%% growth a "
		"quarter: %s H100e added, costing $%s\n",
		table_human(t->start, CT_COUNT, n1), quarter_format(t->from, a),
		table_human(target, CT_COUNT, n2), quarter_format(by, b),
		table_human(t->rate * 100, CT_PCT, n3),
		table_human(t->added, CT_COUNT, n4),
		isnan(t->cost) ? "? (no price per H100e)"
			       : table_human(t->cost, CT_USD, n5));
}

enum gc_status cmd_project(const struct options *o, struct gc_error *err)
{
	struct cli_request r;
	struct cli_ledger l;
	struct project_target t;
	struct series out = { 0 };
	enum report_col cols[RC_COUNT];
	enum gc_status st = check_mode(o, err);

	if (st != GC_OK)
		return st;
	cli_request_init(&r, o);
	r.project = true;
	r.project_to = o->has_target ? o->by : o->to;
	r.to = false; /* --to is the horizon here, not a window */
	st = cli_ledger_load(&r, &l, err);
	if (st == GC_OK)
		st = cli_series(&r, &l, &out, &t, err);
	if (st == GC_OK)
		st = cli_print_series(&r, &out, cols,
				      cli_series_columns(o, &out, true, cols),
				      err);
	if (st == GC_OK && o->has_target)
		say_target(&t, o->target, o->by);
	if (st == GC_OK)
		cli_ledger_summary(&l);
	series_free(&out);
	cli_ledger_free(&l);
	return st;
}
