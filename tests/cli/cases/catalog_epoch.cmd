# --catalog reads Epoch AI's ML Hardware CSV as it is (epoch/hardware.csv,
# made up in its schema): FLOP/s to TFLOPS (2e15 -> 2000), bytes to GB, a
# note over two lines, "inf" in a column gpucap does not read; Acme Old
# has no tensor rate, so its FP16 20e12 stands for bf16; Acme Broken's
# 'fast' leaves the row out with a warning. Its H100 SXM5 row replaces the
# built-in H100-SXM (H100 finds it). --metric 8bit: X1 FP8 4000 / 1979 =
# 2.02122283981809; Old 20 / 1979 = 0.01010611419909045.
gpucap catalog --catalog epoch/hardware.csv -f csv --metric 8bit "Acme X1" "acme old" H100
