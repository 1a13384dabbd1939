#!/usr/bin/env bash
# signals.sh - leaving oomtop, at 80x24 and 200x50: by q, by Ctrl-C typed in
# the terminal, by SIGINT, SIGTERM and SIGHUP sent to its pid. After each the
# process is gone, its exit status is 0 (oomtop.1), and the terminal is as it
# was: main screen, echo and canonical input on (stty -a after oomtop in the
# same pane), cursor visible, cursor keys in normal mode. Then the terminal
# itself goes away (the SSH connection drops): oomtop must exit, not spin.
set -u
. "$TOP/tests/e2e/common.bash"

for size in 80x24 200x50; do
	for how in q C-c SIGINT SIGTERM SIGHUP; do
		S="$size: $how"
		if ! e2e_start "$size"; then
			not_ok "$S: oomtop starts and draws the table"
			tm_screen 2>&1 | diag
			continue
		fi
		expect "$S: oomtop starts, on the alternate screen" \
			test "$(pane_format '#{alternate_on}')" = 1
		case $how in
		q | C-c) e2e_key "$how" ;;
		SIG*) kill -s "${how#SIG}" "$OOMTOP_PID" ;;
		esac
		check_restored "$S"
	done

	# The terminal disappears: tmux closes the pane's pty (a hangup).
	# No leak check here: the kernel follows the hangup with SIGCONT, and a
	# SIGCONT that lands while LeakSanitizer stops the process at exit
	# cancels the stop its tracer waits for, so both wait for ever.
	S="$size: terminal closed"
	if E2E_ASAN_MORE=detect_leaks=0 e2e_start "$size"; then
		tm kill-server
		expect "$S: oomtop exits" gone
		sanitizer_clean "$S"
	else
		not_ok "$S: oomtop starts and draws the table"
	fi
done
