# The bad-input corpus: each file of corpus/ (ledgers; catalog-*.csv as
# --catalog; *.checks as --checks) with its exit status and the first line
# of stderr, which names FILE:LINE:COLUMN. A failure must print nothing on
# stdout; a success shows how many lines it printed. (limits.cmd has the
# inputs too big to commit.)
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
for f in corpus/*; do
	name=${f#corpus/}
	case $name in
	catalog-*) run "$name" catalog --catalog "$f" ;;
	*.checks) run "$name" check --checks "$f" ledgers/acme.csv ;;
	*) run "$name" report "$f" ;;
	esac
done
