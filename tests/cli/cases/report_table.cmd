# The same figures rounded for people: 2274.1 -> 2,274; 3274.1 -> 3,274;
# 227.41 % -> 227.4; undefined growth is an en dash; columns empty in every
# row (reported, gap, yoy, ytd, spend) are left out.
gpucap report ledgers/acme.csv
