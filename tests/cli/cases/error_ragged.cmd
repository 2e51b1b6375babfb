# Bad input: exit 3, the location on stderr, nothing on stdout.
gpucap report ledgers/bad/ragged.csv
