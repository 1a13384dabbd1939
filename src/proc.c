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

void procset_fini(struct procset *ps)
{
	size_t i;

	for (i = 0; i < ps->cap; i++)
		free(ps->v[i].cmdline);
	free(ps->v);
	free(ps->scratch);
	memset(ps, 0, sizeof(*ps));
}

struct proc *procset_push(struct procset *ps)
{
	struct proc *p;
	char *keep;
	size_t keep_cap;

	if (ps->n == ps->cap) {
		size_t ncap = ps->cap ? ps->cap * 2 : 256;

		ps->v = x_realloc(ps->v, ncap * sizeof(*ps->v));
		memset(ps->v + ps->cap, 0, (ncap - ps->cap) * sizeof(*ps->v));
		ps->cap = ncap;
	}
	p = &ps->v[ps->n++];
	keep = p->cmdline;
	keep_cap = p->cmdline_cap;
	memset(p, 0, sizeof(*p));
	p->cmdline = keep;
	p->cmdline_cap = keep_cap;
	if (p->cmdline)
		p->cmdline[0] = '\0';
	return p;
}

void proc_set_cmdline(struct proc *p, const char *s, size_t len)
{
	size_t i;

	if (len + 1 > p->cmdline_cap) {
		p->cmdline_cap = len + 1 < 64 ? 64 : len + 1;
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
		if (ps->v[i].pid == pid && ps->v[i].start_time == start_time)
			return &ps->v[i];
	return NULL;
}
