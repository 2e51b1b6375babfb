/* CSV and TSV ledgers: a header naming the columns, then one row a line. */
#include <stdbool.h>
#include <stdlib.h>

#include "csvread.h"
#include "ledger_impl.h"

struct csv_load {
	const char *name;
	ledger_sink sink;
	void *ctx;
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
	struct csv_load *ld = ctx;
	struct ledger_cells cells = { { NULL }, { 0 } };
	struct ledger_row row;
	enum gc_status st;
	size_t i;

	for (i = 0; i < rec->n; i++) {
		if (ld->map[i] < 0)
			continue;
		cells.text[ld->map[i]] = rec->fields[i];
		cells.col[ld->map[i]] = (long)i + 1;
	}
	st = ledger_row_build(&cells, ld->name, rec->line, &row, err);
	if (st != GC_OK)
		return st;
	return ld->sink(&row, ld->ctx, err);
}

enum gc_status ledger_csv_read(FILE *in, const void *prefix, size_t plen,
			       const char *name, char delim, ledger_sink sink,
			       void *ctx, struct gc_error *err)
{
	struct csv_load ld = { .name = name, .sink = sink, .ctx = ctx };
	struct csvread_table table = { read_header, read_row, &ld, 0 };
	enum gc_status st =
		csvread_file(in, prefix, plen, name, delim, &table, err);

	free(ld.map);
	if (st == GC_OK && table.ncols == 0)
		return gc_fail(err, GC_DATA, name, 1, 1,
			       "empty ledger (no header line)");
	return st;
}
