/* Internal: CSV/TSV records with the line they start on, for the ledger and
 * catalog loaders. Wraps libcsv so no other file sees its types. */
#ifndef GPUCAP_CSVREAD_H
#define GPUCAP_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "gpucap/diag.h"

/* A field longer than this is refused: no real ledger cell comes close, and
 * it bounds the memory a hostile file can make us hold. */
#define CSVREAD_FIELD_MAX (64 * 1024)

struct csv_record {
	char **fields; /* NUL-terminated copies */
	size_t n;
	long line; /* line on which the record starts */
};

/* Called once per record; a non-OK status stops the read and is returned
 * from csvread_*() with err as the callee filled it. */
typedef enum gc_status (*csvread_fn)(const struct csv_record *rec, void *ctx,
				     struct gc_error *err);

/* A table with a header: header() gets the first record, row() every later
 * one. A row whose field count differs from the header's is an error
 * before row() sees it. */
struct csvread_table {
	csvread_fn header;
	csvread_fn row;
	/* May be NULL. Called when a row is bad data (ragged, or row()
	 * returned GC_DATA); returning true skips it and reading goes on. */
	bool (*skip)(void *ctx, const struct gc_error *err);
	void *ctx;
	size_t ncols; /* set once the header is read; 0 before */
};

/* delim is ',' or '\t'. name is what errors call the input. A UTF-8 byte
 * order mark at the start is skipped; blank lines are skipped. */
/* Reads prefix (bytes already taken from in, e.g. to sniff the format),
 * then the rest of in. */
enum gc_status csvread_file(FILE *in, const void *prefix, size_t plen,
			    const char *name, char delim,
			    struct csvread_table *t, struct gc_error *err);
enum gc_status csvread_buffer(const void *buf, size_t len, const char *name,
			      char delim, struct csvread_table *t,
			      struct gc_error *err);

#endif
