# The cost columns (SPEC 4.6), by hand. ledgers/capex.csv, labx:
#   2024Q1  1,000 H100, no money: capex 1,000 x $33,600 = $33.6M
#   2024Q2  $50.4M of H100: 1,500 units, capex the spend, $50.4M
#   2024Q3  500 H100e stated: capex at the baseline's $33,600, $16.8M
#   2024Q4  1,200 H100 retired (the oldest: all of 2024Q1's 1,000 and
#           200 of 2024Q2's 1,500, leaving 13/15 of it); 400 H100e
#           bought for $20M, capex the spend
#   2025Q2  10 H100, $336,000
# Written off over --depreciation 1y (4 quarters), a quarter's capex
# over 4 for each quarter it is younger than 4, times its share left:
#   2024Q1  33.6 / 4 = 8.4M
#   2024Q2  (33.6 + 50.4) / 4 = 21M
#   2024Q3  (33.6 + 50.4 + 16.8) / 4 = 25.2M
#   2024Q4  (50.4 x 13/15 + 16.8 + 20) / 4 = (43.68 + 36.8) / 4 = 20.12M
#   2025Q1  the same cohorts, 20.12M
#   2025Q2  2024Q2's is 4 quarters old: (16.8 + 20 + 0.336) / 4 = 9.284M
# Energy of the units in service (1,000; 2,500; 2,500; 1,300; 1,300;
# 1,310 x 700 W at overhead and PUE 1) at $0.10/kWh: MW x 2,191.5 h x
# 1,000 x 0.1 = MW x 219,150: 0.7 MW is $153,405, 1.75 MW $383,512.5,
# 0.91 MW $199,426.5, 0.917 MW $200,960.55. cost = the two; an H100e-hour
# of it, cost over h100e x 2,191.5 h: 2024Q1 8,553,405 / 2,191,500 =
# 3.9030; 2024Q4 20,319,426.5 / (2,200 x 2,191.5) = 4.2145; 2025Q2
# 9,484,960.55 / (2,210 x 2,191.5) = 1.9584.
gpucap report -f csv --overhead 1 --pue 1 --usd-per-kwh 0.1 --depreciation 1y \
	--columns h100e,depreciation_usd,cost_usd,usd_per_h100e_hour ledgers/capex.csv
# The default is five years (20 quarters): 2024Q1's $33.6M is $1.68M a
# quarter; with $0.08/kWh of energy (0.7 MW x 2,191.5 x 80 = $122,724)
# an H100e-hour costs 1,802,724 / 2,191,500 = $0.8226, shown in cents.
gpucap report --columns depreciation_usd,usd_per_h100e_hour --overhead 1 --pue 1 \
	--to 2024Q1 ledgers/capex.csv
# A year of depreciation is the sum of its quarters: 8.4 + 21 + 25.2 +
# 20.12 = $74.72M; its cost per H100e-hour is the year's cost over its
# H100e-hours, (8,553,405 + 21,383,512.5 + 25,583,512.5 + 20,319,426.5) /
# ((1,000 + 2,500 + 3,000 + 2,200) x 2,191.5) = 75,839,856.5 /
# 19,066,050 = 3.9777.
gpucap check --overhead 1 --pue 1 --usd-per-kwh 0.1 --depreciation 1y ledgers/capex.csv \
	-e 'labx 2024 depreciation_usd ~ 74.72M ±1' \
	-e 'labx 2024 usd_per_h100e_hour ~ 3.9777 ±0.0001' \
	-e 'labx 2025Q2 cost_usd ~ 9484960.55 ±0.01'
echo "exit $?"
# Projected additions are capital at the baseline's price: fitted
# linearly over 2 quarters (2024Q4's 2,200 to 2025Q2's 2,210, 5 a
# quarter), 2025Q3 adds 5 H100e, $168,000; it is written off beside
# 2024Q4's $20M and 2025Q2's $336,000 (2024Q3's is 4 quarters old):
# (20M + 336,000 + 168,000) / 4 = $5.126M.
gpucap project --to 2025Q3 --method linear --window 2 --depreciation 1y --overhead 1 --pue 1 \
	-f csv --columns h100e,depreciation_usd ledgers/capex.csv | tail -n 1
# Sampled, each draw's units are that draw's capital: a buys 100..300
# H100, and in every draw (so at the median and both ends) five years'
# depreciation is units x 33,600 / 20 = units x 1,680; the median draw
# is near sqrt(100 x 300) x 1,680 = $290,984.5.
gpucap report -f csv --samples 2000 --columns units,depreciation_usd --org a \
	edge/two-orgs-ranges.csv | awk -F, 'NR == 2 {
		ok = 1
		for (i = 3; i <= 5; i++)
			if ($(i + 3) / $i < 1680 - 1e-6 || $(i + 3) / $i > 1680 + 1e-6) ok = 0
		near = $6 > 290984.5 * 0.97 && $6 < 290984.5 * 1.03
		print (ok ? "units x 1,680 in every column" : "NOT x 1,680: " $0)
		print (near ? "median near 290,984.5" : "median NOT near: " $6) }'
# A wrong --depreciation is a usage error.
gpucap report --depreciation 0 ledgers/capex.csv
echo "exit $?"
# A model without a catalog price (B200 here) leaves its quarter's capital
# unknown, whether its count is certain or a range: 2024Q1's 100 H100 are
# 100 x 33,600 / 20 = $168,000 a quarter; from 2024Q2 it is undefined.
printf 'quarter,org,model,units\n2024Q1,a,H100,100\n2024Q2,a,B200,100..200\n' > "$T/nop.csv"
gpucap report -f csv --columns depreciation_usd "$T/nop.csv" | cut -d, -f1-3
gpucap report -f csv --samples 200 --columns depreciation_usd "$T/nop.csv" | cut -d, -f1-3
