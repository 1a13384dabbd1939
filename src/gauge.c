/* gauge.c - words and bars for commit, memory, swap and PSI */
#include "gauge.h"

#include "column.h"

#include <stdio.h>
#include <string.h>

static void gauge_size(char *buf, size_t cap, unsigned long kb)
{
	column_format_size(buf, cap, kb, UNIT_AUTO, 6);
}

double gauge_commit_pct(const struct sysmem *m)
{
	return m->commit_limit_kb ? 100.0 * (double)m->committed_as_kb / (double)m->commit_limit_kb : 0;
}

enum level gauge_commit_level(const struct sysmem *m, const struct overcommit *oc)
{
	double pct = gauge_commit_pct(m);

	if (!overcommit_enforced(oc))
		return LEVEL_NONE;
	return pct >= 95 ? LEVEL_BAD : pct >= 80 ? LEVEL_WARN : LEVEL_OK;
}

void gauge_commit_text(char *buf, size_t cap, const struct sysmem *m, const struct overcommit *oc,
		       enum detail d)
{
	char used[16], limit[16], room[16];
	double pct = gauge_commit_pct(m);
	unsigned long left = m->commit_limit_kb > m->committed_as_kb ?
			     m->commit_limit_kb - m->committed_as_kb : 0;

	gauge_size(used, sizeof(used), m->committed_as_kb);
	gauge_size(limit, sizeof(limit), m->commit_limit_kb);
	gauge_size(room, sizeof(room), left);
	if (d == DETAIL_MIN) {
		snprintf(buf, cap, "%.0f%% %s", pct,
			 oc->err ? "?" : overcommit_enforced(oc) ? "strict" : "not enforced");
	} else if (oc->err) {
		snprintf(buf, cap, "%.0f%% %s of %s, overcommit policy unknown", pct, used, limit);
	} else if (overcommit_enforced(oc)) {
		if (d == DETAIL_COMPACT)
			snprintf(buf, cap, "%.0f%% %s/%s strict: %s left", pct, used, limit, room);
		else if (oc->kbytes)
			snprintf(buf, cap, "%.0f%% %s of %s, strict (mode 2, overcommit_kbytes %lu): "
				 "%s left before allocations fail", pct, used, limit, oc->kbytes, room);
		else
			snprintf(buf, cap, "%.0f%% %s of %s, strict (mode 2, ratio %ld%%): "
				 "%s left before allocations fail", pct, used, limit, oc->ratio, room);
	} else if (d == DETAIL_COMPACT) {
		snprintf(buf, cap, "%.0f%% %s/%s %s: not enforced", pct, used, limit,
			 overcommit_mode_name(oc->mode));
	} else {
		snprintf(buf, cap, "%.0f%% %s of %s, %s (mode %d): the limit is not enforced%s", pct,
			 used, limit, overcommit_mode_name(oc->mode), oc->mode,
			 oc->mode == 1 ? ", every allocation succeeds" : "");
	}
}

double gauge_mem_pct(const struct sysmem *m)
{
	unsigned long used = m->mem_total_kb > m->mem_available_kb ?
			     m->mem_total_kb - m->mem_available_kb : 0;

	return m->mem_total_kb ? 100.0 * (double)used / (double)m->mem_total_kb : 0;
}

enum level gauge_mem_level(const struct sysmem *m)
{
	double pct = gauge_mem_pct(m);

	return pct >= 90 ? LEVEL_BAD : pct >= 80 ? LEVEL_WARN : LEVEL_OK;
}

void gauge_mem_text(char *buf, size_t cap, const struct sysmem *m, enum detail d)
{
	char used[16], total[16], avail[16];
	unsigned long u = m->mem_total_kb > m->mem_available_kb ?
			  m->mem_total_kb - m->mem_available_kb : 0;

	gauge_size(used, sizeof(used), u);
	gauge_size(total, sizeof(total), m->mem_total_kb);
	gauge_size(avail, sizeof(avail), m->mem_available_kb);
	if (d == DETAIL_MIN)
		snprintf(buf, cap, "%.0f%%", gauge_mem_pct(m));
	else if (d == DETAIL_COMPACT)
		snprintf(buf, cap, "%.0f%% %s/%s", gauge_mem_pct(m), used, total);
	else
		snprintf(buf, cap, "%.0f%% %s used of %s, %s available", gauge_mem_pct(m), used,
			 total, avail);
}

void gauge_swap_text(char *buf, size_t cap, const struct sysmem *m, enum detail d)
{
	char used[16], total[16];
	unsigned long u = m->swap_total_kb > m->swap_free_kb ? m->swap_total_kb - m->swap_free_kb : 0;

	if (m->swap_total_kb == 0) {
		snprintf(buf, cap, "no swap");
		return;
	}
	gauge_size(used, sizeof(used), u);
	gauge_size(total, sizeof(total), m->swap_total_kb);
	if (d == DETAIL_MIN)
		snprintf(buf, cap, "%.0f%%", 100.0 * (double)u / (double)m->swap_total_kb);
	else
		snprintf(buf, cap, "%.0f%% %s%s%s", 100.0 * (double)u / (double)m->swap_total_kb, used,
			 d == DETAIL_FULL ? " used of " : "/", total);
}

enum level gauge_psi_level(double pct)
{
	return pct >= 20 ? LEVEL_BAD : pct >= 5 ? LEVEL_WARN : LEVEL_OK;
}

static void gauge_now(char *buf, size_t cap, double v)
{
	if (v < 0)
		snprintf(buf, cap, "-");
	else
		snprintf(buf, cap, "%.1f%%", v);
}

void gauge_psi_text(char *buf, size_t cap, const struct psi *p, enum psi_res r,
		    double now_some, double now_full, enum detail d)
{
	const struct psi_stat *s = &p->r[r];
	char ns[16], nf[16], full[96];

	gauge_now(ns, sizeof(ns), now_some);
	gauge_now(nf, sizeof(nf), now_full);
	if (s->err) {
		snprintf(buf, cap, "%s unavailable", psi_name(r));
		return;
	}
	if (d == DETAIL_MIN) {
		snprintf(buf, cap, "%s %s", psi_name(r), ns);
		return;
	}
	if (d == DETAIL_COMPACT) {
		snprintf(buf, cap, "%s %.2f %s", psi_name(r), s->some.avg10, ns);
		return;
	}
	if (s->full.present)
		snprintf(full, sizeof(full), "  full %.2f %.2f %.2f now %s", s->full.avg10,
			 s->full.avg60, s->full.avg300, nf);
	else
		snprintf(full, sizeof(full), "  full -");
	snprintf(buf, cap, "%-6s some %.2f %.2f %.2f now %s%s", psi_name(r), s->some.avg10,
		 s->some.avg60, s->some.avg300, ns, full);
}

void gauge_bar(char *buf, size_t cap, double pct, int width, bool utf8)
{
	int fill, i;
	size_t o = 0;

	if (cap == 0)
		return;
	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	fill = (int)(pct * width / 100.0 + 0.5);
	for (i = 0; i < width && o + (i < fill && utf8 ? 3 : 1) < cap; i++) {
		if (i < fill && utf8) {
			memcpy(buf + o, "\xe2\x96\x88", 3); /* U+2588 full block */
			o += 3;
		} else {
			buf[o++] = i < fill ? '|' : ' ';
		}
	}
	buf[o] = '\0';
}

void gauge_sparkline(char *buf, size_t cap, const struct psi_history *h, int width, bool utf8)
{
	static const char ascii[] = "_.-=*#";
	size_t glyph = utf8 ? 3 : 1, fit, start, i, o = 0;
	double max = 1.0; /* scale to at least 1 % so that noise stays flat */

	if (cap == 0)
		return;
	/* the newest values that fit both width and the buffer */
	fit = (cap - 1) / glyph < (size_t)width ? (cap - 1) / glyph : (size_t)width;
	start = h->n > fit ? h->n - fit : 0;
	for (i = start; i < h->n; i++)
		if (psi_history_get(h, i) > max)
			max = psi_history_get(h, i);
	for (i = start; i < h->n; i++) {
		double v = psi_history_get(h, i) / max;

		if (v < 0)
			v = 0;
		if (utf8) {
			int k = (int)(v * 7 + 0.5); /* U+2581..U+2588 */

			buf[o++] = (char)0xe2;
			buf[o++] = (char)0x96;
			buf[o++] = (char)(0x81 + k);
		} else {
			buf[o++] = ascii[(int)(v * 5 + 0.5)];
		}
	}
	buf[o] = '\0';
}
