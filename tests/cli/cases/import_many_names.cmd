# --org name over 5,000 clusters named C0..C1999 in turn (cluster i is
# C(i mod 2000)): C0..C999 come three times (i, i + 2000, i + 4000), so
# they are C0, C0 #2, C0 #3; C1000..C1999 twice. That is 5,000 orgs, 2,000
# of them '#2' and 1,000 '#3', each of 1 H100 (1 H100e) in 2024Q1: every
# name found again however the index grew.
h='Name,Owner,First Operational Date,Chip type (primary),Chip quantity (primary)'
{ echo "$h"; awk 'BEGIN { for (i = 0; i < 5000; i++)
	print "C" (i % 2000) ",,3/1/2024,H100,1" }'; } |
	gpucap import epoch-clusters --org name - | gpucap report -f csv |
	awk -F, 'NR > 1 { n++; h += $6 } / #2,/ { two++ } / #3,/ { three++ }
		END { print n " orgs, " two " #2, " three " #3, " h " H100e" }'
