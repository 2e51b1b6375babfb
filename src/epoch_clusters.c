#include "gpucap/epoch.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "gpucap/ledger.h"
#include "gpucap/quantity.h"
#include "gpucap/quarter.h"
#include "util.h"

/* The dataset's columns that the import reads. */
enum epoch_col {
	E_NAME,
	E_OWNER,
	E_DATE,
	E_CHIP1,
	E_QTY1,
	E_CHIP2,
	E_QTY2,
	E_STATUS,
	E_CERTAINTY,
	E_H100E,
	E_COUNT
};

static const char *const HEADERS[E_COUNT] = {
	"Name",
	"Owner",
	"First Operational Date",
	"Chip type (primary)",
	"Chip quantity (primary)",
	"Chip type (secondary)",
	"Chip quantity (secondary)",
	"Status",
	"Certainty",
	"H100 equivalents",
};

/* Without these the file is not the dataset. */
static const enum epoch_col REQUIRED[] = { E_NAME, E_OWNER, E_DATE, E_CHIP1,
					   E_QTY1 };

/* A text the import builds (an org "Name #2", a note, a name's key), kept
 * across rows so that its buffer is allocated once. Always terminated. */
struct text {
	char *s;
	size_t len, cap;
};

/* Orgs named so far under --org name, keyed as the ledger tells orgs apart
 * (see org_key), with how often each came: an index by keyed hash, so
 * that many names, however crafted, cost what few do. */
struct seen_name {
	char *key;
	uint64_t hash;
	size_t count; /* clusters of this name so far */
};

struct names {
	struct seen_name *items;
	size_t n, cap;
	size_t *index; /* 1 + item, 0 empty; a power of two, under half full */
	size_t index_cap;
};

struct reader {
	const char *file;
	struct epoch_import *imp;
	epoch_sink sink;
	void *ctx;
	long col[E_COUNT]; /* 0-based file column + 1; 0 absent */
	struct names seen; /* orgs so far, for " #2" */
	struct text org, note, key;
};

/* One cluster's cells, checked. */
struct cluster {
	bool dated;
	int quarter;
	const char *name, *owner, *status, *certainty;
	const char *chip[2];
	double qty[2]; /* NaN when none */
	double h100e;  /* NaN when none */
};

bool epoch_date_quarter(const char *s, int *quarter)
{
	return quarter_parse(s, quarter); /* M/D/YYYY is a ledger date too */
}

static const char *field(const struct reader *r, const struct csv_record *rec,
			 enum epoch_col c)
{
	if (r->col[c] == 0)
		return "";
	/* Trimmed as the ledger trims, so what is written is what it reads. */
	return util_trim(rec->fields[r->col[c] - 1]);
}

static enum gc_status read_header(const struct csv_record *rec, void *ctx,
				  struct gc_error *err)
{
	struct reader *r = ctx;
	size_t i, c;

	for (i = 0; i < rec->n; i++)
		for (c = 0; c < E_COUNT; c++)
			if (strcasecmp(util_trim(rec->fields[i]), HEADERS[c]) ==
			    0)
				r->col[c] = (long)i + 1;
	for (i = 0; i < sizeof REQUIRED / sizeof REQUIRED[0]; i++)
		if (r->col[REQUIRED[i]] == 0)
			return gc_fail(err, GC_DATA, r->file, rec->line, 1,
				       "not Epoch AI's GPU clusters CSV: no "
				       "'%s' column",
				       HEADERS[REQUIRED[i]]);
	return GC_OK;
}

static enum gc_status oom(const struct reader *r, const struct csv_record *rec,
			  struct gc_error *err)
{
	return gc_fail(err, GC_IO, r->file, rec->line, 0, "out of memory");
}

/* "COLUMN: what is wrong", at the cell's line and column. */
static enum gc_status bad(const struct reader *r, const struct csv_record *rec,
			  enum epoch_col c, struct gc_error *err,
			  const char *fmt, ...) GC_PRINTF(5, 6);

static enum gc_status bad(const struct reader *r, const struct csv_record *rec,
			  enum epoch_col c, struct gc_error *err,
			  const char *fmt, ...)
{
	char what[GC_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return gc_fail(err, GC_DATA, r->file, rec->line,
		       r->col[c] > 0 ? r->col[c] : 1, "%s: %s", HEADERS[c],
		       what);
}

/* A value as a message shows it: whole, or its first SHOWN_MAX bytes, cut
 * where a character starts, and "...", so the reason after it is seen. */
#define SHOWN_MAX 40

static const char *shown(const char *s, char buf[SHOWN_MAX + 4])
{
	size_t n = SHOWN_MAX;

	if (strlen(s) <= SHOWN_MAX)
		return s;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/* Text goes on into the ledger, which takes only UTF-8. */
static enum gc_status text_cell(const struct reader *r,
				const struct csv_record *rec, enum epoch_col c,
				const char **out, struct gc_error *err)
{
	*out = field(r, rec, c);
	if (!util_utf8_valid(*out))
		return bad(r, rec, c, err, "not valid UTF-8");
	return GC_OK;
}

/* A count under the ledger's rules, so that what the import writes, report
 * reads: empty, or zero (no chips), is none (NaN); money, a negative count
 * or one past the ledger's limit is an error. */
static enum gc_status count_cell(const struct reader *r,
				 const struct csv_record *rec, enum epoch_col c,
				 double *out, struct gc_error *err)
{
	const char *s = field(r, rec, c), *why;
	char buf[SHOWN_MAX + 4];
	struct quantity q;

	*out = NAN;
	if (*s == '\0')
		return GC_OK;
	if (!qty_parse(s, &q, &why))
		return bad(r, rec, c, err, "'%s' %s", shown(s, buf), why);
	if (q.money)
		return bad(r, rec, c, err, "'%s' is money, not a count",
			   shown(s, buf));
	if (q.value < 0)
		return bad(r, rec, c, err, "'%s' must not be negative",
			   shown(s, buf));
	if (q.value > LEDGER_COUNT_MAX)
		return bad(r, rec, c, err, "'%s' is out of range (at most %g)",
			   shown(s, buf), LEDGER_COUNT_MAX);
	if (q.value > 0)
		*out = q.value;
	return GC_OK;
}

/* No date is a cluster the import skips; a date that is not one (2/30/2024)
 * is an error, as a ledger's would be. */
static enum gc_status date_cell(const struct reader *r,
				const struct csv_record *rec, struct cluster *c,
				struct gc_error *err)
{
	const char *s = field(r, rec, E_DATE);
	char buf[SHOWN_MAX + 4];

	c->dated = *s != '\0';
	if (c->dated && !epoch_date_quarter(s, &c->quarter))
		return bad(r, rec, E_DATE, err,
			   "'%s' is not a date (expected M/D/YYYY, as "
			   "3/31/2024, or 2024-03-31)",
			   shown(s, buf));
	return GC_OK;
}

static enum gc_status read_cells(const struct reader *r,
				 const struct csv_record *rec,
				 struct cluster *c, struct gc_error *err)
{
	static const enum epoch_col CHIPS[2] = { E_CHIP1, E_CHIP2 };
	static const enum epoch_col QTYS[2] = { E_QTY1, E_QTY2 };
	enum gc_status st = date_cell(r, rec, c, err);
	size_t k;

	if (st == GC_OK)
		st = text_cell(r, rec, E_NAME, &c->name, err);
	if (st == GC_OK)
		st = text_cell(r, rec, E_OWNER, &c->owner, err);
	if (st == GC_OK)
		st = text_cell(r, rec, E_STATUS, &c->status, err);
	if (st == GC_OK)
		st = text_cell(r, rec, E_CERTAINTY, &c->certainty, err);
	for (k = 0; k < 2 && st == GC_OK; k++) {
		st = text_cell(r, rec, CHIPS[k], &c->chip[k], err);
		if (st == GC_OK)
			st = count_cell(r, rec, QTYS[k], &c->qty[k], err);
	}
	if (st == GC_OK)
		st = count_cell(r, rec, E_H100E, &c->h100e, err);
	return st;
}

/* ---- texts and names ---- */

static bool text_add(struct text *t, const char *s, size_t n)
{
	if (!util_grow((void **)&t->s, &t->cap, t->len + n + 1, 1))
		return false;
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
	return true;
}

static bool text_set(struct text *t, const char *s)
{
	t->len = 0;
	return text_add(t, s, strlen(s));
}

/* An org as the ledger tells orgs apart: case aside, and with a tab or
 * line break as the space that TSV writes for it. Names that differ only
 * there are one org once written, so they get " #2" too. */
static bool org_key(struct text *key, const char *org)
{
	size_t i;

	if (!text_set(key, org))
		return false;
	for (i = 0; i < key->len; i++)
		if (key->s[i] == '\t' || key->s[i] == '\r' || key->s[i] == '\n')
			key->s[i] = ' ';
	return true;
}

/* The slot for key (hash h) in the index: where it is, or the empty one
 * where it would go. */
static size_t *name_slot(const struct names *s, const char *key, uint64_t h)
{
	size_t mask = s->index_cap - 1, i = (size_t)h & mask;

	while (s->index[i] != 0) {
		const struct seen_name *e = &s->items[s->index[i] - 1];

		if (e->hash == h && strcasecmp(e->key, key) == 0)
			break;
		i = (i + 1) & mask;
	}
	return &s->index[i];
}

/* Room for one more name, keeping the index under half full. */
static bool names_room(struct names *s)
{
	size_t cap = s->index_cap ? s->index_cap * 2 : 64, i;
	size_t *old = s->index;

	if (!util_grow((void **)&s->items, &s->cap, s->n + 1, sizeof *s->items))
		return false;
	if (2 * (s->n + 1) <= s->index_cap)
		return true;
	s->index = calloc(cap, sizeof *s->index);
	if (s->index == NULL) {
		s->index = old;
		return false;
	}
	free(old);
	s->index_cap = cap;
	for (i = 0; i < s->n; i++)
		*name_slot(s, s->items[i].key, s->items[i].hash) = i + 1;
	return true;
}

/* The entry of an org, added with a count of 0 if new; false when out of
 * memory. */
static bool names_get(struct reader *r, const char *org, size_t *item)
{
	struct names *s = &r->seen;
	uint64_t h;
	size_t *slot;

	if (!org_key(&r->key, org) || !names_room(s))
		return false;
	h = util_hash(r->key.s, r->key.len, true);
	slot = name_slot(s, r->key.s, h);
	if (*slot == 0) {
		struct seen_name *e = &s->items[s->n];

		e->key = strdup(r->key.s);
		if (e->key == NULL)
			return false;
		e->hash = h;
		e->count = 0;
		*slot = ++s->n;
	}
	*item = *slot - 1;
	return true;
}

/* The cluster's org: its Owner, or (--org name, or no Owner) its Name.
 * Under --org name, a Name that came before gets " #2", " #3"... by how
 * often it came, passing over any that is taken (a cluster may be named
 * "X #2" itself), so that each cluster is an org of its own. */
static bool name_org(struct reader *r, const struct cluster *c)
{
	const char *base =
		r->imp->org_by_name || *c->owner == '\0' ? c->name : c->owner;
	size_t len = strlen(base), i, j;
	char num[32];

	if (!text_set(&r->org, base))
		return false;
	if (!r->imp->org_by_name)
		return true;
	if (!names_get(r, base, &i))
		return false;
	if (r->seen.items[i].count++ == 0)
		return true;
	for (;;) {
		/* an unnamed cluster's is "#2": the ledger trims a space */
		snprintf(num, sizeof num, len == 0 ? "#%zu" : " #%zu",
			 r->seen.items[i].count);
		r->org.len = len;
		if (!text_add(&r->org, num, strlen(num)) ||
		    !names_get(r, r->org.s, &j))
			return false;
		if (r->seen.items[j].count++ == 0)
			return true;
		r->seen.items[i].count++;
	}
}

static bool make_note(struct reader *r, const struct cluster *c)
{
	return text_set(&r->note, c->name) && text_add(&r->note, "; ", 2) &&
	       text_add(&r->note, c->status, strlen(c->status)) &&
	       text_add(&r->note, "; ", 2) &&
	       text_add(&r->note, c->certainty, strlen(c->certainty));
}

/* An org or note past EPOCH_TEXT_MAX could be written but never read back
 * as a ledger, so it is refused, never cut. Only a Name near the limit gets
 * there: with " #2", or in its note. */
static enum gc_status fits(const struct reader *r, const struct csv_record *rec,
			   const struct cluster *c, struct gc_error *err)
{
	enum epoch_col from =
		r->imp->org_by_name || *c->owner == '\0' ? E_NAME : E_OWNER;

	if (r->org.len > EPOCH_TEXT_MAX)
		return bad(r, rec, from, err,
			   "%zu bytes make an org of %zu with its number, over "
			   "the limit of %d (what a ledger field holds)",
			   strlen(from == E_NAME ? c->name : c->owner),
			   r->org.len, EPOCH_TEXT_MAX);
	if (r->note.len > EPOCH_TEXT_MAX)
		return bad(r, rec, E_NAME, err,
			   "%zu bytes make a note of %zu with Status and "
			   "Certainty, over the limit of %d (what a ledger "
			   "field holds)",
			   strlen(c->name), r->note.len, EPOCH_TEXT_MAX);
	return GC_OK;
}

static enum gc_status emit_chips(struct reader *r, const struct cluster *c,
				 struct gc_error *err)
{
	enum gc_status st = GC_OK;
	size_t k;

	for (k = 0; k < 2 && st == GC_OK; k++) {
		struct epoch_row row = { c->quarter, r->org.s, c->chip[k],
					 c->qty[k],  NAN,      r->note.s };

		if (*c->chip[k] != '\0' && !isnan(c->qty[k]))
			st = r->sink(&row, r->ctx, err);
	}
	return st;
}

/* A cluster without chips, as its H100 equivalents (--keep-capacity). */
static enum gc_status emit_capacity(struct reader *r, const struct cluster *c,
				    struct gc_error *err)
{
	struct epoch_row row = { c->quarter, r->org.s, NULL,
				 NAN,	     c->h100e, r->note.s };

	return r->sink(&row, r->ctx, err);
}

const char *epoch_status_name(size_t i)
{
	static const char *const NAMES[] = { "existing", "planned",
					     "decommissioned" };

	return i < sizeof NAMES / sizeof NAMES[0] ? NAMES[i] : NULL;
}

const char *epoch_certainty_name(size_t i)
{
	static const char *const NAMES[] = { "confirmed", "likely",
					     "unlikely" };

	return i < sizeof NAMES / sizeof NAMES[0] ? NAMES[i] : NULL;
}

bool epoch_list_has(const char *list, const char *word)
{
	size_t n = strlen(word);

	while (*list != '\0') {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		while (len > 0 && (*list == ' ' || *list == '\t'))
			list++, len--;
		while (len > 0 &&
		       (list[len - 1] == ' ' || list[len - 1] == '\t'))
			len--;
		if (len == n && strncasecmp(list, word, n) == 0)
			return true;
		if (end == NULL)
			break;
		list = end + 1;
	}
	return false;
}

/* Whether the filters keep the cluster. */
static bool kept(const struct epoch_import *imp, const struct cluster *c)
{
	return (imp->statuses == NULL ||
		epoch_list_has(imp->statuses, c->status)) &&
	       (imp->certainties == NULL ||
		epoch_list_has(imp->certainties, c->certainty));
}

/* Every cluster, written or not, counts for the " #2" of its name, as in
 * the dataset's own order. */
static enum gc_status read_cluster(const struct csv_record *rec, void *ctx,
				   struct gc_error *err)
{
	struct reader *r = ctx;
	struct cluster c;
	enum gc_status st;
	bool chips, capacity;

	r->imp->clusters++;
	st = read_cells(r, rec, &c, err);
	if (st != GC_OK)
		return st;
	/* every cluster, kept or not, counts for the " #2" of its name */
	if (!name_org(r, &c))
		return oom(r, rec, err);
	if (!kept(r->imp, &c)) {
		r->imp->filtered++;
		return GC_OK;
	}
	chips = *c.chip[0] != '\0' && !isnan(c.qty[0]);
	capacity = !chips && r->imp->keep_capacity && !isnan(c.h100e);
	if (!c.dated || (!chips && !capacity)) {
		r->imp->skipped++;
		return GC_OK;
	}
	if (!make_note(r, &c))
		return oom(r, rec, err);
	st = fits(r, rec, &c, err);
	if (st != GC_OK)
		return st;
	if (chips) {
		r->imp->imported++;
		return emit_chips(r, &c, err);
	}
	r->imp->skipped++;
	r->imp->as_capacity++;
	return emit_capacity(r, &c, err);
}

static void reader_free(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->seen.n; i++)
		free(r->seen.items[i].key);
	free(r->seen.items);
	free(r->seen.index);
	free(r->org.s);
	free(r->note.s);
	free(r->key.s);
}

enum gc_status epoch_clusters_read(FILE *in, const char *name,
				   struct epoch_import *imp, epoch_sink sink,
				   void *ctx, struct gc_error *err)
{
	struct reader r;
	struct csvread_table t = { read_header, read_cluster, NULL, &r, 0 };
	enum gc_status st;

	memset(&r, 0, sizeof r);
	r.file = name;
	r.imp = imp;
	r.sink = sink;
	r.ctx = ctx;
	imp->clusters = imp->imported = imp->skipped = imp->as_capacity = 0;
	st = csvread_file(in, NULL, 0, name, ',', &t, err);
	reader_free(&r);
	if (st == GC_OK && t.ncols == 0)
		return gc_fail(err, GC_DATA, name, 1, 1, "empty file");
	return st;
}
