# Markdown for reports: the same rounding as the table; '|' would be escaped.
gpucap report -f markdown --org alpha --to 2023Q2 ledgers/fleet.csv
