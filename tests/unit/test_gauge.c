/* test_gauge.c - the header's gauges: percentages, levels, texts, bars, sparklines */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "gauge.h"

#define KB_GIB (1024UL * 1024)

static struct sysmem mem(unsigned long total, unsigned long avail, unsigned long swap_total,
			 unsigned long swap_free, unsigned long limit, unsigned long committed)
{
	struct sysmem m;

	memset(&m, 0, sizeof(m));
	m.mem_total_kb = total;
	m.mem_available_kb = avail;
	m.swap_total_kb = swap_total;
	m.swap_free_kb = swap_free;
	m.commit_limit_kb = limit;
	m.committed_as_kb = committed;
	return m;
}

static struct overcommit policy(int err, int mode, long ratio, unsigned long kbytes)
{
	struct overcommit oc;

	memset(&oc, 0, sizeof(oc));
	oc.err = err;
	oc.mode = mode;
	oc.ratio = ratio;
	oc.kbytes = kbytes;
	return oc;
}

/* A size as the gauges print it (the column module's own format). */
static const char *size(char *buf, unsigned long kb)
{
	column_format_size(buf, 16, kb, UNIT_AUTO, 6);
	return buf;
}

/* Committed at pct percent of a 10,000,000 kB limit. */
static struct sysmem committed_pct(double pct)
{
	return mem(16 * KB_GIB, 8 * KB_GIB, 0, 0, 10000000UL, (unsigned long)(pct * 100000.0));
}

/* --- percentages and levels ------------------------------------------------ */

static void test_commit_pct(void **state)
{
	struct sysmem m = mem(0, 0, 0, 0, 8000000, 4000000);

	(void)state;
	assert_true(gauge_commit_pct(&m) == 50.0);
	m.committed_as_kb = 12000000;
	assert_true(gauge_commit_pct(&m) == 150.0);
	m.committed_as_kb = 0;
	assert_true(gauge_commit_pct(&m) == 0.0);
	m.commit_limit_kb = 0; /* no limit read: 0, never a division by zero */
	m.committed_as_kb = 5;
	assert_true(gauge_commit_pct(&m) == 0.0);
}

static void test_commit_level_strict(void **state)
{
	struct overcommit strict = policy(0, 2, 50, 0);
	struct sysmem m;

	(void)state;
	m = committed_pct(0);
	assert_int_equal(gauge_commit_level(&m, &strict), LEVEL_OK);
	m = committed_pct(79.99);
	assert_int_equal(gauge_commit_level(&m, &strict), LEVEL_OK);
	m = committed_pct(80);
	assert_int_equal(gauge_commit_level(&m, &strict), LEVEL_WARN);
	m = committed_pct(94.99);
	assert_int_equal(gauge_commit_level(&m, &strict), LEVEL_WARN);
	m = committed_pct(95);
	assert_int_equal(gauge_commit_level(&m, &strict), LEVEL_BAD);
	m = committed_pct(150);
	assert_int_equal(gauge_commit_level(&m, &strict), LEVEL_BAD);
}

/* Modes 0 and 1 do not enforce the limit: 150 % is no alarm. */
static void test_commit_level_unenforced(void **state)
{
	struct overcommit heur = policy(0, 0, 50, 0), always = policy(0, 1, 50, 0);
	struct overcommit unknown = policy(-EINVAL, 0, 0, 0);
	double pcts[] = { 0, 50, 80, 95, 100, 150, 1000 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pcts) / sizeof(pcts[0]); i++) {
		struct sysmem m = committed_pct(pcts[i]);

		assert_int_equal(gauge_commit_level(&m, &heur), LEVEL_NONE);
		assert_int_equal(gauge_commit_level(&m, &always), LEVEL_NONE);
		assert_int_equal(gauge_commit_level(&m, &unknown), LEVEL_NONE);
	}
}

static void test_mem_pct_and_level(void **state)
{
	struct sysmem m = mem(1000000, 250000, 0, 0, 0, 0);

	(void)state;
	assert_true(gauge_mem_pct(&m) == 75.0);
	assert_int_equal(gauge_mem_level(&m), LEVEL_OK);
	m.mem_available_kb = 200100; /* 79.99 % used */
	assert_int_equal(gauge_mem_level(&m), LEVEL_OK);
	m.mem_available_kb = 200000; /* 80 % */
	assert_int_equal(gauge_mem_level(&m), LEVEL_WARN);
	m.mem_available_kb = 100100; /* 89.99 % */
	assert_int_equal(gauge_mem_level(&m), LEVEL_WARN);
	m.mem_available_kb = 100000; /* 90 % */
	assert_int_equal(gauge_mem_level(&m), LEVEL_BAD);
	m.mem_available_kb = 0;
	assert_true(gauge_mem_pct(&m) == 100.0);
	assert_int_equal(gauge_mem_level(&m), LEVEL_BAD);
	/* more available than total (never negative) */
	m.mem_available_kb = 2000000;
	assert_true(gauge_mem_pct(&m) == 0.0);
	/* nothing read */
	m = mem(0, 0, 0, 0, 0, 0);
	assert_true(gauge_mem_pct(&m) == 0.0);
}

static void test_psi_level(void **state)
{
	(void)state;
	assert_int_equal(gauge_psi_level(0), LEVEL_OK);
	assert_int_equal(gauge_psi_level(4.99), LEVEL_OK);
	assert_int_equal(gauge_psi_level(5), LEVEL_WARN);
	assert_int_equal(gauge_psi_level(19.99), LEVEL_WARN);
	assert_int_equal(gauge_psi_level(20), LEVEL_BAD);
	assert_int_equal(gauge_psi_level(100), LEVEL_BAD);
}

/* --- texts -------------------------------------------------------------------- */

static void test_commit_text_strict(void **state)
{
	struct sysmem m = mem(16 * KB_GIB, 8 * KB_GIB, 0, 0, 8 * KB_GIB, 6 * KB_GIB);
	struct overcommit oc = policy(0, 2, 80, 0);
	char buf[512], want[512], u[16], l[16], r[16];

	(void)state;
	size(u, 6 * KB_GIB);
	size(l, 8 * KB_GIB);
	size(r, 2 * KB_GIB);
	gauge_commit_text(buf, sizeof(buf), &m, &oc, DETAIL_FULL);
	snprintf(want, sizeof(want),
		 "75%% %s of %s, strict (mode 2, ratio 80%%): %s left before allocations fail", u, l,
		 r);
	assert_string_equal(buf, want);

	oc.kbytes = 1048576;
	gauge_commit_text(buf, sizeof(buf), &m, &oc, DETAIL_FULL);
	snprintf(want, sizeof(want),
		 "75%% %s of %s, strict (mode 2, overcommit_kbytes 1048576): %s left before "
		 "allocations fail", u, l, r);
	assert_string_equal(buf, want);

	gauge_commit_text(buf, sizeof(buf), &m, &oc, DETAIL_COMPACT);
	snprintf(want, sizeof(want), "75%% %s/%s strict: %s left", u, l, r);
	assert_string_equal(buf, want);

	gauge_commit_text(buf, sizeof(buf), &m, &oc, DETAIL_MIN);
	assert_string_equal(buf, "75% strict");
}

/* Past the limit in strict mode: nothing left, never a wrapped-around number. */
static void test_commit_text_strict_over(void **state)
{
	struct sysmem m = mem(16 * KB_GIB, 8 * KB_GIB, 0, 0, 4 * KB_GIB, 5 * KB_GIB);
	struct overcommit oc = policy(0, 2, 50, 0);
	char buf[512], want[512], u[16], l[16], r[16];

	(void)state;
	gauge_commit_text(buf, sizeof(buf), &m, &oc, DETAIL_FULL);
	snprintf(want, sizeof(want),
		 "125%% %s of %s, strict (mode 2, ratio 50%%): %s left before allocations fail",
		 size(u, 5 * KB_GIB), size(l, 4 * KB_GIB), size(r, 0));
	assert_string_equal(buf, want);
}

static void test_commit_text_unenforced(void **state)
{
	struct sysmem m = mem(16 * KB_GIB, 8 * KB_GIB, 0, 0, 8 * KB_GIB, 12 * KB_GIB);
	struct overcommit heur = policy(0, 0, 50, 0), always = policy(0, 1, 50, 0);
	char buf[512], want[512], u[16], l[16];

	(void)state;
	size(u, 12 * KB_GIB);
	size(l, 8 * KB_GIB);
	gauge_commit_text(buf, sizeof(buf), &m, &heur, DETAIL_FULL);
	snprintf(want, sizeof(want), "150%% %s of %s, heuristic (mode 0): the limit is not enforced",
		 u, l);
	assert_string_equal(buf, want);
	gauge_commit_text(buf, sizeof(buf), &m, &always, DETAIL_FULL);
	snprintf(want, sizeof(want),
		 "150%% %s of %s, always (mode 1): the limit is not enforced, every allocation "
		 "succeeds", u, l);
	assert_string_equal(buf, want);
	assert_null(strstr(buf, "left before allocations fail"));

	gauge_commit_text(buf, sizeof(buf), &m, &heur, DETAIL_COMPACT);
	snprintf(want, sizeof(want), "150%% %s/%s heuristic: not enforced", u, l);
	assert_string_equal(buf, want);
	gauge_commit_text(buf, sizeof(buf), &m, &always, DETAIL_COMPACT);
	snprintf(want, sizeof(want), "150%% %s/%s always: not enforced", u, l);
	assert_string_equal(buf, want);

	gauge_commit_text(buf, sizeof(buf), &m, &heur, DETAIL_MIN);
	assert_string_equal(buf, "150% not enforced");
	gauge_commit_text(buf, sizeof(buf), &m, &always, DETAIL_MIN);
	assert_string_equal(buf, "150% not enforced");
}

static void test_commit_text_unknown_policy(void **state)
{
	struct sysmem m = mem(16 * KB_GIB, 8 * KB_GIB, 0, 0, 8 * KB_GIB, 2 * KB_GIB);
	struct overcommit oc = policy(-EINVAL, 2, 80, 0); /* stale fields must not count */
	char buf[512], want[512], u[16], l[16];

	(void)state;
	size(u, 2 * KB_GIB);
	size(l, 8 * KB_GIB);
	gauge_commit_text(buf, sizeof(buf), &m, &oc, DETAIL_FULL);
	snprintf(want, sizeof(want), "25%% %s of %s, overcommit policy unknown", u, l);
	assert_string_equal(buf, want);
	gauge_commit_text(buf, sizeof(buf), &m, &oc, DETAIL_COMPACT);
	assert_string_equal(buf, want);
	gauge_commit_text(buf, sizeof(buf), &m, &oc, DETAIL_MIN);
	assert_string_equal(buf, "25% ?");
	assert_int_equal(gauge_commit_level(&m, &oc), LEVEL_NONE);
}

/* A short buffer is cut, NUL-terminated, never overrun (ASan checks). */
static void test_texts_short_buffer(void **state)
{
	struct sysmem m = mem(16 * KB_GIB, 8 * KB_GIB, 4 * KB_GIB, KB_GIB, 8 * KB_GIB, 6 * KB_GIB);
	struct overcommit oc = policy(0, 2, 80, 0);
	size_t cap;

	(void)state;
	for (cap = 1; cap < 24; cap++) {
		char *buf = malloc(cap);

		assert_non_null(buf);
		gauge_commit_text(buf, cap, &m, &oc, DETAIL_FULL);
		assert_true(strlen(buf) < cap);
		gauge_mem_text(buf, cap, &m, DETAIL_FULL);
		assert_true(strlen(buf) < cap);
		gauge_swap_text(buf, cap, &m, DETAIL_FULL);
		assert_true(strlen(buf) < cap);
		free(buf);
	}
}

static void test_mem_text(void **state)
{
	struct sysmem m = mem(16 * KB_GIB, 4 * KB_GIB, 0, 0, 0, 0);
	char buf[256], want[256], u[16], t[16], a[16];

	(void)state;
	size(u, 12 * KB_GIB);
	size(t, 16 * KB_GIB);
	size(a, 4 * KB_GIB);
	gauge_mem_text(buf, sizeof(buf), &m, DETAIL_FULL);
	snprintf(want, sizeof(want), "75%% %s used of %s, %s available", u, t, a);
	assert_string_equal(buf, want);
	gauge_mem_text(buf, sizeof(buf), &m, DETAIL_COMPACT);
	snprintf(want, sizeof(want), "75%% %s/%s", u, t);
	assert_string_equal(buf, want);
	gauge_mem_text(buf, sizeof(buf), &m, DETAIL_MIN);
	assert_string_equal(buf, "75%");
}

static void test_swap_text(void **state)
{
	struct sysmem m = mem(16 * KB_GIB, 4 * KB_GIB, 0, 0, 0, 0);
	char buf[128], want[128], u[16], t[16];

	(void)state;
	gauge_swap_text(buf, sizeof(buf), &m, DETAIL_FULL);
	assert_string_equal(buf, "no swap");
	gauge_swap_text(buf, sizeof(buf), &m, DETAIL_COMPACT);
	assert_string_equal(buf, "no swap");
	gauge_swap_text(buf, sizeof(buf), &m, DETAIL_MIN);
	assert_string_equal(buf, "no swap");

	m.swap_total_kb = 4 * KB_GIB;
	m.swap_free_kb = 3 * KB_GIB;
	size(u, KB_GIB);
	size(t, 4 * KB_GIB);
	gauge_swap_text(buf, sizeof(buf), &m, DETAIL_FULL);
	snprintf(want, sizeof(want), "25%% %s used of %s", u, t);
	assert_string_equal(buf, want);
	gauge_swap_text(buf, sizeof(buf), &m, DETAIL_COMPACT);
	snprintf(want, sizeof(want), "25%% %s/%s", u, t);
	assert_string_equal(buf, want);
	gauge_swap_text(buf, sizeof(buf), &m, DETAIL_MIN);
	assert_string_equal(buf, "25%");

	/* swap all free, and free above total (a race in meminfo): 0 %, not negative */
	m.swap_free_kb = 4 * KB_GIB;
	gauge_swap_text(buf, sizeof(buf), &m, DETAIL_MIN);
	assert_string_equal(buf, "0%");
	m.swap_free_kb = 5 * KB_GIB;
	gauge_swap_text(buf, sizeof(buf), &m, DETAIL_MIN);
	assert_string_equal(buf, "0%");
}

static struct psi psi_sample(void)
{
	struct psi p;

	memset(&p, 0, sizeof(p));
	p.when = 10;
	p.r[PSI_MEMORY].some = (struct psi_line){ true, 0.12, 0.30, 0.25, 1000 };
	p.r[PSI_MEMORY].full = (struct psi_line){ true, 0.05, 0.10, 0.08, 500 };
	p.r[PSI_IO].some = (struct psi_line){ true, 1.17, 0.93, 0.61, 2000 };
	p.r[PSI_IO].full = (struct psi_line){ true, 0.54, 0.40, 0.27, 900 };
	p.r[PSI_CPU].some = (struct psi_line){ true, 12.46, 9.80, 7.02, 3000 };
	return p; /* cpu without "full", as before 5.13 */
}

static void test_psi_text(void **state)
{
	struct psi p = psi_sample();
	char buf[256];

	(void)state;
	gauge_psi_text(buf, sizeof(buf), &p, PSI_MEMORY, 1.04, 0.5, DETAIL_FULL);
	assert_string_equal(buf, "memory some 0.12 0.30 0.25 now 1.0%  full 0.05 0.10 0.08 now 0.5%");
	gauge_psi_text(buf, sizeof(buf), &p, PSI_IO, -1, -1, DETAIL_FULL);
	assert_string_equal(buf, "io     some 1.17 0.93 0.61 now -  full 0.54 0.40 0.27 now -");
	gauge_psi_text(buf, sizeof(buf), &p, PSI_CPU, 33.333, -1, DETAIL_FULL);
	assert_string_equal(buf, "cpu    some 12.46 9.80 7.02 now 33.3%  full -");

	gauge_psi_text(buf, sizeof(buf), &p, PSI_MEMORY, 1.04, 0.5, DETAIL_COMPACT);
	assert_string_equal(buf, "memory 0.12 1.0%");
	gauge_psi_text(buf, sizeof(buf), &p, PSI_IO, -1, -1, DETAIL_COMPACT);
	assert_string_equal(buf, "io 1.17 -");

	gauge_psi_text(buf, sizeof(buf), &p, PSI_MEMORY, 0, 0, DETAIL_MIN);
	assert_string_equal(buf, "memory 0.0%");
	gauge_psi_text(buf, sizeof(buf), &p, PSI_CPU, -1, -1, DETAIL_MIN);
	assert_string_equal(buf, "cpu -");
}

/* A resource that could not be read says so, never zeros that look real. */
static void test_psi_text_unavailable(void **state)
{
	struct psi p = psi_sample();
	char buf[256];
	enum detail d;

	(void)state;
	p.r[PSI_IO].err = -ENOENT;
	memset(&p.r[PSI_IO].some, 0, sizeof(p.r[PSI_IO].some));
	for (d = DETAIL_MIN; d <= DETAIL_FULL; d++) {
		gauge_psi_text(buf, sizeof(buf), &p, PSI_IO, 5.0, 1.0, d);
		assert_string_equal(buf, "io unavailable");
	}
}

/* --- bars ---------------------------------------------------------------------- */

/* Cells of a bar: UTF-8 code points; each must be U+2588, ' ' or '|'. */
static int bar_cells(const char *s, bool utf8, int *filled)
{
	int cells = 0;

	*filled = 0;
	while (*s) {
		if (utf8 && (unsigned char)s[0] == 0xe2) {
			assert_int_equal((unsigned char)s[1], 0x96);
			assert_int_equal((unsigned char)s[2], 0x88);
			s += 3;
			(*filled)++;
		} else {
			assert_true(*s == ' ' || (!utf8 && *s == '|'));
			if (*s == '|')
				(*filled)++;
			s++;
		}
		cells++;
	}
	return cells;
}

static void test_bar_ascii(void **state)
{
	char buf[256];
	int filled;

	(void)state;
	gauge_bar(buf, sizeof(buf), 50, 10, false);
	assert_string_equal(buf, "|||||     ");
	gauge_bar(buf, sizeof(buf), 0, 10, false);
	assert_string_equal(buf, "          ");
	gauge_bar(buf, sizeof(buf), 100, 10, false);
	assert_string_equal(buf, "||||||||||");
	gauge_bar(buf, sizeof(buf), -20, 10, false);
	assert_string_equal(buf, "          ");
	gauge_bar(buf, sizeof(buf), 150, 10, false);
	assert_string_equal(buf, "||||||||||");
	/* rounding: 4.9 % of 10 cells is 0, 5 % is 1, 94.9 % is 9, 95 % is 10 */
	gauge_bar(buf, sizeof(buf), 4.9, 10, false);
	assert_int_equal(bar_cells(buf, false, &filled), 10);
	assert_int_equal(filled, 0);
	gauge_bar(buf, sizeof(buf), 5, 10, false);
	bar_cells(buf, false, &filled);
	assert_int_equal(filled, 1);
	gauge_bar(buf, sizeof(buf), 94.9, 10, false);
	bar_cells(buf, false, &filled);
	assert_int_equal(filled, 9);
	gauge_bar(buf, sizeof(buf), 95, 10, false);
	bar_cells(buf, false, &filled);
	assert_int_equal(filled, 10);
	gauge_bar(buf, sizeof(buf), 50, 0, false);
	assert_string_equal(buf, "");
}

/* Every width and percentage: exactly width cells, the fill by the rounded share. */
static void test_bar_widths(void **state)
{
	char buf[512];
	int width, pct, filled;

	(void)state;
	for (width = 1; width <= 40; width++) {
		for (pct = -10; pct <= 160; pct += 5) {
			double c = pct < 0 ? 0 : pct > 100 ? 100 : pct;
			int want = (int)(c * width / 100.0 + 0.5);

			gauge_bar(buf, sizeof(buf), pct, width, false);
			assert_int_equal(bar_cells(buf, false, &filled), width);
			assert_int_equal(filled, want);
			gauge_bar(buf, sizeof(buf), pct, width, true);
			assert_int_equal(bar_cells(buf, true, &filled), width);
			assert_int_equal(filled, want);
		}
	}
}

static void test_bar_utf8(void **state)
{
	char buf[256];
	int filled;

	(void)state;
	gauge_bar(buf, sizeof(buf), 50, 4, true);
	assert_string_equal(buf, "\xe2\x96\x88\xe2\x96\x88  ");
	gauge_bar(buf, sizeof(buf), 100, 20, true);
	assert_int_equal(bar_cells(buf, true, &filled), 20);
	assert_int_equal(filled, 20);
	assert_int_equal(strlen(buf), 60);
}

/* A buffer too small for the bar: cut at a whole glyph, never overrun (ASan). */
static void test_bar_small_buffer(void **state)
{
	size_t cap;
	int filled;

	(void)state;
	for (cap = 1; cap <= 64; cap++) {
		char *buf = malloc(cap);

		assert_non_null(buf);
		gauge_bar(buf, cap, 100, 20, true);
		assert_true(strlen(buf) < cap);
		assert_true(bar_cells(buf, true, &filled) <= 20);
		gauge_bar(buf, cap, 50, 20, false);
		assert_true(strlen(buf) < cap);
		assert_true(bar_cells(buf, false, &filled) <= 20);
		free(buf);
	}
}

/*
 * The screen draws the bar into char[width * 3 + 1] (view_header.c,
 * BAR_FULL * 3 + 1): room for every cell as U+2588 and the NUL. A full bar
 * must still have width cells there, or "]" moves left by one.
 */
static void test_bar_utf8_exact_buffer(void **state)
{
	int width, filled;

	(void)state;
	for (width = 20; width >= 1; width--) { /* 20: BAR_FULL, the one on screen */
		size_t cap = (size_t)width * 3 + 1;
		char *buf = malloc(cap);
		int cells;

		assert_non_null(buf);
		gauge_bar(buf, cap, 100, width, true);
		cells = bar_cells(buf, true, &filled);
		if (cells != width) {
			print_error("width %d, 100 %%, buffer %zu: %d cells, want %d\n", width, cap,
				    cells, width);
			free(buf);
			fail();
		}
		free(buf);
	}
}

/* The same in ASCII: width cells fit in char[width + 1]. */
static void test_bar_ascii_exact_buffer(void **state)
{
	int width, filled;

	(void)state;
	for (width = 20; width >= 1; width--) {
		size_t cap = (size_t)width + 1;
		char *buf = malloc(cap);
		int cells;

		assert_non_null(buf);
		gauge_bar(buf, cap, 50, width, false);
		cells = bar_cells(buf, false, &filled);
		if (cells != width) {
			print_error("width %d, buffer %zu: %d cells, want %d\n", width, cap, cells,
				    width);
			free(buf);
			fail();
		}
		free(buf);
	}
}

/* --- sparklines ------------------------------------------------------------------ */

static void history(struct psi_history *h, const double *v, size_t n)
{
	size_t i;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < n; i++)
		psi_history_push(h, v[i]);
}

/* Glyph levels of a UTF-8 sparkline (0..7 for U+2581..U+2588); returns the count. */
static size_t spark_levels(const char *s, int *lv, size_t max)
{
	size_t n = 0;

	while (*s) {
		assert_int_equal((unsigned char)s[0], 0xe2);
		assert_int_equal((unsigned char)s[1], 0x96);
		assert_true((unsigned char)s[2] >= 0x81 && (unsigned char)s[2] <= 0x88);
		if (n < max)
			lv[n] = (unsigned char)s[2] - 0x81;
		n++;
		s += 3;
	}
	return n;
}

static void test_sparkline_empty(void **state)
{
	struct psi_history h;
	char buf[64];

	(void)state;
	memset(&h, 0, sizeof(h));
	memset(buf, 'x', sizeof(buf));
	gauge_sparkline(buf, sizeof(buf), &h, 10, true);
	assert_string_equal(buf, "");
	gauge_sparkline(buf, sizeof(buf), &h, 10, false);
	assert_string_equal(buf, "");
	psi_history_push(&h, 3);
	gauge_sparkline(buf, sizeof(buf), &h, 0, false);
	assert_string_equal(buf, "");
}

static void test_sparkline_scaling(void **state)
{
	static const double unit[] = { 0, 0.5, 1.0 };
	static const double ten[] = { 0, 5, 10 };
	static const double noise[] = { 0.2, 0.2, 0 };
	struct psi_history h;
	char buf[128];
	int lv[8];

	(void)state;
	history(&h, unit, 3);
	gauge_sparkline(buf, sizeof(buf), &h, 10, false);
	assert_string_equal(buf, "_=#");
	gauge_sparkline(buf, sizeof(buf), &h, 10, true);
	assert_int_equal(spark_levels(buf, lv, 8), 3);
	assert_int_equal(lv[0], 0);
	assert_int_equal(lv[1], 4);
	assert_int_equal(lv[2], 7);

	/* scaled up to the maximum: 10 % is the top */
	history(&h, ten, 3);
	gauge_sparkline(buf, sizeof(buf), &h, 10, false);
	assert_string_equal(buf, "_=#");
	gauge_sparkline(buf, sizeof(buf), &h, 10, true);
	spark_levels(buf, lv, 8);
	assert_int_equal(lv[0], 0);
	assert_int_equal(lv[2], 7);

	/* below 1 % stays low (scaled to at least 1 %) */
	history(&h, noise, 3);
	gauge_sparkline(buf, sizeof(buf), &h, 10, false);
	assert_string_equal(buf, ".._");
	gauge_sparkline(buf, sizeof(buf), &h, 10, true);
	assert_int_equal(spark_levels(buf, lv, 8), 3);
	assert_int_equal(lv[0], 1);
	assert_int_equal(lv[2], 0);
}

/* Only the last width values, scaled to their own maximum. */
static void test_sparkline_width(void **state)
{
	struct psi_history h;
	char buf[256];
	int lv[PSI_HISTORY];
	size_t i;

	(void)state;
	memset(&h, 0, sizeof(h));
	for (i = 1; i <= 10; i++)
		psi_history_push(&h, (double)i);
	gauge_sparkline(buf, sizeof(buf), &h, 3, false);
	assert_string_equal(buf, "*##"); /* 8, 9, 10 of 10 */
	gauge_sparkline(buf, sizeof(buf), &h, 3, true);
	assert_int_equal(spark_levels(buf, lv, PSI_HISTORY), 3);
	assert_int_equal(lv[2], 7);
	gauge_sparkline(buf, sizeof(buf), &h, 40, false);
	assert_int_equal(strlen(buf), 10);
	assert_int_equal(buf[9], '#');

	/* after wrap-around the newest value is the last glyph */
	memset(&h, 0, sizeof(h));
	for (i = 0; i < 3 * PSI_HISTORY; i++)
		psi_history_push(&h, 0);
	psi_history_push(&h, 50);
	gauge_sparkline(buf, sizeof(buf), &h, PSI_HISTORY, true);
	assert_int_equal(spark_levels(buf, lv, PSI_HISTORY), PSI_HISTORY);
	assert_int_equal(lv[PSI_HISTORY - 1], 7);
	assert_int_equal(lv[0], 0);
}

/* Whatever the values, every glyph is in range and the count is min(n, width). */
static void test_sparkline_glyph_ranges(void **state)
{
	struct psi_history h;
	char buf[PSI_HISTORY * 3 + 64];
	int lv[PSI_HISTORY];
	unsigned int seed = 12345;
	size_t i, n;
	int width;

	(void)state;
	for (n = 0; n <= PSI_HISTORY + 10; n += 7) {
		memset(&h, 0, sizeof(h));
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			psi_history_push(&h, (double)(seed >> 16) / 65536.0 * (i % 3 ? 300.0 : 0.9));
		}
		for (width = 1; width <= PSI_HISTORY; width += 9) {
			size_t want = h.n < (size_t)width ? h.n : (size_t)width;

			gauge_sparkline(buf, sizeof(buf), &h, width, true);
			assert_int_equal(spark_levels(buf, lv, PSI_HISTORY), want);
			gauge_sparkline(buf, sizeof(buf), &h, width, false);
			assert_int_equal(strlen(buf), want);
			assert_int_equal(strspn(buf, "_.-=*#"), want);
		}
	}
}

static void test_sparkline_small_buffer(void **state)
{
	struct psi_history h;
	size_t cap, i;
	int lv[PSI_HISTORY];

	(void)state;
	memset(&h, 0, sizeof(h));
	for (i = 0; i < PSI_HISTORY; i++)
		psi_history_push(&h, (double)i);
	for (cap = 1; cap <= 40; cap++) {
		char *buf = malloc(cap);

		assert_non_null(buf);
		gauge_sparkline(buf, cap, &h, 32, true);
		assert_true(strlen(buf) < cap);
		spark_levels(buf, lv, PSI_HISTORY);
		gauge_sparkline(buf, cap, &h, 32, false);
		assert_true(strlen(buf) < cap);
		free(buf);
	}
}

/*
 * The screen draws the sparkline into char[SPARK_MAX * 3 + 1] with width up
 * to SPARK_MAX (view_header.c). With a full history the last glyph must be
 * the newest value; a glyph short drops exactly that one.
 */
static void test_sparkline_utf8_exact_buffer(void **state)
{
	struct psi_history h;
	int width, lv[PSI_HISTORY];
	size_t i;

	(void)state;
	memset(&h, 0, sizeof(h));
	for (i = 0; i < PSI_HISTORY - 1; i++)
		psi_history_push(&h, 0);
	psi_history_push(&h, 40); /* the newest: the top glyph */
	for (width = 32; width >= 1; width--) { /* 32: SPARK_MAX, the one on screen */
		size_t cap = (size_t)width * 3 + 1, n;
		char *buf = malloc(cap);

		assert_non_null(buf);
		gauge_sparkline(buf, cap, &h, width, true);
		n = spark_levels(buf, lv, PSI_HISTORY);
		if (n != (size_t)width || lv[n - 1] != 7) {
			print_error("width %d, buffer %zu: %zu glyphs, want %d ending with the "
				    "newest value\n", width, cap, n, width);
			free(buf);
			fail();
		}
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_pct),
		cmocka_unit_test(test_commit_level_strict),
		cmocka_unit_test(test_commit_level_unenforced),
		cmocka_unit_test(test_mem_pct_and_level),
		cmocka_unit_test(test_psi_level),
		cmocka_unit_test(test_commit_text_strict),
		cmocka_unit_test(test_commit_text_strict_over),
		cmocka_unit_test(test_commit_text_unenforced),
		cmocka_unit_test(test_commit_text_unknown_policy),
		cmocka_unit_test(test_texts_short_buffer),
		cmocka_unit_test(test_mem_text),
		cmocka_unit_test(test_swap_text),
		cmocka_unit_test(test_psi_text),
		cmocka_unit_test(test_psi_text_unavailable),
		cmocka_unit_test(test_bar_ascii),
		cmocka_unit_test(test_bar_widths),
		cmocka_unit_test(test_bar_utf8),
		cmocka_unit_test(test_bar_small_buffer),
		cmocka_unit_test(test_bar_utf8_exact_buffer),
		cmocka_unit_test(test_bar_ascii_exact_buffer),
		cmocka_unit_test(test_sparkline_empty),
		cmocka_unit_test(test_sparkline_scaling),
		cmocka_unit_test(test_sparkline_width),
		cmocka_unit_test(test_sparkline_glyph_ranges),
		cmocka_unit_test(test_sparkline_small_buffer),
		cmocka_unit_test(test_sparkline_utf8_exact_buffer),
	};

	return cmocka_run_group_tests_name("gauge", tests, NULL, NULL);
}
