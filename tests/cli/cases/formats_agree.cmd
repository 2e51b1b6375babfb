# The same ledger as CSV, TSV, JSON and NDJSON (the twins that
# make-twins.py writes) reports the same bytes, read from a named file or
# sniffed on standard input (where an empty file is no ledger at all).
# Warnings name each format's own line and column, so stderr is dropped.
for csv in ledgers/*.csv; do
	base=${csv%.csv}
	gpucap report -f csv --total "$csv" > "$T/want" 2>/dev/null || exit 1
	for twin in "$base.tsv" "$base.json" "$base.ndjson"; do
		gpucap report -f csv --total "$twin" > "$T/got" 2>/dev/null &&
			cmp -s "$T/want" "$T/got" && echo "same: $twin" ||
			echo "DIFFERENT: $twin"
		[ -s "$twin" ] || continue
		gpucap report -f csv --total < "$twin" > "$T/got" 2>/dev/null &&
			cmp -s "$T/want" "$T/got" || echo "DIFFERENT on stdin: $twin"
	done
done
