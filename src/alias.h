/* Org aliases (--alias, SPEC 3.3): names one source spells otherwise,
 * renamed as the ledger is read ("Meta AI=Meta"). */
#ifndef GPUCAP_ALIAS_H
#define GPUCAP_ALIAS_H

#include <stddef.h>

#include "gpucap/diag.h"

struct aliases;

/* An empty table; NULL when out of memory. */
struct aliases *aliases_new(void);
void aliases_free(struct aliases *a);

/* Adds "FROM=TO" (split at the last '=', both trimmed, neither empty): a
 * usage error otherwise, or when FROM already has another name. */
enum gc_status aliases_add(struct aliases *a, const char *arg,
			   struct gc_error *err);

/* Adds every row of a CSV file with the header from,to: data errors at
 * their file, line and column. */
enum gc_status aliases_load(struct aliases *a, const char *path,
			    struct gc_error *err);

/* The name `name` is renamed to (matched case-insensitively, as orgs
 * are), or NULL when it has no alias. Safe from several threads. */
const char *alias_of(const struct aliases *a, const char *name);

#endif
