/* Internal to the ledger loaders: what every input format shares, from a
 * header name to the meaning of a row. */
#ifndef GPUCAP_LEDGER_IMPL_H
#define GPUCAP_LEDGER_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "gpucap/ledger.h"

/* One row's cells by ledger column, as text; NULL when absent. The loader
 * owns the strings; row building may trim them in place. */
struct ledger_cells {
	char *text[LC_COUNT];
	size_t len[LC_COUNT]; /* of each text */
	struct ledger_loc at[LC_COUNT];
	/* A JSON number in a number column comes as its value, text NULL. */
	double num[LC_COUNT];
	bool is_num[LC_COUNT];
	int fiscal_year_end; /* ledger_opts', for FY quarters */
	/* A JSON row's columns in the order its keys placed them (a CSV
	 * row's are its header's, and not listed here). */
	unsigned char placed[LC_COUNT];
	int nplaced;
	/* With marked, bit c of present is clear only when column c has no
	 * cell: the header lacks it, or the row no key for it. Lets a row
	 * skip at once the columns it cannot have; unmarked cells are
	 * looked at one by one. */
	bool marked;
	uint32_t present;
};
_Static_assert(LC_COUNT <= 32, "a column a bit of ledger_cells.present");

/* The column a header names: o's --map first (o may be NULL), then the
 * aliases of SPEC 3.2 (case-insensitive, spaces and '-' read as '_');
 * -1 when it names none, LEDGER_COL_KNOWN for a column gpucap knows and
 * reads nothing from (Epoch AI's power and cost, which gpucap works out
 * itself; links). */
int ledger_col_find(const struct ledger_opts *o, const char *header);
#define LEDGER_COL_KNOWN (-2)

/* The ledger column an unknown header likely misspells, or NULL. */
const char *ledger_col_hint(const char *header);

/* Parses and checks the cells of one row (SPEC 3.2 row meaning). The
 * row's places (row->at) are left to the caller: cells->at, or for a row
 * a parsing thread hands on, the header's or the cells' (ledger_par.c). */
enum gc_status ledger_row_build(struct ledger_cells *cells, const char *file,
				long line, struct ledger_row *row,
				struct gc_error *err);

/* What reading a cell's raw text gave, remembered (ledger_memo.c). */
struct memo_entry {
	const char *clean; /* the text trimmed, valid UTF-8; "" when blank */
	int quarter;
	bool has_clean, has_quarter;
};
struct ledger_memo;

struct ledger_memo *ledger_memo_new(void);
void ledger_memo_free(struct ledger_memo *m);
/* The entry for raw (len bytes), new and empty the first time; NULL when
 * raw is too long to keep or the memo is full. */
struct memo_entry *memo_entry(struct ledger_memo *m, const char *raw,
			      size_t len);
/* A copy of s[0, len) that lives as long as m; NULL when out of memory. */
const char *memo_keep(struct ledger_memo *m, const char *s, size_t len);

/* ledger_row_build, the same rows and errors, faster for quarters, orgs
 * and models seen before. *kept says whether row->org and row->model
 * live as long as m (else, as long as the cells). */
enum gc_status ledger_row_build_memo(struct ledger_memo *m,
				     struct ledger_cells *cells,
				     const char *file, long line,
				     struct ledger_row *row, bool *kept,
				     struct gc_error *err);
/* The plainest row, a purchase: a quarter, an org and a model each met
 * before (so in the memo), whole units and perhaps money, and no other
 * column in the file. ledger_row_plain reads such a row's cells, text[i]
 * of len[i] bytes for each LP_ column (text NULL: no spend column),
 * straight into *out and returns true when the row is one; then it is the
 * row build makes of those cells, org and model interned in m, kind
 * ROW_BUY, no other figure, nothing uncertain. false says only "read it
 * the general way", which tells any error. */
enum { LP_QUARTER, LP_ORG, LP_MODEL, LP_UNITS, LP_SPEND, LP_COUNT };
struct ledger_plain_row {
	int quarter;
	const char *org, *model;
	double units, spend;
};
bool ledger_row_plain(struct ledger_memo *m, const char *const text[LP_COUNT],
		      const size_t len[LP_COUNT], struct ledger_plain_row *out);

#include <stddef.h>
#include <stdio.h>

/* One read: where its rows go and what becomes of a bad one. */
struct ledger_load {
	const char *name; /* for messages: the path, or <stdin> */
	const struct ledger_opts *opts;
	ledger_sink sink;
	void *ctx;
	long long total; /* bytes of a regular file; 0: unknown */
};

/* Tells opts->progress that the bytes before offset done are read. */
void ledger_progress(const struct ledger_load *ld, long long done);

/* Hands a built row to the sink, its org renamed by any alias. */
enum gc_status ledger_deliver(const struct ledger_load *ld,
			      struct ledger_row *row, struct gc_error *err);

/* A number for a read that interns names (ledger_row.names_id), never
 * 0 and never another read's: reads on two threads at once get two. */
unsigned long ledger_names_id(void);

/* Builds the row the cells make and hands it to the sink; with a memo
 * (may be NULL), quarters, orgs and models seen before are not read
 * again, and names kept there are interned under names_id. */
enum gc_status ledger_emit_memo(const struct ledger_load *ld,
				struct ledger_memo *m, unsigned long names_id,
				struct ledger_cells *cells, long line,
				struct gc_error *err);

/* Builds the row the cells make and hands it to the sink. */
enum gc_status ledger_emit(const struct ledger_load *ld,
			   struct ledger_cells *cells, long line,
			   struct gc_error *err);

/* After a row failed with st: true when --keep-going lets the read go on,
 * in which case the row has been reported to the warn callback. */
bool ledger_skip(const struct ledger_load *ld, enum gc_status st,
		 const struct gc_error *err);

/* Each format reads the rest of in after prefix, bytes already taken from
 * it to tell the format. */
enum gc_status ledger_csv_read(FILE *in, const void *prefix, size_t plen,
			       char delim, const struct ledger_load *ld,
			       struct gc_error *err);
enum gc_status ledger_json_read(FILE *in, const void *prefix, size_t plen,
				const struct ledger_load *ld,
				struct gc_error *err);
enum gc_status ledger_ndjson_read(FILE *in, const void *prefix, size_t plen,
				  const struct ledger_load *ld,
				  struct gc_error *err);
/* Whether JSON text starting with '{' is one object holding a "rows"
 * array (it names "rows" at its top level; an NDJSON row never does),
 * as far as the len bytes tell. */
bool ledger_json_object_form(const char *buf, size_t len);

/* The same, reading `chunk` bytes at a time: tests cut rows anywhere. */
enum gc_status ledger_json_read_by(FILE *in, const void *prefix, size_t plen,
				   size_t chunk, const struct ledger_load *ld,
				   struct gc_error *err);
enum gc_status ledger_ndjson_read_by(FILE *in, const void *prefix, size_t plen,
				     size_t chunk, const struct ledger_load *ld,
				     struct gc_error *err);

/* Headers that name nothing, gathered as a file's header or keys are
 * read, told in one warning (ledger_unread_warn). */
#define UNREAD_MAX 8
struct ledger_unread {
	char *name[UNREAD_MAX];
	struct ledger_loc at; /* the first's */
	size_t n;
	bool more; /* past UNREAD_MAX, others */
};
/* Adds header (found at `at`) once; false when out of memory. */
bool ledger_unread_add(struct ledger_unread *u, const char *header,
		       struct ledger_loc at);
/* Tells the warn callback about the headers gathered, then frees them. */
void ledger_unread_warn(const struct ledger_load *ld, struct ledger_unread *u,
			const char *what);

/* Whether JSON and NDJSON rows of the flat shape are read without cJSON
 * (ledger_json.c's fast path); true but for the tests that hold the two
 * paths to the same rows. */
extern bool ledger_json_flat;
extern unsigned long ledger_json_flat_reads; /* rows it read, for tests */

/* NDJSON on several threads (ledger_par.c). A worker reads the lines it
 * is sure of: a flat row (ledger_json.c's fast path) whose keys all name
 * columns, as cells (valid until its next line); a blank line is nothing;
 * any other line (cJSON's, an unknown key, an error, the first) is
 * deferred to the reading thread, which reads it with ledger_json_lines
 * exactly as a one-thread read would, so rows, warnings and errors come
 * out the same. */
enum json_line { JSON_LINE_FLAT, JSON_LINE_BLANK, JSON_LINE_DEFER };
/* No real row object or NDJSON line comes near this; it bounds memory. */
#define LEDGER_JSON_ROW_MAX (1024 * 1024)
struct ledger_json_worker;
struct ledger_json_worker *ledger_json_worker_new(const struct ledger_load *ld);
void ledger_json_worker_free(struct ledger_json_worker *w);
/* s[0, n) is a line without its break; first: the file's first line. */
enum json_line ledger_json_worker_line(struct ledger_json_worker *w,
				       const char *s, size_t n, bool first,
				       struct ledger_cells *cells);

struct ledger_json_lines;
struct ledger_json_lines *ledger_json_lines_new(const struct ledger_load *ld);
/* Line `line` of the file, s[0, n) without its line break: its row to the
 * sink, or its error (--keep-going skips a bad row, as one thread does). */
enum gc_status ledger_json_lines_read(struct ledger_json_lines *l,
				      const char *s, size_t n, long line,
				      struct gc_error *err);
/* The rest of the file, s[0, n) and the pieces after it, line `line`
 * first, read as a one-thread read reads it; then its end (a last line
 * without a break). */
enum gc_status ledger_json_lines_feed(struct ledger_json_lines *l,
				      const char *s, size_t n, long line,
				      struct gc_error *err);
enum gc_status ledger_json_lines_end(struct ledger_json_lines *l,
				     struct gc_error *err);
/* Warns of the keys no column has, as a one-thread read ends. */
void ledger_json_lines_free(struct ledger_json_lines *l);

/* A JSON array on several threads (ledger_par.c), cut at line breaks as
 * NDJSON is. A worker reads a line that is one flat row, perhaps with the
 * comma after it (JSON_LINE_FLAT, *comma), as ledger_json_worker_line
 * does; every other line is deferred. The reading thread follows the
 * array's structure in a frame: it feeds the frame every deferred line,
 * and a worker's row too when the frame is not waiting for a row at the
 * start of a line (ledger_json_frame_row false), as a one-thread read
 * would read them; so rows, warnings and errors come out the same. */
enum json_line ledger_json_worker_element(struct ledger_json_worker *w,
					  const char *s, size_t n, bool *comma,
					  struct ledger_cells *cells);
struct ledger_json_frame;
struct ledger_json_frame *ledger_json_frame_new(const struct ledger_load *ld);
enum gc_status ledger_json_frame_feed(struct ledger_json_frame *fr,
				      const char *s, size_t n,
				      struct gc_error *err);
/* Whether the frame takes a worker's row line as read (see above). */
bool ledger_json_frame_row(struct ledger_json_frame *fr, bool comma);
/* The end of the input: whether the ledger closed. */
enum gc_status ledger_json_frame_end(struct ledger_json_frame *fr,
				     struct gc_error *err);
/* Warns of the keys no column has, as a one-thread read ends. */
void ledger_json_frame_free(struct ledger_json_frame *fr);

#endif
