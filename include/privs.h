/* privs.h - what this oomtop may do, and dropping everything else (libcap) */
#ifndef OOMTOP_PRIVS_H
#define OOMTOP_PRIVS_H

#include <stdbool.h>
#include <stddef.h>

/* What the changing keys can do, in the words the header shows. */
enum privs_mode {
	PRIVS_READ_ONLY,  /* --read-only or batch: no change at all */
	PRIVS_OWN,        /* own processes only (no CAP_DAC_OVERRIDE) */
	PRIVS_RAISE,      /* any process, but lower only to its floor (no CAP_SYS_RESOURCE) */
	PRIVS_FULL,       /* any process, any value */
};

struct privs {
	/* effective at start */
	bool had_sys_resource, had_dac_override, had_kill, had_syslog, had_ipc_lock;
	/* kept after privs_drop */
	bool sys_resource, dac_override, kill;
	bool ipc_lock;           /* kept until the memory is locked */
	bool read_only;
	bool bounding_dropped;   /* the bounding set lost the rest too */
	bool no_new_privs;
	enum privs_mode mode;
	char err[160];           /* why a drop was partial; "" when it was not */
};

/* The mode these rights give. */
enum privs_mode privs_mode_of(bool read_only, bool dac_override, bool sys_resource);
/* The mode in words: "read-only", "raise only", "own processes only", "full". */
const char *privs_mode_name(enum privs_mode m);

/* Find out which of the capabilities oomtop uses this process holds. */
void privs_probe(struct privs *p);
/* Whether CAP_IPC_LOCK is effective now (mlockall beyond RLIMIT_MEMLOCK). */
bool privs_have_ipc_lock(void);
/* Whether CAP_SYS_RESOURCE is effective now. */
bool privs_have_sys_resource(void);

/*
 * Keep only what the mode uses (CAP_SYS_RESOURCE, CAP_DAC_OVERRIDE,
 * CAP_KILL; none when read_only), drop the rest from the effective,
 * permitted, inheritable and bounding sets, and set no-new-privs. Call after
 * /dev/kmsg is open. keep_ipc_lock keeps CAP_IPC_LOCK (not in the bounding
 * set) until privs_drop_ipc_lock. 0, or -1 with p->err saying what could
 * not be dropped.
 */
int privs_drop(struct privs *p, bool read_only, bool keep_ipc_lock);
/* Drop CAP_IPC_LOCK once the memory is locked. */
void privs_drop_ipc_lock(struct privs *p);

#endif
