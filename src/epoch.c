#include "gpucap/epoch.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
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

/* Cluster names seen so far, and how often. */
struct seen_name {
	char *name;
	size_t count;
};

struct names {
	struct seen_name *items;
	size_t n, cap;
};

struct reader {
	const char *file;
	struct epoch_import *imp;
	epoch_sink sink;
	void *ctx;
	long col[E_COUNT]; /* 0-based file column + 1; 0 absent */
	struct names seen; /* cluster names so far, for " #2" */
};

/* Reads min to max digits at *p, moving past them. */
static bool read_int(const char **p, size_t min, size_t max, int *out)
{
	size_t n = 0;
	int v = 0;

	while (n < max && isdigit((unsigned char)(*p)[n])) {
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n < min || isdigit((unsigned char)(*p)[n]))
		return false;
	*p += n;
	*out = v;
	return true;
}

bool epoch_date_quarter(const char *s, int *quarter)
{
	const char *p = s;
	int m, d, y;

	if (strchr(s, '/') == NULL)
		return strchr(s, '-') != NULL && quarter_parse(s, quarter);
	while (*p == ' ')
		p++;
	if (!read_int(&p, 1, 2, &m) || *p++ != '/' || !read_int(&p, 1, 2, &d) ||
	    *p++ != '/' || !read_int(&p, 4, 4, &y))
		return false;
	while (*p == ' ')
		p++;
	if (*p != '\0' || m < 1 || m > 12 || d < 1 || d > 31 ||
	    y < QUARTER_YEAR_MIN)
		return false;
	*quarter = quarter_make(y, (m - 1) / 3 + 1);
	return true;
}

static const char *field(const struct reader *r, const struct csv_record *rec,
			 enum epoch_col c)
{
	const char *s;

	if (r->col[c] == 0)
		return "";
	s = rec->fields[r->col[c] - 1];
	while (*s == ' ')
		s++;
	return s;
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

/* How often name came before; the first time, 0. */
static size_t seen_before(struct names *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->items[i].name, name) == 0)
			return s->items[i].count++;
	if (!util_grow((void **)&s->items, &s->cap, s->n + 1, sizeof *s->items))
		return 0;
	s->items[s->n].name = strdup(name);
	s->items[s->n].count = 1;
	if (s->items[s->n].name != NULL)
		s->n++;
	return 0;
}

/* A positive quantity in the ledger's syntax; NaN when there is none. */
static double quantity(const char *s)
{
	struct quantity q;
	const char *why;

	if (*s == '\0' || !qty_parse(s, &q, &why) || !(q.value > 0))
		return NAN;
	return q.value;
}

struct cluster {
	int quarter;
	char org[512];
	char note[1024];
	const char *chip[2];
	double qty[2];
	double h100e;
};

static void describe(struct reader *r, const struct csv_record *rec,
		     struct cluster *c)
{
	const char *name = field(r, rec, E_NAME);
	const char *owner = field(r, rec, E_OWNER);
	size_t before = r->imp->org_by_name ? seen_before(&r->seen, name) : 0;

	if (r->imp->org_by_name && before > 0)
		snprintf(c->org, sizeof c->org, "%s #%zu", name, before + 1);
	else
		snprintf(c->org, sizeof c->org, "%s",
			 r->imp->org_by_name || *owner == '\0' ? name : owner);
	snprintf(c->note, sizeof c->note, "%s; %s; %s", name,
		 field(r, rec, E_STATUS), field(r, rec, E_CERTAINTY));
	c->chip[0] = field(r, rec, E_CHIP1);
	c->chip[1] = field(r, rec, E_CHIP2);
	c->qty[0] = quantity(field(r, rec, E_QTY1));
	c->qty[1] = quantity(field(r, rec, E_QTY2));
	c->h100e = quantity(field(r, rec, E_H100E));
}

static enum gc_status emit_chips(struct reader *r, const struct cluster *c,
				 struct gc_error *err)
{
	enum gc_status st = GC_OK;
	size_t k;

	for (k = 0; k < 2 && st == GC_OK; k++) {
		struct epoch_row row = { c->quarter, c->org, c->chip[k],
					 c->qty[k],  NAN,    c->note };

		if (*c->chip[k] != '\0' && !isnan(c->qty[k]))
			st = r->sink(&row, r->ctx, err);
	}
	return st;
}

static enum gc_status read_cluster(const struct csv_record *rec, void *ctx,
				   struct gc_error *err)
{
	struct reader *r = ctx;
	struct cluster c;
	bool dated, chips;

	r->imp->clusters++;
	describe(r, rec, &c);
	dated = epoch_date_quarter(field(r, rec, E_DATE), &c.quarter);
	chips = *c.chip[0] != '\0' && !isnan(c.qty[0]);
	if (dated && chips) {
		r->imp->imported++;
		return emit_chips(r, &c, err);
	}
	r->imp->skipped++;
	if (dated && r->imp->keep_capacity && !isnan(c.h100e)) {
		struct epoch_row row = { c.quarter, c.org,   NULL,
					 NAN,	    c.h100e, c.note };

		r->imp->as_capacity++;
		return r->sink(&row, r->ctx, err);
	}
	return GC_OK;
}

static void names_free(struct names *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->items[i].name);
	free(s->items);
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
	names_free(&r.seen);
	if (st == GC_OK && t.ncols == 0)
		return gc_fail(err, GC_DATA, name, 1, 1, "empty file");
	return st;
}
