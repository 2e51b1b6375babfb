/* The defaults of every stage in one place: each _init reads them, and the
 * help prints them from here instead of repeating them in its text. */
#ifndef GPUCAP_CONFIG_H
#define GPUCAP_CONFIG_H

/* The accelerator that counts as 1.0, and the figure compared (SPEC 2). */
#define CONFIG_BASELINE	   "H100-SXM"
#define CONFIG_METRIC	   METRIC_BF16 /* enum metric, catalog.h */
#define CONFIG_METRIC_NAME "bf16"      /* the same, as the help says it */

/* Power: server power over chip TDP, and the data centre's PUE. */
#define CONFIG_OVERHEAD 1.0
#define CONFIG_PUE	1.0

/* project: quarters the growth is fitted over. */
#define CONFIG_WINDOW 4

/* A command's default output format is the first row of its table of
 * formats (table.c's printers; check's and chart's own). */

/* Sampling (--samples): the share of a common factor, the seed, the
 * interval printed (%), and the confidence a check needs. */
#define CONFIG_CORRELATION 0.5
#define CONFIG_SEED	   1
#define CONFIG_INTERVAL	   90
#define CONFIG_CONFIDENCE  0.9

/* chart -f term: columns when $COLUMNS does not say. */
#define CONFIG_TERM_WIDTH 80

/* A number as the help prints it: CONFIG_TEXT(CONFIG_WINDOW) is "4". */
#define CONFIG_TEXT_(x) #x
#define CONFIG_TEXT(x)	CONFIG_TEXT_(x)

#endif
