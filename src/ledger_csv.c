/* CSV and TSV ledgers: a header naming the columns, then one row a line. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "ledger_impl.h"

struct csv_load {
	const struct ledger_load *ld;
	const char *name;
	int *map; /* file column -> ledger column, -1 ignored */
	long col[LC_COUNT];
};

static enum gc_status read_header(const struct csv_record *rec, void *ctx,
				  struct gc_error *err)
{
	struct csv_load *ld = ctx;
	size_t i;

	ld->map = malloc(rec->n * sizeof *ld->map);
	if (ld->map == NULL)
		return gc_fail(err, GC_IO, ld->name, rec->line, 0,
			       "out of memory");
	for (i = 0; i < rec->n; i++) {
		int c = ledger_col_lookup(rec->fields[i]);

		ld->map[i] = c;
		if (c >= 0 && ld->col[c] != 0)
			return gc_fail(
				err, GC_DATA, ld->name, rec->line, (long)i + 1,
				"column '%s' means %s, as column %ld "
				"already does",
				rec->fields[i], ledger_col_name(c), ld->col[c]);
		if (c >= 0)
			ld->col[c] = (long)i + 1;
	}
	if (ld->col[LC_QUARTER] == 0)
		return gc_fail(err, GC_DATA, ld->name, rec->line, 1,
			       "no quarter column in the header (expected one "
			       "of quarter, period, q, date)");
	return GC_OK;
}

static enum gc_status read_row(const struct csv_record *rec, void *ctx,
			       struct gc_error *err)
{
	struct csv_load *cl = ctx;
	struct ledger_cells cells;
	size_t i;

	memset(&cells, 0, sizeof cells);
	for (i = 0; i < rec->n; i++) {
		int c = cl->map[i];

		if (c < 0)
			continue;
		cells.text[c] = rec->fields[i];
		cells.at[c].line = rec->line;
		cells.at[c].col = (long)i + 1;
	}
	return ledger_emit(cl->ld, &cells, rec->line, err);
}

static bool skip_row(void *ctx, const struct gc_error *err)
{
	const struct csv_load *cl = ctx;

	return ledger_skip(cl->ld, GC_DATA, err);
}

enum gc_status ledger_csv_read(FILE *in, const void *prefix, size_t plen,
			       char delim, const struct ledger_load *ld,
			       struct gc_error *err)
{
	struct csv_load cl = { .ld = ld, .name = ld->name };
	struct csvread_table table = { read_header, read_row, skip_row, &cl,
				       0 };
	enum gc_status st =
		csvread_file(in, prefix, plen, ld->name, delim, &table, err);

	free(cl.map);
	if (st == GC_OK && table.ncols == 0)
		return gc_fail(err, GC_DATA, ld->name, 1, 1,
			       "empty ledger (no header line)");
	return st;
}
