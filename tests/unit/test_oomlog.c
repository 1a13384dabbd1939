/*
 * test_oomlog.c - one event per OOM kill, merged from the kernel's report in
 * every kernel's wording. The fixtures are made from the format strings of
 * mm/oom_kill.c and mm/memcontrol.c in each era, framed as /dev/kmsg
 * records (kernels before 3.5 had no /dev/kmsg: those are framed the way a
 * capture converted for --kmsg would be).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmsg.h"
#include "oomlog.h"

/*
 * 2.6.32: "%s invoked oom-killer: gfp_mask=0x%x, order=%d, oom_adj=%d",
 * "%s: kill process %d (%s) score %li or a child" (message "Out of memory"),
 * "Killed process %d (%s) vsz:%lukB, anon-rss:%lukB, file-rss:%lukB".
 */
static const char k2632_global[] =
	"4,100,5123456789,-;java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0\n"
	"4,101,5123456790,-;java cpuset=/ mems_allowed=0\n"
	"4,102,5123456791,-;Pid: 2211, comm: java Not tainted 2.6.32-754.el6.x86_64 #1\n"
	"4,103,5123456792,-;Call Trace:\n"
	"4,104,5123456793,-; [<ffffffff810d0a21>] ? cpuset_print_task_mems_allowed+0x91/0xb0\n"
	"6,105,5123456800,-;Mem-Info:\n"
	"3,106,5123456900,-;Out of memory: kill process 2211 (java) score 1234567 or a child\n"
	"3,107,5123456901,-;Killed process 2211 (java) vsz:4457972kB, anon-rss:798412kB, "
	"file-rss:1024kB\n";

/* 2.6.32 memory cgroup: mem_cgroup_print_oom_info's "Task in %s killed" + " as a result of limit of %s". */
static const char k2632_memcg[] =
	"4,200,7000000001,-;httpd invoked oom-killer: gfp_mask=0xd0, order=0, oom_adj=0\n"
	"4,201,7000000002,-;httpd cpuset=/ mems_allowed=0\n"
	"6,202,7000000003,-;Task in /webapp killed as a result of limit of /webapp\n"
	"6,203,7000000004,-;memory: usage 524288kB, limit 524288kB, failcnt 4242\n"
	"6,204,7000000005,-;memory+swap: usage 524288kB, limit 9007199254740991kB, failcnt 0\n"
	"3,205,7000000006,-;Memory cgroup out of memory: kill process 3310 (httpd) score 88 or a child\n"
	"3,206,7000000007,-;Killed process 3310 (httpd) vsz:312000kB, anon-rss:250000kB, "
	"file-rss:3000kB\n";

/* 3.10: "%s: Kill process %d (%s) score %d or sacrifice child", total-vm without shmem-rss. */
static const char k310_global[] =
	"4,300,900000001,-;mysqld invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n"
	"6,301,900000002,-;mysqld cpuset=/ mems_allowed=0\n"
	"4,302,900000003,-;CPU: 1 PID: 3161 Comm: mysqld Not tainted 3.10.0 #1\n"
	"6,303,900000004,-;[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name\n"
	"6,304,900000005,-;[ 3161]    27  3161   123361    96832     210        0             0 mysqld\n"
	"3,305,900000006,-;Out of memory: Kill process 3161 (mysqld) score 626 or sacrifice child\n"
	"3,306,900000007,-;Killed process 3161 (mysqld) total-vm:493444kB, anon-rss:387328kB, "
	"file-rss:4kB\n";

/* RHEL/CentOS 7 (3.10.0-957 and later, a distro kernel): "Killed process %d (%s), UID %u, total-vm:...". */
static const char rhel7[] =
	"4,400,1000000001,-;tidb-server invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n"
	"3,401,1000000002,-;Out of memory: Kill process 21945 (tidb-server) score 956 or sacrifice child\n"
	"3,402,1000000003,-;Killed process 21945 (tidb-server), UID 1000, total-vm:33027492kB, "
	"anon-rss:31303276kB, file-rss:0kB, shmem-rss:0kB\n";

/* 4.9 to 4.19 system-wide: nodemask in the invoked line, shmem-rss, the oom_reaper. */
static const char k4_global[] =
	"4,500,2000000001,-;chrome invoked oom-killer: gfp_mask=0x24201ca(GFP_HIGHUSER_MOVABLE|__GFP_COLD), "
	"nodemask=(null), order=0, oom_score_adj=300\n"
	"6,501,2000000002,-;chrome cpuset=/ mems_allowed=0\n"
	"3,502,2000000003,-;Out of memory: Kill process 5120 (chrome) score 612 or sacrifice child\n"
	"3,503,2000000004,-;Killed process 5120 (chrome) total-vm:2512340kB, anon-rss:912340kB, "
	"file-rss:10240kB, shmem-rss:20480kB\n"
	"6,504,2000000100,-;oom_reaper: reaped process 5120 (chrome), now anon-rss:0kB, file-rss:0kB, "
	"shmem-rss:20480kB\n";

/* 4.6 to 4.19 memory cgroup: the kind only from "Memory cgroup out of memory: Kill process". */
static const char k4_memcg[] =
	"4,600,3000000001,-;stress invoked oom-killer: gfp_mask=0x14000c0(GFP_KERNEL), nodemask=(null), "
	"order=0, oom_score_adj=0\n"
	"6,601,3000000002,-;stress cpuset=/ mems_allowed=0\n"
	"6,602,3000000003,-;Task in /docker/8a1f killed as a result of limit of /docker/8a1f\n"
	"6,603,3000000004,-;memory: usage 65536kB, limit 65536kB, failcnt 2001\n"
	"6,604,3000000005,-;memory+swap: usage 65536kB, limit 131072kB, failcnt 0\n"
	"6,605,3000000006,-;Memory cgroup stats for /docker/8a1f: cache:0KB rss:65280KB rss_huge:0KB\n"
	"3,606,3000000007,-;Memory cgroup out of memory: Kill process 8123 (stress) score 1001 or "
	"sacrifice child\n"
	"3,607,3000000008,-;Killed process 8123 (stress) total-vm:73972kB, anon-rss:65280kB, "
	"file-rss:256kB, shmem-rss:0kB\n"
	"6,608,3000000200,-;oom_reaper: reaped process 8123 (stress), now anon-rss:0kB, file-rss:0kB, "
	"shmem-rss:0kB\n";

/* 5.0: the one-line summary "oom-kill:...,task=%s,pid=%d,uid=%d", still the selection line, no UID. */
static const char k50_global[] =
	"4,700,30104000000,-;node invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), order=0, "
	"oom_score_adj=0\n"
	"6,701,30104280046,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
	"global_oom,task_memcg=/system.slice/cron.service,task=node,pid=4294,uid=1001\n"
	"3,702,30104280053,-;Out of memory: Kill process 4294 (node) score 4 or sacrifice child\n"
	"3,703,30104336047,-;Killed process 4294 (node) total-vm:937620kB, anon-rss:72856kB, "
	"file-rss:16kB, shmem-rss:0kB\n"
	"6,704,30104405135,-;oom_reaper: reaped process 4294 (node), now anon-rss:0kB, file-rss:0kB, "
	"shmem-rss:0kB\n";

static const char k50_memcg[] =
	"4,800,40000000001,-;java invoked oom-killer: gfp_mask=0x6000c0(GFP_KERNEL), order=0, "
	"oom_score_adj=-998\n"
	"6,801,40000000002,-;memory: usage 524288kB, limit 524288kB, failcnt 1200\n"
	"6,802,40000000003,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=8f2d,"
	"mems_allowed=0,oom_memcg=/kubepods/burstable/pod3a7f,task_memcg=/kubepods/burstable/pod3a7f/8f2d,"
	"task=java,pid=18847,uid=1000\n"
	"3,803,40000000004,-;Memory cgroup out of memory: Kill process 18847 (java) score 1954 or "
	"sacrifice child\n"
	"3,804,40000000005,-;Killed process 18847 (java) total-vm:4102912kB, anon-rss:520000kB, "
	"file-rss:14000kB, shmem-rss:0kB\n"
	"6,805,40000000300,-;oom_reaper: reaped process 18847 (java), now anon-rss:0kB, file-rss:0kB, "
	"shmem-rss:0kB\n";

/* 5.1 to 5.3: "%s: Killed process %d (%s) total-vm:...shmem-rss:%lukB", no UID yet. */
static const char k51_global[] =
	"4,900,1166000000,-;cc1plus invoked oom-killer: gfp_mask=0x6280ca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), "
	"order=0, oom_score_adj=0\n"
	"6,901,1166930902,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
	"global_oom,task_memcg=/user.slice,task=cc1plus,pid=493,uid=1000\n"
	"3,902,1166930952,-;Out of memory: Killed process 493 (cc1plus) total-vm:480436kB, "
	"anon-rss:376708kB, file-rss:148kB, shmem-rss:0kB\n"
	"6,903,1167168126,-;oom_reaper: reaped process 493 (cc1plus), now anon-rss:0kB, file-rss:0kB, "
	"shmem-rss:0kB\n";

/*
 * ", UID:%u" at the end: the form of the -mm patch that added the UID, before
 * pgtables and oom_score_adj joined it for 5.4; a line whose last fields are missing.
 */
static const char kuid_memcg[] =
	"4,1000,5000000001,-;python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
	"oom_score_adj=0\n"
	"6,1001,5000000002,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
	"oom_memcg=/user.slice/user-1000.slice/user@1000.service/app.slice/job.scope,"
	"task_memcg=/user.slice/user-1000.slice/user@1000.service/app.slice/job.scope,"
	"task=python3,pid=1485,uid=1000\n"
	"3,1002,5000000003,-;Memory cgroup out of memory: Killed process 1485 (python3) "
	"total-vm:1692064kB, anon-rss:1680752kB, file-rss:5000kB, shmem-rss:0kB, UID:1000\n"
	"6,1003,5000000400,-;oom_reaper: reaped process 1485 (python3), now anon-rss:0kB, file-rss:0kB, "
	"shmem-rss:0kB\n";

/* 5.4 to 6.x system-wide: "UID:%u pgtables:%lukB oom_score_adj:%hd"; the trigger is not the victim. */
static const char k6_global[] =
	"4,1100,6000000001,-;kworker/u8:2 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
	"oom_score_adj=0\n"
	"4,1101,6000000002,-;CPU: 3 UID: 0 PID: 211 Comm: kworker/u8:2 Not tainted 6.8.0 #1\n"
	"4,1102,6000000003,-;Call Trace:\n"
	"4,1103,6000000004,-; <TASK>\n"
	"4,1104,6000000005,-; dump_stack_lvl+0x5d/0x80\n"
	"4,1105,6000000006,-; </TASK>\n"
	"6,1106,6000000007,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
	"global_oom,task_memcg=/user.slice/user-1000.slice/session-3.scope,task=firefox,pid=2741,uid=1000\n"
	"3,1107,6000000008,-;Out of memory: Killed process 2741 (firefox) total-vm:12582912kB, "
	"anon-rss:4194304kB, file-rss:1024kB, shmem-rss:2048kB, UID:1000 pgtables:16384kB "
	"oom_score_adj:200\n"
	"6,1108,6000000500,-;oom_reaper: reaped process 2741 (firefox), now anon-rss:0kB, file-rss:0kB, "
	"shmem-rss:2048kB\n";

/* Linux 6.18, a real memory cgroup kill on this VM (records between them left out). */
static const char k618_memcg[] =
	"4,348,4901977431,-;hog invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, "
	"oom_score_adj=0\n"
	"6,360,4901977600,-;Tasks state (memory values in pages):\n"
	"6,361,4901977610,-;[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem "
	"pgtables_bytes swapents oom_score_adj name\n"
	"6,362,4901977620,-;[  13476]     0 13476    51820    16590    16320      270         0   "
	"180224        0             0 hog\n"
	"6,433,4901977971,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
	"oom_memcg=/oomtop-probe,task_memcg=/oomtop-probe,task=hog,pid=13476,uid=0\n"
	"3,434,4901978045,-;Memory cgroup out of memory: Killed process 13476 (hog) total-vm:207280kB, "
	"anon-rss:65280kB, file-rss:1080kB, shmem-rss:0kB, UID:0 pgtables:176kB oom_score_adj:0\n";

/* 5.x and 6.x with vm.oom_kill_allocating_task=1: another message before "Killed process". */
static const char k6_allocating[] =
	"4,1200,7100000001,-;memhog invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|"
	"__GFP_ZERO), order=0, oom_score_adj=0\n"
	"6,1201,7100000002,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
	"global_oom,task_memcg=/user.slice,task=memhog,pid=3030,uid=1000\n"
	"3,1202,7100000003,-;Out of memory (oom_kill_allocating_task): Killed process 3030 (memhog) "
	"total-vm:2100000kB, anon-rss:2000000kB, file-rss:900kB, shmem-rss:0kB, UID:1000 "
	"pgtables:4000kB oom_score_adj:0\n";

struct want {
	unsigned long long usec;
	int pid;
	const char *comm;
	long long uid;
	bool memcg;
	const char *constraint, *cgroup;
	unsigned long total_vm, anon, file, shmem, pgtables;
	bool has_adj;
	int adj;
	const char *trigger;
	bool reaped;
};

static void expect_event(const struct oom_event *e, const struct want *w)
{
	assert_true(e->usec == w->usec);
	assert_int_equal(e->pid, w->pid);
	assert_string_equal(e->comm, w->comm);
	assert_true(e->uid == w->uid);
	assert_int_equal(e->memcg, w->memcg);
	assert_string_equal(e->constraint, w->constraint);
	assert_string_equal(e->cgroup, w->cgroup);
	assert_true(e->total_vm_kb == w->total_vm);
	assert_true(e->anon_kb == w->anon);
	assert_true(e->file_kb == w->file);
	assert_true(e->shmem_kb == w->shmem);
	assert_true(e->pgtables_kb == w->pgtables);
	assert_int_equal(e->has_adj, w->has_adj);
	if (w->has_adj)
		assert_int_equal(e->adj, w->adj);
	assert_string_equal(e->trigger, w->trigger);
	assert_int_equal(e->reaped, w->reaped);
}

/* Feed a capture record by record, from an exact-size heap copy; the kills completed. */
static int feed(struct killlog *k, const char *capture, bool live)
{
	size_t len = strlen(capture), off = 0, n;
	char *copy = malloc(len ? len : 1);
	int kills = 0;

	assert_non_null(copy);
	memcpy(copy, capture, len);
	while ((n = kmsg_next(copy + off, len - off)) > 0) {
		struct kmsg_record r;

		assert_int_equal(kmsg_parse(copy + off, n, &r), 0);
		kills += killlog_feed(k, &r, live);
		off += n;
	}
	free(copy);
	return kills;
}

/* One report, one event (checked after the log is freed, so a failure leaks nothing). */
static void expect_one(const char *capture, const struct want *w)
{
	struct killlog k;
	struct oom_event e;
	int kills;
	size_t n;
	unsigned long spoofs;

	killlog_init(&k);
	kills = feed(&k, capture, false);
	n = k.n;
	spoofs = k.spoofs;
	memset(&e, 0, sizeof(e));
	if (n)
		e = k.v[0];
	killlog_fini(&k);
	assert_int_equal(kills, 1);
	assert_int_equal(n, 1);
	expect_event(&e, w);
	assert_false(e.live);
	assert_int_equal(spoofs, 0);
}

static int lparse(const char *s, struct oomline *l)
{
	size_t len = strlen(s);
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, s, len);
	rc = oomline_parse(copy, len, l);
	free(copy);
	return rc;
}

/* --- every era: one event with the right fields ---------------------------- */

static void test_era_2_6_32_global(void **state)
{
	const struct want w = { 5123456901ULL, 2211, "java", -1, false, "", "", 4457972, 798412, 1024, 0, 0,
				false, 0, "java", false };

	(void)state;
	expect_one(k2632_global, &w);
}

static void test_era_2_6_32_memcg(void **state)
{
	const struct want w = { 7000000007ULL, 3310, "httpd", -1, true, "", "/webapp", 312000, 250000, 3000, 0,
				0, false, 0, "httpd", false };

	(void)state;
	expect_one(k2632_memcg, &w);
}

static void test_era_3_10_global(void **state)
{
	const struct want w = { 900000007ULL, 3161, "mysqld", -1, false, "", "", 493444, 387328, 4, 0, 0,
				false, 0, "mysqld", false };

	(void)state;
	expect_one(k310_global, &w);
}

static void test_era_rhel7(void **state)
{
	const struct want w = { 1000000003ULL, 21945, "tidb-server", 1000, false, "", "", 33027492, 31303276, 0,
				0, 0, false, 0, "tidb-server", false };

	(void)state;
	expect_one(rhel7, &w);
}

static void test_era_4_x_global(void **state)
{
	const struct want w = { 2000000004ULL, 5120, "chrome", -1, false, "", "", 2512340, 912340, 10240, 20480,
				0, false, 0, "chrome", true };

	(void)state;
	expect_one(k4_global, &w);
}

static void test_era_4_x_memcg(void **state)
{
	const struct want w = { 3000000008ULL, 8123, "stress", -1, true, "", "/docker/8a1f", 73972, 65280, 256, 0,
				0, false, 0, "stress", true };

	(void)state;
	expect_one(k4_memcg, &w);
}

static void test_era_5_0_global(void **state)
{
	const struct want w = { 30104336047ULL, 4294, "node", 1001, false, "CONSTRAINT_NONE",
				"/system.slice/cron.service", 937620, 72856, 16, 0, 0, false, 0, "node", true };

	(void)state;
	expect_one(k50_global, &w);
}

static void test_era_5_0_memcg(void **state)
{
	const struct want w = { 40000000005ULL, 18847, "java", 1000, true, "CONSTRAINT_MEMCG",
				"/kubepods/burstable/pod3a7f/8f2d", 4102912, 520000, 14000, 0, 0, false, 0, "java",
				true };

	(void)state;
	expect_one(k50_memcg, &w);
}

static void test_era_5_1_global(void **state)
{
	const struct want w = { 1166930952ULL, 493, "cc1plus", 1000, false, "CONSTRAINT_NONE", "/user.slice",
				480436, 376708, 148, 0, 0, false, 0, "cc1plus", true };

	(void)state;
	expect_one(k51_global, &w);
}

static void test_era_uid_only_memcg(void **state)
{
	const struct want w = { 5000000003ULL, 1485, "python3", 1000, true, "CONSTRAINT_MEMCG",
				"/user.slice/user-1000.slice/user@1000.service/app.slice/job.scope", 1692064,
				1680752, 5000, 0, 0, false, 0, "python3", true };

	(void)state;
	expect_one(kuid_memcg, &w);
}

static void test_era_6_x_global(void **state)
{
	const struct want w = { 6000000008ULL, 2741, "firefox", 1000, false, "CONSTRAINT_NONE",
				"/user.slice/user-1000.slice/session-3.scope", 12582912, 4194304, 1024, 2048,
				16384, true, 200, "kworker/u8:2", true };

	(void)state;
	expect_one(k6_global, &w);
}

static void test_era_6_18_memcg(void **state)
{
	const struct want w = { 4901978045ULL, 13476, "hog", 0, true, "CONSTRAINT_MEMCG", "/oomtop-probe",
				207280, 65280, 1080, 0, 176, true, 0, "hog", false };

	(void)state;
	expect_one(k618_memcg, &w);
}

static void test_era_oom_kill_allocating_task(void **state)
{
	const struct want w = { 7100000003ULL, 3030, "memhog", 1000, false, "CONSTRAINT_NONE", "/user.slice",
				2100000, 2000000, 900, 0, 4000, true, 0, "memhog", false };

	(void)state;
	expect_one(k6_allocating, &w);
}

/* --- merging: several kills, the reaper, spoofs -------------------------- */

static void test_several_kills_in_a_row(void **state)
{
	struct killlog k;
	char *all;
	size_t len = strlen(k6_global) + strlen(k618_memcg) + strlen(k50_global) + 1;

	(void)state;
	all = malloc(len);
	assert_non_null(all);
	snprintf(all, len, "%s%s%s", k6_global, k618_memcg, k50_global);
	killlog_init(&k);
	assert_int_equal(feed(&k, all, false), 3);
	assert_int_equal(k.n, 3);
	assert_int_equal(k.v[0].pid, 2741);
	assert_string_equal(k.v[0].trigger, "kworker/u8:2");
	assert_false(k.v[0].memcg);
	assert_true(k.v[0].reaped);
	assert_int_equal(k.v[1].pid, 13476);
	assert_string_equal(k.v[1].trigger, "hog");
	assert_true(k.v[1].memcg);
	assert_string_equal(k.v[1].cgroup, "/oomtop-probe");
	assert_false(k.v[1].reaped);
	assert_int_equal(k.v[2].pid, 4294);
	assert_string_equal(k.v[2].trigger, "node");
	assert_false(k.v[2].memcg);
	assert_string_equal(k.v[2].cgroup, "/system.slice/cron.service");
	assert_true(k.v[2].uid == 1001);
	assert_true(k.v[2].reaped);
	killlog_fini(&k);
	free(all);
}

/* An OOM storm: dump_header is rate-limited, "Killed process" is not. */
static void test_kill_without_report(void **state)
{
	struct killlog k;

	(void)state;
	killlog_init(&k);
	assert_int_equal(feed(&k, k4_memcg, false), 1);
	assert_int_equal(feed(&k,
			      "3,609,3000000300,-;Killed process 8200 (stress) total-vm:73972kB, "
			      "anon-rss:65280kB, file-rss:256kB, shmem-rss:0kB\n",
			      false),
			 1);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.v[1].pid, 8200);
	assert_string_equal(k.v[1].trigger, ""); /* not the previous report's */
	assert_string_equal(k.v[1].cgroup, "");
	assert_false(k.v[1].memcg);
	/* a summary for another pid is not this kill's */
	assert_int_equal(feed(&k,
			      "6,610,3000000400,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),"
			      "cpuset=/,mems_allowed=0,oom_memcg=/a,task_memcg=/a/b,task=x,pid=9000,uid=7\n"
			      "3,611,3000000401,-;Memory cgroup out of memory: Killed process 9001 (y) "
			      "total-vm:1kB, anon-rss:1kB, file-rss:1kB, shmem-rss:0kB, UID:8 pgtables:1kB "
			      "oom_score_adj:0\n",
			      false),
			 1);
	assert_int_equal(k.v[2].pid, 9001);
	assert_string_equal(k.v[2].cgroup, "");
	assert_true(k.v[2].uid == 8);
	assert_true(k.v[2].memcg);
	killlog_fini(&k);
}

/* 5.0 could still sacrifice a child: the summary names the parent. */
static void test_child_sacrificed(void **state)
{
	static const char cap[] =
		"4,1,10,-;make invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), order=0, "
		"oom_score_adj=0\n"
		"6,2,11,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
		"global_oom,task_memcg=/user.slice,task=bash,pid=4000,uid=1000\n"
		"3,3,12,-;Out of memory: Kill process 4000 (bash) score 300 or sacrifice child\n"
		"3,4,13,-;Killed process 4001 (cc1) total-vm:900kB, anon-rss:800kB, file-rss:7kB, "
		"shmem-rss:0kB\n";
	struct killlog k;

	(void)state;
	killlog_init(&k);
	assert_int_equal(feed(&k, cap, false), 1);
	assert_int_equal(k.v[0].pid, 4001);
	assert_string_equal(k.v[0].comm, "cc1");
	assert_string_equal(k.v[0].trigger, "make");
	assert_false(k.v[0].memcg);
	assert_true(k.v[0].total_vm_kb == 900);
	killlog_fini(&k);
}

static void test_reaper(void **state)
{
	struct killlog k;

	(void)state;
	killlog_init(&k);
	/* a reaper line for a pid never seen killed: nothing happens */
	assert_int_equal(feed(&k,
			      "6,1,5,-;oom_reaper: reaped process 31337 (ghost), now anon-rss:0kB, file-rss:0kB, "
			      "shmem-rss:0kB\n",
			      false),
			 0);
	assert_int_equal(k.n, 0);
	assert_int_equal(feed(&k, k618_memcg, false), 1);
	assert_false(k.v[0].reaped);
	assert_int_equal(feed(&k,
			      "6,2,6,-;oom_reaper: reaped process 31337 (ghost), now anon-rss:0kB, file-rss:0kB, "
			      "shmem-rss:0kB\n",
			      false),
			 0);
	assert_int_equal(k.n, 1);
	assert_false(k.v[0].reaped);
	/* pid reused: only the latest kill of that pid is the one reaped */
	assert_int_equal(feed(&k, k618_memcg, false), 1);
	assert_int_equal(feed(&k,
			      "6,435,4901990000,-;oom_reaper: reaped process 13476 (hog), now anon-rss:0kB, "
			      "file-rss:0kB, shmem-rss:0kB\n",
			      false),
			 0);
	assert_int_equal(k.n, 2);
	assert_false(k.v[0].reaped);
	assert_true(k.v[1].reaped);
	killlog_fini(&k);
}

static void test_live_flag(void **state)
{
	struct killlog k;

	(void)state;
	killlog_init(&k);
	assert_int_equal(feed(&k, k618_memcg, false), 1);
	assert_int_equal(feed(&k, k6_global, true), 1);
	assert_false(k.v[0].live);
	assert_true(k.v[1].live);
	killlog_fini(&k);
}

/* User space can write any text into /dev/kmsg, but never as facility 0. */
static void test_spoofs(void **state)
{
	static const char cap[] =
		"4,348,4901977431,-;hog invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, "
		"oom_score_adj=0\n"
		"12,349,4901977432,-;evil invoked oom-killer: gfp_mask=0x0, order=0, oom_score_adj=0\n"
		"12,350,4901977433,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,"
		"mems_allowed=0,global_oom,task_memcg=/evil,task=hog,pid=13476,uid=666\n"
		"14,351,4901977434,-;Task in /evil killed as a result of limit of /evil\n"
		"14,352,4901977435,-;Out of memory: Killed process 1 (systemd) total-vm:1kB, anon-rss:1kB, "
		"file-rss:1kB, shmem-rss:0kB, UID:0 pgtables:1kB oom_score_adj:0\n"
		"8,353,4901977436,-;Killed process 1 (systemd) total-vm:1kB, anon-rss:1kB, file-rss:1kB\n"
		"6,433,4901977971,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,"
		"mems_allowed=0,oom_memcg=/oomtop-probe,task_memcg=/oomtop-probe,task=hog,pid=13476,uid=0\n"
		"12,434,4901977972,-;Memory cgroup out of memory: Kill process 13476 (hog) score 1 or "
		"sacrifice child\n"
		"3,435,4901978045,-;Memory cgroup out of memory: Killed process 13476 (hog) total-vm:207280kB, "
		"anon-rss:65280kB, file-rss:1080kB, shmem-rss:0kB, UID:0 pgtables:176kB oom_score_adj:0\n"
		"12,436,4901978046,-;oom_reaper: reaped process 13476 (hog), now anon-rss:0kB, file-rss:0kB, "
		"shmem-rss:0kB\n"
		"191,437,4901978047,-;Out of memory: Killed process 2 (kthreadd) total-vm:1kB, anon-rss:1kB, "
		"file-rss:1kB\n";
	const struct want w = { 4901978045ULL, 13476, "hog", 0, true, "CONSTRAINT_MEMCG", "/oomtop-probe",
				207280, 65280, 1080, 0, 176, true, 0, "hog", false };
	struct killlog k;

	(void)state;
	killlog_init(&k);
	assert_int_equal(feed(&k, cap, true), 1);
	assert_int_equal(k.n, 1);
	expect_event(&k.v[0], &w);
	assert_int_equal(k.spoofs, 8);
	killlog_fini(&k);
}

static void test_spoof_alone(void **state)
{
	struct kmsg_record r = { 1, 4, 7, 8, NULL, 0 };
	static const char text[] = "Out of memory: Killed process 1 (systemd) total-vm:1kB, anon-rss:1kB, "
				   "file-rss:1kB, shmem-rss:0kB, UID:0 pgtables:1kB oom_score_adj:0";
	struct killlog k;

	(void)state;
	r.text = text;
	r.text_len = sizeof(text) - 1;
	killlog_init(&k);
	assert_int_equal(killlog_feed(&k, &r, true), 0);
	assert_int_equal(k.n, 0);
	assert_int_equal(k.spoofs, 1);
	r.facility = 0; /* the same text from the kernel is a kill */
	assert_int_equal(killlog_feed(&k, &r, true), 1);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.spoofs, 1);
	killlog_fini(&k);
}

static void test_killlog_cap(void **state)
{
	struct killlog k;
	struct kmsg_record r;
	char text[160];
	int i;

	(void)state;
	killlog_init(&k);
	memset(&r, 0, sizeof(r));
	for (i = 1; i <= KILLLOG_MAX + 5; i++) {
		r.usec = (unsigned long long)i;
		r.text_len = (size_t)snprintf(text, sizeof(text),
					      "Out of memory: Killed process %d (p%d) total-vm:%dkB, anon-rss:1kB, "
					      "file-rss:1kB, shmem-rss:0kB, UID:0 pgtables:1kB oom_score_adj:0",
					      i, i, i);
		r.text = text;
		assert_int_equal(killlog_feed(&k, &r, false), 1);
	}
	assert_int_equal(k.n, KILLLOG_MAX);
	/* the oldest five were dropped, the order is kept */
	assert_int_equal(k.v[0].pid, 6);
	assert_string_equal(k.v[0].comm, "p6");
	assert_true(k.v[0].usec == 6);
	assert_int_equal(k.v[KILLLOG_MAX - 1].pid, KILLLOG_MAX + 5);
	assert_true(k.v[KILLLOG_MAX - 1].total_vm_kb == KILLLOG_MAX + 5);
	for (i = 1; i < KILLLOG_MAX; i++)
		assert_true(k.v[i].usec == k.v[i - 1].usec + 1);
	/* the reaper still finds the oldest one kept, and not a dropped one */
	r.text_len = (size_t)snprintf(text, sizeof(text),
				      "oom_reaper: reaped process 6 (p6), now anon-rss:0kB, file-rss:0kB, "
				      "shmem-rss:0kB");
	assert_int_equal(killlog_feed(&k, &r, false), 0);
	assert_true(k.v[0].reaped);
	r.text_len = (size_t)snprintf(text, sizeof(text),
				      "oom_reaper: reaped process 3 (p3), now anon-rss:0kB, file-rss:0kB, "
				      "shmem-rss:0kB");
	assert_int_equal(killlog_feed(&k, &r, false), 0);
	for (i = 0; i < KILLLOG_MAX; i++)
		assert_int_equal(k.v[i].reaped, i == 0);
	killlog_fini(&k);
}

/* --- hostile names ------------------------------------------------------- */

static void test_hostile_spaces_parens(void **state)
{
	static const char cap[] =
		"4,1,10,-;my (evil) app invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
		"oom_score_adj=0\n"
		"6,2,11,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
		"global_oom,task_memcg=/user.slice,task=my (evil) app,pid=4242,uid=1000\n"
		"3,3,12,-;Out of memory: Killed process 4242 (my (evil) app) total-vm:2048kB, anon-rss:1024kB, "
		"file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:64kB oom_score_adj:0\n"
		"6,4,13,-;oom_reaper: reaped process 4242 (my (evil) app), now anon-rss:0kB, file-rss:0kB, "
		"shmem-rss:0kB\n";
	const struct want w = { 12, 4242, "my (evil) app", 1000, false, "CONSTRAINT_NONE", "/user.slice", 2048,
				1024, 0, 0, 64, true, 0, "my (evil) app", true };

	(void)state;
	expect_one(cap, &w);
}

/* /dev/kmsg writes bytes < 0x20, >= 0x7f and '\' as "\xNN". */
static void test_hostile_escapes(void **state)
{
	static const char cap[] =
		"4,1,10,-;\\x1b[31mred\\x1b[0m invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
		"oom_score_adj=0\n"
		"6,2,11,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
		"oom_memcg=/x,task_memcg=/x,task=\\x1b]0;pwned\\x07,pid=4244,uid=0\n"
		"3,3,12,-;Memory cgroup out of memory: Killed process 4244 (\\x1b]0;pwned\\x07) total-vm:8kB, "
		"anon-rss:4kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n";
	const struct want w = { 12, 4244, "\\x1b]0;pwned\\x07", 0, true, "CONSTRAINT_MEMCG", "/x", 8, 4, 0, 0, 4,
				true, 0, "\\x1b[31mred\\x1b[0m", false };
	struct oomline l;
	char text[256], comm[64];
	size_t n = 0;
	int i;

	(void)state;
	expect_one(cap, &w);
	/* fifteen escaped bytes: sixty characters, kept whole */
	for (i = 0; i < 15; i++)
		n += (size_t)snprintf(comm + n, sizeof(comm) - n, "\\x%02x", 0xf0 + i);
	snprintf(text, sizeof(text),
		 "Out of memory: Killed process 4245 (%s) total-vm:8kB, anon-rss:4kB, file-rss:0kB, "
		 "shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0",
		 comm);
	assert_int_equal(lparse(text, &l), 0);
	assert_int_equal(strlen(l.comm), 60);
	assert_string_equal(l.comm, comm);
	/* a newline and a backslash in the name */
	assert_int_equal(lparse("oom_reaper: reaped process 9 (a\\x0ab\\x5cc), now anon-rss:0kB, file-rss:0kB, "
				"shmem-rss:0kB",
				&l),
			 0);
	assert_string_equal(l.comm, "a\\x0ab\\x5cc");
}

static void test_hostile_summary_name_event(void **state)
{
	static const char cap[] =
		"4,1,10,-;x,task=y invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		"6,2,11,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
		"oom_memcg=/jail,task_memcg=/jail,task=x,task=y,pid=4246,uid=1000\n"
		"3,3,12,-;Memory cgroup out of memory: Killed process 4246 (x,task=y) total-vm:8kB, "
		"anon-rss:4kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:4kB oom_score_adj:0\n";
	const struct want w = { 12, 4246, "x,task=y", 1000, true, "CONSTRAINT_MEMCG", "/jail", 8, 4, 0, 0, 4, true,
				0, "x,task=y", false };

	(void)state;
	expect_one(cap, &w);
}

/* A trigger named like the start of another line. */
static void test_hostile_trigger_name(void **state)
{
	static const char cap[] =
		"4,1,10,-;oom-kill: invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		"3,2,11,-;Out of memory: Killed process 4247 (victim) total-vm:8kB, anon-rss:4kB, file-rss:0kB, "
		"shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n"
		"4,3,20,-;Task in x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		"3,4,21,-;Out of memory: Killed process 4248 (victim) total-vm:8kB, anon-rss:4kB, file-rss:0kB, "
		"shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n"
		"4,5,30,-;Out of memory:  invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
		"oom_score_adj=0\n"
		"3,6,31,-;Out of memory: Killed process 4249 (victim) total-vm:8kB, anon-rss:4kB, file-rss:0kB, "
		"shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n";
	char trig[3][OOM_COMM_MAX];
	struct killlog k;
	int kills;
	size_t i;

	(void)state;
	killlog_init(&k);
	kills = feed(&k, cap, false);
	for (i = 0; i < 3; i++)
		snprintf(trig[i], sizeof(trig[i]), "%s", i < k.n ? k.v[i].trigger : "(none)");
	killlog_fini(&k);
	assert_int_equal(kills, 3);
	assert_string_equal(trig[1], "Task in x");
	assert_string_equal(trig[2], "Out of memory: ");
	assert_string_equal(trig[0], "oom-kill:");
}

/* --- truncated lines: an error, or a correct partial parse ---------------- */

/* got is want, or (cut at the end of the text) a leading part of its digits */
static bool same_or_cut(long long got, long long want, const char *text, size_t len)
{
	char g[32], w[32];
	size_t gl;

	if (got == want)
		return true;
	snprintf(g, sizeof(g), "%lld", got);
	snprintf(w, sizeof(w), "%lld", want);
	gl = strlen(g);
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\n'))
		len--;
	return strncmp(g, w, gl) == 0 && len >= gl && memcmp(text + len - gl, g, gl) == 0;
}

static void check_cut(const struct oomline *full, const struct oomline *got, const char *text, size_t len)
{
	assert_int_equal(got->kind, full->kind);
	assert_int_equal(got->memcg, full->memcg);
	assert_int_equal(got->pid, full->pid);
	assert_string_equal(got->comm, full->comm);
	assert_string_equal(got->constraint, full->constraint);
	assert_string_equal(got->path, full->path);
	assert_true(got->uid == -1 || same_or_cut(got->uid, full->uid, text, len));
	assert_true(got->total_vm_kb == 0 || got->total_vm_kb == full->total_vm_kb);
	assert_true(got->anon_kb == 0 || got->anon_kb == full->anon_kb);
	assert_true(got->file_kb == 0 || got->file_kb == full->file_kb);
	assert_true(got->shmem_kb == 0 || got->shmem_kb == full->shmem_kb);
	assert_true(got->pgtables_kb == 0 || got->pgtables_kb == full->pgtables_kb);
	assert_true(!got->has_adj || same_or_cut(got->adj, full->adj, text, len));
}

static void test_every_cut(void **state)
{
	static const char *const caps[] = { k2632_global, k2632_memcg, k310_global, rhel7, k4_global,
					    k4_memcg, k50_global, k50_memcg, k51_global, kuid_memcg,
					    k6_global, k618_memcg, k6_allocating };
	size_t c, lines = 0;

	(void)state;
	for (c = 0; c < sizeof(caps) / sizeof(caps[0]); c++) {
		const char *p = caps[c];
		size_t n;

		while ((n = kmsg_next(p, strlen(p))) > 0) {
			struct kmsg_record r;
			struct oomline full;
			size_t cut;

			assert_int_equal(kmsg_parse(p, n, &r), 0);
			p += n;
			if (oomline_parse(r.text, r.text_len, &full) < 0)
				continue;
			lines++;
			for (cut = 0; cut <= r.text_len; cut++) {
				struct oomline got;
				char *copy = malloc(cut ? cut : 1);
				int rc;

				assert_non_null(copy);
				memcpy(copy, r.text, cut);
				rc = oomline_parse(copy, cut, &got);
				if (rc == 0)
					check_cut(&full, &got, copy, cut);
				else if (rc != -EINVAL && rc != -ENOENT)
					fail_msg("cut at %zu: %d", cut, rc);
				free(copy);
			}
		}
	}
	assert_true(lines >= 40);
}

/* --- random input -------------------------------------------------------- */

static unsigned long long rng_state = 0x2545f4914f6cdd1dULL;

static unsigned int rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned int)(rng_state >> 32);
}

/* Every real line with one byte changed, fed as kernel records. */
static void test_random_flips(void **state)
{
	static const char *const caps[] = { k2632_memcg, rhel7, k4_memcg, k50_memcg, kuid_memcg, k6_global,
					    k618_memcg };
	struct killlog k;
	int round;
	size_t i;

	(void)state;
	killlog_init(&k);
	for (round = 0; round < 3000; round++) {
		const char *src = caps[rng() % (sizeof(caps) / sizeof(caps[0]))];
		size_t len = strlen(src), off = 0, n;
		char *copy = malloc(len);

		assert_non_null(copy);
		memcpy(copy, src, len);
		copy[rng() % len] = (char)(rng() & 0xff);
		while ((n = kmsg_next(copy + off, len - off)) > 0) {
			struct kmsg_record r;

			if (kmsg_parse(copy + off, n, &r) == 0)
				killlog_feed(&k, &r, false);
			off += n;
		}
		free(copy);
	}
	assert_true(k.n > 0 && k.n <= KILLLOG_MAX);
	for (i = 0; i < k.n; i++) {
		const struct oom_event *e = &k.v[i];

		assert_true(e->pid > 0 && e->pid <= 4194304);
		assert_true(strlen(e->comm) < OOM_COMM_MAX && strlen(e->trigger) < OOM_COMM_MAX);
		assert_true(strlen(e->cgroup) < OOM_PATH_MAX);
		if (e->has_adj)
			assert_true(e->adj >= -1000 && e->adj <= 1000);
	}
	killlog_fini(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_era_2_6_32_global),
		cmocka_unit_test(test_era_2_6_32_memcg),
		cmocka_unit_test(test_era_3_10_global),
		cmocka_unit_test(test_era_rhel7),
		cmocka_unit_test(test_era_4_x_global),
		cmocka_unit_test(test_era_4_x_memcg),
		cmocka_unit_test(test_era_5_0_global),
		cmocka_unit_test(test_era_5_0_memcg),
		cmocka_unit_test(test_era_5_1_global),
		cmocka_unit_test(test_era_uid_only_memcg),
		cmocka_unit_test(test_era_6_x_global),
		cmocka_unit_test(test_era_6_18_memcg),
		cmocka_unit_test(test_era_oom_kill_allocating_task),
		cmocka_unit_test(test_several_kills_in_a_row),
		cmocka_unit_test(test_kill_without_report),
		cmocka_unit_test(test_child_sacrificed),
		cmocka_unit_test(test_reaper),
		cmocka_unit_test(test_live_flag),
		cmocka_unit_test(test_spoofs),
		cmocka_unit_test(test_spoof_alone),
		cmocka_unit_test(test_killlog_cap),
		cmocka_unit_test(test_hostile_spaces_parens),
		cmocka_unit_test(test_hostile_escapes),
		cmocka_unit_test(test_hostile_summary_name_event),
		cmocka_unit_test(test_hostile_trigger_name),
		cmocka_unit_test(test_every_cut),
		cmocka_unit_test(test_random_flips),
	};

	return cmocka_run_group_tests_name("oomlog", tests, NULL, NULL);
}
