/* column.h - the table's columns: names, widths, and text of each cell */
#ifndef OOMTOP_COLUMN_H
#define OOMTOP_COLUMN_H

#include "proc.h"

enum column {
	COL_RANK, COL_PID, COL_USER, COL_SCORE, COL_ADJ, COL_RSS, COL_ANON,
	COL_FILE, COL_SHMEM, COL_SWAP, COL_PTE, COL_CGROUP, COL_MEMCG, COL_COMMAND, COL_COUNT
};

/* Columns hidden unless asked for (t shows CGROUP): a mask of 1u << column. */
#define COLUMN_HIDDEN_DEFAULT ((1u << COL_CGROUP) | (1u << COL_MEMCG))

/* The memory cgroup use of p in percent of the limit that bites; -1 without a limit. */
int column_memcg_pct(const struct proc *p);

enum unit { UNIT_AUTO, UNIT_KIB, UNIT_MIB, UNIT_GIB, UNIT_COUNT };

struct column_info {
	const char *name;
	int width;        /* 0 for COMMAND: takes what is left */
	bool left;        /* left-aligned */
	int drop;         /* order in which narrow terminals drop it; 0 = kept */
	bool desc;        /* sorted largest first (sizes, scores), else A-Z / 1-9 */
	const char *help;
};

const struct column_info *column_info(enum column c);
/* Column by name, case-insensitive; -1 when unknown. */
int column_by_name(const char *name);
const char *unit_name(enum unit u);

/*
 * Format kb into buf so that it fits width characters with its unit letter
 * (K, M, G, T). A forced unit that does not fit moves up to the next unit;
 * a value is never cut.
 */
void column_format_size(char *buf, size_t cap, unsigned long kb, enum unit u, int width);

/*
 * The text of one cell, escaped (ESCAPE_* flags in esc_flags) and without
 * padding. COMMAND shows the command line when cmdline is true and the
 * process has one, else its name.
 */
void column_format(const struct proc *p, enum column c, enum unit u, bool cmdline,
		   int esc_flags, char *buf, size_t cap);

/*
 * Choose the columns for a screen width: fills cols (COL_COUNT entries) in
 * display order, COMMAND last, leaving out the hidden ones (a mask of
 * 1u << column; RANK, PID and COMMAND are always shown) and dropping the
 * least important ones until COMMAND has room. Returns how many.
 * *cmd_width gets COMMAND's width.
 */
int column_layout(int width, unsigned hidden, enum column *cols, int *cmd_width);
/* Columns that can be hidden (not RANK, PID, COMMAND). */
bool column_hideable(enum column c);

#endif
