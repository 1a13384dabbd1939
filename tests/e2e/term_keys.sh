#!/usr/bin/env bash
# Home and End still work when TERM names another terminal than the one in
# use (xterm-256color inside tmux, a common SSH setup): tmux then sends
# \e[1~ and \e[4~, which that terminfo entry does not list.
E2E_TERM_FORCE=xterm-256color
. "$TOP/tests/e2e/common.bash"

# the selected row is not the first, and below it is the status line or nothing
sel_last() {
	local row last
	IFS='|' read -r row last _ < <(sel_scan | head -1)
	[ -n "$row" ] && [ "$row" -gt 1 ] || return 1
	[ "$row" -eq "$last" ] && return 0
	[ -z "$(row_text $((row + 1)) | tr -d ' ')" ]
}

for size in 80x24 200x50; do
	if ! e2e_start "$size" -d 1000; then
		not_ok "$size: oomtop starts with TERM=xterm-256color in tmux"
		continue
	fi
	ok "$size: oomtop starts with TERM=xterm-256color in tmux"
	expect "$size: the first row is selected at start" sel_is 1 - 1
	e2e_key End
	expect "$size: End selects the last row (no row below it)" sel_last
	expect "$size: End is understood (no 'does nothing' message)" screen_lacks 'does nothing'
	e2e_key Home
	expect "$size: Home selects the first row again" sel_is 1 - 1
	e2e_key q
	expect "$size: q quits" gone
done
echo "1..$t_n"
