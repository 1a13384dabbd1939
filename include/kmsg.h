/* kmsg.h - records of the kernel log as /dev/kmsg gives them */
#ifndef OOMTOP_KMSG_H
#define OOMTOP_KMSG_H

#include <stdbool.h>
#include <stddef.h>

struct kmsg_record {
	int facility;             /* 0 = the kernel itself; others came from user space */
	int level;                /* 0 emerg .. 7 debug */
	unsigned long long seq;
	unsigned long long usec;  /* microseconds since boot */
	const char *text;         /* into the parsed buffer, not NUL-terminated */
	size_t text_len;          /* the message line, without continuation lines */
};

/*
 * Parse one record: "PRIO,SEQ,USEC,FLAGS[,...];TEXT\n" followed by
 * continuation lines that start with a space (ignored). PRIO holds the
 * facility and the level (facility * 8 + level). Returns 0, or -EINVAL for
 * a malformed header.
 */
int kmsg_parse(const char *buf, size_t len, struct kmsg_record *out);

/*
 * Split a saved capture (records one after another, each a header line and
 * its continuation lines): the length of the record at buf, 0 at the end.
 */
size_t kmsg_next(const char *buf, size_t len);

#endif
