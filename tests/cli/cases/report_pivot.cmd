# report --pivot COLUMN: a row per org, a column per quarter (SPEC 4.6).
# ledgers/hundredk.csv: labx holds 100,000 H100e through 2024 and 200,000
# in 2025Q1; laby buys 300,000 in 2025Q1 (nothing before: undefined).
gpucap report --pivot h100e ledgers/hundredk.csv
# Every format; --total adds the all row (100,000 ... 500,000).
gpucap report --pivot h100e -f csv --total ledgers/hundredk.csv
gpucap report --pivot h100e -f json --org laby ledgers/hundredk.csv
# Any number column: labx's share falls from 100% to 200k / 500k = 40%.
gpucap report --pivot share_pct -f csv ledgers/hundredk.csv
# A table wider than the terminal keeps the latest quarters and says so.
COLUMNS=50 gpucap report --pivot h100e ledgers/hundredk.csv
# Ranges print as bands: Tesla's 2024Q2 is 30,000..350,000.
gpucap report --pivot h100e ../../data/tesla-range.csv
gpucap report --pivot h100x ledgers/hundredk.csv
echo "exit $?"
