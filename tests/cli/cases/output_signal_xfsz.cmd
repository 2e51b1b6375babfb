# A signal that ends the process mid-write removes the temporary file:
# here SIGXFSZ, raised by the write that passes a 512-byte file size limit
# (the report is longer), so it comes at the same point on every run. The
# old file stays and the status is 128 + 25. (The shell's notice goes with
# the subshell's stderr.)
printf 'the old report\n' > "$T/report.csv"
(ulimit -f 1; gpucap report -o "$T/report.csv" ledgers/fleet.csv) 2>/dev/null
echo "status: $?"
cat "$T/report.csv"
ls "$T"
