# Two files (one CSV, one TSV with other header names and spellings) are one
# ledger: the same figures as report_csv, org named as first written.
gpucap report -f csv ledgers/acme-q1.csv ledgers/acme-q2.tsv
