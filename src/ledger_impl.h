/* Internal to the ledger loaders: what every input format shares, from a
 * header name to the meaning of a row. */
#ifndef GPUCAP_LEDGER_IMPL_H
#define GPUCAP_LEDGER_IMPL_H

#include "gpucap/ledger.h"

/* One row's cells by ledger column, as text; NULL when absent. The loader
 * owns the strings; row building may trim them in place. */
struct ledger_cells {
	char *text[LC_COUNT];
	long col[LC_COUNT];
};

/* The column a header names (case-insensitive, spaces and '-' read as
 * '_', aliases of SPEC 3.2); -1 when it names none. */
int ledger_col_lookup(const char *header);

/* Parses and checks the cells of one row (SPEC 3.2 row meaning). */
enum gc_status ledger_row_build(struct ledger_cells *cells, const char *file,
				long line, struct ledger_row *row,
				struct gc_error *err);

#include <stddef.h>
#include <stdio.h>

/* CSV (delim ',') or TSV (delim '\t'), after prefix bytes already read. */
enum gc_status ledger_csv_read(FILE *in, const void *prefix, size_t plen,
			       const char *name, char delim, ledger_sink sink,
			       void *ctx, struct gc_error *err);

#endif
