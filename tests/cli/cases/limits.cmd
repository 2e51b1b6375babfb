# heavy: the inputs too big to commit, made here: a 1 MB field, JSON nested
# 100,000 deep (outside the rows and inside one), a 2 MB NDJSON line and
# JSON row, and ledgers whose orgs times quarters reach the limits (1,000
# quarters, 1,000,000 org-quarters, 1,000,000 report rows). Each fails fast
# with a clear error (or, at the limit, succeeds). Skipped under valgrind.
run() {
	name=$1
	shift
	gpucap "$@" > "$T/out" 2> "$T/err"
	code=$?
	if [ $code -eq 0 ]; then
		printf '%s: exit 0: %s lines\n' "$name" "$(wc -l < "$T/out" | tr -d ' ')"
	else
		printf '%s: exit %d: %s\n' "$name" $code "$(head -n 1 "$T/err")"
		if [ -s "$T/out" ]; then echo "$name: PARTIAL OUTPUT"; fi
	fi
}
cd "$T"
{ printf 'quarter,note\n2024Q1,'; head -c 1048576 /dev/zero | tr '\0' x; echo; } > big-field.csv
run big-field.csv report big-field.csv
{ printf '{"meta":'; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf ',"rows":[]}'; } > deep-outside.json
run deep-outside.json report deep-outside.json
{ printf '[{"quarter":"2024Q1","h100e":1,"x":'; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf '}]'; } > deep-row.json
run deep-row.json report deep-row.json
{ printf '[['; head -c 100000 /dev/zero | tr '\0' '['; printf ']'; } > deep-rows.json
run deep-rows.json report deep-rows.json
{ printf '{"quarter":"2024Q1","note":"'; head -c 2097152 /dev/zero | tr '\0' x; printf '"}\n'; } > long-line.ndjson
run long-line.ndjson report long-line.ndjson
{ printf '[{"quarter":"2024Q1","note":"'; head -c 2097152 /dev/zero | tr '\0' x; printf '"}]'; } > long-row.json
run long-row.json report long-row.json
awk 'BEGIN { print "quarter,org,h100e"; for (i = 0; i < 1001; i++) print "2000Q1,org" i ",1"; print "2249Q4,last,1" }' > many-orgs-span.csv
run many-orgs-span.csv report many-orgs-span.csv
awk 'BEGIN { print "quarter,org,h100e"; for (i = 0; i < 1000001; i++) print "2024Q1,org" i ",1" }' > million-orgs.csv
run million-orgs.csv report million-orgs.csv
awk 'BEGIN { print "quarter,org,h100e"; for (i = 0; i < 1000000; i++) print "2024Q1,org" i ",1" }' > many-orgs.csv
run many-orgs.csv report -f csv many-orgs.csv
# A row of ten million commas under a 3-column header: the extra fields
# are counted, never held (issue 16, item 7): 3 + 10,000,000 fields, the
# first extra one in column 4. A header over 1,024 columns is refused at
# its 1,025th.
{ printf 'quarter,org,h100e\n2024Q1,a,'; head -c 10000000 /dev/zero | tr '\0' ,; echo; } > commas.csv
run commas.csv report commas.csv
{ head -c 2000 /dev/zero | tr '\0' ,; echo; } > wide-header.csv
run wide-header.csv report wide-header.csv
