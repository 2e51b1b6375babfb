# What -f tsv writes, gpucap reads back (issue 16, item 10): an org with
# quotes is quoted the CSV way, one with blanks at its ends too (the
# reader trims unquoted fields), and a tab inside becomes a space. The
# CSV of the TSV equals the CSV of the ledger but for that tab.
gpucap report -f tsv edge/quote-org.csv
gpucap report -f tsv edge/quote-org.csv | gpucap report -f csv --input-format tsv > "$T/back.csv"
gpucap report -f csv edge/quote-org.csv | sed 's/tab	here/tab here/' | diff - "$T/back.csv" && echo "read back the same"
