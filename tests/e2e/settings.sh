#!/usr/bin/env bash
# settings.sh - the settings file, terminals and locales, at 80x24 and a wider
# size:
# 1. W writes the settings ($XDG_CONFIG_HOME/oomtop/oomtoprc when
#    XDG_CONFIG_HOME is absolute, else $HOME/.config/oomtop/oomtoprc; 0600 in
#    0700 directories) and the next start shows them again; -d and -s win
#    over the file. t shows the CGROUP and MEMCG columns (MEMCG right before
#    COMMAND: "NN% LIMIT" in the units of the sizes, or "-"); W writes both.
# 2. A bad or unreadable file is not used: the status line says why, the
#    defaults apply, the file is left as it was; W then replaces it.
# 3. TERM xterm, xterm-256color, screen, tmux-256color, linux, vt100: oomtop
#    draws, takes keys and restores the terminal; colours are only green,
#    magenta and red (never yellow), none with vt100, NO_COLOR or --no-color.
# 4. Without UTF-8 the screen is ASCII (the ^/v sort marker); with it ▲/▼.
# 5. TERM unset or unknown, and no terminal at all: one error line, no screen.
# Every oomtop runs with HOME and XDG_CONFIG_HOME in this test's temp dir.
set -u
. "$TOP/tests/e2e/common.bash"

SIZES="80x24 200x50"
HINT="h help  q quit  +/- adj  = set  k signal  / filter  s sort  Tab focus"
COLS_DEFAULT="RANK,PID,USER,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,PTE,COMMAND"
COLS_CGROUP="RANK,PID,USER,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,PTE,CGROUP,MEMCG,COMMAND"

# The locale of the screens: C.UTF-8 when this machine has it (sort markers
# ▲ and ▼), else C (^ and v).
if [ "$(LC_ALL=C.UTF-8 locale charmap 2>/dev/null)" = UTF-8 ]; then
	UTF8_LOC=C.UTF-8 LOC=C.UTF-8 UP=▲ DOWN=▼
else
	UTF8_LOC='' LOC=C UP='^' DOWN=v
fi

# PSI files of a machine under pressure (OOMTOP_PSI_DIR): memory at a warning
# level (avg10 10 %), io at an alarm (50 %), cpu fine (1 %). With -d 1000
# oomtop samples them once, so the levels stay those of avg10.
PSI=$E2E_TMP/psi
mkdir -p "$PSI"
printf 'some avg10=10.00 avg60=9.00 avg300=8.00 total=1000\nfull avg10=1.00 avg60=1.00 avg300=1.00 total=100\n' \
	>"$PSI/memory"
printf 'some avg10=50.00 avg60=40.00 avg300=30.00 total=1000\nfull avg10=30.00 avg60=1.00 avg300=1.00 total=100\n' \
	>"$PSI/io"
printf 'some avg10=1.00 avg60=1.00 avg300=1.00 total=1000\n' >"$PSI/cpu"

# --- helpers ------------------------------------------------------------------

width() { pane_format '#{pane_width}'; }
wide() { [ "$(width)" -ge 100 ]; }

# status_is TEXT: the status line (the last) reads TEXT, cut to the width
status_is() {
	local w
	w=$(width) || return 1
	[ "$(tm_screen | tail -1 | sed 's/ *$//')" = "$(printf '%s' "${1:0:w}" | sed 's/ *$//')" ]
}
status_has() { tm_screen | tail -1 | grep -qE -- "$1"; }
status_lacks() {
	local s
	s=$(tm_screen | tail -1) || return 1
	[ -n "${s// /}" ] && ! grep -qE -- "$1" <<<"$s"
}
# hint_shown [STATE]: the status line is the key hint, then "  STATE" if given
hint_shown() {
	local s
	s=$(tm_screen | tail -1 | sed 's/ *$//') || return 1
	if [ $# -gt 0 ]; then [ "$s" = "$HINT  $1" ]; else [[ $s == "$HINT"* ]]; fi
}

# header_raw: the column header as on the screen, with its sort marker
header_raw() { tm_screen_raw | grep -m1 -E '^ *(▲|▼|\^|v)?RANK(▲|▼|\^|v)? +(▲|▼|\^|v)?PID'; }
header_has() { header_text | grep -qw -- "$1"; }
header_lacks() { header_text | grep -q 'RANK' && ! header_text | grep -qw -- "$1"; }
# sort_is COLUMN up|down: the header marks COLUMN (right-aligned: the marker
# before the name) with ▲/^ or ▼/v, and no other column
sort_is() {
	local h m n
	if [ "$2" = up ]; then m=$UP; else m=$DOWN; fi
	h=$(header_raw) || return 1
	n=$(printf '%s\n' "$h" | grep -oE '▲|▼|\^|v' | wc -l)
	[ "$n" -eq 1 ] && [[ $h == *"$m$1"* ]]
}

# commands: the COMMAND cells of the table rows
commands() {
	local h s
	h=$(pane_lines) || return 1
	s=$(tm_screen) || return 1
	printf '%s\n' "$s" | LC_ALL=C awk -v h="$(printf '%s\n' "$s" | table_stop "$h")" '
	hl && NR < h && /[^ ]/ { print substr($0, c) }
	!hl && /^ *RANK +PID/ { hl = NR; c = index($0, "COMMAND") }'
}
# every row shows the [name] (c)
commands_named() {
	local c
	c=$(commands) || return 1
	[ -n "$c" ] && ! printf '%s\n' "$c" | grep -qv '^\['
}
# some row shows a command line (not [name]): the default
commands_full() { commands | grep -qv '^\['; }

# sizes_are RE: every size cell of the table matches RE (there are rows)
sizes_are() {
	local h s
	h=$(pane_lines) || return 1
	s=$(tm_screen) || return 1
	printf '%s\n' "$s" | LC_ALL=C awk -v h="$(printf '%s\n' "$s" | table_stop "$h")" -v re="$1" '
	BEGIN { split("RSS ANON FILE SHMEM SWAP PTE", n, " "); for (i in n) size[n[i]] = 1 }
	hl && NR < h && /[^ ]/ {
		rows++
		for (i in col) if ($i !~ re) bad++
	}
	!hl && /^ *RANK +PID/ { hl = NR; for (i = 1; i <= NF; i++) if ($i in size) col[i] = 1 }
	END { exit !(rows > 0 && !bad) }'
}

# memcg_cells_are RE: the header reads "CGROUP ... MEMCG COMMAND" and every
# MEMCG cell of the table (11 wide, right-aligned under the name: the 11
# characters ending where MEMCG ends, a space on either side) matches RE
# (there are rows)
memcg_cells_are() {
	local h s
	h=$(pane_lines) || return 1
	s=$(tm_screen) || return 1
	header_text | grep -qE ' CGROUP +MEMCG COMMAND' || return 1
	printf '%s\n' "$s" | LC_ALL=C awk -v h="$(printf '%s\n' "$s" | table_stop "$h")" -v re="$1" '
	hl && NR < h && /[^ ]/ {
		rows++
		v = substr($0, e - 10, 11)
		if (substr($0, e - 11, 1) != " " || substr($0, e + 1, 1) != " ") { bad++; next }
		sub(/^ +/, "", v)
		if (v !~ re) bad++
	}
	!hl && /^ *RANK +PID/ { hl = NR; e = index($0, "MEMCG") + 4 }
	END { exit !(rows > 0 && !bad) }'
}

# screen_sgr: the colours the screen uses, as SGR parameters (30-37, 40-47,
# 90-97, 100-107; 38/48/58 with their arguments), one a line; the defaults
# (39, 49) are no colour
screen_sgr() {
	local s
	s=$(tm capture-pane -p -e -t t 2>/dev/null) || return 1
	[ -n "$s" ] || return 1
	printf '%s\n' "$s" | LC_ALL=C awk '{
		line = $0
		while (match(line, /\033\[[0-9;:]*m/)) {
			n = split(substr(line, RSTART + 2, RLENGTH - 3), a, /[;:]/)
			line = substr(line, RSTART + RLENGTH)
			for (i = 1; i <= n; i++) {
				v = a[i] + 0
				if (v == 38 || v == 48 || v == 58) {
					k = (a[i + 1] == 5) ? 2 : (a[i + 1] == 2) ? 4 : 0
					p = v; for (j = 1; j <= k; j++) p = p ":" a[i + j]
					print p; i += k
				} else if ((v >= 30 && v <= 37) || (v >= 40 && v <= 47) || (v >= 90 && v <= 97) || (v >= 100 && v <= 107))
					print v
			}
		}
	}' | sort -u
	return 0
}
no_colour() {
	local c
	c=$(screen_sgr) || return 1
	[ -z "$c" ] && return 0
	echo "colours on the screen: ${c//$'\n'/ }" >"$E2E_TMP/problems"
	return 1
}
# colours_only CODE...: the screen uses exactly these colours
colours_only() {
	local c want
	c=$(screen_sgr) || return 1
	want=$(printf '%s\n' "$@" | sort -u)
	[ "$c" = "$want" ] && return 0
	echo "colours on the screen: ${c//$'\n'/ }" >"$E2E_TMP/problems"
	return 1
}
# expect_why WHAT CMD...: expect, with the problems CMD wrote when it fails
expect_why() {
	local what=$1
	shift
	rm -f "$E2E_TMP/problems"
	if expect_wait "$@"; then
		E2E_FAILS=0
		ok "$what"
	else
		E2E_FAILS=$((E2E_FAILS + 1))
		not_ok "$what"
		{
			cat "$E2E_TMP/problems" 2>/dev/null
			screen_marked
		} | head -30 | diag
	fi
}
no_yellow() {
	local c
	c=$(screen_sgr) || return 1
	! printf '%s\n' "$c" | grep -qE '^(33|43|93|103|[34]8:5:(3|11))$'
}

# screen_bold: the screen with every character not in bold as a space
screen_bold() {
	tm capture-pane -p -e -t t 2>/dev/null | LC_ALL=C awk '
	function sgr(p,   n, a, i, v) {
		n = split(p, a, /[;:]/)
		if (n == 0) b = 0
		for (i = 1; i <= n; i++) {
			v = a[i] + 0
			if (v == 0) b = 0
			else if (v == 1) b = 1
			else if (v == 22) b = 0
			else if (v == 38 || v == 48 || v == 58) i += (a[i + 1] == 5) ? 2 : (a[i + 1] == 2) ? 4 : 0
		}
	}
	{
		line = $0; out = ""
		while (line != "") {
			if (match(line, /^\033\[[0-9;:]*m/)) {
				sgr(substr(line, 3, RLENGTH - 3)); line = substr(line, RLENGTH + 1)
			} else if (match(line, /^\033[^A-Za-z]*[A-Za-z]/)) {
				line = substr(line, RLENGTH + 1)
			} else {
				out = out (b ? substr(line, 1, 1) : " "); line = substr(line, 2)
			}
		}
		print out
	}'
}
# the PSI alarms (memory, io) are bold, the fine cpu part is not
psi_alarms_bold() {
	local b
	b=$(paste <(tm_screen) <(screen_bold) | LC_ALL=C awk -F '\t' '$1 ~ /^PSI / { print $2 }') ||
		return 1
	if wide; then
		grep -q 'memory some 10\.00' <<<"$b" && grep -q 'io     some 50\.00' <<<"$b" &&
			! grep -q 'cpu' <<<"$b"
	else
		grep -q 'memory 10\.00' <<<"$b" && grep -q 'io 50\.00' <<<"$b" && ! grep -q 'cpu' <<<"$b"
	fi
}

# high_bytes: the screen holds a byte >= 0x80
high_bytes() { tm_screen_raw | LC_ALL=C grep -q $'[\x80-\xff]'; }
file_high_bytes() { LC_ALL=C grep -q $'[\x80-\xff]' "$1"; }

# settings_text SORT REVERSE COLUMNS DELAY PANE COLOR UNITS KTHREADS CMDLINE:
# what W writes
settings_text() {
	printf '# oomtop settings, written by W; see oomtop(1)\n'
	printf 'sort=%s\nreverse=%s\ncolumns=%s\ndelay=%s\npane=%s\ncolor=%s\nunits=%s\nkthreads=%s\ncmdline=%s\n' "$@"
}
DEFAULTS_TEXT=$(settings_text RANK 0 "$COLS_DEFAULT" 2 1 1 auto 0 1)

# check_file WHAT PATH TEXT: PATH holds exactly TEXT and a newline
check_file() {
	if [ -f "$2" ] && cmp -s "$2" <(printf '%s\n' "$3"); then
		ok "$1"
	else
		not_ok "$1"
		{ diff <(printf '%s\n' "$3") "$2" 2>&1 || true; } | head -20 | diag
	fi
}
mode_is() { [ "$(stat -c %a "$1" 2>/dev/null)" = "$2" ]; }
# no_temp DIR: no temporary oomtoprc.XXXXXX was left in DIR
no_temp() { [ -z "$(find "$1" -maxdepth 1 -name 'oomtoprc.*' 2>/dev/null)" ]; }

# run_env DIR [MORE...]: E2E_ENV words with HOME in DIR and the test locale
run_env() {
	local d=$1
	shift
	echo "HOME=$d/home XDG_CONFIG_HOME=$d/xdg LC_ALL=$LOC $*"
}

# --- 1. the settings round trip -------------------------------------------------

for size in $SIZES; do
	D=$E2E_TMP/rt.$size
	mkdir -p "$D/home"
	F=$D/xdg/oomtop/oomtoprc
	S="$size round trip:"
	if ! E2E_ENV=$(run_env "$D") e2e_start "$size"; then
		not_ok "$S oomtop starts"
		continue
	fi
	ok "$S oomtop starts (HOME and XDG_CONFIG_HOME in a temp dir, no settings file)"
	expect "$S the defaults: RANK sorted, ${UP}RANK" sort_is RANK up
	expect "$S the defaults: no CGROUP column" header_lacks CGROUP
	expect "$S the defaults: COMMAND shows command lines" commands_full
	E2E_PANE=shown
	check_layout "$S the defaults: the kill pane shows"
	e2e_key s
	expect "$S s opens the sort picker" screen_has 'Sort by \(Up/Down, Enter sorts, Esc cancels\)'
	e2e_key Down Down Down Down Down Enter
	expect "$S s, Down x5, Enter: sorted by RSS" status_is "sorted by RSS, largest first"
	expect "$S ... the header marks ${DOWN}RSS" sort_is RSS down
	e2e_key R
	expect "$S R: RSS smallest first" status_is "sorted by RSS, smallest first"
	expect "$S ... the header marks ${UP}RSS" sort_is RSS up
	e2e_key t
	expect "$S t: the CGROUP and MEMCG columns show (MEMCG before COMMAND)" \
		eval 'status_is "CGROUP and MEMCG columns shown (service or cgroup; use of the memory limit that bites)" &&
			header_has CGROUP && header_text | grep -qE " MEMCG COMMAND"'
	expect "$S ... every MEMCG cell reads NN% LIMIT or -" memcg_cells_are '^(-|[0-9]+% [0-9]+(\.[0-9])?[KMGT])$'
	e2e_key c
	expect "$S c: COMMAND shows [names]" eval 'status_is "COMMAND shows the process name" && commands_named'
	e2e_key K
	expect "$S K: kernel threads shown" status_is "kernel threads shown (the OOM killer never picks them)"
	e2e_key L
	expect "$S L: the kill pane is hidden" status_is "kill pane hidden"
	E2E_PANE=hidden
	check_layout "$S L: the table reaches the status line"
	e2e_key E
	expect "$S E: sizes in KiB" status_is "sizes in KiB"
	e2e_key E
	expect "$S E again: sizes in MiB" status_is "sizes in MiB"
	expect "$S ... every size cell in MiB" sizes_are '^[0-9]+(\.[0-9])?M$'
	# (a limit too long for 6 characters in MiB, 977G and more, goes to GiB as sizes do)
	expect "$S ... every MEMCG limit in MiB too (or -)" memcg_cells_are '^(-|[0-9]+% ([0-9]+(\.[0-9])?M|[0-9]{3,}G))$'
	e2e_key W
	expect "$S W: settings written to $F" status_is "settings written to $F"
	WANT=$(settings_text RSS 1 "$COLS_CGROUP" 2 0 1 MiB 1 0)
	check_file "$S the file holds the settings" "$F" "$WANT"
	check "$S the file is 0600" mode_is "$F" 600
	check "$S its directory \$XDG_CONFIG_HOME/oomtop was made 0700" mode_is "$D/xdg/oomtop" 700
	check "$S ... and \$XDG_CONFIG_HOME itself 0700" mode_is "$D/xdg" 700
	check "$S no temporary file left beside it" no_temp "$D/xdg/oomtop"
	check "$S XDG_CONFIG_HOME wins: nothing under \$HOME/.config" test ! -e "$D/home/.config"
	cp "$F" "$D/written"
	e2e_key q
	check_restored "$S q"

	# the same environment again: the same settings
	if ! E2E_ENV=$(run_env "$D") e2e_start "$size"; then
		not_ok "$S oomtop starts again"
		continue
	fi
	ok "$S oomtop starts again"
	expect "$S again: no complaint about the file" status_lacks 'settings not'
	expect "$S again: RSS sorted, smallest first (${UP}RSS)" sort_is RSS up
	expect "$S again: the CGROUP and MEMCG columns show" \
		eval 'header_has CGROUP && header_text | grep -qE " MEMCG COMMAND"'
	expect "$S again: COMMAND shows [names]" commands_named
	expect "$S again: every size cell in MiB" sizes_are '^[0-9]+(\.[0-9])?M$'
	E2E_PANE=hidden
	check_layout "$S again: the kill pane is hidden"
	e2e_key Space
	if wide; then
		expect "$S again: the hint says units MiB, kthreads shown" hint_shown "[units MiB, kthreads shown]"
	else
		expect "$S again: the hint shows (no room for the units)" hint_shown
	fi
	e2e_key W
	expect "$S again: W writes the same file" status_is "settings written to $F"
	check "$S again: the file is as written before (every setting came back)" cmp -s "$F" "$D/written"
	e2e_key q
	check_restored "$S again: q"
	E2E_PANE=shown
done

# XDG_CONFIG_HOME wins over HOME when reading; the file's delay is used
D=$E2E_TMP/xdg
mkdir -p "$D/home/.config/oomtop" "$D/xdg/oomtop"
printf 'sort=PID\nreverse=1\n' >"$D/home/.config/oomtop/oomtoprc"
cp "$D/home/.config/oomtop/oomtoprc" "$D/home.copy"
printf '# from XDG_CONFIG_HOME\nsort=SWAP\nreverse=0\ndelay=1000\npane=off\n' >"$D/xdg/oomtop/oomtoprc"
S="80x24 XDG_CONFIG_HOME over HOME:"
if E2E_ENV=$(run_env "$D") e2e_start 80x24; then
	ok "$S oomtop starts"
	expect "$S sorted by SWAP as \$XDG_CONFIG_HOME/oomtop/oomtoprc says (${DOWN}SWAP)" sort_is SWAP down
	E2E_PANE=hidden
	check_layout "$S pane=off: the kill pane is hidden"
	E2E_PANE=shown
	e2e_key W
	expect "$S W writes to \$XDG_CONFIG_HOME" status_is "settings written to $D/xdg/oomtop/oomtoprc"
	check_file "$S the file's delay (1000) was used" "$D/xdg/oomtop/oomtoprc" \
		"$(settings_text SWAP 0 "$COLS_DEFAULT" 1000 0 1 auto 0 1)"
	check "$S \$HOME/.config/oomtop/oomtoprc untouched" cmp -s "$D/home/.config/oomtop/oomtoprc" "$D/home.copy"
	e2e_key q
	check_restored "$S q"
else
	not_ok "$S oomtop starts"
fi

# a relative XDG_CONFIG_HOME is ignored: $HOME/.config is used (oomtop runs in
# a directory that has the relative path, with a file that must not be read)
D=$E2E_TMP/rel
mkdir -p "$D/home/.config/oomtop" "$D/cwd/rel/oomtop"
printf 'sort=PID\nreverse=yes\nunits=GiB\n' >"$D/home/.config/oomtop/oomtoprc"
printf 'sort=SWAP\n' >"$D/cwd/rel/oomtop/oomtoprc"
cp "$D/cwd/rel/oomtop/oomtoprc" "$D/rel.copy"
S="200x50 relative XDG_CONFIG_HOME:"
if ! env -C / true 2>/dev/null; then
	skip "$S env has no -C (--chdir) to start oomtop in another directory"
elif E2E_ENV="-C $D/cwd HOME=$D/home XDG_CONFIG_HOME=rel LC_ALL=$LOC" e2e_start 200x50; then
	ok "$S oomtop starts (XDG_CONFIG_HOME=rel)"
	expect "$S \$HOME/.config/oomtop/oomtoprc is used: PID reversed (${DOWN}PID)" sort_is PID down
	expect "$S ... and GiB" sizes_are '^[0-9]+(\.[0-9])?G$'
	e2e_key W
	expect "$S W writes \$HOME/.config/oomtop/oomtoprc" \
		status_is "settings written to $D/home/.config/oomtop/oomtoprc"
	check_file "$S the file under HOME holds the settings" "$D/home/.config/oomtop/oomtoprc" \
		"$(settings_text PID 1 "$COLS_DEFAULT" 2 1 1 GiB 0 1)"
	check "$S rel/oomtop/oomtoprc (relative to the working directory) untouched" \
		cmp -s "$D/cwd/rel/oomtop/oomtoprc" "$D/rel.copy"
	check "$S ... and nothing new beside it" eval '[ "$(ls "$D/cwd/rel/oomtop")" = oomtoprc ]'
	e2e_key q
	check_restored "$S q"
else
	not_ok "$S oomtop starts"
fi

# -d and -s win over the file's delay and sort (and reverse)
clock() { title | grep -oE '^oomtop [0-9]{2}:[0-9]{2}:[0-9]{2}' | cut -d' ' -f2; }
clock_moved() {
	local c
	c=$(clock)
	[ -n "$c" ] && [ "$c" != "$1" ]
}
for size in $SIZES; do
	D=$E2E_TMP/opts.$size
	F=$D/xdg/oomtop/oomtoprc
	mkdir -p "$D/xdg/oomtop"
	printf 'sort=PID\nreverse=1\ndelay=1000\ncmdline=0\n' >"$F"
	S="$size -d 0.5 -s rss over the file:"
	if E2E_ENV=$(run_env "$D") e2e_start "$size" -d 0.5 -s rss; then
		ok "$S oomtop starts"
		expect "$S sorted by RSS, largest first (${DOWN}RSS; the file's reverse is off)" sort_is RSS down
		expect "$S the rest of the file applies: COMMAND shows [names]" commands_named
		c0=$(clock)
		expect "$S the clock moves on (from $c0): -d 0.5, not the file's 1000 s" clock_moved "$c0"
		e2e_key W
		expect "$S W" status_is "settings written to $F"
		check_file "$S W writes sort=RSS, reverse=0, delay=0.5" "$F" \
			"$(settings_text RSS 0 "$COLS_DEFAULT" 0.5 1 1 auto 0 0)"
		e2e_key q
		check_restored "$S q"
	else
		not_ok "$S oomtop starts"
	fi
done

# --- 2. bad and unreadable files ---------------------------------------------------

# bad_file NAME WHY [SAVE_ERROR]: the file is in place at $BAD/home/.config/oomtop/oomtoprc
# (XDG_CONFIG_HOME empty: HOME is used); at each size oomtop says "settings
# not used: WHY", uses the defaults and leaves the file alone; then (unless
# SAVE_ERROR) W replaces it with a good file; with SAVE_ERROR, W says
# "settings not saved: SAVE_ERROR" at each size. E2E_WRAP as set by the caller.
bad_file() {
	local name=$1 why=$2 save_err=${3:-} size f=$BAD/home/.config/oomtop/oomtoprc S ino
	local msg="settings not used: $why; defaults used (W overwrites the file)"
	local env="HOME=$BAD/home XDG_CONFIG_HOME= LC_ALL=$LOC"
	[ -d "$f" ] || cp -p "$f" "$BAD/copy"
	for size in $SIZES; do
		S="$size $name:"
		if ! E2E_ENV=$env e2e_start "$size"; then
			not_ok "$S oomtop starts"
			continue
		fi
		ok "$S oomtop starts"
		expect "$S the status line (cut at the width): $msg" status_is "$msg"
		expect "$S the defaults: sorted by RANK (${UP}RANK)" sort_is RANK up
		expect "$S the defaults: COMMAND shows command lines" commands_full
		E2E_PANE=shown
		check_layout "$S the defaults: the kill pane shows"
		if [ -n "$save_err" ]; then
			e2e_key W
			expect "$S W cannot replace it (cut at the width): settings not saved: $save_err" \
				status_is "settings not saved: $save_err"
		fi
		e2e_key q
		check_restored "$S q"
		if [ -d "$f" ]; then
			check "$S still the directory, as it was" eval '[ "$(ls -A "$f")" = keep ]'
			check "$S no temporary file left" no_temp "$(dirname "$f")"
		else
			check "$S the file is byte for byte as it was" cmp -s "$f" "$BAD/copy"
			check "$S its mode too" mode_is "$f" "$(stat -c %a "$BAD/copy")"
		fi
	done
	[ -n "$save_err" ] && return
	S="200x50 $name, W:"
	ino=$(stat -c %i "$f")
	if ! E2E_ENV=$env e2e_start 200x50; then
		not_ok "$S oomtop starts"
		return
	fi
	ok "$S oomtop starts"
	expect "$S settings not used" status_is "$msg"
	e2e_key W
	expect "$S W: settings written to $f" status_is "settings written to $f"
	check_file "$S the file now holds the defaults" "$f" "$DEFAULTS_TEXT"
	check "$S a new file (temp file + rename), 0600" eval '[ "$(stat -c %i "$f")" != "$ino" ] && mode_is "$f" 600'
	check "$S no temporary file left" no_temp "$(dirname "$f")"
	e2e_key q
	check_restored "$S q"
}

n=0
bad_setup() {
	n=$((n + 1))
	BAD=$E2E_TMP/bad.$n
	mkdir -p "$BAD/home/.config/oomtop"
	BADF=$BAD/home/.config/oomtop/oomtoprc
}

bad_setup
printf 'sort=RSS\npane=0\nfoo=1\ncmdline=0\n' >"$BADF"
bad_file "an unknown key (line 3)" "$BADF: line 3: an unknown setting for 'foo'"
# the file W wrote is used without a word
S="200x50 the file W wrote:"
if E2E_ENV="HOME=$BAD/home XDG_CONFIG_HOME= LC_ALL=$LOC" e2e_start 200x50; then
	ok "$S oomtop starts"
	expect "$S no complaint" status_lacks 'settings not'
	expect "$S sorted by RANK" sort_is RANK up
	e2e_key q
	check_restored "$S q"
else
	not_ok "$S oomtop starts"
fi

bad_setup
printf '# comment\n\n  sort = RSS \npane=0\ndelay=0.01\n' >"$BADF"
bad_file "a bad value (line 5: delay=0.01)" "$BADF: line 5: a bad value for 'delay'"

bad_setup
printf 'sort=RSS\npane=0\ncmdline 0\n' >"$BADF"
bad_file "a line without = (line 3)" "$BADF: line 3: not key=value"

bad_setup
printf 'sort=RSS\npane=0\n\177ELF\002\001\001\000\000\000garbage\377\376\nkthreads=1\n' >"$BADF"
bad_file "binary garbage with a NUL byte (line 3)" "$BADF: line 3: too long or not text"

bad_setup
{
	printf 'sort=RSS\npane=0\n# '
	head -c 600 /dev/zero | tr '\0' x
	printf '\n'
} >"$BADF"
bad_file "a line of 602 bytes (line 3)" "$BADF: line 3: too long or not text"

bad_setup
mkdir "$BADF"
touch "$BADF/keep"
bad_file "a directory where the file should be" "$BADF is not a regular file" \
	"cannot write $BADF: Is a directory"

# mode 000, read by uid 65534
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
bad_setup
printf 'sort=RSS\npane=0\n' >"$BADF"
chmod 755 "$BAD" "$BAD/home" "$BAD/home/.config" "$BAD/home/.config/oomtop"
chmod 000 "$BADF"
if ! need_root; then
	skip "a file of mode 000: not root, cannot run oomtop as uid 65534"
elif ! "${NOBODY[@]}" true 2>/dev/null; then
	skip "a file of mode 000: setpriv cannot switch to uid 65534"
elif ! chmod 1733 "$E2E_TMP" || ! "${NOBODY[@]}" test -x "$OOMTOP"; then
	skip "a file of mode 000: uid 65534 cannot run $OOMTOP"
	chmod 700 "$E2E_TMP"
elif ! "${NOBODY[@]}" test -e "$BADF" || "${NOBODY[@]}" test -r "$BADF"; then
	not_ok "a file of mode 000: uid 65534 reaches it and cannot read it"
	chmod 700 "$E2E_TMP"
else
	ok "a file of mode 000: uid 65534 reaches it and cannot read it"
	E2E_WRAP="${NOBODY[*]}" bad_file "a file of mode 000, oomtop as uid 65534" \
		"cannot read $BADF: Permission denied" "cannot write $BADF: Permission denied"
	chmod 700 "$E2E_TMP"
fi

# --- 3. terminals -----------------------------------------------------------------

# with OOMTOP_PSI_DIR=$PSI the header has its 3 PSI lines at 100 columns and
# more, whatever this machine's /proc/pressure says (for check_layout)
psi_readable() { [ -n "${FAKE_PSI:-}" ] || head -c 1 /proc/pressure/memory >/dev/null 2>&1; }
FAKE_PSI=1

for term in xterm xterm-256color screen tmux-256color linux vt100; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		skip "TERM=$term: infocmp does not know it on this machine"
		continue
	fi
	for size in 80x24 120x30; do
		S="$size TERM=$term:"
		D=$E2E_TMP/term.$term.$size
		mkdir -p "$D/home"
		if ! E2E_ENV=$(run_env "$D" "TERM=$term" "OOMTOP_PSI_DIR=$PSI") e2e_start "$size" -d 1000; then
			not_ok "$S oomtop starts"
			continue
		fi
		ok "$S oomtop starts"
		expect "$S it runs with TERM=$term" eval 'tr "\0" "\n" </proc/$OOMTOP_PID/environ | grep -qx "TERM=$term"'
		expect "$S the title line" screen_has '^oomtop [0-9]{2}:[0-9]{2}:[0-9]{2} '
		expect "$S the column header (RANK PID ...)" eval 'header_text | grep -qE "^ *RANK +PID "'
		check_layout "$S the layout"
		# before any new sample (Space): the PSI levels are those of avg10
		if [ "$term" = vt100 ]; then
			expect_why "$S no colours (vt100 has none)" no_colour
			expect "$S the PSI alarms in bold instead" psi_alarms_bold
		else
			expect_why "$S colours: green, magenta and red for the PSI levels" colours_only 31 32 35
			expect "$S no yellow (SGR 33) anywhere" no_yellow
		fi
		e2e_key Space
		expect "$S Space: the status line shows the key hint" hint_shown
		e2e_key '>'
		expect "$S >: sorted by PID" eval 'status_is "sorted by PID, smallest first" && sort_is PID up'
		e2e_key q
		check_restored "$S q"
	done
done

FAKE_PSI=''

# no colours: NO_COLOR, --no-color, color=0 in the file
for size in 80x24 120x30; do
	for how in NO_COLOR=1 --no-color color=0; do
		S="$size $how:"
		D=$E2E_TMP/nocolor.$how.$size
		mkdir -p "$D/xdg/oomtop"
		args=(-d 1000)
		words=$(run_env "$D" "OOMTOP_PSI_DIR=$PSI")
		case $how in
		NO_COLOR=1) words="$words NO_COLOR=1" ;;
		--no-color) args+=(--no-color) ;;
		color=0) printf 'color=0\n' >"$D/xdg/oomtop/oomtoprc" ;;
		esac
		if ! E2E_ENV=$words e2e_start "$size" "${args[@]}"; then
			not_ok "$S oomtop starts"
			continue
		fi
		ok "$S oomtop starts"
		expect "$S the column header" eval 'header_text | grep -qE "^ *RANK +PID "'
		expect_why "$S no colours anywhere" no_colour
		expect "$S the PSI alarms in bold" psi_alarms_bold
		e2e_key W
		expect "$S W" status_is "settings written to $D/xdg/oomtop/oomtoprc"
		if [ "$how" = color=0 ]; then
			expect "$S W keeps color=0" grep -qx 'color=0' "$D/xdg/oomtop/oomtoprc"
		else
			expect "$S W writes color=1 ($how is not a setting)" grep -qx 'color=1' "$D/xdg/oomtop/oomtoprc"
		fi
		e2e_key q
		check_restored "$S q"
	done
done

# --- 4. locales ---------------------------------------------------------------------

# locale_run SIZE LOCALE: -s RSS in LOCALE; the raw output (tmux pipe-pane)
# is read from a full redraw (a resize) on
locale_run() {
	local size=$1 loc=$2 w h S="$1 LC_ALL=$2:" D=$E2E_TMP/loc.$2.$1 raw up down spark
	if [ "$loc" = C ]; then
		up='^' down=v spark='[_.=*#-]+'
	else
		up=▲ down=▼ spark='(▁|▂|▃|▄|▅|▆|▇|█)+'
	fi
	raw=$D/raw
	mkdir -p "$D/home"
	: >"$raw"
	if ! E2E_ENV="HOME=$D/home XDG_CONFIG_HOME=$D/xdg LC_ALL=$loc OOMTOP_PSI_DIR=$PSI" e2e_start "$size" -d 0.5 -s RSS; then
		not_ok "$S oomtop starts"
		return
	fi
	ok "$S oomtop starts"
	w=${size%x*} h=${size#*x}
	tm pipe-pane -t t -o "cat >>'$raw'"
	tm resize-window -t t -x $((w + 1)) -y "$h"
	expect "$S the output after a resize redraws the column header" grep -qa COMMAND "$raw"
	tm resize-window -t t -x "$w" -y "$h"
	expect "$S back at $size" eval '[ "$(width)" = "$w" ] && header_text | grep -q RANK'
	expect "$S -s RSS: the header reads ${down}RSS" eval 'header_raw | grep -qF " ${down}RSS "'
	if [ "$((w >= 100))" = 1 ]; then
		expect "$S the PSI memory line ends in a sparkline of $spark" \
			eval 'tm_screen_raw | grep -qE "^PSI memory .*now [0-9.]+%  +$spark *$"'
	fi
	e2e_key R
	expect "$S R: ${up}RSS" eval 'status_is "sorted by RSS, smallest first" && header_raw | grep -qF " ${up}RSS "'
	e2e_key s
	expect "$S s: the sort picker" screen_has 'Sort by \(Up/Down, Enter sorts, Esc cancels\)'
	if [ "$loc" = C ]; then
		check "$S the screen holds no byte >= 0x80 (with the picker)" eval '! high_bytes'
	fi
	e2e_key Escape
	expect "$S Esc closes the picker" status_is "sort column unchanged"
	if [ "$loc" = C ]; then
		check "$S the screen holds no byte >= 0x80" eval '! high_bytes'
		check "$S oomtop wrote no byte >= 0x80 (raw output, $(wc -c <"$raw") bytes)" eval '! file_high_bytes "$raw"'
	else
		check "$S the screen holds UTF-8 (the marker)" high_bytes
		check "$S oomtop wrote UTF-8 (raw output)" file_high_bytes "$raw"
	fi
	tm pipe-pane -t t
	e2e_key q
	check_restored "$S q"
}
for size in $SIZES; do
	locale_run "$size" C
	if [ -n "$UTF8_LOC" ]; then
		locale_run "$size" "$UTF8_LOC"
	else
		skip "$size: no C.UTF-8 locale on this machine"
	fi
done

# --- 5. no terminal, TERM unset or unknown --------------------------------------

MSG_UNSET="oomtop: TERM is not set: set it (e.g. TERM=xterm-256color) or use -b"
MSG_UNKNOWN="oomtop: unknown terminal type 'nosuchterm' (TERM): set a known one, or use -b"
D=$E2E_TMP/noterm
mkdir -p "$D/home"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$E2E_TMP/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$E2E_TMP/ubsan"

# in a pane of tmux: the error is all the terminal shows, then the exit status
pane_fails() {
	local what=$1 msg=$2 S pf want
	shift 2
	S="tmux pane, $what:"
	E2E_SEQ=$((E2E_SEQ + 1))
	pf=$E2E_TMP/oomtop.$E2E_SEQ
	tm_stop
	OOMTOP_PID=''
	if ! tm_start 120x12 "$(printf '%q ' env E2E_ASAN_MORE= bash "$E2E_TMP/pane" "$pf" \
		env "$@" "HOME=$D/home" "XDG_CONFIG_HOME=$D/xdg" "$OOMTOP")" 9>&-; then
		not_ok "$S tmux starts"
		return
	fi
	expect "$S oomtop exits" screen_has '__EXIT_[0-9]+__'
	expect "$S exit status 2" screen_has '__EXIT_2__'
	want=$(printf '%s\n' "$msg" '__TTY_echo=on_icanon=on__' '__EXIT_2__')
	check "$S the terminal shows the one error line, nothing else" \
		eval '[ "$(tm_screen | grep -v "^ *$")" = "$want" ]'
	sanitizer_clean "${S%:}"
}
pane_fails "TERM unset" "$MSG_UNSET" -u TERM
pane_fails "TERM=nosuchterm" "$MSG_UNKNOWN" TERM=nosuchterm
tm_stop

# under script(1): stdin and stdout a pty, stderr a file
script_fails() {
	local what=$1 msg=$2 S rc
	shift 2
	S="script(1), $what:"
	script -qec "$(printf '%q ' env "$@" "HOME=$D/home" "XDG_CONFIG_HOME=$D/xdg" "$OOMTOP") 2>$(printf '%q' "$D/err")" \
		/dev/null </dev/null >"$D/out" 9>&-
	rc=$?
	check "$S exit status 2 (got $rc)" [ "$rc" = 2 ]
	check "$S one line on stderr: $msg" eval '[ "$(cat "$D/err")" = "$msg" ] && [ "$(wc -l <"$D/err")" = 1 ]'
	check "$S nothing on the terminal ($(wc -c <"$D/out") bytes)" test ! -s "$D/out"
	sanitizer_clean "${S%:}"
}
if command -v script >/dev/null 2>&1 && script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	script_fails "TERM unset" "$MSG_UNSET" -u TERM
	script_fails "TERM=nosuchterm" "$MSG_UNKNOWN" TERM=nosuchterm
else
	skip "script(1) is missing or cannot make a pty: TERM unset and unknown under script"
fi

# no terminal at all
env "HOME=$D/home" "XDG_CONFIG_HOME=$D/xdg" "$OOMTOP" </dev/null >"$D/out" 2>"$D/err" 9>&-
rc=$?
check "no terminal: exit status 1 (a usage error; got $rc)" [ "$rc" = 1 ]
check "no terminal: one line on stderr" \
	eval '[ "$(cat "$D/err")" = "oomtop: not a terminal; use -b for batch output (oomtop -b)" ]'
check "no terminal: nothing on stdout" test ! -s "$D/out"
sanitizer_clean "no terminal"

echo "1..$t_n"
