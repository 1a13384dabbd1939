/* test_audit.c - the audit messages of changes and signals, and who made them */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

static void expect_who(unsigned uid, const char *user, const char *sudo_user, const char *want)
{
	char buf[512];

	memset(buf, 'X', sizeof(buf));
	audit_who(buf, sizeof(buf), uid, user, sudo_user);
	if (!memchr(buf, '\0', sizeof(buf)))
		FAIL("audit_who(%u, ...) left the buffer unterminated", uid);
	if (strcmp(buf, want) != 0)
		FAIL("audit_who(%u, ...) = '%s', expected '%s'", uid, buf, want);
}

static void test_who(void **state)
{
	(void)state;
	expect_who(0, "root", NULL, "user=root uid=0");
	expect_who(0, "root", "", "user=root uid=0");
	expect_who(0, "root", "alice", "user=root uid=0 sudo_user=alice");
	expect_who(1000, "alice", NULL, "user=alice uid=1000");
	expect_who(4294967294u, "nobody", NULL, "user=nobody uid=4294967294");
	/* no name for the uid */
	expect_who(1234, NULL, NULL, "user=? uid=1234");
	expect_who(1234, "", "bob", "user=? uid=1234 sudo_user=bob");
}

static void test_who_hostile(void **state)
{
	(void)state;
	/* a newline would start a forged log line */
	expect_who(0, "root", "alice\nuser=root uid=0 pid=1 oom_score_adj=0->-1000",
		   "user=root uid=0 sudo_user=alice\\x0auser=root uid=0 pid=1 oom_score_adj=0->-1000");
	expect_who(0, "root", "a\rb", "user=root uid=0 sudo_user=a\\x0db");
	/* terminal escapes, DEL, tab */
	expect_who(0, "root", "\x1b[2Jx", "user=root uid=0 sudo_user=\\x1b[2Jx");
	expect_who(0, "root", "a\x7f" "b\tc", "user=root uid=0 sudo_user=a\\x7fb\\x09c");
	expect_who(1001, "ev\x01il", NULL, "user=ev\\x01il uid=1001");
	/* a backslash is doubled, so that \x0a in the log is never ambiguous */
	expect_who(0, "root", "a\\x0ab", "user=root uid=0 sudo_user=a\\\\x0ab");
	/* bytes above 0x7f escaped too (the log is not assumed UTF-8) */
	expect_who(0, "root", "jos\xc3\xa9", "user=root uid=0 sudo_user=jos\\xc3\\xa9");
	expect_who(0, "root", "\xff", "user=root uid=0 sudo_user=\\xff");
}

/* Long names are cut, never overflow, and the buffer is always terminated. */
static void test_who_long(void **state)
{
	char name[300], buf[512], small[20];
	size_t i;

	(void)state;
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	audit_who(buf, sizeof(buf), 0, name, name);
	assert_true(strncmp(buf, "user=aaaa", 9) == 0);
	assert_non_null(strstr(buf, " uid=0 sudo_user=aaaa"));
	assert_true(strlen(buf) < sizeof(buf));

	/* control bytes take 4 each: cut whole, never half an escape */
	memset(name, '\n', 200);
	name[200] = '\0';
	audit_who(buf, sizeof(buf), 0, "root", name);
	assert_true(strncmp(buf, "user=root uid=0 sudo_user=\\x0a", 30) == 0);
	for (i = strlen("user=root uid=0 sudo_user="); buf[i]; i += 4)
		if (strncmp(buf + i, "\\x0a", 4) != 0)
			FAIL("a cut escape at %zu in '%s'", i, buf);

	memset(small, 'X', sizeof(small));
	audit_who(small, sizeof(small), 0, "root", "alice");
	assert_string_equal(small, "user=root uid=0 sud");
}

static struct adj_entry entry(enum adj_kind kind, int pid, const char *comm)
{
	struct adj_entry e;

	memset(&e, 0, sizeof(e));
	e.when = 1700000000;
	e.kind = kind;
	e.pid = pid;
	e.start_time = 4242;
	snprintf(e.comm, sizeof(e.comm), "%s", comm);
	return e;
}

static void expect_format(const char *who, const struct adj_entry *e, const char *want)
{
	char buf[512];

	memset(buf, 'X', sizeof(buf));
	audit_format(buf, sizeof(buf), who, e);
	if (strcmp(buf, want) != 0)
		FAIL("audit message '%s', expected '%s'", buf, want);
}

static void test_format_change(void **state)
{
	struct adj_entry e = entry(ADJ_CHANGE, 1234, "sleep");

	(void)state;
	e.old_adj = 0;
	e.new_adj = 200;
	expect_format("user=root uid=0", &e, "user=root uid=0 pid=1234 oom_score_adj=0->200 comm=sleep");
	e.old_adj = 300;
	e.new_adj = -1000;
	expect_format("user=alice uid=1000", &e,
		      "user=alice uid=1000 pid=1234 oom_score_adj=300->-1000 comm=sleep");
	/* undone marks on the entry do not change the message of the change */
	e.undone = true;
	e.old_adj = -5;
	e.new_adj = -1;
	expect_format("user=root uid=0", &e, "user=root uid=0 pid=1234 oom_score_adj=-5->-1 comm=sleep");
}

static void test_format_undo(void **state)
{
	struct adj_entry e = entry(ADJ_UNDO, 1234, "sleep");
	char who[128];

	(void)state;
	e.old_adj = 900;
	e.new_adj = 1000;
	audit_who(who, sizeof(who), 0, "root", "alice");
	expect_format(who, &e,
		      "user=root uid=0 sudo_user=alice pid=1234 oom_score_adj=900->1000 undo=yes comm=sleep");
	expect_format("user=root uid=0", &e,
		      "user=root uid=0 pid=1234 oom_score_adj=900->1000 undo=yes comm=sleep");
}

static void test_format_signal(void **state)
{
	struct adj_entry e = entry(ADJ_SIGNAL, 1234, "sleep");

	(void)state;
	e.sig = SIGTERM;
	/* old and new adj are no part of a signal message */
	e.old_adj = 7;
	e.new_adj = 8;
	expect_format("user=root uid=0", &e, "user=root uid=0 pid=1234 signal=SIGTERM(15) comm=sleep");
	e.sig = SIGKILL;
	expect_format("user=root uid=0", &e, "user=root uid=0 pid=1234 signal=SIGKILL(9) comm=sleep");
	e.sig = SIGHUP;
	e.pid = 1;
	expect_format("user=root uid=0 sudo_user=bob", &e,
		      "user=root uid=0 sudo_user=bob pid=1 signal=SIGHUP(1) comm=sleep");
	e.sig = SIGUSR1;
	expect_format("user=root uid=0", &e, "user=root uid=0 pid=1 signal=SIGUSR1(10) comm=sleep");
}

static void test_format_hostile_comm(void **state)
{
	struct adj_entry e = entry(ADJ_CHANGE, 77, "Web Content");
	char buf[512];

	(void)state;
	e.old_adj = 0;
	e.new_adj = 100;
	/* spaces stay: the name is last */
	expect_format("user=root uid=0", &e, "user=root uid=0 pid=77 oom_score_adj=0->100 comm=Web Content");
	/* a newline in the name cannot start a forged line */
	snprintf(e.comm, sizeof(e.comm), "x\nuser=root pid=1");
	expect_format("user=root uid=0", &e,
		      "user=root uid=0 pid=77 oom_score_adj=0->100 comm=x\\x0auser=root pid=1");
	snprintf(e.comm, sizeof(e.comm), "\x1b]0;pwn\x07");
	expect_format("user=root uid=0", &e,
		      "user=root uid=0 pid=77 oom_score_adj=0->100 comm=\\x1b]0;pwn\\x07");
	snprintf(e.comm, sizeof(e.comm), "back\\slash");
	expect_format("user=root uid=0", &e, "user=root uid=0 pid=77 oom_score_adj=0->100 comm=back\\\\slash");
	e.kind = ADJ_SIGNAL;
	e.sig = SIGTERM;
	snprintf(e.comm, sizeof(e.comm), "a\tb");
	expect_format("user=root uid=0", &e, "user=root uid=0 pid=77 signal=SIGTERM(15) comm=a\\x09b");

	/* a name of only control bytes, as long as comm holds: escaped whole */
	e.kind = ADJ_CHANGE;
	memset(e.comm, 0x01, sizeof(e.comm) - 1);
	e.comm[sizeof(e.comm) - 1] = '\0';
	audit_format(buf, sizeof(buf), "user=root uid=0", &e);
	assert_true(strncmp(buf, "user=root uid=0 pid=77 oom_score_adj=0->100 comm=", 49) == 0);
	assert_int_equal(strlen(buf + 49), 4 * (sizeof(e.comm) - 1));
	assert_non_null(strstr(buf, "comm=\\x01\\x01"));

	/* a comm that fills every byte (no NUL) is read no further than comm */
	memset(e.comm, 'z', sizeof(e.comm));
	audit_format(buf, sizeof(buf), "user=root uid=0", &e);
	assert_true(strncmp(buf, "user=root uid=0 pid=77 oom_score_adj=0->100 comm=", 49) == 0);
	assert_int_equal(strlen(buf + 49), sizeof(e.comm));
}

/* A small buffer cuts the message and keeps it terminated. */
static void test_format_small(void **state)
{
	struct adj_entry e = entry(ADJ_CHANGE, 1234, "sleep");
	char buf[24];

	(void)state;
	e.new_adj = 200;
	memset(buf, 'X', sizeof(buf));
	audit_format(buf, sizeof(buf), "user=root uid=0", &e);
	assert_string_equal(buf, "user=root uid=0 pid=123");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who),
		cmocka_unit_test(test_who_hostile),
		cmocka_unit_test(test_who_long),
		cmocka_unit_test(test_format_change),
		cmocka_unit_test(test_format_undo),
		cmocka_unit_test(test_format_signal),
		cmocka_unit_test(test_format_hostile_comm),
		cmocka_unit_test(test_format_small),
	};

	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
