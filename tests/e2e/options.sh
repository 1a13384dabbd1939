#!/usr/bin/env bash
# options.sh - interactive options, at 80x24 and 200x50: -d 0.5 refreshes by
# itself (the clock moves, a process started later shows up without a key),
# -p PID[,PID] shows only those processes; -p of a process that has gone
# gives an empty table that still takes every key.
set -u
. "$TOP/tests/e2e/common.bash"

if ! hog_start 150 900 "$HOG_NAME"; then
	not_ok "hog (150 MiB, adj 900) starts"
	exit 1
fi
HOG1=$HOG
ok "hog $HOG1 (150 MiB, adj 900) is ready"

clock() { title | grep -oE '^oomtop [0-9]{2}:[0-9]{2}:[0-9]{2}' | cut -d' ' -f2; }
clock_moved() { local c; c=$(clock); [ -n "$c" ] && [ "$c" != "$1" ]; }
# the PIDs of the table rows, in screen order
table_pids() { table_lines | awk '$2 ~ /^[0-9]+$/ { printf "%s ", $2 }'; }
# the process count in the title, when the title has room for it, is 1
count_is_1() {
	local c
	c=$(title_count 'process(es)?')
	[ -z "$c" ] || [ "$c" = 1 ]
}
last_line_has() { tm_screen | tail -1 | grep -qE -- "$1"; }
table_pids_are() { [ "$(table_pids)" = "$1" ]; }

for size in 80x24 200x50; do
	# -d 0.5: refreshes without a key
	if e2e_start "$size" -d 0.5; then
		ok "$size: -d 0.5: oomtop starts"
		c0=$(clock)
		expect "$size: -d 0.5: the clock in the title moves on (from $c0)" clock_moved "$c0"
		if hog_start 10 950 oomtop-e2e-late; then
			expect "$size: -d 0.5: a hog started later appears without a key press" \
				pid_shown "$HOG"
			hog_stop "$HOG"
			expect "$size: -d 0.5: ... and goes when it exits" eval "! pid_shown $HOG"
		else
			not_ok "$size: -d 0.5: a second hog starts"
		fi
		e2e_key q
		expect "$size: -d 0.5: q quits with status 0" screen_has '__EXIT_0__'
		sanitizer_clean "$size: -d 0.5"
	else
		not_ok "$size: -d 0.5: oomtop starts"
	fi

	# -p PID: only that process
	if e2e_start "$size" -p "$HOG1"; then
		ok "$size: -p $HOG1: oomtop starts"
		expect "$size: -p $HOG1: one row, the hog's" table_pids_are "$HOG1 "
		expect "$size: -p $HOG1: the title counts 1 process, if it counts" count_is_1
		expect "$size: -p $HOG1: the hog keeps its global rank 1" \
			eval "row_text 1 | awk '{ f = (\$1 == 1) } END { exit !f }'"
		expect "$size: -p $HOG1: it is selected" sel_is 1 "$HOG1" 1
		e2e_key Down
		e2e_key Up
		expect "$size: -p $HOG1: Down, Up: still selected" sel_is 1 "$HOG1" 1
		e2e_key q
		expect "$size: -p $HOG1: q quits with status 0" screen_has '__EXIT_0__'
		sanitizer_clean "$size: -p $HOG1"
	else
		not_ok "$size: -p $HOG1: oomtop starts"
	fi

	# -p with a process that has gone: an empty table that still takes keys
	if hog_start 0 0 oomtop-e2e-gone; then
		dead=$HOG
		hog_stop "$dead"
		if e2e_start "$size" -p "$dead"; then
			ok "$size: -p $dead (gone): oomtop starts"
			expect "$size: -p $dead (gone): no rows" table_pids_are ""
			expect "$size: -p $dead (gone): no victim in the title" \
				eval '! title | grep -q "next victim"'
			e2e_key Down Up NPage PPage End Home Space E K
			expect "$size: -p $dead (gone): keys on the empty table: still running" \
				eval 'running && last_line_has "kernel threads"'
			e2e_key q
			check_restored "$size: -p $dead (gone): q"
		else
			not_ok "$size: -p $dead (gone): oomtop starts"
		fi
	else
		not_ok "$size: a short-lived hog starts"
	fi

	# -p PID,PID: both, in kill order
	if hog_start 20 1000 oomtop-e2e-top; then
		if e2e_start "$size" -p "$HOG1,$HOG"; then
			ok "$size: -p $HOG1,$HOG: oomtop starts"
			expect "$size: -p $HOG1,$HOG: two rows, adj 1000 first" \
				table_pids_are "$HOG $HOG1 "
			e2e_key End
			expect "$size: -p $HOG1,$HOG: End selects the second" sel_is 2 "$HOG1" 2
			e2e_key q
			expect "$size: -p $HOG1,$HOG: q quits with status 0" screen_has '__EXIT_0__'
			sanitizer_clean "$size: -p $HOG1,$HOG"
		else
			not_ok "$size: -p $HOG1,$HOG: oomtop starts"
		fi
		hog_stop "$HOG"
	else
		not_ok "$size: a hog with adj 1000 starts"
	fi
done
