# project needs a horizon after the ledger's last quarter, and --target
# goes with --by; target options belong to project only.
gpucap project ledgers/grow.csv
gpucap project --target 5 ledgers/grow.csv
gpucap project --to 2024Q4 ledgers/grow.csv
gpucap report --target 5 ledgers/grow.csv
