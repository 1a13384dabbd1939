/* test_unit.c - the systemd service of a process, from /proc/PID/cgroup texts */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

/* Expect text (len bytes) to name want, a user unit or not; cap bytes of room. */
static void expect_unit_len(const char *what, const char *text, size_t len, size_t cap,
			    const char *want, bool want_user)
{
	char unit[256];
	bool user = !want_user;

	assert_true(cap <= sizeof(unit));
	memset(unit, 'X', sizeof(unit));
	if (!unit_parse(text, len, unit, cap, &user))
		FAIL("%s: no unit found, expected %s", what, want);
	if (!memchr(unit, '\0', cap))
		FAIL("%s: the unit is not terminated within %zu bytes", what, cap);
	if (strcmp(unit, want) != 0)
		FAIL("%s: unit '%s', expected '%s'", what, unit, want);
	if (user != want_user)
		FAIL("%s: user %d, expected %d", what, user, want_user);
	/* nothing written past cap */
	if (cap < sizeof(unit) && unit[cap] != 'X')
		FAIL("%s: written past %zu bytes", what, cap);
}

static void expect_unit(const char *what, const char *text, const char *want, bool want_user)
{
	expect_unit_len(what, text, strlen(text), 256, want, want_user);
}

static void expect_none_len(const char *what, const char *text, size_t len, size_t cap)
{
	char unit[256];
	bool user = true;

	assert_true(cap <= sizeof(unit));
	memset(unit, 'X', sizeof(unit));
	unit[sizeof(unit) - 1] = '\0';
	if (unit_parse(text, len, unit, cap, &user))
		FAIL("%s: unit '%.*s' found, expected none", what, (int)cap, unit);
	if (user)
		FAIL("%s: no unit, yet user is true", what);
	if (cap < sizeof(unit) && unit[cap] != 'X')
		FAIL("%s: written past %zu bytes", what, cap);
}

static void expect_none(const char *what, const char *text)
{
	expect_none_len(what, text, strlen(text), 256);
}

static void test_v2_system_service(void **state)
{
	(void)state;
	expect_unit("nginx", "0::/system.slice/nginx.service\n", "nginx.service", false);
	/* without the newline */
	expect_unit("no newline", "0::/system.slice/nginx.service", "nginx.service", false);
	/* an instance, and a nested cgroup below the service */
	expect_unit("instance", "0::/system.slice/system-getty.slice/getty@tty1.service\n",
		    "getty@tty1.service", false);
	expect_unit("below service", "0::/system.slice/docker.service/payload\n",
		    "docker.service", false);
	/* the last .service component wins */
	expect_unit("nested", "0::/system.slice/outer.service/inner.service\n", "inner.service", false);
	/* a name that only contains .service is no service */
	expect_none("contains", "0::/system.slice/x.service.d\n");
	expect_none("bare suffix", "0::/system.slice/.service\n");
	/* only len bytes count */
	expect_unit_len("len", "0::/system.slice/a.service/b.service\n",
			strlen("0::/system.slice/a.service"), 256, "a.service", false);
}

static void test_user_service(void **state)
{
	(void)state;
	expect_unit("user app",
		    "0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
		    "app-gnome-firefox-1234.service\n",
		    "app-gnome-firefox-1234.service", true);
	expect_unit("user service",
		    "0::/user.slice/user-1000.slice/user@1000.service/app.slice/pipewire.service\n",
		    "pipewire.service", true);
	expect_unit("user session.slice",
		    "0::/user.slice/user-1000.slice/user@1000.service/session.slice/dbus.service\n",
		    "dbus.service", true);
	/* the user manager itself: a system unit */
	expect_unit("user@ itself",
		    "0::/user.slice/user-1000.slice/user@1000.service/init.scope\n",
		    "user@1000.service", false);
	expect_unit("user@ leaf", "0::/user.slice/user-1000.slice/user@1000.service\n",
		    "user@1000.service", false);
	/* a user scope below the manager: no service of its own, so the manager */
	expect_unit("user scope",
		    "0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
		    "app-org.gnome.Terminal.slice/vte-spawn-1.scope\n",
		    "user@1000.service", false);
	/* a name that merely starts with "user" is no user manager */
	expect_unit("userdb", "0::/system.slice/userdbd.service/x.service\n", "x.service", false);
	/* user@0 too */
	expect_unit("root user",
		    "0::/user.slice/user-0.slice/user@0.service/app.slice/foo.service\n",
		    "foo.service", true);
}

static void test_not_a_service(void **state)
{
	(void)state;
	expect_none("docker scope", "0::/system.slice/docker-0123456789abcdef.scope\n");
	expect_none("session scope", "0::/user.slice/user-1000.slice/session-2.scope\n");
	expect_none("root", "0::/\n");
	expect_none("init.scope", "0::/init.scope\n");
	expect_none("slice", "0::/system.slice\n");
	expect_none("empty path", "0::\n");
	expect_none("container", "0::/../../kubepods/besteffort/pod1/abc\n");
	/* a v1 controller line naming a service is not where systemd tracks it */
	expect_none("v1 controller only", "4:memory:/system.slice/nginx.service\n");
	/* hierarchy 10 is not the unified one */
	expect_none("hierarchy 10", "10::/system.slice/nginx.service\n");
	/* a controller on hierarchy 0 is not the unified line either */
	expect_none("0 with controller", "0:cpu:/system.slice/nginx.service\n");
	expect_none("named other", "1:name=elogind:/system.slice/x.service\n");
}

static void test_v1_hybrid(void **state)
{
	/* a cgroup v1 system (systemd on name=systemd, no unified line) */
	static const char v1[] =
		"12:pids:/system.slice/sshd.service\n"
		"11:memory:/system.slice/sshd.service\n"
		"10:cpu,cpuacct:/system.slice/sshd.service\n"
		"2:devices:/system.slice/sshd.service\n"
		"1:name=systemd:/system.slice/sshd.service\n";
	/* hybrid: both, and the unified line wins */
	static const char hybrid[] =
		"12:pids:/system.slice/other.service\n"
		"1:name=systemd:/system.slice/old.service\n"
		"0::/system.slice/new.service\n";
	static const char hybrid_first[] =
		"0::/system.slice/new.service\n"
		"1:name=systemd:/system.slice/old.service\n";
	static const char hybrid_user[] =
		"1:name=systemd:/user.slice/user-1000.slice/user@1000.service/app.slice/a.service\n"
		"0::/system.slice/sys.service\n";
	static const char hybrid_user2[] =
		"1:name=systemd:/system.slice/sys.service\n"
		"0::/user.slice/user-1000.slice/user@1000.service/app.slice/a.service\n";
	/* hybrid with nothing on the unified line: name=systemd tells */
	static const char hybrid_root[] =
		"1:name=systemd:/system.slice/cron.service\n"
		"0::/\n";
	static const char v1_user[] =
		"3:memory:/user.slice\n"
		"1:name=systemd:/user.slice/user-1000.slice/user@1000.service/app.slice/b.service\n";

	(void)state;
	expect_unit("v1", v1, "sshd.service", false);
	expect_unit("hybrid", hybrid, "new.service", false);
	expect_unit("hybrid, unified first", hybrid_first, "new.service", false);
	expect_unit("hybrid, user on v1", hybrid_user, "sys.service", false);
	expect_unit("hybrid, user on unified", hybrid_user2, "a.service", true);
	expect_unit("hybrid, unified root", hybrid_root, "cron.service", false);
	expect_unit("v1 user", v1_user, "b.service", true);
	expect_none("v1 scope", "1:name=systemd:/user.slice/user-1000.slice/session-3.scope\n"
		    "0::/user.slice/user-1000.slice/session-3.scope\n");
}

static void test_small_buffer(void **state)
{
	static const char text[] = "0::/system.slice/nginx.service\n"; /* 13 bytes + NUL */

	(void)state;
	expect_unit_len("exact fit", text, strlen(text), 14, "nginx.service", false);
	expect_none_len("one short", text, strlen(text), 13);
	expect_none_len("tiny", text, strlen(text), 1);
	expect_none_len("zero", text, strlen(text), 0);
}

static void test_empty_and_garbage(void **state)
{
	(void)state;
	expect_none("empty", "");
	expect_none_len("len 0", "0::/system.slice/nginx.service\n", 0, 256);
	expect_none("newlines", "\n\n\n");
	expect_none("no colons", "/system.slice/nginx.service\n");
	expect_none("one colon", "0:/system.slice/nginx.service\n");
	expect_none("garbage", "hello world\nno colons here\n");
	/* lines without colons around a good one do not hide it */
	expect_unit("around", "junk\n/system.slice/bad.service\n0::/system.slice/good.service\njunk\n",
		    "good.service", false);
	expect_unit("blank lines", "\n\n0::/system.slice/good.service\n\n", "good.service", false);
	/* a colon inside the path is part of the path */
	expect_unit("colon in path", "0::/system.slice/a:b.service\n", "a:b.service", false);
}

/* A cgroup name with control bytes is never named as a unit (it reaches the screen). */
static void test_control_bytes(void **state)
{
	static const char nested[] = "0::/system.slice/ok.service/b\x01d.service\n";
	char unit[256];
	bool user = false;
	size_t i;

	(void)state;
	expect_none("escape", "0::/system.slice/ev\x1b[2Jil.service\n");
	expect_none("DEL", "0::/system.slice/a\x7f.service\n");
	expect_none("tab", "0::/system.slice/a\tb.service\n");
	expect_none("cr", "1:name=systemd:/system.slice/a\rb.service\n");
	/* a newline ends the line: what follows is no cgroup line */
	expect_none("newline", "0::/system.slice/a\nb.service\n");
	memset(unit, 0, sizeof(unit));
	if (unit_parse(nested, strlen(nested), unit, sizeof(unit), &user))
		for (i = 0; unit[i]; i++)
			if ((unsigned char)unit[i] < 0x20 || unit[i] == 0x7f)
				FAIL("unit '%s' holds a control byte", unit);
	/* bytes above 0x7f are no control bytes: UTF-8 names stay */
	expect_unit("utf-8", "0::/system.slice/caf\xc3\xa9.service\n", "caf\xc3\xa9.service", false);
}

/*
 * A unit that does not fit is not replaced by an outer one: the unit named
 * must be the innermost, or none.
 */
static void test_small_buffer_nested(void **state)
{
	static const char text[] =
		"0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
		"a-rather-long-application-name.service\n";
	char unit[32];
	bool user = false;

	(void)state;
	memset(unit, 0, sizeof(unit));
	if (unit_parse(text, strlen(text), unit, sizeof(unit), &user))
		FAIL("a-rather-long-application-name.service does not fit %zu bytes, "
		     "yet '%s' (user %d) was named", sizeof(unit), unit, user);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v2_system_service),
		cmocka_unit_test(test_user_service),
		cmocka_unit_test(test_not_a_service),
		cmocka_unit_test(test_v1_hybrid),
		cmocka_unit_test(test_small_buffer),
		cmocka_unit_test(test_empty_and_garbage),
		cmocka_unit_test(test_control_bytes),
		cmocka_unit_test(test_small_buffer_nested),
	};

	return cmocka_run_group_tests_name("unit", tests, NULL, NULL);
}
