# --project-to extends the series first: ledgers/grow.csv grows 10% a
# quarter (10,000, 11,000, 12,100, 13,310), so 2025Q2 is 13,310 x 1.1^2 =
# 16,105.1; linear adds the mean 3,310 / 3 = 1,103.33 a quarter: 15,516.7.
gpucap check ledgers/grow.csv --project-to 2025Q2 -e 'acme 2025Q2 h100e ~ 16105.1 ±0.1'
gpucap check ledgers/grow.csv --project-to 2025Q2 --method linear -e 'acme 2025Q2 h100e ~ 15516.7 ±0.1'
