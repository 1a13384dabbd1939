#!/usr/bin/env bash
# kills.sh - the pane of OOM kills, at 80x24 and 200x50:
#  - a real OOM kill while oomtop runs (a child allocating 200 MiB in a memory
#    cgroup limited to 64 MiB) shows in the pane at once, without a key, in
#    bold, newest first, the status line names it, the pane title's counts
#    grow by one; oomtop -b --kills --format=json lists it (root and a memory
#    cgroup only, else skipped with the reason);
#  - Tab moves the focus to the pane (Up/Down/Home/End move there, the table
#    stays), Enter shows the kill in full, any key closes it, Tab goes back;
#  - L hides the pane (the table gets its lines), L shows it again;
#  - --kmsg FILE replays a hand-made capture: its kills (a 6.x memory cgroup
#    kill and a global one), the records lost in a sequence gap, "(from
#    --kmsg)", no kill faked by a user-space record, every detail;
#  - --kmsg FIFO: a kill written while oomtop runs shows at once, in bold;
#  - --bell rings (tmux's bell flag) on a live kill, no bell without it;
#  - as an unprivileged user with kernel.dmesg_restrict=1 the pane says why
#    the kernel log cannot be read, and the table still works (root only).
# No check measures time: every wait polls a screen state.
# shellcheck disable=SC2016 # the eval expressions expand when they run
set -u
. "$TOP/tests/e2e/common.bash"

OOM_NAME=oomtop-e2e-oom # the kernel's name for the child: its file's name
CG_NAME=oomtop-e2e-$$
CG_DIR='' # the memory cgroup, while it exists
CG_WHY='' # why there is none
RESTRICT0='' # kernel.dmesg_restrict before the test, to restore

kills_exit() {
	local i p
	e2e_exit
	[ -n "$RESTRICT0" ] && echo "$RESTRICT0" >/proc/sys/kernel/dmesg_restrict
	if [ -n "$CG_DIR" ] && [ -d "$CG_DIR" ]; then
		for ((i = 0; i < 100; i++)); do
			# only our children can be in it
			while read -r p; do kill -KILL "$p"; done <"$CG_DIR/cgroup.procs"
			rmdir "$CG_DIR" && break
			sleep 0.1
		done
	fi
}
trap kills_exit EXIT

# --- the memory cgroup ------------------------------------------------------

# cg_make: make the cgroup /$CG_NAME with a 64 MiB limit and no swap; CG_DIR,
# or the reason in CG_WHY
cg_make() {
	local d
	if ! need_root; then
		CG_WHY="not root: cannot make a memory cgroup"
	elif [ -e /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
		d=/sys/fs/cgroup/memory/$CG_NAME # v1
		mkdir "$d" || { CG_WHY="mkdir $d failed"; return; }
		CG_DIR=$d
		echo $((64 << 20)) >"$d/memory.limit_in_bytes" || { CG_WHY="cannot set $d/memory.limit_in_bytes"; return; }
		# no way out through swap
		echo 0 >"$d/memory.swappiness" 2>/dev/null
		[ -e "$d/memory.memsw.limit_in_bytes" ] && echo $((64 << 20)) >"$d/memory.memsw.limit_in_bytes"
	elif grep -qw memory /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null; then
		d=/sys/fs/cgroup/$CG_NAME # v2
		mkdir "$d" || { CG_WHY="mkdir $d failed"; return; }
		CG_DIR=$d
		echo $((64 << 20)) >"$d/memory.max" || { CG_WHY="cannot set $d/memory.max"; return; }
		[ -e "$d/memory.swap.max" ] && echo 0 >"$d/memory.swap.max"
	else
		CG_WHY="no memory cgroup controller (neither v1 /sys/fs/cgroup/memory nor v2 with memory enabled)"
	fi
	return 0
}
cg_make
if [ -n "$CG_WHY" ]; then
	echo "# no real OOM kill: $CG_WHY"
	CG_OK=''
else
	CG_OK=1
fi

# The child runs the hog under the name $OOM_NAME from the start (exec of a
# link by that name): it is killed while it allocates, before it could
# rename itself.
ln -s "$BUILD/helpers/hog" "$E2E_TMP/$OOM_NAME"

oom_kills() { awk '$1 == "oom_kill" { print $2 }' /proc/vmstat; }

# child_ended: the child has exited (gone or a zombie)
child_ended() {
	local st
	st=$(cat "/proc/$CHILD/stat" 2>/dev/null) || return 0
	[ "$(echo "${st##*) }" | cut -d' ' -f1)" = Z ]
}

# oom_child: run a child in the cgroup that allocates 200 MiB, wait until it
# has ended; its pid in CHILD, its exit status in CHILD_RC (137: SIGKILL)
oom_child() {
	E2E_SEQ=$((E2E_SEQ + 1))
	# shellcheck disable=SC2016 # the inner bash expands them
	"${E2E_DEATHSIG[@]}" bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG_DIR" \
		"$E2E_TMP/$OOM_NAME" 200 0 "$OOM_NAME" "$E2E_TMP/ready.$E2E_SEQ" 9>&- &
	CHILD=$!
	E2E_CHILDREN+=("$CHILD")
	wait_for eval 'child_ended || test -e "$E2E_TMP/ready.$E2E_SEQ"'
	if ! child_ended; then
		hog_stop "$CHILD" # it got its 200 MiB: no OOM kill
		CHILD_RC=none
		return 1
	fi
	wait "$CHILD"
	CHILD_RC=$?
	[ "$CHILD_RC" = 137 ]
}

# --- reading the pane -------------------------------------------------------

# pane_scan [bold]: the pane's rows (the lines under its title, above the
# status line) as "ROW|ATTR|TEXT", ATTR R when the row starts in reverse
# video (B: bold, with "bold"), - otherwise
pane_scan() {
	local h
	h=$(pane_lines) || return 1
	screen_marked_as "${1:-reverse}" | awk -v h="$h" '
	pt && NR < h { print NR - pt "|" substr($0, 1, 1) "|" substr($0, 3) }
	!hl && /^.\| *RANK +PID/ { hl = NR }
	hl && !pt && /^.\| OOM kills([:, ]|$)/ { pt = NR }'
}
# pane_row N: the text of pane row N (1 = the newest kill shown)
pane_row() { pane_scan | awk -F'|' -v n="$1" '$1 == n { print substr($0, length($1 $2) + 3) }'; }
# pane_row_matches N ERE
pane_row_matches() { pane_row "$1" | grep -qE -- "$2"; }
# pane_row_attr N ATTR [bold]: pane row N starts with ATTR (R, B or -)
pane_row_attr() { [ "$(pane_scan "${3:-}" | awk -F'|' -v n="$1" '$1 == n { print $2 }')" = "$2" ]; }
# pane_row_of PID: the number of the pane row showing PID
pane_row_of() { pane_scan | awk -F'|' -v p="$1" '{ split($3, f, " ") } f[5] == p { print $1; exit }'; }
# the title's counts
pane_since() { pane_title | sed -nE 's/^ OOM kills: [0-9]+ in the kernel log, ([0-9]+) since boot.*/\1/p'; }
pane_counts_are() { [ "$(pane_count)" = "$1" ] && [ "$(pane_since)" = "$2" ]; }
pane_title_is() { [ "$(pane_title | sed 's/ *$//')" = "$1" ]; }
# pane_title_ends TEXT
pane_title_ends() { [[ "$(pane_title | sed 's/ *$//')" == *"$1" ]]; }
# the focus hint, whole: the long one, or the short one where it does not fit
pane_hint_whole() {
	pane_title_ends "$HINT" || pane_title_ends "[Tab: table, Enter: details]" ||
		pane_title_ends "[Tab, Enter]"
}

# status_is TEXT: the status line (the last) is TEXT, cut at the width
status_is() {
	local w
	w=$(pane_format '#{pane_width}') || return 1
	[ "$(tm_screen | tail -1 | sed 's/ *$//')" = "$(printf '%s' "${1:0:w}" | sed 's/ *$//')" ]
}
status_has() { tm_screen | tail -1 | grep -qE -- "$1"; }

# box_has LABEL VALUE: the detail box shows "LABEL VALUE" (the label padded
# to 14), VALUE whole
box_has() {
	tm_screen | awk -v t="$(printf '%-14s %s' "$1" "$2")" '
	{ i = index($0, t); if (i && (substr($0, i + length(t), 1) ~ /^( |)$/) && substr($0, i - 1, 1) == " ") f = 1 }
	END { exit !f }'
}
box_shown() { screen_has '^.. OOM kill \(any key closes\)'; }
box_gone() { screen_lacks 'OOM kill \(any key closes\)'; }

# table_count: the table lines that hold a row
table_count() { table_lines | grep -c '[^ ]'; }
table_count_is() { [ "$(table_count)" = "$1" ]; }

bell_is() { pane_format_is '#{window_bell_flag}' "$1"; }

TIME_RE='[0-9]{2}:[0-9]{2}:[0-9]{2}'
AGE_RE='[0-9]+ (s|min|h|days) ago'
# shellcheck disable=SC2034 # read in eval expressions
SIZE_RE='[0-9]+(\.[0-9])?[KMGT]'
HINT='[Tab: back to the table, Enter: details]'

# --- the table: a hog at rank 1, fillers so that the table fills the screen even
# without the pane
if ! hog_start 20 1000 "$HOG_NAME"; then
	not_ok "hog (20 MiB, adj 1000) starts"
	exit 1
fi
HOG1=$HOG
if ! hogs_start 60 0 500 oomtop-e2e-fill; then
	not_ok "60 filler processes (adj 500) start"
	exit 1
fi
ok "hog $HOG1 (20 MiB, adj 1000) and 60 fillers (adj 500) are ready"

# --- a real OOM kill while oomtop runs ----------------------------------------

# live_kill S: a child is OOM-killed in the cgroup while the oomtop in the
# pane runs; checks the pane, the status line and the counts
live_kill() {
	local S=$1 n0 v0 v d r cols
	cols=$(pane_format '#{pane_width}')
	expect "$S the pane title counts the kills in the kernel log and since boot" \
		eval '[ -n "$(pane_count)" ] && [ -n "$(pane_since)" ]'
	n0=$(pane_count) v0=$(oom_kills)
	if ! oom_child; then
		not_ok "$S the child in $CG_NAME (64 MiB) allocating 200 MiB is killed (status $CHILD_RC, not 137)"
		return 1
	fi
	ok "$S the child $CHILD in $CG_NAME (64 MiB) allocating 200 MiB is killed (SIGKILL)"
	# no key is pressed from here on: -d 1000, so only the kernel log
	# wakes oomtop up
	expect "$S without a key, the pane shows the kill: pid $CHILD, name $OOM_NAME, memcg" \
		eval 'r=$(pane_row_of "$CHILD") && [ -n "$r" ] &&
			pane_row_matches "$r" "^ $TIME_RE $AGE_RE +$CHILD $OOM_NAME +uid 0 +freed +$SIZE_RE memcg( |$)"'
	r=$(pane_row_of "$CHILD")
	expect "$S ... the newest first: on the first pane row" test "${r:-}" = 1
	if [ "$cols" -ge 200 ]; then
		expect "$S ... with its cgroup and the trigger" \
			pane_row_matches "${r:-1}" " memcg /$CG_NAME  by $OOM_NAME( |$)"
	fi
	expect "$S ... in bold (a kill while oomtop runs)" pane_row_attr "${r:-1}" B bold
	if [ "$n0" -gt 0 ]; then
		expect "$S ... the kill before it is not bold" pane_row_attr $((${r:-1} + 1)) - bold
	fi
	expect "$S the status line names it" \
		status_is "OOM kill: the kernel killed $CHILD ($OOM_NAME) in memory cgroup /$CG_NAME"
	# other kills on this machine meanwhile (the kernel's counter) would count too
	v=$(oom_kills)
	d=$((v - v0))
	if [ "$d" = 1 ]; then
		expect "$S the pane title counts one kill more: $((n0 + 1)) in the kernel log, $v since boot" \
			pane_counts_are $((n0 + 1)) "$v"
	else
		expect "$S the pane title counts $d kills more ($((d - 1)) others on this machine): $((n0 + d)), $v since boot" \
			pane_counts_are $((n0 + d)) "$v"
	fi
	check_layout "$S the layout with the kill in the pane"
	return 0
}

# focus_detail S: Tab, the pane's selection, Enter on the child's kill, the
# box, Tab back
focus_detail() {
	local S=$1 n r
	n=$(pane_count)
	e2e_key Tab
	expect "$S Tab: the pane title has the hint \"[Tab: ...\"" eval 'pane_title | grep -qF "  [Tab"'
	expect "$S ... the newest kill selected (reverse video)" pane_row_attr 1 R
	expect "$S ... the status line says the focus is on the pane" status_has '^focus: kill pane'
	expect "$S ... the table keeps its selection (the hog, row 1)" sel_is 1 "$HOG1" 1
	if [ "$n" -ge 2 ]; then
		e2e_key Down
		expect "$S Down in the pane: the second kill selected" \
			eval 'pane_row_attr 2 R && pane_row_attr 1 - && sel_is 1 "$HOG1" 1'
		e2e_key End
		expect "$S End in the pane: the oldest kill shown is selected, on the last pane row" \
			eval 'r=$(pane_scan | tail -1 | cut -d"|" -f1); pane_row_attr "$r" R && sel_is 1 "$HOG1" 1'
		e2e_key Up
		e2e_key Home
		expect "$S Up, Home in the pane: the newest kill selected again" \
			eval 'pane_row_attr 1 R && pane_row_attr 2 - && sel_is 1 "$HOG1" 1'
	else
		skip "$S Up/Down/Home/End in the pane: one kill only"
	fi
	# the child's kill (the first row unless another kill came after it)
	r=$(pane_row_of "$CHILD")
	r=${r:-1}
	if [ "$r" -gt 1 ]; then
		tm send-keys -t t -N $((r - 1)) Down
		expect "$S Down x$((r - 1)): the child's kill selected (row $r)" pane_row_attr "$r" R
	fi
	e2e_key Enter
	expect "$S Enter: the box \" OOM kill (any key closes)\"" box_shown
	expect "$S ... time" screen_has " time +[0-9]{4}-[0-9]{2}-[0-9]{2} $TIME_RE [+-][0-9]{4} \([0-9]+\.[0-9]{6} s after boot\)"
	expect "$S ... pid $CHILD" box_has pid "$CHILD"
	expect "$S ... name $OOM_NAME" box_has name "$OOM_NAME"
	expect "$S ... uid 0" box_has uid 0
	expect "$S ... kind memory cgroup, CONSTRAINT_MEMCG" box_has kind "memory cgroup, CONSTRAINT_MEMCG"
	expect "$S ... cgroup /$CG_NAME" box_has cgroup "/$CG_NAME"
	expect "$S ... oom_score_adj 0" box_has oom_score_adj 0
	expect "$S ... triggered by $OOM_NAME" box_has "triggered by" "$OOM_NAME"
	expect "$S ... total-vm, rss, page tables, reaped" \
		eval 'screen_has " total-vm +[0-9]+ kB" && screen_has " rss +anon [0-9]+ kB, file [0-9]+ kB, shmem [0-9]+ kB" &&
			screen_has " page tables +[0-9]+ kB" && screen_has " reaped +(yes|no)"'
	e2e_key q
	expect "$S q closes the box (any key), oomtop still runs" eval 'box_gone && running'
	expect "$S ... the pane keeps the focus and its selection" eval 'pane_title | grep -qF "  [Tab" && pane_row_attr "$r" R'
	e2e_key Tab
	expect "$S Tab: back to the table (no hint in the pane title)" \
		eval 'pane_title | grep -q "^ OOM kills: " && ! pane_title | grep -qF "[Tab"'
	expect "$S ... no pane row in reverse video" eval '! pane_scan | cut -d"|" -f2 | grep -q R'
	e2e_key Down
	expect "$S ... Down moves the table again" sel_is 2 - 2
	e2e_key Home
	expect "$S ... Home" sel_is 1 "$HOG1" 1
}

# hide_show S: L hides the pane, the table takes its lines; L shows it again
hide_show() {
	local S=$1 cols lines rows0 rows1
	cols=$(pane_format '#{pane_width}') lines=$(pane_lines)
	rows0=$(table_rows_expected "$cols" "$lines")
	expect "$S the table fills its $rows0 lines" table_count_is "$rows0"
	e2e_key L
	expect "$S L: the pane title is gone" eval '[ -z "$(pane_title)" ] && screen_lacks "^ OOM kills"'
	E2E_PANE=hidden
	rows1=$(table_rows_expected "$cols" "$lines")
	check_layout "$S ... the layout without the pane"
	expect "$S ... the table has more rows: $rows1 instead of $rows0, down to the status line" \
		eval "table_count_is $rows1 && [ $rows1 -gt $rows0 ]"
	expect "$S ... the status line says it is hidden" status_is "kill pane hidden"
	e2e_key End
	expect "$S ... End: the last row, on the line above the status line" \
		eval "sel_is - - $rows1 && sel_is - - last"
	e2e_key Home
	expect "$S ... Home: the first row" sel_is 1 "$HOG1" 1
	e2e_key Tab
	expect "$S ... Tab while hidden: the status line says L shows it" status_is "the kill pane is hidden: L shows it"
	e2e_key Down
	expect "$S ... and the table keeps the focus: Down selects the next row" sel_is 2 - 2
	e2e_key Home
	expect "$S ... Home" sel_is 1 "$HOG1" 1
	e2e_key L
	E2E_PANE=shown
	expect "$S L again: the pane title is back" eval '[ -n "$(pane_title)" ]'
	check_layout "$S ... the layout with the pane"
	expect "$S ... the table has $rows0 rows again" table_count_is "$rows0"
	expect "$S ... the status line says it is shown" status_is "kill pane shown"
	expect "$S ... the hog still selected, row 1" sel_is 1 "$HOG1" 1
}

# --- the capture (--kmsg FILE) -----------------------------------------------
# Two kills in 6.x wording: a memory cgroup kill of pid 4242 (with its report:
# the stack, the cgroup's usage and tasks, the summary, the kill, the reaper;
# a continuation line), then a gap of 4 records (seq 118 to 121), a record
# that user space wrote (facility 1) faking a kill, and a global kill of pid
# 5151 whose name holds a space and parentheses.
CAPTURE=$E2E_TMP/kmsg.capture
cat >"$CAPTURE" <<'EOF'
4,100,1000000000,-;made-up-trig invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0
4,101,1000000010,-;CPU: 0 UID: 1000 PID: 4243 Comm: made-up-trig Not tainted 6.8.0-31-generic #31-Ubuntu
4,102,1000000012,-;Call Trace:
4,103,1000000013,-; <TASK>
4,104,1000000015,-; dump_stack_lvl+0x76/0xa0
4,105,1000000016,-; dump_header+0x48/0x1c0
4,106,1000000018,-; oom_kill_process+0x118/0x280
4,107,1000000019,-; out_of_memory+0x103/0x350
4,108,1000000021,-; mem_cgroup_out_of_memory+0x13a/0x150
4,109,1000000022,-; </TASK>
6,110,1000000030,-;memory: usage 65536kB, limit 65536kB, failcnt 212
6,111,1000000031,-;memory+swap: usage 65536kB, limit 9007199254740988kB, failcnt 0
6,112,1000000032,-;Memory cgroup stats for /made/up.slice:
6,113,1000000040,-;Tasks state (memory values in pages):
6,114,1000000041,-;[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name
6,115,1000000042,-;[   4242]  1000  4242    51820    16512    16000      512        0   188416        0           300 made-up-victim
 SUBSYSTEM=memory
6,116,1000000050,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/made/up.slice,task_memcg=/made/up.slice,task=made-up-victim,pid=4242,uid=1000
3,117,1000123456,-;Memory cgroup out of memory: Killed process 4242 (made-up-victim) total-vm:207280kB, anon-rss:64000kB, file-rss:2048kB, shmem-rss:0kB, UID:1000 pgtables:184kB oom_score_adj:300
14,122,1000200000,-;Out of memory: Killed process 6666 (spoofed-kill) total-vm:1024kB, anon-rss:512kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0
6,123,1000300000,-;oom_reaper: reaped process 4242 (made-up-victim), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB
4,124,2000000000,-;stress-ng-vm invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0
6,125,2000000020,-;Mem-Info:
6,126,2000000030,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice/user-1000.slice/session-2.scope,task=big eater (2),pid=5151,uid=1000
3,127,2000654321,-;Out of memory: Killed process 5151 (big eater (2)) total-vm:4194304kB, anon-rss:3145728kB, file-rss:1024kB, shmem-rss:512kB, UID:1000 pgtables:6200kB oom_score_adj:0
EOF

capture_checks() {
	local S="$1 --kmsg capture:" cols
	cols=$(pane_format '#{pane_width}')
	expect "$S the pane title: 2 kills, 4 records lost, (from --kmsg)" \
		pane_title_is " OOM kills: 2 in the kernel log, 4 records lost (from --kmsg)"
	check_layout "$S the layout with 2 kills in the pane"
	expect "$S row 1, the newest: pid 5151 (big eater (2)), uid 1000, freed 3.0G, global" \
		pane_row_matches 1 "^ $TIME_RE $AGE_RE +5151 big eater \\(2\\) +uid 1000 +freed +3\\.0G global( |$)"
	expect "$S row 2: pid 4242 (made-up-victim), uid 1000, freed 64.5M, memcg" \
		pane_row_matches 2 "^ $TIME_RE $AGE_RE +4242 made-up-victim +uid 1000 +freed +64\\.5M memcg( |$)"
	if [ "$cols" -ge 200 ]; then
		expect "$S row 1 ends with the trigger" pane_row_matches 1 "  by stress-ng-vm *$"
		expect "$S row 2: its cgroup, the trigger, reaped" \
			pane_row_matches 2 " memcg /made/up\\.slice  by made-up-trig  reaped *$"
	fi
	expect "$S no row for the kill user space faked (6666)" \
		eval '[ "$(pane_scan | wc -l)" = 2 ] && ! pane_scan | grep -q 6666'
	expect "$S the replayed kills are not bold (not live)" \
		eval 'pane_row_attr 1 - bold && pane_row_attr 2 - bold'
	e2e_key Tab
	expect "$S Tab: the newest kill selected" eval 'pane_row_attr 1 R && pane_title | grep -qF "  [Tab"'
	expect "$S ... the pane title ends with a whole focus hint (\"$HINT\" or its short form)" pane_hint_whole
	e2e_key Enter
	expect "$S Enter: the box" box_shown
	expect "$S ... pid 5151, name big eater (2)" eval 'box_has pid 5151 && box_has name "big eater (2)"'
	expect "$S ... kind system-wide, CONSTRAINT_NONE" box_has kind "system-wide, CONSTRAINT_NONE"
	expect "$S ... time: 2000.654321 s after boot" \
		eval 'screen_has " time +[0-9]{4}-[0-9]{2}-[0-9]{2} $TIME_RE [+-][0-9]{4} \(2000\.654321 s after boot\)"'
	expect "$S ... rss anon 3145728 kB, file 1024 kB, shmem 512 kB" \
		box_has rss "anon 3145728 kB, file 1024 kB, shmem 512 kB"
	expect "$S ... reaped: no" box_has reaped "no reaper line"
	e2e_key x
	expect "$S x closes the box" box_gone
	e2e_key Down
	expect "$S Down: the older kill selected" eval 'pane_row_attr 2 R && pane_row_attr 1 -'
	e2e_key Enter
	expect "$S Enter: its box" box_shown
	expect "$S ... time: 1000.123456 s after boot" \
		eval 'screen_has " time +[0-9]{4}-[0-9]{2}-[0-9]{2} $TIME_RE [+-][0-9]{4} \(1000\.123456 s after boot\)"'
	expect "$S ... pid 4242" box_has pid 4242
	expect "$S ... name made-up-victim" box_has name made-up-victim
	expect "$S ... uid 1000" box_has uid 1000
	expect "$S ... kind memory cgroup, CONSTRAINT_MEMCG" box_has kind "memory cgroup, CONSTRAINT_MEMCG"
	expect "$S ... cgroup /made/up.slice" box_has cgroup /made/up.slice
	expect "$S ... total-vm 207280 kB" box_has total-vm "207280 kB"
	expect "$S ... rss anon 64000 kB, file 2048 kB, shmem 0 kB" box_has rss "anon 64000 kB, file 2048 kB, shmem 0 kB"
	expect "$S ... page tables 184 kB" box_has "page tables" "184 kB"
	expect "$S ... oom_score_adj 300" box_has oom_score_adj 300
	expect "$S ... triggered by made-up-trig" box_has "triggered by" made-up-trig
	expect "$S ... reaped: yes" box_has reaped "yes: the oom_reaper freed its memory"
	e2e_key Space
	expect "$S space closes the box" box_gone
	e2e_key Tab
	expect "$S Tab: back to the table" eval '! pane_title | grep -qF "[Tab" && sel_is 1 "$HOG1" 1'
}

# --- a FIFO (--kmsg FIFO): a kill written while oomtop runs -----------------------
FIFO=$E2E_TMP/kmsg.fifo
mkfifo "$FIFO"
FIFO_KILL=(
	'4,300,3000000000,-;fifo-trig invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0'
	'6,301,3000000100,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/fifo/test,task_memcg=/fifo/test,task=fifo-victim,pid=7373,uid=0'
	'3,302,3000000200,-;Memory cgroup out of memory: Killed process 7373 (fifo-victim) total-vm:10240kB, anon-rss:8192kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:64kB oom_score_adj:500'
)

fifo_checks() {
	local size=$1 S="$1 --kmsg FIFO --bell:"
	# a writer holds the FIFO open (else oomtop reads its end at once); the
	# tmux server does not inherit it
	exec 8<>"$FIFO"
	if ! e2e_start "$size" -d 1000 --bell --kmsg "$FIFO" 8>&-; then
		not_ok "$S oomtop starts"
		exec 8>&-
		return
	fi
	ok "$S oomtop starts"
	expect "$S the pane: no kill yet, (from --kmsg)" \
		eval 'pane_title_is " OOM kills: 0 in the kernel log (from --kmsg)" && pane_row_matches 1 "^ no OOM kill in the kernel log yet *$"'
	check_layout "$S the layout with an empty pane"
	expect "$S no bell yet" bell_is 0
	printf '%s\n' "${FIFO_KILL[@]}" >&8
	expect "$S a kill written to the FIFO shows at once, without a key: pid 7373, fifo-victim" \
		pane_row_matches 1 "^ $TIME_RE $AGE_RE +7373 fifo-victim +uid 0 +freed +8\\.0M memcg( |$)"
	expect "$S ... in bold" pane_row_attr 1 B bold
	expect "$S ... the pane title counts 1" pane_title_is " OOM kills: 1 in the kernel log (from --kmsg)"
	expect "$S ... the status line names it" \
		status_is "OOM kill: the kernel killed 7373 (fifo-victim) in memory cgroup /fifo/test"
	expect "$S ... the bell rang (tmux window_bell_flag)" bell_is 1
	check_layout "$S the layout with the kill in the pane"
	exec 8>&-
	e2e_key E
	expect "$S the writer closed the FIFO: oomtop goes on (E: KiB)" eval 'status_is "sizes in KiB" && pane_row_attr 1 B bold'
	e2e_key q
	check_restored "$S q"
}

# --- unprivileged, kernel.dmesg_restrict=1 ----------------------------------------
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

unpriv_checks() {
	local size=$1 S="$1 unprivileged:"
	chmod 1733 "$E2E_TMP" # its sanitizer reports (asan.PID) go there
	if ! E2E_WRAP="${NOBODY[*]}" e2e_start "$size" -d 1000; then
		not_ok "$S oomtop starts as uid 65534"
		chmod 700 "$E2E_TMP"
		return
	fi
	ok "$S oomtop starts as uid 65534"
	expect "$S it runs as uid 65534" eval '[ "$(awk "/^Uid:/ { print \$2 }" /proc/$OOMTOP_PID/status)" = 65534 ]'
	expect "$S the pane: kernel log not readable: needs root or CAP_SYSLOG (kernel.dmesg_restrict=1)" \
		pane_row_matches 1 '^ kernel log not readable: needs root or CAP_SYSLOG \(kernel\.dmesg_restrict=1\) *$'
	expect "$S the pane title: the kills since boot only (no count from the kernel log)" \
		eval 'pane_title | grep -qE "^ OOM kills, [0-9]+ since boot *$"'
	check_layout "$S the layout: the table, the pane with the reason"
	check_table "$S the table: every cell a whole value"
	expect "$S the hog selected, row 1" sel_is 1 "$HOG1" 1
	e2e_key Down
	expect "$S Down selects the next row" sel_is 2 - 2
	e2e_key End
	expect "$S End: the last row, above the pane" sel_is - - last
	e2e_key Home
	expect "$S Home" sel_is 1 "$HOG1" 1
	e2e_key q
	check_restored "$S q"
	chmod 700 "$E2E_TMP"
}

UNPRIV_WHY=''
if ! need_root; then
	UNPRIV_WHY="not root: cannot set kernel.dmesg_restrict nor run oomtop as another user"
elif ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	UNPRIV_WHY="setpriv cannot switch to uid 65534"
else
	RESTRICT0=$(cat /proc/sys/kernel/dmesg_restrict)
	if ! echo 1 >/proc/sys/kernel/dmesg_restrict; then
		UNPRIV_WHY="cannot set kernel.dmesg_restrict=1"
		RESTRICT0=''
	elif "${NOBODY[@]}" head -c 1 /dev/kmsg >/dev/null 2>&1; then
		UNPRIV_WHY="uid 65534 can read /dev/kmsg even with kernel.dmesg_restrict=1"
	elif ! "${NOBODY[@]}" test -x "$OOMTOP"; then
		UNPRIV_WHY="uid 65534 cannot run $OOMTOP"
	fi
fi

# --- per size ----------------------------------------------------------------------

run_size() {
	local size=$1 S="$1:"

	# the pane with live kills (as root with a memory cgroup)
	if ! e2e_start "$size" -d 1000; then
		not_ok "$S oomtop starts and draws the table"
		tm_screen 2>&1 | diag
	else
		ok "$S oomtop starts and draws the table"
		check_layout "$S the title, the gauges, the column header, the kill pane"
		if [ -n "$CG_OK" ]; then
			if live_kill "$S live:"; then
				expect "$S live: no bell without --bell" bell_is 0
				# oomtop -b --kills --format=json lists it
				expect "$S live: oomtop -b --kills --format=json: pid $CHILD, $OOM_NAME, kind memcg, cgroup /$CG_NAME" \
					eval 'ASAN_OPTIONS=log_path=$E2E_TMP/asan UBSAN_OPTIONS=log_path=$E2E_TMP/ubsan \
						"$OOMTOP" -b --kills --format=json | grep -F "\"pid\":$CHILD,\"comm\":\"$OOM_NAME\"," |
						grep -F "\"kind\":\"memcg\"" | grep -qF "\"memcg\":\"/$CG_NAME\""'
				sanitizer_clean "$S live: oomtop -b --kills"
				focus_detail "$S live:"
			fi
		else
			skip "$S live kill: $CG_WHY"
		fi
		hide_show "$S"
		e2e_key q
		check_restored "$S q"
	fi

	# --bell with a real kill
	if [ -n "$CG_OK" ]; then
		if e2e_start "$size" -d 1000 --bell; then
			ok "$S --bell: oomtop starts"
			expect "$S --bell: no bell at start" bell_is 0
			if live_kill "$S --bell:"; then
				expect "$S --bell: the bell rang (tmux window_bell_flag)" bell_is 1
			fi
			e2e_key q
			check_restored "$S --bell: q"
		else
			not_ok "$S --bell: oomtop starts"
		fi
	else
		skip "$S --bell with a real kill: $CG_WHY"
	fi

	# --kmsg FILE
	if e2e_start "$size" -d 1000 --kmsg "$CAPTURE"; then
		ok "$S --kmsg capture: oomtop starts"
		capture_checks "$S"
		e2e_key q
		check_restored "$S --kmsg capture: q"
	else
		not_ok "$S --kmsg capture: oomtop starts"
	fi

	fifo_checks "$size"

	if [ -z "$UNPRIV_WHY" ]; then
		unpriv_checks "$size"
	else
		skip "$S unprivileged, kernel log not readable: $UNPRIV_WHY"
	fi
}

for size in 80x24 200x50; do
	run_size "$size"
done
