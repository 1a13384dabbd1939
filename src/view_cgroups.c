/* view_cgroups.c - the cgroup view (g): one row per memory cgroup with a limit or an OOM */
#include "view.h"

#include "column.h"
#include "escape.h"
#include "tui.h"

#include <stdio.h>
#include <string.h>

#define VICTIM_WIDTH 24

/* The fixed columns, left to right; PATH takes the rest, last. */
static const struct {
	enum cgcol col;
	int width;
} cg_cols[] = {
	{ CG_USAGE, 7 }, { CG_LIMIT, 7 }, { CG_PCT, 4 }, { CG_HIGH, 7 }, { CG_PSI, 5 },
	{ CG_OOMS, 5 }, { CG_GROUP, 5 }, { CG_PROCS, 5 }, { CG_VICTIM, VICTIM_WIDTH }, { CG_PATH, 0 },
};
#define NCG (sizeof(cg_cols) / sizeof(cg_cols[0]))

/* Which of the columns fit a width: at least USAGE, LIMIT, PCT, VICTIM and PATH. */
static bool cg_shown(enum cgcol c, int width)
{
	if (width >= 100)
		return true;
	if (width >= 80)
		return c != CG_HIGH && c != CG_GROUP;
	return c == CG_USAGE || c == CG_LIMIT || c == CG_PCT || c == CG_VICTIM || c == CG_PATH;
}

int view_cg_columns(int width, enum cgcol *out)
{
	size_t i;
	int n = 0;

	for (i = 0; i < NCG; i++)
		if (cg_shown(cg_cols[i].col, width))
			out[n++] = cg_cols[i].col;
	return n;
}

static int cg_width(enum cgcol c)
{
	size_t i;

	for (i = 0; i < NCG; i++)
		if (cg_cols[i].col == c)
			return cg_cols[i].width;
	return 0;
}

static void cg_size(char *buf, size_t cap, long long kb, enum unit u)
{
	if (kb < 0)
		snprintf(buf, cap, "-");
	else
		column_format_size(buf, cap, (unsigned long)kb, u, 7);
}

static void cg_cell(const struct app *a, const struct cgrow *r, enum cgcol c, char *buf, size_t cap)
{
	char comm[PROC_COMM_MAX * 4];

	switch (c) {
	case CG_USAGE:
		cg_size(buf, cap, r->cg.usage_kb, a->unit);
		break;
	case CG_LIMIT:
		cg_size(buf, cap, r->limit_kb, a->unit);
		break;
	case CG_PCT:
		if (r->limit_kb > 0 && r->cg.usage_kb >= 0)
			snprintf(buf, cap, "%lld%%", r->cg.usage_kb * 100 / r->limit_kb);
		else
			snprintf(buf, cap, "-");
		break;
	case CG_HIGH:
		cg_size(buf, cap, r->cg.high_kb, a->unit);
		break;
	case CG_PSI:
		if (r->cg.psi_some10 >= 0)
			snprintf(buf, cap, "%.1f", r->cg.psi_some10);
		else
			snprintf(buf, cap, "-");
		break;
	case CG_OOMS:
		if (r->cg.oom_kills >= 0)
			snprintf(buf, cap, "%lld", r->cg.oom_kills);
		else
			snprintf(buf, cap, "-");
		break;
	case CG_GROUP:
		snprintf(buf, cap, "%s", r->cg.oom_group < 0 ? "-" : r->cg.oom_group ? "yes" : "no");
		break;
	case CG_PROCS:
		snprintf(buf, cap, "%d", r->nprocs);
		break;
	case CG_VICTIM:
		escape_text(comm, sizeof(comm), r->victim_comm, strlen(r->victim_comm), a->esc_flags);
		if (r->has_victim)
			snprintf(buf, cap, "%d %s", r->victim_pid, comm);
		else
			snprintf(buf, cap, "-");
		break;
	case CG_PATH:
	default:
		if (strcmp(r->label, r->cg.path) != 0) {
			char label[MEMCG_PATH_MAX * 4], path[MEMCG_PATH_MAX * 4];

			escape_text(label, sizeof(label), r->label, strlen(r->label), a->esc_flags);
			escape_text(path, sizeof(path), r->cg.path, strlen(r->cg.path), a->esc_flags);
			snprintf(buf, cap, "%s (%s)", label, path);
		} else {
			escape_text(buf, cap, r->cg.path, strlen(r->cg.path), a->esc_flags);
		}
		break;
	}
}

/* The column under screen column x of the cgroup view's header, or -1. */
int view_cg_column_at(int x)
{
	enum cgcol cols[CG_COUNT];
	int n = view_cg_columns(COLS, cols), i, at = 0;

	for (i = 0; i < n; i++) {
		int w = cols[i] == CG_PATH ? COLS - at : cg_width(cols[i]);

		if (x >= at && x < at + w + 1)
			return cols[i];
		at += w + 1;
	}
	return -1;
}

void view_cg_draw(const struct app *a, int y, size_t rows)
{
	enum cgcol cols[CG_COUNT];
	int n = view_cg_columns(COLS, cols), i, x;
	char cell[MEMCG_PATH_MAX * 8 + 16], pad[64];
	size_t k;
	bool desc = a->cgv.sort != CG_PATH;

	attron(A_REVERSE);
	move(y - 1, 0);
	hline(' ', COLS);
	for (i = 0, x = 0; i < n; i++) {
		int w = cols[i] == CG_PATH ? COLS - x : cg_width(cols[i]);
		const char *name = cols[i] == CG_VICTIM ? "FIRST VICTIM" : cgview_col_name(cols[i]);
		const char *mark = "";

		if (cols[i] == a->cgv.sort)
			mark = (desc != a->cgv.reverse) ? (a->utf8 ? "\u25bc" : "v") : (a->utf8 ? "\u25b2" : "^");
		if (cols[i] == CG_PATH || cols[i] == CG_VICTIM)
			snprintf(cell, sizeof(cell), "%s%s", name, mark);
		else
			snprintf(cell, sizeof(cell), "%*s%s%s", w - (int)strlen(name) - (*mark ? 1 : 0), "", mark, name);
		view_put(y - 1, x, cell, w);
		x += w + 1;
	}
	attroff(A_REVERSE);
	if (a->cgv.n == 0) {
		view_put(y, 1,
			 memcg_available(&a->memcgs.mounts)
				 ? "no memory cgroup has a limit or has had an OOM (g: back to the processes)"
				 : "no memory cgroup controller is mounted (g: back to the processes)",
			 COLS - 1);
		return;
	}
	for (k = 0; k < rows && a->cgv.top + k < a->cgv.n; k++) {
		const struct cgrow *r = &a->cgv.v[a->cgv.top + k];
		bool sel = a->cgv.top + k == a->cgv.sel;

		if (sel) {
			attron(A_REVERSE);
			move(y + (int)k, 0);
			hline(' ', COLS);
		}
		for (i = 0, x = 0; i < n; i++) {
			int w = cols[i] == CG_PATH ? COLS - x : cg_width(cols[i]);

			cg_cell(a, r, cols[i], cell, sizeof(cell));
			if (cols[i] == CG_PATH || cols[i] == CG_VICTIM) {
				view_put(y + (int)k, x, cell, w);
			} else {
				snprintf(pad, sizeof(pad), "%*.*s", w, w, cell);
				view_put(y + (int)k, x, pad, w);
			}
			x += w + 1;
		}
		if (sel)
			attroff(A_REVERSE);
	}
}
