# The TPU v4 has no published FP8 rate, so it cannot be the fp8 baseline.
gpucap report --metric fp8 --baseline TPU-v4 ledgers/acme.csv
