/* Opening a ledger and telling its format from its name or first bytes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ledger_impl.h"

#define SNIFF_BYTES 4096
#define STDIN_NAME  "<stdin>"

bool ledger_format_parse(const char *s, enum ledger_format *out)
{
	if (strcasecmp(s, "csv") == 0)
		*out = LEDGER_CSV;
	else if (strcasecmp(s, "tsv") == 0)
		*out = LEDGER_TSV;
	else
		return false;
	return true;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static enum ledger_format by_extension(const char *path)
{
	if (ends_with(path, ".csv"))
		return LEDGER_CSV;
	if (ends_with(path, ".tsv") || ends_with(path, ".tab"))
		return LEDGER_TSV;
	return LEDGER_SNIFF;
}

/* A first line with tabs and no commas is TSV; anything else is CSV. */
static enum ledger_format by_content(const char *buf, size_t len)
{
	const char *nl = memchr(buf, '\n', len);
	size_t line = nl ? (size_t)(nl - buf) : len;

	if (memchr(buf, '\t', line) != NULL && memchr(buf, ',', line) == NULL)
		return LEDGER_TSV;
	return LEDGER_CSV;
}

static bool json_like(const char *buf, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && strchr(" \t\r\n", buf[i]) != NULL)
		i++;
	return i < len && (buf[i] == '[' || buf[i] == '{');
}

static enum gc_status read_open(FILE *in, const char *path, const char *name,
				enum ledger_format fmt, ledger_sink sink,
				void *ctx, struct gc_error *err)
{
	char buf[SNIFF_BYTES];
	size_t n = fread(buf, 1, sizeof buf, in);

	if (ferror(in))
		return gc_fail(err, GC_IO, name, 0, 0, "read error: %s",
			       strerror(errno));
	if (fmt == LEDGER_SNIFF)
		fmt = by_extension(path);
	if (fmt == LEDGER_SNIFF && json_like(buf, n))
		return gc_fail(err, GC_DATA, name, 1, 1,
			       "JSON ledgers are not supported yet; use CSV");
	if (fmt == LEDGER_SNIFF)
		fmt = by_content(buf, n);
	return ledger_csv_read(in, buf, n, name, fmt == LEDGER_TSV ? '\t' : ',',
			       sink, ctx, err);
}

enum gc_status ledger_read(const char *path, enum ledger_format fmt,
			   ledger_sink sink, void *ctx, struct gc_error *err)
{
	FILE *in;
	enum gc_status st;

	if (strcmp(path, "-") == 0)
		return read_open(stdin, "", STDIN_NAME, fmt, sink, ctx, err);
	in = fopen(path, "rb");
	if (in == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	st = read_open(in, path, path, fmt, sink, ctx, err);
	fclose(in);
	return st;
}
