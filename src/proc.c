/* proc.c - storage for sampled processes, reused from refresh to refresh */
#include "proc.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void procset_init(struct procset *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->page_kb = 4;
}

static void procset_free_rows(struct proc **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i]->cmdline);
		free(v[i]);
	}
}

void procset_fini(struct procset *ps)
{
	procset_free_rows(ps->v, ps->n);
	procset_free_rows(ps->old + ps->oldpos, ps->nold - ps->oldpos);
	procset_free_rows(ps->pool, ps->npool);
	free(ps->v);
	free(ps->old);
	free(ps->pool);
	free(ps->scratch);
	memset(ps, 0, sizeof(*ps));
}

/* Make room for one more pointer in *v (n used of *cap). */
static void procset_grow(struct proc ***v, size_t n, size_t *cap)
{
	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 256;
	*v = x_realloc(*v, *cap * sizeof(**v));
}

void procset_begin(struct procset *ps)
{
	struct proc **t = ps->old;
	size_t tcap = ps->oldcap;

	procset_end(ps); /* an unfinished refresh leaves nothing behind */
	ps->old = ps->v;
	ps->oldcap = ps->cap;
	ps->nold = ps->n;
	ps->oldpos = 0;
	ps->v = t;
	ps->cap = tcap;
	ps->n = 0;
}

struct proc *procset_match(struct procset *ps, int pid, unsigned long long start_time)
{
	struct proc *p;

	while (ps->oldpos < ps->nold && ps->old[ps->oldpos]->pid < pid)
		procset_release(ps, ps->old[ps->oldpos++]);
	if (ps->oldpos == ps->nold || ps->old[ps->oldpos]->pid != pid)
		return NULL;
	p = ps->old[ps->oldpos++];
	if (p->start_time == start_time)
		return p;
	procset_release(ps, p); /* the PID now names another process */
	return NULL;
}

struct proc *procset_take(struct procset *ps)
{
	struct proc *p;
	char *keep;
	size_t keep_cap;

	if (ps->npool == 0)
		return x_calloc(1, sizeof(struct proc));
	p = ps->pool[--ps->npool];
	keep = p->cmdline;
	keep_cap = p->cmdline_cap;
	memset(p, 0, sizeof(*p));
	p->cmdline = keep;
	p->cmdline_cap = keep_cap;
	if (p->cmdline)
		p->cmdline[0] = '\0';
	return p;
}

void procset_release(struct procset *ps, struct proc *p)
{
	procset_grow(&ps->pool, ps->npool, &ps->poolcap);
	ps->pool[ps->npool++] = p;
}

void procset_add(struct procset *ps, struct proc *p)
{
	procset_grow(&ps->v, ps->n, &ps->cap);
	ps->v[ps->n++] = p;
}

void procset_end(struct procset *ps)
{
	while (ps->oldpos < ps->nold)
		procset_release(ps, ps->old[ps->oldpos++]);
	ps->nold = ps->oldpos = 0;
}

struct proc *procset_push(struct procset *ps)
{
	struct proc *p = procset_take(ps);

	procset_add(ps, p);
	return p;
}

void proc_set_cmdline(struct proc *p, const char *s, size_t len)
{
	size_t i;

	if (len + 1 > p->cmdline_cap) {
		p->cmdline_cap = len + 1 < 32 ? 32 : len + 1;
		p->cmdline = x_realloc(p->cmdline, p->cmdline_cap);
	}
	for (i = 0; i < len; i++)
		p->cmdline[i] = s[i] ? s[i] : ' ';
	while (len > 0 && p->cmdline[len - 1] == ' ')
		len--;
	p->cmdline[len] = '\0';
}

struct proc *procset_find(struct procset *ps, int pid, unsigned long long start_time)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (ps->v[i]->pid == pid && ps->v[i]->start_time == start_time)
			return ps->v[i];
	return NULL;
}
