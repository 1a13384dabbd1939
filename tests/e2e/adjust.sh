#!/usr/bin/env bash
# adjust.sh - the keys that change processes, against real processes, at
# 80x24, 120x40 and 60x16. The process changed is always a child of this
# script (the hog helper, 0 MiB, adj 0, named oomtop-adj), shown alone with
# -p, so it is the selected row; every check reads /proc/PID/oom_score_adj
# (or the child's exit status) as well as the screen:
#   + twice: 0 -> 100 -> 200 on the status line, in the ADJ cell and in the
#     file, the SCORE cell is /proc/PID/oom_score; --adj-step 50: + gives 50;
#     the title shows the mode this shell's capabilities give
#   =: typed digits show before the rules, a key that does not fit (x, a
#     4th digit) shows a note after them and keeps the text, so does a key
#     that is no character (Tab: digits and - only); Enter sets 345; Esc
#     cancels, nothing written
#   -, = -50, P y without CAP_SYS_RESOURCE (setpriv drops it; skipped when
#     processes started here may go below 0 anyway): refused, file unchanged
#   --read-only: + - = P k U refused, nothing written, [read-only] title
#   U undoes, U again has nothing to undo; a lists the changes, newest first;
#     any key closes the list (and does nothing else)
#   k: Enter = TERM, y: the child dies by SIGTERM (exit status 143); k KILL
#     (! and Tab refused with a note) Enter n: cancelled, the child lives
#   Enter: the process box with the pid and the systemd unit; any key closes
#   the audit line through syslog(3), caught by the logsink helper in a
#     private mount namespace (see devlog below; needs root and unshare)
# Each session ends with q and check_restored (terminal restored, no
# sanitizer report). The status line is cut at the pane's width: a question
# shows what was typed, then a note, then the rules in [...], and a refusal
# starts with the outcome (not lowered), so what tells one line from the
# next fits 60 columns; what does not fit is checked where it fits, and said
# (SKIP) where it does not.
set -u
. "$TOP/tests/e2e/common.bash"

SIZES="80x24 120x40 60x16"
KID_NAME=oomtop-adj

# --- the child -------------------------------------------------------------

# kid_start: a fresh child at adj 0; its pid in KID, "PID (name)" in KN
kid_start() {
	hog_start 0 0 "$KID_NAME" || return 1
	KID=$HOG
	KN="$KID ($KID_NAME)"
}
adj_of() { cat "/proc/$1/oom_score_adj" 2>/dev/null; }
adj_is() { [ "$(adj_of "$1")" = "$2" ]; }
# dead: PID has exited (reaped, or a zombie of this shell)
dead() {
	local st
	[ -e "/proc/$1" ] || return 0
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -z "$st" ] || [ "$st" = Z ]
}
alive() { kill -0 "$1" 2>/dev/null && ! dead "$1"; }

# --- the screen --------------------------------------------------------------

cols() { pane_format '#{pane_width}'; }
rstrip() { sed 's/ *$//'; }
# fits TEXT: TEXT fits on one line of the pane
fits() { [ "${#1}" -le "$(cols)" ]; }
# status_is TEXT: the status line (the last line) is TEXT, cut at the width
status_is() {
	local w line want
	w=$(cols) || return 1
	line=$(tm_screen | tail -n 1 | rstrip)
	want=$(printf '%s\n' "${1:0:w}" | rstrip)
	[ "$line" = "$want" ]
}
# status_starts TEXT: the status line starts with TEXT, or as much of it as fits
status_starts() {
	local w line want
	w=$(cols) || return 1
	line=$(tm_screen | tail -n 1)
	want=${1:0:w}
	[ "${line:0:${#want}}" = "$want" ]
}
# expect_status WHAT TEXT [SHOWN]: expect status_is TEXT, when the status
# line is wide enough to show SHOWN (default TEXT), the start of TEXT up to
# what tells it from the line before (a key typed, a note); else a SKIP:
# comparing what fits would show nothing
expect_status() {
	local shown=${3:-$2}
	if fits "$shown"; then
		expect "$1" status_is "$2"
	else
		skip "$1: past the $(cols) columns of the status line (${#shown} needed)"
	fi
}

# box_find COLUMN WIDTH TEXT: the number of the screen line that holds, from
# COLUMN (0 = the first) on, TEXT cut at WIDTH cells (each HH:MM:SS on the
# screen read as TT:TT:TT); fails when none does
box_find() {
	local c=$1 w=$2 t=$3
	tm_screen | awk -v c="$c" -v w="$w" -v t="${t:0:w}" '
	BEGIN { sub(/ +$/, "", t) }
	{
		s = substr($0, c + 1, w)
		gsub(/[0-9][0-9]:[0-9][0-9]:[0-9][0-9]/, "TT:TT:TT", s)
		sub(/ +$/, "", s)
		if (s == t) { print NR; f = 1; exit }
	}
	END { exit !f }'
}
# The boxes (src/view_detail.c) start at column 2, COLS - 4 wide; their lines
# start at column 3, COLS - 6 wide.
box_title_is() { box_find 2 $(($(cols) - 4)) "$1" >/dev/null; }
box_has() { box_find 3 $(($(cols) - 6)) "$1" >/dev/null; }
# change_line OLD NEW [SUFFIX]: a line of the list of changes
change_line() { printf 'TT:TT:TT  %7d %-16s oom_score_adj %5d -> %5d%s' "$KID" "$KID_NAME" "$1" "$2" "${3:-}"; }
# the list shows line A above line B
box_order() {
	local a b
	a=$(box_find 3 $(($(cols) - 6)) "$1") && b=$(box_find 3 $(($(cols) - 6)) "$2") && [ "$a" -lt "$b" ]
}
# the status line shows the key hint: no message since the last key that acted
hint_shown() { tm_screen | tail -n 1 | grep -qE '^(\[[^]]*\]  )?h help  q quit  '; }
title_has() { title | grep -qF -- "$1"; }

# reset_status KEYDESC: x, a key bound to nothing, puts a known text on the
# status line, so that the same message twice is seen twice
reset_status() {
	e2e_key x
	expect "$1: x: the status line says x does nothing" status_is "key x does nothing here"
}

# --- capabilities -------------------------------------------------------------

# has_bit HEX BIT
has_bit() { (((16#$1 >> $2) & 1)); }
# CapEff of a program this shell starts, as oomtop gets it: awk's own
child_capeff() { awk '/^CapEff:/ { print $2 }' /proc/self/status; }
pid_capeff() { awk '/^CapEff:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
CAP_DAC_OVERRIDE=1
CAP_SYS_RESOURCE=24
# mode_for CAPEFF: the mode the title shows for these capabilities
mode_for() {
	if ! has_bit "$1" $CAP_DAC_OVERRIDE; then
		echo "own processes only"
	elif has_bit "$1" $CAP_SYS_RESOURCE; then
		echo "full"
	else
		echo "raise only"
	fi
}
MODE=$(mode_for "$(child_capeff)")
echo "# programs started here get CapEff $(child_capeff): oomtop's mode is [$MODE]"

# A command that runs the next one without CAP_SYS_RESOURCE: setpriv for
# root; nothing for another user, who has no capability to begin with.
NOCAP=()
if need_root; then
	NOCAP=(setpriv --bounding-set=-sys_resource --inh-caps=-sys_resource)
	"${NOCAP[@]}" true 2>/dev/null || NOCAP=(unusable)
fi
# floor_below_zero: a process started as the child is (writing 0 to its own
# oom_score_adj with this shell's capabilities) may go to -100 without
# CAP_SYS_RESOURCE: the floor it inherits is that low, nothing is refused
floor_below_zero() {
	sh -c 'echo 0 >/proc/self/oom_score_adj && exec "$@"' sh \
		"${NOCAP[@]}" sh -c 'echo -100 >/proc/self/oom_score_adj' 2>/dev/null
}

# --- the audit line ----------------------------------------------------------

# syslog(3) sends datagrams to /dev/log, which this machine may lack. oomtop
# runs in a private mount namespace (unshare --mount --propagation private:
# no mount made in it reaches the host) where /dev/log is a symlink to the
# socket of the logsink helper. /dev is the host's devtmpfs, the same in
# every mount namespace, so /dev/log cannot simply be created there: it would
# appear on the host. Nor can a bind mount go on a /dev/log that does not
# exist. So the namespace mounts an overlay on /dev: the host's /dev as its
# (read-only) lower layer, which shows every device node as it is, and a
# fresh tmpfs as the upper layer, which takes /dev/log. The mounts under /dev
# (pts, shm, ...), which an overlay does not show, are bound back from a
# recursive bind of the old /dev. When the host has a /dev/log, the same
# happens: the symlink hides it in the namespace only. The host's /dev is
# never written; a check below makes sure.
DEVLOG=$E2E_TMP/devlog.sh
cat >"$DEVLOG" <<'EOF'
# devlog.sh SOCKET DIR COMMAND...: in a new private mount namespace (run by
# unshare), make /dev/log a symlink to SOCKET, then exec COMMAND
set -e
sock=$1 dir=$2
shift 2
subs=$(awk '$5 ~ /^\/dev\// && !seen[$5]++ { print $5 }' /proc/self/mountinfo)
mkdir -p "$dir/olddev" "$dir/layer"
mount -t tmpfs -o mode=0755 tmpfs "$dir/layer"
mkdir "$dir/layer/upper" "$dir/layer/work"
mount --rbind /dev "$dir/olddev"
mount -t overlay overlay -o "lowerdir=/dev,upperdir=$dir/layer/upper,workdir=$dir/layer/work" /dev
for m in $subs; do
	if [ -d "$m" ]; then mount --rbind "$dir/olddev/${m#/dev/}" "$m"; fi
done
rm -f /dev/log
ln -s "$sock" /dev/log
exec "$@"
EOF
LOG_SOCK=$E2E_TMP/log.sock
LOG_OUT=$E2E_TMP/log.out
HOST_DEVLOG=$(ls -ld /dev/log 2>&1)
DEVLOG_WHY=
if ! need_root; then
	DEVLOG_WHY="not root: a mount namespace with /dev/log needs root"
elif ! command -v unshare >/dev/null 2>&1; then
	DEVLOG_WHY="unshare (util-linux) is not installed"
elif ! unshare --mount --propagation private true 2>/dev/null; then
	DEVLOG_WHY="no mount namespace here: $(unshare --mount --propagation private true 2>&1 | head -1)"
else
	"${E2E_DEATHSIG[@]}" "$BUILD/helpers/logsink" "$LOG_SOCK" >"$LOG_OUT" 9>&- &
	SINK=$!
	E2E_CHILDREN+=("$SINK")
	if ! wait_for test -S "$LOG_SOCK"; then
		DEVLOG_WHY=
		not_ok "logsink binds $LOG_SOCK"
		DEVLOG_FAILED=1
	elif ! out=$(unshare --mount --propagation private bash "$DEVLOG" "$LOG_SOCK" "$E2E_TMP/ns" \
		sh -c 'test -S /dev/log && test -c /dev/null && test -c /dev/tty && test -d /dev/pts' 2>&1); then
		DEVLOG_WHY="cannot put /dev/log in a mount namespace (overlay on /dev): $(echo "$out" | head -1)"
	fi
fi
# audit_msgs: the messages logged by the oomtop in the pane, without the
# priority, time stamp and ident
audit_msgs() { sed -En "s/^<[0-9]+>(.* )?oomtop\[$OOMTOP_PID\]: //p" "$LOG_OUT"; }
# audit_has MESSAGE: the oomtop in the pane logged MESSAGE as auth.notice
# (<37> = facility auth 4 * 8 + severity notice 5), ident oomtop with its
# pid: "<37>Dec  6 15:15:43 oomtop[PID]: MESSAGE" (the time stamp's form is
# the C library's: not checked)
audit_has() {
	sed -En "s/^<37>(.* )?oomtop\[$OOMTOP_PID\]: //p" "$LOG_OUT" 2>/dev/null | grep -qxF -- "$1"
}
host_devlog_unchanged() { [ "$(ls -ld /dev/log 2>&1)" = "$HOST_DEVLOG" ]; }

# --- the sessions ------------------------------------------------------------

for size in $SIZES; do
	# + twice, the mode in the title, Enter's process box
	S="$size: + +"
	if ! kid_start; then
		not_ok "$S: the child starts"
	elif ! e2e_start "$size" -p "$KID"; then
		not_ok "$S: oomtop -p $KID starts"
		hog_stop "$KID"
	else
		expect "$S: the title shows the mode [$MODE]" title_has "[$MODE]"
		expect "$S: the child is the selected row" sel_is - "$KID" 1
		expect "$S: its ADJ is 0" cell_is "$KID" ADJ '^0$'
		e2e_key +
		expect "$S: the first + says 0 -> 100" status_starts "$KN: oom_score_adj 0 -> 100, oom_score "
		e2e_key +
		expect "$S: the second + says 100 -> 200" status_starts "$KN: oom_score_adj 100 -> 200, oom_score "
		check "$S: /proc/$KID/oom_score_adj is 200" adj_is "$KID" 200
		expect "$S: the row's ADJ is 200" cell_is "$KID" ADJ '^200$'
		expect "$S: the row's SCORE is /proc/$KID/oom_score" \
			eval '[ "$(cell "$KID" SCORE)" = "$(cat /proc/$KID/oom_score)" ]'
		if fits "$KN: oom_score_adj 100 -> 200, oom_score 1 -> 2, rank 1 -> 1; it lasts until the process exits"; then
			expect "$S: the status line ends saying it lasts until the process exits" \
				eval 'tm_screen | tail -n 1 | grep -qE "^$KID \\($KID_NAME\\): oom_score_adj 100 -> 200, oom_score [0-9]+ -> $(cat /proc/$KID/oom_score), rank [0-9]+ -> [0-9]+; it lasts until the process exits *$"'
		else
			skip "$S: the end of the status line (new oom_score, rank, how long it lasts) is cut at $(cols) columns"
		fi

		# Enter: the process box
		e2e_key Enter
		expect "$S: Enter shows the process box" box_title_is " Process (any key closes)"
		expect "$S: ... with the pid" box_has "$(printf '%-14s %s' pid "$KID")"
		expect "$S: ... the name" box_has "$(printf '%-14s %s' name "$KID_NAME")"
		expect "$S: ... the oom_score_adj, 200" box_has "$(printf '%-14s %s' oom_score_adj "200 (+/- change it, = sets it, P protects)")"
		expect "$S: ... and the systemd unit" screen_has '^.{3}systemd unit   [^ ]'
		e2e_key +
		expect "$S: any key (+) closes the box" screen_lacks 'Process \(any key closes\)'
		check "$S: ... and does nothing else: the adj stays 200" adj_is "$KID" 200
		expect "$S: ... the status line shows the key hint (Enter cleared it; + did not act)" hint_shown
		e2e_key q
		check_restored "$S"
		hog_stop "$KID"
	fi

	# --adj-step 50
	S="$size: --adj-step 50"
	if ! kid_start; then
		not_ok "$S: the child starts"
	elif ! e2e_start "$size" --adj-step 50 -p "$KID"; then
		not_ok "$S: oomtop starts"
		hog_stop "$KID"
	else
		e2e_key +
		expect "$S: + says 0 -> 50" status_starts "$KN: oom_score_adj 0 -> 50, oom_score "
		check "$S: /proc/$KID/oom_score_adj is 50" adj_is "$KID" 50
		expect "$S: the row's ADJ is 50" cell_is "$KID" ADJ '^50$'
		e2e_key q
		check_restored "$S"
		hog_stop "$KID"
	fi

	# = sets a value typed
	S="$size: ="
	if ! kid_start; then
		not_ok "$S: the child starts"
	elif ! e2e_start "$size" -p "$KID"; then
		not_ok "$S: oomtop starts"
		hog_stop "$KID"
	else
		Q="oom_score_adj for $KN: "
		R="  [-1000..1000, Enter sets, Esc cancels]"
		e2e_key =
		expect "$S: = asks for the value" status_is "${Q}_$R"
		e2e_key 3 4 5
		expect_status "$S: 3 4 5 show as typed, before the rules" "${Q}345_$R" "${Q}345_"
		e2e_key x
		expect_status "$S: x does not fit: a note, the text kept" \
			"${Q}345_  ('x' does not fit)$R" "${Q}345_  ('x'"
		e2e_key 0
		expect_status "$S: a 4th digit (3450) does not fit: a note, the text kept" \
			"${Q}345_  ('0' does not fit)$R" "${Q}345_  ('0'"
		e2e_key Tab
		expect_status "$S: Tab (no character) is refused: digits and - only, the text kept" \
			"${Q}345_  (digits and - only)$R" "${Q}345_  (d"
		# the value written shows that neither x, nor the 4th digit, nor
		# Tab went into the text
		e2e_key Enter
		expect "$S: Enter sets 345 (not 3450, nor 345x)" status_starts "$KN: oom_score_adj 0 -> 345, oom_score "
		check "$S: /proc/$KID/oom_score_adj is 345" adj_is "$KID" 345
		expect "$S: the row's ADJ is 345" cell_is "$KID" ADJ '^345$'
		e2e_key = 1
		expect_status "$S: = 1 shows 1" "${Q}1_$R" "${Q}1_"
		e2e_key Escape
		expect "$S: Esc cancels" status_is "cancelled: nothing changed"
		check "$S: ... nothing written: the file still reads 345" adj_is "$KID" 345
		expect "$S: ... the row's ADJ is still 345" cell_is "$KID" ADJ '^345$'
		e2e_key q
		check_restored "$S"
		hog_stop "$KID"
	fi

	# U undoes, a lists
	S="$size: U, a"
	if ! kid_start; then
		not_ok "$S: the child starts"
	elif ! e2e_start "$size" -p "$KID"; then
		not_ok "$S: oomtop starts"
		hog_stop "$KID"
	else
		e2e_key a
		expect "$S: a before any change: no change yet" status_is "no change in this session yet"
		e2e_key +
		expect "$S: + says 0 -> 100" status_starts "$KN: oom_score_adj 0 -> 100, "
		check "$S: /proc/$KID/oom_score_adj is 100" adj_is "$KID" 100
		e2e_key U
		expect "$S: U says undone: 100 -> 0" status_starts "undone: $KN: oom_score_adj 100 -> 0, oom_score "
		check "$S: U wrote 0 back" adj_is "$KID" 0
		expect "$S: the row's ADJ is 0 again" cell_is "$KID" ADJ '^0$'
		e2e_key U
		expect "$S: U again: nothing to undo" status_is "nothing to undo: no change in this session"
		check "$S: ... the file still reads 0" adj_is "$KID" 0
		e2e_key a
		expect "$S: a shows the box of changes, 2 of them" \
			box_title_is " Changes in this session: 2, newest first (any key closes)"
		expect "$S: ... the undo: 100 -> 0  (undo), as much as fits" box_has "$(change_line 100 0 '  (undo)')"
		expect "$S: ... the change: 0 -> 100  (undone), as much as fits" box_has "$(change_line 0 100 '  (undone)')"
		expect "$S: ... newest first" box_order "$(change_line 100 0 '  (undo)')" "$(change_line 0 100 '  (undone)')"
		if ! fits "  $(change_line 100 0 '  (undo)')    "; then
			skip "$S: the end of each change (-> NEW, (undo)) is cut at $(cols) columns"
		fi
		e2e_key +
		expect "$S: any key (+) closes the box" screen_lacks 'Changes in this session'
		check "$S: ... and does nothing else: the adj stays 0" adj_is "$KID" 0
		expect "$S: ... the status line shows the key hint (a cleared it; + did not act)" hint_shown
		e2e_key q
		check_restored "$S"
		hog_stop "$KID"
	fi

	# k: signals
	S="$size: k"
	if ! kid_start; then
		not_ok "$S: the child starts"
	elif ! e2e_start "$size" -p "$KID"; then
		not_ok "$S: oomtop starts"
		hog_stop "$KID"
	else
		SQ="signal for $KN: "
		SR="  [a name or number, Enter: TERM, Esc cancels]"
		e2e_key k
		expect "$S: k asks which signal" status_is "${SQ}_$SR"
		e2e_key -l KILL
		expect_status "$S: KILL shows as typed, before the rules" "${SQ}KILL_$SR" "${SQ}KILL_"
		e2e_key -l '!'
		expect_status "$S: ! does not fit: a note, the text kept" \
			"${SQ}KILL_  ('!' does not fit)$SR" "${SQ}KILL_  ("
		e2e_key Tab
		expect_status "$S: Tab (no character) is refused: letters and digits only, the text kept" \
			"${SQ}KILL_  (letters and digits only)$SR" "${SQ}KILL_  (l"
		e2e_key Enter
		expect "$S: Enter asks to confirm SIGKILL" status_is "send SIGKILL to $KN? [y/n]"
		e2e_key n
		expect "$S: n cancels" status_is "cancelled: nothing changed"
		check "$S: ... the child lives" alive "$KID"
		e2e_key Space
		expect "$S: ... and is still in the table after a refresh" pid_shown "$KID"
		check "$S: ... still alive" alive "$KID"
		e2e_key k
		expect "$S: k asks again" status_is "${SQ}_$SR"
		e2e_key Enter
		expect "$S: Enter (TERM) asks to confirm SIGTERM" status_is "send SIGTERM to $KN? [y/n]"
		e2e_key y
		expect "$S: y: sent SIGTERM" status_is "sent SIGTERM to $KN"
		reaped=
		if wait_for dead "$KID"; then
			wait "$KID" 2>/dev/null
			rc=$?
			reaped=1
			check "$S: the child died by SIGTERM (exit status $rc, 128 + 15 = 143)" test "$rc" -eq 143
		else
			not_ok "$S: the child died by SIGTERM"
		fi
		e2e_key a
		expect "$S: a lists the signal" \
			box_has "$(printf 'TT:TT:TT  %7d %-16s signal SIGTERM' "$KID" "$KID_NAME")"
		e2e_key x
		expect "$S: any key closes the list" screen_lacks 'Changes in this session'
		e2e_key q
		check_restored "$S"
		[ -n "$reaped" ] || hog_stop "$KID"
	fi

	# --read-only
	S="$size: --read-only"
	if ! kid_start; then
		not_ok "$S: the child starts"
	elif ! e2e_start "$size" --read-only -p "$KID"; then
		not_ok "$S: oomtop starts"
		hog_stop "$KID"
	else
		RO="read-only (--read-only): this oomtop changes no process"
		expect "$S: the title shows [read-only]" title_has "[read-only]"
		for key in + - = P k U; do
			reset_status "$S: before $key"
			if [ "$key" = - ]; then e2e_key -- -; else e2e_key "$key"; fi
			expect "$S: $key is refused" status_is "$RO"
			check "$S: $key: nothing written: the file still reads 0" adj_is "$KID" 0
		done
		check "$S: the child lives" alive "$KID"
		e2e_key a
		expect "$S: a: no change in this session" status_is "no change in this session yet"
		expect "$S: the row's ADJ is still 0" cell_is "$KID" ADJ '^0$'
		check "$S: oomtop holds no capability (CapEff $(pid_capeff "$OOMTOP_PID"))" \
			test "$(pid_capeff "$OOMTOP_PID")" = 0000000000000000
		e2e_key q
		check_restored "$S"
		hog_stop "$KID"
	fi

	# below the floor without CAP_SYS_RESOURCE
	S="$size: without CAP_SYS_RESOURCE"
	if [ "${NOCAP[0]:-}" = unusable ]; then
		skip "$S: setpriv --bounding-set=-sys_resource does not work here"
	elif floor_below_zero; then
		skip "$S: a process started here may go below 0 without CAP_SYS_RESOURCE (its inherited floor is that low): nothing would be refused"
	elif ! kid_start; then
		not_ok "$S: the child starts"
	elif ! E2E_WRAP="${NOCAP[*]}" e2e_start "$size" -p "$KID"; then
		not_ok "$S: oomtop starts under ${NOCAP[*]:-no capability}"
		hog_stop "$KID"
	else
		caps=$(pid_capeff "$OOMTOP_PID")
		if [ -z "$caps" ] || has_bit "$caps" $CAP_SYS_RESOURCE; then
			skip "$S: oomtop holds CAP_SYS_RESOURCE anyway (CapEff ${caps:-unknown}): it may lower"
		else
			m=$(mode_for "$caps")
			expect "$S: the title shows [$m]" title_has "[$m]"
			e2e_key -- -
			expect "$S: - is refused: not lowered, stays at 0" status_is \
				"not lowered, $KN stays at 0: going to -100 needs CAP_SYS_RESOURCE, which this oomtop lacks: containers often drop it"
			check "$S: -: the file still reads 0" adj_is "$KID" 0
			e2e_key =
			e2e_key -l -- -50
			expect_status "$S: = -50 shows as typed" \
				"oom_score_adj for $KN: -50_  [-1000..1000, Enter sets, Esc cancels]" \
				"oom_score_adj for $KN: -50_"
			e2e_key Enter
			expect "$S: = -50 Enter is refused: not lowered, stays at 0" status_is \
				"not lowered, $KN stays at 0: going to -50 needs CAP_SYS_RESOURCE, which this oomtop lacks: containers often drop it"
			check "$S: = -50: the file still reads 0" adj_is "$KID" 0
			e2e_key P
			expect "$S: P asks" status_is "protect $KN with oom_score_adj -1000 (never killed)? [y/n]"
			e2e_key y
			msg="not lowered, $KN stays at 0: going to -1000 needs CAP_SYS_RESOURCE, which this oomtop lacks: containers often drop it"
			expect "$S: P y is refused: not lowered, stays at 0" status_is "$msg"
			check "$S: P y: the file still reads 0" adj_is "$KID" 0
			if ! fits "$msg"; then
				skip "$S: the refusal is cut at the $(cols) columns of the status line: \"...${msg:$(cols)}\" does not show"
			fi
			expect "$S: the row's ADJ is still 0" cell_is "$KID" ADJ '^0$'
			e2e_key a
			expect "$S: a: no change in this session" status_is "no change in this session yet"
		fi
		e2e_key q
		check_restored "$S"
		hog_stop "$KID"
	fi

	# the audit line, with and without SUDO_USER
	for sudo in "" alice; do
		S="$size: audit${sudo:+, SUDO_USER=$sudo}"
		if [ -n "$DEVLOG_WHY" ]; then
			skip "$S: $DEVLOG_WHY"
			continue
		fi
		[ -n "${DEVLOG_FAILED:-}" ] && continue
		who="user=$(id -un) uid=$(id -u)${sudo:+ sudo_user=$sudo}"
		if ! kid_start; then
			not_ok "$S: the child starts"
		elif ! E2E_ENV="${sudo:+SUDO_USER=$sudo}" \
			E2E_WRAP="unshare --mount --propagation private bash $DEVLOG $LOG_SOCK $E2E_TMP/ns" \
			e2e_start "$size" -p "$KID"; then
			not_ok "$S: oomtop starts in a mount namespace with /dev/log"
			hog_stop "$KID"
		else
			ok "$S: oomtop runs in a mount namespace with /dev/log"
			e2e_key +
			expect "$S: + says 0 -> 100" status_starts "$KN: oom_score_adj 0 -> 100, "
			expect "$S: logged <37>... oomtop[$OOMTOP_PID]: $who pid=$KID oom_score_adj=0->100 comm=$KID_NAME" \
				audit_has "$who pid=$KID oom_score_adj=0->100 comm=$KID_NAME"
			e2e_key U
			expect "$S: U says undone" status_starts "undone: $KN: oom_score_adj 100 -> 0, "
			expect "$S: logged ... oom_score_adj=100->0 undo=yes comm=$KID_NAME" \
				audit_has "$who pid=$KID oom_score_adj=100->0 undo=yes comm=$KID_NAME"
			e2e_key k Enter
			expect "$S: k Enter asks to confirm SIGTERM" status_is "send SIGTERM to $KN? [y/n]"
			e2e_key y
			expect "$S: y: sent SIGTERM" status_is "sent SIGTERM to $KN"
			expect "$S: logged ... signal=SIGTERM(15) comm=$KID_NAME" \
				audit_has "$who pid=$KID signal=SIGTERM(15) comm=$KID_NAME"
			check "$S: exactly these 3 messages, nothing else" \
				test "$(audit_msgs | wc -l)" -eq 3
			e2e_key q
			check_restored "$S"
			check "$S: the host's /dev/log is as it was (${HOST_DEVLOG})" host_devlog_unchanged
			hog_stop "$KID"
		fi
	done
done

# a refused change is not logged, and the sink saw no stray message
if [ -z "$DEVLOG_WHY" ] && [ -z "${DEVLOG_FAILED:-}" ]; then
	check "audit: every line logsink got is an oomtop message at <37>" \
		eval '! grep -vqE "^<37>(.* )?oomtop\[[0-9]+\]: user=" "$LOG_OUT"'
	kill -TERM "$SINK" 2>/dev/null
	wait "$SINK" 2>/dev/null
	check "audit: logsink removed its socket" test ! -e "$LOG_SOCK"
fi
echo "1..$t_n"
