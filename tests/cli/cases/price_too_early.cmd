# A spend row before the first year of the curve has no price.
gpucap report --usd-per-h100e 2024=40k ledgers/spend.csv
