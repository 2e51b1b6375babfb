# -o through a symlink replaces the file the link names, in that file's
# directory, and the link stays a link; the file keeps its 0600 mode. The
# chain here has a relative step (../data/report.csv, read from links/).
mkdir "$T/data" "$T/links"
echo "old report" > "$T/data/report.csv"
chmod 600 "$T/data/report.csv"
ln -s ../data/report.csv "$T/links/step"
ln -s step "$T/links/latest.csv"
gpucap report -f csv -o "$T/links/latest.csv" ledgers/acme.csv
echo "status: $?"
cat "$T/data/report.csv"
ls -l "$T/data/report.csv" | cut -c1-10
readlink "$T/links/latest.csv" "$T/links/step"
cd "$T" && ls data links
