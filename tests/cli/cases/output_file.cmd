# -o writes the report there (replacing what was there) and nothing to stdout.
echo "old report" > "$T/report.csv"
gpucap report -f csv --output "$T/report.csv" ledgers/acme.csv && cat "$T/report.csv" && ls "$T"
