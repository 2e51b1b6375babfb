# /dev/zero as a checks file: refused at its first byte (a NUL), located,
# without reading on; a NUL later in a file is refused where it is, never
# the silent end of a line or of the file (here the third line's check,
# after "acme 2024Q1" at column 12, would otherwise vanish).
gpucap check --checks /dev/zero ledgers/acme.csv
printf 'acme 2024Q1 h100e > 1\n# two\nacme 2024Q1\000 h100e > 1e9\n' > "$T/nul.checks"
cd "$T" && gpucap check --checks nul.checks "$OLDPWD/ledgers/acme.csv"
