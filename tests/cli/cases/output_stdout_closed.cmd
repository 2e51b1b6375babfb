# With standard output closed, -o FILE still writes FILE and exits 0, since
# nothing was meant for stdout; the same with stdin and stderr closed too.
# Writing to the closed stdout, directly or through -o naming it, is a
# write error (exit 4), and the link to it is left as it is. "want" is
# what the report writes to an open stdout.
gpucap report -f csv ledgers/acme.csv > "$T/want"
gpucap report -f csv -o "$T/report.csv" ledgers/acme.csv >&-
echo "-o file: $?"
cmp "$T/report.csv" "$T/want" && echo same
# (valgrind cannot run with its own stderr closed: under a wrapper,
# stderr stays open.)
if [ -n "${GPUCAP_WRAPPER:-}" ]; then
	gpucap report -f csv -o "$T/all.csv" ledgers/acme.csv <&- >&-
else
	gpucap report -f csv -o "$T/all.csv" ledgers/acme.csv <&- >&- 2>&-
fi
echo "all closed: $?"
cmp "$T/all.csv" "$T/want" && echo same
gpucap report -f csv ledgers/acme.csv >&-
echo "stdout: $?"
ln -s /proc/self/fd/1 "$T/stdout"
gpucap report -f csv -o "$T/stdout" ledgers/acme.csv >&-
echo "-o stdout: $?"
readlink "$T/stdout"
