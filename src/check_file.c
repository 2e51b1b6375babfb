/* Checks files: lines read with the bounds of check.h (CHECKS_LINE_MAX,
 * CHECKS_LINES_MAX, CHECKS_MAX), each handed to check_parse_line. The
 * line breaks and the byte order mark are read as the CSV reader reads
 * them, so a file saved on Windows reads as it does on Unix. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/check.h"
#include "util.h"

#define BOM "\xEF\xBB\xBF"

void check_list_free(struct check_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

/* Room for one more check: never more than CHECKS_MAX. */
static enum gc_status list_room(struct check_list *l, const char *file,
				long line, struct gc_error *err)
{
	if (l->n >= CHECKS_MAX)
		return gc_fail(err, GC_USAGE, file, line, 1,
			       "more than %d checks, the limit", CHECKS_MAX);
	if (!util_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items))
		return gc_fail(err, GC_IO, file, line, 0, "out of memory");
	return GC_OK;
}

enum gc_status check_list_add(struct check_list *l, const char *text,
			      const char *file, long line, struct gc_error *err)
{
	enum gc_status st = list_room(l, file, line, err);

	if (st == GC_OK)
		st = check_parse(text, file, line, &l->items[l->n], err);
	if (st == GC_OK)
		l->n++;
	return st;
}

/* One line of a file, without its line break. */
struct line_reader {
	FILE *in;
	const char *name;
	long line; /* of the line in buf */
	char buf[CHECKS_LINE_MAX + 1];
	size_t len;
	bool at_start; /* the first bytes of the input: a BOM may follow */
	/* The comment lines read since the last check or blank line: the
	 * name of a check that follows them. */
	char comment[CHECK_TEXT_MAX];
};

/* The character column of byte offset off in the line read so far. */
static long column_at(const struct line_reader *r, size_t off)
{
	long col = 1;
	size_t i;

	for (i = 0; i < off; i++)
		col += ((unsigned char)r->buf[i] & 0xC0) != 0x80;
	return col;
}

/* The byte ending a line: LF, CR, or CR LF taken as one. */
static void end_of_line(struct line_reader *r, int c)
{
	if (c == '\r') {
		c = getc(r->in);
		if (c != '\n' && c != EOF)
			ungetc(c, r->in);
	}
}

/* Takes byte c into the line; false (err filled) when it breaks a bound. */
static bool take(struct line_reader *r, int c, struct gc_error *err)
{
	if (c == '\0') {
		gc_fail(err, GC_USAGE, r->name, r->line, column_at(r, r->len),
			"NUL byte in the line");
		return false;
	}
	if (r->len == CHECKS_LINE_MAX) {
		gc_fail(err, GC_USAGE, r->name, r->line, column_at(r, r->len),
			"line longer than %d bytes", CHECKS_LINE_MAX);
		return false;
	}
	r->buf[r->len++] = (char)c;
	/* a byte order mark is no part of the first line (only the first,
	 * as the CSV reader reads it) */
	if (r->at_start && r->len == 3) {
		r->at_start = false;
		if (memcmp(r->buf, BOM, 3) == 0)
			r->len = 0;
	}
	return true;
}

/* Reads the next line into buf; *got is false at the end of the input.
 * Stops at the first byte that breaks a bound, so a line is never read
 * further than CHECKS_LINE_MAX bytes. */
static enum gc_status read_line(struct line_reader *r, bool *got,
				struct gc_error *err)
{
	int c;

	r->len = 0;
	r->line++;
	for (;;) {
		c = getc(r->in);
		if (c == EOF || c == '\n' || c == '\r')
			break;
		if (!take(r, c, err))
			return GC_USAGE;
	}
	r->buf[r->len] = '\0';
	r->at_start = false;
	if (c == EOF && ferror(r->in))
		return gc_fail(err, GC_IO, r->name, r->line, 0,
			       "read error: %s", strerror(errno));
	*got = c != EOF || r->len > 0;
	if (*got && r->line > CHECKS_LINES_MAX)
		return gc_fail(err, GC_USAGE, r->name, r->line, 1,
			       "more than %ld lines, the limit",
			       CHECKS_LINES_MAX);
	end_of_line(r, c);
	return GC_OK;
}

/* Appends text (n bytes, valid UTF-8) to the comment block, a space
 * between lines, cut on a character boundary where the block is full. */
static void add_comment(struct line_reader *r, const char *text, size_t n)
{
	size_t have = strlen(r->comment), room;

	if (n == 0)
		return;
	if (have > 0 && have + 1 < sizeof r->comment)
		r->comment[have++] = ' ';
	room = sizeof r->comment - 1 - have;
	if (n > room) {
		n = room;
		/* back off to the start of a character */
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(r->comment + have, text, n);
	r->comment[have + n] = '\0';
}

/* A line without a check: a comment adds to the block that names the
 * next check, a blank line ends it. */
static void note_comment(struct line_reader *r)
{
	const char *s = r->buf, *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '#') {
		r->comment[0] = '\0';
		return;
	}
	while (*s == '#' || *s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	add_comment(r, s, (size_t)(end - s));
}

/* A line's check, if it has one, onto the list, named by the comments
 * directly above it. */
static enum gc_status add_line(struct check_list *l, struct line_reader *r,
			       struct gc_error *err)
{
	struct check c;
	bool is_check;
	enum gc_status st =
		check_parse_line(r->buf, r->name, r->line, &c, &is_check, err);

	if (st == GC_OK && !is_check)
		note_comment(r);
	if (st == GC_OK && is_check)
		st = list_room(l, r->name, r->line, err);
	if (st == GC_OK && is_check) {
		memcpy(c.name, r->comment, sizeof c.name);
		r->comment[0] = '\0';
		l->items[l->n++] = c;
	}
	return st;
}

enum gc_status check_list_read(struct check_list *l, FILE *in, const char *name,
			       struct gc_error *err)
{
	struct line_reader r;
	enum gc_status st = GC_OK;
	bool got = true;

	r.in = in;
	r.name = name;
	r.line = 0;
	r.at_start = true;
	r.comment[0] = '\0';
	while (st == GC_OK && got) {
		st = read_line(&r, &got, err);
		if (st == GC_OK && got)
			st = add_line(l, &r, err);
	}
	return st;
}
