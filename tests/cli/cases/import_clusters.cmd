# Epoch AI's GPU clusters CSV (epoch/clusters.csv, a made-up file in its
# schema) as a ledger: a row per cluster and chip type, dated by First
# Operational Date (3/15/2024 -> 2024Q1, 11/1/2025 -> 2025Q4, 2024-07-01 ->
# 2024Q3), org from Owner (Beta Site has none: its name). No Date and No
# Chips are skipped and counted.
gpucap import epoch-clusters epoch/clusters.csv
