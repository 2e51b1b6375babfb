# --alias renames orgs as they are read (SPEC 3.3): one source's "Meta AI"
# and another's "Meta Platforms" are the fleet "Meta". analyst/two-
# sources.csv: Meta AI buys 100 H100 in 2024Q1; Meta 50 and meta
# platforms 25 in 2024Q2. Without aliases, three fleets; with them, one:
# 100, then 175 (+75%). Names match in any case, as orgs do.
gpucap report -f csv analyst/two-sources.csv | cut -d, -f1,2,6
gpucap report -f csv --alias 'Meta AI=Meta' --alias @analyst/aliases.csv \
	analyst/two-sources.csv | cut -d, -f1,2,6,9
# import renames too: Alpha Corp's clusters come out as Alpha.
gpucap import epoch-clusters --alias 'alpha corp=Alpha' epoch/clusters.csv 2>/dev/null | cut -d, -f1,2 | head -n 3
# Mistakes: a name given two names, a malformed alias, a missing file.
gpucap report --alias @analyst/clash.csv analyst/two-sources.csv
echo "exit $?"
gpucap report --alias 'a=b' --alias 'A=c' analyst/two-sources.csv
echo "exit $?"
gpucap report --alias 'Meta' analyst/two-sources.csv
echo "exit $?"
gpucap report --alias @analyst/no-such.csv analyst/two-sources.csv
echo "exit $?"
