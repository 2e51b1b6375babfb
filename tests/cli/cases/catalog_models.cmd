# Figures of the catalog (data/accelerators.csv): H100 SXM 989.4 dense BF16,
# B200 2250, MI300X 1307.4; factors against the H100 = figure / 989.4:
# 2250 / 989.4 = 2.274105518496058, 1307.4 / 989.4 = 1.3214069132807764.
gpucap catalog -f csv H100 b200 'AMD Instinct MI300X'
