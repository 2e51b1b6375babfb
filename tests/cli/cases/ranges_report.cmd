# Ranges through every column (--usd-per-h100e 50k, H100-SXM 700 W).
# acme 2024Q1: 800..1200 units and $10M..$30M alone = [200, 600] H100e:
# added [1000, 1800], mid 1400; usd_per_h100e $10M / 1800 = 5,556 to
# $30M / 1000 = 30,000, mid $20M / 1400 = 14,285.71; power 0.56..0.84 MW.
# 2024Q2 retires 100..300: units [500, 1100], h100e [700, 1700], mid 1200;
# qoq 700 / 1800 - 1 = -61.1 % to 1700 / 1000 - 1 = +70 %, mid -14.29 %.
# 2024Q3 reports 1000..2000: gap 1000 - 1700 = -700 to 2000 - 700 = 1300,
# mid 300; qoq 1000 / 1700 - 1 = -41.2 % to 2000 / 700 - 1 = +185.7 %.
# beta is plain: its ends are itself. all 2024Q2: [800, 1800]: qoq
# 800 / 1900 - 1 = -57.9 % to 1800 / 1100 - 1 = +63.6 %; 2024Q3 [1100,
# 2100]: 1100 / 1800 - 1 = -38.9 % to 2100 / 800 - 1 = +162.5 %.
gpucap report ledgers/ranges.csv --usd-per-h100e 50k --total
gpucap report ledgers/ranges.csv --usd-per-h100e 50k --total -f csv
