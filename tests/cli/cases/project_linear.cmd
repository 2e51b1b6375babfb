# --method linear: the mean addition over the window, (13,310 - 10,000) /
# 3 = 1,103.33 a quarter: 14,413.3 then 15,516.7; qoq 14,413.3 / 13,310 -
# 1 = +8.3 %, then +7.7 %; yoy 14,413.3 / 10,000 - 1 = +44.1 %, then
# 15,516.7 / 11,000 - 1 = +41.1 %. grow.csv has no money, so the cost of
# additions (at $33,600) has no running total before it.
gpucap project --method linear --to 2025Q2 --from 2025Q1 ledgers/grow.csv
