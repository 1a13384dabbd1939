/* view_header.c - the gauges above the table: commit, memory, swap, PSI */
#include "view.h"

#include "gauge.h"
#include "tui.h"

#include <stdio.h>
#include <string.h>

#define BAR_FULL 20
#define BAR_COMPACT 10
#define SPARK_MAX 32

enum { PAIR_OK = 1, PAIR_WARN, PAIR_BAD };

void view_colors_init(struct app *a)
{
	a->color_on = false;
	if (!a->color || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	/* no yellow or white text: both vanish on a light background */
	init_pair(PAIR_WARN, COLOR_MAGENTA, -1);
	init_pair(PAIR_BAD, COLOR_RED, -1);
	a->color_on = true;
}

static attr_t view_level_attr(const struct app *a, enum level l);

static enum detail view_detail(int cols)
{
	return cols >= 100 ? DETAIL_FULL : cols >= 80 ? DETAIL_COMPACT : DETAIL_MIN;
}

static int view_gauge_lines(const struct app *a, enum detail d)
{
	if (d == DETAIL_MIN)
		return 2;
	if (d == DETAIL_COMPACT)
		return 3;
	return psi_unavailable(&a->psi) ? 3 : 5;
}

int view_header_lines(const struct app *a, int cols)
{
	/* an OOM policy that changes who dies gets a line of its own */
	return view_gauge_lines(a, view_detail(cols)) + (policy_unusual(&a->policy) ? 1 : 0);
}

/* The attribute of a level: a colour, or bold for alarms in monochrome. */
static attr_t view_level_attr(const struct app *a, enum level l)
{
	if (a->color_on) {
		switch (l) {
		case LEVEL_OK:
			return COLOR_PAIR(PAIR_OK);
		case LEVEL_WARN:
			return COLOR_PAIR(PAIR_WARN);
		case LEVEL_BAD:
			return COLOR_PAIR(PAIR_BAD) | A_BOLD;
		case LEVEL_NONE:
		default:
			return A_NORMAL;
		}
	}
	return l >= LEVEL_WARN ? A_BOLD : A_NORMAL;
}

/* "LABEL [bar] " at (y, x) in the level's colour; returns the next x. */
static int view_gauge(const struct app *a, int y, int x, const char *label, double pct, int width,
		      enum level l)
{
	char bar[BAR_FULL * 3 + 1];
	attr_t attr = view_level_attr(a, l);

	x += view_put(y, x, label, COLS - x);
	x += view_put(y, x, "[", COLS - x);
	gauge_bar(bar, sizeof(bar), pct, width, a->utf8);
	attron(attr);
	x += view_put(y, x, bar, COLS - x);
	attroff(attr);
	x += view_put(y, x, "] ", COLS - x);
	return x;
}

/* Text in the level's colour at (y, x); returns the next x. */
static int view_text(const struct app *a, int y, int x, const char *s, enum level l)
{
	attr_t attr = view_level_attr(a, l);
	int n;

	attron(attr);
	n = view_put(y, x, s, COLS - x > 0 ? COLS - x : 0);
	attroff(attr);
	return x + n;
}

static void view_mem_lines(const struct app *a, int y, enum detail d)
{
	char text[256], swap[128];
	int x, w = d == DETAIL_FULL ? BAR_FULL : BAR_COMPACT;
	double swap_pct = a->mem.swap_total_kb ?
		100.0 * (double)(a->mem.swap_total_kb - a->mem.swap_free_kb) / (double)a->mem.swap_total_kb : 0;

	if (a->mem.err) {
		view_put(y, 0, "memory: /proc/meminfo cannot be read", COLS);
		return;
	}
	gauge_commit_text(text, sizeof(text), &a->mem, &a->oc, d);
	if (d == DETAIL_MIN) {
		x = view_text(a, y, 0, "Commit ", LEVEL_NONE);
		x = view_text(a, y, x, text, gauge_commit_level(&a->mem, &a->oc));
		gauge_mem_text(text, sizeof(text), &a->mem, d);
		x = view_text(a, y, x, "  Mem ", LEVEL_NONE);
		view_text(a, y, x, text, gauge_mem_level(&a->mem));
		return;
	}
	x = view_gauge(a, y, 0, "Commit ", gauge_commit_pct(&a->mem), w,
		       gauge_commit_level(&a->mem, &a->oc));
	if (x + (int)strlen(text) > COLS && d == DETAIL_FULL) /* the words must stay whole */
		gauge_commit_text(text, sizeof(text), &a->mem, &a->oc, DETAIL_COMPACT);
	view_text(a, y, x, text, gauge_commit_level(&a->mem, &a->oc));
	x = view_gauge(a, y + 1, 0, "Mem    ", gauge_mem_pct(&a->mem), w, gauge_mem_level(&a->mem));
	gauge_mem_text(text, sizeof(text), &a->mem, d);
	x = view_text(a, y + 1, x, text, gauge_mem_level(&a->mem));
	gauge_swap_text(swap, sizeof(swap), &a->mem, d);
	x = view_text(a, y + 1, x, "   Swap ", LEVEL_NONE);
	view_text(a, y + 1, x, swap, swap_pct >= 50 ? LEVEL_WARN : LEVEL_NONE);
}

static void view_spark(const struct app *a, int y, int x)
{
	char spark[SPARK_MAX * 3 + 1];
	int w = COLS - x - 1;

	if (w < 8)
		return;
	if (w > SPARK_MAX)
		w = SPARK_MAX;
	gauge_sparkline(spark, sizeof(spark), &a->stall, w, a->utf8);
	view_put(y, x + 1, spark, w);
}

/* A resource's level: the worse of some and full, now or else avg10. */
static enum level view_psi_level(const struct app *a, enum psi_res r)
{
	const struct psi_stat *s = &a->psi.r[r];
	double some = app_stall(a, r, false), full = app_stall(a, r, true);

	if (s->err)
		return LEVEL_NONE;
	if (some < 0)
		some = s->some.avg10;
	if (full < 0)
		full = s->full.present ? s->full.avg10 : 0;
	return gauge_psi_level(some > full ? some : full);
}

static void view_psi_lines(const struct app *a, int y, enum detail d)
{
	const char *why = psi_unavailable(&a->psi);
	char text[256];
	int r, x = 0;

	if (why) {
		if ((int)strlen(why) > COLS)
			why = psi_unavailable_short(&a->psi);
		view_put(y, 0, why, COLS);
		return;
	}
	if (d == DETAIL_FULL) {
		for (r = 0; r < PSI_COUNT; r++) {
			double now = app_stall(a, (enum psi_res)r, false);

			gauge_psi_text(text, sizeof(text), &a->psi, (enum psi_res)r, now,
				       app_stall(a, (enum psi_res)r, true), d);
			x = view_text(a, y + r, 0, "PSI ", LEVEL_NONE);
			x = view_text(a, y + r, x, text, view_psi_level(a, (enum psi_res)r));
			if (r == PSI_MEMORY)
				view_spark(a, y, x + 1);
		}
		return;
	}
	x = view_text(a, y, 0, "PSI", LEVEL_NONE);
	for (r = 0; r < PSI_COUNT && (d == DETAIL_COMPACT || r < PSI_CPU); r++) {
		double now = app_stall(a, (enum psi_res)r, false);

		gauge_psi_text(text, sizeof(text), &a->psi, (enum psi_res)r, now, -1, d);
		x = view_text(a, y, x, " ", LEVEL_NONE);
		x = view_text(a, y, x, text, view_psi_level(a, (enum psi_res)r));
	}
	view_spark(a, y, x + 1);
}

void view_header_draw(const struct app *a, int y)
{
	enum detail d = view_detail(COLS);

	view_mem_lines(a, y, d);
	view_psi_lines(a, y + (d == DETAIL_MIN ? 1 : 2), d);
	if (policy_unusual(&a->policy)) {
		char words[512];

		policy_words(&a->policy, words, sizeof(words));
		attron(view_level_attr(a, LEVEL_BAD));
		view_put(y + view_gauge_lines(a, d), 0, words, COLS);
		attroff(view_level_attr(a, LEVEL_BAD));
	}
}
