#!/usr/bin/env bash
# churn.sh - processes that exit while oomtop samples must never produce a row
# with state 0 or an empty name (libproc2 returns such half-read rows).
set -u
. "$TOP/tests/lib.sh"
. "$TOP/tests/integration/common.bash"

STOP=$T_TMP/stop
SPAWNED=$T_TMP/spawned

# churn: start short-lived processes until $STOP exists. Some exit at once,
# some are killed; a batch of 20 children of a parent that never reaps them
# dies one by one during the samples and lingers as zombies.
churn() {
	local n=0 i p
	while [ ! -e "$STOP" ]; do
		( for i in $(seq 10 29); do sleep "0.$i" & done; exec sleep 0.35 ) &
		for i in 1 2 3 4 5 6; do
			/bin/true &
			sleep 1 &
			p=$!
			kill -KILL "$p" 2>/dev/null
		done
		n=$((n + 33))
		wait
	done 2>/dev/null # no "Killed" job reports
	echo "$n" >>"$SPAWNED"
}

churners=()
for i in 1 2 3; do
	t_spawn c churn
	churners+=("$c")
done

J=$T_TMP/churn.json
run_oomtop "$J" -b --format=json -n 20 -d 0.1
rc=$?
X=$T_TMP/churn.txt
run_oomtop "$X" -b -n 10 -d 0.1
xrc=$?
touch "$STOP"
for c in "${churners[@]}"; do
	wait "$c" 2>/dev/null
done
spawned=$(awk '{ s += $1 } END { print s + 0 }' "$SPAWNED" 2>/dev/null)
check "the churn started processes meanwhile ($spawned)" [ "${spawned:-0}" -gt 0 ]

check "-b --format=json -n 20 -d 0.1 under churn exits 0" [ "$rc" -eq 0 ]
check "it printed 20 lines" [ "$(grep -c '' "$J")" -eq 20 ]
good=0
while IFS= read -r line; do
	jqe '.processes | type == "array" and length > 0' <<<"$line" && good=$((good + 1))
done <"$J"
check "each line is valid JSON with processes ($good of 20)" [ "$good" -eq 20 ]

rows=$(jq -r '.processes | length' "$J" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
bad=$(jq -c '.processes[] | select((.state | test("^[RSDTtXxZPIWK]$") | not)) | {pid, comm, state}' "$J" 2>/dev/null)
if [ -z "$bad" ]; then
	ok "no row has a missing or bad state ($rows rows)"
else
	not_ok "no row has a missing or bad state ($rows rows)"
	head -5 <<<"$bad" | diag
fi
bad=$(jq -c '.processes[] | select(.comm == "" or .pid <= 0) | {pid, user, comm, state}' "$J" 2>/dev/null)
if [ -z "$bad" ]; then
	ok "no row has an empty comm or a bad pid"
else
	not_ok "no row has an empty comm or a bad pid"
	head -5 <<<"$bad" | diag
fi
# A row whose process has no memory at all (not even swap) but a rank is a
# process that exited between libproc2's read and oomtop's /proc/PID/status.
bad=$(jq -c '.processes[] | select(.rank != null and .state != "Z" and .rss_kb + .swap_kb == 0)
	| {pid, comm, state, rank, oom_score, rss_kb}' "$J" 2>/dev/null)
if [ -z "$bad" ]; then
	ok "no ranked row for a process without memory (it exited during the read)"
else
	not_ok "no ranked row for a process without memory (it exited during the read)"
	head -5 <<<"$bad" | diag
fi
bad=$(jq -c '.processes | map(select(.rank != null) | .rank) | sort | select(. != [range(1; length + 1)]) | length' "$J" 2>/dev/null)
check "in every sample the ranks are 1..N without gaps" [ -z "$bad" ]
bad=$(jq -c '.processes[] | select(.state == "Z" and .rank != null) | {pid, comm, rank}' "$J" 2>/dev/null)
check "zombies never get a rank" [ -z "$bad" ]

check "-b -n 10 -d 0.1 (text) under churn exits 0" [ "$xrc" -eq 0 ]
check "it printed 10 tables" [ "$(grep -cE '^ *RANK +PID' "$X")" -eq 10 ]
bad=$(awk '/^ *RANK +PID/ { f = 1; next } /^oomtop - |^$/ { f = 0; next }
	f && !/^ *([0-9]+|never) +[0-9]+ +[^ ]+ +[0-9]+ +-?[0-9]+ +[0-9.]+[KMG] +[0-9.]+[KMG] +[0-9.]+[KMG] +[0-9.]+[KMG] +[0-9.]+[KMG] +[0-9.]+[KMG] +[^ ]/' "$X")
if [ -z "$bad" ]; then
	ok "every text row is whole, with a non-empty COMMAND"
else
	not_ok "every text row is whole, with a non-empty COMMAND"
	head -5 <<<"$bad" | cat -v | diag
fi
checkx "no text row shows an empty name as []" '! grep -qE " \[\]\$" "$X"'

check_sanitizers
