# No FILE and '-' both read standard input; same numbers as report_csv.
gpucap report -f csv < ledgers/acme.csv && gpucap report -f csv - < ledgers/acme.csv | tail -n 1
