# heavy: an NDJSON ledger big enough to be read on threads (over 2 MB),
# every 7th row with an escape (read by cJSON on the reading thread) and
# every 11th with a key no column has (the warning must name it where one
# thread first meets it). On 1, 2 and 3 threads, the output and the
# messages are the same bytes. The figures, by hand: 150,000 rows of 1
# H100; row i is in quarter 2024Q1 + (i mod 8), org-(i mod 3): each
# quarter gets 150,000 / 8 = 18,750 units, so the 'all' row of 2024Q1 has
# 18,750 H100e and the last, 2025Q4, the whole 150,000. The bad ledger
# adds a row in 2024Q9 as line 150,001.
cd "$T"
awk 'BEGIN {
	for (i = 0; i < 150000; i++) {
		q = (2024 + int((i % 8) / 4)) "Q" (i % 4 + 1)
		org = (i % 7 == 0) ? "org-\\u0030" : "org-0"
		if (i % 3 == 1) org = "org-1"
		if (i % 3 == 2) org = "org-2"
		if (i % 7 == 0 && i % 3 != 0) org = (i % 3 == 1) ? "org-\\u0031" : "org-\\u0032"
		extra = (i % 11 == 5) ? ",\"batch\":" i : ""
		printf "{\"quarter\":\"%s\",\"org\":\"%s\",\"model\":\"H100\",\"units\":1%s}\n", q, org, extra
	}
}' > big.ndjson
{ cat big.ndjson; echo '{"quarter":"2024Q9","org":"org-0","model":"H100","units":1}'; } > bad.ndjson
for t in 1 2 3; do
	GPUCAP_THREADS=$t gpucap report --total -f csv big.ndjson > out$t 2> err$t
	echo "big.ndjson, $t threads: exit $?, $(wc -l < out$t) lines"
	GPUCAP_THREADS=$t gpucap report bad.ndjson > bad-out$t 2> bad-err$t
	echo "bad.ndjson, $t threads: exit $?, $(wc -c < bad-out$t) bytes out"
	GPUCAP_THREADS=$t gpucap report --keep-going -f csv bad.ndjson > kg-out$t 2> kg-err$t
	echo "bad.ndjson --keep-going, $t threads: exit $?"
done
for f in out err bad-out bad-err kg-out kg-err; do
	cmp -s ${f}1 ${f}2 && cmp -s ${f}1 ${f}3 && echo "$f: the same on 1, 2 and 3 threads"
done
awk -F, '$1 == "all" && ($2 == "2024Q1" || $2 == "2025Q4") { print $2, $6 }' out1
echo "big.ndjson: $(wc -c < big.ndjson) bytes (threads from 2 MB on)"
cat err1
sed 's/(expected.*//' bad-err1
sed 's/(expected.*//' kg-err1
