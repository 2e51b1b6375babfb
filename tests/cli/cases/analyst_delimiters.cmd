# A ';' file (as Excel saves it in most of Europe: a byte order mark,
# CRLF) is told by its header; its decimal commas are decimal points
# (SPEC 3.3). analyst/semicolon.csv: acme buys 2,5k = 2,500 H100 for
# $75,000,000 ($30,000 an H100e; 2,500 x 700 W = 1.75 MW), then 1,5k =
# 1,500 more: 4,000 (+60%, 2.80 MW).
gpucap report analyst/semicolon.csv
# A dot grouping thousands beside a decimal comma is refused as written.
gpucap report analyst/grouped.csv
echo "exit $?"
# A .csv of tabs is read by its tabs; --delimiter names any other byte.
gpucap report -f csv analyst/tabs.csv | cut -d, -f1-3
gpucap report -f csv --delimiter '|' analyst/pipe.txt | cut -d, -f1-3
gpucap report --delimiter '"' analyst/pipe.txt
echo "exit $?"
# A number with more than one comma is no decimal: its commas group
# thousands (1,000,000), and the cell is read as written.
printf 'quarter;org;model;units\n2024Q1;acme;H100;1,000,000\n' | gpucap report -f csv | cut -d, -f1-3
