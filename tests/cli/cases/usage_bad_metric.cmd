gpucap report -m fp16 ledgers/acme.csv
