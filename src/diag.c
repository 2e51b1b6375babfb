#include "gpucap/diag.h"

#include <stdio.h>
#include <string.h>

#define PROGRAM "gpucap"

void gc_error_clear(struct gc_error *err)
{
	memset(err, 0, sizeof *err);
}

enum gc_status gc_fail(struct gc_error *err, enum gc_status status,
		       const char *file, long line, long col, const char *fmt,
		       ...)
{
	va_list ap;

	err->status = status;
	err->file = file;
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return status;
}

const char *diag_quote(const char *s, char *buf)
{
	size_t chars = 0, i;

	/* Characters are counted, and bytes bounded too: text that is not
	 * UTF-8 (a run of continuation bytes) could otherwise be one
	 * "character" of any length. */
	for (i = 0; s[i] != '\0' && i < DIAG_QUOTE_MAX - 4; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue; /* inside a character */
		if (chars++ == DIAG_QUOTE_CHARS)
			break;
	}
	if (s[i] == '\0')
		return s;
	memcpy(buf, s, i);
	memcpy(buf + i, "\xE2\x80\xA6", 4); /* … and the NUL */
	return buf;
}

static void report(const struct gc_error *err, const char *prefix)
{
	fprintf(stderr, "%s: ", PROGRAM);
	if (err->file != NULL) {
		fprintf(stderr, "%s:", err->file);
		if (err->line > 0)
			fprintf(stderr, "%ld:", err->line);
		if (err->line > 0 && err->col > 0)
			fprintf(stderr, "%ld:", err->col);
		fputc(' ', stderr);
	}
	fprintf(stderr, "%s%s\n", prefix, err->msg);
}

void diag_report(const struct gc_error *err)
{
	report(err, "");
}

void diag_warning(const struct gc_error *w)
{
	report(w, "warning: ");
}

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", PROGRAM, prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}
