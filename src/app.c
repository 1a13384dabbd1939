/* app.c - one refresh: sample, rank, rebuild the table, read the header */
#include "app.h"

#include "rank.h"

#include <pwd.h>
#include <stdio.h>

bool app_wants_cgroups(const struct app *a)
{
	/* also while CGROUP or MEMCG sorts: hidden, it still orders the rows */
	return !(a->hidden & (1u << COL_CGROUP)) || !(a->hidden & (1u << COL_MEMCG)) || a->cgview ||
	       a->table.memcg_top[0] || a->opt.cgroups || a->table.sort_col == COL_CGROUP ||
	       a->table.sort_col == COL_MEMCG;
}

void app_cgroups_changed(struct app *a)
{
	sampler_want_cgroup(a->sampler, app_wants_cgroups(a), a->memcgs.mounts.v2_memory);
}

static bool app_in_top(const struct proc *p, const void *top)
{
	return p->memcg[0] && memcg_within(p->memcg, top);
}

/* Each process's limiting cgroup; the kill order inside -c's cgroup; the cgroup view. */
static void app_memcg(struct app *a)
{
	size_t i;

	memcg_set_begin(&a->memcgs);
	for (i = 0; i < a->procs.n; i++) {
		struct proc *p = a->procs.v[i];
		const struct memcg *lim = p->memcg[0] ? memcg_set_limiter(&a->memcgs, p->memcg) : NULL;

		p->memcg_limit_kb = lim ? lim->limit_kb : -1;
		p->memcg_usage_kb = lim ? lim->usage_kb : -1;
	}
	if (a->table.memcg_top[0]) {
		const struct memcg *lim = memcg_set_limiter(&a->memcgs, a->table.memcg_top);
		unsigned long long total =
			lim ? cgview_total_pages(lim->limit_kb, a->mem.swap_total_kb, a->procs.page_kb)
			    : a->procs.total_pages;

		rank_compute_in(&a->procs, app_in_top, a->table.memcg_top, total);
	}
	if (a->cgview || a->opt.cgroups)
		cgview_build(&a->cgv, &a->memcgs, &a->procs, a->mem.swap_total_kb);
}

int app_refresh(struct app *a)
{
	int rc = sampler_read(a->sampler, &a->procs, &a->mem);
	double rate;

	if (rc < 0)
		return rc;
	rank_compute(&a->procs);
	if (app_wants_cgroups(a))
		app_memcg(a);
	table_rebuild(&a->table, &a->procs);
	overcommit_read(a->vm_dir, &a->oc);
	policy_read(a->vm_dir, a->mem.swap_total_kb, &a->policy);
	a->psi_prev = a->psi;
	a->psi_have_prev = a->psi.when > 0;
	psi_read(a->psi_dir, &a->psi);
	a->oom_kills_known = sampler_oom_kills(a->sampler, &a->oom_kills) == 0;
	rate = app_stall(a, PSI_MEMORY, false);
	if (rate >= 0)
		psi_history_push(&a->stall, rate);
	return 0;
}

double app_stall(const struct app *a, enum psi_res r, bool full)
{
	if (!a->psi_have_prev)
		return -1;
	return psi_rate(&a->psi_prev, &a->psi, r, full);
}

double app_wall(const struct app *a, unsigned long long usec)
{
	return a->boot_wall + (double)usec / 1e6;
}

int app_read_kills(struct app *a, bool live)
{
	size_t before = a->kills.n, i;
	int rc = klog_read(&a->klog, &a->kills, live);

	/* the log holds uids; the pane shows names, looked up once per kill */
	for (i = before < a->kills.n ? before : 0; i < a->kills.n; i++) {
		struct oom_event *e = &a->kills.v[i];
		struct passwd *pw;

		if (e->user[0] || e->uid < 0)
			continue;
		pw = getpwuid((uid_t)e->uid);
		snprintf(e->user, sizeof(e->user), "%s", pw ? pw->pw_name : "");
	}
	return rc;
}

void app_apply_settings(struct app *a, const struct settings *s)
{
	a->table.sort_col = a->opt.sort >= 0 ? (enum column)a->opt.sort : (enum column)s->sort;
	a->table.reverse = a->opt.sort >= 0 ? false : s->reverse;
	a->hidden = s->hidden;
	if (!a->opt.delay_set)
		a->opt.delay = s->delay;
	a->pane_shown = s->pane;
	a->color_setting = s->color;
	a->color = a->color && s->color;
	a->unit = (enum unit)s->units;
	a->table.show_kthreads = s->kthreads;
	a->show_cmdline = s->cmdline;
	app_cgroups_changed(a);
}

void app_settings(const struct app *a, struct settings *s)
{
	config_defaults(s);
	s->sort = a->table.sort_col;
	s->reverse = a->table.reverse;
	s->hidden = a->hidden;
	s->delay = a->opt.delay;
	s->pane = a->pane_shown;
	s->color = a->color_setting;
	s->units = a->unit;
	s->kthreads = a->table.show_kthreads;
	s->cmdline = a->show_cmdline;
}
