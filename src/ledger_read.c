/* Opening a ledger and telling its format from its name or first bytes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ledger_impl.h"

#define SNIFF_BYTES 4096
#define STDIN_NAME  "<stdin>"

static const struct {
	const char *name;
	enum ledger_format format;
} FORMATS[] = {
	{ "csv", LEDGER_CSV },
	{ "tsv", LEDGER_TSV },
	{ "json", LEDGER_JSON },
	{ "ndjson", LEDGER_NDJSON },
};

bool ledger_format_parse(const char *s, enum ledger_format *out)
{
	size_t i;

	for (i = 0; i < sizeof FORMATS / sizeof FORMATS[0]; i++) {
		if (strcasecmp(s, FORMATS[i].name) == 0) {
			*out = FORMATS[i].format;
			return true;
		}
	}
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static enum ledger_format by_extension(const char *path)
{
	static const struct {
		const char *ext;
		enum ledger_format format;
	} EXT[] = {
		{ ".csv", LEDGER_CSV },	      { ".tsv", LEDGER_TSV },
		{ ".tab", LEDGER_TSV },	      { ".json", LEDGER_JSON },
		{ ".ndjson", LEDGER_NDJSON }, { ".jsonl", LEDGER_NDJSON },
	};
	size_t i;

	for (i = 0; i < sizeof EXT / sizeof EXT[0]; i++)
		if (ends_with(path, EXT[i].ext))
			return EXT[i].format;
	return LEDGER_SNIFF;
}

/* Where the first non-blank byte is (after a byte order mark). */
static size_t first_byte(const char *buf, size_t len)
{
	size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
			   buf[i] == '\n'))
		i++;
	return i;
}

/* The delimiter of a header line: ',', ';' or a tab, whichever it has
 * most of outside quotes (',' when none or tied): a spreadsheet saved in
 * most of Europe writes ';'. */
static char header_delimiter(const char *buf, size_t len)
{
	static const char CANDIDATES[] = { ',', ';', '\t' };
	size_t count[3] = { 0, 0, 0 }, i, c, best = 0;
	bool quoted = false;

	for (i = first_byte(buf, len); i < len && buf[i] != '\n'; i++) {
		if (buf[i] == '"')
			quoted = !quoted;
		for (c = 0; c < 3 && !quoted; c++)
			count[c] += buf[i] == CANDIDATES[c];
	}
	for (c = 1; c < 3; c++)
		if (count[c] > count[best])
			best = c;
	return CANDIDATES[best];
}

/* JSON by its first byte; CSV otherwise (its delimiter told apart). */
static enum ledger_format by_content(const char *buf, size_t len)
{
	size_t i = first_byte(buf, len);

	if (i < len && buf[i] == '[')
		return LEDGER_JSON;
	if (i < len && buf[i] == '{')
		return ledger_json_object_form(buf + i, len - i)
			       ? LEDGER_JSON
			       : LEDGER_NDJSON;
	return LEDGER_CSV;
}

/* The bytes left in a regular file from where in stands; 0 for a pipe, a
 * terminal or memory, whose size is unknown. */
static long long bytes_left(FILE *in)
{
	struct stat sb;
	off_t at;
	int fd = fileno(in);

	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	at = ftello(in);
	return at >= 0 && sb.st_size > at ? (long long)(sb.st_size - at) : 0;
}

static enum gc_status read_open(FILE *in, const char *path,
				const struct ledger_load *load,
				struct gc_error *err)
{
	struct ledger_load l = *load, *ld = &l;
	char buf[SNIFF_BYTES];
	size_t n;
	enum ledger_format fmt = ld->opts->format;

	l.total = bytes_left(in);
	n = fread(buf, 1, sizeof buf, in);

	if (ferror(in))
		return gc_fail(err, GC_IO, ld->name, 0, 0, "read error: %s",
			       strerror(errno));
	if (fmt == LEDGER_SNIFF)
		fmt = by_extension(path);
	if (fmt == LEDGER_SNIFF)
		fmt = by_content(buf, n);
	switch (fmt) {
	case LEDGER_JSON:
		return ledger_json_read(in, buf, n, ld, err);
	case LEDGER_NDJSON:
		return ledger_ndjson_read(in, buf, n, ld, err);
	case LEDGER_TSV:
		return ledger_csv_read(in, buf, n,
				       ld->opts->delimiter ? ld->opts->delimiter
							   : '\t',
				       ld, err);
	default:
		return ledger_csv_read(in, buf, n,
				       ld->opts->delimiter
					       ? ld->opts->delimiter
					       : header_delimiter(buf, n),
				       ld, err);
	}
}

enum gc_status ledger_read_stream(FILE *in, const char *name,
				  const struct ledger_opts *o, ledger_sink sink,
				  void *ctx, struct gc_error *err)
{
	struct ledger_load ld = { name, o, sink, ctx, 0 };

	return read_open(in, "", &ld, err);
}

enum gc_status ledger_read(const char *path, const struct ledger_opts *o,
			   ledger_sink sink, void *ctx, struct gc_error *err)
{
	struct ledger_load ld = { path, o, sink, ctx, 0 };
	FILE *in;
	enum gc_status st;

	if (strcmp(path, "-") == 0)
		return ledger_read_stream(stdin, STDIN_NAME, o, sink, ctx, err);
	in = fopen(path, "rb");
	if (in == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	st = read_open(in, path, &ld, err);
	fclose(in);
	return st;
}
