/* test_klog.c - the kernel log reader on temporary captures, FIFOs and /dev/kmsg */
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "klog.h"

#define NEEDS_ROOT "kernel log not readable: needs root or CAP_SYSLOG (kernel.dmesg_restrict=1)"

/* A real memory cgroup kill on Linux 6.18, sequence numbers made consecutive. */
static const char report[] =
	"4,348,4901977431,-;hog invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, "
	"oom_score_adj=0\n"
	"4,349,4901977440,-;CPU: 1 UID: 0 PID: 13476 Comm: hog Not tainted 6.18.0 #1\n"
	" SUBSYSTEM=cpu\n"
	" DEVICE=+cpu:cpu1\n"
	"6,350,4901977971,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
	"oom_memcg=/oomtop-probe,task_memcg=/oomtop-probe,task=hog,pid=13476,uid=0\n"
	"3,351,4901978045,-,caller=T13476;Memory cgroup out of memory: Killed process 13476 (hog) "
	"total-vm:207280kB, anon-rss:65280kB, file-rss:1080kB, shmem-rss:0kB, UID:0 pgtables:176kB "
	"oom_score_adj:0\n"
	"6,352,4901990000,-;oom_reaper: reaped process 13476 (hog), now anon-rss:0kB, file-rss:0kB, "
	"shmem-rss:0kB\n";

struct tmpfile {
	char path[64];
};

static void tmp_write(struct tmpfile *t, const char *data, size_t len)
{
	int fd;

	snprintf(t->path, sizeof(t->path), "%s", "/tmp/oomtop-klog.XXXXXX");
	fd = mkstemp(t->path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

/* Open a capture holding data, read it all into k; the kills completed. */
static int read_capture(const char *data, size_t len, struct killlog *k)
{
	struct tmpfile t;
	struct klog l;
	int kills;

	tmp_write(&t, data, len);
	assert_int_equal(klog_open(&l, t.path), 0);
	assert_false(l.device);
	assert_int_equal(l.err, 0);
	assert_null(klog_error(&l));
	kills = klog_read(&l, k, false);
	assert_true(l.eof);
	assert_int_equal(klog_read(&l, k, false), 0); /* read to its end: nothing more */
	klog_close(&l);
	assert_int_equal(l.fd, -1);
	unlink(t.path);
	return kills;
}

static void test_capture_file(void **state)
{
	struct killlog k;

	(void)state;
	killlog_init(&k);
	assert_int_equal(read_capture(report, sizeof(report) - 1, &k), 1);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.v[0].pid, 13476);
	assert_string_equal(k.v[0].comm, "hog");
	assert_true(k.v[0].usec == 4901978045ULL);
	assert_true(k.v[0].memcg);
	assert_string_equal(k.v[0].cgroup, "/oomtop-probe");
	assert_string_equal(k.v[0].trigger, "hog");
	assert_true(k.v[0].reaped);
	assert_false(k.v[0].live);
	assert_int_equal(k.lost, 0);
	assert_int_equal(k.spoofs, 0);
	killlog_fini(&k);
}

static void test_empty_file(void **state)
{
	struct killlog k;

	(void)state;
	killlog_init(&k);
	assert_int_equal(read_capture("", 0, &k), 0);
	assert_int_equal(k.n, 0);
	assert_int_equal(k.lost, 0);
	killlog_fini(&k);
}

static void test_sequence_gap(void **state)
{
	static const char cap[] =
		"6,10,100,-;first\n"
		"6,15,200,-;seq 11 to 14 were overwritten\n"
		"6,16,300,-;next\n"
		"6,16,300,-;the same again\n"
		"6,20,400,-;17 to 19 lost\n";
	static const char two[] = "6,5000,1,-;x\n6,5001,2,-;y\n";
	static const char boots[] = "6,100,1,-;a\n6,101,2,-;b\n6,0,1,-;c\n6,1,2,-;d\n";
	struct killlog k;

	(void)state;
	killlog_init(&k);
	assert_int_equal(read_capture(cap, sizeof(cap) - 1, &k), 0);
	assert_int_equal(k.lost, 4 + 3);
	killlog_fini(&k);

	/* the first record read is where we start: nothing before it is lost */
	killlog_init(&k);
	assert_int_equal(read_capture(two, strlen(two), &k), 0);
	assert_int_equal(k.lost, 0);
	killlog_fini(&k);

	/* a capture of two boots: the numbers start again, nothing is lost */
	killlog_init(&k);
	assert_int_equal(read_capture(boots, strlen(boots), &k), 0);
	assert_int_equal(k.lost, 0);
	killlog_fini(&k);
}

/* The gap is counted between the two records, also with a kill on each side. */
static void test_sequence_gap_around_kills(void **state)
{
	static const char cap[] =
		"3,10,100,-;Out of memory: Killed process 5 (a) total-vm:8kB, anon-rss:4kB, file-rss:0kB, "
		"shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n"
		"3,15,200,-;Out of memory: Killed process 6 (b) total-vm:8kB, anon-rss:4kB, file-rss:0kB, "
		"shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n";
	struct killlog k;

	(void)state;
	killlog_init(&k);
	assert_int_equal(read_capture(cap, sizeof(cap) - 1, &k), 2);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.lost, 4);
	killlog_fini(&k);
}

/* Dictionary lines start with a space: never records, even when they look like one. */
static void test_continuation_lines_ignored(void **state)
{
	static const char cap[] =
		"6,1,100,-;usb 1-1: new high-speed USB device number 2 using xhci_hcd\n"
		" SUBSYSTEM=usb\n"
		" 3,2,101,-;Out of memory: Killed process 5 (fake) total-vm:8kB, anon-rss:4kB, file-rss:0kB\n"
		" Killed process 6 (fake) total-vm:8kB, anon-rss:4kB, file-rss:0kB\n"
		" 6,90,102,-;a gap that is not one\n"
		"6,2,103,-;next\n";
	struct killlog k;

	(void)state;
	killlog_init(&k);
	assert_int_equal(read_capture(cap, sizeof(cap) - 1, &k), 0);
	assert_int_equal(k.n, 0);
	assert_int_equal(k.lost, 0);
	assert_int_equal(k.spoofs, 0);
	killlog_fini(&k);
}

static void test_last_line_without_newline(void **state)
{
	struct killlog k;
	size_t len = sizeof(report) - 1;
	char *cap = malloc(len);
	const char *reaper = strstr(report, "6,352,");

	(void)state;
	assert_non_null(cap);
	/* cut the reaper line, and the newline of the kill */
	len = (size_t)(reaper - report) - 1;
	memcpy(cap, report, len);
	killlog_init(&k);
	assert_int_equal(read_capture(cap, len, &k), 1);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.v[0].pid, 13476);
	assert_true(k.v[0].has_adj);
	assert_false(k.v[0].reaped);
	killlog_fini(&k);
	free(cap);
}

/* A line longer than the first buffer (8 KiB), then a kill. */
static void test_long_line(void **state)
{
	size_t pad = 20000, len = pad + sizeof(report);
	char *cap = malloc(len);
	struct killlog k;

	(void)state;
	assert_non_null(cap);
	memcpy(cap, "6,347,1,-;", 10);
	memset(cap + 10, 'x', pad - 11);
	cap[pad - 1] = '\n';
	memcpy(cap + pad, report, sizeof(report) - 1);
	killlog_init(&k);
	assert_int_equal(read_capture(cap, pad + sizeof(report) - 1, &k), 1);
	assert_int_equal(k.v[0].pid, 13476);
	assert_int_equal(k.lost, 0);
	killlog_fini(&k);
	free(cap);
}

static unsigned long long rng_state = 0x853c49e6748fea9bULL;

static unsigned int rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned int)(rng_state >> 32);
}

static void test_garbage_file(void **state)
{
	size_t len = 256 * 1024, i;
	char *cap = malloc(len);
	struct killlog k;

	(void)state;
	assert_non_null(cap);
	/* random bytes, NULs and newlines among them */
	for (i = 0; i < len; i++)
		cap[i] = (char)(rng() & 0xff);
	killlog_init(&k);
	assert_int_equal(read_capture(cap, len, &k), 0);
	assert_int_equal(k.n, 0);
	killlog_fini(&k);
	/* one line of 256 KiB without a newline */
	memset(cap, 'y', len);
	killlog_init(&k);
	assert_int_equal(read_capture(cap, len, &k), 0);
	killlog_fini(&k);
	/* header-like garbage */
	for (i = 0; i < len; i++)
		cap[i] = "0123456789,;-\n "[rng() % 15];
	killlog_init(&k);
	assert_int_equal(read_capture(cap, len, &k), 0);
	assert_int_equal(k.n, 0);
	killlog_fini(&k);
	free(cap);
}

/*
 * A FIFO: partial records wait for the rest; the end comes when the last
 * writer closes. The test holds the FIFO open for writing before klog_open,
 * which may wait for a writer.
 */
static void test_fifo(void **state)
{
	char path[64];
	struct killlog k;
	struct klog l;
	const char *half = strstr(report, "Memory cgroup out of memory");
	int w;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/oomtop-klog-fifo.%d", (int)getpid());
	unlink(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	w = open(path, O_RDWR | O_NONBLOCK);
	assert_true(w >= 0);
	assert_int_equal(klog_open(&l, path), 0);
	assert_false(l.device);
	killlog_init(&k);
	assert_int_equal(klog_read(&l, &k, true), 0); /* nothing written yet */
	assert_false(l.eof);
	assert_int_equal(write(w, report, (size_t)(half - report)), half - report);
	assert_int_equal(klog_read(&l, &k, true), 0); /* the kill's record is not complete */
	assert_false(l.eof);
	assert_int_equal(k.n, 0);
	assert_int_equal(write(w, half, strlen(half)), (ssize_t)strlen(half));
	assert_int_equal(klog_read(&l, &k, true), 1);
	assert_int_equal(k.n, 1);
	assert_true(k.v[0].live);
	assert_true(k.v[0].reaped);
	assert_false(l.eof);
	close(w);
	assert_int_equal(klog_read(&l, &k, true), 0);
	assert_true(l.eof);
	klog_close(&l);
	killlog_fini(&k);
	unlink(path);
}

/*
 * oomtop --kmsg FIFO started before the program that writes into it: the
 * kill written later must still be read (poll for it, up to 5 s).
 */
static void test_fifo_writer_comes_later(void **state)
{
	char path[64];
	struct killlog k;
	struct klog l;
	pid_t pid;
	int status, tries;
	size_t n;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/oomtop-klog-fifo2.%d", (int)getpid());
	unlink(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int w;

		alarm(10); /* never wait for a reader that is gone */
		usleep(200 * 1000);
		w = open(path, O_WRONLY);
		if (w < 0 || write(w, report, sizeof(report) - 1) != (ssize_t)sizeof(report) - 1)
			_exit(1);
		close(w);
		_exit(0);
	}
	alarm(20); /* never hang the test run */
	assert_int_equal(klog_open(&l, path), 0);
	killlog_init(&k);
	for (tries = 0; tries < 250 && k.n == 0 && !l.eof; tries++) {
		assert_true(klog_read(&l, &k, true) >= 0);
		if (k.n == 0 && !l.eof)
			usleep(20 * 1000);
	}
	n = k.n;
	klog_close(&l);
	killlog_fini(&k);
	kill(pid, SIGKILL); /* done writing, or stuck waiting for a reader we gave up */
	assert_int_equal(waitpid(pid, &status, 0), pid);
	alarm(0);
	unlink(path);
	assert_int_equal(n, 1);
}

/* The words name the file (--kmsg) or the kernel log. */
static void says_why(struct klog *l, const char *path)
{
	const char *why = klog_error(l);

	assert_non_null(why);
	if (!strstr(why, "kernel log") && !(path && strstr(why, path)))
		fail_msg("no words for %d: \"%s\"", l->err, why);
}

static void test_open_missing(void **state)
{
	static const char path[] = "/nonexistent/oomtop/kmsg";
	struct killlog k;
	struct klog l;

	(void)state;
	assert_int_equal(klog_open(&l, path), -ENOENT);
	assert_int_equal(l.err, -ENOENT);
	assert_int_equal(l.fd, -1);
	says_why(&l, path);
	killlog_init(&k);
	assert_int_equal(klog_read(&l, &k, false), 0);
	killlog_fini(&k);
	klog_close(&l);
	klog_close(&l); /* twice is harmless */
}

/* A read that fails comes back as -errno. */
static void test_read_error(void **state)
{
	struct killlog k;
	struct klog l;

	(void)state;
	assert_int_equal(klog_open(&l, "/tmp"), 0);
	killlog_init(&k);
	assert_int_equal(klog_read(&l, &k, false), -EISDIR);
	killlog_fini(&k);
	klog_close(&l);
}

/* /dev/kmsg not permitted: the pane says what is needed, in these words. */
static void test_error_words(void **state)
{
	static const int others[] = { -ENOENT, -EIO, -EMFILE, -ENODEV };
	struct klog l;
	size_t i;

	(void)state;
	memset(&l, 0, sizeof(l));
	l.fd = -1;
	assert_null(klog_error(&l));
	l.err = -EPERM;
	assert_string_equal(klog_error(&l), NEEDS_ROOT);
	l.err = -EACCES;
	assert_string_equal(klog_error(&l), NEEDS_ROOT);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		l.err = others[i];
		says_why(&l, NULL);
		assert_null(strstr(klog_error(&l), "CAP_SYSLOG"));
	}
}

static int dmesg_restrict(void)
{
	FILE *f = fopen("/proc/sys/kernel/dmesg_restrict", "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/*
 * Without privileges, for real: a capture we may not read gives -EACCES
 * and says so; /dev/kmsg under kernel.dmesg_restrict=1 gives -EPERM and the
 * words of the pane. As root, a child drops to nobody first.
 */
static void test_not_permitted(void **state)
{
	struct tmpfile t;
	pid_t pid;
	int status;

	(void)state;
	tmp_write(&t, report, sizeof(report) - 1);
	assert_int_equal(chmod(t.path, geteuid() == 0 ? 0600 : 0), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct klog l;
		int rc;

		if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(10);
		rc = klog_open(&l, t.path);
		if (rc != -EACCES || l.err != -EACCES || l.fd != -1)
			_exit(11);
		if (!klog_error(&l) || !*klog_error(&l))
			_exit(12);
		if (dmesg_restrict() == 1) {
			rc = klog_open(&l, NULL);
			if (rc != -EPERM && rc != -EACCES)
				_exit(13);
			if (!klog_error(&l) || strcmp(klog_error(&l), NEEDS_ROOT) != 0)
				_exit(14);
		}
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	unlink(t.path);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* /dev/kmsg itself: one record per read, the backlog then nothing more. */
static void test_device(void **state)
{
	struct killlog k;
	struct klog l;
	int rc;

	(void)state;
	rc = klog_open(&l, NULL);
	if (rc < 0) {
		says_why(&l, NULL);
		skip(); /* not readable here; test_not_permitted covers the words */
	}
	assert_true(l.device);
	killlog_init(&k);
	assert_true(klog_read(&l, &k, false) >= 0);
	assert_true(l.have_seq); /* every system has records in its ring buffer */
	assert_false(l.eof);
	assert_true(klog_read(&l, &k, true) >= 0);
	assert_true(k.n <= KILLLOG_MAX);
	killlog_fini(&k);
	klog_close(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capture_file),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_sequence_gap),
		cmocka_unit_test(test_sequence_gap_around_kills),
		cmocka_unit_test(test_continuation_lines_ignored),
		cmocka_unit_test(test_last_line_without_newline),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_garbage_file),
		cmocka_unit_test(test_fifo),
		cmocka_unit_test(test_fifo_writer_comes_later),
		cmocka_unit_test(test_open_missing),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_error_words),
		cmocka_unit_test(test_not_permitted),
		cmocka_unit_test(test_device),
	};

	return cmocka_run_group_tests_name("klog", tests, NULL, NULL);
}
