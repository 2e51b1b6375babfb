# A full disk loses nothing: writing standard output to /dev/full is one
# message and exit 4; -o /dev/full writes the device in place (never
# renaming over it); and with -o FILE on a disk that fills up (a file size
# limit of 512 bytes, the signal it raises ignored) the old FILE stays
# byte for byte, with no temporary file left beside it.
gpucap report -f csv ledgers/fleet.csv > /dev/full
echo "stdout: $?"
gpucap report -f csv -o /dev/full ledgers/fleet.csv
echo "-o device: $?"
printf 'the old report\n' > "$T/report.csv"
(trap '' XFSZ; ulimit -f 1; gpucap report -o "$T/report.csv" ledgers/fleet.csv)
echo "-o file: $?"
cat "$T/report.csv"
ls "$T"
