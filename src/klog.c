/* klog.c - the thin reader of the kernel log; parsing lives in kmsg.c and oomlog.c */
#include "klog.h"

#include "kmsg.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KLOG_RECORD_MAX 8192 /* larger than any record /dev/kmsg hands out */

int klog_open(struct klog *l, const char *path)
{
	struct stat st;

	memset(l, 0, sizeof(*l));
	l->path = path;
	if (path && stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) {
		/* wait for the writer; then reads must not block the loop */
		l->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (l->fd >= 0)
			fcntl(l->fd, F_SETFL, fcntl(l->fd, F_GETFL) | O_NONBLOCK);
	} else {
		l->fd = open(path ? path : "/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	}
	if (l->fd < 0) {
		l->err = -errno;
		return l->err;
	}
	l->device = fstat(l->fd, &st) == 0 && S_ISCHR(st.st_mode);
	l->cap = KLOG_RECORD_MAX;
	l->buf = x_malloc(l->cap);
	return 0;
}

void klog_close(struct klog *l)
{
	if (l->fd >= 0)
		close(l->fd);
	free(l->buf);
	l->fd = -1;
	l->buf = NULL;
}

static int klog_record(struct klog *l, struct killlog *k, const char *p, size_t n, bool live)
{
	struct kmsg_record r;

	if (kmsg_parse(p, n, &r) < 0)
		return 0; /* not a record (garbage in a capture): skip it */
	if (l->have_seq && r.seq > l->last_seq + 1)
		k->lost += (unsigned long)(r.seq - l->last_seq - 1);
	if (!l->have_seq || r.seq > l->last_seq)
		l->last_seq = r.seq;
	l->have_seq = true;
	return killlog_feed(k, &r, live);
}

static int klog_read_device(struct klog *l, struct killlog *k, bool live)
{
	int kills = 0;

	for (;;) {
		ssize_t n = read(l->fd, l->buf, l->cap);

		if (n > 0) {
			kills += klog_record(l, k, l->buf, (size_t)n, live);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EPIPE)
			continue; /* overwritten records: the sequence gap counts them */
		if (n < 0 && errno != EAGAIN)
			return -errno;
		return kills;
	}
}

/* A capture: complete lines are records; continuation lines are skipped. */
static int klog_read_file(struct klog *l, struct killlog *k, bool live)
{
	int kills = 0;

	for (;;) {
		ssize_t n;
		size_t start = 0;

		if (l->len == l->cap) {
			l->cap *= 2;
			l->buf = x_realloc(l->buf, l->cap);
		}
		n = read(l->fd, l->buf + l->len, l->cap - l->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0)
			return -errno;
		if (n == 0) {
			l->eof = true;
			if (l->len && l->buf[l->len - 1] != '\n') {
				if (l->len == l->cap)
					l->buf = x_realloc(l->buf, ++l->cap);
				l->buf[l->len++] = '\n'; /* the last line had no newline */
			}
		}
		l->len += (size_t)n;
		for (;;) {
			char *eol = memchr(l->buf + start, '\n', l->len - start);

			if (!eol)
				break;
			if (l->buf[start] != ' ')
				kills += klog_record(l, k, l->buf + start,
						     (size_t)(eol - (l->buf + start)) + 1, live);
			start = (size_t)(eol - l->buf) + 1;
		}
		memmove(l->buf, l->buf + start, l->len - start);
		l->len -= start;
		if (l->eof)
			break;
	}
	return kills;
}

int klog_read(struct klog *l, struct killlog *k, bool live)
{
	int rc;

	if (l->fd < 0 || l->eof)
		return 0;
	rc = l->device ? klog_read_device(l, k, live) : klog_read_file(l, k, live);
	if (rc < 0) {
		/* a read error that will not go away: stop, and say so in the pane */
		l->err = rc;
		klog_error(l);
		close(l->fd);
		l->fd = -1;
	}
	return rc;
}

int klog_read_all(struct klog *l, struct killlog *k)
{
	if (l->fd >= 0 && !l->device)
		fcntl(l->fd, F_SETFL, fcntl(l->fd, F_GETFL) & ~O_NONBLOCK);
	return klog_read(l, k, false);
}

const char *klog_error(struct klog *l)
{
	if (l->err == 0)
		return NULL;
	if (l->path)
		snprintf(l->msg, sizeof(l->msg), "%.256s: %s", l->path, strerror(-l->err));
	else if (l->err == -EPERM || l->err == -EACCES)
		snprintf(l->msg, sizeof(l->msg),
			 "kernel log not readable: needs root or CAP_SYSLOG (kernel.dmesg_restrict=1)");
	else
		snprintf(l->msg, sizeof(l->msg), "kernel log /dev/kmsg: %s", strerror(-l->err));
	return l->msg;
}
