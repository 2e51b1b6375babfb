/* What the fuzz harnesses share. Each harness defines
 * LLVMFuzzerTestOneInput; libFuzzer drives it (make fuzz), and replay.c
 * drives it over the seeds and regression inputs in make check. */
#ifndef GPUCAP_FUZZ_H
#define GPUCAP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input, for the parsers that take strings. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s != NULL) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

/* The input as a stream; a zero-length fmemopen buffer is not portable. */
static inline FILE *fuzz_stream(const uint8_t *data, size_t size)
{
	static const char nothing[1] = { 0 };

	return size ? fmemopen((void *)data, size, "r")
		    : fmemopen((void *)nothing, 0, "r");
}

/* A contract the code under test broke: crash so the fuzzer keeps it. */
#define FUZZ_ASSERT(cond)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__,     \
				#cond);                                        \
			abort();                                               \
		}                                                              \
	} while (0)

#endif
