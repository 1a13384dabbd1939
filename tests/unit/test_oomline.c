/*
 * test_oomline.c - one OOM killer log line, in the wording of every kernel
 * from 2.6.32 to 6.x (made from the format strings of mm/oom_kill.c and
 * mm/memcontrol.c); garbled and hostile lines.
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

#include "oomlog.h"

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

/* --- the line parser, kind by kind --------------------------------------- */

static void test_line_invoked(void **state)
{
	static const char *const lines[] = {
		"java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0",
		"java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0",
		"java invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0",
		"java invoked oom-killer: gfp_mask=0x24201ca(GFP_HIGHUSER_MOVABLE|__GFP_COLD), "
		"nodemask=(null), order=0, oom_score_adj=300",
		"java invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0",
		"java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=-1000\n",
	};
	struct oomline l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		assert_int_equal(lparse(lines[i], &l), 0);
		assert_int_equal(l.kind, OOML_INVOKED);
		assert_string_equal(l.comm, "java");
	}
	assert_int_equal(lparse("kworker/u8:2 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
				"oom_score_adj=0",
				&l),
			 0);
	assert_string_equal(l.comm, "kworker/u8:2");
}

static void test_line_summary(void **state)
{
	struct oomline l;

	(void)state;
	assert_int_equal(lparse("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
				"oom_memcg=/oomtop-probe,task_memcg=/oomtop-probe,task=hog,pid=13476,uid=0",
				&l),
			 0);
	assert_int_equal(l.kind, OOML_SUMMARY);
	assert_string_equal(l.constraint, "CONSTRAINT_MEMCG");
	assert_string_equal(l.path, "/oomtop-probe");
	assert_string_equal(l.comm, "hog");
	assert_int_equal(l.pid, 13476);
	assert_true(l.uid == 0);

	/* cgroup v1 with no cpuset name, and the root memcg */
	assert_int_equal(lparse("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),global_oom,task_memcg=/,"
				"task=cc1plus,pid=493,uid=0",
				&l),
			 0);
	assert_string_equal(l.constraint, "CONSTRAINT_NONE");
	assert_string_equal(l.path, "/");
	assert_int_equal(l.pid, 493);

	/* CONSTRAINT_CPUSET and CONSTRAINT_MEMORY_POLICY with a nodemask list */
	assert_int_equal(lparse("oom-kill:constraint=CONSTRAINT_MEMORY_POLICY,nodemask=0-1,cpuset=/,"
				"mems_allowed=0-1,global_oom,task_memcg=/system.slice/db.service,task=postgres,"
				"pid=900,uid=26",
				&l),
			 0);
	assert_string_equal(l.constraint, "CONSTRAINT_MEMORY_POLICY");
	assert_string_equal(l.path, "/system.slice/db.service");
	assert_string_equal(l.comm, "postgres");
	assert_int_equal(l.pid, 900);
	assert_true(l.uid == 26);
}

static void test_line_task_in(void **state)
{
	struct oomline l;

	(void)state;
	assert_int_equal(lparse("Task in /docker/8a1f killed as a result of limit of /docker", &l), 0);
	assert_int_equal(l.kind, OOML_TASK_IN);
	assert_string_equal(l.path, "/docker/8a1f");
	assert_int_equal(lparse("Task in / killed as a result of limit of /", &l), 0);
	assert_string_equal(l.path, "/");
}

static void test_line_select(void **state)
{
	struct oomline l;

	(void)state;
	assert_int_equal(lparse("Out of memory: kill process 2211 (java) score 1234567 or a child", &l), 0);
	assert_int_equal(l.kind, OOML_SELECT);
	assert_false(l.memcg);
	assert_int_equal(l.pid, 2211);
	assert_string_equal(l.comm, "java");
	assert_int_equal(lparse("Memory cgroup out of memory: kill process 3310 (httpd) score 88 or a child", &l),
			 0);
	assert_int_equal(l.kind, OOML_SELECT);
	assert_true(l.memcg);
	assert_int_equal(l.pid, 3310);
	assert_int_equal(lparse("Out of memory: Kill process 3161 (mysqld) score 626 or sacrifice child", &l), 0);
	assert_int_equal(l.kind, OOML_SELECT);
	assert_false(l.memcg);
	assert_string_equal(l.comm, "mysqld");
	assert_int_equal(lparse("Memory cgroup out of memory: Kill process 8123 (stress) score 1001 or "
				"sacrifice child",
				&l),
			 0);
	assert_true(l.memcg);
	assert_int_equal(l.pid, 8123);
}

static void test_line_killed(void **state)
{
	struct oomline l;

	(void)state;
	assert_int_equal(lparse("Killed process 2211 (java) vsz:4457972kB, anon-rss:798412kB, file-rss:1024kB",
				&l),
			 0);
	assert_int_equal(l.kind, OOML_KILLED);
	assert_false(l.memcg);
	assert_int_equal(l.pid, 2211);
	assert_true(l.total_vm_kb == 4457972 && l.anon_kb == 798412 && l.file_kb == 1024);
	assert_true(l.uid == -1);
	assert_false(l.has_adj);

	assert_int_equal(lparse("Memory cgroup out of memory: Killed process 13476 (hog) total-vm:207280kB, "
				"anon-rss:65280kB, file-rss:1080kB, shmem-rss:0kB, UID:0 pgtables:176kB "
				"oom_score_adj:0",
				&l),
			 0);
	assert_int_equal(l.kind, OOML_KILLED);
	assert_true(l.memcg);
	assert_true(l.uid == 0);
	assert_true(l.pgtables_kb == 176);
	assert_true(l.has_adj);
	assert_int_equal(l.adj, 0);

	assert_int_equal(lparse("Out of memory: Killed process 9 (x) total-vm:1kB, anon-rss:2kB, file-rss:3kB, "
				"shmem-rss:4kB, UID:4294967294 pgtables:5kB oom_score_adj:-1000",
				&l),
			 0);
	assert_false(l.memcg);
	assert_true(l.uid == 4294967294LL);
	assert_true(l.shmem_kb == 4 && l.pgtables_kb == 5);
	assert_int_equal(l.adj, -1000);
	assert_int_equal(lparse("Out of memory: Killed process 9 (x) total-vm:1kB, anon-rss:2kB, file-rss:3kB, "
				"shmem-rss:4kB, UID:0 pgtables:5kB oom_score_adj:1000",
				&l),
			 0);
	assert_int_equal(l.adj, 1000);
}

static void test_line_reaped(void **state)
{
	struct oomline l;

	(void)state;
	assert_int_equal(lparse("oom_reaper: reaped process 13476 (hog), now anon-rss:0kB, file-rss:0kB, "
				"shmem-rss:0kB",
				&l),
			 0);
	assert_int_equal(l.kind, OOML_REAPED);
	assert_int_equal(l.pid, 13476);
	assert_string_equal(l.comm, "hog");
	/* the 4.6 wording had a typo in the last field: still the reaper */
	assert_int_equal(lparse("oom_reaper: reaped process 77 (x), now anon-rss:0kB, file-rss:0kB, "
				"shmem-rss:0lB",
				&l),
			 0);
	assert_int_equal(l.pid, 77);
}

/* Lines of an OOM report that are not one of the parsed kinds. */
static void test_line_not_oom(void **state)
{
	static const char *const lines[] = {
		"",
		"\n",
		"hog cpuset=/ mems_allowed=0",
		"CPU: 1 UID: 0 PID: 13476 Comm: hog Not tainted 6.18.0 #1",
		"Mem-Info:",
		"Tasks state (memory values in pages):",
		"[  13476]     0 13476    51820    16590   176128        0             0 hog",
		"memory: usage 65536kB, limit 65536kB, failcnt 137",
		"Memory cgroup stats for /oomtop-probe:",
		"Memory cgroup out of memory: OOM victim 77 (hog) is already exiting. Skip killing the task",
		"Out of memory: OOM victim 77 (hog) is already exiting. Skip killing the task",
		"Out of memory and no killable processes...",
		"Out of memory: system-wide panic_on_oom is enabled",
		"Tasks in /grp are going to be killed due to memory.oom.group set",
		"oom killer 77 (hog) has mm pinned by 78 (hog2)",
		" oom_kill_process.cold+0xb/0x10",
		"Killed",
		"kernel: Killed process 5 (x) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"[ 1234.5678] Out of memory: Killed process 5 (x) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"Out of memory",
		"Memory cgroup out of memory",
		"oom_reaper",
		"oom-kill",
	};
	struct oomline l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		if (lparse(lines[i], &l) != -ENOENT)
			fail_msg("not -ENOENT: \"%s\"", lines[i]);
	/* 3.x "Kill process %d (%s) sharing same memory": no kill of its own */
	assert_true(lparse("Kill process 78 (hog2) sharing same memory", &l) < 0);
}

static void expect_einval(const char *const *lines, size_t n)
{
	struct oomline l;
	size_t i;

	for (i = 0; i < n; i++) {
		int rc = lparse(lines[i], &l);

		if (rc != -EINVAL)
			fail_msg("not -EINVAL (%d, pid %d): \"%s\"", rc, l.pid, lines[i]);
	}
}

static void test_line_garbled(void **state)
{
	static const char *const lines[] = {
		"Killed process abc (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"Killed process -5 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"Killed process 0 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"Killed process 99999999 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"Killed process 99999999999999999999999 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"Killed process 5 hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"Killed process 5(hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"Killed process 5 (hog total-vm:1kB, anon-rss:1kB, file-rss:1kB",
		"Killed process 5 (hog) total-vm:1, anon-rss:1kB, file-rss:1kB",
		"Killed process 5 (hog) total-vm:kB, anon-rss:1kB, file-rss:1kB",
		"Killed process 5 (hog) total-vm:1kB",
		"Killed process 5 (hog) total-vm:1kB, anon-rss:1kB",
		"Killed process 5 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB, shmem-rss:xkB",
		"Killed process 5 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB, shmem-rss:1kB, UID:x",
		"Killed process 5 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB, shmem-rss:1kB, UID:0 "
		"pgtables:1 oom_score_adj:0",
		"Killed process 5 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB, shmem-rss:1kB, UID:0 "
		"pgtables:1kB oom_score_adj:5000",
		"Killed process 5 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB, shmem-rss:1kB, UID:0 "
		"pgtables:1kB oom_score_adj:-1001",
		"Killed process 5 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB, shmem-rss:1kB, UID:0 "
		"pgtables:1kB oom_score_adj:x",
		"Killed process 5 (hog) total-vm:99999999999999999999999kB, anon-rss:1kB, file-rss:1kB",
		"Out of memory: Kill process 5 (hog) score",
		"Out of memory: Kill process 5 (hog)",
		"Out of memory: Kill process x (hog) score 1 or sacrifice child",
		"oom_reaper: reaped process 5 (hog)",
		"oom_reaper: reaped process (hog), now anon-rss:0kB",
		"oom_reaper: reaped process 0 (hog), now anon-rss:0kB",
		"oom-kill:constraint=CONSTRAINT_NONE",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=5",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,uid=0",
		"oom-kill:constraint=CONSTRAINT_NONE,pid=5,uid=0",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=abc,uid=0",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=5x,uid=0",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=0,uid=0",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=-5,uid=0",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=5,uid=",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=5,uid=x",
	};
	(void)state;
	expect_einval(lines, sizeof(lines) / sizeof(lines[0]));
}

/* A size is printed with "%lu": a minus sign is a garbled line, not a huge size. */
static void test_line_negative_size(void **state)
{
	static const char *const lines[] = {
		"Killed process 5 (hog) total-vm:-1kB, anon-rss:1kB, file-rss:1kB",
		"Killed process 5 (hog) total-vm:1kB, anon-rss:-4096kB, file-rss:1kB",
		"Out of memory: Killed process 5 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB, "
		"shmem-rss:-1kB, UID:0 pgtables:1kB oom_score_adj:0",
		"Out of memory: Killed process 5 (hog) total-vm:1kB, anon-rss:1kB, file-rss:1kB, "
		"shmem-rss:1kB, UID:0 pgtables:-1kB oom_score_adj:0",
	};

	(void)state;
	expect_einval(lines, sizeof(lines) / sizeof(lines[0]));
}

/* The summary's pid: past PID_MAX_LIMIT (4194304) it is not a pid, and must not wrap. */
static void test_line_summary_pid_range(void **state)
{
	static const char *const lines[] = {
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=4294967297,uid=0",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=99999999,uid=0",
		"oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=4194305,uid=0",
	};
	struct oomline l;

	(void)state;
	expect_einval(lines, sizeof(lines) / sizeof(lines[0]));
	assert_int_equal(lparse("oom-kill:constraint=CONSTRAINT_NONE,task=hog,pid=4194304,uid=0", &l), 0);
	assert_int_equal(l.pid, 4194304);
}

static void test_line_out_is_reset(void **state)
{
	struct oomline l;

	(void)state;
	memset(&l, 0x5a, sizeof(l));
	assert_int_equal(lparse("Mem-Info:", &l), -ENOENT);
	assert_int_equal(l.pid, 0);
	assert_string_equal(l.comm, "");
	assert_string_equal(l.path, "");
	assert_true(l.uid == -1);
	assert_false(l.has_adj);
	memset(&l, 0x5a, sizeof(l));
	assert_int_equal(lparse("oom_reaper: reaped process 5 (a), now anon-rss:0kB", &l), 0);
	assert_true(l.uid == -1);
	assert_true(l.total_vm_kb == 0);
	assert_string_equal(l.path, "");
}

/* --- hostile names ------------------------------------------------------- */

/* A name (15 bytes at most) that holds the field after it. */
static void test_hostile_field_in_name(void **state)
{
	struct oomline l;

	(void)state;
	assert_int_equal(lparse("Out of memory: Killed process 4243 () total-vm:9kB,) total-vm:2048kB, "
				"anon-rss:1024kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:64kB "
				"oom_score_adj:0",
				&l),
			 0);
	assert_int_equal(l.pid, 4243);
	assert_string_equal(l.comm, ") total-vm:9kB,");
	assert_true(l.total_vm_kb == 2048 && l.anon_kb == 1024 && l.uid == 1000);
	assert_int_equal(lparse("Killed process 4243 (a) total-vm:1kB) total-vm:2048kB, anon-rss:1024kB, "
				"file-rss:0kB, shmem-rss:0kB",
				&l),
			 0);
	assert_string_equal(l.comm, "a) total-vm:1kB");
	assert_true(l.total_vm_kb == 2048);
	assert_int_equal(lparse("Killed process 4243 (a) vsz:1kB) total-vm:2048kB, anon-rss:1024kB, "
				"file-rss:0kB, shmem-rss:0kB",
				&l),
			 0);
	assert_string_equal(l.comm, "a) vsz:1kB");
	assert_true(l.total_vm_kb == 2048);
	assert_int_equal(lparse("Out of memory: Kill process 77 (a) score 1 or) score 500 or sacrifice child",
				&l),
			 0);
	assert_int_equal(l.pid, 77);
	assert_string_equal(l.comm, "a) score 1 or");
	assert_int_equal(lparse("oom_reaper: reaped process 77 (a), now x), now anon-rss:0kB, file-rss:0kB, "
				"shmem-rss:0kB",
				&l),
			 0);
	assert_int_equal(l.pid, 77);
	assert_string_equal(l.comm, "a), now x");
}

/* 2.6.32 wording ("vsz:") with "total-vm:" in the name. */
static void test_hostile_field_in_name_2_6_32(void **state)
{
	struct oomline l;

	(void)state;
	assert_int_equal(lparse("Killed process 5 (a) total-vm:1kB) vsz:1000kB, anon-rss:900kB, file-rss:8kB",
				&l),
			 0);
	assert_int_equal(l.pid, 5);
	assert_string_equal(l.comm, "a) total-vm:1kB");
	assert_true(l.total_vm_kb == 1000 && l.anon_kb == 900 && l.file_kb == 8);
}

/*
 * Commas and "key=" in the name of the summary line: the fields after the
 * name are found from the end. (",task=" in the name is ambiguous in this
 * line alone; test_oomlog.c checks that the kill's event resolves it.)
 */
static void test_hostile_summary_name(void **state)
{
	struct oomline l;

	(void)state;
	assert_int_equal(lparse("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
				"global_oom,task_memcg=/a,task=a,pid=1,uid=2,pid=5,uid=0",
				&l),
			 0);
	assert_int_equal(l.pid, 5);
	assert_true(l.uid == 0);
	assert_string_equal(l.comm, "a,pid=1,uid=2");
	assert_string_equal(l.path, "/a");
	assert_int_equal(lparse("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
				"global_oom,task_memcg=/a,task=x,task=y,pid=5,uid=0",
				&l),
			 0);
	assert_int_equal(l.pid, 5);
	assert_true(l.uid == 0);
}

/* cpuset= is the name of the trigger's cgroup: a user can pick it in a delegated subtree. */
static void test_hostile_cgroup_name(void **state)
{
	struct oomline l;

	(void)state;
	assert_int_equal(lparse("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=evil,"
				"task_memcg=/fake,mems_allowed=0,global_oom,task_memcg=/system.slice/db.service,"
				"task=postgres,pid=900,uid=26",
				&l),
			 0);
	assert_int_equal(l.pid, 900);
	assert_string_equal(l.comm, "postgres");
	assert_string_equal(l.path, "/system.slice/db.service");
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

static void check_line(int rc, const struct oomline *l)
{
	assert_true(rc == 0 || rc == -EINVAL || rc == -ENOENT);
	assert_true(strlen(l->comm) < OOM_COMM_MAX);
	assert_true(strlen(l->path) < OOM_PATH_MAX);
	assert_true(strlen(l->constraint) < sizeof(l->constraint));
	if (rc != 0)
		return;
	if (l->kind == OOML_SUMMARY || l->kind == OOML_SELECT || l->kind == OOML_KILLED ||
	    l->kind == OOML_REAPED)
		assert_true(l->pid > 0 && l->pid <= 4194304);
	if (l->has_adj)
		assert_true(l->adj >= -1000 && l->adj <= 1000);
}

static void test_random_lines(void **state)
{
	static const char *const tokens[] = {
		"Killed process ", "Kill process ", "Out of memory: ", "Memory cgroup out of memory: ",
		"oom-kill:", "oom_reaper: reaped process ", "Task in ", " killed as a result of limit of ",
		" invoked oom-killer: ", "(", ")", ") ", " (", "), now ", ") score ", ") total-vm:",
		") vsz:", "total-vm:", "anon-rss:", "file-rss:", "shmem-rss:", "UID:", "pgtables:",
		"oom_score_adj:", "kB", ", ", " ", ",", "=", "-", "0", "1", "42", "4194304", "4194305",
		"99999999999", "constraint=", ",task_memcg=", ",task=", ",pid=", ",uid=", "\\x1b", "\n",
		"CONSTRAINT_MEMCG",
	};
	char buf[512];
	int round;

	(void)state;
	for (round = 0; round < 100000; round++) {
		size_t len = 0, count = rng() % 24, i;
		struct oomline l;

		for (i = 0; i < count; i++) {
			const char *t = tokens[rng() % (sizeof(tokens) / sizeof(tokens[0]))];
			size_t tl = strlen(t);

			if (len + tl > sizeof(buf))
				break;
			memcpy(buf + len, t, tl);
			len += tl;
		}
		if (round % 4 == 0) /* flip a byte */
			if (len)
				buf[rng() % len] = (char)(rng() & 0xff);
		{
			char *copy = malloc(len ? len : 1);

			assert_non_null(copy);
			memcpy(copy, buf, len);
			check_line(oomline_parse(copy, len, &l), &l);
			free(copy);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_invoked),
		cmocka_unit_test(test_line_summary),
		cmocka_unit_test(test_line_task_in),
		cmocka_unit_test(test_line_select),
		cmocka_unit_test(test_line_killed),
		cmocka_unit_test(test_line_reaped),
		cmocka_unit_test(test_line_not_oom),
		cmocka_unit_test(test_line_garbled),
		cmocka_unit_test(test_line_negative_size),
		cmocka_unit_test(test_line_summary_pid_range),
		cmocka_unit_test(test_line_out_is_reset),
		cmocka_unit_test(test_hostile_field_in_name),
		cmocka_unit_test(test_hostile_field_in_name_2_6_32),
		cmocka_unit_test(test_hostile_summary_name),
		cmocka_unit_test(test_hostile_cgroup_name),
		cmocka_unit_test(test_random_lines),
	};

	return cmocka_run_group_tests_name("oomline", tests, NULL, NULL);
}
