# What "about 85,000 H100 at the end of 2024" asks of the rest of the
# year: from 2024Q1's 55,000, (85,000 / 55,000)^(1/3) - 1 = 15.6% a
# quarter: 63,589, 73,519, 85,000 (30,000 added, at $33,600 each
# $1,008,000,000). The year's growth, ytd against 2023Q4's 15,000, is
# then the 466.7 % also claimed.
gpucap project --target 85k --by 2024Q4 --org tesla ../../data/tesla-2024.csv
