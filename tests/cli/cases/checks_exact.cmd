# A failed check whose figure prints as its value does shows the figure in
# full. 1,024 H100e added, then 0.25: levels 1,024 and 1,024.25 (printed
# 1,024, whole H100e), growth (1024.25 / 1024 - 1) x 100 = 2^-12 x 100 =
# 0.0244140625 % exactly (printed 0.0). A figure that prints otherwise than
# its value needs nothing more, nor does a check that holds.
printf 'quarter,org,h100e\n2024Q1,a,1024\n2024Q2,a,0.25\n' > "$T/l.csv"
gpucap check -e 'a 2024Q2 qoq_pct == 0' -e 'a 2024Q2 h100e == 1024' \
	-e 'a 2024Q2 h100e < 1024' -e 'a 2024Q2 h100e == 1000' \
	-e 'a 2024Q2 qoq_pct ~ 0.0244140625 ±0' "$T/l.csv"
