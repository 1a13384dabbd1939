/* view_detail.c - boxes over the table: the selected process, the session's changes */
#include "view.h"

#include "column.h"
#include "escape.h"
#include "keys.h"
#include "tui.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define LINE_MAX_ 1024

void view_box(int y, int x, int h, int w, const char *title)
{
	int r;

	/* whole lines: nothing of the table shows at either side of the box */
	for (r = 0; r < h && y + r < LINES; r++) {
		move(y + r, 0);
		hline(' ', COLS);
	}
	attron(A_BOLD);
	view_put(y, x, title, w);
	attroff(A_BOLD);
}

/* One "label: value" line of a box. */
static void view_box_line(int y, int x, int w, const char *label, const char *value)
{
	char line[LINE_MAX_ + 32];

	snprintf(line, sizeof(line), "%-14s %s", label, value);
	view_put(y, x, line, w);
}

static const struct proc *view_info_proc(const struct app *a)
{
	return procset_find((struct procset *)&a->procs, a->info.pid, a->info.start_time);
}

/* The memory cgroup limit chain, innermost first: "memory limit" lines. Returns the next row. */
static int view_chain(const struct app *a, int y, int r, int x, int w)
{
	char v[LINE_MAX_], lim[16], use[16], path[LINE_MAX_ - 128];
	int i;

	if (a->info.nchain == 0) {
		view_box_line(y + r++, x + 1, w - 2, "memory limit",
			      memcg_available(&a->memcgs.mounts) ? "none found" : "no memory cgroup controller");
		return r;
	}
	for (i = 0; i < a->info.nchain && r < 20; i++) {
		const struct memcg *c = &a->info.chain[i];

		escape_text(path, sizeof(path), c->path, strlen(c->path), a->esc_flags);
		if (c->limit_kb >= 0) {
			column_format_size(lim, sizeof(lim), (unsigned long)c->limit_kb, a->unit, 7);
			column_format_size(use, sizeof(use), (unsigned long)(c->usage_kb > 0 ? c->usage_kb : 0), a->unit, 7);
			snprintf(v, sizeof(v), "%s: %s of %s (%lld%%)%s", path, use, lim,
				 c->limit_kb > 0 ? c->usage_kb * 100 / c->limit_kb : 100, c->oom_kills > 0 ? ", had OOM kills" : "");
		} else {
			snprintf(v, sizeof(v), "%s: no limit", path);
		}
		view_box_line(y + r++, x + 1, w - 2, i == 0 ? "memory cgroups" : "", v);
	}
	return r;
}

void view_proc_detail(const struct app *a)
{
	const struct proc *p = view_info_proc(a);
	char v[LINE_MAX_], cell[LINE_MAX_], user[PROC_USER_MAX * 4];
	int w = COLS - 4, h = 16 + (a->info.nchain > 1 ? a->info.nchain - 1 : 0), y, x = 2, r = 2;

	if (h > LINES)
		h = LINES;
	y = (LINES - h) / 2;
	if (w < 20 || h < 15)
		return;
	if (y < 0)
		y = 0;
	view_box(y, x, h, w, " Process (any key closes)");
	if (!p || a->info.gone) {
		view_put(y + r, x + 1, "the process has exited", w - 2);
		return;
	}
	snprintf(v, sizeof(v), "%d", p->pid);
	view_box_line(y + r++, x + 1, w - 2, "pid", v);
	escape_text(cell, sizeof(cell), p->comm, strnlen(p->comm, sizeof(p->comm)), a->esc_flags);
	view_box_line(y + r++, x + 1, w - 2, "name", cell);
	column_format(p, COL_COMMAND, a->unit, true, a->esc_flags, cell, sizeof(cell));
	view_box_line(y + r++, x + 1, w - 2, "command", cell);
	column_format(p, COL_USER, a->unit, false, a->esc_flags, user, sizeof(user));
	snprintf(v, sizeof(v), "%s (uid %u)", user, p->uid);
	view_box_line(y + r++, x + 1, w - 2, "user", v);
	if (p->rank > 0)
		snprintf(v, sizeof(v), "%d (badness %lld pages)", p->rank, p->badness);
	else
		snprintf(v, sizeof(v), "never killed%s", p->kthread ? " (a kernel thread)" : "");
	view_box_line(y + r++, x + 1, w - 2, "kill order", v);
	snprintf(v, sizeof(v), "%d", p->oom_score);
	view_box_line(y + r++, x + 1, w - 2, "oom_score", v);
	snprintf(v, sizeof(v), "%d (+/- change it, = sets it, P protects)", p->oom_adj);
	view_box_line(y + r++, x + 1, w - 2, "oom_score_adj", v);
	snprintf(v, sizeof(v), "%lu kB: anon %lu, file %lu, shmem %lu; swap %lu kB, page tables %lu kB",
		 p->rss_kb, p->anon_kb, p->file_kb, p->shmem_kb, p->swap_kb, p->pte_kb);
	view_box_line(y + r++, x + 1, w - 2, "memory", v);
	view_box_line(y + r++, x + 1, w - 2, "cgroup", a->info.cgroup[0] ? a->info.cgroup : "unknown");
	r = view_chain(a, y, r, x, w);
	if (a->info.unit[0]) {
		char unit[256];

		escape_text(unit, sizeof(unit), a->info.unit, strlen(a->info.unit), 0);
		snprintf(v, sizeof(v), "%s%s", unit, a->info.user_unit ? " (a user service)" : "");
		view_box_line(y + r++, x + 1, w - 2, "systemd unit", v);
		snprintf(v, sizeof(v), "a change here lasts until the process exits; to keep it:");
		view_box_line(y + r++, x + 1, w - 2, "persist", v);
		snprintf(v, sizeof(v), "systemctl%s edit %s, then [Service] OOMScoreAdjust=%d",
			 a->info.user_unit ? " --user" : "", unit, p->oom_adj);
		view_box_line(y + r++, x + 1, w - 2, "", v);
	} else {
		view_box_line(y + r++, x + 1, w - 2, "systemd unit", "none (not in a .service cgroup)");
		view_box_line(y + r++, x + 1, w - 2, "persist",
			      "a change here lasts until the process exits; set it where it is started");
	}
}

/* One change, in a line. */
static void view_change_line(const struct app *a, const struct adj_entry *e, char *buf, size_t cap)
{
	char comm[ADJ_COMM_MAX * 4], when[16];
	const char *sig = sigabbrev_np(e->sig);
	struct tm tm;

	localtime_r(&e->when, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	escape_text(comm, sizeof(comm), e->comm, strnlen(e->comm, sizeof(e->comm)), a->esc_flags);
	if (e->kind == ADJ_SIGNAL)
		snprintf(buf, cap, "%s  %7d %-16s signal SIG%s", when, e->pid, comm, sig ? sig : "?");
	else
		snprintf(buf, cap, "%s  %7d %-16s oom_score_adj %5d -> %5d%s%s", when, e->pid, comm,
			 e->old_adj, e->new_adj, e->kind == ADJ_UNDO ? "  (undo)" : "",
			 e->undone ? "  (undone)" : "");
}

void view_changes(const struct app *a)
{
	char line[LINE_MAX_];
	int w = COLS - 4, h = LINES - 4, y = 2, x = 2, r;
	size_t i;

	if (w < 20 || h < 3)
		return;
	snprintf(line, sizeof(line), " Changes in this session: %zu, newest first (any key closes)",
		 a->changes.n);
	view_box(y, x, h, w, line);
	for (r = 2, i = a->changes.n; i > 0 && r < h; i--, r++) {
		view_change_line(a, &a->changes.v[i - 1], line, sizeof(line));
		view_put(y + r, x + 1, line, w - 2);
	}
}

size_t view_help_lines(void)
{
	struct keys_help h[ACT_COUNT];

	return keys_help(h) + 2; /* a blank line and the closing words */
}

size_t view_help_rows(void)
{
	return LINES > 3 ? (size_t)LINES - 3 : 1;
}

void view_help(const struct app *a)
{
	struct keys_help h[ACT_COUNT];
	size_t n = keys_help(h), rows = view_help_rows(), i;
	char line[LINE_MAX_];
	int y = 2;

	erase();
	attron(A_BOLD);
	view_put(0, 0, "oomtop keys (Up/Down/PgUp/PgDn scroll, any other key closes)", COLS);
	attroff(A_BOLD);
	for (i = a->help_top; i < n + 2 && (size_t)(y - 2) < rows; i++, y++) {
		if (i < n)
			snprintf(line, sizeof(line), "%-12s %s", h[i].keys, h[i].help);
		else if (i == n)
			line[0] = '\0';
		else
			snprintf(line, sizeof(line), "Mouse: a click selects a row or sorts by a column; the wheel scrolls.");
		view_put(y, 1, line, COLS - 1);
	}
}

void view_picker(const struct app *a)
{
	int w = COLS - 4 < 72 ? COLS - 4 : 72, h = COL_COUNT + 3, y = (LINES - h) / 2, x = 2, c;
	char line[LINE_MAX_];

	if (y < 0)
		y = 0;
	if (h > LINES)
		h = LINES;
	view_box(y, x, h, w, " Sort by (Up/Down, Enter sorts, Esc cancels)");
	for (c = 0; c < COL_COUNT && 2 + c < h; c++) {
		const struct column_info *ci = column_info((enum column)c);

		snprintf(line, sizeof(line), "%c %-8s %s", c == (int)a->table.sort_col ? '*' : ' ', ci->name,
			 ci->help);
		if (c == a->picker_sel)
			attron(A_REVERSE);
		move(y + 2 + c, x + 1);
		if (c == a->picker_sel)
			hline(' ', w - 2);
		view_put(y + 2 + c, x + 1, line, w - 2);
		attroff(A_REVERSE);
	}
}
