/* test_users.c - user names and uids for -u and the u prompt */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "users.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

#define UNTOUCHED ((uid_t)4242)

static void expect_uid(const char *user, uid_t want)
{
	uid_t uid = UNTOUCHED;

	if (!users_lookup(user, &uid))
		FAIL("'%s' is unknown, expected uid %u", user, (unsigned)want);
	if (uid != want)
		FAIL("'%s' gave uid %u, expected %u", user, (unsigned)uid, (unsigned)want);
}

static void expect_unknown(const char *user)
{
	uid_t uid = UNTOUCHED;

	if (users_lookup(user, &uid))
		FAIL("'%s' gave uid %u, expected none", user, (unsigned)uid);
	/* a failed lookup leaves uid alone */
	if (uid != UNTOUCHED)
		FAIL("'%s' was refused but uid became %u", user, (unsigned)uid);
}

static void test_names(void **state)
{
	(void)state;
	expect_uid("root", 0);
	/* whoever else the system knows, as the passwd database says */
	{
		struct passwd *pw = getpwuid(65534);

		if (pw && pw->pw_name[0])
			expect_uid(pw->pw_name, 65534);
	}
	/* names are case-sensitive: ROOT is someone else (nobody, here) */
	if (!getpwnam("ROOT"))
		expect_unknown("ROOT");
	expect_unknown("no-such-user-oomtop");
	expect_unknown("root ");
}

static void test_numbers(void **state)
{
	(void)state;
	expect_uid("0", 0);
	expect_uid("65534", 65534);
	expect_uid("1000", 1000);
	/* a uid nobody has is still a uid */
	expect_uid("123456", 123456);
	expect_uid("4294967294", 4294967294u);
	/* leading zeros are still the number */
	expect_uid("007", 7);
}

static void test_bad_numbers(void **state)
{
	(void)state;
	expect_unknown("");
	expect_unknown("-1");
	expect_unknown("-0");
	/* (uid_t)-1 means "no uid" to the kernel */
	expect_unknown("4294967295");
	expect_unknown("4294967296");
	expect_unknown("99999999999999999999");
	expect_unknown("18446744073709551615");
	expect_unknown("12x");
	expect_unknown("x12");
	expect_unknown("1.5");
	expect_unknown("1e3");
	expect_unknown("0x10");
	expect_unknown("1 2");
	expect_unknown("12 ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_bad_numbers),
	};

	return cmocka_run_group_tests_name("users", tests, NULL, NULL);
}
