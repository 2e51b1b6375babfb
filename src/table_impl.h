/* Internal to the output formats: the printer every renderer shares, and
 * the table of formats. */
#ifndef GPUCAP_TABLE_IMPL_H
#define GPUCAP_TABLE_IMPL_H

#include "gpucap/table.h"

struct printer;

/* One output format: a row of function pointers (begin may be NULL). */
struct format {
	const char *name;
	void (*begin)(struct printer *p);
	enum gc_status (*row)(struct printer *p, const struct cell *cells);
	enum gc_status (*end)(struct printer *p); /* writes, frees state */
	void (*discard)(struct printer *p);	  /* may be NULL */
};

struct printer {
	const struct format *fmt;
	FILE *out;
	const struct table_col *cols;
	size_t ncols;
	size_t nrows;
	bool color;	      /* ANSI colours: table format, on a terminal */
	bool medians;	      /* people's formats: "median [low–high]" */
	void *state;	      /* the format's own */
	struct cell *scratch; /* ncols cells: a row as the formats get it */
};

extern const struct format FMT_TABLE, FMT_MARKDOWN, FMT_CSV, FMT_TSV, FMT_JSON,
	FMT_NDJSON;

#endif
