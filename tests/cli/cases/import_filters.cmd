# import epoch-clusters --status and --certainty keep the clusters of the
# values listed (any case, blanks around items aside; SPEC 3.3, issue 22).
# epoch/clusters.csv has 7 clusters: Alpha One (Existing, Confirmed),
# Alpha Two (Planned, Likely), Beta Site (Existing, Confirmed), two
# Anonymized Systems (Existing, Unlikely), No Date and No Chips (Existing,
# Confirmed; no date or no chips, so skipped). Existing and Confirmed or
# Likely keeps Alpha One, Beta Site and the two undated: 3 left out.
gpucap import epoch-clusters --status existing --certainty 'Confirmed, likely' epoch/clusters.csv
# Planned alone keeps Alpha Two, its two chip types.
gpucap import epoch-clusters --status planned epoch/clusters.csv 2>/dev/null
# A value the dataset does not use is a usage error, not an empty ledger.
gpucap import epoch-clusters --status existng epoch/clusters.csv
echo "exit $?"
gpucap import epoch-clusters --certainty sure epoch/clusters.csv
echo "exit $?"
# A filtered-out cluster still counts for the " #2" of its name, so a
# cluster is the same org whatever the filters: epoch/clusters-twins.csv
# has two clusters named Twin, the planned one first; kept alone, the
# existing one is still "Twin #2".
gpucap import epoch-clusters --org name --status existing epoch/clusters-twins.csv 2>/dev/null
gpucap import epoch-clusters --org name epoch/clusters-twins.csv 2>/dev/null
