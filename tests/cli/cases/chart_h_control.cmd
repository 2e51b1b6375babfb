# Issue 16, item 9: control characters in an org's name (an ESC that
# turns the terminal red, a tab, a DEL, the C1 CSI U+009B) and in --title.
# The terminal gets them as \x1b-style escapes (C1 as \u009b), so no
# control byte but the line feed reaches it; the SVG gets C0 controls as
# U+FFFD (XML 1.0 forbids them), tab, DEL and C1 as character references,
# and stays well-formed XML.
printf 'quarter,org,h100e\n2024Q1,"a\033[31mRED",10\n2024Q1,"b\tc\177\302\233d",20\n' > "$T/ctl.csv"
gpucap chart -f term --ascii --title "$(printf 'T\033[2Jx')" "$T/ctl.csv" > "$T/t"
echo "exit $?"
sed -n '1p;$p' "$T/t"
echo "control bytes: $(tr -d '\n' < "$T/t" | tr -cd '\000-\037\177' | wc -c)"
gpucap chart --title "$(printf 'T\033[2Jx')" "$T/ctl.csv" > "$T/c.svg"
echo "exit $?"
grep -a -e '<title>' -e '">[ab]' "$T/c.svg"
echo "control bytes: $(tr -d '\n' < "$T/c.svg" | tr -cd '\000-\037\177' | wc -c)"
