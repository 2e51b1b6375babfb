/* gpucap catalog [MODEL...]: the catalog's figures and factors. */
#include <math.h>

#include "cli_impl.h"
#include "gpucap/table.h"

enum {
	CC_ID,
	CC_VENDOR,
	CC_NAME,
	CC_YEAR,
	CC_METRIC,
	CC_VALUE,
	CC_FACTOR,
	CC_TDP,
	CC_PRICE,
	CC_COUNT
};

static const struct table_col CATALOG_COLS[CC_COUNT] = {
	{ "id", CT_TEXT, false },	{ "vendor", CT_TEXT, false },
	{ "name", CT_TEXT, false },	{ "year", CT_INT, false },
	{ "metric", CT_TEXT, false },	{ "value", CT_FIGURE, false },
	{ "factor", CT_RATIO, false },	{ "tdp_w", CT_COUNT, false },
	{ "price_usd", CT_USD, false },
};

struct listing {
	const struct options *o;
	const struct catalog *cat;
	const struct fleet *fleet;
};

static enum gc_status entry(const struct listing *l, const struct accel *a,
			    struct printer *p, struct gc_error *err)
{
	struct cell c[CC_COUNT] = { { NULL, NAN, false, NAN, NAN } };
	double factor;

	c[CC_ID].text = a->id;
	c[CC_VENDOR].text = a->vendor;
	c[CC_NAME].text = a->name;
	c[CC_YEAR].num = a->year > 0 ? a->year : NAN;
	c[CC_METRIC].text = metric_name(l->o->metric);
	c[CC_VALUE].num = accel_metric(a, l->o->metric);
	c[CC_FACTOR].num = fleet_factor(l->fleet, a, &factor) ? factor : NAN;
	c[CC_TDP].num = a->fig[FIG_TDP_W];
	c[CC_PRICE].num = a->fig[FIG_PRICE_USD];
	if (printer_row(p, c) != GC_OK)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	return GC_OK;
}

static enum gc_status rows(void *ctx, struct printer *p, struct gc_error *err)
{
	const struct listing *l = ctx;
	const struct accel *a;
	enum gc_status st = GC_OK;
	size_t i = 0;
	int k;

	if (l->o->nargs == 0) {
		for (a = catalog_next(l->cat, &i); a && st == GC_OK;
		     a = catalog_next(l->cat, &i))
			st = entry(l, a, p, err);
		return st;
	}
	for (k = 0; k < l->o->nargs && st == GC_OK; k++)
		st = entry(l, catalog_find(l->cat, l->o->args[k]), p, err);
	return st;
}

/* Every MODEL must be known before anything is printed. */
static enum gc_status check_models(const struct options *o,
				   const struct catalog *cat,
				   struct gc_error *err)
{
	int k;

	for (k = 0; k < o->nargs; k++)
		if (catalog_require(cat, o->args[k], GC_USAGE, err) == NULL)
			return GC_USAGE;
	return GC_OK;
}

enum gc_status cmd_catalog(const struct options *o, struct gc_error *err)
{
	struct catalog cat;
	struct fleet_opts fo;
	struct fleet fleet = { 0 };
	enum gc_status st;

	catalog_init(&cat);
	st = cli_load_catalog(o, &cat, err);
	if (st == GC_OK)
		st = check_models(o, &cat, err);
	if (st == GC_OK) {
		cli_fleet_opts(o, &cat, &fo);
		st = fleet_init(&fleet, &fo, err);
	}
	if (st == GC_OK) {
		struct listing l = { o, &cat, &fleet };
		struct cli_request r;

		cli_request_init(&r, o);
		st = cli_print(&r, CATALOG_COLS, CC_COUNT, rows, &l, err);
	}
	fleet_free(&fleet);
	catalog_free(&cat);
	return st;
}
