# A ledger with a header and no rows is an empty report, not an error.
gpucap report -f csv ledgers/header-only.csv && gpucap report -f json ledgers/header-only.csv
