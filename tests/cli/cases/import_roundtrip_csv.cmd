# What import writes, report reads: epoch/clusters-awkward.csv imported
# (--org name) as CSV and reported. Its names: a quote; two of 601 bytes
# (300 e-acutes, 2 bytes each, then A or B) that differ only past byte 600,
# once cut at 511 bytes mid-character and merged; Delta and DELTA, one org
# to the ledger, so DELTA is 'DELTA #2'; Echo, a cluster named 'Echo #2',
# Echo again, which is 'Echo #3' as #2 is taken; 'Tab<TAB>Name' and
# 'Tab Name', one org once TSV writes the tab as a space, so the second is
# 'Tab Name #2'. Every date is in 2024Q1 (2/29/2024 a leap day), every chip
# an H100 SXM (1 H100e each), so each org's h100e is its units. Long names
# are shown by length and last byte.
gpucap import epoch-clusters --org name epoch/clusters-awkward.csv > "$T/l.csv"
gpucap report -f csv "$T/l.csv" | awk -F, -f epoch/short-org.awk
