# The catalog has no price for the B200, so money cannot become units.
gpucap convert '$1B' B200
