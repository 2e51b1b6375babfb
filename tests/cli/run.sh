#!/bin/sh
# End-to-end tests: each tests/cli/cases/NAME.cmd is a shell snippet that runs
# `gpucap ...` in tests/cli/; its stdout, stderr and exit status must equal
# NAME.out, NAME.err and NAME.code (a missing .out/.err means "empty", a
# missing .code means 0). Prints TAP; exits 1 if any case fails.
# Usage: run.sh [--update] PATH/TO/gpucap [NAME...]
# With --update, a case whose output differs gets its expected files
# rewritten from what it did (a deliberate change is then one command,
# reviewed in git diff); it still reports as failed this once.
# GPUCAP_WRAPPER, when set, runs each gpucap under it (valgrind ...), and
# cases whose .cmd starts a line with "# heavy" are skipped.
set -u
LC_ALL=C
export LC_ALL
unset NO_COLOR COLUMNS

update=0
if [ "${1:-}" = --update ]; then
	update=1
	shift
fi
bin=$1
shift
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gpucap-cli.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

if [ $# -eq 0 ]; then
	set -- $(cd "$here/cases" && ls *.cmd | sed 's/\.cmd$//')
fi
# What a case did becomes what it must do: empty outputs and a 0 status
# are the defaults, so their files go.
save_expected() {
	for ext in out err; do
		if [ -s "$2/.$ext" ]; then cp "$2/.$ext" "$1.$ext"; else rm -f "$1.$ext"; fi
	done
	if [ "$(cat "$2/.code")" = 0 ]; then rm -f "$1.code"; else cp "$2/.code" "$1.code"; fi
	echo "# updated $1.{out,err,code}"
}

echo "1..$#"
n=0
failed=0
for name do
	n=$((n + 1))
	case_dir=$here/cases
	if [ -n "${GPUCAP_WRAPPER:-}" ] && grep -q '^# heavy' "$case_dir/$name.cmd"; then
		echo "ok $n - $name # SKIP too heavy under $GPUCAP_WRAPPER"
		continue
	fi
	T=$work/$name
	mkdir -p "$T"
	(
		cd "$here" || exit 99
		gpucap() { ${GPUCAP_WRAPPER:-} "$bin" "$@"; }
		T=$T
		. "$case_dir/$name.cmd"
	) >"$T/.out" 2>"$T/.err" </dev/null
	echo $? >"$T/.code"
	[ -f "$case_dir/$name.out" ] && want_out=$case_dir/$name.out || want_out=/dev/null
	[ -f "$case_dir/$name.err" ] && want_err=$case_dir/$name.err || want_err=/dev/null
	if [ -f "$case_dir/$name.code" ]; then want_code=$(cat "$case_dir/$name.code"); else want_code=0; fi
	ok=1
	if ! diff -u "$want_out" "$T/.out" >"$T/.diff" 2>&1; then ok=0; fi
	if ! diff -u "$want_err" "$T/.err" >>"$T/.diff" 2>&1; then ok=0; fi
	if [ "$(cat "$T/.code")" != "$want_code" ]; then
		ok=0
		echo "exit status $(cat "$T/.code"), expected $want_code" >>"$T/.diff"
	fi
	if [ $ok = 1 ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		sed 's/^/# /' "$T/.diff"
		failed=$((failed + 1))
		[ $update = 1 ] && save_expected "$case_dir/$name" "$T"
	fi
done
if [ $failed -gt 0 ]; then
	echo "# $failed of $n end-to-end tests failed"
	exit 1
fi
echo "# all $n end-to-end tests passed"
