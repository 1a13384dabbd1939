# tests/integration/common.bash - shared by the integration scripts (sourced).
# Not a test itself: tests/run.sh only runs *.sh files.
# Needs tests/lib.sh sourced first (OOMTOP, BUILD, TOP, ok/not_ok/skip/check).

HOG=$BUILD/helpers/hog
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/oomtop-it.XXXXXX")
T_PIDS=()         # children to kill at exit
T_STDERR=$T_TMP/stderr.all  # every oomtop run's stderr, for the sanitizer check
: >"$T_STDERR"

t_cleanup() {
	local p
	for p in "${T_PIDS[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	for p in "${T_PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	rm -rf "$T_TMP"
}
trap t_cleanup EXIT
trap 'exit 130' INT TERM HUP

# t_spawn PIDVAR COMMAND...: start COMMAND in the background, remember it.
t_spawn() {
	local _ts_var=$1
	shift
	"$@" &
	T_PIDS+=("$!")
	printf -v "$_ts_var" '%s' "$!"
}

# t_wait_file FILE PID: wait (at most 60 s, a hang guard) until FILE exists
# while PID lives. 0 when the file appeared.
t_wait_file() {
	local f=$1 pid=$2 i
	for ((i = 0; i < 600; i++)); do
		[ -e "$f" ] && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# start_hog PIDVAR MIB ADJ NAME: start a hog and wait until it is ready.
# HOG_READY is set to its ready file (its last argument).
start_hog() {
	local _sh_var=$1 _sh_ready _sh_pid
	_sh_ready=$T_TMP/ready.$RANDOM$RANDOM
	HOG_READY=$_sh_ready
	t_spawn _sh_pid "$HOG" "$2" "$3" "$4" "$_sh_ready"
	printf -v "$_sh_var" '%s' "$_sh_pid"
	t_wait_file "$_sh_ready" "$_sh_pid"
}

# run_oomtop OUTFILE ARGS...: run oomtop, stdout to OUTFILE, stderr to
# OUTFILE.err (also appended to the sanitizer log); returns oomtop's status.
# A hang guard of 120 s (timeout exits 124) keeps a broken build from
# stalling the suite.
run_oomtop() {
	local out=$1 rc
	shift
	timeout -k 5 120 "$OOMTOP" "$@" >"$out" 2>"$out.err" </dev/null
	rc=$?
	cat "$out.err" >>"$T_STDERR"
	return $rc
}

# /proc/PID/status field in kB (VmRSS, VmPTE, ...), empty when gone.
status_kb() {
	awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null
}

# within_pct A B PCT: |A - B| <= PCT% of B (integers)
within_pct() {
	local a=$1 b=$2 pct=$3 d
	[[ $a =~ ^[0-9]+$ && $b =~ ^[0-9]+$ ]] || return 1
	d=$((a > b ? a - b : b - a))
	((d * 100 <= b * pct))
}

# true when PID is a kernel thread (PF_KTHREAD in /proc/PID/stat flags)
is_kthread() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	# shellcheck disable=SC2086
	set -- $s
	(($7 & 0x00200000))
}

# Fail when any oomtop run so far left a sanitizer report on stderr.
check_sanitizers() {
	if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$T_STDERR"; then
		not_ok "no sanitizer report on oomtop's stderr"
		grep -E -A12 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$T_STDERR" |
			head -40 | diag
	else
		ok "no sanitizer report on oomtop's stderr"
	fi
}

# checkx DESCRIPTION 'SHELL EXPRESSION': ok when the expression (eval'd, so
# it may hold && and ||) succeeds.
checkx() {
	if eval "$2"; then ok "$1"; else not_ok "$1"; fi
}

# jq -e with its output thrown away: the exit status is the test.
jqe() { jq -e "$@" >/dev/null 2>&1; }

# kernel_rank PID: set RANK_MIN and RANK_MAX to the ranks PID can have by the
# kernel's own /proc/PID/oom_score: 1 + the processes scored higher, up to
# that plus the ones scored the same. Other processes on a shared machine
# (another test's hog) can outrank ours; RANK_WHY then says so.
kernel_rank() {
	local pid=$1 mine gt eq
	mine=$(cat "/proc/$pid/oom_score")
	read -r gt eq < <(cat /proc/[0-9]*/oom_score 2>/dev/null |
		awk -v m="$mine" '$1 > m { g++ } $1 == m { e++ } END { print g + 0, e + 0 }')
	RANK_MIN=$((gt + 1))
	RANK_MAX=$((gt + eq)) # eq counts PID itself
	RANK_WHY=
	if [ "$RANK_MAX" -gt 1 ]; then
		RANK_WHY=" ($gt other processes score higher, $((eq - 1)) the same, by /proc/*/oom_score)"
	fi
}

# rank_before PID / rank_after PID, around an oomtop run: RANK_MIN..RANK_MAX
# covers both moments (a foreign process may come or go meanwhile), and
# WANT_RANK is that range as words ("1", "2..3").
rank_before() {
	kernel_rank "$1"
	_RB_MIN=$RANK_MIN _RB_MAX=$RANK_MAX _RB_WHY=$RANK_WHY
}
rank_after() {
	kernel_rank "$1"
	[ "$_RB_MIN" -lt "$RANK_MIN" ] && RANK_MIN=$_RB_MIN
	[ "$_RB_MAX" -gt "$RANK_MAX" ] && RANK_MAX=$_RB_MAX
	[ -n "$RANK_WHY" ] || RANK_WHY=$_RB_WHY
	WANT_RANK=$RANK_MIN
	[ "$RANK_MAX" -gt "$RANK_MIN" ] && WANT_RANK="$RANK_MIN..$RANK_MAX"
}

# rank_ok RANK: RANK is within RANK_MIN..RANK_MAX
rank_ok() {
	[[ $1 =~ ^[0-9]+$ ]] && [ "$1" -ge "$RANK_MIN" ] && [ "$1" -le "$RANK_MAX" ]
}
