# Dates as analysts write them are read as their calendar quarter (SPEC
# 3.3): 3/31/2024 (M/D/YYYY, US order, as Epoch AI writes them) is
# 2024Q1, 2024-05 is 2024Q2, 2024-09-30 2024Q3, 12/1/2024 2024Q4; the
# fleet grows 10, 30, 60, 100.
gpucap report -f csv analyst/dates.csv | cut -d, -f1,2,6
# Dates are checked: February 2024 has no 30th.
gpucap report analyst/bad-date.csv
echo "exit $?"
