# Valid edge cases read right: a byte order mark, CRLF line ends, a blank
# line, a quoted org with a comma, a quoted note with a line break, spaces
# around fields, and the same in JSON. 1,000 H100 then 500 more: 1,000 and
# 1,500 H100e (+50 %), 0.7 and 1.05 MW.
for f in edge/bom-crlf.csv edge/bom-crlf.json edge/spaces.csv; do
	gpucap report -f csv "$f" | tail -n 2
done
