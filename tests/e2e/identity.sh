#!/usr/bin/env bash
# identity.sh - oomtop changes and signals only the process its row shows, and
# only with the privileges it kept; at 80x24 and 160x40, as root (skipped
# otherwise):
#  - PID reuse made on purpose: oomtop runs in a private PID namespace with
#    its own /proc (-d 3600: no refresh by itself, -p VICTIM). A control
#    script, PID 1 of the namespace, kills and reaps the victim, writes
#    VICTIM-1 to /proc/sys/kernel/ns_last_pid and starts a new sleep, which
#    gets the same PID with a later start time. +, = 500 Enter, P y, - and
#    k Enter y on the row (still the old victim) each say "nothing done: ...
#    has exited and PID N is now another process"; the new process keeps its
#    oom_score_adj and gets no signal. After k (which refreshes) the row is
#    the new process, and + changes it (the control). Then the process exits
#    without reuse: +, = and k say "nothing done: ... has exited".
#  - As uid nobody (setpriv) against a root process: + and = say "nothing
#    written: ... belongs to root ... lacks CAP_DAC_OVERRIDE", k says
#    "nothing sent: ... belongs to root, and this oomtop lacks CAP_KILL",
#    nothing changes, the title says [own processes only]; on its own
#    process + works and k sends SIGTERM.
#  - The capabilities of a running oomtop (/proc/PID/status): NoNewPrivs 1,
#    CapEff and CapPrm only CAP_DAC_OVERRIDE, CAP_KILL, CAP_SYS_RESOURCE (of
#    those it had), CapBnd likewise when it had CAP_SETPCAP, CapInh and CapAmb
#    0 (even when started with inheritable and ambient ones), the title's mode
#    from them; --read-only and -b keep none.
# The status line is cut at the terminal's width: checks compare with the
# message cut at the pane width (whole at 160 columns). What matters comes
# first: the outcome of a refusal (nothing done, nothing written, nothing
# sent) and, in a question, what was typed before the rules in [...]; at 80
# columns a check sees those whole.
# No check measures time: every wait polls a screen or a process state.
# shellcheck disable=SC2016 # the eval expressions expand when they run
set -u
. "$TOP/tests/e2e/common.bash"

if ! need_root; then
	skip "not root: needs a PID namespace, ns_last_pid, another user and full capabilities"
	exit 0
fi

SIZES="80x24 160x40"
EXE=$(readlink -f "$OOMTOP")

# --- small helpers -------------------------------------------------------------

# status_line: the last line of the pane, trailing blanks removed
status_line() {
	local l
	l=$(tm_screen | tail -1) || return 1
	printf '%s' "${l%"${l##*[! ]}"}"
}
# status_is MSG: the status line reads MSG, cut at the pane's width
status_is() {
	local w m
	w=$(pane_format '#{pane_width}') || return 1
	m=${1:0:w}
	m=${m%"${m##*[! ]}"}
	[ "$(status_line)" = "$m" ]
}
# cut_note MSG: " (cut at N columns)" when MSG is wider than the pane, else nothing
cut_note() {
	local w
	w=$(pane_format '#{pane_width}')
	[ "${#1}" -gt "${w:-0}" ] && echo " (cut at $w columns)"
}
# status_matches REGEX: the status line matches REGEX (grep -E)
status_matches() { status_line | grep -qE -- "$1"; }
# wide: the pane is at least N columns wide
wide() { [ "$(pane_format '#{pane_width}')" -ge "$1" ]; }

# field FILE NAME: the value of "NAME:" in a /proc status file
field() { awk -v n="$2:" '$1 == n { print $2; exit }' "$1" 2>/dev/null; }
# start_of DIR: the start time (field 22 of DIR/stat), in clock ticks
start_of() {
	local s
	s=$(cat "$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	# shellcheck disable=SC2086 # the fields, split
	set -- $s
	[ -n "${20:-}" ] && echo "${20}"
}
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
# now_ticks: the time since boot in clock ticks
now_ticks() { awk -v hz="$CLK_TCK" '{ printf "%d\n", $1 * hz }' /proc/uptime; }
# ticks_since T N: at least N clock ticks have passed since T
ticks_since() { [ $(($(now_ticks) - $1)) -ge "$2" ]; }

# alive_untouched DIR START: DIR is the process started at START, alive
# (not a zombie) and with no signal pending: none was sent to it
alive_untouched() {
	local st
	[ "$(start_of "$1")" = "$2" ] || return 1
	st=$(field "$1/status" State)
	[ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ] || return 1
	[ "$(field "$1/status" SigPnd)" = 0000000000000000 ] &&
		[ "$(field "$1/status" ShdPnd)" = 0000000000000000 ]
}
# adj_is DIR START VALUE: the process started at START reads oom_score_adj VALUE
adj_is() { [ "$(start_of "$1")" = "$2" ] && [ "$(cat "$1/oom_score_adj" 2>/dev/null)" = "$3" ]; }
# dead DIR: no process there, or a zombie
dead() {
	local st
	st=$(field "$1/status" State)
	[ -z "$st" ] || [ "$st" = Z ] || [ "$st" = X ]
}
# is_oomtop PID: PID runs the binary under test (the same process under ASan)
is_oomtop() { [ "$(readlink -f "/proc/$1/exe" 2>/dev/null)" = "$EXE" ]; }

# set_adj_keys S NAME VALUE: = VALUE Enter, with the prompt checked
set_adj_keys() {
	local S=$1 name=$2 value=$3
	e2e_key '='
	expect "$S = asks: oom_score_adj for $name" \
		status_is "oom_score_adj for $name: _  [-1000..1000, Enter sets, Esc cancels]"
	e2e_key -l "$value"
	expect "$S ... $value typed" \
		status_is "oom_score_adj for $name: ${value}_  [-1000..1000, Enter sets, Esc cancels]"
	e2e_key Enter
}
# signal_keys S NAME: k Enter y, with both prompts checked
signal_keys() {
	local S=$1 name=$2
	e2e_key k
	expect "$S k asks which signal for $name" \
		status_is "signal for $name: _  [a name or number, Enter: TERM, Esc cancels]"
	e2e_key Enter
	expect "$S Enter: send SIGTERM to $name? [y/n]" status_is "send SIGTERM to $name? [y/n]"
	e2e_key y
}
# protect_keys S NAME: P y, with the question checked
protect_keys() {
	local S=$1 name=$2
	e2e_key P
	expect "$S P asks: protect $name?" \
		status_is "protect $name with oom_score_adj -1000 (never killed)? [y/n]"
	e2e_key y
}

# --- the private PID namespace ---------------------------------------------------
# The control script runs as PID 1 of the namespace. It starts the victim (a
# sleep: the first process after it, PID 2), then reads commands from a FIFO:
#   start SEQ [PID]  start a sleep, on PID (ns_last_pid = PID - 1) when given
#   kill SEQ PID     kill PID and reap it: the PID is free again
# and answers each in reply.SEQ (the PID started, "done" or "error").
# Nothing else forks in the namespace (oomtop does not), so the fork right
# after the write to ns_last_pid gets PID.
cat >"$E2E_TMP/nsctl" <<'EOF'
#!/usr/bin/env bash
dir=$1
exec 3<>"$dir/ctl"
reply() { echo "$2" >"$dir/reply.$1.new" && mv "$dir/reply.$1.new" "$dir/reply.$1"; }
sleep 1000 &
reply 0 "$!"
while read -r cmd seq arg <&3; do
	case $cmd in
	start)
		if [ -n "$arg" ] && ! echo $((arg - 1)) 2>/dev/null >/proc/sys/kernel/ns_last_pid; then
			reply "$seq" error
			continue
		fi
		sleep 1000 &
		reply "$seq" "$!"
		;;
	kill)
		kill -KILL "$arg" 2>/dev/null
		wait "$arg" 2>/dev/null
		reply "$seq" done
		;;
	esac
done
EOF

NS_UNSHARE='' # the unshare process (its death kills the namespace: --kill-child)
NS_INIT=''    # the control script, PID 1 of the namespace, by its global PID
NS_DIR=''     # FIFO and replies
NS_PROC=''    # the namespace's /proc, seen from here
NS_SEQ=0
NS_REPLY=''

# ns_up: make the namespace and start the victim; NS_VICTIM its PID in there
ns_up() {
	E2E_SEQ=$((E2E_SEQ + 1))
	NS_DIR=$E2E_TMP/ns.$E2E_SEQ
	NS_SEQ=0
	mkdir "$NS_DIR" && mkfifo "$NS_DIR/ctl" || return 1
	"${E2E_DEATHSIG[@]}" unshare --pid --fork --kill-child --mount-proc \
		bash "$E2E_TMP/nsctl" "$NS_DIR" 9>&- </dev/null &
	NS_UNSHARE=$!
	E2E_CHILDREN+=("$NS_UNSHARE")
	wait_for eval '[ -n "$(cat /proc/$NS_UNSHARE/task/$NS_UNSHARE/children 2>/dev/null)" ]' || return 1
	NS_INIT=$(xargs <"/proc/$NS_UNSHARE/task/$NS_UNSHARE/children")
	NS_PROC=/proc/$NS_INIT/root/proc
	wait_for test -s "$NS_DIR/reply.0" || return 1
	NS_VICTIM=$(cat "$NS_DIR/reply.0")
	# the control script is PID 1 in there, the victim is in its /proc
	[ "$(awk '$1 == "NSpid:" { print $NF }' "/proc/$NS_INIT/status")" = 1 ] && [ -d "$NS_PROC/$NS_VICTIM" ]
}

# ns_cmd CMD [ARG]: one command to the control script; its answer in NS_REPLY
ns_cmd() {
	NS_SEQ=$((NS_SEQ + 1))
	NS_REPLY=''
	timeout 10 bash -c 'echo "$1" >"$2"' _ "$1 $NS_SEQ ${2:-}" "$NS_DIR/ctl" 9>&- || return 1
	wait_for test -s "$NS_DIR/reply.$NS_SEQ" || return 1
	NS_REPLY=$(cat "$NS_DIR/reply.$NS_SEQ")
}

# ns_down: end the namespace and everything in it
ns_down() {
	[ -n "$NS_UNSHARE" ] || return 0
	kill -KILL "$NS_UNSHARE" 2>/dev/null
	wait "$NS_UNSHARE" 2>/dev/null
	[ -n "$NS_INIT" ] && wait_for eval '! kill -0 $NS_INIT 2>/dev/null'
	NS_UNSHARE='' NS_INIT=''
	return 0
}

identity_exit() {
	ns_down
	e2e_exit
}
trap identity_exit EXIT

# e2e_start_ns SIZE ARGS...: oomtop ARGS in the namespace (nsenter -p -m
# forks: the pane records nsenter's pid; OOMTOP_PID becomes oomtop's own)
e2e_start_ns() {
	local size=$1 kid
	shift
	E2E_WRAP="nsenter -t $NS_INIT -p -m" e2e_start "$size" "$@" || return 1
	NS_NSENTER=$OOMTOP_PID
	wait_for eval '[ -n "$(cat /proc/$NS_NSENTER/task/$NS_NSENTER/children 2>/dev/null)" ]' || return 1
	kid=$(xargs <"/proc/$NS_NSENTER/task/$NS_NSENTER/children")
	OOMTOP_PID=$kid
	E2E_OOMTOPS+=("$kid")
}

# reuse S: kill the process on PID $V (started at $CUR_START), let a clock
# tick pass, start a new sleep on the same PID; its start time in CUR_START.
# One TAP line.
reuse() {
	local S=$1 old=$CUR_START
	if ! ns_cmd kill "$V" || [ "$NS_REPLY" != "done" ] || [ -e "$NS_PROC/$V" ]; then
		not_ok "$S the process on PID $V is killed and reaped (reply '$NS_REPLY')"
		return 1
	fi
	# at least 5 clock ticks (0.05 s at 100 Hz) after the old one started
	wait_for ticks_since "$old" 5
	if ! ns_cmd start "$V" || [ "$NS_REPLY" != "$V" ]; then
		not_ok "$S a new sleep gets PID $V again through ns_last_pid (got '$NS_REPLY')"
		return 1
	fi
	CUR_START=$(start_of "$NS_PROC/$V")
	if [ -n "$CUR_START" ] && [ "$CUR_START" != "$old" ] && [ "$(cat "$NS_PROC/$V/comm")" = sleep ]; then
		ok "$S PID $V reused: a new sleep, start time $old -> $CUR_START"
	else
		not_ok "$S PID $V reused: a new sleep with another start time ($old -> ${CUR_START:-none})"
		return 1
	fi
}

# --- 1. PID reuse -----------------------------------------------------------------

NS_WHY=''
if ! command -v unshare >/dev/null || ! command -v nsenter >/dev/null; then
	NS_WHY="unshare or nsenter is not installed (util-linux)"
elif ! unshare --pid --fork --kill-child --mount-proc true 2>/dev/null; then
	NS_WHY="unshare --pid --fork --mount-proc fails here (no PID namespaces?)"
fi

reuse_checks() {
	local size=$1 S="$1 reuse:" name adj0 reused gone
	if ! ns_up; then
		not_ok "$S a private PID namespace with its own /proc and a victim sleep"
		ns_down
		return
	fi
	V=$NS_VICTIM
	name="$V (sleep)"
	CUR_START=$(start_of "$NS_PROC/$V")
	adj0=$(cat "$NS_PROC/$V/oom_score_adj")
	ok "$S namespace init $NS_INIT (PID 1 in there), victim sleep on PID $V, oom_score_adj $adj0"
	if ! e2e_start_ns "$size" -d 3600 -p "$V"; then
		not_ok "$S oomtop -d 3600 -p $V starts in the namespace"
		tm_screen 2>&1 | diag
		ns_down
		return
	fi
	ok "$S oomtop -d 3600 -p $V starts in the namespace"
	expect "$S pid $OOMTOP_PID runs oomtop itself, in the namespace" \
		eval 'is_oomtop $OOMTOP_PID && [ "$(field /proc/$OOMTOP_PID/status NSpid | head -1)" = $OOMTOP_PID ] &&
			[ "$(awk "/^NSpid:/ { print NF }" /proc/$OOMTOP_PID/status)" = 3 ]'
	expect "$S one row, the victim $V, selected" sel_is - "$V" 1

	# + on the row of a process whose PID another one took
	reuse "$S +:"
	reused="nothing done: $name has exited and PID $V is now another process"
	e2e_key +
	expect "$S +: $reused" status_is "$reused"
	check "$S +: the new process on $V still reads oom_score_adj $adj0, untouched" \
		eval 'adj_is "$NS_PROC/$V" "$CUR_START" "$adj0" && alive_untouched "$NS_PROC/$V" "$CUR_START"'
	expect "$S +: the row still shows $V, its ADJ $adj0" cell_is "$V" ADJ "^$adj0\$"

	# = 500 Enter
	reuse "$S =:"
	set_adj_keys "$S =:" "$name" 500
	expect "$S = 500 Enter: $reused" status_is "$reused"
	check "$S = 500 Enter: the new process on $V still reads oom_score_adj $adj0" \
		adj_is "$NS_PROC/$V" "$CUR_START" "$adj0"

	# P y (to -1000) and - (lower): refused before any write, whatever the privileges
	reuse "$S P:"
	protect_keys "$S P:" "$name"
	expect "$S P y: $reused" status_is "$reused"
	check "$S P y: the new process on $V still reads oom_score_adj $adj0" \
		adj_is "$NS_PROC/$V" "$CUR_START" "$adj0"
	e2e_key x # another message between two identical ones
	expect "$S x: key x does nothing here" status_is "key x does nothing here"
	e2e_key -- -
	expect "$S -: $reused" status_is "$reused"
	check "$S -: the new process on $V still reads oom_score_adj $adj0" \
		adj_is "$NS_PROC/$V" "$CUR_START" "$adj0"

	# k Enter y: no signal
	reuse "$S k:"
	signal_keys "$S k:" "$name"
	expect "$S k Enter y: $reused" status_is "$reused"
	check "$S k Enter y: nothing sent: the new process on $V is alive, no signal pending" \
		alive_untouched "$NS_PROC/$V" "$CUR_START"

	# k refreshed the table: the row is the new process now, and it can be changed
	e2e_key +
	expect "$S control: + on the refreshed row: $V (sleep): oom_score_adj $adj0 -> $((adj0 + 100))" \
		status_matches "^$V \\(sleep\\): oom_score_adj $adj0 -> $((adj0 + 100)), oom_score [0-9]+ -> [0-9]+"
	check "$S control: the new process on $V reads oom_score_adj $((adj0 + 100))" \
		adj_is "$NS_PROC/$V" "$CUR_START" "$((adj0 + 100))"
	expect "$S control: the row shows ADJ $((adj0 + 100))" cell_is "$V" ADJ "^$((adj0 + 100))\$"

	# the process exits, no reuse
	if ns_cmd kill "$V" && [ "$NS_REPLY" = "done" ] && [ ! -e "$NS_PROC/$V" ]; then
		ok "$S gone: the process on $V is killed and reaped, nothing takes its PID"
	else
		not_ok "$S gone: the process on $V is killed and reaped (reply '$NS_REPLY')"
	fi
	e2e_key +
	gone="nothing done: $name has exited"
	expect "$S gone: + says $gone" status_is "$gone"
	set_adj_keys "$S gone:" "$name" 1
	expect "$S gone: = 1 Enter says $gone" status_is "$gone"
	signal_keys "$S gone:" "$name"
	expect "$S gone: k Enter y says $gone" status_is "$gone"
	expect "$S gone: k refreshed: the table is empty" eval '! pid_shown $V'
	check "$S gone: PID $V is still free in the namespace" test ! -e "$NS_PROC/$V"
	expect "$S oomtop still runs" running
	e2e_key q
	check_restored "$S q"
	ns_down
}

# --- 2. an unprivileged oomtop ---------------------------------------------------------

NOBODY_UID=$(id -u nobody 2>/dev/null)
NOBODY_GID=$(id -g nobody 2>/dev/null)
NOBODY_NAME=$(getent passwd "${NOBODY_UID:-x}" | cut -d: -f1)
ROOT_NAME=$(getent passwd 0 | cut -d: -f1)
NOBODY=(setpriv --reuid="$NOBODY_UID" --regid="$NOBODY_GID" --clear-groups)
UNPRIV_WHY=''
if [ -z "$NOBODY_UID" ] || [ -z "$NOBODY_NAME" ]; then
	UNPRIV_WHY="no user nobody"
elif ! "${NOBODY[@]}" true 2>/dev/null; then
	UNPRIV_WHY="setpriv cannot switch to uid $NOBODY_UID"
elif ! "${NOBODY[@]}" test -x "$OOMTOP"; then
	UNPRIV_WHY="uid $NOBODY_UID cannot run $OOMTOP"
fi

# e2e_start_nobody SIZE ARGS...: oomtop as nobody (setpriv execs it: the pid
# the pane records is oomtop's); the temp dir takes its sanitizer reports
e2e_start_nobody() {
	local size=$1
	shift
	chmod 1733 "$E2E_TMP"
	E2E_WRAP="${NOBODY[*]}" e2e_start "$size" "$@"
}

unpriv_checks() {
	local size=$1 S="$1 nobody:" root_pid own_pid name adj0 msg out
	# a root process
	"${E2E_DEATHSIG[@]}" sleep 1000 9>&- &
	root_pid=$!
	E2E_CHILDREN+=("$root_pid")
	wait_for eval '[ "$(cat /proc/$root_pid/comm 2>/dev/null)" = sleep ]'
	name="$root_pid (sleep)"
	adj0=$(cat "/proc/$root_pid/oom_score_adj")
	R_START=$(start_of "/proc/$root_pid")
	if ! e2e_start_nobody "$size" -d 3600 -p "$root_pid"; then
		not_ok "$S oomtop -d 3600 -p $root_pid starts as $NOBODY_NAME"
		tm_screen 2>&1 | diag
		chmod 700 "$E2E_TMP"
		hog_stop "$root_pid"
		return
	fi
	ok "$S oomtop -d 3600 -p $root_pid (a root sleep) starts as $NOBODY_NAME"
	expect "$S pid $OOMTOP_PID is oomtop itself, uid $NOBODY_UID, no effective capability" \
		eval 'is_oomtop $OOMTOP_PID && [ "$(field /proc/$OOMTOP_PID/status Uid)" = $NOBODY_UID ] &&
			[ "$(field /proc/$OOMTOP_PID/status CapEff)" = 0000000000000000 ]'
	expect "$S the title says [own processes only]" eval 'title | grep -qF "[own processes only]"'
	expect "$S the root sleep $root_pid is the row, selected" sel_is - "$root_pid" 1

	msg="nothing written: $name belongs to $ROOT_NAME, and this oomtop (running as $NOBODY_NAME) lacks CAP_DAC_OVERRIDE"
	e2e_key +
	expect "$S +: $msg$(cut_note "$msg")" status_is "$msg"
	out="nothing written: $name belongs to $ROOT_NAME,"
	if wide ${#out}; then
		expect "$S +: the outcome and the owner show whole ($out)" \
			eval 'status_line | grep -qF -- "$out"'
	fi
	if wide ${#msg}; then
		expect "$S +: the whole message shows (the pane is wide enough)" \
			eval 'status_line | grep -qxF -- "$msg"'
	fi
	check "$S +: /proc/$root_pid/oom_score_adj still reads $adj0" adj_is "/proc/$root_pid" "$R_START" "$adj0"

	signal_keys "$S" "$name"
	msg="nothing sent: $name belongs to $ROOT_NAME, and this oomtop lacks CAP_KILL"
	expect "$S k Enter y: $msg$(cut_note "$msg")" status_is "$msg"
	if wide ${#msg}; then
		expect "$S k Enter y: the whole message shows (the pane is wide enough)" \
			eval 'status_line | grep -qxF -- "$msg"'
	fi
	check "$S k Enter y: nothing sent: $root_pid is alive, no signal pending" \
		alive_untouched "/proc/$root_pid" "$R_START"

	set_adj_keys "$S" "$name" 500
	msg="nothing written: $name belongs to $ROOT_NAME, and this oomtop (running as $NOBODY_NAME) lacks CAP_DAC_OVERRIDE"
	expect "$S = 500 Enter: $msg$(cut_note "$msg")" status_is "$msg"
	check "$S = 500 Enter: /proc/$root_pid/oom_score_adj still reads $adj0" \
		adj_is "/proc/$root_pid" "$R_START" "$adj0"
	e2e_key q
	check_restored "$S q"
	hog_stop "$root_pid"

	# its own process: a sleep of nobody
	"${NOBODY[@]}" "${E2E_DEATHSIG[@]}" sleep 1000 9>&- &
	own_pid=$!
	E2E_CHILDREN+=("$own_pid")
	wait_for eval '[ "$(cat /proc/$own_pid/comm 2>/dev/null)" = sleep ] && [ "$(field /proc/$own_pid/status Uid)" = $NOBODY_UID ]'
	name="$own_pid (sleep)"
	adj0=$(cat "/proc/$own_pid/oom_score_adj")
	O_START=$(start_of "/proc/$own_pid")
	if ! e2e_start_nobody "$size" -d 3600 -p "$own_pid"; then
		not_ok "$S oomtop -d 3600 -p $own_pid (its own sleep) starts as $NOBODY_NAME"
		chmod 700 "$E2E_TMP"
		hog_stop "$own_pid"
		return
	fi
	ok "$S oomtop -d 3600 -p $own_pid (a sleep of $NOBODY_NAME) starts as $NOBODY_NAME"
	expect "$S own: the sleep $own_pid is the row, selected" sel_is - "$own_pid" 1
	e2e_key +
	expect "$S own: +: $name: oom_score_adj $adj0 -> $((adj0 + 100))" \
		status_matches "^$own_pid \\(sleep\\): oom_score_adj $adj0 -> $((adj0 + 100)), oom_score [0-9]+ -> [0-9]+"
	if wide 140; then
		expect "$S own: +: the whole message: ranks, and how long it lasts" \
			status_matches "^$own_pid \\(sleep\\): oom_score_adj $adj0 -> $((adj0 + 100)), oom_score [0-9]+ -> [0-9]+, rank [0-9]+ -> [0-9]+; (it lasts until the process exits|to keep it: systemctl( --user)? edit [^ ]+, \\[Service\\] OOMScoreAdjust=$((adj0 + 100)))\$"
	fi
	check "$S own: /proc/$own_pid/oom_score_adj reads $((adj0 + 100))" \
		adj_is "/proc/$own_pid" "$O_START" "$((adj0 + 100))"
	expect "$S own: the row shows ADJ $((adj0 + 100))" cell_is "$own_pid" ADJ "^$((adj0 + 100))\$"
	signal_keys "$S own:" "$name"
	expect "$S own: k Enter y: sent SIGTERM to $name" status_is "sent SIGTERM to $name"
	expect "$S own: the sleep $own_pid has died" dead "/proc/$own_pid"
	e2e_key q
	check_restored "$S own: q"
	hog_stop "$own_pid"
	chmod 700 "$E2E_TMP"
}

# --- 3. capabilities after the start ------------------------------------------------------

hex() { echo $((16#$1)); }
SELF_EFF=$(hex "$(field /proc/self/status CapEff)")
SELF_BND=$(hex "$(field /proc/self/status CapBnd)")
KEEP=$(((1 << 1) | (1 << 5) | (1 << 24))) # CAP_DAC_OVERRIDE, CAP_KILL, CAP_SYS_RESOURCE
HAD_SETPCAP=$(((SELF_EFF >> 8) & 1))
if [ $(((SELF_EFF >> 1) & 1)) = 0 ]; then
	MODE="own processes only"
elif [ $(((SELF_EFF >> 24) & 1)) = 1 ]; then
	MODE=full
else
	MODE="raise only"
fi

# caps_are PID KEPT: /proc/PID/status: NoNewPrivs 1, CapEff and CapPrm exactly
# KEPT, CapInh and CapAmb 0, CapBnd KEPT plus what was not in it when there
# was no CAP_SETPCAP to drop them. Prints what is wrong.
caps_problems() {
	local f=/proc/$1/status want=$2 bnd n v
	bnd=$SELF_BND
	[ "$HAD_SETPCAP" = 1 ] && bnd=$((SELF_BND & want))
	[ "$(field "$f" NoNewPrivs)" = 1 ] || echo "NoNewPrivs $(field "$f" NoNewPrivs), not 1"
	for n in CapEff CapPrm CapInh CapAmb CapBnd; do
		v=$(field "$f" "$n")
		[ -n "$v" ] || { echo "no $n"; continue; }
		case $n in
		CapEff | CapPrm) [ "$(hex "$v")" = "$want" ] || printf '%s %s, not %016x\n' "$n" "$v" "$want" ;;
		CapInh | CapAmb) [ "$(hex "$v")" = 0 ] || echo "$n $v, not 0" ;;
		CapBnd) [ "$(hex "$v")" = "$bnd" ] || printf '%s %s, not %016x\n' "$n" "$v" "$bnd" ;;
		esac
	done
}
caps_ok() {
	local p
	p=$(caps_problems "$1" "$2")
	[ -z "$p" ] && return 0
	echo "$p" >"$E2E_TMP/problems"
	return 1
}
# check_caps WHAT PID KEPT: caps_ok as a TAP line (polled: CAP_IPC_LOCK goes
# after the first refresh), with what is wrong
check_caps() {
	if wait_for caps_ok "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		{
			cat "$E2E_TMP/problems"
			grep -E '^(NoNewPrivs|Cap)' "/proc/$2/status"
		} | diag
	fi
}

caps_checks() {
	local size=$1 S="$1 caps:" want
	want=$((SELF_EFF & KEEP))
	if e2e_start "$size" -d 3600; then
		ok "$S oomtop starts as root"
		expect "$S pid $OOMTOP_PID (from the pane) is oomtop itself" is_oomtop "$OOMTOP_PID"
		check_caps "$S NoNewPrivs 1, CapEff = CapPrm = $(printf %x "$want") (of DAC_OVERRIDE, KILL, SYS_RESOURCE: those it had), CapInh = CapAmb = 0, CapBnd emptied but for those (CAP_SETPCAP: $HAD_SETPCAP)" \
			"$OOMTOP_PID" "$want"
		expect "$S the title says [$MODE]" eval 'title | grep -qF "[$MODE]"'
		e2e_key q
		check_restored "$S q"
	else
		not_ok "$S oomtop starts as root"
	fi

	# started with inheritable and ambient capabilities: none left
	if setpriv --inh-caps=+net_raw,+sys_nice --ambient-caps=+net_raw,+sys_nice true 2>/dev/null; then
		if E2E_WRAP="setpriv --inh-caps=+net_raw,+sys_nice --ambient-caps=+net_raw,+sys_nice" \
			e2e_start "$size" -d 3600; then
			ok "$S oomtop starts with ambient CAP_NET_RAW, CAP_SYS_NICE"
			expect "$S ambient: pid $OOMTOP_PID is oomtop itself" is_oomtop "$OOMTOP_PID"
			check_caps "$S ambient: CapInh = CapAmb = 0, CapEff = CapPrm = $(printf %x "$want")" \
				"$OOMTOP_PID" "$want"
			e2e_key q
			check_restored "$S ambient: q"
		else
			not_ok "$S oomtop starts with ambient CAP_NET_RAW, CAP_SYS_NICE"
		fi
	else
		skip "$S ambient: setpriv --ambient-caps does not work here"
	fi

	# --read-only: nothing kept
	if e2e_start "$size" -d 3600 --read-only; then
		ok "$S --read-only: oomtop starts"
		expect "$S --read-only: pid $OOMTOP_PID is oomtop itself" is_oomtop "$OOMTOP_PID"
		check_caps "$S --read-only: NoNewPrivs 1, CapEff = CapPrm = CapInh = CapAmb = 0, CapBnd emptied (CAP_SETPCAP: $HAD_SETPCAP)" \
			"$OOMTOP_PID" 0
		expect "$S --read-only: the title says [read-only]" eval 'title | grep -qF "[read-only]"'
		e2e_key +
		expect "$S --read-only: + is refused" \
			status_is "read-only (--read-only): this oomtop changes no process"
		e2e_key q
		check_restored "$S --read-only: q"
	else
		not_ok "$S --read-only: oomtop starts"
	fi
}

batch_checks() {
	local S="batch" pid rc
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$E2E_TMP/asan" \
		UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$E2E_TMP/ubsan" \
		"$OOMTOP" -b -d 3 -n 3 >"$E2E_TMP/batch.out" 2>"$E2E_TMP/batch.err" 9>&- </dev/null &
	pid=$!
	E2E_CHILDREN+=("$pid")
	expect "$S: oomtop -b -d 3 -n 3 runs as pid $pid (the binary itself)" is_oomtop "$pid"
	check_caps "$S: NoNewPrivs 1, CapEff = CapPrm = CapInh = CapAmb = 0, CapBnd emptied (CAP_SETPCAP: $HAD_SETPCAP)" "$pid" 0
	wait "$pid"
	rc=$?
	check "$S: exits with status 0 ($rc)" test "$rc" = 0
	check "$S: it printed the table" grep -qE '^ *RANK +PID' "$E2E_TMP/batch.out"
	sanitizer_clean "$S"
}

for size in $SIZES; do
	if [ -n "$NS_WHY" ]; then
		skip "$size reuse: $NS_WHY"
	else
		reuse_checks "$size"
	fi
	if [ -n "$UNPRIV_WHY" ]; then
		skip "$size nobody: $UNPRIV_WHY"
	else
		unpriv_checks "$size"
	fi
	caps_checks "$size"
done
batch_checks
