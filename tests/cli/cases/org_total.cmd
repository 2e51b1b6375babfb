# --org keeps only its orgs, as if the ledger held no others, but the
# series still runs to the ledger's last quarter (b's 2024Q4): a's
# lifetime retirement of 24Q3 shows, and 'all' sums a alone (0, not 1).
gpucap report --org A --total --lifetime 4 --from 2024Q3 ledgers/lifetime.csv
