gpucap reprot ledgers/acme.csv
