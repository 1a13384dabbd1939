#!/usr/bin/env bash
# cgroups.sh - memory cgroups in batch mode, against the real kernel:
#  - the prediction, checked twice against a real OOM kill: a memory cgroup
#    (v1, or v2 where the memory controller is) limited to 256 MiB holds three
#    hogs of 40, 80 and 120 MiB; with adj 0/0/0 the 120 MiB one dies first
#    (size decides), with adj 800/0/0 the 40 MiB one (adj decides against
#    size). Before the OOM, `-b --cgroups --format=json` names it as the
#    first victim and `-b -c PATH --format=json` gives it rank 1 (and the
#    others the ranks of the kernel's formula); then a fourth process grows
#    past the limit, the kernel kills one process, and `-b --kills` must name
#    the predicted one;
#  - the cgroup's numbers equal its files (usage, limit, OOM kills, oom.group),
#    the text form has a row with LIMIT and FIRST VICTIM;
#  - options: --cgroups without -b, -c relative, -c of no cgroup, -c with the
#    full path under the mount;
#  - the OOM policy from OOMTOP_VM_DIR (panic_on_oom, oom_kill_allocating_task)
#    in the JSON "policy" object.
# The parts that need a memory cgroup are skipped with the reason when not
# root or no memory controller is mounted. No check measures time: every wait
# polls with a generous limit.
# shellcheck disable=SC2016 # the checkx expressions expand when they run
set -u
. "$TOP/tests/lib.sh"
. "$TOP/tests/integration/common.bash"

PAGE_KB=$(($(getconf PAGESIZE) / 1024))
LIMIT_MIB=256
CG_MNT=''       # the mount of the hierarchy with the memory controller (as oomtop picks it)
CG_V=''         # 1 or 2
CG_AVAIL_WHY='' # why no memory controller is mounted, "" when there is one
CG_WHY=''       # why no cgroup can be made here, "" when one can
CG_ENABLED=''   # v2: the cgroup.subtree_control we added +memory to
CG_DIRS=()      # the cgroups made, removed at exit

cgroups_cleanup() {
	local d p i
	for d in "${CG_DIRS[@]}"; do
		[ -d "$d" ] || continue
		for ((i = 0; i < 100; i++)); do
			# only our children can be in it
			while read -r p; do kill -KILL "$p" 2>/dev/null; done <"$d/cgroup.procs"
			rmdir "$d" 2>/dev/null && break
			sleep 0.1
		done
		[ -d "$d" ] && echo "# could not remove $d"
	done
	[ -n "$CG_ENABLED" ] && echo -memory >"$CG_ENABLED" 2>/dev/null
	t_cleanup
}
trap cgroups_cleanup EXIT

# checkf DESCRIPTION 'EXPRESSION': checkx, false when not ok (for || diag)
checkf() {
	if eval "$2"; then
		ok "$1"
	else
		not_ok "$1"
		return 1
	fi
}

# true when PID has exited (gone, or a zombie not yet waited for)
proc_gone() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
	s=${s##*) }
	[ "${s%% *}" = Z ]
}

# --- where the memory controller is, as oomtop finds it -----------------------
# The first cgroup2 mount when its cgroup.controllers lists memory, else the
# first v1 hierarchy with the memory controller (/proc/self/mountinfo).
mounts() { awk '{ for (i = 7; $i != "-"; i++); print $5, $(i + 1), $(i + 3) }' /proc/self/mountinfo; }
v2=$(mounts | awk '$2 == "cgroup2" { print $1; exit }')
if [ -n "$v2" ] && grep -qw memory "$v2/cgroup.controllers" 2>/dev/null; then
	CG_MNT=$v2 CG_V=2
else
	CG_MNT=$(mounts | awk '$2 == "cgroup" && ("," $3 ",") ~ /,memory,/ { print $1; exit }')
	[ -n "$CG_MNT" ] && CG_V=1
fi
if [ -z "$CG_MNT" ]; then
	CG_AVAIL_WHY="no memory cgroup controller is mounted (neither v1 memory nor cgroup2 with memory)"
	CG_WHY=$CG_AVAIL_WHY
elif ! need_root; then
	CG_WHY="not root: cannot make a memory cgroup"
elif [ ! -w "$CG_MNT" ]; then
	CG_WHY="$CG_MNT is not writable"
elif [ "$CG_V" = 2 ] && ! grep -qw memory "$CG_MNT/cgroup.subtree_control"; then
	if echo +memory >"$CG_MNT/cgroup.subtree_control" 2>/dev/null; then
		CG_ENABLED=$CG_MNT/cgroup.subtree_control
	else
		CG_WHY="cannot enable the memory controller in $CG_MNT/cgroup.subtree_control"
	fi
fi
[ -n "$CG_WHY" ] && echo "# no test cgroup: $CG_WHY"

# The files of a cgroup directory, v1 or v2.
cg_usage_file() { if [ "$CG_V" = 1 ]; then echo "$1/memory.usage_in_bytes"; else echo "$1/memory.current"; fi; }
cg_limit_file() { if [ "$CG_V" = 1 ]; then echo "$1/memory.limit_in_bytes"; else echo "$1/memory.max"; fi; }
cg_oom_kill() {
	if [ "$CG_V" = 1 ]; then
		awk '$1 == "oom_kill" { print $2 }' "$1/memory.oom_control"
	else
		awk '$1 == "oom_kill" { print $2 }' "$1/memory.events"
	fi
}

# cg_make NAME: the cgroup NAME at the top of the hierarchy, limited to
# LIMIT_MIB without swap, its OOM killer on; its directory in CG. false with CG_WHY.
cg_make() {
	CG=$CG_MNT/$1
	if ! mkdir "$CG"; then
		CG_WHY="cannot make $CG"
		return 1
	fi
	CG_DIRS+=("$CG")
	if [ "$CG_V" = 1 ]; then
		echo $((LIMIT_MIB << 20)) >"$CG/memory.limit_in_bytes" || return 1
		echo 0 >"$CG/memory.oom_control" || return 1
		echo 0 >"$CG/memory.swappiness" 2>/dev/null
		[ -e "$CG/memory.memsw.limit_in_bytes" ] &&
			echo $((LIMIT_MIB << 20)) >"$CG/memory.memsw.limit_in_bytes"
	else
		echo $((LIMIT_MIB << 20)) >"$CG/memory.max" || return 1
		[ -e "$CG/memory.swap.max" ] && echo 0 >"$CG/memory.swap.max"
	fi
	return 0
}

# cg_hog VAR DIR MIB ADJ NAME: a hog inside the cgroup DIR from its first page
# (its memory is charged there), ready; its pid in VAR. It runs through a
# link named NAME: the kernel's name for it is NAME while it allocates too.
cg_hog() {
	local _v=$1 dir=$2 ready=$T_TMP/ready.$5 link=$T_TMP/$5 _p
	ln -sf "$HOG" "$link"
	(echo "$BASHPID" >"$dir/cgroup.procs" && echo 0 >/proc/self/oom_score_adj &&
		exec "$link" "$3" "$4" "$5" "$ready") 2>>"$T_TMP/hog.err" &
	_p=$!
	T_PIDS+=("$_p")
	printf -v "$_v" '%s' "$_p"
	[ "${6:-}" = nowait ] && return 0
	t_wait_file "$ready" "$_p"
}

# The memory cgroup of PID as /proc/PID/cgroup says (v1: the memory line, v2: 0::)
proc_memcg() {
	if [ "$CG_V" = 1 ]; then
		awk -F: '("," $2 ",") ~ /,memory,/ { print $3; exit }' "/proc/$1/cgroup"
	else
		awk -F: '$1 == "0" && $2 == "" { print $3; exit }' "/proc/$1/cgroup"
	fi
}

# status_pages PID: resident + swapped + page tables of PID, in pages (as the
# kernel's oom_badness counts them)
status_pages() {
	awk -v pg="$PAGE_KB" '$1 == "VmRSS:" { r = $2 } $1 == "VmSwap:" { s = $2 } $1 == "VmPTE:" { p = $2 }
		END { printf "%d\n", int((r + s) / pg) + int(p / pg) }' "/proc/$1/status"
}

# kills_of FILE PIDS...: how many kills of any of PIDS a --kills JSON Lines file lists
kills_of() {
	jq -s --arg pids "${*:2}" '($pids | split(" ") | map(tonumber)) as $p |
		[.[] | select(.pid as $x | $p | any(. == $x))] | length' "$1" 2>/dev/null
}

# --- the prediction, checked against the kernel -------------------------------

# run_case N "ADJ40 ADJ80 ADJ120" WANT: cgroup N with hogs of 40, 80 and 120
# MiB; WANT (40, 80 or 120) is the hog that must die first
run_case() {
	local n=$1 want=$3 S="case $1 (adj $2):" name path i mib rc p
	local -a adj sizes=(40 80 120)
	local -A pid bad oombad pages
	read -ra adj <<<"$2"
	name=oomtop-cgit-$$-$n
	if ! cg_make "$name"; then
		not_ok "$S a memory cgroup v$CG_V limited to $LIMIT_MIB MiB ($CG_WHY)"
		return
	fi
	ok "$S a memory cgroup v$CG_V limited to $LIMIT_MIB MiB: $CG"
	for i in 0 1 2; do
		mib=${sizes[i]}
		if ! cg_hog "pid[$mib]" "$CG" "$mib" "${adj[i]}" "cg$n-h$mib"; then
			not_ok "$S hog of $mib MiB (adj ${adj[i]}) starts in the cgroup"
			diag <"$T_TMP/hog.err"
			return
		fi
	done
	ok "$S hogs ready: ${pid[40]} (40 MiB, adj ${adj[0]}), ${pid[80]} (80 MiB, adj ${adj[1]}), ${pid[120]} (120 MiB, adj ${adj[2]})"
	path=$(proc_memcg "${pid[40]}")
	checkf "$S the hogs' memory cgroup is /$name (got $path)" '[ "$path" = "/$name" ]' || return

	# the kernel's formula: rss + swap + page tables (pages) + adj * (total / 1000),
	# total = the limit in pages (the cgroup may not swap); oomtop adds the
	# machine's swap to the total (none here: same numbers)
	local limit_kb swap_kb ktotal ototal best=''
	limit_kb=$(($(cat "$(cg_limit_file "$CG")") / 1024))
	swap_kb=$(awk '$1 == "SwapTotal:" { print $2 }' /proc/meminfo)
	ktotal=$((limit_kb / PAGE_KB))
	ototal=$((limit_kb / PAGE_KB + swap_kb / PAGE_KB))
	for i in 0 1 2; do
		mib=${sizes[i]}
		pages[$mib]=$(status_pages "${pid[$mib]}")
		bad[$mib]=$((pages[$mib] + adj[i] * (ktotal / 1000)))
		oombad[$mib]=$((pages[$mib] + adj[i] * (ototal / 1000)))
		if [ -z "$best" ] || [ "${bad[$mib]}" -gt "${bad[$best]}" ]; then best=$mib; fi
	done
	local table="40 MiB: ${pages[40]} pages + ${adj[0]} * $((ktotal / 1000)) = ${bad[40]}; 80 MiB: ${pages[80]} + ${adj[1]} * $((ktotal / 1000)) = ${bad[80]}; 120 MiB: ${pages[120]} + ${adj[2]} * $((ktotal / 1000)) = ${bad[120]}"
	echo "# $S badness against $ktotal pages: $table"
	checkf "$S by the kernel's formula the $want MiB hog has the highest badness ($table)" \
		'[ "$best" = "$want" ]' || return
	local vpid=${pid[$want]} order
	# the kill order inside the cgroup, by the formula
	order=$(for mib in 40 80 120; do echo "${bad[$mib]} ${pid[$mib]}"; done | sort -rn | awk '{ print $2 }' | xargs)

	# -b --cgroups --format=json: the row of the cgroup, then its files
	local J=$T_TMP/case$n.json row usage_b
	rc=0
	run_oomtop "$J" -b --cgroups --format=json || rc=$?
	usage_b=$(cat "$(cg_usage_file "$CG")")
	checkf "$S -b --cgroups --format=json exits 0, nothing on stderr, every line a JSON object" \
		'[ "$rc" -eq 0 ] && [ ! -s "$J.err" ] && jq -e "type == \"object\"" "$J" >/dev/null' || diag <"$J.err"
	row=$(jq -c --arg p "$path" 'select(.path == $p)' "$J" 2>/dev/null)
	[ "$(printf '%s' "$row" | grep -c .)" = 1 ] || row='{}'
	rowf() { jq -r "$1" <<<"$row"; }
	checkf "$S --cgroups lists $path once" '[ "$(rowf .path)" = "$path" ]' || diag <"$J"
	checkf "$S first_victim.pid is the $want MiB hog $vpid (got $(rowf .first_victim.pid) $(rowf .first_victim.comm))" \
		'[ "$(rowf .first_victim.pid)" = "$vpid" ] && [ "$(rowf .first_victim.comm)" = "cg$n-h$want" ]' ||
		echo "$row" | diag
	checkf "$S first_victim.badness is the formula's ${oombad[$want]} pages (got $(rowf .first_victim.badness), 1% slack)" \
		'within_pct "$(rowf .first_victim.badness)" "${oombad[$want]}" 1'
	checkf "$S usage_kb $(rowf .usage_kb) is $(cg_usage_file "$CG") / 1024 = $((usage_b / 1024)), read right after, within 2 MiB" \
		'u=$(rowf .usage_kb) && [[ $u =~ ^[0-9]+$ ]] && d=$((u - usage_b / 1024)) && [ "${d#-}" -le 2048 ]'
	checkf "$S limit_kb and own_limit_kb are $(cg_limit_file "$CG") / 1024 = $limit_kb exactly (got $(rowf .limit_kb), $(rowf .own_limit_kb))" \
		'[ "$(rowf .limit_kb)" = "$limit_kb" ] && [ "$(rowf .own_limit_kb)" = "$limit_kb" ] && [ "$limit_kb" = $((LIMIT_MIB * 1024)) ]'
	checkf "$S procs is 3, oom_kills 0 as the file says (got $(rowf .procs), $(rowf .oom_kills); file $(cg_oom_kill "$CG"))" \
		'[ "$(rowf .procs)" = 3 ] && [ "$(rowf .oom_kills)" = 0 ] && [ "$(cg_oom_kill "$CG")" = 0 ]'
	if [ "$CG_V" = 1 ]; then
		checkf "$S v1: oom_group, high_kb and psi are null (got $(rowf .oom_group), $(rowf .high_kb), $(rowf .psi))" \
			'[ "$(rowf .oom_group)" = null ] && [ "$(rowf .high_kb)" = null ] && [ "$(rowf .psi)" = null ]'
	else
		local og psi_want=null
		og=$(cat "$CG/memory.oom.group")
		# memory.pressure cannot be read when the kernel runs without PSI
		head -c 1 "$CG/memory.pressure" >/dev/null 2>&1 && psi_want=number
		checkf "$S v2: oom_group matches memory.oom.group $og (got $(rowf .oom_group)); psi.some_avg10 a $psi_want" \
			'{ { [ "$og" = 1 ] && [ "$(rowf .oom_group)" = true ]; } || { [ "$og" = 0 ] && [ "$(rowf .oom_group)" = false ]; }; } &&
			[ "$(jq -r ".psi.some_avg10 | type" <<<"$row")" = "$psi_want" ]'
	fi

	# the text form
	local X=$T_TMP/case$n.txt
	rc=0
	run_oomtop "$X" -b --cgroups || rc=$?
	checkf "$S -b --cgroups: the header names PATH USAGE LIMIT PCT HIGH PSI OOMS GROUP PROCS FIRST VICTIM" \
		'[ "$rc" -eq 0 ] && [ "$(head -1 "$X" | xargs)" = "PATH USAGE LIMIT PCT HIGH PSI OOMS GROUP PROCS FIRST VICTIM" ]' ||
		head -3 "$X" | diag
	checkf "$S -b --cgroups: the row of $path has LIMIT 256M, PROCS 3, FIRST VICTIM \"$vpid cg$n-h$want\"" \
		'awk -v p="$path" -v v="$vpid" -v c="cg$n-h$want" "\$1 == p && \$3 == \"256M\" && \$9 == 3 && \$(NF - 1) == v && \$NF == c { f = 1 } END { exit !f }" "$X"' ||
		grep -F "$path" "$X" | diag

	# -c PATH: only the cgroup's processes, ranked by their kill order inside it
	local C=$T_TMP/case$n.c got got_full got_long
	rc=0
	run_oomtop "$C" -b -c "$path" --format=json || rc=$?
	got=$(jq -r '[.processes[] | select(.rank != null)] | sort_by(.rank) | map(.pid) | join(" ")' "$C" 2>/dev/null)
	checkf "$S -b -c $path --format=json: rank 1 is $vpid (the $want MiB hog)" \
		'[ "$rc" -eq 0 ] && [ "$(jq -r ".processes[] | select(.rank == 1) | .pid" "$C")" = "$vpid" ]' ||
		jq -c '.processes[] | [.rank, .pid, .comm, .rss_kb, .oom_score_adj]' "$C" 2>&1 | diag
	checkf "$S -c $path: just the 3 hogs, ranked 1 2 3 in the formula's order ($order; got $got)" \
		'[ "$got" = "$order" ] && [ "$(jq ".processes | length" "$C")" = 3 ]'
	run_oomtop "$C.full" -b -c "$CG" --format=json
	got_full=$(jq -r '[.processes[] | select(.rank != null)] | sort_by(.rank) | map(.pid) | join(" ")' "$C.full" 2>/dev/null)
	checkf "$S -c with the full path $CG: the same ranks ($got_full)" '[ "$got_full" = "$order" ]' || diag <"$C.full.err"
	run_oomtop "$C.long" -b --cgroup="$path" --format=json
	got_long=$(jq -r '[.processes[] | select(.rank != null)] | sort_by(.rank) | map(.pid) | join(" ")' "$C.long" 2>/dev/null)
	checkf "$S --cgroup=$path: the same ranks ($got_long)" '[ "$got_long" = "$order" ]'

	# --- the OOM: a fourth process grows past the limit
	local K0=$T_TMP/case$n.kills0 K=$T_TMP/case$n.kills room_kb grow gpid before kj kpid
	run_oomtop "$K0" -b --kills --format=json
	room_kb=$((limit_kb - $(cat "$(cg_usage_file "$CG")") / 1024))
	# more than fits, by 24 MiB; once the victim (at least 40 MiB) is gone, it fits
	grow=$((room_kb / 1024 + 24))
	before=$(kills_of "$K0" "${pid[40]}" "${pid[80]}" "${pid[120]}")
	cg_hog gpid "$CG" "$grow" 0 "cg$n-grow" nowait
	before=$((before + $(kills_of "$K0" "$gpid")))
	# it gets its memory once the kernel has killed someone: wait for that
	# (or for its own death), 120 s at most (a hang guard)
	local dead=''
	{ # stderr off: bash's "Killed" notice of the victim is expected here
		for ((i = 0; i < 1200; i++)); do
			[ -e "$T_TMP/ready.cg$n-grow" ] && break
			proc_gone "$gpid" && break
			sleep 0.1
		done
		for mib in 40 80 120; do
			proc_gone "${pid[$mib]}" && dead+=" $mib"
		done
		proc_gone "$gpid" && dead+=" grow"
		# reap the dead (our children): no zombie left in the cgroup
		for mib in $dead; do
			if [ "$mib" = grow ]; then wait "$gpid"; else wait "${pid[$mib]}"; fi
		done
	} 2>/dev/null
	echo "# $S room left ${room_kb} KiB, the grower $gpid asked for $grow MiB; dead:${dead:- none}"
	checkf "$S the grower ($grow MiB, ${room_kb} KiB were left) got its memory once the kernel killed one process: the $want MiB hog (dead:${dead:- none})" \
		'[ -e "$T_TMP/ready.cg$n-grow" ] && [ "$dead" = " $want" ]'
	if wait_kills "$K" "$before" "${pid[40]}" "${pid[80]}" "${pid[120]}" "$gpid"; then
		ok "$S oomtop -b --kills --format=json lists a kill of one of the 4 processes"
	else
		not_ok "$S oomtop -b --kills --format=json lists a kill of one of the 4 processes"
	fi
	kj=$(jq -c --arg pids "${pid[40]} ${pid[80]} ${pid[120]} $gpid" \
		'($pids | split(" ") | map(tonumber)) as $p | select(.pid as $x | $p | any(. == $x))' "$K" 2>/dev/null | tail -1)
	[ -n "$kj" ] || kj='{}'
	kpid=$(jq -r .pid <<<"$kj")
	local kb
	kb=$(jq -r --argjson t "$ktotal" --argjson pg "$PAGE_KB" \
		'((.anon_rss_kb + .file_rss_kb + .shmem_rss_kb) / $pg | floor) + (.pgtables_kb / $pg | floor) + .oom_score_adj * ($t / 1000 | floor)' <<<"$kj" 2>/dev/null)
	echo "# $S the kernel killed $kpid ($(jq -r .comm <<<"$kj")): anon $(jq -r .anon_rss_kb <<<"$kj") kB, file $(jq -r .file_rss_kb <<<"$kj") kB, pgtables $(jq -r .pgtables_kb <<<"$kj") kB, adj $(jq -r .oom_score_adj <<<"$kj"): badness $kb"
	if [ "$kpid" = "$vpid" ]; then
		ok "$S the kernel killed the predicted $vpid (cg$n-h$want, badness $kb at the kill)"
	else
		not_ok "$S the kernel killed the predicted $vpid (cg$n-h$want)"
		{
			echo "predicted $vpid: $want MiB, ${pages[$want]} pages, badness ${bad[$want]}"
			for mib in 40 80 120; do
				echo "hog ${pid[$mib]} cg$n-h$mib: $mib MiB, ${pages[$mib]} pages, badness ${bad[$mib]}"
			done
			echo "grower $gpid: asked for $grow MiB with ${room_kb} KiB left"
			echo "killed: $kj (badness $kb)"
		} | diag
	fi
	checkf "$S the kill: kind memcg, memcg $path, comm cg$n-h$want (got $(jq -r '[.kind, .memcg, .comm] | join(" ")' <<<"$kj"))" \
		'[ "$(jq -r .kind <<<"$kj")" = memcg ] && [ "$(jq -r .memcg <<<"$kj")" = "$path" ] && [ "$(jq -r .comm <<<"$kj")" = "cg$n-h$want" ]'

	# after the OOM: the cgroup counts one kill, and oomtop says so
	rc=0
	run_oomtop "$J.after" -b --cgroups --format=json || rc=$?
	row=$(jq -c --arg p "$path" 'select(.path == $p)' "$J.after" 2>/dev/null)
	[ -n "$row" ] || row='{}'
	checkf "$S after the OOM: oom_kills is the file's oom_kill, 1 (got $(rowf .oom_kills), file $(cg_oom_kill "$CG"))" \
		'[ "$(rowf .oom_kills)" = 1 ] && [ "$(cg_oom_kill "$CG")" = 1 ]'
	checkf "$S after the OOM: procs 3 (2 hogs and the grower), first_victim no longer $vpid (got $(rowf .procs), $(rowf .first_victim.pid))" \
		'[ "$(rowf .procs)" = 3 ] && [ "$(rowf .first_victim.pid)" != "$vpid" ] && [ "$(rowf .first_victim.pid)" != null ]'

	# the cgroup goes: its processes first
	{
		for p in "${pid[40]}" "${pid[80]}" "${pid[120]}" "$gpid"; do
			kill -KILL "$p"
			wait "$p"
		done
	} 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		rmdir "$CG" 2>/dev/null && break
		sleep 0.1
	done
}

# wait_kills OUT BEFORE PIDS...: run --kills JSON until it lists more kills of
# PIDS than BEFORE (the log line may come a moment after the death); 60 s
wait_kills() {
	local out=$1 before=$2 i
	shift 2
	for ((i = 0; i < 60; i++)); do
		run_oomtop "$out" -b --kills --format=json
		[ "$(kills_of "$out" "$@")" -gt "$before" ] 2>/dev/null && return 0
		sleep 1
	done
	return 1
}

if [ -z "$CG_WHY" ]; then
	run_case 1 "0 0 0" 120
	run_case 2 "800 0 0" 40
else
	skip "the prediction against a real OOM kill (size decides): $CG_WHY"
	skip "the prediction against a real OOM kill (adj decides): $CG_WHY"
	skip "the cgroup's numbers against its files: $CG_WHY"
fi

# --- options -------------------------------------------------------------------

O=$T_TMP/opt
rc=0
run_oomtop "$O.1" --cgroups || rc=$?
checkf "--cgroups without -b: exit 1, says it needs -b, nothing on stdout" \
	'[ "$rc" -eq 1 ] && [ ! -s "$O.1" ] && grep -qF -- "--cgroups needs -b" "$O.1.err"' ||
	{ echo "status $rc"; cat "$O.1.err"; } | diag
rc=0
run_oomtop "$O.2" -b --cgroups --kills || rc=$?
checkf "--cgroups with --kills: exit 1" '[ "$rc" -eq 1 ] && [ ! -s "$O.2" ] && [ -s "$O.2.err" ]' || diag <"$O.2.err"
rc=0
run_oomtop "$O.3" -b -c relative || rc=$?
checkf "-c relative: exit 1, says the path must start with '/'" \
	'[ "$rc" -eq 1 ] && [ ! -s "$O.3" ] && grep -qF "starting with '"'"'/'"'"'" "$O.3.err"' ||
	{ echo "status $rc"; cat "$O.3.err"; } | diag
rc=0
run_oomtop "$O.4" -b -c /no/such/cgroup || rc=$?
if [ -n "$CG_MNT" ]; then
	checkf "-c /no/such/cgroup: exit 1, oomtop: -c: no memory cgroup '/no/such/cgroup' under $CG_MNT" \
		'[ "$rc" -eq 1 ] && [ ! -s "$O.4" ] && [ "$(cat "$O.4.err")" = "oomtop: -c: no memory cgroup '"'"'/no/such/cgroup'"'"' under $CG_MNT" ]' ||
		{ echo "status $rc"; cat "$O.4.err"; } | diag
else
	checkf "-c /no/such/cgroup without a memory controller: exit 1, says none is mounted" \
		'[ "$rc" -eq 1 ] && grep -qF "no memory cgroup controller" "$O.4.err"' || diag <"$O.4.err"
fi
rc=0
run_oomtop "$O.5" -b --cgroup=/no/such/cgroup --format=json || rc=$?
check "--cgroup=/no/such/cgroup: exit 1 too" [ "$rc" -eq 1 -a ! -s "$O.5" ]
if [ -n "$CG_MNT" ]; then
	# the root cgroup, by its path and by the mount: every process
	rc=0
	run_oomtop "$O.6" -b -c "$CG_MNT" --format=json || rc=$?
	checkf "-c $CG_MNT (the mount: the root cgroup) exits 0 and ranks processes" \
		'[ "$rc" -eq 0 ] && jq -e "[.processes[] | select(.rank == 1)] | length == 1" "$O.6" >/dev/null' || diag <"$O.6.err"
else
	skip "-c with the mount path: $CG_AVAIL_WHY"
fi

# --- the OOM policy from OOMTOP_VM_DIR -------------------------------------------

V=$T_TMP/vm
mkdir "$V"
cp /proc/sys/vm/overcommit_memory /proc/sys/vm/overcommit_ratio /proc/sys/vm/overcommit_kbytes "$V/"
swap_on=false
[ "$(awk '$1 == "SwapTotal:" { print $2 }' /proc/meminfo)" -gt 0 ] && swap_on=true
echo 1 >"$V/panic_on_oom"
rc=0
OOMTOP_VM_DIR=$V run_oomtop "$V.1" -b --format=json || rc=$?
checkf "OOMTOP_VM_DIR with panic_on_oom=1 (no oom_kill_allocating_task file): \"policy\" says panic_on_oom 1, swap $swap_on (got $(jq -c .policy "$V.1" 2>/dev/null))" \
	'[ "$rc" -eq 0 ] && jq -e --argjson s "$swap_on" ".policy.panic_on_oom == 1 and .policy.swap == \$s" "$V.1" >/dev/null' ||
	diag <"$V.1.err"
checkf "... and the overcommit mode is the copied one ($(cat "$V/overcommit_memory"))" \
	'jq -e --argjson m "$(cat "$V/overcommit_memory")" ".overcommit.mode == \$m" "$V.1" >/dev/null'
echo 0 >"$V/oom_kill_allocating_task"
OOMTOP_VM_DIR=$V run_oomtop "$V.2" -b --format=json
checkf "panic_on_oom=1, oom_kill_allocating_task=0: policy {panic_on_oom 1, oom_kill_allocating_task 0} (got $(jq -c .policy "$V.2" 2>/dev/null))" \
	'jq -e ".policy.panic_on_oom == 1 and .policy.oom_kill_allocating_task == 0" "$V.2" >/dev/null'
echo 2 >"$V/panic_on_oom"
echo 1 >"$V/oom_kill_allocating_task"
OOMTOP_VM_DIR=$V run_oomtop "$V.3" -b --format=json
checkf "panic_on_oom=2, oom_kill_allocating_task=1: policy {2, 1} (got $(jq -c .policy "$V.3" 2>/dev/null))" \
	'jq -e ".policy.panic_on_oom == 2 and .policy.oom_kill_allocating_task == 1" "$V.3" >/dev/null'
run_oomtop "$V.4" -b --format=json
checkf "without OOMTOP_VM_DIR: the policy of /proc/sys/vm (panic_on_oom $(cat /proc/sys/vm/panic_on_oom), oom_kill_allocating_task $(cat /proc/sys/vm/oom_kill_allocating_task); got $(jq -c .policy "$V.4" 2>/dev/null))" \
	'jq -e --argjson p "$(cat /proc/sys/vm/panic_on_oom)" --argjson k "$(cat /proc/sys/vm/oom_kill_allocating_task)" \
		".policy.panic_on_oom == \$p and .policy.oom_kill_allocating_task == \$k" "$V.4" >/dev/null'

check_sanitizers
