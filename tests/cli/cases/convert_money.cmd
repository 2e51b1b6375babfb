# $500M of H100-SXM at its catalog price of $33,600 buys 500e6 / 33600 =
# 14,880.95 units, each worth 1.0 H100e (the table rounds to 14,881).
gpucap convert '$500M' H100-SXM
