/* A progress meter for long reads: redrawn at most ten times a second,
 * only on a terminal, only for files over PROGRESS_MIN_BYTES, and only
 * once a read has gone on for a moment (a fast read shows nothing). */
#include <time.h>

#include "progress.h"

#define FIRST_DRAW 0.3 /* seconds into a read before the meter appears */
#define REDRAW	   0.1 /* seconds between redraws */
#define MB	   1e6

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, const char *name, FILE *out, bool on)
{
	p->name = name;
	p->out = on ? out : NULL;
	p->clock = now;
	p->start = on ? now() : 0;
	p->drawn = 0;
}

/* "2 s", "1 min 5 s": whole seconds, rounded up. */
static void duration(char *buf, size_t size, double secs)
{
	long s = (long)secs + (secs > (double)(long)secs);

	if (s < 60)
		snprintf(buf, size, "%ld s", s);
	else
		snprintf(buf, size, "%ld min %ld s", s / 60, s % 60);
}

void progress_text(char *buf, size_t size, const char *name, long long done,
		   long long total, double secs)
{
	double rate = secs > 0 ? (double)done / secs : 0;
	long long pct = total > 0 ? done * 100 / total : 0;
	char eta[32];

	if (rate <= 0) {
		snprintf(buf, size, "reading %s: %lld of %lld MB (%lld%%)",
			 name, done / 1000000, total / 1000000, pct);
		return;
	}
	duration(eta, sizeof eta, (double)(total - done) / rate);
	snprintf(buf, size,
		 "reading %s: %lld of %lld MB (%lld%%), %.0f MB/s, %s left",
		 name, done / 1000000, total / 1000000, pct, rate / MB, eta);
}

void progress_update(void *ctx, long long done, long long total)
{
	struct progress *p = ctx;
	char text[PROGRESS_TEXT_MAX];
	double t;

	if (p->out == NULL || total < PROGRESS_MIN_BYTES)
		return;
	t = p->clock();
	if (t - p->start < FIRST_DRAW ||
	    (p->drawn > 0 && t - p->drawn < REDRAW))
		return;
	progress_text(text, sizeof text, p->name, done, total, t - p->start);
	/* \r back to the start, \033[K clears what a longer line left */
	fprintf(p->out, "\rgpucap: %s\033[K", text);
	fflush(p->out);
	p->drawn = t;
}

void progress_clear(struct progress *p)
{
	if (p->out == NULL || p->drawn == 0)
		return;
	fputs("\r\033[K", p->out);
	fflush(p->out);
	p->drawn = 0;
}
