# The shipped Tesla ledger (data/tesla-2024.csv), as `make demo` shows it.
# Tesla: reported 15,000 at the end of 2023 (the whole level is the gap: no
# earlier rows); 2024Q1 +40,000 -> 55,000, qoq 55,000 / 15,000 - 1 =
# 266.7 %; $1B / 40,000 = $25,000 per H100e.  Tesla Dojo: 10,000 H100e for
# $500M = $50,000 per H100e.
gpucap report ../../data/tesla-2024.csv
