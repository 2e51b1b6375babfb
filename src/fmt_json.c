/* Streaming JSON formats: json is an array of row objects, one a line;
 * ndjson is one object a line. Objects are built and escaped by cJSON;
 * undefined numbers are null. Numbers use the same shortest round-trip
 * text as CSV (cJSON jumps from 15 to 17 digits), so formats agree. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>

#include "gpucap/quantity.h"
#include "printer_impl.h"

static cJSON *cell_json(const struct table_col *col, const struct cell *c)
{
	char buf[QTY_FMT_MAX];

	if (col->type == CT_TEXT)
		return cJSON_CreateString(c->text ? c->text : "");
	if (isnan(c->num))
		return cJSON_CreateNull();
	if (col->type == CT_BOOL)
		return cJSON_CreateBool(c->num != 0);
	return cJSON_CreateRaw(qty_format(c->num, buf));
}

static enum gc_status object_line(struct printer *p, const struct cell *cells,
				  const char *lead)
{
	cJSON *obj = cJSON_CreateObject();
	char *text = NULL;
	size_t i;
	bool ok = obj != NULL;

	for (i = 0; ok && i < p->ncols; i++) {
		cJSON *v = cell_json(&p->cols[i], &cells[i]);

		ok = v != NULL &&
		     cJSON_AddItemToObject(obj, p->cols[i].name, v);
		if (!ok)
			cJSON_Delete(v);
	}
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
