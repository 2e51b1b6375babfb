/* Org aliases (alias.h): a hash table of lower-cased names. */
#include "alias.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "util.h"

/* Aliases a table holds at most: a renaming list, not a ledger. */
#define ALIASES_MAX 100000

struct alias {
	char *from, *to;
	uint64_t hash;
};

struct aliases {
	struct alias *items;
	size_t n, cap;
	size_t *index; /* 1 + index into items; 0 empty; over half free */
	size_t index_cap;
};

struct aliases *aliases_new(void)
{
	return calloc(1, sizeof(struct aliases));
}

void aliases_free(struct aliases *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->items[i].from);
		free(a->items[i].to);
	}
	free(a->items);
	free(a->index);
	free(a);
}

static uint64_t name_hash(const char *s)
{
	return util_hash(s, strlen(s), true);
}

/* The slot of `name` (hash h), or the empty one where it would go. */
static size_t *slot(const struct aliases *a, const char *name, uint64_t h)
{
	size_t mask = a->index_cap - 1, i = (size_t)h & mask;

	while (a->index[i] != 0) {
		const struct alias *x = &a->items[a->index[i] - 1];

		if (x->hash == h && strcasecmp(x->from, name) == 0)
			break;
		i = (i + 1) & mask;
	}
	return &a->index[i];
}

/* Room for one more, the index kept under half full. */
static bool make_room(struct aliases *a)
{
	size_t *old = a->index, old_cap = a->index_cap, i;

	if (!util_grow((void **)&a->items, &a->cap, a->n + 1, sizeof *a->items))
		return false;
	if (2 * (a->n + 1) <= a->index_cap)
		return true;
	a->index_cap = old_cap ? 2 * old_cap : 64;
	a->index = calloc(a->index_cap, sizeof *a->index);
	if (a->index == NULL) {
		a->index = old;
		a->index_cap = old_cap;
		return false;
	}
	for (i = 0; i < old_cap; i++)
		if (old[i] != 0)
			*slot(a, a->items[old[i] - 1].from,
			      a->items[old[i] - 1].hash) = old[i];
	free(old);
	return true;
}

/* Adds from -> to (both trimmed copies made here); a message in *why
 * when they cannot be. */
static enum gc_status put(struct aliases *a, const char *from, const char *to,
			  const char **why)
{
	uint64_t h = name_hash(from);
	size_t *at;

	*why = NULL;
	if (a->n >= ALIASES_MAX) {
		*why = "too many aliases (the limit is 100000)";
		return GC_DATA;
	}
	if (a->index_cap > 0 && *(at = slot(a, from, h)) != 0) {
		if (strcasecmp(a->items[*at - 1].to, to) != 0)
			*why = "already has another name";
		return *why ? GC_DATA : GC_OK;
	}
	if (!make_room(a))
		return GC_IO;
	at = slot(a, from, h);
	a->items[a->n].from = strdup(from);
	a->items[a->n].to = strdup(to);
	a->items[a->n].hash = h;
	if (a->items[a->n].from == NULL || a->items[a->n].to == NULL) {
		free(a->items[a->n].from);
		free(a->items[a->n].to);
		return GC_IO;
	}
	*at = ++a->n;
	return GC_OK;
}

const char *alias_of(const struct aliases *a, const char *name)
{
	size_t at;

	if (a == NULL || a->n == 0)
		return NULL;
	at = *slot(a, name, name_hash(name));
	return at ? a->items[at - 1].to : NULL;
}

enum gc_status aliases_add(struct aliases *a, const char *arg,
			   struct gc_error *err)
{
	char *copy = strdup(arg), *eq, *from, *to, q[DIAG_QUOTE_MAX];
	const char *why;
	enum gc_status st;

	if (copy == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	eq = strrchr(copy, '=');
	if (eq != NULL)
		*eq = '\0';
	from = util_trim(copy);
	to = eq ? util_trim(eq + 1) : NULL;
	if (to == NULL || *from == '\0' || *to == '\0')
		st = gc_fail(err, GC_USAGE, NULL, 0, 0,
			     "--alias: '%s' is not FROM=TO (an org's name as "
			     "written, then the name it stands for) or @FILE",
			     diag_quote(arg, q));
	else if ((st = put(a, from, to, &why)) == GC_IO)
		gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	else if (st != GC_OK)
		st = gc_fail(err, GC_USAGE, NULL, 0, 0, "--alias: '%s' %s",
			     diag_quote(from, q), why);
	free(copy);
	return st;
}

/* ---- a file of from,to rows ---- */

struct load {
	struct aliases *a;
	const char *path;
};

static enum gc_status load_header(const struct csv_record *rec, void *ctx,
				  struct gc_error *err)
{
	const struct load *l = ctx;

	if (rec->n != 2 || strcasecmp(util_trim(rec->fields[0]), "from") != 0 ||
	    strcasecmp(util_trim(rec->fields[1]), "to") != 0)
		return gc_fail(err, GC_DATA, l->path, rec->line, 1,
			       "an alias file's header is from,to");
	return GC_OK;
}

static enum gc_status load_row(const struct csv_record *rec, void *ctx,
			       struct gc_error *err)
{
	const struct load *l = ctx;
	char *from = util_trim(rec->fields[0]), *to = util_trim(rec->fields[1]);
	char q[DIAG_QUOTE_MAX];
	const char *why;
	enum gc_status st;

	if (*from == '\0' || *to == '\0')
		return gc_fail(err, GC_DATA, l->path, rec->line,
			       *from == '\0' ? 1 : 2, "%s: missing",
			       *from == '\0' ? "from" : "to");
	st = put(l->a, from, to, &why);
	if (st == GC_IO)
		return gc_fail(err, GC_IO, l->path, rec->line, 1,
			       "out of memory");
	if (st != GC_OK)
		return gc_fail(err, GC_DATA, l->path, rec->line, 1,
			       "from: '%s' %s", diag_quote(from, q), why);
	return GC_OK;
}

enum gc_status aliases_load(struct aliases *a, const char *path,
			    struct gc_error *err)
{
	struct load l = { a, path };
	struct csvread_table t = { load_header, load_row, NULL, &l, 0 };
	FILE *in = fopen(path, "rb");
	enum gc_status st;

	if (in == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	st = csvread_file(in, NULL, 0, path, ',', &t, err);
	fclose(in);
	if (st == GC_OK && t.ncols == 0)
		return gc_fail(err, GC_DATA, path, 1, 1,
			       "empty alias file (no from,to header)");
	return st;
}
