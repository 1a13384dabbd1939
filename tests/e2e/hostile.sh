#!/usr/bin/env bash
# hostile.sh - processes whose name and command line hold escape sequences,
# a newline, invalid UTF-8, a C1 control, a bidi override, wide characters,
# on the screen at 80x24 and 200x50: shown escaped (\x1b), never reaching the
# terminal (no red text, the pane title unchanged), the table intact.
set -u
. "$TOP/tests/e2e/common.bash"

# name (argv[0] and, cut to 15 bytes, comm) | oom_score_adj | how it must show
HOSTILE=(
	$'\e]2;pwned\a'        1000 '\x1b]2;pwned\x07'
	$'\e[31mevil'          990  '\x1b[31mevil'
	$'a\nb'                980  'a\x0ab'
	$'\xff\xfe'            970  '\xff\xfe'
	$'\xc2\x9b31m'         960  '\xc2\x9b31m'
	$'\xe2\x80\xaeabc'     950  '\xe2\x80\xaeabc'
	'漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字' 940 '漢字漢字'
)
N=${#HOSTILE[@]}
# Wide characters show as they are only in a UTF-8 locale (the pane's LANG)
if [ "$(env LANG="${LANG:-C.UTF-8}" locale charmap 2>/dev/null)" != UTF-8 ]; then
	HOSTILE[N - 1]='\xe6\xbc\xa2\xe5'
fi
declare -A PID_OF=()

# hostile_start I: start hog I of HOSTILE with argv[0] = its name
hostile_start() {
	local i=$1 ready mib=0
	E2E_SEQ=$((E2E_SEQ + 1))
	ready=$E2E_TMP/ready.$E2E_SEQ
	[ "$i" -eq 0 ] && mib=30 # the next victim: adj 1000 and the most memory
	# shellcheck disable=SC2016 # the inner bash expands them
	"${E2E_DEATHSIG[@]}" bash -c 'exec -a "$0" "$@"' "${HOSTILE[i]}" \
		"$BUILD/helpers/hog" "$mib" "${HOSTILE[i + 1]}" "${HOSTILE[i]}" "$ready" 9>&- &
	PID_OF[$i]=$!
	E2E_CHILDREN+=($!)
	wait_for test -e "$ready"
}

for ((i = 0; i < N; i += 3)); do
	if ! hostile_start "$i"; then
		not_ok "a hog named ${HOSTILE[i + 2]} starts"
		exit 1
	fi
done
ok "$((N / 3)) hogs with hostile names are ready"

# row_shows PID TEXT: PID's row holds TEXT (fixed string)
row_shows() { table_lines | awk -v p="$1" '$2 == p' | grep -qF -- "$2"; }
# no SGR sets a colour in the title and the table (the column header, the
# rows, the status line): oomtop colours only the gauges above them, so any
# colour there comes from a name
no_colour() {
	tm capture-pane -p -e -t t | LC_ALL=C awk '
	{ text = $0; gsub(/\033\[[0-9;:]*m/, "", text) }
	!hl && text ~ /^ *(▲|▼|\^|v)?RANK[▲▼^v]? +PID/ { hl = NR }
	NR == 1 || hl' >"$E2E_TMP/title_table" || return 1
	grep -q 'RANK' "$E2E_TMP/title_table" &&
		! grep -qE $'\e\\[([0-9;]*;)?3[0-7](;[0-9;]*)?m' "$E2E_TMP/title_table"
}
no_pwned_title() { ! pane_format '#{pane_title}' | grep -q pwned; }

title_has() { title | grep -qF -- "$1"; }

for size in 80x24 200x50; do
	if ! e2e_start "$size" -d 1000; then
		not_ok "$size: oomtop starts and draws the table"
		continue
	fi
	ok "$size: oomtop starts and draws the table"
	wide=$((${size%x*} >= 200))
	victim=${PID_OF[0]}
	if [ "$wide" = 1 ]; then
		expect "$size: the title shows the next victim's name escaped" \
			title_has "next victim: $victim [${HOSTILE[2]}]"
	else
		expect "$size: the title names the next victim" title_has "next victim: $victim "
	fi
	for ((i = 0; i < N; i += 3)); do
		want=${HOSTILE[i + 2]}
		[ "$wide" = 1 ] || want=${want:0:12} # COMMAND is 17 cells wide at 80
		expect "$size: pid ${PID_OF[$i]} shows its name as $want" row_shows "${PID_OF[$i]}" "$want"
	done
	check_table "$size: the table is intact (no row broken by a name)"
	expect "$size: no name coloured the title or the table (no SGR 30-37)" no_colour
	expect "$size: no name set the pane title" no_pwned_title
	tm send-keys -t t -N $((N / 3)) Down
	expect "$size: the selection crosses the hostile rows" sel_is $((N / 3 + 1)) - $((N / 3 + 1))
	check_table "$size: ... the table still intact"
	e2e_key q
	check_restored "$size: q"
done
