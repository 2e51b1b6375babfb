# One fails: exit 1. 2024Q1 is 1,000, not over 1,000.
gpucap check ledgers/acme.csv -e 'acme 2024Q1 h100e > 1000'
