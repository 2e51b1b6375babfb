# project's fitted growth, fit_qoq_pct (SPEC 4.6), a rates column.
# ledgers/grow.csv: acme adds 10,000, then 1,000, 1,100 and 1,210 H100e:
# 10,000, 11,000, 12,100, 13,310. The window of 4 has 3 steps here:
# geometric, (13,310 / 10,000)^(1/3) - 1 = 10.0% a quarter, on the
# projected rows only (the ledger's rows fitted nothing).
gpucap project --to 2025Q2 -f csv --columns h100e,fit_qoq_pct ledgers/grow.csv
# Linear: (13,310 - 10,000) / 3 = 1,103.33 H100e a quarter, the first
# step over 13,310 = 8.29%. The sum of the orgs fitted no one growth.
gpucap project --to 2025Q1 --method linear --total -f csv --columns fit_qoq_pct ledgers/grow.csv
# A target's rate is the fit: 13,310 to 26,620 (x 2) in 4 quarters is
# 2^(1/4) - 1 = 18.92% a quarter.
gpucap project --target 26620 --by 2025Q4 --columns fit_qoq_pct ledgers/grow.csv | tail -n 1
