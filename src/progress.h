/* Internal: the meter on stderr while a big ledger file is read. */
#ifndef GPUCAP_PROGRESS_H
#define GPUCAP_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Files smaller than this are read before a meter would be worth seeing. */
#define PROGRESS_MIN_BYTES (50LL * 1000 * 1000)
#define PROGRESS_TEXT_MAX  160

struct progress {
	const char *name;
	FILE *out;	       /* NULL: the meter is off */
	double (*clock)(void); /* monotonic seconds (tests set their own) */
	double start;	       /* when the read began */
	double drawn;	       /* when it was last drawn; 0: not on screen */
};

/* A meter for reading name, shown on out (a terminal) if on. */
void progress_init(struct progress *p, const char *name, FILE *out, bool on);
/* The ledger reader's callback (ctx is the struct progress). */
void progress_update(void *ctx, long long done, long long total);
/* Takes the meter off the screen, as before a message or at the end. */
void progress_clear(struct progress *p);

/* The meter's text for done of total bytes after secs seconds:
 * "reading big.csv: 123 of 347 MB (35%), 189 MB/s, 2 s left". */
void progress_text(char *buf, size_t size, const char *name, long long done,
		   long long total, double secs);

#endif
