# Epoch AI's older schema ("Memory size per board (Byte)", no FP8 column):
# 144e9 bytes -> 144 GB, 8e12 byte/s -> 8 TB/s. Against the built-in H100's
# 989.4 BF16: 2000 / 989.4 = 2.0214271275520517; its memory 144 / 80 = 1.8
# and bandwidth 8 / 3.35 = 2.388059701492537 of the H100's.
gpucap catalog --catalog epoch/hardware-older.csv -f csv "Acme X1"
gpucap catalog --catalog epoch/hardware-older.csv -f csv --metric memory "Acme X1"
gpucap catalog --catalog epoch/hardware-older.csv -f csv --metric bandwidth "Acme X1"
