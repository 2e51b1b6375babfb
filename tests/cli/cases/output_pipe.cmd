# A reader that stops early (head) ends the run quietly: no message storm.
gpucap report -f csv ledgers/fleet.csv | head -n 1
