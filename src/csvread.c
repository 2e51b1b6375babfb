#include "csvread.h"
#include "util.h"

#include <csv.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

/* Reads this much at a time and hands it to libcsv whole: one call per
 * chunk, not per line, keeps the parser's own loop hot. */
#define CHUNK (256 * 1024)

/* One record's fields, copied out of libcsv's buffer into one arena. Lines
 * are counted from what libcsv reports: with CSV_REPALL_NL it calls the
 * record callback for every unquoted line break, and a quoted one is in
 * the field's text. */
struct reader {
	struct csv_parser parser;
	const char *name;
	struct csvread_table *table;
	struct gc_error *err;
	enum gc_status status;
	char *arena;
	size_t arena_len, arena_cap;
	size_t *offsets;
	char **fields;
	size_t *lens;
	size_t nfields, offsets_cap, fields_cap, lens_cap;
	size_t extra;  /* fields past the header's count: counted, not kept */
	long line;     /* line of the next byte libcsv reports, 1-based */
	long rec_line; /* line the open record started on */
	long row_ends; /* '\n' bytes that ended a record (or a blank line) */
	bool at_start; /* nothing fed yet: a BOM may follow */
};

/* libcsv grows its field buffer through this; refusing past the limit makes
 * csv_parse fail with CSV_ENOMEM, which we report as an over-long field. */
static void *bounded_realloc(void *p, size_t n)
{
	if (n > CSVREAD_FIELD_MAX + 1)
		return NULL;
	return realloc(p, n);
}

/* Errors name the line the record starts on. */
static void fail(struct reader *r, enum gc_status st, long col, const char *msg)
{
	if (r->status == GC_OK)
		gc_fail(r->err, st, r->name, r->nfields ? r->rec_line : r->line,
			col, "%s", msg);
	r->status = st;
}

/* Room for one more field of len bytes; false when out of memory. */
static bool room(struct reader *r, size_t len)
{
	return (r->nfields < r->offsets_cap ||
		util_grow((void **)&r->offsets, &r->offsets_cap, r->nfields + 1,
			  sizeof *r->offsets)) &&
	       (r->arena_len + len < r->arena_cap ||
		util_grow((void **)&r->arena, &r->arena_cap,
			  r->arena_len + len + 1, 1));
}

/* Counts the line breaks in a field (only a quoted one holds any) and
 * whether it holds a NUL byte, in one pass: both are below ' ', which
 * ordinary text never is, so most bytes cost one comparison. */
static bool scan_field(const unsigned char *s, size_t len, long *breaks)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] > '\n')
			continue;
		if (s[i] == '\0')
			return false;
		*breaks += s[i] == '\n';
	}
	return true;
}

/* Whether a word holds a byte below 11 (a NUL or a line break among
 * them): exact as a yes or no, the borrow of a byte that is not such a
 * one never reaching the bit tested. */
static bool word_low(uint64_t w)
{
	return ((w - UINT64_C(0x0B0B0B0B0B0B0B0B)) & ~w &
		UINT64_C(0x8080808080808080)) != 0;
}

/* Copies a short field and says whether scan_field has anything to find
 * in it: 8 to 16 bytes (or 4 to 7) as two words that overlap, one to
 * three bytes one by one, reading and writing only the field's own
 * bytes. Most fields are this short, and a call to memcpy and a loop a
 * byte cost more than the row's other work on them. False also for a
 * length it does not take. */
static bool copy_clean(char *to, const char *s, size_t len)
{
	uint64_t a, b;
	uint32_t c, d;

	if (len >= 8 && len <= 16) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
		memcpy(to, &a, 8);
		memcpy(to + len - 8, &b, 8);
		return !word_low(a) && !word_low(b);
	}
	if (len >= 4 && len < 8) {
		memcpy(&c, s, 4);
		memcpy(&d, s + len - 4, 4);
		memcpy(to, &c, 4);
		memcpy(to + len - 4, &d, 4);
		return !word_low((uint64_t)c << 32 | d);
	}
	if (len >= 1 && len < 4) { /* first, middle and last: all of them */
		to[0] = s[0];
		to[len / 2] = s[len / 2];
		to[len - 1] = s[len - 1];
		return (unsigned char)s[0] > '\n' &&
		       (unsigned char)s[len / 2] > '\n' &&
		       (unsigned char)s[len - 1] > '\n';
	}
	return false;
}

/* Copies the field out of libcsv's buffer into the record's arena. */
static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	long breaks = 0;
	char *to;

	if (r->status != GC_OK)
		return;
	if (r->nfields == 0)
		r->rec_line = r->line;
	/* A row longer than the header is an error once it ends: its extra
	 * fields are counted for the message, never held, so a line of a
	 * hundred million commas costs no memory. */
	if (r->table->ncols > 0 && r->nfields >= r->table->ncols) {
		if (!scan_field(s, len, &breaks))
			fail(r, GC_DATA, (long)(r->nfields + r->extra) + 1,
			     "NUL byte in field");
		r->line += breaks;
		r->extra++;
		return;
	}
	if (r->table->ncols == 0 && r->nfields >= CSVREAD_COLS_MAX) {
		fail(r, GC_DATA, (long)r->nfields + 1,
		     scan_field(s, len, &breaks)
			     ? "the header has more than " CSVREAD_COLS_MAX_TEXT
			       " columns"
			     : "NUL byte in field");
		return;
	}
	if (!room(r, len)) { /* a NUL is told first, as it always was */
		if (!scan_field(s, len, &breaks))
			fail(r, GC_DATA, (long)r->nfields + 1,
			     "NUL byte in field");
		else
			fail(r, GC_IO, (long)r->nfields + 1, "out of memory");
		return;
	}
	to = r->arena + r->arena_len;
	if (!copy_clean(to, s, len)) {
		if (!scan_field(s, len, &breaks)) {
			fail(r, GC_DATA, (long)r->nfields + 1,
			     "NUL byte in field");
			return;
		}
		if (len > 0)
			memcpy(to, s, len);
	}
	r->line += breaks;
	to[len] = '\0';
	r->offsets[r->nfields++] = r->arena_len;
	r->arena_len += len + 1;
}

/* The header, or a row with as many fields as the header. */
static enum gc_status dispatch(struct csvread_table *t,
			       const struct csv_record *rec, const char *name,
			       struct gc_error *err)
{
	size_t least = rec->n < t->ncols ? rec->n : t->ncols;

	if (t->ncols == 0) {
		t->ncols = rec->n;
		return t->header(rec, t->ctx, err);
	}
	if (rec->n != t->ncols)
		return gc_fail(err, GC_DATA, name, rec->line, (long)least + 1,
			       "row has %zu fields, the header has %zu", rec->n,
			       t->ncols);
	return t->row(rec, t->ctx, err);
}

static void emit(struct reader *r)
{
	struct csv_record rec;
	size_t i;
	bool header;

	/* rows repeat the header's count: grown once, then only checked */
	if ((r->nfields > r->fields_cap &&
	     !util_grow((void **)&r->fields, &r->fields_cap, r->nfields,
			sizeof *r->fields)) ||
	    (r->nfields > r->lens_cap &&
	     !util_grow((void **)&r->lens, &r->lens_cap, r->nfields,
			sizeof *r->lens))) {
		fail(r, GC_IO, 0, "out of memory");
		return;
	}
	/* each field ends with the NUL before the next one starts */
	for (i = 0; i < r->nfields; i++) {
		r->fields[i] = r->arena + r->offsets[i];
		r->lens[i] = (i + 1 < r->nfields ? r->offsets[i + 1]
						 : r->arena_len) -
			     r->offsets[i] - 1;
	}
	rec.fields = r->fields;
	rec.lens = r->lens;
	rec.n = r->nfields + r->extra; /* the extra ones: a ragged row */
	rec.line = r->rec_line;
	header = r->table->ncols == 0;
	r->status = dispatch(r->table, &rec, r->name, r->err);
	/* a bad header is never skipped: no row means anything without it */
	if (r->status == GC_DATA && !header && r->table->skip != NULL &&
	    r->table->skip(r->table->ctx, r->err))
		r->status = GC_OK;
}

/* c is the byte that ended the record: '\n' or '\r', or -1 at the end of
 * the input. A line with no fields (blank) ends nothing. */
static void on_record(int c, void *data)
{
	struct reader *r = data;

	if (r->status == GC_OK && r->nfields > 0)
		emit(r);
	r->nfields = 0;
	r->extra = 0;
	r->arena_len = 0;
	if (c == '\n') {
		r->line++;
		r->row_ends++;
	}
}

static void parse_error(struct reader *r)
{
	int e = csv_error(&r->parser);

	if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
		fail(r, GC_DATA, (long)r->nfields + 1,
		     "field longer than 65536 bytes");
	else
		fail(r, GC_DATA, (long)r->nfields + 1,
		     "malformed quoting (a quote inside an unquoted field, or "
		     "text after a closing quote)");
}

static void feed(struct reader *r, const char *s, size_t len)
{
	if (r->at_start && len > 0) {
		r->at_start = false;
		if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			len -= 3;
		}
	}
	if (len > 0 && r->status == GC_OK &&
	    csv_parse(&r->parser, s, len, on_field, on_record, r) != len)
		parse_error(r);
}

static enum gc_status reader_init(struct reader *r, const char *name,
				  char delim, struct csvread_table *t,
				  struct gc_error *err)
{
	memset(r, 0, sizeof *r);
	r->name = name;
	r->table = t;
	r->err = err;
	r->line = 1;
	r->at_start = true;
	if (csv_init(&r->parser,
		     CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		return gc_fail(err, GC_IO, name, 0, 0, "out of memory");
	/* libcsv's own blanks (space and tab) are trimmed around unquoted
	 * fields; it knows a tab delimiter is not one. */
	csv_set_delim(&r->parser, (unsigned char)delim);
	csv_set_realloc_func(&r->parser, bounded_realloc);
	return GC_OK;
}

/* The end of the input: the last record may lack its line break. */
static void reader_fini(struct reader *r)
{
	if (r->status == GC_OK &&
	    csv_fini(&r->parser, on_field, on_record, r) != 0)
		fail(r, GC_DATA, (long)r->nfields + 1,
		     "unterminated quoted field");
}

static enum gc_status reader_free(struct reader *r)
{
	csv_free(&r->parser);
	free(r->arena);
	free(r->offsets);
	free(r->fields);
	free(r->lens);
	return r->status;
}

static enum gc_status reader_finish(struct reader *r)
{
	reader_fini(r);
	return reader_free(r);
}

enum gc_status csvread_buffer(const void *buf, size_t len, const char *name,
			      char delim, struct csvread_table *t,
			      struct gc_error *err)
{
	struct reader r;
	enum gc_status st = reader_init(&r, name, delim, t, err);

	if (st != GC_OK)
		return st;
	feed(&r, buf, len);
	return reader_finish(&r);
}

enum gc_status csvread_file(FILE *in, const void *prefix, size_t plen,
			    const char *name, char delim,
			    struct csvread_table *t, struct gc_error *err)
{
	struct reader r;
	char *chunk = malloc(CHUNK);
	enum gc_status st;
	size_t n;

	if (chunk == NULL)
		return gc_fail(err, GC_IO, name, 0, 0, "out of memory");
	st = reader_init(&r, name, delim, t, err);
	if (st != GC_OK) {
		free(chunk);
		return st;
	}
	feed(&r, prefix, plen);
	while (r.status == GC_OK) {
		n = fread(chunk, 1, CHUNK, in);
		if (n == 0)
			break;
		feed(&r, chunk, n);
	}
	if (r.status == GC_OK && ferror(in))
		fail(&r, GC_IO, 0, "read error");
	free(chunk);
	return reader_finish(&r);
}

/* The bytes of a source from pos on: memory as it is, a file through one
 * reused buffer of CHUNK bytes. */
struct window {
	const struct csvread_src *src;
	char *buf;
	long long off; /* the buffer holds [off, off + len) */
	size_t len;
};

static const char *window_at(struct window *w, long long pos, size_t *avail)
{
	ssize_t n;

	if (w->src->mem != NULL) {
		*avail = (size_t)(w->src->size - pos);
		return w->src->mem + pos;
	}
	if (pos < w->off || pos >= w->off + (long long)w->len) {
		n = pread(w->src->fd, w->buf, CHUNK, (off_t)pos);
		if (n <= 0)
			return NULL;
		w->off = pos;
		w->len = (size_t)n;
	}
	*avail = (size_t)(w->off + (long long)w->len - pos);
	return w->buf + (pos - w->off);
}

/* Feeds [*pos, to) whole. */
static bool feed_bulk(struct reader *r, struct window *w, long long *pos,
		      long long to)
{
	size_t n;
	const char *p;

	while (r->status == GC_OK && *pos < to) {
		p = window_at(w, *pos, &n);
		if (p == NULL)
			return false;
		if ((long long)n > to - *pos)
			n = (size_t)(to - *pos);
		feed(r, p, n);
		*pos += (long long)n;
	}
	return true;
}

/* Feeds a line at a time from *pos until a line break ends a record read
 * as a row (the header read, when it is what is wanted); true then, with
 * *pos just after it. False at the end of the input or on an error. */
static bool feed_to_row_end(struct reader *r, struct window *w, long long *pos,
			    bool *io_error)
{
	size_t n, k;
	const char *p, *nl;
	long before;

	while (r->status == GC_OK && *pos < w->src->size) {
		p = window_at(w, *pos, &n);
		if (p == NULL) {
			*io_error = true;
			return false;
		}
		nl = memchr(p, '\n', n);
		k = nl != NULL ? (size_t)(nl - p) + 1 : n;
		before = r->row_ends;
		feed(r, p, k);
		*pos += (long long)k;
		if (nl != NULL && r->row_ends > before && r->table->ncols != 0)
			return true;
	}
	return false;
}

enum gc_status csvread_part(const struct csvread_src *src,
			    struct csvread_part *part, const char *name,
			    char delim, struct csvread_table *t,
			    struct gc_error *err)
{
	struct reader r;
	struct window w = { src, NULL, 0, 0 };
	long long pos = part->start;
	bool io_error = false;
	enum gc_status st = reader_init(&r, name, delim, t, err);

	if (st != GC_OK)
		return st;
	r.at_start = part->first;
	if (src->mem == NULL && (w.buf = malloc(CHUNK)) == NULL)
		fail(&r, GC_IO, 0, "out of memory");
	if (r.status == GC_OK && part->stop - 1 > pos)
		io_error =
			!feed_bulk(&r, &w, &pos,
				   part->stop - 1 < src->size ? part->stop - 1
							      : src->size);
	if (!io_error && !feed_to_row_end(&r, &w, &pos, &io_error) && !io_error)
		reader_fini(&r);
	if (io_error)
		fail(&r, GC_IO, 0, "read error (did the file shrink?)");
	part->end = pos;
	part->lines = r.line - 1;
	free(w.buf);
	return reader_free(&r);
}
