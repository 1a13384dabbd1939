#!/usr/bin/env bash
# Add up the results files of tests/run.sh; one line; fail on any failure.
set -u
pass=0 fail=0 skip=0
for f in "$@"; do
	if [ ! -s "$f" ]; then
		echo "missing results: $f" >&2
		fail=$((fail + 1))
		continue
	fi
	read -r p fl s <"$f"
	pass=$((pass + p)) fail=$((fail + fl)) skip=$((skip + s))
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
