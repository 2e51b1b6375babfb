# -o never clobbers an existing file when the run fails, and leaves no
# temporary file behind.
echo "old report" > "$T/report.csv"
gpucap report -f csv -o "$T/report.csv" ledgers/bad/ragged.csv
code=$?
cat "$T/report.csv"
ls "$T"
exit $code
