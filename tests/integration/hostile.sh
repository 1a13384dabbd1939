#!/usr/bin/env bash
# hostile.sh - processes named with escape sequences, newlines, invalid UTF-8,
# bidi and C1 controls, parentheses; hostile command lines; a hostile zombie.
# Text output must show such bytes escaped (\x1b) and never raw; JSON must stay
# valid and carry the real bytes (invalid UTF-8 as U+FFFD).
set -u
. "$TOP/tests/lib.sh"
. "$TOP/tests/integration/common.bash"

FFFD=$'\xef\xbf\xbd'

# name (as set with PR_SET_NAME, at most 15 bytes) | what JSON must give back
# (jq -r) | how text output must show it | a label
HOSTILE=(
	$'\e[31mevil'    $'\e[31mevil'          '\x1b[31mevil'    "an escape sequence"
	$'a\nb'          $'a\nb'                'a\x0ab'          "a newline"
	$'\xff\xfe'      "$FFFD$FFFD"           '\xff\xfe'        "invalid UTF-8"
	$'\xc2\x9b31m'   $'\xc2\x9b31m'         '\xc2\x9b31m'     "a C1 CSI (U+009B)"
	$'\xe2\x80\xaeabc' $'\xe2\x80\xaeabc'   '\xe2\x80\xaeabc' "a bidi override (U+202E)"
	$'t\tt'          $'t\tt'                't\x09t'          "a tab"
	'a\x1bb'         'a\x1bb'               'a\\x1bb'         "a literal backslash-x"
	$'x) Z 1 (y'     $'x) Z 1 (y'           'x) Z 1 (y'       "parentheses and a fake state"
)

declare -A PID_OF READY_OF
n=${#HOSTILE[@]}
for ((i = 0; i < n; i += 4)); do
	name=${HOSTILE[i]} label=${HOSTILE[i + 3]}
	if start_hog pid 0 123 "$name"; then
		PID_OF[$i]=$pid READY_OF[$i]=$HOG_READY
		if [ "$(cat "/proc/$pid/comm")" = "$name" ]; then
			ok "hog named with $label runs (pid $pid)"
		else
			not_ok "hog named with $label runs with that name (kernel says $(od -c "/proc/$pid/comm" | head -2 | tr '\n' ' '))"
		fi
	else
		not_ok "hog named with $label starts"
	fi
done

# A command line that sets the terminal title (OSC 0) through argv[0].
OSC=$'\e]0;x\a'
ready=$T_TMP/osc.ready
t_spawn osc bash -c 'exec -a "$1" "$2" 0 0 oscname "$3"' _ "$OSC" "$HOG" "$ready"
if t_wait_file "$ready" "$osc"; then
	ok "a process with argv[0] = ESC ] 0 ; x BEL runs (pid $osc)"
else
	not_ok "a process with argv[0] = ESC ] 0 ; x BEL starts"
fi

# 2000 escape bytes in one argument: the escaped text outgrows any cell buffer.
LONG=$(printf '\e%.0s' $(seq 2000))
ready=$T_TMP/long.ready
t_spawn long bash -c 'exec -a "$1" "$2" 0 0 longname "$3"' _ "$LONG" "$HOG" "$ready"
if t_wait_file "$ready" "$long"; then
	ok "a process with 2000 ESC bytes in argv[0] runs (pid $long)"
else
	not_ok "a process with 2000 ESC bytes in argv[0] starts"
fi

# A zombie (empty command line, so its name is what shows) that clears the screen.
ZNAME=$'\e[2Jzomb'
ready=$T_TMP/zombie.ready
( "$HOG" 0 0 "$ZNAME" "$ready" & echo $! >"$T_TMP/zombie.pid"; exec sleep 600 ) &
T_PIDS+=("$!")
zombie=
if t_wait_file "$ready" "$!"; then
	zombie=$(cat "$T_TMP/zombie.pid")
	kill -KILL "$zombie"
	for _ in $(seq 100); do
		[ "$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$zombie/stat" 2>/dev/null)" = Z ] && break
		sleep 0.1
	done
fi
if [ -n "$zombie" ] && [ "$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$zombie/stat")" = Z ]; then
	ok "a zombie named ESC [ 2 J zomb exists (pid $zombie)"
else
	not_ok "a zombie named ESC [ 2 J zomb exists"
	zombie=
fi

# --- text output, UTF-8 locale ---------------------------------------------

X=$T_TMP/text.out
LC_ALL=C.UTF-8 run_oomtop "$X" -b
rc=$?
check "text (UTF-8 locale) exits 0" [ "$rc" -eq 0 ]
check "text (UTF-8 locale) prints nothing on stderr" [ ! -s "$X.err" ]

# control_bytes FILE: how many bytes 0x00-0x1f (but newline) or 0x7f
control_bytes() { LC_ALL=C tr -cd '\000-\011\013-\037\177' <"$1" | wc -c; }

c=$(control_bytes "$X")
if [ "$c" -eq 0 ]; then
	ok "text holds no raw ESC or other control byte but newline"
else
	not_ok "text holds no raw ESC or other control byte but newline ($c found)"
	LC_ALL=C grep -naP '[\x00-\x09\x0b-\x1f\x7f]' "$X" | cat -v | head -5 | diag
fi
check "text is valid UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null "$X"
if LC_ALL=C grep -qaP '\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c' "$X"; then
	not_ok "text holds no raw C1 or bidi control characters"
	LC_ALL=C grep -naP '\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c' "$X" |
		cat -v | head -5 | diag
else
	ok "text holds no raw C1 or bidi control characters"
fi

# every line after the header is one row: a newline in a name never splits it
bad=$(awk 'f && !/^ *([0-9]+|never) +[0-9]+ /; /^ *RANK +PID/ { f = 1 }' "$X")
if [ -z "$bad" ]; then
	ok "every text line after the header is a whole row"
else
	not_ok "every text line after the header is a whole row"
	cat -v <<<"$bad" | head -5 | diag
fi

# row_of PID FILE: the text row of PID
row_of() { awk -v pid="$1" 'f && $2 == pid; /^ *RANK +PID/ { f = 1 }' "$2"; }

for ((i = 0; i < n; i += 4)); do
	pid=${PID_OF[$i]:-}
	label=${HOSTILE[i + 3]} shown=${HOSTILE[i + 2]}
	if [ -z "$pid" ]; then
		not_ok "text shows the name with $label as $shown (no such process)"
		continue
	fi
	row=$(row_of "$pid" "$X")
	if [ "$(grep -c '' <<<"$row")" -eq 1 ] && grep -qF -- " 0 123 $shown " <<<"$row"; then
		ok "text shows the argument with $label as $shown"
	else
		not_ok "text shows the argument with $label as $shown"
		cat -v <<<"$row" | diag
	fi
done

row=$(row_of "$osc" "$X")
checkx 'text shows argv[0] ESC ] 0 ; x BEL as \x1b]0;x\x07' \
	'grep -qF -- "\\x1b]0;x\\x07 0 0 oscname" <<<"$row"'
[ -n "$row" ] && ! grep -qF -- '\x1b]0;x\x07' <<<"$row" && cat -v <<<"$row" | diag

row=$(row_of "$long" "$X")
checkx 'text cuts 2000 escaped ESC bytes only between two \x1b' \
	'[ -n "$row" ] && grep -qE "(\\\\x1b)+( 0 0 longname.*)?\$" <<<"$row" && ! grep -qE "\\\\x1?\$" <<<"$row"'
checkx 'text starts the long argument with many \x1b' \
	'grep -qF -- "$(printf "\\\\x1b%.0s" $(seq 100))" <<<"$row"'

if [ -n "$zombie" ]; then
	row=$(row_of "$zombie" "$X")
	checkx 'text shows the zombie as [\x1b[2Jzomb]' \
		'grep -qF -- "[\\x1b[2Jzomb]" <<<"$row"'
	[ -n "$row" ] && ! grep -qF -- '[\x1b[2Jzomb]' <<<"$row" && cat -v <<<"$row" | diag
	checkx "text: the zombie has no rank" '[ "$(awk "{ print \$1 }" <<<"$row")" = never ]'
else
	skip "no zombie to show"
	skip "no zombie to show"
fi

# --- text output, C locale: plain printable ASCII only ----------------------

XC=$T_TMP/text-c.out
LC_ALL=C run_oomtop "$XC" -b
rc=$?
check "text (C locale) exits 0" [ "$rc" -eq 0 ]
c=$(LC_ALL=C tr -d '\n\040-\176' <"$XC" | wc -c)
if [ "$c" -eq 0 ]; then
	ok "text (C locale) is printable ASCII and newlines only"
else
	not_ok "text (C locale) is printable ASCII and newlines only ($c other bytes)"
	LC_ALL=C grep -naP '[^\n\x20-\x7e]' "$XC" | cat -v | head -5 | diag
fi
checkx 'text (C locale) shows U+202E as \xe2\x80\xae' \
	'grep -qF -- "\\xe2\\x80\\xaeabc" "$XC"'

# --- JSON ------------------------------------------------------------------

J=$T_TMP/out.json
LC_ALL=C.UTF-8 run_oomtop "$J" -b --format=json -n 2 -d 0.1
rc=$?
check "JSON exits 0" [ "$rc" -eq 0 ]
good=0 lines=0
while IFS= read -r line; do
	lines=$((lines + 1))
	jqe '.processes | type == "array"' <<<"$line" && good=$((good + 1))
done <"$J"
checkx "jq parses every JSON line ($good of $lines, 2 expected)" '[ "$good" -eq 2 ] && [ "$lines" -eq 2 ]'
c=$(control_bytes "$J")
check "JSON holds no raw control byte (RFC 8259)" [ "$c" -eq 0 ]
check "JSON is valid UTF-8 (RFC 8259)" iconv -f UTF-8 -t UTF-8 -o /dev/null "$J"

# jsonf PID FIELD: the field of PID in the first JSON line, raw (jq -r)
jsonf() { head -1 "$J" | jq -j --argjson pid "$1" ".processes[] | select(.pid == \$pid) | .$2"; }

for ((i = 0; i < n; i += 4)); do
	pid=${PID_OF[$i]:-}
	want=${HOSTILE[i + 1]} label=${HOSTILE[i + 3]}
	if [ -z "$pid" ]; then
		not_ok "JSON comm with $label (no such process)"
		continue
	fi
	got=$(jsonf "$pid" comm)
	if [ "$got" = "$want" ]; then
		ok "JSON comm with $label gives back the name"
	else
		not_ok "JSON comm with $label gives back the name"
		printf 'want: %s\ngot:  %s\n' "$want" "$got" | cat -v | diag
	fi
	got=$(jsonf "$pid" cmdline)
	if [ "$got" = "$HOG 0 123 $want ${READY_OF[$i]}" ]; then
		ok "JSON cmdline with $label gives back the argument"
	else
		not_ok "JSON cmdline with $label gives back the argument"
		printf 'want: %s\ngot:  %s\n' "$HOG 0 123 $want ..." "$got" | cat -v | diag
	fi
done

paren=${PID_OF[28]:-}
if [ -n "$paren" ]; then
	checkx "JSON: a name 'x) Z 1 (y' does not shift the stat fields (state S, adj 123)" \
		'[ "$(jsonf "$paren" state)" = S ] && [ "$(jsonf "$paren" oom_score_adj)" = 123 ]'
else
	not_ok "JSON: a name 'x) Z 1 (y' does not shift the stat fields (no such process)"
fi

got=$(jsonf "$osc" cmdline)
if [ "$got" = "$OSC 0 0 oscname $T_TMP/osc.ready" ]; then
	ok "JSON cmdline gives back argv[0] ESC ] 0 ; x BEL"
else
	not_ok "JSON cmdline gives back argv[0] ESC ] 0 ; x BEL"
	printf 'got: %s\n' "$got" | cat -v | diag
fi
got=$(jsonf "$long" cmdline)
check "JSON cmdline gives back all 2000 ESC bytes" [ "$got" = "$LONG 0 0 longname $T_TMP/long.ready" ]

if [ -n "$zombie" ]; then
	check "JSON comm of the zombie gives back its name" [ "$(jsonf "$zombie" comm)" = "$ZNAME" ]
	checkx "JSON: the zombie has state Z, rank null and an empty cmdline (as /proc says)" \
		'[ "$(jsonf "$zombie" state)" = Z ] && [ "$(jsonf "$zombie" rank)" = null ] && [ -z "$(jsonf "$zombie" cmdline)" ]'
	if [ -n "$(jsonf "$zombie" cmdline)" ]; then
		printf 'cmdline: %s\n' "$(jsonf "$zombie" cmdline)" | cat -v | diag
	fi
else
	skip "no zombie"
	skip "no zombie"
fi

check_sanitizers
