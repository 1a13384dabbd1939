/* test_privs.c - the modes the capabilities give, probing them, and the drop
 * (tried in forked children only: the test process keeps what it has) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/wait.h>
#include <unistd.h>

#include "privs.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

#define BIT_DAC_OVERRIDE 1
#define BIT_KILL 5
#define BIT_IPC_LOCK 14
#define BIT_SYS_RESOURCE 24
#define BIT_SYSLOG 34

static bool bit(unsigned long long set, int b)
{
	return (set >> b) & 1;
}

/* A hex capability set (CapEff, CapPrm, ...) or a number (NoNewPrivs) from /proc/self/status. */
static bool status_field(const char *name, unsigned long long *v)
{
	char line[256];
	size_t n = strlen(name);
	FILE *f = fopen("/proc/self/status", "r");
	bool found = false;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, name, n) == 0 && line[n] == ':') {
			*v = strtoull(line + n + 1, NULL, strncmp(name, "Cap", 3) == 0 ? 16 : 10);
			found = true;
			break;
		}
	fclose(f);
	return found;
}

static void test_mode_of(void **state)
{
	(void)state;
	/* read-only wins over everything */
	assert_int_equal(privs_mode_of(true, false, false), PRIVS_READ_ONLY);
	assert_int_equal(privs_mode_of(true, false, true), PRIVS_READ_ONLY);
	assert_int_equal(privs_mode_of(true, true, false), PRIVS_READ_ONLY);
	assert_int_equal(privs_mode_of(true, true, true), PRIVS_READ_ONLY);
	/* without CAP_DAC_OVERRIDE: own processes, whatever CAP_SYS_RESOURCE says */
	assert_int_equal(privs_mode_of(false, false, false), PRIVS_OWN);
	assert_int_equal(privs_mode_of(false, false, true), PRIVS_OWN);
	/* any process: raise only, or full with CAP_SYS_RESOURCE */
	assert_int_equal(privs_mode_of(false, true, false), PRIVS_RAISE);
	assert_int_equal(privs_mode_of(false, true, true), PRIVS_FULL);
}

static void test_mode_name(void **state)
{
	(void)state;
	assert_string_equal(privs_mode_name(PRIVS_READ_ONLY), "read-only");
	assert_string_equal(privs_mode_name(PRIVS_OWN), "own processes only");
	assert_string_equal(privs_mode_name(PRIVS_RAISE), "raise only");
	assert_string_equal(privs_mode_name(PRIVS_FULL), "full");
	/* a value out of the enum still gives a string */
	assert_non_null(privs_mode_name((enum privs_mode)42));
}

static void test_probe(void **state)
{
	struct privs p;
	unsigned long long eff = 0;

	(void)state;
	assert_true(status_field("CapEff", &eff));
	memset(&p, 0x5a, sizeof(p));
	privs_probe(&p);
	if (p.had_sys_resource != bit(eff, BIT_SYS_RESOURCE))
		FAIL("had_sys_resource %d, CapEff %llx", p.had_sys_resource, eff);
	if (p.had_dac_override != bit(eff, BIT_DAC_OVERRIDE))
		FAIL("had_dac_override %d, CapEff %llx", p.had_dac_override, eff);
	if (p.had_kill != bit(eff, BIT_KILL))
		FAIL("had_kill %d, CapEff %llx", p.had_kill, eff);
	assert_int_equal(p.had_ipc_lock, bit(eff, BIT_IPC_LOCK));
	assert_int_equal(p.had_syslog, bit(eff, BIT_SYSLOG));
	/* before a drop, it keeps what it had */
	assert_int_equal(p.sys_resource, p.had_sys_resource);
	assert_int_equal(p.dac_override, p.had_dac_override);
	assert_int_equal(p.kill, p.had_kill);
	assert_false(p.read_only);
	assert_false(p.no_new_privs);
	assert_false(p.bounding_dropped);
	assert_int_equal(p.mode, privs_mode_of(false, p.had_dac_override, p.had_sys_resource));
	assert_int_equal(privs_have_sys_resource(), bit(eff, BIT_SYS_RESOURCE));
	assert_int_equal(privs_have_ipc_lock(), bit(eff, BIT_IPC_LOCK));
	/* probing changed nothing */
	{
		unsigned long long after = 0;

		assert_true(status_field("CapEff", &after));
		assert_true(after == eff);
	}
}

/* Exit codes of the children: 0 is success, each failure its own code. */
enum {
	CHILD_OK = 0,
	CHILD_DROP_RC = 10,
	CHILD_NO_STATUS,
	CHILD_EFF,
	CHILD_PRM,
	CHILD_INH,
	CHILD_BND,
	CHILD_NNP,
	CHILD_FLAGS,
	CHILD_MODE,
	CHILD_AMB,
	CHILD_IPC,
	CHILD_IPC_DROP,
	CHILD_LOWER,
	CHILD_PROBE,
};

static const char *const child_what[] = {
	[CHILD_DROP_RC] = "privs_drop returned -1",
	[CHILD_NO_STATUS] = "no /proc/self/status",
	[CHILD_EFF] = "CapEff is not what was kept",
	[CHILD_PRM] = "CapPrm is not what was kept",
	[CHILD_INH] = "CapInh is not empty",
	[CHILD_BND] = "CapBnd holds more than what was kept",
	[CHILD_NNP] = "NoNewPrivs is not 1",
	[CHILD_FLAGS] = "the kept flags in struct privs are wrong",
	[CHILD_MODE] = "the mode is wrong",
	[CHILD_AMB] = "CapAmb is not empty",
	[CHILD_IPC] = "CAP_IPC_LOCK was not kept until privs_drop_ipc_lock",
	[CHILD_IPC_DROP] = "CAP_IPC_LOCK is still there after privs_drop_ipc_lock",
	[CHILD_LOWER] = "(test) cannot clear effective capabilities",
	[CHILD_PROBE] = "privs_probe disagrees with CapEff",
};

/*
 * Clear the capabilities of mask (bits) from the effective set only, as a
 * process that holds them permitted but not effective. In a child only.
 */
static bool lower_effective(unsigned long long mask)
{
	cap_t caps = cap_get_proc();
	cap_value_t v;
	bool ok = caps != NULL;

	for (v = 0; ok && v < 64; v++)
		if ((mask >> v) & 1)
			ok = cap_set_flag(caps, CAP_EFFECTIVE, 1, &v, CAP_CLEAR) == 0;
	ok = ok && cap_set_proc(caps) == 0;
	cap_free(caps);
	return ok;
}

/* Make every permitted capability effective again. In a child only. */
static bool restore_effective(void)
{
	cap_t caps = cap_get_proc();
	cap_value_t v;
	bool ok = caps != NULL;

	for (v = 0; ok && v <= CAP_LAST_CAP; v++) {
		cap_flag_value_t f = CAP_CLEAR;

		ok = cap_get_flag(caps, v, CAP_PERMITTED, &f) == 0 &&
		     (f != CAP_SET || cap_set_flag(caps, CAP_EFFECTIVE, 1, &v, CAP_SET) == 0);
	}
	ok = ok && cap_set_proc(caps) == 0;
	cap_free(caps);
	return ok;
}

/* Does a probe agree with CapEff now? */
static bool probe_agrees(void)
{
	struct privs p;
	unsigned long long eff = 0;

	if (!status_field("CapEff", &eff))
		return false;
	privs_probe(&p);
	return p.had_sys_resource == bit(eff, BIT_SYS_RESOURCE) &&
	       p.had_dac_override == bit(eff, BIT_DAC_OVERRIDE) && p.had_kill == bit(eff, BIT_KILL) &&
	       p.had_ipc_lock == bit(eff, BIT_IPC_LOCK) && p.had_syslog == bit(eff, BIT_SYSLOG) &&
	       p.sys_resource == p.had_sys_resource && p.dac_override == p.had_dac_override &&
	       p.kill == p.had_kill &&
	       p.mode == privs_mode_of(false, p.had_dac_override, p.had_sys_resource) &&
	       privs_have_sys_resource() == bit(eff, BIT_SYS_RESOURCE) &&
	       privs_have_ipc_lock() == bit(eff, BIT_IPC_LOCK);
}

/* The capabilities the drop keeps, of those the process had. */
static unsigned long long kept_of(unsigned long long eff, bool read_only)
{
	if (read_only)
		return 0;
	return eff & ((1ULL << BIT_DAC_OVERRIDE) | (1ULL << BIT_KILL) | (1ULL << BIT_SYS_RESOURCE));
}

/* In a child: drop, then check /proc/self/status. An exit code above. */
static int child_drop(bool read_only, bool keep_ipc_lock, unsigned long long lower)
{
	struct privs p;
	unsigned long long eff0 = 0, eff = ~0ULL, prm = ~0ULL, inh = ~0ULL, bnd = ~0ULL, amb = 0, nnp = 0;
	unsigned long long want;
	bool have_amb;

	if (lower && !lower_effective(lower))
		return CHILD_LOWER;
	if (!status_field("CapEff", &eff0))
		return CHILD_NO_STATUS;
	want = kept_of(eff0, read_only);
	privs_probe(&p);
	if (privs_drop(&p, read_only, keep_ipc_lock) != 0)
		return CHILD_DROP_RC;
	if (keep_ipc_lock && bit(eff0, BIT_IPC_LOCK)) {
		want |= 1ULL << BIT_IPC_LOCK;
		if (!p.ipc_lock || !privs_have_ipc_lock())
			return CHILD_IPC;
	}
	if (!status_field("CapEff", &eff) || !status_field("CapPrm", &prm) ||
	    !status_field("CapInh", &inh) || !status_field("CapBnd", &bnd) ||
	    !status_field("NoNewPrivs", &nnp))
		return CHILD_NO_STATUS;
	have_amb = status_field("CapAmb", &amb);
	if (eff != want)
		return CHILD_EFF;
	if (prm != want)
		return CHILD_PRM;
	if (inh != 0)
		return CHILD_INH;
	if (have_amb && amb != 0)
		return CHILD_AMB;
	/* with CAP_SETPCAP the bounding set keeps only the three (IPC_LOCK is not in it) */
	if (p.bounding_dropped && (bnd & ~kept_of(eff0, read_only)) != 0)
		return CHILD_BND;
	if (bit(eff0, 8) && !p.bounding_dropped) /* 8: CAP_SETPCAP */
		return CHILD_BND;
	if (nnp != 1 || !p.no_new_privs)
		return CHILD_NNP;
	if (p.read_only != read_only || p.sys_resource != bit(want, BIT_SYS_RESOURCE) ||
	    p.dac_override != bit(want, BIT_DAC_OVERRIDE) || p.kill != bit(want, BIT_KILL) || p.err[0])
		return CHILD_FLAGS;
	if (p.mode != privs_mode_of(read_only, p.dac_override, p.sys_resource))
		return CHILD_MODE;
	if (read_only && p.mode != PRIVS_READ_ONLY)
		return CHILD_MODE;
	if (keep_ipc_lock && bit(eff0, BIT_IPC_LOCK)) {
		privs_drop_ipc_lock(&p);
		if (p.ipc_lock || privs_have_ipc_lock() || !status_field("CapEff", &eff) ||
		    eff != kept_of(eff0, read_only) || !status_field("CapPrm", &prm) ||
		    prm != kept_of(eff0, read_only))
			return CHILD_IPC_DROP;
	}
	return CHILD_OK;
}

static void run_child(bool read_only, bool keep_ipc_lock, unsigned long long lower)
{
	pid_t pid;
	int status = 0;

	fflush(stdout);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(child_drop(read_only, keep_ipc_lock, lower));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status))
		FAIL("the child ended with status 0x%x", status);
	if (WEXITSTATUS(status) != CHILD_OK) {
		int code = WEXITSTATUS(status);

		FAIL("privs_drop(read_only %d, keep_ipc_lock %d), effective lowered by %llx: %s (exit %d)",
		     read_only, keep_ipc_lock, lower,
		     code >= CHILD_DROP_RC && code <= CHILD_PROBE ? child_what[code] : "?", code);
	}
}

static void test_drop_read_only(void **state)
{
	(void)state;
	run_child(true, false, 0);
	/* read-only keeps none of the three, but may keep CAP_IPC_LOCK for mlockall */
	run_child(true, true, 0);
}

static void test_drop_keep(void **state)
{
	(void)state;
	run_child(false, false, 0);
	run_child(false, true, 0);
}

/* Only what is effective at the start is kept, not what is merely permitted. */
static void test_drop_keep_effective_only(void **state)
{
	(void)state;
	run_child(false, false, 1ULL << BIT_KILL);
	run_child(false, false, 1ULL << BIT_DAC_OVERRIDE);
	run_child(false, false, (1ULL << BIT_DAC_OVERRIDE) | (1ULL << BIT_KILL));
	run_child(false, true, 1ULL << BIT_IPC_LOCK);
	run_child(true, true, 1ULL << BIT_IPC_LOCK);
}

/* Each capability is probed as itself: clear them one by one, in a child. */
static void test_probe_each(void **state)
{
	static const int bits[] = { BIT_DAC_OVERRIDE, BIT_KILL, BIT_IPC_LOCK, BIT_SYS_RESOURCE, BIT_SYSLOG };
	pid_t pid;
	int status = 0;

	(void)state;
	fflush(stdout);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t i;
		unsigned long long lowered = 0;

		if (!probe_agrees())
			_exit(CHILD_PROBE);
		/* one at a time, then all of them, then back up to the permitted set */
		for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
			if (!restore_effective())
				_exit(CHILD_LOWER);
			if (!lower_effective(1ULL << bits[i]))
				_exit(CHILD_LOWER);
			if (!probe_agrees())
				_exit(CHILD_PROBE + 1 + (int)i);
			lowered |= 1ULL << bits[i];
		}
		if (!lower_effective(lowered) || !probe_agrees())
			_exit(CHILD_PROBE);
		_exit(CHILD_OK);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != CHILD_OK)
		FAIL("probing with lowered capabilities: status 0x%x (%d: %s; above %d: bit %d)", status,
		     WEXITSTATUS(status),
		     WEXITSTATUS(status) >= CHILD_DROP_RC && WEXITSTATUS(status) <= CHILD_PROBE ?
			     child_what[WEXITSTATUS(status)] : "probe after lowering one",
		     CHILD_PROBE,
		     WEXITSTATUS(status) > CHILD_PROBE &&
				     WEXITSTATUS(status) <= CHILD_PROBE + (int)(sizeof(bits) / sizeof(bits[0])) ?
			     bits[WEXITSTATUS(status) - CHILD_PROBE - 1] : -1);
}

static unsigned long long eff_at_start, nnp_at_start;

/* The test process itself was never dropped: only the children were. */
static void test_self_untouched(void **state)
{
	unsigned long long eff = 0, nnp = 2;

	(void)state;
	assert_true(status_field("CapEff", &eff));
	assert_true(status_field("NoNewPrivs", &nnp));
	assert_true(eff == eff_at_start);
	assert_true(nnp == nnp_at_start);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mode_of),
		cmocka_unit_test(test_mode_name),
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_drop_read_only),
		cmocka_unit_test(test_drop_keep),
		cmocka_unit_test(test_drop_keep_effective_only),
		cmocka_unit_test(test_probe_each),
		cmocka_unit_test(test_self_untouched),
	};

	if (!status_field("CapEff", &eff_at_start) || !status_field("NoNewPrivs", &nnp_at_start)) {
		printf("1..0 # SKIP no /proc/self/status\n");
		return 0;
	}
	return cmocka_run_group_tests_name("privs", tests, NULL, NULL);
}
