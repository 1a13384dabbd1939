/* test_column.c - sizes, cells and the layout of the table's columns */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "escape.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

#define KIB 1UL
#define MIB (1024UL * KIB)
#define GIB (1024UL * MIB)
#define TIB (1024UL * GIB)

static const char *size(unsigned long kb, enum unit u, int width)
{
	static char buf[64];

	memset(buf, 'X', sizeof(buf));
	column_format_size(buf, sizeof(buf), kb, u, width);
	assert_non_null(memchr(buf, '\0', sizeof(buf)));
	return buf;
}

static void test_size_auto(void **state)
{
	(void)state;
	assert_string_equal(size(0, UNIT_AUTO, 6), "0K");
	assert_string_equal(size(4, UNIT_AUTO, 6), "4K");
	assert_string_equal(size(999, UNIT_AUTO, 6), "999K");
	assert_string_equal(size(1024, UNIT_AUTO, 6), "1.0M");
	assert_string_equal(size(1536, UNIT_AUTO, 6), "1.5M");
	assert_string_equal(size(200 * MIB, UNIT_AUTO, 6), "200M");
	assert_string_equal(size(2 * GIB, UNIT_AUTO, 6), "2.0G");
	assert_string_equal(size(3 * GIB + 512 * MIB, UNIT_AUTO, 6), "3.5G");
	assert_string_equal(size(512 * GIB, UNIT_AUTO, 6), "512G");
}

static void test_size_kib(void **state)
{
	(void)state;
	assert_string_equal(size(0, UNIT_KIB, 6), "0K");
	assert_string_equal(size(1536, UNIT_KIB, 6), "1536K");
	assert_string_equal(size(99999, UNIT_KIB, 6), "99999K");
	/* 100000K is 7 characters: moves up to MiB */
	assert_string_equal(size(100000, UNIT_KIB, 6), "97.7M");
	assert_string_equal(size(123456, UNIT_KIB, 6), "121M");
}

static void test_size_mib(void **state)
{
	(void)state;
	assert_string_equal(size(512, UNIT_MIB, 6), "0.5M");
	assert_string_equal(size(200 * MIB, UNIT_MIB, 6), "200M");
	assert_string_equal(size(3 * GIB, UNIT_MIB, 6), "3072M");
	assert_string_equal(size(9999 * MIB, UNIT_MIB, 6), "9999M");
	/* a forced unit that does not fit moves up */
	assert_string_equal(size(100000 * MIB, UNIT_MIB, 6), "97.7G");
	/* zero in a forced unit is still zero, in that unit */
	assert_true(strcmp(size(0, UNIT_MIB, 6), "0M") == 0 ||
		    strcmp(size(0, UNIT_MIB, 6), "0.0M") == 0);
}

static void test_size_gib(void **state)
{
	(void)state;
	assert_string_equal(size(2 * GIB, UNIT_GIB, 6), "2.0G");
	assert_string_equal(size(200 * MIB, UNIT_GIB, 6), "0.2G");
	assert_string_equal(size(1500 * GIB, UNIT_GIB, 6), "1500G");
	/* a tiny value in a forced unit rounds to zero, in that unit */
	assert_true(strcmp(size(4, UNIT_GIB, 6), "0G") == 0 ||
		    strcmp(size(4, UNIT_GIB, 6), "0.0G") == 0);
}

/* The number a string like "97.7M" stands for, in KiB. */
static double size_value(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	switch (*end) {
	case 'T': v *= 1024.0; /* fall through */
	case 'G': v *= 1024.0; /* fall through */
	case 'M': v *= 1024.0; /* fall through */
	case 'K': break;
	default: FAIL("no unit letter in '%s'", s);
	}
	assert_int_equal(end[1], '\0');
	return v;
}

/*
 * Over a wide range of values and every unit: the text fits in 6
 * characters, is never in a smaller unit than asked for, and stands for
 * the value within rounding.
 */
static void test_size_sweep_width_6(void **state)
{
	static const char order[] = "KMGT";
	unsigned long kb;
	int u;

	(void)state;
	for (u = UNIT_AUTO; u < UNIT_COUNT; u++) {
		for (kb = 0; kb < 90000 * TIB; kb = kb < 2000 ? kb + 1 : kb + kb / 97 + 1) {
			const char *s = size(kb, (enum unit)u, 6);
			size_t len = strlen(s);
			double v = size_value(s);
			const char *letter = strchr(order, s[len - 1]);

			assert_true(len <= 6);
			assert_non_null(letter);
			if (u != UNIT_AUTO)
				assert_true(letter - order >= u - UNIT_KIB);
			/* rounding to one decimal of the unit, or to whole units */
			{
				double unit = 1.0;
				int e;

				for (e = 0; e < letter - order; e++)
					unit *= 1024.0;
				assert_true(v - (double)kb <= unit * 0.5 + 1e-6);
				assert_true((double)kb - v <= unit * 0.5 + 1e-6);
			}
		}
	}
}

/* A value too wide in G moves on to T (100000 GiB = "97.7T"). */
static void test_size_terabytes(void **state)
{
	(void)state;
	assert_string_equal(size(100000 * GIB, UNIT_AUTO, 6), "97.7T");
	assert_string_equal(size(100000 * GIB, UNIT_GIB, 6), "97.7T");
	assert_string_equal(size(99999 * GIB, UNIT_GIB, 6), "99999G");
	assert_string_equal(size(900 * TIB, UNIT_AUTO, 6), "900T");
}

static void test_size_narrow_width(void **state)
{
	(void)state;
	/* at width 4 the decimal goes before the unit moves up */
	assert_string_equal(size(200 * MIB, UNIT_AUTO, 4), "200M");
	assert_true(strlen(size(99999, UNIT_KIB, 4)) <= 4);
	assert_true(strlen(size(15 * MIB + 700, UNIT_MIB, 4)) <= 4);
}

static struct proc mkproc(void)
{
	struct proc p;

	memset(&p, 0, sizeof(p));
	p.pid = 4242;
	p.uid = 1000;
	strcpy(p.user, "alice");
	strcpy(p.comm, "firefox");
	p.state = 'S';
	p.oom_score = 712;
	p.oom_adj = 200;
	p.rss_kb = 2 * GIB;
	p.anon_kb = 1536 * MIB;
	p.file_kb = 400 * MIB;
	p.shmem_kb = 112 * MIB;
	p.swap_kb = 0;
	p.pte_kb = 5280;
	p.rank = 3;
	return p;
}

static const char *cell(const struct proc *p, enum column c, enum unit u, bool cmdline, int flags)
{
	static char buf[256];

	memset(buf, 'X', sizeof(buf));
	column_format(p, c, u, cmdline, flags, buf, sizeof(buf));
	assert_non_null(memchr(buf, '\0', sizeof(buf)));
	return buf;
}

static void test_format_numbers(void **state)
{
	struct proc p = mkproc();

	(void)state;
	assert_string_equal(cell(&p, COL_RANK, UNIT_AUTO, true, 0), "3");
	p.rank = 0;
	assert_string_equal(cell(&p, COL_RANK, UNIT_AUTO, true, 0), "never");
	assert_string_equal(cell(&p, COL_PID, UNIT_AUTO, true, 0), "4242");
	assert_string_equal(cell(&p, COL_SCORE, UNIT_AUTO, true, 0), "712");
	assert_string_equal(cell(&p, COL_ADJ, UNIT_AUTO, true, 0), "200");
	p.oom_adj = -1000;
	assert_string_equal(cell(&p, COL_ADJ, UNIT_AUTO, true, 0), "-1000");
	assert_string_equal(cell(&p, COL_RSS, UNIT_AUTO, true, 0), "2.0G");
	assert_string_equal(cell(&p, COL_ANON, UNIT_AUTO, true, 0), "1.5G");
	assert_string_equal(cell(&p, COL_FILE, UNIT_AUTO, true, 0), "400M");
	assert_string_equal(cell(&p, COL_SHMEM, UNIT_AUTO, true, 0), "112M");
	assert_string_equal(cell(&p, COL_SWAP, UNIT_AUTO, true, 0), "0K");
	assert_string_equal(cell(&p, COL_PTE, UNIT_AUTO, true, 0), "5.2M");
	assert_string_equal(cell(&p, COL_PTE, UNIT_KIB, true, 0), "5280K");
	assert_string_equal(cell(&p, COL_RSS, UNIT_MIB, true, 0), "2048M");
}

static void test_format_user(void **state)
{
	struct proc p = mkproc();

	(void)state;
	assert_string_equal(cell(&p, COL_USER, UNIT_AUTO, true, 0), "alice");
	strcpy(p.user, "postgres");  /* exactly 8 */
	assert_string_equal(cell(&p, COL_USER, UNIT_AUTO, true, 0), "postgres");
	strcpy(p.user, "systemd-resolve");
	p.uid = 101;
	assert_string_equal(cell(&p, COL_USER, UNIT_AUTO, true, 0), "101");
	p.user[0] = '\0';
	p.uid = 65534;
	assert_string_equal(cell(&p, COL_USER, UNIT_AUTO, true, 0), "65534");
	/* a user name is text from outside too */
	strcpy(p.user, "a\x1b" "b");
	assert_string_equal(cell(&p, COL_USER, UNIT_AUTO, true, ESCAPE_UTF8), "a\\x1bb");
	/* what counts is the width once escaped: 10 characters do not fit */
	strcpy(p.user, "ab\x1b\x1b");
	p.uid = 1234;
	assert_string_equal(cell(&p, COL_USER, UNIT_AUTO, true, ESCAPE_UTF8), "1234");
}

static void test_format_command(void **state)
{
	struct proc p = mkproc();
	const char *args = "/usr/lib/firefox/firefox\0-contentproc\0-isForBrowser";

	(void)state;
	/* no command line: [comm] */
	assert_string_equal(cell(&p, COL_COMMAND, UNIT_AUTO, true, ESCAPE_UTF8), "[firefox]");
	proc_set_cmdline(&p, args, 52);
	assert_string_equal(cell(&p, COL_COMMAND, UNIT_AUTO, true, ESCAPE_UTF8),
			    "/usr/lib/firefox/firefox -contentproc -isForBrowser");
	/* command lines off: the name */
	assert_string_equal(cell(&p, COL_COMMAND, UNIT_AUTO, false, ESCAPE_UTF8), "[firefox]");
	/* an empty command line (kernel thread, zombie): the name */
	proc_set_cmdline(&p, "", 0);
	assert_string_equal(cell(&p, COL_COMMAND, UNIT_AUTO, true, ESCAPE_UTF8), "[firefox]");
	free(p.cmdline);
}

static void test_format_hostile(void **state)
{
	struct proc p = mkproc();
	const char *hostile = "x\x1b]0;pwned\x07\n\\\xff";

	(void)state;
	strcpy(p.comm, hostile);
	assert_string_equal(cell(&p, COL_COMMAND, UNIT_AUTO, false, ESCAPE_UTF8),
			    "[x\\x1b]0;pwned\\x07\\x0a\\\\\\xff]");
	proc_set_cmdline(&p, "rm\0-rf\0\x1b[2J\xe2\x80\xae", 14);
	assert_string_equal(cell(&p, COL_COMMAND, UNIT_AUTO, true, ESCAPE_UTF8),
			    "rm -rf \\x1b[2J\\xe2\\x80\\xae");
	/* without ESCAPE_UTF8 even valid UTF-8 is escaped */
	strcpy(p.comm, "caf\xc3\xa9");
	assert_string_equal(cell(&p, COL_COMMAND, UNIT_AUTO, false, 0), "[caf\\xc3\\xa9]");
	assert_string_equal(cell(&p, COL_COMMAND, UNIT_AUTO, false, ESCAPE_UTF8), "[caf\xc3\xa9]");
	free(p.cmdline);
}

/* In a small buffer the name keeps its closing bracket and no cut escape. */
static void test_format_command_small_buffer(void **state)
{
	struct proc p = mkproc();
	char buf[16];
	size_t cap;

	(void)state;
	strcpy(p.comm, "ab\x1b" "cdefghijklmnop");
	for (cap = 3; cap <= sizeof(buf); cap++) {
		size_t n;

		memset(buf, 'X', sizeof(buf));
		column_format(&p, COL_COMMAND, UNIT_AUTO, false, ESCAPE_UTF8, buf, cap);
		n = strlen(buf);
		assert_true(n < cap);
		assert_int_equal(buf[0], '[');
		assert_int_equal(buf[n - 1], ']');
		/* either the whole escape or none of it */
		if (n > 4)
			assert_memory_equal(buf, "[ab\\x1b", n - 1 < 7 ? n - 1 : 7);
		assert_true(n == 2 || n == 3 || n == 4 || n >= 8);
	}
}

static void test_by_name(void **state)
{
	int c;

	(void)state;
	assert_int_equal(column_by_name("RSS"), COL_RSS);
	assert_int_equal(column_by_name("rss"), COL_RSS);
	assert_int_equal(column_by_name("Command"), COL_COMMAND);
	assert_int_equal(column_by_name("rank"), COL_RANK);
	assert_int_equal(column_by_name("nope"), -1);
	assert_int_equal(column_by_name(""), -1);
	assert_int_equal(column_by_name("RSSX"), -1);
	for (c = 0; c < COL_COUNT; c++) {
		const struct column_info *ci = column_info((enum column)c);

		assert_non_null(ci->name);
		assert_int_equal(column_by_name(ci->name), c);
		assert_non_null(ci->help);
		assert_true(ci->help[0] != '\0');
		if (c == COL_COMMAND)
			assert_int_equal(ci->width, 0);
		else
			assert_true(ci->width >= (int)strlen(ci->name));
	}
	assert_string_equal(unit_name(UNIT_AUTO), "auto");
	assert_string_equal(unit_name(UNIT_KIB), "KiB");
	assert_string_equal(unit_name(UNIT_MIB), "MiB");
	assert_string_equal(unit_name(UNIT_GIB), "GiB");
}

/* The columns of the issue, in this order. */
static void test_names(void **state)
{
	static const char *const names[COL_COUNT] = {
		"RANK", "PID", "USER", "SCORE", "ADJ", "RSS", "ANON", "FILE", "SHMEM",
		"SWAP", "PTE", "CGROUP", "MEMCG", "COMMAND",
	};
	int c;

	(void)state;
	for (c = 0; c < COL_COUNT; c++)
		assert_string_equal(column_info((enum column)c)->name, names[c]);
}

/* Checks every layout must pass; returns the number of columns. */
static int check_layout(int width, enum column *cols, int *cmd)
{
	bool seen[COL_COUNT] = { false };
	int n, i, used = 0;

	memset(cols, 0xff, COL_COUNT * sizeof(*cols));
	*cmd = -1;
	n = column_layout(width, COLUMN_HIDDEN_DEFAULT, cols, cmd);
	assert_true(n >= 2 && n <= COL_COUNT);
	assert_int_equal(cols[n - 1], COL_COMMAND);
	for (i = 0; i < n; i++) {
		assert_true(cols[i] >= 0 && cols[i] < COL_COUNT);
		assert_false(seen[cols[i]]);
		seen[cols[i]] = true;
		if (i > 0)
			assert_true(cols[i - 1] < cols[i]); /* display order */
		if (cols[i] != COL_COMMAND)
			used += column_info(cols[i])->width + 1;
	}
	/* the columns that are never dropped */
	assert_true(seen[COL_RANK] && seen[COL_PID] && seen[COL_ADJ] && seen[COL_RSS]);
	assert_true(*cmd >= 0);
	assert_true(used + *cmd <= width);
	return n;
}

static void test_layout_200(void **state)
{
	enum column cols[COL_COUNT];
	int cmd;

	(void)state;
	assert_int_equal(check_layout(200, cols, &cmd), COL_COUNT - 2); /* all but CGROUP and MEMCG */
	assert_true(cmd >= 100);
}

static void test_layout_80(void **state)
{
	enum column cols[COL_COUNT];
	int cmd, n, i;
	bool user = false, score = false;

	(void)state;
	n = check_layout(80, cols, &cmd);
	assert_true(cmd >= 16);
	assert_true(n < COL_COUNT);
	for (i = 0; i < n; i++) {
		user |= cols[i] == COL_USER;
		score |= cols[i] == COL_SCORE;
	}
	/* the more important columns stay at 80 */
	assert_true(user && score);
}

static void test_layout_40(void **state)
{
	enum column cols[COL_COUNT];
	int cmd, n;

	(void)state;
	n = check_layout(40, cols, &cmd);
	assert_true(n <= 6);
	assert_true(cmd > 0);
}

static void test_layout_sweep(void **state)
{
	enum column cols[COL_COUNT];
	int w, cmd, prev_n = 0;

	(void)state;
	for (w = 40; w <= 400; w++) {
		int n = check_layout(w, cols, &cmd);

		/* a wider terminal never shows fewer columns */
		assert_true(n >= prev_n);
		prev_n = n;
		/* a dropped column comes back once COMMAND keeps 16 with it */
		if (w >= 80)
			assert_true(cmd >= 16);
	}
}

/* Checks every layout with a hidden mask must pass; returns the number of columns. */
static int check_layout_mask(int width, unsigned hidden, enum column *cols, int *cmd)
{
	bool seen[COL_COUNT] = { false };
	int n, i, used = 0;

	memset(cols, 0xff, COL_COUNT * sizeof(*cols));
	*cmd = -1;
	n = column_layout(width, hidden, cols, cmd);
	assert_true(n >= 3 && n <= COL_COUNT);
	assert_int_equal(cols[n - 1], COL_COMMAND);
	for (i = 0; i < n; i++) {
		assert_true(cols[i] >= 0 && cols[i] < COL_COUNT);
		assert_false(seen[cols[i]]);
		seen[cols[i]] = true;
		if (i > 0)
			assert_true(cols[i - 1] < cols[i]); /* display order */
		/* a hidden column is never shown */
		if (column_hideable(cols[i]) && (hidden & (1u << cols[i])))
			FAIL("width %d, hidden %#x: column %s shown", width, hidden,
			     column_info(cols[i])->name);
		if (cols[i] != COL_COMMAND)
			used += column_info(cols[i])->width + 1;
	}
	/* RANK, PID and COMMAND are always shown, whatever the mask */
	if (!seen[COL_RANK] || !seen[COL_PID] || !seen[COL_COMMAND])
		FAIL("width %d, hidden %#x: RANK, PID or COMMAND missing", width, hidden);
	assert_true(*cmd >= 0);
	assert_true(used + *cmd <= width);
	return n;
}

static bool has_col(const enum column *cols, int n, enum column c)
{
	int i;

	for (i = 0; i < n; i++)
		if (cols[i] == c)
			return true;
	return false;
}

/* With nothing hidden, 200 columns show them all: CGROUP before COMMAND. */
static void test_layout_cgroup_shown(void **state)
{
	enum column cols[COL_COUNT];
	int cmd, n, c;

	(void)state;
	n = check_layout_mask(200, 0, cols, &cmd);
	assert_int_equal(n, COL_COUNT);
	for (c = 0; c < COL_COUNT; c++)
		assert_int_equal(cols[c], c);
	assert_int_equal(cols[COL_COUNT - 3], COL_CGROUP);
	assert_int_equal(cols[COL_COUNT - 2], COL_MEMCG);
	/* CGROUP and MEMCG take their columns and a space each from COMMAND */
	{
		int cmd_default;

		check_layout_mask(200, COLUMN_HIDDEN_DEFAULT, cols, &cmd_default);
		assert_int_equal(cmd_default - cmd, column_info(COL_CGROUP)->width + 1 +
							    column_info(COL_MEMCG)->width + 1);
	}
	/* the default hides CGROUP and MEMCG */
	n = check_layout_mask(200, COLUMN_HIDDEN_DEFAULT, cols, &cmd);
	assert_int_equal(n, COL_COUNT - 2);
	assert_false(has_col(cols, n, COL_CGROUP));
	assert_false(has_col(cols, n, COL_MEMCG));
}

/* The mask bits of RANK, PID and COMMAND are ignored. */
static void test_layout_unhideable_bits(void **state)
{
	enum column a[COL_COUNT], b[COL_COUNT];
	unsigned never = (1u << COL_RANK) | (1u << COL_PID) | (1u << COL_COMMAND);
	int w;

	(void)state;
	for (w = 40; w <= 300; w += 7) {
		int cmd_a, cmd_b, na, nb;

		na = check_layout_mask(w, COLUMN_HIDDEN_DEFAULT, a, &cmd_a);
		nb = check_layout_mask(w, COLUMN_HIDDEN_DEFAULT | never, b, &cmd_b);
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, (size_t)na * sizeof(a[0]));
		assert_int_equal(cmd_a, cmd_b);
		na = check_layout_mask(w, 0, a, &cmd_a);
		nb = check_layout_mask(w, never, b, &cmd_b);
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, (size_t)na * sizeof(a[0]));
		assert_int_equal(cmd_a, cmd_b);
	}
	/* everything hidden: RANK, PID, COMMAND remain */
	{
		int cmd, n = check_layout_mask(200, ~0u, a, &cmd);

		assert_int_equal(n, 3);
		assert_int_equal(a[0], COL_RANK);
		assert_int_equal(a[1], COL_PID);
		assert_int_equal(a[2], COL_COMMAND);
		assert_int_equal(cmd, 200 - (column_info(COL_RANK)->width + 1) -
				 (column_info(COL_PID)->width + 1));
	}
}

/* Hiding USER removes it, and only it; COMMAND gets its room. */
static void test_layout_hide_user(void **state)
{
	enum column cols[COL_COUNT];
	int cmd, cmd_default, n, c;

	(void)state;
	check_layout_mask(200, COLUMN_HIDDEN_DEFAULT, cols, &cmd_default);
	n = check_layout_mask(200, COLUMN_HIDDEN_DEFAULT | (1u << COL_USER), cols, &cmd);
	assert_int_equal(n, COL_COUNT - 3);
	assert_false(has_col(cols, n, COL_USER));
	for (c = 0; c < COL_COUNT; c++)
		if (c != COL_USER && c != COL_CGROUP && c != COL_MEMCG)
			assert_true(has_col(cols, n, (enum column)c));
	assert_int_equal(cmd - cmd_default, column_info(COL_USER)->width + 1);
	/* each hideable column on its own */
	for (c = 0; c < COL_COUNT; c++) {
		if (!column_hideable((enum column)c))
			continue;
		n = check_layout_mask(300, 1u << c, cols, &cmd);
		assert_int_equal(n, COL_COUNT - 1);
		assert_false(has_col(cols, n, (enum column)c));
	}
}

/*
 * Any mask, any width: the layout rules hold, and with the wide columns
 * (CGROUP, MEMCG) hidden, more width never shows less. With them shown, a
 * width where they just fit may show fewer narrow columns than one where
 * they were dropped and the narrow ones came back.
 */
static void test_layout_mask_sweep(void **state)
{
	static const unsigned masks[] = {
		0, COLUMN_HIDDEN_DEFAULT, 1u << COL_USER, (1u << COL_USER) | (1u << COL_SCORE),
		(1u << COL_ANON) | (1u << COL_FILE) | (1u << COL_SHMEM) | (1u << COL_SWAP) | (1u << COL_PTE),
		(1u << COL_ADJ) | (1u << COL_RSS), ~0u, ~0u & ~(1u << COL_CGROUP),
	};
	enum column cols[COL_COUNT];
	size_t m;

	(void)state;
	for (m = 0; m < sizeof(masks) / sizeof(masks[0]); m++) {
		int w, cmd, prev = 0;

		for (w = 40; w <= 400; w++) {
			int n = check_layout_mask(w, masks[m], cols, &cmd);

			unsigned wide = (1u << COL_CGROUP) | (1u << COL_MEMCG);

			if ((masks[m] & wide) == wide)
				assert_true(n >= prev);
			prev = n;
			if (w >= 80)
				assert_true(cmd >= 16);
		}
	}
}

static void test_hideable(void **state)
{
	int c;

	(void)state;
	assert_false(column_hideable(COL_RANK));
	assert_false(column_hideable(COL_PID));
	assert_false(column_hideable(COL_COMMAND));
	for (c = 0; c < COL_COUNT; c++)
		if (c != COL_RANK && c != COL_PID && c != COL_COMMAND && !column_hideable((enum column)c))
			FAIL("%s cannot be hidden", column_info((enum column)c)->name);
	assert_true(column_hideable(COL_CGROUP));
	assert_true(column_hideable(COL_USER));
	assert_false(column_hideable(COL_COUNT));
}

/* The natural orders: RANK, PID ascending; names A-Z; scores and sizes largest first. */
static void test_desc(void **state)
{
	static const bool desc[COL_COUNT] = {
		[COL_RANK] = false, [COL_PID] = false, [COL_USER] = false,
		[COL_SCORE] = true, [COL_ADJ] = true, [COL_RSS] = true, [COL_ANON] = true,
		[COL_FILE] = true, [COL_SHMEM] = true, [COL_SWAP] = true, [COL_PTE] = true,
		[COL_CGROUP] = false, [COL_MEMCG] = true, [COL_COMMAND] = false,
	};
	int c;

	(void)state;
	for (c = 0; c < COL_COUNT; c++)
		if (column_info((enum column)c)->desc != desc[c])
			FAIL("%s: desc %d, expected %d", column_info((enum column)c)->name,
			     column_info((enum column)c)->desc, desc[c]);
}

static void test_cgroup_column(void **state)
{
	const struct column_info *ci = column_info(COL_CGROUP);
	struct proc p = mkproc();
	char long_path[PROC_CGROUP_MAX];

	(void)state;
	assert_string_equal(ci->name, "CGROUP");
	assert_int_equal(ci->width, 24);
	assert_true(ci->left);
	assert_non_null(ci->help);
	assert_true(ci->help[0] != '\0');
	assert_int_equal(column_by_name("cgroup"), COL_CGROUP);
	/* left-aligned like USER and COMMAND; numbers are right-aligned */
	assert_true(column_info(COL_USER)->left);
	assert_true(column_info(COL_COMMAND)->left);
	assert_false(column_info(COL_RSS)->left);

	/* not read yet: empty */
	assert_string_equal(cell(&p, COL_CGROUP, UNIT_AUTO, true, ESCAPE_UTF8), "");
	strcpy(p.cgroup, "nginx.service");
	assert_string_equal(cell(&p, COL_CGROUP, UNIT_AUTO, true, ESCAPE_UTF8), "nginx.service");
	/* the units and the cmdline switch do not touch it */
	assert_string_equal(cell(&p, COL_CGROUP, UNIT_GIB, false, ESCAPE_UTF8), "nginx.service");
	strcpy(p.cgroup, "/user.slice/user-1000.slice/session-2.scope");
	assert_string_equal(cell(&p, COL_CGROUP, UNIT_AUTO, true, ESCAPE_UTF8),
			    "/user.slice/user-1000.slice/session-2.scope");
	/* control bytes are escaped: a cgroup name is text from outside */
	strcpy(p.cgroup, "/evil\x1b]0;pwned\x07\n.scope");
	assert_string_equal(cell(&p, COL_CGROUP, UNIT_AUTO, true, ESCAPE_UTF8),
			    "/evil\\x1b]0;pwned\\x07\\x0a.scope");
	strcpy(p.cgroup, "a\x7f" "b\tc\\");
	assert_string_equal(cell(&p, COL_CGROUP, UNIT_AUTO, true, ESCAPE_UTF8), "a\\x7fb\\x09c\\\\");
	/* UTF-8 stays in UTF-8 locales, is escaped otherwise */
	strcpy(p.cgroup, "caf\xc3\xa9.service");
	assert_string_equal(cell(&p, COL_CGROUP, UNIT_AUTO, true, ESCAPE_UTF8), "caf\xc3\xa9.service");
	assert_string_equal(cell(&p, COL_CGROUP, UNIT_AUTO, true, 0), "caf\\xc3\\xa9.service");
	/* the longest path the row holds comes out whole */
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[sizeof(long_path) - 1] = '\0';
	memcpy(p.cgroup, long_path, sizeof(long_path));
	assert_string_equal(cell(&p, COL_CGROUP, UNIT_AUTO, true, ESCAPE_UTF8), long_path);
	/* a small buffer: cut, terminated, never past cap */
	{
		char buf[16];

		strcpy(p.cgroup, "/x\x1b" "abcdefghijklmnopqrstuvwxyz");
		memset(buf, 'X', sizeof(buf));
		column_format(&p, COL_CGROUP, UNIT_AUTO, true, ESCAPE_UTF8, buf, 10);
		assert_true(strlen(buf) < 10);
		assert_int_equal(buf[10], 'X');
		assert_true(strncmp(buf, "/x", 2) == 0);
		/* no half escape */
		assert_true(strlen(buf) == 2 || strncmp(buf, "/x\\x1b", 6) == 0);
	}
}

/* A process in a memory cgroup whose limit bites at limit_kb, using usage_kb of it. */
static struct proc mkmemcg(long long limit_kb, long long usage_kb)
{
	struct proc p = mkproc();

	strcpy(p.memcg, "/oomtop-try");
	p.memcg_limit_kb = limit_kb;
	p.memcg_usage_kb = usage_kb;
	return p;
}

static void expect_pct(long long limit_kb, long long usage_kb, int want)
{
	struct proc p = mkmemcg(limit_kb, usage_kb);
	int got = column_memcg_pct(&p);

	if (got != want)
		FAIL("column_memcg_pct(limit %lld, usage %lld) = %d, expected %d", limit_kb, usage_kb, got, want);
}

static void test_memcg_pct(void **state)
{
	(void)state;
	expect_pct(204800, 133120, 65);
	expect_pct(204800, 0, 0);
	expect_pct(204800, 204800, 100);
	expect_pct(204800, 204799, 99);
	expect_pct(1000, 1, 0);
	/* over the limit (v1 can go past it briefly, and high can) */
	expect_pct(1000, 1500, 150);
	expect_pct(1000, 9990, 999);
	expect_pct(1000, 9999, 999);
	expect_pct(1000, 10000, 999);
	expect_pct(1, 1LL << 40, 999);
	/* large values: no overflow */
	expect_pct(1LL << 40, 1LL << 39, 50);
	/* no limit, or usage unknown */
	expect_pct(-1, 133120, -1);
	expect_pct(-1, -1, -1);
	expect_pct(204800, -1, -1);
	/* a limit of 0: everything is over it */
	expect_pct(0, 0, 100);
	expect_pct(0, 5000, 100);
}

static void test_format_memcg(void **state)
{
	struct proc p;

	(void)state;
	p = mkmemcg(204800, 133120);
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_AUTO, true, 0), "65% 200M");
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_MIB, true, 0), "65% 200M");
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_GIB, true, 0), "65% 0.2G");
	p = mkmemcg(2 * GIB, 2 * GIB);
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_AUTO, true, 0), "100% 2.0G");
	p = mkmemcg(10 * MIB, 1);
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_AUTO, true, 0), "0% 10.0M");
	p = mkmemcg(512, 100000);
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_AUTO, true, 0), "999% 512K");
	/* without a limit */
	p = mkmemcg(-1, 133120);
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_AUTO, true, 0), "-");
	p = mkmemcg(-1, -1);
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_AUTO, true, 0), "-");
	/* usage unknown */
	p = mkmemcg(204800, -1);
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_AUTO, true, 0), "-");
	/* a limit of 0 */
	p = mkmemcg(0, 0);
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_AUTO, true, 0), "100% 0K");
	p = mkmemcg(0, 4096);
	assert_string_equal(cell(&p, COL_MEMCG, UNIT_AUTO, true, 0), "100% 0K");
}

/* Whatever the values (limits up to 1 PiB) and the unit, the cell fits the column. */
static void test_format_memcg_fits(void **state)
{
	int w = column_info(COL_MEMCG)->width;
	long long lim;
	int u;

	(void)state;
	for (u = UNIT_AUTO; u < UNIT_COUNT; u++)
		for (lim = 0; lim <= (1LL << 40); lim = lim < (1LL << 40) && lim * 3 + 1 > (1LL << 40) ?
						       (1LL << 40) : lim * 3 + 1) {
			long long usage[] = { 0, lim / 2, lim, lim * 20 + 7 };
			size_t i;

			for (i = 0; i < sizeof(usage) / sizeof(usage[0]); i++) {
				struct proc p = mkmemcg(lim, usage[i]);
				const char *s = cell(&p, COL_MEMCG, (enum unit)u, true, 0);

				if ((int)strlen(s) > w)
					FAIL("MEMCG cell '%s' (limit %lld, usage %lld, unit %d) is wider than %d", s,
					     lim, usage[i], u, w);
			}
		}
}

static void test_memcg_column_info(void **state)
{
	const struct column_info *ci = column_info(COL_MEMCG);
	enum column cols[COL_COUNT];
	int n, cmd, i;

	(void)state;
	assert_string_equal(ci->name, "MEMCG");
	assert_int_equal(ci->width, 11);
	assert_false(ci->left);
	assert_true(ci->desc);
	assert_true(ci->drop > 0);
	assert_int_equal(column_by_name("memcg"), COL_MEMCG);
	assert_int_equal(column_by_name("MemCG"), COL_MEMCG);
	assert_true(column_hideable(COL_MEMCG));
	assert_true(column_hideable(COL_CGROUP));
	/* hidden by default, together with CGROUP, and nothing else */
	assert_true(COLUMN_HIDDEN_DEFAULT & (1u << COL_CGROUP));
	assert_true(COLUMN_HIDDEN_DEFAULT & (1u << COL_MEMCG));
	assert_int_equal(COLUMN_HIDDEN_DEFAULT, (1u << COL_CGROUP) | (1u << COL_MEMCG));
	n = column_layout(400, COLUMN_HIDDEN_DEFAULT, cols, &cmd);
	for (i = 0; i < n; i++)
		assert_true(cols[i] != COL_MEMCG && cols[i] != COL_CGROUP);
	/* shown when not hidden: before COMMAND */
	n = column_layout(400, 0, cols, &cmd);
	assert_int_equal(n, COL_COUNT);
	assert_int_equal(cols[n - 2], COL_MEMCG);
	assert_int_equal(cols[n - 3], COL_CGROUP);
	/* MEMCG alone shown */
	n = column_layout(400, 1u << COL_CGROUP, cols, &cmd);
	assert_int_equal(n, COL_COUNT - 1);
	assert_int_equal(cols[n - 2], COL_MEMCG);
}

/* A wide column that does not fit leaves the room to the narrow ones dropped before it. */
static void test_layout_wide_dropped(void **state)
{
	enum column cols[COL_COUNT];
	int cmd, n;
	unsigned cgroup_shown = COLUMN_HIDDEN_DEFAULT & ~(1u << COL_CGROUP);

	(void)state;
	n = check_layout_mask(60, cgroup_shown, cols, &cmd);
	assert_false(has_col(cols, n, COL_CGROUP));
	assert_true(has_col(cols, n, COL_USER));
	assert_true(has_col(cols, n, COL_SCORE));
	n = check_layout_mask(120, cgroup_shown, cols, &cmd);
	assert_true(has_col(cols, n, COL_CGROUP));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_auto),
		cmocka_unit_test(test_size_kib),
		cmocka_unit_test(test_size_mib),
		cmocka_unit_test(test_size_gib),
		cmocka_unit_test(test_size_sweep_width_6),
		cmocka_unit_test(test_size_terabytes),
		cmocka_unit_test(test_size_narrow_width),
		cmocka_unit_test(test_format_numbers),
		cmocka_unit_test(test_format_user),
		cmocka_unit_test(test_format_command),
		cmocka_unit_test(test_format_hostile),
		cmocka_unit_test(test_format_command_small_buffer),
		cmocka_unit_test(test_by_name),
		cmocka_unit_test(test_memcg_pct),
		cmocka_unit_test(test_format_memcg),
		cmocka_unit_test(test_format_memcg_fits),
		cmocka_unit_test(test_memcg_column_info),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_layout_200),
		cmocka_unit_test(test_layout_80),
		cmocka_unit_test(test_layout_40),
		cmocka_unit_test(test_layout_sweep),
		cmocka_unit_test(test_layout_cgroup_shown),
		cmocka_unit_test(test_layout_unhideable_bits),
		cmocka_unit_test(test_layout_hide_user),
		cmocka_unit_test(test_layout_mask_sweep),
		cmocka_unit_test(test_layout_wide_dropped),
		cmocka_unit_test(test_hideable),
		cmocka_unit_test(test_desc),
		cmocka_unit_test(test_cgroup_column),
	};

	return cmocka_run_group_tests_name("column", tests, NULL, NULL);
}
