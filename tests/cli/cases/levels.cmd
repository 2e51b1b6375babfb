# A level observation, a delta, and a second level in the same quarter:
# 2023Q4 reported 15,000; 2024Q1 +40,000 makes 55,000 but 35,000 is
# reported, so gap = 35,000 - 55,000 = -20,000 and the series continues
# from 35,000: qoq = ytd = (35,000 / 15,000 - 1) x 100 = 133.33333333333334
# (Python float). The first level is all gap (nothing before explains it).
gpucap report -f csv ledgers/levels.csv && gpucap report ledgers/levels.csv
