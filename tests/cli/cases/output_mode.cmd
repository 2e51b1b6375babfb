# A replaced file keeps its mode (0600 stays 0600 under umask 022); a new
# file gets the mode the umask gives (0666 & ~027 = 0640).
umask 022
echo "old report" > "$T/private.csv"
chmod 600 "$T/private.csv"
gpucap report -f csv -o "$T/private.csv" ledgers/acme.csv
echo "replaced: $?"
umask 027
gpucap report -f csv -o "$T/new.csv" ledgers/acme.csv
echo "new: $?"
cd "$T" && ls -l private.csv new.csv | cut -c1-10 && ls
