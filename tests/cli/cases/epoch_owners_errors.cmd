# Epoch-shaped files that cannot be read: no end date (a start date says
# whose file it is), a chip the catalog lacks (named, with the closest
# ids), percentiles out of order (p5 above the median), a start date that
# is no date. Each is a located data error, exit 3, nothing on stdout.
printf '%s\n' 'Name,Owner,Start date,Number of Units,Chip type' \
	'X Q1 2024,Acme,1/1/2024,5,H100/H200' | gpucap report -
echo "exit $?"
printf '%s\n' 'name,owner,chip_type,start_date,end_date,units_med' \
	'X,Acme,H300,2024-01-01,2024-03-31,5' | gpucap report -
echo "exit $?"
printf '%s\n' 'name,owner,chip_type,start_date,end_date,units_p5,units_med,units_p95' \
	'X,Acme,H100/H200,2024-01-01,2024-03-31,60,50,90' | gpucap report -
echo "exit $?"
printf '%s\n' 'Name,Owner,Start date,End date,Number of Units,Chip type' \
	'X,Acme,soon,3/31/2024,5,H100/H200' | gpucap report -
echo "exit $?"
