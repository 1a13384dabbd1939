/* policy.c - vm.panic_on_oom and vm.oom_kill_allocating_task, in words */
#include "policy.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int policy_parse_int(const char *buf, size_t len)
{
	long v = 0;
	size_t i = 0;
	bool neg = false;

	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len == 0 || len > 12)
		return POLICY_BAD;
	if (buf[0] == '-') {
		neg = true;
		i = 1;
	}
	if (i == len)
		return POLICY_BAD;
	for (; i < len; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return POLICY_BAD;
		v = v * 10 + (buf[i] - '0');
	}
	if (v > 0x7fffffffL)
		return POLICY_BAD;
	return neg ? (int)-v : (int)v;
}

static int policy_file(const char *dir, const char *name)
{
	char path[4096], buf[32];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return POLICY_BAD;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n > 0 ? policy_parse_int(buf, (size_t)n) : POLICY_BAD;
}

void policy_read(const char *dir, unsigned long swap_total_kb, struct policy *p)
{
	int v = policy_file(dir, "panic_on_oom");

	p->panic_on_oom = v == POLICY_BAD || v < 0 || v > 2 ? -1 : v; /* the kernel takes 0..2 */
	v = policy_file(dir, "oom_kill_allocating_task");
	p->kill_allocating = v == POLICY_BAD ? -1 : v != 0; /* any non-zero value turns it on */
	p->swap = swap_total_kb > 0;
}

bool policy_unusual(const struct policy *p)
{
	return p->panic_on_oom > 0 || p->kill_allocating > 0;
}

void policy_words(const struct policy *p, char *buf, size_t cap)
{
	const char *panic = "", *alloc = "";

	if (p->panic_on_oom == 1)
		panic = "panic_on_oom=1: a system-wide OOM panics (reboots) this machine, nobody is "
			"killed; an OOM inside a memory cgroup still kills";
	else if (p->panic_on_oom == 2)
		panic = "panic_on_oom=2: any OOM, even inside a memory cgroup, panics (reboots) this "
			"machine: nobody is killed";
	if (p->kill_allocating > 0)
		alloc = "oom_kill_allocating_task=1: in a system-wide OOM the task that asked for "
			"memory dies, not rank 1";
	snprintf(buf, cap, "%s%s%s", panic, *panic && *alloc ? "; " : "", alloc);
}

const char *policy_victim_label(const struct policy *p, bool narrow)
{
	if (p->panic_on_oom == 2)
		return narrow ? "panics; rank 1:" : "any OOM panics; rank 1:";
	if (p->panic_on_oom == 1)
		return narrow ? "panics; rank 1:" : "a system-wide OOM panics; rank 1:";
	if (p->kill_allocating > 0)
		return narrow ? "rank 1:" : "the allocating task dies; rank 1:";
	return narrow ? "next:" : "next victim:";
}
