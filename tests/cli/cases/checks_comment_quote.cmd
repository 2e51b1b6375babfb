# A '#' in a quoted org is no comment, after an escaped quote too: the
# file reads the org as -e does. The org is  say "#1  (CSV: its quote
# doubled); it has 10 H100.
printf 'quarter,org,model,units\n2024Q1,"say ""#1",H100-SXM,10\n' > "$T/q.csv"
printf '"say \\"#1" 2024Q1 h100e == 10 # 10 H100\n' > "$T/q.checks"
cat "$T/q.checks"
gpucap check --checks "$T/q.checks" -e '"say \"#1" 2024Q1 units == 10' "$T/q.csv"
