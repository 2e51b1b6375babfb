/* Epoch AI's GPU Clusters dataset (epoch.ai/data, CC-BY 4.0) as ledger
 * rows: one row per cluster and chip type, dated by the cluster's first
 * operational date. */
#ifndef GPUCAP_EPOCH_H
#define GPUCAP_EPOCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "gpucap/diag.h"

/* The longest org or note an imported row may have, in bytes: what a
 * ledger's CSV or TSV field holds, quoted or not (a quoted field of 64 KiB
 * is one byte past the reader's limit). A longer one is an error. */
#define EPOCH_TEXT_MAX 65535

/* One ledger row: a chip type with its quantity, or (keep_capacity) a
 * cluster's H100 equivalents as stated capacity. */
struct epoch_row {
	int quarter;
	const char *org;
	const char *model; /* NULL for a capacity row */
	double units;	   /* NaN for a capacity row */
	double h100e;	   /* NaN for a chip row */
	const char *note;  /* name; status; certainty */
};

typedef enum gc_status (*epoch_sink)(const struct epoch_row *row, void *ctx,
				     struct gc_error *err);

struct epoch_import {
	bool org_by_name;   /* org is the cluster's Name, not its Owner */
	bool keep_capacity; /* rows without chips become capacity rows */
	/* Comma lists of the Status and Certainty values kept (any case),
	 * or NULL for all: decommissioned systems and unlikely claims need
	 * not count forever. */
	const char *statuses, *certainties;
	/* filled by the read */
	size_t clusters;    /* rows of the dataset */
	size_t imported;    /* clusters that gave ledger rows */
	size_t skipped;	    /* clusters without a date, chip or quantity */
	size_t as_capacity; /* of those, kept as capacity */
	size_t filtered;    /* left out by statuses or certainties */
};

/* The Status and Certainty values the dataset uses, for checking a
 * filter: NULL past the last. */
const char *epoch_status_name(size_t i);
const char *epoch_certainty_name(size_t i);

/* Whether the comma list holds word (blanks around items aside, any
 * case). */
bool epoch_list_has(const char *list, const char *word);

/* Reads the dataset's CSV (columns found by name). Clusters with the same
 * Name (as the ledger compares orgs: case aside) get " #2", " #3"... in file
 * order when org_by_name, passing over a number that is some cluster's own
 * name, so that each is its own org. A file without the dataset's columns
 * is GC_DATA; so is a cell the ledger would refuse: a date that is not
 * one, a quantity that is money, negative or past LEDGER_COUNT_MAX, text
 * that is not UTF-8, an org or note past EPOCH_TEXT_MAX. An empty date or
 * quantity (or a zero one) leaves the cluster out, counted in skipped. */
enum gc_status epoch_clusters_read(FILE *in, const char *name,
				   struct epoch_import *imp, epoch_sink sink,
				   void *ctx, struct gc_error *err);

/* "3/31/2024" (M/D/YYYY, Epoch AI's form) or any quarter the ledger
 * takes ("2024-03-31", "2024Q1"): its quarter. Days are checked as the
 * ledger checks them (2/29/2024, not 2/29/2023). */
bool epoch_date_quarter(const char *s, int *quarter);

#endif
