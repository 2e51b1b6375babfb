# power_mw with Epoch AI's server overhead 1.82 and PUE 1.12: 1000 H100 x
# 700 W x 1.82 x 1.12 / 1e6 = 1.42688 MW (1.4268800000000001 in binary;
# about 1.43 kW per H100). AWS's Inferentia2 has no TDP in the catalog
# (AWS publishes none, nor does Epoch AI): its org's power is unknown (one
# warning), and so is the total's. Inferentia2 190 BF16 TFLOPS / 989.4 x
# 1000 = 192.03557711744492 H100e; in all 1192.035577117445.
gpucap report -f csv --total --overhead 1.82 --pue 1.12 ledgers/power.csv
