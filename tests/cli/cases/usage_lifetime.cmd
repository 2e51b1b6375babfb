gpucap report --lifetime 5x ledgers/acme.csv
