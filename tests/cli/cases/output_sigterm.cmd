# SIGTERM in the middle of a run with -o: the old file stays, the temporary
# file is removed, and the process dies of the signal (143). The input never
# ends, so the signal always comes mid-run however slow the machine. (The
# shell's own "Terminated" notice is dropped with the subshell's stderr.)
printf 'the old report\n' > "$T/report.csv"
({ echo quarter,org,model,units; yes 2024Q1,acme,H100,1; } |
	gpucap report -o "$T/report.csv" -) 2>/dev/null &
sleep 1
pkill -TERM -f "report -o $T/report.csv"
wait $!
echo "status: $?"
cat "$T/report.csv"
ls "$T"
