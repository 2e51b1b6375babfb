# Hints name what the user likely meant, and only that (SPEC 3.3, issue
# 22). An --org that names no org of the ledger gets the nearest one.
gpucap report --org tesl ../../data/tesla-2024.csv
echo "exit $?"
gpucap report --org xyzzy ../../data/tesla-2024.csv
echo "exit $?"
# A model hint is the same chip spelled otherwise: H100 SXN is the
# H100-SXM, H10O (a letter O) the H100; the A40 is not the A10, the MI210
# not the MI250X, and MI300 is either the MI300X or the MI300A: no hint.
for m in 'H100 SXN' H10O 'NVIDIA A40 PCIe' 'AMD Instinct MI210' MI300; do
	gpucap convert 1 "$m"
done
# A window outside the series is a warning naming its span, not a
# silent header; --from and --to take years (2024 is 2024Q1 to 2024Q4).
gpucap report --from 2030Q1 ../../data/tesla-2024.csv
gpucap report -f csv --from 2024 --to 2024 ../../data/tesla-2024.csv | cut -d, -f1-2
gpucap report -f csv --to 2023 ../../data/tesla-2024.csv | cut -d, -f1-2
