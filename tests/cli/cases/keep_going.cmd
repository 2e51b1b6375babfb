# --keep-going skips each bad row with a warning at its location, counts
# them, prints the report and exits 0. Retiring 2000 H100 with 1000 in
# service retires the 1000 (24Q3: 0 left, -100 %); 24Q4 buys 500.
gpucap report --keep-going ledgers/bad/rows.csv
