#!/usr/bin/env bash
# Run every test against one build and count the results.
# usage: tests/run.sh OOMTOP_BINARY BUILD_DIR RESULTS_FILE
# Each test speaks TAP ("ok N - what", "not ok N - what", "ok N # SKIP why").
set -u
oomtop=$(realpath "$1")
build=$(realpath "$2")
results=$3
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0 skip=0

count() { # name, output file, exit status
	local name=$1 out=$2 rc=$3 p f s
	s=$(grep -cE '^(not )?ok\b.*# SKIP' "$out")
	p=$(grep -E '^ok\b' "$out" | grep -cv '# SKIP')
	f=$(grep -E '^not ok\b' "$out" | grep -cv '# SKIP')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc without reporting a failure"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		echo "not ok - $name reported no test at all"
		f=1
	fi
	grep -E '^(not ok|ok .*# SKIP|not ok .*# SKIP)' "$out" | sed "s|^|  $name: |"
	grep -E '^#' "$out" | head -20 | sed "s|^|  $name: |" | { [ "$f" -gt 0 ] && cat || cat >/dev/null; }
	printf '%-40s %3d passed, %d failed, %d skipped\n' "$name" "$p" "$f" "$s"
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	name=unit/$(basename "$t")
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$tmp/out" 2>&1
	count "$name" "$tmp/out" $?
done
for t in "$top"/tests/integration/*.sh "$top"/tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$(dirname "$t")")/$(basename "$t" .sh)
	OOMTOP="$oomtop" BUILD="$build" TOP="$top" timeout 600 bash "$t" >"$tmp/out" 2>&1
	count "$name" "$tmp/out" $?
done
echo "$pass $fail $skip" >"$results"
echo "$pass passed, $fail failed, $skip skipped"
