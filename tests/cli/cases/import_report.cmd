# The import reads straight into report, Epoch-named chips found by the
# built-in aliases. --metric 8bit: Alpha One's 1,000 H100 are 1,000 H100e;
# Anonymized System's 512 A100 at 624 / 1978.9 = 161.4 (Epoch AI's 161).
gpucap import epoch-clusters --org name epoch/clusters.csv 2>/dev/null |
	gpucap report --metric 8bit --to 2024Q1 --org 'alpha one' --org 'anonymized system'
