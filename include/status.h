/* status.h - parse the memory lines of /proc/PID/status */
#ifndef OOMTOP_STATUS_H
#define OOMTOP_STATUS_H

#include <stddef.h>

struct status_mem {
	unsigned long rss_kb, anon_kb, file_kb, shmem_kb, swap_kb, pte_kb;
};

/*
 * Parse VmRSS, RssAnon, RssFile, RssShmem, VmSwap and VmPTE (in kB) from
 * the text of /proc/PID/status. Absent lines (kernel threads, old kernels)
 * read as 0. Returns 0, or -EINVAL when a present line is malformed.
 */
int status_parse(const char *buf, size_t len, struct status_mem *out);

#endif
