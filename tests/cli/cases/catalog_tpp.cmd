# TPP = max over precisions of dense TOPS x bit width. H100: fp8 1978.9 x 8 =
# 15,831.2. B200: fp4 9000 x 4 = fp8 4500 x 8 = 36,000; 36000 / 15831.2 =
# 2.274. V100: bf16 125 x 16 = 2,000 (fp64 7.8 x 64 = 499); 2000/15831.2 =
# 0.126.
gpucap catalog --metric tpp H100 B200 V100
