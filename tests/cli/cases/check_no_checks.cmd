gpucap check ledgers/acme.csv
