# --baseline B200: an H100 is 989.4 / 2250 = 0.43973333 B200s; 2250 H100 are
# 989.4 B200-equivalents.
gpucap convert -b B200 2250 H100 -f tsv
