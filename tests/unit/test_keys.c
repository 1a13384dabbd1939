/* test_keys.c - the one key table: every action bound, documented, unambiguous */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

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

/* The keys of issue 6: sorting, filters, columns, saving, help. */
static void test_issue6_keys(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup('<'), ACT_SORT_LEFT);
	assert_int_equal(keys_lookup('>'), ACT_SORT_RIGHT);
	assert_int_equal(keys_lookup('s'), ACT_SORT_PICK);
	assert_int_equal(keys_lookup(KEY_F(6)), ACT_SORT_PICK);
	assert_int_equal(keys_lookup('R'), ACT_REVERSE);
	assert_int_equal(keys_lookup('/'), ACT_FILTER);
	assert_int_equal(keys_lookup('u'), ACT_USER);
	assert_int_equal(keys_lookup('c'), ACT_CMDLINE);
	assert_int_equal(keys_lookup('t'), ACT_CGROUP);
	assert_int_equal(keys_lookup('W'), ACT_SAVE);
	assert_int_equal(keys_lookup('h'), ACT_HELP);
	assert_int_equal(keys_lookup('?'), ACT_HELP);
	assert_int_equal(keys_lookup(KEY_F(1)), ACT_HELP);
	assert_int_equal(keys_lookup('K'), ACT_KTHREADS);
	/* the keys that stay what they were */
	assert_int_equal(keys_lookup('k'), ACT_SIGNAL);
	assert_int_equal(keys_lookup('U'), ACT_UNDO);
	assert_int_equal(keys_lookup('q'), ACT_QUIT);
	assert_int_equal(keys_lookup('E'), ACT_UNITS);
}

/* The help lines, with a canary entry after the ACT_COUNT the header allows. */
static size_t help_lines(struct keys_help *out)
{
	size_t n, i;

	memset(out, 0x5a, (ACT_COUNT + 1) * sizeof(*out));
	n = keys_help(out);
	assert_true(n <= ACT_COUNT);
	/* nothing written past the ACT_COUNT entries */
	for (i = 0; i < sizeof(*out); i++)
		if (((unsigned char *)&out[ACT_COUNT])[i] != 0x5a)
			FAIL("keys_help wrote past %d entries", ACT_COUNT);
	return n;
}

static const struct keys_help *help_of(const struct keys_help *h, size_t n, enum action a)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (h[i].action == a)
			return &h[i];
	return NULL;
}

/* One line per action: every action ACT_UP..ACT_QUIT once, no other. */
static void test_help_one_line_per_action(void **state)
{
	struct keys_help h[ACT_COUNT + 1];
	size_t n = help_lines(h), i;
	int a;

	(void)state;
	assert_int_equal(n, ACT_QUIT - ACT_UP + 1);
	for (a = ACT_UP; a <= ACT_QUIT; a++) {
		int seen = 0;

		for (i = 0; i < n; i++)
			seen += (int)h[i].action == a;
		if (seen != 1)
			FAIL("action %d has %d help lines", a, seen);
	}
	for (i = 0; i < n; i++) {
		if (h[i].action <= ACT_NONE || h[i].action >= ACT_COUNT)
			FAIL("help line %zu is for action %d", i, h[i].action);
		if (!memchr(h[i].keys, '\0', sizeof(h[i].keys)))
			FAIL("help line %zu: keys not terminated", i);
		if (h[i].keys[0] == '\0')
			FAIL("help line %zu (action %d) names no key", i, h[i].action);
		if (!h[i].help || h[i].help[0] == '\0')
			FAIL("help line %zu (action %d, '%s') has no text", i, h[i].action, h[i].keys);
	}
}

/* The lines come in the order of the table: by each action's first binding. */
static void test_help_table_order(void **state)
{
	struct keys_help h[ACT_COUNT + 1];
	size_t n = help_lines(h), nt, i, line = 0;
	const struct key_binding *kb = keys_table(&nt);
	bool done[ACT_COUNT] = { false };

	(void)state;
	for (i = 0; i < nt; i++) {
		if (done[kb[i].action])
			continue;
		done[kb[i].action] = true;
		assert_true(line < n);
		if (h[line].action != kb[i].action)
			FAIL("help line %zu is action %d, the table says %d ('%s')", line,
			     h[line].action, kb[i].action, kb[i].label);
		/* the help text is the first binding's */
		assert_string_equal(h[line].help, kb[i].help);
		line++;
	}
	assert_int_equal(line, n);
}

/* The labels of one action, joined with ", " in table order, each once. */
static void test_help_labels_joined(void **state)
{
	struct keys_help h[ACT_COUNT + 1];
	size_t n = help_lines(h), nt, i;
	const struct key_binding *kb = keys_table(&nt);
	int a;

	(void)state;
	assert_string_equal(help_of(h, n, ACT_SORT_PICK)->keys, "s, F6");
	assert_string_equal(help_of(h, n, ACT_HELP)->keys, "h, ?, F1");
	assert_string_equal(help_of(h, n, ACT_UP)->keys, "Up");
	assert_string_equal(help_of(h, n, ACT_QUIT)->keys, "q");
	assert_string_equal(help_of(h, n, ACT_SAVE)->keys, "W");
	assert_string_equal(help_of(h, n, ACT_REVERSE)->keys, "R");
	assert_string_equal(help_of(h, n, ACT_SORT_LEFT)->keys, "<");
	assert_string_equal(help_of(h, n, ACT_SORT_RIGHT)->keys, ">");
	assert_string_equal(help_of(h, n, ACT_FILTER)->keys, "/");
	/* Enter and KEY_ENTER share a label: it is written once */
	assert_string_equal(help_of(h, n, ACT_DETAIL)->keys, "Enter");

	/* in general: the distinct labels of each action, in table order */
	for (a = ACT_UP; a <= ACT_QUIT; a++) {
		char want[256] = "";
		const struct keys_help *line = help_of(h, n, (enum action)a);

		for (i = 0; i < nt; i++) {
			char item[64];
			bool dup = false;
			size_t j;

			if ((int)kb[i].action != a)
				continue;
			for (j = 0; j < i; j++)
				dup |= (int)kb[j].action == a && strcmp(kb[j].label, kb[i].label) == 0;
			if (dup)
				continue;
			snprintf(item, sizeof(item), "%s%s", want[0] ? ", " : "", kb[i].label);
			strncat(want, item, sizeof(want) - strlen(want) - 1);
		}
		assert_non_null(line);
		if (strcmp(line->keys, want) != 0)
			FAIL("action %d: keys '%s', expected '%s'", a, line->keys, want);
	}
}

/* Calling it twice gives the same lines. */
static void test_help_repeatable(void **state)
{
	struct keys_help a[ACT_COUNT + 1], b[ACT_COUNT + 1];
	size_t na = help_lines(a), nb = help_lines(b), i;

	(void)state;
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_int_equal(a[i].action, b[i].action);
		assert_string_equal(a[i].keys, b[i].keys);
		assert_ptr_equal(a[i].help, b[i].help);
	}
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
		cmocka_unit_test(test_issue6_keys),
		cmocka_unit_test(test_help_one_line_per_action),
		cmocka_unit_test(test_help_table_order),
		cmocka_unit_test(test_help_labels_joined),
		cmocka_unit_test(test_help_repeatable),
	};

	return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
