/* sampler.c - one pass over /proc through libproc2, plus VmPTE and Rss* from status */
#include "sampler.h"

#include "status.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libproc2/meminfo.h>
#include <libproc2/pids.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PF_KTHREAD 0x00200000UL /* include/linux/sched.h */
#define STATUS_BUF 16384          /* grows for processes in many groups */
#define STATUS_BUF_MAX (8 << 20)

/* The libproc2 items, in this order; results are indexed by position. */
enum sampler_slot {
	S_PID, S_EUID, S_EUSER, S_CMD, S_CMDLINE, S_STATE, S_OOM_SCORE,
	S_OOM_ADJ, S_BEGAN, S_FLAGS, S_COUNT
};

static enum pids_item sampler_items[S_COUNT] = {
	[S_PID] = PIDS_ID_PID,
	[S_EUID] = PIDS_ID_EUID,
	[S_EUSER] = PIDS_ID_EUSER,
	[S_CMD] = PIDS_CMD,
	[S_CMDLINE] = PIDS_CMDLINE_V,
	[S_STATE] = PIDS_STATE,
	[S_OOM_SCORE] = PIDS_OOM_SCORE,
	[S_OOM_ADJ] = PIDS_OOM_ADJ,
	[S_BEGAN] = PIDS_TICS_BEGAN,
	[S_FLAGS] = PIDS_FLAGS,
};

struct sampler {
	struct pids_info *pids;
	struct meminfo_info *mem;
	int proc_fd;
	unsigned long page_kb;
	char *buf; /* for /proc/PID/status, reused */
	size_t buf_cap;
};

struct sampler *sampler_new(void)
{
	struct sampler *s = x_calloc(1, sizeof(*s));
	int rc;

	s->proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->proc_fd < 0)
		goto fail;
	rc = procps_pids_new(&s->pids, sampler_items, S_COUNT);
	if (rc < 0) {
		errno = -rc;
		goto fail;
	}
	rc = procps_meminfo_new(&s->mem);
	if (rc < 0) {
		errno = -rc;
		goto fail;
	}
	s->page_kb = (unsigned long)sysconf(_SC_PAGESIZE) / 1024;
	s->buf_cap = STATUS_BUF;
	s->buf = x_malloc(s->buf_cap);
	return s;
fail:
	rc = errno;
	sampler_free(s);
	errno = rc;
	return NULL;
}

void sampler_free(struct sampler *s)
{
	if (!s)
		return;
	if (s->pids)
		procps_pids_unref(&s->pids);
	if (s->mem)
		procps_meminfo_unref(&s->mem);
	if (s->proc_fd >= 0)
		close(s->proc_fd);
	free(s->buf);
	free(s);
}

/* Read /proc/PID/status memory lines. 0, or -errno (-ENOENT: it exited). */
static int sampler_status(struct sampler *s, int pid, struct status_mem *m)
{
	char path[32];
	size_t len = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%d/status", pid);
	fd = openat(s->proc_fd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((n = read(fd, s->buf + len, s->buf_cap - len)) > 0) {
		len += (size_t)n;
		if (len == s->buf_cap && s->buf_cap < STATUS_BUF_MAX) {
			s->buf_cap *= 2;
			s->buf = x_realloc(s->buf, s->buf_cap);
		} else if (len == s->buf_cap) {
			break;
		}
	}
	close(fd);
	if (len == 0)
		return -ESRCH; /* a process gone between open and read */
	return status_parse(s->buf, len, m);
}

static void sampler_copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

/* Join the raw argument vector with spaces into p->cmdline. */
static void sampler_cmdline(struct sampler *s, struct proc *p, char **argv)
{
	size_t len = 0, n;

	for (; argv && *argv; argv++) {
		n = strlen(*argv);
		if (len + n + 2 > s->buf_cap) {
			s->buf_cap = (len + n + 2) * 2;
			s->buf = x_realloc(s->buf, s->buf_cap);
		}
		if (len)
			s->buf[len++] = ' ';
		memcpy(s->buf + len, *argv, n);
		len += n;
	}
	proc_set_cmdline(p, s->buf, len);
}

/* Fill p from one libproc2 stack; false when the process is gone. */
static bool sampler_fill(struct sampler *s, struct pids_result *r, struct proc *p)
{
	struct status_mem m;

	if (r[S_STATE].result.s_ch == 0)
		return false; /* libproc2 could not read it: it exited */
	p->pid = r[S_PID].result.s_int;
	p->uid = r[S_EUID].result.u_int;
	sampler_copy(p->user, sizeof(p->user), r[S_EUSER].result.str);
	p->state = r[S_STATE].result.s_ch;
	p->oom_score = r[S_OOM_SCORE].result.s_int;
	p->oom_adj = r[S_OOM_ADJ].result.s_int;
	p->start_time = r[S_BEGAN].result.ull_int;
	p->kthread = (r[S_FLAGS].result.ul_int & PF_KTHREAD) != 0;
	if (p->kthread) {
		/* named by the kernel; libproc2's copy is fine, no memory to read */
		sampler_copy(p->comm, sizeof(p->comm), r[S_CMD].result.str);
		proc_set_cmdline(p, "", 0);
		return true;
	}
	/* libproc2 replaces control bytes in names with '?': take the raw ones */
	sampler_cmdline(s, p, r[S_CMDLINE].result.strv);
	if (sampler_status(s, p->pid, &m) < 0) {
		sampler_copy(p->comm, sizeof(p->comm), r[S_CMD].result.str);
		return p->state == 'Z'; /* a zombie has no memory to read */
	}
	sampler_copy(p->comm, sizeof(p->comm), m.name[0] ? m.name : r[S_CMD].result.str);
	p->rss_kb = m.rss_kb;
	p->anon_kb = m.anon_kb;
	p->file_kb = m.file_kb;
	p->shmem_kb = m.shmem_kb;
	p->swap_kb = m.swap_kb;
	p->pte_kb = m.pte_kb;
	return true;
}

int sampler_read(struct sampler *s, struct procset *ps)
{
	struct pids_fetch *f;
	unsigned long mem_kb, swap_kb;
	int i;

	f = procps_pids_reap(s->pids, PIDS_FETCH_TASKS_ONLY);
	if (!f)
		return errno ? -errno : -EIO;
	ps->n = 0;
	for (i = 0; i < f->counts->total; i++) {
		struct proc *p = procset_push(ps);

		if (!sampler_fill(s, f->stacks[i]->head, p))
			ps->n--;
	}
	mem_kb = MEMINFO_GET(s->mem, MEMINFO_MEM_TOTAL, ul_int);
	swap_kb = MEMINFO_GET(s->mem, MEMINFO_SWAP_TOTAL, ul_int);
	ps->page_kb = s->page_kb ? s->page_kb : 4;
	ps->total_pages = (mem_kb + swap_kb) / ps->page_kb;
	return 0;
}
