# A report's CSV lines as org,quarter,units,h100e, an org over 40 bytes
# as its length and last byte (the import tests' long names).
{
	o = $1
	if (length(o) > 40)
		o = "<" length(o) " bytes ending " substr(o, length(o)) ">"
	print o "," $2 "," $3 "," $6
}
