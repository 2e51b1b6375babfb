# A projection fits over complete quarters only and grows from the last
# complete one (SPEC 3.4). Acme's 2024Q3 is incomplete: the fit is over
# 2024Q1 (1,000 H100e) to 2024Q2 (3,315.3267; see epoch_owners_display),
# one quarter of growth x 3.3153267, and 2024Q4 is 3,315.3267 x
# 3.3153267^2 = 36,440.052, two quarters on from 2024Q2. Beta's quarters
# are complete: 500 to 500, no growth. --as-of 2024Q2 reads the ledger as
# it stood then: Acme's B200 of 2024Q3 is not there, and the series ends
# in 2024Q2.
cd epoch
gpucap project --to 2024Q4 --metric 8bit -f csv owners-quarters.csv |
	cut -d, -f1,2,12,42,43
gpucap report --as-of 2024Q2 --metric 8bit -f csv owners-quarters.csv |
	cut -d, -f1,2,12
