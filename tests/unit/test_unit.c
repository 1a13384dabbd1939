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


/* unit_label of text (len bytes) into cap bytes must be want; nothing past cap. */
static void expect_label_len(const char *what, const char *text, size_t len, size_t cap,
			     const char *want)
{
	char out[512];

	assert_true(cap < sizeof(out));
	memset(out, 'X', sizeof(out));
	unit_label(text, len, out, cap);
	if (!memchr(out, '\0', cap))
		FAIL("%s: the label is not terminated within %zu bytes", what, cap);
	if (strcmp(out, want) != 0)
		FAIL("%s: label '%s', expected '%s'", what, out, want);
	if (out[cap] != 'X')
		FAIL("%s: written past %zu bytes", what, cap);
}

static void expect_label(const char *what, const char *text, const char *want)
{
	expect_label_len(what, text, strlen(text), 256, want);
}

/* A service wins over any path. */
static void test_label_service(void **state)
{
	(void)state;
	expect_label("v2 service", "0::/system.slice/nginx.service\n", "nginx.service");
	expect_label("below a service", "0::/system.slice/docker.service/payload\n", "docker.service");
	expect_label("user service",
		     "0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
		     "app-gnome-firefox-1234.scope\n", "user@1000.service");
	expect_label("user unit",
		     "0::/user.slice/user-1000.slice/user@1000.service/app.slice/pipewire.service\n",
		     "pipewire.service");
	/* v1: the name=systemd line names it */
	expect_label("v1 service",
		     "12:memory:/system.slice/cron.service\n"
		     "1:name=systemd:/system.slice/cron.service\n", "cron.service");
	/* hybrid: the service of name=systemd wins over the unified path without one */
	expect_label("hybrid",
		     "1:name=systemd:/system.slice/foo.service\n0::/\n", "foo.service");
	/* the unified service wins over name=systemd's */
	expect_label("unified wins",
		     "1:name=systemd:/system.slice/old.service\n0::/system.slice/new.service\n",
		     "new.service");
}

/* No service: the unified path, else name=systemd's, else the first line's. */
static void test_label_paths(void **state)
{
	(void)state;
	expect_label("unified scope", "0::/user.slice/user-1000.slice/session-2.scope\n",
		     "/user.slice/user-1000.slice/session-2.scope");
	expect_label("init", "0::/init.scope\n", "/init.scope");
	expect_label("root", "0::/\n", "/");
	expect_label("no newline", "0::/machine.slice/libpod-abc.scope", "/machine.slice/libpod-abc.scope");
	/* the unified line, wherever it stands */
	expect_label("hybrid unified",
		     "12:pids:/user.slice/user-1000.slice\n"
		     "1:name=systemd:/user.slice/user-1000.slice/session-2.scope\n"
		     "0::/user.slice/user-1000.slice/session-2.scope/sub\n",
		     "/user.slice/user-1000.slice/session-2.scope/sub");
	/* v1 only: name=systemd's path, not the first line's */
	expect_label("name=systemd",
		     "5:memory:/docker/abc\n"
		     "3:cpu,cpuacct:/docker/abc\n"
		     "1:name=systemd:/docker/abc/init.scope\n",
		     "/docker/abc/init.scope");
	/* neither: the first line's path */
	expect_label("first line", "4:memory:/lxc/box\n3:cpu:/other\n", "/lxc/box");
	expect_label("first line, no newline", "7:devices:/a/b", "/a/b");
	/* a controller line that looks like the unified one but is not ("0:x:" or "00::") */
	expect_label("0 with controllers", "0:cpu:/cpu/path\n1:name=systemd:/sd/path\n", "/sd/path");
	expect_label("00::", "00::/not/unified\n1:name=systemd:/sd/path\n", "/sd/path");
	/* a path with a ':' in it keeps it */
	expect_label("colon in path", "0::/system.slice/a:b.scope\n", "/system.slice/a:b.scope");
}

/* "?" when there is no line with a path. */
static void test_label_none(void **state)
{
	(void)state;
	expect_label_len("empty", "", 0, 256, "?");
	expect_label("newlines", "\n\n\n", "?");
	expect_label("garbage", "garbage\n", "?");
	expect_label("one colon", "0:/system.slice/x.service\n", "?");
	expect_label("binary", "\x01\x02\x03\xff", "?");
	/* len counts, not the NUL */
	expect_label_len("len 0", "0::/init.scope\n", 0, 256, "?");
	expect_label_len("cut before the path", "0::/init.scope\n", 2, 256, "?");
	/* "?" in a 2-byte buffer; a 1-byte buffer holds only the NUL */
	expect_label_len("cap 2", "", 0, 2, "?");
	expect_label_len("cap 1", "", 0, 1, "");
}

/* Raw bytes: the caller escapes them. */
static void test_label_raw(void **state)
{
	(void)state;
	expect_label("escape byte", "0::/evil\x1b[2J.scope\n", "/evil\x1b[2J.scope");
	expect_label("utf-8", "0::/caf\xc3\xa9.scope\n", "/caf\xc3\xa9.scope");
	/* a service holding a control byte is no service: the path is shown */
	expect_label("bad service", "0::/system.slice/a\x7f.service\n", "/system.slice/a\x7f.service");
}

/* A label too long for cap is cut to cap - 1 bytes. */
static void test_label_cut(void **state)
{
	char text[400];
	char want[64];
	size_t cap;

	(void)state;
	snprintf(text, sizeof(text), "0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
		 "app-org.gnome.Terminal.slice/vte-spawn-0123456789abcdef.scope\n");
	/* user@1000.service (17 bytes) fits from cap 18 on */
	expect_label_len("service fits", text, strlen(text), 18, "user@1000.service");
	expect_label_len("service fits", text, strlen(text), 64, "user@1000.service");
	/* a long path: cut */
	snprintf(text, sizeof(text), "0::/%0300d\n", 7);
	for (cap = 1; cap < sizeof(want); cap++) {
		memset(want, '0', sizeof(want));
		want[0] = '/';
		want[cap - 1] = '\0';
		expect_label_len("long path", text, strlen(text), cap, want);
	}
	/* the full path when it fits */
	{
		char full[320];

		snprintf(full, sizeof(full), "/%0300d", 7);
		expect_label_len("long path, room", text, strlen(text), 400, full);
	}
	/* a service that does not fit: the path, cut; from cap 35 on the service (34 bytes) */
	snprintf(text, sizeof(text), "0::/system.slice/a-rather-long-service-name.service\n");
	for (cap = 1; cap < 40; cap++) {
		char out[64];

		memset(out, 'X', sizeof(out));
		unit_label(text, strlen(text), out, cap);
		if (!memchr(out, '\0', cap) || out[cap] != 'X')
			FAIL("cap %zu: label not terminated in cap, or written past it", cap);
		if (cap >= 35) {
			if (strcmp(out, "a-rather-long-service-name.service") != 0)
				FAIL("cap %zu: label '%s', expected the service", cap, out);
		} else if (strlen(out) != cap - 1 || strncmp(out, text + 3, cap - 1) != 0) {
			FAIL("cap %zu: label '%s' is not the path cut to %zu bytes", cap, out, cap - 1);
		}
	}
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
		cmocka_unit_test(test_label_service),
		cmocka_unit_test(test_label_paths),
		cmocka_unit_test(test_label_none),
		cmocka_unit_test(test_label_raw),
		cmocka_unit_test(test_label_cut),
	};

	return cmocka_run_group_tests_name("unit", tests, NULL, NULL);
}
