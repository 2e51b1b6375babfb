/* JSON and NDJSON ledgers. Each row object is parsed by cJSON on its own,
 * so memory is bounded by the largest row, not the file: NDJSON splits at
 * line ends; a JSON array is split into its elements by a scanner that
 * follows only strings and brackets (cJSON checks everything else). */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/quantity.h"
#include "ledger_csv.h"
#include "ledger_impl.h"
#include "util.h"

#define JSON_ROW_MAX LEDGER_JSON_ROW_MAX
#define CHUNK	     (64 * 1024)

/* ---- one row object ---- */

/* Keys a row may have that we place and remember; more are read, slower. */
#define KEYS_MAX 32
/* cJSON's allocations for one row come from this, freed all at once. */
#define ARENA_BYTES (64 * 1024)

static bool blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* What a byte is to the scanners; most are J_PLAIN, which lets their
 * loops pass over them with one look-up. */
enum jclass {
	J_PLAIN,
	J_QUOTE,
	J_ESCAPE,
	J_OPEN,
	J_CLOSE,
	J_COMMA,
	J_NEWLINE,
	J_TAIL /* a UTF-8 continuation byte: not a character of its own */
};

#define J_TAIL8 J_TAIL, J_TAIL, J_TAIL, J_TAIL, J_TAIL, J_TAIL, J_TAIL, J_TAIL
static const unsigned char JCLASS[256] = {
	['"'] = J_QUOTE,  ['\\'] = J_ESCAPE,
	['{'] = J_OPEN,	  ['['] = J_OPEN,
	['}'] = J_CLOSE,  [']'] = J_CLOSE,
	[','] = J_COMMA,  ['\n'] = J_NEWLINE,
	[0x80] = J_TAIL8, J_TAIL8,
	J_TAIL8,	  J_TAIL8,
	J_TAIL8,	  J_TAIL8,
	J_TAIL8,	  J_TAIL8, /* to 0xBF */
};

/* What every scanner follows of JSON's structure, whatever it looks for:
 * whether it is inside a string, and just after a backslash there. */
struct json_lex {
	bool in_string, escape;
};

/* One byte's part in the structure: outside strings J_OPEN, J_CLOSE,
 * J_COMMA, or J_QUOTE as a string opens; J_PLAIN for every other byte,
 * the bytes of strings and the quote that closes one among them. The one
 * step function of the four scanners (key places, row ends, the frame
 * around the rows, the object-form sniff). */
static inline unsigned char json_step(struct json_lex *lx, unsigned char byte)
{
	unsigned char c = JCLASS[byte];

	if (c == J_PLAIN || c >= J_NEWLINE) {
		lx->escape = false;
		return J_PLAIN;
	}
	if (lx->in_string) {
		lx->in_string = lx->escape || c != J_QUOTE;
		lx->escape = !lx->escape && c == J_ESCAPE;
		return J_PLAIN;
	}
	lx->in_string = c == J_QUOTE;
	return c == J_ESCAPE ? J_PLAIN : c;
}

/* Characters (not bytes) in s[0, n): bytes less the UTF-8 continuation
 * bytes (10xxxxxx), counted eight at a time. */
static long chars(const char *s, size_t n)
{
	const uint64_t high = UINT64_C(0x8080808080808080);
	long tails = 0;
	size_t i = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		/* bit 7 set and bit 6 clear, one bit a byte, summed */
		w = (w & ~(w << 1) & high) >> 7;
		tails += (long)((w * UINT64_C(0x0101010101010101)) >> 56);
	}
	for (; i < n; i++)
		tails += ((unsigned char)s[i] & 0xC0) == 0x80;
	return (long)n - tails;
}

/* Where byte off of text is, text starting at start. */
static struct ledger_loc loc_at(struct ledger_loc start, const char *text,
				size_t off)
{
	const char *from = text, *end = text + off, *nl;

	while ((nl = memchr(from, '\n', (size_t)(end - from))) != NULL) {
		start.line++;
		start.col = 1;
		from = nl + 1;
	}
	start.col += chars(from, (size_t)(end - from));
	return start;
}

/* Whether s[0, n) is one line of ASCII: no line break, no byte of a
 * UTF-8 sequence. Then a byte's place is its column, and loc_at has
 * nothing to count: most rows are such a line. The high bits are ORed
 * eight bytes at a time; memchr looks for a break. */
static bool ascii_line(const char *s, size_t n)
{
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t w, seen = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		seen |= w;
	}
	for (; i < n; i++)
		seen |= (unsigned char)s[i];
	return (seen & high) == 0 && memchr(s, '\n', n) == NULL;
}

struct row_text {
	const char *text; /* the row object as written */
	size_t len;
	struct ledger_loc start;
	char num[LC_COUNT][QTY_FMT_MAX]; /* numbers written back as text */
};

/* What every row of a read shares: the keys the last row had, with the
 * column each names (rows repeat their keys, so one comparison usually
 * finds one), and the memory cJSON builds a row in. */
struct rows {
	const struct ledger_load *ld;
	char *key[KEYS_MAX];
	size_t key_len[KEYS_MAX];
	int col[KEYS_MAX];
	struct ledger_unread unread; /* keys that name nothing */
	/* Quarters, orgs and models read before (NULL: none, slower), and
	 * the number its interned names go under. */
	struct ledger_memo *memo;
	unsigned long names_id;
	struct arena {
		char *base;
		size_t used, cap;
	} arena;
	bool arena_failed;
	/* the fast path's copies of a row's keys and strings, each ended
	 * by a NUL */
	char *scratch;
	size_t scratch_cap;
	/* A worker of a read on several threads (ledger_par.c): it reads
	 * only flat rows whose keys all name columns, and leaves anything
	 * else (an unknown key, which the file's warning must name in file
	 * order; cJSON, whose hooks are the process's) to the reading
	 * thread. */
	bool worker;
};

/* cJSON's hooks take no context: the arena of the read under way. Rows
 * are parsed on one thread, one read at a time. */
static struct arena *the_arena;

static void *arena_alloc(size_t n)
{
	struct arena *a = the_arena;
	size_t at = (a->used + 15) & ~(size_t)15; /* max_align_t's */

	if (n > a->cap - at || at > a->cap)
		return malloc(n); /* a huge row: freed by arena_free */
	a->used = at + n;
	return a->base + at;
}

static void arena_free(void *p)
{
	struct arena *a = the_arena;

	if ((char *)p < a->base || (char *)p >= a->base + a->cap)
		free(p);
}

static void rows_open(struct rows *r, const struct ledger_load *ld)
{
	cJSON_Hooks hooks = { arena_alloc, arena_free };

	memset(r, 0, sizeof *r);
	r->ld = ld;
	r->memo = ledger_memo_new();
	r->names_id = ledger_names_id();
	r->arena.base = malloc(ARENA_BYTES);
	if (r->arena.base == NULL)
		return; /* cJSON keeps malloc */
	r->arena.cap = ARENA_BYTES;
	the_arena = &r->arena;
	cJSON_InitHooks(&hooks);
}

static void rows_close(struct rows *r)
{
	size_t i;

	if (r->arena.base != NULL) {
		cJSON_InitHooks(NULL);
		the_arena = NULL;
		free(r->arena.base);
	}
	for (i = 0; i < KEYS_MAX; i++)
		free(r->key[i]);
	free(r->scratch);
	ledger_unread_warn(r->ld, &r->unread, "key");
	ledger_memo_free(r->memo);
}

/* The column the i-th key of a row (at `at`) names; a key that names
 * none is remembered for the file's warning. Most rows repeat the keys
 * of the one before, which the columns kept by position tell at once. */
static int key_col(struct rows *r, size_t i, const char *key,
		   struct ledger_loc at)
{
	int c;
	char *copy;

	if (i < KEYS_MAX && r->key[i] != NULL &&
	    (r->key[i] == key || strcmp(r->key[i], key) == 0))
		return r->col[i];
	c = ledger_col_find(r->ld->opts, key);
	if (c == -1 && *key != '\0' && !r->worker)
		(void)ledger_unread_add(&r->unread, key, at); /* a hint only */
	if (i < KEYS_MAX && (copy = strdup(key)) != NULL) {
		free(r->key[i]);
		r->key[i] = copy;
		r->key_len[i] = strlen(copy);
		r->col[i] = c;
	}
	return c;
}

/* Where the row's top-level keys are, in order: their byte offsets found
 * in one pass, then turned into lines and columns; a key past max is
 * placed at the row's start. */
static size_t key_places(const struct row_text *rt, struct ledger_loc *at,
			 size_t max)
{
	size_t off[KEYS_MAX], i, n = 0, depth = 0, from = 0;
	struct json_lex lx = { false, false };
	bool want_key = false;
	struct ledger_loc pos = rt->start;

	if (max > KEYS_MAX)
		max = KEYS_MAX;
	for (i = 0; i < rt->len && n < max; i++) {
		unsigned char c = json_step(&lx, (unsigned char)rt->text[i]);

		if (c == J_PLAIN) {
			continue;
		} else if (c == J_QUOTE) {
			if (depth == 1 && want_key)
				off[n++] = i;
			want_key = false;
		} else if (c == J_OPEN) {
			want_key = ++depth == 1;
		} else if (c == J_CLOSE) {
			depth--;
		} else if (c == J_COMMA) {
			want_key = depth == 1;
		}
	}
	for (i = 0; i < n; i++) {
		pos = loc_at(pos, rt->text + from, off[i] - from);
		at[i] = pos;
		from = off[i];
	}
	return n;
}

static bool number_col(int c)
{
	return c == LC_UNITS || c == LC_SPEND || c == LC_H100E || c == LC_TOTAL;
}

static enum gc_status cell_value(const struct ledger_load *ld,
				 struct row_text *rt, cJSON *item, int c,
				 struct ledger_cells *cells,
				 struct gc_error *err)
{
	struct ledger_loc at = cells->at[c];

	if (cJSON_IsString(item)) {
		cells->text[c] = item->valuestring;
		cells->len[c] = strlen(item->valuestring);
	} else if (cJSON_IsNumber(item) && !isfinite(item->valuedouble)) {
		return gc_fail(err, GC_DATA, ld->name, at.line, at.col,
			       "%s: the number is out of range",
			       ledger_col_name(c));
	} else if (cJSON_IsNumber(item) && number_col(c)) {
		cells->num[c] = item->valuedouble;
		cells->is_num[c] = true;
	} else if (cJSON_IsNumber(item)) {
		cells->text[c] = qty_format(item->valuedouble, rt->num[c]);
		cells->len[c] = strlen(cells->text[c]);
	} else if (!cJSON_IsNull(item)) {
		return gc_fail(err, GC_DATA, ld->name, at.line, at.col,
			       "%s: %s, not a number or text",
			       ledger_col_name(c),
			       cJSON_IsBool(item)    ? "a boolean"
			       : cJSON_IsArray(item) ? "a list"
						     : "an object");
	}
	return GC_OK;
}

/* The column the row's i-th key, at `at`, names (-1: none, or one gpucap
 * does not read); a second key for one column is an error. */
static enum gc_status place_key(struct rows *r, size_t i, const char *key,
				struct ledger_loc at,
				const char *key_of[LC_COUNT],
				struct ledger_cells *cells, int *col,
				struct gc_error *err)
{
	int c = key_col(r, i, key, at);

	*col = c;
	if (c < 0)
		return GC_OK;
	if (key_of[c] != NULL)
		return gc_fail(err, GC_DATA, r->ld->name, at.line, at.col,
			       "key '%s' means %s, as key '%s' already does",
			       key, ledger_col_name(c), key_of[c]);
	key_of[c] = key;
	cells->at[c] = at;
	cells->placed[cells->nplaced++] = (unsigned char)c;
	cells->present |= UINT32_C(1) << c;
	return GC_OK;
}

/* Empty cells for a row. Marked cells hold the last row's, and clear
 * only the columns its keys placed (all a row writes, see place_key):
 * less than a quarter of the whole. */
static void cells_open(const struct rows *r, struct ledger_cells *cells)
{
	int i;

	if (!cells->marked) {
		memset(cells, 0, sizeof *cells);
	} else {
		for (i = 0; i < cells->nplaced; i++) {
			int c = cells->placed[i];

			cells->text[c] = NULL;
			cells->len[c] = 0;
			cells->at[c] = (struct ledger_loc){ 0, 0 };
			cells->num[c] = 0;
			cells->is_num[c] = false;
		}
		cells->nplaced = 0;
		cells->present = 0;
	}
	cells->fiscal_year_end = r->ld->opts->fiscal_year_end;
	cells->marked = true; /* place_key sets present */
}

/* The object's keys as ledger columns, as the CSV header would map them. */
static enum gc_status object_cells(struct rows *r, struct row_text *rt,
				   cJSON *obj, struct ledger_cells *cells,
				   struct gc_error *err)
{
	const char *key_of[LC_COUNT] = { NULL };
	struct ledger_loc places[KEYS_MAX];
	size_t nplaces = key_places(rt, places, KEYS_MAX), i = 0;
	enum gc_status st = GC_OK;
	cJSON *item;
	int c;

	cells_open(r, cells);
	for (item = obj->child; item != NULL && st == GC_OK;
	     item = item->next, i++) {
		st = place_key(r, i, item->string,
			       i < nplaces ? places[i] : rt->start, key_of,
			       cells, &c, err);
		if (st == GC_OK && c >= 0)
			st = cell_value(r->ld, rt, item, c, cells, err);
	}
	return st;
}

/* ---- the fast path: a flat row ---- */

/* A ledger row as nearly every file writes one: an object of keys, each
 * value a string, a number or null; no nesting, no escapes. Such a row is
 * read here in one pass, without building a tree. Anything else (an
 * escape, a nested value, true or false, a control byte, a number outside
 * JSON's grammar or over FLAT_NUM_MAX bytes, a blank other than space,
 * tab, CR or LF, more than KEYS_MAX keys) is not flat, and goes to cJSON,
 * the parser of record: the fast path only reads what cJSON reads the same
 * way, and a differential fuzzer (tests/fuzz/fuzz_json.c) holds the two
 * to it. */
#define FLAT_NUM_MAX 63 /* cJSON reads a number of up to 63 bytes */

bool ledger_json_flat = true;
unsigned long ledger_json_flat_reads;

enum flat_kind { FLAT_STR, FLAT_NUM, FLAT_NULL };

struct flat_item {
	size_t key, klen; /* the key's bytes (inside its quotes) */
	size_t val, vlen; /* the value's: a string's inside its quotes */
	enum flat_kind kind;
};

static size_t flat_blanks(const char *s, size_t i, size_t n)
{
	while (i < n && blank_byte(s[i]))
		i++;
	return i;
}

/* Where a flat string's bytes stop: its closing quote, or a byte that
 * makes it not flat (a backslash, a control byte); one look-up a byte. */
#define STOP8 true, true, true, true, true, true, true, true
static const bool STRING_STOP[256] = { STOP8, STOP8,	    STOP8,
				       STOP8, ['"'] = true, ['\\'] = true };

/* A string's bytes from s[i], just past its opening quote, to its
 * closing quote; SIZE_MAX when it has an escape or a control byte, or
 * does not close. */
static size_t flat_string(const char *s, size_t i, size_t n)
{
	while (i < n && !STRING_STOP[(unsigned char)s[i]])
		i++;
	return i < n && s[i] == '"' ? i : SIZE_MAX;
}

static size_t flat_digits(const char *s, size_t i, size_t n)
{
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* The end of a number in JSON's grammar from s[i], or SIZE_MAX:
 * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static size_t flat_number(const char *s, size_t i, size_t n)
{
	size_t from = i, d;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		i = flat_digits(s, i, n);
	else
		return SIZE_MAX;
	if (i < n && s[i] == '.') {
		d = flat_digits(s, i + 1, n);
		if (d == i + 1)
			return SIZE_MAX;
		i = d;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		d = flat_digits(s, i, n);
		if (d == i)
			return SIZE_MAX;
		i = d;
	}
	return i - from <= FLAT_NUM_MAX ? i : SIZE_MAX;
}

/* One value from s[i]: its place and kind in it; the index past it, or
 * SIZE_MAX when it is not flat. */
static size_t flat_value(const char *s, size_t i, size_t n,
			 struct flat_item *it)
{
	size_t end;

	if (i < n && s[i] == '"') {
		end = flat_string(s, i + 1, n);
		it->kind = FLAT_STR;
		it->val = i + 1;
		it->vlen = end - (i + 1);
		return end == SIZE_MAX ? SIZE_MAX : end + 1;
	}
	if (n - i >= 4 && memcmp(s + i, "null", 4) == 0) {
		it->kind = FLAT_NULL;
		it->val = i;
		it->vlen = 4;
		return i + 4;
	}
	end = flat_number(s, i, n);
	it->kind = FLAT_NUM;
	it->val = i;
	it->vlen = end - i;
	return end;
}

/* The row's items, or false when it is not flat. */
static bool flat_scan(const char *s, size_t n, struct flat_item *items,
		      size_t *nitems)
{
	size_t i = flat_blanks(s, 0, n), k = 0, end;

	if (i >= n || s[i] != '{')
		return false;
	i = flat_blanks(s, i + 1, n);
	if (i < n && s[i] == '}') {
		*nitems = 0;
		return flat_blanks(s, i + 1, n) == n;
	}
	for (;;) {
		if (k == KEYS_MAX || i >= n || s[i] != '"')
			return false;
		end = flat_string(s, i + 1, n);
		if (end == SIZE_MAX)
			return false;
		items[k].key = i + 1;
		items[k].klen = end - (i + 1);
		i = flat_blanks(s, end + 1, n);
		if (i >= n || s[i] != ':')
			return false;
		i = flat_value(s, flat_blanks(s, i + 1, n), n, &items[k++]);
		if (i == SIZE_MAX)
			return false;
		i = flat_blanks(s, i, n);
		if (i < n && s[i] == ',') {
			i = flat_blanks(s, i + 1, n);
			continue;
		}
		if (i >= n || s[i] != '}')
			return false;
		*nitems = k;
		return flat_blanks(s, i + 1, n) == n;
	}
}

/* s[0, n) copied to the scratch with a NUL after it. */
static char *flat_copy(char **next, const char *s, size_t n)
{
	char *at = *next;

	memcpy(at, s, n);
	at[n] = '\0';
	*next = at + n + 1;
	return at;
}

/* A number's text that is a whole number of up to 15 digits: its value,
 * exactly, as strtod reads it (-0 too), without strtod's general
 * conversion; false for any other number. Most ledger numbers are. */
static bool flat_integer(const char *text, double *v)
{
	const char *p = text + (*text == '-');
	unsigned long long u = 0;
	size_t n;

	for (n = 0; p[n] >= '0' && p[n] <= '9'; n++)
		u = u * 10 + (unsigned long long)(p[n] - '0');
	if (n == 0 || n > 15 || p[n] != '\0')
		return false;
	*v = *text == '-' ? -(double)u : (double)u;
	return true;
}

/* One flat value into cells[c], as cell_value would have put cJSON's;
 * false when the number is past a double (cJSON then tells it). */
static bool flat_cell(struct row_text *rt, const struct flat_item *it,
		      char *text, int c, struct ledger_cells *cells)
{
	double v;

	if (it->kind == FLAT_NULL)
		return true;
	if (it->kind == FLAT_STR) {
		cells->text[c] = text;
		cells->len[c] = it->vlen;
		return true;
	}
	if (!flat_integer(text, &v))
		v = strtod(text, NULL);
	if (!isfinite(v))
		return false;
	if (number_col(c)) {
		cells->num[c] = v;
		cells->is_num[c] = true;
	} else {
		cells->text[c] = qty_format(v, rt->num[c]);
		cells->len[c] = strlen(cells->text[c]);
	}
	return true;
}

/* A flat row's cells: GC_OK, an error as cJSON's path would make it, or
 * *flat false when the row is not flat after all (nothing told). */
static enum gc_status flat_cells(struct rows *r, struct row_text *rt,
				 struct ledger_cells *cells, bool *flat,
				 struct gc_error *err)
{
	struct flat_item items[KEYS_MAX];
	const char *key_of[LC_COUNT] = { NULL };
	struct ledger_loc at = rt->start;
	size_t n, i, from = 0;
	enum gc_status st = GC_OK;
	char *next;
	bool ascii;
	int c;

	*flat = ledger_json_flat && rt->len < SIZE_MAX / 2 &&
		flat_scan(rt->text, rt->len, items, &n) &&
		util_grow((void **)&r->scratch, &r->scratch_cap, rt->len + 1,
			  1);
	if (!*flat)
		return GC_OK;
	next = r->scratch;
	cells_open(r, cells);
	ascii = ascii_line(rt->text, rt->len);
	for (i = 0; i < n && st == GC_OK; i++) {
		const struct flat_item *it = &items[i];
		/* the last row's key in this place, as it mostly is, needs
		 * no copy of its own (a flat key holds no NUL) */
		char *key =
			i < KEYS_MAX && r->key[i] != NULL &&
					r->key_len[i] == it->klen &&
					memcmp(r->key[i], rt->text + it->key,
					       it->klen) == 0
				? r->key[i]
				: flat_copy(&next, rt->text + it->key,
					    it->klen);
		char *val = flat_copy(&next, rt->text + it->val, it->vlen);

		if (ascii)
			at.col = rt->start.col + (long)(it->key - 1);
		else
			at = loc_at(at, rt->text + from, it->key - 1 - from);
		from = it->key - 1;
		st = place_key(r, i, key, at, key_of, cells, &c, err);
		if (st == GC_OK && c >= 0 && !flat_cell(rt, it, val, c, cells))
			*flat = false;
		if (r->worker && (st != GC_OK || c == -1))
			*flat = false; /* the reading thread tells it */
		if (!*flat)
			return GC_OK;
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

/* Where text escapes a NUL as \u0000, or NULL: cJSON would end the
 * string there, so "acme\u0000-east" and "acme\u0000-west" would both
 * read as "acme". An escaped backslash ("\\u0000") is skipped whole. */
static const char *escaped_nul(const char *text, size_t len)
{
	const char *p = text, *stop = text + len;

	while ((p = memchr(p, '\\', (size_t)(stop - p))) != NULL) {
		if (stop - p >= 6 && memcmp(p + 1, "u0000", 5) == 0)
			return p;
		p += 2;
		if (p >= stop)
			break;
	}
	return NULL;
}

/* cJSON reads a NUL byte as a blank, and cuts a string at an escaped one;
 * no ledger text has a place for one. */
static enum gc_status nul_byte(const struct ledger_load *ld,
			       const struct row_text *rt, struct gc_error *err)
{
	const char *nul = memchr(rt->text, '\0', rt->len);
	const char *esc = escaped_nul(rt->text, rt->len);
	struct ledger_loc at;

	if (nul == NULL && esc == NULL)
		return GC_OK;
	if (nul == NULL || (esc != NULL && esc < nul))
		nul = esc;
	at = loc_at(rt->start, rt->text, (size_t)(nul - rt->text));
	return gc_fail(err, GC_DATA, ld->name, at.line, at.col,
		       "%s in this row",
		       nul == esc ? "a NUL character (\\u0000)" : "NUL byte");
}

/* Parses one row object and hands it on. */
static enum gc_status json_row(struct rows *r, struct row_text *rt,
			       struct gc_error *err)
{
	const struct ledger_load *ld = r->ld;
	const char *end = NULL;
	cJSON *obj;
	struct ledger_cells cells;
	struct ledger_loc at;
	enum gc_status st = nul_byte(ld, rt, err);

	bool flat;

	cells.marked = false; /* not a row's yet */
	if (st != GC_OK)
		return st;
	st = flat_cells(r, rt, &cells, &flat, err);
	ledger_json_flat_reads += flat;
	if (flat)
		return st == GC_OK
			       ? ledger_emit_memo(ld, r->memo, r->names_id,
						  &cells, rt->start.line, err)
			       : st;
	r->arena.used = 0;
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
		st = object_cells(r, rt, obj, &cells, err);
	if (st == GC_OK)
		st = ledger_emit_memo(ld, r->memo, r->names_id, &cells,
				      rt->start.line, err);
	cJSON_Delete(obj);
	return st;
}

/* A bad row ends the read, unless --keep-going skips it. */
static enum gc_status row_or_skip(struct rows *r, struct row_text *rt,
				  struct gc_error *err)
{
	enum gc_status st = json_row(r, rt, err);

	return ledger_skip(r->ld, st, err) ? GC_OK : st;
}

/* ---- NDJSON: one object a line ---- */

struct ndjson {
	const struct ledger_load *ld;
	struct rows *rows;
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
	return row_or_skip(nd->rows, &rt, err);
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

static enum gc_status nd_feed_cb(void *ctx, const char *s, size_t n,
				 struct gc_error *err)
{
	return nd_feed(ctx, s, n, err);
}

/* The prefix, then the rest of in, `chunk` bytes at a time, to feed. */
/* What reads a ledger's bytes, a piece at a time. */
typedef enum gc_status (*feed_fn)(void *ctx, const char *s, size_t n,
				  struct gc_error *err);

static enum gc_status feed_stream(FILE *in, const void *prefix, size_t plen,
				  size_t chunk, feed_fn feed, void *ctx,
				  const struct ledger_load *ld,
				  struct gc_error *err)
{
	char *buf = malloc(chunk ? chunk : 1);
	enum gc_status st =
		buf ? feed(ctx, prefix, plen, err)
		    : gc_fail(err, GC_IO, ld->name, 0, 0, "out of memory");
	long long done = (long long)plen;
	size_t n;

	while (st == GC_OK && (n = fread(buf, 1, chunk ? chunk : 1, in)) > 0) {
		st = feed(ctx, buf, n, err);
		done += (long long)n;
		ledger_progress(ld, done);
	}
	if (st == GC_OK && ferror(in))
		st = gc_fail(err, GC_IO, ld->name, 0, 0, "read error");
	free(buf);
	return st;
}

enum gc_status ledger_ndjson_read_by(FILE *in, const void *prefix, size_t plen,
				     size_t chunk, const struct ledger_load *ld,
				     struct gc_error *err)
{
	struct rows rows;
	struct ndjson nd = { ld, &rows, NULL, 0, 0, 1, false };
	enum gc_status st;

	rows_open(&rows, ld);
	st = feed_stream(in, prefix, plen, chunk, nd_feed_cb, &nd, ld, err);
	if (st == GC_OK && nd.len > 0)
		st = nd_line(&nd, nd.line, nd.len, err);
	rows_close(&rows);
	free(nd.line);
	return st;
}

enum gc_status ledger_ndjson_read(FILE *in, const void *prefix, size_t plen,
				  const struct ledger_load *ld,
				  struct gc_error *err)
{
	struct csvread_src src;
	long long start;

	/* a big file is read on every core, a line break always ending a
	 * row (ledger_par.c) */
	if (ledger_par_source(in, plen, &src, &start))
		return ledger_ndjson_read_parts(&src, start, LEDGER_PAR_BLOCK,
						util_threads(ld->opts->threads),
						ld, err);
	return ledger_ndjson_read_by(in, prefix, plen, CHUNK, ld, err);
}

/* ---- NDJSON on several threads (ledger_par.c) ---- */

struct ledger_json_worker {
	struct rows rows;
	struct row_text rt; /* its numbers written back, for the cells */
};

struct ledger_json_worker *ledger_json_worker_new(const struct ledger_load *ld)
{
	struct ledger_json_worker *w = calloc(1, sizeof *w);

	if (w == NULL)
		return NULL;
	w->rows.ld = ld;
	w->rows.worker = true;
	return w;
}

void ledger_json_worker_free(struct ledger_json_worker *w)
{
	if (w == NULL)
		return;
	/* a worker's rows have no arena, memo or unread keys to warn of */
	rows_close(&w->rows);
	free(w);
}

enum json_line ledger_json_worker_line(struct ledger_json_worker *w,
				       const char *s, size_t n, bool first,
				       struct ledger_cells *cells)
{
	struct row_text *rt = &w->rt;
	struct gc_error err;
	size_t lead = 0;
	bool flat;

	/* a line too long (even a blank one), a byte order mark, a NUL: the
	 * reading thread's */
	if (first || n > JSON_ROW_MAX || memchr(s, '\0', n) != NULL)
		return JSON_LINE_DEFER;
	while (lead < n && blank_byte(s[lead]))
		lead++;
	if (lead == n)
		return JSON_LINE_BLANK;
	if (s[lead] != '{')
		return JSON_LINE_DEFER;
	rt->text = s + lead;
	rt->len = n - lead;
	rt->start.line = 1; /* the reading thread knows the line */
	rt->start.col = 1 + (long)lead;
	if (flat_cells(&w->rows, rt, cells, &flat, &err) != GC_OK || !flat)
		return JSON_LINE_DEFER;
	return JSON_LINE_FLAT;
}

struct ledger_json_lines {
	struct rows rows;
	struct ndjson nd;
};

struct ledger_json_lines *ledger_json_lines_new(const struct ledger_load *ld)
{
	struct ledger_json_lines *l = calloc(1, sizeof *l);

	if (l == NULL)
		return NULL;
	rows_open(&l->rows, ld);
	l->nd.ld = ld;
	l->nd.rows = &l->rows;
	return l;
}

enum gc_status ledger_json_lines_read(struct ledger_json_lines *l,
				      const char *s, size_t n, long line,
				      struct gc_error *err)
{
	l->nd.lineno = line;
	if (n > JSON_ROW_MAX)
		return nd_too_long(&l->nd, err);
	return nd_line(&l->nd, s, n, err);
}

enum gc_status ledger_json_lines_feed(struct ledger_json_lines *l,
				      const char *s, size_t n, long line,
				      struct gc_error *err)
{
	if (l->nd.len == 0)
		l->nd.lineno = line;
	return nd_feed(&l->nd, s, n, err);
}

enum gc_status ledger_json_lines_end(struct ledger_json_lines *l,
				     struct gc_error *err)
{
	return l->nd.len > 0 ? nd_line(&l->nd, l->nd.line, l->nd.len, err)
			     : GC_OK;
}

void ledger_json_lines_free(struct ledger_json_lines *l)
{
	if (l == NULL)
		return;
	rows_close(&l->rows);
	free(l->nd.line);
	free(l);
}

/* The key "rows" followed by ':' starts at buf. */
static bool rows_key(const char *buf, size_t len)
{
	size_t i = 6;

	if (len < 6 || memcmp(buf, "\"rows\"", 6) != 0)
		return false;
	while (i < len && (buf[i] == ' ' || buf[i] == '\n'))
		i++;
	return i < len && buf[i] == ':';
}

bool ledger_json_object_form(const char *buf, size_t len)
{
	struct json_lex lx = { false, false };
	size_t i, depth = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = json_step(&lx, (unsigned char)buf[i]);

		if (c == J_QUOTE && depth == 1 && rows_key(buf + i, len - i))
			return true;
		if (c == J_OPEN)
			depth++;
		else if (c == J_CLOSE && --depth == 0)
			return false;
	}
	return false;
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
	struct rows *rows;
	enum frame_state state;
	size_t seen;	       /* bytes read, up to 3: a BOM may lead */
	struct ledger_loc pos; /* of the byte being read */
	size_t depth;	       /* open brackets */
	size_t rows_depth;     /* depth inside the rows array */
	struct json_lex lex;
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
}

/* The rows array closes: back to the top object, or done. */
static void rows_end(struct frame *f)
{
	f->depth--;
	f->rows_value = false;
	f->state = f->depth == 0 ? F_DONE : F_TOP_OBJECT;
}

/* A '{' starts a row: the byte is left for row_span to take. */
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
	return GC_OK;
}

/* Moves pos over n bytes of text. */
static void move_pos(struct ledger_loc *pos, const char *s, size_t n)
{
	*pos = loc_at(*pos, s, n);
}

/* Where in s[from, n) the row ends (just after its closing bracket), or
 * n when it goes on: a tight loop, as rows are most of a ledger. */
static size_t row_end(struct frame *f, const char *s, size_t from, size_t n)
{
	/* in locals: through f, every byte read from s could alias them */
	struct json_lex lx = f->lex;
	size_t k, depth = f->row_depth;

	for (k = from; k < n; k++) {
		unsigned char c = json_step(&lx, (unsigned char)s[k]);

		if (c == J_OPEN) {
			depth++;
		} else if (c == J_CLOSE && --depth == 0) {
			k++;
			break;
		}
	}
	f->lex = lx;
	f->row_depth = depth;
	return k < n ? k : n;
}

static enum gc_status keep_row_bytes(struct frame *f, const char *s, size_t n,
				     struct gc_error *err)
{
	if (!util_grow((void **)&f->row, &f->cap, f->len + n, 1))
		return gc_fail(err, GC_IO, f->ld->name, 0, 0, "out of memory");
	memcpy(f->row + f->len, s, n);
	f->len += n;
	return GC_OK;
}

/* Takes the row's bytes from s[*i, n); when it closes, parses it. A row
 * read whole from one chunk is parsed where it lies; one cut by the end
 * of a chunk is gathered in f->row. */
static enum gc_status row_span(struct frame *f, const char *s, size_t n,
			       size_t *i, struct gc_error *err)
{
	size_t from = *i, to = row_end(f, s, from, n);
	bool closed = f->row_depth == 0 && !f->lex.in_string;
	struct row_text rt;
	enum gc_status st = GC_OK;

	move_pos(&f->pos, s + from, to - from);
	*i = to;
	if (f->len + (to - from) > JSON_ROW_MAX)
		return gc_fail(err, GC_DATA, f->ld->name, f->row_start.line,
			       f->row_start.col,
			       "row object longer than %d bytes", JSON_ROW_MAX);
	if (!closed || f->len > 0)
		st = keep_row_bytes(f, s + from, to - from, err);
	if (!closed || st != GC_OK)
		return st;
	f->state = F_AFTER_ROW;
	rt.text = f->len > 0 ? f->row : s + from;
	rt.len = f->len > 0 ? f->len : to - from;
	rt.start = f->row_start;
	f->len = 0;
	return row_or_skip(f->rows, &rt, err);
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
	bool was_in_string = f->lex.in_string;

	if (c == '\0')
		return frame_error(f, "NUL byte", err);
	/* strings are followed everywhere, so brackets in them do not count */
	json_step(&f->lex, (unsigned char)c);
	if (was_in_string) {
		if (f->reading_key && f->lex.in_string &&
		    f->keylen < sizeof f->key)
			f->key[f->keylen++] = c;
		f->reading_key = f->reading_key && f->lex.in_string;
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
	size_t i = 0;

	while (i < n && st == GC_OK) {
		if (f->state == F_ROW) {
			st = row_span(f, s, n, &i, err);
			continue;
		}
		if (!bom_byte(f, s[i])) {
			f->seen = 3;
			st = frame_byte(f, s[i], err);
			if (f->state == F_ROW)
				continue; /* its '{' is the row's */
		}
		move_pos(&f->pos, s + i, 1);
		i++;
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

static enum gc_status frame_feed_cb(void *ctx, const char *s, size_t n,
				    struct gc_error *err)
{
	return frame_feed(ctx, s, n, err);
}

enum gc_status ledger_json_read_by(FILE *in, const void *prefix, size_t plen,
				   size_t chunk, const struct ledger_load *ld,
				   struct gc_error *err)
{
	struct frame f;
	struct rows rows;
	enum gc_status st;

	memset(&f, 0, sizeof f);
	f.ld = ld;
	f.rows = &rows;
	f.pos.line = f.pos.col = 1;
	rows_open(&rows, ld);
	st = feed_stream(in, prefix, plen, chunk, frame_feed_cb, &f, ld, err);
	if (st == GC_OK)
		st = frame_finish(&f, err);
	rows_close(&rows);
	free(f.row);
	return st;
}

enum gc_status ledger_json_read(FILE *in, const void *prefix, size_t plen,
				const struct ledger_load *ld,
				struct gc_error *err)
{
	struct csvread_src src;
	long long start;

	/* a big file is read on every core, a line at a time (ledger_par.c) */
	if (ledger_par_source(in, plen, &src, &start))
		return ledger_json_read_parts(&src, start, LEDGER_PAR_BLOCK,
					      util_threads(ld->opts->threads),
					      ld, err);
	return ledger_json_read_by(in, prefix, plen, CHUNK, ld, err);
}

/* ---- a JSON array on several threads (ledger_par.c) ---- */

enum json_line ledger_json_worker_element(struct ledger_json_worker *w,
					  const char *s, size_t n, bool *comma,
					  struct ledger_cells *cells)
{
	size_t end = n;

	if (n > JSON_ROW_MAX)
		return JSON_LINE_DEFER;
	while (end > 0 && blank_byte(s[end - 1]))
		end--;
	*comma = end > 0 && s[end - 1] == ',';
	end -= *comma;
	if (end == 0 ||
	    ledger_json_worker_line(w, s, end, false, cells) != JSON_LINE_FLAT)
		return JSON_LINE_DEFER;
	return JSON_LINE_FLAT;
}

struct ledger_json_frame {
	struct frame f;
	struct rows rows;
};

struct ledger_json_frame *ledger_json_frame_new(const struct ledger_load *ld)
{
	struct ledger_json_frame *fr = calloc(1, sizeof *fr);

	if (fr == NULL)
		return NULL;
	fr->f.ld = ld;
	fr->f.rows = &fr->rows;
	fr->f.pos.line = fr->f.pos.col = 1;
	rows_open(&fr->rows, ld);
	return fr;
}

enum gc_status ledger_json_frame_feed(struct ledger_json_frame *fr,
				      const char *s, size_t n,
				      struct gc_error *err)
{
	return frame_feed(&fr->f, s, n, err);
}

/* A line that is a flat row and its comma does to the frame what
 * frame_feed would do, when the frame waits for a row at a line's start:
 * the row is the worker's, the frame passes it. */
bool ledger_json_frame_row(struct ledger_json_frame *fr, bool comma)
{
	struct frame *f = &fr->f;

	if (f->state != F_EXPECT_ROW || f->lex.in_string || f->len > 0 ||
	    f->pos.col != 1)
		return false;
	if (comma)
		f->after_comma = true;
	else
		f->state = F_AFTER_ROW;
	f->pos.line++;
	return true;
}

enum gc_status ledger_json_frame_end(struct ledger_json_frame *fr,
				     struct gc_error *err)
{
	return frame_finish(&fr->f, err);
}

void ledger_json_frame_free(struct ledger_json_frame *fr)
{
	if (fr == NULL)
		return;
	rows_close(&fr->rows);
	free(fr->f.row);
	free(fr);
}
