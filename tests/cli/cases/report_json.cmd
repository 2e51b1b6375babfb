# JSON: the same raw numbers as CSV, null where undefined.
gpucap report --format=json ledgers/acme.csv
