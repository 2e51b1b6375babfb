# -f json lists the results: n, ok, check, got (raw), why.
gpucap check -f json ledgers/acme.csv -e 'acme 2024Q1 h100e == 1000' -e 'acme 2030Q1 h100e > 0'
