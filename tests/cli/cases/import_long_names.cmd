# heavy: 6.5 MB of names.
# Names are never cut: an org or note the ledger could not read back (more
# than 65,535 bytes, what a quoted ledger field holds) is an error at the
# Name. A note is 'Name; Status; Certainty', 4 bytes more than the name
# here (no Status or Certainty); the 100th cluster of one name is
# 'Name #100', 5 bytes more. So a name of 65,531 bytes is the longest that
# imports (a note of 65,535, read back by report in CSV and TSV); 65,532
# makes a note of 65,536; 100 clusters of 65,531 make an org of 65,536.
h='Name,Owner,First Operational Date,Chip type (primary),Chip quantity (primary)'
rows() { awk -v n="$1" -v k="$2" 'BEGIN {
	s = "x"; while (length(s) < n) s = s s; s = substr(s, 1, n)
	for (i = 0; i < k; i++) print s ",,3/1/2024,H100,1" }'; }
{ echo "$h"; rows 65531 1; } | gpucap import epoch-clusters --org name - |
	gpucap report -f csv | awk -F, -f epoch/short-org.awk
{ echo "$h"; rows 65531 1; } | gpucap import epoch-clusters --org name -f tsv - |
	gpucap report -f csv | awk -F, -f epoch/short-org.awk
{ echo "$h"; rows 65532 1; } | gpucap import epoch-clusters --org name -
{ echo "$h"; rows 65531 100; } | gpucap import epoch-clusters --org name -
