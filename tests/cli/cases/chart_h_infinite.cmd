# Issue 16, items 1 and 2: growth from 1e-300 to 1e12 H100e is infinite
# (1e314 %). It indexed row INT_MIN of the terminal canvas (linear) and
# ticks[-1] (--log), and the SVG had nan coordinates. An infinite value is
# undefined now: not drawn, and not on the axis. Left: 2024Q3's 100 %
# (1e12 more on 1e12). Linear: 0 to 100 by 20, on rows 11, 9, 7, 4, 2, 0;
# log: 10^2 to 10^3 (one value, its decade), 100 % on row 11.
printf 'quarter,org,h100e\n2024Q1,acme,1e-300\n2024Q2,acme,1e12\n2024Q3,acme,1e12\n' > "$T/inf.csv"
gpucap chart -f term --column qoq_pct "$T/inf.csv"
echo "exit $?"
gpucap chart -f term --log --column qoq_pct "$T/inf.csv"
echo "exit $?"
for log in --log ""; do
	gpucap chart $log --column qoq_pct "$T/inf.csv" > "$T/c.svg"
	echo "exit $? nan/inf: $(grep -ci 'nan\|inf' "$T/c.svg") points: $(grep -c '<circle' "$T/c.svg")"
done
