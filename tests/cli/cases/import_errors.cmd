# A file that is not the dataset, an unknown source, a bad --org.
gpucap import epoch-clusters ledgers/acme.csv
gpucap import something epoch/clusters.csv
gpucap import epoch-clusters --org team epoch/clusters.csv
