# Spend alone at prices by year: $5M in 2023 at $50k = 100 H100e; $4M in
# 2024 at $40k = 100; $4M in 2025 at 2024's $40k (the latest year not
# after it) = 100. Levels 100, 200, 300; qoq 24Q1 +100 %, 25Q3 +50 %;
# yoy 24Q2 vs 23Q2: 200 / 100 = +100 %; ytd 25Q3 vs 24Q4's 200: +50 %.
gpucap report --usd-per-h100e '2023=$50,000,2024=40k' ledgers/spend.csv
