# import nvidia-smi (issue 22): a file a node, as `nvidia-smi
# --query-gpu=name,... --format=csv` prints it. smi/node1.csv has a header
# (name first, units in brackets) and 4 H100 80GB HBM3 (the H100 SXM);
# smi/node2.csv is noheader,nounits (name first): 2 more H100 and an
# A100-SXM4-80GB. One buy row a model: 6 H100-SXM on 2 of 2 nodes, 1
# A100-SXM-80GB on 1. As a ledger that is 6 + 312 / 989.4 = 6.315 H100e
# (the A100's dense BF16 over the H100's), shown as 6.3.
gpucap import nvidia-smi --quarter 2026Q4 --org labx smi/node1.csv smi/node2.csv
gpucap import nvidia-smi --quarter 2026Q4 --org labx smi/node1.csv smi/node2.csv | gpucap report
# Any column may hold the name when the header says so (smi/node3.csv:
# index first); a name the catalog does not know is an error at its cell.
gpucap import nvidia-smi --quarter 2026Q4 smi/node3.csv
echo "exit $?"
# The quarter is required: nvidia-smi says what is there, not when.
gpucap import nvidia-smi smi/node1.csv
echo "exit $?"
