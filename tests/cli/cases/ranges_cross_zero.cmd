# A units range that crosses zero is a normal (SPEC 4.5), and where it is
# drawn below zero the draw retires units. edge/units-cross-zero.csv: a
# buys 100 H100 in 2024Q1, then -20..60 in 2024Q2 (central: the middle,
# 20). Bounds: 2024Q2's units are 100 + 20 = 120 centrally, 100 - 20 = 80
# at the low end (20 retired) and 100 + 60 = 160 at the high end; H100e
# the same (H100 is the baseline); qoq 120 / 100 - 1 = +20 %, from
# 80 / 100 - 1 = -20 % to 160 / 100 - 1 = +60 % (as doubles: 1.2 - 1 is
# 0.19999999999999996, and 1.6 - 1 is 0.6000000000000001).
gpucap report -f csv edge/units-cross-zero.csv | cut -d, -f1-5,9-14,21-23
# Sampled: the normal with -20 and 60 as its 5th and 95th percentiles has
# mean 20 and sigma 40 / (2 x 1.6449) = 24.32, so it is below zero, and
# the quarter retires something and ends under 100 units, with
# P(Z < -20 / 24.32 = -0.822) = 0.205. The P of 20,000 draws lies within
# 0.02 of it.
gpucap check --samples 20000 -e 'a 2024Q2 retired_h100e > 0' \
	-e 'a 2024Q2 units < 100' edge/units-cross-zero.csv |
	sed -n 's/^not ok \([0-9]\) - .*P=\([0-9.]*\)).*/\1 \2/p' |
	while read n p; do
		awk -v n=$n -v p=$p 'BEGIN { d = p - 0.205; if (d < 0) d = -d;
			print "check " n ": P " (d <= 0.02 ? "within 0.02 of 0.205" : "OFF: " p) }'
	done
