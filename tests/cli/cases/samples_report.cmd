# Sampling (SPEC 4.5). edge/two-ranges.csv: acme buys 100..300 H100 in
# 2024Q1 and again in 2024Q2. A plain range is the lognormal with its ends
# as 5th and 95th percentiles, so each purchase's median is sqrt(100 x
# 300) = 173.205. With --correlation 1 both purchases are drawn at the same
# quantile: 2024Q2 is twice 2024Q1 in every draw, so qoq_pct is exactly 100
# at the median and both ends, and 2024Q2's median is 346.41. The sampled
# percentiles of 20,000 draws land within 1% of 173.205 (median), 2% of
# 100 and 300 (the 5th and 95th).
near() { awk -v x="$1" -v want="$2" -v tol="$3" -v what="$4" 'BEGIN {
	d = (x - want) / want; if (d < 0) d = -d
	print what ": " (d <= tol ? "within " tol * 100 "% of " want : "OFF: " x) }'; }
gpucap report --samples 20000 --correlation 1 -f csv edge/two-ranges.csv > "$T/r1.csv"
q1=$(sed -n 2p "$T/r1.csv"); q2=$(sed -n 3p "$T/r1.csv")
near "$(echo "$q1" | cut -d, -f12)" 173.205 0.01 "2024Q1 median"
near "$(echo "$q1" | cut -d, -f13)" 100 0.02 "2024Q1 p5"
near "$(echo "$q1" | cut -d, -f14)" 300 0.02 "2024Q1 p95"
near "$(echo "$q2" | cut -d, -f12)" 346.41 0.01 "2024Q2 median"
echo "2024Q2 qoq_pct median, p5, p95: $(echo "$q2" | cut -d, -f21-23)"
# Independent purchases (--correlation 0) do not double together: growth
# spreads on both sides of 100 %.
gpucap report --samples 20000 --correlation 0 -f csv edge/two-ranges.csv |
	sed -n 3p | awk -F, '{ print "independent: qoq_pct p5 " ($22 < 100 ? "below" : "NOT below") " 100, p95 " ($23 > 100 ? "above" : "NOT above") " 100" }'
# A check says how likely it holds: every fully correlated draw doubles
# (P = 1); independent ones almost never do exactly (P = 0).
gpucap check --samples 20000 --correlation 1 -e 'a 2024Q2 qoq_pct == 100' edge/two-ranges.csv
echo "exit $?"
gpucap check --samples 20000 --correlation 0 -e 'a 2024Q2 qoq_pct == 100' edge/two-ranges.csv
echo "exit $?"
# The same command prints the same bytes; another seed, other draws.
gpucap report --samples 500 -f csv edge/two-ranges.csv > "$T/a"
gpucap report --samples 500 -f csv edge/two-ranges.csv > "$T/b"
gpucap report --samples 500 --seed 2 -f csv edge/two-ranges.csv > "$T/c"
cmp -s "$T/a" "$T/b" && echo "same seed: same numbers"
cmp -s "$T/a" "$T/c" || echo "seed 2: other numbers"
# A ledger without uncertain figures is the same with samples or without.
gpucap report -f csv ledgers/acme.csv > "$T/plain"
gpucap report --samples 1000 -f csv ledgers/acme.csv | cmp -s - "$T/plain" && echo "certain ledger: unchanged by --samples"
# Usage errors.
for bad in "--samples 0" "--samples -3" "--correlation 1.5" "--interval 120" \
	"--seed x"; do
	gpucap report $bad edge/two-ranges.csv 2>&1 | head -n 1
done
gpucap check --samples 10 --confidence 0.3 -e '2024Q1 h100e > 1' edge/two-ranges.csv 2>&1 | head -n 1
# The Tesla checks on data/tesla-range.csv, sampled: the 2024Q2 fleet is
# 30k..350k, a lognormal with those as its 5th and 95th percentiles, so it
# is at least 30k in 95% of draws and above 350k in 5%; its median is
# sqrt(30k x 350k) = 102,470, its sigma (ln 350k - ln 30k) / (2 x 1.6449)
# = 0.7468, and it reaches 85k with P(Z >= ln(85 / 102.47) / 0.7468 =
# -0.2503) = 0.599. 2024Q1 is exact: 55,000 in every draw. The P of 20,000
# draws lies within 0.02 of each.
gpucap check --samples 20000 --checks ../../data/tesla-range.checks ../../data/tesla-range.csv |
	sed -n 's/^\(not \)\{0,1\}ok \([0-9]\) - \(.*\) (got .*P=\([0-9.]*\)).*/\2 \4/p' |
	while read n p; do
		case $n in 1) want=1;; 2) want=0.95;; 3) want=0.05;; 4) want=0.599;; *) continue;; esac
		awk -v n=$n -v p=$p -v w=$want 'BEGIN { d = p - w; if (d < 0) d = -d;
			print "check " n ": P " (d <= 0.02 ? "within 0.02 of " w : "OFF: " p) }'
	done
