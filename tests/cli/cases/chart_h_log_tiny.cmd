# Issue 16, item 1: --log --column qoq_pct where a quarter's growth is all
# but zero (a level off by rounding, as when a quarter's buys and retires
# cancel): 2.2e-13 H100e on 1,000 is a growth of 2.2e-14 % (2.27e-14, as
# 1000 + 2.2e-13 rounds to two steps of 1.14e-13 above 1,000), then 100 %
# (1,000 more). Decades 10^-14 to 10^2 are 17 ticks: every 2nd, 9, on rows
# round((1 - k/8) x 11) = 11, 10, 8, 7, 6, 4, 3, 1, 0. The tiny growth
# (log -13.64, a share of 0.0223, row 10.75) is on row 11; 100 % on row 0.
# 2024Q1 has no growth (nothing before it). Before, the ticks stopped at
# 12 and 100 % went to row -1.
printf 'quarter,org,h100e\n2024Q1,acme,1000\n2024Q2,acme,2.2e-13\n2024Q3,acme,1000\n' > "$T/tiny.csv"
gpucap chart -f term --log --column qoq_pct "$T/tiny.csv"
echo "exit $?"
