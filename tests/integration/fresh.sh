#!/usr/bin/env bash
# fresh.sh - what oomtop promises about freshness across refreshes (README
# "How fresh the numbers are"): a new oom_score_adj, a grown RSS and a new
# name show up in the next refreshes of one long `-b -n 0` run.
# No timing is asserted: the script waits for output lines, not for seconds.
set -u
. "$TOP/tests/lib.sh"
. "$TOP/tests/integration/common.bash"

OUT=$T_TMP/fresh.json

# wait_lines N: wait until $OUT has N lines while oomtop runs (hang guard 120 s)
wait_lines() {
	local i
	for ((i = 0; i < 1200; i++)); do
		[ "$(grep -c '' "$OUT" 2>/dev/null)" -ge "$1" ] && return 0
		kill -0 "$top" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# last_of PID FIELD: FIELD of PID in the last line of $OUT (raw)
last_of() { tail -1 "$OUT" | jq -j --argjson pid "$1" ".processes[] | select(.pid == \$pid) | .$2"; }

if ! start_hog hog 50 800 oomtop-fresh; then
	not_ok "hog starts"
	exit 1
fi
ok "hog (50 MiB, adj 800) starts (pid $hog)"

# A shell that grows by about 80 MB on SIGUSR1 and renames itself on SIGUSR2.
GROWER=$T_TMP/grower.sh
cat >"$GROWER" <<'EOF'
trap 'x=$(head -c 80000000 /dev/zero | tr "\0" a); : >"$1.grown"' USR1
trap 'printf %s "$2" >"/proc/$$/comm"; : >"$1.renamed"' USR2
: >"$1.ready"
while :; do sleep 0.05; done
EOF
NEWNAME=$'\e[1mrenamed'
t_spawn grower bash "$GROWER" "$T_TMP/grower" "$NEWNAME"
if t_wait_file "$T_TMP/grower.ready" "$grower"; then
	ok "a shell that grows and renames itself on signals starts (pid $grower)"
else
	not_ok "a shell that grows and renames itself on signals starts"
fi

"$OOMTOP" -b --format=json -n 0 -d 0.2 -p "$hog,$grower" >"$OUT" 2>"$OUT.err" &
top=$!
T_PIDS+=("$top")
check "oomtop -b --format=json -n 0 prints a first refresh" wait_lines 1

# --- a new oom_score_adj -----------------------------------------------------
echo 300 >"/proc/$hog/oom_score_adj"
n=$(grep -c '' "$OUT")
wait_lines $((n + 2))
checkx "a new oom_score_adj (800 -> 300) shows in a later refresh" '[ "$(last_of "$hog" oom_score_adj)" = 300 ]'
kscore=$(cat "/proc/$hog/oom_score")
checkx "...and oom_score follows the kernel's ($kscore)" '[ "$(last_of "$hog" oom_score)" = "$kscore" ]'

# --- a grown RSS ---------------------------------------------------------------
before=$(last_of "$grower" rss_kb)
kill -USR1 "$grower"
t_wait_file "$T_TMP/grower.grown" "$grower"
n=$(grep -c '' "$OUT")
wait_lines $((n + 2))
vmrss=$(status_kb "$grower" VmRSS)
after=$(last_of "$grower" rss_kb)
if within_pct "$after" "$vmrss" 5 && [ "$after" -gt $((before + 60000)) ]; then
	ok "a grown RSS shows in a later refresh ($before -> $after kB, VmRSS $vmrss)"
else
	not_ok "a grown RSS shows in a later refresh ($before -> $after kB, VmRSS $vmrss)"
fi
checkx "...and rss_kb = anon_kb + file_kb + shmem_kb still holds" \
	'[ "$after" = "$(($(last_of "$grower" anon_kb) + $(last_of "$grower" file_kb) + $(last_of "$grower" shmem_kb)))" ]'

# --- a new name ----------------------------------------------------------------
kill -USR2 "$grower"
t_wait_file "$T_TMP/grower.renamed" "$grower"
n=$(grep -c '' "$OUT")
wait_lines $((n + 2))
if [ "$(last_of "$grower" comm)" = "$NEWNAME" ]; then
	ok "a new name (ESC [ 1 m renamed) shows, raw, in a later refresh"
else
	not_ok "a new name (ESC [ 1 m renamed) shows, raw, in a later refresh"
	printf 'got: %s\n' "$(last_of "$grower" comm)" | cat -v | diag
fi

# --- the end -------------------------------------------------------------------
kill -TERM "$top"
wait "$top"
rc=$?
cat "$OUT.err" >>"$T_STDERR"
check "oomtop stopped by SIGTERM exits 0" [ "$rc" -eq 0 ]
good=0 lines=0
while IFS= read -r line; do
	lines=$((lines + 1))
	jqe '.processes | type == "array"' <<<"$line" && good=$((good + 1))
done <"$OUT"
checkx "every line is valid JSON ($good of $lines)" '[ "$lines" -gt 0 ] && [ "$good" -eq "$lines" ]'

check_sanitizers
