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

/* Compute, energy and cost columns (SPEC 4.6). MFU: Epoch AI's median
 * over 33 large runs is 0.375 (Llama 3.1 reached 38-43%); 0.4 rounds it.
 * A run of 90 days. Load: 1.0 is nameplate power (Epoch AI's cost model
 * uses 0.75 in training). Electricity: about $0.08 a kWh, the US
 * industrial rate of 2022-2025 (EIA, Electric Power Monthly). No grid
 * intensity is assumed: co2_t is undefined without --grid-gco2. */
#define CONFIG_MFU	   0.4
#define CONFIG_RUN_DAYS	   90
#define CONFIG_LOAD	   1.0
#define CONFIG_USD_PER_KWH 0.08
/* Capital is written off straight-line over five years, the useful life
 * the large cloud providers state for servers in their 10-K filings
 * (Microsoft, Alphabet and Meta moved to five to six years in
 * 2022-2025); --depreciation changes it. */
#define CONFIG_DEPRECIATION_YEARS 5

/* chart -f term: columns when $COLUMNS does not say. */
#define CONFIG_TERM_WIDTH 80

/* A number as the help prints it: CONFIG_TEXT(CONFIG_WINDOW) is "4". */
#define CONFIG_TEXT_(x) #x
#define CONFIG_TEXT(x)	CONFIG_TEXT_(x)

#endif
