/* test_change.c - the signal the k key sends: names and numbers, and typing them */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

static void expect_sig(const char *s, int want)
{
	int got = change_signal_parse(s);

	if (got != want)
		FAIL("change_signal_parse(\"%s\") = %d, expected %d", s, got, want);
}

static void test_signal_parse_names(void **state)
{
	(void)state;
	expect_sig("TERM", SIGTERM);
	expect_sig("term", SIGTERM);
	expect_sig("sigterm", SIGTERM);
	expect_sig("SIGTERM", SIGTERM);
	expect_sig("SigTerm", SIGTERM);
	expect_sig("SIGKILL", SIGKILL);
	expect_sig("KILL", SIGKILL);
	expect_sig("kill", SIGKILL);
	expect_sig("hup", SIGHUP);
	expect_sig("INT", SIGINT);
	expect_sig("USR1", SIGUSR1);
	expect_sig("sigusr2", SIGUSR2);
	expect_sig("STOP", SIGSTOP);
	expect_sig("CONT", SIGCONT);
	expect_sig("QUIT", SIGQUIT);
}

static void test_signal_parse_numbers(void **state)
{
	(void)state;
	expect_sig("9", 9);
	expect_sig("15", 15);
	expect_sig("1", 1);
	expect_sig("64", 64);
	/* 0 only probes; it is no signal to send */
	expect_sig("0", 0);
	expect_sig("00", 0);
	/* beyond the last signal */
	expect_sig("65", 0);
	expect_sig("99", 0);
	expect_sig("4294967311", 0);
	expect_sig("99999999999999999999999", 0);
}

static void test_signal_parse_bad(void **state)
{
	(void)state;
	expect_sig("", 0);
	expect_sig("FOO", 0);
	expect_sig("SIGFOO", 0);
	expect_sig("SIG", 0);
	expect_sig("sig", 0);
	expect_sig("SIGSIGTERM", 0);
	expect_sig("TER", 0);
	expect_sig("TERMX", 0);
	expect_sig("SIG9", 0);
	expect_sig("9x", 0);
	expect_sig("-9", 0);
	expect_sig("+9", 0);
	expect_sig(" 9", 0);
	expect_sig("9 ", 0);
	expect_sig(" TERM", 0);
	expect_sig("TERM ", 0);
	expect_sig("1.5", 0);
}

static void expect_typing(const char *s, bool want)
{
	if (change_signal_typing_ok(s) != want)
		FAIL("change_signal_typing_ok(\"%s\") = %d, expected %d", s, !want, want);
}

static void test_signal_typing(void **state)
{
	(void)state;
	expect_typing("", true);
	/* prefixes of names (TERM, TRAP, TSTP, ...) */
	expect_typing("T", true);
	expect_typing("t", true);
	expect_typing("TE", true);
	expect_typing("TER", true);
	expect_typing("TERM", true);
	expect_typing("S", true);
	expect_typing("SI", true);
	expect_typing("SIG", true);
	expect_typing("SIGT", true);
	expect_typing("sigter", true);
	expect_typing("SIGTERM", true);
	expect_typing("KI", true);
	/* X starts XCPU and XFSZ */
	expect_typing("X", true);
	expect_typing("XC", true);
	/* numbers: up to two digits, and a signal */
	expect_typing("9", true);
	expect_typing("1", true);
	expect_typing("64", true);
	expect_typing("99", false);
	expect_typing("65", false);
	expect_typing("0", false);
	expect_typing("100", false);
	expect_typing("9x", false);
	/* nothing starts with these */
	expect_typing("Z", false);
	expect_typing("SIGZ", false);
	expect_typing("TERMX", false);
	expect_typing("SIGSIG", false);
	expect_typing("XX", false);
	expect_typing(" ", false);
	expect_typing("-", false);
	expect_typing("-9", false);
	expect_typing("SIG9", false);
}

/* Whatever typing accepts as a whole parses, for every name there is. */
static void test_signal_names_round_trip(void **state)
{
	int sig;

	(void)state;
	for (sig = 1; sig < 32; sig++) {
		const char *n = sigabbrev_np(sig);
		char full[32], num[16];
		size_t i, len;

		if (!n)
			continue;
		snprintf(full, sizeof(full), "SIG%s", n);
		len = strlen(full);
		/* the number of n may differ (IOT is ABRT, POLL is IO): it names the same signal */
		if (change_signal_parse(full) != sig)
			FAIL("%s parsed as %d, expected %d", full, change_signal_parse(full), sig);
		if (change_signal_parse(n) != sig)
			FAIL("%s parsed as %d, expected %d", n, change_signal_parse(n), sig);
		for (i = 0; i <= len; i++) {
			char prefix[32];

			memcpy(prefix, full, i);
			prefix[i] = '\0';
			if (!change_signal_typing_ok(prefix))
				FAIL("'%s' (on the way to %s) was refused", prefix, full);
		}
		snprintf(num, sizeof(num), "%d", sig);
		if (!change_signal_typing_ok(num) || change_signal_parse(num) != sig)
			FAIL("'%s' typed or parsed wrong", num);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signal_parse_names),
		cmocka_unit_test(test_signal_parse_numbers),
		cmocka_unit_test(test_signal_parse_bad),
		cmocka_unit_test(test_signal_typing),
		cmocka_unit_test(test_signal_names_round_trip),
	};

	return cmocka_run_group_tests_name("change", tests, NULL, NULL);
}
