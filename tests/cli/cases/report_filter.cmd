# --org is case-insensitive; --from/--to window the output, not the
# arithmetic (2024Q1's qoq still compares with 2023Q4). Beta 24Q2: 400 /
# 300 - 1 = 33.33333333333333 % (Python float); $3.36M / 100 = 33600.
gpucap report -f csv --org 'beta, inc.' --from 2024Q1 --to 2024Q2 ledgers/fleet.csv
