/* test_keys.c - the one key table: every action bound, documented, unambiguous */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "keys.h"
#include "tui.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

static void test_every_action_bound_and_documented(void **state)
{
	size_t n, i;
	const struct key_binding *kb = keys_table(&n);
	int a;

	(void)state;
	assert_non_null(kb);
	assert_true(n > 0);
	for (a = ACT_UP; a <= ACT_QUIT; a++) {
		int bound = 0;

		for (i = 0; i < n; i++) {
			if ((int)kb[i].action != a)
				continue;
			bound++;
			assert_non_null(kb[i].label);
			assert_true(kb[i].label[0] != '\0');
			assert_non_null(kb[i].help);
			assert_true(kb[i].help[0] != '\0');
		}
		if (bound == 0)
			FAIL("action %d has no key", a);
	}
	/* ACT_QUIT is the last real action */
	assert_int_equal(ACT_QUIT + 1, ACT_COUNT);
}

static void test_table_entries_valid(void **state)
{
	size_t n, i;
	const struct key_binding *kb = keys_table(&n);

	(void)state;
	for (i = 0; i < n; i++) {
		assert_true(kb[i].action > ACT_NONE);
		assert_true(kb[i].action < ACT_COUNT);
		assert_non_null(kb[i].label);
		assert_true(kb[i].label[0] != '\0');
		assert_non_null(kb[i].help);
		assert_true(kb[i].help[0] != '\0');
		/* curses returns ERR (-1) on timeouts: it must never be a key */
		assert_true(kb[i].key != ERR);
	}
}

static void test_lookup_each_binding(void **state)
{
	size_t n, i;
	const struct key_binding *kb = keys_table(&n);

	(void)state;
	for (i = 0; i < n; i++)
		assert_int_equal(keys_lookup(kb[i].key), kb[i].action);
}

static void test_no_key_bound_twice(void **state)
{
	size_t n, i, j;
	const struct key_binding *kb = keys_table(&n);

	(void)state;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (kb[i].key == kb[j].key)
				FAIL("key %d ('%s') is bound twice", kb[i].key, kb[i].label);
}

static void test_unbound_keys(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup(ERR), ACT_NONE);
	assert_int_equal(keys_lookup(0), ACT_NONE);
	assert_int_equal(keys_lookup(0x10ffff), ACT_NONE);
	assert_int_equal(keys_lookup(-12345), ACT_NONE);
}

/* Every key the table does not list is unbound. */
static void test_unlisted_keys(void **state)
{
	size_t n, i;
	const struct key_binding *kb = keys_table(&n);
	int key, unbound = 0;

	(void)state;
	for (key = 0; key <= KEY_MAX; key++) {
		bool listed = false;

		for (i = 0; i < n; i++)
			listed |= kb[i].key == key;
		if (!listed) {
			assert_int_equal(keys_lookup(key), ACT_NONE);
			unbound++;
		}
	}
	assert_true(unbound > 0);
}

/* The keys the issue promises. */
static void test_promised_keys(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup(KEY_UP), ACT_UP);
	assert_int_equal(keys_lookup(KEY_DOWN), ACT_DOWN);
	assert_int_equal(keys_lookup(KEY_PPAGE), ACT_PGUP);
	assert_int_equal(keys_lookup(KEY_NPAGE), ACT_PGDN);
	assert_int_equal(keys_lookup(KEY_HOME), ACT_HOME);
	assert_int_equal(keys_lookup(KEY_END), ACT_END);
	assert_int_equal(keys_lookup(' '), ACT_REFRESH);
	assert_int_equal(keys_lookup('E'), ACT_UNITS);
	assert_int_equal(keys_lookup('K'), ACT_KTHREADS);
	assert_int_equal(keys_lookup('q'), ACT_QUIT);
	/* issue 5: changing processes; k is the signal key (as in top and htop) */
	assert_int_equal(keys_lookup('+'), ACT_ADJ_UP);
	assert_int_equal(keys_lookup('-'), ACT_ADJ_DOWN);
	assert_int_equal(keys_lookup('='), ACT_ADJ_SET);
	assert_int_equal(keys_lookup('P'), ACT_PROTECT);
	assert_int_equal(keys_lookup('U'), ACT_UNDO);
	assert_int_equal(keys_lookup('k'), ACT_SIGNAL);
	assert_int_equal(keys_lookup('a'), ACT_CHANGES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_bound_and_documented),
		cmocka_unit_test(test_table_entries_valid),
		cmocka_unit_test(test_lookup_each_binding),
		cmocka_unit_test(test_no_key_bound_twice),
		cmocka_unit_test(test_unbound_keys),
		cmocka_unit_test(test_unlisted_keys),
		cmocka_unit_test(test_promised_keys),
	};

	return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
