# The shipped Tesla fact-check. At the ledger's only growth, 2024Q1's
# 55,000 / 15,000 = x3.6667 a quarter, 2024Q4 projects to 55,000 x
# 3.6667^3 = 2,711,296 and the year's growth to 2,711,296 / 15,000 - 1 =
# +17,975.3 %. $1B / 40,000 = $25,000 per H100e; Dojo $500M / 10,000 =
# $50,000. Five claims fail: exit 1. Tesla Dojo has one quarter, so no
# growth to project (a warning).
gpucap check ../../data/tesla-2024.csv --checks ../../data/tesla-2024.checks --project-to 2024Q4
