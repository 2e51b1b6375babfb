# bash completion for gpucap: commands, each command's options, and the
# values options take (formats, metrics, catalog models, quarters' files).
# Installed by `make install` to share/bash-completion/completions/gpucap.

_gpucap_models()
{
	# the catalog's ids, from the program itself
	"${1:-gpucap}" catalog -f tsv 2>/dev/null | cut -f1 | tail -n +2
}

_gpucap_formats()
{
	# a command's formats, as its help lists them (from its table)
	"${1:-gpucap}" help "$2" 2>/dev/null |
		sed -n 's/^ *-f, --format FMT *\([^[]*\) \[.*/\1/p' | tr -d ','
}

_gpucap()
{
	local cur prev cmd i words_opts
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	local out="-f --format -o --output --color -q --quiet -h --help"
	local cat="-m --metric -b --baseline --catalog"
	local ledger="--org --usd-per-h100e --lifetime --overhead --pue --input-format --map --alias --fiscal-year-end --delimiter --keep-going --as-of --samples --correlation --seed --interval --mfu --run-days --load --grid-gco2 --usd-per-kwh --depreciation"
	local window="--from --to --total"
	local fit="--method --window"
	case $cmd in
	report) words_opts="$out $cat $ledger $window --pivot --columns --by" ;;
	convert) words_opts="$out $cat --overhead --pue" ;;
	catalog) words_opts="$out $cat" ;;
	project) words_opts="$out $cat $ledger $window $fit --target --by --columns" ;;
	check) words_opts="$out $cat $ledger $fit -e --expr --checks --project-to --uncertain --confidence" ;;
	import) words_opts="-f --format -o --output --color -q --quiet -h --help --org --map --alias --fiscal-year-end --delimiter --keep-capacity --status --certainty --quarter --catalog" ;;
	chart) words_opts="$out $cat $ledger $window $fit --project-to --column --style --title --log --ascii" ;;
	esac

	case $prev in
	-f | --format)
		COMPREPLY=($(compgen -W "$(_gpucap_formats "${COMP_WORDS[0]}" "${cmd:-report}")" -- "$cur"))
		return ;;
	--column)
		COMPREPLY=($(compgen -W "units added_h100e retired_h100e h100e reported_h100e gap_h100e qoq_pct yoy_pct ytd_pct spend_usd cum_spend_usd usd_per_h100e power_mw" -- "$cur"))
		return ;;
	--style)
		COMPREPLY=($(compgen -W "line bars" -- "$cur"))
		return ;;
	-m | --metric)
		COMPREPLY=($(compgen -W "bf16 fp8 8bit fp4 tf32 fp32 fp64 int8 tpp memory bandwidth" -- "$cur"))
		return ;;
	=)
		# --color=WHEN: bash splits the word at '=' (COMP_WORDBREAKS);
		# a bare --color takes no value, so it completes nothing itself
		if [ "${COMP_WORDS[COMP_CWORD - 2]}" = --color ]; then
			COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
			return
		fi ;;
	--input-format)
		COMPREPLY=($(compgen -W "csv tsv json ndjson" -- "$cur"))
		return ;;
	--method)
		COMPREPLY=($(compgen -W "geometric linear" -- "$cur"))
		return ;;
	--uncertain)
		COMPREPLY=($(compgen -W "fail pass todo" -- "$cur"))
		return ;;
	-b | --baseline)
		COMPREPLY=($(compgen -W "$(_gpucap_models "${COMP_WORDS[0]}")" -- "$cur"))
		return ;;
	--org)
		if [ "$cmd" = import ]; then
			COMPREPLY=($(compgen -W "owner name" -- "$cur"))
		fi
		return ;;
	-o | --output | --catalog | --checks)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--usd-per-h100e | --lifetime | --overhead | --pue | --from | --to | \
	--window | --target | --by | --project-to | --as-of | -e | --expr | --title | \
	--samples | --correlation | --seed | --interval | --confidence)
		return ;;
	esac

	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "report convert catalog project check import chart help --help --version" -- "$cur"))
		return
	fi
	case $cur in
	-*)
		COMPREPLY=($(compgen -W "$words_opts" -- "$cur"))
		return ;;
	esac
	case $cmd in
	help)
		COMPREPLY=($(compgen -W "report convert catalog project check import chart" -- "$cur")) ;;
	catalog | convert)
		COMPREPLY=($(compgen -W "$(_gpucap_models "${COMP_WORDS[0]}")" -- "$cur")) ;;
	import)
		if [ "$prev" = import ]; then
			COMPREPLY=($(compgen -W "epoch-clusters epoch-chip-owners nvidia-smi" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	*)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -o filenames -F _gpucap gpucap
