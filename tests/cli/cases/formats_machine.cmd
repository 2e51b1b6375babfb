# tsv and ndjson carry the same raw numbers as csv and json (report_csv).
gpucap report -f tsv ledgers/acme.csv && gpucap report -f ndjson ledgers/acme.csv
