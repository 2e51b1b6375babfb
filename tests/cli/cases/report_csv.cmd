# 1000 H100-SXM in 2024Q1, 1000 B200 in 2024Q2 (bf16 against H100-SXM).
# B200 factor = 2250 / 989.4 = 2.274105518496058 (Python float), so 2024Q2
# adds 1000 x 2.2741... = 2274.1055184960583 and h100e = 3274.1055184960583;
# qoq = (3274.1055 / 1000 - 1) x 100 = 227.4105518496058 %.
# power: 1000 x 700 W = 0.7 MW, then + 1000 x 1000 W = 1.7 MW.
# spend columns are empty: the ledger gives no money.
gpucap report -f csv ledgers/acme.csv
