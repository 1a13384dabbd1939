/* test_pidref.c - processes held by identity: the stat parser, a checked
 * /proc/PID directory fd, integer files through it, and pidfd signals */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pidref.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

/* ---- pidref_parse_start on fixtures ---- */

/* A real stat line (Linux 6.x, 52 fields): starttime (22) is 98765. */
static const char stat_normal[] =
	"1234 (sleep) S 1 1234 1234 0 -1 4194304 97 0 0 0 0 0 0 0 20 0 1 0 98765 "
	"5726208 256 18446744073709551615 94000000000000 94000000010000 "
	"140720000000000 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94000000020000 "
	"94000000021000 94000001000000 140720000001000 140720000001020 "
	"140720000001020 140720000004000 0\n";

static void expect_start(const char *what, const char *buf, size_t len, unsigned long long want)
{
	unsigned long long got = 0xdeadbeefULL;

	if (!pidref_parse_start(buf, len, &got))
		FAIL("%s: not parsed: '%.*s'", what, (int)len, buf);
	if (got != want)
		FAIL("%s: start %llu, expected %llu", what, got, want);
}

static void expect_no_start(const char *what, const char *buf, size_t len)
{
	unsigned long long got = 0xdeadbeefULL;

	if (pidref_parse_start(buf, len, &got))
		FAIL("%s: parsed as %llu: '%.*s'", what, got, (int)len, buf);
}

#define START(what, s, want) expect_start(what, s, strlen(s), want)
#define NO_START(what, s) expect_no_start(what, s, strlen(s))

static void test_parse_normal(void **state)
{
	(void)state;
	expect_start("normal", stat_normal, sizeof(stat_normal) - 1, 98765);
	/* without the final newline, too */
	expect_start("no newline", stat_normal, sizeof(stat_normal) - 2, 98765);
	/* the line ends right after field 22 */
	START("ends at 22", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 42", 42);
	START("ends at 22 nl", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 42\n", 42);
	/* beyond 32 bits */
	START("64-bit", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 4294967296000 0", 4294967296000ULL);
	START("zero", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 0 0", 0);
	/* only len bytes count: the text after them is not read */
	expect_start("len cut", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 4299 0",
		     strlen("7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 42"), 42);
}

static void test_parse_hostile_names(void **state)
{
	(void)state;
	/* spaces in the name shift nothing */
	START("spaces", "9 (Web Content) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 555 1 2\n", 555);
	START("only spaces", "9 (   ) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 556 1 2\n", 556);
	/* parentheses in the name */
	START("parens", "9 ((sd-pam)) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 557 1 2\n", 557);
	START("open paren", "9 (a(b) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 558 1 2\n", 558);
	/* ') ' and a fake stat tail inside the name: fields count after the last ')' */
	START("fake tail",
	      "9 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 999) S 1 9 9 0 -1 0 0 0 0 "
	      "0 0 0 0 0 20 0 1 0 559 1 2\n", 559);
	START("close paren space", "9 () ) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 560 1 2\n", 560);
	START("empty name", "9 () S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 561 1 2\n", 561);
	/* a newline in the name (comm may hold one) */
	START("newline in name", "9 (a\nb) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 562 1 2\n", 562);
}

static void test_parse_bad(void **state)
{
	(void)state;
	NO_START("empty", "");
	expect_no_start("empty, len 0", stat_normal, 0);
	NO_START("no paren", "1234 sleep S 1 1234 1234 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 98765 1\n");
	NO_START("only name", "1234 (sleep)");
	NO_START("only name nl", "1234 (sleep)\n");
	/* truncated before field 22 */
	NO_START("truncated", "1234 (sleep) S 1 1234 1234 0 -1 4194304 97 0 0 0 0 0 0 0 20 0 1 0");
	NO_START("truncated nl", "1234 (sleep) S 1 1234 1234 0 -1 4194304 97 0 0 0 0 0 0 0 20 0 1 0 \n");
	expect_no_start("truncated mid", stat_normal, 40);
	/* field 22 is not a number */
	NO_START("letters", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 12a4 0\n");
	NO_START("word", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 abc 0\n");
	NO_START("negative", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 -5 0\n");
	NO_START("plus", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 +5 0\n");
	NO_START("tab", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5\t0\n");
	/* beyond 64 bits */
	NO_START("overflow", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 18446744073709551616 0\n");
	NO_START("overflow long", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99999999999999999999999 0\n");
	/* the newline ends the line: what follows it is no field */
	NO_START("line ends", "7 (x) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1\n0 42 0\n");
}

/* ---- fixtures in a directory standing for /proc ---- */

static char fixdir[64];

static void fix_write(const char *rel, const char *text)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", fixdir, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void fix_mkdir(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", fixdir, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static int fix_setup(void **state)
{
	(void)state;
	snprintf(fixdir, sizeof(fixdir), "/tmp/oomtop-pidref-XXXXXX");
	if (!mkdtemp(fixdir))
		return -1;
	return 0;
}

static int fix_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fixdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_open_fixture(void **state)
{
	struct pidref r;
	int err = -1, v = 0;
	enum pidref_status st;
	char buf[8];

	(void)state;
	fix_mkdir("4242");
	fix_write("4242/stat",
		  "4242 (my proc) S 1 4242 4242 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0\n");
	fix_write("4242/oom_score_adj", "-1000\n");
	fix_write("4242/oom_score", "  12\n");
	fix_write("4242/bad1", "abc\n");
	fix_write("4242/bad2", "12x\n");
	fix_write("4242/bad3", "");
	fix_write("4242/bad4", "99999999999999999999\n");
	fix_write("4242/bad5", "100001\n");
	fix_write("4242/bad6", "-100001\n");
	fix_write("4242/long", "0123456789abcdef");

	st = pidref_open(&r, fixdir, 4242, 777, &err);
	if (st != PIDREF_OK)
		FAIL("open of the fixture: status %d, err %d", st, err);
	assert_int_equal(r.pid, 4242);
	assert_true(r.start_time == 777);
	assert_true(r.dirfd >= 0);

	assert_int_equal(pidref_read_int(&r, "oom_score_adj", &v), 0);
	assert_int_equal(v, -1000);
	assert_int_equal(pidref_read_int(&r, "oom_score", &v), 0);
	assert_int_equal(v, 12);
	v = 5;
	assert_int_equal(pidref_read_int(&r, "bad1", &v), -EIO);
	assert_int_equal(pidref_read_int(&r, "bad2", &v), -EIO);
	assert_int_equal(pidref_read_int(&r, "bad3", &v), -EIO);
	assert_int_equal(pidref_read_int(&r, "bad4", &v), -EIO);
	/* far beyond any oom_score or oom_score_adj */
	assert_int_equal(pidref_read_int(&r, "bad5", &v), -EIO);
	assert_int_equal(pidref_read_int(&r, "bad6", &v), -EIO);
	assert_int_equal(v, 5);
	assert_int_equal(pidref_read_int(&r, "missing", &v), -ENOENT);

	/* pidref_read cuts at cap - 1 and terminates */
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(pidref_read(&r, "long", buf, sizeof(buf)), 7);
	assert_string_equal(buf, "0123456");

	pidref_close(&r);
	assert_int_equal(r.dirfd, -1);
	pidref_close(&r); /* twice is harmless */
	assert_int_equal(r.dirfd, -1);
}

static void test_write_fixture(void **state)
{
	struct pidref r;
	int err, v = 0;
	bool opened = false;
	char buf[32];

	(void)state;
	fix_mkdir("77");
	fix_write("77/stat", "77 (w) S 1 77 77 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0\n");
	fix_write("77/oom_score_adj", "0\n");
	assert_int_equal(pidref_open(&r, fixdir, 77, 5, &err), PIDREF_OK);

	assert_int_equal(pidref_write_int(&r, "oom_score_adj", -250, &opened), 0);
	assert_true(opened);
	assert_true(pidref_read(&r, "oom_score_adj", buf, sizeof(buf)) >= 0);
	assert_string_equal(buf, "-250\n");
	assert_int_equal(pidref_read_int(&r, "oom_score_adj", &v), 0);
	assert_int_equal(v, -250);

	/* a file that is not there: the open failed */
	opened = true;
	assert_int_equal(pidref_write_int(&r, "nothing", 1, &opened), -ENOENT);
	assert_false(opened);
	pidref_close(&r);
}

static void test_open_fixture_mismatch(void **state)
{
	struct pidref r;
	int err = -1;
	enum pidref_status st;

	(void)state;
	fix_mkdir("100");
	fix_write("100/stat", "100 (a) S 1 100 100 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1000 0 0\n");
	fix_mkdir("101");
	fix_write("101/stat", "101 (a) S 1 101 101 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0\n");
	fix_mkdir("102"); /* no stat at all */

	/* another start time: the PID names another process now */
	r.dirfd = 12345;
	st = pidref_open(&r, fixdir, 100, 999, &err);
	assert_int_equal(st, PIDREF_REUSED);
	assert_int_equal(r.dirfd, -1);
	st = pidref_open(&r, fixdir, 100, 1001, &err);
	assert_int_equal(st, PIDREF_REUSED);
	assert_int_equal(r.dirfd, -1);

	/* a stat that cannot be parsed: an error, not OK */
	err = 0;
	st = pidref_open(&r, fixdir, 101, 0, &err);
	if (st != PIDREF_ERROR || err != EIO)
		FAIL("truncated stat: status %d err %d, expected PIDREF_ERROR and EIO", st, err);
	assert_int_equal(r.dirfd, -1);

	/* no stat: gone */
	st = pidref_open(&r, fixdir, 102, 0, &err);
	assert_int_equal(st, PIDREF_GONE);
	assert_int_equal(r.dirfd, -1);

	/* no directory: gone */
	err = 0;
	st = pidref_open(&r, fixdir, 103, 0, &err);
	assert_int_equal(st, PIDREF_GONE);
	assert_int_equal(err, ENOENT);
	assert_int_equal(r.dirfd, -1);

	/* PIDs that no process has, even where a directory of that name exists */
	fix_mkdir("0");
	fix_write("0/stat", "0 (a) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 0 0 0\n");
	fix_mkdir("-1");
	fix_write("-1/stat", "-1 (a) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 0 0 0\n");
	assert_int_equal(pidref_open(&r, fixdir, 0, 0, &err), PIDREF_GONE);
	assert_int_equal(r.dirfd, -1);
	assert_int_equal(pidref_open(&r, fixdir, -1, 0, &err), PIDREF_GONE);
	assert_int_equal(r.dirfd, -1);
}

/* ---- the real /proc ---- */

/* The start time of pid, read from /proc/PID/stat without pidref. */
static unsigned long long stat_start_of(int pid)
{
	char path[64], buf[4096], *p, *save = NULL, *tok;
	unsigned long long v = 0;
	int fd, field = 2;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		FAIL("cannot open %s: %s", path, strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n > 0);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	assert_non_null(p);
	for (tok = strtok_r(p + 1, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
		if (++field == 22) {
			v = strtoull(tok, NULL, 10);
			break;
		}
	assert_int_equal(field, 22);
	return v;
}

/* The child of the current test; the teardown kills and reaps it. */
static pid_t child = -1;

static pid_t spawn(void)
{
	pid_t parent = getpid();

	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
		for (;;)
			pause();
	}
	return child;
}

/* Reap the child; its wait status. */
static int reap(void)
{
	int status = 0;
	pid_t got;

	do
		got = waitpid(child, &status, 0);
	while (got < 0 && errno == EINTR);
	assert_int_equal(got, child);
	child = -1;
	return status;
}

static int child_teardown(void **state)
{
	(void)state;
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		child = -1;
	}
	return 0;
}

static void test_open_self(void **state)
{
	struct pidref r;
	int err = -1, v = 99999;
	unsigned long long start = stat_start_of(getpid());
	char path[64], buf[32];
	FILE *f;
	int want;

	(void)state;
	assert_int_equal(pidref_open(&r, "/proc", getpid(), start, &err), PIDREF_OK);
	assert_int_equal(err, 0);
	assert_true(r.dirfd >= 0);
	assert_true(r.start_time == start);

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", getpid());
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	want = atoi(buf);
	assert_int_equal(pidref_read_int(&r, "oom_score_adj", &v), 0);
	assert_int_equal(v, want);
	v = -1;
	assert_int_equal(pidref_read_int(&r, "oom_score", &v), 0);
	assert_true(v >= 0 && v <= 2000);
	pidref_close(&r);

	/* a start time one tick off is another process */
	assert_int_equal(pidref_open(&r, "/proc", getpid(), start + 1, &err), PIDREF_REUSED);
	assert_int_equal(r.dirfd, -1);
	if (start > 0) {
		assert_int_equal(pidref_open(&r, "/proc", getpid(), start - 1, &err), PIDREF_REUSED);
		assert_int_equal(r.dirfd, -1);
	}

	/* signal 0 through the pidfd: allowed, and nothing happens */
	assert_int_equal(pidref_open(&r, "/proc", getpid(), start, &err), PIDREF_OK);
	assert_int_equal(pidref_signal(&r, "/proc", 0), 0);
	pidref_close(&r);
}

static void test_open_child(void **state)
{
	struct pidref r;
	int err = -1;
	pid_t pid = spawn();
	unsigned long long start = stat_start_of(pid);

	(void)state;
	assert_int_equal(pidref_open(&r, "/proc", pid, start, &err), PIDREF_OK);
	assert_int_equal(r.pid, pid);
	assert_true(r.dirfd >= 0);
	pidref_close(&r);

	assert_int_equal(pidref_open(&r, "/proc", pid, start + 1, &err), PIDREF_REUSED);
	assert_int_equal(r.dirfd, -1);
	assert_int_equal(pidref_open(&r, "/proc", pid, 0, &err), PIDREF_REUSED);
	assert_int_equal(r.dirfd, -1);

	/* reaped: gone */
	kill(pid, SIGKILL);
	reap();
	err = 0;
	assert_int_equal(pidref_open(&r, "/proc", pid, start, &err), PIDREF_GONE);
	assert_int_equal(r.dirfd, -1);
	assert_true(err == ENOENT || err == ESRCH);
}

static void test_adj_child(void **state)
{
	struct pidref r;
	int err, v = 12345, cur, up, down, rc;
	bool opened = false, sys_resource;
	pid_t pid = spawn();
	unsigned long long start = stat_start_of(pid);
	char line[256];
	FILE *f;
	unsigned long long capeff = 0;

	(void)state;
	f = fopen("/proc/self/status", "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "CapEff:", 7) == 0)
			capeff = strtoull(line + 7, NULL, 16);
	fclose(f);
	sys_resource = (capeff >> 24) & 1;

	assert_int_equal(pidref_open(&r, "/proc", pid, start, &err), PIDREF_OK);
	assert_int_equal(pidref_read_int(&r, "oom_score_adj", &cur), 0);

	/* raising works without CAP_SYS_RESOURCE */
	up = cur <= 500 ? cur + 300 : 1000;
	rc = pidref_write_int(&r, "oom_score_adj", up, &opened);
	if (rc != 0)
		FAIL("raising %d -> %d: %s", cur, up, strerror(-rc));
	assert_true(opened);
	assert_int_equal(pidref_read_int(&r, "oom_score_adj", &v), 0);
	assert_int_equal(v, up);

	/* and it is the child's value, not ours */
	snprintf(line, sizeof(line), "/proc/%d/oom_score_adj", pid);
	f = fopen(line, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	assert_int_equal(atoi(line), up);

	/* lowering below the floor: works with CAP_SYS_RESOURCE, else EACCES after the open */
	down = -1000;
	opened = false;
	rc = pidref_write_int(&r, "oom_score_adj", down, &opened);
	assert_true(opened);
	assert_int_equal(pidref_read_int(&r, "oom_score_adj", &v), 0);
	if (sys_resource) {
		if (rc != 0)
			FAIL("lowering to %d with CAP_SYS_RESOURCE: %s", down, strerror(-rc));
		assert_int_equal(v, down);
	} else {
		if (rc != -EACCES)
			FAIL("lowering to %d without CAP_SYS_RESOURCE gave %d, expected -EACCES", down, rc);
		assert_int_equal(v, up);
	}

	/* a value the kernel refuses: the open worked, the write did not */
	opened = false;
	assert_int_equal(pidref_write_int(&r, "oom_score_adj", 1001, &opened), -EINVAL);
	assert_true(opened);
	opened = false;
	assert_int_equal(pidref_write_int(&r, "oom_score_adj", -1001, &opened), -EINVAL);
	assert_true(opened);
	assert_int_equal(pidref_read_int(&r, "oom_score_adj", &v), 0);
	assert_int_equal(v, sys_resource ? down : up);
	pidref_close(&r);
}

static void test_signal_child(void **state)
{
	struct pidref r;
	int err, status;
	pid_t pid = spawn();
	unsigned long long start = stat_start_of(pid);

	(void)state;
	assert_int_equal(pidref_open(&r, "/proc", pid, start, &err), PIDREF_OK);
	pidref_close(&r);
	/* the signal needs the start time only, not an open dirfd */
	assert_int_equal(pidref_signal(&r, "/proc", SIGTERM), 0);
	status = reap();
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM)
		FAIL("the child ended with status 0x%x, expected SIGTERM", status);

	/* reaped: nothing to signal */
	assert_int_equal(pidref_signal(&r, "/proc", SIGTERM), -ESRCH);
	assert_int_equal(pidref_signal(&r, "/proc", 0), -ESRCH);
}

static void test_signal_wrong_start(void **state)
{
	struct pidref r = { 0 };
	int status;
	pid_t pid = spawn();
	unsigned long long start = stat_start_of(pid);

	(void)state;
	r.pid = pid;
	r.start_time = start + 1;
	r.dirfd = -1;
	assert_int_equal(pidref_signal(&r, "/proc", SIGTERM), -ESRCH);
	r.start_time = start ? start - 1 : 12345;
	assert_int_equal(pidref_signal(&r, "/proc", SIGTERM), -ESRCH);
	/* still alive */
	assert_int_equal(waitpid(pid, &status, WNOHANG), 0);
	assert_int_equal(kill(pid, 0), 0);
	/* a fatal signal is decided when sent: had SIGTERM gone out, the child would die of it */
	assert_int_equal(kill(pid, SIGKILL), 0);
	status = reap();
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		FAIL("the child ended with status 0x%x, expected SIGKILL only", status);
}

/* An open dirfd keeps naming the dead process: it never reads another one. */
static void test_dirfd_after_exit(void **state)
{
	struct pidref r;
	int err, v = 4242, rc;
	bool opened = true;
	pid_t pid = spawn();
	unsigned long long start = stat_start_of(pid);
	char buf[64];

	(void)state;
	assert_int_equal(pidref_open(&r, "/proc", pid, start, &err), PIDREF_OK);
	assert_int_equal(pidref_read_int(&r, "oom_score_adj", &v), 0);
	kill(pid, SIGKILL);
	reap();

	v = 4242;
	rc = pidref_read_int(&r, "oom_score_adj", &v);
	if (rc >= 0)
		FAIL("read oom_score_adj %d through the fd of a reaped process", v);
	assert_int_equal(v, 4242);
	assert_true(pidref_read(&r, "stat", buf, sizeof(buf)) < 0);
	rc = pidref_write_int(&r, "oom_score_adj", 500, &opened);
	if (rc >= 0)
		FAIL("wrote oom_score_adj through the fd of a reaped process");
	/* the signal path checks the PID again: gone */
	assert_int_equal(pidref_signal(&r, "/proc", SIGTERM), -ESRCH);
	pidref_close(&r);
	assert_int_equal(r.dirfd, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_normal),
		cmocka_unit_test(test_parse_hostile_names),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test_setup_teardown(test_open_fixture, fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_write_fixture, fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_open_fixture_mismatch, fix_setup, fix_teardown),
		cmocka_unit_test(test_open_self),
		cmocka_unit_test_teardown(test_open_child, child_teardown),
		cmocka_unit_test_teardown(test_adj_child, child_teardown),
		cmocka_unit_test_teardown(test_signal_child, child_teardown),
		cmocka_unit_test_teardown(test_signal_wrong_start, child_teardown),
		cmocka_unit_test_teardown(test_dirfd_after_exit, child_teardown),
	};

	return cmocka_run_group_tests_name("pidref", tests, NULL, NULL);
}
