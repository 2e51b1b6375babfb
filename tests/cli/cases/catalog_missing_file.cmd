gpucap catalog --catalog catalogs/none.csv
