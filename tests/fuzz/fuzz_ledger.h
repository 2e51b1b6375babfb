/* What the ledger harnesses share: a sink and a warning callback that
 * check each row's contract and write what they saw to a trace, so two
 * ways of reading the same bytes can be compared. */
#ifndef GPUCAP_FUZZ_LEDGER_H
#define GPUCAP_FUZZ_LEDGER_H

#include <math.h>

#include "fuzz.h"
#include "gpucap/quarter.h"
#include "ledger_impl.h"

/* ctx is the trace (a FILE). Every row handed on is well formed. */
static inline enum gc_status fuzz_trace_row(const struct ledger_row *row,
					    void *ctx, struct gc_error *err)
{
	FILE *trace = ctx;
	int c;

	(void)err;
	FUZZ_ASSERT(row->org != NULL);
	FUZZ_ASSERT(row->line >= 1);
	FUZZ_ASSERT(quarter_year(row->quarter) >= QUARTER_YEAR_MIN);
	FUZZ_ASSERT(row->kind != ROW_BUY || row->model != NULL);
	FUZZ_ASSERT(!isinf(row->units) && !isinf(row->spend));
	fprintf(trace, "%ld %d %d [%s] [%s] [%s] [%s] %a %a %a %a", row->line,
		(int)row->kind, row->quarter, row->org,
		row->model ? row->model : "-", row->note ? row->note : "-",
		row->source ? row->source : "-", row->units, row->spend,
		row->h100e, row->total);
	for (c = 0; c < LC_COUNT; c++)
		fprintf(trace, " %ld:%ld", row->at[c].line, row->at[c].col);
	/* a range's ends are ordered around its midpoint */
	for (c = 0; row->ranged && c < LF_COUNT; c++) {
		FUZZ_ASSERT(isnan(row->low[c]) || row->low[c] <= row->high[c]);
		fprintf(trace, " %a..%a%s", row->low[c], row->high[c],
			row->median[c] ? "m" : "");
	}
	fprintf(trace, "%s%s\n", row->incomplete ? " incomplete" : "",
		row->part ? " part" : "");
	return GC_OK;
}

static inline void fuzz_trace_warning(void *ctx, const struct gc_error *w)
{
	FUZZ_ASSERT(w->msg[0] != '\0' && w->line >= 1);
	fprintf(ctx, "warning %ld:%ld %s\n", w->line, w->col, w->msg);
}

/* Ends a trace: the read's status is one a loader may give, with a
 * message and a place, and its error (if any) is the trace's last line. */
static inline void fuzz_trace_end(FILE *trace, enum gc_status st,
				  const struct gc_error *err)
{
	FUZZ_ASSERT(st == GC_OK || st == GC_DATA || st == GC_IO);
	FUZZ_ASSERT(st == GC_OK || err->msg[0] != '\0');
	FUZZ_ASSERT(st != GC_DATA || err->line >= 1);
	if (st != GC_OK)
		fprintf(trace, "error %d %ld:%ld %s\n", (int)st, err->line,
			err->col, err->msg);
	fclose(trace);
}

/* Two reads of the same bytes must have done the same; frees both. */
static inline void fuzz_same_reads(const char *how_a, char *a,
				   const char *how_b, char *b)
{
	if (strcmp(a, b) != 0) {
		fprintf(stderr, "%s:\n%s\n%s:\n%s", how_a, a, how_b, b);
		FUZZ_ASSERT(!"two reads of the same bytes differ");
	}
	free(a);
	free(b);
}

#endif
