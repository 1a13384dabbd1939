/* test_kmsg.c - the /dev/kmsg record parser and the capture splitter */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kmsg.h"

/*
 * Records as /dev/kmsg hands them out (Documentation/ABI/testing/dev-kmsg):
 * "PRIO,SEQ,USEC,FLAGS[,more fields];TEXT\n" and then dictionary lines
 * that start with a space. These three are a real memory cgroup kill on
 * Linux 6.18.
 */
static const char rec_invoked[] =
	"4,348,4901977431,-;hog invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), "
	"order=0, oom_score_adj=0\n";
static const char rec_summary[] =
	"6,433,4901977971,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,"
	"mems_allowed=0,oom_memcg=/oomtop-probe,task_memcg=/oomtop-probe,task=hog,pid=13476,uid=0\n";
static const char rec_killed[] =
	"3,434,4901978045,-;Memory cgroup out of memory: Killed process 13476 (hog) "
	"total-vm:207280kB, anon-rss:65280kB, file-rss:1080kB, shmem-rss:0kB, UID:0 "
	"pgtables:176kB oom_score_adj:0\n";

/* A device record with its dictionary (continuation lines). */
static const char rec_dict[] =
	"6,1021,8012345,-;usb 1-1: new high-speed USB device number 2 using xhci_hcd\n"
	" SUBSYSTEM=usb\n"
	" DEVICE=c189:1\n";

/* Parse s from an exact-size heap copy, so that ASan sees any overread. */
static int parse(const char *s, size_t len, struct kmsg_record *r, char **keep)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, s, len);
	rc = kmsg_parse(copy, len, r);
	if (rc == 0) {
		assert_true(r->text >= copy && r->text <= copy + len);
		assert_true(r->text_len <= (size_t)(copy + len - r->text));
	}
	if (keep)
		*keep = copy;
	else
		free(copy);
	return rc;
}

/* Parse, and compare the text while the copy is still alive. */
static int parse_text(const char *s, size_t len, struct kmsg_record *r, const char *text)
{
	char *copy;
	int rc = parse(s, len, r, &copy);

	if (rc == 0 && text) {
		assert_int_equal(r->text_len, strlen(text));
		assert_memory_equal(r->text, text, r->text_len);
	}
	free(copy);
	return rc;
}

#define PARSE(lit, r, text) parse_text(lit, sizeof(lit) - 1, r, text)

static void test_real_records(void **state)
{
	struct kmsg_record r;

	(void)state;
	assert_int_equal(PARSE(rec_invoked, &r,
			       "hog invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), "
			       "order=0, oom_score_adj=0"),
			 0);
	assert_int_equal(r.facility, 0);
	assert_int_equal(r.level, 4);
	assert_true(r.seq == 348);
	assert_true(r.usec == 4901977431ULL);

	assert_int_equal(PARSE(rec_summary, &r, NULL), 0);
	assert_int_equal(r.facility, 0);
	assert_int_equal(r.level, 6);
	assert_true(r.seq == 433);
	assert_true(r.usec == 4901977971ULL);
	assert_int_equal(r.text_len, sizeof(rec_summary) - 1 - strlen("6,433,4901977971,-;") - 1);

	assert_int_equal(PARSE(rec_killed, &r, NULL), 0);
	assert_int_equal(r.facility, 0);
	assert_int_equal(r.level, 3);
	assert_true(r.seq == 434);
	assert_true(r.usec == 4901978045ULL);
}

static void test_continuation_lines_not_in_text(void **state)
{
	struct kmsg_record r;

	(void)state;
	assert_int_equal(PARSE(rec_dict, &r,
			       "usb 1-1: new high-speed USB device number 2 using xhci_hcd"),
			 0);
	assert_int_equal(r.facility, 0);
	assert_int_equal(r.level, 6);
	assert_true(r.seq == 1021);
	assert_true(r.usec == 8012345);
}

static void test_no_trailing_newline(void **state)
{
	struct kmsg_record r;

	(void)state;
	assert_int_equal(PARSE("6,5,10,-;text without newline", &r, "text without newline"), 0);
	assert_int_equal(PARSE("6,5,10,-;", &r, ""), 0);
	assert_int_equal(PARSE("6,5,10,-;\n", &r, ""), 0);
}

static void test_text_keeps_semicolons_and_commas(void **state)
{
	struct kmsg_record r;

	(void)state;
	assert_int_equal(PARSE("6,5,10,-;a;b,c=d;\n", &r, "a;b,c=d;"), 0);
	/* the first ';' ends the header, even with more fields */
	assert_int_equal(PARSE("6,5,10,-,caller=T1;x;y\n", &r, "x;y"), 0);
}

/* Linux 5.1+ with CONFIG_PRINTK_CALLER, and fields a later kernel may add. */
static void test_extra_header_fields(void **state)
{
	struct kmsg_record r;

	(void)state;
	assert_int_equal(PARSE("6,433,4901977971,-,caller=T123;oom-kill:x\n", &r, "oom-kill:x"), 0);
	assert_int_equal(r.facility, 0);
	assert_int_equal(r.level, 6);
	assert_true(r.seq == 433);
	assert_true(r.usec == 4901977971ULL);
	assert_int_equal(PARSE("4,9,77,c,caller=C2,future=1,another;text\n", &r, "text"), 0);
	assert_true(r.seq == 9 && r.usec == 77);
	/* the flags field: '-' or 'c' (continued) or '+' (continuation, old kernels) */
	assert_int_equal(PARSE("4,9,77,+;text\n", &r, "text"), 0);
	assert_int_equal(PARSE("4,9,77,c;text\n", &r, "text"), 0);
}

/* PRIO = facility * 8 + level: user space writes facility >= 1. */
static void test_facility_and_level(void **state)
{
	struct kmsg_record r;

	(void)state;
	assert_int_equal(PARSE("0,1,2,-;x\n", &r, "x"), 0);
	assert_int_equal(r.facility, 0);
	assert_int_equal(r.level, 0);
	assert_int_equal(PARSE("7,1,2,-;x\n", &r, "x"), 0);
	assert_int_equal(r.facility, 0);
	assert_int_equal(r.level, 7);
	/* "<0>..." written from user space is stored as user.emerg */
	assert_int_equal(PARSE("8,1,2,-;x\n", &r, "x"), 0);
	assert_int_equal(r.facility, 1);
	assert_int_equal(r.level, 0);
	assert_int_equal(PARSE("12,1,2,-;x\n", &r, "x"), 0); /* user.warning */
	assert_int_equal(r.facility, 1);
	assert_int_equal(r.level, 4);
	assert_int_equal(PARSE("14,1,2,-;x\n", &r, "x"), 0); /* user.info */
	assert_int_equal(r.facility, 1);
	assert_int_equal(r.level, 6);
	assert_int_equal(PARSE("30,1,2,-;x\n", &r, "x"), 0); /* daemon.info */
	assert_int_equal(r.facility, 3);
	assert_int_equal(r.level, 6);
	assert_int_equal(PARSE("191,1,2,-;x\n", &r, "x"), 0); /* local7.debug */
	assert_int_equal(r.facility, 23);
	assert_int_equal(r.level, 7);
}

static void test_missing_fields(void **state)
{
	static const char *const bad[] = {
		"",
		"\n",
		";text",
		"6",
		"6;text",
		"6,",
		"6,433",
		"6,433;text",
		"6,433,",
		"6,433,4901977971",
		"6,433,4901977971;text",       /* no flags */
		"6,433,4901977971,-",          /* no ';' */
		"6,433,4901977971,-\n",        /* no ';' */
		"6,433,4901977971,-\n;text\n", /* ';' on the next line */
		"6,433,4901977971,-\n text;x\n",
		",433,4901977971,-;text",
		"6,,4901977971,-;text",
		"6,433,,-;text",
		",,,;text",
		"x,433,4901977971,-;text",
		"6,4x3,4901977971,-;text",
		"6,433,49019x7971,-;text",
		"-6,433,4901977971,-;text",
		"6,-433,4901977971,-;text",
		"+6,433,4901977971,-;text",
		" 6,433,4901977971,-;text",
		"6 ,433,4901977971,-;text",
		"6, 433,4901977971,-;text",
		"6;433;4901977971;-;text",
		"<6>hog invoked oom-killer: gfp_mask=0x0, order=0, oom_score_adj=0",
		"[ 4901.977431] hog invoked oom-killer: gfp_mask=0x0, order=0, oom_score_adj=0",
		"Killed process 13476 (hog) total-vm:207280kB, anon-rss:65280kB, file-rss:1080kB",
	};
	struct kmsg_record r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&r, 0x5a, sizeof(r));
		if (parse(bad[i], strlen(bad[i]), &r, NULL) != -EINVAL)
			fail_msg("accepted: \"%s\"", bad[i]);
		assert_null(r.text); /* out is reset */
		assert_int_equal(r.text_len, 0);
	}
}

static void test_huge_numbers(void **state)
{
	struct kmsg_record r;

	(void)state;
	/* large but valid: 64-bit sequence numbers and microseconds */
	assert_int_equal(PARSE("6,9223372036854775807,9223372036854775808,-;x\n", &r, "x"), 0);
	assert_true(r.seq == 9223372036854775807ULL);
	assert_true(r.usec == 9223372036854775808ULL);
	assert_int_equal(PARSE("6,000000000000000000000001,2,-;x\n", &r, "x"), 0);
	assert_true(r.seq == 1);
	/* past 64 bits: rejected, not wrapped */
	assert_int_equal(PARSE("6,99999999999999999999,2,-;x\n", &r, NULL), -EINVAL);
	assert_int_equal(PARSE("6,1,99999999999999999999,-;x\n", &r, NULL), -EINVAL);
	assert_int_equal(PARSE("6,1,184467440737095516150,-;x\n", &r, NULL), -EINVAL);
	assert_int_equal(PARSE("6,1,"
			       "123456789012345678901234567890123456789012345678901234567890"
			       ",-;x\n",
			       &r, NULL),
			 -EINVAL);
	/* a PRIO that would wrap into the kernel's facility when cut to 32 bits */
	assert_int_equal(PARSE("4294967302,1,2,-;x\n", &r, NULL), -EINVAL);
	assert_int_equal(PARSE("18446744073709551614,1,2,-;x\n", &r, NULL), -EINVAL);
	assert_int_equal(PARSE("99999999999999999999999,1,2,-;x\n", &r, NULL), -EINVAL);
}

/* Cut the real record at every byte: a malformed header, or the text cut short. */
static void test_every_prefix(void **state)
{
	static const char *const recs[] = { rec_invoked, rec_summary, rec_killed, rec_dict };
	size_t i, cut;

	(void)state;
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		const char *s = recs[i];
		size_t len = strlen(s);
		const char *semi = strchr(s, ';');
		size_t body = (size_t)(semi - s) + 1;
		size_t eol = (size_t)(strchr(s, '\n') - s);

		for (cut = 0; cut <= len; cut++) {
			struct kmsg_record r;
			char *copy;
			int rc = parse(s, cut, &r, &copy);

			if (cut < body) {
				if (rc != -EINVAL)
					fail_msg("record %zu cut at %zu: %d", i, cut, rc);
			} else {
				size_t want = (cut < eol ? cut : eol) - body;

				assert_int_equal(rc, 0);
				assert_int_equal(r.text_len, want);
				assert_memory_equal(r.text, s + body, want);
			}
			free(copy);
		}
	}
}

/* A tiny deterministic generator: the same bytes on every run. */
static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned int rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned int)(rng_state >> 32);
}

static void test_random_bytes(void **state)
{
	static const char alphabet[] = "0123456789,;-+c\n =x";
	char buf[96];
	int round;

	(void)state;
	for (round = 0; round < 20000; round++) {
		size_t len = rng() % sizeof(buf), i;
		struct kmsg_record r;
		int rc;

		for (i = 0; i < len; i++)
			buf[i] = (round & 1) ? (char)(rng() & 0xff)
					     : alphabet[rng() % (sizeof(alphabet) - 1)];
		rc = parse(buf, len, &r, NULL);
		assert_true(rc == 0 || rc == -EINVAL);
		if (rc == 0) {
			assert_true(r.facility >= 0 && r.facility <= 1024);
			assert_true(r.level >= 0 && r.level <= 7);
		}
	}
}

/* --- kmsg_next over a capture --------------------------------------------- */

static const char capture[] =
	"6,1021,8012345,-;usb 1-1: new high-speed USB device number 2 using xhci_hcd\n"
	" SUBSYSTEM=usb\n"
	" DEVICE=c189:1\n"
	"4,1022,8012400,-;hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
	"oom_score_adj=0\n"
	"6,1023,8012500,-,caller=T77;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),"
	"cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=hog,pid=77,uid=0\n"
	" SUBSYSTEM=memory\n"
	"3,1024,8012600,-;Out of memory: Killed process 77 (hog) total-vm:10kB, anon-rss:1kB, "
	"file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0";

static void test_next_splits_capture(void **state)
{
	static const struct {
		unsigned long long seq;
		const char *starts;
		size_t lines;
	} want[] = {
		{ 1021, "usb 1-1:", 3 },
		{ 1022, "hog invoked", 1 },
		{ 1023, "oom-kill:", 2 },
		{ 1024, "Out of memory: Killed", 1 },
	};
	char *copy = malloc(sizeof(capture) - 1);
	size_t len = sizeof(capture) - 1, off = 0, n, i = 0;

	(void)state;
	assert_non_null(copy);
	memcpy(copy, capture, len);
	while ((n = kmsg_next(copy + off, len - off)) > 0) {
		struct kmsg_record r;
		size_t lines = 0, j;

		assert_true(i < sizeof(want) / sizeof(want[0]));
		assert_true(n <= len - off);
		for (j = 0; j < n; j++)
			lines += copy[off + j] == '\n';
		if (off + n == len && copy[len - 1] != '\n')
			lines++; /* the last record has no newline */
		assert_int_equal(lines, want[i].lines);
		assert_int_equal(kmsg_parse(copy + off, n, &r), 0);
		assert_true(r.seq == want[i].seq);
		assert_memory_equal(r.text, want[i].starts, strlen(want[i].starts));
		assert_null(memchr(r.text, '\n', r.text_len));
		off += n;
		i++;
	}
	assert_int_equal(i, sizeof(want) / sizeof(want[0]));
	assert_int_equal(off, len);
	free(copy);
}

static void test_next_edges(void **state)
{
	(void)state;
	assert_int_equal(kmsg_next("", 0), 0);
	assert_int_equal(kmsg_next("x", 1), 1);
	assert_int_equal(kmsg_next("\n", 1), 1);
	assert_int_equal(kmsg_next("\n\n", 2), 1);
	assert_int_equal(kmsg_next("a\nb\n", 4), 2);
	assert_int_equal(kmsg_next("a\n b\n c\nd", 9), 8);
	assert_int_equal(kmsg_next("a\n b\n c", 7), 7);
	/* a record ending in a dictionary line without newline */
	assert_int_equal(kmsg_next("a\n b", 4), 4);
	/* a newline right at the end, then nothing */
	assert_int_equal(kmsg_next("a\n", 2), 2);
	/* only the length counts, not a NUL */
	assert_int_equal(kmsg_next("a\0b\nc", 5), 4);
}

static void test_next_random_bytes(void **state)
{
	static const char alphabet[] = "a \n;,6";
	char buf[64];
	int round;

	(void)state;
	for (round = 0; round < 20000; round++) {
		size_t len = rng() % sizeof(buf), off = 0, n, i;
		char *copy;

		for (i = 0; i < len; i++)
			buf[i] = alphabet[rng() % (sizeof(alphabet) - 1)];
		copy = malloc(len ? len : 1);
		assert_non_null(copy);
		memcpy(copy, buf, len);
		while ((n = kmsg_next(copy + off, len - off)) > 0) {
			assert_true(n <= len - off);
			off += n;
		}
		assert_int_equal(off, len); /* every byte belongs to one record */
		free(copy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_records),
		cmocka_unit_test(test_continuation_lines_not_in_text),
		cmocka_unit_test(test_no_trailing_newline),
		cmocka_unit_test(test_text_keeps_semicolons_and_commas),
		cmocka_unit_test(test_extra_header_fields),
		cmocka_unit_test(test_facility_and_level),
		cmocka_unit_test(test_missing_fields),
		cmocka_unit_test(test_huge_numbers),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_next_splits_capture),
		cmocka_unit_test(test_next_edges),
		cmocka_unit_test(test_next_random_bytes),
	};

	return cmocka_run_group_tests_name("kmsg", tests, NULL, NULL);
}
