/* The checks-file reader (check_list_read) on bytes as they come: BOMs,
 * NULs, CRs, long lines, invalid UTF-8. What it accepts is every check
 * evaluated on a small series (with an org named like the total, and
 * figures that are infinite or undefined); what it refuses is a usage
 * error located at a line and column. The same bytes with their line
 * breaks made LF and a leading BOM dropped read the same: the line ends
 * and the BOM change nothing but the bytes. */
#include <math.h>

#include "fuzz.h"
#include "gpucap/check.h"

/* "all" (an org), "x" (figures too big to compute, and undefined ones),
 * then the total rows; low and high bound them, some without a bound. */
#define NROWS 6
static struct series_row ROWS[NROWS], LOW[NROWS], HIGH[NROWS];

static void fill(void)
{
	static const char *const ORGS[] = { "all", "x", SERIES_TOTAL_ORG };
	size_t i;

	for (i = 0; i < NROWS; i++) {
		struct series_row *r = &ROWS[i];

		memset(r, 0, sizeof *r);
		r->org = ORGS[i / 2];
		r->total = i >= 4;
		r->quarter = 2024 * 4 + (int)(i % 2);
		r->h100e = i / 2 == 1 ? INFINITY : 100.0 * (double)(i + 1);
		r->qoq = i % 2 ? (i / 2 == 1 ? INFINITY : 1e-14) : NAN;
		r->added = i / 2 == 1 ? -INFINITY : 100;
		r->spend = i / 2 == 1 ? NAN : 2.2e-14;
		r->units = r->retired = r->reported = r->gap = NAN;
		r->yoy = r->ytd = r->cum_spend = NAN;
		r->usd_per_h100e = r->power_mw = NAN;
		LOW[i] = HIGH[i] = *r;
		LOW[i].h100e /= 2;
		HIGH[i].h100e *= 2;
		HIGH[i].qoq = NAN;
	}
}

#define BOM "\xEF\xBB\xBF"

/* The input with every CR LF and lone CR made LF (bom: after a byte order
 * mark); *n its length. */
static char *variant(const uint8_t *data, size_t size, bool bom, size_t *n)
{
	char *out = malloc(size + 4);
	size_t i, o = 0;

	if (out == NULL)
		return NULL;
	if (bom) {
		memcpy(out, BOM, 3);
		memcpy(out + 3, data, size);
		*n = size + 3;
		return out;
	}
	for (i = 0; i < size; i++) {
		if (data[i] == '\r' && i + 1 < size && data[i + 1] == '\n')
			continue;
		out[o++] = data[i] == '\r' ? '\n' : (char)data[i];
	}
	*n = o;
	return out;
}

struct reading {
	struct check_list l;
	struct gc_error err;
	enum gc_status st;
};

static void read_all(const void *data, size_t size, struct reading *r)
{
	FILE *in = fuzz_stream(data, size);

	memset(r, 0, sizeof *r);
	r->st = GC_IO;
	if (in == NULL)
		return;
	r->st = check_list_read(&r->l, in, "fuzz", &r->err);
	fclose(in);
}

/* The check on s, directly and through the index: the same result. */
static void eval_both(const struct check *c, const struct series *s,
		      const struct check_index *ix, struct check_result *r)
{
	struct check_result b;

	check_eval(c, s, r);
	check_eval_in(c, ix, &b);
	FUZZ_ASSERT(r->ok == b.ok && r->uncertain == b.uncertain);
	FUZZ_ASSERT(strcmp(r->why, b.why) == 0);
	FUZZ_ASSERT(memcmp(&r->got, &b.got, sizeof b.got) == 0);
}

/* No check holds on a figure that is not finite, and no result carries
 * one. */
static void evaluate(const struct check_list *l)
{
	struct series plain = {
		.rows = ROWS,
		.n = NROWS,
	};
	struct series ranged = {
		.rows = ROWS, .n = NROWS, .low = LOW, .high = HIGH
	};
	struct check_index pi, ri;
	struct gc_error err;
	size_t i;

	if (check_index_init(&pi, &plain, &err) != GC_OK)
		return;
	if (check_index_init(&ri, &ranged, &err) != GC_OK) {
		check_index_free(&pi);
		return;
	}
	for (i = 0; i < l->n; i++) {
		struct check_result r;
		const struct check *c = &l->items[i];

		FUZZ_ASSERT(strlen(c->text) < CHECK_TEXT_MAX);
		eval_both(c, &plain, &pi, &r);
		FUZZ_ASSERT(!isinf(r.got));
		FUZZ_ASSERT(!r.ok || isfinite(r.got));
		FUZZ_ASSERT(r.ok || r.why[0] != '\0' || !isnan(r.got));
		eval_both(c, &ranged, &ri, &r);
		FUZZ_ASSERT(!isinf(r.got));
		FUZZ_ASSERT(!(r.ok || r.uncertain) || isfinite(r.got));
		FUZZ_ASSERT(!(r.ok && r.uncertain));
	}
	check_index_free(&pi);
	check_index_free(&ri);
}

/* b read what a read: the same checks, or the same error at the same
 * place. */
static void same(const struct reading *a, const struct reading *b)
{
	size_t i;

	FUZZ_ASSERT(a->st == b->st && a->l.n == b->l.n);
	for (i = 0; i < a->l.n; i++)
		FUZZ_ASSERT(strcmp(a->l.items[i].text, b->l.items[i].text) ==
			    0);
	if (a->st == GC_OK)
		return;
	FUZZ_ASSERT(a->err.line == b->err.line && a->err.col == b->err.col);
	FUZZ_ASSERT(strcmp(a->err.msg, b->err.msg) == 0);
}

/* The variant (line ends made LF, or a BOM before) of the input. */
static void check_variant(const uint8_t *data, size_t size, bool bom,
			  const struct reading *a)
{
	struct reading b;
	size_t n;
	char *v = variant(data, size, bom, &n);

	if (v == NULL)
		return;
	read_all(v, n, &b);
	same(a, &b);
	check_list_free(&b.l);
	free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reading a;

	fill();
	read_all(data, size, &a);
	if (a.st == GC_IO)
		return 0;
	FUZZ_ASSERT(a.st == GC_OK || a.st == GC_USAGE);
	if (a.st == GC_USAGE)
		FUZZ_ASSERT(a.err.line >= 1 && a.err.col >= 1);
	check_variant(data, size, false, &a);
	if (size < 3 || memcmp(data, BOM, 3) != 0)
		check_variant(data, size, true, &a);
	/* the checks before an error are well-formed too */
	evaluate(&a.l);
	check_list_free(&a.l);
	return 0;
}
