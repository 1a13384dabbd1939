#!/usr/bin/env bash
# sort_filter.sh - what the user sees of sorting and filtering, at 80x24,
# 120x40 and 60x20: the sort marker in the column header (RANK by default),
# < and > (and the edges), R, the sort box (s, F6: Up/Down/Home/End, Enter,
# Esc/q/F6), -s/--sort at start (and a bad column), the mouse (header clicks
# sort and reverse, row clicks select, the wheel moves 3 rows; --no-mouse
# ignores all of it), the filter (/, as you type, Enter keeps, Esc clears,
# the command line counts, the hint line), u (a user, an unknown one,
# everyone), c (command line or [name]), t (the CGROUP and MEMCG columns, or
# "too narrow" without taking other columns' room), K (kernel threads), the
# help screen (h, ?, F1: every key label of src/keys.c) and the bottom hint
# line. The prompts of / and u show what was typed first, then a refused
# key's note, then their rules ("filter: TEXT_  [...]").
# The hogs have known sizes and oom_score_adj values; oomtop runs with -d 1000
# so the table changes only when a test asks for it. Orders are checked on
# the rows shown (other processes come and go on the machine): every PID, RSS
# or RANK on the screen in order, the hogs where they belong.
set -u
. "$TOP/tests/e2e/common.bash"

SIZES=${SF_SIZES:-"80x24 120x40 60x20"}
HINT='h help  q quit  +/- adj  = set  k signal  / filter  s sort  Tab focus'
FILTER_RULES='  [name or command line; Enter keeps it, Esc clears it]'
USER_RULES='  [name or uid, empty: everyone; Enter shows, Esc cancels]'

# The sort marker: UTF-8 arrows in a UTF-8 locale (the pane's LANG), else ASCII
if [ "$(LANG=${LANG:-C.UTF-8} locale charmap 2>/dev/null)" = UTF-8 ]; then
	UP='▲' DOWN='▼' MARK_RE='(▲|▼)'
else
	UP='^' DOWN='v' MARK_RE='(\^|v)'
fi

# --- test processes ---------------------------------------------------------

# BIG and SMALL: two sizes (RSS order BIG first), two adj values (BIG ranks
# before SMALL). Unique names: the filter finds them and nothing else.
BIG_NAME=sf-big-hog SMALL_NAME=sf-small-hog
# Fillers first: the table overflows at every size whatever runs on the
# machine, and their ready files (ready.1 .. ready.40) never hold the big
# hog's (ready.41) as a substring. Their names hold no "sf-".
if ! hogs_start 40 0 0 oomtop-e2e-fill; then
	not_ok "40 filler processes start"
	exit 1
fi
if ! hog_start 150 900 "$BIG_NAME"; then
	not_ok "hog $BIG_NAME (150 MiB, adj 900) starts"
	exit 1
fi
BIG=$HOG
BIG_READY=ready.$E2E_SEQ # in its command line only, not in its name
if ! hog_start 60 800 "$SMALL_NAME"; then
	not_ok "hog $SMALL_NAME (60 MiB, adj 800) starts"
	exit 1
fi
SMALL=$HOG
ok "hogs ready: $BIG_NAME $BIG (150 MiB, adj 900), $SMALL_NAME $SMALL (60 MiB, adj 800)"

# A hog of another user (nobody), for u; started when setpriv can switch
NOBODY= NOBODY_NAME=sf-nobody-hog NOBODY_USER=
if [ "$(id -u)" -eq 0 ] && NOBODY_USER=$(getent passwd 65534 | cut -d: -f1) && [ -n "$NOBODY_USER" ] &&
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups -- \
		"${E2E_DEATHSIG[@]}" "$BUILD/helpers/hog" 20 700 "$NOBODY_NAME" 9>&- &
	NOBODY=$!
	E2E_CHILDREN+=("$NOBODY")
	# ready once it has renamed itself (after its allocation and adj)
	if wait_for eval "[ \"\$(cat /proc/$NOBODY/comm 2>/dev/null)\" = $NOBODY_NAME ]"; then
		ok "hog $NOBODY_NAME $NOBODY (20 MiB, adj 700) runs as $NOBODY_USER (uid 65534)"
	else
		not_ok "hog $NOBODY_NAME runs as uid 65534"
		NOBODY=
	fi
fi

# SMALL in a cgroup of its own named like a systemd service, when this
# machine's cgroup2 hierarchy can be written: its CGROUP cell then reads the
# service name. Removed at exit, after the hogs are gone.
CG_DIR= CG_SERVICE=oomtop-sf$$.service
cg_exit() {
	local i
	e2e_exit
	[ -n "$CG_DIR" ] || return 0
	for ((i = 0; i < 100; i++)); do
		rmdir "$CG_DIR" 2>/dev/null && return 0
		[ -d "$CG_DIR" ] || return 0
		sleep 0.1
	done
}
trap cg_exit EXIT
cg2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts 2>/dev/null)
if [ "$(id -u)" -eq 0 ] && [ -n "$cg2" ] && grep -q '^0::' "/proc/$SMALL/cgroup" &&
	mkdir "$cg2/$CG_SERVICE" 2>/dev/null; then
	CG_DIR=$cg2/$CG_SERVICE
	if echo "$SMALL" >"$CG_DIR/cgroup.procs" 2>/dev/null && grep -qx "0::/$CG_SERVICE" "/proc/$SMALL/cgroup"; then
		ok "hog $SMALL moved to the cgroup /$CG_SERVICE"
	else
		skip "cannot move a hog to the cgroup $CG_DIR: the CGROUP column shows cgroup paths only"
		rmdir "$CG_DIR" 2>/dev/null
		CG_DIR=
	fi
fi

# --- reading the screen -------------------------------------------------------

last_line() { tm_screen | tail -1; }
last_line_has() { last_line | grep -qE -- "$1"; }
# cut_to_width TEXT: TEXT as a line of the screen shows it: cut at the width
# (T_COLS), no blanks at the end
cut_to_width() { printf '%s' "${1:0:$T_COLS}" | sed 's/ *$//'; }
# shows MESSAGE: the status line reads MESSAGE (cut at the screen's edge)
shows() { [ "$(last_line)" = "$(cut_to_width "$1")" ]; }
# shows_start TEXT: the status line starts with TEXT (cut at the screen's edge)
shows_start() {
	local w
	w=$(cut_to_width "$1")
	case $(last_line) in "$w"*) true ;; *) false ;; esac
}

# The column header as drawn, with the sort marker
header_raw() { tm_screen_raw | grep -m1 -E "^ *$MARK_RE?RANK$MARK_RE? +$MARK_RE?PID"; }

# sort_mark_is NAME up|down: the header holds one sort marker, beside NAME:
# left of a right-aligned name ("  ▼RSS"), right of a left-aligned one ("USER▲")
sort_mark_is() {
	local h m n
	h=$(header_raw) || return 1
	if [ "$2" = up ]; then m=$UP; else m=$DOWN; fi
	n=$(printf '%s\n' "$h" | grep -o -F -e "$UP" -e "$DOWN" | wc -l)
	[ "$n" -eq 1 ] || return 1
	case $1 in
	USER | CGROUP | COMMAND) [[ " $h " == *" $1$m "* ]] ;;
	*) [[ " $h " == *" $m$1 "* ]] ;;
	esac
}

# The shown column names, in order
header_names() { header_text | xargs; }
# header_has NAME...: the header shows every NAME
header_has() {
	local h n
	h=" $(header_names) "
	for n; do [[ $h == *" $n "* ]] || return 1; done
}

# natural direction of a column's marker
natural_dir() {
	case $1 in
	SCORE | ADJ | RSS | ANON | FILE | SHMEM | SWAP | PTE | MEMCG) echo down ;;
	*) echo up ;;
	esac
}

# col_values NAME: the column's cells, one a line (columns before COMMAND)
col_values() {
	local c
	c=$(header_text | awk -v n="$1" '{ for (i = 1; i <= NF; i++) if ($i == n) print i }')
	[ -n "$c" ] || return 1
	table_lines | awk -v c="$c" 'NF { print $c }'
}

# in_order NAME asc|desc: the column's cells on the screen run that way (at
# least 5 rows); sizes compare by value, RANK puts "never" after the numbers
in_order() {
	col_values "$1" | awk -v name="$1" -v dir="$2" '
	function key(v,   u) {
		if (name == "RANK")
			return v == "never" ? 1e12 : v + 0
		u = substr(v, length(v))
		if (u == "K") return v * 1
		if (u == "M") return v * 1024
		if (u == "G") return v * 1048576
		if (u == "T") return v * 1073741824
		return v + 0
	}
	{
		if (name == "PID" && $0 !~ /^[0-9]+$/) bad = 1
		k = key($0)
		if (n && ((dir == "asc" && k < prev) || (dir == "desc" && k > prev))) bad = 1
		if (n && name == "PID" && k == prev) bad = 1
		prev = k; n++
	}
	END { exit bad || n < 5 }'
}

# row_of PID: its table row (1 = under the column header); nothing if not shown
row_of() { table_lines | awk -v p="$1" '$2 == p { print NR; exit }'; }
above() { # above PID1 PID2: both shown, PID1 on a row above PID2
	local a b
	a=$(row_of "$1") && b=$(row_of "$2") && [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}
not_shown() { ! pid_shown "$1"; }

# the pids in the table, one a line
table_pids() { table_lines | awk '$2 ~ /^[0-9]+$/ { print $2 }'; }

# rows_match TEXT: every row shows a process whose name or command line holds
# TEXT (any case), at least one row; rows of processes gone since are let be
rows_match() {
	local p n=0 comm cmd
	for p in $(table_pids); do
		n=$((n + 1))
		comm=$(cat "/proc/$p/comm" 2>/dev/null) || continue
		cmd=$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) || continue
		printf '%s\n%s\n' "$comm" "$cmd" | grep -qiF -- "$1" || return 1
	done
	[ "$n" -gt 0 ]
}

# table_full: every table line holds a row (no filter narrows it)
table_full() {
	local want got
	want=$(table_rows_expected "$T_COLS" "$T_LINES") || return 1
	got=$(table_lines | awk 'NF' | wc -l)
	[ "$got" -eq "$want" ]
}

# all_users_are NAME: every row's USER is NAME (at least one row)
all_users_are() { col_values USER | awk -v u="$1" '$0 != u { bad = 1 } { n++ } END { exit bad || !n }'; }

# command_cell PID: the COMMAND text of PID's row (from the COMMAND column on)
command_cell() {
	local x
	x=$(header_text | awk '{ print index($0, "COMMAND") }')
	[ -n "$x" ] && [ "$x" -gt 0 ] || return 1
	table_lines | awk -v p="$1" -v x="$x" '$2 == p { s = substr($0, x); sub(/ +$/, "", s); print s; exit }'
}
cmdline_of() { tr '\0' ' ' <"/proc/$1/cmdline" | sed 's/ $//'; }
# command_is_cmdline PID: its COMMAND cell is the start of its command line
command_is_cmdline() {
	local c full
	c=$(command_cell "$1") && [ -n "$c" ] || return 1
	full=$(cmdline_of "$1")
	[ "${full:0:${#c}}" = "$c" ] && [ "${#c}" -ge 16 ] || [ "$c" = "$full" ]
}
command_is() { [ "$(command_cell "$1")" = "$2" ]; }

# cgroup_label PID: what the CGROUP column shows for PID, from /proc/PID/cgroup:
# the last .service component of the unified (0::) path, else of the
# name=systemd path; else the first path that says more than "/" (the
# unified one, else name=systemd, else any line's: v1 and hybrid systems
# leave the unified path at "/"); else the unified path, else the first
# line's; cut to the column's 24 cells
cgroup_label() {
	awk '
	function svc(p,   k, a, i, s) {
		k = split(p, a, "/")
		s = ""
		for (i = 1; i <= k; i++)
			if (length(a[i]) > 8 && a[i] ~ /\.service$/)
				s = a[i]
		return s
	}
	{
		i1 = index($0, ":"); rest = substr($0, i1 + 1); i2 = index(rest, ":")
		if (!i1 || !i2) next
		hier = substr($0, 1, i1 - 1); ctl = substr(rest, 1, i2 - 1); path = substr(rest, i2 + 1)
		if (hier == "0" && ctl == "" && !u) { u = 1; up = path }
		if (ctl == "name=systemd" && !n) { n = 1; np = path }
		if (!f) { f = 1; fp = path }
		if (path != "/" && any == "") any = path
	}
	END {
		s = u ? svc(up) : ""
		if (s == "" && n) s = svc(np)
		if (s == "" && u && up != "/") s = up
		if (s == "" && n && np != "/") s = np
		if (s == "") s = any
		if (s == "") s = u ? up : f ? fp : "?"
		print substr(s, 1, 24)
	}' "/proc/$1/cgroup"
}

# memcg_cell PID: PID's MEMCG cell, right-aligned under the name (11 cells:
# "65% 200M" or "-"; it holds a space, so cell cannot read it)
memcg_cell() {
	local e
	e=$(header_text | awk '{ i = index($0, " MEMCG "); if (i) print i + 5 }')
	[ -n "$e" ] || return 1
	table_lines | awk -v p="$1" -v e="$e" '$2 == p { s = substr($0, e - 10, 11); sub(/^ +/, "", s); print s; exit }'
}

# sel_pid_is PID ROW: the selection is PID's row, on table row ROW
sel_pid_is() { sel_is - "$1" "$2"; }

# --- the sort box ---------------------------------------------------------------

# picker_cursor: the column name on the sort box's cursor row (the box's row
# in reverse video at its inner left edge, screen column 4)
picker_cursor() {
	# one byte for each UTF-8 character (the header's sort marker may show
	# left of the box), so that awk counts screen columns
	tm capture-pane -p -e -t t 2>/dev/null | LC_ALL=C sed 's/[\xc0-\xf7][\x80-\xbf]*/?/g' | LC_ALL=C awk '
	function sgr(params,   n, a, i, p) {
		n = split(params, a, /[;:]/)
		if (n == 0)
			rev = 0
		for (i = 1; i <= n; i++) {
			p = a[i] + 0
			if (p == 0) rev = 0
			else if (p == 7) rev = 1
			else if (p == 27) rev = 0
			else if (p == 38 || p == 48 || p == 58)
				i += (a[i + 1] == 5) ? 2 : (a[i + 1] == 2) ? 4 : 0
		}
	}
	{
		line = $0; text = ""; col = 0; r = 0
		while (line != "") {
			if (match(line, /^\033\[[0-9;:]*m/)) {
				sgr(substr(line, 3, RLENGTH - 3)); line = substr(line, RLENGTH + 1)
			} else if (match(line, /^\033[^A-Za-z]*[A-Za-z]/)) {
				line = substr(line, RLENGTH + 1)
			} else {
				col++
				if (col == 4) r = rev
				text = text substr(line, 1, 1); line = substr(line, 2)
			}
		}
		if (r && text ~ /^.. [ *] [A-Z]+ /) { s = substr(text, 6); sub(/ .*/, "", s); print s }
	}'
}
picker_cursor_is() { [ "$(picker_cursor)" = "$1" ]; }
# picker_current_is NAME: the box marks NAME with '*' (the sort column), only it
picker_current_is() { [ "$(tm_screen | sed -nE 's/^.. \* ([A-Z]+) .*/\1/p')" = "$1" ]; }
PICKER_TITLE=' Sort by \(Up/Down, Enter sorts, Esc cancels\)'
picker_shown() { screen_has "$PICKER_TITLE"; }
picker_gone() { screen_lacks "$PICKER_TITLE" && screen_has '^ *RANK +PID'; }

# --- the mouse --------------------------------------------------------------------

# header_y: the column header's screen line, from 0
header_y() { tm_screen | awk '/^ *RANK +PID/ { print NR - 1; exit }'; }
# col_x NAME: the screen column (from 0) where NAME starts in the header
col_x() { header_text | awk -v n="$1" '{ i = index(" " $0 " ", " " n " "); if (i) print i - 1 }'; }
hexb() { printf '%02x' "$1"; }
# mouse_press BUTTON X Y: an X10 mouse report (button 0 left, 64/65 wheel)
mouse_press() { tm send-keys -t t -H 1b 5b 4d "$(hexb $((32 + $1)))" "$(hexb $((33 + $2)))" "$(hexb $((33 + $3)))"; }
# click X Y: a left press and its release, as a terminal reports them
click() {
	mouse_press 0 "$1" "$2"
	mouse_press 3 "$1" "$2"
}
wheel_down() { mouse_press 65 "$1" "$2"; }
wheel_up() { mouse_press 64 "$1" "$2"; }
# click_header NAME: a click on NAME in the column header
click_header() {
	local x y
	x=$(col_x "$1") && y=$(header_y) && [ -n "$x" ] && [ -n "$y" ] || return 1
	click "$x" "$y"
}
# click_row N: a click on table row N, on its PID
click_row() {
	local x y
	x=$(col_x PID) && y=$(header_y) && [ -n "$x" ] && [ -n "$y" ] || return 1
	click "$x" $((y + $1))
}

# --- the help screen ----------------------------------------------------------------

# Every key label of the key table (the third field of each entry of src/keys.c)
key_labels() {
	sed -nE 's/^[[:space:]]*\{[^"]*"(([^"\\]|\\.)+)", "([^"\\]|\\.)*" \},?[[:space:]]*$/\1/p' "$TOP/src/keys.c" | sort -u
}
HELP_TITLE='^oomtop keys'
HELP_END='^ Mouse: a click selects a row or sorts by a column'
help_shown() { screen_has "$HELP_TITLE"; }
# help_first: the first key line of the help screen
help_first() { tm_screen | sed -n 3p; }
help_first_moved() { local f; f=$(help_first); [ -n "$f" ] && [ "$f" != "$1" ]; }
# help_labels: the key labels at the start of the help lines on the screen
help_labels() {
	tm_screen | awk 'NR > 2 && /^ [^ ]/ { k = substr($0, 2); sub(/  .*/, "", k); n = split(k, a, ", "); for (i = 1; i <= n; i++) print a[i] }'
}
# help_collect: every label on the help screen, paging down with PgDn until
# the closing line shows; labels in HELP_SEEN, the pages turned in HELP_PAGES
help_collect() {
	local first
	HELP_SEEN=$E2E_TMP/help_seen
	: >"$HELP_SEEN"
	for ((HELP_PAGES = 0; HELP_PAGES < 10; HELP_PAGES++)); do
		help_labels >>"$HELP_SEEN"
		screen_has "$HELP_END" && return 0
		first=$(help_first)
		e2e_key NPage
		wait_for help_first_moved "$first" || return 1
	done
	return 1
}
# help_missing: the labels of src/keys.c not seen on the help screen
help_missing() { key_labels | while IFS= read -r l; do grep -qxF -- "$l" "$HELP_SEEN" || printf '%s ' "$l"; done; }

# table_back: the help or a box has gone, the table is there
table_back() { screen_lacks "$HELP_TITLE" && screen_has '^ *RANK +PID'; }

# --- scenarios ------------------------------------------------------------------------

# start SIZE WHAT ARGS...: e2e_start with a TAP line; false when it fails
start() {
	local size=$1 what=$2
	shift 2
	if e2e_start "$size" "$@"; then
		ok "$size: $what: oomtop starts"
		return 0
	fi
	not_ok "$size: $what: oomtop starts"
	tm_screen 2>&1 | diag
	return 1
}

# quit SIZE WHAT: q, then the terminal as it was, no sanitizer report
quit() {
	e2e_key q
	check_restored "$1: $2: q"
}

# Sort with the keys: the default marker, <, >, the edges, R, every column
sc_sort_keys() {
	local S="$1: sort keys" names n i name cols
	start "$1" "sort keys" -d 1000 || return
	expect "$S: the header marks RANK with $UP (the default sort)" sort_mark_is RANK up
	expect "$S: ... the rows in the kill order (RANK up, never last)" in_order RANK asc
	expect "$S: ... the hog $BIG ranks above the hog $SMALL" above "$BIG" "$SMALL"

	e2e_key '<'
	expect "$S: < at the left edge: 'already sorted by the leftmost column (RANK)'" \
		shows 'already sorted by the leftmost column (RANK)'
	expect "$S: ... the sort stays RANK $UP" sort_mark_is RANK up

	e2e_key '>'
	expect "$S: >: PID is marked $UP" sort_mark_is PID up
	expect "$S: ... the status line says 'sorted by PID, smallest first'" \
		shows 'sorted by PID, smallest first'
	expect "$S: ... the rows in ascending PID order" in_order PID asc

	e2e_key R
	expect "$S: R: the marker flips to $DOWN beside PID" sort_mark_is PID down
	expect "$S: ... 'sorted by PID, largest first'" shows 'sorted by PID, largest first'
	expect "$S: ... the rows in descending PID order" in_order PID desc
	e2e_key R
	expect "$S: R again: $UP beside PID, ascending PIDs" \
		eval "sort_mark_is PID up && in_order PID asc && shows 'sorted by PID, smallest first'"

	e2e_key '<'
	expect "$S: <: back to RANK $UP" sort_mark_is RANK up
	expect "$S: ... 'sorted by RANK, the kill order: who dies first on top'" \
		shows 'sorted by RANK, the kill order: who dies first on top'
	expect "$S: ... the rows in the kill order" in_order RANK asc

	# > through every shown column, to the right edge, then < back
	names=$(header_names)
	read -ra cols <<<"$names"
	n=${#cols[@]}
	check "$S: the columns at this width: $names" eval '[ "$n" -ge 5 ] && [[ $names == "RANK PID "*" COMMAND" ]]'
	for ((i = 1; i < n; i++)); do
		name=${cols[i]}
		e2e_key '>'
		expect "$S: > to $name: marked $(natural_dir "$name") ($( [ "$(natural_dir "$name")" = up ] && echo "$UP" || echo "$DOWN"))" \
			sort_mark_is "$name" "$(natural_dir "$name")"
	done
	e2e_key '>'
	expect "$S: > at the right edge: 'already sorted by the rightmost column (COMMAND)'" \
		shows 'already sorted by the rightmost column (COMMAND)'
	expect "$S: ... the sort stays COMMAND $UP" sort_mark_is COMMAND up
	e2e_key R
	expect "$S: R on COMMAND: 'sorted by COMMAND, Z to A', $DOWN after the name" \
		eval "shows 'sorted by COMMAND, Z to A' && sort_mark_is COMMAND down"
	for ((i = n - 2; i >= 0; i--)); do
		name=${cols[i]}
		e2e_key '<'
		expect "$S: < to $name: marked $(natural_dir "$name") (R is undone by a new column)" \
			sort_mark_is "$name" "$(natural_dir "$name")"
	done
	expect "$S: ... back at RANK: 'sorted by RANK, the kill order: who dies first on top'" \
		shows 'sorted by RANK, the kill order: who dies first on top'

	e2e_key R
	expect "$S: R on RANK: $DOWN beside RANK, 'sorted by RANK, the kill order reversed'" \
		eval "sort_mark_is RANK down && shows 'sorted by RANK, the kill order reversed'"
	expect "$S: ... the rows in reverse kill order (never first)" in_order RANK desc
	e2e_key End
	expect "$S: ... End: the last row is rank 1" eval "sel_is 1 - last"
	expect "$S: ... the hog $SMALL above the hog $BIG" above "$SMALL" "$BIG"
	e2e_key R
	expect "$S: R again: the kill order" eval "sort_mark_is RANK up && in_order RANK asc"
	quit "$1" "sort keys"
}

# The sort box (s, F6) and the sort at start (-s, --sort)
sc_sort_box() {
	local S="$1: sort box"
	start "$1" "sort box" -d 1000 || return
	e2e_key s
	expect "$S: s opens the box ' Sort by (Up/Down, Enter sorts, Esc cancels)'" picker_shown
	expect "$S: ... RANK, the sort column, is marked '*'" picker_current_is RANK
	expect "$S: ... the cursor (reverse video) is on RANK" picker_cursor_is RANK
	e2e_key Down
	expect "$S: Down: the cursor on PID" picker_cursor_is PID
	e2e_key End
	expect "$S: End: the cursor on COMMAND, the last column" picker_cursor_is COMMAND
	e2e_key Home
	expect "$S: Home: the cursor on RANK" picker_cursor_is RANK
	e2e_key Down Down Down Down Down
	expect "$S: Down x5: the cursor on RSS" picker_cursor_is RSS
	e2e_key Enter
	expect "$S: Enter: the box closes" picker_gone
	expect "$S: ... RSS marked $DOWN in the header" sort_mark_is RSS down
	expect "$S: ... 'sorted by RSS, largest first'" shows 'sorted by RSS, largest first'
	expect "$S: ... the rows by RSS, largest first" in_order RSS desc
	expect "$S: ... the 150 MiB hog above the 60 MiB one" above "$BIG" "$SMALL"

	e2e_key s
	expect "$S: s again: the box marks RSS '*', the cursor on it" \
		eval "picker_shown && picker_current_is RSS && picker_cursor_is RSS"
	e2e_key Down
	expect "$S: Down: the cursor on ANON" picker_cursor_is ANON
	e2e_key Escape
	expect "$S: Esc: the box closes, 'sort column unchanged'" \
		eval "picker_gone && shows 'sort column unchanged'"
	expect "$S: ... still RSS $DOWN, largest first" eval "sort_mark_is RSS down && in_order RSS desc"

	e2e_key F6
	expect "$S: F6 opens the same box (RSS marked '*')" eval "picker_shown && picker_current_is RSS"
	e2e_key Up
	expect "$S: Up: the cursor on ADJ" picker_cursor_is ADJ
	e2e_key F6
	expect "$S: F6 closes it: 'sort column unchanged'" \
		eval "picker_gone && shows 'sort column unchanged' && sort_mark_is RSS down"
	e2e_key s
	expect "$S: s opens it" picker_shown
	e2e_key q
	expect "$S: q closes the box (oomtop goes on): 'sort column unchanged'" \
		eval "picker_gone && shows 'sort column unchanged' && running"
	quit "$1" "sort box"

	S="$1: -s RSS"
	if start "$1" "-s RSS" -d 1000 -s RSS; then
		expect "$S: RSS marked $DOWN in the header" sort_mark_is RSS down
		expect "$S: ... the rows by RSS, largest first" in_order RSS desc
		expect "$S: ... the 150 MiB hog above the 60 MiB one" above "$BIG" "$SMALL"
		e2e_key R
		expect "$S: R: $UP beside RSS, 'sorted by RSS, smallest first', smallest first" \
			eval "sort_mark_is RSS up && shows 'sorted by RSS, smallest first' && in_order RSS asc"
		quit "$1" "-s RSS"
	fi
	S="$1: --sort=pid"
	if start "$1" "--sort=pid" -d 1000 --sort=pid; then
		expect "$S: (any case) PID marked $UP, ascending PIDs" eval "sort_mark_is PID up && in_order PID asc"
		quit "$1" "--sort=pid"
	fi
}

# -s with no such column: one error line, status 1, no screen
sc_bad_sort() {
	local S="-s nope" pidfile=$E2E_TMP/bad-sort
	tm_stop
	tm_start 80x24 "$(printf '%q ' bash "$E2E_TMP/pane" "$pidfile" "$OOMTOP" -s nope)" 9>&- ||
		{ not_ok "$S: the pane starts"; return; }
	expect "$S: oomtop exits with status 1" screen_has '__EXIT_1__'
	expect "$S: ... with the error line (wrapped at 80 columns)" eval "tm capture-pane -p -J -t t | grep -qxF \"oomtop: -s needs a column name (RANK, PID, USER, SCORE, ADJ, RSS, ANON, FILE, SHMEM, SWAP, PTE, CGROUP, MEMCG, COMMAND), not 'nope' (see oomtop --help)\""
	expect "$S: ... and nothing else before the exit" eval "[ \"\$(tm capture-pane -p -J -t t | awk 'NF' | head -1 | cut -c1-8)\" = 'oomtop: ' ] && tm capture-pane -p -J -t t | awk 'NF' | sed -n 2p | grep -q '^__TTY_'"
	expect "$S: ... the terminal untouched (echo and icanon on)" screen_has '__TTY_echo=on_icanon=on__'
	sanitizer_clean "$S"
}

# The mouse: header clicks sort and reverse, a row click selects, the wheel
sc_mouse() {
	local S="$1: mouse" p3
	start "$1" "mouse" -d 1000 || return
	expect "$S: the first row is selected, RANK $UP" eval "sel_is - - 1 && sort_mark_is RANK up"
	click_header RSS
	expect "$S: a click on RSS in the header: RSS $DOWN, largest first" \
		eval "sort_mark_is RSS down && in_order RSS desc"
	expect "$S: ... 'sorted by RSS, largest first'" shows 'sorted by RSS, largest first'
	click_header RSS
	expect "$S: a second click on RSS reverses: RSS $UP, smallest first" \
		eval "sort_mark_is RSS up && in_order RSS asc && shows 'sorted by RSS, smallest first'"
	click_header PID
	expect "$S: a click on PID: PID $UP, ascending PIDs" eval "sort_mark_is PID up && in_order PID asc"
	click_header USER
	expect "$S: a click on USER: USER$UP (after the name), 'sorted by USER, A to Z'" \
		eval "sort_mark_is USER up && shows 'sorted by USER, A to Z'"
	click_header RANK
	expect "$S: a click on RANK: back to the kill order" eval "sort_mark_is RANK up && in_order RANK asc"

	e2e_key Home
	expect "$S: Home: row 1 selected" sel_is - - 1
	p3=$(row_text 3 | awk '{ print $2 }')
	click_row 3
	expect "$S: a click on row 3 selects it (pid $p3)" sel_pid_is "$p3" 3
	click_row 1
	expect "$S: a click on row 1 selects it" sel_is - - 1
	wheel_down 5 "$(($(header_y) + 2))"
	expect "$S: the wheel down: 3 rows down (row 4)" sel_is - - 4
	wheel_down 5 "$(($(header_y) + 2))"
	expect "$S: the wheel down again: row 7" sel_is - - 7
	wheel_up 5 "$(($(header_y) + 2))"
	expect "$S: the wheel up: row 4" sel_is - - 4
	wheel_up 5 "$(($(header_y) + 2))"
	expect "$S: the wheel up: row 1" sel_is - - 1
	quit "$1" "mouse"
}

# --no-mouse: clicks and the wheel change nothing; their bytes are not keys
sc_no_mouse() {
	local S="$1: --no-mouse" victim hdr adj line
	if ! hog_start 8 950 sf-victim-hog; then
		not_ok "$S: a hog (8 MiB, adj 950) starts"
		return
	fi
	victim=$HOG
	# only two hogs of ours: the row a stray key would act on is ours (the
	# victim: adj 950 ranks it before the small hog, adj 800)
	if ! start "$1" "--no-mouse" -d 1000 --no-mouse -p "$victim,$SMALL"; then
		hog_stop "$victim"
		return
	fi
	expect "$S: 2 rows; the hog $victim (adj 950) first, selected; RANK $UP" \
		eval "sel_pid_is $victim 1 && row_of $SMALL | grep -qx 2 && sort_mark_is RANK up"
	hdr=$(header_raw)
	adj=$(cat "/proc/$victim/oom_score_adj")
	# with the mouse: RSS would sort the small hog first, row 2 would select
	# it, the wheel would move the selection, PID would sort by PID. Read as
	# keys, the reports' bytes would act: the click on row 2, at PID's x
	# (10: byte 33 + 10 = '+'), would raise the selected hog's adj
	click_header RSS
	click_row 2
	wheel_down 5 "$(($(header_y) + 2))"
	click_header PID
	# an unbound key after them: once its note shows, the mouse bytes were read
	e2e_key Z
	expect "$S: after clicks and the wheel, a key still reads as itself ('key Z does nothing here')" \
		shows 'key Z does nothing here'
	expect "$S: ... the sort unchanged (the header as before: RANK $UP)" eval '[ "$(header_raw)" = "$hdr" ]'
	expect "$S: ... the selection unchanged (the hog $victim, row 1)" sel_pid_is "$victim" 1
	line=$(cat "/proc/$victim/oom_score_adj" 2>/dev/null)
	if [ "$line" = "$adj" ]; then
		ok "$S: ... the mouse bytes did no key's work: the hog's oom_score_adj is still $adj"
	else
		not_ok "$S: ... the mouse bytes did no key's work: the hog's oom_score_adj is still $adj"
		echo "it is $line: the bytes of the mouse reports were read as keys (+ raises it)" | diag
	fi
	expect "$S: ... oomtop still runs, no box or prompt open" \
		eval "running && screen_has '^ *RANK +PID' && shows 'key Z does nothing here'"
	# whatever the stray bytes opened, close it before q
	e2e_key Escape
	wait_for eval "last_line_has 'does nothing|cancelled'"
	quit "$1" "--no-mouse"
	hog_stop "$victim"
}

# / : the filter
sc_filter() {
	local S="$1: filter" ready=${BIG_READY^^}
	start "$1" "filter" -d 1000 || return
	expect "$S: the table is full at start, both hogs shown" \
		eval "table_full && pid_shown $BIG && pid_shown $SMALL"
	e2e_key /
	expect "$S: / asks: 'filter: _$FILTER_RULES' (what is typed first)" \
		shows "filter: _$FILTER_RULES"
	tm send-keys -t t -l 'sf-'
	expect "$S: typing 'sf-' narrows the table at once: both hogs, only rows that hold it" \
		eval "pid_shown $BIG && pid_shown $SMALL && rows_match sf- && ! table_full"
	e2e_key s
	expect "$S: 'sf-s': the small hog only (the big one went)" \
		eval "pid_shown $SMALL && not_shown $BIG && rows_match sf-s"
	expect "$S: ... the prompt shows the text first: 'filter: sf-s_$FILTER_RULES'" \
		shows "filter: sf-s_$FILTER_RULES"
	e2e_key BSpace
	expect "$S: Backspace: 'sf-': the big hog is back" eval "pid_shown $BIG && pid_shown $SMALL && rows_match sf-"
	tm send-keys -t t -l 'BIG'
	expect "$S: 'sf-BIG' (any case): the big hog only" \
		eval "pid_shown $BIG && not_shown $SMALL && rows_match sf-big"
	expect "$S: ... the prompt shows 'filter: sf-BIG_$FILTER_RULES'" shows "filter: sf-BIG_$FILTER_RULES"
	e2e_key Enter
	expect "$S: Enter keeps it: 'showing processes whose name or command line holds 'sf-BIG''" \
		shows_start "showing processes whose name or command line holds 'sf-BIG'"
	expect "$S: ... the table still narrowed" eval "pid_shown $BIG && not_shown $SMALL && rows_match sf-big"
	e2e_key Space
	expect "$S: after another key (space) the hint line starts with [filter 'sf-BIG']" \
		shows_start "[filter 'sf-BIG']  h help"
	expect "$S: ... the refreshed table still narrowed" eval "pid_shown $BIG && not_shown $SMALL && rows_match sf-big"
	e2e_key /
	expect "$S: / again shows the filter to edit: 'filter: sf-BIG_$FILTER_RULES'" \
		shows "filter: sf-BIG_$FILTER_RULES"
	e2e_key Escape
	expect "$S: Esc clears it: 'filter cleared'" shows 'filter cleared'
	expect "$S: ... every row is back (the table full, both hogs)" \
		eval "table_full && pid_shown $BIG && pid_shown $SMALL"
	e2e_key Space
	expect "$S: ... and the hint line has no [filter]" shows_start "$HINT"

	# a text only the command line holds: the big hog's ready file
	e2e_key /
	tm send-keys -t t -l "$ready"
	e2e_key Enter
	expect "$S: '$ready' (its command line holds it, its name does not): the big hog only" \
		eval "pid_shown $BIG && not_shown $SMALL && rows_match $ready"
	expect "$S: ... 'showing processes whose name or command line holds '$ready''" \
		shows "showing processes whose name or command line holds '$ready'"
	e2e_key /
	e2e_key Escape
	expect "$S: / Esc: cleared, every row back" \
		eval "shows 'filter cleared' && table_full && pid_shown $SMALL"
	quit "$1" "filter"
}

# u: one user's processes
sc_user() {
	local S="$1: u"
	start "$1" "u" -d 1000 || return
	if [ -n "$NOBODY" ]; then
		expect "$S: at start the hog of $NOBODY_USER shows with the root hogs" \
			eval "pid_shown $NOBODY && pid_shown $BIG"
	fi
	e2e_key u
	expect "$S: u asks: 'user: _$USER_RULES' (what is typed first)" shows "user: _$USER_RULES"
	tm send-keys -t t -l root
	expect "$S: ... typing root: the prompt shows it first ('user: root_$USER_RULES')" \
		shows "user: root_$USER_RULES"
	e2e_key Enter
	expect "$S: root Enter: 'showing the processes of root (uid 0); u then Enter shows everyone's'" \
		shows_start "showing the processes of root (uid 0); u then Enter shows everyone's"
	expect "$S: ... every USER is root" all_users_are root
	if [ -n "$NOBODY" ]; then
		expect "$S: ... the hog of $NOBODY_USER went, the root hog shows" eval "not_shown $NOBODY && pid_shown $BIG"
	fi
	e2e_key Space
	expect "$S: after another key the hint line starts with [uid 0]" shows_start "[uid 0]  h help"

	e2e_key u
	tm send-keys -t t -l sf-no-such-user
	e2e_key Enter
	expect "$S: an unknown user: the prompt stays ('user: sf-no-such-user_')" shows_start 'user: sf-no-such-user_'
	expect "$S: ... the note '(no such user)' right after the text, then the rules" \
		shows "user: sf-no-such-user_  (no such user)$USER_RULES"
	expect "$S: ... the table as it was (root's)" all_users_are root
	e2e_key Escape
	expect "$S: Esc: 'cancelled', still root's" eval "shows cancelled && all_users_are root"

	if [ -n "$NOBODY" ]; then
		e2e_key u
		tm send-keys -t t -l "$NOBODY_USER"
		e2e_key Enter
		expect "$S: $NOBODY_USER Enter: every USER is $NOBODY_USER, its hog shows, not the root hog" \
			eval "all_users_are $NOBODY_USER && pid_shown $NOBODY && not_shown $BIG"
	fi
	e2e_key u Enter
	expect "$S: u Enter (empty): 'showing every user's processes'" shows "showing every user's processes"
	expect "$S: ... everyone's rows are back (the table full)" table_full
	if [ -n "$NOBODY" ]; then
		expect "$S: ... the hogs of root and $NOBODY_USER both show" eval "pid_shown $BIG && pid_shown $NOBODY"
	fi
	quit "$1" "u"
}

# c (COMMAND), t (CGROUP), K (kernel threads)
sc_columns() {
	local S="$1" before after want kt=
	start "$1" "c, t, K" -d 1000 || return
	S="$1: c"
	expect "$S: COMMAND of the hog $BIG shows its command line" command_is_cmdline "$BIG"
	e2e_key c
	expect "$S: c: 'COMMAND shows the process name'" shows 'COMMAND shows the process name'
	expect "$S: ... the hog's COMMAND reads [$BIG_NAME]" command_is "$BIG" "[$BIG_NAME]"
	e2e_key c
	expect "$S: c again: 'COMMAND shows the full command line'" shows 'COMMAND shows the full command line'
	expect "$S: ... the command line again" command_is_cmdline "$BIG"

	S="$1: t"
	before=$(header_names)
	e2e_key t
	# RANK, PID, ADJ, RSS, CGROUP (24) and MEMCG (11), each with its blank,
	# and COMMAND's 16 cells: 80 columns. From 80 on t shows CGROUP and MEMCG
	# (dropping narrower columns, USER and SCORE last); below, CGROUP cannot
	# show and must not take the room of the columns dropped before it.
	if [ "$T_COLS" -ge 80 ]; then
		expect "$S: t: 'CGROUP and MEMCG columns shown (service or cgroup; use of the memory limit that bites)'" \
			shows 'CGROUP and MEMCG columns shown (service or cgroup; use of the memory limit that bites)'
		if expect_wait eval "header_names | grep -qE ' CGROUP MEMCG COMMAND\$'"; then
			ok "$S: ... CGROUP and MEMCG in the header, before COMMAND ($(header_names))"
		else
			not_ok "$S: ... CGROUP and MEMCG in the header, before COMMAND"
			printf 'before t: %s\nafter t:  %s\n' "$before" "$(header_names)" | diag
		fi
		expect "$S: ... RANK, PID, ADJ and RSS still shown (never left out for the width)" \
			header_has RANK PID ADJ RSS
		if [ "$T_COLS" -ge 96 ]; then
			expect "$S: ... at $T_COLS columns USER and SCORE still shown too" header_has USER SCORE
		fi
		check_table "$S: ... every cell a whole value under its name (CGROUP left-aligned; MEMCG right-aligned, 'NN% LIMIT' or '-')"
		want=$(cgroup_label "$BIG")
		expect "$S: ... the hog $BIG reads '$want' (its /proc/$BIG/cgroup)" \
			eval "[ -n '$want' ] && [ \"\$(cell $BIG CGROUP)\" = '$want' ]"
		expect "$S: ... its MEMCG reads 'NN% LIMIT' or '-'" \
			eval "memcg_cell $BIG | grep -qxE '([0-9]+% [0-9]+(\\.[0-9])?[KMGT]|-)'"
		if [ -n "$CG_DIR" ]; then
			expect "$S: ... the hog $SMALL, in /$CG_SERVICE, reads $CG_SERVICE" \
				eval "[ \"\$(cgroup_label $SMALL)\" = $CG_SERVICE ] && [ \"\$(cell $SMALL CGROUP)\" = $CG_SERVICE ]"
		fi
	else
		expect "$S: t at $T_COLS columns: 'CGROUP and MEMCG columns on, but this terminal is too narrow for CGROUP: widen it'" \
			shows 'CGROUP and MEMCG columns on, but this terminal is too narrow for CGROUP: widen it'
		expect "$S: ... no CGROUP in the header" eval "[ -n \"\$(header_names)\" ] && ! header_has CGROUP"
		# too narrow for CGROUP: MEMCG (12 cells) shows instead, COMMAND keeps its 16,
		# and the basic columns stay
		if expect_wait eval "header_has RANK PID ADJ RSS MEMCG && header_names | grep -qE ' MEMCG COMMAND\$'"; then
			ok "$S: ... MEMCG shown before COMMAND, RANK PID ADJ RSS kept (CGROUP, too wide, left out)"
		else
			not_ok "$S: ... MEMCG shown before COMMAND, RANK PID ADJ RSS kept (CGROUP, too wide, left out)"
			printf 'before t: %s\nafter t:  %s\n' "$before" "$(header_names)" | diag
		fi
	fi
	e2e_key t
	expect "$S: t again: 'CGROUP and MEMCG columns hidden', the header as before" \
		eval "shows 'CGROUP and MEMCG columns hidden' && [ \"\$(header_names)\" = '$before' ]"

	S="$1: K"
	[ "$(cat /proc/2/comm 2>/dev/null)" = kthreadd ] && kt=2
	if [ -z "$kt" ]; then
		skip "$S: no kthreadd (pid 2) on this machine"
	else
		# by PID: pid 2 comes right after pid 1, on row 2
		e2e_key '>'
		expect "$S: (sorted by PID)" sort_mark_is PID up
		e2e_key Home
		expect "$S: ... Home: row 1 selected, no kernel thread: pid 2 not shown" \
			eval "sel_is - - 1 && not_shown 2"
		e2e_key K
		expect "$S: K: 'kernel threads shown (the OOM killer never picks them)'" \
			shows 'kernel threads shown (the OOM killer never picks them)'
		expect "$S: ... [kthreadd] (pid 2, never) on row 2" \
			eval "row_is 2 never 2 && command_is 2 '[kthreadd]'"
		e2e_key K
		expect "$S: K again: 'kernel threads hidden', [kthreadd] gone" \
			eval "shows 'kernel threads hidden' && not_shown 2 && screen_lacks '\\[kthreadd\\]'"
	fi
	quit "$1" "c, t, K"
}

# The help screen and the hint line
sc_help() {
	local S="$1: help" cols=${1%x*} lines=${1#*x} nl first missing k
	start "$1" "help" -d 1000 || return
	nl=$(key_labels | wc -l)
	if [ "$nl" -ge 30 ]; then
		ok "$S: $nl key labels in src/keys.c: $(key_labels | xargs)"
	else
		not_ok "$S: the key labels of src/keys.c are read (found $nl)"
	fi
	for k in h '?' F1; do
		e2e_key "$k"
		if wait_for help_shown; then
			ok "$S: $k shows the help screen ('oomtop keys ...')"
		else
			not_ok "$S: $k shows the help screen ('oomtop keys ...')"
			tm_screen | diag
			continue
		fi
		[ "$k" = h ] || {
			e2e_key x
			expect "$S: ... x closes it (and is not taken as a key of the table)" \
				eval "table_back && screen_lacks 'does nothing'"
			continue
		}
		if help_collect; then
			ok "$S: ... read to its end ($HELP_PAGES pages turned with PgDn)"
		else
			not_ok "$S: ... read to its end (pages turned with PgDn)"
			tm_screen | diag
		fi
		missing=$(help_missing)
		if [ -z "$missing" ]; then
			ok "$S: ... every key label of src/keys.c starts a help line"
		else
			not_ok "$S: ... every key label of src/keys.c starts a help line"
			echo "missing: $missing" | diag
		fi
		if [ "$lines" -le 24 ]; then
			check "$S: ... at $1 the help did not fit one screen (PgDn was needed)" [ "$HELP_PAGES" -gt 0 ]
			e2e_key Home # not a help key: closes it
			expect "$S: ... another key (Home) closes it" table_back
			e2e_key '?'
			expect "$S: ? shows it again, from the top (Up first)" \
				eval "help_shown && help_first | grep -qE '^ Up +select'"
			e2e_key Down
			expect "$S: ... Down scrolls one line (Down first)" eval "help_first | grep -qE '^ Down +select'"
			e2e_key Up
			expect "$S: ... Up scrolls back (Up first)" eval "help_first | grep -qE '^ Up +select'"
			e2e_key q
			expect "$S: ... q closes it (and does not quit)" eval "table_back && running"
		else
			check "$S: ... at $1 the whole help fits one screen" [ "$HELP_PAGES" -eq 0 ]
			e2e_key q
			expect "$S: ... q closes it (and does not quit)" eval "table_back && running"
		fi
	done

	e2e_key Space
	if [ "$cols" -ge $((${#HINT} + 14)) ]; then
		expect "$S: the hint line: '$HINT  [units auto]'" shows "$HINT  [units auto]"
	elif [ "$cols" -ge ${#HINT} ]; then
		expect "$S: the hint line at $cols columns reads whole, nothing cut: '$HINT'" shows "$HINT"
	else
		expect "$S: the hint line at $cols columns: its start, cut at the edge" shows "$HINT"
	fi
	quit "$1" "help"
}

for size in $SIZES; do
	T_COLS=${size%x*} T_LINES=${size#*x}
	sc_sort_keys "$size"
	sc_sort_box "$size"
	sc_mouse "$size"
	sc_no_mouse "$size"
	sc_filter "$size"
	sc_user "$size"
	sc_columns "$size"
	sc_help "$size"
done
sc_bad_sort
echo "1..$t_n"
