/* sampler.c - one pass over /proc through libproc2, plus what libproc2 lacks */
#include "sampler.h"

#include "memcg.h"
#include "status.h"
#include "unit.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libproc2/meminfo.h>
#include <libproc2/pids.h>
#include <libproc2/vmstat.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PF_KTHREAD 0x00200000UL /* include/linux/sched.h */
#define BUF_START 16384         /* grows for processes in many groups */
#define STATUS_MAX (8 << 20)
#define CMDLINE_MAX 32768       /* longer command lines are cut */
#define FULL_EVERY 10           /* re-read an unchanged process every N refreshes */

/*
 * The libproc2 items, in this order; results are indexed by position
 * (PIDS_VAL changed its arguments in 4.0.5). All come from /proc/PID/stat
 * and the directory's owner: the cheap part of /proc. The oom files are read
 * here: libproc2 would read both for either item, and oom_score_adj is
 * needed only when something changed.
 */
enum sampler_slot {
	S_PID, S_EUID, S_CMD, S_STATE, S_BEGAN, S_FLAGS, S_RSS, S_VSIZE, S_COUNT
};

static enum pids_item sampler_items[S_COUNT] = {
	[S_PID] = PIDS_ID_PID,
	[S_EUID] = PIDS_ID_EUID,
	[S_CMD] = PIDS_CMD,
	[S_STATE] = PIDS_STATE,
	[S_BEGAN] = PIDS_TICS_BEGAN,
	[S_FLAGS] = PIDS_FLAGS,
	[S_RSS] = PIDS_RSS,
	[S_VSIZE] = PIDS_VSIZE_BYTES,
};

static enum meminfo_item sampler_mem_items[] = {
	MEMINFO_MEM_TOTAL, MEMINFO_MEM_AVAILABLE, MEMINFO_SWAP_TOTAL, MEMINFO_SWAP_FREE,
	MEMINFO_MEM_COMMIT_LIMIT, MEMINFO_MEM_COMMITTED_AS,
};

struct sampler_user {
	unsigned uid;
	char name[PROC_USER_MAX];
};

struct sampler {
	struct pids_info *pids;
	struct meminfo_info *mem;
	struct vmstat_info *vm;
	int proc_fd;
	bool want_cgroup;           /* the CGROUP column is shown, or memory cgroups are */
	bool memcg_v2;              /* the memory controller is on the unified hierarchy */
	unsigned long page_kb;
	unsigned long refreshes;
	char *buf;                  /* for status and cmdline, reused */
	size_t buf_cap;
	struct sampler_user *users; /* uid -> name, filled as uids appear */
	size_t nusers;
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
	s->buf_cap = BUF_START;
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
	if (s->vm)
		procps_vmstat_unref(&s->vm);
	if (s->proc_fd > 0)
		close(s->proc_fd);
	free(s->users);
	free(s->buf);
	free(s);
}

/* Read /proc/PID/FILE into s->buf (up to max bytes). Length, or -errno. */
static ssize_t sampler_file(struct sampler *s, int pid, const char *file, size_t max)
{
	char path[40];
	size_t len = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%d/%s", pid, file);
	fd = openat(s->proc_fd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((n = read(fd, s->buf + len, s->buf_cap - len)) > 0) {
		len += (size_t)n;
		if (len < s->buf_cap && s->buf[len - 1] == '\n')
			break; /* a whole seq_file text: no second read for EOF */
		if (len == s->buf_cap) {
			if (s->buf_cap >= max)
				break;
			s->buf_cap *= 2;
			s->buf = x_realloc(s->buf, s->buf_cap);
		}
	}
	close(fd);
	if (n < 0)
		return -errno;
	return (ssize_t)(len < max ? len : max);
}

/* Read an integer file such as oom_score. 0 or -errno. */
static int sampler_int(struct sampler *s, int pid, const char *file, int *out)
{
	char path[40], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%d/%s", pid, file);
	fd = openat(s->proc_fd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0)
		return -errno;
	return status_parse_int(buf, (size_t)n, out);
}

/* The name of uid, looked up once per uid. */
static const char *sampler_user(struct sampler *s, unsigned uid)
{
	struct passwd *pw;
	size_t i;

	for (i = 0; i < s->nusers; i++)
		if (s->users[i].uid == uid)
			return s->users[i].name;
	s->users = x_realloc(s->users, (s->nusers + 1) * sizeof(*s->users));
	s->users[s->nusers].uid = uid;
	pw = getpwuid(uid);
	if (pw)
		snprintf(s->users[s->nusers].name, PROC_USER_MAX, "%s", pw->pw_name);
	else
		snprintf(s->users[s->nusers].name, PROC_USER_MAX, "%u", uid);
	return s->users[s->nusers++].name;
}

/* FNV-1a of a string: notices a rename without keeping the old name. */
static unsigned sampler_hash(const char *str)
{
	unsigned h = 2166136261u;

	while (str && *str)
		h = (h ^ (unsigned char)*str++) * 16777619u;
	return h;
}

/* Read status (memory, raw name) and cmdline of p. false: it is gone. */
static bool sampler_details(struct sampler *s, struct proc *p, const char *cmd)
{
	struct status_mem m;
	ssize_t n;

	if (sampler_int(s, p->pid, "oom_score_adj", &p->oom_adj) < 0)
		return false;
	n = sampler_file(s, p->pid, "status", STATUS_MAX);
	if (n <= 0 || status_parse(s->buf, (size_t)n, &m) < 0)
		return false;
	/* libproc2 turns control bytes in names into '?': keep the raw ones */
	snprintf(p->comm, sizeof(p->comm), "%s", m.name[0] ? m.name : cmd);
	p->rss_kb = m.rss_kb;
	p->anon_kb = m.anon_kb;
	p->file_kb = m.file_kb;
	p->shmem_kb = m.shmem_kb;
	p->swap_kb = m.swap_kb;
	p->pte_kb = m.pte_kb;
	n = sampler_file(s, p->pid, "cmdline", CMDLINE_MAX);
	proc_set_cmdline(p, s->buf, n > 0 ? (size_t)n : 0);
	return true;
}

/* The CGROUP column of p: its service or cgroup path. */
static void sampler_cgroup(struct sampler *s, struct proc *p)
{
	ssize_t n = sampler_file(s, p->pid, "cgroup", STATUS_MAX);

	if (n > 0) {
		unit_label(s->buf, (size_t)n, p->cgroup, sizeof(p->cgroup));
		if (!memcg_path_parse(s->buf, (size_t)n, s->memcg_v2, p->memcg, sizeof(p->memcg)))
			p->memcg[0] = '\0';
	} else {
		snprintf(p->cgroup, sizeof(p->cgroup), "?");
		p->memcg[0] = '\0';
	}
}

void sampler_want_cgroup(struct sampler *s, bool on, bool memcg_v2)
{
	s->want_cgroup = on;
	s->memcg_v2 = memcg_v2;
}

/* One process from one libproc2 stack; false when it is gone. */
static bool sampler_one(struct sampler *s, struct procset *ps, struct pids_result *r)
{
	int pid = r[S_PID].result.s_int;
	unsigned long long began = r[S_BEGAN].result.ull_int;
	unsigned long rss = r[S_RSS].result.ul_int, vsize = r[S_VSIZE].result.ul_int;
	const char *cmd = r[S_CMD].result.str ? r[S_CMD].result.str : "";
	unsigned name = sampler_hash(cmd);
	struct proc *p;
	int score;
	bool fresh;

	if (r[S_STATE].result.s_ch == 0)
		return false; /* libproc2 could not read it: it exited */
	if (sampler_int(s, pid, "oom_score", &score) < 0)
		return false;
	p = procset_match(ps, pid, began);
	/*
	 * An unchanged process keeps what was read of it, for a while. A new
	 * oom_score_adj changes oom_score, so a changed score means a re-read.
	 */
	fresh = !p || p->seen_rss != rss || p->seen_vsize != vsize || p->seen_name != name ||
		p->oom_score != score || (s->refreshes + (unsigned long)pid) % FULL_EVERY == 0;
	if (!p)
		p = procset_take(ps);
	p->pid = pid;
	p->start_time = began;
	p->uid = r[S_EUID].result.u_int;
	snprintf(p->user, sizeof(p->user), "%s", sampler_user(s, p->uid));
	p->state = r[S_STATE].result.s_ch;
	p->oom_score = score;
	p->kthread = (r[S_FLAGS].result.ul_int & PF_KTHREAD) != 0;
	p->seen_rss = rss;
	p->seen_vsize = vsize;
	p->seen_name = name;
	if (p->kthread) {
		/* named by the kernel, no memory of its own */
		snprintf(p->comm, sizeof(p->comm), "%s", cmd);
		proc_set_cmdline(p, "", 0);
	} else if (fresh && !sampler_details(s, p, cmd) && p->state != 'Z') {
		procset_release(ps, p);
		return false;
	}
	if (!p->comm[0]) {
		/* a zombie whose status went away: the name from stat, or leave it out */
		snprintf(p->comm, sizeof(p->comm), "%s", cmd);
		if (!p->comm[0]) {
			procset_release(ps, p);
			return false;
		}
	}
	if (s->want_cgroup && (fresh || !p->cgroup[0]))
		sampler_cgroup(s, p);
	procset_add(ps, p);
	return true;
}

int sampler_sysmem(struct sampler *s, struct sysmem *m)
{
	/* select reads the file every time; get would keep a second-old copy */
	struct meminfo_stack *st = procps_meminfo_select(s->mem, sampler_mem_items,
		(int)(sizeof(sampler_mem_items) / sizeof(sampler_mem_items[0])));

	memset(m, 0, sizeof(*m));
	if (!st) {
		m->err = errno ? -errno : -EIO;
		return m->err;
	}
	m->mem_total_kb = st->head[0].result.ul_int;
	m->mem_available_kb = st->head[1].result.ul_int;
	m->swap_total_kb = st->head[2].result.ul_int;
	m->swap_free_kb = st->head[3].result.ul_int;
	m->commit_limit_kb = st->head[4].result.ul_int;
	m->committed_as_kb = st->head[5].result.ul_int;
	return 0;
}

int sampler_oom_kills(struct sampler *s, unsigned long *count)
{
	static enum vmstat_item item = VMSTAT_OOM_KILL;
	struct vmstat_stack *st;
	int rc;

	if (!s->vm && (rc = procps_vmstat_new(&s->vm)) < 0)
		return rc;
	/* select reads the file every time; get would keep a second-old copy */
	st = procps_vmstat_select(s->vm, &item, 1);
	if (!st)
		return errno ? -errno : -EIO;
	*count = st->head[0].result.ul_int;
	return 0;
}

int sampler_read(struct sampler *s, struct procset *ps, struct sysmem *m)
{
	struct pids_fetch *f;
	int i;

	f = procps_pids_reap(s->pids, PIDS_FETCH_TASKS_ONLY);
	if (!f)
		return errno ? -errno : -EIO;
	procset_begin(ps);
	for (i = 0; i < f->counts->total; i++)
		sampler_one(s, ps, f->stacks[i]->head);
	procset_end(ps);
	s->refreshes++;
	ps->page_kb = s->page_kb ? s->page_kb : 4;
	if (sampler_sysmem(s, m) == 0)
		ps->total_pages = (m->mem_total_kb + m->swap_total_kb) / ps->page_kb;
	return 0;
}
