/* test_status.c - the /proc/PID/status parser against several kernel eras */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

/* Linux 2.6.32 (before VmSwap in 2.6.34 and RssAnon/RssFile/RssShmem in 4.5). */
static const char status_2_6_32[] =
	"Name:\tsshd\n"
	"State:\tS (sleeping)\n"
	"Tgid:\t1520\n"
	"Pid:\t1520\n"
	"PPid:\t1\n"
	"TracerPid:\t0\n"
	"Uid:\t0\t0\t0\t0\n"
	"Gid:\t0\t0\t0\t0\n"
	"FDSize:\t64\n"
	"Groups:\t\n"
	"VmPeak:\t   66216 kB\n"
	"VmSize:\t   66216 kB\n"
	"VmLck:\t       0 kB\n"
	"VmHWM:\t    1208 kB\n"
	"VmRSS:\t    1204 kB\n"
	"VmData:\t     580 kB\n"
	"VmStk:\t      88 kB\n"
	"VmExe:\t     524 kB\n"
	"VmLib:\t    6768 kB\n"
	"VmPTE:\t     148 kB\n"
	"Threads:\t1\n"
	"SigQ:\t1/63615\n"
	"SigPnd:\t0000000000000000\n"
	"ShdPnd:\t0000000000000000\n"
	"SigBlk:\t0000000000000000\n"
	"SigIgn:\t0000000000001000\n"
	"SigCgt:\t0000000180014005\n"
	"CapInh:\t0000000000000000\n"
	"CapPrm:\tffffffffffffffff\n"
	"CapEff:\tffffffffffffffff\n"
	"CapBnd:\tffffffffffffffff\n"
	"Cpus_allowed:\tf\n"
	"Cpus_allowed_list:\t0-3\n"
	"Mems_allowed:\t00000000,00000001\n"
	"Mems_allowed_list:\t0\n"
	"voluntary_ctxt_switches:\t14\n"
	"nonvoluntary_ctxt_switches:\t3\n";

/* Linux 3.10 (RHEL 7): VmSwap, but no RssAnon/RssFile/RssShmem yet. */
static const char status_3_10[] =
	"Name:\tjava\n"
	"State:\tS (sleeping)\n"
	"Tgid:\t2211\n"
	"Ngid:\t0\n"
	"Pid:\t2211\n"
	"PPid:\t1\n"
	"TracerPid:\t0\n"
	"Uid:\t995\t995\t995\t995\n"
	"Gid:\t993\t993\t993\t993\n"
	"FDSize:\t256\n"
	"Groups:\t993 \n"
	"VmPeak:\t 4520196 kB\n"
	"VmSize:\t 4457972 kB\n"
	"VmLck:\t       0 kB\n"
	"VmPin:\t       0 kB\n"
	"VmHWM:\t  812300 kB\n"
	"VmRSS:\t  798412 kB\n"
	"VmData:\t 4301568 kB\n"
	"VmStk:\t     136 kB\n"
	"VmExe:\t       4 kB\n"
	"VmLib:\t   17212 kB\n"
	"VmPTE:\t    2064 kB\n"
	"VmSwap:\t   40960 kB\n"
	"Threads:\t48\n"
	"SigQ:\t0/30948\n"
	"SigPnd:\t0000000000000000\n"
	"ShdPnd:\t0000000000000000\n"
	"SigBlk:\t0000000000000000\n"
	"SigIgn:\t0000000000000003\n"
	"SigCgt:\t2000000181005ccc\n"
	"CapInh:\t0000000000000000\n"
	"CapPrm:\t0000000000000000\n"
	"CapEff:\t0000000000000000\n"
	"CapBnd:\t0000001fffffffff\n"
	"Seccomp:\t0\n"
	"Cpus_allowed:\tff\n"
	"Cpus_allowed_list:\t0-7\n"
	"Mems_allowed:\t00000000,00000001\n"
	"Mems_allowed_list:\t0\n"
	"voluntary_ctxt_switches:\t7\n"
	"nonvoluntary_ctxt_switches:\t2\n";

/* Linux 4.19: all six lines, in the order the kernel prints them. */
static const char status_4_19[] =
	"Name:\tpostgres\n"
	"Umask:\t0077\n"
	"State:\tS (sleeping)\n"
	"Tgid:\t812\n"
	"Ngid:\t0\n"
	"Pid:\t812\n"
	"PPid:\t1\n"
	"TracerPid:\t0\n"
	"Uid:\t106\t106\t106\t106\n"
	"Gid:\t112\t112\t112\t112\n"
	"FDSize:\t64\n"
	"Groups:\t112 \n"
	"NStgid:\t812\n"
	"NSpid:\t812\n"
	"NSpgid:\t812\n"
	"NSsid:\t812\n"
	"VmPeak:\t  321676 kB\n"
	"VmSize:\t  321644 kB\n"
	"VmLck:\t       0 kB\n"
	"VmPin:\t       0 kB\n"
	"VmHWM:\t  150220 kB\n"
	"VmRSS:\t  150208 kB\n"
	"RssAnon:\t    6420 kB\n"
	"RssFile:\t   12860 kB\n"
	"RssShmem:\t  130928 kB\n"
	"VmData:\t    1424 kB\n"
	"VmStk:\t     132 kB\n"
	"VmExe:\t    7216 kB\n"
	"VmLib:\t   12868 kB\n"
	"VmPTE:\t     392 kB\n"
	"VmSwap:\t     512 kB\n"
	"HugetlbPages:\t       0 kB\n"
	"CoreDumping:\t0\n"
	"Threads:\t1\n"
	"SigQ:\t0/15655\n"
	"SigPnd:\t0000000000000000\n"
	"ShdPnd:\t0000000000000000\n"
	"SigBlk:\t0000000000000000\n"
	"SigIgn:\t0000000001301800\n"
	"SigCgt:\t0000000180006287\n"
	"CapInh:\t0000000000000000\n"
	"CapPrm:\t0000000000000000\n"
	"CapEff:\t0000000000000000\n"
	"CapBnd:\t0000003fffffffff\n"
	"CapAmb:\t0000000000000000\n"
	"NoNewPrivs:\t0\n"
	"Seccomp:\t0\n"
	"Speculation_Store_Bypass:\tthread vulnerable\n"
	"Cpus_allowed:\t3\n"
	"Cpus_allowed_list:\t0-1\n"
	"Mems_allowed:\t00000000,00000001\n"
	"Mems_allowed_list:\t0\n"
	"voluntary_ctxt_switches:\t1532\n"
	"nonvoluntary_ctxt_switches:\t41\n";

/* Linux 6.x: Kthread:, THP_enabled:, untag_mask: and friends. */
static const char status_6_x[] =
	"Name:\tfirefox\n"
	"Umask:\t0022\n"
	"State:\tS (sleeping)\n"
	"Tgid:\t4242\n"
	"Ngid:\t0\n"
	"Pid:\t4242\n"
	"PPid:\t1800\n"
	"TracerPid:\t0\n"
	"Uid:\t1000\t1000\t1000\t1000\n"
	"Gid:\t1000\t1000\t1000\t1000\n"
	"FDSize:\t512\n"
	"Groups:\t4 24 27 1000 \n"
	"NStgid:\t4242\n"
	"NSpid:\t4242\n"
	"NSpgid:\t1800\n"
	"NSsid:\t1800\n"
	"Kthread:\t0\n"
	"VmPeak:\t14012340 kB\n"
	"VmSize:\t13871736 kB\n"
	"VmLck:\t       0 kB\n"
	"VmPin:\t       0 kB\n"
	"VmHWM:\t 1210044 kB\n"
	"VmRSS:\t 1104512 kB\n"
	"RssAnon:\t  881024 kB\n"
	"RssFile:\t  190464 kB\n"
	"RssShmem:\t   33024 kB\n"
	"VmData:\t 1622708 kB\n"
	"VmStk:\t     132 kB\n"
	"VmExe:\t     792 kB\n"
	"VmLib:\t  200416 kB\n"
	"VmPTE:\t    5280 kB\n"
	"VmSwap:\t  262148 kB\n"
	"HugetlbPages:\t       0 kB\n"
	"CoreDumping:\t0\n"
	"THP_enabled:\t1\n"
	"untag_mask:\t0xffffffffffffffff\n"
	"Threads:\t112\n"
	"SigQ:\t0/96365\n"
	"SigPnd:\t0000000000000000\n"
	"ShdPnd:\t0000000000000000\n"
	"SigBlk:\t0000000000000000\n"
	"SigIgn:\t0000000000001000\n"
	"SigCgt:\t0000000f408004f8\n"
	"CapInh:\t0000000000000000\n"
	"CapPrm:\t0000000000000000\n"
	"CapEff:\t0000000000000000\n"
	"CapBnd:\t000001ffffffffff\n"
	"CapAmb:\t0000000000000000\n"
	"NoNewPrivs:\t1\n"
	"Seccomp:\t2\n"
	"Seccomp_filters:\t2\n"
	"Speculation_Store_Bypass:\tthread force mitigated\n"
	"SpeculationIndirectBranch:\tconditional force disabled\n"
	"Cpus_allowed:\tff\n"
	"Cpus_allowed_list:\t0-7\n"
	"Mems_allowed:\t00000000,00000001\n"
	"Mems_allowed_list:\t0\n"
	"voluntary_ctxt_switches:\t90211\n"
	"nonvoluntary_ctxt_switches:\t3312\n";

/* A kernel thread on 6.x: no Vm or Rss line at all. */
static const char status_kthread[] =
	"Name:\tkworker/u16:3-events_unbound\n"
	"Umask:\t0000\n"
	"State:\tI (idle)\n"
	"Tgid:\t93121\n"
	"Ngid:\t0\n"
	"Pid:\t93121\n"
	"PPid:\t2\n"
	"TracerPid:\t0\n"
	"Uid:\t0\t0\t0\t0\n"
	"Gid:\t0\t0\t0\t0\n"
	"FDSize:\t64\n"
	"Groups:\t \n"
	"NStgid:\t93121\n"
	"NSpid:\t93121\n"
	"NSpgid:\t0\n"
	"NSsid:\t0\n"
	"Kthread:\t1\n"
	"Threads:\t1\n"
	"SigQ:\t0/96365\n"
	"SigPnd:\t0000000000000000\n"
	"ShdPnd:\t0000000000000000\n"
	"SigBlk:\t0000000000000000\n"
	"SigIgn:\tffffffffffffffff\n"
	"SigCgt:\t0000000000000000\n"
	"Cpus_allowed:\tff\n"
	"Cpus_allowed_list:\t0-7\n"
	"voluntary_ctxt_switches:\t12\n"
	"nonvoluntary_ctxt_switches:\t0\n";

/* A zombie: its mm is gone, so are the Vm lines. */
static const char status_zombie[] =
	"Name:\tdefunct-child\n"
	"State:\tZ (zombie)\n"
	"Tgid:\t5001\n"
	"Pid:\t5001\n"
	"PPid:\t5000\n"
	"Threads:\t1\n";

/* Parse s from an exact-size heap copy, so that ASan sees any overread. */
static int parse(const char *s, size_t len, struct status_mem *m)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, s, len);
	rc = status_parse(copy, len, m);
	free(copy);
	return rc;
}

#define PARSE(lit, m) parse(lit, sizeof(lit) - 1, m)

static void expect(const struct status_mem *m, unsigned long rss, unsigned long anon,
		   unsigned long file, unsigned long shmem, unsigned long swap,
		   unsigned long pte)
{
	assert_int_equal(m->rss_kb, rss);
	assert_int_equal(m->anon_kb, anon);
	assert_int_equal(m->file_kb, file);
	assert_int_equal(m->shmem_kb, shmem);
	assert_int_equal(m->swap_kb, swap);
	assert_int_equal(m->pte_kb, pte);
}

static void test_kernel_2_6_32(void **state)
{
	struct status_mem m;

	(void)state;
	assert_int_equal(PARSE(status_2_6_32, &m), 0);
	expect(&m, 1204, 0, 0, 0, 0, 148);
}

static void test_kernel_3_10(void **state)
{
	struct status_mem m;

	(void)state;
	assert_int_equal(PARSE(status_3_10, &m), 0);
	expect(&m, 798412, 0, 0, 0, 40960, 2064);
}

static void test_kernel_4_19(void **state)
{
	struct status_mem m;

	(void)state;
	assert_int_equal(PARSE(status_4_19, &m), 0);
	expect(&m, 150208, 6420, 12860, 130928, 512, 392);
}

static void test_kernel_6_x(void **state)
{
	struct status_mem m;

	(void)state;
	assert_int_equal(PARSE(status_6_x, &m), 0);
	expect(&m, 1104512, 881024, 190464, 33024, 262148, 5280);
}

static void test_kthread_and_zombie(void **state)
{
	struct status_mem m;

	(void)state;
	memset(&m, 0xff, sizeof(m));
	assert_int_equal(PARSE(status_kthread, &m), 0);
	expect(&m, 0, 0, 0, 0, 0, 0);
	memset(&m, 0xff, sizeof(m));
	assert_int_equal(PARSE(status_zombie, &m), 0);
	expect(&m, 0, 0, 0, 0, 0, 0);
	memset(&m, 0xff, sizeof(m));
	assert_int_equal(parse("", 0, &m), 0);
	expect(&m, 0, 0, 0, 0, 0, 0);
}

/* Results must not depend on stale content of out. */
static void test_out_is_reset(void **state)
{
	struct status_mem m;

	(void)state;
	assert_int_equal(PARSE(status_6_x, &m), 0);
	assert_int_equal(PARSE(status_2_6_32, &m), 0);
	expect(&m, 1204, 0, 0, 0, 0, 148);
}

static void test_malformed_values(void **state)
{
	static const char *const bad[] = {
		"VmRSS:\t    1234 MB\n",
		"VmRSS:\t    1234\n",
		"VmRSS:\t    1234kB\n",
		"VmRSS:\t    12x4 kB\n",
		"VmRSS:\t    abcd kB\n",
		"VmRSS:\t kB\n",
		"VmRSS:\n",
		"VmRSS:\t    -4 kB\n",
		"VmSwap:\t99999999999999999999999 kB\n",
		"VmPTE:\t184467440737095516150 kB\n",
		"RssAnon:\t 0x10 kB\n",
		"RssFile:\t \n",
		"RssShmem:\t  1 2 kB\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct status_mem m;

		assert_int_equal(parse(bad[i], strlen(bad[i]), &m), -EINVAL);
	}
}

static void test_malformed_inside_real_text(void **state)
{
	char buf[sizeof(status_6_x)];
	char *p;
	struct status_mem m;

	(void)state;
	memcpy(buf, status_6_x, sizeof(buf));
	p = strstr(buf, "RssFile:\t  190464 kB");
	assert_non_null(p);
	memcpy(p + strlen("RssFile:\t  1904"), "zz", 2);
	assert_int_equal(parse(buf, strlen(buf), &m), -EINVAL);
}

static void test_large_values(void **state)
{
	struct status_mem m;
	static const char big[] = "VmRSS:\t4294967296 kB\nVmSwap:\t18446744073709551 kB\n";

	(void)state;
	assert_int_equal(PARSE(big, &m), 0);
	assert_int_equal(m.rss_kb, 4294967296UL);
	assert_int_equal(m.swap_kb, 18446744073709551UL);
}

static void test_whitespace_variants(void **state)
{
	struct status_mem m;
	static const char txt[] = "VmRSS: 10 kB\nVmPTE:\t\t  4 kB\nVmSwap:0 kB\n";

	(void)state;
	assert_int_equal(PARSE(txt, &m), 0);
	expect(&m, 10, 0, 0, 0, 0, 4);
}

/* Keys are matched at the start of a line only. */
static void test_keys_at_line_start(void **state)
{
	struct status_mem m;
	/* the kernel prints a newline inside a name as the two characters \n */
	static const char txt[] =
		"Name:\tx\\nVmRSS:\t999999 kB\n"
		"XVmRSS:\t5 kB\n"
		"VmRSS:\t12 kB\n";

	(void)state;
	assert_int_equal(PARSE(txt, &m), 0);
	assert_int_equal(m.rss_kb, 12);
}

static void test_last_line_without_newline(void **state)
{
	struct status_mem m;
	static const char txt[] = "VmRSS:\t  100 kB\nVmSwap:\t   20 kB";

	(void)state;
	assert_int_equal(PARSE(txt, &m), 0);
	expect(&m, 100, 0, 0, 0, 20, 0);
}

static void test_truncated_last_line(void **state)
{
	struct status_mem m;

	(void)state;
	/* a value cut short cannot be trusted */
	assert_int_equal(PARSE("VmRSS:\t  100 kB\nVmSwap:\t  2", &m), -EINVAL);
	assert_int_equal(PARSE("VmRSS:\t  100 kB\nVmSwap:\t  20 k", &m), -EINVAL);
	assert_int_equal(PARSE("VmRSS:\t  100 kB\nVmSwap:", &m), -EINVAL);
	/* a key cut short is not that key */
	assert_int_equal(PARSE("VmRSS:\t  100 kB\nVmSw", &m), 0);
	expect(&m, 100, 0, 0, 0, 0, 0);
}

/*
 * Every prefix of a real text: no overread (ASan), and when it parses,
 * every field is either absent (0) or its full value.
 */
static void test_every_prefix(void **state)
{
	struct status_mem full, m;
	size_t len;

	(void)state;
	assert_int_equal(PARSE(status_6_x, &full), 0);
	for (len = 0; len <= sizeof(status_6_x) - 1; len++) {
		int rc = parse(status_6_x, len, &m);

		assert_true(rc == 0 || rc == -EINVAL);
		if (rc != 0)
			continue;
		assert_true(m.rss_kb == 0 || m.rss_kb == full.rss_kb);
		assert_true(m.anon_kb == 0 || m.anon_kb == full.anon_kb);
		assert_true(m.file_kb == 0 || m.file_kb == full.file_kb);
		assert_true(m.shmem_kb == 0 || m.shmem_kb == full.shmem_kb);
		assert_true(m.swap_kb == 0 || m.swap_kb == full.swap_kb);
		assert_true(m.pte_kb == 0 || m.pte_kb == full.pte_kb);
	}
}

/* Random bytes never crash the parser and give 0 or -EINVAL. */
static void test_garbage(void **state)
{
	uint32_t x = 2024;
	char buf[256];
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		size_t len, j;
		struct status_mem m;
		int rc;

		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		len = x % sizeof(buf);
		for (j = 0; j < len; j++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			/* mostly status-like characters */
			buf[j] = "VmRSwapPTE: \t\n0123456789kB"[x % 26];
		}
		rc = parse(buf, len, &m);
		assert_true(rc == 0 || rc == -EINVAL);
	}
}

/* Name: is kept raw: control bytes as they are, the kernel's \n and \\ undone. */
static void test_name_unescaped(void **state)
{
	static const char text[] = "Name:\t\x1b[31mev\\nil\\\\x\n"
				   "VmRSS:\t     100 kB\n";
	static const char plain[] = "Name:\tpostgres\nUmask:\t0077\n";
	static const char longname[] = "Name:\t0123456789abcdef0123456789abcdef"
				       "0123456789abcdef0123456789abcdef0123\n";
	struct status_mem m;

	(void)state;
	assert_int_equal(status_parse(text, sizeof(text) - 1, &m), 0);
	assert_string_equal(m.name, "\x1b[31mev\nil\\x");
	assert_int_equal(m.rss_kb, 100);
	assert_int_equal(status_parse(plain, sizeof(plain) - 1, &m), 0);
	assert_string_equal(m.name, "postgres");
	assert_int_equal(status_parse(longname, sizeof(longname) - 1, &m), 0);
	assert_int_equal(strlen(m.name), STATUS_NAME_MAX - 1);
	assert_int_equal(status_parse("VmRSS:\t 1 kB\n", 14, &m), 0);
	assert_string_equal(m.name, "");
}

/* oom_score and oom_score_adj files: one integer and a newline. */
static void test_parse_int(void **state)
{
	int v = 42;

	(void)state;
	assert_int_equal(status_parse_int("666\n", 4, &v), 0);
	assert_int_equal(v, 666);
	assert_int_equal(status_parse_int("-1000\n", 6, &v), 0);
	assert_int_equal(v, -1000);
	assert_int_equal(status_parse_int("0", 1, &v), 0);
	assert_int_equal(v, 0);
	v = 42;
	assert_int_equal(status_parse_int("", 0, &v), -EINVAL);
	assert_int_equal(status_parse_int("-\n", 2, &v), -EINVAL);
	assert_int_equal(status_parse_int("12a\n", 4, &v), -EINVAL);
	assert_int_equal(status_parse_int("12\n\n", 4, &v), -EINVAL);
	assert_int_equal(status_parse_int("99999999999\n", 12, &v), -EINVAL);
	assert_int_equal(status_parse_int(" 5\n", 3, &v), -EINVAL);
	assert_int_equal(v, 42); /* untouched on error */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_2_6_32),
		cmocka_unit_test(test_kernel_3_10),
		cmocka_unit_test(test_kernel_4_19),
		cmocka_unit_test(test_kernel_6_x),
		cmocka_unit_test(test_kthread_and_zombie),
		cmocka_unit_test(test_out_is_reset),
		cmocka_unit_test(test_malformed_values),
		cmocka_unit_test(test_malformed_inside_real_text),
		cmocka_unit_test(test_large_values),
		cmocka_unit_test(test_whitespace_variants),
		cmocka_unit_test(test_keys_at_line_start),
		cmocka_unit_test(test_last_line_without_newline),
		cmocka_unit_test(test_truncated_last_line),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_name_unescaped),
		cmocka_unit_test(test_parse_int),
	};

	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
