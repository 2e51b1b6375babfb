# --lifetime 1y (4 quarters): 100 H100 bought 23Q1, 50 in 23Q3, 30 retired
# in 23Q4 from the oldest (70 of 23Q1's left). In 24Q1 those 70 reach four
# quarters and retire (50 left, qoq 50 / 120 - 1 = -58.3, yoy vs 23Q1 100:
# -50.0, ytd vs 23Q4 120: -58.3); in 24Q3 23Q3's 50 retire (0 left, -100.0).
# Growth from zero is undefined. Power: units x 700 W.
gpucap report --lifetime 1y --org a ledgers/lifetime.csv
