# -o naming the file standard output already is writes standard output
# itself: through a link to /proc/self/fd/1 (what /dev/stdout is on Linux)
# and through /dev/fd/1. With stdout redirected to a file, the output lands
# in that file after what is already there, and the link is not replaced.
ln -s /proc/self/fd/1 "$T/stdout"
{
	echo before
	gpucap report -f csv -o "$T/stdout" ledgers/acme.csv
	echo "link: $?"
	gpucap report -f csv -o /dev/fd/1 ledgers/acme.csv
	echo "/dev/fd/1: $?"
} > "$T/out"
cat "$T/out"
readlink "$T/stdout"
cd "$T" && ls
