#!/usr/bin/env bash
# kills.sh - `oomtop -b --kills` against the real kernel and saved captures:
# a real OOM kill in a 64 MiB memory cgroup (JSON and text); user-space spoofs
# written into /dev/kmsg; replay of a capture, of hand-made records of several
# kernel eras, of hostile names, and through a FIFO; an unreadable log as an
# unprivileged user (kernel.dmesg_restrict=1).
set -u
. "$TOP/tests/lib.sh"
. "$TOP/tests/integration/common.bash"

CG=''             # the memory cgroup made for the real kill (a directory)
CG_PATH=''        # its path as the kernel prints it (/oomtop-test-PID)
CG_V=''           # 1 or 2
CG_WHY=''         # why there is none
CG_ENABLED=''     # the cgroup2 subtree_control file we added +memory to
RESTRICT_OLD=''   # kernel.dmesg_restrict to put back
RESTRICT=/proc/sys/kernel/dmesg_restrict

kills_cleanup() {
	local p i
	for p in "${T_PIDS[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	for p in "${T_PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	if [ -n "$CG" ] && [ -d "$CG" ]; then
		while read -r p; do
			kill -KILL "$p" 2>/dev/null
		done <"$CG/cgroup.procs"
		for ((i = 0; i < 100; i++)); do
			rmdir "$CG" 2>/dev/null && break
			sleep 0.1
		done
		[ -d "$CG" ] && echo "# could not remove $CG"
	fi
	[ -n "$CG_ENABLED" ] && echo -memory >"$CG_ENABLED" 2>/dev/null
	[ -n "$RESTRICT_OLD" ] && echo "$RESTRICT_OLD" >"$RESTRICT"
	t_cleanup
}
trap kills_cleanup EXIT

# Every line a JSON object, the whole file valid UTF-8, no raw control byte
# in a string (python's json is strict about both; jq is not).
json_lines_ok() {
	if command -v python3 >/dev/null; then
		python3 - "$1" <<'PY'
import json, sys
text = open(sys.argv[1], 'rb').read().decode('utf-8')
for line in text.splitlines():
    if not isinstance(json.loads(line), dict):
        sys.exit(1)
PY
	else
		iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 && jq -e 'type == "object"' "$1" >/dev/null 2>&1
	fi
}

# No C0 control (other than the newline), no DEL, no C1 control in UTF-8, and
# valid UTF-8: safe to cat to a terminal.
text_clean() {
	! LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$1" &&
		iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}

# A non-blocking read of every record /dev/kmsg holds now (dd stops at EAGAIN).
kmsg_dump() {
	dd if=/dev/kmsg of="$1" iflag=nonblock bs=64k status=none 2>/dev/null
	[ -s "$1" ]
}

# The kills of a JSON Lines file without the wall-clock time (recomputed from
# the boot time on every run), one compact object per line.
kills_notime() { jq -cS 'del(.time)' "$1"; }
# The rows of the text form without the time (date and clock: fields 1 and 2).
text_rows() { awk 'NR > 2 { $1 = $2 = ""; print }' "$1"; }

# true when PID has exited (gone, or a zombie not yet waited for)
proc_gone() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
	s=${s##*) }
	[ "${s%% *}" = Z ]
}

# run_nobody OUTFILE [SETPRIV OPTIONS --] ARGS...: run_oomtop as uid/gid 65534
run_nobody() {
	local out=$1 rc opts=()
	shift
	if [ "${1:-}" = --caps ]; then
		opts=(--inh-caps=+syslog --ambient-caps=+syslog)
		shift
	fi
	timeout -k 5 120 setpriv --reuid=65534 --regid=65534 --clear-groups "${opts[@]}" \
		"$OOMTOP" "$@" >"$out" 2>"$out.err" </dev/null
	rc=$?
	cat "$out.err" >>"$T_STDERR"
	return $rc
}

# kill_count FILE PID: how many kills of PID a JSON Lines file lists
kill_count() { jq -s --argjson pid "$2" '[.[] | select(.pid == $pid)] | length' "$1" 2>/dev/null; }

# checkf DESCRIPTION 'EXPRESSION': checkx, but false when not ok (for || diag)
checkf() {
	if eval "$2"; then
		ok "$1"
	else
		not_ok "$1"
		return 1
	fi
}

vmstat_oom() { awk '$1 == "oom_kill" { print $2 }' /proc/vmstat; }

# --- a memory cgroup with a 64 MiB limit ------------------------------------

# cg_make: a fresh memory cgroup CG under the v1 memory hierarchy, else under
# a cgroup2 hierarchy that has the memory controller. false with CG_WHY.
cg_make() {
	local mnt root fs opts base='' broot=''
	if ! need_root; then
		CG_WHY="making a memory cgroup needs root"
		return 1
	fi
	while read -r mnt root fs opts; do
		if [ "$fs" = cgroup ] && [[ ,$opts, == *,memory,* ]] && [ -w "$mnt" ]; then
			base=$mnt broot=$root CG_V=1
			break
		fi
	done < <(awk '{ for (i = 7; $i != "-"; i++); print $5, $4, $(i + 1), $(i + 3) }' /proc/self/mountinfo)
	if [ -z "$base" ]; then
		while read -r mnt root fs opts; do
			if [ "$fs" = cgroup2 ] && grep -qw memory "$mnt/cgroup.controllers" 2>/dev/null &&
				[ -w "$mnt" ]; then
				base=$mnt broot=$root CG_V=2
				break
			fi
		done < <(awk '{ for (i = 7; $i != "-"; i++); print $5, $4, $(i + 1), $(i + 3) }' /proc/self/mountinfo)
	fi
	if [ -z "$base" ]; then
		CG_WHY="no memory cgroup controller is mounted (v1 memory or cgroup2 with memory)"
		return 1
	fi
	if [ "$CG_V" = 2 ] && ! grep -qw memory "$base/cgroup.subtree_control"; then
		if ! echo +memory >"$base/cgroup.subtree_control" 2>/dev/null; then
			CG_WHY="cannot enable the memory controller in $base/cgroup.subtree_control"
			return 1
		fi
		CG_ENABLED=$base/cgroup.subtree_control
	fi
	CG=$base/oomtop-test-$$
	if ! mkdir "$CG" 2>/dev/null; then
		CG_WHY="cannot make $CG"
		CG=''
		return 1
	fi
	CG_PATH=${broot%/}/oomtop-test-$$
	if [ "$CG_V" = 1 ]; then
		if ! echo $((64 << 20)) >"$CG/memory.limit_in_bytes" ||
			! echo 0 >"$CG/memory.oom_control"; then
			CG_WHY="cannot set the limit of $CG or enable its OOM killer"
			return 1
		fi
		echo 0 >"$CG/memory.swappiness" 2>/dev/null
		[ -e "$CG/memory.memsw.limit_in_bytes" ] &&
			echo $((64 << 20)) >"$CG/memory.memsw.limit_in_bytes" 2>/dev/null
	else
		echo $((64 << 20)) >"$CG/memory.max" || {
			CG_WHY="cannot set $CG/memory.max"
			return 1
		}
		[ -e "$CG/memory.swap.max" ] && echo 0 >"$CG/memory.swap.max" 2>/dev/null
	fi
	return 0
}

# the memory cgroup's own count of OOM kills
cg_oom_kills() {
	if [ "$CG_V" = 1 ]; then
		awk '$1 == "oom_kill" { print $2 }' "$CG/memory.oom_control"
	else
		awk '$1 == "oom_kill" { print $2 }' "$CG/memory.events"
	fi
}

# real_kill NAME: run a hog that wants 200 MiB inside the cgroup as NAME (it
# is exec'd through a symlink of that name, so the kernel's comm is NAME from
# the start) and wait until the kernel kills it. Sets VPID and VRC; true when
# it died of SIGKILL without getting its 200 MiB.
real_kill() {
	local name=$1 link=$T_TMP/$1 ready=$T_TMP/ready.$RANDOM i
	ln -sf "$HOG" "$link"
	(echo "$BASHPID" >"$CG/cgroup.procs" && exec "$link" 200 0 "$name" "$ready") \
		2>"$T_TMP/victim.err" &
	VPID=$!
	T_PIDS+=("$VPID")
	{ # stderr off: bash's "Killed" notice of the job is expected here
		for ((i = 0; i < 1200; i++)); do # a hang guard of 120 s, not a timing test
			proc_gone "$VPID" && break
			[ -e "$ready" ] && break
			sleep 0.1
		done
		proc_gone "$VPID" || kill -KILL "$VPID"
		wait "$VPID"
		VRC=$?
	} 2>/dev/null
	[ "$VRC" -eq 137 ] && [ ! -e "$ready" ]
}

# wait_listed OUT PID BEFORE: run --kills JSON until it lists more kills of
# PID than BEFORE (the log line may come a moment after the death); 60 s.
wait_listed() {
	local out=$1 pid=$2 before=$3 i
	for ((i = 0; i < 60; i++)); do
		run_oomtop "$out" -b --kills --format=json
		[ "$(kill_count "$out" "$pid")" -gt "$before" ] 2>/dev/null && return 0
		sleep 1
	done
	return 1
}

VICTIM=oomtop-victim     # at most 15 bytes: the kernel's comm
VICTIM2='oom (v) x)'     # a real name with spaces and parentheses
B=$T_TMP/before.json
J=$T_TMP/kills.json
X=$T_TMP/kills.txt
ADJ=$(cat /proc/self/oom_score_adj)
REAL=''                  # the real kill's pid once it is listed

if cg_make; then
	ok "a memory cgroup v$CG_V with a 64 MiB limit ($CG, the kernel calls it $CG_PATH)"
	run_oomtop "$B" -b --kills --format=json
	vm_before=$(vmstat_oom)
	if real_kill "$VICTIM"; then
		ok "a child that wants 200 MiB in the cgroup dies of SIGKILL (pid $VPID)"
	else
		not_ok "a child that wants 200 MiB in the cgroup dies of SIGKILL (pid $VPID, status $VRC)"
		diag <"$T_TMP/victim.err"
	fi
	vm_after=$(vmstat_oom)
	checkx "the cgroup counts an OOM kill ($CG_V: oom_kill $(cg_oom_kills))" '[ "$(cg_oom_kills)" -ge 1 ]'
	checkx "/proc/vmstat oom_kill went up ($vm_before -> $vm_after)" '[ "$vm_after" -gt "$vm_before" ]'

	if wait_listed "$J" "$VPID" "$(kill_count "$B" "$VPID")"; then
		ok "oomtop -b --kills --format=json lists the kill of pid $VPID"
		REAL=$VPID
	else
		not_ok "oomtop -b --kills --format=json lists the kill of pid $VPID"
		tail -5 "$J" | diag
		diag <"$J.err"
	fi
	rc=0
	run_oomtop "$J" -b --kills --format=json || rc=$?
	check "--kills --format=json exits 0" [ "$rc" -eq 0 ]
	check "--kills --format=json prints nothing on stderr" [ ! -s "$J.err" ]
	check "every line is a valid JSON object (strict UTF-8 and escapes)" json_lines_ok "$J"
	checkx "JSON Lines are oldest first (usec ascending)" \
		'jqe -s "map(.usec) as \$u | all(range(1; \$u | length); \$u[. - 1] <= \$u[.])" "$J"'
	kj=$(jq -c --argjson pid "$VPID" 'select(.pid == $pid)' "$J" | tail -1)
	[ -n "$kj" ] || kj='{}'
	kf() { jq -r "$1" <<<"$kj"; }
	check "kind is \"memcg\"" [ "$(kf .kind)" = memcg ]
	check "memcg is the cgroup as the kernel prints it ($CG_PATH, got $(kf .memcg))" \
		[ "$(kf .memcg)" = "$CG_PATH" ]
	check "constraint is CONSTRAINT_MEMCG (got $(kf .constraint))" [ "$(kf .constraint)" = CONSTRAINT_MEMCG ]
	check "comm is the child's name $VICTIM (got $(kf .comm))" [ "$(kf .comm)" = "$VICTIM" ]
	check "uid is 0 (got $(kf .uid))" [ "$(kf .uid)" = 0 ]
	checkx "anon_rss_kb is above 0 and within the 64 MiB limit (got $(kf .anon_rss_kb))" \
		'jqe ".anon_rss_kb > 0 and .anon_rss_kb <= 65536" <<<"$kj"'
	checkx "total_vm_kb holds the 200 MiB asked for (got $(kf .total_vm_kb))" \
		'jqe ".total_vm_kb >= 204800" <<<"$kj"'
	checkx "pgtables_kb is above 0 (got $(kf .pgtables_kb))" 'jqe ".pgtables_kb > 0" <<<"$kj"'
	check "oom_score_adj is the inherited $ADJ (got $(kf .oom_score_adj))" [ "$(kf .oom_score_adj)" = "$ADJ" ]
	check "trigger_comm is the child itself, which ran out (got $(kf .trigger_comm))" \
		[ "$(kf .trigger_comm)" = "$VICTIM" ]
	checkx "usec is a number, time is ISO 8601, reaped a boolean, file/shmem numbers" \
		'jqe "(.usec | type == \"number\" and . > 0) and (.reaped | type == \"boolean\")
		and (.time | test(\"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{4}$\"))
		and (.file_rss_kb | type == \"number\") and (.shmem_rss_kb | type == \"number\")" <<<"$kj"'
	checkx "every kill has the 16 keys" \
		'jqe -s "all(.[]; keys == ([\"usec\",\"time\",\"pid\",\"comm\",\"uid\",\"kind\",\"constraint\",\"memcg\",\"total_vm_kb\",\"anon_rss_kb\",\"file_rss_kb\",\"shmem_rss_kb\",\"pgtables_kb\",\"oom_score_adj\",\"trigger_comm\",\"reaped\"] | sort))" "$J"'

	rc=0
	run_oomtop "$X" -b --kills || rc=$?
	vm_now=$(vmstat_oom)
	check "--kills (text) exits 0 with nothing on stderr" [ "$rc" -eq 0 -a ! -s "$X.err" ]
	row=$(awk -v pid="$VPID" 'NR > 2 && $3 == pid' "$X" | head -1)
	# shellcheck disable=SC2034 # read in the checkf expression
	read -r _ _ r_pid r_comm r_uid r_kind _ _ r_trig r_cg <<<"$row"
	checkf "text lists pid $VPID as $VICTIM, uid 0, memcg, trigger $VICTIM, cgroup $CG_PATH" \
		'[ "$r_pid" = "$VPID" ] && [ "$r_comm" = "$VICTIM" ] && [ "$r_uid" = 0 ] &&
		[ "$r_kind" = memcg ] && [ "$r_trig" = "$VICTIM" ] && [ "$r_cg" = "$CG_PATH" ]' ||
		printf '%s\n' "$row" | diag
	check "text has the header TIME PID COMM UID KIND FREED REAPED TRIGGER CGROUP" \
		grep -qE '^TIME +PID +COMM +UID +KIND +FREED +REAPED +TRIGGER +CGROUP$' "$X"
	rows=$(($(wc -l <"$X") - 2))
	title=$(head -1 "$X")
	# shellcheck disable=SC2034 # read in the checkf expression
	n=$(sed -nE '1s/^oomtop - ([0-9]+) OOM kills? in the kernel log.*/\1/p' "$X")
	m=$(sed -nE '1s/.*, ([0-9]+) since boot \(\/proc\/vmstat oom_kill\).*/\1/p' "$X")
	checkf "the title counts the rows: $rows OOM kills in the kernel log" '[ "$n" = "$rows" ]' ||
		echo "$title" | diag
	checkf "the title's kills since boot ($m) is at least the kills listed ($rows) and the counter read before ($vm_after), at most the one after ($vm_now)" \
		'[ -n "$m" ] && [ "$m" -ge "$rows" ] && [ "$m" -ge "$vm_after" ] && [ "$m" -le "$vm_now" ]' ||
		echo "$title" | diag
	checkx "text is newest first" \
		'awk "NR > 2 { print \$1, \$2 }" "$X" | sort -c -r'
	check "text output has no raw control bytes" text_clean "$X"

	# a second kill, of a name with spaces and parentheses
	run_oomtop "$B" -b --kills --format=json
	if real_kill "$VICTIM2"; then
		ok "a child named '$VICTIM2' that wants 200 MiB dies of SIGKILL (pid $VPID)"
	else
		not_ok "a child named '$VICTIM2' that wants 200 MiB dies of SIGKILL (pid $VPID, status $VRC)"
	fi
	if wait_listed "$J" "$VPID" "$(kill_count "$B" "$VPID")"; then
		kj=$(jq -c --argjson pid "$VPID" 'select(.pid == $pid)' "$J" | tail -1)
		checkf "the kill of '$VICTIM2' is listed with that comm and trigger, kind memcg, cgroup $CG_PATH" \
			'[ "$(kf .comm)" = "$VICTIM2" ] && [ "$(kf .trigger_comm)" = "$VICTIM2" ] &&
			[ "$(kf .kind)" = memcg ] && [ "$(kf .memcg)" = "$CG_PATH" ] && [ "$(kf .uid)" = 0 ]' ||
			echo "$kj" | diag
		run_oomtop "$X" -b --kills
		checkx "text shows pid $VPID with the name '$VICTIM2'" \
			'awk -v pid="$VPID" "NR > 2 && \$3 == pid" "$X" | grep -qF " $VICTIM2 "'
	else
		not_ok "the kill of '$VICTIM2' (pid $VPID) is listed"
		skip "text shows the kill of '$VICTIM2': not listed"
	fi
else
	skip "a real OOM kill in a memory cgroup: $CG_WHY"
fi

# --- user-space spoofs written into the real /dev/kmsg -----------------------

S=$T_TMP/spoof
if need_root && [ -w /dev/kmsg ]; then
	echo "Out of memory: Killed process 4242 (spoofed) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:0" >/dev/kmsg
	# "<3>" sets the level; the facility stays LOG_USER
	echo "<3>Memory cgroup out of memory: Killed process 4243 (spoofed) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:0" >/dev/kmsg
	# a record header inside the text: the kernel splits the write into records
	printf 'x\n3,99,1,-;Out of memory: Killed process 4244 (spoofed) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n' >/dev/kmsg
	kmsg_dump "$S.cap"
	if grep -q 'Killed process 4242 (spoofed)' "$S.cap" && grep -q 'Killed process 4243 (spoofed)' "$S.cap"; then
		ok "user space wrote the spoofs into /dev/kmsg (facility LOG_USER: $(grep -F '(spoofed)' "$S.cap" | cut -d, -f1 | sort -u | tr '\n' ' '))"
		run_oomtop "$S.json" -b --kills --format=json
		checkf "JSON does not list the spoofed pids 4242, 4243, 4244 nor comm 'spoofed'" \
			'json_lines_ok "$S.json" && ! jqe -s "any(.[]; .pid == 4242 or .pid == 4243 or .pid == 4244 or .comm == \"spoofed\")" "$S.json"' ||
			grep -F spoofed "$S.json" | diag
		run_oomtop "$S.txt" -b --kills
		checkx "text does not list the spoofs" '! grep -q spoofed "$S.txt"'
		run_oomtop "$S.rjson" -b --kills --format=json --kmsg "$S.cap"
		checkx "nor does a replay of a capture holding them" \
			'[ -s "$S.cap" ] && ! grep -q spoofed "$S.rjson"'
	else
		not_ok "user space wrote the spoofs into /dev/kmsg"
		skip "spoofs: not in the kernel log"
		skip "spoofs: not in the kernel log"
		skip "spoofs: not in the kernel log"
	fi
else
	for _ in 1 2 3 4; do skip "writing spoofs into /dev/kmsg needs root"; done
fi

# --- replay: a capture of this machine's /dev/kmsg ---------------------------

R=$T_TMP/replay
if kmsg_dump "$R.probe" 2>/dev/null; then
	same=''
	for _ in 1 2 3 4 5; do # a kill between the reads (another test) starts over
		run_oomtop "$R.live1" -b --kills --format=json
		run_oomtop "$R.ltxt" -b --kills
		kmsg_dump "$R.cap"
		run_oomtop "$R.live2" -b --kills --format=json
		if cmp -s <(kills_notime "$R.live1") <(kills_notime "$R.live2"); then
			same=1
			break
		fi
	done
	rc=0
	run_oomtop "$R.json" -b --kills --format=json --kmsg "$R.cap" || rc=$?
	check "--kmsg CAPTURE exits 0" [ "$rc" -eq 0 ]
	nk=$(wc -l <"$R.live1")
	if [ -z "$same" ]; then
		skip "the kernel log kept changing; no stable capture to compare"
	elif cmp -s <(kills_notime "$R.live1") <(kills_notime "$R.json"); then
		ok "--kmsg of a capture of /dev/kmsg gives the same $nk kills as the live read"
	else
		not_ok "--kmsg of a capture of /dev/kmsg gives the same $nk kills as the live read"
		diff <(kills_notime "$R.live1") <(kills_notime "$R.json") | head -10 | diag
	fi
	if [ -n "$REAL" ]; then
		check "the capture's replay holds the real kill (pid $REAL)" \
			jqe -s --argjson pid "$REAL" 'any(.[]; .pid == $pid and .kind == "memcg")' "$R.json"
	else
		skip "no real kill to find in the capture"
	fi
	run_oomtop "$R.txt" -b --kills --kmsg "$R.cap"
	if [ -n "$same" ] && cmp -s <(text_rows "$R.txt") <(text_rows "$R.ltxt"); then
		ok "text of the replay equals the live text below the title (but for the time)"
	elif [ -n "$same" ]; then
		not_ok "text of the replay equals the live text below the title (but for the time)"
		diff <(text_rows "$R.ltxt") <(text_rows "$R.txt") | head -10 | diag
	else
		skip "the kernel log kept changing"
	fi
else
	skip "/dev/kmsg is not readable here: no capture to replay"
	skip "/dev/kmsg is not readable here: no capture to replay"
	skip "/dev/kmsg is not readable here: no capture to replay"
	skip "/dev/kmsg is not readable here: no capture to replay"
fi

# --- replay: hand-made records of several kernel eras -----------------------

# rec PRIO TEXT: one record "PRIO,SEQ,USEC,-;TEXT" of the capture being
# written to $CAP; SEQ counts up from $SEQ, USEC by 100 from $USEC.
rec() {
	printf '%s,%s,%s,-;%s\n' "$1" "$SEQ" "$USEC" "$2" >>"$CAP"
	SEQ=$((SEQ + 1)) USEC=$((USEC + 100))
}

E=$T_TMP/eras
CAP=$E.cap SEQ=1 USEC=1000000
: >"$CAP"
# 2.6.32: "kill process ... or a child", then the child killed, with vsz
rec 4 'bash invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0'
rec 6 'Pid: 1234, comm: bash Not tainted 2.6.32-754.el6.x86_64 #1'
printf ' SUBSYSTEM=cpu\n DEVICE=+cpu:0\n' >>"$CAP"  # continuation lines
rec 3 'Out of memory: kill process 1234 (bash) score 50000 or a child'
rec 3 'Killed process 1300 (memeater) vsz:1048576kB, anon-rss:1000000kB, file-rss:120kB'
rec 6 'noise before the gap'   # seq 5
SEQ=9 USEC=2000000             # seq 6, 7, 8 were overwritten
# 4.x: memcg, "Task in", "Kill process ... or sacrifice child", shmem-rss
rec 4 'stress invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0'
rec 6 'Task in /a killed as a result of limit of /a'
rec 6 'memory: usage 65536kB, limit 65536kB, failcnt 42'
rec 3 'Memory cgroup out of memory: Kill process 2345 (stress) score 990 or sacrifice child'
rec 3 'Killed process 2345 (stress) total-vm:140000kB, anon-rss:65000kB, file-rss:300kB, shmem-rss:0kB'
rec 6 'oom_reaper: reaped process 2345 (stress), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB'
# 6.x: memcg, with the summary line, UID, pgtables and oom_score_adj
USEC=3000000
rec 4 'python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=500'
rec 6 'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/system.slice/app.service,task_memcg=/system.slice/app.service,task=python3,pid=3456,uid=1000'
rec 3 'Memory cgroup out of memory: Killed process 3456 (python3) total-vm:500000kB, anon-rss:250000kB, file-rss:1000kB, shmem-rss:4kB, UID:1000 pgtables:600kB oom_score_adj:500'
# user space (facility 1) pretending: ignored
rec 12 'Out of memory: Killed process 1 (init) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB'
rec 14 'Out of memory: Killed process 1 (init) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:0'
rec 11 'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=init,pid=1,uid=0'
# 6.x: global, reaped
USEC=4000000
rec 4 'kworker/u8:1 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0'
rec 6 'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice/user-1000.slice/session-2.scope,task=firefox,pid=4567,uid=1000'
rec 3 'Out of memory: Killed process 4567 (firefox) total-vm:3000000kB, anon-rss:2000000kB, file-rss:0kB, shmem-rss:1200kB, UID:1000 pgtables:5000kB oom_score_adj:-100'
rec 6 'oom_reaper: reaped process 4567 (firefox), now anon-rss:0kB, file-rss:0kB, shmem-rss:1200kB'

cat >"$E.want" <<'EOF'
{"usec":1000300,"pid":1300,"comm":"memeater","uid":null,"kind":"global","constraint":null,"memcg":null,"total_vm_kb":1048576,"anon_rss_kb":1000000,"file_rss_kb":120,"shmem_rss_kb":0,"pgtables_kb":0,"oom_score_adj":null,"trigger_comm":"bash","reaped":false}
{"usec":2000400,"pid":2345,"comm":"stress","uid":null,"kind":"memcg","constraint":null,"memcg":"/a","total_vm_kb":140000,"anon_rss_kb":65000,"file_rss_kb":300,"shmem_rss_kb":0,"pgtables_kb":0,"oom_score_adj":null,"trigger_comm":"stress","reaped":true}
{"usec":3000200,"pid":3456,"comm":"python3","uid":1000,"kind":"memcg","constraint":"CONSTRAINT_MEMCG","memcg":"/system.slice/app.service","total_vm_kb":500000,"anon_rss_kb":250000,"file_rss_kb":1000,"shmem_rss_kb":4,"pgtables_kb":600,"oom_score_adj":500,"trigger_comm":"python3","reaped":false}
{"usec":4000200,"pid":4567,"comm":"firefox","uid":1000,"kind":"global","constraint":"CONSTRAINT_NONE","memcg":"/user.slice/user-1000.slice/session-2.scope","total_vm_kb":3000000,"anon_rss_kb":2000000,"file_rss_kb":0,"shmem_rss_kb":1200,"pgtables_kb":5000,"oom_score_adj":-100,"trigger_comm":"kworker/u8:1","reaped":true}
EOF

rc=0
run_oomtop "$E.json" -b --kills --format=json --kmsg "$CAP" || rc=$?
check "--kmsg with records of 2.6.32, 4.x and 6.x exits 0, nothing on stderr" [ "$rc" -eq 0 -a ! -s "$E.json.err" ]
check "its JSON is valid" json_lines_ok "$E.json"
era_label=("2.6.32 global (kill process ... or a child; vsz)" "4.x memcg (Task in; sacrifice child; shmem-rss; reaped)"
	"6.x memcg (oom-kill: summary; UID; oom_score_adj)" "6.x global (reaped)")
for i in 0 1 2 3; do
	want=$(sed -n "$((i + 1))p" "$E.want" | jq -cS .)
	got=$(kills_notime "$E.json" | sed -n "$((i + 1))p")
	if [ "$want" = "$got" ]; then
		ok "kill $((i + 1)): ${era_label[i]}"
	else
		not_ok "kill $((i + 1)): ${era_label[i]}"
		{
			echo "want $want"
			echo "got  $got"
		} | diag
	fi
done
check "exactly 4 kills: the spoofs of user space (facility 1) are not among them" \
	[ "$(wc -l <"$E.json")" -eq 4 ]
checkx "time is ISO 8601 for every kill" \
	'jqe -s "length > 0 and all(.[]; .time | test(\"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{4}$\"))" "$E.json"'
run_oomtop "$E.txt" -b --kills --kmsg "$CAP"
checkf "text title: 4 OOM kills, 3 records lost (seq 5 then 9)" \
	'head -1 "$E.txt" | grep -qE "^oomtop - 4 OOM kills in the kernel log.*, 3 records lost"' ||
	head -1 "$E.txt" | diag
checkx "text is newest first: pids 4567 3456 2345 1300" \
	'[ "$(awk "NR > 2 { print \$3 }" "$E.txt" | tr "\n" " ")" = "4567 3456 2345 1300 " ]'
checkf "text rows: uid '-' where not printed, the cgroup, reaped yes/no, trigger" \
	'awk "NR > 2 && \$3 == 1300" "$E.txt" | grep -qE " 1300 memeater +- +global .* no +bash +-$" &&
	 awk "NR > 2 && \$3 == 2345" "$E.txt" | grep -qE " 2345 stress +- +memcg .* yes +stress +/a$" &&
	 awk "NR > 2 && \$3 == 4567" "$E.txt" | grep -qE " 4567 firefox +1000 +global .* yes +kworker/u8:1 +/user.slice/user-1000.slice/session-2.scope$"' ||
	diag <"$E.txt"
check "no 'records lost' without a gap (the capture of this machine)" \
	bash -c "[ ! -s '$R.txt' ] || ! head -1 '$R.txt' | grep -q 'records lost'"

# --- replay through a FIFO --------------------------------------------------

F=$T_TMP/fifo
mkfifo "$F"
# writer PAUSE: write the first half of the era capture, pause, the rest, close
half=$(($(wc -l <"$CAP") / 2))
fifo_writer() {
	exec 3>"$F"
	head -n "$half" "$CAP" >&3
	sleep "$1"
	tail -n +"$((half + 1))" "$CAP" >&3
	exec 3>&-
}
# the writer first: it blocks in open until oomtop opens the FIFO
rc=0
{ # stderr off: bash's notice of a writer killed (or hit by SIGPIPE)
	t_spawn wpid fifo_writer 0.5
	run_oomtop "$F.json1" -b --kills --format=json --kmsg "$F" || rc=$?
	kill -KILL "$wpid"
	wait "$wpid"
} 2>/dev/null
checkf "FIFO, writer first (pauses, then closes): oomtop exits 0 with the 4 kills of the file" \
	'[ "$rc" -eq 0 ] && cmp -s <(kills_notime "$F.json1") <(kills_notime "$E.json")' ||
	echo "status $rc, $(wc -l <"$F.json1") kills" | diag
# oomtop first: it must wait for a writer and read until the writer closes.
# The writer starts once oomtop has the FIFO open, or waits in open() for a
# writer, or has exited (10 s at most: a hang guard).
run_oomtop "$F.json2" -b --kills --format=json --kmsg "$F" &
opid=$!
oexe=$(readlink -f "$OOMTOP")
for ((i = 0; i < 100; i++)); do
	proc_gone "$opid" && break
	p=$(pgrep -f -- "--kmsg $F\$" | while read -r q; do
		[ "$(readlink "/proc/$q/exe")" = "$oexe" ] && echo "$q"
	done | head -1)
	if [ -n "$p" ]; then
		[ "$(cat "/proc/$p/wchan" 2>/dev/null)" = wait_for_partner ] && break
		for fd in "/proc/$p/fd"/*; do
			[ "$(readlink "$fd")" = "$F" ] && break 2
		done
	fi
	sleep 0.1
done
{
	fifo_writer 0.5 &
	wpid=$!
	wait "$opid"
	rc=$?
	kill -KILL "$wpid" # blocked in open when oomtop left without reading
	wait "$wpid"
} 2>/dev/null
checkf "FIFO, oomtop first: it waits for the writer and prints the 4 kills, exits 0" \
	'[ "$rc" -eq 0 ] && cmp -s <(kills_notime "$F.json2") <(kills_notime "$E.json")' ||
	echo "status $rc, $(wc -l <"$F.json2") kills" | diag

# --- --kmsg errors -----------------------------------------------------------

M=$T_TMP/missing
rc=0
run_oomtop "$M.out" -b --kills --kmsg "$T_TMP/no-such-capture" || rc=$?
check "--kmsg with a missing file exits 2" [ "$rc" -eq 2 ]
check "--kmsg with a missing file prints nothing on stdout" [ ! -s "$M.out" ]
checkf "--kmsg with a missing file says so in one line naming the file" \
	'[ "$(wc -l <"$M.out.err")" -eq 1 ] && grep -qF "$T_TMP/no-such-capture" "$M.out.err" &&
	grep -qiE "no such file|not found" "$M.out.err"' || diag <"$M.out.err"
rc=0
run_oomtop "$M.out" -b --kills --kmsg "$T_TMP" || rc=$?
checkf "--kmsg with a directory exits 2 with one line on stderr" \
	'[ "$rc" -eq 2 ] && [ "$(wc -l <"$M.out.err")" -eq 1 ]' || diag <"$M.out.err"

# --- hostile names -----------------------------------------------------------

H=$T_TMP/hostile
CAP=$H.cap SEQ=100 USEC=7000000
: >"$CAP"
# pid | the name as /dev/kmsg shows it (bytes above 126, below 32 and '\'
# as \xNN) | a label
HN=(
	601 'a (b) c)'           "spaces and parentheses"
	602 'evil\x1b[31mred'    "an escape sequence as /dev/kmsg escapes it"
	603 "q\"u'o\\x5cu0022"   "quotes and a backslash (\\x5c) before u0022"
	604 'x) total-vm:1kB'    "the text that follows a name"
	605 'a,pid=1,uid=0'      "the summary's separators"
)
for ((i = 0; i < ${#HN[@]}; i += 3)); do
	pid=${HN[i]} name=${HN[i + 1]}
	rec 4 "$name invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"
	rec 6 "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/we ird\\x1b[2J (cg),task_memcg=/we ird\\x1b[2J (cg),task=$name,pid=$pid,uid=0"
	rec 3 "Memory cgroup out of memory: Killed process $pid ($name) total-vm:1000kB, anon-rss:500kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:8kB oom_score_adj:0"
done
# a tampered capture: raw bytes the kernel would have escaped
RAW=$'raw\e]0;pwn\a\xff\xc2\x9bz'
rec 4 "$RAW invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"
rec 3 "Out of memory: Killed process 606 ($RAW) total-vm:1000kB, anon-rss:500kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:8kB oom_score_adj:0"
# garbage, a cut header and a cut kill line: no kill, no crash
echo 'not a record at all' >>"$CAP"
echo '3,107,' >>"$CAP"
rec 3 'Out of memory: Killed process 607 (cut) total-vm:10'
printf '%s' "3,$SEQ,$USEC,-;Out of memory: Killed process 608 (nonl) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB" >>"$CAP"

rc=0
run_oomtop "$H.json" -b --kills --format=json --kmsg "$CAP" || rc=$?
check "hostile capture: exits 0" [ "$rc" -eq 0 ]
check "hostile capture: JSON is valid (strict UTF-8, escaped controls)" json_lines_ok "$H.json"
for ((i = 0; i < ${#HN[@]}; i += 3)); do
	pid=${HN[i]} name=${HN[i + 1]} label=${HN[i + 2]}
	got=$(jq -r --argjson pid "$pid" 'select(.pid == $pid) | .comm' "$H.json")
	gtr=$(jq -r --argjson pid "$pid" 'select(.pid == $pid) | .trigger_comm' "$H.json")
	if [ "$got" = "$name" ] && [ "$gtr" = "$name" ]; then
		ok "name with $label: comm and trigger_comm are the kernel's text $name"
	else
		not_ok "name with $label: comm and trigger_comm are the kernel's text $name (got '$got', '$gtr')"
	fi
done
check "the cgroup with a space, an escape and parentheses is the kernel's text" \
	jqe -s 'map(select(.pid >= 601 and .pid <= 605) | .memcg) == [range(5) | "/we ird\\x1b[2J (cg)"]' "$H.json"
checkx "raw bytes in a tampered capture: JSON escapes them (ESC as \\u001b, BEL as \\u0007)" \
	'grep "\"pid\":606," "$H.json" | grep -qF "\\u001b]0;pwn\\u0007" &&
	jqe -s "any(.[]; .pid == 606 and (.comm | startswith(\"raw\\u001b]0;pwn\\u0007\") and endswith(\"z\")))" "$H.json"'
checkx "garbled and cut records give no kill; a last line without newline still counts" \
	'! jqe -s "any(.[]; .pid == 607)" "$H.json" && jqe -s "any(.[]; .pid == 608)" "$H.json"'
check "hostile capture: 7 kills" [ "$(wc -l <"$H.json")" -eq 7 ]
for loc in C.UTF-8 C; do
	rc=0
	LC_ALL=$loc run_oomtop "$H.$loc.txt" -b --kills --kmsg "$CAP" || rc=$?
	check "text in LC_ALL=$loc: exits 0, one row per kill" \
		[ "$rc" -eq 0 -a "$(wc -l <"$H.$loc.txt")" -eq 9 ]
	check "text in LC_ALL=$loc: no raw control bytes" text_clean "$H.$loc.txt"
	checkx "text in LC_ALL=$loc: pid is the 3rd field of every row, names and all" \
		'[ "$(awk "NR > 2 { print \$3 }" "$H.$loc.txt" | sort -n | tr "\n" " ")" = "601 602 603 604 605 606 608 " ]'
done
check "text in LC_ALL=C is plain ASCII" bash -c "! LC_ALL=C grep -qP '[^\\x00-\\x7f]' '$H.C.txt'"

# --- permissions: an unprivileged user and kernel.dmesg_restrict -------------

P=$T_TMP/perm
if ! need_root && [ "$(cat "$RESTRICT")" = 1 ] && ! kmsg_dump "$P.probe"; then
	# we are the unprivileged user
	rc=0
	run_oomtop "$P.out" -b --kills || rc=$?
	checkf "as uid $(id -u) with dmesg_restrict=1: --kills exits 2 and says kernel log not readable: needs root or CAP_SYSLOG (kernel.dmesg_restrict=1)" \
		'[ "$rc" -eq 2 ] && [ ! -s "$P.out" ] &&
		grep -qF "kernel log not readable: needs root or CAP_SYSLOG (kernel.dmesg_restrict=1)" "$P.out.err"' ||
		diag <"$P.out.err"
	rc=0
	run_oomtop "$P.table" -b || rc=$?
	check "as uid $(id -u): oomtop -b (the process table) still works" [ "$rc" -eq 0 -a ! -s "$P.table.err" ]
	for _ in 1 2 3 4; do skip "the other permission checks need root and setpriv"; done
elif ! need_root || ! command -v setpriv >/dev/null; then
	for _ in 1 2 3 4 5 6; do skip "running as an unprivileged user needs root and setpriv"; done
else
	why=''
	if [ "$(cat "$RESTRICT")" != 1 ]; then
		old=$(cat "$RESTRICT")
		if echo 1 >"$RESTRICT" 2>/dev/null; then
			RESTRICT_OLD=$old
			echo "# kernel.dmesg_restrict was $old: set to 1 for this test, put back at exit"
		else
			why="kernel.dmesg_restrict is $old and cannot be set to 1 here"
		fi
	fi
	if [ -n "$why" ]; then
		skip "$why"
		skip "$why"
	else
		rc=0
		run_nobody "$P.out" -b --kills || rc=$?
		checkf "as uid 65534 with dmesg_restrict=1: --kills exits 2, nothing on stdout" \
			'[ "$rc" -eq 2 ] && [ ! -s "$P.out" ]' || echo "status $rc" | diag
		checkf "... and says why on stderr: kernel log not readable: needs root or CAP_SYSLOG (kernel.dmesg_restrict=1)" \
			'grep -qF "kernel log not readable: needs root or CAP_SYSLOG (kernel.dmesg_restrict=1)" "$P.out.err"' ||
			diag <"$P.out.err"
		rc=0
		run_nobody "$P.json" -b --kills --format=json || rc=$?
		checkx "as uid 65534: --kills --format=json exits 2 with the same reason" \
			'[ "$rc" -eq 2 ] && [ ! -s "$P.json" ] && grep -qF "needs root or CAP_SYSLOG" "$P.json.err"'
		rc=0
		run_nobody "$P.caps" --caps -b --kills --format=json || rc=$?
		if [ -n "$REAL" ]; then
			checkf "as uid 65534 with CAP_SYSLOG: --kills reads the log and lists the real kill" \
				'[ "$rc" -eq 0 ] && jqe -s --argjson pid "$REAL" "any(.[]; .pid == \$pid)" "$P.caps"' ||
				diag <"$P.caps.err"
		else
			checkf "as uid 65534 with CAP_SYSLOG: --kills reads the log" '[ "$rc" -eq 0 ]' ||
				diag <"$P.caps.err"
		fi
	fi
	rc=0
	run_nobody "$P.table" -b || rc=$?
	checkf "as uid 65534: oomtop -b (the process table) still works" \
		'[ "$rc" -eq 0 ] && [ ! -s "$P.table.err" ] && grep -qE "^oomtop - .* processes, [0-9]+ killable$" "$P.table"' ||
		diag <"$P.table.err"
	rc=0
	run_nobody "$P.tj" -b --format=json || rc=$?
	checkx "as uid 65534: oomtop -b --format=json still works" \
		'[ "$rc" -eq 0 ] && jqe ".processes | length > 0" "$P.tj"'
	# a capture the user cannot read is not the kernel's log
	rc=0
	run_nobody "$P.file" -b --kills --kmsg "$E.cap" || rc=$?
	checkf "as uid 65534: an unreadable --kmsg file exits 2 naming the file, not dmesg_restrict" \
		'[ "$rc" -eq 2 ] && grep -qF "$E.cap" "$P.file.err" && ! grep -q dmesg_restrict "$P.file.err"' ||
		diag <"$P.file.err"
fi

check_sanitizers
