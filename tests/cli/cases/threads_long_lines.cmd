# heavy: lines too long to cut at. A minified JSON array (60,000 rows, all
# on line 1, 3.4 MB) is read on threads from a file and by the one-thread
# reader from a pipe: the same rows. Each row is 1 H100 in 2024Q1 +
# (i mod 4), so each quarter adds 15,000: 15,000, 30,000, 45,000 and
# 60,000 in service, growing 100%, 50% and 33.3%, at 700 W an H100
# 10.5, 21, 31.5 and 42 MW. An NDJSON file of 3 MB whose line 2 is 2 MB of note is refused
# at line 2 as too long (over 1 MiB) on 1, 2 and 3 threads, as from a pipe,
# and its rows after it are never read.
cd "$T"
awk 'BEGIN {
	printf "["
	for (i = 0; i < 60000; i++)
		printf "%s{\"quarter\":\"2024Q%d\",\"org\":\"a\",\"model\":\"H100\",\"units\":1}", (i ? "," : ""), i % 4 + 1
	print "]"
}' > mini.json
awk 'BEGIN {
	print "{\"quarter\":\"2024Q1\",\"org\":\"a\",\"model\":\"H100\",\"units\":1}"
	printf "{\"quarter\":\"2024Q1\",\"org\":\"a\",\"note\":\""
	for (i = 0; i < 2 * 1024 * 1024 / 64; i++)
		printf "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	print "\",\"units\":1}"
	for (i = 0; i < 15000; i++)
		print "{\"quarter\":\"2024Q2\",\"org\":\"b\",\"model\":\"H100\",\"units\":1}"
}' > long.ndjson
echo "mini.json: $(wc -l < mini.json) line break, $(wc -c < mini.json) bytes"
for t in 1 2 3; do
	GPUCAP_THREADS=$t gpucap report -f csv mini.json > out$t 2> err$t
	echo "mini.json, $t threads: exit $?"
	GPUCAP_THREADS=$t gpucap report long.ndjson > long-out$t 2> long-err$t
	echo "long.ndjson, $t threads: exit $?, $(wc -c < long-out$t) bytes out"
done
gpucap report -f csv - < mini.json > pipe-out
cmp -s out1 pipe-out && cmp -s out1 out2 && cmp -s out1 out3 &&
	echo "mini.json: the same rows on 1, 2, 3 threads and from a pipe"
cat out1
cat err1
cat long-err1
gpucap report - < long.ndjson 2>&1 | sed 's/<stdin>/long.ndjson/' | cmp -s - long-err1 &&
	cmp -s long-err1 long-err2 && cmp -s long-err1 long-err3 &&
	echo "long.ndjson: the same error on 1, 2, 3 threads and from a pipe"
