# A file that cannot be read is an I/O error (exit 4).
gpucap report ledgers/no-such-file.csv
