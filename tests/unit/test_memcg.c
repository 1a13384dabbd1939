/* test_memcg.c - memory cgroups: mountinfo, /proc/PID/cgroup, limit files, a fake hierarchy */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memcg.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

/* An exact-size heap copy, so that ASan sees any overread. */
static char *dup_exact(const char *s, size_t len)
{
	char *c = malloc(len ? len : 1);

	assert_non_null(c);
	memcpy(c, s, len);
	return c;
}

/* ---------------------------------------------------------------- mountinfo */

static void parse_mounts(const char *text, struct memcg_mounts *m)
{
	size_t len = strlen(text);
	char *c = dup_exact(text, len);

	memset(m, 0x5a, sizeof(*m));
	memcg_mounts_parse(c, len, m);
	free(c);
}

static void expect_mounts(const char *what, const char *text, const char *v1, const char *v2)
{
	struct memcg_mounts m;

	parse_mounts(text, &m);
	if (strcmp(m.v1, v1) != 0 || strcmp(m.v2, v2) != 0)
		FAIL("%s: v1 '%s', v2 '%s'; expected '%s', '%s'", what, m.v1, m.v2, v1, v2);
	/* the parser never claims the v2 memory controller: that needs cgroup.controllers */
	if (m.v2_memory)
		FAIL("%s: v2_memory set by the parser", what);
}

/* This machine: v1 controllers each on its own hierarchy, cgroup2 at unified. */
static const char mounts_v1[] =
	"22 27 0:21 / /proc rw,relatime - proc proc rw\n"
	"23 27 0:22 / /sys rw,relatime - sysfs sysfs rw\n"
	"27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534\n"
	"31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
	"32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
	"33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"
	"34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n"
	"35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
	"36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices\n"
	"37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer\n"
	"38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio\n"
	"39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
	"40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
	"41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

/* A pure cgroup2 system (Fedora, Debian 11+, Ubuntu 21.10+), with optional fields. */
static const char mounts_v2[] =
	"22 1 253:0 / / rw,relatime shared:1 - ext4 /dev/mapper/root rw\n"
	"24 22 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw\n"
	"25 24 0:6 / /sys/kernel/security rw,nosuid,nodev,noexec,relatime shared:3 - securityfs securityfs rw\n"
	"26 24 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 "
	"rw,nsdelegate,memory_recursiveprot\n"
	"27 24 0:24 / /sys/fs/pstore rw,nosuid,nodev,noexec,relatime shared:5 - pstore pstore rw\n";

/* Hybrid (Ubuntu 20.04): v1 controllers, memory among them, and cgroup2 at unified. */
static const char mounts_hybrid[] =
	"25 22 0:23 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755\n"
	"26 25 0:24 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 "
	"rw,nsdelegate\n"
	"27 25 0:25 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup "
	"rw,xattr,name=systemd\n"
	"31 25 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup "
	"rw,cpu,cpuacct\n"
	"32 25 0:30 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup "
	"rw,memory\n"
	"33 25 0:31 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,pids\n";

static const char mounts_none[] =
	"22 1 253:0 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
	"23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:2 - proc proc rw\n"
	"24 22 0:5 / /dev rw,nosuid shared:3 - devtmpfs udev rw,size=4000000k\n";

static void test_mounts_v1_this_machine(void **state)
{
	(void)state;
	expect_mounts("v1 layout", mounts_v1, "/sys/fs/cgroup/memory", "/sys/fs/cgroup/unified");
}

static void test_mounts_v2(void **state)
{
	(void)state;
	expect_mounts("pure cgroup2", mounts_v2, "", "/sys/fs/cgroup");
}

static void test_mounts_hybrid(void **state)
{
	(void)state;
	expect_mounts("hybrid", mounts_hybrid, "/sys/fs/cgroup/memory", "/sys/fs/cgroup/unified");
}

static void test_mounts_none(void **state)
{
	struct memcg_mounts m;

	(void)state;
	expect_mounts("no cgroups", mounts_none, "", "");
	expect_mounts("empty", "", "", "");
	expect_mounts("one newline", "\n", "", "");
	parse_mounts(mounts_none, &m);
	assert_false(memcg_available(&m));
}

static void test_mounts_escaped(void **state)
{
	(void)state;
	/* spaces in a mount point are \040, a backslash \134, a tab \011 */
	expect_mounts("escaped v1",
		      "35 31 0:32 / /mnt/my\\040cgroups/mem\\040ory rw,relatime - cgroup cgroup rw,memory\n",
		      "/mnt/my cgroups/mem ory", "");
	expect_mounts("escaped v2",
		      "26 24 0:23 / /mnt/cg\\0402\\134x\\011y rw shared:4 - cgroup2 cgroup2 rw\n", "",
		      "/mnt/cg 2\\x\ty");
	/* an escape at the very end of the field */
	expect_mounts("escape at the end", "26 24 0:23 / /cg\\040 rw - cgroup2 cgroup2 rw\n", "", "/cg ");
	/* a backslash that starts no escape stays */
	expect_mounts("lone backslash", "26 24 0:23 / /cg\\x rw - cgroup2 cgroup2 rw\n", "", "/cg\\x");
}

static void test_mounts_controllers(void **state)
{
	(void)state;
	/* memory shares a hierarchy with other controllers */
	expect_mounts("cpu,memory", "35 31 0:32 / /cg/cm rw - cgroup cgroup rw,cpu,memory,pids\n",
		      "/cg/cm", "");
	/* words that only look like memory */
	expect_mounts("name=memory", "35 31 0:32 / /cg/n rw - cgroup cgroup rw,name=memory\n", "", "");
	expect_mounts("memoryx", "35 31 0:32 / /cg/n rw - cgroup cgroup rw,memoryx,xmemory\n", "", "");
	/* the mount options before the separator do not count */
	expect_mounts("memory before -", "35 31 0:32 / /cg/n rw,memory - cgroup cgroup rw,cpu\n", "", "");
	/* a cgroup2 mount's options say nothing about v1 */
	expect_mounts("cgroup2 memory_recursiveprot",
		      "26 24 0:23 / /cg2 rw - cgroup2 cgroup2 rw,memory_recursiveprot\n", "", "/cg2");
	/* other file systems whose type starts with cgroup */
	expect_mounts("cgroupfs", "35 31 0:32 / /cg/x rw - cgroupfs cgroupfs rw,memory\n", "", "");
	expect_mounts("cgroup21", "35 31 0:32 / /cg/x rw - cgroup21 cgroup21 rw\n", "", "");
}

static void test_mounts_first_wins(void **state)
{
	(void)state;
	expect_mounts("two of each",
		      "35 31 0:32 / /first/mem rw - cgroup cgroup rw,memory\n"
		      "26 24 0:23 / /first/v2 rw - cgroup2 cgroup2 rw\n"
		      "36 31 0:32 / /second/mem rw - cgroup cgroup rw,memory\n"
		      "27 24 0:23 / /second/v2 rw - cgroup2 cgroup2 rw\n",
		      "/first/mem", "/first/v2");
}

static void test_mounts_malformed(void **state)
{
	(void)state;
	/* a line without the separator, a truncated line, then a good one without a newline */
	expect_mounts("malformed lines",
		      "35 31 0:32 / /bad rw cgroup cgroup rw,memory\n"
		      "36 31 0:32 / /bad2 rw -\n"
		      "37 31\n"
		      " - \n"
		      "38 31 0:32 / /good rw - cgroup cgroup rw,memory",
		      "/good", "");
	/* the parse stops at len: what follows does not count */
	{
		const char *text = "38 31 0:32 / /good rw - cgroup cgroup rw,memory\n";
		char *c = dup_exact(text, strlen(text));
		struct memcg_mounts m;

		memcg_mounts_parse(c, 20, &m);
		free(c);
		assert_string_equal(m.v1, "");
		assert_string_equal(m.v2, "");
	}
}

/* A mount point longer than the field: cut, terminated. */
static void test_mounts_long(void **state)
{
	char text[1400];
	char mp[700];
	struct memcg_mounts m;

	(void)state;
	memset(mp, 'a', sizeof(mp));
	mp[0] = '/';
	mp[sizeof(mp) - 1] = '\0';
	snprintf(text, sizeof(text), "26 24 0:23 / %s rw - cgroup2 cgroup2 rw\n", mp);
	parse_mounts(text, &m);
	assert_non_null(memchr(m.v2, '\0', sizeof(m.v2)));
	assert_true(strlen(m.v2) < sizeof(m.v2));
	assert_memory_equal(m.v2, mp, strlen(m.v2));
}

static void test_available(void **state)
{
	struct memcg_mounts m;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_false(memcg_available(&m));
	snprintf(m.v2, sizeof(m.v2), "/sys/fs/cgroup");
	assert_false(memcg_available(&m)); /* cgroup2 without its memory controller */
	m.v2_memory = true;
	assert_true(memcg_available(&m));
	memset(&m, 0, sizeof(m));
	snprintf(m.v1, sizeof(m.v1), "/sys/fs/cgroup/memory");
	assert_true(memcg_available(&m));
}

/* ------------------------------------------------------- /proc/PID/cgroup */

static bool path_parse(const char *text, bool v2, char *out, size_t cap)
{
	size_t len = strlen(text);
	char *c = dup_exact(text, len);
	bool ok;

	memset(out, 'X', cap);
	ok = memcg_path_parse(c, len, v2, out, cap);
	free(c);
	return ok;
}

static void expect_path(const char *text, bool v2, const char *want)
{
	char out[MEMCG_PATH_MAX];
	bool ok = path_parse(text, v2, out, sizeof(out));

	if (!want) {
		if (ok)
			FAIL("memcg_path_parse(\"%s\", %s) found '%s', expected none", text, v2 ? "v2" : "v1",
			     out);
		return;
	}
	if (!ok)
		FAIL("memcg_path_parse(\"%s\", %s) found none, expected '%s'", text, v2 ? "v2" : "v1", want);
	if (strcmp(out, want) != 0)
		FAIL("memcg_path_parse(\"%s\", %s) = '%s', expected '%s'", text, v2 ? "v2" : "v1", out, want);
}

static const char cgroup_this_machine[] =
	"9:name=systemd:/\n8:pids:/\n7:blkio:/\n6:freezer:/\n5:devices:/\n"
	"4:memory:/process_api/c469b015e5987694d2ba0dd51aa19a0e\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n";

static void test_path_parse(void **state)
{
	(void)state;
	expect_path("0::/a/b\n", true, "/a/b");
	expect_path("0::/a/b", true, "/a/b");
	expect_path("0::/\n", true, "/");
	expect_path("4:memory:/x\n", false, "/x");
	expect_path("4:cpu,memory:/x\n", false, "/x");
	expect_path("4:memory,cpu:/x\n", false, "/x");
	expect_path(cgroup_this_machine, false, "/process_api/c469b015e5987694d2ba0dd51aa19a0e");
	expect_path(cgroup_this_machine, true, "/");
	/* hybrid: each version takes its own line */
	expect_path("12:memory:/v1path\n1:name=systemd:/s\n0::/v2path\n", true, "/v2path");
	expect_path("12:memory:/v1path\n1:name=systemd:/s\n0::/v2path\n", false, "/v1path");
	/* no memory line */
	expect_path("4:cpu:/x\n1:name=systemd:/y\n", false, NULL);
	expect_path("4:cpu:/x\n0::/z\n", false, NULL);
	expect_path("4:memory:/x\n", true, NULL);
	/* words that only look like memory */
	expect_path("4:name=memory:/x\n", false, NULL);
	expect_path("4:memoryx:/x\n", false, NULL);
	/* a numbered hierarchy with no controller is not the unified one */
	expect_path("10::/x\n", true, NULL);
	expect_path("1::/x\n", true, NULL);
	/* empty and malformed */
	expect_path("", true, NULL);
	expect_path("", false, NULL);
	expect_path("\n", true, NULL);
	expect_path("0::\n", true, NULL);
	expect_path("4:memory:\n", false, NULL);
	expect_path("0:/x\n", true, NULL);
	expect_path("0::x\n", true, NULL);
	/* a path with a colon in it is still the path */
	expect_path("0::/a:b\n", true, "/a:b");
}

static void test_path_parse_too_long(void **state)
{
	char text[700], out[64], want[400];
	size_t i;

	(void)state;
	for (i = 0; i < 300; i++)
		want[i] = i % 10 == 0 ? '/' : 'a';
	want[300] = '\0';
	snprintf(text, sizeof(text), "0::%s\n", want);
	/* does not fit the caller's buffer: none, and the buffer is not overrun */
	assert_false(path_parse(text, true, out, sizeof(out)));
	{
		char big[512];

		assert_true(path_parse(text, true, big, sizeof(big)));
		assert_string_equal(big, want);
	}
	/* exactly cap - 1 fits, cap does not */
	assert_true(path_parse("0::/abc\n", true, out, 5));
	assert_string_equal(out, "/abc");
	assert_false(path_parse("0::/abcd\n", true, out, 5));
}

/* ----------------------------------------------------------- limit files */

static bool parse_limit(const char *text, long long *kb)
{
	size_t len = strlen(text);
	char *c = dup_exact(text, len);
	bool ok = memcg_parse_limit(c, len, kb);

	free(c);
	return ok;
}

static void expect_limit(const char *text, bool ok, long long want)
{
	long long kb = -77;
	bool got = parse_limit(text, &kb);

	if (got != ok)
		FAIL("memcg_parse_limit(\"%s\") returned %s", text, got ? "true" : "false");
	if (ok && kb != want)
		FAIL("memcg_parse_limit(\"%s\") = %lld, expected %lld", text, kb, want);
}

static void test_parse_limit(void **state)
{
	(void)state;
	expect_limit("max\n", true, -1);
	expect_limit("max", true, -1);
	/* v1's "no limit": PAGE_COUNTER_MAX pages in bytes (4 KiB and 64 KiB pages) */
	expect_limit("9223372036854771712\n", true, -1);
	expect_limit("9223372036854710272\n", true, -1);
	expect_limit("4611686018427387904\n", true, -1); /* 2^62 */
	expect_limit("4611686018427387903\n", true, 4611686018427387903LL / 1024);
	expect_limit("1048576\n", true, 1024);
	expect_limit("209715200\n", true, 204800);
	expect_limit("0\n", true, 0);
	expect_limit("1023\n", true, 0);
	expect_limit("1025\n", true, 1);
	expect_limit("137068544", true, 133856);
	/* junk */
	expect_limit("", false, 0);
	expect_limit("\n", false, 0);
	expect_limit("abc\n", false, 0);
	expect_limit("12a\n", false, 0);
	expect_limit("-1\n", false, 0);
	expect_limit(" 1024\n", false, 0);
	expect_limit("maximum\n", false, 0);
	expect_limit("MAX\n", false, 0);
	expect_limit("1.5\n", false, 0);
	expect_limit("99999999999999999999999\n", false, 0);
	expect_limit("18446744073709551617\n", false, 0);
}

/* Results the caller holds stay when the text is junk (no half-written value). */
static void test_parse_limit_keeps_out(void **state)
{
	long long kb = 12345;

	(void)state;
	assert_false(parse_limit("junk\n", &kb));
	assert_int_equal(kb, 12345);
	assert_false(parse_limit("", &kb));
	assert_int_equal(kb, 12345);
}

static bool parse_key(const char *text, const char *key, long long *v)
{
	size_t len = strlen(text);
	char *c = dup_exact(text, len);
	bool ok = memcg_parse_key(c, len, key, v);

	free(c);
	return ok;
}

static void expect_key(const char *text, const char *key, bool ok, long long want)
{
	long long v = -77;
	bool got = parse_key(text, key, &v);

	if (got != ok)
		FAIL("memcg_parse_key(\"%s\", \"%s\") returned %s", text, key, got ? "true" : "false");
	if (ok && v != want)
		FAIL("memcg_parse_key(\"%s\", \"%s\") = %lld, expected %lld", text, key, v, want);
}

static const char events_v2[] =
	"low 0\nhigh 12\nmax 40\noom 3\noom_kill 2\noom_group_kill 1\n";
static const char events_v2_kill_first[] =
	"low 0\nhigh 0\nmax 0\noom_kill 7\noom 9\n";
static const char oom_control_v1[] =
	"oom_kill_disable 0\nunder_oom 0\noom_kill 5\n";
static const char oom_control_v1_old[] =
	"oom_kill_disable 1\nunder_oom 1\n";

static void test_parse_key(void **state)
{
	(void)state;
	expect_key(events_v2, "oom", true, 3);
	expect_key(events_v2, "oom_kill", true, 2);
	expect_key(events_v2, "oom_group_kill", true, 1);
	expect_key(events_v2, "low", true, 0);
	expect_key(events_v2, "high", true, 12);
	expect_key(events_v2, "max", true, 40);
	/* "oom" is a prefix of "oom_kill": order must not matter */
	expect_key(events_v2_kill_first, "oom", true, 9);
	expect_key(events_v2_kill_first, "oom_kill", true, 7);
	/* v1: oom_kill is a prefix of oom_kill_disable, which comes first */
	expect_key(oom_control_v1, "oom_kill", true, 5);
	expect_key(oom_control_v1, "oom_kill_disable", true, 0);
	expect_key(oom_control_v1, "under_oom", true, 0);
	expect_key(oom_control_v1, "oom", false, 0);
	/* kernels before 4.13 have no oom_kill line */
	expect_key(oom_control_v1_old, "oom_kill", false, 0);
	/* missing keys */
	expect_key(events_v2, "oom_kil", false, 0);
	expect_key(events_v2, "om", false, 0);
	expect_key(events_v2, "kill", false, 0);
	expect_key("", "oom", false, 0);
	expect_key("\n\n", "oom", false, 0);
	/* a key inside a line is no key */
	expect_key("xoom 4\n", "oom", false, 0);
	/* last line without a newline */
	expect_key("low 0\noom 11", "oom", true, 11);
	/* malformed values */
	expect_key("oom \n", "oom", false, 0);
	expect_key("oom\n", "oom", false, 0);
	expect_key("oom x\n", "oom", false, 0);
	expect_key("oom -3\n", "oom", false, 0);
	expect_key("oom 99999999999999999999999\n", "oom", false, 0);
	/* large but fine */
	expect_key("oom 9223372036854775000\n", "oom", true, 9223372036854775000LL);
}

/* ------------------------------------------------------------ path helpers */

static void expect_parent(const char *path, const char *want)
{
	char out[MEMCG_PATH_MAX];
	bool ok;

	memset(out, 'X', sizeof(out));
	ok = memcg_parent(path, out, sizeof(out));
	if (!want) {
		if (ok)
			FAIL("memcg_parent(\"%s\") = '%s', expected none", path, out);
		return;
	}
	if (!ok || strcmp(out, want) != 0)
		FAIL("memcg_parent(\"%s\") = '%s' (%d), expected '%s'", path, ok ? out : "", ok, want);
}

static void test_parent(void **state)
{
	char out[4];

	(void)state;
	expect_parent("/a/b", "/a");
	expect_parent("/a/b/c", "/a/b");
	expect_parent("/a", "/");
	expect_parent("/system.slice/nginx.service", "/system.slice");
	expect_parent("/", NULL);
	expect_parent("", NULL);
	/* a parent that does not fit */
	assert_false(memcg_parent("/abc/e", out, sizeof(out)));
	assert_true(memcg_parent("/ab/e", out, sizeof(out)));
	assert_string_equal(out, "/ab");
	/* up to the root, one step at a time */
	{
		char cur[MEMCG_PATH_MAX] = "/a/b/c/d", up[MEMCG_PATH_MAX];
		int steps = 0;

		while (memcg_parent(cur, up, sizeof(up))) {
			memcpy(cur, up, sizeof(cur));
			assert_true(++steps <= 4);
		}
		assert_int_equal(steps, 4);
		assert_string_equal(cur, "/");
	}
}

static void expect_within(const char *path, const char *top, bool want)
{
	if (memcg_within(path, top) != want)
		FAIL("memcg_within(\"%s\", \"%s\") = %d, expected %d", path, top, !want, want);
}

static void test_within(void **state)
{
	(void)state;
	/* the root holds everything */
	expect_within("/", "/", true);
	expect_within("/a", "/", true);
	expect_within("/a/b/c", "/", true);
	/* exact */
	expect_within("/a", "/a", true);
	expect_within("/a/b", "/a/b", true);
	/* inside */
	expect_within("/a/b", "/a", true);
	expect_within("/a/b/c", "/a", true);
	/* a prefix that is not a path boundary */
	expect_within("/ab", "/a", false);
	expect_within("/ab/c", "/a", false);
	expect_within("/a.slice", "/a", false);
	/* outside, and above */
	expect_within("/b", "/a", false);
	expect_within("/", "/a", false);
	expect_within("/a", "/a/b", false);
	expect_within("", "/a", false);
}

static void expect_label(const char *path, const char *want)
{
	char out[MEMCG_PATH_MAX];

	memset(out, 'X', sizeof(out));
	memcg_label(path, out, sizeof(out));
	assert_non_null(memchr(out, '\0', sizeof(out)));
	if (strcmp(out, want) != 0)
		FAIL("memcg_label(\"%s\") = '%s', expected '%s'", path, out, want);
}

static void test_label(void **state)
{
	char small[8];

	(void)state;
	expect_label("/system.slice/nginx.service", "nginx.service");
	expect_label("/system.slice/system-getty.slice/getty@tty1.service", "getty@tty1.service");
	expect_label("/user.slice/user-1000.slice/user@1000.service/app.slice/syncthing.service",
		     "syncthing.service");
	expect_label("/user.slice/user-1000.slice/user@1000.service", "user@1000.service");
	expect_label("/system.slice/docker-3f2a9c1b7e44d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0.scope",
		     "docker 3f2a9c1b7e44");
	expect_label("/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope",
		     "docker 0123456789ab");
	expect_label("/kubepods/burstable/pod1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
		     "pod 1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d");
	expect_label("/kubepods/besteffort/pod0f0e0d0c-0b0a-0908-0706-050403020100",
		     "pod 0f0e0d0c-0b0a-0908-0706-050403020100");
	/* plain paths stay */
	expect_label("/oomtop-try", "/oomtop-try");
	expect_label("/", "/");
	expect_label("/user.slice/user-1000.slice/session-3.scope", "/user.slice/user-1000.slice/session-3.scope");
	expect_label("/process_api/c469b015e5987694d2ba0dd51aa19a0e", "/process_api/c469b015e5987694d2ba0dd51aa19a0e");
	/* a "pod" outside kubepods, a "docker-" too short to be an id */
	expect_label("/apps/podcast", "/apps/podcast");
	expect_label("/docker-abc.scope", "/docker-abc.scope");
	/* a small buffer: cut, terminated */
	memset(small, 'X', sizeof(small));
	memcg_label("/a/very/long/plain/path", small, sizeof(small));
	assert_string_equal(small, "/a/very");
	memset(small, 'X', sizeof(small));
	memcg_label("/kubepods/pod1a2b3c4d-5e6f", small, sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

/* -------------------------------------------------------- a fake hierarchy */

static char root[64];

static void mkdirs(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			FAIL("mkdir %s: %s", path, strerror(errno));
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		FAIL("mkdir %s: %s", path, strerror(errno));
}

/* Write a file of cgroup rel ("/" for the root). */
static void put(const char *rel, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s/%s", root, strcmp(rel, "/") == 0 ? "" : rel, name);
	f = fopen(path, "w");
	if (!f)
		FAIL("cannot write %s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup_root(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/oomtop-memcg-XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown_root(void **state)
{
	(void)state;
	return nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Empty the fake hierarchy between tests. */
static void clear_root(void)
{
	assert_int_equal(nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
	assert_int_equal(mkdir(root, 0700), 0);
}

#define BYTES_UNLIMITED "9223372036854771712\n"

/* A v1 cgroup (rel must exist): limit and usage in bytes, oom_kill count (-1: an old kernel). */
static void v1_cg(const char *rel, const char *limit, const char *usage, int oom_kill)
{
	char ctl[128];

	if (strcmp(rel, "/") != 0)
		mkdirs(rel);
	put(rel, "cgroup.procs", "");
	put(rel, "memory.limit_in_bytes", limit);
	put(rel, "memory.usage_in_bytes", usage);
	if (oom_kill >= 0)
		snprintf(ctl, sizeof(ctl), "oom_kill_disable 0\nunder_oom 0\noom_kill %d\n", oom_kill);
	else
		snprintf(ctl, sizeof(ctl), "oom_kill_disable 0\nunder_oom 0\n");
	put(rel, "memory.oom_control", ctl);
}

static void v2_cg(const char *rel, const char *max, const char *high, const char *current,
		  const char *events, const char *group, const char *pressure)
{
	if (strcmp(rel, "/") != 0)
		mkdirs(rel);
	put(rel, "cgroup.procs", "");
	if (max)
		put(rel, "memory.max", max);
	if (high)
		put(rel, "memory.high", high);
	if (current)
		put(rel, "memory.current", current);
	if (events)
		put(rel, "memory.events", events);
	if (group)
		put(rel, "memory.oom.group", group);
	if (pressure)
		put(rel, "memory.pressure", pressure);
}

static struct memcg_mounts fake_v1(void)
{
	struct memcg_mounts m;

	memset(&m, 0, sizeof(m));
	snprintf(m.v1, sizeof(m.v1), "%s", root);
	snprintf(m.v2, sizeof(m.v2), "/nonexistent/unified");
	return m;
}

static struct memcg_mounts fake_v2(void)
{
	struct memcg_mounts m;

	memset(&m, 0, sizeof(m));
	snprintf(m.v2, sizeof(m.v2), "%s", root);
	m.v2_memory = true;
	return m;
}

static void read_cg(const struct memcg_mounts *m, const char *path, struct memcg *c)
{
	memset(c, 0x5a, sizeof(*c));
	memcg_read(m, path, c);
}

static void test_read_v1(void **state)
{
	struct memcg_mounts m;
	struct memcg c;

	(void)state;
	clear_root();
	m = fake_v1();
	v1_cg("/", BYTES_UNLIMITED, "8589934592\n", 0);
	v1_cg("/oomtop-try", "209715200\n", "137068544\n", 4);
	v1_cg("/old", "104857600\n", "1048576\n", -1);
	v1_cg("/junk", "lots\n", "some\n", 1);

	read_cg(&m, "/", &c);
	assert_string_equal(c.path, "/");
	assert_true(c.exists);
	assert_false(c.v2);
	assert_int_equal(c.limit_kb, -1);
	assert_int_equal(c.usage_kb, 8388608);
	assert_int_equal(c.oom_kills, 0);
	/* v2 only */
	assert_int_equal(c.high_kb, -1);
	assert_int_equal(c.ooms, -1);
	assert_int_equal(c.oom_group, -1);
	assert_true(c.psi_some10 == -1);

	read_cg(&m, "/oomtop-try", &c);
	assert_string_equal(c.path, "/oomtop-try");
	assert_true(c.exists);
	assert_int_equal(c.limit_kb, 204800);
	assert_int_equal(c.usage_kb, 133856);
	assert_int_equal(c.oom_kills, 4);
	assert_int_equal(c.high_kb, -1);
	assert_int_equal(c.oom_group, -1);

	/* no oom_kill line: unknown */
	read_cg(&m, "/old", &c);
	assert_true(c.exists);
	assert_int_equal(c.limit_kb, 102400);
	assert_int_equal(c.usage_kb, 1024);
	assert_int_equal(c.oom_kills, -1);

	/* malformed files: unknown, never a made-up number */
	read_cg(&m, "/junk", &c);
	assert_true(c.exists);
	assert_int_equal(c.limit_kb, -1);
	assert_int_equal(c.usage_kb, -1);
	assert_int_equal(c.oom_kills, 1);

	/* a cgroup that is not there */
	read_cg(&m, "/gone", &c);
	assert_string_equal(c.path, "/gone");
	assert_false(c.exists);
	assert_int_equal(c.limit_kb, -1);
	assert_int_equal(c.usage_kb, -1);
	assert_int_equal(c.oom_kills, -1);
	assert_int_equal(c.ooms, -1);
}

/* A directory without cgroup.procs is no cgroup; one with only cgroup.procs has nothing known. */
static void test_read_v1_partial(void **state)
{
	struct memcg_mounts m;
	struct memcg c;

	(void)state;
	clear_root();
	m = fake_v1();
	mkdirs("/plain");
	mkdirs("/bare");
	put("/bare", "cgroup.procs", "");
	read_cg(&m, "/plain", &c);
	assert_false(c.exists);
	read_cg(&m, "/bare", &c);
	assert_true(c.exists);
	assert_int_equal(c.limit_kb, -1);
	assert_int_equal(c.usage_kb, -1);
	assert_int_equal(c.oom_kills, -1);
}

static const char pressure[] =
	"some avg10=1.50 avg60=0.25 avg300=0.05 total=123456\n"
	"full avg10=0.75 avg60=0.10 avg300=0.01 total=65432\n";

static void test_read_v2(void **state)
{
	struct memcg_mounts m;
	struct memcg c;

	(void)state;
	clear_root();
	m = fake_v2();
	/* the root has no memory.max, memory.high nor memory.events */
	v2_cg("/", NULL, NULL, NULL, NULL, NULL, pressure);
	v2_cg("/web.slice", "max\n", "max\n", "52428800\n", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n",
	      "0\n", NULL);
	v2_cg("/web.slice/app.service", "209715200\n", "167772160\n", "137068544\n", events_v2, "1\n",
	      pressure);

	read_cg(&m, "/", &c);
	assert_true(c.exists);
	assert_true(c.v2);
	assert_int_equal(c.limit_kb, -1);
	assert_int_equal(c.high_kb, -1);
	assert_int_equal(c.usage_kb, -1);
	assert_int_equal(c.oom_kills, -1);
	assert_int_equal(c.ooms, -1);
	assert_int_equal(c.oom_group, -1);
	assert_true(c.psi_some10 > 1.49 && c.psi_some10 < 1.51);

	read_cg(&m, "/web.slice", &c);
	assert_true(c.exists);
	assert_int_equal(c.limit_kb, -1);
	assert_int_equal(c.high_kb, -1);
	assert_int_equal(c.usage_kb, 51200);
	assert_int_equal(c.oom_kills, 0);
	assert_int_equal(c.ooms, 0);
	assert_int_equal(c.oom_group, 0);
	assert_true(c.psi_some10 == -1);

	read_cg(&m, "/web.slice/app.service", &c);
	assert_true(c.exists);
	assert_true(c.v2);
	assert_int_equal(c.limit_kb, 204800);
	assert_int_equal(c.high_kb, 163840);
	assert_int_equal(c.usage_kb, 133856);
	assert_int_equal(c.oom_kills, 2);
	assert_int_equal(c.ooms, 3);
	assert_int_equal(c.oom_group, 1);
	assert_true(c.psi_some10 > 1.49 && c.psi_some10 < 1.51);

	read_cg(&m, "/web.slice/nope", &c);
	assert_false(c.exists);
	assert_true(c.v2);
	assert_int_equal(c.limit_kb, -1);
}

/* Malformed v2 files: unknown. */
static void test_read_v2_junk(void **state)
{
	struct memcg_mounts m;
	struct memcg c;

	(void)state;
	clear_root();
	m = fake_v2();
	v2_cg("/j", "big\n", "-5\n", "x\n", "nothing here\n", "0\n", "garbage\n");
	read_cg(&m, "/j", &c);
	assert_true(c.exists);
	assert_int_equal(c.limit_kb, -1);
	assert_int_equal(c.high_kb, -1);
	assert_int_equal(c.usage_kb, -1);
	assert_int_equal(c.oom_kills, -1);
	assert_int_equal(c.ooms, -1);
	assert_int_equal(c.oom_group, 0);
	assert_true(c.psi_some10 == -1);
}

/* The hierarchy is v2's when v2 has the memory controller, else v1's. */
static void test_read_which_hierarchy(void **state)
{
	struct memcg_mounts m;
	struct memcg c;

	(void)state;
	clear_root();
	v1_cg("/x", "1048576\n", "0\n", 0);
	/* cgroup2 mounted without its memory controller: v1 is read */
	memset(&m, 0, sizeof(m));
	snprintf(m.v1, sizeof(m.v1), "%s", root);
	snprintf(m.v2, sizeof(m.v2), "/nonexistent");
	read_cg(&m, "/x", &c);
	assert_true(c.exists);
	assert_false(c.v2);
	assert_int_equal(c.limit_kb, 1024);
	/* nothing mounted: nothing exists */
	memset(&m, 0, sizeof(m));
	read_cg(&m, "/x", &c);
	assert_false(c.exists);
	assert_int_equal(c.limit_kb, -1);
	assert_int_equal(c.usage_kb, -1);
}

static void set_init_fake(struct memcg_set *s, struct memcg_mounts m)
{
	memcg_set_init(s);
	s->mounts = m;
}

static void test_set_get_cache(void **state)
{
	struct memcg_set s;
	const struct memcg *c;

	(void)state;
	clear_root();
	v1_cg("/", BYTES_UNLIMITED, "0\n", 0);
	v1_cg("/a", "209715200\n", "1048576\n", 0);
	set_init_fake(&s, fake_v1());
	memcg_set_begin(&s);

	c = memcg_set_get(&s, "/a");
	assert_non_null(c);
	assert_true(c->exists);
	assert_int_equal(c->limit_kb, 204800);
	assert_int_equal(c->usage_kb, 1024);
	assert_int_equal(c->gen, s.gen);

	/* the files change: the same value until the next refresh */
	put("/a", "memory.limit_in_bytes", "104857600\n");
	put("/a", "memory.usage_in_bytes", "2097152\n");
	c = memcg_set_get(&s, "/a");
	assert_int_equal(c->limit_kb, 204800);
	assert_int_equal(c->usage_kb, 1024);
	assert_int_equal(s.n, 1);

	memcg_set_begin(&s);
	c = memcg_set_get(&s, "/a");
	assert_int_equal(c->limit_kb, 102400);
	assert_int_equal(c->usage_kb, 2048);
	assert_int_equal(c->gen, s.gen);
	assert_int_equal(s.n, 1); /* one entry per path */

	/* a cgroup that appears later is seen on the next refresh */
	c = memcg_set_get(&s, "/b");
	assert_false(c->exists);
	v1_cg("/b", "1048576\n", "0\n", 2);
	c = memcg_set_get(&s, "/b");
	assert_false(c->exists);
	memcg_set_begin(&s);
	c = memcg_set_get(&s, "/b");
	assert_true(c->exists);
	assert_int_equal(c->oom_kills, 2);

	/* and one removed disappears */
	put("/b", "cgroup.procs", "");
	{
		char p[512];

		snprintf(p, sizeof(p), "%s/b/cgroup.procs", root);
		unlink(p);
	}
	memcg_set_begin(&s);
	c = memcg_set_get(&s, "/b");
	assert_false(c->exists);

	/* paths that are not cgroup paths */
	assert_null(memcg_set_get(&s, "a"));
	assert_null(memcg_set_get(&s, ""));
	{
		char longp[MEMCG_PATH_MAX + 10];

		memset(longp, 'a', sizeof(longp));
		longp[0] = '/';
		longp[sizeof(longp) - 1] = '\0';
		assert_null(memcg_set_get(&s, longp));
	}
	memcg_set_fini(&s);
}

/* Many cgroups: the set grows and every entry keeps its path and value. */
static void test_set_get_many(void **state)
{
	struct memcg_set s;
	int i;

	(void)state;
	clear_root();
	set_init_fake(&s, fake_v1());
	for (i = 0; i < 150; i++) {
		char rel[32], lim[32];

		snprintf(rel, sizeof(rel), "/c%d", i);
		snprintf(lim, sizeof(lim), "%d\n", (i + 1) * 1024);
		v1_cg(rel, lim, "0\n", 0);
	}
	memcg_set_begin(&s);
	for (i = 0; i < 150; i++) {
		char rel[32];
		const struct memcg *c;

		snprintf(rel, sizeof(rel), "/c%d", i);
		c = memcg_set_get(&s, rel);
		assert_non_null(c);
		assert_int_equal(c->limit_kb, i + 1);
	}
	assert_int_equal(s.n, 150);
	for (i = 149; i >= 0; i--) {
		char rel[32];
		const struct memcg *c;

		snprintf(rel, sizeof(rel), "/c%d", i);
		c = memcg_set_get(&s, rel);
		assert_string_equal(c->path, rel);
		assert_int_equal(c->limit_kb, i + 1);
	}
	assert_int_equal(s.n, 150);
	memcg_set_fini(&s);
	assert_null(s.v);
	assert_int_equal(s.n, 0);
}

static void expect_limiter(struct memcg_set *s, const char *path, const char *want, long long want_kb)
{
	const struct memcg *c = memcg_set_limiter(s, path);

	if (!want) {
		if (c)
			FAIL("memcg_set_limiter(\"%s\") = '%s', expected none", path, c->path);
		return;
	}
	if (!c)
		FAIL("memcg_set_limiter(\"%s\") = none, expected '%s'", path, want);
	if (strcmp(c->path, want) != 0 || c->limit_kb != want_kb)
		FAIL("memcg_set_limiter(\"%s\") = '%s' (%lld KiB), expected '%s' (%lld KiB)", path, c->path,
		     c->limit_kb, want, want_kb);
}

static void test_set_limiter_v1(void **state)
{
	struct memcg_set s;

	(void)state;
	clear_root();
	v1_cg("/", BYTES_UNLIMITED, "0\n", 0);
	v1_cg("/a", "209715200\n", "0\n", 0);
	v1_cg("/a/b", BYTES_UNLIMITED, "0\n", 0);
	v1_cg("/a/b/c", "104857600\n", "0\n", 0);
	v1_cg("/a/b/d", BYTES_UNLIMITED, "0\n", 0);
	v1_cg("/z", BYTES_UNLIMITED, "0\n", 0);
	v1_cg("/z/y", BYTES_UNLIMITED, "0\n", 0);
	v1_cg("/ab", "1048576\n", "0\n", 0);
	set_init_fake(&s, fake_v1());
	memcg_set_begin(&s);
	/* its own limit */
	expect_limiter(&s, "/a", "/a", 204800);
	expect_limiter(&s, "/a/b/c", "/a/b/c", 102400);
	/* the nearest limited ancestor */
	expect_limiter(&s, "/a/b", "/a", 204800);
	expect_limiter(&s, "/a/b/d", "/a", 204800);
	/* a cgroup that is gone: its ancestors still bite */
	expect_limiter(&s, "/a/b/gone", "/a", 204800);
	/* /ab is no ancestor of /a... */
	expect_limiter(&s, "/ab", "/ab", 1024);
	/* none */
	expect_limiter(&s, "/z/y", NULL, 0);
	expect_limiter(&s, "/z", NULL, 0);
	expect_limiter(&s, "/", NULL, 0);
	expect_limiter(&s, "/nope/nothing", NULL, 0);
	/* a limit set between refreshes counts from the next one */
	put("/z", "memory.limit_in_bytes", "2097152\n");
	expect_limiter(&s, "/z/y", NULL, 0);
	memcg_set_begin(&s);
	expect_limiter(&s, "/z/y", "/z", 2048);
	/* a limit of 0 is a limit */
	put("/a/b", "memory.limit_in_bytes", "0\n");
	memcg_set_begin(&s);
	expect_limiter(&s, "/a/b/d", "/a/b", 0);
	memcg_set_fini(&s);
}

static void test_set_limiter_v2(void **state)
{
	struct memcg_set s;

	(void)state;
	clear_root();
	v2_cg("/", NULL, NULL, NULL, NULL, NULL, NULL);
	v2_cg("/system.slice", "max\n", "max\n", "0\n", NULL, NULL, NULL);
	v2_cg("/system.slice/db.service", "max\n", "max\n", "0\n", NULL, NULL, NULL);
	v2_cg("/user.slice", "4294967296\n", "max\n", "0\n", NULL, NULL, NULL);
	v2_cg("/user.slice/user-1000.slice", "max\n", "max\n", "0\n", NULL, NULL, NULL);
	set_init_fake(&s, fake_v2());
	memcg_set_begin(&s);
	expect_limiter(&s, "/system.slice/db.service", NULL, 0);
	expect_limiter(&s, "/user.slice/user-1000.slice", "/user.slice", 4194304);
	expect_limiter(&s, "/user.slice/user-1000.slice/session-2.scope", "/user.slice", 4194304);
	/* memory.high is no limit */
	put("/system.slice/db.service", "memory.high", "1048576\n");
	memcg_set_begin(&s);
	expect_limiter(&s, "/system.slice/db.service", NULL, 0);
	memcg_set_fini(&s);
}

static bool set_has(const struct memcg_set *s, const char *path)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].path, path) == 0)
			return true;
	return false;
}

static void test_set_scan(void **state)
{
	static const char *const dirs[] = { "/a", "/a/b", "/a/b/c", "/d", "/d/e" };
	struct memcg_set s;
	size_t i, n;

	(void)state;
	clear_root();
	v1_cg("/", BYTES_UNLIMITED, "0\n", 0);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		v1_cg(dirs[i], "1048576\n", "0\n", 0);
	/* not cgroups: a hidden directory, and files */
	mkdirs("/.hidden");
	put("/a", "notes.txt", "x");
	set_init_fake(&s, fake_v1());
	memcg_set_begin(&s);
	assert_false(s.scanned);
	n = memcg_set_scan(&s, 100);
	assert_int_equal(n, 6);
	assert_true(s.scanned);
	assert_true(set_has(&s, "/"));
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (!set_has(&s, dirs[i]))
			FAIL("the scan did not find %s", dirs[i]);
	assert_false(set_has(&s, "/.hidden"));
	assert_int_equal(s.n, 6);
	for (i = 0; i < s.n; i++) {
		assert_int_equal(s.v[i].gen, s.gen);
		assert_true(s.v[i].exists);
	}
	/* again in the same refresh: the same entries, no duplicate */
	assert_int_equal(memcg_set_scan(&s, 100), 6);
	assert_int_equal(s.n, 6);
	/* the next refresh is not scanned until asked */
	memcg_set_begin(&s);
	assert_false(s.scanned);
	memcg_set_fini(&s);
}

static void test_set_scan_cap(void **state)
{
	struct memcg_set s;
	size_t n;
	int i;

	(void)state;
	clear_root();
	v1_cg("/", BYTES_UNLIMITED, "0\n", 0);
	for (i = 0; i < 20; i++) {
		char rel[16];

		snprintf(rel, sizeof(rel), "/c%02d", i);
		v1_cg(rel, "1048576\n", "0\n", 0);
	}
	set_init_fake(&s, fake_v1());
	memcg_set_begin(&s);
	n = memcg_set_scan(&s, 5);
	assert_int_equal(n, 5);
	assert_int_equal(s.n, 5);
	assert_true(set_has(&s, "/"));
	memcg_set_begin(&s);
	assert_int_equal(memcg_set_scan(&s, 1), 1);
	memcg_set_begin(&s);
	assert_int_equal(memcg_set_scan(&s, 0), 0);
	memcg_set_begin(&s);
	assert_int_equal(memcg_set_scan(&s, 1000), 21);
	assert_int_equal(s.n, 21);
	memcg_set_fini(&s);
}

/* Nothing mounted: nothing scanned. */
static void test_set_scan_nothing(void **state)
{
	struct memcg_set s;

	(void)state;
	memcg_set_init(&s);
	memset(&s.mounts, 0, sizeof(s.mounts));
	memcg_set_begin(&s);
	assert_int_equal(memcg_set_scan(&s, 100), 0);
	assert_int_equal(s.n, 0);
	assert_null(memcg_set_limiter(&s, "/a/b"));
	memcg_set_fini(&s);
}

static void test_set_scan_v2(void **state)
{
	struct memcg_set s;

	(void)state;
	clear_root();
	v2_cg("/", NULL, NULL, NULL, NULL, NULL, NULL);
	v2_cg("/system.slice", "max\n", "max\n", "0\n", NULL, NULL, NULL);
	v2_cg("/system.slice/nginx.service", "209715200\n", "max\n", "1048576\n", events_v2, "0\n", NULL);
	set_init_fake(&s, fake_v2());
	memcg_set_begin(&s);
	assert_int_equal(memcg_set_scan(&s, 100), 3);
	assert_true(set_has(&s, "/system.slice/nginx.service"));
	memcg_set_fini(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mounts_v1_this_machine),
		cmocka_unit_test(test_mounts_v2),
		cmocka_unit_test(test_mounts_hybrid),
		cmocka_unit_test(test_mounts_none),
		cmocka_unit_test(test_mounts_escaped),
		cmocka_unit_test(test_mounts_controllers),
		cmocka_unit_test(test_mounts_first_wins),
		cmocka_unit_test(test_mounts_malformed),
		cmocka_unit_test(test_mounts_long),
		cmocka_unit_test(test_available),
		cmocka_unit_test(test_path_parse),
		cmocka_unit_test(test_path_parse_too_long),
		cmocka_unit_test(test_parse_limit),
		cmocka_unit_test(test_parse_limit_keeps_out),
		cmocka_unit_test(test_parse_key),
		cmocka_unit_test(test_parent),
		cmocka_unit_test(test_within),
		cmocka_unit_test(test_label),
		cmocka_unit_test(test_read_v1),
		cmocka_unit_test(test_read_v1_partial),
		cmocka_unit_test(test_read_v2),
		cmocka_unit_test(test_read_v2_junk),
		cmocka_unit_test(test_read_which_hierarchy),
		cmocka_unit_test(test_set_get_cache),
		cmocka_unit_test(test_set_get_many),
		cmocka_unit_test(test_set_limiter_v1),
		cmocka_unit_test(test_set_limiter_v2),
		cmocka_unit_test(test_set_scan),
		cmocka_unit_test(test_set_scan_cap),
		cmocka_unit_test(test_set_scan_nothing),
		cmocka_unit_test(test_set_scan_v2),
	};

	return cmocka_run_group_tests_name("memcg", tests, setup_root, teardown_root);
}
