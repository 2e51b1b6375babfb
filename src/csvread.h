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

/* A header has at most this many columns (a ledger has ten or so); rows
 * are held to the header's count. */
#define CSVREAD_COLS_MAX      1024
#define CSVREAD_COLS_MAX_TEXT "1024"

struct csv_record {
	char **fields;	    /* NUL-terminated copies */
	const size_t *lens; /* their lengths */
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
	 * returned GC_DATA); returning true skips it and reading goes on.
	 * Never called for the header: a bad one ends the read. */
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

/* Reading a big input in parts, each on a thread of its own (see
 * ledger_par.c). A part's source is a file, read with pread so parts share
 * no file offset, or memory. */
struct csvread_src {
	int fd;		 /* used when mem is NULL */
	const char *mem; /* the whole input, when it is in memory */
	long long size;	 /* bytes in the input */
};

/* A part starts where a record starts (or at the input's first byte, when
 * first is set: it may hold a byte order mark) and ends at the first line
 * break at or after stop - 1 that ends a record read as a row, or at the
 * end of the input. With t->ncols 0, the part is the header, and ends with
 * it. Parts cut where a record starts hold every record once. */
struct csvread_part {
	long long start, stop;
	bool first;
	long long end; /* set: where the part ended, the next record's start */
	long lines;    /* set: line breaks in [start, end) */
};

/* Records in the part, lines numbered from 1 at its start. */
enum gc_status csvread_part(const struct csvread_src *src,
			    struct csvread_part *part, const char *name,
			    char delim, struct csvread_table *t,
			    struct gc_error *err);

#endif
