#!/usr/bin/env bash
# table.sh - the interactive table in tmux, at 80x24 and 200x50: the layout
# (the title, the gauge lines, the column header; rows counted from it) and
# its values, the hog at rank 1 and in the title, moving the selection (Up/Down,
# Up/Down, PgUp/PgDn, Home/End), the selection following its process across
# refreshes, E (units), K (kernel threads), q.
# oomtop runs with -d 1000 so the table changes only when a test presses
# space: every position checked below is exact.
set -u
. "$TOP/tests/e2e/common.bash"

FILL_N=100 # more killable rows than two pages at 200x50

if ! hog_start 150 900 "$HOG_NAME"; then
	not_ok "hog (150 MiB, adj 900) starts"
	exit 1
fi
HOG1=$HOG
if ! hogs_start "$FILL_N" 2 500 oomtop-e2e-fill; then
	not_ok "$FILL_N filler processes (2 MiB, adj 500) start"
	exit 1
fi
declare -A IS_FILL=()
for p in "${HOGS[@]}"; do IS_FILL[$p]=1; done
ok "hog $HOG1 (150 MiB, adj 900) and $FILL_N fillers (2 MiB, adj 500) are ready"

# The first table row is RANK with PID
first_row_is() { row_is 1 "$1" "$2"; }
title_matches() { title | grep -qE -- "$1"; }
last_line_has() { tm_screen | tail -1 | grep -qE -- "$1"; }
sel_rank_in() {
	local r
	r=$(sel_field 1)
	[ "$r" = "$1" ] || [ "$r" = "$2" ]
}
sel_moved_from() { local p; p=$(sel_field 2); [ -n "$p" ] && [ "$p" != "$1" ]; }

# The title holds whole parts only: "oomtop HH:MM:SS", "next victim: PID
# [NAME] (RSS)" (or without the RSS, or the name), "N processes, K killable";
# with them taken out only blanks are left.
title_whole() {
	title | sed -E \
		-e 's/^oomtop [0-9]{2}:[0-9]{2}:[0-9]{2}( |$)//' \
		-e 's/^\[(read-only|raise only|own processes only|full)\]( |$)//' \
		-e "s/(^| )next victim: $HOG1( \\[$HOG_NAME\\]( \\([0-9]+(\\.[0-9])?[KMGT]\\))?)?( |$)/ /" \
		-e 's/(^| )[0-9]+ process(es)?, [0-9]+ killable( |$)/ /' |
		(! grep -q '[^ ]')
}

# find_from_end PATTERN MAX: from the last row (on the last table line) page
# up until PATTERN is on the screen, at most MAX times; the number of pages
# in FOUND_AT
find_from_end() {
	local pat=$1 max=$2 before
	e2e_key End
	wait_for sel_is - - last || return 1
	for ((FOUND_AT = 0; FOUND_AT <= max; FOUND_AT++)); do
		screen_has "$pat" && return 0
		[ "$(sel_field 1)" = 1 ] && return 1 # the top
		before=$(sel_field 2)
		e2e_key PPage
		wait_for sel_moved_from "$before" || return 1
	done
	return 1
}

# A bound on the rows of the table: every process on the machine, plus slack
max_rows() {
	local all=(/proc/[0-9]*)
	echo $((${#all[@]} + 100))
}

run_size() {
	local size=$1 cols=${1%x*} lines=${1#*x}
	local g rows r1 r2 p_end pages f p depth
	local S="$size:"
	g=$(gauge_lines "$cols")

	if ! e2e_start "$size" -d 1000; then
		not_ok "$S oomtop starts and draws the table"
		tm_screen 2>&1 | diag
		return
	fi
	ok "$S oomtop starts and draws the table"
	# the title, the gauges, the column header; the kill pane and the status
	# line at the bottom
	rows=$(table_rows_expected "$cols" "$lines")

	# --- layout -------------------------------------------------------
	check_layout "$S the title, $g gauge lines, the column header on line $((g + 2))"
	expect "$S the header names RANK, PID ... COMMAND" \
		eval 'header_text | grep -qE "^ *RANK +PID .* COMMAND *$"'
	if [ "$cols" -ge 200 ]; then
		expect "$S all 12 columns shown: $E2E_COLUMNS" header_is "$E2E_COLUMNS"
	fi
	check_table "$S no header name cut, every cell a whole value under its name"
	expect "$S the hog is rank 1, on the first row" first_row_is 1 "$HOG1"
	if [ "$cols" -ge 200 ]; then
		expect "$S the title names the hog as next victim, with its RSS" \
			title_matches "next victim: $HOG1 \\[$HOG_NAME\\] \\(1[0-9]{2}(\\.[0-9])?M\\)"
	else
		expect "$S the title names the hog as next victim" \
			title_matches "next victim: $HOG1( |$)"
	fi
	if title_whole; then
		ok "$S the title holds whole parts, none cut"
	else
		not_ok "$S the title holds whole parts, none cut"
		title | sed 's/$/|   <- the title (| marks the right edge)/' | diag
	fi
	expect "$S the first row starts selected (reverse video)" sel_is 1 "$HOG1" 1

	# --- moving the selection -----------------------------------------
	e2e_key Down
	expect "$S Down selects the next row" sel_is 2 - 2
	e2e_key Down
	expect "$S Down selects the next row" sel_is 3 - 3
	e2e_key Up
	expect "$S Up selects the row above" sel_is 2 - 2
	e2e_key Up
	expect "$S Up selects the row above" sel_is 1 "$HOG1" 1
	e2e_key Up Down
	expect "$S Up on the first row stays there" sel_is 2 - 2
	e2e_key Home
	expect "$S Home selects the first row" sel_is 1 "$HOG1" 1

	if [ "$FILL_N" -ge $((2 * rows + 1)) ]; then
		e2e_key NPage
		expect "$S PgDn moves a page down (rank $rows or $((rows + 1)))" \
			sel_rank_in "$rows" "$((rows + 1))"
		r1=$(sel_field 1)
		r2=$((2 * r1 - 1))
		expect "$S ... to the last table line" sel_is "$r1" - last
		e2e_key NPage
		expect "$S PgDn again: rank $r2, the table scrolled" sel_is "$r2" - last
		e2e_key PPage
		expect "$S PgUp: rank $r1, at the top of the table" sel_is "$r1" - 1
		e2e_key PPage
		expect "$S PgUp again: the first row" sel_is 1 "$HOG1" 1
	else
		skip "$S PgUp/PgDn: $FILL_N fillers are too few for two pages of $rows"
	fi

	# End: the last row; PgDn repeated stops at the same row
	e2e_key End
	expect "$S End selects the last row, on the last table line" sel_is - - last
	p_end=$(sel_field 2)
	e2e_key Home
	expect "$S Home after End: the first row" sel_is 1 "$HOG1" 1
	pages=$(($(max_rows) / (rows - 1) + 1))
	tm send-keys -t t -N "$pages" NPage
	expect "$S PgDn x$pages stops at the last row, the one End selected ($p_end)" \
		sel_is - "$p_end" last
	e2e_key Home
	expect "$S Home again" sel_is 1 "$HOG1" 1

	# --- the selection follows its process ------------------------------
	if hog_start 200 1000 oomtop-e2e-big; then
		e2e_key Space
		expect "$S space refreshes: a bigger hog with adj 1000 is the next victim" \
			title_matches "next victim: $HOG( |$)"
		expect "$S the selection followed the first hog to rank 2 (row 2)" \
			sel_is 2 "$HOG1" 2
		hog_stop "$HOG"
		e2e_key Space
		expect "$S the bigger hog is gone: the first hog is rank 1 again" \
			first_row_is 1 "$HOG1"
		expect "$S ... and still selected" sel_is 1 "$HOG1" 1
	else
		not_ok "$S a second hog (200 MiB, adj 1000) starts"
	fi
	# the selected process exits: the selection stays at its position
	e2e_key Down Down
	if wait_for sel_is 3 - 3 && p=$(sel_field 2) && [ -n "${IS_FILL[$p]:-}" ]; then
		hog_stop "$p"
		e2e_key Space
		expect "$S the selected process (filler $p) exits: gone after a refresh" \
			eval "! pid_shown $p"
		expect "$S ... the row now at its place is selected" sel_is 3 - 3
	else
		skip "$S selected process exits: rank 3 is not one of our fillers"
	fi
	e2e_key Home
	expect "$S Home" sel_is 1 "$HOG1" 1

	# --- E: units ---------------------------------------------------------
	f=
	for p in "${HOGS[@]}"; do
		kill -0 "$p" 2>/dev/null && pid_shown "$p" && f=$p && break
	done
	if [ -z "$f" ]; then
		not_ok "$S a filler row is on the screen for the unit checks"
	else
		expect "$S auto units: hog RSS in M, filler ($f) RSS in M" \
			eval "cell_is $HOG1 RSS '^1[0-9]{2}(\\.[0-9])?M$' && cell_is $f RSS '^[0-9]\\.[0-9]M$'"
		e2e_key E
		expect "$S E: KiB: filler RSS in K" cell_is "$f" RSS '^[0-9]+K$'
		expect "$S ... the status line says KiB" last_line_has 'KiB'
		check_table "$S ... every cell still a whole value (KiB)"
		e2e_key E
		expect "$S E: MiB: filler RSS in M" cell_is "$f" RSS '^[0-9]+(\.[0-9])?M$'
		expect "$S ... the status line says MiB" last_line_has 'MiB'
		e2e_key E
		expect "$S E: GiB: hog and filler RSS in G" \
			eval "cell_is $HOG1 RSS '^[0-9]+(\\.[0-9])?G$' && cell_is $f RSS '^[0-9]+(\\.[0-9])?G$'"
		expect "$S ... the status line says GiB" last_line_has 'GiB'
		check_table "$S ... every cell still a whole value (GiB)"
		e2e_key E
		expect "$S E: back to auto: hog RSS in M" cell_is "$HOG1" RSS '^1[0-9]{2}(\.[0-9])?M$'
		expect "$S ... filler RSS in M" cell_is "$f" RSS '^[0-9]\.[0-9]M$'
	fi

	# --- K: kernel threads ------------------------------------------------
	e2e_key K
	expect "$S K: the status line says kernel threads are shown" last_line_has 'shown'
	pages=$(($(max_rows) / (rows - 1) + 1))
	if find_from_end '\[kthreadd\]' "$pages"; then
		ok "$S K: [kthreadd] is in the table ($FOUND_AT pages up from the end)"
		depth=$FOUND_AT
		expect "$S ... unranked (never)" \
			eval "tm_screen | grep -E '\\[kthreadd\\]' | awk '{ exit !(\$1 == \"never\") }'"
		check_table "$S ... every cell a whole value with kernel threads"
	else
		not_ok "$S K: [kthreadd] is in the table"
		screen_marked | diag
		depth=3
	fi
	e2e_key K
	expect "$S K again: the status line says they are hidden" last_line_has 'hidden'
	if find_from_end '\[kthreadd\]' $((depth + 1)); then
		not_ok "$S ... and [kthreadd] is gone ($((depth + 1)) pages up from the end)"
		screen_marked | diag
	else
		ok "$S ... and [kthreadd] is gone ($((depth + 1)) pages up from the end)"
	fi
	e2e_key Home
	expect "$S Home" sel_is 1 "$HOG1" 1

	# --- q ------------------------------------------------------------------
	e2e_key q
	check_restored "$S q"
}

for size in 80x24 200x50; do
	run_size "$size"
done
