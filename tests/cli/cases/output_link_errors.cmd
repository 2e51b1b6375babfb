# A symlink loop, a link to a directory and a dangling link into a missing
# directory are I/O errors (exit 4) that name the path and change nothing;
# so is an empty name, refused before any work is done.
# A dangling link whose directory exists gets its target created, as the
# shell's > would, and stays a link.
ledger=$(pwd)/ledgers/acme.csv
cd "$T" || exit 1
ln -s loop2 loop1
ln -s loop1 loop2
mkdir dir
ln -s dir to-dir
ln -s missing/report.csv dangling-far
ln -s report.csv dangling
gpucap report -f csv -o loop1 "$ledger"
echo "loop: $?"
gpucap report -f csv -o to-dir "$ledger"
echo "directory: $?"
gpucap report -f csv -o dangling-far "$ledger"
echo "missing directory: $?"
gpucap report -f csv -o "" "$ledger"
echo "empty name: $?"
gpucap report -f csv -o dangling "$ledger"
echo "dangling: $?"
readlink dangling
head -n 1 report.csv
ls -p . dir
