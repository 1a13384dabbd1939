/* test_config.c - the settings file: defaults, the strict parser, the path, load and save */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "column.h"
#include "config.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

/* The columns that can be hidden, as a mask. */
static unsigned hideable_mask(void)
{
	unsigned m = 0;
	int c;

	for (c = 0; c < COL_COUNT; c++)
		if (column_hideable((enum column)c))
			m |= 1u << c;
	return m;
}

/* Field by field: padding bytes do not count. */
static bool same(const struct settings *a, const struct settings *b)
{
	return a->sort == b->sort && a->reverse == b->reverse && a->hidden == b->hidden &&
	       a->delay == b->delay && a->pane == b->pane && a->color == b->color &&
	       a->units == b->units && a->kthreads == b->kthreads && a->cmdline == b->cmdline;
}

static void show(const char *what, const struct settings *s)
{
	printf("# %s: sort=%d reverse=%d hidden=%#x delay=%.17g pane=%d color=%d units=%d "
	       "kthreads=%d cmdline=%d\n", what, s->sort, s->reverse, s->hidden, s->delay, s->pane,
	       s->color, s->units, s->kthreads, s->cmdline);
}

static void expect_same(const char *what, const struct settings *got, const struct settings *want)
{
	if (!same(got, want)) {
		printf("# %s\n", what);
		show("got ", got);
		show("want", want);
		FAIL("%s: settings differ", what);
	}
}

/* Does err say "line N" (and not "line N0")? */
static bool says_line(const char *err, int n)
{
	char want[32];
	const char *p;

	snprintf(want, sizeof(want), "line %d", n);
	for (p = strstr(err, want); p; p = strstr(p + 1, want))
		if (p[strlen(want)] < '0' || p[strlen(want)] > '9')
			return true;
	return false;
}

static char err[256];

/* Parse len bytes of text into s; err is cleared of old junk first. */
static int parse_len(const char *text, size_t len, struct settings *s)
{
	int rc;

	memset(err, 'X', sizeof(err) - 1);
	err[sizeof(err) - 1] = '\0';
	rc = config_parse(text, len, s, err, sizeof(err));
	if (rc == 0 && err[0] != '\0')
		FAIL("good text '%s', yet the error '%s'", text, err);
	if (strchr(err, '\n'))
		FAIL("the error '%s' is more than one line", err);
	return rc;
}

/* Parse text into the defaults; it must be good. */
static struct settings good(const char *text)
{
	struct settings s;

	config_defaults(&s);
	if (parse_len(text, strlen(text), &s) != 0)
		FAIL("'%s' was refused: %s", text, err);
	return s;
}

/* Settings that differ from the defaults in every field. */
static struct settings odd_settings(void)
{
	struct settings s;

	config_defaults(&s);
	s.sort = COL_SWAP;
	s.reverse = true;
	s.hidden = (1u << COL_USER) | (1u << COL_PTE);
	s.delay = 7.5;
	s.pane = false;
	s.color = false;
	s.units = UNIT_GIB;
	s.kthreads = true;
	s.cmdline = false;
	return s;
}

/* text (len bytes) must be refused at line lineno, mentioning mention, changing nothing. */
static void expect_bad_len(const char *text, size_t len, int lineno, const char *mention)
{
	struct settings s = odd_settings(), before = s, d;

	if (parse_len(text, len, &s) != -1)
		FAIL("'%.*s' was accepted", (int)len, text);
	if (!says_line(err, lineno))
		FAIL("for '%.*s' the error '%s' does not say line %d", (int)len, text, err, lineno);
	if (mention && !strstr(err, mention))
		FAIL("for '%.*s' the error '%s' does not mention '%s'", (int)len, text, err, mention);
	expect_same("a bad text changes nothing", &s, &before);
	/* and from the defaults too */
	config_defaults(&s);
	config_defaults(&d);
	if (config_parse(text, len, &s, err, sizeof(err)) != -1)
		FAIL("'%.*s' was accepted over the defaults", (int)len, text);
	expect_same("a bad text leaves the defaults", &s, &d);
}

static void expect_bad(const char *text, int lineno, const char *mention)
{
	expect_bad_len(text, strlen(text), lineno, mention);
}

static void test_defaults(void **state)
{
	struct settings s;

	(void)state;
	memset(&s, 0xa5, sizeof(s));
	config_defaults(&s);
	assert_int_equal(s.sort, COL_RANK);
	assert_false(s.reverse);
	assert_int_equal(s.hidden, COLUMN_HIDDEN_DEFAULT);
	assert_true(s.delay == 2.0);
	assert_true(s.pane);
	assert_true(s.color);
	assert_int_equal(s.units, UNIT_AUTO);
	assert_false(s.kthreads);
	assert_true(s.cmdline);
}

/* Nothing, comments and blank lines change nothing. */
static void test_empty_and_comments(void **state)
{
	static const char *const texts[] = {
		"",
		"\n",
		"\n\n\n",
		"# only a comment",
		"# a comment\n",
		"   # an indented comment\n\t# a tabbed one\n",
		"  \n\t\n \t \n",
		"\r\n\r\n",
		"# sort=PID\n#reverse=1\n",
		"#=\n# no key = value here either\n",
	};
	struct settings d;
	size_t i;

	(void)state;
	config_defaults(&d);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct settings s = good(texts[i]);

		expect_same(texts[i], &s, &d);
	}
	/* over other settings: still nothing changes */
	{
		struct settings s = odd_settings(), before = s;

		assert_int_equal(parse_len("# x\n\n", 5, &s), 0);
		expect_same("comments over odd settings", &s, &before);
	}
}

static void test_sort(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < COL_COUNT; c++) {
		char text[64], lower[32];
		const char *name = column_info((enum column)c)->name;
		struct settings s;
		size_t i;

		snprintf(text, sizeof(text), "sort=%s\n", name);
		s = good(text);
		if (s.sort != c)
			FAIL("'%s' gave sort %d", name, s.sort);
		for (i = 0; name[i] && i < sizeof(lower) - 1; i++)
			lower[i] = (char)(name[i] | 0x20);
		lower[i] = '\0';
		snprintf(text, sizeof(text), "sort=%s", lower);
		s = good(text);
		if (s.sort != c)
			FAIL("'%s' gave sort %d", lower, s.sort);
	}
	assert_int_equal(good("sort=Rss").sort, COL_RSS);
	assert_int_equal(good("sort=cGrOuP").sort, COL_CGROUP);
	/* the last one wins */
	assert_int_equal(good("sort=PID\nsort=ADJ\n").sort, COL_ADJ);
}

static void test_booleans(void **state)
{
	static const char *const keys[] = { "reverse", "pane", "color", "kthreads", "cmdline" };
	static const char *const yes[] = { "1", "yes", "on", "true", "YES", "On", "TRUE", "True" };
	static const char *const no[] = { "0", "no", "off", "false", "NO", "Off", "FALSE", "False" };
	size_t k, v;

	(void)state;
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		for (v = 0; v < sizeof(yes) / sizeof(yes[0]); v++) {
			char text[64];
			struct settings s, want;

			/* from false to true */
			config_defaults(&s);
			s.reverse = s.pane = s.color = s.kthreads = s.cmdline = false;
			want = s;
			snprintf(text, sizeof(text), "%s=%s\n", keys[k], yes[v]);
			if (parse_len(text, strlen(text), &s) != 0)
				FAIL("'%s' refused: %s", text, err);
			switch (k) {
			case 0: want.reverse = true; break;
			case 1: want.pane = true; break;
			case 2: want.color = true; break;
			case 3: want.kthreads = true; break;
			default: want.cmdline = true; break;
			}
			expect_same(text, &s, &want);

			/* from true to false */
			config_defaults(&s);
			s.reverse = s.pane = s.color = s.kthreads = s.cmdline = true;
			want = s;
			snprintf(text, sizeof(text), "%s=%s\n", keys[k], no[v]);
			if (parse_len(text, strlen(text), &s) != 0)
				FAIL("'%s' refused: %s", text, err);
			switch (k) {
			case 0: want.reverse = false; break;
			case 1: want.pane = false; break;
			case 2: want.color = false; break;
			case 3: want.kthreads = false; break;
			default: want.cmdline = false; break;
			}
			expect_same(text, &s, &want);
		}
	}
}

static void test_bad_booleans(void **state)
{
	static const char *const keys[] = { "reverse", "pane", "color", "kthreads", "cmdline" };
	static const char *const bad[] = {
		"2", "-1", "01", "y", "n", "yess", "of", "tru", "", "1 0", "yes!", "0x1", "enabled",
	};
	size_t k, v;

	(void)state;
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		for (v = 0; v < sizeof(bad) / sizeof(bad[0]); v++) {
			char text[64];

			snprintf(text, sizeof(text), "%s=%s\n", keys[k], bad[v]);
			expect_bad(text, 1, NULL);
		}
}

static void test_units(void **state)
{
	static const struct { const char *text; int unit; } ok[] = {
		{ "units=auto", UNIT_AUTO }, { "units=AUTO", UNIT_AUTO }, { "units=Auto", UNIT_AUTO },
		{ "units=KiB", UNIT_KIB }, { "units=kib", UNIT_KIB }, { "units=KIB", UNIT_KIB },
		{ "units=MiB", UNIT_MIB }, { "units=mib", UNIT_MIB }, { "units=MIB", UNIT_MIB },
		{ "units=GiB", UNIT_GIB }, { "units=gib", UNIT_GIB }, { "units=gIb", UNIT_GIB },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct settings s;

		config_defaults(&s);
		s.units = ok[i].unit == UNIT_AUTO ? UNIT_MIB : UNIT_AUTO;
		if (parse_len(ok[i].text, strlen(ok[i].text), &s) != 0)
			FAIL("'%s' refused: %s", ok[i].text, err);
		if (s.units != ok[i].unit)
			FAIL("'%s' gave units %d, expected %d", ok[i].text, s.units, ok[i].unit);
	}
	expect_bad("units=TiB\n", 1, NULL);
	expect_bad("units=K\n", 1, NULL);
	expect_bad("units=KB\n", 1, NULL);
	expect_bad("units=\n", 1, NULL);
	expect_bad("units=0\n", 1, NULL);
	expect_bad("units=MiBs\n", 1, NULL);
}

/* The mask a columns= list must give: every hideable column not listed. */
static unsigned hidden_except(unsigned shown)
{
	return hideable_mask() & ~shown;
}

static void test_columns(void **state)
{
	unsigned all = hideable_mask();
	struct settings s;

	(void)state;
	/* RANK, PID and COMMAND can never be hidden */
	assert_int_equal(all & ((1u << COL_RANK) | (1u << COL_PID) | (1u << COL_COMMAND)), 0);

	s = good("columns=RANK,PID,USER,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,PTE,CGROUP,MEMCG,COMMAND");
	assert_int_equal(s.hidden, 0);
	s = good("columns=RANK,PID,USER,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,PTE,COMMAND");
	assert_int_equal(s.hidden, COLUMN_HIDDEN_DEFAULT);
	s = good("columns=RANK,PID,COMMAND");
	assert_int_equal(s.hidden, all);
	/* RANK, PID, COMMAND are shown even when not listed */
	s = good("columns=RSS");
	assert_int_equal(s.hidden, hidden_except(1u << COL_RSS));
	s = good("columns=COMMAND");
	assert_int_equal(s.hidden, all);
	s = good("columns=USER,CGROUP");
	assert_int_equal(s.hidden, hidden_except((1u << COL_USER) | (1u << COL_CGROUP)));
	/* any case, any order */
	s = good("columns=cgroup,rss,Swap,user");
	assert_int_equal(s.hidden, hidden_except((1u << COL_USER) | (1u << COL_CGROUP) |
						 (1u << COL_RSS) | (1u << COL_SWAP)));
	/* the list replaces the hidden mask, it does not add to it */
	config_defaults(&s);
	s.hidden = all;
	assert_int_equal(parse_len("columns=ANON", 12, &s), 0);
	assert_int_equal(s.hidden, hidden_except(1u << COL_ANON));
	/* with spaces around the value */
	s = good("columns =  RANK,PID,USER,COMMAND  \n");
	assert_int_equal(s.hidden, hidden_except(1u << COL_USER));
	/* unknown columns */
	expect_bad("columns=RANK,PID,NAME,COMMAND\n", 1, NULL);
	expect_bad("columns=RSSX\n", 1, NULL);
	expect_bad("columns=RANK;PID\n", 1, NULL);
	expect_bad("pane=1\ncolumns=RANK,BOGUS\n", 2, NULL);
}

static void test_delay(void **state)
{
	static const struct { const char *v; double d; } ok[] = {
		{ "0.1", 0.1 }, { "86400", 86400.0 }, { "2", 2.0 }, { "0.5", 0.5 },
		{ "1.25", 1.25 }, { "10", 10.0 }, { "3600.5", 3600.5 }, { "86399.9", 86399.9 },
	};
	static const char *const bad[] = {
		"0", "0.09", "0.0999", "-1", "-0.5", "86400.1", "86401", "100000", "1e9",
		"nan", "NAN", "inf", "-inf", "", "abc", "1x", "2s", "1,5", "1 2", "1e999",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char text[64];
		struct settings s;

		snprintf(text, sizeof(text), "delay=%s\n", ok[i].v);
		s = good(text);
		if (s.delay != ok[i].d)
			FAIL("'%s' gave delay %.17g", ok[i].v, s.delay);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[64];

		snprintf(text, sizeof(text), "delay=%s\n", bad[i]);
		expect_bad(text, 1, NULL);
	}
}

/* Spaces and tabs around the key, '=' and value; CRLF line ends; no final newline. */
static void test_layout_of_lines(void **state)
{
	struct settings want = odd_settings(), s;
	static const char *const texts[] = {
		"sort=SWAP\nreverse=1\ncolumns=RANK,PID,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,CGROUP,MEMCG,COMMAND\n"
		"delay=7.5\npane=0\ncolor=0\nunits=GiB\nkthreads=1\ncmdline=0\n",
		/* no final newline */
		"sort=SWAP\nreverse=1\ncolumns=RANK,PID,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,CGROUP,MEMCG,COMMAND\n"
		"delay=7.5\npane=0\ncolor=0\nunits=GiB\nkthreads=1\ncmdline=0",
		/* spaces and tabs */
		"  sort = SWAP  \n\treverse\t=\tyes\t\n"
		"columns= RANK,PID,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,CGROUP,MEMCG,COMMAND\n"
		"delay =7.5\n pane= off\ncolor =false \nunits   =   gib\nkthreads=on\ncmdline = no\n",
		/* CRLF */
		"sort=SWAP\r\nreverse=1\r\ncolumns=RANK,PID,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,CGROUP,MEMCG,COMMAND\r\n"
		"delay=7.5\r\npane=0\r\ncolor=0\r\nunits=GiB\r\nkthreads=1\r\ncmdline=0\r\n",
		/* CRLF, spaces, comments, blank lines, no final newline */
		"# oomtop settings\r\n\r\n  sort = swap \r\n# comment\r\nreverse = true\r\n"
		"columns = rank,pid,score,adj,rss,anon,file,shmem,swap,cgroup,memcg,command \r\n"
		"   \r\n delay = 7.5\r\npane = no\r\ncolor = off\r\nunits = GIB\r\nkthreads = yes\r\n"
		"cmdline = 0\r\n# end\r\n\r\n",
		/* in another order */
		"cmdline=0\nkthreads=1\nunits=GiB\ncolor=0\npane=0\ndelay=7.5\n"
		"columns=RANK,PID,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,CGROUP,MEMCG,COMMAND\nreverse=1\nsort=SWAP\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		s = good(texts[i]);
		if (!same(&s, &want)) {
			printf("# text %zu\n", i);
			expect_same(texts[i], &s, &want);
		}
	}
	/* a CRLF on a value that stands alone */
	assert_int_equal(good("units=MiB\r\n").units, UNIT_MIB);
	assert_int_equal(good("sort=PID\r").sort, COL_PID);
	assert_true(good("delay=0.5\r\n").delay == 0.5);
}

static void test_bad_lines(void **state)
{
	(void)state;
	/* unknown keys */
	expect_bad("colour=1\n", 1, "colour");
	expect_bad("sort=PID\nreverse=1\nfrobnicate=3\n", 3, "frobnicate");
	expect_bad("=1\n", 1, NULL);
	expect_bad("# c\n\nsort.x=PID\n", 3, NULL);
	/* bad values */
	expect_bad("sort=NAME\n", 1, NULL);
	expect_bad("sort=\n", 1, NULL);
	expect_bad("sort=RSS,PID\n", 1, NULL);
	expect_bad("pane=1\nreverse=2\n", 2, NULL);
	expect_bad("delay=2\n\n\ndelay=0\n", 4, NULL);
	expect_bad("units=TiB\n", 1, NULL);
	/* no '=' */
	expect_bad("sort PID\n", 1, NULL);
	expect_bad("sort=PID\nreverse\n", 2, NULL);
	expect_bad("# x\r\nhello\r\n", 2, NULL);
	/* unknown column */
	expect_bad("color=1\ncolumns=RANK,PID,MEM,COMMAND\n", 2, NULL);
	/* the first bad line counts */
	expect_bad("a=1\nb=2\n", 1, "'a'");
	/* every earlier good line is undone too */
	expect_bad("sort=PID\nreverse=0\ncolumns=RANK,PID,COMMAND\ndelay=30\npane=1\ncolor=1\n"
		   "units=KiB\nkthreads=0\ncmdline=1\nbogus\n", 10, NULL);
}

static void test_too_long_and_nul(void **state)
{
	char line[1200];
	struct settings s;
	size_t n;

	(void)state;
	/* 511 bytes before the newline: good */
	memset(line, ' ', sizeof(line));
	memcpy(line, "#", 1);
	line[511] = '\n';
	s = odd_settings();
	assert_int_equal(parse_len(line, 512, &s), 0);
	/* 511 bytes of a setting padded with spaces: good */
	memset(line, ' ', sizeof(line));
	memcpy(line, "sort=PID", 8);
	line[511] = '\n';
	config_defaults(&s);
	assert_int_equal(parse_len(line, 512, &s), 0);
	assert_int_equal(s.sort, COL_PID);
	/* 512 bytes: too long, even a comment */
	memset(line, 'x', sizeof(line));
	line[0] = '#';
	line[512] = '\n';
	expect_bad_len(line, 513, 1, NULL);
	/* without a newline at the end */
	expect_bad_len(line, 512, 1, NULL);
	/* a long line after good ones */
	n = (size_t)snprintf(line, sizeof(line), "sort=PID\npane=0\n");
	memset(line + n, ' ', 1000);
	memcpy(line + n, "color=0", 7);
	line[n + 1000] = '\n';
	expect_bad_len(line, n + 1001, 3, NULL);

	/* a NUL byte anywhere in a line */
	expect_bad_len("sort=PID\0\n", 10, 1, NULL);
	expect_bad_len("sort=PID\n\0reverse=1\n", 20, 2, NULL);
	expect_bad_len("pane=1\nco\0lor=1\n", 16, 2, NULL);
	expect_bad_len("# a comment\0with a NUL\n", 23, 1, NULL);
	expect_bad_len("\0", 1, 1, NULL);
	/* len counts: what follows len is not read */
	config_defaults(&s);
	assert_int_equal(parse_len("sort=PID\nreverse=2\n", 9, &s), 0);
	assert_int_equal(s.sort, COL_PID);
	assert_false(s.reverse);
}

/* A small err buffer is filled, never overrun. */
static void test_small_err(void **state)
{
	char small[12];
	struct settings s;

	(void)state;
	memset(small, 'X', sizeof(small));
	config_defaults(&s);
	assert_int_equal(config_parse("bogus=1\n", 8, &s, small, 8), -1);
	assert_non_null(memchr(small, '\0', 8));
	assert_int_equal(small[8], 'X');
}

static void test_format_text(void **state)
{
	struct settings s;
	char buf[2048];
	size_t n;
	static const char want[] =
		"# oomtop settings, written by W; see oomtop(1)\n"
		"sort=ADJ\n"
		"reverse=0\n"
		"columns=RANK,PID,USER,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,PTE,CGROUP,MEMCG,COMMAND\n"
		"delay=2\n"
		"pane=1\n"
		"color=1\n"
		"units=auto\n"
		"kthreads=0\n"
		"cmdline=1\n";

	(void)state;
	config_defaults(&s);
	s.sort = COL_ADJ;
	s.hidden = 0;
	memset(buf, 'X', sizeof(buf));
	n = config_format(&s, buf, sizeof(buf));
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));

	/* the defaults: CGROUP is not listed */
	config_defaults(&s);
	n = config_format(&s, buf, sizeof(buf));
	assert_int_equal(n, strlen(buf));
	assert_non_null(strstr(buf, "\ncolumns=RANK,PID,USER,SCORE,ADJ,RSS,ANON,FILE,SHMEM,SWAP,PTE,COMMAND\n"));
	assert_non_null(strstr(buf, "\nsort=RANK\n"));

	/* hidden bits of RANK, PID and COMMAND are not written as hidden */
	s.hidden = ~0u;
	config_format(&s, buf, sizeof(buf));
	assert_non_null(strstr(buf, "\ncolumns=RANK,PID,COMMAND\n"));

	/* every line is key=value or a comment */
	{
		char *line, *save = NULL;

		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (line[0] != '#' && !strchr(line, '='))
				FAIL("line '%s' is neither a comment nor key=value", line);
	}
}

/* config_format cuts at cap - 1 and terminates. */
static void test_format_small_buffer(void **state)
{
	struct settings s;
	char full[2048], buf[64];
	size_t len, cap;

	(void)state;
	config_defaults(&s);
	len = config_format(&s, full, sizeof(full));
	assert_true(len > sizeof(buf));
	for (cap = 1; cap <= sizeof(buf); cap++) {
		size_t n;

		memset(buf, 'X', sizeof(buf));
		n = config_format(&s, buf, cap);
		assert_int_equal(n, cap - 1);
		assert_int_equal(buf[cap - 1], '\0');
		assert_memory_equal(buf, full, cap - 1);
		if (cap < sizeof(buf))
			assert_int_equal(buf[cap], 'X');
	}
}

static void round_trip(const struct settings *in)
{
	char buf[2048];
	struct settings out, want = *in;
	size_t n = config_format(in, buf, sizeof(buf));

	assert_true(n > 0 && n < sizeof(buf) - 1);
	config_defaults(&out);
	/* start from something else, so that every line must count */
	out = odd_settings();
	out.sort = in->sort == COL_PID ? COL_RSS : COL_PID;
	out.reverse = !in->reverse;
	out.hidden = ~in->hidden & hideable_mask();
	out.delay = in->delay == 3.0 ? 4.0 : 3.0;
	out.pane = !in->pane;
	out.color = !in->color;
	out.units = (in->units + 1) % UNIT_COUNT;
	out.kthreads = !in->kthreads;
	out.cmdline = !in->cmdline;
	if (parse_len(buf, n, &out) != 0)
		FAIL("the formatted text was refused: %s\n%s", err, buf);
	/* only hideable columns are ever hidden */
	want.hidden &= hideable_mask();
	if (!same(&out, &want)) {
		printf("# %s", buf);
		expect_same("round trip", &out, &want);
	}
}

static void test_round_trip(void **state)
{
	static const double delays[] = { 0.1, 0.2, 0.25, 0.5, 1, 1.5, 2, 2.75, 10, 60, 3600, 86400 };
	struct settings s;
	size_t i;
	int c, u;

	(void)state;
	config_defaults(&s);
	round_trip(&s);
	s = odd_settings();
	round_trip(&s);
	for (c = 0; c < COL_COUNT; c++) {
		config_defaults(&s);
		s.sort = c;
		s.reverse = c % 2;
		s.hidden = (1u << c) & hideable_mask();
		round_trip(&s);
		/* everything hidden but c */
		s.hidden = hideable_mask() & ~(1u << c);
		round_trip(&s);
	}
	config_defaults(&s);
	s.hidden = 0;
	round_trip(&s);
	s.hidden = hideable_mask();
	round_trip(&s);
	s.hidden = ~0u;  /* bits that are not hideable are dropped */
	round_trip(&s);
	for (i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
		config_defaults(&s);
		s.delay = delays[i];
		round_trip(&s);
	}
	for (u = 0; u < UNIT_COUNT; u++) {
		config_defaults(&s);
		s.units = u;
		round_trip(&s);
	}
	/* each flag on its own, both ways */
	for (i = 0; i < 32; i++) {
		config_defaults(&s);
		s.reverse = i & 1;
		s.pane = i & 2;
		s.color = i & 4;
		s.kthreads = i & 8;
		s.cmdline = i & 16;
		round_trip(&s);
	}
}

/* Environment save and restore around config_path. */
struct env_saved {
	char *xdg, *home;
};

static void env_save(struct env_saved *e)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	e->xdg = x ? strdup(x) : NULL;
	e->home = h ? strdup(h) : NULL;
}

static void env_restore(struct env_saved *e)
{
	if (e->xdg)
		setenv("XDG_CONFIG_HOME", e->xdg, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	if (e->home)
		setenv("HOME", e->home, 1);
	else
		unsetenv("HOME");
	free(e->xdg);
	free(e->home);
}

static void set_env(const char *xdg, const char *home)
{
	if (xdg)
		assert_int_equal(setenv("XDG_CONFIG_HOME", xdg, 1), 0);
	else
		assert_int_equal(unsetenv("XDG_CONFIG_HOME"), 0);
	if (home)
		assert_int_equal(setenv("HOME", home, 1), 0);
	else
		assert_int_equal(unsetenv("HOME"), 0);
}

static void expect_path(const char *xdg, const char *home, const char *want)
{
	char buf[4096];

	set_env(xdg, home);
	memset(buf, 'X', sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	if (!want) {
		if (config_path(buf, sizeof(buf)))
			FAIL("XDG_CONFIG_HOME=%s HOME=%s gave '%s', expected no path",
			     xdg ? xdg : "(unset)", home ? home : "(unset)", buf);
		return;
	}
	if (!config_path(buf, sizeof(buf)))
		FAIL("XDG_CONFIG_HOME=%s HOME=%s gave no path, expected %s",
		     xdg ? xdg : "(unset)", home ? home : "(unset)", want);
	if (strcmp(buf, want) != 0)
		FAIL("XDG_CONFIG_HOME=%s HOME=%s gave '%s', expected %s",
		     xdg ? xdg : "(unset)", home ? home : "(unset)", buf, want);
}

static void test_path(void **state)
{
	struct env_saved e;

	(void)state;
	env_save(&e);
	expect_path("/xdg/conf", "/home/alice", "/xdg/conf/oomtop/oomtoprc");
	expect_path("/xdg/conf", NULL, "/xdg/conf/oomtop/oomtoprc");
	/* a relative XDG_CONFIG_HOME is ignored (the XDG spec says so) */
	expect_path("relative/conf", "/home/alice", "/home/alice/.config/oomtop/oomtoprc");
	expect_path(".config", "/home/bob", "/home/bob/.config/oomtop/oomtoprc");
	expect_path("", "/home/alice", "/home/alice/.config/oomtop/oomtoprc");
	expect_path(NULL, "/home/alice", "/home/alice/.config/oomtop/oomtoprc");
	expect_path(NULL, "/root", "/root/.config/oomtop/oomtoprc");
	/* neither known */
	expect_path(NULL, NULL, NULL);
	expect_path("relative", NULL, NULL);
	expect_path("", NULL, NULL);
	/* a buffer too small: false, nothing overrun */
	{
		char buf[24];

		set_env("/a/rather/long/config/home", "/home/alice");
		memset(buf, 'X', sizeof(buf));
		assert_false(config_path(buf, 16));
		assert_int_equal(buf[16], 'X');
		set_env("/x", NULL);
		assert_true(config_path(buf, sizeof(buf)));
		assert_string_equal(buf, "/x/oomtop/oomtoprc");
	}
	env_restore(&e);
}

/* A temporary directory for the file tests. */
static char tmpdir[256];

static int setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/oomtop-config-XXXXXX",
		 getenv("TMPDIR") && getenv("TMPDIR")[0] == '/' ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	/* make it removable again (a test may take permissions away) */
	chmod(path, 0700);
	return remove(path);
}

static int teardown_dir(void **state)
{
	(void)state;
	chmod(tmpdir, 0700);
	nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static void path_in(char *buf, size_t cap, const char *rel)
{
	snprintf(buf, cap, "%s/%s", tmpdir, rel);
}

static void write_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static char *read_all(const char *path, size_t *len)
{
	static char buf[8192];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	size_t total = 0;

	if (fd < 0)
		FAIL("cannot open %s: %s", path, strerror(errno));
	while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0)
		total += (size_t)n;
	close(fd);
	buf[total] = '\0';
	if (len)
		*len = total;
	return buf;
}

/* How many entries (besides . and ..) a directory holds; the names into names. */
static int dir_entries(const char *path, char *names, size_t cap)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	names[0] = '\0';
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		n++;
		snprintf(names + strlen(names), cap - strlen(names), "%s ", de->d_name);
	}
	closedir(d);
	return n;
}

static void test_load(void **state)
{
	char path[512];
	struct settings s, before, want;

	(void)state;
	/* no file: 1, the settings stay */
	path_in(path, sizeof(path), "missing/oomtoprc");
	s = odd_settings();
	before = s;
	memset(err, 'X', sizeof(err) - 1);
	err[sizeof(err) - 1] = '\0';
	assert_int_equal(config_load(path, &s, err, sizeof(err)), 1);
	expect_same("no file", &s, &before);
	path_in(path, sizeof(path), "oomtoprc");
	assert_int_equal(config_load(path, &s, err, sizeof(err)), 1);
	expect_same("no file", &s, &before);

	/* a good file */
	write_file(path, "sort=PID\nreverse=yes\nunits=MiB\n", 31);
	config_defaults(&s);
	config_defaults(&want);
	want.sort = COL_PID;
	want.reverse = true;
	want.units = UNIT_MIB;
	assert_int_equal(config_load(path, &s, err, sizeof(err)), 0);
	expect_same("good file", &s, &want);

	/* an empty file: good, nothing changes */
	write_file(path, "", 0);
	s = odd_settings();
	before = s;
	assert_int_equal(config_load(path, &s, err, sizeof(err)), 0);
	expect_same("empty file", &s, &before);

	/* a bad file: -1, the path and the line said, nothing changes */
	write_file(path, "sort=PID\n# c\ncolour=1\n", 22);
	s = odd_settings();
	before = s;
	err[0] = '\0';
	assert_int_equal(config_load(path, &s, err, sizeof(err)), -1);
	expect_same("bad file", &s, &before);
	if (!says_line(err, 3))
		FAIL("the error '%s' does not say line 3", err);
	if (!strstr(err, path))
		FAIL("the error '%s' does not name %s", err, path);
	/* a NUL byte in the file */
	write_file(path, "sort=PID\0\n", 10);
	s = odd_settings();
	assert_int_equal(config_load(path, &s, err, sizeof(err)), -1);
	expect_same("NUL in the file", &s, &before);
	assert_true(says_line(err, 1));
	/* a CRLF file is good */
	write_file(path, "sort=RSS\r\nkthreads=1\r\n", 22);
	config_defaults(&s);
	assert_int_equal(config_load(path, &s, err, sizeof(err)), 0);
	assert_int_equal(s.sort, COL_RSS);
	assert_true(s.kthreads);

	/* a directory: not a regular file */
	path_in(path, sizeof(path), "adir");
	assert_int_equal(mkdir(path, 0700), 0);
	s = odd_settings();
	err[0] = '\0';
	assert_int_equal(config_load(path, &s, err, sizeof(err)), -1);
	expect_same("a directory", &s, &before);
	if (!strstr(err, "not a regular file"))
		FAIL("the error '%s' does not say 'not a regular file'", err);

	/* a FIFO: not a regular file, and no waiting for a writer */
	path_in(path, sizeof(path), "fifo");
	assert_int_equal(mkfifo(path, 0600), 0);
	s = odd_settings();
	err[0] = '\0';
	assert_int_equal(config_load(path, &s, err, sizeof(err)), -1);
	expect_same("a fifo", &s, &before);
	if (!strstr(err, "not a regular file"))
		FAIL("the error '%s' does not say 'not a regular file'", err);

	/* a path through a regular file: unreadable, -1 with a reason */
	path_in(path, sizeof(path), "oomtoprc/below");
	s = odd_settings();
	err[0] = '\0';
	assert_int_equal(config_load(path, &s, err, sizeof(err)), -1);
	expect_same("ENOTDIR", &s, &before);
	assert_true(err[0] != '\0');

	/* an unreadable file (permissions do not stop root) */
	if (geteuid() != 0) {
		path_in(path, sizeof(path), "secret");
		write_file(path, "sort=PID\n", 9);
		assert_int_equal(chmod(path, 0), 0);
		s = odd_settings();
		err[0] = '\0';
		assert_int_equal(config_load(path, &s, err, sizeof(err)), -1);
		expect_same("unreadable", &s, &before);
		assert_true(err[0] != '\0');
	}
}

static void test_save_new(void **state)
{
	char path[512], dir[512], names[512];
	char text[2048];
	struct settings s = odd_settings(), back;
	struct stat st;
	size_t len, flen;
	const char *got;
	mode_t old = umask(022);

	(void)state;
	path_in(path, sizeof(path), "home/.config/oomtop/oomtoprc");
	memset(err, 'X', sizeof(err) - 1);
	err[sizeof(err) - 1] = '\0';
	if (config_save(path, &s, err, sizeof(err)) != 0)
		FAIL("saving to %s failed: %s", path, err);
	umask(old);
	/* every directory made is 0700 */
	path_in(dir, sizeof(dir), "home");
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0700);
	path_in(dir, sizeof(dir), "home/.config");
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	path_in(dir, sizeof(dir), "home/.config/oomtop");
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	/* the file holds what config_format writes */
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	len = config_format(&s, text, sizeof(text));
	got = read_all(path, &flen);
	assert_int_equal(flen, len);
	assert_string_equal(got, text);
	/* no temporary file is left */
	if (dir_entries(dir, names, sizeof(names)) != 1)
		FAIL("%s holds %s", dir, names);
	/* and it reads back */
	config_defaults(&back);
	assert_int_equal(config_load(path, &back, err, sizeof(err)), 0);
	expect_same("save then load", &back, &s);
}

/* An existing directory is used as it is. */
static void test_save_existing_dir(void **state)
{
	char path[512], names[512];
	struct settings s, back;
	struct stat st;

	(void)state;
	assert_int_equal(chmod(tmpdir, 0755), 0);
	path_in(path, sizeof(path), "oomtoprc");
	config_defaults(&s);
	s.sort = COL_CGROUP;
	s.hidden = 0;
	assert_int_equal(config_save(path, &s, err, sizeof(err)), 0);
	assert_int_equal(stat(tmpdir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	assert_int_equal(dir_entries(tmpdir, names, sizeof(names)), 1);
	config_defaults(&back);
	assert_int_equal(config_load(path, &back, err, sizeof(err)), 0);
	expect_same("save then load", &back, &s);
}

/* An existing file is replaced by a new one (rename), not rewritten in place. */
static void test_save_replaces_atomically(void **state)
{
	char path[512], names[512], text[2048], old_text[64];
	struct settings s = odd_settings();
	struct stat before, after;
	int fd;
	ssize_t n;

	(void)state;
	path_in(path, sizeof(path), "oomtoprc");
	write_file(path, "sort=PID\n# an old file\n", 23);
	assert_int_equal(stat(path, &before), 0);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(config_save(path, &s, err, sizeof(err)), 0);
	assert_int_equal(stat(path, &after), 0);
	/* a new inode took the name ... */
	if (before.st_ino == after.st_ino)
		FAIL("the file was rewritten in place (inode %lu), not replaced",
		     (unsigned long)after.st_ino);
	/* ... and the old one still holds the old text for whoever reads it */
	n = read(fd, old_text, sizeof(old_text) - 1);
	close(fd);
	assert_int_equal(n, 23);
	old_text[n] = '\0';
	assert_string_equal(old_text, "sort=PID\n# an old file\n");
	config_format(&s, text, sizeof(text));
	assert_string_equal(read_all(path, NULL), text);
	if (dir_entries(tmpdir, names, sizeof(names)) != 1)
		FAIL("%s holds %s", tmpdir, names);
	/* saving again over it: still one file, the new text */
	s.sort = COL_FILE;
	assert_int_equal(config_save(path, &s, err, sizeof(err)), 0);
	config_format(&s, text, sizeof(text));
	assert_string_equal(read_all(path, NULL), text);
	assert_int_equal(dir_entries(tmpdir, names, sizeof(names)), 1);
}

/* Where it cannot write: -1 with a reason, no temporary file left. */
static void test_save_fails(void **state)
{
	char path[512], blocker[512], names[512];
	struct settings s = odd_settings();

	(void)state;
	/* a regular file where a directory should be */
	path_in(blocker, sizeof(blocker), "afile");
	write_file(blocker, "x", 1);
	path_in(path, sizeof(path), "afile/oomtop/oomtoprc");
	err[0] = '\0';
	assert_int_equal(config_save(path, &s, err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	assert_true(strchr(err, '\n') == NULL);
	path_in(path, sizeof(path), "afile/oomtoprc");
	err[0] = '\0';
	assert_int_equal(config_save(path, &s, err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	assert_string_equal(read_all(blocker, NULL), "x");

	/* the target is a directory: the rename fails, the temp file goes */
	path_in(path, sizeof(path), "adir");
	assert_int_equal(mkdir(path, 0700), 0);
	err[0] = '\0';
	assert_int_equal(config_save(path, &s, err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	if (dir_entries(tmpdir, names, sizeof(names)) != 2)
		FAIL("%s holds %s (a temporary file left?)", tmpdir, names);

	/* a directory without write permission (root writes anyway) */
	if (geteuid() != 0) {
		char ro[512];

		path_in(ro, sizeof(ro), "ro");
		assert_int_equal(mkdir(ro, 0500), 0);
		path_in(path, sizeof(path), "ro/oomtoprc");
		err[0] = '\0';
		assert_int_equal(config_save(path, &s, err, sizeof(err)), -1);
		assert_true(err[0] != '\0');
		path_in(path, sizeof(path), "ro/sub/oomtoprc");
		err[0] = '\0';
		assert_int_equal(config_save(path, &s, err, sizeof(err)), -1);
		assert_true(err[0] != '\0');
		assert_int_equal(dir_entries(ro, names, sizeof(names)), 0);
	} else {
		printf("# running as root: the read-only directory case is skipped\n");
	}
}

#define D(fn) cmocka_unit_test_setup_teardown(fn, setup_dir, teardown_dir)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_empty_and_comments),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_bad_booleans),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_delay),
		cmocka_unit_test(test_layout_of_lines),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_too_long_and_nul),
		cmocka_unit_test(test_small_err),
		cmocka_unit_test(test_format_text),
		cmocka_unit_test(test_format_small_buffer),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_path),
		D(test_load),
		D(test_save_new),
		D(test_save_existing_dir),
		D(test_save_replaces_atomically),
		D(test_save_fails),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
