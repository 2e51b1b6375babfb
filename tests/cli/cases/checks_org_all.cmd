# An org named "all" is an org: a check without an org reads the sum of all
# orgs, never that org's rows (the total's rows are also named "all" in
# --total's output). Org all has 10 H100, org zeta 5: the sum is 15.
printf 'quarter,org,model,units\n2024Q1,all,H100-SXM,10\n2024Q1,zeta,H100-SXM,5\n' > "$T/all.csv"
gpucap check -e '2024Q1 h100e == 15' -e 'all 2024Q1 h100e == 10' \
	-e '"all" 2024Q1 h100e == 10' -e 'zeta 2024Q1 h100e == 5' "$T/all.csv"
# Without such an org, the name finds none, and says how to read the sum:
# acme (ledgers/acme.csv) alone has 1,000.
gpucap check -e 'all 2024Q1 h100e == 1000' -e '2024Q1 h100e == 1000' ledgers/acme.csv
