/* A big CSV or TSV ledger, or a big NDJSON one, read on several threads.
 *
 * The rows after the header are cut into parts of about `block` bytes.
 * Each part starts after the first line break at or past its nominal
 * start: a guess at where a record starts, wrong only when a quoted field
 * holds a line break there. Worker threads parse parts and build their rows
 * into batches; this thread hands the batches to the sink in file order,
 * so the sink, warnings and errors see exactly what a single-threaded read
 * shows them.
 *
 * The guess is checked as the batches are taken in order. A part parses
 * on past its end until a line break ends a record, so the true start of
 * the next part is known once this one is: the place where it ended. A
 * part that began anywhere else is parsed again from there, here.
 *
 * NDJSON cuts exactly: a line break always ends a row. A worker builds the
 * rows of the lines it is sure of (flat ones, ledger_json.c) and keeps any
 * other line as its text, which this thread reads when its turn comes as a
 * one-thread read would (ledger_json_lines): cJSON, unknown keys and every
 * error of a row stay on this thread.
 *
 * A JSON ledger is cut at line breaks too, which are not always between
 * rows: a worker builds the lines that are one flat row, with or without
 * the comma after it, and leaves every other line where it lies in the
 * file. This thread follows the array's structure in a frame
 * (ledger_json_frame): the lines left to it, and a worker's row line
 * whenever the frame is not waiting for a row, are read through it as one
 * thread reads them. A part's start is looked for at most a row's length
 * past its nominal one: a file with longer lines (a whole array on one)
 * is read on from there by this thread alone, so no line is searched
 * twice. */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ledger_csv.h"
#include "util.h"

#define NO_TEXT	   ((size_t)-1)
#define FEED_BYTES ((size_t)64 * 1024) /* a JSON frame's reads */
#define EPOCH_TEXT ((size_t)-2)	       /* LEDGER_EPOCH_SOURCE */

/* A built row, compactly. Its org and model live in the parsing thread's
 * memo, which lasts the whole read, or else in the batch's text, as its
 * note does: offsets there, NO_TEXT when absent. */
struct prow {
	long line; /* in the part, from 1 */
	double units, spend, h100e, total;
	const char *org, *model; /* when kept */
	size_t org_at, model_at, note, source;
	size_t range;	    /* a ranged row's ends, as bytes in the text */
	int quarter, later; /* later: a fiscal quarter's second */
	int later_days, days;
	enum row_kind kind;
	/* NDJSON: the row's columns, nat (column, place) pairs at `at` in
	 * the text; with nat DEFERRED, a line left to this thread, its text
	 * at `note` and its length in `range` (where the padding was: a
	 * CSV row is no bigger for them) */
	uint32_t at;
	bool kept;
	unsigned char nat;
	unsigned char marks; /* MARK_*: the row's flags */
	/* A JSON array's row line: the comma after the row, and the line's
	 * bytes with its break; a deferred line's are `range` bytes at
	 * `note` in the file (no copy: the line may be long). */
	bool comma;
	uint32_t len;
};
_Static_assert(sizeof(struct prow) <= 128, "a row fits two cache lines");
#define DEFERRED UCHAR_MAX

/* A row's flags, in prow.marks: a quarter marked partial, a part of a
 * level, and from MARK_MEDIAN on, whether each figure's centre was a
 * median given (ledger_row.median). */
#define MARK_INCOMPLETE 1u
#define MARK_PART	2u
#define MARK_MEDIAN	4u
_Static_assert(LF_COUNT <= 6, "the medians fit in marks");

/* A bad row skipped under --keep-going, reported when its turn comes. */
struct pevent {
	size_t before; /* rows of the batch that come first */
	long line, col;
	size_t msg; /* offset into the text */
};

struct batch {
	struct prow *rows;
	size_t nrows, rows_cap;
	struct pevent *events;
	size_t nevents, events_cap;
	char *text;
	size_t tlen, tcap;
};

enum job_state { JOB_FREE, JOB_TAKEN, JOB_DONE };

struct job {
	enum job_state state;
	long long start, next; /* this part's guessed start, and the next's */
	struct csvread_part part;
	enum gc_status status;
	struct gc_error err;
	struct batch b;
};

struct par {
	const struct csvread_src *src;
	bool ndjson;
	struct ledger_json_lines *lines; /* NDJSON: the lines left here */
	bool array;			 /* with ndjson: a JSON ledger */
	struct ledger_json_frame *frame; /* its structure, followed here */
	char *feed;			 /* the bytes fed to it from a file */
	const struct ledger_csv_header *h;
	const struct ledger_load *ld;
	char delim;
	long long origin; /* where the read started */
	long long body;	  /* where the rows start */
	long long block;  /* nominal bytes a part */
	long njobs;
	struct job *ring; /* job k is ring[k % nring] */
	long nring;
	struct ledger_row template; /* what every row shares */
	int present[LC_COUNT];	    /* the ledger columns the file has */
	int npresent;
	/* A CSV file of plain purchases (ledger_row_plain): each LP_ column's
	 * field, -1 for none; plain false for any other file. */
	bool plain;
	int plain_field[LP_COUNT];
	unsigned long names_id; /* this read's number */
	long taken;		/* jobs handed to workers */
	long consumed;		/* jobs this thread is done with */
	bool quit;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
};

/* A thread parsing parts, with what it remembers of cells (its memo
 * lasts until every batch it built is delivered). */
struct parser {
	struct par *p;
	struct ledger_memo *memo;
	struct ledger_json_worker *json; /* NDJSON */
	char *buf;			 /* NDJSON: a part read from a file */
	size_t buf_cap;
	pthread_t thread;
};

/* What a worker's row callbacks need. */
struct part_ctx {
	const struct par *p;
	struct batch *b;
	struct ledger_memo *memo;
	bool oom;
	bool ndjson_at;		   /* rows place their own columns */
	struct ledger_cells cells; /* a part's last row's */
	bool cells_ready;
};

static size_t keep_bytes(struct part_ctx *c, const void *s, size_t n)
{
	struct batch *b = c->b;
	size_t at;

	if (!util_grow((void **)&b->text, &b->tcap, b->tlen + n, 1)) {
		c->oom = true;
		return NO_TEXT;
	}
	at = b->tlen;
	memcpy(b->text + at, s, n);
	b->tlen += n;
	return at;
}

static size_t keep_text(struct part_ctx *c, const char *s)
{
	return s == NULL ? NO_TEXT : keep_bytes(c, s, strlen(s) + 1);
}

/* Where an NDJSON row's columns are: each row its own (a CSV file's are
 * the header's). The line is the row's, set as it is handed on. */
struct at_pair {
	int col, at;
};

static void keep_places(struct part_ctx *c, struct prow *r,
			const struct ledger_cells *cells)
{
	struct at_pair pairs[LC_COUNT];
	int i;

	for (i = 0; i < cells->nplaced; i++)
		pairs[r->nat++] = (struct at_pair){
			cells->placed[i], (int)cells->at[cells->placed[i]].col
		};
	r->at = r->nat ? (uint32_t)keep_bytes(c, pairs, r->nat * sizeof *pairs)
		       : 0;
}

/* The ends of a ranged row's figures, low then high. */
static size_t keep_range(struct part_ctx *c, const struct ledger_row *row)
{
	double ends[2 * LF_COUNT];

	if (!row->ranged)
		return NO_TEXT;
	memcpy(ends, row->low, sizeof row->low);
	memcpy(ends + LF_COUNT, row->high, sizeof row->high);
	return keep_bytes(c, ends, sizeof ends);
}

/* A new row of the batch, its text offsets unset; NULL when out of
 * memory. */
static struct prow *new_prow(struct part_ctx *c)
{
	struct batch *b = c->b;
	struct prow *r;

	if (!util_grow((void **)&b->rows, &b->rows_cap, b->nrows + 1,
		       sizeof *b->rows))
		return NULL;
	r = &b->rows[b->nrows];
	r->at = 0;
	r->nat = 0;
	r->marks = 0;
	r->comma = false;
	r->len = 0;
	return r;
}

/* The built row, kept in the batch; an NDJSON row's places from the
 * cells it was built from. */
static enum gc_status keep_row(struct part_ctx *c, const struct ledger_row *in,
			       const struct ledger_cells *cells, bool kept,
			       struct gc_error *err)
{
	struct batch *b = c->b;
	const struct ledger_row *row = in;
	struct prow *r = new_prow(c);
	int i;

	if (r == NULL)
		return gc_fail(err, GC_IO, c->p->ld->name, 0, 0,
			       "out of memory");
	r->line = row->line;
	r->units = row->units;
	r->spend = row->spend;
	r->h100e = row->h100e;
	r->total = row->total;
	r->quarter = row->quarter;
	r->later = row->later;
	r->later_days = row->later_days;
	r->days = row->days;
	r->kind = row->kind;
	r->kept = kept;
	r->marks = (unsigned char)((row->incomplete ? MARK_INCOMPLETE : 0) |
				   (row->part ? MARK_PART : 0));
	for (i = 0; i < LF_COUNT; i++)
		if (row->median[i])
			r->marks |= (unsigned char)(MARK_MEDIAN << i);
	r->org = row->org;
	r->model = row->model;
	r->org_at = kept ? NO_TEXT : keep_text(c, row->org);
	r->model_at = kept ? NO_TEXT : keep_text(c, row->model);
	r->note = keep_text(c, row->note);
	/* a note that is the source is kept once */
	r->source = row->source == LEDGER_EPOCH_SOURCE ? EPOCH_TEXT
		    : row->source == row->note	       ? r->note
					       : keep_text(c, row->source);
	r->range = keep_range(c, row);
	if (c->ndjson_at)
		keep_places(c, r, cells);
	if (c->oom)
		return gc_fail(err, GC_IO, c->p->ld->name, 0, 0,
			       "out of memory");
	b->nrows++;
	return GC_OK;
}

/* A plain purchase (ledger_row_plain) kept as keep_row keeps the row
 * build makes of it; false when the row is not one. */
static bool plain_row(struct part_ctx *c, const struct csv_record *rec,
		      bool *oom)
{
	const struct par *p = c->p;
	const char *text[LP_COUNT];
	size_t len[LP_COUNT];
	struct ledger_plain_row pr;
	struct prow *r;
	int i;

	for (i = 0; i < LP_COUNT; i++) {
		int f = p->plain_field[i];

		text[i] = f >= 0 ? rec->fields[f] : NULL;
		len[i] = f >= 0 ? rec->lens[f] : 0;
	}
	if (!ledger_row_plain(c->memo, text, len, &pr))
		return false;
	if ((r = new_prow(c)) == NULL) {
		*oom = true;
		return true;
	}
	r->line = rec->line;
	r->units = pr.units;
	r->spend = pr.spend;
	r->h100e = r->total = NAN;
	r->org = pr.org;
	r->model = pr.model;
	r->org_at = r->model_at = r->note = r->source = r->range = NO_TEXT;
	r->quarter = pr.quarter;
	r->later = r->later_days = r->days = 0;
	r->kind = ROW_BUY;
	r->kept = true;
	c->b->nrows++;
	return true;
}

static enum gc_status part_row(const struct csv_record *rec, void *ctx,
			       struct gc_error *err)
{
	struct part_ctx *c = ctx;
	struct ledger_row row;
	enum gc_status st;
	bool kept, oom = false;

	if (c->p->plain && plain_row(c, rec, &oom))
		return oom ? gc_fail(err, GC_IO, c->p->ld->name, 0, 0,
				     "out of memory")
			   : GC_OK;
	ledger_csv_cells(c->p->h, rec, &c->cells, &c->cells_ready);
	st = ledger_row_build_memo(c->memo, &c->cells, c->p->ld->name,
				   rec->line, &row, &kept, err);
	return st == GC_OK ? keep_row(c, &row, &c->cells, kept, err) : st;
}

/* A bad row: with --keep-going it is kept to be reported in turn. */
static bool part_skip(void *ctx, const struct gc_error *err)
{
	struct part_ctx *c = ctx;
	struct batch *b = c->b;
	struct pevent *e;

	if (!c->p->ld->opts->keep_going)
		return false;
	if (!util_grow((void **)&b->events, &b->events_cap, b->nevents + 1,
		       sizeof *b->events))
		return false;
	e = &b->events[b->nevents];
	e->before = b->nrows;
	e->line = err->line;
	e->col = err->col;
	e->msg = keep_text(c, err->msg);
	if (c->oom)
		return false;
	b->nevents++;
	return true;
}

/* Parses [start, ...) with the end rule of csvread_part into j's batch. */
/* ---- NDJSON parts ---- */

/* The bytes [from, to) of the input: where they lie in memory, or read
 * into me's buffer; NULL when they cannot be had. */
static const char *part_bytes(const struct par *p, struct parser *me,
			      long long from, long long to)
{
	size_t n = (size_t)(to - from), got = 0;

	if (p->src->mem != NULL)
		return p->src->mem + from;
	if (!util_grow((void **)&me->buf, &me->buf_cap, n + 1, 1))
		return NULL;
	while (got < n) {
		ssize_t r = pread(p->src->fd, me->buf + got, n - got,
				  (off_t)(from + (long long)got));

		if (r <= 0)
			return NULL;
		got += (size_t)r;
	}
	return me->buf;
}

/* A line the worker is not sure of, kept for this thread. */
static enum gc_status defer_line(struct part_ctx *c, const char *s, size_t n,
				 long line, struct gc_error *err)
{
	struct prow *r = new_prow(c);

	if (r != NULL) {
		r->line = line;
		r->nat = DEFERRED;
		r->range = n;
		/* a line too long to read is told so by its length alone */
		r->note = keep_bytes(c, s, n > LEDGER_JSON_ROW_MAX ? 0 : n);
	}
	if (r == NULL || c->oom)
		return gc_fail(err, GC_IO, c->p->ld->name, 0, 0,
			       "out of memory");
	c->b->nrows++;
	return GC_OK;
}

/* A line of a JSON array left to this thread, where it lies: n bytes at
 * from, its break included. */
static enum gc_status defer_element(struct part_ctx *c, long long from,
				    size_t n, long line, struct gc_error *err)
{
	struct prow *r = new_prow(c);

	if (r == NULL)
		return gc_fail(err, GC_IO, c->p->ld->name, 0, 0,
			       "out of memory");
	r->line = line;
	r->nat = DEFERRED;
	r->note = (size_t)from;
	r->range = n;
	c->b->nrows++;
	return GC_OK;
}

/* A line of a JSON array, at `from` in the file: n bytes and its break
 * (none: the file's last line, which is left here). */
static enum gc_status array_line(struct part_ctx *c, struct parser *me,
				 const char *s, size_t n, bool broken,
				 long long from, long line,
				 struct gc_error *err)
{
	struct ledger_cells *cells = &c->cells; /* the last line's */
	struct ledger_row row;
	struct gc_error lost;
	bool kept, comma;
	size_t total = n + broken;
	enum gc_status st;

	if (me->json == NULL || !broken ||
	    ledger_json_worker_element(me->json, s, n, &comma, cells) !=
		    JSON_LINE_FLAT ||
	    ledger_row_build_memo(c->memo, cells, c->p->ld->name, line, &row,
				  &kept, &lost) != GC_OK)
		return defer_element(c, from, total, line, err);
	st = keep_row(c, &row, cells, kept, err);
	if (st == GC_OK) {
		c->b->rows[c->b->nrows - 1].comma = comma;
		c->b->rows[c->b->nrows - 1].len = (uint32_t)total;
	}
	return st;
}

/* One line of an NDJSON part, line `line` of it. */
static enum gc_status nd_part_line(struct part_ctx *c, struct parser *me,
				   const char *s, size_t n, long line,
				   bool first, struct gc_error *err)
{
	struct ledger_cells *cells = &c->cells; /* the last line's */
	struct ledger_row row;
	struct gc_error lost;
	bool kept;
	/* a worker without its reader (out of memory) leaves all here */
	enum json_line k =
		me->json == NULL
			? JSON_LINE_DEFER
			: ledger_json_worker_line(me->json, s, n, first, cells);

	if (k == JSON_LINE_BLANK)
		return GC_OK;
	if (k == JSON_LINE_FLAT &&
	    ledger_row_build_memo(c->memo, cells, c->p->ld->name, line, &row,
				  &kept, &lost) == GC_OK)
		return keep_row(c, &row, cells, kept, err);
	return defer_line(c, s, n, line, err);
}

/* The lines of [start, j->next), which begin and end with lines. */
static void nd_part(const struct par *p, struct job *j, long long start,
		    struct parser *me)
{
	struct part_ctx c = {
		.p = p, .b = &j->b, .memo = me->memo, .ndjson_at = true
	};
	const char *s = part_bytes(p, me, start, j->next), *nl;
	size_t n = (size_t)(j->next - start);
	enum gc_status st = GC_OK;

	j->part.end = j->next;
	if (s == NULL) {
		j->status = gc_fail(&j->err, GC_IO, p->ld->name, 0, 0,
				    "cannot read the ledger");
		return;
	}
	while (n > 0 && st == GC_OK) {
		size_t len = (nl = memchr(s, '\n', n)) ? (size_t)(nl - s) : n;

		if (p->array)
			st = array_line(&c, me, s, len, nl != NULL,
					j->next - (long long)n,
					j->part.lines + 1, &j->err);
		else
			st = nd_part_line(&c, me, s, len, j->part.lines + 1,
					  start == p->body &&
						  j->part.lines == 0,
					  &j->err);
		j->part.lines += nl != NULL;
		s += len + (nl != NULL);
		n -= len + (nl != NULL);
	}
	j->status = st;
}

static void run_part(const struct par *p, struct job *j, long long start,
		     struct parser *me)
{
	struct part_ctx c = { .p = p, .b = &j->b, .memo = me->memo };
	struct csvread_table t = { NULL, part_row, part_skip, &c,
				   p->h ? p->h->ncols : 0 };

	j->b.nrows = j->b.nevents = j->b.tlen = 0;
	j->part.start = start;
	j->part.stop = j->next;
	j->part.first = false;
	j->part.end = start;
	j->part.lines = 0;
	if (start >= j->next) { /* nothing starts here */
		j->status = GC_OK;
		return;
	}
	if (p->ndjson) {
		nd_part(p, j, start, me);
		return;
	}
	j->status = csvread_part(p->src, &j->part, p->ld->name, p->delim, &t,
				 &j->err);
}

/* The first place at or after pos where a line starts: just after a line
 * break, or the end of the input. */
static long long line_start_within(const struct csvread_src *src, long long pos,
				   long long limit);

static long long line_start(const struct csvread_src *src, long long pos)
{
	return line_start_within(src, pos, LLONG_MAX);
}

/* No line starts at or after pos before limit (past it, if at all). */
#define NO_LINE (-1LL)

/* The first place at or after pos where a line starts, if that is at or
 * before limit: just after a line break, or the end of the input; else
 * NO_LINE. */
static long long line_start_within(const struct csvread_src *src, long long pos,
				   long long limit)
{
	char buf[4096];
	const char *s, *nl;
	ssize_t n;

	if (pos <= 0)
		return 0;
	for (pos--; pos < src->size; pos += n) {
		/* a break at byte b starts a line at b + 1 */
		long long want = (limit < src->size ? limit : src->size) - pos;

		if (want <= 0)
			return NO_LINE;
		if (src->mem != NULL) {
			s = src->mem + pos;
			n = (ssize_t)want;
		} else {
			s = buf;
			n = pread(src->fd, buf,
				  want < (long long)sizeof buf ? (size_t)want
							       : sizeof buf,
				  (off_t)pos);
			if (n <= 0)
				return src->size;
		}
		nl = memchr(s, '\n', (size_t)n);
		if (nl != NULL)
			return pos + (nl - s) + 1;
	}
	return src->size;
}

static long long nominal(const struct par *p, long k)
{
	return k == 0	       ? p->body
	       : k >= p->njobs ? p->src->size
			       : p->body + (long long)k * p->block;
}

/* Where part k starts: NDJSON's and a JSON array's within a row's length
 * of the nominal start, or NO_LINE. */
static long long part_start(const struct par *p, long k)
{
	long long at = nominal(p, k);

	if (k == 0)
		return p->body;
	if (k >= p->njobs)
		return p->src->size;
	return p->ndjson
		       ? line_start_within(p->src, at, at + LEDGER_JSON_ROW_MAX)
		       : line_start(p->src, at);
}

static void do_job(const struct par *p, long k, struct job *j,
		   struct parser *me)
{
	j->start = part_start(p, k);
	j->next = part_start(p, k + 1);
	if (j->start == NO_LINE || j->next == NO_LINE) { /* this thread's */
		j->b.nrows = j->b.nevents = j->b.tlen = 0;
		j->status = GC_OK;
		return;
	}
	run_part(p, j, j->start, me);
}

/* With p->mu held: whether a job may be taken now (the ring has room). */
static bool job_ready(const struct par *p)
{
	return p->taken < p->njobs && p->taken < p->consumed + p->nring;
}

/* Takes the next job and runs it; called and returns with p->mu held. */
static void run_next(struct par *p, struct parser *me)
{
	long k = p->taken++;

	p->ring[k % p->nring].state = JOB_TAKEN;
	pthread_mutex_unlock(&p->mu);
	do_job(p, k, &p->ring[k % p->nring], me);
	pthread_mutex_lock(&p->mu);
	p->ring[k % p->nring].state = JOB_DONE;
	pthread_cond_broadcast(&p->done);
}

static void *worker(void *arg)
{
	struct parser *me = arg;
	struct par *p = me->p;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->taken < p->njobs && !job_ready(p))
			pthread_cond_wait(&p->work, &p->mu);
		if (p->quit || p->taken >= p->njobs)
			break;
		run_next(p, me);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* A line of the part, as a line of the file. */
static long file_line(long base, long line)
{
	return line > 0 ? base + line - 1 : line;
}

static enum gc_status skip_or_fail(const struct ledger_load *ld,
				   enum gc_status st, struct gc_error *err)
{
	return ledger_skip(ld, st, err) ? GC_OK : st;
}

/* s[0, n) to the one-thread reader: a JSON array's frame, or NDJSON's
 * lines, from line `line` on. */
static enum gc_status feed_one(const struct par *p, const char *s, size_t n,
			       long line, struct gc_error *err)
{
	return p->array ? ledger_json_frame_feed(p->frame, s, n, err)
			: ledger_json_lines_feed(p->lines, s, n, line, err);
}

/* The bytes [from, from + n) of the file to the one-thread reader. */
static enum gc_status feed_frame(const struct par *p, long long from, size_t n,
				 long line, struct gc_error *err)
{
	enum gc_status st = GC_OK;

	if (p->src->mem != NULL)
		return feed_one(p, p->src->mem + from, n, line, err);
	while (n > 0 && st == GC_OK) {
		size_t want = n < FEED_BYTES ? n : FEED_BYTES;
		ssize_t got = pread(p->src->fd, p->feed, want, (off_t)from);

		if (got <= 0)
			return gc_fail(err, GC_IO, p->ld->name, 0, 0,
				       "read error");
		st = feed_one(p, p->feed, (size_t)got, line, err);
		from += got;
		n -= (size_t)got;
	}
	return st;
}

/* A JSON array's line, at *from in the file: fed to the frame, or a
 * worker's row the frame takes as read (then handed on below). */
static bool array_fed(const struct par *p, const struct prow *r,
		      long long *from, enum gc_status *st, struct gc_error *err)
{
	long long at = *from;

	if (r->nat != DEFERRED) {
		*from += r->len;
		if (ledger_json_frame_row(p->frame, r->comma))
			return false;
		*st = feed_frame(p, at, r->len, 0, err);
		return true;
	}
	*from += (long long)r->range;
	*st = feed_frame(p, at, r->range, 0, err);
	return true;
}

/* The rest of the row from r, then to the sink. */
static enum gc_status fill_row(const struct par *p, const struct batch *b,
			       const struct prow *r, struct ledger_row *out,
			       struct gc_error *err)
{
	struct ledger_row *row = out;
	int i;

	row->kind = r->kind;
	row->quarter = r->quarter;
	row->later = r->later;
	row->later_days = r->later_days;
	row->days = r->days;
	row->org = r->kept ? r->org : b->text + r->org_at;
	row->model = r->kept		      ? r->model
		     : r->model_at == NO_TEXT ? NULL
					      : b->text + r->model_at;
	row->note = r->note == NO_TEXT ? NULL : b->text + r->note;
	row->source = r->source == NO_TEXT	? NULL
		      : r->source == EPOCH_TEXT ? LEDGER_EPOCH_SOURCE
						: b->text + r->source;
	row->units = r->units;
	row->spend = r->spend;
	row->h100e = r->h100e;
	row->total = r->total;
	row->ranged = r->range != NO_TEXT;
	if (row->ranged) {
		memcpy(row->low, b->text + r->range, sizeof row->low);
		memcpy(row->high, b->text + r->range + sizeof row->low,
		       sizeof row->high);
	}
	row->names_id = r->kept ? p->names_id : 0;
	row->incomplete = (r->marks & MARK_INCOMPLETE) != 0;
	row->part = (r->marks & MARK_PART) != 0;
	for (i = 0; i < LF_COUNT; i++)
		row->median[i] = (r->marks & (MARK_MEDIAN << i)) != 0;
	return skip_or_fail(p->ld, ledger_deliver(p->ld, row, err), err);
}

/* Hands a row on in *out, which starts as the template and is reused
 * row after row: the template's file and columns, the row's figures. Every
 * field but the template's is set here; an NDJSON row's places and a
 * ranged row's ends are put back after it. A row without ranges keeps the
 * template's ends (zeros, which a fiscal split scales to zeros), and no
 * reader looks at ends without `ranged`. A JSON array's lines are at
 * *from in the file. */
static enum gc_status deliver_row(const struct par *p, const struct batch *b,
				  const struct prow *r, long base,
				  long long *from, struct ledger_row *out,
				  struct gc_error *err)
{
	struct ledger_row *row = out;
	struct at_pair pair;
	enum gc_status st;
	long line = file_line(base, r->line);
	int i;

	if (p->array && array_fed(p, r, from, &st, err))
		return st;
	if (r->nat == DEFERRED)
		return ledger_json_lines_read(p->lines, b->text + r->note,
					      r->range, line, err);
	row->line = line;
	for (i = 0; i < p->npresent; i++)
		row->at[p->present[i]].line = line;
	for (i = 0; i < r->nat; i++) {
		memcpy(&pair, b->text + r->at + (size_t)i * sizeof pair,
		       sizeof pair);
		row->at[pair.col] = (struct ledger_loc){ line, pair.at };
	}
	st = fill_row(p, b, r, row, err);
	for (i = 0; i < r->nat; i++) {
		memcpy(&pair, b->text + r->at + (size_t)i * sizeof pair,
		       sizeof pair);
		row->at[pair.col] = p->template.at[pair.col];
	}
	if (row->ranged) { /* as the template has them, for the next row */
		memcpy(row->low, p->template.low, sizeof row->low);
		memcpy(row->high, p->template.high, sizeof row->high);
	}
	return st;
}

/* Whether the header names only a quarter, an org, a model, units and
 * perhaps spend (and columns gpucap does not read), in a file without
 * decimal commas: its rows may be plain ones. */
static void plain_columns(struct par *p)
{
	static const enum ledger_col COLS[LP_COUNT] = { LC_QUARTER, LC_ORG,
							LC_MODEL, LC_UNITS,
							LC_SPEND };
	int c, i, given = 0;

	p->plain = p->h != NULL && !p->h->decimal_comma;
	for (i = 0; i < LP_COUNT; i++) {
		p->plain_field[i] = p->h ? (int)p->h->col[COLS[i]] - 1 : -1;
		given += p->plain_field[i] >= 0;
	}
	for (c = 0; p->plain && c < LC_COUNT; c++)
		if (p->h->col[c] != 0)
			given--;
	/* all of them but spend, and nothing else */
	p->plain = p->plain && given == 0 && p->plain_field[LP_UNITS] >= 0 &&
		   p->plain_field[LP_QUARTER] >= 0 &&
		   p->plain_field[LP_ORG] >= 0 && p->plain_field[LP_MODEL] >= 0;
}

/* What every row of the read shares, worked out once. */
static void make_template(struct par *p)
{
	int c;

	memset(&p->template, 0, sizeof p->template);
	p->template.file = p->ld->name;
	for (c = 0; p->h != NULL && c < LC_COUNT; c++) {
		if (p->h->col[c] == 0)
			continue;
		p->template.at[c].col = p->h->col[c];
		p->present[p->npresent++] = c;
	}
	p->names_id = ledger_names_id();
	plain_columns(p);
}

static void deliver_event(const struct par *p, const struct batch *b,
			  const struct pevent *e, long base)
{
	struct gc_error w;

	gc_fail(&w, GC_DATA, p->ld->name, file_line(base, e->line), e->col,
		"%s", b->text + e->msg);
	ledger_skip(p->ld, GC_DATA, &w);
}

/* The batch's rows and skipped rows in order, then its error if any. */
static enum gc_status deliver(const struct par *p, struct job *j, long base,
			      struct ledger_row *row, struct gc_error *err)
{
	const struct batch *b = &j->b;
	size_t i, e = 0;
	enum gc_status st = GC_OK;
	long long from = j->part.start;

	for (i = 0; st == GC_OK && i <= b->nrows; i++) {
		for (; e < b->nevents && b->events[e].before == i; e++)
			deliver_event(p, b, &b->events[e], base);
		if (i < b->nrows)
			st = deliver_row(p, b, &b->rows[i], base, &from, row,
					 err);
	}
	if (st != GC_OK || j->status == GC_OK)
		return st;
	*err = j->err;
	err->line = file_line(base, err->line);
	return j->status;
}

/* Waits for job k, parsing later parts meanwhile: this thread is one of
 * the parsers too, and hands batches on as they come due. */
static void wait_job(struct par *p, long k, struct parser *me)
{
	struct job *j = &p->ring[k % p->nring];

	pthread_mutex_lock(&p->mu);
	while (j->state != JOB_DONE) {
		if (job_ready(p))
			run_next(p, me);
		else
			pthread_cond_wait(&p->done, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
}

static void release_job(struct par *p, long k)
{
	pthread_mutex_lock(&p->mu);
	p->ring[k % p->nring].state = JOB_FREE;
	p->consumed = k + 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
}

/* Takes the parts in order, checking each began where the last ended. */
static enum gc_status consume(struct par *p, long line, struct parser *me,
			      struct gc_error *err)
{
	long long pos = p->body;
	enum gc_status st = GC_OK;
	struct ledger_row row = p->template; /* reused, row after row */
	long k;

	for (k = 0; st == GC_OK && k < p->njobs; k++) {
		struct job *j = &p->ring[k % p->nring];

		wait_job(p, k, me);
		/* Lines too long to look for a part's start in: the rest of
		 * the file is this thread's, read as one thread reads it. */
		if (j->start == NO_LINE || j->next == NO_LINE) {
			release_job(p, k);
			st = feed_frame(p, pos, (size_t)(p->src->size - pos),
					line, err);
			return st == GC_OK && !p->array
				       ? ledger_json_lines_end(p->lines, err)
				       : st;
		}
		/* A wrong guess: the last part ended past this one's start.
		 * What it left of this part is parsed again, from there. */
		if (j->start != pos)
			run_part(p, j, pos, me);
		st = deliver(p, j, line, &row, err);
		line += j->part.lines;
		pos = j->part.end;
		release_job(p, k);
		ledger_progress(p->ld, pos - p->origin);
	}
	return st;
}

static void free_ring(struct par *p)
{
	long i;

	for (i = 0; i < p->nring; i++) {
		free(p->ring[i].b.rows);
		free(p->ring[i].b.events);
		free(p->ring[i].b.text);
	}
	free(p->ring);
}

/* Up to n - 1 workers beside this thread, parsers[0]; fewer (even none)
 * still read it all. */
static int start_parsers(struct par *p, struct parser *parsers, int n)
{
	int started = 1, i;

	for (i = 0; i < n; i++) {
		parsers[i].p = p;
		parsers[i].memo = ledger_memo_new(); /* NULL: no memo, slower */
		parsers[i].json = NULL;
		parsers[i].buf = NULL;
		parsers[i].buf_cap = 0;
	}
	/* a worker that cannot have its reader leaves every line here */
	for (i = 0; p->ndjson && i < n; i++)
		parsers[i].json = ledger_json_worker_new(p->ld);
	while (started < n && pthread_create(&parsers[started].thread, NULL,
					     worker, &parsers[started]) == 0)
		started++;
	return started;
}

static void stop_parsers(struct par *p, struct parser *parsers, int started,
			 int n)
{
	int i;

	pthread_mutex_lock(&p->mu);
	p->quit = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (i = 1; i < started; i++)
		pthread_join(parsers[i].thread, NULL);
	for (i = 0; i < n; i++) {
		ledger_memo_free(parsers[i].memo);
		ledger_json_worker_free(parsers[i].json);
		free(parsers[i].buf);
	}
}

/* What this thread reads NDJSON or a JSON array with; false when out of
 * memory. */
static bool open_json(struct par *p)
{
	if (p->array) {
		p->frame = ledger_json_frame_new(p->ld);
		p->feed = p->src->mem ? NULL : malloc(FEED_BYTES);
		return p->frame != NULL && (p->src->mem || p->feed != NULL);
	}
	if (p->ndjson) {
		p->lines = ledger_json_lines_new(p->ld);
		p->feed = p->src->mem ? NULL : malloc(FEED_BYTES);
		return p->lines != NULL && (p->src->mem || p->feed != NULL);
	}
	return true;
}

static void close_json(struct par *p)
{
	ledger_json_lines_free(p->lines);
	ledger_json_frame_free(p->frame);
	free(p->feed);
}

enum gc_status ledger_par_read(const struct ledger_par_in *in,
			       const struct ledger_load *ld,
			       struct gc_error *err)
{
	struct par p = { .src = in->src,
			 .ndjson = in->ndjson,
			 .array = in->ndjson && in->array,
			 .h = in->header,
			 .ld = ld,
			 .delim = in->delim,
			 .origin = in->origin,
			 .body = in->body };
	struct parser parsers[LEDGER_THREADS_MAX];
	int n = in->threads, started;
	enum gc_status st;

	if (n < 1 || n > LEDGER_THREADS_MAX)
		n = n < 1 ? 1 : LEDGER_THREADS_MAX;
	p.block = in->block > 0 ? (long long)in->block : 1;
	p.njobs = (long)((in->src->size - in->body + p.block - 1) / p.block);
	p.nring = 2L * n + 2;
	p.ring = calloc((size_t)p.nring, sizeof *p.ring);
	if (p.ring == NULL)
		return gc_fail(err, GC_IO, ld->name, 0, 0, "out of memory");
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.done, NULL);
	make_template(&p);
	if (!open_json(&p)) {
		close_json(&p);
		free(p.ring);
		return gc_fail(err, GC_IO, ld->name, 0, 0, "out of memory");
	}
	started = start_parsers(&p, parsers, n);
	st = consume(&p, in->body_line, &parsers[0], err);
	stop_parsers(&p, parsers, started, n);
	if (st == GC_OK && p.array)
		st = ledger_json_frame_end(p.frame, err);
	/* the warning of keys no column has, as one thread ends the read */
	close_json(&p);
	pthread_cond_destroy(&p.done);
	pthread_cond_destroy(&p.work);
	pthread_mutex_destroy(&p.mu);
	free_ring(&p);
	return st;
}

/* NDJSON's lines, or with array a JSON ledger's, from start to the end. */
static enum gc_status json_parts(const struct csvread_src *src, long long start,
				 size_t block, int threads, bool array,
				 const struct ledger_load *ld,
				 struct gc_error *err)
{
	struct ledger_par_in in = { .src = src,
				    .origin = start,
				    .body = start,
				    .body_line = 1,
				    .block = block,
				    .threads = threads,
				    .ndjson = true,
				    .array = array };

	return ledger_par_read(&in, ld, err);
}

enum gc_status ledger_ndjson_read_parts(const struct csvread_src *src,
					long long start, size_t block,
					int threads,
					const struct ledger_load *ld,
					struct gc_error *err)
{
	return json_parts(src, start, block, threads, false, ld, err);
}

enum gc_status ledger_json_read_parts(const struct csvread_src *src,
				      long long start, size_t block,
				      int threads, const struct ledger_load *ld,
				      struct gc_error *err)
{
	return json_parts(src, start, block, threads, true, ld, err);
}
