/* gpucap convert AMOUNT MODEL: one row of H100 equivalents. */
#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "cli_impl.h"
#include "gpucap/ledger.h"
#include "gpucap/quantity.h"
#include "gpucap/table.h"

enum {
	CV_MODEL,
	CV_UNITS,
	CV_USD,
	CV_METRIC,
	CV_BASELINE,
	CV_FACTOR,
	CV_H100E,
	CV_COUNT
};

static const struct table_col CONVERT_COLS[CV_COUNT] = {
	{ "model", CT_TEXT, false },	{ "units", CT_COUNT, false },
	{ "usd", CT_USD, false },	{ "metric", CT_TEXT, false },
	{ "baseline", CT_TEXT, false }, { "factor", CT_RATIO, false },
	{ "h100e", CT_COUNT, false },
};

static enum gc_status emit(void *ctx, struct printer *p, struct gc_error *err)
{
	if (printer_row(p, ctx) != GC_OK)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	return GC_OK;
}

/* An amount of power, "100MW", "1.5 GW", "500kW" (any case): its watts;
 * false when the text is not one. */
static bool watts_of(const char *s, double *out)
{
	static const struct {
		const char *unit;
		double watts;
	} UNITS[] = { { "gw", 1e9 }, { "mw", 1e6 }, { "kw", 1e3 }, { "w", 1 } };
	size_t n = strlen(s), i, u;
	char num[64];
	struct quantity q;
	const char *why;

	for (u = 0; u < sizeof UNITS / sizeof UNITS[0]; u++) {
		size_t k = strlen(UNITS[u].unit);

		if (n <= k || n - k >= sizeof num ||
		    strcasecmp(s + n - k, UNITS[u].unit) != 0)
			continue;
		memcpy(num, s, n - k);
		num[n - k] = '\0';
		for (i = 0; num[i] != '\0'; i++)
			if (!isdigit((unsigned char)num[i]) &&
			    strchr(".,eE+- ", num[i]) == NULL)
				return false; /* no suffixes, no money */
		if (!qty_parse(num, &q, &why) || q.money || !(q.value > 0))
			return false;
		*out = q.value * UNITS[u].watts;
		return true;
	}
	return false;
}

/* The units that draw `watts` at the model's TDP x overhead x PUE (the
 * inverse of power_mw), into q as a count. */
static enum gc_status units_of_power(const struct options *o,
				     const struct accel *a, double watts,
				     struct quantity *q, struct gc_error *err)
{
	double per_unit = a->fig[FIG_TDP_W] * o->overhead * o->pue;

	if (!(per_unit > 0))
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "model '%s' has no tdp_w in the catalog to turn "
			       "power into units",
			       a->id);
	q->value = watts / per_unit;
	q->money = false;
	if (!(q->value <= LEDGER_COUNT_MAX))
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "AMOUNT: %g W is %.3g %s, over the limit of %g "
			       "units",
			       watts, q->value, a->id, LEDGER_COUNT_MAX);
	return GC_OK;
}

static enum gc_status convert(const struct options *o, const struct fleet *f,
			      const struct accel *a, const struct quantity *q,
			      struct gc_error *err)
{
	struct cell cells[CV_COUNT] = { { NULL, NAN, false, NAN, NAN } };
	double factor;

	if (!fleet_factor(f, a, &factor))
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "model '%s' has no %s figure in the catalog",
			       a->id, metric_name(o->metric));
	if (q->money && isnan(a->fig[FIG_PRICE_USD]))
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "model '%s' has no price_usd in the catalog to "
			       "turn money into units",
			       a->id);
	cells[CV_MODEL].text = a->id;
	cells[CV_USD].num = q->money ? q->value : NAN;
	cells[CV_UNITS].num =
		q->money ? q->value / a->fig[FIG_PRICE_USD] : q->value;
	cells[CV_METRIC].text = metric_name(o->metric);
	cells[CV_BASELINE].text = f->baseline->id;
	cells[CV_FACTOR].num = factor;
	cells[CV_H100E].num = cells[CV_UNITS].num * factor;
	if (!(fabs(cells[CV_H100E].num) <= LEDGER_COUNT_MAX))
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "%s %s would be %.3g H100e, over the limit of "
			       "%g (check the catalog's figures)",
			       o->args[0], a->id, cells[CV_H100E].num,
			       LEDGER_COUNT_MAX);
	struct cli_request r;

	cli_request_init(&r, o);
	return cli_print(&r, CONVERT_COLS, CV_COUNT, emit, cells, err);
}

enum gc_status cmd_convert(const struct options *o, struct gc_error *err)
{
	struct catalog cat;
	struct fleet_opts fo;
	struct fleet fleet = { 0 };
	struct quantity q;
	const struct accel *a = NULL;
	const char *why;
	enum gc_status st;
	char qb[DIAG_QUOTE_MAX];
	double watts = NAN;

	if (watts_of(o->args[0], &watts))
		q = (struct quantity){ 0, false };
	else if (!qty_parse(o->args[0], &q, &why))
		return gc_fail(err, GC_USAGE, NULL, 0, 0, "AMOUNT: '%s' %s",
			       diag_quote(o->args[0], qb), why);
	/* the same limits as a ledger's units and spend_usd */
	if (fabs(q.value) > (q.money ? LEDGER_MONEY_MAX : LEDGER_COUNT_MAX))
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "AMOUNT: '%s' is out of range (at most %g%s)",
			       diag_quote(o->args[0], qb),
			       q.money ? LEDGER_MONEY_MAX : LEDGER_COUNT_MAX,
			       q.money ? " USD" : " units");
	catalog_init(&cat);
	st = cli_load_catalog(o, &cat, err);
	if (st == GC_OK) {
		a = catalog_require(&cat, o->args[1], GC_USAGE, err);
		st = a ? GC_OK : GC_USAGE;
	}
	if (st == GC_OK && !isnan(watts))
		st = units_of_power(o, a, watts, &q, err);
	if (st == GC_OK) {
		cli_fleet_opts(o, &cat, &fo);
		st = fleet_init(&fleet, &fo, err);
	}
	if (st == GC_OK)
		st = convert(o, &fleet, a, &q, err);
	fleet_free(&fleet);
	catalog_free(&cat);
	return st;
}
