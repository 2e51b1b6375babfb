# Checks on ranges (ledgers/ranges.csv at --usd-per-h100e 50k): acme's
# 2024Q2 h100e is [700, 1700]. >= 500 holds over all of it; > 2000 over
# none; >= 1000 over part: uncertain, a TODO that fails the exit status
# by default. A year's flows: 2024 added_h100e is [1000, 1800].
gpucap check ledgers/ranges.csv --usd-per-h100e 50k \
	-e 'acme 2024Q2 h100e >= 500' \
	-e 'acme 2024Q2 h100e > 2000' \
	-e 'acme 2024Q2 h100e >= 1000' \
	-e 'acme 2024 added_h100e ~ 1400 ±30%' \
	-e 'acme 2024Q3 qoq_pct > 0' \
	-e 'beta 2024Q3 h100e == 100'
echo "exit $?"
# The uncertain ones alone: --uncertain todo (TAP's reading) and pass
# leave the exit status to the rest; fail (the default) does not.
for how in todo pass fail; do
	gpucap check ledgers/ranges.csv --usd-per-h100e 50k --uncertain $how \
		-e 'acme 2024Q2 h100e >= 1000' -e 'acme 2024Q2 h100e >= 500'
	echo "exit $?"
done
gpucap check ledgers/ranges.csv --usd-per-h100e 50k -f json \
	-e 'acme 2024Q2 h100e >= 1000' -e 'beta 2024Q3 h100e == 100'
