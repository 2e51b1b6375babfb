/* gpucap import epoch-chip-owners FILE...: Epoch AI's chip-owner and
 * chip-sales exports (read as ledgers, SPEC 3.4) written again in
 * gpucap's own columns, for a user who wants to edit them. A quarter's
 * purchases stay a row each; the parts of a stock (a chip's share of an
 * owner's running total) are summed into one level per owner and quarter,
 * which a plain ledger holds once. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alias.h"
#include "cli_impl.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "util.h"

enum {
	W_QUARTER,
	W_ORG,
	W_MODEL,
	W_UNITS,
	W_UNITS_LO,
	W_UNITS_HI,
	W_TOTAL,
	W_TOTAL_LO,
	W_TOTAL_HI,
	W_INCOMPLETE,
	W_NOTE,
	W_COUNT
};

static const struct table_col OWNER_COLS[W_COUNT] = {
	{ "quarter", CT_TEXT, false },
	{ "org", CT_TEXT, false },
	{ "model", CT_TEXT, false },
	{ "units", CT_COUNT, false },
	{ "units_p5", CT_COUNT, false },
	{ "units_p95", CT_COUNT, false },
	{ "total_h100e", CT_COUNT, false },
	{ "total_h100e_p5", CT_COUNT, false },
	{ "total_h100e_p95", CT_COUNT, false },
	{ "incomplete", CT_BOOL, false },
	{ "note", CT_TEXT, false },
};

/* A row kept until every file is read: its figure and ends, and where it
 * stood, so the output keeps the files' order. */
struct kept {
	size_t order;
	int quarter;
	char *org, *model, *note;
	bool stock, incomplete;
	double mid, lo, hi;
};

struct owners {
	struct kept *rows;
	size_t n, cap;
};

static char *dup_or_null(const char *s, bool *ok)
{
	char *d = s ? strdup(s) : NULL;

	*ok = *ok && (s == NULL || d != NULL);
	return d;
}

/* The row's one figure and its ends (a plain figure is its own ends). */
static void figure_of(const struct ledger_row *row, enum ledger_fig fig,
		      double mid, struct kept *k)
{
	k->mid = mid;
	k->lo = row->ranged ? row->low[fig] : mid;
	k->hi = row->ranged ? row->high[fig] : mid;
}

static enum gc_status keep_row(const struct ledger_row *row, void *ctx,
			       struct gc_error *err)
{
	struct owners *w = ctx;
	struct kept *k;
	bool ok = true;

	if (row->kind != ROW_BUY && row->kind != ROW_TOTAL)
		return ledger_row_fail(err, row, LC_QUARTER,
				       "not a purchase or a stock: import "
				       "epoch-chip-owners reads Epoch AI's "
				       "chip-owner exports");
	if (!util_grow((void **)&w->rows, &w->cap, w->n + 1, sizeof *k))
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	k = &w->rows[w->n];
	memset(k, 0, sizeof *k);
	k->order = w->n;
	k->quarter = row->quarter;
	k->stock = row->kind == ROW_TOTAL;
	k->incomplete = row->incomplete;
	k->org = dup_or_null(row->org, &ok);
	k->model = k->stock ? NULL : dup_or_null(row->model, &ok);
	k->note = dup_or_null(row->note, &ok);
	if (k->stock)
		figure_of(row, LF_TOTAL, row->total, k);
	else
		figure_of(row, LF_UNITS, row->units, k);
	w->n++;
	return ok ? GC_OK : gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
}

/* Stocks of one owner and quarter together, in file order; purchases
 * after them, each alone. */
static int by_stock(const void *a, const void *b)
{
	const struct kept *x = a, *y = b;
	int d = (int)y->stock - (int)x->stock;

	if (d == 0 && x->stock)
		d = strcasecmp(x->org, y->org);
	if (d == 0 && x->stock)
		d = (x->quarter > y->quarter) - (x->quarter < y->quarter);
	return d != 0 ? d : (x->order > y->order) - (x->order < y->order);
}

static int by_order(const void *a, const void *b)
{
	const struct kept *x = a, *y = b;

	return (x->order > y->order) - (x->order < y->order);
}

static void kept_free(struct kept *k)
{
	free(k->org);
	free(k->model);
	free(k->note);
	k->org = k->model = k->note = NULL;
}

/* Each owner's stock parts of a quarter summed into the first of them
 * (the ends too: parts move together); the others dropped. */
static void merge_parts(struct owners *w)
{
	size_t i, j, n = 0;

	qsort(w->rows, w->n, sizeof *w->rows, by_stock);
	for (i = 0; i < w->n; i = j) {
		struct kept *first = &w->rows[i];

		for (j = i + 1; j < w->n && first->stock && w->rows[j].stock &&
				w->rows[j].quarter == first->quarter &&
				strcasecmp(w->rows[j].org, first->org) == 0;
		     j++) {
			first->mid += w->rows[j].mid;
			first->lo += w->rows[j].lo;
			first->hi += w->rows[j].hi;
			first->incomplete |= w->rows[j].incomplete;
			kept_free(&w->rows[j]);
			/* one part's name is not the sum's */
			free(first->note);
			first->note = NULL;
		}
		w->rows[n++] = *first;
	}
	w->n = n;
	qsort(w->rows, w->n, sizeof *w->rows, by_order);
}

static struct cell text_cell(const char *s)
{
	struct cell c = { s, NAN, false, NAN, NAN };

	return c;
}

static struct cell num_cell(double v)
{
	struct cell c = { NULL, v, false, NAN, NAN };

	return c;
}

static enum gc_status write_kept(const struct kept *k, struct printer *p)
{
	struct cell c[W_COUNT];
	char q[QUARTER_FMT_MAX];
	int f;

	for (f = 0; f < W_COUNT; f++)
		c[f] = num_cell(NAN);
	c[W_QUARTER] = text_cell(quarter_format(k->quarter, q));
	c[W_ORG] = text_cell(k->org);
	c[W_MODEL] = text_cell(k->model);
	c[W_INCOMPLETE] = num_cell(k->incomplete ? 1 : 0);
	c[W_NOTE] = text_cell(k->note);
	f = k->stock ? W_TOTAL : W_UNITS;
	c[f] = num_cell(k->mid);
	/* ends only where they differ: a certain figure stays plain */
	if (k->lo != k->hi) {
		c[f + 1] = num_cell(k->lo);
		c[f + 2] = num_cell(k->hi);
	}
	return printer_row(p, c);
}

static enum gc_status write_rows(void *ctx, struct printer *p,
				 struct gc_error *err)
{
	const struct owners *w = ctx;
	size_t i;

	for (i = 0; i < w->n; i++)
		if (write_kept(&w->rows[i], p) != GC_OK)
			return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	return GC_OK;
}

static enum gc_status read_all(const struct options *o, struct owners *w,
			       struct gc_error *err)
{
	struct aliases *al;
	enum gc_status st = cli_aliases(o, &al, err);
	struct ledger_opts lo;
	int i;

	cli_ledger_opts(o, al, &lo);
	for (i = 1; st == GC_OK && i < o->nargs; i++)
		st = ledger_read(o->args[i], &lo, keep_row, w, err);
	aliases_free(al);
	return st;
}

enum gc_status import_owners(const struct options *o, struct gc_error *err)
{
	struct owners w = { NULL, 0, 0 };
	struct cli_request r;
	enum gc_status st = read_all(o, &w, err);
	size_t i;

	if (st == GC_OK) {
		merge_parts(&w);
		cli_request_init(&r, o);
		st = cli_print(&r, OWNER_COLS, W_COUNT, write_rows, &w, err);
	}
	for (i = 0; i < w.n; i++)
		kept_free(&w.rows[i]);
	free(w.rows);
	return st;
}
