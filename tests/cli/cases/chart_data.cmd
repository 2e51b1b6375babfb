# The charts shipped in data/ (the README shows them) are what gpucap
# draws now from the ledgers beside them. The points of a chart are
# checked by hand in tests/unit/test_chart.c; here, that they are kept.
cd ../..
for name in tesla-2024 tesla-range three-labs; do
	if gpucap chart data/$name.csv | cmp -s - data/$name.svg; then
		echo "data/$name.svg: as gpucap draws it"
	else
		echo "data/$name.svg: out of date (gpucap chart data/$name.csv -o data/$name.svg)"
	fi
done
