# Every chip label of Epoch AI's AI Chip Owners and Chip Sales exports
# (its canonical vocabulary, and the older 'Instinct MIxxx' spellings) is a
# catalog name. The 8bit factor is the fastest dense rate at 8 bits or
# wider over the H100 SXM's 1978.9 (Epoch divides by 1979: 0.005% apart),
# printed as the shortest decimal that round-trips:
#   A100 (-> A100-SXM-40GB) int8 624      624/1978.9 = 0.31532669664965385
#   A800                    int8 624      624/1978.9 = 0.31532669664965385
#   H100/H200 (-> H100-SXM) fp8 1978.9    1978.9/1978.9 = 1
#   H800                    fp8 1978.9    = 1
#   H20                     fp8 296       296/1978.9 = 0.14957804841073322
#   B200                    fp8 4500      4500/1978.9 = 2.2739906008388497
#   B300 (INT8 cut to 150)  fp8 4500      = 2.2739906008388497
#   MI250X                  int8 383      383/1978.9 = 0.19354186669361767
#   MI300A                  fp8 1961.2    1961.2/1978.9 = 0.9910556369700338
#   MI300X                  fp8 2614.9    2614.9/1978.9 = 1.3213906715852242
#   MI308X (16-bit only)    bf16 653.7    653.7/1978.9 = 0.33033503461519026
#   MI325X                  fp8 2614.9    = 1.3213906715852242
#   MI350X                  fp8 4613.7    4613.7/1978.9 = 2.331446763353378
#   MI355X                  fp8 5033.2    5033.2/1978.9 = 2.5434332204760217
#   Instinct MI250X .. MI355X: the same seven rows again
#   TPU v4 (-> TPU-v4)      int8 275      275/1978.9 = 0.13896609227348528
#   TPU v4i                 int8 138      138/1978.9 = 0.06973571175905806
#   TPU v5e                 int8 393      393/1978.9 = 0.19859517913992622
#   TPU v5p                 int8 918      918/1978.9 = 0.46389408257112535
#   TPU v6e                 int8 1836     1836/1978.9 = 0.9277881651422507
#   TPU v7                  fp8 4614      4614/1978.9 = 2.3315983627267673
#   Trainium1 (-> Trainium) int8 380      380/1978.9 = 0.1920258729597251
#   Trainium2               fp8 1299      1299/1978.9 = 0.6564252867754813
#   Ascend 910B (FP16 only) bf16 376      376/1978.9 = 0.19000454798120167
#   Ascend 910C (FP16 only) bf16 800      800/1978.9 = 0.4042649957046844
#   Siyuan 590              int8 512      512/1978.9 = 0.25872959725099803
#   Cambricon Siyuan 590: the same row again
gpucap catalog -f csv --metric 8bit A100 A800 H100/H200 H800 H20 B200 B300 \
	MI250X MI300A MI300X MI308X MI325X MI350X MI355X \
	'Instinct MI250X' 'Instinct MI300A' 'Instinct MI300X' 'Instinct MI308X' \
	'Instinct MI325X' 'Instinct MI350X' 'Instinct MI355X' \
	'TPU v4' 'TPU v4i' 'TPU v5e' 'TPU v5p' 'TPU v6e' 'TPU v7' \
	Trainium1 Trainium2 'Ascend 910B' 'Ascend 910C' 'Siyuan 590' \
	'Cambricon Siyuan 590'
