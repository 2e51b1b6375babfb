# Issue 16, item 1: a log axis over 13 decades (one org at 1 H100e, one at
# 1e12) had its ticks cut at 12, to 10^11, and 1e12 went to row -1 (silent
# corruption, exit 0). Now every 2nd decade: 10^0 to 10^12, 7 ticks, on
# rows round((1 - k/6) x 11) = 11, 9, 7, 6, 4, 2, 0 for 1, 100, 10k, 1M,
# 100M, 10B, 1T. a's 1 is on row 11 and b's 1e12 on row 0; one quarter
# over 74 columns (80 less 4 of labels and 2): the middle, column 36 =
# (0 + 74 - 1) / 2. The SVG is on the grid too: its
# top tick line (y = 92, the top of the plot) carries b's point.
printf 'quarter,org,h100e\n2024Q1,a,1\n2024Q1,b,1e12\n' > "$T/span.csv"
gpucap chart -f term --log "$T/span.csv"
echo "exit $?"
gpucap chart --log "$T/span.csv" | grep -c '<circle cx="420.0" cy="92.0"'
