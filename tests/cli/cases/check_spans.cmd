# Spans (SPEC 6): a check over 2025Q1..2025Q4 holds when it holds in
# every quarter. plan/plan.csv projected to 2025Q4 (check_formats works
# the figures out): power 0.7, 1.4, 2.8 and 5.6 MW; h100e 1,000, 2,000,
# 4,000 and 8,000. So "< 5 MW" over the year breaks first in 2025Q4 (5.6),
# over Q1..Q3 holds with 2.8 the highest (Q3, the one projected quarter);
# ">= 2000" over Q2..Q4 holds, 2,000 the lowest (Q2); "units == 1000"
# over Q1..Q2 breaks in Q2 (2,000 units).
gpucap check plan/plan.csv --project-to 2025Q4 -e 'labx 2025Q1..2025Q4 power_mw < 5' -e 'labx 2025Q1..2025Q3 power_mw < 5' -e 'labx 2025Q2..2025Q4 h100e >= 2000' -e 'labx 2025Q1..2025Q2 units == 1000'
echo "exit $?"
# Over a flow, each quarter's own: added_h100e is 1,000, 1,000, 2,000 and
# 4,000, so "<= 4000" holds with 4,000 the highest (Q4), and "> 1000"
# breaks first in Q1.
gpucap check plan/plan.csv --project-to 2025Q4 -e 'labx 2025Q1..2025Q4 added_h100e <= 4000' -e 'labx 2025Q1..2025Q4 added_h100e > 1000' -f tsv
echo "exit $?"
# A span past the series is a data error at the span, before any output,
# and says how to reach it; so is one that starts before the org does.
gpucap check plan/plan.csv -e 'labx 2025Q1 h100e > 0' -e 'labx 2025Q1..2025Q4 power_mw < 5'
echo "exit $?"
gpucap check plan/plan.csv -e 'labx 2024Q4..2025Q1 power_mw < 5'
echo "exit $?"
# Malformed spans are usage errors at the span.
gpucap check plan/plan.csv -e 'labx 2025Q4..2025Q1 power_mw < 5'
echo "exit $?"
gpucap check plan/plan.csv -e 'labx 2025..2026 power_mw < 5'
echo "exit $?"
# With samples, a span holds in a draw when it holds in every quarter of
# that draw. edge/two-ranges.csv: a buys 100..300 H100 in 2024Q1 and again
# in 2024Q2; each is the lognormal with median sqrt(100 x 300) = 173.2 and
# sigma ln(3) / (2 x 1.6449) = 0.3340. At --correlation 1 the two buys
# are the same quantile, so Q2 = 2 Q1 and ">= 150" holds in both quarters
# exactly when Q1 >= 150: P = Phi(ln(173.2 / 150) / 0.3340) = Phi(0.4307)
# = 0.667. 20,000 draws land within 0.02 of it.
gpucap check --samples 20000 --correlation 1 edge/two-ranges.csv -e 'a 2024Q1..2024Q2 h100e >= 150' |
	sed -n 's/.*P=\([0-9.]*\).*/\1/p' |
	awk '{ d = $1 - 0.667; if (d < 0) d = -d; print "span P " (d <= 0.02 ? "within 0.02 of 0.667" : "OFF: " $1) }'
