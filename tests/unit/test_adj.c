/* test_adj.c - oom_score_adj steps, typed values, and the session's change log */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adj.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

static void expect_step(int old, int delta, int want)
{
	int got = adj_step(old, delta);

	if (got != want)
		FAIL("adj_step(%d, %d) = %d, expected %d", old, delta, got, want);
}

static void test_step(void **state)
{
	(void)state;
	expect_step(0, 100, 100);
	expect_step(0, -100, -100);
	expect_step(250, 100, 350);
	expect_step(-250, -100, -350);
	expect_step(0, 0, 0);
	/* exactly at the ends */
	expect_step(900, 100, 1000);
	expect_step(-900, -100, -1000);
	/* clamped */
	expect_step(950, 100, 1000);
	expect_step(-950, -100, -1000);
	expect_step(1000, 1, 1000);
	expect_step(-1000, -1, -1000);
	expect_step(0, 2000, 1000);
	expect_step(0, -2000, -1000);
	expect_step(-1000, 2000, 1000);
	expect_step(1000, -2000, -1000);
	/* away from the end, back inside */
	expect_step(1000, -1, 999);
	expect_step(-1000, 1, -999);
	/* values outside the range come back into it */
	expect_step(1500, 0, 1000);
	expect_step(-1500, 0, -1000);
	expect_step(1500, -100, 1000);
	/* no overflow at the int limits */
	expect_step(INT_MAX, INT_MAX, 1000);
	expect_step(INT_MIN, INT_MIN, -1000);
	expect_step(INT_MAX, 1, 1000);
	expect_step(INT_MIN, -1, -1000);
}

static void test_typing_ok(void **state)
{
	static const char *const ok[] = {
		"", "-", "0", "1", "9", "10", "99", "100", "999", "1000",
		"-1", "-9", "-10", "-100", "-999", "-1000", "500", "-500",
	};
	static const char *const bad[] = {
		"1001", "-1001", "01", "00", "-0", "-01", "1x", "x", "--1", "--", "10000",
		"-10000", "2000", "9999", "+1", "+", " 1", "1 ", "1-", "0-", "1.5", "1e3",
		"100000", "-100000", "1000000000000", "0x10", "\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!adj_typing_ok(ok[i]))
			FAIL("'%s' was refused, but can become a value", ok[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (adj_typing_ok(bad[i]))
			FAIL("'%s' was accepted, but can never become a value in -1000..1000", bad[i]);
}

/* Every value in range is accepted as typed, and every prefix of it too. */
static void test_typing_every_value(void **state)
{
	int v;

	(void)state;
	for (v = -1000; v <= 1000; v++) {
		char s[16];
		size_t n, len = (size_t)snprintf(s, sizeof(s), "%d", v);

		for (n = 0; n <= len; n++) {
			char prefix[16];

			memcpy(prefix, s, n);
			prefix[n] = '\0';
			if (!adj_typing_ok(prefix))
				FAIL("'%s' (a prefix of %d) was refused", prefix, v);
		}
	}
	/* and just outside, refused */
	for (v = 1001; v <= 1100; v++) {
		char s[16];

		snprintf(s, sizeof(s), "%d", v);
		if (adj_typing_ok(s))
			FAIL("'%s' was accepted", s);
		snprintf(s, sizeof(s), "%d", -v);
		if (adj_typing_ok(s))
			FAIL("'%s' was accepted", s);
	}
}

static void test_parse(void **state)
{
	static const struct { const char *s; int v; } good[] = {
		{ "0", 0 }, { "1", 1 }, { "-1", -1 }, { "100", 100 }, { "-100", -100 },
		{ "999", 999 }, { "1000", 1000 }, { "-1000", -1000 }, { "-999", -999 },
	};
	static const char *const bad[] = {
		"", "-", "1001", "-1001", "01", "-0", "1x", "--1", "10000", "+5", " 5", "5 ",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int v = 12345;

		if (!adj_parse(good[i].s, &v))
			FAIL("'%s' was not parsed", good[i].s);
		if (v != good[i].v)
			FAIL("'%s' parsed as %d, expected %d", good[i].s, v, good[i].v);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int v = 12345;

		if (adj_parse(bad[i], &v))
			FAIL("'%s' parsed as %d", bad[i], v);
		if (v != 12345)
			FAIL("'%s' was refused but changed the value to %d", bad[i], v);
	}
}

static struct adj_entry entry(enum adj_kind kind, int pid, int old_adj, int new_adj)
{
	struct adj_entry e;

	memset(&e, 0, sizeof(e));
	e.when = 1700000000 + pid;
	e.kind = kind;
	e.pid = pid;
	e.start_time = 1000ULL + (unsigned)pid;
	snprintf(e.comm, sizeof(e.comm), "proc%d", pid);
	e.old_adj = old_adj;
	e.new_adj = new_adj;
	e.sig = kind == ADJ_SIGNAL ? 15 : 0;
	return e;
}

static void test_log_empty(void **state)
{
	struct adj_log l;

	(void)state;
	memset(&l, 0x5a, sizeof(l));
	adj_log_init(&l);
	assert_int_equal(l.n, 0);
	assert_null(adj_log_last_change(&l));
	adj_log_fini(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
	/* fini twice is harmless */
	adj_log_fini(&l);
}

static void test_log_add_copies(void **state)
{
	struct adj_log l;
	struct adj_entry e = entry(ADJ_CHANGE, 10, 0, 200);

	(void)state;
	adj_log_init(&l);
	adj_log_add(&l, &e);
	/* a copy: changing e later changes nothing in the log */
	e.new_adj = 999;
	strcpy(e.comm, "changed");
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].pid, 10);
	assert_int_equal(l.v[0].old_adj, 0);
	assert_int_equal(l.v[0].new_adj, 200);
	assert_true(l.v[0].start_time == 1010);
	assert_true(l.v[0].when == 1700000010);
	assert_string_equal(l.v[0].comm, "proc10");
	assert_false(l.v[0].undone);
	adj_log_fini(&l);
}

/* Many entries (beyond any first capacity), kept in order. */
static void test_log_grows(void **state)
{
	struct adj_log l;
	int i;

	(void)state;
	adj_log_init(&l);
	for (i = 0; i < 1000; i++) {
		struct adj_entry e = entry(i % 3 == 2 ? ADJ_SIGNAL : ADJ_CHANGE, i, i % 1000, (i + 1) % 1000);

		adj_log_add(&l, &e);
	}
	assert_int_equal(l.n, 1000);
	assert_true(l.cap >= l.n);
	for (i = 0; i < 1000; i++) {
		assert_int_equal(l.v[i].pid, i);
		assert_int_equal(l.v[i].old_adj, i % 1000);
	}
	/* the newest change: 999 % 3 == 0 is a change */
	assert_non_null(adj_log_last_change(&l));
	assert_int_equal(adj_log_last_change(&l)->pid, 999);
	adj_log_fini(&l);
}

static void test_log_last_change(void **state)
{
	struct adj_log l;
	struct adj_entry e;
	struct adj_entry *last;

	(void)state;
	adj_log_init(&l);

	/* signals are no change to undo */
	e = entry(ADJ_SIGNAL, 1, 0, 0);
	adj_log_add(&l, &e);
	assert_null(adj_log_last_change(&l));

	e = entry(ADJ_CHANGE, 2, 0, 100);
	adj_log_add(&l, &e);
	e = entry(ADJ_CHANGE, 3, 100, 300);
	adj_log_add(&l, &e);
	e = entry(ADJ_SIGNAL, 4, 0, 0);
	adj_log_add(&l, &e);

	/* the newest change, past the newer signal; a pointer into the log */
	last = adj_log_last_change(&l);
	assert_non_null(last);
	assert_ptr_equal(last, &l.v[2]);
	assert_int_equal(last->pid, 3);

	/* undo it: marked undone, and the undo itself is logged as ADJ_UNDO */
	last->undone = true;
	e = entry(ADJ_UNDO, 3, 300, 100);
	adj_log_add(&l, &e);
	last = adj_log_last_change(&l);
	assert_non_null(last);
	/* the undo entry is no change to undo; the one before is next */
	assert_int_equal(last->kind, ADJ_CHANGE);
	assert_int_equal(last->pid, 2);
	assert_ptr_equal(last, &l.v[1]);
	assert_true(l.v[2].undone);
	assert_false(l.v[1].undone);

	/* undo that one too: nothing left */
	last->undone = true;
	e = entry(ADJ_UNDO, 2, 100, 0);
	adj_log_add(&l, &e);
	assert_null(adj_log_last_change(&l));

	/* a new change after undos is the one to undo */
	e = entry(ADJ_CHANGE, 5, 0, 1000);
	adj_log_add(&l, &e);
	last = adj_log_last_change(&l);
	assert_non_null(last);
	assert_int_equal(last->pid, 5);
	assert_ptr_equal(last, &l.v[l.n - 1]);
	assert_int_equal(l.n, 7);
	adj_log_fini(&l);
}

/* An undone change in the middle is skipped, an older one not undone is found. */
static void test_log_undone_in_middle(void **state)
{
	struct adj_log l;
	struct adj_entry e;

	(void)state;
	adj_log_init(&l);
	e = entry(ADJ_CHANGE, 1, 0, 100);
	adj_log_add(&l, &e);
	e = entry(ADJ_CHANGE, 2, 0, 200);
	e.undone = true;
	adj_log_add(&l, &e);
	e = entry(ADJ_UNDO, 2, 200, 0);
	adj_log_add(&l, &e);
	assert_non_null(adj_log_last_change(&l));
	assert_int_equal(adj_log_last_change(&l)->pid, 1);
	adj_log_fini(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step),
		cmocka_unit_test(test_typing_ok),
		cmocka_unit_test(test_typing_every_value),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_log_empty),
		cmocka_unit_test(test_log_add_copies),
		cmocka_unit_test(test_log_grows),
		cmocka_unit_test(test_log_last_change),
		cmocka_unit_test(test_log_undone_in_middle),
	};

	return cmocka_run_group_tests_name("adj", tests, NULL, NULL);
}
