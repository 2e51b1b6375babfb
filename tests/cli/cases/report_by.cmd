# report --by model|vendor splits each org by its accelerators (SPEC
# 4.6), a row per org and model, and the rows of a split sum to the org's.
# ledgers/mixed.csv: labx buys 1,000 H100 in 2024Q1, 500 B200 and 1,000
# MI300X in 2024Q2, retires 200 H100 in 2024Q3; laby 300 H100 in 2024Q2.
# By the catalog (bf16 against the H100 SXM): a B200 is 2,250 / 989.4 =
# 2.274 H100e, an MI300X 1,307.4 / 989.4 = 1.321, so labx in 2024Q2 is
# 1,000 + 1,137 + 1,321 = 3,458 H100e, and 3,258 in 2024Q3.
gpucap report -f csv --by model --columns units,h100e ledgers/mixed.csv
gpucap report -f csv --columns units,h100e --org labx ledgers/mixed.csv
# By vendor: labx's NVIDIA is H100 and B200 (2,137 in 2024Q2), AMD the
# MI300X (1,321).
gpucap report --by vendor --org labx --to 2024Q2 ledgers/mixed.csv
# With --pivot, a row per part: the split goes in its own column.
gpucap report --by model --pivot units ledgers/mixed.csv
gpucap report --by chip ledgers/mixed.csv
echo "exit $?"
# --columns all (or any list) with --by: the part goes after org once,
# whatever --columns names (it may not name the part itself).
gpucap report -f csv --by model --columns all,projected,incomplete ledgers/mixed.csv | head -n 1 | cut -d, -f1-4
gpucap report --by model --columns model ledgers/mixed.csv
echo "exit $?"
# An --org hint under --by names the org, not its part.
gpucap report --by model --org labz ledgers/mixed.csv
echo "exit $?"
