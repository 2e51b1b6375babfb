# bash completion (data/gpucap.bash): each command's options are exactly
# those its help lists, and values complete from the program's own lists.
command -v bash >/dev/null || { echo "bash not installed"; exit 1; }
complete_words() {
	bash -c '. ../../data/gpucap.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _gpucap; printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}
for cmd in report convert catalog project check import chart; do
	gpucap help $cmd | sed -n '/^Options:/,/^$/p' | grep -o -- '-[a-z], --[a-z0-9-]*\|  --[a-z0-9-]*' | tr -d ' ,' | sed 's/^\(-[a-z]\)\(--.*\)/\1\n\2/' | sort > "$T/help"
	complete_words "$bin" $cmd - | sort > "$T/completion"
	if cmp -s "$T/help" "$T/completion"; then
		echo "$cmd: $(wc -l < "$T/help" | tr -d ' ') options, as its help lists"
	else
		echo "$cmd: differs"; diff "$T/help" "$T/completion"
	fi
done
echo "commands:"; complete_words "$bin" ''
echo "re:"; complete_words "$bin" re
echo "--format:"; complete_words "$bin" report -f ''
echo "--metric f:"; complete_words "$bin" report --metric f
echo "--color=:"; complete_words "$bin" report --color = ''
echo "convert 100 B2:"; complete_words "$bin" convert 100 B2
echo "import:"; complete_words "$bin" import ''
echo "chart -f:"; complete_words "$bin" chart -f ''
echo "chart --column h:"; complete_words "$bin" chart --column h
