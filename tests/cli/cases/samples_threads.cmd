# heavy: a 2.6 MB ledger of ranges is read on every core, and its draws are
# the same on one thread and on two (SPEC 4.5: a draw is a function of
# the seed, the figure and the draw's number; figures are numbered in the
# ledger's row order, which the threaded reader keeps).
awk 'BEGIN { print "quarter,org,model,units"; srand(3)
	for (i = 0; i < 120000; i++) { lo = 10 + int(rand() * 90)
		printf "%dQ%d,org%d,H100,%d..%d\n", 2020 + int(i / 30000), 1 + int(i / 7500) % 4, i % 7, lo, lo * 3 } }' > "$T/big.csv"
GPUCAP_THREADS=1 gpucap report --samples 50 -f csv "$T/big.csv" > "$T/one"
GPUCAP_THREADS=2 gpucap report --samples 50 -f csv "$T/big.csv" > "$T/two"
wc -c < "$T/big.csv" | awk '{ print ($1 > 2097152 ? "over 2 MB: read in parts" : "TOO SMALL") }'
cmp -s "$T/one" "$T/two" && echo "one thread and two: the same draws"
wc -l < "$T/one"
