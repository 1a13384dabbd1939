#!/usr/bin/env bash
# cli.sh - the command line: --help, --version, usage errors (exit 1, one line
# on stderr), no terminal without -b (exit 1), runtime failure (exit 2),
# stopping by signal (exit 0), a closed pipe.
set -u
. "$TOP/tests/lib.sh"
. "$TOP/tests/integration/common.bash"
trap 't_cleanup; tm_cleanup' EXIT

O=$T_TMP/out

# --- --help, --version -----------------------------------------------------

for opt in --help -h; do
	run_oomtop "$O" "$opt"
	rc=$?
	check "$opt exits 0" [ "$rc" -eq 0 ]
	check "$opt prints nothing on stderr" [ ! -s "$O.err" ]
	missing=
	for word in -b -n -d --format -p -u; do
		grep -qE -- "(^|[^-[:alnum:]])$word([^[:alnum:]-]|\$)" "$O" || missing="$missing $word"
	done
	check "$opt mentions -b, -n, -d, --format, -p, -u${missing:+ (missing:$missing)}" [ -z "$missing" ]
done

version=$(sed -n 's/^VERSION *= *//p' "$TOP/Makefile")
for opt in --version -V; do
	run_oomtop "$O" "$opt"
	rc=$?
	check "$opt exits 0" [ "$rc" -eq 0 ]
	if [ "$(cat "$O")" = "oomtop $version" ]; then
		ok "$opt prints 'oomtop $version'"
	else
		not_ok "$opt prints 'oomtop $version'"
		cat -v "$O" | head -3 | diag
	fi
done

# --- usage errors ------------------------------------------------------------

# label | arguments (one word each, split on |)
USAGE=(
	"an unknown long option|--bogus"
	"an unknown short option|-x"
	"-d 0|-b|-d|0"
	"-d abc|-b|-d|abc"
	"-d -1|-b|-d|-1"
	"-d 1e9 (too long)|-b|-d|1e9"
	"-d nan|-b|-d|nan"
	"-d without a value|-b|-d"
	"-n -1|-b|-n|-1"
	"-n abc|-b|-n|abc"
	"-n 99999999999 (overflow)|-b|-n|99999999999"
	"--format=xml|-b|--format=xml"
	"--format=json without -b|--format=json"
	"a stray argument|-b|stray"
	"-p abc|-b|-p|abc"
	"-p 0|-b|-p|0"
	"-p 1,,x|-b|-p|1,,x"
	"-p with an empty list|-b|-p|,"
	"-u with an empty name|-b|-u|"
)
multi=
for u in "${USAGE[@]}"; do
	IFS='|' read -r -a w <<<"$u"
	label=${w[0]}
	args=("${w[@]:1}")
	[ "$label" = "-u with an empty name" ] && args+=("")
	run_oomtop "$O" "${args[@]}"
	rc=$?
	if [ "$rc" -eq 1 ] && [ ! -s "$O" ] && grep -q '^oomtop: ' "$O.err"; then
		ok "$label: exit 1, an 'oomtop: ...' error on stderr, nothing on stdout"
	else
		not_ok "$label: exit 1, an 'oomtop: ...' error on stderr, nothing on stdout (exit $rc)"
		head -c 600 "$O.err" | diag
	fi
	[ "$(grep -c '' "$O.err")" -eq 1 ] || multi="$multi; $label: $(grep -c '' "$O.err") lines"
done
if [ -z "$multi" ]; then
	ok "every usage error is exactly one line on stderr"
else
	not_ok "every usage error is exactly one line on stderr (${multi#; })"
	head -5 "$O.err" | diag
fi

# --- good forms --------------------------------------------------------------

run_oomtop "$O" --batch --format=json --iterations=2 --delay=0.15 --pid="$$"
rc=$?
checkx "long options --batch --format=json --iterations=2 --delay=0.15 --pid=\$\$ work" \
	'[ "$rc" -eq 0 ] && [ "$(grep -c "" "$O")" -eq 2 ] &&
	 [ "$(jq -c "[.processes[].pid]" "$O" | sort -u)" = "[$$]" ]'
run_oomtop "$O" -b --format=text -n 1
rc=$?
checkx "--format=text is the text table" '[ "$rc" -eq 0 ] && grep -qE "^ *RANK +PID " "$O"'
run_oomtop "$O" -bn1 -d0.1 -p"$$"
rc=$?
checkx "bundled short options -bn1 -d0.1 -pPID work" '[ "$rc" -eq 0 ] && [ "$(grep -cE "^ *[0-9]+ +$$ " "$O")" -eq 1 ]'

# --- no terminal without -b ---------------------------------------------------

timeout -k 5 60 "$OOMTOP" </dev/null >"$O" 2>"$O.err"
rc=$?
cat "$O.err" >>"$T_STDERR"
checkx "no TTY (stdin /dev/null, stdout a file) and no -b: exit 1" '[ "$rc" -eq 1 ]'
checkx "no TTY: one line on stderr that points to -b" \
	'[ "$(grep -c "" "$O.err")" -eq 1 ] && grep -q -- "-b" "$O.err"'
check "no TTY: nothing on stdout (no terminal escapes)" [ ! -s "$O" ]

timeout -k 5 60 "$OOMTOP" 2>"$O.err" | cat >"$O"
rc=${PIPESTATUS[0]}
cat "$O.err" >>"$T_STDERR"
checkx "oomtop | cat (stdout a pipe) and no -b: exit 1, a message that points to -b" \
	'[ "$rc" -eq 1 ] && grep -q -- "-b" "$O.err" && [ ! -s "$O" ]'

if command -v tmux >/dev/null; then
	# stdout a terminal, stdin not: still no screen
	tm_start 80x24 "$OOMTOP </dev/null 2>$T_TMP/tm.err"
	if tm_wait '__EXIT_' 20; then
		checkx "stdout a terminal but stdin /dev/null, no -b: exit 1" 'tm_screen | grep -q "__EXIT_1__"'
	else
		not_ok "stdout a terminal but stdin /dev/null, no -b: exit 1 (it did not exit)"
		tm_screen | head -5 | diag
	fi
	cat "$T_TMP/tm.err" >>"$T_STDERR" 2>/dev/null
	tm_cleanup
else
	skip "tmux is not installed"
fi

# --- runtime failure: exit 2 -------------------------------------------------

if need_root && command -v unshare >/dev/null &&
	unshare -m true 2>/dev/null; then
	# /proc/meminfo reads empty inside a private mount namespace
	timeout -k 5 60 unshare -m --propagation private sh -c \
		'mount --bind /dev/null /proc/meminfo && exec "$0" -b' "$OOMTOP" >"$O" 2>"$O.err"
	rc=$?
	cat "$O.err" >>"$T_STDERR"
	checkx "an unreadable /proc/meminfo: exit 2" '[ "$rc" -eq 2 ]'
	checkx "an unreadable /proc/meminfo: one 'oomtop: ...' line on stderr, nothing on stdout" \
		'[ "$(grep -c "" "$O.err")" -eq 1 ] && grep -q "^oomtop: " "$O.err" && [ ! -s "$O" ]'
	[ "$rc" -eq 2 ] || head -5 "$O.err" | diag
else
	skip "the exit-2 check needs root and unshare -m"
	skip "the exit-2 check needs root and unshare -m"
fi

# --- stop by signal: exit 0 --------------------------------------------------

# -d 600: only the signal can end the wait. timeout sends it after 1 s and,
# as a hang guard, SIGKILL 20 s later (then the status is 137, not 0).
for sig in TERM INT HUP; do
	timeout --preserve-status -s "$sig" -k 20 1 "$OOMTOP" -b -n 0 -d 600 >"$O" 2>"$O.err"
	rc=$?
	cat "$O.err" >>"$T_STDERR"
	checkx "-b -n 0 stopped by SIG$sig during the delay exits 0 (exit $rc)" \
		'[ "$rc" -eq 0 ] && [ "$(grep -cE "^ *RANK +PID" "$O")" -eq 1 ]'
done

timeout --preserve-status -s TERM -k 20 1 "$OOMTOP" -b --format=json -n 0 -d 0.1 >"$O" 2>"$O.err"
rc=$?
cat "$O.err" >>"$T_STDERR"
good=0 lines=0
while IFS= read -r line; do
	lines=$((lines + 1))
	jqe '.processes | type == "array"' <<<"$line" && good=$((good + 1))
done <"$O"
checkx "JSON -n 0 stopped by SIGTERM exits 0 and leaves only whole lines ($good of $lines valid)" \
	'[ "$rc" -eq 0 ] && [ "$lines" -ge 1 ] && [ "$good" -eq "$lines" ] && [ -z "$(tail -c 1 "$O" | tr -d "\n")" ]'

# --- a closed pipe -------------------------------------------------------------

timeout -k 5 60 bash -c '"$1" -b 2>"$2" | head -1' _ "$OOMTOP" "$O.err" >"$O"
rc=$?
cat "$O.err" >>"$T_STDERR"
checkx "oomtop -b | head -1 ends and prints the title line" \
	'[ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] && grep -q "^oomtop - " "$O"'

timeout -k 5 60 bash -c '"$1" -b -n 0 -d 0.1 2>"$2" | head -1' _ "$OOMTOP" "$O.err" >"$O"
rc=$?
cat "$O.err" >>"$T_STDERR"
checkx "oomtop -b -n 0 | head -1 ends (the closed pipe stops it)" \
	'[ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] && grep -q "^oomtop - " "$O"'

timeout -k 5 60 bash -c 'trap "" PIPE; "$1" -b -n 0 -d 0.1 2>"$2" | head -1' _ "$OOMTOP" "$O.err" >"$O"
rc=$?
cat "$O.err" >>"$T_STDERR"
checkx "with SIGPIPE ignored, oomtop -b -n 0 | head -1 still ends" \
	'[ "$rc" -ne 124 ] && [ "$rc" -ne 137 ]'
checkx "with SIGPIPE ignored, a closed pipe prints no error" '! grep -q "^oomtop" "$O.err"'

check_sanitizers
