# An --org that names no org is a typo, not an empty report.
gpucap report --org gamma ledgers/fleet.csv
