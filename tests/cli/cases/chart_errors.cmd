# chart's own mistakes: a column that is not a number column of report,
# a style, a format that is not svg or term (exit 2), and a column with
# nothing to draw (the ledger has no reported levels; --log and a fleet
# that never grows above zero): exit 3, nothing on stdout.
cd ../..
for args in "--column org" "--style pie" "-f table" "--column reported_h100e" \
	"--log --column gap_h100e"; do
	gpucap chart $args data/three-labs.csv 2>&1
	echo "exit $?"
done
printf 'quarter,org,h100e\n' | gpucap chart 2>&1
echo "exit $?"
