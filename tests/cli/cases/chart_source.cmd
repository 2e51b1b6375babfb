# A chart says where its figures come from (SPEC 4.6): the sources the
# ledger's rows name, in the order first named, each once, three at most.
# analyst/sourced.csv names four (two rows each of the first two, one
# row with none): the fourth is "and others".
gpucap chart -f term analyst/sourced.csv | tail -n 1
gpucap chart analyst/sourced.csv | grep -c '>Source: Labx 10-K 2024; Laby blog; Labz press release; and others</text>'
# Only the rows drawn are credited: --org laby is Laby's blog alone;
# --as-of 2024Q2 leaves out 2024Q3 on, Labz's two sources with it.
gpucap chart -f term --org laby analyst/sourced.csv | tail -n 1
gpucap chart -f term --as-of 2024Q2 analyst/sourced.csv | tail -n 1
# Epoch AI's chip-owner data is CC-BY: a chart of it credits Epoch AI,
# whatever its Source / Link cells say.
gpucap chart -f term epoch/owners-quarters.csv | tail -n 1
# A ledger that names no source gets no line.
gpucap chart -f term ledgers/grow.csv | grep Source || echo "no source line"
