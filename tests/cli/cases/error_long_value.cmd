# A long value is cut in its message and the reason kept (issue 16,
# item 11): a 6,000-digit h100e shows its first 60 characters and an
# ellipsis, then "is not a number"; an option's argument likewise.
awk 'BEGIN { printf "quarter,h100e\n2024Q1,"; for (i = 0; i < 6000; i++) printf "9"; print "x" }' > "$T/long.csv"
gpucap report "$T/long.csv" 2>&1 | sed "s|$T/||"
gpucap report --pue "$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "x" }')" "$T/long.csv" 2>&1
