gpucap report ledgers/acme.csv --format
