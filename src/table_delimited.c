/* Streaming delimited formats (csv, tsv): a header line, then one line a
 * row as it comes. Numbers are raw (shortest text that reads back as the
 * same double); undefined is an empty field. */
#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/quantity.h"
#include "table_impl.h"

/* CSV quotes a field only when RFC 4180 needs it; libcsv does the quoting. */
static void csv_text(FILE *out, const char *s)
{
	size_t n = strlen(s);

	if (strpbrk(s, ",\"\r\n") != NULL ||
	    (n > 0 && (s[0] == ' ' || s[n - 1] == ' ')))
		csv_fwrite(out, s, n);
	else
		fputs(s, out);
}

/* TSV keeps a row to a line: a tab or line break inside a field becomes
 * a space. gpucap reads TSV as CSV with tabs, so a field with a '"' (or
 * blanks at its ends, which the reader would trim) is quoted the CSV way,
 * and reads back as it was written. */
static void tsv_text(FILE *out, const char *s)
{
	size_t n = strlen(s), i;
	char *flat = malloc(n + 1);

	if (flat == NULL) { /* the stream's error flag tells the printer */
		fputs(s, out);
		return;
	}
	for (i = 0; i <= n; i++)
		flat[i] = s[i] != '\0' && strchr("\t\r\n", s[i]) ? ' ' : s[i];
	if (strchr(flat, '"') != NULL ||
	    (n > 0 && (flat[0] == ' ' || flat[n - 1] == ' ')))
		csv_fwrite(out, flat, n);
	else
		fputs(flat, out);
	free(flat);
}

static void number(FILE *out, double v, enum cell_type t)
{
	char buf[QTY_FMT_MAX];

	if (isnan(v))
		return;
	if (t == CT_BOOL)
		fputs(v != 0 ? "true" : "false", out);
	else
		fputs(qty_format(v, buf), out);
}

/* A column with bounds is three: NAME, NAME_low, NAME_high. */
static void header(struct printer *p, char delim,
		   void (*text)(FILE *, const char *))
{
	size_t i;

	for (i = 0; i < p->ncols; i++) {
		if (i > 0)
			fputc(delim, p->out);
		text(p->out, p->cols[i].name);
		if (p->cols[i].bounds)
			fprintf(p->out, "%c%s_low%c%s_high", delim,
				p->cols[i].name, delim, p->cols[i].name);
	}
	fputc('\n', p->out);
}

static void line(struct printer *p, const struct cell *cells, char delim,
		 void (*text)(FILE *, const char *))
{
	size_t i;

	if (cells == NULL) {
		header(p, delim, text);
		return;
	}
	for (i = 0; i < p->ncols; i++) {
		enum cell_type t = p->cols[i].type;

		if (i > 0)
			fputc(delim, p->out);
		if (t == CT_TEXT)
			text(p->out, cells[i].text ? cells[i].text : "");
		else
			number(p->out, cells[i].num, t);
		if (!p->cols[i].bounds)
			continue;
		fputc(delim, p->out);
		number(p->out, cells[i].lo, t);
		fputc(delim, p->out);
		number(p->out, cells[i].hi, t);
	}
	fputc('\n', p->out);
}

static void csv_begin(struct printer *p)
{
	line(p, NULL, ',', csv_text);
}

static enum gc_status csv_row(struct printer *p, const struct cell *cells)
{
	line(p, cells, ',', csv_text);
	return GC_OK;
}

static void tsv_begin(struct printer *p)
{
	line(p, NULL, '\t', tsv_text);
}

static enum gc_status tsv_row(struct printer *p, const struct cell *cells)
{
	line(p, cells, '\t', tsv_text);
	return GC_OK;
}

static enum gc_status no_end(struct printer *p)
{
	(void)p;
	return GC_OK;
}

const struct format FMT_CSV = { "csv", csv_begin, csv_row, no_end, NULL };
const struct format FMT_TSV = { "tsv", tsv_begin, tsv_row, no_end, NULL };
