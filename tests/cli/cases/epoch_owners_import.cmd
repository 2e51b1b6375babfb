# import epoch-chip-owners writes Epoch AI's exports in gpucap's own
# columns: purchases as units with units_p5/units_p95, stocks as one
# total_h100e with its ends an owner and quarter, incomplete as true. What
# it writes, report reads to the same series as the exports themselves.
cd epoch
gpucap import epoch-chip-owners owners-quarters.csv owners-cumulative.csv
gpucap import epoch-chip-owners -f json owners-quarterly-canonical.csv \
	owners-cumulative-canonical.csv > "$T/canonical.json"
for set in "owners-quarters.csv owners-cumulative.csv" \
	"owners-quarterly-canonical.csv owners-cumulative-canonical.csv"; do
	gpucap report --metric 8bit -f csv $set > "$T/direct"
	gpucap import epoch-chip-owners $set | gpucap report --metric 8bit -f csv > "$T/imported"
	cmp -s "$T/direct" "$T/imported" && echo "same series: $set"
done
# Two chips' stocks of one owner and quarter are one level, their sum.
printf '%s\n' 'Name,Owner,Start date,End date,Compute estimate in H100e (median),H100e (5th percentile),H100e (95th percentile),Chip type' \
	'Acme H100 cumulative through Q1 2024,Acme,1/1/2024,3/31/2024,100,80,120,H100/H200' \
	'Acme A100 cumulative through Q1 2024,Acme,1/1/2024,3/31/2024,30,20,50,A100' |
	gpucap import epoch-chip-owners -
