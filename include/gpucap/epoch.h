/* Epoch AI's GPU Clusters dataset (epoch.ai/data, CC-BY 4.0) as ledger
 * rows: one row per cluster and chip type, dated by the cluster's first
 * operational date. */
#ifndef GPUCAP_EPOCH_H
#define GPUCAP_EPOCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "gpucap/diag.h"

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
	/* filled by the read */
	size_t clusters;    /* rows of the dataset */
	size_t imported;    /* clusters that gave ledger rows */
	size_t skipped;	    /* clusters without a date, chip or quantity */
	size_t as_capacity; /* of those, kept as capacity */
};

/* Reads the dataset's CSV (columns found by name). Clusters with the same
 * Name get " #2", " #3"... in file order when org_by_name, so that each is
 * its own org. A file without the dataset's columns is GC_DATA. */
enum gc_status epoch_clusters_read(FILE *in, const char *name,
				   struct epoch_import *imp, epoch_sink sink,
				   void *ctx, struct gc_error *err);

/* "3/31/2024" (M/D/YYYY, Epoch AI's form) or "2024-03-31": its quarter. */
bool epoch_date_quarter(const char *s, int *quarter);

#endif
