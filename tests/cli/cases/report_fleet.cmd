# Two orgs; every column of the report, rounded for people.
# Alpha: 1000 A100 = 1000 x 312 / 989.4 = 315.34 H100e (0.40 MW at 400 W).
#   23Q2 nothing: 315, qoq 0.0.  23Q3 +500 H100 for $16.8M: 815.34, qoq
#   815.34 / 315.34 = 2.5856 -> 158.6; $16.8M / 500 = $33,600 per H100e;
#   power 0.40 + 500 x 700 W = 0.75 MW.  24Q1 retire 100 H100: 715.34, qoq
#   715.34 / 815.34 = 0.87735 -> -12.3, yoy vs 23Q1 715.34 / 315.34 =
#   2.2685 -> 126.8, ytd vs 23Q4 -12.3, power 0.75 - 0.07 = 0.68.  24Q2
#   reported 2,000: gap 2000 - 715.34 = 1,284.66 -> 1,285; qoq 2000 /
#   715.34 = 2.7959 -> 179.6; yoy vs 23Q2 2000 / 315.34 = 6.3423 -> 534.2;
#   ytd vs 23Q4 2000 / 815.34 = 2.4530 -> 145.3.
# Beta, Inc.: 300 H100e in 23Q4; 24Q1 qoq 0, ytd vs 23Q4 0; 24Q2 $3.36M
#   alone at the H100-SXM price $33,600 = 100 H100e: 400, qoq and ytd
#   400 / 300 -> 33.3. No units, so no power.
gpucap report ledgers/fleet.csv
