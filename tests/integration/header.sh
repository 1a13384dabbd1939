#!/usr/bin/env bash
# header.sh - the header of `oomtop -b` against the real kernel (issue 3):
# memory figures against /proc/meminfo, overcommit against /proc/sys/vm, PSI
# against /proc/pressure, the JSON keys and types, the text lines; injected
# directories (OOMTOP_VM_DIR, OOMTOP_PSI_DIR) with odd sysctl values, no PSI,
# psi=0 and truncated pressure files; the stall rate after the first refresh.
set -u
. "$TOP/tests/lib.sh"
. "$TOP/tests/integration/common.bash"

MEM_KEYS=(MemTotal MemAvailable SwapTotal SwapFree CommitLimit Committed_AS)
MEM_JSON=(mem_total_kb mem_available_kb swap_total_kb swap_free_kb commit_limit_kb committed_as_kb)
RES=(memory io cpu)

# snap_mem NAME: /proc/meminfo into the associative array NAME (builtins
# only, so that the snapshot is quick).
snap_mem() {
	local -n _sm=$1
	local k v rest
	_sm=()
	while read -r k v rest; do
		_sm[${k%:}]=$v
	done </proc/meminfo
}

# snap_psi NAME [DIR]: DIR/{memory,io,cpu} into NAME[res.some.avg10] etc.
snap_psi() {
	local -n _sp=$1
	local dir=${2:-/proc/pressure} r kind rest kv
	_sp=()
	for r in "${RES[@]}"; do
		while read -r kind rest; do
			for kv in $rest; do
				_sp[$r.$kind.${kv%%=*}]=${kv#*=}
			done
		done <"$dir/$r"
	done
}

# in_window VALUE BEFORE AFTER PCT: integer VALUE within PCT % of the range
# spanned by BEFORE and AFTER.
in_window() {
	local v=$1 b=$2 a=$3 p=$4 lo hi
	[[ $v =~ ^[0-9]+$ && $b =~ ^[0-9]+$ && $a =~ ^[0-9]+$ ]] || return 1
	lo=$((b < a ? b : a)) hi=$((b > a ? b : a))
	((v * 100 >= lo * (100 - p) && v * 100 <= hi * (100 + p)))
}

# fin_window VALUE BEFORE AFTER: decimal VALUE between BEFORE and AFTER
# (to the two decimals the kernel prints).
fin_window() {
	awk -v v="$1" -v b="$2" -v a="$3" 'BEGIN {
		lo = b < a ? b : a; hi = b > a ? b : a
		exit !(v ~ /^[0-9]+(\.[0-9]+)?$/ && v + 0 >= lo - 0.005 && v + 0 <= hi + 0.005) }'
}

# header_of FILE: the lines between the title and the table's column line.
header_of() { awk 'NR > 1 && /^ *RANK +PID/ { exit } NR > 1' "$1"; }

# put DIR NAME TEXT: write TEXT (printf %b) to DIR/NAME
put() { printf '%b' "$3" >"$1/$2"; }

# run_env OUT VAR=VALUE ... -- ARGS...: run_oomtop with that environment
run_env() {
	local out=$1 envs=() rc
	shift
	while [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	shift
	env "${envs[@]}" timeout -k 5 120 "$OOMTOP" "$@" >"$out" 2>"$out.err" </dev/null
	rc=$?
	cat "$out.err" >>"$T_STDERR"
	return $rc
}

# quiet_ok WHAT OUT RC: the run exited 0 and printed nothing on stderr
quiet_ok() {
	if [ "$3" -eq 0 ] && [ ! -s "$2.err" ]; then
		ok "$1: exits 0, nothing on stderr"
	else
		not_ok "$1: exits 0, nothing on stderr (status $3)"
		head -5 "$2.err" | diag
	fi
}

# --- the live sample: JSON values against /proc read around them -------------

# live_sample: oomtop -n 3 in JSON through a FIFO; /proc/meminfo and
# /proc/pressure are read after the first line arrives and after the second,
# while oomtop is still running (its own committed memory counts in both).
# Sets L2 (the second line), MB/MA and PB/PA (before/after), LIVE_RC.
declare -A MB MA PB PA
live_sample() {
	local fifo=$T_TMP/live.fifo pid l1 l3
	rm -f "$fifo"
	mkfifo "$fifo"
	timeout -k 5 120 "$OOMTOP" -b --format=json -n 3 -d 0.1 >"$fifo" 2>"$T_TMP/live.err" </dev/null &
	pid=$!
	exec 3<"$fifo"
	IFS= read -r l1 <&3
	snap_mem MB
	snap_psi PB
	IFS= read -r L2 <&3
	snap_mem MA
	snap_psi PA
	IFS= read -r l3 <&3
	exec 3<&-
	wait "$pid"
	LIVE_RC=$?
	cat "$T_TMP/live.err" >>"$T_STDERR"
	[ -n "$l1" ] && [ -n "$l3" ]
}

# mem_failures: the memory figures of L2 outside their window, one per line.
mem_failures() {
	local i got
	read -r -a got < <(jq -r '.memory | [.mem_total_kb, .mem_available_kb, .swap_total_kb,
		.swap_free_kb, .commit_limit_kb, .committed_as_kb] | map(tostring) | join(" ")' <<<"$L2")
	for i in "${!MEM_KEYS[@]}"; do
		local k=${MEM_KEYS[$i]} pct=1
		[ "$k" = MemTotal ] && pct=0
		in_window "${got[$i]:-x}" "${MB[$k]}" "${MA[$k]}" "$pct" ||
			echo "${MEM_JSON[$i]} ${got[$i]:-missing}, $k ${MB[$k]} before, ${MA[$k]} after"
	done
}

# Other processes on a shared machine move Committed_AS and MemAvailable:
# up to three tries for a sample inside the window.
bad='' tries=0
for tries in 1 2 3; do
	if ! live_sample; then
		bad="oomtop -n 3 did not print three lines (status $LIVE_RC)"
		continue
	fi
	bad=$(mem_failures)
	[ -z "$bad" ] && break
done
if [ -z "$L2" ] || ! jqe 'type == "object"' <<<"$L2"; then
	not_ok "-b --format=json -n 3 prints JSON objects ($bad)"
	head -5 "$T_TMP/live.err" | diag
	echo "# cannot go on without JSON"
	check_sanitizers
	exit 1
fi
ok "-b --format=json -n 3 prints JSON objects"
check "-n 3 run exits 0" [ "$LIVE_RC" -eq 0 ]
check "-n 3 run prints nothing on stderr" [ ! -s "$T_TMP/live.err" ]

if [ -z "$bad" ]; then
	ok "memory: MemTotal exact, MemAvailable, SwapTotal, SwapFree, CommitLimit, Committed_AS within 1% of /proc/meminfo (try $tries)"
else
	not_ok "memory: the six values within 1% of /proc/meminfo (3 tries)"
	diag <<<"$bad"
fi

JQ_MEM='def isint: type == "number" and . == floor;
	.memory | type == "object"
	and (keys == (["mem_total_kb", "mem_available_kb", "swap_total_kb", "swap_free_kb",
		"commit_limit_kb", "committed_as_kb"] | sort))
	and all(.[]; isint and . >= 0)
	and .mem_available_kb <= .mem_total_kb and .swap_free_kb <= .swap_total_kb'
check "memory has exactly the six keys, non-negative integers" jqe "$JQ_MEM" <<<"$L2"

# --- overcommit against /proc/sys/vm -----------------------------------------

vm_mode=$(cat /proc/sys/vm/overcommit_memory)
vm_ratio=$(cat /proc/sys/vm/overcommit_ratio)
vm_kbytes=$(cat /proc/sys/vm/overcommit_kbytes)
if jqe --argjson m "$vm_mode" --argjson r "$vm_ratio" --argjson k "$vm_kbytes" \
	'.overcommit == {"mode": $m, "ratio": $r, "kbytes": $k}' <<<"$L2"; then
	ok "overcommit equals /proc/sys/vm (mode $vm_mode, ratio $vm_ratio, kbytes $vm_kbytes)"
else
	not_ok "overcommit equals /proc/sys/vm (mode $vm_mode, ratio $vm_ratio, kbytes $vm_kbytes)"
	jq -c .overcommit <<<"$L2" | diag
fi

# --- PSI against /proc/pressure ----------------------------------------------

if [ ! -r /proc/pressure/memory ] || ! cat /proc/pressure/memory >/dev/null 2>&1; then
	have_psi=0
	check "no usable /proc/pressure here: psi is null" jqe '.psi == null' <<<"$L2"
else
	have_psi=1
	cpu_full=0
	grep -q '^full ' /proc/pressure/cpu && cpu_full=1
	JQ_PSI='def isint: type == "number" and . == floor;
		def avg: type == "number" and . >= 0 and . <= 100;
		def line: type == "object" and (keys == ["avg10", "avg300", "avg60", "total"])
			and (.avg10 | avg) and (.avg60 | avg) and (.avg300 | avg)
			and (.total | isint and . >= 0);
		.psi | type == "object" and (keys == ["cpu", "io", "memory"])
		and all(.[]; type == "object" and (keys == ["full", "some"]) and (.some | line))
		and (.memory.full | line) and (.io.full | line)
		and (if $cf == 1 then (.cpu.full | line) else .cpu.full == null end)'
	check "psi: memory, io, cpu with some/full {avg10, avg60, avg300 numbers 0..100, total integer}; cpu.full $([ $cpu_full = 1 ] && echo "an object (the kernel has it)" || echo "null (the kernel has none)")" \
		jqe --argjson cf "$cpu_full" "$JQ_PSI" <<<"$L2"

	bad=''
	for r in "${RES[@]}"; do
		for kind in some full; do
			if [ -z "${PB[$r.$kind.total]:-}" ]; then
				jqe --arg r "$r" --arg k "$kind" '.psi[$r][$k] == null' <<<"$L2" ||
					bad+="$r.$kind: the kernel has no such line, JSON has one"$'\n'
				continue
			fi
			read -r a10 a60 a300 tot < <(jq -r --arg r "$r" --arg k "$kind" \
				'.psi[$r][$k] | "\(.avg10) \(.avg60) \(.avg300) \(.total)"' <<<"$L2")
			# totals only grow: the sample lies between the two reads, exactly
			if ! [[ $tot =~ ^[0-9]+$ ]] || ((tot < ${PB[$r.$kind.total]} || tot > ${PA[$r.$kind.total]})); then
				bad+="$r.$kind.total $tot not in ${PB[$r.$kind.total]}..${PA[$r.$kind.total]}"$'\n'
			fi
			for f in avg10:"$a10" avg60:"$a60" avg300:"$a300"; do
				fin_window "${f#*:}" "${PB[$r.$kind.${f%%:*}]}" "${PA[$r.$kind.${f%%:*}]}" ||
					bad+="$r.$kind.${f%%:*} ${f#*:} not in ${PB[$r.$kind.${f%%:*}]}..${PA[$r.$kind.${f%%:*}]}"$'\n'
			done
		done
	done
	if [ -z "$bad" ]; then
		ok "psi totals between /proc/pressure read before and after, averages equal to one of them"
	else
		not_ok "psi totals between /proc/pressure read before and after, averages equal to one of them"
		diag <<<"$bad"
	fi
fi

# --- the text header ---------------------------------------------------------

X=$T_TMP/text.out
# shellcheck disable=SC2034 # TA is read in checkx expressions
declare -A TB TA TPB TPA
snap_mem TB
[ "$have_psi" = 1 ] && snap_psi TPB
run_oomtop "$X" -b
rc=$?
snap_mem TA
[ "$have_psi" = 1 ] && snap_psi TPA
quiet_ok "-b (text)" "$X" "$rc"
H=$T_TMP/text.header
header_of "$X" >"$H"

mode_words=(heuristic always strict)
commit_line=$(grep '^Commit: ' "$H")
mem_line=$(grep '^Memory: ' "$H")
case $vm_mode in
2) want_mode="strict \(mode 2, (ratio $vm_ratio%|overcommit_kbytes $vm_kbytes)\): .* left before allocations fail" ;;
1) want_mode="always \(mode 1\): the limit is not enforced, every allocation succeeds" ;;
*) want_mode="heuristic \(mode 0\): the limit is not enforced" ;;
esac
check "text: 'Commit: N% USED of LIMIT, ${mode_words[$vm_mode]} (mode $vm_mode)...' as /proc/sys/vm says" \
	grep -qE "^Commit: [0-9]+% [^ ]+ of [^ ]+, $want_mode\$" <<<"$commit_line"
check "text: 'Memory: N% USED used of TOTAL, AVAIL available; swap: ...'" \
	grep -qE '^Memory: [0-9]+% [^ ]+ used of [^ ]+, [^ ]+ available; swap: (no swap|[0-9]+% [^ ]+ used of [^ ]+)$' <<<"$mem_line"
if [ "${TB[SwapTotal]}" = 0 ]; then
	check "text: swap says 'no swap' (SwapTotal 0)" grep -q '; swap: no swap$' <<<"$mem_line"
else
	check "text: swap shows a percentage (SwapTotal ${TB[SwapTotal]} kB)" grep -qE '; swap: [0-9]+% ' <<<"$mem_line"
fi

# percentages against /proc/meminfo of the same moment (one point of rounding)
pct_ok() { # PCT USEDB TOTALB USEDA TOTALA
	awk -v p="$1" -v ub="$2" -v tb="$3" -v ua="$4" -v ta="$5" 'BEGIN {
		x = tb ? 100 * ub / tb : 0; y = ta ? 100 * ua / ta : 0
		lo = x < y ? x : y; hi = x > y ? x : y
		exit !(p ~ /^[0-9]+$/ && p >= lo - 1 && p <= hi + 1) }'
}
cpct=$(sed -E 's/^Commit: ([0-9]+)%.*/\1/' <<<"$commit_line")
mpct=$(sed -E 's/^Memory: ([0-9]+)%.*/\1/' <<<"$mem_line")
checkx "text: commit $cpct% is Committed_AS/CommitLimit of /proc/meminfo" \
	'pct_ok "$cpct" "${TB[Committed_AS]}" "${TB[CommitLimit]}" "${TA[Committed_AS]}" "${TA[CommitLimit]}"'
checkx "text: memory $mpct% is (MemTotal - MemAvailable)/MemTotal of /proc/meminfo" \
	'pct_ok "$mpct" "$((TB[MemTotal] - TB[MemAvailable]))" "${TB[MemTotal]}" "$((TA[MemTotal] - TA[MemAvailable]))" "${TA[MemTotal]}"'

# consistent with the JSON sample
jpct=$(jq -r '.memory | if .commit_limit_kb > 0 then 100 * .committed_as_kb / .commit_limit_kb else 0 end' <<<"$L2")
checkx "text commit $cpct% agrees with JSON committed_as_kb/commit_limit_kb ($jpct)" \
	'awk -v a="$cpct" -v b="$jpct" "BEGIN { exit !(a - b <= 1.5 && b - a <= 1.5) }"'
jpct=$(jq -r '.memory | 100 * (.mem_total_kb - .mem_available_kb) / .mem_total_kb' <<<"$L2")
checkx "text memory $mpct% agrees with JSON mem_total_kb/mem_available_kb ($jpct)" \
	'awk -v a="$mpct" -v b="$jpct" "BEGIN { exit !(a - b <= 1.5 && b - a <= 1.5) }"'
jmode=$(jq -r '.overcommit.mode' <<<"$L2")
checkx "text mode words agree with JSON overcommit.mode ($jmode)" \
	'grep -q "${mode_words[$jmode]} (mode $jmode)" <<<"$commit_line"'
checkx "text 'no swap' exactly when JSON swap_total_kb is 0" \
	'[ "$(jq -r ".memory.swap_total_kb == 0" <<<"$L2")" = "$(grep -q "swap: no swap" <<<"$mem_line" && echo true || echo false)" ]'

if [ "$have_psi" = 1 ]; then
	# shellcheck disable=SC2034 # read in the checkx expression
	n_psi=$(grep -c '^PSI ' "$H")
	checkx "text: three PSI lines (memory, io, cpu) and no 'PSI unavailable'" \
		'[ "$n_psi" -eq 3 ] && ! grep -q "PSI unavailable" "$H"'
	bad=''
	for r in "${RES[@]}"; do
		line=$(grep -E "^PSI $r +some " "$H")
		re="^PSI $r +some ([0-9.]+) ([0-9.]+) ([0-9.]+) now (-|[0-9.]+%)  full (-|([0-9.]+) ([0-9.]+) ([0-9.]+) now (-|[0-9.]+%))\$"
		if ! [[ $line =~ $re ]]; then
			bad+="no well-formed line for $r: '$line'"$'\n'
			continue
		fi
		[ "${BASH_REMATCH[4]}" = - ] || bad+="$r: a rate 'now' on the first refresh"$'\n'
		vals=("${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}")
		fvals=("${BASH_REMATCH[6]}" "${BASH_REMATCH[7]}" "${BASH_REMATCH[8]}")
		i=0
		for f in avg10 avg60 avg300; do
			fin_window "${vals[$i]}" "${TPB[$r.some.$f]}" "${TPA[$r.some.$f]}" ||
				bad+="$r some $f ${vals[$i]} not in ${TPB[$r.some.$f]}..${TPA[$r.some.$f]}"$'\n'
			if [ -n "${TPB[$r.full.$f]:-}" ]; then
				fin_window "${fvals[$i]}" "${TPB[$r.full.$f]}" "${TPA[$r.full.$f]}" ||
					bad+="$r full $f '${fvals[$i]}' not in ${TPB[$r.full.$f]}..${TPA[$r.full.$f]}"$'\n'
			fi
			i=$((i + 1))
		done
		if [ -z "${TPB[$r.full.total]:-}" ]; then
			[ "${BASH_REMATCH[5]}" = - ] || bad+="$r: 'full' values the kernel does not have"$'\n'
		fi
		jnull=$(jq -r --arg r "$r" '.psi[$r].full == null' <<<"$L2")
		[ "$jnull" = "$([ "${BASH_REMATCH[5]}" = - ] && echo true || echo false)" ] ||
			bad+="$r: text full '${BASH_REMATCH[5]}' but JSON full null is $jnull"$'\n'
	done
	if [ -z "$bad" ]; then
		ok "text: PSI lines 'some A10 A60 A300 now -  full ...' match /proc/pressure and the JSON's full/null"
	else
		not_ok "text: PSI lines 'some A10 A60 A300 now -  full ...' match /proc/pressure and the JSON's full/null"
		diag <<<"$bad"
		diag <"$H"
	fi
else
	skip "no usable /proc/pressure here for the text PSI lines"
fi

# --- the stall rate after the first refresh ----------------------------------

R=$T_TMP/rate.out
run_oomtop "$R" -b -n 3 -d 0.3
rc=$?
quiet_ok "-b -n 3 -d 0.3" "$R" "$rc"
if [ "$have_psi" = 1 ]; then
	# per iteration: count of PSI lines, of "now -" and of "now N.N%"
	counts=$(awk '/^oomtop - / { it++ } /^PSI (memory|io|cpu) / {
			l[it]++; d[it] += gsub(/now -/, "&"); n[it] += gsub(/now [0-9]+\.[0-9]%/, "&")
			f[it] += gsub(/full -$/, "&") }
		END { for (i = 1; i <= it; i++) print i, l[i] + 0, d[i] + 0, n[i] + 0, f[i] + 0 }' "$R")
	# shellcheck disable=SC2034 # read in the checkx expression
	read -r _ l1 d1 n1 f1 < <(sed -n 1p <<<"$counts")
	checkx "iteration 1: three PSI lines, every 'now' is '-' (no previous read)" \
		'[ "${l1:-0}" -eq 3 ] && [ "${n1:-1}" -eq 0 ] && [ "${d1:-0}" -eq $((6 - ${f1:-0})) ]'
	good=0
	while read -r it l d n f; do
		[ "$it" -ge 2 ] || continue
		# every some line, and every full line that is there, has a number
		[ "$l" -eq 3 ] && [ "$d" -eq 0 ] && [ "$n" -eq $((6 - f)) ] && good=$((good + 1))
	done <<<"$counts"
	if [ "$good" -eq 2 ]; then
		ok "iterations 2 and 3: every 'now' is a number (N.N%), not '-'"
	else
		not_ok "iterations 2 and 3: every 'now' is a number (N.N%), not '-'"
		grep -E '^(oomtop - |PSI )' "$R" | diag
	fi
	check "the rates are percentages 0..100 (with a little slack for timing)" \
		awk '/^PSI / { s = $0; while (match(s, /now [0-9]+\.[0-9]%/)) {
			v = substr(s, RSTART + 4, RLENGTH - 5) + 0; if (v > 105) bad = 1
			s = substr(s, RSTART + RLENGTH) } } END { exit bad }' "$R"
else
	skip "no usable /proc/pressure here for the stall rate"
	skip "no usable /proc/pressure here for the stall rate"
	skip "no usable /proc/pressure here for the stall rate"
fi

# --- OOMTOP_VM_DIR: odd sysctl values ----------------------------------------

VM=$T_TMP/vm
mkdir -p "$VM"
O=$T_TMP/vm.out

# vm_case NAME MODE RATIO KBYTES TEXT_ERE JQ: text header and JSON with those files
vm_case() {
	local name=$1 ere=$5 jqx=$6 rc
	put "$VM" overcommit_memory "$2"
	put "$VM" overcommit_ratio "$3"
	put "$VM" overcommit_kbytes "$4"
	run_env "$O" OOMTOP_VM_DIR="$VM" -- -b
	rc=$?
	quiet_ok "$name, text" "$O" "$rc"
	if grep -qE "$ere" "$O"; then
		ok "$name: text says /$ere/"
	else
		not_ok "$name: text says /$ere/"
		grep '^Commit' "$O" | diag
	fi
	run_env "$O.json" OOMTOP_VM_DIR="$VM" -- -b --format=json
	rc=$?
	if [ "$rc" -eq 0 ] && jqe "$jqx" "$O.json"; then
		ok "$name: JSON $jqx"
	else
		not_ok "$name: JSON $jqx (status $rc)"
		jq -c .overcommit "$O.json" 2>&1 | diag
	fi
}

vm_case "mode 2, ratio 80" '2\n' '80\n' '0\n' \
	'^Commit: [0-9]+% [^ ]+ of [^ ]+, strict \(mode 2, ratio 80%\): [^ ]+ left before allocations fail$' \
	'.overcommit == {"mode": 2, "ratio": 80, "kbytes": 0}'
vm_case "mode 2 with overcommit_kbytes" '2\n' '50\n' '1048576\n' \
	'^Commit: [0-9]+% [^ ]+ of [^ ]+, strict \(mode 2, overcommit_kbytes 1048576\): [^ ]+ left before allocations fail$' \
	'.overcommit == {"mode": 2, "ratio": 50, "kbytes": 1048576}'
vm_case "mode 1" '1\n' '50\n' '0\n' \
	'^Commit: [0-9]+% [^ ]+ of [^ ]+, always \(mode 1\): the limit is not enforced, every allocation succeeds$' \
	'.overcommit == {"mode": 1, "ratio": 50, "kbytes": 0}'
vm_case "mode 0" '0\n' '50\n' '0\n' \
	'^Commit: [0-9]+% [^ ]+ of [^ ]+, heuristic \(mode 0\): the limit is not enforced$' \
	'.overcommit == {"mode": 0, "ratio": 50, "kbytes": 0}'
UNKNOWN='^Commit: [0-9]+% [^ ]+ of [^ ]+, overcommit policy unknown$'
vm_case "malformed mode '2x'" '2x\n' '50\n' '0\n' "$UNKNOWN" '.overcommit == null and (.memory | type == "object")'
vm_case "mode 3" '3\n' '50\n' '0\n' "$UNKNOWN" '.overcommit == null'
vm_case "negative ratio" '2\n' '-5\n' '0\n' "$UNKNOWN" '.overcommit == null'
vm_case "empty files" '' '' '' "$UNKNOWN" '.overcommit == null'
vm_case "a huge kbytes" '2\n' '50\n' '999999999999999999999999\n' "$UNKNOWN" '.overcommit == null'

run_env "$O" OOMTOP_VM_DIR=/nonexistent/oomtop-vm -- -b --format=json
rc=$?
checkx "OOMTOP_VM_DIR missing: JSON overcommit null, exit 0" \
	'[ "$rc" -eq 0 ] && jqe ".overcommit == null" "$O"'
run_env "$O" OOMTOP_VM_DIR=/nonexistent/oomtop-vm -- -b
rc=$?
checkx "OOMTOP_VM_DIR missing: text says 'overcommit policy unknown', exit 0" \
	'[ "$rc" -eq 0 ] && grep -qE "$UNKNOWN" "$O"'

# --- OOMTOP_PSI_DIR: no PSI, psi=0, truncated, fixtures ----------------------

P=$T_TMP/psi.out

# psi_gone NAME DIR MESSAGE: text says MESSAGE and shows no PSI numbers; JSON psi null
psi_gone() {
	local name=$1 dir=$2 msg=$3 rc
	run_env "$P" OOMTOP_PSI_DIR="$dir" -- -b
	rc=$?
	quiet_ok "$name, text" "$P" "$rc"
	header_of "$P" >"$P.h"
	if grep -qxF "$msg" "$P.h" && ! grep -qE '^PSI (memory|io|cpu)' "$P.h"; then
		ok "$name: text says '$msg' and shows no PSI numbers"
	else
		not_ok "$name: text says '$msg' and shows no PSI numbers"
		diag <"$P.h"
	fi
	checkx "$name: the Commit and Memory lines are still there" \
		'grep -qE "^Commit: [0-9]+%" "$P.h" && grep -qE "^Memory: [0-9]+%" "$P.h"'
	run_env "$P.json" OOMTOP_PSI_DIR="$dir" -- -b --format=json
	rc=$?
	if [ "$rc" -eq 0 ] && jqe '.psi == null and (.memory | type == "object")' "$P.json"; then
		ok "$name: JSON \"psi\":null, memory still an object"
	else
		not_ok "$name: JSON \"psi\":null, memory still an object (status $rc)"
		jq -c '{psi}' "$P.json" 2>&1 | head -c 600 | diag
	fi
}

psi_gone "OOMTOP_PSI_DIR=/nonexistent" /nonexistent \
	"PSI unavailable: this kernel has no /proc/pressure (CONFIG_PSI off)"

# psi=0: every read fails with EOPNOTSUPP. A sysfs file that does the same
# stands in: phys_port_name of a network device whose driver lacks it.
eop=''
for f in /sys/class/net/*/phys_port_name; do
	[ -e "$f" ] || continue
	if ! msg=$(cat "$f" 2>&1) && [[ $msg == *"Operation not supported"* ]]; then
		eop=$f
		break
	fi
done
if [ -n "$eop" ]; then
	Z=$T_TMP/psi0
	mkdir -p "$Z"
	for r in "${RES[@]}"; do ln -s "$eop" "$Z/$r"; done
	psi_gone "psi=0 (reads fail with EOPNOTSUPP, via $eop)" "$Z" \
		"PSI unavailable: the kernel was booted with psi=0"
else
	for _ in 1 2 3 4; do
		skip "psi=0: no /sys/class/net/*/phys_port_name here whose read fails with 'Operation not supported'"
	done
fi

F=$T_TMP/psifix
mkdir -p "$F"
put "$F" io 'some avg10=1.17 avg60=0.93 avg300=0.61 total=87452331\nfull avg10=0.54 avg60=0.40 avg300=0.27 total=52009114\n'
put "$F" cpu 'some avg10=12.46 avg60=9.80 avg300=7.02 total=903371207\n'

# cut_case LABEL TEXT: a memory file cut short gives the words, no numbers
cut_case() {
	put "$F" memory "$2"
	psi_gone "memory file $1" "$F" \
		"PSI unavailable: /proc/pressure/memory is not in the expected format"
}
cut_case "cut mid-line in 'full', no final newline" \
	'some avg10=0.00 avg60=0.05 avg300=0.12 total=2748573\nfull avg10=0.00 avg60=0.0'
cut_case "cut after 'avg60=', then a newline" \
	'some avg10=0.00 avg60=0.05 avg300=0.12 total=2748573\nfull avg10=0.00 avg60=\n'
cut_case "cut inside 'total=' of the some line" \
	'some avg10=0.00 avg60=0.05 avg300=0.12 tot'
cut_case "empty" ''

# A some-only cpu file (kernels 4.20 to 5.12) and fixed values: exact lines.
put "$F" memory 'some avg10=0.00 avg60=0.05 avg300=0.12 total=2748573\nfull avg10=0.00 avg60=0.01 avg300=0.03 total=1063220\n'
run_env "$P" OOMTOP_PSI_DIR="$F" -- -b -n 2 -d 0.1
rc=$?
quiet_ok "PSI fixture (cpu without full), text -n 2" "$P" "$rc"
want=$'PSI memory some 0.00 0.05 0.12 now -  full 0.00 0.01 0.03 now -
PSI io     some 1.17 0.93 0.61 now -  full 0.54 0.40 0.27 now -
PSI cpu    some 12.46 9.80 7.02 now -  full -
PSI memory some 0.00 0.05 0.12 now 0.0%  full 0.00 0.01 0.03 now 0.0%
PSI io     some 1.17 0.93 0.61 now 0.0%  full 0.54 0.40 0.27 now 0.0%
PSI cpu    some 12.46 9.80 7.02 now 0.0%  full -'
psi_lines=$(grep '^PSI' "$P")
if [ "$psi_lines" = "$want" ]; then
	ok "PSI fixture: the text lines are the file's values; cpu 'full -'; 'now' '-' then 0.0% (totals unchanged)"
else
	not_ok "PSI fixture: the text lines are the file's values; cpu 'full -'; 'now' '-' then 0.0% (totals unchanged)"
	diag <<<"$psi_lines"
fi
run_env "$P.json" OOMTOP_PSI_DIR="$F" -- -b --format=json
rc=$?
checkx "PSI fixture: JSON has the file's values and cpu.full null" \
	'[ "$rc" -eq 0 ] && jqe ".psi == {\"memory\": {\"some\": {\"avg10\": 0, \"avg60\": 0.05, \"avg300\": 0.12, \"total\": 2748573},
		\"full\": {\"avg10\": 0, \"avg60\": 0.01, \"avg300\": 0.03, \"total\": 1063220}},
		\"io\": {\"some\": {\"avg10\": 1.17, \"avg60\": 0.93, \"avg300\": 0.61, \"total\": 87452331},
		\"full\": {\"avg10\": 0.54, \"avg60\": 0.4, \"avg300\": 0.27, \"total\": 52009114}},
		\"cpu\": {\"some\": {\"avg10\": 12.46, \"avg60\": 9.8, \"avg300\": 7.02, \"total\": 903371207},
		\"full\": null}}" "$P.json"'

# Memory fine, io truncated: only io is unavailable, in words and as null.
put "$F" io 'some avg10=1.17 avg60=0.93 avg300=0.61 total=874'
run_env "$P" OOMTOP_PSI_DIR="$F" -- -b
rc=$?
quiet_ok "io file truncated, text" "$P" "$rc"
checkx "io file truncated: text 'PSI io unavailable', memory and cpu lines still there" \
	'grep -qx "PSI io unavailable" "$P" && grep -q "^PSI memory some 0.00 0.05 0.12" "$P" &&
	 grep -q "^PSI cpu    some 12.46" "$P" && ! grep -q "PSI unavailable" "$P"'
run_env "$P.json" OOMTOP_PSI_DIR="$F" -- -b --format=json
rc=$?
checkx "io file truncated: JSON psi.io null, memory and cpu objects" \
	'[ "$rc" -eq 0 ] && jqe ".psi.io == null and (.psi.memory.some.total == 2748573) and (.psi.cpu.some.total == 903371207)" "$P.json"'

check_sanitizers
