/* gpucap import nvidia-smi --quarter Q [--org O] FILE...: what
 * `nvidia-smi --query-gpu=name,... --format=csv` prints on each node,
 * counted into one buy row a model. A planning team counts its own fleet
 * this way. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_impl.h"
#include "csvread.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "util.h"

enum { S_QUARTER, S_ORG, S_MODEL, S_UNITS, S_NOTE, S_COUNT };

static const struct table_col SMI_COLS[S_COUNT] = {
	{ "quarter", CT_TEXT, false }, { "org", CT_TEXT, false },
	{ "model", CT_TEXT, false },   { "units", CT_COUNT, false },
	{ "note", CT_TEXT, false },
};

/* A model seen: its GPUs, and on how many of the files (nodes). */
struct seen {
	const struct accel *a;
	double gpus;
	size_t nodes;
	size_t last_file; /* 1 + the file it was last seen in */
};

struct smi {
	const struct options *o;
	struct catalog cat;
	struct seen *models;
	size_t n, cap;
	size_t files, file; /* files in all; 1 + the one being read */
	const char *path;
	long name_col; /* 0-based; -1 until the first record says */
};

/* A header field names its query ("name", "memory.total [MiB]"): the
 * name before any unit in brackets. */
static bool names_name(const char *field)
{
	size_t n = strcspn(field, "[");

	while (n > 0 && (field[n - 1] == ' ' || field[n - 1] == '\t'))
		n--;
	while (*field == ' ' || *field == '\t')
		field++, n--;
	return n == 4 && strncasecmp(field, "name", 4) == 0;
}

static enum gc_status count_gpu(struct smi *s, const struct csv_record *rec,
				struct gc_error *err)
{
	char *name = util_trim(rec->fields[s->name_col]);
	const struct accel *a;
	size_t i;

	a = catalog_require(&s->cat, name, GC_DATA, err);
	if (a == NULL) {
		err->file = s->path;
		err->line = rec->line;
		err->col = s->name_col + 1;
		return GC_DATA;
	}
	for (i = 0; i < s->n && s->models[i].a != a; i++)
		;
	if (i == s->n) {
		if (!util_grow((void **)&s->models, &s->cap, s->n + 1,
			       sizeof *s->models))
			return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
		s->models[s->n++] = (struct seen){ a, 0, 0, 0 };
	}
	s->models[i].gpus++;
	if (s->models[i].last_file != s->file) {
		s->models[i].nodes++;
		s->models[i].last_file = s->file;
	}
	return GC_OK;
}

/* The first record: a header naming the name column, or (noheader) the
 * first GPU, whose name is then the first field. */
static enum gc_status first_record(const struct csv_record *rec, void *ctx,
				   struct gc_error *err)
{
	struct smi *s = ctx;
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (names_name(rec->fields[i])) {
			s->name_col = (long)i;
			return GC_OK;
		}
	s->name_col = 0;
	return count_gpu(s, rec, err);
}

static enum gc_status gpu_record(const struct csv_record *rec, void *ctx,
				 struct gc_error *err)
{
	return count_gpu(ctx, rec, err);
}

static enum gc_status read_node(struct smi *s, const char *path,
				struct gc_error *err)
{
	struct csvread_table t = { first_record, gpu_record, NULL, s, 0 };
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	enum gc_status st;

	if (in == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	s->path = in == stdin ? "<stdin>" : path;
	s->name_col = -1;
	st = csvread_file(in, NULL, 0, s->path, ',', &t, err);
	if (in != stdin)
		fclose(in);
	return st;
}

static enum gc_status smi_rows(void *ctx, struct printer *p,
			       struct gc_error *err)
{
	const struct smi *s = ctx;
	char q[QUARTER_FMT_MAX], note[96];
	size_t i;

	for (i = 0; i < s->n; i++) {
		struct cell c[S_COUNT];

		snprintf(note, sizeof note, "nvidia-smi: on %zu of %zu nodes",
			 s->models[i].nodes, s->files);
		c[S_QUARTER] = (struct cell){ quarter_format(s->o->quarter, q),
					      NAN, false, NAN, NAN };
		c[S_ORG] = (struct cell){ s->o->norgs ? s->o->orgs[0] : "", NAN,
					  false, NAN, NAN };
		c[S_MODEL] = (struct cell){ s->models[i].a->id, NAN, false, NAN,
					    NAN };
		c[S_UNITS] = (struct cell){ NULL, s->models[i].gpus, false, NAN,
					    NAN };
		c[S_NOTE] = (struct cell){ note, NAN, false, NAN, NAN };
		if (printer_row(p, c) != GC_OK)
			return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	return GC_OK;
}

static enum gc_status smi_usage(const struct options *o, struct gc_error *err)
{
	if (!o->has_quarter)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "import nvidia-smi: --quarter Q says when the "
			       "GPUs count");
	if (o->norgs > 1)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "import nvidia-smi: one --org, the fleet's");
	if (o->nargs < 2)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "import nvidia-smi: a FILE a node (or - for "
			       "standard input)");
	return GC_OK;
}

enum gc_status import_nvidia_smi(const struct options *o, struct gc_error *err)
{
	struct smi s = { .o = o, .files = (size_t)o->nargs - 1 };
	struct cli_request r;
	enum gc_status st = smi_usage(o, err);
	int i;

	if (st != GC_OK)
		return st;
	st = cli_load_catalog(o, &s.cat, err);
	for (i = 1; st == GC_OK && i < o->nargs; i++) {
		s.file = (size_t)i;
		st = read_node(&s, o->args[i], err);
	}
	if (st == GC_OK) {
		cli_request_init(&r, o);
		st = cli_print(&r, SMI_COLS, S_COUNT, smi_rows, &s, err);
	}
	free(s.models);
	catalog_free(&s.cat);
	return st;
}
