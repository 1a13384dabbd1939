/* klog.h - reading the kernel log: /dev/kmsg, or a saved capture or FIFO */
#ifndef OOMTOP_KLOG_H
#define OOMTOP_KLOG_H

#include "oomlog.h"

#include <stdbool.h>
#include <stddef.h>

struct klog {
	int fd;                   /* -1 when closed or never opened */
	bool device;              /* /dev/kmsg: one record per read */
	bool eof;                 /* a file or FIFO was read to its end */
	int err;                  /* why it could not be opened (-errno), or 0 */
	unsigned long long last_seq;
	bool have_seq;
	char *buf;                /* a file's bytes not yet parsed */
	size_t len, cap;
	const char *path;         /* --kmsg FILE, or NULL for /dev/kmsg */
	char msg[320];            /* klog_error's words */
};

/*
 * Open path (NULL: /dev/kmsg) for non-blocking reads. A FIFO is opened
 * blocking first, so this waits for its writer, as cat would. 0, or -errno
 * (also in l->err).
 */
int klog_open(struct klog *l, const char *path);
void klog_close(struct klog *l);

/*
 * Read every record available now and feed it to k. Records the kernel
 * overwrote before they were read (EPIPE, a gap in sequence numbers) are
 * counted in k->lost. Returns the number of kills completed, or -errno.
 */
int klog_read(struct klog *l, struct killlog *k, bool live);

/*
 * Read a capture or FIFO to its end, blocking: for batch output.
 * Returns the number of kills completed, or -errno.
 */
int klog_read_all(struct klog *l, struct killlog *k);

/* The error in words for the pane, e.g. "needs root or CAP_SYSLOG"; NULL if none. */
const char *klog_error(struct klog *l);

#endif
