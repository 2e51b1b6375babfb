# A FIFO is written in place and stays a FIFO. A command that writes rows
# as it reads (import) holds them until it has finished, for a FIFO as for
# stdout: when row 3 is bad, the reader gets nothing at all. "want" is
# what the report writes to stdout.
gpucap report -f csv ledgers/acme.csv > "$T/want"
mkfifo "$T/fifo"
# Should gpucap fail before it opens the FIFO, this lets the reader end
# instead of waiting for a writer forever (opening read-write never
# blocks; a reader already done is not disturbed).
unblock() {
	exec 3<>"$T/fifo"
	exec 3>&-
}
cat "$T/fifo" > "$T/got" &
reader=$!
gpucap report -f csv -o "$T/fifo" ledgers/acme.csv
echo "report: $?"
unblock
wait $reader
cmp "$T/got" "$T/want" && echo same
head -n 2 epoch/clusters.csv > "$T/bad.csv"
echo 'Broken,Existing,Confirmed,Alpha Corp,3/15/2024,NVIDIA H100 SXM5 80GB,1000' >> "$T/bad.csv"
cat "$T/fifo" > "$T/got" &
reader=$!
(cd "$T" && gpucap import epoch-clusters -o fifo bad.csv)
echo "import: $?"
unblock
wait $reader
wc -c < "$T/got" | tr -d ' '
[ -p "$T/fifo" ] && echo "still a FIFO"
