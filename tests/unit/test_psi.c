/* test_psi.c - the /proc/pressure parser, reader, stall rate and history */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "psi.h"

/* Linux 4.20 to 5.12: memory and io have "some" and "full", cpu only "some". */
static const char memory_4_20[] =
	"some avg10=0.00 avg60=0.05 avg300=0.12 total=2748573\n"
	"full avg10=0.00 avg60=0.01 avg300=0.03 total=1063220\n";
static const char io_4_20[] =
	"some avg10=1.17 avg60=0.93 avg300=0.61 total=87452331\n"
	"full avg10=0.54 avg60=0.40 avg300=0.27 total=52009114\n";
static const char cpu_4_20[] =
	"some avg10=12.46 avg60=9.80 avg300=7.02 total=903371207\n";

/* Linux 5.13+: cpu gained a "full" line (zero at the system level). */
static const char cpu_5_13[] =
	"some avg10=3.21 avg60=2.50 avg300=1.98 total=40220013\n"
	"full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

/* Linux 6.x under heavy memory pressure: large totals, an avg of 100. */
static const char memory_6_x[] =
	"some avg10=100.00 avg60=87.31 avg300=45.09 total=18446744073709551615\n"
	"full avg10=98.76 avg60=80.00 avg300=40.50 total=9876543210123\n";

/* Parse s from an exact-size heap copy, so that ASan sees any overread. */
static int parse(const char *s, size_t len, struct psi_stat *st)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, s, len);
	rc = psi_parse(copy, len, st);
	free(copy);
	return rc;
}

#define PARSE(lit, st) parse(lit, sizeof(lit) - 1, st)

static void expect_line(const struct psi_line *l, double a10, double a60, double a300,
			unsigned long long total)
{
	assert_true(l->present);
	assert_true(l->avg10 == a10);
	assert_true(l->avg60 == a60);
	assert_true(l->avg300 == a300);
	assert_true(l->total == total);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(psi_name(PSI_MEMORY), "memory");
	assert_string_equal(psi_name(PSI_IO), "io");
	assert_string_equal(psi_name(PSI_CPU), "cpu");
}

static void test_kernel_4_20(void **state)
{
	struct psi_stat st;

	(void)state;
	assert_int_equal(PARSE(memory_4_20, &st), 0);
	expect_line(&st.some, 0.00, 0.05, 0.12, 2748573);
	expect_line(&st.full, 0.00, 0.01, 0.03, 1063220);
	assert_int_equal(PARSE(io_4_20, &st), 0);
	expect_line(&st.some, 1.17, 0.93, 0.61, 87452331);
	expect_line(&st.full, 0.54, 0.40, 0.27, 52009114);
}

static void test_cpu_without_full(void **state)
{
	struct psi_stat st;

	(void)state;
	memset(&st, 0xff, sizeof(st));
	assert_int_equal(PARSE(cpu_4_20, &st), 0);
	assert_int_equal(st.err, 0);
	expect_line(&st.some, 12.46, 9.80, 7.02, 903371207);
	assert_false(st.full.present);
	assert_true(st.full.total == 0);
	assert_true(st.full.avg10 == 0);
}

static void test_cpu_with_full(void **state)
{
	struct psi_stat st;

	(void)state;
	assert_int_equal(PARSE(cpu_5_13, &st), 0);
	expect_line(&st.some, 3.21, 2.50, 1.98, 40220013);
	expect_line(&st.full, 0, 0, 0, 0);
}

static void test_kernel_6_x_extremes(void **state)
{
	struct psi_stat st;

	(void)state;
	assert_int_equal(PARSE(memory_6_x, &st), 0);
	expect_line(&st.some, 100.00, 87.31, 45.09, 18446744073709551615ULL);
	expect_line(&st.full, 98.76, 80.00, 40.50, 9876543210123ULL);
}

/* A full line after a some-only file must not survive into the next parse. */
static void test_out_is_reset(void **state)
{
	struct psi_stat st;

	(void)state;
	assert_int_equal(PARSE(memory_4_20, &st), 0);
	assert_int_equal(PARSE(cpu_4_20, &st), 0);
	assert_false(st.full.present);
	assert_true(st.full.total == 0);
}

/* Every strict prefix of a file is an error, except the one that ends right
 * after the "some" line (a valid some-only file). */
static void test_every_prefix(void **state)
{
	static const char *const files[] = { memory_4_20, io_4_20, cpu_4_20, cpu_5_13, memory_6_x };
	size_t f, len;

	(void)state;
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		size_t total = strlen(files[f]);
		size_t first = (size_t)(strchr(files[f], '\n') - files[f]) + 1;

		for (len = 0; len < total; len++) {
			struct psi_stat st;
			int rc = parse(files[f], len, &st);

			if (len == first) {
				assert_int_equal(rc, 0);
				assert_false(st.full.present);
			} else if (rc != -EINVAL) {
				print_error("file %zu cut at %zu of %zu: rc %d, want -EINVAL\n", f, len,
					    total, rc);
				fail();
			}
		}
	}
}

static void test_truncated(void **state)
{
	static const char *const bad[] = {
		/* no final newline */
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=12",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=12\n"
		"full avg10=0.00 avg60=0.00 avg300=0.00 total=3",
		/* cut mid-line, then a newline */
		"some avg10=0.00 avg60=0.0\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=12\nfull avg10=0.00 avg60=\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 tot\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00\n",
		"some avg10=0.00\n",
		"some \n",
		"some\n",
		"so",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct psi_stat st;
		int rc = parse(bad[i], strlen(bad[i]), &st);

		if (rc != -EINVAL) {
			print_error("truncated #%zu \"%s\": rc %d, want -EINVAL\n", i, bad[i], rc);
			fail();
		}
	}
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		/* empty file, empty lines */
		"",
		"\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n\n",
		/* missing total= or another key, keys out of order or misspelt */
		"some avg10=0.00 avg60=0.00 avg300=0.00 5\n",
		"some avg10=0.00 avg60=0.00 total=5\n",
		"some avg60=0.00 avg10=0.00 avg300=0.00 total=5\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 totl=5\n",
		"some avg10 0.00 avg60=0.00 avg300=0.00 total=5\n",
		/* letters */
		"some avg10=abc avg60=0.00 avg300=0.00 total=5\n",
		"some avg10=0.0x avg60=0.00 avg300=0.00 total=5\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=12a\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=0x10\n",
		"some avg10=nan avg60=0.00 avg300=0.00 total=5\n",
		"some avg10=inf avg60=0.00 avg300=0.00 total=5\n",
		"some avg10=1e2 avg60=0.00 avg300=0.00 total=5\n",
		/* negative */
		"some avg10=-1.00 avg60=0.00 avg300=0.00 total=5\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=-5\n",
		/* avg over 100 */
		"some avg10=100.01 avg60=0.00 avg300=0.00 total=5\n",
		"some avg10=0.00 avg60=250.00 avg300=0.00 total=5\n",
		"some avg10=0.00 avg60=0.00 avg300=1000000.00 total=5\n",
		/* odd numbers */
		"some avg10=1.2.3 avg60=0.00 avg300=0.00 total=5\n",
		"some avg10=. avg60=0.00 avg300=0.00 total=5\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=1.5\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=18446744073709551616\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=99999999999999999999999999999999999\n",
		"some avg10=0.000000000000000000000000000000000001 avg60=0 avg300=0 total=5\n",
		/* duplicate lines */
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n"
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=6\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n"
		"full avg10=0.00 avg60=0.00 avg300=0.00 total=1\n"
		"full avg10=0.00 avg60=0.00 avg300=0.00 total=2\n",
		/* unknown or misplaced lines */
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n"
		"partial avg10=0.00 avg60=0.00 avg300=0.00 total=5\n",
		"full avg10=0.00 avg60=0.00 avg300=0.00 total=5\n",
		"Some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n",
		" some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n",
		"some\tavg10=0.00 avg60=0.00 avg300=0.00 total=5\n",
		"some avg10=0.00 avg60=0.00 avg300=0.00 total=5\r\n",
		"MemTotal:       16310536 kB\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct psi_stat st;
		int rc = parse(bad[i], strlen(bad[i]), &st);

		if (rc != -EINVAL) {
			print_error("malformed #%zu \"%s\": rc %d, want -EINVAL\n", i, bad[i], rc);
			fail();
		}
	}
}

/* A NUL byte inside the buffer is not the end of the text. */
static void test_embedded_nul(void **state)
{
	static const char nul[] = "some avg10=0.00 avg60=0.00\0avg300=0.00 total=5\n";
	struct psi_stat st;

	(void)state;
	assert_int_equal(PARSE(nul, &st), -EINVAL);
}

/* --- psi_read against a directory of files --------------------------------- */

struct tmpdir {
	char path[64];
};

static void tmpdir_make(struct tmpdir *t)
{
	snprintf(t->path, sizeof(t->path), "%s", "/tmp/oomtop-psi.XXXXXX");
	assert_non_null(mkdtemp(t->path));
}

static void tmpdir_put(const struct tmpdir *t, const char *name, const char *text)
{
	char path[128], tmp[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", t->path, name);
	snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", t->path, name);
	fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(rename(tmp, path), 0);
}

static void tmpdir_remove(const struct tmpdir *t)
{
	static const char *const names[] = { "memory", "io", "cpu" };
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", t->path, names[i]);
		if (unlink(path) < 0)
			rmdir(path);
	}
	assert_int_equal(rmdir(t->path), 0);
}

static void expect_zeroed(const struct psi_stat *st)
{
	assert_false(st->some.present);
	assert_false(st->full.present);
	assert_true(st->some.total == 0 && st->full.total == 0);
	assert_true(st->some.avg10 == 0 && st->some.avg60 == 0 && st->some.avg300 == 0);
	assert_true(st->full.avg10 == 0 && st->full.avg60 == 0 && st->full.avg300 == 0);
}

static void test_read_dir(void **state)
{
	struct tmpdir t;
	struct psi p;

	(void)state;
	tmpdir_make(&t);
	tmpdir_put(&t, "memory", memory_4_20);
	tmpdir_put(&t, "io", io_4_20);
	tmpdir_put(&t, "cpu", cpu_4_20);
	memset(&p, 0xff, sizeof(p));
	psi_read(t.path, &p);
	assert_true(p.when > 0);
	assert_int_equal(p.r[PSI_MEMORY].err, 0);
	assert_int_equal(p.r[PSI_IO].err, 0);
	assert_int_equal(p.r[PSI_CPU].err, 0);
	expect_line(&p.r[PSI_MEMORY].some, 0.00, 0.05, 0.12, 2748573);
	expect_line(&p.r[PSI_MEMORY].full, 0.00, 0.01, 0.03, 1063220);
	expect_line(&p.r[PSI_IO].full, 0.54, 0.40, 0.27, 52009114);
	expect_line(&p.r[PSI_CPU].some, 12.46, 9.80, 7.02, 903371207);
	assert_false(p.r[PSI_CPU].full.present);
	assert_null(psi_unavailable(&p));

	tmpdir_put(&t, "cpu", cpu_5_13);
	psi_read(t.path, &p);
	assert_int_equal(p.r[PSI_CPU].err, 0);
	expect_line(&p.r[PSI_CPU].full, 0, 0, 0, 0);
	tmpdir_remove(&t);
}

/* The time of each read moves forward. */
static void test_read_when(void **state)
{
	struct tmpdir t;
	struct psi a, b;

	(void)state;
	tmpdir_make(&t);
	tmpdir_put(&t, "memory", memory_4_20);
	tmpdir_put(&t, "io", io_4_20);
	tmpdir_put(&t, "cpu", cpu_5_13);
	psi_read(t.path, &a);
	usleep(2000);
	psi_read(t.path, &b);
	assert_true(b.when > a.when);
	assert_true(b.when - a.when < 5.0);
	tmpdir_remove(&t);
}

static void test_read_missing_dir(void **state)
{
	struct psi p;
	int r;

	(void)state;
	memset(&p, 0xff, sizeof(p));
	psi_read("/nonexistent/oomtop-psi-test", &p);
	for (r = 0; r < PSI_COUNT; r++) {
		assert_int_equal(p.r[r].err, -ENOENT);
		expect_zeroed(&p.r[r]);
	}
	assert_string_equal(psi_unavailable(&p),
			    "PSI unavailable: this kernel has no /proc/pressure (CONFIG_PSI off)");
}

/* Each resource has its own err; one missing file does not hide the others. */
static void test_read_one_missing(void **state)
{
	struct tmpdir t;
	struct psi p;

	(void)state;
	tmpdir_make(&t);
	tmpdir_put(&t, "memory", memory_4_20);
	tmpdir_put(&t, "io", io_4_20);
	psi_read(t.path, &p);
	assert_int_equal(p.r[PSI_MEMORY].err, 0);
	assert_int_equal(p.r[PSI_IO].err, 0);
	assert_int_equal(p.r[PSI_CPU].err, -ENOENT);
	expect_zeroed(&p.r[PSI_CPU]);
	expect_line(&p.r[PSI_IO].some, 1.17, 0.93, 0.61, 87452331);
	assert_null(psi_unavailable(&p));
	tmpdir_remove(&t);
}

/* A truncated or malformed file is -EINVAL with every value zero: no garbage. */
static void test_read_truncated(void **state)
{
	struct tmpdir t;
	struct psi p;

	(void)state;
	tmpdir_make(&t);
	tmpdir_put(&t, "memory", "some avg10=0.00 avg60=0.05 avg300=0.12 total=2748573\n"
				  "full avg10=0.00 avg60=0.0");
	tmpdir_put(&t, "io", "");
	tmpdir_put(&t, "cpu", "some avg10=12.46 avg60=9.80 avg300=7.02 total=9033\nbogus\n");
	memset(&p, 0xff, sizeof(p));
	psi_read(t.path, &p);
	assert_int_equal(p.r[PSI_MEMORY].err, -EINVAL);
	assert_int_equal(p.r[PSI_IO].err, -EINVAL);
	assert_int_equal(p.r[PSI_CPU].err, -EINVAL);
	expect_zeroed(&p.r[PSI_MEMORY]);
	expect_zeroed(&p.r[PSI_IO]);
	expect_zeroed(&p.r[PSI_CPU]);
	assert_string_equal(psi_unavailable(&p),
			    "PSI unavailable: /proc/pressure/memory is not in the expected format");
	tmpdir_remove(&t);
}

/* A directory where a file should be: the read fails (EISDIR), said in words. */
static void test_read_directory_instead_of_file(void **state)
{
	struct tmpdir t;
	char sub[128];
	struct psi p;

	(void)state;
	tmpdir_make(&t);
	snprintf(sub, sizeof(sub), "%s/memory", t.path);
	assert_int_equal(mkdir(sub, 0700), 0);
	tmpdir_put(&t, "io", io_4_20);
	tmpdir_put(&t, "cpu", cpu_4_20);
	psi_read(t.path, &p);
	assert_int_equal(p.r[PSI_MEMORY].err, -EISDIR);
	expect_zeroed(&p.r[PSI_MEMORY]);
	assert_int_equal(p.r[PSI_IO].err, 0);
	assert_string_equal(psi_unavailable(&p),
			    "PSI unavailable: /proc/pressure/memory cannot be read");
	tmpdir_remove(&t);
}

/* --- psi_unavailable: the words for each error ----------------------------- */

static void test_unavailable_words(void **state)
{
	static const struct {
		int err;
		const char *words;
	} cases[] = {
		{ 0, NULL },
		{ -ENOENT, "PSI unavailable: this kernel has no /proc/pressure (CONFIG_PSI off)" },
		{ -EOPNOTSUPP, "PSI unavailable: the kernel was booted with psi=0" },
		{ -ENOTSUP, "PSI unavailable: the kernel was booted with psi=0" },
		{ -EACCES, "PSI unavailable: /proc/pressure is not readable here" },
		{ -EPERM, "PSI unavailable: /proc/pressure is not readable here" },
		{ -EINVAL, "PSI unavailable: /proc/pressure/memory is not in the expected format" },
		{ -EIO, "PSI unavailable: /proc/pressure/memory cannot be read" },
		{ -EISDIR, "PSI unavailable: /proc/pressure/memory cannot be read" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct psi p;
		const char *got;

		memset(&p, 0, sizeof(p));
		p.r[PSI_MEMORY].err = cases[i].err;
		got = psi_unavailable(&p);
		if (!cases[i].words)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].words);
	}
}

/* --- psi_rate ---------------------------------------------------------------- */

static void set_line(struct psi_line *l, unsigned long long total)
{
	memset(l, 0, sizeof(*l));
	l->present = true;
	l->total = total;
}

static void two_reads(struct psi *a, struct psi *b)
{
	int r;

	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	a->when = 100.0;
	b->when = 102.0;
	for (r = 0; r < PSI_COUNT; r++) {
		set_line(&a->r[r].some, 1000000);
		set_line(&b->r[r].some, 1500000);
		set_line(&a->r[r].full, 4000000);
		set_line(&b->r[r].full, 4100000);
	}
}

static void test_rate_known_delta(void **state)
{
	struct psi a, b;

	(void)state;
	two_reads(&a, &b);
	/* 0.5 s stalled over 2 s of wall time: 25 %; full 0.1 s: 5 % */
	assert_true(psi_rate(&a, &b, PSI_MEMORY, false) == 25.0);
	assert_true(psi_rate(&a, &b, PSI_MEMORY, true) == 5.0);
	assert_true(psi_rate(&a, &b, PSI_IO, false) == 25.0);
	/* nothing stalled: exactly 0, not "unknown" */
	b.r[PSI_CPU].some.total = a.r[PSI_CPU].some.total;
	assert_true(psi_rate(&a, &b, PSI_CPU, false) == 0.0);
	/* stalled the whole time */
	b.r[PSI_CPU].some.total = a.r[PSI_CPU].some.total + 2000000;
	assert_true(psi_rate(&a, &b, PSI_CPU, false) == 100.0);
}

static void test_rate_first_read(void **state)
{
	struct psi zero, b, dummy;

	(void)state;
	two_reads(&dummy, &b);
	memset(&zero, 0, sizeof(zero)); /* nothing read before */
	assert_true(psi_rate(&zero, &b, PSI_MEMORY, false) < 0);
	assert_true(psi_rate(&zero, &b, PSI_MEMORY, true) < 0);
}

static void test_rate_backwards(void **state)
{
	struct psi a, b;

	(void)state;
	two_reads(&a, &b);
	b.r[PSI_MEMORY].some.total = a.r[PSI_MEMORY].some.total - 1;
	assert_true(psi_rate(&a, &b, PSI_MEMORY, false) < 0);
	b.r[PSI_IO].full.total = 0;
	assert_true(psi_rate(&a, &b, PSI_IO, true) < 0);
	/* the other resources are not affected */
	assert_true(psi_rate(&a, &b, PSI_CPU, false) == 25.0);
}

static void test_rate_missing_full(void **state)
{
	struct psi a, b;

	(void)state;
	two_reads(&a, &b);
	memset(&a.r[PSI_CPU].full, 0, sizeof(a.r[PSI_CPU].full));
	memset(&b.r[PSI_CPU].full, 0, sizeof(b.r[PSI_CPU].full));
	assert_true(psi_rate(&a, &b, PSI_CPU, true) < 0);
	assert_true(psi_rate(&a, &b, PSI_CPU, false) == 25.0);
	/* a full line that appears only in the second read */
	two_reads(&a, &b);
	memset(&a.r[PSI_CPU].full, 0, sizeof(a.r[PSI_CPU].full));
	assert_true(psi_rate(&a, &b, PSI_CPU, true) < 0);
}

static void test_rate_errors_and_time(void **state)
{
	struct psi a, b;

	(void)state;
	two_reads(&a, &b);
	b.r[PSI_MEMORY].err = -EINVAL;
	assert_true(psi_rate(&a, &b, PSI_MEMORY, false) < 0);
	two_reads(&a, &b);
	a.r[PSI_MEMORY].err = -ENOENT;
	assert_true(psi_rate(&a, &b, PSI_MEMORY, false) < 0);
	two_reads(&a, &b);
	b.when = a.when; /* time did not move */
	assert_true(psi_rate(&a, &b, PSI_MEMORY, false) < 0);
	b.when = a.when - 1; /* nor backwards */
	assert_true(psi_rate(&a, &b, PSI_MEMORY, false) < 0);
}

/* --- history ---------------------------------------------------------------- */

static void test_history_order(void **state)
{
	struct psi_history h;

	(void)state;
	memset(&h, 0, sizeof(h));
	assert_int_equal(h.n, 0);
	psi_history_push(&h, 1.5);
	psi_history_push(&h, 2.5);
	psi_history_push(&h, 3.5);
	assert_int_equal(h.n, 3);
	assert_true(psi_history_get(&h, 0) == 1.5);
	assert_true(psi_history_get(&h, 1) == 2.5);
	assert_true(psi_history_get(&h, 2) == 3.5);
}

static void test_history_wrap(void **state)
{
	struct psi_history h;
	size_t i;

	(void)state;
	memset(&h, 0, sizeof(h));
	for (i = 0; i < PSI_HISTORY; i++)
		psi_history_push(&h, (double)i);
	assert_int_equal(h.n, PSI_HISTORY);
	assert_true(psi_history_get(&h, 0) == 0);
	assert_true(psi_history_get(&h, PSI_HISTORY - 1) == (double)(PSI_HISTORY - 1));
	for (; i < PSI_HISTORY + 5; i++)
		psi_history_push(&h, (double)i);
	assert_int_equal(h.n, PSI_HISTORY);
	for (i = 0; i < PSI_HISTORY; i++)
		assert_true(psi_history_get(&h, i) == (double)(i + 5));
	/* many times round */
	for (i = 0; i < 10 * PSI_HISTORY + 3; i++)
		psi_history_push(&h, (double)i);
	assert_int_equal(h.n, PSI_HISTORY);
	assert_true(psi_history_get(&h, 0) == (double)(9 * PSI_HISTORY + 3));
	assert_true(psi_history_get(&h, PSI_HISTORY - 1) == (double)(10 * PSI_HISTORY + 2));
}

/* psi=0 on the kernel command line, as kstrtobool reads the value. */
static void test_cmdline_off(void **state)
{
	static const char *const off[] = {
		"BOOT_IMAGE=/vmlinuz root=/dev/sda1 psi=0 quiet\n", "psi=0", "psi=n", "psi=N",
		"psi=off", "psi=OFF", "psi=false", "ro psi=f\n",
	};
	static const char *const on[] = {
		"BOOT_IMAGE=/vmlinuz root=/dev/sda1 quiet\n", "psi=1", "psi=y", "psi=on",
		"nopsi=0", "xpsi=0", "psi=", "psi", "", "cgroup_disable=psi0",
	};
	struct psi p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++)
		if (!psi_cmdline_off(off[i], strlen(off[i]))) {
			print_error("\"%s\" should turn PSI off\n", off[i]);
			fail();
		}
	for (i = 0; i < sizeof(on) / sizeof(on[0]); i++)
		if (psi_cmdline_off(on[i], strlen(on[i]))) {
			print_error("\"%s\" should not turn PSI off\n", on[i]);
			fail();
		}
	/* a missing /proc/pressure reads as psi=0 when the command line says so */
	memset(&p, 0, sizeof(p));
	p.r[PSI_MEMORY].err = -ENOENT;
	assert_string_equal(psi_unavailable(&p),
			    "PSI unavailable: this kernel has no /proc/pressure (CONFIG_PSI off)");
	assert_string_equal(psi_unavailable_short(&p), "PSI unavailable: no CONFIG_PSI");
	p.boot_off = true;
	assert_string_equal(psi_unavailable(&p), "PSI unavailable: the kernel was booted with psi=0");
	assert_string_equal(psi_unavailable_short(&p), "PSI off: booted with psi=0");
	/* every short form fits a 40-column screen */
	{
		static const int errs[] = { -ENOENT, -EOPNOTSUPP, -EACCES, -EPERM, -EINVAL, -EIO };
		size_t k;

		p.boot_off = false;
		for (k = 0; k < sizeof(errs) / sizeof(errs[0]); k++) {
			p.r[PSI_MEMORY].err = errs[k];
			assert_non_null(psi_unavailable_short(&p));
			assert_true(strlen(psi_unavailable_short(&p)) <= 40);
		}
		p.r[PSI_MEMORY].err = 0;
		assert_null(psi_unavailable_short(&p));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_kernel_4_20),
		cmocka_unit_test(test_cpu_without_full),
		cmocka_unit_test(test_cpu_with_full),
		cmocka_unit_test(test_kernel_6_x_extremes),
		cmocka_unit_test(test_out_is_reset),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_embedded_nul),
		cmocka_unit_test(test_read_dir),
		cmocka_unit_test(test_read_when),
		cmocka_unit_test(test_read_missing_dir),
		cmocka_unit_test(test_read_one_missing),
		cmocka_unit_test(test_read_truncated),
		cmocka_unit_test(test_read_directory_instead_of_file),
		cmocka_unit_test(test_unavailable_words),
		cmocka_unit_test(test_rate_known_delta),
		cmocka_unit_test(test_rate_first_read),
		cmocka_unit_test(test_rate_backwards),
		cmocka_unit_test(test_rate_missing_full),
		cmocka_unit_test(test_rate_errors_and_time),
		cmocka_unit_test(test_history_order),
		cmocka_unit_test(test_history_wrap),
		cmocka_unit_test(test_cmdline_off),
	};

	return cmocka_run_group_tests_name("psi", tests, NULL, NULL);
}
