gpucap report --usd-per-h100e 2024=40k,2023=50k ledgers/spend.csv
