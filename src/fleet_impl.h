/* Internal to the fleet: its accumulator (fleet.c) and the series it makes
 * of it, scenario by scenario (fleet_series.c). */
#ifndef GPUCAP_FLEET_IMPL_H
#define GPUCAP_FLEET_IMPL_H

#include "gpucap/fleet.h"

/* One org's figures in one quarter that no model carries: stated
 * capacity, spend-derived capacity, money and reported levels. */
struct qcell {
	double added, retired, spend;
	double unpaid;	 /* what was bought without money, at catalog prices */
	double reported; /* NaN when no level was observed; the central
			  * figure of an uncertain one */
	long reported_line;
	size_t level_figure; /* an uncertain level: 1 + its figure; 0 */
	bool parts;	     /* the level is a sum of parts (ledger_row.part) */
	bool incomplete; /* some row says the quarter's figures are partial */
	bool with_money; /* some of added is spend over a price */
};

/* Units of one model bought and retired by one org in one quarter, kept
 * apart so that retirements can be checked against what is in service
 * once the whole ledger is read (rows come in any order). */
struct flow_cell {
	double bought, retired;
};

/* Where each row retiring a model is, and how many it retires, kept apart
 * from the cells so that they stay small (every row touches a cell, few
 * retire): an over-retirement names the row that broke it, the first
 * whose units, added to the quarter's earlier ones, pass what is there. */
struct retire_note {
	int quarter;
	const char *file;
	struct ledger_loc at;
	double units;
};

struct model_flow {
	const struct accel *accel;
	double factor;
	int first;
	size_t n;
	struct flow_cell *cells;
	struct retire_note *notes;
	size_t nnotes, notes_cap;
	/* Some cell retires units: a row does, or in a scenario a figure
	 * drawn below zero. Without it (and a lifetime) no cohorts are
	 * kept. */
	bool retires;
};

/* What an uncertain figure of a row does to its org in each scenario
 * (series.h): the figure's value in the scenario, times scale, goes to
 * one cell. Certain figures go to the cells as rows come; uncertain ones
 * are kept here and put in when a scenario's series is made. */
enum lane_target {
	LT_UNITS,    /* units of flows[flow] (negative: retired) */
	LT_CAPACITY, /* H100e added (negative: retired) */
	LT_SPEND,    /* money spent */
	LT_LEVEL,    /* the reported level */
	LT_PART,     /* a part of the reported level */
	LT_UNPAID    /* capital bought without money (qcell.unpaid) */
};

struct lane_delta {
	size_t figure; /* index into fleet.figures */
	int quarter;
	enum lane_target target;
	size_t flow;  /* LT_UNITS */
	double scale; /* 1, or 1 / price where money buys units or H100e */
};

#define FLOW_HINT_BITS 6
#define FLOW_HINTS     (1u << FLOW_HINT_BITS)

struct fleet_org {
	char *name; /* as first written */
	int first;  /* quarter of cells[0] */
	size_t n;
	struct qcell *cells;
	struct model_flow *flows;
	size_t nflows, flows_cap;
	/* 1 + the index of a flow whose model hashes to the slot (0: none
	 * yet): rows of an org name its models in any order, and a scan of
	 * twenty flows a row cost more than the rest of the row's lookups */
	unsigned char flow_hint[FLOW_HINTS];
	struct lane_delta *deltas;
	size_t ndeltas, deltas_cap;
	bool has_spend;	    /* some row gave money */
	bool has_unpaid;    /* some row bought without money */
	bool power_unknown; /* some model lacks a TDP */
};

/* A spelling as found in the catalog; one it lacks keeps the message
 * that said so, since the did-you-mean behind it scans the catalog and
 * --keep-going may meet the same unknown spelling on every row. */
struct model_ref {
	char *spelling;
	const struct accel *accel; /* NULL: unknown */
	char *unknown;		   /* the message, when unknown */
};

/* An uncertain figure's value in scenario `lane`: lane 0 is the central
 * figure; with bounds, lane 1 the low end and lane 2 the high end. */
double fleet_figure_at(const struct sample_figure *g, size_t lane);

#endif
