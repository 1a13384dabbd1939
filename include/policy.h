/* policy.h - the OOM killer's policy sysctls, and what they mean for who dies */
#ifndef OOMTOP_POLICY_H
#define OOMTOP_POLICY_H

#include <stdbool.h>
#include <stddef.h>

struct policy {
	int panic_on_oom;         /* vm.panic_on_oom: 0, 1 (global OOM panics), 2 (any OOM panics); -1 unknown */
	int kill_allocating;      /* vm.oom_kill_allocating_task: 0, 1; -1 unknown */
	bool swap;                /* swap is configured */
};

#define POLICY_BAD (-2147483647 - 1) /* INT_MIN: not a number */

/* One sysctl text ("0\n", "-1\n"): its value, or POLICY_BAD when malformed. */
int policy_parse_int(const char *buf, size_t len);

/* Read both sysctls from dir (/proc/sys/vm); swap from swap_total_kb. */
void policy_read(const char *dir, unsigned long swap_total_kb, struct policy *p);

/* Whether a policy changes the outcome (a line in the header then). */
bool policy_unusual(const struct policy *p);

/*
 * The policy in words, for the header: "panic_on_oom=1: a system-wide OOM
 * panics (reboots) this machine, nobody is killed; an OOM in a memory cgroup
 * still kills". "" when it is the default (0, 0).
 */
void policy_words(const struct policy *p, char *buf, size_t cap);

/*
 * How the title names rank 1 under this policy: "next victim:", or "a
 * system-wide OOM panics; rank 1:" and the like; narrow: a short form.
 */
const char *policy_victim_label(const struct policy *p, bool narrow);

#endif
