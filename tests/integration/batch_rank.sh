#!/usr/bin/env bash
# batch_rank.sh - `oomtop -b` against the real kernel: a child that holds
# 200 MiB with oom_score_adj 800 must be rank 1, with the kernel's numbers;
# the JSON schema of issue 2 item 6; the -n, -d, -p, -u options; text output.
set -u
. "$TOP/tests/lib.sh"
. "$TOP/tests/integration/common.bash"

HOG_NAME=oomtop-hog
ME_UID=$(id -u)
ME_USER=$(id -un)

# Every process object must carry these keys with these types.
JQ_SCHEMA='
def isint: type == "number" and . == floor;
def want($k; f): if has($k) and (.[$k] | f) then empty else $k end;
[.processes[] | . as $p | [
	want("rank"; . == null or (isint and . >= 1)),
	want("pid"; isint and . > 0),
	want("user"; type == "string"),
	want("uid"; isint and . >= 0),
	want("comm"; type == "string"),
	want("cmdline"; type == "string"),
	want("state"; type == "string" and length == 1),
	want("oom_score"; isint and . >= 0 and . <= 2000),
	want("oom_score_adj"; isint and . >= -1000 and . <= 1000),
	want("rss_kb"; isint and . >= 0),
	want("anon_kb"; isint and . >= 0),
	want("file_kb"; isint and . >= 0),
	want("shmem_kb"; isint and . >= 0),
	want("swap_kb"; isint and . >= 0),
	want("pte_kb"; isint and . >= 0),
	want("start_time"; isint and . >= 0)
] | select(length > 0) | "pid \($p.pid // "?"): bad or missing \(join(", "))"] | .[]'

# The kernel never picks: init, oom_score_adj -1000, oom_score 0.
JQ_UNKILLABLE='(.pid == 1 or .oom_score_adj == -1000 or .oom_score == 0)'

# --- the processes under test ------------------------------------------------

if ! start_hog hog 200 800 "$HOG_NAME"; then
	not_ok "hog (200 MiB, adj 800) starts and becomes ready"
	echo "# cannot go on without the hog"
	exit 1
fi
ok "hog (200 MiB, adj 800) starts and becomes ready (pid $hog)"
hog_ready=$HOG_READY

# Lowering oom_score_adj takes CAP_SYS_RESOURCE (root may lack it in a container).
immune='' immune_why="an oom_score_adj -1000 hog needs root with CAP_SYS_RESOURCE"
if need_root && bash -c 'echo -1000 >/proc/self/oom_score_adj' 2>/dev/null; then
	if start_hog immune 1 -1000 oomtop-immune; then
		ok "an oom_score_adj -1000 hog starts (pid $immune)"
	else
		not_ok "an oom_score_adj -1000 hog starts"
		immune='' immune_why="the adj -1000 hog did not start"
	fi
else
	skip "$immune_why"
fi

# --- one JSON sample -------------------------------------------------------

J=$T_TMP/one.json
rank_before "$hog"
run_oomtop "$J" -b --format=json
rc=$?
rank_after "$hog"
vmrss=$(status_kb "$hog" VmRSS)
vmpte=$(status_kb "$hog" VmPTE)
vmswap=$(status_kb "$hog" VmSwap)
kscore=$(cat "/proc/$hog/oom_score")
kstart=$(awk '{ sub(/.*\) /, ""); print $20 }' "/proc/$hog/stat")

check "-b --format=json exits 0" [ "$rc" -eq 0 ]
check "-b --format=json prints nothing on stderr" [ ! -s "$J.err" ]
check "-b --format=json prints exactly one line" [ "$(wc -l <"$J")" -eq 1 ]
if jq -e 'type == "object" and (.processes | type == "array" and length > 0)' "$J" >/dev/null 2>&1; then
	ok "the line is a JSON object with a non-empty processes array"
else
	not_ok "the line is a JSON object with a non-empty processes array"
	head -c 2000 "$J" | diag
	echo "# cannot go on without JSON"
	exit 1
fi

hogj=$(jq -c --argjson pid "$hog" '.processes[] | select(.pid == $pid)' "$J")
jf() { jq -r "$1" <<<"$hogj"; }

check "the hog is listed" [ -n "$hogj" ]
if [ "$RANK_MAX" -gt 1 ]; then
	echo "# another process outranks the hog; rank $WANT_RANK expected$RANK_WHY"
	jq -c '.processes[] | select(.rank != null and .rank < '"$RANK_MIN"') | {pid, comm, oom_score, oom_score_adj, cmdline}' "$J" | diag
fi
if rank_ok "$(jf .rank)"; then
	ok "the hog is rank $WANT_RANK"
else
	not_ok "the hog is rank $WANT_RANK (it is $(jf .rank))$RANK_WHY"
	jq -c '.processes[] | select(.rank == 1 or .rank == 2)' "$J" | diag
fi
if within_pct "$(jf .rss_kb)" "$vmrss" 5; then
	ok "hog rss_kb within 5% of VmRSS"
else
	not_ok "hog rss_kb within 5% of VmRSS (rss_kb $(jf .rss_kb), VmRSS $vmrss)"
fi
check "hog anon_kb holds its 200 MiB ($(jf .anon_kb) kB)" \
	[ "$(jf .anon_kb)" -ge $((200 * 1024 * 95 / 100)) ]
if within_pct "$(jf .pte_kb)" "$vmpte" 5; then
	ok "hog pte_kb within 5% of VmPTE"
else
	not_ok "hog pte_kb within 5% of VmPTE (pte_kb $(jf .pte_kb), VmPTE $vmpte)"
fi
if within_pct "$(jf .swap_kb)" "$vmswap" 5; then
	ok "hog swap_kb within 5% of VmSwap"
else
	not_ok "hog swap_kb within 5% of VmSwap (swap_kb $(jf .swap_kb), VmSwap $vmswap)"
fi
check "hog oom_score_adj is 800" [ "$(jf .oom_score_adj)" = 800 ]
if [ "$(jf .oom_score)" = "$kscore" ]; then
	ok "hog oom_score equals /proc/PID/oom_score ($kscore)"
else
	not_ok "hog oom_score equals /proc/PID/oom_score (json $(jf .oom_score), kernel $kscore)"
fi
check "hog comm is its PR_SET_NAME name" [ "$(jf .comm)" = "$HOG_NAME" ]
check "hog cmdline is its argv joined by spaces" \
	[ "$(jf .cmdline)" = "$HOG 200 800 $HOG_NAME $hog_ready" ]
checkx "hog user and uid are ours ($ME_USER, $ME_UID)" \
	'[ "$(jf .user)" = "$ME_USER" ] && [ "$(jf .uid)" = "$ME_UID" ]'
check "hog state is S (sleeping in pause)" [ "$(jf .state)" = S ]
check "hog start_time is field 22 of /proc/PID/stat ($kstart)" [ "$(jf .start_time)" = "$kstart" ]

bad=$(jq -r "$JQ_SCHEMA" "$J")
if [ -z "$bad" ]; then
	ok "every process object has the 16 keys with the right JSON types"
else
	not_ok "every process object has the 16 keys with the right JSON types"
	head -10 <<<"$bad" | diag
fi

bad=$(jq -c ".processes[] | select((.rank == null) != $JQ_UNKILLABLE)
	| {pid, comm, rank, oom_score, oom_score_adj}" "$J")
if [ -z "$bad" ]; then
	ok "rank is null exactly for unkillable processes (pid 1, adj -1000, score 0)"
else
	not_ok "rank is null exactly for unkillable processes (pid 1, adj -1000, score 0)"
	head -10 <<<"$bad" | diag
fi

if [ -n "$immune" ]; then
	check "the adj -1000 hog is listed with rank null and oom_score 0" \
		jqe --argjson pid "$immune" \
		'[.processes[] | select(.pid == $pid)] | length == 1 and .[0].rank == null and .[0].oom_score == 0 and .[0].oom_score_adj == -1000' "$J"
else
	skip "$immune_why"
fi
if jq -e 'any(.processes[]; .pid == 1)' "$J" >/dev/null; then
	check "pid 1 has rank null" jqe '.processes[] | select(.pid == 1) | .rank == null' "$J"
else
	skip "pid 1 is not listed (not visible here)"
fi

if jq -e '[.processes[] | select(.rank != null) | .rank] | sort == [range(1; length + 1)]' "$J" >/dev/null; then
	ok "ranks of killable processes are 1..N without gaps or repeats"
else
	not_ok "ranks of killable processes are 1..N without gaps or repeats"
	jq -c '[.processes[] | select(.rank != null) | .rank] | sort' "$J" | head -c 1000 | diag
fi

if jq -e '[.processes[] | select(.rank != null)] | sort_by(.rank) | map(.oom_score) as $s
	| all(range(1; $s | length); $s[. - 1] >= $s[.])' "$J" >/dev/null; then
	ok "rank order follows oom_score descending"
else
	not_ok "rank order follows oom_score descending"
	jq -c '[.processes[] | select(.rank != null)] | sort_by(.rank) | .[] | [.rank, .oom_score, .pid]' "$J" |
		head -20 | diag
fi

bad=$(jq -c '.processes[] | select(.rss_kb != .anon_kb + .file_kb + .shmem_kb) | {pid, rss_kb, anon_kb, file_kb, shmem_kb}' "$J")
if [ -z "$bad" ]; then
	ok "rss_kb = anon_kb + file_kb + shmem_kb for every process"
else
	not_ok "rss_kb = anon_kb + file_kb + shmem_kb for every process"
	head -5 <<<"$bad" | diag
fi

kth=()
for p in $(jq -r '.processes[].pid' "$J"); do
	is_kthread "$p" && kth+=("$p")
done
nkth=0
for d in /proc/[0-9]*; do
	is_kthread "${d#/proc/}" && nkth=$((nkth + 1))
done
if [ "$nkth" -eq 0 ]; then
	skip "no kernel threads visible here"
elif [ "${#kth[@]}" -eq 0 ]; then
	ok "no kernel threads by default ($nkth exist)"
else
	not_ok "no kernel threads by default (listed: ${kth[*]})"
fi

# --- iterations ------------------------------------------------------------

N=$T_TMP/three.json
run_oomtop "$N" -b --format=json -n 3 -d 0.2
rc=$?
check "-n 3 -d 0.2 exits 0" [ "$rc" -eq 0 ]
check "-n 3 prints 3 lines" [ "$(wc -l <"$N")" -eq 3 ]
good=0
while IFS= read -r line; do
	jq -e --argjson pid "$hog" 'type == "object" and any(.processes[]; .pid == $pid)' \
		<<<"$line" >/dev/null 2>&1 && good=$((good + 1))
done <"$N"
check "each of the 3 lines is valid JSON listing the hog" [ "$good" -eq 3 ]

# --- -p ----------------------------------------------------------------------

P=$T_TMP/p.json
rank_before "$hog"
run_oomtop "$P" -b --format=json -p "$hog"
rc=$?
rank_after "$hog"
check "-p PID exits 0" [ "$rc" -eq 0 ]
check "-p PID lists exactly that process" jqe --argjson pid "$hog" '[.processes[].pid] == [$pid]' "$P"
checkx "-p keeps the global rank (the hog is still rank $WANT_RANK)" 'rank_ok "$(jq ".processes[0].rank" "$P")"'

run_oomtop "$P" -b --format=json -p "$hog,$$"
rc=$?
check "-p PID1,PID2 exits 0" [ "$rc" -eq 0 ]
check "-p PID1,PID2 lists exactly those two" \
	jqe --argjson a "$hog" --argjson b "$$" '[.processes[].pid] | sort == ([$a, $b] | sort)' "$P"

gone=4194303
while [ -e "/proc/$gone" ]; do gone=$((gone - 1)); done
run_oomtop "$P" -b --format=json -p "$gone"
rc=$?
checkx "-p with a PID that does not exist exits 0 with no rows" \
	'[ "$rc" -eq 0 ] && jqe ".processes == []" "$P"'

# --- -u ----------------------------------------------------------------------

U=$T_TMP/u.json
run_oomtop "$U" -b --format=json -u root
rc=$?
check "-u root exits 0" [ "$rc" -eq 0 ]
check "-u root lists only uid 0, and something" \
	jqe '(.processes | length > 0) and all(.processes[]; .uid == 0 and .user == "root")' "$U"
if need_root; then
	check "-u root lists the hog (ours, as root)" \
		jqe --argjson pid "$hog" 'any(.processes[]; .pid == $pid)' "$U"
else
	skip "the hog is not root's when not root"
fi
run_oomtop "$U" -b --format=json -u 0
rc=$?
checkx "-u 0 (a numeric uid) lists only uid 0" \
	'[ "$rc" -eq 0 ] && jqe "(.processes | length > 0) and all(.processes[]; .uid == 0)" "$U"'

run_oomtop "$U" -b --format=json -u oomtop-no-such-user
rc=$?
check "-u with an unknown user exits 1" [ "$rc" -eq 1 ]
check "-u with an unknown user names it on stderr" grep -q 'oomtop-no-such-user' "$U.err"
check "-u with an unknown user prints nothing on stdout" [ ! -s "$U" ]

if need_root && getent passwd nobody >/dev/null && command -v setpriv >/dev/null; then
	nuid=$(id -u nobody)
	t_spawn nob setpriv --reuid="$nuid" --regid="$(id -g nobody)" --clear-groups sleep 600
	for _ in $(seq 100); do
		[ "$(stat -c %u "/proc/$nob" 2>/dev/null)" = "$nuid" ] &&
			[ "$(cat "/proc/$nob/comm" 2>/dev/null)" = sleep ] && break
		sleep 0.1
	done
	run_oomtop "$U" -b --format=json -u nobody
	rc=$?
	checkx "-u nobody lists only uid $nuid, including a sleep run as nobody" \
		'[ "$rc" -eq 0 ] && jqe --argjson pid "$nob" --argjson uid "$nuid" \
		"all(.processes[]; .uid == \$uid) and any(.processes[]; .pid == \$pid and .user == \"nobody\")" "$U"'
	kill "$nob" 2>/dev/null
else
	skip "-u nobody needs root, a nobody user and setpriv"
fi

# A uid without a passwd entry: -u takes the number; the user is the uid as
# text (as ps shows it), never an empty string.
if need_root && command -v setpriv >/dev/null; then
	nouid=54321
	while getent passwd "$nouid" >/dev/null; do nouid=$((nouid + 1)); done
	t_spawn anon setpriv --reuid="$nouid" --regid="$nouid" --clear-groups sleep 600
	for _ in $(seq 100); do
		[ "$(stat -c %u "/proc/$anon" 2>/dev/null)" = "$nouid" ] &&
			[ "$(cat "/proc/$anon/comm" 2>/dev/null)" = sleep ] && break
		sleep 0.1
	done
	run_oomtop "$U" -b --format=json -u "$nouid"
	rc=$?
	checkx "-u $nouid (a uid without a name) lists only that uid, including a sleep run as it" \
		'[ "$rc" -eq 0 ] && jqe --argjson pid "$anon" --argjson uid "$nouid" \
		"all(.processes[]; .uid == \$uid) and any(.processes[]; .pid == \$pid)" "$U"'
	got=$(jq -r --argjson pid "$anon" '.processes[] | select(.pid == $pid) | .user' "$U")
	if [ "$got" = "$nouid" ]; then
		ok "JSON user of a uid without a name is the uid as text ($nouid)"
	else
		not_ok "JSON user of a uid without a name is the uid as text ($nouid), not '$got'"
	fi
	run_oomtop "$U" -b -p "$anon"
	checkx "text USER of a uid without a name is the uid" \
		'awk -v pid="$anon" "\$2 == pid { print \$3 }" "$U" | grep -qx "$nouid"'
	kill "$anon" 2>/dev/null
else
	skip "a process of a uid without a name needs root and setpriv"
	skip "a process of a uid without a name needs root and setpriv"
	skip "a process of a uid without a name needs root and setpriv"
fi

# --- text output -----------------------------------------------------------

X=$T_TMP/text.out
rank_before "$hog"
run_oomtop "$X" -b
rc=$?
rank_after "$hog"
score=$(cat "/proc/$hog/oom_score")
check "-b (text) exits 0" [ "$rc" -eq 0 ]
check "-b (text) prints nothing on stderr" [ ! -s "$X.err" ]
check "text has the header RANK PID USER SCORE ADJ RSS ANON FILE SHMEM SWAP PTE COMMAND" \
	grep -qE '^ *RANK +PID +USER +SCORE +ADJ +RSS +ANON +FILE +SHMEM +SWAP +PTE +COMMAND *$' "$X"
row=$(awk -v pid="$hog" 'f && $2 == pid; /^ *RANK +PID/ { f = 1 }' "$X")
read -r r_rank r_pid r_user r_score r_adj _ <<<"$row"
if rank_ok "$r_rank" && [ "$r_pid" = "$hog" ]; then
	ok "text: the hog's row has rank $WANT_RANK"
else
	not_ok "text: the hog's row has rank $WANT_RANK$RANK_WHY"
	grep -E '^ *RANK|^ +1 ' "$X" | diag
	printf '%s\n' "$row" | diag
fi
checkx "text: hog row shows user $ME_USER, score $score, adj 800" \
	'[ "$r_user" = "$ME_USER" ] && [ "$r_score" = "$score" ] && [ "$r_adj" = 800 ]'
check "text: hog row's COMMAND is its command line" \
	grep -qF -- "$HOG 200 800 $HOG_NAME" <<<"$row"
checkx "text: ranked rows come first, in rank order 1..N" \
	'awk "/^ *RANK +PID/ { f = 1; next } f { n++; if (\$1 == \"never\") nv = 1; else if (nv || \$1 != n) bad = 1 }
		END { exit bad }" "$X"'
checkx "text: the hog's row is row $WANT_RANK" \
	'rank_ok "$(awk -v pid="$hog" "/^ *RANK +PID/ { f = 1; next } f { n++; if (\$2 == pid) print n }" "$X")"'
rows=$(awk 'f; /^ *RANK +PID/ { f = 1 }' "$X" | wc -l)
ranked=$(awk 'f && $1 ~ /^[0-9]+$/; /^ *RANK +PID/ { f = 1 }' "$X" | wc -l)
if grep -qE "^oomtop - .* - $rows processes, $ranked killable\$" "$X"; then
	ok "text: the title counts the rows ($rows processes, $ranked killable)"
else
	not_ok "text: the title counts the rows ($rows processes, $ranked killable)"
	head -1 "$X" | diag
fi
check "text: unranked rows say 'never'" \
	awk 'f && $1 !~ /^([0-9]+|never)$/ { bad = 1 } /^ *RANK +PID/ { f = 1 } END { exit bad }' "$X"

run_oomtop "$X" -b -n 2 -d 0.2
rc=$?
checkx "text -n 2 prints two tables" \
	'[ "$rc" -eq 0 ] && [ "$(grep -cE "^ *RANK +PID" "$X")" -eq 2 ] && [ "$(grep -c "^oomtop - " "$X")" -eq 2 ]'

check_sanitizers
