# ledgers/grow.csv: 10,000, 11,000, 12,100, 13,310 (+10% a quarter). The
# window (4) asks more quarters than there are, so the fit uses the 3
# steps: (13,310 / 10,000)^(1/3) = 1.1. 2025Q1 = 14,641 (+1,331), 2025Q2 =
# 16,105.1 (+1,464.1; the table rounds to 16,105 and 1,464); yoy of 2025Q1
# against 2024Q1: 14,641 / 10,000 - 1 = +46.4 %. Additions cost the
# H100-SXM's $33,600 each: 1,331 x 33,600 = $44,721,600 and 1,464.1 x
# 33,600 = $49,193,760. The ledger has no money, so cum_spend_usd is
# unknown and the table leaves it out.
gpucap project --to 2025Q2 --from 2024Q4 ledgers/grow.csv
