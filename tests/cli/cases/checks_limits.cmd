# heavy: checks files at the bounds of check.h, made here. 100,000 checks
# are read; one more is refused at its line; so is line 1,000,001 of blank
# lines, and a line of a megabyte at its byte 4,097, read no further.
# Every check reads acme's (ledgers/acme.csv) 2024Q2 h100e, 3,274 > 0.
L=$(pwd)/ledgers
cd "$T"
awk 'BEGIN { for (i = 0; i < 100000; i++) print "2024Q2 h100e > 0" }' > max.checks
gpucap check --checks max.checks "$L/acme.csv" | tail -n 1
{ cat max.checks; echo '# fine'; echo "2024Q2 h100e > 0"; } > over.checks
gpucap check --checks over.checks "$L/acme.csv"
awk 'BEGIN { for (i = 0; i < 1000001; i++) print "" }' > blank.checks
gpucap check --checks blank.checks "$L/acme.csv"
head -c 1048576 /dev/zero | tr '\0' x > long.checks
gpucap check --checks long.checks "$L/acme.csv"
