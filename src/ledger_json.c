/* JSON and NDJSON ledgers. Each row object is parsed by cJSON on its own,
 * so memory is bounded by the largest row, not the file: NDJSON splits at
 * line ends; a JSON array is split into its elements by a scanner that
 * follows only strings and brackets (cJSON checks everything else). */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/quantity.h"
#include "ledger_impl.h"
#include "util.h"

/* No real row object or NDJSON line comes near this; it bounds memory. */
#define JSON_ROW_MAX (1024 * 1024)
#define CHUNK	     (64 * 1024)

/* ---- one row object ---- */

static bool blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Where byte off of text is, text starting at start. */
static struct ledger_loc loc_at(struct ledger_loc start, const char *text,
				size_t off)
{
	size_t i;

	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			start.line++;
			start.col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			start.col++;
		}
	}
	return start;
}

/* The key's place in the row's text: the first "key" in it, or the row's
 * start when the key is written with escapes. */
static struct ledger_loc key_loc(struct ledger_loc start, const char *text,
				 size_t len, const char *key)
{
	size_t n = strlen(key), i;

	for (i = 0; i + n + 2 <= len; i++)
		if (text[i] == '"' && memcmp(text + i + 1, key, n) == 0 &&
		    text[i + n + 1] == '"')
			return loc_at(start, text, i);
	return start;
}

struct row_text {
	const char *text; /* the row object as written */
	size_t len;
	struct ledger_loc start;
	char num[LC_COUNT][QTY_FMT_MAX]; /* numbers written back as text */
};

static enum gc_status cell_value(const struct ledger_load *ld,
				 struct row_text *rt, cJSON *item, int c,
				 struct ledger_cells *cells,
				 struct gc_error *err)
{
	struct ledger_loc at = cells->at[c];

	if (cJSON_IsString(item))
		cells->text[c] = item->valuestring;
	else if (cJSON_IsNumber(item) && !isfinite(item->valuedouble))
		return gc_fail(err, GC_DATA, ld->name, at.line, at.col,
			       "%s: the number is out of range",
			       ledger_col_name(c));
	else if (cJSON_IsNumber(item))
		cells->text[c] = qty_format(item->valuedouble, rt->num[c]);
	else if (!cJSON_IsNull(item))
		return gc_fail(err, GC_DATA, ld->name, at.line, at.col,
			       "%s: %s, not a number or text",
			       ledger_col_name(c),
			       cJSON_IsBool(item)    ? "a boolean"
			       : cJSON_IsArray(item) ? "a list"
						     : "an object");
	return GC_OK;
}

/* The object's keys as ledger columns, as the CSV header would map them. */
static enum gc_status object_cells(const struct ledger_load *ld,
				   struct row_text *rt, cJSON *obj,
				   struct ledger_cells *cells,
				   struct gc_error *err)
{
	const char *key_of[LC_COUNT] = { NULL };
	enum gc_status st = GC_OK;
	cJSON *item;

	memset(cells, 0, sizeof *cells);
	for (item = obj->child; item != NULL && st == GC_OK;
	     item = item->next) {
		int c = ledger_col_lookup(item->string);
		struct ledger_loc at;

		if (c < 0)
			continue;
		at = key_loc(rt->start, rt->text, rt->len, item->string);
		if (key_of[c] != NULL)
			return gc_fail(err, GC_DATA, ld->name, at.line, at.col,
				       "key '%s' means %s, as key '%s' "
				       "already does",
				       item->string, ledger_col_name(c),
				       key_of[c]);
		key_of[c] = item->string;
		cells->at[c] = at;
		st = cell_value(ld, rt, item, c, cells, err);
		if (cells->text[c] != NULL)
			cells->len[c] = strlen(cells->text[c]);
	}
	return st;
}

/* Anything but blanks after the value cJSON read; *end moves to it. */
static bool trailing(const struct row_text *rt, const char **end)
{
	const char *stop = rt->text + rt->len;

	if (*end == NULL)
		return false;
	while (*end < stop && blank_byte(**end))
		(*end)++;
	return *end < stop;
}

/* cJSON reads a NUL byte as a blank; JSON has no place for one. */
static enum gc_status nul_byte(const struct ledger_load *ld,
			       const struct row_text *rt, struct gc_error *err)
{
	const char *nul = memchr(rt->text, '\0', rt->len);
	struct ledger_loc at;

	if (nul == NULL)
		return GC_OK;
	at = loc_at(rt->start, rt->text, (size_t)(nul - rt->text));
	return gc_fail(err, GC_DATA, ld->name, at.line, at.col,
		       "NUL byte in this row");
}

/* Parses one row object and hands it on. */
static enum gc_status json_row(const struct ledger_load *ld,
			       struct row_text *rt, struct gc_error *err)
{
	const char *end = NULL;
	cJSON *obj;
	struct ledger_cells cells;
	struct ledger_loc at;
	enum gc_status st = nul_byte(ld, rt, err);

	if (st != GC_OK)
		return st;
	obj = cJSON_ParseWithLengthOpts(rt->text, rt->len, &end, false);
	if (obj == NULL || trailing(rt, &end)) {
		size_t off =
			end && end >= rt->text ? (size_t)(end - rt->text) : 0;
		const char *what = obj ? "text after the row object"
				       : "invalid JSON in this row";

		cJSON_Delete(obj);
		at = loc_at(rt->start, rt->text, off < rt->len ? off : rt->len);
		return gc_fail(err, GC_DATA, ld->name, at.line, at.col, "%s",
			       what);
	}
	if (!cJSON_IsObject(obj))
		st = gc_fail(err, GC_DATA, ld->name, rt->start.line,
			     rt->start.col, "a row must be a JSON object");
	else
		st = object_cells(ld, rt, obj, &cells, err);
	if (st == GC_OK)
		st = ledger_emit(ld, &cells, rt->start.line, err);
	cJSON_Delete(obj);
	return st;
}

/* A bad row ends the read, unless --keep-going skips it. */
static enum gc_status row_or_skip(const struct ledger_load *ld,
				  struct row_text *rt, struct gc_error *err)
{
	enum gc_status st = json_row(ld, rt, err);

	return ledger_skip(ld, st, err) ? GC_OK : st;
}

/* ---- NDJSON: one object a line ---- */

struct ndjson {
	const struct ledger_load *ld;
	char *line; /* a line split across reads */
	size_t len, cap;
	long lineno;
	bool too_long;
};

static enum gc_status nd_line(struct ndjson *nd, const char *s, size_t n,
			      struct gc_error *err)
{
	struct row_text rt;
	size_t bom = 0, lead;

	if (nd->lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		bom = 3;
	for (lead = bom; lead < n && blank_byte(s[lead]);)
		lead++;
	if (lead == n)
		return GC_OK;
	rt.text = s + lead;
	rt.len = n - lead;
	rt.start.line = nd->lineno;
	rt.start.col = 1 + (long)(lead - bom);
	return row_or_skip(nd->ld, &rt, err);
}

static enum gc_status nd_too_long(struct ndjson *nd, struct gc_error *err)
{
	return gc_fail(err, GC_DATA, nd->ld->name, nd->lineno, 1,
		       "line longer than %d bytes", JSON_ROW_MAX);
}

/* A piece of input: whole lines go straight to the parser; a line cut by
 * the end of a read waits in nd->line for the rest. */
static enum gc_status nd_feed(struct ndjson *nd, const char *s, size_t n,
			      struct gc_error *err)
{
	enum gc_status st = GC_OK;

	while (n > 0 && st == GC_OK) {
		const char *nl = memchr(s, '\n', n);
		size_t take = nl ? (size_t)(nl - s) : n;

		if (nd->len + take > JSON_ROW_MAX)
			return nd_too_long(nd, err);
		if (nl != NULL && nd->len == 0) {
			st = nd_line(nd, s, take, err);
		} else {
			if (!util_grow((void **)&nd->line, &nd->cap,
				       nd->len + take, 1))
				return gc_fail(err, GC_IO, nd->ld->name, 0, 0,
					       "out of memory");
			memcpy(nd->line + nd->len, s, take);
			nd->len += take;
			if (nl != NULL)
				st = nd_line(nd, nd->line, nd->len, err);
		}
		if (nl == NULL)
			break;
		nd->len = 0;
		nd->lineno++;
		s += take + 1;
		n -= take + 1;
	}
	return st;
}

enum gc_status ledger_ndjson_read(FILE *in, const void *prefix, size_t plen,
				  const struct ledger_load *ld,
				  struct gc_error *err)
{
	struct ndjson nd = { ld, NULL, 0, 0, 1, false };
	char *chunk = malloc(CHUNK);
	enum gc_status st =
		chunk ? nd_feed(&nd, prefix, plen, err)
		      : gc_fail(err, GC_IO, ld->name, 0, 0, "out of memory");

	while (st == GC_OK) {
		size_t n = fread(chunk, 1, CHUNK, in);

		if (n == 0)
			break;
		st = nd_feed(&nd, chunk, n, err);
	}
	if (st == GC_OK && ferror(in))
		st = gc_fail(err, GC_IO, ld->name, 0, 0, "read error");
	if (st == GC_OK && nd.len > 0)
		st = nd_line(&nd, nd.line, nd.len, err);
	free(nd.line);
	free(chunk);
	return st;
}

/* ---- JSON: an array of row objects, or an object with a "rows" array */

enum frame_state {
	F_START,      /* before the top-level value */
	F_TOP_OBJECT, /* inside {...} outside its rows array */
	F_EXPECT_ROW, /* after '[' or ',' in the rows array */
	F_ROW,	      /* inside a row object, capturing it */
	F_AFTER_ROW,  /* after a row: ',' or ']' */
	F_DONE	      /* after the top-level value */
};

struct frame {
	const struct ledger_load *ld;
	enum frame_state state;
	size_t seen;	       /* bytes read, up to 3: a BOM may lead */
	struct ledger_loc pos; /* of the byte being read */
	size_t depth;	       /* open brackets */
	size_t rows_depth;     /* depth inside the rows array */
	bool in_string, escape;
	bool after_comma;
	/* The top object's keys: the last one read, and whether the value
	 * being read belongs to "rows". */
	char key[8];
	size_t keylen;
	bool reading_key, expect_key, rows_value, seen_rows;
	/* The row being captured. */
	char *row;
	size_t len, cap, row_depth;
	struct ledger_loc row_start;
};

static enum gc_status frame_error(struct frame *f, const char *what,
				  struct gc_error *err)
{
	return gc_fail(err, GC_DATA, f->ld->name, f->pos.line, f->pos.col, "%s",
		       what);
}

/* Strings are followed everywhere so brackets inside them do not count. */
static bool in_string(struct frame *f, char c)
{
	if (!f->in_string)
		return false;
	if (f->escape)
		f->escape = false;
	else if (c == '\\')
		f->escape = true;
	else if (c == '"')
		f->in_string = false;
	return true;
}

static enum gc_status start(struct frame *f, char c, struct gc_error *err)
{
	if (c == '[') {
		f->depth = f->rows_depth = 1;
		f->state = F_EXPECT_ROW;
	} else if (c == '{') {
		f->depth = 1;
		f->expect_key = true;
		f->state = F_TOP_OBJECT;
	} else {
		return frame_error(f,
				   "a JSON ledger is an array of row objects, "
				   "or an object with a \"rows\" array",
				   err);
	}
	return GC_OK;
}

/* Inside the top object: finds the key "rows" and the array it opens. */
static void top_object(struct frame *f, char c)
{
	if (f->depth == 1 && c == '"' && f->expect_key) {
		f->reading_key = true;
		f->keylen = 0;
	} else if (f->depth == 1 && c == ':') {
		f->expect_key = false;
		f->rows_value =
			f->keylen == 4 && memcmp(f->key, "rows", 4) == 0;
	} else if (f->depth == 1 && c == ',') {
		f->expect_key = true;
	} else if (c == '[' && f->depth == 1 && f->rows_value &&
		   !f->seen_rows) {
		f->seen_rows = true;
		f->rows_depth = ++f->depth;
		f->state = F_EXPECT_ROW;
		f->after_comma = false;
	} else if (c == '{' || c == '[') {
		f->depth++;
	} else if (c == '}' || c == ']') {
		if (--f->depth == 0)
			f->state = F_DONE;
	}
	if (c == '"')
		f->in_string = true;
}

/* The rows array closes: back to the top object, or done. */
static void rows_end(struct frame *f)
{
	f->depth--;
	f->rows_value = false;
	f->state = f->depth == 0 ? F_DONE : F_TOP_OBJECT;
}

static enum gc_status row_byte(struct frame *f, char c, struct gc_error *err);

static enum gc_status expect_row(struct frame *f, char c, struct gc_error *err)
{
	if (c == ']' && !f->after_comma) {
		rows_end(f);
		return GC_OK;
	}
	if (c == ']')
		return frame_error(f, "a ',' with no row after it", err);
	if (c != '{')
		return frame_error(f, "a row must be a JSON object", err);
	f->state = F_ROW;
	f->row_depth = 0;
	f->len = 0;
	f->row_start = f->pos;
	return row_byte(f, c, err);
}

static enum gc_status row_byte(struct frame *f, char c, struct gc_error *err)
{
	struct row_text rt;

	if (f->len >= JSON_ROW_MAX)
		return gc_fail(err, GC_DATA, f->ld->name, f->row_start.line,
			       f->row_start.col,
			       "row object longer than %d bytes", JSON_ROW_MAX);
	if (f->len >= f->cap &&
	    !util_grow((void **)&f->row, &f->cap, f->len + 1, 1))
		return gc_fail(err, GC_IO, f->ld->name, 0, 0, "out of memory");
	f->row[f->len++] = c;
	if (in_string(f, c))
		return GC_OK;
	if (c == '"')
		f->in_string = true;
	else if (c == '{' || c == '[')
		f->row_depth++;
	else if ((c == '}' || c == ']') && --f->row_depth == 0) {
		f->state = F_AFTER_ROW;
		rt.text = f->row;
		rt.len = f->len;
		rt.start = f->row_start;
		return row_or_skip(f->ld, &rt, err);
	}
	return GC_OK;
}

static enum gc_status after_row(struct frame *f, char c, struct gc_error *err)
{
	if (c == ',') {
		f->state = F_EXPECT_ROW;
		f->after_comma = true;
	} else if (c == ']') {
		rows_end(f);
	} else {
		return frame_error(f, "expected ',' or ']' after a row", err);
	}
	return GC_OK;
}

static enum gc_status frame_byte(struct frame *f, char c, struct gc_error *err)
{
	if (f->state == F_ROW)
		return row_byte(f, c, err);
	if (c == '\0')
		return frame_error(f, "NUL byte", err);
	if (in_string(f, c)) {
		if (f->reading_key && f->in_string && f->keylen < sizeof f->key)
			f->key[f->keylen++] = c;
		f->reading_key = f->reading_key && f->in_string;
		return GC_OK;
	}
	if (blank_byte(c))
		return GC_OK;
	switch (f->state) {
	case F_START:
		return start(f, c, err);
	case F_TOP_OBJECT:
		top_object(f, c);
		return GC_OK;
	case F_EXPECT_ROW:
		return expect_row(f, c, err);
	case F_AFTER_ROW:
		return after_row(f, c, err);
	default:
		return frame_error(f, "text after the end of the JSON ledger",
				   err);
	}
}

/* A byte of the byte order mark that may open the file. */
static bool bom_byte(struct frame *f, char c)
{
	static const char BOM[] = "\xEF\xBB\xBF";

	if (f->state != F_START || f->seen >= 3 || c != BOM[f->seen])
		return false;
	f->seen++;
	return true;
}

static enum gc_status frame_feed(struct frame *f, const char *s, size_t n,
				 struct gc_error *err)
{
	enum gc_status st = GC_OK;
	size_t i;

	for (i = 0; i < n && st == GC_OK; i++) {
		if (bom_byte(f, s[i]))
			continue;
		f->seen = 3;
		st = frame_byte(f, s[i], err);
		if (s[i] == '\n') {
			f->pos.line++;
			f->pos.col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			f->pos.col++;
		}
	}
	return st;
}

static enum gc_status frame_finish(struct frame *f, struct gc_error *err)
{
	if (f->state == F_START)
		return frame_error(f, "empty ledger (no JSON value)", err);
	if (f->state != F_DONE)
		return frame_error(f, "the JSON ledger ends before it closes",
				   err);
	if (f->rows_depth == 0)
		return gc_fail(err, GC_DATA, f->ld->name, 1, 1,
			       "the JSON object has no \"rows\" array");
	return GC_OK;
}

enum gc_status ledger_json_read(FILE *in, const void *prefix, size_t plen,
				const struct ledger_load *ld,
				struct gc_error *err)
{
	struct frame f;
	char *chunk = malloc(CHUNK);
	enum gc_status st;

	memset(&f, 0, sizeof f);
	f.ld = ld;
	f.pos.line = f.pos.col = 1;
	st = chunk ? frame_feed(&f, prefix, plen, err)
		   : gc_fail(err, GC_IO, ld->name, 0, 0, "out of memory");
	while (st == GC_OK) {
		size_t n = fread(chunk, 1, CHUNK, in);

		if (n == 0)
			break;
		st = frame_feed(&f, chunk, n, err);
	}
	if (st == GC_OK && ferror(in))
		st = gc_fail(err, GC_IO, ld->name, 0, 0, "read error");
	if (st == GC_OK)
		st = frame_finish(&f, err);
	free(f.row);
	free(chunk);
	return st;
}
