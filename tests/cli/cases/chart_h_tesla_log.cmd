# Issue 16, item 1: the shipped ledger, projected to 2030Q4 on a log axis,
# wrote row -1 of the terminal canvas (heap corruption, exit 134). Tesla
# goes 15,000 (2023Q4) -> 55,000 (2024Q1), fitted growth 55/15 = 3.667 a
# quarter, so 2030Q4 (27 quarters on) is 55,000 x 3.667^27 = 9.46e19;
# Dojo (10,000 in 2024Q1) cannot be fitted. Decades 10^4 to 10^20 are 17
# ticks, more than 12: every 2nd decade, 9 ticks, on rows round((1 - k/8)
# x 11) = 11, 10, 8, 7, 6, 4, 3, 1, 0 for 10k, 1M, 100M, 10B, 1T, 100T,
# 1e16, 1e18, 1e20. 74 plot columns for 29 quarters: 2023Q4 in column 0,
# 2024Q1 in column 3, 2030Q4 in column 72. 15,000 (log 4.18, a share of
# 0.011): row 11; 55,000 (4.74, 0.046): row 10; Dojo's 10,000: row 11;
# 9.46e19 (19.98, 0.9985): row 0, the top.
cd ../..
gpucap chart -f term --log --project-to 2030Q4 data/tesla-2024.csv
echo "exit $?"
