# Epoch AI's chip-owner exports in the display-name schema of 2025-04/2026
# (epoch/owners-*.csv: made-up figures, Epoch's columns), read as they are
# (SPEC 3.4), with --metric 8bit (Epoch's basis: 8-bit TOPS / 1,978.9) and
# chip power only (--overhead 1 --pue 1).
# Quarterly purchases are units with their 5th/95th percentiles, the median
# the central figure. Acme: 1,000 H100 (800..1,300) in 2024Q1; 2,000 H100
# (1,500..2,600) and 1,000 A100 (900..1,200; 624 / 1978.9 = 0.3153267 each)
# in 2024Q2; 100 B200 (50..400; 4500 / 1978.9 = 2.2739906) in 2024Q3, marked
# incomplete ("checked"). So:
#   Q1 units 1,000 (800, 1,300); h100e 1,000 (800, 1,300); power 0.7 MW
#      (700 W each: 0.56, 0.91)
#   Q2 units 4,000 (3,200, 5,100); h100e 1,000 + 2,000 + 315.3267 =
#      3,315.3267 (800 + 1,500 + 283.794 = 2,583.794; 1,300 + 2,600 +
#      378.392 = 4,278.392); power 3,000 x 700 + 1,000 x 400 W = 2.5 MW
#      (1.97, 3.21)
#   Q3 units 4,100 (3,250, 5,500); h100e + 227.39906 (113.69953, 909.59624)
#      = 3,542.7258 (2,697.4935, 5,187.9882); incomplete.
# Beta: 500 H100 (400..700) in 2024Q2.
cd epoch
gpucap report --metric 8bit --overhead 1 --pue 1 -f csv owners-quarters.csv |
	cut -d, -f1-5,12-14,39-42
# The cumulative totals beside them: Epoch's stock is each owner's reported
# level, and gap_h100e what the purchases do not explain: Acme 2024Q2
# reported 3,350, computed 3,315.3267, gap 34.6733; Beta 2024Q2 505 - 500
# = 5 (Epoch's stock medians are Monte Carlo sums, a little above the sums
# of medians). After a reported level the series goes on from it.
gpucap report --metric 8bit --overhead 1 --pue 1 owners-quarters.csv \
	owners-cumulative.csv
