/* overcommit.h - the kernel's overcommit policy (/proc/sys/vm) */
#ifndef OOMTOP_OVERCOMMIT_H
#define OOMTOP_OVERCOMMIT_H

#include <stddef.h>

struct overcommit {
	int err;              /* 0, or -errno: the policy is unknown */
	int mode;             /* vm.overcommit_memory: 0 heuristic, 1 always, 2 strict */
	long ratio;           /* vm.overcommit_ratio, percent */
	unsigned long kbytes; /* vm.overcommit_kbytes; used instead of ratio when set */
};

/*
 * Parse the three sysctl files' texts (each one number and a newline).
 * Returns 0, or -EINVAL when one is malformed or the mode is not 0, 1, 2.
 */
int overcommit_parse(const char *mode, size_t mode_len, const char *ratio, size_t ratio_len,
		     const char *kbytes, size_t kbytes_len, struct overcommit *out);

/* Read overcommit_memory, _ratio and _kbytes from dir (/proc/sys/vm). */
void overcommit_read(const char *dir, struct overcommit *out);

/* The mode in words: "heuristic", "always", "strict". */
const char *overcommit_mode_name(int mode);

/* Whether the commit limit is enforced (mode 2: allocations fail past it). */
int overcommit_enforced(const struct overcommit *oc);

#endif
