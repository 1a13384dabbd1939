/* column.c - column metadata and cell formatting, shared by screen and batch */
#include "column.h"

#include "escape.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define COMMAND_MIN_WIDTH 16

static const struct column_info columns[COL_COUNT] = {
	[COL_RANK] = { "RANK", 5, false, 0, false, "kill order: 1 dies next; 'never' is never picked" },
	[COL_PID] = { "PID", 7, false, 0, false, "process id" },
	[COL_USER] = { "USER", 8, true, 6, false, "effective user (the uid when the name is longer)" },
	[COL_SCORE] = { "SCORE", 6, false, 7, true, "the kernel's oom_score (0..2000)" },
	[COL_ADJ] = { "ADJ", 5, false, 0, true, "oom_score_adj (-1000..1000)" },
	[COL_RSS] = { "RSS", 6, false, 0, true, "resident memory: anon + file + shmem" },
	[COL_ANON] = { "ANON", 6, false, 5, true, "resident anonymous memory (RssAnon)" },
	[COL_FILE] = { "FILE", 6, false, 2, true, "resident file-backed memory (RssFile)" },
	[COL_SHMEM] = { "SHMEM", 6, false, 1, true, "resident shared memory (RssShmem)" },
	[COL_SWAP] = { "SWAP", 6, false, 4, true, "swapped-out memory (VmSwap)" },
	[COL_PTE] = { "PTE", 6, false, 3, true, "page tables (VmPTE)" },
	[COL_CGROUP] = { "CGROUP", 24, true, 8, false,
			 "systemd service of the process, else its cgroup path (t shows it)" },
	[COL_MEMCG] = { "MEMCG", 11, false, 9, true,
			"use of the memory cgroup limit that bites: percent and the limit; - for none" },
	[COL_COMMAND] = { "COMMAND", 0, true, 0, false, "command line, or [name] (c switches)" },
};

static const char *const unit_names[UNIT_COUNT] = { "auto", "KiB", "MiB", "GiB" };

const struct column_info *column_info(enum column c)
{
	return &columns[c];
}

int column_by_name(const char *name)
{
	int c;

	for (c = 0; c < COL_COUNT; c++)
		if (strcasecmp(name, columns[c].name) == 0)
			return c;
	return -1;
}

const char *unit_name(enum unit u)
{
	return unit_names[u];
}

/* Print kb in the unit 1024^exp (0 = K) into buf; decimals when they fit. */
static int size_in(char *buf, size_t cap, unsigned long kb, int exp, int width)
{
	static const char letters[] = "KMGT";
	double v = (double)kb;
	int i, n;

	for (i = 0; i < exp; i++)
		v /= 1024.0;
	if (exp > 0 && v < 99.95)
		n = snprintf(buf, cap, "%.1f%c", v, letters[exp]);
	else
		n = snprintf(buf, cap, "%.0f%c", v, letters[exp]);
	if (n > width && exp > 0 && v < 99.95)
		n = snprintf(buf, cap, "%.0f%c", v, letters[exp]);
	return n;
}

void column_format_size(char *buf, size_t cap, unsigned long kb, enum unit u, int width)
{
	int exp = 0;

	if (u == UNIT_AUTO) {
		if (kb >= 1000UL * 1024 * 1024)
			exp = 3;
		else if (kb >= 1000UL * 1024)
			exp = 2;
		else if (kb >= 1000UL)
			exp = 1;
		if (exp == 0) {
			snprintf(buf, cap, "%luK", kb);
			return;
		}
	} else {
		exp = (int)u - (int)UNIT_KIB;
	}
	if (exp == 0) {
		if (snprintf(buf, cap, "%luK", kb) <= width)
			return;
		exp = 1;
	}
	while (size_in(buf, cap, kb, exp, width) > width && exp < 3)
		exp++;
}

void column_format(const struct proc *p, enum column c, enum unit u, bool cmdline,
		   int esc_flags, char *buf, size_t cap)
{
	int w = columns[c].width;

	switch (c) {
	case COL_RANK:
		if (p->rank > 0)
			snprintf(buf, cap, "%d", p->rank);
		else
			snprintf(buf, cap, "never");
		break;
	case COL_PID:
		snprintf(buf, cap, "%d", p->pid);
		break;
	case COL_USER:
		if (!p->user[0] || escape_text(buf, cap, p->user, strlen(p->user), esc_flags) > (size_t)w)
			snprintf(buf, cap, "%u", p->uid);
		break;
	case COL_SCORE:
		snprintf(buf, cap, "%d", p->oom_score);
		break;
	case COL_ADJ:
		snprintf(buf, cap, "%d", p->oom_adj);
		break;
	case COL_RSS:
		column_format_size(buf, cap, p->rss_kb, u, w);
		break;
	case COL_ANON:
		column_format_size(buf, cap, p->anon_kb, u, w);
		break;
	case COL_FILE:
		column_format_size(buf, cap, p->file_kb, u, w);
		break;
	case COL_SHMEM:
		column_format_size(buf, cap, p->shmem_kb, u, w);
		break;
	case COL_SWAP:
		column_format_size(buf, cap, p->swap_kb, u, w);
		break;
	case COL_PTE:
		column_format_size(buf, cap, p->pte_kb, u, w);
		break;
	case COL_CGROUP:
		escape_text(buf, cap, p->cgroup, strnlen(p->cgroup, sizeof(p->cgroup)), esc_flags);
		break;
	case COL_MEMCG: {
		int pct = column_memcg_pct(p);
		char lim[16];

		if (pct < 0) {
			snprintf(buf, cap, "-");
			break;
		}
		column_format_size(lim, sizeof(lim), (unsigned long)p->memcg_limit_kb, u, 6);
		snprintf(buf, cap, "%d%% %s", pct, lim);
		break;
	}
	case COL_COMMAND:
	default:
		if (cmdline && p->cmdline && p->cmdline[0])
			escape_text(buf, cap, p->cmdline, strlen(p->cmdline), esc_flags);
		else if (cap <= 2 && cap > 0)
			buf[0] = '\0';
		else if (cap > 2) {
			size_t n;

			buf[0] = '[';
			n = escape_text(buf + 1, cap - 2, p->comm, strlen(p->comm), esc_flags);
			buf[n + 1] = ']';
			buf[n + 2] = '\0';
		}
		break;
	}
}

int column_memcg_pct(const struct proc *p)
{
	long long pct;

	if (p->memcg_limit_kb <= 0 || p->memcg_usage_kb < 0)
		return p->memcg_limit_kb == 0 ? 100 : -1;
	pct = p->memcg_usage_kb * 100 / p->memcg_limit_kb;
	return pct > 999 ? 999 : (int)pct;
}

bool column_hideable(enum column c)
{
	return c != COL_RANK && c != COL_PID && c != COL_COMMAND && c < COL_COUNT;
}

int column_layout(int width, unsigned hidden, enum column *cols, int *cmd_width)
{
	bool shown[COL_COUNT];
	enum column dropped[COL_COUNT];
	int c, n = 0, used, drop, ndropped = 0, i;

	for (c = 0; c < COL_COUNT; c++)
		shown[c] = !(column_hideable((enum column)c) && (hidden & (1u << c)));
	for (drop = 1;; drop++) {
		used = 0;
		for (c = 0; c < COL_COMMAND; c++)
			if (shown[c])
				used += columns[c].width + 1;
		if (width - used >= COMMAND_MIN_WIDTH)
			break;
		if (drop > COL_COUNT)
			break; /* nothing left to drop */
		for (c = 0; c < COL_COMMAND; c++)
			if (columns[c].drop == drop)
				break;
		if (c == COL_COMMAND || !shown[c])
			continue;
		shown[c] = false;
		dropped[ndropped++] = (enum column)c;
	}
	/* a wide column dropped last may have made room for narrower ones dropped before it */
	for (i = ndropped - 1; i >= 0; i--) {
		int w = columns[dropped[i]].width + 1;

		if (width - used - w >= COMMAND_MIN_WIDTH) {
			shown[dropped[i]] = true;
			used += w;
		}
	}
	for (c = 0; c < COL_COUNT; c++)
		if (shown[c])
			cols[n++] = (enum column)c;
	*cmd_width = width - used > 0 ? width - used : 0;
	return n;
}
