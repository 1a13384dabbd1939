#!/usr/bin/env bash
# cgroups.sh - memory cgroups on the screen, at 80x24 and 120x40:
#  - a test memory cgroup (v1, or v2 where the memory controller is) limited
#    to 256 MiB holds two hogs: 30 MiB with adj 500 and 100 MiB with adj 0; by
#    the kernel's formula against the cgroup's limit the small one dies first;
#  - g shows the cgroup view: a row for the cgroup with LIMIT 256M, PROCS 2
#    and FIRST VICTIM "PID name" of the small hog, the columns of the width;
#  - Enter on that row shows only the cgroup's processes, the small hog at
#    RANK 1, the status "processes of /PATH, in their kill order inside it";
#  - t shows CGROUP and MEMCG: "/PATH" and "NN% 256M" on both hog rows (NN the
#    cgroup's usage of its limit); Enter on a hog row shows "memory cgroups"
#    with "/PATH: ... of 256M (NN%)" and its kill order inside the cgroup;
#  - g goes back to the cgroup view, g again to all processes, t hides the
#    two columns;
#  - with OOMTOP_VM_DIR holding panic_on_oom=1 the header has the bold
#    "panic_on_oom=1: ..." line right above the column header and the title
#    says "a system-wide OOM panics; rank 1:".
# The cgroup part needs root and a memory controller (skipped with the reason
# otherwise). No check measures time: every wait polls a screen state.
# shellcheck disable=SC2016 # the eval expressions expand when they run
set -u
. "$TOP/tests/e2e/common.bash"

# "/ocg-e2e-PID" is at most 16 characters: the PATH column's width at 80 columns
CG_NAME=ocg-e2e-$$
CG_PATH=/$CG_NAME
CG_DIR=''     # the memory cgroup, while it exists
CG_WHY=''     # why there is none
CG_V=''       # 1 or 2
CG_ENABLED='' # v2: the cgroup.subtree_control we added +memory to
LIMIT_MIB=256
PAGE_KB=$(($(getconf PAGESIZE) / 1024))

cgroups_exit() {
	local i p
	e2e_exit
	if [ -n "$CG_DIR" ] && [ -d "$CG_DIR" ]; then
		for ((i = 0; i < 100; i++)); do
			# only our children can be in it
			while read -r p; do kill -KILL "$p" 2>/dev/null; done <"$CG_DIR/cgroup.procs"
			rmdir "$CG_DIR" 2>/dev/null && break
			sleep 0.1
		done
	fi
	[ -n "$CG_ENABLED" ] && echo -memory >"$CG_ENABLED" 2>/dev/null
}
trap cgroups_exit EXIT

# --- the memory cgroup, where oomtop finds the controller -----------------------
# The first cgroup2 mount when its cgroup.controllers lists memory, else the
# first v1 hierarchy with the memory controller (/proc/self/mountinfo).
mounts() { awk '{ for (i = 7; $i != "-"; i++); print $5, $(i + 1), $(i + 3) }' /proc/self/mountinfo; }

cg_make() {
	local mnt v2
	v2=$(mounts | awk '$2 == "cgroup2" { print $1; exit }')
	if [ -n "$v2" ] && grep -qw memory "$v2/cgroup.controllers" 2>/dev/null; then
		mnt=$v2 CG_V=2
	else
		mnt=$(mounts | awk '$2 == "cgroup" && ("," $3 ",") ~ /,memory,/ { print $1; exit }')
		CG_V=1
	fi
	if [ -z "$mnt" ]; then
		CG_WHY="no memory cgroup controller is mounted (neither v1 memory nor cgroup2 with memory)"
		return
	fi
	if ! need_root; then
		CG_WHY="not root: cannot make a memory cgroup"
		return
	fi
	if [ "$CG_V" = 2 ] && ! grep -qw memory "$mnt/cgroup.subtree_control"; then
		if ! echo +memory >"$mnt/cgroup.subtree_control" 2>/dev/null; then
			CG_WHY="cannot enable the memory controller in $mnt/cgroup.subtree_control"
			return
		fi
		CG_ENABLED=$mnt/cgroup.subtree_control
	fi
	mkdir "$mnt/$CG_NAME" || { CG_WHY="mkdir $mnt/$CG_NAME failed"; return; }
	CG_DIR=$mnt/$CG_NAME
	if [ "$CG_V" = 1 ]; then
		echo $((LIMIT_MIB << 20)) >"$CG_DIR/memory.limit_in_bytes" || { CG_WHY="cannot set the limit of $CG_DIR"; return; }
		echo 0 >"$CG_DIR/memory.swappiness" 2>/dev/null
		[ -e "$CG_DIR/memory.memsw.limit_in_bytes" ] && echo $((LIMIT_MIB << 20)) >"$CG_DIR/memory.memsw.limit_in_bytes"
	else
		echo $((LIMIT_MIB << 20)) >"$CG_DIR/memory.max" || { CG_WHY="cannot set $CG_DIR/memory.max"; return; }
		[ -e "$CG_DIR/memory.swap.max" ] && echo 0 >"$CG_DIR/memory.swap.max"
	fi
}
cg_usage_kb() {
	if [ "$CG_V" = 1 ]; then
		echo $(($(cat "$CG_DIR/memory.usage_in_bytes") / 1024))
	else
		echo $(($(cat "$CG_DIR/memory.current") / 1024))
	fi
}

# cg_hog_start MIB ADJ NAME: a hog inside the cgroup from its first page (its
# memory is charged there), ready; its pid in HOG
cg_hog_start() {
	local ready
	E2E_SEQ=$((E2E_SEQ + 1))
	ready=$E2E_TMP/ready.$E2E_SEQ
	"${E2E_DEATHSIG[@]}" bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG_DIR" \
		"$BUILD/helpers/hog" "$1" "$2" "$3" "$ready" 9>&- &
	HOG=$!
	E2E_CHILDREN+=("$HOG")
	wait_for test -e "$ready"
}

# status_pages PID: resident + swapped + page tables of PID, in pages
status_pages() {
	awk -v pg="$PAGE_KB" '$1 == "VmRSS:" { r = $2 } $1 == "VmSwap:" { s = $2 } $1 == "VmPTE:" { p = $2 }
		END { printf "%d\n", int((r + s) / pg) + int(p / pg) }' "/proc/$1/status"
}

cg_make
if [ -n "$CG_WHY" ]; then
	echo "# no test cgroup: $CG_WHY"
else
	SMALL_NAME=e2e-cg-small BIG_NAME=e2e-cg-big
	if ! cg_hog_start 30 500 "$SMALL_NAME"; then
		not_ok "hog of 30 MiB, adj 500 starts in $CG_DIR"
		exit 1
	fi
	SMALL=$HOG
	if ! cg_hog_start 100 0 "$BIG_NAME"; then
		not_ok "hog of 100 MiB, adj 0 starts in $CG_DIR"
		exit 1
	fi
	BIG=$HOG
	ok "cgroup v$CG_V $CG_PATH limited to $LIMIT_MIB MiB: hogs $SMALL (30 MiB, adj 500) and $BIG (100 MiB, adj 0)"
	# the kernel's badness against the cgroup's limit (no swap for it)
	k=$((LIMIT_MIB * 1024 / PAGE_KB / 1000))
	b_small=$(($(status_pages "$SMALL") + 500 * k))
	b_big=$(status_pages "$BIG")
	if [ "$b_small" -gt "$b_big" ]; then
		ok "by the formula the 30 MiB hog dies first (badness $b_small > $b_big: adj 500 * $k beats the size)"
	else
		not_ok "by the formula the 30 MiB hog dies first (badness $b_small, the 100 MiB one $b_big)"
	fi
fi

# --- reading the screen -----------------------------------------------------------

# status_is TEXT: the status line (the last) is TEXT, cut at the width
status_is() {
	local w
	w=$(pane_format '#{pane_width}') || return 1
	[ "$(tm_screen | tail -1 | sed 's/ *$//')" = "$(printf '%s' "${1:0:w}" | sed 's/ *$//')" ]
}

# The cgroup view's column header is the line reading "USAGE ... LIMIT"; its
# rows are the lines under it, above the kill pane's title or the status line.
cg_header() { tm_screen | awk '/^ *[^ ]*USAGE +[^ ]*LIMIT / { print; exit }' | sed -E 's/▲|▼//g' | xargs; }
cg_rows() {
	local h
	h=$(pane_lines) || return 1
	tm_screen | awk -v h="$h" '
	hl && (NR >= h || /^ OOM kills([:, ]|$)/) { exit }
	hl && /[^ ]/ { print }
	!hl && /^ *[^ ]*USAGE +[^ ]*LIMIT / { hl = NR }'
}
# cg_row_is LIMIT PROCS VPID VCOMM: the row of CG_PATH (PATH, the last
# column) shows LIMIT (the second column), PROCS, and FIRST VICTIM "VPID VCOMM"
cg_row_is() {
	cg_rows | awk -v p="$CG_PATH" -v l="$1" -v n="$2" -v v="$3" -v c="$4" '
	$NF == p { f = ($2 == l && $(NF - 3) == n && $(NF - 2) == v && $(NF - 1) == c) } END { exit !f }'
}
# cg_sel_path: the PATH of the selected row of the cgroup view
cg_sel_path() {
	screen_marked | awk '
	hl && /^.\| OOM kills([:, ]|$)/ { exit }
	hl && /^R\|/ { print $NF; exit }
	!hl && /^.\| *[^ ]*USAGE +[^ ]*LIMIT / { hl = NR }'
}
# cg_select: move the selection of the cgroup view to CG_PATH's row
cg_select() {
	local i prev
	e2e_key Home
	for ((i = 0; i < 100; i++)); do
		prev=$(cg_sel_path)
		[ "$prev" = "$CG_PATH" ] && return 0
		e2e_key Down
		wait_for eval '[ "$(cg_sel_path)" != "$prev" ]' || return 1
	done
	return 1
}

# the number of table lines holding a row
table_count() { table_lines | grep -c '[^ ]'; }
table_count_is() { [ "$(table_count)" = "$1" ]; }

# memcg_row_ok N RANK PID: table row N is RANK PID, its CGROUP /PATH and its
# MEMCG "NN% 256M", NN within 2 of the cgroup's usage of its limit
memcg_row_ok() {
	local r pct want
	r=$(row_text "$1")
	[[ $r =~ ^\ *$2\ +$3\ .*\ $CG_PATH\ +([0-9]+)%\ 256M( |$) ]] || return 1
	pct=${BASH_REMATCH[1]}
	want=$(($(cg_usage_kb) * 100 / (LIMIT_MIB * 1024)))
	[ $((pct - want)) -le 2 ] && [ $((want - pct)) -le 2 ]
}

box_shown() { screen_has 'Process \(any key closes\)'; }
box_gone() { screen_lacks 'any key closes'; }
# box_chain_ok KILLORDER: the box shows the memory cgroup chain (CG_PATH of
# 256M, then the root without a limit) and the kill order inside the cgroup.
# The box starts at column 2: columns 0 and 1 show what is under it.
box_chain_ok() {
	screen_has " memory cgroups +$CG_PATH: [0-9]+(\.[0-9])?[KMGT] of 256M \([0-9]+%\)" &&
		screen_has "^.. {15,}/: no limit( |$)" &&
		screen_has " kill order +$1 \(badness [0-9]+ pages\)"
}

# --- the cgroup view ------------------------------------------------------------------

cgroup_checks() {
	local size=$1 S="$1:" cols want_hdr
	cols=${size%x*}
	if ! e2e_start "$size" -d 1; then
		not_ok "$S oomtop starts"
		return
	fi
	ok "$S oomtop starts"
	if [ "$(cat /proc/sys/vm/panic_on_oom)" = 0 ] && [ "$(cat /proc/sys/vm/oom_kill_allocating_task)" = 0 ]; then
		expect "$S with this machine's policy (panic_on_oom 0): no policy line, the title says next victim:" \
			eval 'screen_lacks "panic_on_oom=" && title | grep -qF " next victim: "'
	else
		skip "$S no policy line: this machine has panic_on_oom or oom_kill_allocating_task set"
	fi

	e2e_key g
	expect "$S g: the status line says memory cgroups" \
		status_is "memory cgroups: Enter shows one's processes in their kill order; g: all processes"
	if [ "$cols" -ge 100 ]; then
		want_hdr="USAGE LIMIT PCT HIGH PSI OOMS GROUP PROCS FIRST VICTIM PATH"
	else
		want_hdr="USAGE LIMIT PCT PSI OOMS PROCS FIRST VICTIM PATH"
	fi
	expect "$S g: the cgroup view's columns: $want_hdr" eval '[ "$(cg_header)" = "$want_hdr" ]'
	expect "$S ... the sort marker on PCT (descending)" screen_has '▼PCT '
	expect "$S ... a row for $CG_PATH: LIMIT 256M, PROCS 2, FIRST VICTIM \"$SMALL $SMALL_NAME\"" \
		cg_row_is 256M 2 "$SMALL" "$SMALL_NAME"
	if cg_select; then
		ok "$S ... its row selected"
	else
		not_ok "$S ... its row selected (selected: $(cg_sel_path))"
	fi

	e2e_key Enter
	expect "$S Enter: the status says processes of $CG_PATH, in their kill order inside it" \
		status_is "processes of $CG_PATH, in their kill order inside it (g: the cgroups)"
	expect "$S ... the table holds only the cgroup's 2 processes: the 30 MiB hog $SMALL at RANK 1, $BIG at 2" \
		eval 'table_count_is 2 && row_is 1 1 "$SMALL" && row_is 2 2 "$BIG"'
	# the title has room for the counts from 100 columns on
	[ "$cols" -ge 100 ] && expect "$S ... the title counts 2 processes" eval '[ "$(title_count processes)" = 2 ]'
	check_layout "$S ... the layout"

	e2e_key t
	expect "$S t: the columns CGROUP and MEMCG" eval 'header_text | grep -qE " CGROUP +MEMCG "'
	expect "$S ... row 1 ($SMALL): CGROUP $CG_PATH, MEMCG \"NN% 256M\" (NN the cgroup's usage of its limit)" \
		memcg_row_ok 1 1 "$SMALL"
	expect "$S ... row 2 ($BIG): CGROUP $CG_PATH, MEMCG \"NN% 256M\"" memcg_row_ok 2 2 "$BIG"

	e2e_key Home
	expect "$S Home: the 30 MiB hog selected" sel_is 1 "$SMALL" 1
	e2e_key Enter
	expect "$S Enter: its details" box_shown
	expect "$S ... memory cgroups: $CG_PATH: ... of 256M (NN%), /: no limit; kill order 1 inside it" box_chain_ok 1
	e2e_key Space
	expect "$S a key closes them" box_gone
	e2e_key Down
	expect "$S Down: the 100 MiB hog selected" sel_is 2 "$BIG" 2
	e2e_key Enter
	expect "$S Enter: its details" box_shown
	expect "$S ... memory cgroups: $CG_PATH: ... of 256M (NN%); kill order 2 inside it" box_chain_ok 2
	e2e_key Space
	expect "$S a key closes them" box_gone

	e2e_key g
	expect "$S g: back to the cgroup view" \
		eval 'status_is "memory cgroups: Enter shows one'"'"'s processes in their kill order; g: all processes" &&
		[ "$(cg_header)" = "$want_hdr" ] && cg_row_is 256M 2 "$SMALL" "$SMALL_NAME"'
	e2e_key g
	expect "$S g again: all processes (status, column header, more than 2 rows)" \
		eval 'status_is "all processes" && [ -n "$(header_text)" ] && [ "$(table_count)" -gt 2 ]'
	expect "$S ... CGROUP and MEMCG still shown" eval 'header_text | grep -qE " CGROUP +MEMCG "'
	e2e_key t
	expect "$S t: CGROUP and MEMCG hidden" eval 'h=$(header_text) && [ -n "$h" ] && ! grep -qE "CGROUP|MEMCG" <<<"$h"'
	e2e_key q
	check_restored "$S q"
}

# --- the OOM policy ----------------------------------------------------------------------

VM_DIR=$E2E_TMP/vm
mkdir "$VM_DIR"
cp /proc/sys/vm/overcommit_memory /proc/sys/vm/overcommit_ratio /proc/sys/vm/overcommit_kbytes "$VM_DIR/"
echo 1 >"$VM_DIR/panic_on_oom"
echo 0 >"$VM_DIR/oom_kill_allocating_task"
POLICY="panic_on_oom=1: a system-wide OOM panics (reboots) this machine, nobody is killed; an OOM inside a memory cgroup still kills"

# policy_line: the line above the column header
policy_line() { tm_screen | awk '/^ *RANK +PID/ { print prev; exit } { prev = $0 }'; }
policy_line_is() {
	local w
	w=$(pane_format '#{pane_width}') || return 1
	[ "$(policy_line | sed 's/ *$//')" = "$(printf '%s' "${POLICY:0:w}" | sed 's/ *$//')" ]
}
# the policy line's number: right under the gauges
policy_line_at() {
	[ "$(tm_screen | awk '/^panic_on_oom=/ { print NR; exit }')" = $((2 + $(gauge_lines "$1"))) ]
}

policy_checks() {
	local size=$1 S="$1 panic_on_oom=1:"
	if ! E2E_ENV="OOMTOP_VM_DIR=$VM_DIR" e2e_start "$size" -d 1; then
		not_ok "$S oomtop starts with OOMTOP_VM_DIR"
		return
	fi
	ok "$S oomtop starts with OOMTOP_VM_DIR"
	expect "$S the line above the column header: $POLICY (cut at the width)" policy_line_is
	expect "$S ... right under the $(gauge_lines "${size%x*}") gauge lines" policy_line_at "${size%x*}"
	expect "$S ... in bold" eval 'screen_marked_as bold | grep -q "^B|panic_on_oom=1: "'
	expect "$S the title says \"a system-wide OOM panics; rank 1:\"" \
		eval 'title | grep -qE "^oomtop [0-9:]{8} .* a system-wide OOM panics; rank 1: [0-9]+ "'
	expect "$S ... not \"next victim:\"" eval '! title | grep -qF "next victim:"'
	e2e_key q
	check_restored "$S q"
}

for size in 80x24 120x40; do
	if [ -z "$CG_WHY" ]; then
		cgroup_checks "$size"
	else
		skip "$size: the cgroup view, a cgroup's processes, CGROUP and MEMCG, the details: $CG_WHY"
	fi
	policy_checks "$size"
done
