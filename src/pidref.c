/* pidref.c - processes held by a checked /proc/PID directory fd and a pidfd */
#include "pidref.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define STAT_MAX 4096
#define START_FIELD 22 /* starttime, counted from 1 = pid */

bool pidref_parse_start(const char *buf, size_t len, unsigned long long *start)
{
	const char *p = NULL, *end = buf + len;
	size_t i;
	int field = 2; /* the name is field 2; the text after ')' starts field 3 */

	for (i = len; i > 0; i--)
		if (buf[i - 1] == ')') {
			p = buf + i;
			break;
		}
	if (!p)
		return false;
	while (p < end) {
		unsigned long long v = 0;
		const char *q;

		while (p < end && *p == ' ')
			p++;
		if (p >= end || *p == '\n')
			return false;
		field++;
		q = p;
		while (p < end && *p != ' ' && *p != '\n')
			p++;
		if (field != START_FIELD)
			continue;
		for (; q < p; q++) {
			if (*q < '0' || *q > '9' || v > (~0ULL - 9) / 10)
				return false;
			v = v * 10 + (unsigned)(*q - '0');
		}
		*start = v;
		return true;
	}
	return false;
}

long pidref_read(const struct pidref *r, const char *name, char *buf, size_t cap)
{
	int fd = openat(r->dirfd, name, O_RDONLY | O_CLOEXEC);
	size_t got = 0;
	ssize_t n = 0;

	if (fd < 0)
		return -errno;
	while (got + 1 < cap && (n = read(fd, buf + got, cap - 1 - got)) > 0)
		got += (size_t)n;
	if (n < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	close(fd);
	buf[got] = '\0';
	return (long)got;
}

/* The start time the directory's stat reads now. 0 or -errno. */
static int pidref_stat_start(const struct pidref *r, unsigned long long *start)
{
	char buf[STAT_MAX];
	long n = pidref_read(r, "stat", buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return pidref_parse_start(buf, (size_t)n, start) ? 0 : -EIO;
}

static bool pidref_gone_errno(int e)
{
	return e == ENOENT || e == ESRCH;
}

enum pidref_status pidref_open(struct pidref *r, const char *proc_dir, int pid,
			       unsigned long long start_time, int *err)
{
	char path[64];
	unsigned long long now;
	int rc;

	r->pid = pid;
	r->start_time = start_time;
	r->dirfd = -1;
	*err = 0;
	if (pid <= 0)
		return PIDREF_GONE;
	snprintf(path, sizeof(path), "%s/%d", proc_dir, pid);
	r->dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r->dirfd < 0) {
		*err = errno;
		return pidref_gone_errno(*err) ? PIDREF_GONE : PIDREF_ERROR;
	}
	/* from here on, the fd names one process whatever becomes of the PID */
	rc = pidref_stat_start(r, &now);
	if (rc == 0 && now == start_time)
		return PIDREF_OK;
	pidref_close(r);
	if (rc == 0)
		return PIDREF_REUSED;
	*err = -rc;
	return pidref_gone_errno(-rc) ? PIDREF_GONE : PIDREF_ERROR;
}

void pidref_close(struct pidref *r)
{
	if (r->dirfd >= 0)
		close(r->dirfd);
	r->dirfd = -1;
}

int pidref_read_int(const struct pidref *r, const char *name, int *value)
{
	char buf[32], *end;
	long n = pidref_read(r, name, buf, sizeof(buf));
	long v;

	if (n < 0)
		return (int)n;
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno || end == buf || (*end && *end != '\n') || v < -100000 || v > 100000)
		return -EIO;
	*value = (int)v;
	return 0;
}

int pidref_write_int(const struct pidref *r, const char *name, int value, bool *opened)
{
	char buf[32];
	int fd = openat(r->dirfd, name, O_WRONLY | O_CLOEXEC);
	int len = snprintf(buf, sizeof(buf), "%d\n", value);
	ssize_t n;

	*opened = fd >= 0;
	if (fd < 0)
		return -errno;
	n = write(fd, buf, (size_t)len);
	if (n < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	close(fd);
	return n == len ? 0 : -EIO;
}

int pidref_signal(const struct pidref *r, const char *proc_dir, int sig)
{
	struct pidref again;
	int pidfd, rc = 0, err;

	/* the pidfd pins one process; the start time checked after it says which */
	pidfd = (int)syscall(SYS_pidfd_open, r->pid, 0);
	if (pidfd < 0)
		return errno == ESRCH ? -ESRCH : -errno;
	switch (pidref_open(&again, proc_dir, r->pid, r->start_time, &err)) {
	case PIDREF_OK:
		pidref_close(&again);
		if (syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0) < 0)
			rc = -errno;
		break;
	case PIDREF_GONE:
	case PIDREF_REUSED:
		rc = -ESRCH;
		break;
	case PIDREF_ERROR:
	default:
		rc = -err;
		break;
	}
	close(pidfd);
	return rc;
}
