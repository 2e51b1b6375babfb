/* Streaming JSON formats: json is an array of row objects, one a line;
 * ndjson is one object a line. Objects are built and escaped by cJSON;
 * undefined numbers are null. Numbers use the same shortest round-trip
 * text as CSV (cJSON jumps from 15 to 17 digits), so formats agree. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gpucap/quantity.h"
#include "table_impl.h"

static cJSON *number_json(enum cell_type t, double v)
{
	char buf[QTY_FMT_MAX];

	if (isnan(v))
		return cJSON_CreateNull();
	if (t == CT_BOOL)
		return cJSON_CreateBool(v != 0);
	return cJSON_CreateRaw(qty_format(v, buf));
}

static cJSON *cell_json(const struct table_col *col, const struct cell *c)
{
	if (col->type == CT_TEXT)
		return cJSON_CreateString(c->text ? c->text : "");
	return number_json(col->type, c->num);
}

static bool add(cJSON *obj, const char *name, cJSON *v)
{
	if (v != NULL && cJSON_AddItemToObject(obj, name, v))
		return true;
	cJSON_Delete(v);
	return false;
}

/* A column with bounds adds NAME_low and NAME_high after NAME. */
static bool add_bounds(cJSON *obj, const struct table_col *col,
		       const struct cell *c)
{
	char name[256];

	if (!col->bounds)
		return true;
	snprintf(name, sizeof name, "%s_low", col->name);
	if (!add(obj, name, number_json(col->type, c->lo)))
		return false;
	snprintf(name, sizeof name, "%s_high", col->name);
	return add(obj, name, number_json(col->type, c->hi));
}

static enum gc_status object_line(struct printer *p, const struct cell *cells,
				  const char *lead)
{
	cJSON *obj = cJSON_CreateObject();
	char *text = NULL;
	size_t i;
	bool ok = obj != NULL;

	for (i = 0; ok && i < p->ncols; i++)
		ok = add(obj, p->cols[i].name,
			 cell_json(&p->cols[i], &cells[i])) &&
		     add_bounds(obj, &p->cols[i], &cells[i]);
	if (ok)
		text = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	if (text == NULL)
		return GC_IO;
	fprintf(p->out, "%s%s", lead, text);
	cJSON_free(text);
	return GC_OK;
}

static void json_begin(struct printer *p)
{
	fputc('[', p->out);
}

static enum gc_status json_row(struct printer *p, const struct cell *cells)
{
	return object_line(p, cells, p->nrows == 0 ? "\n" : ",\n");
}

static enum gc_status json_end(struct printer *p)
{
	fputs(p->nrows == 0 ? "]\n" : "\n]\n", p->out);
	return GC_OK;
}

static enum gc_status ndjson_row(struct printer *p, const struct cell *cells)
{
	enum gc_status st = object_line(p, cells, "");

	if (st == GC_OK)
		fputc('\n', p->out);
	return st;
}

static enum gc_status ndjson_end(struct printer *p)
{
	(void)p;
	return GC_OK;
}

const struct format FMT_JSON = { "json", json_begin, json_row, json_end, NULL };
const struct format FMT_NDJSON = { "ndjson", NULL, ndjson_row, ndjson_end,
				   NULL };
