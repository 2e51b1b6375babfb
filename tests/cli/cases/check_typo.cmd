# A typo in a column is a usage error (exit 2) before any data is read,
# shown at its column.
gpucap check ledgers/acme.csv -e 'acme 2024Q2 h100e >= 1' -e 'acme 2024Q4 h100x >= 1'
