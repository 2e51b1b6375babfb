# The compute, energy and rates columns (SPEC 4.6), by hand.
# ledgers/hundredk.csv: labx buys 100,000 H100 in 2024Q1 and 100,000 more
# in 2025Q1; laby 300,000 in 2025Q1.
# 100,000 H100 SXM: flop_per_s = 100,000 x 989.4e12 = 9.894e19; run_flop
# at MFU 0.4 for 90 days = 9.894e19 x 0.4 x 90 x 86,400 = 3.0774e26;
# h100e_years = 25,000 a quarter, 100,000 by 2024Q4, 150,000 in 2025Q1.
# Power at overhead 1.82, PUE 1.12: 100,000 x 700 W x 1.82 x 1.12 =
# 142.688 MW; energy at load 0.75 = 142.688 x 0.75 x 2,191.5 h =
# 234,525.564 MWh; at 400 g/kWh, 93,810.2256 t of CO2; at $0.08/kWh,
# 234,525,564 kWh x 0.08 = $18,762,045.12. In 2025Q1 labx has 200,000: x_per_year 2, doubling in 12
# months, a share of 200k / 500k = 40% (laby 60%); before, no year back.
gpucap report -f csv --overhead 1.82 --pue 1.12 --load 0.75 --grid-gco2 400 \
	--columns h100e,compute,energy_mwh,co2_t,energy_usd,x_per_year,doubling_months,share_pct \
	ledgers/hundredk.csv
# A group names its columns: compute is flop_per_s, run_flop,
# h100e_years, cum_h100e_years (after org and quarter, always first).
gpucap report -f csv --columns compute ledgers/hundredk.csv | head -n 1
# The table shows FLOP in four figures; --columns orders what it names.
gpucap report --columns run_flop,h100e --org labx --to 2024Q2 ledgers/hundredk.csv
# Checks read every column: the 90-day run of 2024Q1 is over 1e26 FLOP;
# a year of energy is the sum of its quarters, 4 x 234,525.564 =
# 938,102.256.
gpucap check --overhead 1.82 --pue 1.12 --load 0.75 ledgers/hundredk.csv \
	-e 'labx 2024Q1 run_flop >= 1e26' \
	-e 'labx 2024 energy_mwh ~ 938102.256 ±0.001' \
	-e 'labx 2025Q1 doubling_months ~ 12 ±1e-9'
echo "exit $?"
# Without --grid-gco2 there is no CO2 figure, rather than an invented one.
gpucap report -f csv --columns co2_t --org labx --to 2024Q1 ledgers/hundredk.csv
# A typo gets the nearest column.
gpucap report --columns run_flp ledgers/hundredk.csv
echo "exit $?"
# Power to capacity: 100 MW of H100 SXM at 700 W x 1.82 x 1.12 is
# 100e6 / 1,426.88 = 70,083.2 units.
gpucap convert 100MW H100-SXM --overhead 1.82 --pue 1.12
# A chart of any column: run_flop on a log axis, 3.077e26 rising to
# 6.155e26 for labx.
gpucap chart -f term --column run_flop --log --org labx ledgers/hundredk.csv | head -n 1
# A FLOP column is drawn on a log axis without --log: the same chart.
gpucap chart -f term --column run_flop --org labx ledgers/hundredk.csv > "$T/auto"
gpucap chart -f term --column run_flop --log --org labx ledgers/hundredk.csv | cmp - "$T/auto" &&
	echo "run_flop: a log axis by itself"
# h100e is not FLOP: without --log its axis is linear, another chart.
gpucap chart -f term --org labx ledgers/hundredk.csv > "$T/lin"
gpucap chart -f term --log --org labx ledgers/hundredk.csv | cmp -s - "$T/lin" ||
	echo "h100e: linear unless asked"
# share_pct is made in every draw: a and b each buy 100..300 H100; drawn
# at the same quantile (--correlation 1) each is half of the quarter in
# every draw, so the median and both ends are 50; drawn apart they are
# not (the ends straddle 50).
gpucap report -f csv --samples 2000 --correlation 1 --columns share_pct edge/two-orgs-ranges.csv
gpucap report -f csv --samples 2000 --correlation 0 --columns share_pct edge/two-orgs-ranges.csv |
	awk -F, 'NR == 2 { print "independent: " ($4 < 50 && $5 > 50 ? "ends straddle 50" : "NOT: " $0) }'
