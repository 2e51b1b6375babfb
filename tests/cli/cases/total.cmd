# --total adds 'all' rows over the whole span. With --lifetime 4 (quarters)
# as in lifetime.cmd, b's 1 H100 in 24Q4 makes all = 0 + 1 = 1: yoy and ytd
# against 23Q4's 120: 1 / 120 - 1 = -99.2 %; power 700 W = 0.00 MW.
gpucap report --lifetime 4 --total --from 2024Q3 ledgers/lifetime.csv
