# heavy: a JSON array big enough to be read on threads (over 2 MB), a row
# a line as most writers put it, every 7th row with an escape (read by
# cJSON on the reading thread), every 11th with a key no column has, and
# every 1,000th written over three lines (the reading thread's frame reads
# those, a worker must not take their lines for rows). On 1, 2 and 3
# threads, the output and the messages are the same bytes. The figures, by
# hand: 150,000 rows of 1 H100; row i is in quarter 2024Q1 + (i mod 8),
# org-(i mod 3): each quarter gets 150,000 / 8 = 18,750 units, so the
# 'all' row of 2024Q1 has 18,750 H100e and the last, 2025Q4, the whole
# 150,000. The bad ledger leaves out row 100,001's comma. Line 1 is '[',
# row i starts on line 2 + i + 2 x (the three-line rows before it): rows
# 0, 1,000, ..., 100,000 are 101 of them, so row 100,001 is on line
# 2 + 100,001 + 202 = 100,205 and the row after it, where the comma is
# missed, on 100,206, column 1. The object form, {"rows": [...]}, reads
# the same rows. Row 5 is the first with the unknown key: line 2 + 5 + 2 =
# 9. Read from a pipe, the ledger is read by the one-thread reader alone:
# the same output, and the same error at the same place.
cd "$T"
rows() {
	awk -v nocomma="$1" 'BEGIN {
	print "["
	for (i = 0; i < 150000; i++) {
		q = (2024 + int((i % 8) / 4)) "Q" (i % 4 + 1)
		org = (i % 7 == 0) ? "org-\\u0030" : "org-0"
		if (i % 3 == 1) org = "org-1"
		if (i % 3 == 2) org = "org-2"
		if (i % 7 == 0 && i % 3 != 0) org = (i % 3 == 1) ? "org-\\u0031" : "org-\\u0032"
		extra = (i % 11 == 5) ? ",\"batch\":" i : ""
		sep = (i == 149999 || i == nocomma) ? "" : ","
		if (i % 1000 == 0)
			printf "{\"quarter\":\"%s\",\n \"org\":\"%s\",\n \"model\":\"H100\",\"units\":1%s}%s\n", q, org, extra, sep
		else
			printf "{\"quarter\":\"%s\",\"org\":\"%s\",\"model\":\"H100\",\"units\":1%s}%s\n", q, org, extra, sep
	}
	print "]"
}'
}
rows -1 > big.json
rows 100001 > bad.json
{ printf '{"source":"a test",\n"rows":'; cat big.json; echo '}'; } > object.json
for t in 1 2 3; do
	GPUCAP_THREADS=$t gpucap report --total -f csv big.json > out$t 2> err$t
	echo "big.json, $t threads: exit $?, $(wc -l < out$t) lines"
	GPUCAP_THREADS=$t gpucap report --total -f csv object.json > obj-out$t 2> obj-err$t
	echo "object.json, $t threads: exit $?"
	GPUCAP_THREADS=$t gpucap report bad.json > bad-out$t 2> bad-err$t
	echo "bad.json, $t threads: exit $?, $(wc -c < bad-out$t) bytes out"
done
for f in out err obj-out obj-err bad-out bad-err; do
	cmp -s ${f}1 ${f}2 && cmp -s ${f}1 ${f}3 && echo "$f: the same on 1, 2 and 3 threads"
done
cmp -s out1 obj-out1 && echo "the object form: the same rows"
gpucap report --total -f csv - < big.json > pipe-out 2> pipe-err
cmp -s out1 pipe-out && echo "from a pipe, one thread's reader: the same rows"
gpucap report - < bad.json 2>&1 | sed 's/<stdin>/bad.json/' | cmp -s - bad-err1 &&
	echo "and the same error"
awk -F, '$1 == "all" && ($2 == "2024Q1" || $2 == "2025Q4") { print $2, $6 }' out1
echo "big.json: $(wc -c < big.json) bytes (threads from 2 MB on)"
cat err1
cat bad-err1
