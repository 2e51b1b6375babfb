/* Internal to the CSV/TSV reader (ledger_csv.c, and ledger_par.c which
 * reads a big file on several threads, with the
 * same rows, warnings and errors, in the same order, as one thread). */
#ifndef GPUCAP_LEDGER_CSV_H
#define GPUCAP_LEDGER_CSV_H

#include "csvread.h"
#include "ledger_impl.h"

/* A CSV ledger's header: the ledger column of each file column. */
struct ledger_csv_header {
	int *map; /* file column -> ledger column, -1 ignored */
	size_t ncols;
	long col[LC_COUNT];  /* ledger column -> file column (1-based), 0 */
	bool decimal_comma;  /* a ';' file: 1,5 is 1.5 */
	int fiscal_year_end; /* the read's, for FY quarters */
};

/* The cells of a record, by ledger column, in cells; *ready says cells
 * hold an earlier record of the same header, whose columns are the only
 * ones to change (a row has as many fields as its header): cleared once,
 * not every row. */
void ledger_csv_cells(const struct ledger_csv_header *h,
		      const struct csv_record *rec, struct ledger_cells *cells,
		      bool *ready);

struct ledger_par_in {
	const struct csvread_src *src;
	const struct ledger_csv_header *header;
	char delim;
	long long origin; /* where the read started: progress counts from it */
	long long body;	  /* where the first record after the header starts */
	long body_line;	  /* its line */
	size_t block;	  /* bytes a part, nominally */
	int threads;	  /* workers parsing parts */
	bool ndjson;	  /* NDJSON lines (header NULL), not CSV records */
	bool array;	  /* with ndjson: a JSON ledger's lines */
};

/* An NDJSON ledger in src from start, read in parts of block bytes on
 * `threads` threads: the rows, warnings and errors of a one-thread
 * read. */
enum gc_status ledger_ndjson_read_parts(const struct csvread_src *src,
					long long start, size_t block,
					int threads,
					const struct ledger_load *ld,
					struct gc_error *err);

/* A JSON ledger (an array of rows, or an object with one) in src from
 * start, read a line at a time as NDJSON is: the rows, warnings and errors
 * of a one-thread read. */
enum gc_status ledger_json_read_parts(const struct csvread_src *src,
				      long long start, size_t block,
				      int threads, const struct ledger_load *ld,
				      struct gc_error *err);

/* Whether in is a regular file big enough for threads, and if so where
 * its bytes not yet read (the prefix of plen included) start; the part
 * size the readers use. */
bool ledger_par_source(FILE *in, size_t plen, struct csvread_src *src,
		       long long *start);
#define LEDGER_PAR_BLOCK (512 * 1024)

/* The ledger in src from start, header and rows, its rows parsed in parts
 * of block bytes on `threads` threads: what ledger_csv_read does with a big
 * file, here for any block size so tests can cut anywhere. */
enum gc_status ledger_csv_read_parts(const struct csvread_src *src,
				     long long start, char delim, size_t block,
				     int threads, const struct ledger_load *ld,
				     struct gc_error *err);

/* The rows after the header. */
enum gc_status ledger_par_read(const struct ledger_par_in *in,
			       const struct ledger_load *ld,
			       struct gc_error *err);

#endif
