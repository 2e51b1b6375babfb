# --input-format overrides the guess: TSV text from standard input, and a
# JSON ledger whose name says .csv.
gpucap report -f csv --input-format tsv < ledgers/acme.tsv | tail -n 1
cp ledgers/acme.json "$T/mislabelled.csv"
gpucap report -f csv --input-format json "$T/mislabelled.csv" | tail -n 1
gpucap report --input-format xml ledgers/acme.csv
