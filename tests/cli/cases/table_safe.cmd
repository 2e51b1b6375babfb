# Text from a ledger is safe in the formats for people (issue 16, items 7
# and 9): an ESC and a quoted CR LF in an org come out as \x1b, \x0d and
# \x0a (no raw control reaches the terminal, no row is split), a '|' is
# escaped in Markdown; CSV keeps the bytes, quoted.
gpucap report edge/controls.csv
gpucap report -f markdown edge/controls.csv
gpucap report -f csv edge/controls.csv | tail -n +2 | head -c 18 | od -An -c
# A 64 KB org name is cut to 63 characters and an ellipsis: the header
# line is org padded to 64, then "  quarter" (9), "  added_h100e" (13),
# "  retired_h100e" (15), "  h100e" (7) and a newline: 109 bytes; the
# row is 63 x's and the 3-byte ellipsis (66 bytes), "  2024Q1 " (9),
# then 13 + 15 + 7 + 1 as in the header: 111. 220 bytes in all, where
# the whole name made a 131 KB table.
awk 'BEGIN { printf "quarter,org,h100e\n2024Q1,"; for (i = 0; i < 65536; i++) printf "x"; print ",1" }' > "$T/long.csv"
gpucap report "$T/long.csv" | wc -c
# CSV keeps the name: a 146-byte header (15 names of 131 characters, 14
# commas and a newline), then the name, ",2024Q1", an empty units, ",1",
# ",0", ",1" and nine empty columns: 65536 + 7 + 1 + 6 + 9 + 1 = 65560.
gpucap report -f csv "$T/long.csv" | wc -c
