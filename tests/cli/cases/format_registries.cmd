# Each command's formats come from its own table (issue 17, step 5):
# the -f help line, what -f accepts, the default (the table's first row)
# and the completion all read it.
for cmd in report check chart import; do
	gpucap help $cmd | grep -- '--format'
done
gpucap check -f tap -e 'acme 2024Q1 h100e == 1000' ledgers/acme.csv
echo "exit $?"
# check has no table format: TAP is its format for people
gpucap check -f table -e 'acme 2024Q1 h100e == 1000' ledgers/acme.csv
echo "exit $?"
# import writes ledgers, which the table format is not
gpucap import epoch-clusters -f table epoch/clusters.csv
echo "exit $?"
bash -c '. ../../data/gpucap.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _gpucap; printf "%s\n" "${COMPREPLY[@]}"' _ "$bin" check -f ''
