# A bad line in a checks file is located at FILE:LINE:COLUMN.
gpucap check --checks checks/bad.checks ledgers/acme.csv
