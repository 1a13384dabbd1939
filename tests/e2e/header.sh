#!/usr/bin/env bash
# header.sh - the gauges between the title and the table (issue 3), in tmux
# at 40x10, 80x24, 100x30 and 200x50: Commit with a percentage and the
# overcommit mode in words, Mem with a percentage, swap or "no swap", PSI
# with averages and the stall rate now, the memory sparkline; full detail at
# 100 columns and wider, compact at 80, minimal at 40; every gauge line whole
# and within the width; bars that match their percentage; the table under
# them. Then: overcommit modes 1 and 2 and an unreadable policy
# (OOMTOP_VM_DIR), PSI missing and booted with psi=0 (OOMTOP_PSI_DIR), the
# rate and the sparkline refresh by refresh, colours by level and none with
# --no-color, NO_COLOR or a terminal without colours, Unicode glyphs in a
# UTF-8 locale and ASCII in the C locale.
# The machine's sysctls are only read, never changed.
set -u
. "$TOP/tests/e2e/common.bash"

SIZES="40x10 80x24 100x30 200x50"
N='[0-9]+\.[0-9]{2}'              # a PSI average
R='([0-9]+\.[0-9]%|-)'            # a stall rate now ("-" before two refreshes)
Z='[0-9]+(\.[0-9])?[KMGT]'        # a size
MSG_NOPSI='PSI unavailable: this kernel has no /proc/pressure (CONFIG_PSI off)'
MSG_PSI0='PSI unavailable: the kernel was booted with psi=0'

meminfo_kb() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
MODE=$(cat /proc/sys/vm/overcommit_memory)
RATIO=$(cat /proc/sys/vm/overcommit_ratio)
KBYTES=$(cat /proc/sys/vm/overcommit_kbytes)
SWAP_KB=$(meminfo_kb SwapTotal)

# --- test inputs ------------------------------------------------------------

# vm_dir NAME MODE RATIO KBYTES: a directory of overcommit sysctls for
# OOMTOP_VM_DIR; its path in VM
vm_dir() {
	VM=$E2E_TMP/vm-$1
	mkdir -p "$VM"
	echo "$2" >"$VM/overcommit_memory"
	echo "$3" >"$VM/overcommit_ratio"
	echo "$4" >"$VM/overcommit_kbytes"
}

# A file whose read fails with EOPNOTSUPP, as /proc/pressure/* do on a
# kernel booted with psi=0; in EOPNOTSUPP_FILE
EOPNOTSUPP_FILE=
for f in /sys/class/net/*/phys_port_name; do
	[ -e "$f" ] || continue
	if LC_ALL=C head -c 64 "$f" 2>&1 >/dev/null | grep -q 'Operation not supported'; then
		EOPNOTSUPP_FILE=$f
		break
	fi
done

# Memory for the Mem bar: at 2 % it is empty. A hog of a fifth of MemTotal
# (under 30 %, and only when at least half of the memory stays available)
# gives it some cells at 80 columns and more.
HOG_MIB=$(($(meminfo_kb MemTotal) / 5 / 1024))
if [ $((HOG_MIB * 1024 * 2)) -le "$(meminfo_kb MemAvailable)" ] &&
	hog_start "$HOG_MIB" 0 oomtop-e2e-mem; then
	MEMHOG=$HOG
	ok "a hog of $HOG_MIB MiB (a fifth of MemTotal) is ready, for the Mem bar"
else
	MEMHOG=
	skip "no hog of $HOG_MIB MiB: not enough memory available; the Mem bar may stay empty"
fi

# --- reading the screen -------------------------------------------------------

line() { tm_screen | sed -n "$1p"; }
# line_says N TEXT: screen line N is TEXT (trailing blanks ignored)
line_says() { [ "$(line "$1" | sed 's/ *$//')" = "$2" ]; }

# norm: the screen with the block glyphs U+2581..U+2588 as the letters a..h
# (a bar cell is h, the sparkline a..h)
norm() {
	tm_screen | LC_ALL=C sed -e 's/\xe2\x96\x81/a/g' -e 's/\xe2\x96\x82/b/g' \
		-e 's/\xe2\x96\x83/c/g' -e 's/\xe2\x96\x84/d/g' -e 's/\xe2\x96\x85/e/g' \
		-e 's/\xe2\x96\x86/f/g' -e 's/\xe2\x96\x87/g/g' -e 's/\xe2\x96\x88/h/g'
}

# bar_problems LINE LABEL WIDTH FILL: the bar after LABEL on screen line LINE
# is WIDTH cells wide, FILL characters (h = U+2588) from the left and blanks
# after, and as many filled as its percentage says. Prints what is wrong.
bar_problems() {
	norm | sed -n "$1p" | LC_ALL=C awk -v label="$2" -v w="$3" -v fill="$4" '
	{
		if (!match($0, "^" label " *\\[")) { print "no \"" label " [\": " $0; exit }
		rest = substr($0, RSTART + RLENGTH)
		if (!match(rest, /^[^]]*\] [0-9]+%/)) { print "no \"] N%\" after the bar: " $0; exit }
		bar = substr(rest, 1, index(rest, "]") - 1)
		pct = substr(rest, index(rest, "]") + 2) + 0
		if (pct > 100) pct = 100 # the bar is full from 100 % on
		if (length(bar) != w) { print "bar " length(bar) " cells wide, not " w ": [" bar "]"; exit }
		n = 0
		while (substr(bar, n + 1, 1) == fill) n++
		if (substr(bar, n + 1) ~ /[^ ]/) { print "bar not \"" fill "\" then blanks: [" bar "]"; exit }
		d = n - pct * w / 100
		if (d < 0) d = -d
		if (d > 0.5 + w / 200 + 0.001) print n " of " w " cells filled for " pct "%: [" bar "]"
	}'
}
bar_ok() {
	local p
	p=$(bar_problems "$@") || return 1
	[ -z "$p" ] && return 0
	echo "$p" >"$E2E_TMP/problems"
	return 1
}
bar_filled() { norm | sed -n "$1p" | grep -qE "^$2 *\\[[$3]"; }

# check_bar WHAT LINE LABEL WIDTH FILL: bar_ok as a TAP line
check_bar() {
	local what=$1
	shift
	if expect_wait bar_ok "$@"; then
		E2E_FAILS=0
		ok "$what"
	else
		E2E_FAILS=$((E2E_FAILS + 1))
		not_ok "$what"
		{ cat "$E2E_TMP/problems"; tm_screen | head -8; } 2>/dev/null | diag
	fi
}

# pct_near LINE LABEL WANT: the first "N%" after LABEL on screen line LINE is
# within 2 points of WANT (a command printing the percentage)
pct_near() {
	local shown want
	shown=$(line "$1" | grep -oE -- "$2[^%]*%" | head -1 | grep -oE '[0-9]+%$' | tr -d %)
	want=$(eval "$3")
	[ -n "$shown" ] && [ -n "$want" ] &&
		awk -v s="$shown" -v w="$want" 'BEGIN { d = s - w; exit !(d <= 2 && d >= -2) }'
}
commit_pct() {
	awk '$1 == "CommitLimit:" { l = $2 } $1 == "Committed_AS:" { c = $2 }
	END { if (l) printf "%.1f\n", 100 * c / l }' /proc/meminfo
}
mem_pct() {
	awk '$1 == "MemTotal:" { t = $2 } $1 == "MemAvailable:" { a = $2 }
	END { if (t) printf "%.1f\n", 100 * (t - a) / t }' /proc/meminfo
}

# kb SIZE: a size as shown (12K, 3.4M, 151M, 23.5G) in KiB
kb() { awk -v s="$1" 'BEGIN { u = substr(s, length(s)); v = s + 0
	printf "%.0f\n", v * (u == "K" ? 1 : u == "M" ? 1024 : u == "G" ? 1048576 : 1073741824) }'; }
# size_near SIZE KB: SIZE is KB within 1 % (the sizes show 3 digits)
size_near() {
	awk -v a="$(kb "$1")" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(b > 0 && d <= b / 100) }'
}
# mem_total_shown: "Mem ... of TOTAL" (USED/TOTAL at 80 columns) on line 3
# is MemTotal
mem_total_shown() {
	local t
	t=$(line 3 | grep -oE "(of |/)$Z" | head -1 | grep -oE "$Z")
	[ -n "$t" ] && size_near "$t" "$(meminfo_kb MemTotal)"
}
# commit_left_ok LINE: "USED of LIMIT ... LEFT left" (or USED/LIMIT) shows
# LEFT = LIMIT - USED, within the rounding of the sizes
commit_left_ok() {
	local l used limit left
	l=$(line "$1")
	[[ $l =~ \ ($Z)(\ of\ |/)($Z)[,\ ].*\ ($Z)\ left ]] || return 1
	used=$(kb "${BASH_REMATCH[1]}") limit=$(kb "${BASH_REMATCH[4]}") left=$(kb "${BASH_REMATCH[6]}")
	awk -v u="$used" -v l="$limit" -v f="$left" 'BEGIN { d = l - u - f; if (d < 0) d = -d; exit !(d <= l / 50) }'
}

# avg300_near RES: the "some" avg300 of RES on its PSI line is within 1.00
# of /proc/pressure/RES (a 5-minute average moves slowly)
avg300_near() {
	local shown want
	shown=$(tm_screen | grep -E "^PSI $1 " | grep -oE "some $N $N $N" | cut -d' ' -f4)
	want=$(sed -n 's/^some .*avg300=\([0-9.]*\) .*/\1/p' "/proc/pressure/$1")
	[ -n "$shown" ] && [ -n "$want" ] &&
		awk -v s="$shown" -v w="$want" 'BEGIN { d = s - w; exit !(d <= 1 && d >= -1) }'
}

# spark_len LINE: the number of sparkline glyphs (U+2581..U+2588) ending
# screen line LINE, after two blanks
spark_len() { norm | sed -n "$1p" | sed 's/ *$//' | grep -oE '  [a-h]+$' | tr -d ' ' | tr -d '\n' | wc -c; }
spark_at_least() { [ "$(spark_len "$1")" -ge "$2" ]; }
spark_is() { [ "$(spark_len "$1")" -eq "$2" ]; }
# ascii_spark_at_least LINE N: an ASCII sparkline ("_.-=*#") of N or more
ascii_spark_at_least() {
	local s
	s=$(line "$1" | sed 's/ *$//' | grep -oE '  [_.=*#-]+$' | tr -d ' ')
	[ "${#s}" -ge "$2" ]
}

# header_line_is N: the column header is screen line N
header_line_is() { [ "$(tm_screen | grep -nE '^ *RANK +PID' | head -1 | cut -d: -f1)" = "$1" ]; }

# fits COLS: no line of the screen is wider than COLS cells
fits() {
	local l
	while IFS= read -r l; do
		[ "$(printf '%s' "$l" | LC_ALL=C.UTF-8 wc -L)" -le "$1" ] || return 1
	done < <(tm_screen)
}

# no_high_bytes: the screen is ASCII only
no_high_bytes() { ! tm_screen | LC_ALL=C grep -q $'[\x80-\xff]'; }

# fg_after LINE ERE: the foreground colour (a number 30-37 or 90-97, "-" the
# default) of the character right after the first match of ERE on screen
# line LINE, from capture-pane -e (attributes carry over from line to line)
fg_after() {
	tm capture-pane -p -e -t t | LC_ALL=C awk -v want="$1" -v re="$2" '
	BEGIN { fg = "-" }
	{
		s = $0; text = ""; n = 0
		while (s != "") {
			if (match(s, /^\033\[[0-9;:]*m/)) {
				k = split(substr(s, 3, RLENGTH - 3), p, /[;:]/)
				if (k == 0) fg = "-"
				for (i = 1; i <= k; i++) {
					v = p[i] + 0
					if (v == 0 || v == 39) fg = "-"
					else if ((v >= 30 && v <= 37) || (v >= 90 && v <= 97)) fg = v
					else if (v == 38 || v == 48 || v == 58) {
						if (v == 38) fg = "x"
						i += (p[i + 1] == 5) ? 2 : (p[i + 1] == 2) ? 4 : 0
					}
				}
				s = substr(s, RLENGTH + 1)
			} else if (match(s, /^\033[^A-Za-z]*[A-Za-z]/)) {
				s = substr(s, RLENGTH + 1)
			} else {
				n++; c[n] = fg; text = text substr(s, 1, 1); s = substr(s, 2)
			}
		}
		if (NR == want) {
			if (match(text, re) && RSTART + RLENGTH <= n) print c[RSTART + RLENGTH]
			exit
		}
	}'
}
fg_is() { [ "$(fg_after "$1" "$2")" = "$3" ]; }
# fg_in LINE ERE COLOURS: the colour is one of COLOURS (a regex)
fg_in() { fg_after "$1" "$2" | grep -qE "^($3)$"; }

# colour_params [FIRST LAST]: the colour parameters of every SGR on screen
# lines FIRST..LAST (all lines by default), one a line
colour_params() {
	tm capture-pane -p -e -t t | LC_ALL=C awk -v a="${1:-1}" -v b="${2:-100000}" '
	NR >= a && NR <= b {
		s = $0
		while (match(s, /\033\[[0-9;:]*m/)) {
			k = split(substr(s, RSTART + 2, RLENGTH - 3), p, /[;:]/)
			for (i = 1; i <= k; i++) {
				v = p[i] + 0
				if (v == 38 || v == 48 || v == 58) {
					print v
					i += (p[i + 1] == 5) ? 2 : (p[i + 1] == 2) ? 4 : 0
				} else if ((v >= 30 && v <= 37) || (v >= 40 && v <= 47) ||
					(v >= 90 && v <= 97) || (v >= 100 && v <= 107))
					print v
			}
			s = substr(s, RSTART + RLENGTH)
		}
	}'
}
no_colour_at_all() { [ -z "$(colour_params)" ]; }
# gauges_coloured LAST: lines 2..LAST carry colours, only green, magenta, red
# (no yellow: it vanishes on a light background)
gauges_coloured() {
	local c
	c=$(colour_params 2 "$1" | sort -u | xargs)
	[ -n "$c" ] && [[ " $c " =~ ^(\ (31|32|35))+\ $ ]]
}
# title_table_plain HL: the title and lines HL.. (column header, rows,
# status) carry no colour
title_table_plain() { [ -z "$(colour_params 1 1)" ] && [ -z "$(colour_params "$1")" ]; }

# level_colour PCT WARN BAD: the colour of a level: 32 below WARN, 35 below
# BAD, 31 from BAD on; near a threshold (within SLACK) either side
level_colours() {
	awk -v v="$1" -v w="$2" -v b="$3" -v s="${4:-0}" 'BEGIN {
		for (d = -s; d <= s; d += (s ? s : 1)) {
			x = v + d
			c = x >= b ? 31 : x >= w ? 35 : 32
			out = out (out == "" ? "" : "|") c
		}
		print out
	}'
}
# mem_colour_right LINE LABEL: the Mem gauge's colour is its level's
# (under 80 % green, under 90 % magenta, else red)
mem_colour_right() {
	local p
	p=$(line "$1" | grep -oE -- "$2[^%]*%" | head -1 | grep -oE '[0-9]+%$' | tr -d %)
	[ -n "$p" ] && fg_in "$1" "$2" "$(level_colours "$p" 80 90 0.5)"
}
# psi_colour_right LINE: the memory PSI text is coloured by its stall rate
# now: under 5 % green, under 20 % magenta, else red (any of them while there
# is no rate yet: the level then comes from avg10)
psi_colour_right() {
	local v cs='31|32|35'
	v=$(line "$1" | grep -oE '^PSI memory( some [0-9.]+ [0-9.]+ [0-9.]+ now| [0-9.]+)? ([0-9]+\.[0-9]%|-)' |
		grep -oE '[^ ]+$' | tr -d %)
	[ -n "$v" ] || return 1
	[ "$v" = - ] || cs=$(level_colours "$v" 5 20 0.05)
	fg_in "$1" '^PSI ' "$cs"
}

# --- the expected gauge lines -------------------------------------------------

# commit_re DETAIL MODE [RATIO KBYTES]: the Commit line (DETAIL full,
# compact or min; MODE 0, 1, 2, or x for a policy that cannot be read); in
# the min detail it holds Mem too
commit_re() {
	local d=$1 m=$2 words
	case $d:$m in
	full:0) words="heuristic \(mode 0\): the limit is not enforced" ;;
	full:1) words="always \(mode 1\): the limit is not enforced, every allocation succeeds" ;;
	full:2)
		if [ "${4:-0}" != 0 ]; then
			words="strict \(mode 2, overcommit_kbytes $4\): $Z left before allocations fail"
		else
			words="strict \(mode 2, ratio $3%\): $Z left before allocations fail"
		fi
		;;
	compact:0 | fullbar:0) words="heuristic: not enforced" ;;
	compact:1 | fullbar:1) words="always: not enforced" ;;
	compact:2 | fullbar:2) words="strict: $Z left" ;;
	min:0 | min:1) words="not enforced" ;;
	min:2) words="strict" ;;
	min:x) words="\?" ;;
	esac
	case $d:$m in
	full:x) echo "Commit +\[.{20}\] [0-9]+% $Z of $Z, overcommit policy unknown" ;;
	compact:x) echo "Commit +\[.{10}\] [0-9]+% $Z of $Z, overcommit policy unknown" ;;
	full:*) echo "Commit +\[.{20}\] [0-9]+% $Z of $Z, $words" ;;
	compact:*) echo "Commit +\[.{10}\] [0-9]+% $Z/$Z $words" ;;
	fullbar:*) echo "Commit +\[.{20}\] [0-9]+% $Z/$Z $words" ;;
	min:*) echo "Commit [0-9]+% $words  Mem [0-9]+%" ;;
	esac
}
# swap_re DETAIL: the swap part of the Mem line
swap_re() {
	if [ "${SWAP_KB:-0}" = 0 ]; then
		echo "Swap no swap"
	elif [ "$1" = full ]; then
		echo "Swap [0-9]+% $Z used of $Z"
	else
		echo "Swap [0-9]+% $Z/$Z"
	fi
}
mem_re() {
	case $1 in
	full) echo "Mem +\\[.{20}\\] [0-9]+% $Z used of $Z, $Z available   $(swap_re full)" ;;
	compact) echo "Mem +\\[.{10}\\] [0-9]+% $Z/$Z   $(swap_re compact)" ;;
	esac
}
SPARK='(  +[a-h_.=*#-]+)?'
psi_full_re() {
	case $1 in
	memory | io) echo "PSI $1 +some $N $N $N now $R  full $N $N $N now $R" ;;
	cpu) echo "PSI cpu +some $N $N $N now $R  full ($N $N $N now $R|-)" ;;
	esac
}
PSI_COMPACT_RE="PSI memory $N $R io $N $R cpu $N $R"
PSI_MIN_RE="PSI memory $R io $R"

# psi_lines_ok DETAIL FIRST: the PSI lines from screen line FIRST, in the
# normalised screen (glyphs as letters), each whole
psi_lines_ok() {
	local s
	s=$(norm | sed 's/ *$//')
	case $1 in
	full)
		grep -qE "^$(psi_full_re memory)$SPARK\$" <<<"$(sed -n "$2p" <<<"$s")" &&
			grep -qE "^$(psi_full_re io)\$" <<<"$(sed -n "$(($2 + 1))p" <<<"$s")" &&
			grep -qE "^$(psi_full_re cpu)\$" <<<"$(sed -n "$(($2 + 2))p" <<<"$s")"
		;;
	compact) grep -qE "^$PSI_COMPACT_RE$SPARK\$" <<<"$(sed -n "$2p" <<<"$s")" ;;
	min) grep -qE "^$PSI_MIN_RE$SPARK\$" <<<"$(sed -n "$2p" <<<"$s")" ;;
	esac
}
# rates_now FIRST LAST: no "-" rate left on lines FIRST..LAST (two refreshes seen)
rates_now() { ! tm_screen | sed -n "$1,$2p" | grep -qE '(now|memory|io|cpu|[0-9]) -( |$)'; }

# rates_unknown: on the full PSI lines (4 to 6) no rate is known yet
rates_unknown() {
	local s
	s=$(tm_screen | sed -n 4,6p)
	! grep -qE 'now [0-9]' <<<"$s" && [ "$(grep -oE 'now -' <<<"$s" | wc -l)" -ge 5 ]
}

# commit_line_ok LINE DETAIL MODE ...: screen line LINE is the Commit line
commit_line_ok() {
	local n=$1
	shift
	norm | sed -n "${n}p" | sed 's/ *$//' | grep -qE "^($(commit_re "$@"))\$"
}
# commit_whole N MODE [RATIO KBYTES]: at full detail, the full words when
# they fit the width, else the compact words after the full bar; never cut
commit_whole() {
	local n=$1
	shift
	commit_line_ok "$n" full "$@" || commit_line_ok "$n" fullbar "$1"
}
mem_line_ok() { norm | sed -n 3p | sed 's/ *$//' | grep -qE "^($(mem_re "$1"))\$"; }

detail_of() {
	if [ "$1" -ge 100 ]; then echo full; elif [ "$1" -ge 80 ]; then echo compact; else echo min; fi
}

# --- each size, as it starts ----------------------------------------------------

run_size() {
	local size=$1 cols=${1%x*} S="$1:" d g hl
	d=$(detail_of "$cols")
	g=$(gauge_lines "$cols")
	hl=$((g + 2))
	if ! e2e_start "$size" -d 0.3; then
		not_ok "$S oomtop starts"
		tm_screen 2>&1 | diag
		return
	fi
	ok "$S oomtop starts (-d 0.3)"
	check_layout "$S the title, $g gauge lines ($d detail), the column header on line $hl"
	expect "$S Commit: a percentage and '$(commit_re "$d" "$MODE" "$RATIO" "$KBYTES" | grep -oE 'not enforced|strict' | head -1)' (overcommit_memory $MODE)" \
		commit_line_ok 2 "$d" "$MODE" "$RATIO" "$KBYTES"
	expect "$S Commit percentage is Committed_AS / CommitLimit (within 2 points)" \
		pct_near 2 '^Commit' commit_pct
	if [ "$d" = min ]; then
		expect "$S Mem percentage on the Commit line is 1 - MemAvailable / MemTotal" \
			pct_near 2 '  Mem ' mem_pct
		expect "$S no Mem bar and no Swap at 40 columns" \
			eval "! line 2 | grep -qE '\\[|Swap'"
		expect "$S one PSI line: memory and io rates" psi_lines_ok min 3
		expect "$S ... with rates now, after two refreshes" rates_now 3 3
		expect "$S the memory sparkline appears after a few refreshes (3+ glyphs)" \
			spark_at_least 3 3
	else
		local w=20
		[ "$d" = compact ] && w=10
		expect "$S Mem: bar, percentage, sizes, and $(swap_re "$d" | sed 's/\[.*//')" \
			mem_line_ok "$d"
		expect "$S Mem percentage is 1 - MemAvailable / MemTotal (within 2 points)" \
			pct_near 3 '^Mem' mem_pct
		expect "$S Mem total is MemTotal" mem_total_shown
		check_bar "$S the Commit bar: $w cells, as full as its percentage" 2 Commit "$w" h
		check_bar "$S the Mem bar: $w cells, as full as its percentage" 3 Mem "$w" h
		if [ -n "$MEMHOG" ]; then
			expect "$S the Mem bar shows U+2588 blocks (the hog holds a fifth of memory)" \
				bar_filled 3 Mem h
		fi
		if [ "$d" = full ]; then
			expect "$S PSI memory, io, cpu lines: some/full avg10 avg60 avg300 and now" \
				psi_lines_ok full 4
			expect "$S ... with rates now, after two refreshes" rates_now 4 6
			for r in memory io cpu; do
				expect "$S PSI $r some avg300 is /proc/pressure/$r's (within 1.00)" \
					avg300_near "$r"
			done
		else
			expect "$S one PSI line: memory, io, cpu avg10 and now" psi_lines_ok compact 4
			expect "$S ... with rates now, after two refreshes" rates_now 4 4
		fi
		expect "$S the memory sparkline appears after a few refreshes (3+ glyphs)" \
			spark_at_least 4 3
	fi
	expect "$S no line wider than $cols columns" fits "$cols"
	check_table "$S the table under the gauges: every cell a whole value"
	expect "$S the title still names the next victim" eval "title | grep -qE 'next( victim)?: [0-9]+'"

	# colours, with TERM=$E2E_TERM
	expect "$S the gauges are coloured, in green, magenta or red only" gauges_coloured $((hl - 1))
	expect "$S the title and the table are not coloured" title_table_plain "$hl"
	if [ "$d" = min ]; then
		expect "$S the Mem percentage has the colour of its level" mem_colour_right 2 '  Mem '
		expect "$S Commit is not coloured: the limit is not enforced (mode $MODE)" \
			eval "[ $MODE = 2 ] || fg_is 2 '^Commit ' -"
		expect "$S PSI memory has the colour of its stall rate" psi_colour_right 3
	else
		expect "$S the Mem bar has the colour of its level" mem_colour_right 3 '^Mem +\['
		expect "$S the Commit bar is not coloured: the limit is not enforced (mode $MODE)" \
			eval "[ $MODE = 2 ] || fg_is 2 '^Commit +\\[' -"
		expect "$S PSI memory has the colour of its stall rate" psi_colour_right 4
	fi
	e2e_key q
	check_restored "$S q"
}

for size in $SIZES; do
	run_size "$size"
done

# --- the stall rate and the sparkline, refresh by refresh --------------------------
# -d 1000: oomtop refreshes only on space, so each state is exact.
if psi_readable && e2e_start 100x30 -d 1000; then
	S="100x30 -d 1000:"
	expect "$S first screen: every rate now is '-' (one sample only)" rates_unknown
	expect "$S ... and no sparkline yet" spark_is 4 0
	for i in 1 2 3; do
		e2e_key Space
		expect "$S space ($i): the sparkline has $i glyph(s)" spark_is 4 "$i"
	done
	expect "$S ... and every rate is a number now" rates_now 4 6
	expect "$S ... PSI lines whole" psi_lines_ok full 4
	e2e_key q
	expect "$S q quits with status 0" screen_has '__EXIT_0__'
	sanitizer_clean "${S%:}"
else
	skip "rate and sparkline per refresh: /proc/pressure cannot be read here"
fi

# --- overcommit policies (OOMTOP_VM_DIR; the machine's own is only read) ---------

vm_dir strict 2 50 0
for size in $SIZES; do
	cols=${size%x*} d=$(detail_of "${size%x*}")
	S="$size: overcommit_memory 2 (ratio 50):"
	if E2E_ENV="OOMTOP_VM_DIR=$VM" e2e_start "$size" -d 0.3; then
		case $d in
		full) expect "$S 'strict (mode 2, ratio 50%): N left before allocations fail' or, where that does not fit, 'strict: N left', whole" \
			commit_whole 2 2 50 0 ;;
		compact) expect "$S 'strict: N left'" commit_line_ok 2 compact 2 ;;
		min) expect "$S 'strict'" commit_line_ok 2 min 2 ;;
		esac
		if [ "$d" != min ]; then
			expect "$S the room left is the limit minus the committed" commit_left_ok 2
			expect "$S the Commit bar is coloured now: the limit is enforced" \
				fg_in 2 '^Commit +\[' '31|32|35'
		else
			expect "$S the Commit percentage is coloured now: the limit is enforced" \
				fg_in 2 '^Commit ' '31|32|35'
		fi
		check_layout "$S the layout is the same"
		e2e_key q
		expect "$S q quits with status 0" screen_has '__EXIT_0__'
		sanitizer_clean "${S%:}"
	else
		not_ok "$S oomtop starts"
	fi
done

vm_dir kbytes 2 50 1048576
vm_dir always 1 50 0
vm_dir broken 2 50 0
rm "$VM/overcommit_ratio"
for run in "kbytes 200x50" "always 100x30" "always 200x50" "broken 100x30" "broken 40x10"; do
	read -r name size <<<"$run"
	d=$(detail_of "${size%x*}") VM=$E2E_TMP/vm-$name
	S="$size: OOMTOP_VM_DIR $name:"
	if E2E_ENV="OOMTOP_VM_DIR=$VM" e2e_start "$size" -d 0.3; then
		case $name:$d in
		kbytes:full) expect "$S 'strict (mode 2, overcommit_kbytes 1048576): N left before allocations fail' (or the short words), whole" \
			commit_whole 2 2 50 1048576 ;;
		always:full) expect "$S 'always (mode 1): the limit is not enforced, every allocation succeeds' (or the short words), whole" \
			commit_whole 2 1 ;;
		broken:full) expect "$S no overcommit_ratio: 'overcommit policy unknown'" \
			commit_line_ok 2 full x ;;
		broken:min) expect "$S no overcommit_ratio: 'Commit N% ?'" commit_line_ok 2 min x ;;
		esac
		e2e_key q
		expect "$S q quits with status 0" screen_has '__EXIT_0__'
		sanitizer_clean "${S%:}"
	else
		not_ok "$S oomtop starts"
	fi
done

# --- PSI unavailable --------------------------------------------------------------

# the narrow screen's form of a PSI message
short_of() {
	case $1 in
	"$MSG_NOPSI") echo "PSI unavailable: no CONFIG_PSI" ;;
	"$MSG_PSI0") echo "PSI off: booted with psi=0" ;;
	*) echo "$1" ;;
	esac
}

# psi_off SIZE DIR MESSAGE WHY: with OOMTOP_PSI_DIR=DIR the PSI line says MESSAGE
psi_off() {
	local size=$1 dir=$2 msg=$3 why=$4 cols=${1%x*} S g line_no
	S="$size: $why:"
	g=3
	line_no=4
	if [ "$cols" -lt 80 ]; then
		g=2 line_no=3
	fi
	if ! E2E_ENV="OOMTOP_PSI_DIR=$dir" e2e_start "$size" -d 0.3; then
		not_ok "$S oomtop starts"
		return
	fi
	if [ "$cols" -ge 80 ]; then
		expect "$S line $line_no says \"$msg\"" line_says "$line_no" "$msg"
	else
		expect "$S line $line_no gives the short reason, whole: \"$(short_of "$msg")\"" \
			line_says "$line_no" "$(short_of "$msg")"
	fi
	expect "$S the column header on line $((g + 2)): $g gauge lines" header_line_is $((g + 2))
	expect "$S no PSI numbers that look real (no 'PSI memory/io/cpu' line)" \
		eval "! tm_screen | grep -qE '^PSI (memory|io|cpu)'"
	expect "$S no sparkline" spark_is "$line_no" 0
	expect "$S Commit and Mem still shown" eval "line 2 | grep -q '^Commit ' && tm_screen | grep -qE '^Mem |  Mem '"
	check_table "$S the table: every cell a whole value"
	e2e_key q
	expect "$S q quits with status 0" screen_has '__EXIT_0__'
	sanitizer_clean "${S%:}"
}

for size in 100x30 80x24 40x10; do
	psi_off "$size" /nonexistent "$MSG_NOPSI" "OOMTOP_PSI_DIR=/nonexistent"
done

if [ -n "$EOPNOTSUPP_FILE" ]; then
	mkdir -p "$E2E_TMP/psi0"
	for r in memory io cpu; do ln -s "$EOPNOTSUPP_FILE" "$E2E_TMP/psi0/$r"; done
	for size in 200x50 100x30 80x24; do
		psi_off "$size" "$E2E_TMP/psi0" "$MSG_PSI0" "psi=0 (reads fail with EOPNOTSUPP)"
	done
else
	skip "psi=0: no /sys/class/net/*/phys_port_name fails to read with 'Operation not supported' here"
fi

# --- colours ------------------------------------------------------------------------

# colour_run SIZE ENV WHAT: started with ENV (words for E2E_ENV) and ARGS in
# COLOUR_ARGS; WANT "yes" or "no" colours
colour_run() {
	local size=$1 env=$2 want=$3 S g
	shift 3
	S="$size: $env${*:+ $*}:"
	[ -z "$env" ] && S="$size: $*:"
	g=$(gauge_lines "${size%x*}")
	if ! E2E_ENV=$env e2e_start "$size" -d 0.3 "$@"; then
		not_ok "$S oomtop starts"
		return
	fi
	check_layout "$S the gauges are all there"
	if [ "$want" = yes ]; then
		expect "$S the gauges are coloured, in green, magenta or red only" gauges_coloured $((g + 1))
		expect "$S the Mem bar has the colour of its level" mem_colour_right 3 '^Mem +\['
	else
		expect "$S no colour anywhere (no SGR 30-37, 38, 40-47, 48, 90-97, 100-107)" no_colour_at_all
	fi
	e2e_key q
	expect "$S q quits with status 0" screen_has '__EXIT_0__'
	sanitizer_clean "${S%:}"
}
colour_run 80x24 TERM=xterm-256color yes
if infocmp tmux-256color >/dev/null 2>&1; then
	colour_run 100x30 TERM=tmux-256color yes
else
	skip "TERM=tmux-256color: no such terminfo entry here"
fi
colour_run 100x30 "" no --no-color
colour_run 40x10 "" no --no-color
colour_run 100x30 NO_COLOR=1 no
colour_run 80x24 NO_COLOR=1 no
if infocmp vt100 >/dev/null 2>&1; then
	colour_run 100x30 TERM=vt100 no
else
	skip "TERM=vt100: no such terminfo entry here"
fi

# --- glyphs -------------------------------------------------------------------------

# UTF-8: bars of U+2588, a sparkline of U+2581..U+2588, no '|' in the bars
if [ "$(LC_ALL=C.UTF-8 locale charmap 2>/dev/null)" = UTF-8 ]; then
	for size in 100x30 40x10; do
		S="$size: LC_ALL=C.UTF-8:"
		if E2E_ENV="LANG=C.UTF-8 LC_ALL=C.UTF-8" e2e_start "$size" -d 0.3; then
			pl=4
			[ "${size%x*}" -lt 80 ] && pl=3
			expect "$S the sparkline is U+2581..U+2588 blocks (3+)" spark_at_least "$pl" 3
			if [ "${size%x*}" -ge 80 ]; then
				expect "$S no '|' in the bars" eval "! line 2 | grep -qF '|' && ! line 3 | grep -qF '|'"
				if [ -n "$MEMHOG" ]; then
					expect "$S the Mem bar is U+2588 blocks" bar_filled 3 Mem h
					check_bar "$S ... as many as its percentage says" 3 Mem 20 h
				fi
			fi
			e2e_key q
			expect "$S q quits with status 0" screen_has '__EXIT_0__'
			sanitizer_clean "${S%:}"
		else
			not_ok "$S oomtop starts"
		fi
	done
else
	skip "UTF-8 glyphs: no C.UTF-8 locale here"
fi

# C locale: ASCII only: bars of '|', a sparkline of "_.-=*#"
for size in 100x30 80x24 40x10; do
	S="$size: LC_ALL=C:"
	if E2E_ENV="LANG=C LC_ALL=C" e2e_start "$size" -d 0.3; then
		pl=4
		[ "${size%x*}" -lt 80 ] && pl=3
		expect "$S the sparkline is ASCII from \"_.-=*#\" (3+)" ascii_spark_at_least "$pl" 3
		expect "$S nothing but ASCII on the screen" no_high_bytes
		if [ "${size%x*}" -ge 80 ]; then
			w=20
			[ "${size%x*}" -lt 100 ] && w=10
			check_bar "$S the Commit bar is '|' and blanks, as full as its percentage" 2 Commit "$w" '|'
			check_bar "$S the Mem bar is '|' and blanks, as full as its percentage" 3 Mem "$w" '|'
			if [ -n "$MEMHOG" ]; then
				expect "$S the Mem bar shows '|'" bar_filled 3 Mem '|'
			fi
		fi
		check_table "$S the table: every cell a whole value"
		e2e_key q
		expect "$S q quits with status 0" screen_has '__EXIT_0__'
		sanitizer_clean "${S%:}"
	else
		not_ok "$S oomtop starts"
	fi
done

[ -n "$MEMHOG" ] && hog_stop "$MEMHOG"
