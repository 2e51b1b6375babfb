# Issue 16, item 9: a --title that is not UTF-8 (a lone \xff byte) is a
# usage error, exit 2, before the ledger is read; nothing on stdout.
cd ../..
gpucap chart --title "$(printf 'bad \377 title')" data/tesla-2024.csv
echo "exit $?"
gpucap chart -f term --title "$(printf '\303')" data/tesla-2024.csv
echo "exit $?"
