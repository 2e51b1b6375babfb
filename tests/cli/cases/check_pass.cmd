# All hold: exit 0. acme (ledgers/acme.csv): 1,000 H100 then +1,000 B200,
# 3,274.1 H100e in 2024Q2 (+227.4 %); the year's additions 1,000 +
# 2,274.1 = 3,274.1; no org means the sum of all orgs, here acme alone.
gpucap check ledgers/acme.csv -e 'acme 2024Q2 h100e >= 1' \
	-e 'ACME 2024Q2 qoq_pct ~ 227.4% ±0.1' -e 'acme 2024 added_h100e ~ 3274 ±1' \
	-e '2024Q1 h100e == 1000' -e 'acme 2024Q2 units != 0'
