# No output carries inf or NaN (issue 16, item 2). A figure that overflows
# is undefined; an input that would make one is refused, located.
#
# edge/tiny-then-huge.csv reports 1e-300 H100e in 2024Q1 and 1e12 in
# 2024Q2: qoq = (1e12 / 1e-300 - 1) * 100 = 1e314 %, past the largest
# double (1.8e308), so it is undefined (null), not inf. The gap of a
# first observation is the level itself (computed 0).
gpucap report -f json edge/tiny-then-huge.csv
echo "exit $?"
# Projected from there, the fitted growth is infinite: every projected
# level is undefined, and so are what it adds and costs.
gpucap project --to 2024Q4 -f csv edge/tiny-then-huge.csv
echo "exit $?"
# $5M at $1e-300 per H100e would be 5e306 H100e: over the 1e12 limit of
# a ledger's figures, refused at the cell.
gpucap report --usd-per-h100e 1e-300 edge/spend-only.csv
echo "exit $?"
# A baseline of 1e-300 TFLOPS makes a B200 worth 2.25e303 H100e: acme's
# 1000 B200 on line 3 would add 2.25e306.
gpucap report --catalog catalogs/tiny-baseline.csv -q ledgers/acme.csv
echo "exit $?"
gpucap convert --catalog catalogs/tiny-baseline.csv 1000 B200
echo "exit $?"
# Arguments get the ledger's limits: 1e12 units, 1e15 USD, no money
# where a count is meant, power factors up to 10, projections within the
# 1,000-quarter span: numbering quarters year * 4 + (Q - 1), 2023Q4 is
# 8095 and the 1,000th quarter from it is 8095 + 999 = 9094 = 2273 * 4 + 2,
# 2273Q3; 2273Q4 is one more).
gpucap convert 1e308 B200
echo "exit $?"
gpucap convert '$2e15' B200
echo "exit $?"
gpucap project --target '$5M' --by 2026Q4 ../../data/tesla-2024.csv
echo "exit $?"
gpucap report --pue 1e308 ../../data/tesla-2024.csv
echo "exit $?"
gpucap project --to 2273Q4 ../../data/tesla-2024.csv
echo "exit $?"
gpucap project -q --to 2273Q3 -f csv ../../data/tesla-2024.csv | tail -n 1 | cut -d, -f1,2,16
echo "exit $?"
