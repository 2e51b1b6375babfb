/* Internal: where a command's output goes. A regular file named with -o is
 * written to a temporary file in its directory and renamed over it only
 * once complete, so an error never leaves a partial or clobbered file.
 * A symlink is followed: its final target is what gets replaced, and keeps
 * its mode (and, where allowed, its owner). Anything else (a device, a
 * FIFO, a socket, the file standard output or error already is, an open
 * file named through /proc) is written in place, never replaced. Every
 * catchable signal whose default is to end the process, and that the
 * caller has neither ignored nor given a handler, removes the temporary
 * file before the process dies of it. */
#ifndef GPUCAP_OUTPUT_H
#define GPUCAP_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "gpucap/diag.h"

struct output {
	FILE *fp;	  /* what the command writes to */
	FILE *sink;	  /* held: where fp's content goes at commit */
	const char *path; /* as given; NULL: standard output */
	char *target;	  /* the regular file the rename replaces */
	char *tmp;	  /* the file being written, renamed to target */
	bool direct;	  /* path is written in place */
	bool held;	  /* fp is an anonymous temporary file */
};

/* path NULL or "-" is standard output. With hold, what goes to standard
 * output (or to a device or FIFO) waits in a temporary file until commit,
 * for commands that write as they read and may still fail: nothing
 * partial reaches it. */
enum gc_status output_open(struct output *o, const char *path, bool hold,
			   struct gc_error *err);
/* Flushes and, for a file, moves it into place. */
enum gc_status output_commit(struct output *o, struct gc_error *err);
/* Drops a file's temporary copy; standard output is left as it is. */
void output_abort(struct output *o);

/* Gives each of descriptors 0, 1 and 2 that is closed a placeholder that
 * fails every read or write on it, as a closed descriptor does: so no file
 * opened later becomes standard output by accident, and closing stdout at
 * exit succeeds when nothing was written to it. Called first in main. */
void output_plug_std_fds(void);

#endif
