# Without --keep-going the first bad row ends the run: exit 3, no output.
gpucap report ledgers/bad/rows.csv --org acme
