# heavy: a 5 MB ledger, big enough to be read on threads, whose every other
# row has a note holding line breaks and a line that looks like a row, so
# many of the guessed places where parts start fall inside a quoted field.
# On 1, 2 and 3 threads, the output and the messages are the same bytes.
# The figures, by hand: 150,000 rows of 1 H100 (factor 1.000); row i is in
# quarter 2024Q1 + (i mod 8), org-(i mod 3). Each quarter gets 150,000 / 8
# = 18,750 units, so the 'all' row of 2024Q1 has 18,750 H100e and the
# last, 2025Q4, the whole 150,000. The bad ledger adds a row 2024Q9 after
# them: 1 header line + 75,000 one-line rows + 75,000 four-line rows =
# 375,001 lines come first, so the error is on line 375,002.
cd "$T"
awk 'BEGIN {
	print "quarter,org,model,units,note"
	for (i = 0; i < 150000; i++) {
		q = (2024 + int((i % 8) / 4)) "Q" (i % 4 + 1)
		note = (i % 2) ? "\"a\n2024Q1,z,H100,1000\n\nb\"" : "plain"
		print q ",org-" (i % 3) ",H100,1," note
	}
}' > big.csv
{ cat big.csv; echo '2024Q9,org-0,H100,1,x'; } > bad.csv
for t in 1 2 3; do
	GPUCAP_THREADS=$t gpucap report --total -f csv big.csv > out$t 2> err$t
	echo "big.csv, $t threads: exit $?, $(wc -l < out$t) lines"
	GPUCAP_THREADS=$t gpucap report bad.csv > bad-out$t 2> bad-err$t
	echo "bad.csv, $t threads: exit $?, $(wc -c < bad-out$t) bytes out"
	GPUCAP_THREADS=$t gpucap report --keep-going -f csv bad.csv > kg-out$t 2> kg-err$t
	echo "bad.csv --keep-going, $t threads: exit $?"
done
for f in out err bad-out bad-err kg-out kg-err; do
	cmp -s ${f}1 ${f}2 && cmp -s ${f}1 ${f}3 && echo "$f: the same on 1, 2 and 3 threads"
done
awk -F, '$1 == "all" && ($2 == "2024Q1" || $2 == "2025Q4") { print $2, $6 }' out1
echo "big.csv: $(wc -c < big.csv) bytes (threads from 2 MB on)"
sed 's/(expected.*//' bad-err1
sed 's/(expected.*//' kg-err1
