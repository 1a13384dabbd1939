/* test_proc.c - row storage: identity matching across refreshes, reuse, no leaks */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "proc.h"

/* One refresh holding the given (pid, start) pairs; matched rows are reused. */
static void refresh(struct procset *ps, const int *pids, const unsigned long long *starts, size_t n,
		    size_t *reused)
{
	size_t i;

	*reused = 0;
	procset_begin(ps);
	for (i = 0; i < n; i++) {
		struct proc *p = procset_match(ps, pids[i], starts[i]);

		if (p)
			(*reused)++;
		else
			p = procset_take(ps);
		p->pid = pids[i];
		p->start_time = starts[i];
		procset_add(ps, p);
	}
	procset_end(ps);
}

static void test_match_by_identity(void **state)
{
	static const int pids1[] = { 1, 5, 9, 12 };
	static const unsigned long long st1[] = { 10, 50, 90, 120 };
	/* 5 exited, 9 is a new process with the same PID, 20 is new */
	static const int pids2[] = { 1, 9, 12, 20 };
	static const unsigned long long st2[] = { 10, 95, 120, 200 };
	struct procset ps;
	struct proc *one, *twelve;
	size_t reused;

	(void)state;
	procset_init(&ps);
	refresh(&ps, pids1, st1, 4, &reused);
	assert_int_equal(reused, 0);
	assert_int_equal(ps.n, 4);
	one = procset_find(&ps, 1, 10);
	twelve = procset_find(&ps, 12, 120);
	proc_set_cmdline(twelve, "a\0b", 3);
	refresh(&ps, pids2, st2, 4, &reused);
	assert_int_equal(reused, 2); /* 1 and 12; 9 is another process now */
	assert_ptr_equal(procset_find(&ps, 1, 10), one);
	assert_ptr_equal(procset_find(&ps, 12, 120), twelve);
	assert_string_equal(twelve->cmdline, "a b"); /* kept with its row */
	assert_null(procset_find(&ps, 5, 50));
	assert_null(procset_find(&ps, 9, 90));
	assert_non_null(procset_find(&ps, 9, 95));
	assert_int_equal(ps.npool, 0); /* 5 and old 9 were reused for 9 and 20 */
	procset_fini(&ps);
}

static void test_take_clears_but_keeps_buffer(void **state)
{
	struct procset ps;
	struct proc *p;
	char *buf;

	(void)state;
	procset_init(&ps);
	procset_begin(&ps);
	p = procset_push(&ps);
	p->pid = 7;
	p->rank = 3;
	proc_set_cmdline(p, "long enough command line", 24);
	buf = p->cmdline;
	procset_end(&ps);
	procset_begin(&ps); /* 7 is gone: its row goes to the pool */
	procset_end(&ps);
	assert_int_equal(ps.n, 0);
	assert_int_equal(ps.npool, 1);
	p = procset_take(&ps);
	assert_int_equal(p->pid, 0);
	assert_int_equal(p->rank, 0);
	assert_ptr_equal(p->cmdline, buf);
	assert_string_equal(p->cmdline, "");
	procset_add(&ps, p);
	procset_fini(&ps);
}

static void test_out_of_order_is_safe(void **state)
{
	static const int a[] = { 3, 4, 8 };
	static const unsigned long long sa[] = { 1, 1, 1 };
	static const int b[] = { 8, 3, 4 }; /* not ascending: fewer matches, no harm */
	struct procset ps;
	size_t reused;

	(void)state;
	procset_init(&ps);
	refresh(&ps, a, sa, 3, &reused);
	refresh(&ps, b, sa, 3, &reused);
	assert_int_equal(ps.n, 3);
	assert_true(reused >= 1);
	assert_non_null(procset_find(&ps, 3, 1));
	procset_fini(&ps);
}

static void test_cmdline_nuls_and_trailing(void **state)
{
	struct procset ps;
	struct proc *p;

	(void)state;
	procset_init(&ps);
	procset_begin(&ps);
	p = procset_push(&ps);
	proc_set_cmdline(p, "sleep\0" "10\0", 9);
	assert_string_equal(p->cmdline, "sleep 10");
	proc_set_cmdline(p, "", 0);
	assert_string_equal(p->cmdline, "");
	procset_end(&ps);
	procset_fini(&ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_by_identity),
		cmocka_unit_test(test_take_clears_but_keeps_buffer),
		cmocka_unit_test(test_out_of_order_is_safe),
		cmocka_unit_test(test_cmdline_nuls_and_trailing),
	};

	return cmocka_run_group_tests_name("proc", tests, NULL, NULL);
}
