# Which row breaks an over-retirement (issue 16, item 11): 10 H100 in
# 2024Q1; in 2024Q2 lines 3 and 4 retire 5 each (10 of 10: fine), line 5
# retires 3 more (13 > 10): the error names line 5, not line 3, the
# quarter's first retiring row. The message gives the quarter's whole
# retirement, 5 + 5 + 3 + 1 = 14.
gpucap report edge/over-retire-later.csv
