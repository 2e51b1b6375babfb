/* The printer: looks a format up by name and hands it rows. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "table_impl.h"
#include "util.h"

static const struct format *const FORMATS[] = {
	&FMT_TABLE, &FMT_CSV, &FMT_TSV, &FMT_JSON, &FMT_NDJSON, &FMT_MARKDOWN,
};

const char *printer_format_name(size_t i)
{
	return i < sizeof FORMATS / sizeof FORMATS[0] ? FORMATS[i]->name : NULL;
}

const char *printer_formats(void)
{
	static char list[128];
	size_t i, n = 0;

	if (list[0] != '\0') /* made once, by the first caller */
		return list;
	for (i = 0; printer_format_name(i) != NULL; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
				      i > 0 ? ", " : "",
				      printer_format_name(i));
	return list;
}

static const struct format *find_format(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof FORMATS / sizeof FORMATS[0]; i++)
		if (strcasecmp(name, FORMATS[i]->name) == 0)
			return FORMATS[i];
	return NULL;
}

bool printer_format_known(const char *name)
{
	return find_format(name) != NULL;
}

enum gc_status printer_open(struct printer **out, const char *format,
			    FILE *sink, const struct table_col *cols,
			    size_t ncols, struct gc_error *err)
{
	const struct format *fmt = find_format(format);
	struct printer *p;

	if (fmt == NULL)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "unknown format '%s' (expected one of %s)",
			       format, printer_formats());
	p = calloc(1, sizeof *p);
	if (p != NULL)
		p->scratch = calloc(ncols + 1, sizeof *p->scratch);
	if (p == NULL || p->scratch == NULL) {
		free(p);
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	p->fmt = fmt;
	p->out = sink;
	p->cols = cols;
	p->ncols = ncols;
	if (fmt->begin != NULL)
		fmt->begin(p);
	*out = p;
	return GC_OK;
}

void printer_color(struct printer *p, bool on)
{
	p->color = on;
}

void printer_medians(struct printer *p, bool on)
{
	p->medians = on;
}

/* No format prints a figure that is not finite: it is undefined, as
 * growth against zero is (the series are scrubbed already; this keeps
 * every other table, convert's and the catalog's, to the same rule). */
static double finite_or_nan(double v)
{
	return isfinite(v) ? v : NAN;
}

enum gc_status printer_row(struct printer *p, const struct cell *cells)
{
	struct cell *c = p->scratch;
	enum gc_status st;
	size_t i;

	for (i = 0; i < p->ncols; i++) {
		c[i] = cells[i];
		c[i].num = finite_or_nan(c[i].num);
		c[i].lo = finite_or_nan(c[i].lo);
		c[i].hi = finite_or_nan(c[i].hi);
	}
	st = p->fmt->row(p, c);

	if (st == GC_OK)
		p->nrows++;
	return st;
}

enum gc_status printer_close(struct printer *p, struct gc_error *err)
{
	enum gc_status st = p->fmt->end(p);
	bool failed;

	errno = 0;
	failed = fflush(p->out) != 0 || ferror(p->out);
	free(p->scratch);
	free(p);
	if (st != GC_OK)
		return gc_fail(err, st, NULL, 0, 0, "out of memory");
	if (failed)
		return gc_fail(err, GC_IO, NULL, 0, 0, "write error: %s",
			       strerror(errno ? errno : EIO));
	return GC_OK;
}

void printer_discard(struct printer *p)
{
	if (p == NULL)
		return;
	if (p->fmt->discard != NULL)
		p->fmt->discard(p);
	free(p->scratch);
	free(p);
}

/* ---- numbers for people ---- */

/* Inserts ',' every three digits of the integer part of a "%.Nf" text. */
static void group_thousands(const char *plain, char *buf)
{
	const char *digits = plain + (plain[0] == '-');
	const char *dot = strchr(digits, '.');
	size_t intlen = dot ? (size_t)(dot - digits) : strlen(digits);
	size_t i;
	char *o = buf;

	if (plain[0] == '-')
		*o++ = '-';
	for (i = 0; i < intlen; i++) {
		if (i > 0 && (intlen - i) % 3 == 0)
			*o++ = ',';
		*o++ = digits[i];
	}
	strcpy(o, digits + intlen);
}

/* Decimals shown for a type; counts keep one decimal for small fractions so
 * that 0.6 H100e does not read as 1. */
static int decimals(double v, enum cell_type t)
{
	switch (t) {
	case CT_PCT:
	case CT_FIGURE:
		return 1;
	case CT_RATIO:
		return 3;
	case CT_MW:
		return 2;
	case CT_COUNT:
		return fabs(v) < 100 && fabs(v - round(v)) >= 0.05 ? 1 : 0;
	case CT_USD: /* an hour of an H100e is worth cents */
		return fabs(v) < 100 && v != round(v) ? 2 : 0;
	default:
		return 0;
	}
}

char *table_human(double v, enum cell_type t, char *buf)
{
	char plain[TABLE_NUM_MAX];
	locale_t loc;
	int d;

	if (isnan(v)) {
		strcpy(buf, "\xE2\x80\x93"); /* en dash */
		return buf;
	}
	if (t == CT_BOOL) {
		strcpy(buf, v != 0 ? "true" : "false");
		return buf;
	}
	d = decimals(v, t);
	loc = util_c_numeric_begin();
	if (t == CT_SCI) {
		snprintf(buf, TABLE_NUM_MAX, "%.4g", v);
		util_c_numeric_end(loc);
		return buf;
	}
	if (fabs(v) >= 1e30)
		snprintf(plain, sizeof plain, "%.3g", v);
	else
		snprintf(plain, sizeof plain, "%.*f", d, v);
	util_c_numeric_end(loc);
	if (fabs(v) >= 1e30) {
		strcpy(buf, plain);
		return buf;
	}
	/* -0.0 and values that round to zero print without a sign. */
	if (strspn(plain, "-0.") == strlen(plain) && plain[0] == '-')
		memmove(plain, plain + 1, strlen(plain));
	if (t == CT_INT)
		strcpy(buf, plain);
	else
		group_thousands(plain, buf);
	return buf;
}

char *table_human_range(double v, double lo, double hi, enum cell_type t,
			char *buf)
{
	char a[TABLE_NUM_MAX], b[TABLE_NUM_MAX];

	table_human(isinf(lo) ? NAN : lo, t, a);
	table_human(isinf(hi) ? NAN : hi, t, b);
	if ((isnan(lo) || isinf(lo)) && (isnan(hi) || isinf(hi)))
		table_human(v, t, buf);
	else if (isnan(hi) || isinf(hi))
		snprintf(buf, TABLE_RANGE_MAX, "\xE2\x89\xA5%s", a); /* >= */
	else if (isnan(lo) || isinf(lo))
		snprintf(buf, TABLE_RANGE_MAX, "\xE2\x89\xA4%s", b); /* <= */
	else if (strcmp(a, b) == 0) /* the same, as people read it */
		strcpy(buf, a);
	else
		snprintf(buf, TABLE_RANGE_MAX, "%s\xE2\x80\x93%s", a, b);
	return buf;
}
