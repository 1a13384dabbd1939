/* test_options.c - the command line: defaults, values, and the errors users make */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "options.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

static char err[256];

/* Parse a NULL-terminated list of arguments after "oomtop". */
static enum options_result parse_argv(struct options *o, char **args)
{
	char *argv[32];
	int argc = 0;
	enum options_result r;

	argv[argc++] = "oomtop";
	while (*args) {
		assert_true(argc < 31);
		argv[argc++] = *args++;
	}
	argv[argc] = NULL;
	memset(err, 'X', sizeof(err) - 1);
	err[sizeof(err) - 1] = '\0';
	r = options_parse(argc, argv, o, err, sizeof(err));
	/* the message is one line, and only for errors */
	if (strchr(err, '\n') || (r == OPTIONS_ERROR) != (err[0] != '\0')) {
		options_fini(o);
		FAIL("result %d with message '%s'", r, err);
	}
	return r;
}

#define PARSE(o, ...) parse_argv(o, (char *[]){ __VA_ARGS__, NULL })

/* Expect an error whose message names what was wrong. */
static void expect_error(char **args, const char *mention)
{
	struct options o;
	enum options_result r = parse_argv(&o, args);

	options_fini(&o);
	if (r != OPTIONS_ERROR) {
		char line[256] = "";

		for (; *args; args++) {
			strncat(line, " '", sizeof(line) - strlen(line) - 1);
			strncat(line, *args, sizeof(line) - strlen(line) - 1);
			strncat(line, "'", sizeof(line) - strlen(line) - 1);
		}
		FAIL("oomtop%s was accepted (result %d)", line, r);
	}
	if (mention && !strstr(err, mention))
		FAIL("error '%s' does not mention '%s'", err, mention);
}

#define ERROR(mention, ...) expect_error((char *[]){ __VA_ARGS__, NULL }, mention)

static void test_defaults(void **state)
{
	struct options o;
	char *none[] = { NULL };

	(void)state;
	assert_int_equal(parse_argv(&o, none), OPTIONS_RUN);
	assert_false(o.batch);
	assert_int_equal(o.iterations, 1);
	assert_true(o.delay == 2.0);
	assert_int_equal(o.format, FORMAT_TEXT);
	assert_null(o.pids);
	assert_int_equal(o.npids, 0);
	assert_null(o.user);
	assert_false(o.read_only);
	assert_int_equal(o.adj_step, 100);
	assert_false(o.no_self_protect);
	options_fini(&o);
}

static void test_batch_iterations_delay(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-b", "-n", "5", "-d", "0.5"), OPTIONS_RUN);
	assert_true(o.batch);
	assert_int_equal(o.iterations, 5);
	assert_true(o.delay == 0.5);
	options_fini(&o);

	assert_int_equal(PARSE(&o, "--batch", "--iterations=3", "--delay=1.25"), OPTIONS_RUN);
	assert_true(o.batch);
	assert_int_equal(o.iterations, 3);
	assert_true(o.delay == 1.25);
	options_fini(&o);

	assert_int_equal(PARSE(&o, "-bn0", "-d10"), OPTIONS_RUN);
	assert_true(o.batch);
	assert_int_equal(o.iterations, 0);
	assert_true(o.delay == 10.0);
	options_fini(&o);

	assert_int_equal(PARSE(&o, "-d", "3"), OPTIONS_RUN);
	assert_false(o.batch);
	assert_true(o.delay == 3.0);
	options_fini(&o);
}

static void test_bad_delay(void **state)
{
	(void)state;
	ERROR("'0'", "-d", "0");
	ERROR("-1", "-d", "-1");
	ERROR("-0.5", "-d", "-0.5");
	ERROR("nan", "-d", "nan");
	ERROR("inf", "-d", "inf");
	ERROR("-inf", "-d", "-inf");
	ERROR("1x", "-d", "1x");
	ERROR("1e999", "-d", "1e999");
	ERROR("1e10", "-d", "1e10");
	ERROR("abc", "--delay=abc");
	ERROR(NULL, "-d", "");
}

static void test_bad_iterations(void **state)
{
	(void)state;
	ERROR("-1", "-b", "-n", "-1");
	ERROR("x", "-b", "-n", "x");
	ERROR("2.5", "-b", "-n", "2.5");
	ERROR("99999999999", "-b", "-n", "99999999999");
	ERROR(NULL, "-b", "-n", "");
}

static void test_format(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-b", "--format=json"), OPTIONS_RUN);
	assert_int_equal(o.format, FORMAT_JSON);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--format", "json", "-b"), OPTIONS_RUN);
	assert_int_equal(o.format, FORMAT_JSON);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-b", "--format=text"), OPTIONS_RUN);
	assert_int_equal(o.format, FORMAT_TEXT);
	options_fini(&o);
	/* the last one wins */
	assert_int_equal(PARSE(&o, "-b", "--format=json", "--format=text"), OPTIONS_RUN);
	assert_int_equal(o.format, FORMAT_TEXT);
	options_fini(&o);

	ERROR("xml", "-b", "--format=xml");
	ERROR("JSON", "-b", "--format=JSON");
	/* JSON on a screen makes no sense: it needs -b */
	ERROR("-b", "--format=json");
}

static void test_pids(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-p", "1,2,3"), OPTIONS_RUN);
	assert_int_equal(o.npids, 3);
	assert_int_equal(o.pids[0], 1);
	assert_int_equal(o.pids[1], 2);
	assert_int_equal(o.pids[2], 3);
	options_fini(&o);
	assert_null(o.pids);
	assert_int_equal(o.npids, 0);

	/* repeated -p adds up */
	assert_int_equal(PARSE(&o, "-p", "10", "--pid=20,30", "-p40"), OPTIONS_RUN);
	assert_int_equal(o.npids, 4);
	assert_int_equal(o.pids[0], 10);
	assert_int_equal(o.pids[1], 20);
	assert_int_equal(o.pids[2], 30);
	assert_int_equal(o.pids[3], 40);
	options_fini(&o);

	assert_int_equal(PARSE(&o, "-p", "4194304"), OPTIONS_RUN);
	assert_int_equal(o.pids[0], 4194304);
	options_fini(&o);
}

static void test_bad_pids(void **state)
{
	(void)state;
	ERROR("abc", "-p", "abc");
	ERROR("'0'", "-p", "0");
	ERROR("-5", "-p", "-5");
	ERROR("1,x", "-p", "1,x");
	ERROR("1.5", "-p", "1.5");
	ERROR("4194305", "-p", "4194305");
	ERROR("99999999999999999999", "-p", "99999999999999999999");
	ERROR(NULL, "-p", "");
	ERROR(NULL, "-p", ",");
	ERROR(NULL, "-p", "1 2");
}

/* A bad list after a good one is still an error. */
static void test_bad_pids_after_good(void **state)
{
	(void)state;
	ERROR("x", "-p", "1", "-p", "x");
	ERROR(NULL, "-p", "1", "-p", "");
	ERROR(NULL, "-p", "1", "-p", ",");
}

static void test_user(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-u", "postgres"), OPTIONS_RUN);
	assert_string_equal(o.user, "postgres");
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--user=1000"), OPTIONS_RUN);
	assert_string_equal(o.user, "1000");
	options_fini(&o);
	ERROR(NULL, "-u", "");
}

static void test_unknown_option(void **state)
{
	(void)state;
	ERROR("-x", "-x");
	ERROR("--frobnicate", "--frobnicate");
	ERROR("-x", "-b", "-x");
}

/*
 * Inside a group of short options the message names the letter or the
 * group, never something else (such as argv[0]).
 */
static void test_unknown_option_in_group(void **state)
{
	static const char *const groups[] = { "-bx", "-xb", "-bxn2" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		char *args[] = { (char *)groups[i], NULL };
		char quoted[32];
		struct options o;
		enum options_result r = parse_argv(&o, args);

		options_fini(&o);
		assert_int_equal(r, OPTIONS_ERROR);
		snprintf(quoted, sizeof(quoted), "'%s'", groups[i]);
		if (!strstr(err, "'-x'") && !strstr(err, quoted))
			FAIL("for %s the error is '%s'", groups[i], err);
	}
}

static void test_missing_value(void **state)
{
	(void)state;
	ERROR("-d", "-d");
	ERROR("-n", "-b", "-n");
	ERROR("-p", "-p");
	ERROR("-u", "-u");
	ERROR("--delay", "--delay");
	ERROR("--format", "-b", "--format");
}

static void test_stray_argument(void **state)
{
	(void)state;
	ERROR("foo", "foo");
	ERROR("foo", "-b", "foo");
	ERROR("5", "-b", "-n", "2", "5");
}

static void test_help_and_version(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-h"), OPTIONS_HELP);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--help"), OPTIONS_HELP);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-b", "--help"), OPTIONS_HELP);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-V"), OPTIONS_VERSION);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--version"), OPTIONS_VERSION);
	options_fini(&o);
}

/* Parsing twice starts from the defaults again (getopt state is reset). */
static void test_repeated_parse(void **state)
{
	struct options o;
	char *none[] = { NULL };

	(void)state;
	assert_int_equal(PARSE(&o, "-b", "-n", "7", "-p", "5"), OPTIONS_RUN);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-b", "-n", "7", "-p", "5"), OPTIONS_RUN);
	assert_int_equal(o.iterations, 7);
	assert_int_equal(o.npids, 1);
	options_fini(&o);
	assert_int_equal(parse_argv(&o, none), OPTIONS_RUN);
	assert_false(o.batch);
	assert_int_equal(o.iterations, 1);
	assert_int_equal(o.npids, 0);
	options_fini(&o);
}

static void test_read_only(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "--read-only"), OPTIONS_RUN);
	assert_true(o.read_only);
	assert_int_equal(o.adj_step, 100);
	assert_false(o.no_self_protect);
	assert_false(o.batch);
	options_fini(&o);
	/* with batch mode, and twice */
	assert_int_equal(PARSE(&o, "-b", "--read-only", "--read-only"), OPTIONS_RUN);
	assert_true(o.read_only);
	assert_true(o.batch);
	options_fini(&o);
	/* a flag: no value */
	ERROR(NULL, "--read-only=yes");
}

static void test_adj_step(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "--adj-step=50"), OPTIONS_RUN);
	assert_int_equal(o.adj_step, 50);
	assert_false(o.read_only);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--adj-step", "250"), OPTIONS_RUN);
	assert_int_equal(o.adj_step, 250);
	options_fini(&o);
	/* the bounds */
	assert_int_equal(PARSE(&o, "--adj-step=1"), OPTIONS_RUN);
	assert_int_equal(o.adj_step, 1);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--adj-step=2000"), OPTIONS_RUN);
	assert_int_equal(o.adj_step, 2000);
	options_fini(&o);
	/* the last one wins */
	assert_int_equal(PARSE(&o, "--adj-step=10", "--adj-step=20"), OPTIONS_RUN);
	assert_int_equal(o.adj_step, 20);
	options_fini(&o);
	/* with the other new options */
	assert_int_equal(PARSE(&o, "--read-only", "--adj-step=7", "--no-self-protect"), OPTIONS_RUN);
	assert_true(o.read_only);
	assert_int_equal(o.adj_step, 7);
	assert_true(o.no_self_protect);
	options_fini(&o);
}

static void test_bad_adj_step(void **state)
{
	(void)state;
	ERROR("'0'", "--adj-step=0");
	ERROR("2001", "--adj-step=2001");
	ERROR("-100", "--adj-step=-100");
	ERROR("-1", "--adj-step", "-1");
	ERROR("abc", "--adj-step=abc");
	ERROR("10x", "--adj-step=10x");
	ERROR("1.5", "--adj-step=1.5");
	ERROR("99999999999999999999", "--adj-step=99999999999999999999");
	ERROR("4294967396", "--adj-step=4294967396");
	ERROR("adj-step", "--adj-step=");
	ERROR("--adj-step", "--adj-step");
	/* the message says the range */
	ERROR("1 to 2000", "--adj-step=5000");
}

static void test_no_self_protect(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "--no-self-protect"), OPTIONS_RUN);
	assert_true(o.no_self_protect);
	assert_false(o.read_only);
	assert_int_equal(o.adj_step, 100);
	options_fini(&o);
	ERROR(NULL, "--no-self-protect=1");
}

/* The new options start from their defaults on each parse. */
static void test_repeated_parse_new(void **state)
{
	struct options o;
	char *none[] = { NULL };

	(void)state;
	assert_int_equal(PARSE(&o, "--read-only", "--adj-step=3", "--no-self-protect"), OPTIONS_RUN);
	options_fini(&o);
	assert_int_equal(parse_argv(&o, none), OPTIONS_RUN);
	assert_false(o.read_only);
	assert_int_equal(o.adj_step, 100);
	assert_false(o.no_self_protect);
	options_fini(&o);
}

static void test_usage_text(void **state)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	static const char *const must[] = {
		"-b", "-n", "-d", "--format", "-p", "-u", "--help", "--version",
		"--read-only", "--adj-step", "--no-self-protect",
	};
	size_t i;

	(void)state;
	assert_non_null(f);
	options_usage(f);
	fclose(f);
	assert_true(strncmp(buf, "Usage: oomtop", 13) == 0);
	for (i = 0; i < sizeof(must) / sizeof(must[0]); i++)
		assert_non_null(strstr(buf, must[i]));
	free(buf);
}

/*
 * A flag given a value names the flag the user typed, not the letter
 * getopt_long uses inside (today: "unknown option '-R'", "unknown option '-b'").
 */
static void test_flag_with_value(void **state)
{
	(void)state;
	ERROR("--read-only", "--read-only=yes");
	ERROR("--no-self-protect", "--no-self-protect=1");
	ERROR("--bell", "--bell=1");
	ERROR("--batch", "--batch=1");
}

/* -s / --sort: a column name in any case. */
static void test_sort(void **state)
{
	static const struct { const char *arg; int col; } ok[] = {
		{ "RANK", COL_RANK }, { "PID", COL_PID }, { "USER", COL_USER },
		{ "SCORE", COL_SCORE }, { "ADJ", COL_ADJ }, { "RSS", COL_RSS },
		{ "ANON", COL_ANON }, { "FILE", COL_FILE }, { "SHMEM", COL_SHMEM },
		{ "SWAP", COL_SWAP }, { "PTE", COL_PTE }, { "CGROUP", COL_CGROUP },
		{ "COMMAND", COL_COMMAND }, { "rss", COL_RSS }, { "Rss", COL_RSS },
		{ "command", COL_COMMAND }, { "cGroup", COL_CGROUP }, { "pid", COL_PID },
	};
	struct options o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char longopt[64];

		assert_int_equal(PARSE(&o, "-s", (char *)ok[i].arg), OPTIONS_RUN);
		if (o.sort != ok[i].col)
			FAIL("-s %s gave sort %d, expected %d", ok[i].arg, o.sort, ok[i].col);
		options_fini(&o);
		snprintf(longopt, sizeof(longopt), "--sort=%s", ok[i].arg);
		assert_int_equal(PARSE(&o, longopt), OPTIONS_RUN);
		if (o.sort != ok[i].col)
			FAIL("%s gave sort %d, expected %d", longopt, o.sort, ok[i].col);
		options_fini(&o);
	}
	/* attached, separate, with batch mode; the last one wins */
	assert_int_equal(PARSE(&o, "-sadj"), OPTIONS_RUN);
	assert_int_equal(o.sort, COL_ADJ);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--sort", "swap", "-b"), OPTIONS_RUN);
	assert_int_equal(o.sort, COL_SWAP);
	assert_true(o.batch);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-s", "PID", "--sort=RSS"), OPTIONS_RUN);
	assert_int_equal(o.sort, COL_RSS);
	options_fini(&o);
}

static void test_bad_sort(void **state)
{
	(void)state;
	ERROR("'NAME'", "-s", "NAME");
	ERROR("'mem'", "--sort=mem");
	ERROR("'RSSX'", "-s", "RSSX");
	ERROR("'1'", "-s", "1");
	ERROR("'rss,pid'", "-s", "rss,pid");
	/* the message says what it wants */
	ERROR("column", "-s", "bogus");
	ERROR("RANK", "-s", "bogus");
	ERROR("COMMAND", "--sort=bogus");
	ERROR(NULL, "-s", "");
	ERROR(NULL, "--sort=");
	ERROR("-s", "-s");
	ERROR("--sort", "--sort");
	/* a bad one after a good one */
	ERROR("'x'", "-s", "RSS", "-s", "x");
}

static void test_no_mouse(void **state)
{
	struct options o;
	char *none[] = { NULL };

	(void)state;
	assert_int_equal(parse_argv(&o, none), OPTIONS_RUN);
	assert_false(o.no_mouse);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--no-mouse"), OPTIONS_RUN);
	assert_true(o.no_mouse);
	assert_false(o.no_color);
	assert_false(o.batch);
	assert_int_equal(o.sort, -1);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--no-mouse", "--no-color", "-s", "pte"), OPTIONS_RUN);
	assert_true(o.no_mouse);
	assert_true(o.no_color);
	assert_int_equal(o.sort, COL_PTE);
	options_fini(&o);
	ERROR("--no-mouse", "--no-mouse=1");
}

/* delay_set only when -d was given: the settings file's delay wins otherwise. */
static void test_delay_set(void **state)
{
	struct options o;
	char *none[] = { NULL };

	(void)state;
	assert_int_equal(parse_argv(&o, none), OPTIONS_RUN);
	assert_false(o.delay_set);
	assert_true(o.delay == 2.0);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-b", "-n", "2", "-s", "rss", "--no-mouse"), OPTIONS_RUN);
	assert_false(o.delay_set);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-d", "5"), OPTIONS_RUN);
	assert_true(o.delay_set);
	assert_true(o.delay == 5.0);
	options_fini(&o);
	/* even -d 2, the default value, was given */
	assert_int_equal(PARSE(&o, "-d", "2"), OPTIONS_RUN);
	assert_true(o.delay_set);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--delay=0.5"), OPTIONS_RUN);
	assert_true(o.delay_set);
	assert_true(o.delay == 0.5);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-bd1"), OPTIONS_RUN);
	assert_true(o.delay_set);
	options_fini(&o);
}

/* The new fields start from their defaults on each parse. */
static void test_repeated_parse_issue6(void **state)
{
	struct options o;
	char *none[] = { NULL };

	(void)state;
	assert_int_equal(PARSE(&o, "-s", "cgroup", "--no-mouse", "-d", "9"), OPTIONS_RUN);
	assert_int_equal(o.sort, COL_CGROUP);
	options_fini(&o);
	assert_int_equal(parse_argv(&o, none), OPTIONS_RUN);
	assert_int_equal(o.sort, -1);
	assert_false(o.no_mouse);
	assert_false(o.delay_set);
	assert_true(o.delay == 2.0);
	options_fini(&o);
}

static void test_usage_issue6(void **state)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	(void)state;
	assert_non_null(f);
	options_usage(f);
	fclose(f);
	assert_non_null(strstr(buf, "--sort"));
	assert_non_null(strstr(buf, "-s"));
	assert_non_null(strstr(buf, "--no-mouse"));
	free(buf);
}

static void test_cgroups(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-b", "--cgroups"), OPTIONS_RUN);
	assert_true(o.cgroups);
	assert_true(o.batch);
	assert_false(o.kills);
	assert_null(o.cgroup);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--cgroups", "-b", "--format=json"), OPTIONS_RUN);
	assert_true(o.cgroups);
	assert_int_equal(o.format, FORMAT_JSON);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--cgroups", "--batch", "-n", "3"), OPTIONS_RUN);
	assert_true(o.cgroups);
	assert_int_equal(o.iterations, 3);
	options_fini(&o);
	/* the screen has g for that */
	ERROR("-b", "--cgroups");
	ERROR("--cgroups", "--cgroups");
	/* two reports at once */
	ERROR("--kills", "-b", "--cgroups", "--kills");
	ERROR("--cgroups", "-b", "--kills", "--cgroups");
	/* a flag: no value */
	ERROR("--cgroups", "-b", "--cgroups=yes");
	/* not an abbreviation of --cgroup */
	ERROR(NULL, "-b", "--cgroups", "/x");
}

static void test_cgroup(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-c", "/oomtop-try"), OPTIONS_RUN);
	assert_non_null(o.cgroup);
	assert_string_equal(o.cgroup, "/oomtop-try");
	assert_false(o.cgroups);
	assert_false(o.batch);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--cgroup=/system.slice/nginx.service"), OPTIONS_RUN);
	assert_string_equal(o.cgroup, "/system.slice/nginx.service");
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--cgroup", "/"), OPTIONS_RUN);
	assert_string_equal(o.cgroup, "/");
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-c/sys/fs/cgroup/memory/x"), OPTIONS_RUN);
	assert_string_equal(o.cgroup, "/sys/fs/cgroup/memory/x");
	options_fini(&o);
	/* with batch mode, and the last one wins */
	assert_int_equal(PARSE(&o, "-b", "-c", "/a", "-c", "/b"), OPTIONS_RUN);
	assert_true(o.batch);
	assert_string_equal(o.cgroup, "/b");
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-bc", "/a"), OPTIONS_RUN);
	assert_true(o.batch);
	assert_string_equal(o.cgroup, "/a");
	options_fini(&o);
	/* a path within the hierarchy starts with '/' */
	ERROR("'x'", "-c", "x");
	ERROR("'oomtop-try'", "--cgroup=oomtop-try");
	ERROR("starting with '/'", "-c", "");
	ERROR("'./x'", "-c", "./x");
	ERROR("-c", "-c");
	ERROR("--cgroup", "--cgroup");
}

/* The MEMCG column sorts like any other. */
static void test_sort_memcg(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(PARSE(&o, "-s", "MEMCG"), OPTIONS_RUN);
	assert_int_equal(o.sort, COL_MEMCG);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "--sort=memcg"), OPTIONS_RUN);
	assert_int_equal(o.sort, COL_MEMCG);
	options_fini(&o);
	assert_int_equal(PARSE(&o, "-s", "cgroup"), OPTIONS_RUN);
	assert_int_equal(o.sort, COL_CGROUP);
	options_fini(&o);
}

/* The new options start from their defaults on each parse. */
static void test_repeated_parse_cgroups(void **state)
{
	struct options o;
	char *none[] = { NULL };

	(void)state;
	assert_int_equal(PARSE(&o, "-b", "--cgroups", "-c", "/x"), OPTIONS_RUN);
	assert_true(o.cgroups);
	assert_string_equal(o.cgroup, "/x");
	options_fini(&o);
	assert_int_equal(parse_argv(&o, none), OPTIONS_RUN);
	assert_false(o.cgroups);
	assert_null(o.cgroup);
	options_fini(&o);
}

static void test_usage_cgroups(void **state)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	(void)state;
	assert_non_null(f);
	options_usage(f);
	fclose(f);
	assert_non_null(strstr(buf, "--cgroups"));
	assert_non_null(strstr(buf, "-c, --cgroup=PATH"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_batch_iterations_delay),
		cmocka_unit_test(test_bad_delay),
		cmocka_unit_test(test_bad_iterations),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_pids),
		cmocka_unit_test(test_bad_pids),
		cmocka_unit_test(test_bad_pids_after_good),
		cmocka_unit_test(test_user),
		cmocka_unit_test(test_unknown_option),
		cmocka_unit_test(test_unknown_option_in_group),
		cmocka_unit_test(test_missing_value),
		cmocka_unit_test(test_stray_argument),
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_repeated_parse),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_adj_step),
		cmocka_unit_test(test_bad_adj_step),
		cmocka_unit_test(test_no_self_protect),
		cmocka_unit_test(test_repeated_parse_new),
		cmocka_unit_test(test_usage_text),
		cmocka_unit_test(test_flag_with_value),
		cmocka_unit_test(test_cgroups),
		cmocka_unit_test(test_cgroup),
		cmocka_unit_test(test_sort_memcg),
		cmocka_unit_test(test_repeated_parse_cgroups),
		cmocka_unit_test(test_usage_cgroups),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_bad_sort),
		cmocka_unit_test(test_no_mouse),
		cmocka_unit_test(test_delay_set),
		cmocka_unit_test(test_repeated_parse_issue6),
		cmocka_unit_test(test_usage_issue6),
	};

	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
