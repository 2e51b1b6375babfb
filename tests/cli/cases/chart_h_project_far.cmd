# Issue 16, items 1 and 2: projected to 2158Q4, Tesla's 3.667 a quarter
# passes 1e300 in 2155, reaches 1.5e307 (2158Q1) and 5.7e307 (2158Q2),
# then overflows (2158Q3, 2158Q4): the chart indexed row INT_MIN
# (SIGSEGV) and the SVG had -nan coordinates. A value that is not finite
# is undefined now, not drawn.
# Log axis: 10^4 (Dojo's 10,000) to 10^308 (5.7e307): 305 decades, every
# 50th from 0 to 350, 8 ticks, on rows round((1 - k/7) x 11) = 11, 9, 8,
# 6, 5, 3, 2, 0; 1e350 is past every double but is only a label.
# Linear axis: its ends are taken within 1e307 (so that no tick can
# overflow): 0 to 1e307 by 2e306, on rows 11, 9, 7, 4, 2, 0. 541
# quarters over 73 columns: 2157Q3 (1.15e306, row round(0.885 x 11) =
# 10), 2157Q4 (4.2e306, row 6), 2158Q1 and 2158Q2 all fall in column
# 72; the last two lie past the top, so an arrow on row 0 marks them,
# and the legend says what it means. Before 2157 every value is below
# 1e305, on row 11.
cd ../..
gpucap chart -f term --log --project-to 2158Q4 data/tesla-2024.csv
echo "exit $?"
gpucap chart -f term --project-to 2158Q4 data/tesla-2024.csv
echo "exit $?"
# the SVGs: no nan or inf anywhere, and (linear) two triangles on the top
# edge (y = 92) for the two clipped points
for log in --log ""; do
	gpucap chart $log --project-to 2158Q4 data/tesla-2024.csv > "$T/c.svg" 2>/dev/null
	echo "exit $? nan/inf: $(grep -ci 'nan\|inf' "$T/c.svg") clipped: $(grep -c '<polygon points="[0-9.]*,92.0 ' "$T/c.svg")"
done
