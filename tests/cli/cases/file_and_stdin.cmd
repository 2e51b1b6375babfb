# A file and '-' (standard input, here TSV) are one ledger: the figures of
# report_csv.
gpucap report -f csv ledgers/acme-q1.csv - < ledgers/acme-q2.tsv
