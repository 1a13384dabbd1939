#!/usr/bin/env bash
# resize.sh - window resizes, starting from 80x24 and from 200x50: down to
# 40x10 the table stays (whole values, the selection in view), below it
# "terminal too small", tiny windows do not crash it, and back up the table
# returns with the same selection; q quits from the too-small screen.
set -u
. "$TOP/tests/e2e/common.bash"

if ! hog_start 150 900 "$HOG_NAME"; then
	not_ok "hog (150 MiB, adj 900) starts"
	exit 1
fi
HOG1=$HOG
if ! hogs_start 20 2 500 oomtop-e2e-fill; then
	not_ok "20 filler processes (2 MiB, adj 500) start"
	exit 1
fi
ok "hog $HOG1 (150 MiB, adj 900) and 20 fillers (2 MiB, adj 500) are ready"

resize() { tm resize-window -t t -x "$1" -y "$2"; }
pane_is() { [ "$(pane_format '#{pane_width}x#{pane_height}')" = "$1" ]; }
# the table: the title, the gauges for this width, the column header under
# them, no "too small"
table_shown() {
	header_text | grep -qE '^ *RANK +PID .* COMMAND *$' &&
		tm_screen | head -1 | grep -qE '^oomtop [0-9]{2}:' && screen_lacks 'too small' &&
		layout_ok
}

run_size() {
	local size=$1 S="$1:" w h r
	if ! e2e_start "$size" -d 1000; then
		not_ok "$S oomtop starts and draws the table"
		tm_screen 2>&1 | diag
		return
	fi
	ok "$S oomtop starts and draws the table"
	tm send-keys -t t -N 14 Down
	r=$(table_rows_expected "${size%x*}" "${size#*x}")
	[ "$r" -gt 15 ] && r=15 # further down the table scrolls: the last line
	expect "$S 14 x j: rank 15 selected (row $r)" sel_is 15 - "$r"

	resize 40 10
	expect "$S resized to 40x10" pane_is 40x10
	expect "$S 40x10: still the table (title, 2 gauge lines, header, no 'too small')" table_shown
	check_table "$S 40x10: no header name cut, every cell a whole value"
	expect "$S 40x10: the selected row (rank 15) scrolled into view" sel_is 15 - -
	e2e_key Home
	expect "$S 40x10: Home: the hog, rank 1" sel_is 1 "$HOG1" 1
	tm send-keys -t t -N 14 Down
	r=$(table_rows_expected 40 10)
	expect "$S 40x10: 14 x j: rank 15, on the last table line (row $r)" sel_is 15 - "$r"
	expect "$S 40x10: ... which is the line above the kill pane" sel_is 15 - last

	for w in 39x10 40x9 30x8 20x4 1x1; do
		resize "${w%x*}" "${w#*x}"
		expect "$S resized to $w" pane_is "$w"
		case $w in
		1x1) expect "$S $w: oomtop still runs" running ;;
		*) expect "$S $w: \"terminal too small\"" screen_has 'terminal too small' ;;
		esac
	done
	expect "$S oomtop survived the tiny windows" running

	resize "${size%x*}" "${size#*x}"
	expect "$S back to $size" pane_is "$size"
	expect "$S $size: the table is back" table_shown
	check_table "$S $size: every cell a whole value"
	expect "$S $size: rank 15 still selected" sel_is 15 - -
	e2e_key Home
	expect "$S $size: Home: the hog, rank 1, first row" sel_is 1 "$HOG1" 1

	# quit while too small (the message says q quits)
	resize 30 8
	expect "$S 30x8 again: \"terminal too small\"" screen_has 'terminal too small'
	e2e_key q
	check_restored "$S q at 30x8"
}

for size in 80x24 200x50; do
	run_size "$size"
done
