# Colour: only the table format, only when asked (--color=always) or on a
# terminal (tests have none, so auto is off); a bold header, negative
# growth in red (2024Q2: 100 -> 50 is -50.0%), failed checks in red.
# NO_COLOR turns auto off, not an explicit --color=always. --quiet drops
# warnings (Inferentia2 has no tdp_w) but not errors. 2024Q3 adds 10
# Inferentia2 at 190 / 989.4 = 0.19204 each: 1.9204 H100e (1.9), 51.9204
# in all (51.9), +3.84% on 50 (3.8).
cd "$T"
printf 'quarter,org,model,units,h100e\n2024Q1,a,,,100\n2024Q2,a,,,-50\n2024Q3,a,Inferentia2,10,\n' > l.csv
echo "always:"
gpucap report --color=always l.csv 2>/dev/null | sed -n l
echo "auto, not a terminal:"
gpucap report l.csv 2>/dev/null | sed -n l
echo "NO_COLOR and always:"
NO_COLOR=1 gpucap report --color=always l.csv 2>/dev/null | sed -n 1p | sed -n l
echo "csv, always:"
gpucap report -f csv --color=always l.csv 2>/dev/null | sed -n l
echo "check, always:"
gpucap check --color=always -e 'a 2024Q2 h100e > 60' l.csv > tap 2>/dev/null
echo "exit $?"
sed -n l tap
echo "warnings:"
gpucap report l.csv 2>&1 >/dev/null
echo "quiet:"
gpucap report -q l.csv 2>&1 >/dev/null
gpucap report --quiet --color=sometimes l.csv 2>&1
echo "exit $?"
# A bare --color is always (as ls and grep read it), and takes no value
# from the next argument: l.csv stays the ledger.
gpucap report --color l.csv 2>/dev/null | sed -n 1p | sed -n l
