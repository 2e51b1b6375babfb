# Without --usd-per-h100e, spend alone is priced at the baseline's catalog
# price, $33,600 for the H100-SXM: $5M / 33,600 = 148.8 H100e.
gpucap report --to 2023Q2 ledgers/spend.csv
