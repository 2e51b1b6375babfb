# --metric 8bit: A100 INT8 624 over H100 FP8 1978.9 = 0.31532669664965385;
# 1000 of them are 315.32669664965385 H100e (Epoch AI's A100 factor 0.315).
gpucap convert --metric 8bit 1000 'NVIDIA A100 SXM4 80 GB' -f csv
