/* test_settings_edges.c - edge cases of user lookups and the settings file:
 * a uid never wraps around, a saved delay reads back exactly, spaces in a
 * columns list are allowed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "column.h"
#include "config.h"
#include "users.h"

#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

/*
 * Bug 1 (low): users_lookup() checks for a '-' only in the first byte, but
 * strtoul() skips leading blanks and takes a sign. So " 5", "\t7" and "+5"
 * are accepted, and " -18446744073709551615" (strtoul negates it modulo
 * 2^64) is uid 1 (daemon): `oomtop -u ' -18446744073709551615'` shows
 * daemon's processes. The digits-only check should look at the whole string
 * (e.g. refuse anything whose first byte is not a digit).
 */
static void test_users_lookup_sign_and_blanks(void **state)
{
	static const char *const bad[] = {
		" -18446744073709551615", " 5", "\t7", "+5", " 0",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uid_t uid = 4242;

		if (users_lookup(bad[i], &uid))
			FAIL("users_lookup('%s') accepted it as uid %u", bad[i], (unsigned)uid);
	}
}

/*
 * Bug 2 (low): config_format() writes delay with "%g" (6 significant
 * digits), so a delay given with -d (which accepts any value in 0.1..86400)
 * is not saved as it was: -d 0.1234567 then W saves delay=0.123457, and
 * -d 12345.67 saves 12345.7. config_format then config_parse is not the
 * identity. "%.17g" (or the shortest text that reads back equal) fixes it.
 */
static void test_delay_round_trip(void **state)
{
	static const double delays[] = { 0.1234567, 12345.67, 1.0000001, 86399.99 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
		struct settings s, back;
		char buf[2048], err[256];

		config_defaults(&s);
		s.delay = delays[i];
		config_format(&s, buf, sizeof(buf));
		config_defaults(&back);
		assert_int_equal(config_parse(buf, strlen(buf), &back, err, sizeof(err)), 0);
		if (back.delay != s.delay)
			FAIL("delay %.17g was saved as %.17g", s.delay, back.delay);
	}
}

/*
 * Debatable (low): spaces are allowed around '=' and around values, but not
 * after the commas of a columns list: "columns=RANK, PID, USER" makes the
 * whole file "not used" (line 1: a bad value for 'columns'). A hand-edited
 * file is likely to have them; trimming each item would accept it.
 */
static void test_columns_spaces_after_commas(void **state)
{
	struct settings s;
	char err[256];

	(void)state;
	config_defaults(&s);
	if (config_parse("columns=RANK, PID, USER, COMMAND\n", 33, &s, err, sizeof(err)) != 0)
		FAIL("'columns=RANK, PID, USER, COMMAND' refused: %s", err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_users_lookup_sign_and_blanks),
		cmocka_unit_test(test_delay_round_trip),
		cmocka_unit_test(test_columns_spaces_after_commas),
	};

	return cmocka_run_group_tests_name("bugs6", tests, NULL, NULL);
}
