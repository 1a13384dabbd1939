/* guard.c - lower oomtop's own oom_score_adj and lock its memory */
#include "guard.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

void guard_adj(struct guard *g, const char *proc_dir)
{
	char path[64], buf[16];
	int fd, len;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/self/oom_score_adj", proc_dir);
	g->adj_err = 0;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		g->adj_err = errno;
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = '\0';
		if (atoi(buf) <= GUARD_ADJ) { /* already as low: keep it */
			g->adj_lowered = true;
			close(fd);
			return;
		}
	}
	len = snprintf(buf, sizeof(buf), "%d\n", GUARD_ADJ);
	if (pwrite(fd, buf, (size_t)len, 0) == len)
		g->adj_lowered = true;
	else
		g->adj_err = errno;
	close(fd);
}

void guard_lock(struct guard *g)
{
	/*
	 * The pages mapped now (code, libraries, the heap after a first
	 * refresh), each locked when first touched: no read of a huge mapping
	 * up front, and no failure later when the heap grows past
	 * RLIMIT_MEMLOCK, since later mappings are not locked (no MCL_FUTURE).
	 */
	g->lock_err = 0;
	if (mlockall(MCL_CURRENT | MCL_ONFAULT) == 0)
		g->locked = true;
	else
		g->lock_err = errno;
}

void guard_words(const struct guard *g, char *buf, size_t cap)
{
	const char *adj = "", *lock = "";

	buf[0] = '\0';
	if (!g->adj_lowered)
		adj = g->adj_err == EACCES || g->adj_err == EPERM
			      ? "cannot lower its own oom_score_adj (needs CAP_SYS_RESOURCE)"
			      : "cannot lower its own oom_score_adj";
	if (!g->locked)
		lock = g->lock_err == ENOMEM || g->lock_err == EPERM || g->lock_err == EAGAIN
			       ? "cannot lock its memory (needs CAP_IPC_LOCK or a higher RLIMIT_MEMLOCK)"
			       : "cannot lock its memory";
	if (*adj || *lock)
		snprintf(buf, cap, "self-protect: %s%s%s; carrying on (--no-self-protect skips this)", adj,
			 *adj && *lock ? ", " : "", lock);
}
