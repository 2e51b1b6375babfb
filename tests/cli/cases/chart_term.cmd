# The terminal chart, 80 columns (COLUMNS unset means 80) and 60: every
# line fits; the ASCII one is plain ASCII. three-labs ends at Lab A
# 66,934, Cloud C 48,892 and Lab B 43,668 H100e: the axis runs to 80k in
# steps of 20k (66,934 / 5 = 13,387: 2 x 10^4).
cd ../..
gpucap chart -f term data/three-labs.csv
COLUMNS=60 gpucap chart -f term --ascii --style bars --column added_h100e data/three-labs.csv > "$T/a"
cat "$T/a"
awk 'length > 60 { print "too wide: " $0 } /[^ -~]/ { print "not ASCII: " $0 }' "$T/a"
