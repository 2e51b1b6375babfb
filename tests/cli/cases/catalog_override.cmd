# --catalog adds Acme-X1 (1500 BF16 TFLOPS) and replaces the H100-SXM with a
# 1000-TFLOPS entry, which the built-in alias 'H100' now finds too. Factors
# against the new baseline: X1 1500 / 1000 = 1.5; 100 X1 = 150 H100e.
gpucap catalog --catalog catalogs/mine.csv -f csv x1 h100 && gpucap convert --catalog catalogs/mine.csv 100 x1 -f csv
