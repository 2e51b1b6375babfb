# check's formats on a plan (SPEC 6): TAP with YAML diagnostics, JUnit
# XML, GitHub Actions annotations, and rows with name, file, line and
# projected. plan/plan.csv: labx buys 1,000 H100 SXM in 2025Q1 and 1,000
# more in 2025Q2, so its level is 1,000 then 2,000 H100e and its power
# 0.7 then 1.4 MW (700 W each, overhead and PUE 1). Projected to 2025Q4
# it grows as fitted over its one quarter of growth, 2,000 / 1,000 = x2 a
# quarter: 4,000 in Q3 and 8,000 in Q4; power keeps Q2's 1.4 MW / 2,000
# H100e = 0.7 kW per H100e: 2.8 MW in Q3, 5.6 MW in Q4; Q3 adds 2,000
# H100e at the H100's $33,600: $67,200,000. The year's additions are
# 1,000 + 1,000 + 2,000 + 4,000 = 8,000, two of its four quarters
# projected. So of plan/plan.checks: 1 holds (1,000), 2 fails (2,000 <
# 2,500), 3 fails (5.6 MW, projected), 4 holds (67.2M <= 70M, projected),
# 5 holds (8,000). Names are the comments directly above (check 5 has a
# blank line above: no name); lines are the checks' lines in the file.
gpucap check plan/plan.csv --checks plan/plan.checks --project-to 2025Q4
echo "exit $?"
# Not projected, the year reads its two quarters: 1,000 + 1,000 = 2,000,
# and says "2 of 4 quarters"; Q3 and Q4 have no rows.
gpucap check plan/plan.csv --checks plan/plan.checks -f github
echo "exit $?"
# JUnit: valid against the reporters' shape (plan/junit.xsd), and read as
# a reporter reads it: 5 tests, 2 failures.
gpucap check plan/plan.csv --checks plan/plan.checks --project-to 2025Q4 -f junit > "$T/j.xml"
echo "exit $?"
xmllint --noout --schema plan/junit.xsd "$T/j.xml" 2>&1 | sed "s|.*/||"
python3 plan/junit_read.py "$T/j.xml"
# An uncertain check (edge/two-ranges.csv: a's 2024Q2 level is 200..600)
# is a failure of type "uncertain" under --uncertain fail, skipped under
# todo, a pass under pass; GitHub warns. -e checks are named by their
# expression and placed at -e:N.
for how in fail todo pass; do
	gpucap check edge/two-ranges.csv -e 'a 2024Q2 h100e >= 300' -e 'a 2024Q1 h100e > 0' --uncertain $how -f junit > "$T/u.xml"
	echo "--uncertain $how: exit $?"
	xmllint --noout --schema plan/junit.xsd "$T/u.xml" 2>&1 | sed "s|.*/||"
	python3 plan/junit_read.py "$T/u.xml"
done
gpucap check edge/two-ranges.csv -e 'a 2024Q2 h100e >= 300' -f github
# Rows carry name, file, line and projected.
gpucap check plan/plan.csv --checks plan/plan.checks --project-to 2025Q4 -f csv
# The same as Markdown, for a report.
gpucap check plan/plan.csv --checks plan/plan.checks --project-to 2025Q4 -f markdown
# The plan with its second buy uncertain, 800..1200 units: the 2025Q2
# level is 1,800..2,200 H100e, so ">= 2000" holds over part of it only
# (uncertain), "> 1500" over all of it, "> 2500" over none. Every format
# says so: TAP's TODO and YAML, JUnit's failure of type uncertain,
# GitHub's warning, the rows' uncertain column.
for f in tap junit github json; do
	gpucap check plan/plan-range.csv -e 'labx 2025Q2 h100e >= 2000' -e 'labx 2025Q2 h100e > 1500' -e 'labx 2025Q2 h100e > 2500' -f $f
	echo "-f $f: exit $?"
done
