gpucap report --frobnicate ledgers/acme.csv
