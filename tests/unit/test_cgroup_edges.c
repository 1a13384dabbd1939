/* test_cgroup_edges.c - edges of cgroup paths and policy sysctls: a trailing
 * slash names the same cgroup, any non-zero oom_kill_allocating_task turns it
 * on, pods of the systemd cgroup driver get their label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memcg.h"
#include "policy.h"

#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

/*
 * Bug 1: -c PATH with a trailing slash (what shell completion of
 * /sys/fs/cgroup/memory/NAME/ gives) is accepted, but memcg_within() then
 * matches no process: the table is empty ("0 processes") and no error is
 * printed. main_cgroup() keeps the slash in table.memcg_top; memcg_within()
 * compares "/a/" + boundary. Either normalise in main_cgroup() or here.
 */
static void test_within_trailing_slash(void **state)
{
	(void)state;
	if (!memcg_within("/a", "/a/"))
		FAIL("memcg_within(\"/a\", \"/a/\") = false: -c /a/ shows none of /a's processes");
	if (!memcg_within("/a/b", "/a/"))
		FAIL("memcg_within(\"/a/b\", \"/a/\") = false: -c /a/ shows none of /a/b's processes");
}

/*
 * Bug 2: vm.oom_kill_allocating_task is a plain proc_dointvec in the kernel:
 * any non-zero int (1001, -1) turns it on. policy_parse_int() refuses values
 * over 1000 and negative ones, so policy_read() reports -1 (unknown) and the
 * header says nothing although the allocating task is what dies.
 */
static void test_allocating_any_nonzero(void **state)
{
	static const char *const values[] = { "1001\n", "2147483647\n", "-1\n" };
	char dir[] = "/tmp/oomtop-bug7-XXXXXX", path[64];
	struct policy p;
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/panic_on_oom", dir);
	{
		FILE *f = fopen(path, "w");

		fputs("0\n", f);
		fclose(f);
	}
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char ap[64];
		FILE *f;

		snprintf(ap, sizeof(ap), "%s/oom_kill_allocating_task", dir);
		f = fopen(ap, "w");
		fputs(values[i], f);
		fclose(f);
		policy_read(dir, 0, &p);
		unlink(ap);
		if (p.kill_allocating != 1 || !policy_unusual(&p)) {
			unlink(path);
			rmdir(dir);
			FAIL("oom_kill_allocating_task '%.*s': kill_allocating %d, unusual %d; expected 1, 1",
			     (int)strlen(values[i]) - 1, values[i], p.kill_allocating, policy_unusual(&p));
		}
	}
	unlink(path);
	rmdir(dir);
}

/*
 * Gap (not strictly a bug): Kubernetes with the systemd cgroup driver (the
 * kubeadm default since 1.22) names pods
 * /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid with _>.slice;
 * memcg_label() only knows the cgroupfs layout (.../pod<uid>) and shows the raw path.
 */
static void test_label_kubepods_systemd(void **state)
{
	char out[MEMCG_PATH_MAX];

	(void)state;
	memcg_label("/kubepods.slice/kubepods-burstable.slice/"
		    "kubepods-burstable-pod1a2b3c4d_5e6f_7a8b_9c0d_1e2f3a4b5c6d.slice", out, sizeof(out));
	if (strncmp(out, "pod ", 4) != 0)
		FAIL("systemd-driver pod labelled '%s', expected 'pod 1a2b3c4d...'", out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_within_trailing_slash),
		cmocka_unit_test(test_allocating_any_nonzero),
		cmocka_unit_test(test_label_kubepods_systemd),
	};

	return cmocka_run_group_tests_name("bugs7", tests, NULL, NULL);
}
