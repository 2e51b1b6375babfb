/* gpucap report: the ledger's series as a table. */
#include "cli_impl.h"
#include "gpucap/report.h"

enum gc_status cmd_report(const struct options *o, struct gc_error *err)
{
	struct cli_request r;
	struct cli_ledger l;
	struct series s = { 0 };
	enum report_col cols[RC_COUNT];
	enum gc_status st;

	cli_request_init(&r, o);
	st = cli_ledger_load(&r, &l, err);
	if (st == GC_OK)
		st = cli_series(&r, &l, &s, NULL, err);
	if (st == GC_OK)
		st = cli_print_series(&r, &s, cols,
				      cli_series_columns(o, &s, false, cols),
				      err);
	if (st == GC_OK)
		cli_ledger_summary(&l);
	series_free(&s);
	cli_ledger_free(&l);
	return st;
}
