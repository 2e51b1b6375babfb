# Every header column is read, mapped, or named in a warning (SPEC 3.3).
# analyst/organisation.csv: Organisation is an alias of org, Count of
# units, so Labx (100 H100 in 2024Q1, 50 more in 2024Q2: 150, +50%) and
# Laby (40) are two fleets; Region is named in one warning, and nothing
# is near it to hint at.
gpucap report analyst/organisation.csv
# A misspelt quarter column: the warning hints at it, then the error.
gpucap report analyst/misspelt.csv
echo "exit $?"
# --map says what their headers mean (any case, blanks as in the file):
# labx buys 10 H100 then 30 (40, +300%).
gpucap report --map 'when=quarter' --map 'Lab name=org' \
	--map 'Accelerator type=model' --map 'N=units' analyst/theirs.csv
# In JSON the keys are headers: lab, chip and unit are aliases (8 H100,
# then 8 more: 16, +100%); site and modle are named once for the file,
# modle with its hint.
gpucap report analyst/keys.json
# -q keeps the warning to itself.
gpucap report -q analyst/organisation.csv > /dev/null
# --map's own mistakes are usage errors.
gpucap report --map 'N=unts' analyst/theirs.csv
echo "exit $?"
gpucap report --map 'N' analyst/theirs.csv
echo "exit $?"
gpucap report --map 'N=colour' analyst/theirs.csv
echo "exit $?"
