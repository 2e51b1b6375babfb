#!/bin/sh
# Writes a harness's seed corpus: seed.sh NAME DIR FILE...
# The ledger harnesses read their first byte as flags, so each ledger seed
# gets one (1 for TSV and NDJSON, 0 otherwise); the check harness gets a
# seed per line of the checks files; the rest take the files as they are.
set -eu
name=$1
dir=$2
shift 2
rm -rf "$dir"
mkdir -p "$dir"
n=0
for f do
	[ -f "$f" ] || continue
	n=$((n + 1))
	case $name:$f in
	check:*.checks)
		grep -av '^#' "$f" | grep -a . | while IFS= read -r line; do
			n=$((n + 1))
			printf '%s' "$line" > "$dir/line-$n-$(basename "$f")"
		done ;;
	csv:*.tsv | json:*.ndjson | report:*.tsv | report:*.ndjson)
		{ printf '\001'; cat "$f"; } > "$dir/$n-$(basename "$f")" ;;
	csv:* | json:* | report:* | epoch:*)
		{ printf '\000'; cat "$f"; } > "$dir/$n-$(basename "$f")" ;;
	*)
		cp "$f" "$dir/$n-$(basename "$f")" ;;
	esac
done
