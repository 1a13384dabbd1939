/* status.h - parse the memory lines of /proc/PID/status */
#ifndef OOMTOP_STATUS_H
#define OOMTOP_STATUS_H

#include <stddef.h>

#define STATUS_NAME_MAX 32

struct status_mem {
	unsigned long rss_kb, anon_kb, file_kb, shmem_kb, swap_kb, pte_kb;
	char name[STATUS_NAME_MAX]; /* Name:, unescaped to the raw comm bytes */
};

/*
 * Parse VmRSS, RssAnon, RssFile, RssShmem, VmSwap and VmPTE (in kB) and
 * Name from the text of /proc/PID/status. Absent lines (kernel threads, old
 * kernels) read as 0 (name ""). The kernel writes a newline in a name as
 * \n and a backslash as \\; those are undone, so name holds the bytes
 * the process set. Returns 0, or -EINVAL when a present line is malformed.
 */
int status_parse(const char *buf, size_t len, struct status_mem *out);

/*
 * Parse the one decimal integer of a file like /proc/PID/oom_score or
 * oom_score_adj ("-500\n"). Returns 0, or -EINVAL for anything else.
 */
int status_parse_int(const char *buf, size_t len, int *out);

#endif
