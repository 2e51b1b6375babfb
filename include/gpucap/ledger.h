/* Ledger rows: what one line of a purchases/spend file says, with where it
 * came from. Loaders turn bytes into rows and push them to a sink. */
#ifndef GPUCAP_LEDGER_H
#define GPUCAP_LEDGER_H

#include <stdbool.h>
#include <stdio.h>

#include "gpucap/diag.h"

/* The columns a ledger may have (SPEC 3.2), then the ends of its figures
 * (SPEC 4.4: NAME_p5 and NAME_p95, or NAME_low and NAME_high, beside
 * NAME), then what a period row gives (Epoch AI's chip-owner exports,
 * SPEC 3.4: the quarter is the end date's; a start date, or a series
 * start, says whether the row is one quarter's purchases or a running
 * stock; the designer stands in for a missing owner; incomplete marks a
 * quarter whose figures are partial). */
enum ledger_col {
	LC_QUARTER,
	LC_ORG,
	LC_MODEL,
	LC_UNITS,
	LC_SPEND,
	LC_H100E,
	LC_TOTAL,
	LC_KIND,
	LC_NOTE,
	LC_UNITS_LO,
	LC_UNITS_HI,
	LC_SPEND_LO,
	LC_SPEND_HI,
	LC_H100E_LO,
	LC_H100E_HI,
	LC_TOTAL_LO,
	LC_TOTAL_HI,
	LC_START,
	LC_SERIES_START,
	LC_TITLE, /* the row's name (LC_NAME is a locale category of glibc's) */
	LC_DESIGNER,
	LC_INCOMPLETE,
	LC_SOURCE,
	LC_COUNT
};

/* The figures a row may give, in the order of their columns. */
enum ledger_fig { LF_UNITS, LF_SPEND, LF_H100E, LF_TOTAL, LF_COUNT };

/* What a row counts, given by `kind` or inferred from its cells. */
enum row_kind {
	ROW_BUY, /* model + units (negative units retire) or model + spend */
	ROW_CAPACITY, /* h100e delta */
	ROW_TOTAL,    /* total_h100e level observation */
	ROW_SPEND     /* spend alone, at the price per H100e */
};

/* Figures past these are refused as out of range: no fleet comes near,
 * and they keep every sum of millions of rows finite. */
#define LEDGER_COUNT_MAX 1e12 /* units, h100e, total_h100e */
#define LEDGER_MONEY_MAX 1e15 /* spend_usd */

enum ledger_format {
	LEDGER_SNIFF,
	LEDGER_CSV,
	LEDGER_TSV,
	LEDGER_JSON,
	LEDGER_NDJSON
};

/* Where a field is: line and column, 1-based; 0 when unknown. In CSV and
 * TSV the column is the field's position in the row; in JSON it is the
 * character column of its key. */
struct ledger_loc {
	long line, col;
};

struct ledger_row {
	const char *file;
	long line;			/* where the row starts */
	struct ledger_loc at[LC_COUNT]; /* each field; 0s when absent */
	enum row_kind kind;
	int quarter;
	/* A fiscal quarter over two calendar quarters: later is the one of
	 * its last day (0 otherwise), later_days of its days are there.
	 * Its flows are split between quarter and later by days, its level
	 * belongs to later (ledger_deliver does both). */
	int later;
	int later_days, days;
	const char *org;   /* trimmed; "" for the unnamed fleet */
	const char *model; /* NULL when absent */
	const char *note;  /* NULL when absent */
	/* Where the row's figures come from: a `source` cell, or for a row of
	 * Epoch AI's chip data LEDGER_EPOCH_SOURCE; NULL when unsaid. */
	const char *source;
	double units; /* NaN when absent; negative retires */
	double spend; /* NaN when absent */
	double h100e; /* NaN when absent */
	double total; /* NaN when absent */
	/* A figure written as a range LOW..HIGH sets ranged; the figure above
	 * is then its midpoint. With ranged, low and high hold the ends of
	 * every figure (a plain one's ends are itself, an absent one's NaN);
	 * without, they are not read. */
	bool ranged;
	double low[LF_COUNT], high[LF_COUNT];
	/* With ranged: whether the figure's central value was given (a
	 * median) rather than its range's midpoint. */
	bool median[LF_COUNT];
	/* A level that is one part of the org's (a chip's share of Epoch
	 * AI's running stock): the quarter's parts add up. */
	bool part;
	bool incomplete; /* the quarter's figures are partial */
	/* Nonzero when org and model are interned for the read this number
	 * names: within it, one pointer is always one spelling, so a sink
	 * may remember what it found for a pointer. */
	unsigned long names_id;
};

/* Receives each row; a non-OK status stops the read. The row and its
 * strings are only valid during the call. */
typedef enum gc_status (*ledger_sink)(const struct ledger_row *row, void *ctx,
				      struct gc_error *err);

const char *ledger_col_name(enum ledger_col c);

/* Fills err with a data error "COLUMN: message" located at the row's field
 * c (at the row when the field is absent) and returns GC_DATA. */
enum gc_status ledger_row_fail(struct gc_error *err,
			       const struct ledger_row *row, enum ledger_col c,
			       const char *fmt, ...) GC_PRINTF(4, 5);

struct aliases;

/* --map 'THEIR NAME=column' (SPEC 3.3): a header, header[0, len), that
 * names ledger column col, whatever the aliases say. */
struct ledger_map {
	const char *header;
	size_t len;
	enum ledger_col col;
};

/* Parses "THEIR NAME=column" (split at the last '=') into out, header
 * pointing into arg; false when there is no '=' or no header, or the
 * column is none of the ledger's, with *hint the column it likely means
 * (NULL when none is near). */
bool ledger_map_parse(const char *arg, struct ledger_map *out,
		      const char **hint);

struct ledger_opts {
	enum ledger_format format; /* LEDGER_SNIFF: from name and content */
	/* With keep_going, a row that is bad data (a bad cell, an unknown
	 * model, a ragged row, a broken JSON row) is reported to warn and
	 * skipped instead of ending the read. */
	bool keep_going;
	void (*warn)(void *ctx, const struct gc_error *w);
	void *warn_ctx;
	/* May be NULL. Called now and then while a regular file is read:
	 * done of its total bytes are read. */
	void (*progress)(void *ctx, long long done, long long total);
	void *progress_ctx;
	/* Threads a big CSV or TSV file is read on, 1 to
	 * LEDGER_THREADS_MAX; 0: one a core. */
	int threads;
	/* Headers that name a column whatever the aliases say. A header
	 * that names no column, mapped or known, is told to warn once a
	 * file (with a did-you-mean): nothing is dropped silently. */
	const struct ledger_map *map;
	size_t nmap;
	/* Org names renamed as rows are read (--alias; alias.h), or NULL. */
	const struct aliases *aliases;
	/* The month (1..12) that ends the fiscal year of FY quarters; 0:
	 * a fiscal quarter is an error. */
	int fiscal_year_end;
	/* A CSV file's delimiter; 0: told from its header line (',', ';'
	 * or a tab, whichever it has most of). In a ';' file a decimal
	 * comma is a decimal point. */
	char delimiter;
};

#define LEDGER_THREADS_MAX 16

/* The source of a row of Epoch AI's chip-owner or chip-sales exports,
 * which are CC-BY: a chart of them says so. One array, so that a row's
 * source can be told to be it by its address. */
extern const char LEDGER_EPOCH_SOURCE[];

/* Reads path ("-" is standard input) and pushes every row to sink. JSON
 * and NDJSON reads point cJSON's allocator at an arena of their own while
 * they run (cJSON's hooks are process-wide) and put it back before they
 * return: a JSON read must not overlap another, or other cJSON use, on
 * another thread. */
enum gc_status ledger_read(const char *path, const struct ledger_opts *o,
			   ledger_sink sink, void *ctx, struct gc_error *err);

/* The same from an open stream, named `name` in messages; the format is
 * told from the first bytes unless o->format says it. */
enum gc_status ledger_read_stream(FILE *in, const char *name,
				  const struct ledger_opts *o, ledger_sink sink,
				  void *ctx, struct gc_error *err);

bool ledger_format_parse(const char *s, enum ledger_format *out);

#endif
