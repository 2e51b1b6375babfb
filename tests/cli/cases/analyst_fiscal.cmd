# Fiscal quarters (SPEC 3.3). With a January year-end (Nvidia's), FY2025
# runs from February 2024 to January 2025: FY2025Q1 is February to April
# 2024, 29 + 31 = 60 days in 2024Q1 and 30 in 2024Q2, so its 90 H100 are
# 60 and 30; FY2025Q2 is May to July, 31 + 30 = 61 days in 2024Q2 and 31
# in 2024Q3, so its 92 H100 are 61 and 31. 2024Q2 adds 30 + 61 = 91.
gpucap report -f csv --fiscal-year-end jan analyst/fiscal.csv | cut -d, -f1-6
# A November year-end (Broadcom's): FY2025Q1 is December 2024 (31 days,
# 2024Q4) to February 2025 (31 + 28 = 59 days, 2025Q1): 31 and 59 of 90;
# FY2025Q2 is March (31 days, 2025Q1) to May 2025 (30 + 31 = 61 days,
# 2025Q2): 31 and 61 of 92. 2025Q1 adds 59 + 31 = 90.
gpucap report -f csv --fiscal-year-end 11 analyst/fiscal.csv | cut -d, -f1-6
# A level belongs to the quarter of the fiscal quarter's last day: April
# 30, 2024 is in 2024Q2.
gpucap report -f csv --fiscal-year-end January analyst/fiscal-level.csv | cut -d, -f1,2,7
# A range splits with its ends: 60..120 over 60 and 30 of 90 days is
# 40..80 in 2024Q1 and 20..40 in 2024Q2 (60..120 in all).
gpucap report -f csv --fiscal-year-end jan analyst/fiscal-range.csv | cut -d, -f1,2,6-8
# Without a year-end a fiscal quarter is an error that says what to add.
gpucap report analyst/fiscal.csv
echo "exit $?"
gpucap report --fiscal-year-end 13 analyst/fiscal.csv
echo "exit $?"
