# A check of a year of flows marks input when every quarter's figure is
# the ledger's own (issue 21): checks/spend-year.csv enters $300k of spend
# in each quarter of 2024, so "2024 spend_usd == 1.2M" (4 x 300k) tests
# the input, while its 40 H100e added (10 units a quarter) are worked out
# from units by gpucap.
gpucap check -f json -e 'a 2024 spend_usd == 1.2M' -e 'a 2024 added_h100e == 40' \
	checks/spend-year.csv | grep -o '"check":"[^"]*"\|"input":[a-z]*'
