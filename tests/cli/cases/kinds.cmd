# Every row kind, given by the kind column (ledgers/kinds.csv):
#   24Q1 buy 1000 H100: units 1,000, h100e 1,000, power 1000 x 700 W = 0.70
#   24Q2 retire 200 (positive count) and capacity +500: units 800, added
#        500, retired 200, h100e 1000 + 500 - 200 = 1,300, qoq 30.0,
#        power 0.56
#   24Q3 spend $33.6M on H100 at $33,600 = 1000 units, and $3.36M alone at
#        the H100's $33,600 per H100e = 100: added 1,100, h100e 2,400, qoq
#        2400 / 1300 - 1 = 84.6, spend 36,960,000 = 1,100 x 33,600, units
#        1,800, power 1.26
#   24Q4 reported 2,500: gap 2500 - 2400 = 100, qoq 2500 / 2400 - 1 = 4.2
gpucap report ledgers/kinds.csv
