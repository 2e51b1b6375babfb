# A cell the ledger would refuse is refused by the import too, located,
# exit 3, nothing on stdout: dates that are not dates (February 2023 and
# 1900 have 28 days: 1900 is a century not divisible by 400; April has
# 30; no month 13), a count past the ledger's 1e12, money or a negative
# where a count is meant (also in H100 equivalents, with --keep-capacity),
# text that is not UTF-8. Columns: 1 Name, 2 Owner, 3 date, 4 chip,
# 5 quantity, 6 H100 equivalents. Before, 2/30/2024 was 2024Q1, 1e13 and
# $5 were written, -5 and abc left the cluster out, bad UTF-8 went through.
h='Name,Owner,First Operational Date,Chip type (primary),Chip quantity (primary),H100 equivalents'
bad() { printf '%s\n' "$h" "$1" | gpucap import epoch-clusters --keep-capacity -; }
bad 'X,Acme,2/30/2024,H100,1,'
bad 'X,Acme,2/29/2023,H100,1,'
bad 'X,Acme,2/29/1900,H100,1,'
bad 'X,Acme,4/31/2024,H100,1,'
bad 'X,Acme,13/1/2024,H100,1,'
bad 'X,Acme,2024-02-30,H100,1,'
bad 'X,Acme,3/1/2024,H100,1e13,'
bad 'X,Acme,3/1/2024,H100,$5,'
bad 'X,Acme,3/1/2024,H100,-5,'
bad 'X,Acme,3/1/2024,H100,abc,'
bad 'X,Acme,3/1/2024,,,5 USD'
bad "X,A$(printf '\377')cme,3/1/2024,H100,1,"
