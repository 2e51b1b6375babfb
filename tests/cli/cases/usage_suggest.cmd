# A mistyped command or option gets the closest name as a hint (exit 2);
# one far from every name gets none.
for args in "reprot" "help chek" "zz" "report --fromat csv" \
	"report --metirc=8bit" "report --xyzzy" "convert --to 2024Q4"; do
	gpucap $args 2>&1
	echo "exit $?"
done
