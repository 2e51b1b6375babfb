# The terminal chart, 80 columns (COLUMNS unset means 80) and 60: every
# line fits; the ASCII one is plain ASCII. three-labs ends at Lab A
# 66,934, Cloud C 48,892 and Lab B 43,668 H100e: the axis runs to 80k in
# steps of 20k (66,934 / 5 = 13,387: 2 x 10^4).
cd ../..
gpucap chart -f term data/three-labs.csv
COLUMNS=60 gpucap chart -f term --ascii --style bars --column added_h100e data/three-labs.csv > "$T/a"
cat "$T/a"
awk 'length > 60 { print "too wide: " $0 } /[^ -~]/ { print "not ASCII: " $0 }' "$T/a"
# Ranges: data/tesla-range.csv's 2024Q2 is 30k..350k (mid 190k). On an
# axis of 0 to 400k over 12 rows (36,364 a row), the stroke runs from the
# row of 350k (row 1) down to that of 30k (row 10), the point at 190k
# (row 6) in its middle; Dojo's 10k is plain, with no stroke.
gpucap chart -f term --ascii data/tesla-range.csv
