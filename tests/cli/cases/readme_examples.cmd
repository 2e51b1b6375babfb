# Every README example that runs gpucap ("$ gpucap ..." in a code block,
# followed by its output) is run from the top of the repository, and its
# stdout then stderr must be what the README shows.
awk '/^```/ { if (inblock) { if (keep) print "@@@"; inblock = 0 }
              else { inblock = 1; keep = -1 }; next }
     inblock && keep == -1 { keep = /^\$ gpucap / ? 1 : 0 }
     inblock && keep && /^\$ / && !/^\$ gpucap / { keep = 0 }
     inblock && keep { print }' ../../README.md > "$T/blocks"
n=0
: > "$T/want"
: > "$T/got"
while IFS= read -r line; do
	if [ "$line" = "@@@" ]; then
		n=$((n + 1))
		if cmp -s "$T/want" "$T/got"; then
			echo "example $n: as shown"
		else
			echo "example $n differs:"
			diff "$T/want" "$T/got"
		fi
		: > "$T/want"
		: > "$T/got"
		continue
	fi
	printf '%s\n' "$line" >> "$T/want"
	case $line in
	'$ '*)
		printf '%s\n' "$line" >> "$T/got"
		(cd ../.. && eval "${line#\$ }") > "$T/out" 2> "$T/err"
		cat "$T/out" "$T/err" >> "$T/got"
		;;
	esac
done < "$T/blocks"
