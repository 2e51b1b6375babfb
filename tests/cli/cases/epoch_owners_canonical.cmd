# Epoch AI's canonical schema of September 2026 (snake_case, units_p5 /
# units_med / units_p95, ISO dates; cumulative files by series_start),
# made-up figures. Gamma buys 1,000 Trainium2 (500..2,000; 1299 / 1978.9 =
# 0.6564253 each) and 200 Trainium1 (100..400; 380 / 1978.9 = 0.1920259)
# in 2025Q1: 656.4253 + 38.4052 = 694.8304 H100e (328.2126 + 19.2026 =
# 347.4152; 1,312.8505 + 76.8104 = 1,389.6609); 1,000 more Trainium2 in
# 2025Q2, whose row is incomplete (True). Power: 1,000 x 500 W + 200 x
# 300 W = 0.56 MW in 2025Q1, 1.06 MW in 2025Q2.
# The cumulative file's stock (700, 400..1,300) is Gamma's reported level
# in 2025Q1: gap 700 - 694.8304 = 5.1696; the series goes on from it, so
# 2025Q2 is 700 + 656.4253 = 1,356.4253 (400 + 328.2126 = 728.2126; 1,300
# + 1,312.8505 = 2,612.8505).
cd epoch
gpucap report --metric 8bit --overhead 1 --pue 1 -f csv \
	owners-quarterly-canonical.csv owners-cumulative-canonical.csv |
	cut -d, -f1-2,12-17,18,39,42
# A sales file has no owner: its rows are the designer's.
gpucap report --metric 8bit -f csv sales-canonical.csv | cut -d, -f1-3,12
