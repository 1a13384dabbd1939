# tests/e2e/common.bash - helpers of the end-to-end tests (sourced, not a test).
# On top of tests/lib.sh: test processes (hogs), a pane wrapper that records
# oomtop's pid, exit status and terminal state, readers of the captured
# screen, and waits. No check measures time: every wait polls a screen state
# with a generous limit (E2E_WAIT seconds).
. "$TOP/tests/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	skip "tmux is not installed (make deps installs it)"
	exit 0
fi

E2E_WAIT=${E2E_WAIT:-20}
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/oomtop-e2e.XXXXXX")
E2E_CHILDREN=() # hogs: our children, so their pids stay ours until reaped
E2E_OOMTOPS=()  # every oomtop started in a pane
E2E_SEQ=0
export HOG_NAME=oomtop-e2e-hog # the main hog's name, for the scripts
# All column names, in the order of the full table (t adds CGROUP and MEMCG
# before COMMAND: E2E_COLUMNS_T).
E2E_COLUMNS="RANK PID USER SCORE ADJ RSS ANON FILE SHMEM SWAP PTE COMMAND"
E2E_COLUMNS_T="RANK PID USER SCORE ADJ RSS ANON FILE SHMEM SWAP PTE CGROUP MEMCG COMMAND"
E2E_SIZES="RSS ANON FILE SHMEM SWAP PTE"

# One e2e script at a time on this machine: two runs' hogs (adj 900 and
# 1000) would take each other's ranks. Wait for the other run, not forever.
# Children get fd 9 closed (9>&-) so that none keeps the lock.
E2E_LOCK=/tmp/oomtop-e2e.lock
if command -v flock >/dev/null 2>&1 &&
	{ { exec 9>>"$E2E_LOCK"; } 2>/dev/null || { exec 9<"$E2E_LOCK"; } 2>/dev/null; }; then
	flock -w 400 9 || echo "# another e2e run holds $E2E_LOCK; going on without it"
fi

# Hogs die with this script even when it is killed with SIGKILL.
E2E_DEATHSIG=()
if setpriv --pdeathsig KILL true 2>/dev/null; then
	E2E_DEATHSIG=(setpriv --pdeathsig KILL)
fi

e2e_exit() {
	local p exe
	exec 2>/dev/null # no job notices for the hogs killed below
	tm_cleanup
	exe=$(readlink -f "$OOMTOP")
	for p in "${E2E_OOMTOPS[@]}"; do
		# only when the pid still runs our binary (it may have been reused)
		[ "$(readlink -f "/proc/$p/exe" 2>/dev/null)" = "$exe" ] && kill -KILL "$p" 2>/dev/null
	done
	for p in "${E2E_CHILDREN[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$E2E_TMP"
}
trap e2e_exit EXIT
trap 'exit 1' INT TERM HUP

# Inside tmux the right terminal type is tmux's own: with xterm-256color
# (tests/lib.sh's default) tmux sends Home/End as \e[1~ and \e[4~, which the
# xterm terminfo does not know, so those keys would never reach oomtop.
# E2E_TERM_FORCE picks another (a test of a misconfigured TERM).
E2E_TERM=xterm-256color
for t in ${E2E_TERM_FORCE:-} tmux-256color screen-256color screen; do
	if infocmp "$t" >/dev/null 2>&1; then
		E2E_TERM=$t
		break
	fi
done

# The pane runs this wrapper: it writes oomtop's pid to $1, runs oomtop with
# the rest of the arguments, then prints the terminal state and exits with
# oomtop's status (which tm_start's pane command prints as __EXIT_N__).
# Sanitizer reports go to files, found by sanitizer_clean; E2E_ASAN_MORE
# (set for one e2e_start) adds ASAN_OPTIONS.
cat >"$E2E_TMP/pane" <<EOF
#!/usr/bin/env bash
export TERM=$E2E_TERM
export ASAN_OPTIONS='${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$E2E_TMP/asan'\${E2E_ASAN_MORE:+:\$E2E_ASAN_MORE}
export UBSAN_OPTIONS='${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$E2E_TMP/ubsan'
pidfile=\$1
shift
bash -c 'echo \$\$ >"\$0.new" && mv "\$0.new" "\$0" && exec "\$@"' "\$pidfile" "\$@"
rc=\$?
s=" \$(stty -a | tr ';\n' '  ') "
echo "\$s" >"\$pidfile.stty"
e=off i=off
case \$s in *" echo "*) e=on ;; esac
case \$s in *" icanon "*) i=on ;; esac
printf "\\n__TTY_echo=%s_icanon=%s__\\n" "\$e" "\$i"
exit \$rc
EOF

# wait_for CMD...: poll CMD until it succeeds, at most E2E_WAIT seconds
wait_for() {
	local i
	for ((i = 0; i < E2E_WAIT * 10; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

# After E2E_BAIL failed expectations in a row, the next ones look once
# instead of waiting, so that a broken build fails fast rather than hitting
# tests/run.sh's time limit. A success resets the count.
E2E_BAIL=3
E2E_FAILS=0
expect_wait() {
	if [ "$E2E_FAILS" -ge "$E2E_BAIL" ]; then
		"$@"
	else
		wait_for "$@"
	fi
}

# expect WHAT CMD...: one TAP line: ok once CMD succeeds within the wait,
# otherwise not ok with the screen (attributes marked) in the diagnostics
expect() {
	local what=$1
	shift
	if expect_wait "$@"; then
		E2E_FAILS=0
		ok "$what"
	else
		E2E_FAILS=$((E2E_FAILS + 1))
		not_ok "$what"
		{
			echo "failed: $*"
			screen_marked
		} | diag
	fi
}

# --- test processes -------------------------------------------------------

# hog_start MIB ADJ NAME: start a hog and wait until it is ready; pid in HOG
hog_start() {
	local ready
	E2E_SEQ=$((E2E_SEQ + 1))
	ready=$E2E_TMP/ready.$E2E_SEQ
	"${E2E_DEATHSIG[@]}" "$BUILD/helpers/hog" "$1" "$2" "$3" "$ready" 9>&- &
	HOG=$!
	E2E_CHILDREN+=("$HOG")
	wait_for test -e "$ready"
}

# hogs_start N MIB ADJ NAME: start N hogs at once; pids in HOGS, ready files checked
hogs_start() {
	local n=$1 i f
	local -a ready=()
	HOGS=()
	for ((i = 0; i < n; i++)); do
		E2E_SEQ=$((E2E_SEQ + 1))
		f=$E2E_TMP/ready.$E2E_SEQ
		ready+=("$f")
		"${E2E_DEATHSIG[@]}" "$BUILD/helpers/hog" "$2" "$3" "$4" "$f" 9>&- &
		HOGS+=($!)
		E2E_CHILDREN+=($!)
	done
	for f in "${ready[@]}"; do
		wait_for test -e "$f" || return 1
	done
}

# hog_stop PID: kill one of our hogs and reap it
hog_stop() {
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# --- the pane -------------------------------------------------------------

# tm_stop: kill the tmux server and wait until it has gone (a new server
# started while the old one exits fails with "server exited unexpectedly")
tm_stop() {
	local spid
	spid=$(tm display -p '#{pid}' 2>/dev/null) || return 0
	# an oomtop left by a failed test: end it first, a hangup at exit can
	# hang LeakSanitizer (see signals.sh)
	[ -n "${OOMTOP_PID:-}" ] && running && kill -TERM "$OOMTOP_PID" && wait_for gone
	tm kill-server 2>/dev/null
	[ -n "$spid" ] && wait_for eval "! kill -0 $spid 2>/dev/null"
	return 0
}

# e2e_start COLSxLINES ARGS...: start oomtop ARGS in pane "t" of a fresh tmux
# server; its pid in OOMTOP_PID. Fails unless it draws a first screen.
# E2E_ENV (set for one e2e_start: words NAME=VALUE, no blanks in them) sets
# oomtop's environment last, over the pane's TERM and LANG. E2E_WRAP (set for
# one e2e_start: words, no blanks in them) is a command that execs oomtop
# (e.g. setpriv ... to run it as another user): oomtop keeps the pid.
e2e_start() {
	local size=$1 pidfile
	local -a envs=() wrap=()
	shift
	E2E_SEQ=$((E2E_SEQ + 1))
	pidfile=$E2E_TMP/oomtop.$E2E_SEQ
	read -ra envs <<<"${E2E_ENV:-}"
	[ "${#envs[@]}" -gt 0 ] && envs=(env "${envs[@]}") # env execs oomtop: same pid
	read -ra wrap <<<"${E2E_WRAP:-}"
	tm_stop
	OOMTOP_PID=''
	tm_start "$size" "$(printf '%q ' env "E2E_ASAN_MORE=${E2E_ASAN_MORE:-}" \
		bash "$E2E_TMP/pane" "$pidfile" "${envs[@]}" "${wrap[@]}" "$OOMTOP" "$@")" 9>&- || return 1
	wait_for test -s "$pidfile" || return 1
	OOMTOP_PID=$(cat "$pidfile")
	E2E_OOMTOPS+=("$OOMTOP_PID")
	wait_for screen_has '^oomtop [0-9]{2}:[0-9]{2}:[0-9]{2} |terminal too small' || return 1
	E2E_FAILS=0
}

# e2e_key KEY...: send tmux key names to the pane
e2e_key() { tm send-keys -t t "$@"; }

pane_format() { tm display -p -t t "$1"; }
pane_format_is() { [ "$(pane_format "$1")" = "$2" ]; }
pane_lines() { pane_format '#{pane_height}'; }
running() { kill -0 "$OOMTOP_PID" 2>/dev/null; }
gone() { ! running; }

# --- reading the screen ---------------------------------------------------

screen_has() { tm_screen 2>/dev/null | grep -qE -- "$1"; }
screen_lacks() { ! screen_has "$1"; }

# The sort marker beside a column name (▲ or ▼; ^ or v without UTF-8) reads
# as a space on the column header line: the helpers read column names and
# their positions; the tests of the marker read tm_screen_raw.
e2e_unmark() { sed -E '/^(.\|)? *(▲|▼|\^|v)?RANK(▲|▼|\^|v)? +(▲|▼|\^|v)?PID/ s/▲|▼|\^|v/ /g'; }
tm_screen_raw() { tm capture-pane -p -t t; }
tm_screen() { tm_screen_raw | e2e_unmark; }

# The screen, each line prefixed with "R|" when it starts in reverse video
# (the selection and the column header), "-|" otherwise; escapes removed.
# capture-pane -e only writes attribute changes, so the state carries over
# from line to line.
screen_marked() { screen_marked_as reverse; }
# screen_marked_as reverse|bold: as screen_marked, for bold "B|" when the line
# starts in bold
screen_marked_as() {
	local on=7 off=27 mark=R
	[ "$1" = bold ] && on=1 off=22 mark=B
	tm capture-pane -p -e -t t 2>/dev/null | LC_ALL=C awk -v on="$on" -v off="$off" -v mark="$mark" '
	function sgr(params,   n, a, i, p) {
		n = split(params, a, /[;:]/)
		if (n == 0)
			rev = 0
		for (i = 1; i <= n; i++) {
			p = a[i] + 0
			if (p == 0)
				rev = 0
			else if (p == on)
				rev = 1
			else if (p == off)
				rev = 0
			else if (p == 38 || p == 48 || p == 58)
				i += (a[i + 1] == 5) ? 2 : (a[i + 1] == 2) ? 4 : 0
		}
	}
	{
		line = $0; text = ""; first = -1
		while (line != "") {
			if (match(line, /^\033\[[0-9;:]*m/)) {
				sgr(substr(line, 3, RLENGTH - 3))
				line = substr(line, RLENGTH + 1)
			} else if (match(line, /^\033[^A-Za-z]*[A-Za-z]/)) {
				line = substr(line, RLENGTH + 1)
			} else {
				n = match(line, /\033/) ? RSTART - 1 : length(line)
				if (n < 1)
					n = 1 # a lone escape byte: keep it as text
				if (first < 0)
					first = rev
				text = text substr(line, 1, n)
				line = substr(line, n + 1)
			}
		}
		print (first == 1 ? mark "|" : "-|") text
	}' | e2e_unmark
}

# --- where the table is ----------------------------------------------------
# Between the title (line 1) and the column header oomtop draws the gauges of
# the header (commit, memory and swap, PSI): 5 lines at 100 columns and wider
# (3 when PSI is unavailable), 3 at 80 to 99 columns, 2 below 80. The column
# header is the first line that reads "RANK PID"; table row N is the Nth line
# under it. Under the table, above the status line (the last line), oomtop
# shows the pane of OOM kills unless L hid it: its title " OOM kills: N in the
# kernel log..." (" OOM kills, M since boot" when the kernel log cannot be
# read; reverse video), then the kills, newest first, one a line:
# at least one line (none yet, or why the kernel log cannot be read), at most
# 8, and at most (LINES - 10) / 2 + 1 (view_pane_lines). The last table line
# is the one above the pane's title, or above the status line without the pane.

# What layout_problems expects of the kill pane: "shown" (oomtop's default)
# or "hidden" (after L)
E2E_PANE=shown

# table_stop H: the number of the first line under the table on a screen read
# from stdin (as tm_screen or screen_marked print it; H = the pane height):
# the kill pane's title, or the status line (H) when the pane is hidden
table_stop() {
	awk -v h="$1" '
	!hl && /^(.\|)? *RANK +PID/ { hl = NR; next }
	hl && /^(.\|)? OOM kills([:, ]|$)/ { print NR; f = 1; exit }
	END { if (!f) print h }'
}

# pane_title: the kill pane's title line (nothing when the pane is hidden)
pane_title() { tm_screen | awk '!hl && /^ *RANK +PID/ { hl = NR } hl && /^ OOM kills([:, ]|$)/ { print; exit }'; }
# pane_count: N of the pane's title (N in the kernel log; nothing when the
# kernel log cannot be read)
pane_count() { pane_title | sed -nE 's/^ OOM kills: ([0-9]+) in the kernel log.*/\1/p'; }

# pane_height LINES KILLS: the lines of the kill pane (its title and rows) on
# a screen of LINES lines with KILLS kills in the kernel log
pane_height() {
	local r=$2 room=$((($1 - 10) / 2 + 1))
	[ "$r" -gt 8 ] && r=8
	[ "$r" -gt "$room" ] && r=$room
	[ "$r" -lt 1 ] && r=1
	echo $((r + 1))
}

# table_rows_expected COLS LINES: the number of table lines at this size: all
# lines but the title, the gauges, the column header, the kill pane (per its
# count on the screen, unless E2E_PANE=hidden) and the status line
table_rows_expected() {
	local p=0 n
	if [ "$E2E_PANE" = shown ]; then
		n=$(pane_count)
		p=$(pane_height "$2" "${n:-0}")
	fi
	echo $(($2 - 3 - $(gauge_lines "$1") - p))
}

# psi_readable: this machine's /proc/pressure can be read (the full header
# then has a line for each of memory, io and cpu)
psi_readable() { head -c 1 /proc/pressure/memory >/dev/null 2>&1; }

# gauge_lines COLS: the number of gauge lines at this width, on this machine
gauge_lines() {
	if [ "$1" -ge 100 ]; then
		if psi_readable; then echo 5; else echo 3; fi
	elif [ "$1" -ge 80 ]; then
		echo 3
	else
		echo 2
	fi
}

# layout_problems: the screen is the title on line 1, then the gauges (Commit
# first; Mem on the same line below 80 columns, else on the next; PSI after),
# then the column header, exactly on line 2 + gauge_lines; at the bottom the
# kill pane (unless E2E_PANE=hidden) right above the status line: its title,
# then one line a kill, as many as pane_height allows, or the one line saying
# why there is none. Prints what is wrong.
layout_problems() {
	local w h
	w=$(pane_format '#{pane_width}') || return 1
	h=$(pane_lines) || return 1
	tm_screen | LC_ALL=C awk -v g="$(gauge_lines "$w")" -v h="$h" -v want="$E2E_PANE" '
	NR == 1 && !/^oomtop [0-9][0-9]:[0-9][0-9]:[0-9][0-9]( |$)/ { print "line 1 is not the title: " $0 }
	NR == 2 && !/^Commit / { print "line 2 is not the Commit gauge: " $0 }
	NR == 2 && g == 2 && !/  Mem / { print "line 2 has no Mem gauge: " $0 }
	NR == 3 && g > 2 && !/^Mem / { print "line 3 is not the Mem gauge: " $0 }
	NR > 2 + (g > 2) && NR <= 1 + g && !/^PSI / { print "line " NR " is not a PSI line: " $0 }
	!hl && /^ *RANK +PID/ { hl = NR }
	{ line[NR] = $0 }
	hl && !pt && /^ OOM kills([:, ]|$)/ { pt = NR; n = /^ OOM kills: / ? $3 + 0 : 0 }
	END {
		if (!hl) print "no column header (RANK PID ...)"
		else if (hl != 2 + g) print "the column header is on line " hl ", not " 2 + g " (" g " gauge lines)"
		if (want == "hidden") {
			if (pt) print "the kill pane shows (line " pt "), it should be hidden"
			exit
		}
		if (!pt) { print "no kill pane title ( OOM kills: ...) under the table"; exit }
		r = n; room = int((h - 10) / 2) + 1
		if (r > 8) r = 8
		if (r > room) r = room
		if (r < 1) r = 1
		if (pt != h - 1 - r)
			print "the kill pane title is on line " pt ", not " h - 1 - r " (" n " kills: " r " pane rows above the status line)"
		for (i = pt + 1; i < h; i++) {
			if (n > 0 && line[i] !~ /^ [0-9][0-9]:[0-9][0-9]:[0-9][0-9] /)
				print "pane line " i " is not a kill: " line[i]
			else if (n == 0 && i == pt + 1 && line[i] !~ /^ (no OOM kill in the kernel log yet|kernel log (not readable|not found|cannot be opened))/)
				print "pane line " i " says neither that there is no kill nor why: " line[i]
			else if (n == 0 && i > pt + 1)
				print "pane line " i " after the one line of an empty pane: " line[i]
		}
	}'
}
layout_ok() {
	local p
	p=$(layout_problems) || return 1
	[ -z "$p" ] && return 0
	echo "$p" >"$E2E_TMP/problems"
	return 1
}

# check_layout WHAT: layout_ok as a TAP line, with what is wrong
check_layout() {
	if expect_wait layout_ok; then
		E2E_FAILS=0
		ok "$1"
	else
		E2E_FAILS=$((E2E_FAILS + 1))
		not_ok "$1"
		{
			head -5 "$E2E_TMP/problems" 2>/dev/null
			tm_screen 2>/dev/null | head -8
		} | diag
	fi
}

# header_text: the column header line
header_text() { tm_screen | awk '/^ *RANK +PID/ { print; exit }'; }

# table_lines: the table rows, the lines between the column header and the
# kill pane (or the status line when the pane is hidden); nothing when there
# is no column header
table_lines() {
	local h s
	h=$(pane_lines) || return 1
	s=$(tm_screen) || return 1
	printf '%s\n' "$s" | awk -v h="$(printf '%s\n' "$s" | table_stop "$h")" '
	hl && NR < h; !hl && /^ *RANK +PID/ { hl = NR }'
}

# row_text N: table row N (1 = the line under the column header)
row_text() { table_lines | sed -n "$1p"; }

# row_is N RANK PID: table row N shows RANK and PID
row_is() { row_text "$1" | awk -v r="$2" -v p="$3" '{ f = ($1 == r && $2 == p) } END { exit !f }'; }

# pid_shown PID: a table row shows PID
pid_shown() { table_lines | awk -v p="$1" '$2 == p { f = 1 } END { exit !f }'; }

# sel_scan: the selected table rows as "ROW|LAST|TEXT": ROW counted from 1 =
# the line under the column header, LAST the row number of the last table line
# (the one above the kill pane, or above the status line without the pane)
sel_scan() {
	local h s
	h=$(pane_lines) || return 1
	s=$(screen_marked) || return 1
	printf '%s\n' "$s" | awk -v h="$(printf '%s\n' "$s" | table_stop "$h")" '
	hl && NR < h && /^R\|/ { print NR - hl "|" h - 1 - hl "|" substr($0, 3) }
	!hl && /^.\| *RANK +PID/ { hl = NR }'
}

# The selected rows of the table: "ROW|TEXT", ROW as in sel_scan
sel_rows() { sel_scan | cut -d'|' -f1,3-; }

# sel_is RANK PID ROW: exactly one row is selected, with this RANK, PID and
# table ROW (1 = the line under the column header; "last" = the last table
# line, above the kill pane or the status line; "-" for any)
sel_is() {
	local rows
	rows=$(sel_scan) || return 1
	[ -n "$rows" ] && [ "$(printf '%s\n' "$rows" | wc -l)" -eq 1 ] || return 1
	printf '%s\n' "$rows" | awk -F'|' -v r="$1" -v p="$2" -v l="$3" '{
		split($3, f, " ")
		if (l == "last")
			l = $2
		exit !((r == "-" || f[1] == r) && (p == "-" || f[2] == p) && (l == "-" || $1 == l))
	}'
}

# sel_field N: field N (1 = RANK, 2 = PID) of the selected row
sel_field() { sel_rows | head -1 | cut -d'|' -f2- | awk -v n="$1" '{ print $n }'; }

title() { tm_screen | head -1; }
# title_count processes|killable
title_count() { title | grep -oE "[0-9]+ $1" | grep -oE '^[0-9]+'; }

# cell PID COLUMN: the COLUMN cell of PID's row on the screen (fields before
# COMMAND never hold spaces)
cell() {
	local h s
	h=$(pane_lines) || return 1
	s=$(tm_screen) || return 1
	printf '%s\n' "$s" | awk -v pid="$1" -v col="$2" -v h="$(printf '%s\n' "$s" | table_stop "$h")" '
	hl && c && NR < h && $2 == pid { print $c; exit }
	!hl && /^ *RANK +PID/ { hl = NR; for (i = 1; i <= NF; i++) if ($i == col) c = i }'
}

# cell_is PID COLUMN REGEX
cell_is() {
	local v
	v=$(cell "$1" "$2")
	[[ $v =~ $3 ]]
}

# header_is NAMES: the column header holds exactly these names
header_is() { [ "$(header_text | xargs)" = "$1" ]; }

# table_whole: the column header holds whole column names, in the table's order,
# COMMAND last, and every row holds whole values under them: right-aligned
# numbers end where their name ends, sizes read like 12K, 3.4M or 151M; with
# t, CGROUP is left-aligned and MEMCG right-aligned, "65% 200M" or "-".
# Prints what is wrong, if anything.
table_problems() {
	local h s
	h=$(pane_lines) || return 1
	s=$(tm_screen) || return 1
	h=$(printf '%s\n' "$s" | table_stop "$h")
	printf '%s\n' "$s" | LC_ALL=C awk -v h="$h" -v all="$E2E_COLUMNS_T" -v sizes="$E2E_SIZES" '
	BEGIN {
		n = split(all, order, " ")
		for (i = 1; i <= n; i++) pos[order[i]] = i
		split(sizes, s, " ")
		for (i in s) size[s[i]] = 1
	}
	!hl && /^ *RANK +PID/ {
		hl = NR; line = $0; x = 0; last = 0
		while (match(line, /[^ ]+/)) {
			name = substr(line, RSTART, RLENGTH)
			start = x + RSTART; end = x + RSTART + RLENGTH - 1
			x = end; line = substr(line, RSTART + RLENGTH)
			if (!(name in pos)) { print "header: cut or unknown name \"" name "\""; continue }
			if (pos[name] <= last) print "header: " name " out of order"
			last = pos[name]
			ncol++; cname[ncol] = name; cstart[ncol] = start; cend[ncol] = end
		}
		if (cname[ncol] != "COMMAND") print "header: COMMAND is not the last column"
		next
	}
	hl && NR < h && $0 ~ /[^ ]/ {
		row = $0
		for (i = 1; i < ncol; i++) {
			name = cname[i]
			if (name == "USER" || name == "CGROUP") {
				# left-aligned: starts under the name, a space before it
				if (substr(row, cstart[i], 1) == " " || substr(row, cstart[i] - 1, 1) != " ")
					{ print "line " NR ": " name " not aligned: " row; break }
				v = substr(row, cstart[i]); sub(/ .*/, "", v)
			} else {
				# right-aligned: ends under the name, a space after it
				if (substr(row, cend[i], 1) == " " || substr(row, cend[i] + 1, 1) != " ")
					{ print "line " NR ": " name " not aligned: " row; break }
				v = substr(row, 1, cend[i]); sub(/.* /, "", v)
				if (name == "MEMCG") { v = substr(row, cend[i] - 10, 11); sub(/^ +/, "", v) }
			}
			if (name == "RANK") re = "^([0-9]+|never)$"
			else if (name == "PID" || name == "SCORE") re = "^[0-9]+$"
			else if (name == "ADJ") re = "^-?[0-9]+$"
			else if (name in size) re = "^[0-9]+(\\.[0-9])?[KMGT]$"
			else if (name == "MEMCG") re = "^([0-9]+% [0-9]+(\\.[0-9])?[KMGT]|-)$"
			else re = "."
			if (v !~ re) { print "line " NR ": " name " \"" v "\" is not a whole value: " row; break }
		}
	}
	END { if (!hl) print "no column header (a line reading RANK PID ...)" }'
}
table_whole() {
	local p
	p=$(table_problems) || return 1
	[ -z "$p" ] && return 0
	echo "$p" >"$E2E_TMP/problems"
	return 1
}

# check_table WHAT: table_whole as a TAP line, with what is wrong
check_table() {
	if expect_wait table_whole; then
		E2E_FAILS=0
		ok "$1"
	else
		E2E_FAILS=$((E2E_FAILS + 1))
		not_ok "$1"
		head -5 "$E2E_TMP/problems" 2>/dev/null | diag
	fi
}

# --- after oomtop ---------------------------------------------------------

# sanitizer_clean WHAT: no AddressSanitizer/UBSan report was written
sanitizer_clean() {
	local f found=
	for f in "$E2E_TMP"/asan.* "$E2E_TMP"/ubsan.*; do
		[ -e "$f" ] || continue
		[ "${f%.seen}" = "$f" ] || continue # reported before
		found=1
		head -30 "$f" | diag
		mv "$f" "$f.seen"
	done
	if [ -z "$found" ]; then ok "$1: no sanitizer report"; else not_ok "$1: no sanitizer report"; fi
}

# check_restored WHAT: oomtop has exited with status 0 and left the terminal
# as it found it: main screen, echo and canonical input on, cursor visible,
# cursor keys in normal mode
check_restored() {
	local what=$1
	expect "$what: oomtop exits" gone
	expect "$what: exit status 0" screen_has '__EXIT_0__'
	expect "$what: echo and icanon back (stty -a)" screen_has '__TTY_echo=on_icanon=on__'
	expect "$what: main screen again (alternate_on 0)" pane_format_is '#{alternate_on}' 0
	expect "$what: cursor visible" pane_format_is '#{cursor_flag}' 1
	expect "$what: cursor keys in normal mode" pane_format_is '#{keypad_cursor_flag}' 0
	sanitizer_clean "$what"
}
