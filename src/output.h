/* Internal: where a command's output goes. A file named with -o is written
 * to a temporary file beside it and renamed over it only once complete, so
 * an error never leaves a partial or clobbered file; SIGTERM, SIGINT and
 * SIGHUP remove the temporary file before the process dies of them. */
#ifndef GPUCAP_OUTPUT_H
#define GPUCAP_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "gpucap/diag.h"

struct output {
	FILE *fp;
	const char *path; /* NULL: standard output */
	char *tmp;   /* the file being written, renamed to path at the end */
	bool direct; /* path is a device or pipe, written in place */
	bool held;   /* stdout, held in a temporary file until commit */
};

/* path NULL or "-" is standard output. With hold, what goes to standard
 * output waits in a temporary file until commit, for commands that write
 * as they read and may still fail: nothing partial reaches stdout. */
enum gc_status output_open(struct output *o, const char *path, bool hold,
			   struct gc_error *err);
/* Flushes and, for a file, moves it into place. */
enum gc_status output_commit(struct output *o, struct gc_error *err);
/* Drops a file's temporary copy; standard output is left as it is. */
void output_abort(struct output *o);

#endif
