# Every chip label of Epoch AI's AI Chip Owners and Chip Sales exports
# (its canonical vocabulary, and the older 'Instinct MIxxx' spellings) is a
# catalog name, and each has a tdp_w (the last column below: TPU v4 on, and
# Trainium, are Epoch AI's estimates, as Google and AWS publish none). The
# 8bit factor is the fastest dense rate at 8 bits or wider over the H100
# SXM's 1978.9 (Epoch divides by 1979: 0.005% apart), printed as the
# shortest decimal that round-trips:
#   A100 (-> A100-SXM-40GB) int8 624      624/1978.9 = 0.31532669664965385  400 W
#   A800                    int8 624      624/1978.9 = 0.31532669664965385  400 W
#   H100/H200 (-> H100-SXM) fp8 1978.9    1978.9/1978.9 = 1                 700 W
#   H800                    fp8 1978.9    = 1                               700 W
#   H20                     fp8 296       296/1978.9 = 0.14957804841073322  400 W
#   B200                    fp8 4500      4500/1978.9 = 2.2739906008388497 1000 W
#   B300 (INT8 cut to 150)  fp8 4500      = 2.2739906008388497             1100 W
#   MI250X                  int8 383      383/1978.9 = 0.19354186669361767  560 W
#   MI300A                  fp8 1961.2    1961.2/1978.9 = 0.9910556369700338 760 W
#   MI300X                  fp8 2614.9    2614.9/1978.9 = 1.3213906715852242 750 W
#   MI308X (16-bit only)    bf16 653.7    653.7/1978.9 = 0.33033503461519026 750 W
#   MI325X                  fp8 2614.9    = 1.3213906715852242             1000 W
#   MI350X                  fp8 4613.7    4613.7/1978.9 = 2.331446763353378 1000 W
#   MI355X                  fp8 5033.2    5033.2/1978.9 = 2.5434332204760217 1400 W
#   Instinct MI250X .. MI355X: the same seven rows again
#   TPU v4 (-> TPU-v4)      int8 275      275/1978.9 = 0.13896609227348528  340 W
#   TPU v4i                 int8 138      138/1978.9 = 0.06973571175905806  175 W
#   TPU v5e                 int8 393      393/1978.9 = 0.19859517913992622  225 W
#   TPU v5p                 int8 918      918/1978.9 = 0.46389408257112535  540 W
#   TPU v6e                 int8 1836     1836/1978.9 = 0.9277881651422507  380 W
#   TPU v7                  fp8 4614      4614/1978.9 = 2.3315983627267673  960 W
#   Trainium1 (-> Trainium) int8 380      380/1978.9 = 0.1920258729597251   300 W
#   Trainium2               fp8 1299      1299/1978.9 = 0.6564252867754813  500 W
#   Ascend 910B (FP16 only) bf16 376      376/1978.9 = 0.19000454798120167 400 W
#   Ascend 910C (FP16 only) bf16 800      800/1978.9 = 0.4042649957046844  700 W
#   Siyuan 590              int8 512      512/1978.9 = 0.25872959725099803 200 W
#   Cambricon Siyuan 590: the same row again
gpucap catalog -f csv --metric 8bit A100 A800 H100/H200 H800 H20 B200 B300 \
	MI250X MI300A MI300X MI308X MI325X MI350X MI355X \
	'Instinct MI250X' 'Instinct MI300A' 'Instinct MI300X' 'Instinct MI308X' \
	'Instinct MI325X' 'Instinct MI350X' 'Instinct MI355X' \
	'TPU v4' 'TPU v4i' 'TPU v5e' 'TPU v5p' 'TPU v6e' 'TPU v7' \
	Trainium1 Trainium2 'Ascend 910B' 'Ascend 910C' 'Siyuan 590' \
	'Cambricon Siyuan 590'
