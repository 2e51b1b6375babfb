# Under a locale whose decimal point is ',', machine formats keep '.'.
LC_ALL=de_DE.UTF-8 gpucap report -f csv ledgers/acme.csv
