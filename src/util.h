/* Internal helpers every module would otherwise write again. */
#ifndef GPUCAP_UTIL_H
#define GPUCAP_UTIL_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Makes room for need elements of size bytes in *p (capacity *cap),
 * doubling; false when out of memory, *p untouched. */
bool util_grow(void **p, size_t *cap, size_t need, size_t size);

/* A copy of s without surrounding spaces and tabs; NULL when out of
 * memory. */
char *util_trimmed_dup(const char *s);

/* s without surrounding blanks, trimmed in place. */
char *util_trim(char *s);

/* Whether s is well-formed UTF-8 (no overlongs, surrogates or code points
 * past U+10FFFF). */
bool util_utf8_valid(const char *s);

/* Levenshtein distance between a and b, ignoring ASCII case; SIZE_MAX
 * when b is 128 bytes or longer. For "did you mean" hints. */
size_t util_edit_distance(const char *a, const char *b);

/* A keyed hash of n bytes (SipHash-1-3 under a key drawn once per process
 * from the system's random source), for every table keyed by text from a
 * file: names crafted to collide under one key do not collide under the
 * next run's. With fold, ASCII letters hash as lower case, for tables
 * whose names match case-insensitively. */
uint64_t util_hash(const char *s, size_t n, bool fold);

/* Numbers are read and written with '.' whatever locale the process set:
 * between these calls the thread uses the C locale's numeric rules. */
locale_t util_c_numeric_begin(void);
void util_c_numeric_end(locale_t previous);

/* s as a terminal should show it: C0 controls and DEL as \x1b-style
 * escapes, C1 controls (U+0080..U+009F, which some terminals obey) as
 * \u009b; every other byte as it is. A malloc'ed copy, NULL when out of
 * memory. For text from a file on its way to a terminal. */
char *util_escape_controls(const char *s);

/* Text as XML 1.0 takes it, for an element or a double-quoted attribute
 * (s is valid UTF-8): markup characters as entities, the controls XML
 * allows as character references, the others as U+FFFD. */
void util_xml_text(FILE *out, const char *s);

/* The threads to use: asked when above 0, else one a core; at most
 * UTIL_THREADS_MAX. */
#define UTIL_THREADS_MAX 16
int util_threads(int asked);

/* Runs fn over [0, n) cut into at most `threads` contiguous parts of at
 * least min_part each: part 0 on the calling thread, the others on
 * threads of their own (or on the caller, should a thread not start),
 * and returns when every part is done. fn(ctx, part, from, to) must
 * write only what its part owns. */
typedef void (*util_part_fn)(void *ctx, int part, size_t from, size_t to);
void util_parallel(size_t n, int threads, size_t min_part, util_part_fn fn,
		   void *ctx);

#endif
