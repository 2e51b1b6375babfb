/* CSV and TSV ledgers: a header naming the columns, then one row a line.
 * A big file is read on several threads (ledger_par.c). */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvread.h"
#include "ledger_impl.h"
#include "ledger_csv.h"
#include "util.h"

/* Parts of this many bytes keep both cores busy with a few megabytes in
 * flight; files under PAR_MIN read faster on one thread than it takes to
 * start others. A big file is read in parts even on one thread, for the
 * memo of names each parsing thread keeps. */
#define PAR_BLOCK LEDGER_PAR_BLOCK
#define PAR_MIN	  (4 * PAR_BLOCK)

struct csv_load {
	const struct ledger_load *ld;
	const char *name;
	struct ledger_csv_header h;
	struct ledger_cells cells; /* the last row's */
	bool cells_ready;
};

/* Each header cell's column; those naming none gathered in unread. */
static enum gc_status map_header(struct csv_load *ld,
				 const struct csv_record *rec,
				 struct ledger_unread *unread,
				 struct gc_error *err)
{
	struct ledger_csv_header *h = &ld->h;
	size_t i;

	for (i = 0; i < rec->n; i++) {
		int c = ledger_col_find(ld->ld->opts, rec->fields[i]);
		struct ledger_loc at = { rec->line, (long)i + 1 };

		h->map[i] = c;
		if (c == -1 && rec->lens[i] > 0 &&
		    !ledger_unread_add(unread, rec->fields[i], at))
			return gc_fail(err, GC_IO, ld->name, rec->line, 0,
				       "out of memory");
		if (c >= 0 && h->col[c] != 0)
			return gc_fail(
				err, GC_DATA, ld->name, rec->line, (long)i + 1,
				"column '%s' means %s, as column %ld "
				"already does",
				rec->fields[i], ledger_col_name(c), h->col[c]);
		if (c >= 0)
			h->col[c] = (long)i + 1;
	}
	return GC_OK;
}

/* A header without a quarter column reads as nothing. */
static enum gc_status has_quarter(const struct csv_load *ld,
				  const struct csv_record *rec,
				  struct gc_error *err)
{
	const struct ledger_csv_header *h = &ld->h;

	/* a start date says whose file it is: Epoch AI's, dated by its end */
	if (h->col[LC_QUARTER] == 0 &&
	    (h->col[LC_START] != 0 || h->col[LC_SERIES_START] != 0))
		return gc_fail(err, GC_DATA, ld->name, rec->line, 1,
			       "an Epoch AI chip-owner file needs an end date "
			       "column (End date or end_date)");
	if (h->col[LC_QUARTER] == 0)
		return gc_fail(err, GC_DATA, ld->name, rec->line, 1,
			       "no quarter column in the header (expected one "
			       "of quarter, period, q, date)");
	return GC_OK;
}

static enum gc_status read_header(const struct csv_record *rec, void *ctx,
				  struct gc_error *err)
{
	struct csv_load *ld = ctx;
	struct ledger_unread unread = { 0 };
	enum gc_status st;

	ld->h.map = malloc(rec->n * sizeof *ld->h.map);
	if (ld->h.map == NULL)
		return gc_fail(err, GC_IO, ld->name, rec->line, 0,
			       "out of memory");
	ld->h.ncols = rec->n;
	st = map_header(ld, rec, &unread, err);
	/* the columns not read are told even when the header fails: a
	 * misspelt quarter column is why there is none */
	ledger_unread_warn(ld->ld, &unread, "column");
	return st == GC_OK ? has_quarter(ld, rec, err) : st;
}

/* Whether a column holds numbers: its decimal commas are read. */
static bool number_col(int c)
{
	return c == LC_UNITS || c == LC_SPEND || c == LC_H100E ||
	       c == LC_TOTAL || (c >= LC_UNITS_LO && c <= LC_TOTAL_HI);
}

/* A decimal comma (a ',' between two digits) made a decimal point, in
 * place. A cell is left as written, for the number reader to judge (and
 * any error to quote as the user wrote it), when it has a '.' of its own
 * (not a range's ".."): "1.234,5", a dot grouping thousands, is refused,
 * not read as 1.2345; and when a number of it has more than one comma:
 * "1,000,000" is no decimal, so its commas group thousands. */
static void decimal_point(char *s, size_t n)
{
	size_t i, commas = 0;

	for (i = 0; i < n; i++) {
		bool range = (i + 1 < n && s[i + 1] == '.') ||
			     (i > 0 && s[i - 1] == '.');

		if (s[i] == '.' && !range)
			return;
		commas = s[i] == '.' ? 0 : commas + (s[i] == ',');
		if (commas > 1)
			return;
	}
	for (i = 1; i + 1 < n; i++)
		if (s[i] == ',' && isdigit((unsigned char)s[i - 1]) &&
		    isdigit((unsigned char)s[i + 1]))
			s[i] = '.';
}

void ledger_csv_cells(const struct ledger_csv_header *h,
		      const struct csv_record *rec, struct ledger_cells *cells,
		      bool *ready)
{
	size_t i;

	/* a column's place in the row is the header's: set once */
	if (!*ready) {
		memset(cells, 0, sizeof *cells);
		for (i = 0; i < rec->n; i++)
			if (h->map[i] >= 0) {
				cells->at[h->map[i]].col = (long)i + 1;
				cells->present |= UINT32_C(1) << h->map[i];
			}
		cells->marked = true;
	}
	*ready = true;
	cells->fiscal_year_end = h->fiscal_year_end;
	for (i = 0; i < rec->n; i++) {
		int c = h->map[i];

		if (c < 0)
			continue;
		if (h->decimal_comma && number_col(c))
			decimal_point(rec->fields[i], rec->lens[i]);
		cells->text[c] = rec->fields[i];
		cells->len[c] = rec->lens[i];
		cells->at[c].line = rec->line;
	}
}

static enum gc_status read_row(const struct csv_record *rec, void *ctx,
			       struct gc_error *err)
{
	struct csv_load *cl = ctx;

	ledger_csv_cells(&cl->h, rec, &cl->cells, &cl->cells_ready);
	return ledger_emit(cl->ld, &cl->cells, rec->line, err);
}

static bool skip_row(void *ctx, const struct gc_error *err)
{
	const struct csv_load *cl = ctx;

	return ledger_skip(cl->ld, GC_DATA, err);
}

static enum gc_status check_header(const struct csvread_table *t,
				   enum gc_status st, const char *name,
				   struct gc_error *err)
{
	if (st == GC_OK && t->ncols == 0)
		return gc_fail(err, GC_DATA, name, 1, 1,
			       "empty ledger (no header line)");
	return st;
}

enum gc_status ledger_csv_read_parts(const struct csvread_src *src,
				     long long start, char delim, size_t block,
				     int threads, const struct ledger_load *ld,
				     struct gc_error *err)
{
	struct csv_load cl = {
		.ld = ld,
		.name = ld->name,
		.h.decimal_comma = delim == ';',
		.h.fiscal_year_end = ld->opts->fiscal_year_end,
	};
	/* The header's part ends with the header's line; rows before its
	 * line break (lines ended by CR alone) are read here. */
	struct csvread_table table = { read_header, read_row, skip_row, &cl,
				       0 };
	struct csvread_part head = { start, start, true, 0, 0 };
	struct ledger_par_in in = { src, &cl.h, delim,	 start, 0,
				    0,	 block, threads, false, false };
	enum gc_status st =
		csvread_part(src, &head, ld->name, delim, &table, err);

	st = check_header(&table, st, ld->name, err);
	if (st == GC_OK && head.end < src->size) {
		in.body = head.end;
		in.body_line = head.lines + 1;
		st = ledger_par_read(&in, ld, err);
	}
	free(cl.h.map);
	return st;
}

/* The threads asked for, or one a core (util_threads keeps to
 * LEDGER_THREADS_MAX: the two are one limit). */
_Static_assert(UTIL_THREADS_MAX <= LEDGER_THREADS_MAX, "one limit");

static int par_threads(const struct ledger_opts *o)
{
	return util_threads(o->threads);
}

/* A regular file big enough to be worth threads: *start is where the
 * bytes not yet read (the prefix included) start. */
bool ledger_par_source(FILE *in, size_t plen, struct csvread_src *src,
		       long long *start)
{
	struct stat sb;
	off_t here;
	int fd = fileno(in);

	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	here = ftello(in);
	if (here < (off_t)plen || sb.st_size - here < PAR_MIN)
		return false;
	src->fd = fd;
	src->mem = NULL;
	src->size = (long long)sb.st_size;
	*start = (long long)(here - (off_t)plen);
	return true;
}

enum gc_status ledger_csv_read(FILE *in, const void *prefix, size_t plen,
			       char delim, const struct ledger_load *ld,
			       struct gc_error *err)
{
	struct csv_load cl = {
		.ld = ld,
		.name = ld->name,
		.h.decimal_comma = delim == ';',
		.h.fiscal_year_end = ld->opts->fiscal_year_end,
	};
	struct csvread_table table = { read_header, read_row, skip_row, &cl,
				       0 };
	struct csvread_src src;
	long long start;
	int threads = par_threads(ld->opts);
	enum gc_status st;

	if (ledger_par_source(in, plen, &src, &start))
		return ledger_csv_read_parts(&src, start, delim, PAR_BLOCK,
					     threads, ld, err);
	st = csvread_file(in, prefix, plen, ld->name, delim, &table, err);
	free(cl.h.map);
	return check_header(&table, st, ld->name, err);
}
