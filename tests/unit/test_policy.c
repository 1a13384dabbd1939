/* test_policy.c - vm.panic_on_oom and vm.oom_kill_allocating_task: parser, reader, words, labels */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

#define WORDS_PANIC1 "panic_on_oom=1: a system-wide OOM panics (reboots) this machine, nobody is " \
	"killed; an OOM inside a memory cgroup still kills"
#define WORDS_PANIC2 "panic_on_oom=2: any OOM, even inside a memory cgroup, panics (reboots) this " \
	"machine: nobody is killed"
#define WORDS_ALLOC "oom_kill_allocating_task=1: in a system-wide OOM the task that asked for " \
	"memory dies, not rank 1"

/* Parse from an exact-size heap copy, so that ASan sees any overread. */
static int parse(const char *s, size_t len)
{
	char *c = malloc(len ? len : 1);
	int v;

	assert_non_null(c);
	memcpy(c, s, len);
	v = policy_parse_int(c, len);
	free(c);
	return v;
}

static void expect_parse(const char *s, int want)
{
	int got = parse(s, strlen(s));

	if (got != want)
		FAIL("policy_parse_int(\"%s\") = %d, expected %d", s, got, want);
}

static void test_parse_int(void **state)
{
	(void)state;
	expect_parse("0\n", 0);
	expect_parse("1\n", 1);
	expect_parse("2\n", 2);
	expect_parse("2", 2);
	expect_parse("0", 0);
	expect_parse("17\n", 17);
	expect_parse("1000\n", 1000);
	/* malformed */
	expect_parse("", POLICY_BAD);
	expect_parse("\n", POLICY_BAD);
	expect_parse("x", POLICY_BAD);
	expect_parse("x\n", POLICY_BAD);
	expect_parse("1x\n", POLICY_BAD);
	expect_parse("1 2", POLICY_BAD);
	expect_parse("1 2\n", POLICY_BAD);
	expect_parse(" 1\n", POLICY_BAD);
	expect_parse("1 \n", POLICY_BAD);
	expect_parse("1\n\n", POLICY_BAD);
	expect_parse("1\n2\n", POLICY_BAD);
	expect_parse("-1", -1); /* a number: the kernel takes any int for oom_kill_allocating_task */
	expect_parse("-1\n", -1);
	expect_parse("-\n", POLICY_BAD);
	expect_parse("+1\n", POLICY_BAD);
	expect_parse("0x1\n", POLICY_BAD);
	/* huge values: never an overflow into a small number */
	expect_parse("1001\n", 1001);
	expect_parse("99999999999999999999\n", POLICY_BAD);
	expect_parse("18446744073709551617\n", POLICY_BAD);
	expect_parse("4294967297\n", POLICY_BAD);
	expect_parse("9999999999999999", POLICY_BAD);
	expect_parse("2147483647\n", 2147483647);
	expect_parse("-2147483647\n", -2147483647);
}

/* The length counts, not a terminating NUL. */
static void test_parse_int_length(void **state)
{
	(void)state;
	assert_int_equal(parse("12\n", 1), 1);
	assert_int_equal(parse("12\n", 2), 12);
	assert_int_equal(parse("1\n", 0), POLICY_BAD);
	/* a NUL inside is not a digit */
	assert_int_equal(parse("1\0", 2), POLICY_BAD);
}

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void drop(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

static int setup_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/oomtop-policy-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	(void)state;
	drop("panic_on_oom");
	drop("oom_kill_allocating_task");
	return rmdir(dir);
}

static void read_policy(unsigned long swap_kb, struct policy *p)
{
	memset(p, 0x5a, sizeof(*p));
	policy_read(dir, swap_kb, p);
}

static void test_read_missing(void **state)
{
	struct policy p;

	(void)state;
	drop("panic_on_oom");
	drop("oom_kill_allocating_task");
	read_policy(0, &p);
	assert_int_equal(p.panic_on_oom, -1);
	assert_int_equal(p.kill_allocating, -1);
	assert_false(p.swap);
	assert_false(policy_unusual(&p));
	/* a directory that is not there */
	memset(&p, 0x5a, sizeof(p));
	policy_read("/nonexistent/oomtop/vm", 0, &p);
	assert_int_equal(p.panic_on_oom, -1);
	assert_int_equal(p.kill_allocating, -1);
	/* one of them */
	put("panic_on_oom", "1\n");
	read_policy(0, &p);
	assert_int_equal(p.panic_on_oom, 1);
	assert_int_equal(p.kill_allocating, -1);
	drop("panic_on_oom");
}

static void test_read_values(void **state)
{
	static const struct {
		const char *panic, *alloc;
		int want_panic, want_alloc;
	} cases[] = {
		{ "0\n", "0\n", 0, 0 },
		{ "1\n", "0\n", 1, 0 },
		{ "2\n", "0\n", 2, 0 },
		{ "0\n", "1\n", 0, 1 },
		{ "2\n", "1\n", 2, 1 },
		/* any non-zero value turns oom_kill_allocating_task on */
		{ "0\n", "2\n", 0, 1 },
		{ "0\n", "1000\n", 0, 1 },
		/* panic_on_oom has no meaning past 2 */
		{ "3\n", "0\n", -1, 0 },
		{ "1000\n", "0\n", -1, 0 },
		/* malformed files */
		{ "x\n", "\n", -1, -1 },
		{ "", "", -1, -1 },
		{ "-1\n", "1 1\n", -1, -1 },
	};
	struct policy p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		put("panic_on_oom", cases[i].panic);
		put("oom_kill_allocating_task", cases[i].alloc);
		read_policy(0, &p);
		if (p.panic_on_oom != cases[i].want_panic || p.kill_allocating != cases[i].want_alloc)
			FAIL("panic_on_oom '%s', oom_kill_allocating_task '%s': read %d, %d; expected %d, %d",
			     cases[i].panic, cases[i].alloc, p.panic_on_oom, p.kill_allocating,
			     cases[i].want_panic, cases[i].want_alloc);
	}
}

static void test_read_swap(void **state)
{
	struct policy p;

	(void)state;
	put("panic_on_oom", "0\n");
	put("oom_kill_allocating_task", "0\n");
	read_policy(0, &p);
	assert_false(p.swap);
	read_policy(1, &p);
	assert_true(p.swap);
	read_policy(8UL * 1024 * 1024, &p);
	assert_true(p.swap);
	/* swap says nothing about the policy */
	assert_false(policy_unusual(&p));
}

static struct policy pol(int panic, int alloc)
{
	struct policy p;

	memset(&p, 0, sizeof(p));
	p.panic_on_oom = panic;
	p.kill_allocating = alloc;
	return p;
}

static void test_unusual(void **state)
{
	static const struct { int panic, alloc; bool want; } cases[] = {
		{ 0, 0, false }, { -1, -1, false }, { -1, 0, false }, { 0, -1, false },
		{ 1, 0, true }, { 2, 0, true }, { 0, 1, true }, { 1, 1, true }, { 2, 1, true },
		{ -1, 1, true }, { 1, -1, true },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct policy p = pol(cases[i].panic, cases[i].alloc);

		if (policy_unusual(&p) != cases[i].want)
			FAIL("policy_unusual(panic %d, allocating %d) = %d, expected %d", cases[i].panic,
			     cases[i].alloc, !cases[i].want, cases[i].want);
	}
}

static void expect_words(int panic, int alloc, const char *want)
{
	struct policy p = pol(panic, alloc);
	char buf[512];

	memset(buf, 'X', sizeof(buf));
	policy_words(&p, buf, sizeof(buf));
	assert_non_null(memchr(buf, '\0', sizeof(buf)));
	if (strcmp(buf, want) != 0)
		FAIL("policy_words(panic %d, allocating %d) = '%s', expected '%s'", panic, alloc, buf, want);
}

static void test_words(void **state)
{
	(void)state;
	expect_words(0, 0, "");
	expect_words(-1, -1, "");
	expect_words(-1, 0, "");
	expect_words(1, 0, WORDS_PANIC1);
	expect_words(2, 0, WORDS_PANIC2);
	expect_words(0, 1, WORDS_ALLOC);
	expect_words(-1, 1, WORDS_ALLOC);
	expect_words(1, -1, WORDS_PANIC1);
	expect_words(1, 1, WORDS_PANIC1 "; " WORDS_ALLOC);
	expect_words(2, 1, WORDS_PANIC2 "; " WORDS_ALLOC);
}

/* A small buffer gets a cut, terminated text. */
static void test_words_small_buffer(void **state)
{
	struct policy p = pol(2, 1);
	char buf[24];
	size_t cap;

	(void)state;
	for (cap = 1; cap <= sizeof(buf); cap++) {
		memset(buf, 'X', sizeof(buf));
		policy_words(&p, buf, cap);
		assert_int_equal(strlen(buf), cap - 1);
		assert_memory_equal(buf, WORDS_PANIC2, cap - 1);
	}
}

static void expect_label(int panic, int alloc, bool narrow, const char *want)
{
	struct policy p = pol(panic, alloc);
	const char *got = policy_victim_label(&p, narrow);

	if (!got || strcmp(got, want) != 0)
		FAIL("policy_victim_label(panic %d, allocating %d, %s) = '%s', expected '%s'", panic, alloc,
		     narrow ? "narrow" : "wide", got ? got : "(null)", want);
}

static void test_victim_label(void **state)
{
	(void)state;
	expect_label(0, 0, false, "next victim:");
	expect_label(0, 0, true, "next:");
	expect_label(-1, -1, false, "next victim:");
	expect_label(-1, -1, true, "next:");
	expect_label(1, 0, false, "a system-wide OOM panics; rank 1:");
	expect_label(1, 0, true, "panics; rank 1:");
	expect_label(2, 0, false, "any OOM panics; rank 1:");
	expect_label(2, 0, true, "panics; rank 1:");
	expect_label(0, 1, false, "the allocating task dies; rank 1:");
	expect_label(0, 1, true, "rank 1:");
	expect_label(-1, 1, false, "the allocating task dies; rank 1:");
	/* a panic wins over the allocating task: nobody dies */
	expect_label(1, 1, false, "a system-wide OOM panics; rank 1:");
	expect_label(1, 1, true, "panics; rank 1:");
	expect_label(2, 1, false, "any OOM panics; rank 1:");
	expect_label(2, 1, true, "panics; rank 1:");
}

/* What policy_read gives is what the words and the label are made of. */
static void test_read_then_words(void **state)
{
	struct policy p;
	char buf[512];

	(void)state;
	put("panic_on_oom", "2\n");
	put("oom_kill_allocating_task", "5\n");
	read_policy(0, &p);
	assert_true(policy_unusual(&p));
	policy_words(&p, buf, sizeof(buf));
	assert_string_equal(buf, WORDS_PANIC2 "; " WORDS_ALLOC);
	assert_string_equal(policy_victim_label(&p, false), "any OOM panics; rank 1:");
	put("panic_on_oom", "0\n");
	put("oom_kill_allocating_task", "0\n");
	read_policy(0, &p);
	assert_false(policy_unusual(&p));
	policy_words(&p, buf, sizeof(buf));
	assert_string_equal(buf, "");
	assert_string_equal(policy_victim_label(&p, false), "next victim:");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_int),
		cmocka_unit_test(test_parse_int_length),
		cmocka_unit_test(test_read_missing),
		cmocka_unit_test(test_read_values),
		cmocka_unit_test(test_read_swap),
		cmocka_unit_test(test_unusual),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_words_small_buffer),
		cmocka_unit_test(test_victim_label),
		cmocka_unit_test(test_read_then_words),
	};

	return cmocka_run_group_tests_name("policy", tests, setup_dir, teardown_dir);
}
