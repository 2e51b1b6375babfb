# import_roundtrip_csv, written as TSV: gpucap reads TSV with CSV quoting,
# so the quotes in 'The "Big" One' (and in its note, 'Likely, "mostly"')
# are written quoted, once refused as malformed. TSV writes the tab in
# 'Tab<TAB>Name' as a space. Then by Owner: D 10 + 20 = 30, E 30 + 40 + 50
# = 120, Long 1 + 2 = 3, 'Owner "Q"' 100, T 60 + 70 = 130.
gpucap import epoch-clusters --org name -f tsv epoch/clusters-awkward.csv > "$T/l.tsv"
gpucap report -f csv "$T/l.tsv" | awk -F, -f epoch/short-org.awk
gpucap import epoch-clusters -f tsv epoch/clusters-awkward.csv |
	gpucap report -f csv | awk -F, -f epoch/short-org.awk
