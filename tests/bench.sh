#!/usr/bin/env bash
# tests/bench.sh - `make bench`: oomtop's CPU time per refresh against top's,
# and oomtop's peak RSS. A benchmark, not a test: PASS/MISS are printed, and
# the exit status is 0 either way; 2 only when something could not run.
#
# usage: tests/bench.sh OOMTOP_BINARY BUILD_DIR   (from the repository root)
# Needs BUILD_DIR/helpers/{idle,runstat,statusread} and procps-ng top.
# Environment (optional):
#   BENCH_PROCS=5000       idle processes for the CPU comparison
#   BENCH_RSS_PROCS=10000  idle processes for the peak RSS check
#   BENCH_ITER=11          refreshes in the long run (the short run has 1)
#   BENCH_REPEAT=5         rounds (each runs every command); medians are reported
#
# CPU per refresh = (user+sys of an N-refresh run - user+sys of a 1-refresh
# run) / (N - 1), from wait4()'s rusage (helper runstat), so start-up, the
# first pass (top reads /proc twice before its first frame) and exit cancel
# out. Both programs print every process; output goes to /dev/null.
set -u

procs=${BENCH_PROCS:-5000}
rss_procs=${BENCH_RSS_PROCS:-10000}
iter=${BENCH_ITER:-11}
repeat=${BENCH_REPEAT:-5}
target_ratio=0.8
target_rss_kb=10240 # 10 MiB

die() {
	echo "bench: $*" >&2
	exit 2
}

[ $# -eq 2 ] || die "usage: tests/bench.sh OOMTOP_BINARY BUILD_DIR"
for v in "$procs" "$rss_procs" "$iter" "$repeat"; do
	[[ $v =~ ^[0-9]+$ ]] || die "BENCH_* must be whole numbers (got '$v')"
done
[ "$iter" -ge 2 ] || die "BENCH_ITER must be at least 2"
[ "$repeat" -ge 1 ] || die "BENCH_REPEAT must be at least 1"
[ "$rss_procs" -ge "$procs" ] || rss_procs=$procs
oomtop=$(realpath "$1" 2>/dev/null) || oomtop=""
if [ -z "$oomtop" ] || [ ! -x "$oomtop" ]; then die "no oomtop binary at '$1' (run 'make')"; fi
build=$(realpath "$2" 2>/dev/null) || die "no build directory '$2'"
idle=$build/helpers/idle runstat=$build/helpers/runstat statusread=$build/helpers/statusread
for h in "$idle" "$runstat" "$statusread"; do
	[ -x "$h" ] || die "missing helper $h (run 'make bench', which builds it)"
done

have_top=1
top_why=""
if ! command -v top >/dev/null 2>&1; then
	have_top=0 top_why="top is not installed (Debian/Ubuntu: procps; Fedora: procps-ng)"
elif ! top -V 2>&1 | grep -q procps; then
	have_top=0 top_why="'top' is not procps-ng top ($(top -V 2>&1 | head -1))"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/oomtop-bench.XXXXXX") || die "cannot create a temporary directory"
mkdir -p "$tmp/xdg"
idle_pids=()

# Remove every idle process we started (the helper kills and reaps its
# children; they also die with it through PR_SET_PDEATHSIG).
stop_idle() {
	local p
	for p in "${idle_pids[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in "${idle_pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	idle_pids=()
}
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	stop_idle
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "bench: interrupted; removing the idle processes" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Tasks (processes and threads) on the system now: /proc/loadavg field 4.
tasks_now() { local a; read -r _ _ _ a _ </proc/loadavg; echo "${a#*/}"; }
procs_now() { local n=0 d; for d in /proc/[1-9]*; do n=$((n + 1)); done; echo "$n"; }

# Check the limits that bound how many processes can be started.
check_limits() {
	local want=$1 have need pidmax thrmax nproc cg pmax pcur avail
	have=$(tasks_now)
	need=$((have + want + 64))
	pidmax=$(cat /proc/sys/kernel/pid_max 2>/dev/null || echo 0)
	thrmax=$(cat /proc/sys/kernel/threads-max 2>/dev/null || echo 0)
	[ "$pidmax" -ge "$need" ] ||
		echo "bench: warning: kernel.pid_max is $pidmax, $need needed; raise it: sysctl -w kernel.pid_max=$((need * 2))"
	[ "$thrmax" -ge "$need" ] ||
		echo "bench: warning: kernel.threads-max is $thrmax, $need needed; raise it: sysctl -w kernel.threads-max=$((need * 2))"
	nproc=$(ulimit -u)
	if [ "$nproc" != unlimited ] && [ "$(id -u)" -ne 0 ]; then
		have=$(ps -u "$(id -u)" -L --no-headers 2>/dev/null | wc -l)
		[ "$nproc" -ge $((have + want + 16)) ] ||
			echo "bench: warning: ulimit -u is $nproc, $((have + want + 16)) needed; raise it: ulimit -u $((have + want + 1000))"
	fi
	# cgroup v2 ("0::/path") or the v1 pids controller
	cg=$(awk -F: '$1 == "0" || $2 ~ /(^|,)pids(,|$)/ {print ($2 == "" ? "" : "pids") $3; exit}' /proc/self/cgroup 2>/dev/null)
	if [ -n "$cg" ]; then
		for d in "/sys/fs/cgroup/$cg" "/sys/fs/cgroup/${cg#pids}"; do
			[ -r "$d/pids.max" ] || continue
			pmax=$(cat "$d/pids.max") pcur=$(cat "$d/pids.current" 2>/dev/null || echo 0)
			[ "$pmax" = max ] || [ "$pmax" -ge $((pcur + want + 16)) ] ||
				echo "bench: warning: the cgroup allows $pmax tasks ($d/pids.max), $((pcur + want + 16)) needed"
			break
		done
	fi
	# about 130 KiB of kernel and page-table memory per idle process
	avail=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
	[ -z "$avail" ] || [ "$avail" -ge $((want * 160 + 262144)) ] ||
		echo "bench: warning: only $((avail / 1024)) MiB available; $want idle processes need about $((want * 160 / 1024)) MiB"
}

# start_idle N: start N more idle processes; sets $idle_started to how many
# started. (Not in a $(...) subshell: the helper must be this shell's child.)
start_idle() {
	local want=$1 ready=$tmp/ready.${#idle_pids[@]} i
	"$idle" "$want" "$ready" </dev/null >/dev/null &
	idle_pids+=($!)
	for ((i = 0; i < 1200; i++)); do # 120 s
		[ -s "$ready" ] && break
		kill -0 "${idle_pids[-1]}" 2>/dev/null || break
		sleep 0.1
	done
	idle_started=0
	[ -s "$ready" ] && read -r idle_started <"$ready"
}

# cpu_us COMMAND...: user+sys microseconds of one run, output to /dev/null.
cpu_us() {
	local u s rc
	"$runstat" "$tmp/stat" "$@" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ] || ! read -r u s _ rc <"$tmp/stat"; then
		echo "bench: failed (status $rc): $*" >&2
		sed 's/^/bench:   /' "$tmp/err" | head -5 >&2
		return 1
	fi
	echo $((u + s))
}

# sample NAME COMMAND... (with @N@ where the iteration count goes): one
# CPU-microseconds-per-refresh sample, appended to $tmp/samples.NAME.
sample() {
	local name=$1 long short
	shift
	long=$(cpu_us "${@/@N@/$iter}") || return 1
	short=$(cpu_us "${@/@N@/1}") || return 1
	echo $(((long - short) / (iter - 1))) >>"$tmp/samples.$name"
}

# stats NAME: "MEDIAN MIN MAX" of the samples
stats() {
	sort -n "$tmp/samples.$1" | awk '{v[NR] = $1} END {
		printf "%d %d %d\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'
}

ms() { awk -v u="$1" 'BEGIN {printf "%.1f", u / 1000}'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v <= t ? "PASS" : "MISS")}'; }

# Other work competing for the CPUs makes CPU time noisy: how busy were the
# CPUs over one second (from /proc/stat) before we start?
cpu_busy() {
	local a b
	a=$(head -1 /proc/stat)
	sleep 1
	b=$(head -1 /proc/stat)
	awk -v a="$a" -v b="$b" 'BEGIN {
		n = split(a, x); split(b, y)
		for (i = 2; i <= n; i++) { d = y[i] - x[i]; t += d; if (i == 5 || i == 6) idle += d }
		printf "%.0f", (t > 0 ? 100 * (t - idle) / t : 0) }'
}

failed=0

echo "oomtop bench: $oomtop"
busy=$(cpu_busy)
topv="no top"
[ "$have_top" -eq 0 ] || topv=$(top -V 2>&1 | head -1)
echo "  system: $(nproc) CPUs ${busy}% busy, kernel $(uname -r), $topv"
[ "$busy" -lt 25 ] ||
	echo "  note: the system is busy; the CPU figures will be noisy (run again when it is idle)"
check_limits "$rss_procs"

# --- CPU per refresh with BENCH_PROCS idle processes ---------------------
start_idle "$procs"
started=$idle_started
present=$(procs_now)
seen=$("$oomtop" -b -n 1 2>/dev/null | sed -n '1s/.* - \([0-9]*\) processes.*/\1/p')
echo "  processes: $started idle started (wanted $procs), $present present, oomtop lists ${seen:-?}"
[ "$started" -eq "$procs" ] || {
	echo "bench: could not start all $procs idle processes; the figures below are at $present processes"
	failed=1
}
echo "  CPU per refresh (user+sys; ($iter-refresh run - 1-refresh run) / $((iter - 1)); median (min..max) of $repeat rounds):"

# Each round runs every command once, back to back, so that all of them see
# the same conditions; the ratio is the median of the rounds' ratios.
top_cmd=(env HOME="$tmp" XDG_CONFIG_HOME="$tmp/xdg" top -b -n @N@ -d 0.1 -o OOMs -w 512)
cmds="oomtop-text oomtop-json"
[ "$have_top" -eq 1 ] && cmds="$cmds top"
for name in $cmds; do : >"$tmp/samples.$name"; done
for ((r = 0; r < repeat; r++)); do
	for name in $cmds; do
		case $name in
		oomtop-text) sample "$name" "$oomtop" -b -n @N@ -d 0.1 --format=text ;;
		oomtop-json) sample "$name" "$oomtop" -b -n @N@ -d 0.1 --format=json ;;
		top) sample "$name" "${top_cmd[@]}" ;; # defaults only: no user's toprc
		esac || { failed=1; break 2; }
	done
done
oom_text="" top_cpu=""
show() { # LABEL NAME: print the figures, set $med
	local min max
	read -r med min max < <(stats "$2")
	printf '    %-28s %8s ms   (%s..%s)\n' "$1" "$(ms "$med")" "$(ms "$min")" "$(ms "$max")"
}
if [ "$failed" -eq 0 ]; then
	show "oomtop -b --format=text" oomtop-text && oom_text=$med
	show "oomtop -b --format=json" oomtop-json
	if [ "$have_top" -eq 1 ]; then
		show "top -b -o OOMs -w 512" top && top_cpu=$med
	else
		echo "    top: not measured: $top_why"
		failed=1
	fi
fi
if [ -n "$top_cpu" ] && [ "$top_cpu" -gt 0 ]; then
	ratios() { paste "$tmp/samples.$1" "$tmp/samples.top" |
		awk '$2 > 0 {print $1 / $2}' | sort -g | awk '{v[NR] = $1} END {
			printf "%.2f %.2f %.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'; }
	read -r ratio rmin rmax < <(ratios oomtop-text)
	read -r ratio_json _ _ < <(ratios oomtop-json)
	printf '    %-28s %8s      (%s..%s; json %s)  target <= %s  %s\n' "ratio oomtop/top (text)" "$ratio" \
		"$rmin" "$rmax" "$ratio_json" "$target_ratio" "$(verdict "$ratio" "$target_ratio")"
fi

# --- what reading /proc/PID/status (for VmPTE) costs ----------------------
# The raw cost of reading every process's status once. oomtop reads it only
# for new or changed processes and every tenth refresh otherwise, so a
# steady refresh pays about a tenth of this, the first refresh all of it.
if read -r list_us status_us nstatus < <("$statusread" 10); then
	st_us=$((status_us - list_us))
	printf '    %-28s %8s ms (%s us per process, %s processes); oomtop: %s ms per refresh\n' \
		"reading every status once" "$(ms "$st_us")" \
		"$(awk -v a="$st_us" -v n="$nstatus" 'BEGIN {printf "%.1f", (n > 0 ? a / n : 0)}')" "$nstatus" \
		"$(ms "${oom_text:-0}")"
else
	echo "bench: statusread failed" >&2
	failed=1
fi

# --- peak RSS with BENCH_RSS_PROCS idle processes -------------------------
if [ "$rss_procs" -gt "$started" ]; then
	start_idle $((rss_procs - started))
	started=$((started + idle_started))
fi
present=$(procs_now)
echo "  peak RSS (ru_maxrss = VmHWM), $started idle started (wanted $rss_procs), $present present:"
[ "$started" -eq "$rss_procs" ] || {
	echo "bench: could not start all $rss_procs idle processes"
	failed=1
}
peak=0
for fmt in text json; do
	if "$runstat" "$tmp/stat" "$oomtop" -b -n 3 -d 0.1 --format=$fmt >/dev/null 2>"$tmp/err" &&
		read -r _ _ kb _ <"$tmp/stat"; then
		printf '    %-28s %8s MiB\n' "oomtop -b -n 3 --format=$fmt" "$(awk -v k="$kb" 'BEGIN {printf "%.1f", k / 1024}')"
		[ "$kb" -le "$peak" ] || peak=$kb
	else
		echo "bench: oomtop --format=$fmt failed:" >&2
		head -5 "$tmp/err" >&2
		failed=1
	fi
done
[ "$peak" -eq 0 ] ||
	printf '    %-28s %8s MiB  target <= %s MiB  %s\n' "peak RSS" "$(awk -v k="$peak" 'BEGIN {printf "%.1f", k / 1024}')" \
		$((target_rss_kb / 1024)) "$(verdict "$peak" "$target_rss_kb")"

stop_idle
echo "  idle processes removed; $(procs_now) processes present"
[ "$failed" -eq 0 ] || exit 2
exit 0
