# tests/lib.sh - shared helpers for the shell tests (sourced, not run).
# Environment from tests/run.sh: OOMTOP (binary), BUILD (build dir), TOP (tree).
# Every check prints one TAP line: ok / not ok / ok # SKIP reason.
: "${OOMTOP:?run through tests/run.sh}" "${BUILD:?}" "${TOP:?}"
t_n=0

ok() { t_n=$((t_n + 1)); echo "ok $t_n - $*"; }
not_ok() { t_n=$((t_n + 1)); echo "not ok $t_n - $*"; }
skip() { t_n=$((t_n + 1)); echo "ok $t_n # SKIP $*"; }
diag() { sed 's/^/# /'; }

# check DESCRIPTION COMMAND...: ok when the command succeeds
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

need_root() { [ "$(id -u)" -eq 0 ]; }

# A private tmux server per test script, killed on exit.
TMUX_SOCK="oomtop-test-$$"
tm() { tmux -L "$TMUX_SOCK" "$@"; }
tm_cleanup() { tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true; }

# tm_start COLSxLINES COMMAND: start COMMAND in a new detached session "t"
tm_start() {
	local size=$1
	shift
	tm kill-server 2>/dev/null || true
	tm -f /dev/null new-session -d -s t -x "${size%x*}" -y "${size#*x}" \
		"env TERM=xterm-256color LANG=${LANG:-C.UTF-8} $*; echo __EXIT_\$?__; sleep 30"
}

tm_screen() { tm capture-pane -p -t t; }

# tm_wait PATTERN [SECONDS]: wait until the screen shows PATTERN (grep -E)
tm_wait() {
	local pat=$1 secs=${2:-10} i
	for ((i = 0; i < secs * 10; i++)); do
		tm_screen 2>/dev/null | grep -qE -- "$pat" && return 0
		sleep 0.1
	done
	return 1
}
