# An unknown model met on many rows under --keep-going: its did-you-mean
# is worked out once (the catalog scan used to run on every row) and each
# row's warning still names its own line. The one good row, 2 H100 SXM in
# 2024Q2, is 2 H100e and 2 x 700 W = 0.0014 MW (0.00 in the table).
gpucap report --keep-going edge/unknown-twice.csv
