# The edges that are good: leap days (2024; 2000, a century divisible by
# 400), the last day of a quarter, 1e12 units (the ledger's limit itself),
# a zero quantity (no chips: left out and counted, as an empty one).
h='Name,Owner,First Operational Date,Chip type (primary),Chip quantity (primary)'
printf '%s\n' "$h" 'A,Acme,2/29/2024,H100,1' 'B,Acme,2/29/2000,H100,2' \
	'C,Acme,12/31/2023,H100,1e12' 'D,Acme,3/31/2024,H100,0' |
	gpucap import epoch-clusters -
