#!/usr/bin/env bash
# tests/integration/docs.sh - oomtop.1 and README.md describe the real program:
# its options (from --help), keys (src/keys.c), columns (src/column.c), JSON
# keys at every depth, the header's text lines and files, the PSI messages,
# the kill history of -b --kills (its JSON keys and text columns, from a
# small saved log) and the kernel log's messages, the environment variables
# it reads and its exit statuses; the man page has no warnings; the quick
# start is `make run` and `make check`, and CI runs `make check`.
set -u
. "$(dirname "$0")/../lib.sh"

man1=$TOP/oomtop.1
readme=$TOP/README.md
tmp=$(mktemp -d "${TMPDIR:-/tmp}/oomtop-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The roff source as plain text: no font escapes, \- as -, \e as \.
roff_plain() { sed -e 's/\\f[BIRP]//g' -e 's/\\%//g' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\e/\\/g'; }

# man_section NAME: the source between ".SH NAME" (quoted or not) and the next .SH
man_section() {
	awk -v s="$1" '/^\.SH /{ t = substr($0, 5); gsub(/"/, "", t); on = (t == s); next } on' "$man1"
}

# The words of the tags of a .TP list on stdin (the line after each .TP or .TQ).
tp_tags() {
	awk 'tp { print; tp = 0 } /^\.T[PQ]/ { tp = 1 }' | sed -e 's/^\.[A-Z]* *//' | roff_plain |
		sed -e 's/[",]/ /g' | tr -s ' \t' '\n\n' | sed '/^$/d'
}

# readme_section TITLE: README text between "## TITLE" and the next "## "
readme_section() { awk -v s="## $1" '/^## /{ on = ($0 == s); next } on' "$readme"; }

# The first cells of a Markdown table on stdin, split at ", ", without backquotes.
md_first_cells() {
	grep -E '^\| ' | sed -e 's/^| *//' -e 's/ *|.*$//' -e 's/`//g' | grep -vE '^(-+|key|column|option|dependency)$' |
		sed 's/, /\n/g'
}

# in_list WORD: is WORD one of the lines on stdin?
in_list() { grep -qxF -- "$1"; }

for f in "$man1" "$readme" "$TOP/doc/DESIGN.md"; do
	check "${f#"$TOP"/} exists" test -s "$f"
done

# --- the man page renders without a warning, and fits 80 columns
if command -v man >/dev/null 2>&1; then
	warn=$(man --warnings -E UTF-8 -l "$man1" 2>&1 >/dev/null)
	if [ -z "$warn" ]; then ok "man --warnings: no warning"; else
		not_ok "man --warnings: no warning"
		printf '%s\n' "$warn" | diag
	fi
	long=$(MANWIDTH=80 man -E ascii -l "$man1" 2>/dev/null | sed 's/.\x08//g' | awk 'length > 80')
	if [ -z "$long" ]; then ok "oomtop.1 fits 80 columns"; else
		not_ok "oomtop.1 fits 80 columns"
		printf '%s\n' "$long" | diag
	fi
else
	skip "man --warnings: man is not installed"
	skip "oomtop.1 fits 80 columns: man is not installed"
fi

for s in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS HEADER COLUMNS "KILL ORDER" "OOM KILLS" OUTPUT \
	"EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	check "oomtop.1 has the section $s" grep -qE "^\.SH \"?$s\"?\$" "$man1"
done

version=$("$OOMTOP" --version)
check "oomtop.1's .TH names '$version'" grep -qE "^\.TH OOMTOP 1 .*\"$version\"" "$man1"

# --- options: every one in --help is documented, and nothing else is
help=$("$OOMTOP" --help)
longs=$(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z-]*' | sort -u)
shorts=$(printf '%s\n' "$help" | grep -oE -- '^ +-[a-zA-Z],' | tr -d ' ,' | sort -u)
opt_tags=$(man_section OPTIONS | tp_tags | grep -E '^-' | sed 's/[=[].*//' | sort -u)
check "--help lists long options" test -n "$longs"
check "--help lists short options" test -n "$shorts"
for o in $longs $shorts; do
	if printf '%s\n' "$opt_tags" | in_list "$o"; then ok "oomtop.1 OPTIONS documents $o"; else
		not_ok "oomtop.1 OPTIONS documents $o"
	fi
done
for o in $longs; do
	check "README.md mentions $o" grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$readme"
done
for o in $opt_tags; do
	if printf '%s\n' $longs $shorts | in_list "$o"; then ok "oomtop.1's option $o exists in --help"; else
		not_ok "oomtop.1's option $o exists in --help"
	fi
done

# --- keys: every label of the key table is a tag in KEYS, and no other
labels=$(sed -nE 's/^[[:space:]]*\{ *[^,]+, *ACT_[A-Z_]+, *"([^"]+)".*/\1/p' "$TOP/src/keys.c")
check "src/keys.c has key labels" test -n "$labels"
key_tags=$(man_section KEYS | tp_tags)
readme_keys=$(readme_section Keys | md_first_cells)
while IFS= read -r k; do
	[ -n "$k" ] || continue
	if printf '%s\n' "$key_tags" | in_list "$k"; then ok "oomtop.1 KEYS documents '$k'"; else
		not_ok "oomtop.1 KEYS documents '$k'"
	fi
	if printf '%s\n' "$readme_keys" | in_list "$k"; then ok "README.md Keys documents '$k'"; else
		not_ok "README.md Keys documents '$k'"
	fi
done <<<"$labels"
while IFS= read -r k; do
	[ -n "$k" ] || continue
	if printf '%s\n' "$labels" | in_list "$k"; then ok "oomtop.1's key '$k' is in src/keys.c"; else
		not_ok "oomtop.1's key '$k' is in src/keys.c"
	fi
done <<<"$key_tags"

# --- columns: the names in src/column.c, as the program prints them
cols=$(sed -nE 's/^[[:space:]]*\[COL_[A-Z]+\] *= *\{ *"([A-Z]+)".*/\1/p' "$TOP/src/column.c")
# batch text prints the default columns: all but those t shows
batch_cols=$(printf '%s\n' "$cols" | grep -vxE 'CGROUP|MEMCG')
header=$("$OOMTOP" -b -p $$ | grep -m1 -E '^ *RANK ' | tr -s ' ' '\n' | sed '/^$/d')
check "src/column.c's column names (but CGROUP, MEMCG) are the batch header" \
	test -n "$batch_cols" -a "$batch_cols" = "$header"
col_tags=$(man_section COLUMNS | tp_tags)
readme_cols=$(readme_section Columns | md_first_cells)
for c in $cols; do
	if printf '%s\n' "$col_tags" | in_list "$c"; then ok "oomtop.1 COLUMNS documents $c"; else
		not_ok "oomtop.1 COLUMNS documents $c"
	fi
	if printf '%s\n' "$readme_cols" | in_list "$c"; then ok "README.md Columns documents $c"; else
		not_ok "README.md Columns documents $c"
	fi
done

# --- the header's sources, faked so that every key is there whatever the
# kernel has: strict overcommit, and PSI where cpu has no "full" line
mkdir -p "$tmp/vm" "$tmp/psi"
printf '2\n' >"$tmp/vm/overcommit_memory"
printf '50\n' >"$tmp/vm/overcommit_ratio"
printf '0\n' >"$tmp/vm/overcommit_kbytes"
for r in memory io; do
	printf 'some avg10=1.00 avg60=2.00 avg300=3.00 total=100\nfull avg10=0.50 avg60=0.25 avg300=0.12 total=50\n' >"$tmp/psi/$r"
done
printf 'some avg10=1.00 avg60=2.00 avg300=3.00 total=100\n' >"$tmp/psi/cpu"
fake() { OOMTOP_VM_DIR=$tmp/vm OOMTOP_PSI_DIR=$tmp/psi "$@"; }

# --- JSON keys: every key the program writes, at every depth, is documented
# in OUTPUT (with the real /proc and with the fake header sources)
if command -v jq >/dev/null 2>&1; then
	json=$("$OOMTOP" -b --format=json -p $$; fake "$OOMTOP" -b --format=json -p $$)
	jkeys=$(printf '%s\n' "$json" | jq -r '[paths | .[] | strings] | unique[]' 2>/dev/null | sort -u)
	check "JSON output has keys" test -n "$jkeys"
	for k in time memory overcommit psi processes mem_total_kb committed_as_kb mode \
		some full avg10 total rank; do
		check "JSON output has the key $k" in_list "$k" <<<"$jkeys"
	done
	out_plain=$(man_section OUTPUT | roff_plain)
	out_tags=$(man_section OUTPUT | tp_tags)
	for k in $jkeys; do
		if printf '%s\n' "$out_tags" | in_list "$k" ||
			printf '%s\n' "$out_plain" | grep -qE "^\.I $k\$"; then
			ok "oomtop.1 OUTPUT documents the JSON key $k"
		else
			not_ok "oomtop.1 OUTPUT documents the JSON key $k"
		fi
	done
	# what OUTPUT says about null
	j=$(fake "$OOMTOP" -b --format=json -p $$)
	check "JSON: cpu without a full line has full null, as documented" \
		test "$(jq -c '.psi.cpu.full' <<<"$j")" = null
	check "JSON: overcommit is the sysctls, as documented" \
		test "$(jq -c '.overcommit' <<<"$j")" = '{"mode":2,"ratio":50,"kbytes":0}'
	j=$(OOMTOP_VM_DIR=$tmp/none OOMTOP_PSI_DIR=$tmp/none "$OOMTOP" -b --format=json -p $$)
	check "JSON: psi and overcommit are null when unreadable, as documented" \
		test "$(jq -c '[.psi, .overcommit]' <<<"$j")" = '[null,null]'
else
	skip "JSON keys documented: jq is not installed"
fi

# --- the kill history: -b --kills over a small saved log in the record
# format of /dev/kmsg, with a report of Linux 4.x (a memory cgroup OOM, no
# summary, no uid), one of Linux 5.4 and later (summary, uid, reaped) and a
# line that user space wrote (facility 1), which must be ignored
kmsg=$tmp/kmsg
cat >"$kmsg" <<'KMSG'
4,1,1000000,-;java invoked oom-killer: gfp_mask=0x280da, order=0, oom_score_adj=0
6,2,1000100,-;Task in /docker/abc killed as a result of limit of /docker/abc
3,3,1000200,-;Memory cgroup out of memory: Kill process 100 (java) score 998 or sacrifice child
3,4,1000300,-;Killed process 100 (java) total-vm:2000kB, anon-rss:1000kB, file-rss:20kB, shmem-rss:8kB
12,5,1500000,-;Out of memory: Killed process 1 (spoof) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0
4,6,2000000,-;my app invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0
6,7,2000100,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice,task=my app,pid=200,uid=1000
3,8,2000200,-;Out of memory: Killed process 200 (my app) total-vm:4096kB, anon-rss:3000kB, file-rss:100kB, shmem-rss:4kB, UID:1000 pgtables:64kB oom_score_adj:500
6,9,2100000,-;oom_reaper: reaped process 200 (my app), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB
KMSG
out_plain=$(man_section OUTPUT | roff_plain)
out_tags=$(man_section OUTPUT | tp_tags)
readme_kills=$(readme_section "OOM kills")
documented_in_output() { printf '%s\n' "$out_tags" | in_list "$1" || printf '%s\n' "$out_plain" | grep -qE "^\.I $1\$"; }
if command -v jq >/dev/null 2>&1; then
	kjson=$("$OOMTOP" -b --kills --format=json --kmsg "$kmsg")
	check "-b --kills --format=json: one object per kill of the kernel, the spoof ignored, as documented" \
		test "$(jq -s -c 'map(.pid)' <<<"$kjson")" = '[100,200]'
	kkeys=$(jq -r 'keys_unsorted[]' <<<"$kjson" | sort -u)
	want="usec time pid comm uid kind constraint memcg total_vm_kb anon_rss_kb file_rss_kb
		shmem_rss_kb pgtables_kb oom_score_adj trigger_comm reaped"
	check "-b --kills JSON keys are those of the issue" \
		test "$kkeys" = "$(printf '%s\n' $want | sort -u)"
	for k in $kkeys; do
		if documented_in_output "$k"; then ok "oomtop.1 OUTPUT documents the --kills JSON key $k"; else
			not_ok "oomtop.1 OUTPUT documents the --kills JSON key $k"
		fi
		check "README.md \"OOM kills\" documents the --kills JSON key $k" grep -qF "\`$k\`" <<<"$readme_kills"
	done
	check "--kills JSON: what a 4.x kernel did not print is null, as documented" \
		test "$(jq -s -c '.[0] | [.uid, .constraint, .oom_score_adj, .kind, .memcg]' <<<"$kjson")" = \
		'[null,null,null,"memcg","/docker/abc"]'
	check "--kills JSON: a 5.4+ report gives uid, constraint, cgroup, trigger, reaped, as documented" \
		test "$(jq -s -c '.[1] | [.uid, .constraint, .memcg, .comm, .trigger_comm, .oom_score_adj, .reaped]' <<<"$kjson")" = \
		'[1000,"CONSTRAINT_NONE","/user.slice","my app","my app",500,true]'
else
	skip "--kills JSON keys documented: jq is not installed"
fi
ktext=$("$OOMTOP" -b --kills --kmsg "$kmsg")
check "-b --kills text: the title line, without the count since boot for --kmsg, as documented" \
	grep -qE '^oomtop - 2 OOM kills in the kernel log$' <<<"$ktext"
kcols=$(sed -n 2p <<<"$ktext" | tr -s ' ' '\n' | sed '/^$/d')
check "-b --kills text has column names" test -n "$kcols"
for c in $kcols; do
	check "oomtop.1 OUTPUT documents the --kills column $c" in_list "$c" <<<"$out_tags"
	check "README.md \"OOM kills\" shows the --kills column $c" grep -qE "(^| )$c( |\$)" <<<"$readme_kills"
done
check "-b --kills text: newest first, as documented" \
	test "$(sed -n '3,$p' <<<"$ktext" | awk '{print $3}' | tr '\n' ' ')" = "200 100 "

# --- the kernel log's messages in src/klog.c are explained in oomtop.1 and README.md
kmsgs=$(grep -oE '"kernel log [^"%]*' "$TOP/src/klog.c" | sed 's/^"//' | sort -u)
check "src/klog.c has kernel log messages" test -n "$kmsgs"
man_flat=$(roff_plain <"$man1" | tr -s ' \n' '  ')
readme_flat=$(tr -s ' \n' '  ' <"$readme")
while IFS= read -r m; do
	[ -n "$m" ] || continue
	check "oomtop.1 explains '$m'" grep -qF -- "$m" <<<"$man_flat"
	check "README.md explains '$m'" grep -qF -- "$m" <<<"$readme_flat"
done <<<"$kmsgs"

# --- the text header: the lines OUTPUT shows, in that order
text=$(fake "$OOMTOP" -b -p $$ | sed -n '2,/^ *RANK /p' | sed '$d' | sed -E 's/^(Commit:|Memory:|PSI [a-z]+).*/\1/')
check "text header: Commit, Memory, PSI memory, io, cpu" \
	test "$text" = "$(printf 'Commit:\nMemory:\nPSI memory\nPSI io\nPSI cpu')"
out_ex=$(man_section OUTPUT | roff_plain | sed -nE 's/^(Commit:|Memory:|PSI [a-z]+).*/\1/p')
check "oomtop.1 OUTPUT shows the same header lines" test "$out_ex" = "$text"
text=$(OOMTOP_PSI_DIR=$tmp/none "$OOMTOP" -b -p $$)
check "text header: 'PSI unavailable:' without PSI, as documented" grep -q '^PSI unavailable: ' <<<"$text"

# --- every reason for "PSI unavailable" in src/psi.c is explained in HEADER
whys=$(sed -nE 's/.*return "PSI unavailable: ([^"]+)";.*/\1/p' "$TOP/src/psi.c")
check "src/psi.c has PSI unavailable messages" test -n "$whys"
hdr_plain=$(man_section HEADER | roff_plain)
while IFS= read -r w; do
	[ -n "$w" ] || continue
	check "oomtop.1 HEADER explains 'PSI unavailable: $w'" grep -qF -- "$w" <<<"$hdr_plain"
done <<<"$whys"

# --- FILES names the header's files: those src/psi.c and src/overcommit.c read
file_tags=$(man_section FILES | tp_tags)
psi_files=$(sed -nE 's/.*psi_names\[PSI_COUNT\] *= *\{([^}]*)\}.*/\1/p' "$TOP/src/psi.c" | tr -d '" ' | tr ',' '\n')
vm_files=$(sed -nE 's/.*overcommit_file\(dir, "([a-z_]+)".*/\1/p' "$TOP/src/overcommit.c")
check "src/psi.c names the PSI files" test -n "$psi_files"
check "src/overcommit.c names the sysctl files" test -n "$vm_files"
hdr_files=(/proc/meminfo)
for f in $psi_files; do hdr_files+=("/proc/pressure/$f"); done
for f in $vm_files; do hdr_files+=("/proc/sys/vm/$f"); done
for f in "${hdr_files[@]}" /dev/kmsg /proc/vmstat; do
	check "oomtop.1 FILES documents $f" in_list "$f" <<<"$file_tags"
done

# --- ENVIRONMENT: every variable src/ reads with getenv is documented there
# and mentioned in README.md
env_vars=$(grep -ohE 'getenv\("[A-Za-z_][A-Za-z0-9_]*"\)' "$TOP"/src/*.c | sed -E 's/getenv\("(.*)"\)/\1/' | sort -u)
env_tags=$(man_section ENVIRONMENT | tp_tags)
check "src/ reads environment variables" test -n "$env_vars"
for v in $env_vars; do
	check "oomtop.1 ENVIRONMENT documents $v" in_list "$v" <<<"$env_tags"
	check "README.md mentions $v" grep -qE "(^|[^A-Za-z0-9_])$v([^A-Za-z0-9_]|\$)" "$readme"
done

# --- exit statuses: the codes of include/xalloc.h are documented and real
exit_tags=$(man_section "EXIT STATUS" | tp_tags)
for code in 0 $(sed -nE 's/^#define EXIT_(USAGE|RUNTIME) +([0-9]+).*/\2/p' "$TOP/include/xalloc.h"); do
	if printf '%s\n' "$exit_tags" | in_list "$code"; then ok "oomtop.1 EXIT STATUS documents $code"; else
		not_ok "oomtop.1 EXIT STATUS documents $code"
	fi
done
"$OOMTOP" --no-such-option >/dev/null 2>&1
check "a bad option exits 1, as documented" test $? -eq 1
"$OOMTOP" </dev/null >/dev/null 2>&1
check "no terminal without -b exits 1, as documented" test $? -eq 1

# --- the quick start is exactly `make run` and `make check`; CI runs make check
quick=$(readme_section "Quick start" | sed -nE 's/^    (.*[^ ])[ ]*$/\1/p')
check "README.md quick start is 'make run' and 'make check'" test "$quick" = "$(printf 'make run\nmake check')"
for t in run check deps bench install uninstall clean; do
	check "README.md mentions make $t" grep -qE "make $t([^a-z]|\$)" "$readme"
done
check ".ci/run is executable" test -x "$TOP/.ci/run"
check ".ci/run calls make check" grep -qE '^[^#]*\bmake check\b' "$TOP/.ci/run"

echo "1..$t_n"
