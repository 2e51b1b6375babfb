# import_roundtrip_csv, written as JSON: the same orgs, the tab kept.
gpucap import epoch-clusters --org name -f json epoch/clusters-awkward.csv |
	gpucap report -f csv | awk -F, -f epoch/short-org.awk
