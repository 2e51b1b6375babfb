# A checks file saved on Windows (a byte order mark, CR LF) or by an old Mac
# (lone CRs) reads as on Unix: the BOM is no part of the first org, CR LF is
# one line break. acme (ledgers/acme.csv) has 1,000 H100e in 2024Q1. The
# bad check on the last line is located at line 4: lines 1-2 end in CR LF,
# line 3 in a lone CR; 'h100x' starts at column 13.
L=$(pwd)/ledgers
cd "$T"
printf '\357\273\277acme 2024Q1 h100e == 1000\r\n# a comment\r\nacme 2024Q1 h100e > 1\racme 2024Q1 units == 1000\n' > win.checks
gpucap check --checks win.checks "$L/acme.csv"
printf '\357\273\277acme 2024Q1 h100e == 1000\r\n\r\nacme 2024Q1 h100e > 1\racme 2024Q1 h100x > 1\r\n' > bad.checks
gpucap check --checks bad.checks "$L/acme.csv"
