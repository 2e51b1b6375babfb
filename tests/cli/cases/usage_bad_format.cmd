gpucap report -f xml ledgers/acme.csv
