# The README's row-kind examples, taken from README.md as they are written
# there, reported as table. The figures the README states beside each one
# are what this checks: buy 1,000 then 2,137 (+113.7); retire 800 (-20.0)
# then 700 (-12.5); capacity 40,000 then 35,000; total gap 20,000 and
# +133.3; spend on a model 13,214 added at $11,352; spend alone 14,881 then
# 22,321; money beside units $25,000 then $17,589 per H100e.
awk '/^### Row kinds/ { on = 1; next } /^## / { on = 0 }
     on && /^```$/ { if (inside) { close(f); inside = 0 } else { n++; f = T "/ex" n ".csv"; inside = 1 }; next }
     on && inside { print > f }' T="$T" ../../README.md
for ex in "$T"/ex*.csv; do
	echo "== ${ex##*/}"
	gpucap report "$ex"
done
