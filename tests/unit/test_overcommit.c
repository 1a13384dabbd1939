/* test_overcommit.c - the overcommit sysctl parser and reader */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "overcommit.h"

/* Parse from exact-size heap copies, so that ASan sees any overread. */
static int parse3(const char *m, const char *r, const char *k, struct overcommit *oc)
{
	size_t lm = strlen(m), lr = strlen(r), lk = strlen(k);
	char *cm = malloc(lm ? lm : 1), *cr = malloc(lr ? lr : 1), *ck = malloc(lk ? lk : 1);
	int rc;

	assert_non_null(cm);
	assert_non_null(cr);
	assert_non_null(ck);
	memcpy(cm, m, lm);
	memcpy(cr, r, lr);
	memcpy(ck, k, lk);
	rc = overcommit_parse(cm, lm, cr, lr, ck, lk, oc);
	free(cm);
	free(cr);
	free(ck);
	return rc;
}

static void test_modes(void **state)
{
	struct overcommit oc;
	int mode;

	(void)state;
	for (mode = 0; mode <= 2; mode++) {
		char m[16];

		snprintf(m, sizeof(m), "%d\n", mode);
		memset(&oc, 0xff, sizeof(oc));
		assert_int_equal(parse3(m, "50\n", "0\n", &oc), 0);
		assert_int_equal(oc.err, 0);
		assert_int_equal(oc.mode, mode);
		assert_int_equal(oc.ratio, 50);
		assert_int_equal(oc.kbytes, 0);
		assert_int_equal(overcommit_enforced(&oc), mode == 2);
	}
}

static void test_ratio_and_kbytes(void **state)
{
	struct overcommit oc;

	(void)state;
	assert_int_equal(parse3("2\n", "80\n", "0\n", &oc), 0);
	assert_int_equal(oc.mode, 2);
	assert_int_equal(oc.ratio, 80);
	assert_int_equal(oc.kbytes, 0);
	assert_int_equal(parse3("2\n", "0\n", "1048576\n", &oc), 0);
	assert_int_equal(oc.ratio, 0);
	assert_int_equal(oc.kbytes, 1048576);
	/* ratio over 100 is legal (the kernel takes any int) */
	assert_int_equal(parse3("2\n", "150\n", "0\n", &oc), 0);
	assert_int_equal(oc.ratio, 150);
	/* a large kbytes (16 TiB) */
	assert_int_equal(parse3("2\n", "50\n", "17179869184\n", &oc), 0);
	assert_int_equal(oc.kbytes, 17179869184UL);
	/* without the newline too */
	assert_int_equal(parse3("1", "50", "0", &oc), 0);
	assert_int_equal(oc.mode, 1);
	assert_int_equal(oc.ratio, 50);
}

/* Results must not depend on what out held before. */
static void test_out_is_reset(void **state)
{
	struct overcommit oc;

	(void)state;
	assert_int_equal(parse3("x\n", "50\n", "0\n", &oc), -EINVAL);
	assert_int_equal(oc.err, -EINVAL);
	assert_int_equal(parse3("0\n", "50\n", "0\n", &oc), 0);
	assert_int_equal(oc.err, 0);
	assert_int_equal(parse3("2\n", "80\n", "4096\n", &oc), 0);
	assert_int_equal(parse3("9\n", "80\n", "4096\n", &oc), -EINVAL);
	assert_int_equal(oc.err, -EINVAL);
	assert_int_equal(overcommit_enforced(&oc), 0);
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"3\n", "4\n", "-1\n", "", "\n", "abc\n", "1x\n", " 1\n", "1 \n", "1\n\n",
		"+1\n", "0x2\n", "1.0\n", "2\r\n", "99999999999999999999999\n",
		"18446744073709551616\n", "00000000000000000000000000000000002\n",
	};
	struct overcommit oc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* as the mode */
		memset(&oc, 0, sizeof(oc));
		if (parse3(bad[i], "50\n", "0\n", &oc) != -EINVAL || oc.err != -EINVAL) {
			print_error("mode \"%s\": want -EINVAL\n", bad[i]);
			fail();
		}
	}
	for (i = 2; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* as the ratio and as kbytes (3 and 4 are fine values there) */
		if (parse3("2\n", bad[i], "0\n", &oc) != -EINVAL || oc.err != -EINVAL) {
			print_error("ratio \"%s\": want -EINVAL\n", bad[i]);
			fail();
		}
		if (parse3("2\n", "50\n", bad[i], &oc) != -EINVAL || oc.err != -EINVAL) {
			print_error("kbytes \"%s\": want -EINVAL\n", bad[i]);
			fail();
		}
	}
	/* a mode or ratio that fits in unsigned long but not in the field */
	assert_int_equal(parse3("2147483650\n", "50\n", "0\n", &oc), -EINVAL);
	assert_int_equal(parse3("2\n", "2147483650\n", "0\n", &oc), -EINVAL);
	/* the ratio is a kernel int: any value up to INT_MAX is legal */
	assert_int_equal(parse3("2\n", "1000001\n", "0\n", &oc), 0);
	assert_int_equal(oc.ratio, 1000001);
	assert_int_equal(parse3("2\n", "2147483647\n", "0\n", &oc), 0);
}

/* On -EINVAL no field reads as a policy. */
static void test_malformed_zeroes(void **state)
{
	struct overcommit oc;

	(void)state;
	memset(&oc, 0xff, sizeof(oc));
	assert_int_equal(parse3("2\n", "8x0\n", "0\n", &oc), -EINVAL);
	assert_int_equal(oc.err, -EINVAL);
	assert_int_equal(oc.mode, 0);
	assert_int_equal(oc.ratio, 0);
	assert_int_equal(oc.kbytes, 0);
	assert_int_equal(overcommit_enforced(&oc), 0);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(overcommit_mode_name(0), "heuristic");
	assert_string_equal(overcommit_mode_name(1), "always");
	assert_string_equal(overcommit_mode_name(2), "strict");
	assert_string_equal(overcommit_mode_name(3), "unknown");
	assert_string_equal(overcommit_mode_name(-1), "unknown");
	assert_string_equal(overcommit_mode_name(INT_MAX), "unknown");
}

static void test_enforced(void **state)
{
	struct overcommit oc = { 0, 2, 50, 0 };

	(void)state;
	assert_true(overcommit_enforced(&oc));
	oc.err = -ENOENT;
	assert_false(overcommit_enforced(&oc));
	oc.err = 0;
	oc.mode = 0;
	assert_false(overcommit_enforced(&oc));
	oc.mode = 1;
	assert_false(overcommit_enforced(&oc));
}

/* --- overcommit_read on a directory ------------------------------------------ */

static void put(const char *dir, const char *name, const char *text)
{
	char path[128], tmp[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name);
	fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(rename(tmp, path), 0);
}

static void cleanup(const char *dir)
{
	static const char *const names[] = { "overcommit_memory", "overcommit_ratio",
					     "overcommit_kbytes" };
	char path[128];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	assert_int_equal(rmdir(dir), 0);
}

static void test_read_dir(void **state)
{
	char dir[] = "/tmp/oomtop-vm.XXXXXX";
	struct overcommit oc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put(dir, "overcommit_memory", "2\n");
	put(dir, "overcommit_ratio", "80\n");
	put(dir, "overcommit_kbytes", "0\n");
	memset(&oc, 0xff, sizeof(oc));
	overcommit_read(dir, &oc);
	assert_int_equal(oc.err, 0);
	assert_int_equal(oc.mode, 2);
	assert_int_equal(oc.ratio, 80);
	assert_int_equal(oc.kbytes, 0);

	put(dir, "overcommit_kbytes", "2097152\n");
	overcommit_read(dir, &oc);
	assert_int_equal(oc.err, 0);
	assert_int_equal(oc.kbytes, 2097152);

	put(dir, "overcommit_memory", "7\n");
	overcommit_read(dir, &oc);
	assert_int_equal(oc.err, -EINVAL);

	/* longer than the reader's buffer: an error, not the first bytes */
	put(dir, "overcommit_memory", "0000000000000000000000000000000000000000000000001\n");
	overcommit_read(dir, &oc);
	assert_int_equal(oc.err, -EINVAL);

	put(dir, "overcommit_memory", "");
	overcommit_read(dir, &oc);
	assert_int_equal(oc.err, -EINVAL);
	cleanup(dir);
}

static void test_read_missing(void **state)
{
	char dir[] = "/tmp/oomtop-vm.XXXXXX";
	struct overcommit oc;

	(void)state;
	memset(&oc, 0xff, sizeof(oc));
	overcommit_read("/nonexistent/oomtop-vm-test", &oc);
	assert_int_equal(oc.err, -ENOENT);
	assert_int_equal(overcommit_enforced(&oc), 0);

	/* one of the three files missing */
	assert_non_null(mkdtemp(dir));
	put(dir, "overcommit_memory", "2\n");
	put(dir, "overcommit_ratio", "50\n");
	memset(&oc, 0xff, sizeof(oc));
	overcommit_read(dir, &oc);
	assert_int_equal(oc.err, -ENOENT);
	assert_int_equal(overcommit_enforced(&oc), 0);
	cleanup(dir);
}

/* The machine's own files parse (any kernel has all three). */
static void test_read_proc(void **state)
{
	struct overcommit oc;

	(void)state;
	if (access("/proc/sys/vm/overcommit_kbytes", R_OK) != 0)
		skip();
	overcommit_read("/proc/sys/vm", &oc);
	assert_int_equal(oc.err, 0);
	assert_true(oc.mode >= 0 && oc.mode <= 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_ratio_and_kbytes),
		cmocka_unit_test(test_out_is_reset),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_malformed_zeroes),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_enforced),
		cmocka_unit_test(test_read_dir),
		cmocka_unit_test(test_read_missing),
		cmocka_unit_test(test_read_proc),
	};

	return cmocka_run_group_tests_name("overcommit", tests, NULL, NULL);
}
