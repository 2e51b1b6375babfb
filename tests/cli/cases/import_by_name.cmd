# --org name: each cluster is an org; the second 'Anonymized System' is
# '#2'. --keep-capacity imports No Chips as 5,000 H100e of capacity; No
# Date has no quarter and stays out. -f json writes the ledger as JSON.
gpucap import epoch-clusters --org name --keep-capacity -f json epoch/clusters.csv
