/* gpucap check, inside: the evaluated checks, as the writers of each
 * output format read them (cli_check_out.c). */
#ifndef GPUCAP_CLI_CHECK_IMPL_H
#define GPUCAP_CLI_CHECK_IMPL_H

#include "cli_impl.h"
#include "gpucap/check.h"

struct evaluated {
	const struct check_list *checks;
	struct check_result *results;
	size_t failed;	  /* over the whole range, or without ranges */
	size_t uncertain; /* with ranges: held over part of it */
	enum uncertain_how how;
	bool ranges;  /* the series has ranges */
	bool sampled; /* ... drawn with --samples: results have a P */
	/* How projected quarters grew: the method's name ("geometric",
	 * "linear"), or the target's rate. */
	const char *method;
	bool target;
};

/* Whether a result counts toward the exit status as a failure. */
bool check_counts_failed(const struct evaluated *ev,
			 const struct check_result *r);

/* Writes the results in the request's format (one of check_format_name). */
enum gc_status check_write(const struct cli_request *r,
			   const struct evaluated *ev, struct gc_error *err);

#endif
