/* Status codes, located errors and the one place that prints diagnostics. */
#ifndef GPUCAP_DIAG_H
#define GPUCAP_DIAG_H

#include <stdarg.h>
#include <stdbool.h>

/* Exit codes of SPEC section 7; library stages return them as statuses. */
enum gc_status {
	GC_OK = 0,
	GC_CHECK_FAILED = 1,
	GC_USAGE = 2,
	GC_DATA = 3,
	GC_IO = 4
};

#if defined(__GNUC__) || defined(__clang__)
#define GC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define GC_PRINTF(fmt, args)
#endif

#define GC_MSG_MAX 1024

/* An error as a value: what went wrong and where. file is borrowed (argv
 * strings and static names outlive every error); line and col are 1-based,
 * 0 when unknown. */
struct gc_error {
	enum gc_status status;
	const char *file;
	long line;
	long col;
	char msg[GC_MSG_MAX];
};

void gc_error_clear(struct gc_error *err);

/* Fills err and returns its status, so a stage can `return gc_fail(...)`. */
enum gc_status gc_fail(struct gc_error *err, enum gc_status status,
		       const char *file, long line, long col, const char *fmt,
		       ...) GC_PRINTF(6, 7);

/* A value as a message quotes it: whole when short, else its first
 * DIAG_QUOTE_CHARS characters and an ellipsis, so that a 64 KB cell does
 * not push the reason off the end of its message. buf needs
 * DIAG_QUOTE_MAX bytes. */
#define DIAG_QUOTE_CHARS 60
#define DIAG_QUOTE_MAX	 (4 * DIAG_QUOTE_CHARS + 4)
const char *diag_quote(const char *s, char *buf);

/* Prints "gpucap: FILE:LINE:COL: msg" (the parts that are known). */
void diag_report(const struct gc_error *err);
/* The same with "warning: " before the message (whether to warn at all,
 * --quiet, is the command line's to say). */
void diag_warning(const struct gc_error *w);

/* "gpucap: " + message + newline, to stderr. */
void errorf(const char *fmt, ...) GC_PRINTF(1, 2);

#endif
