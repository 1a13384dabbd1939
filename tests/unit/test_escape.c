/* test_escape.c - escaping of hostile bytes for terminals and text output */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

#define BUF 512

/* Escape the whole of s (len bytes) with a generous buffer. */
static const char *esc(const char *s, size_t len, int flags)
{
	static char buf[BUF];
	size_t n = escape_text(buf, sizeof(buf), s, len, flags);

	assert_int_equal(n, strlen(buf));
	return buf;
}

#define ESC(lit, flags) esc(lit, sizeof(lit) - 1, flags)

/* Undo escape_text: \\ -> \, \xHH -> byte. Fails the test on anything else. */
static size_t unescape(const char *s, char *out, size_t cap)
{
	size_t o = 0;

	while (*s) {
		assert_true(o < cap);
		if (*s != '\\') {
			out[o++] = *s++;
			continue;
		}
		if (s[1] == '\\') {
			out[o++] = '\\';
			s += 2;
			continue;
		}
		assert_int_equal(s[1], 'x');
		assert_true(s[2] != '\0' && strchr("0123456789abcdef", s[2]));
		assert_true(s[3] != '\0' && strchr("0123456789abcdef", s[3]));
		{
			char hex[3] = { s[2], s[3], '\0' };

			out[o++] = (char)strtoul(hex, NULL, 16);
		}
		s += 4;
	}
	return o;
}

/* No byte below 0x20 and no DEL; with flags 0 also nothing >= 0x80. */
static void assert_safe(const char *out, int flags)
{
	const unsigned char *p = (const unsigned char *)out;

	for (; *p; p++) {
		assert_true(*p >= 0x20);
		assert_true(*p != 0x7f);
		if (!(flags & ESCAPE_UTF8))
			assert_true(*p < 0x80);
	}
}

static void test_plain_ascii_kept(void **state)
{
	(void)state;
	assert_string_equal(ESC("firefox-bin --new-tab", 0), "firefox-bin --new-tab");
	assert_string_equal(ESC("(sd-pam) [x] ~!@#$%^&*", ESCAPE_UTF8), "(sd-pam) [x] ~!@#$%^&*");
	assert_string_equal(ESC("", 0), "");
}

static void test_esc_and_controls(void **state)
{
	(void)state;
	assert_string_equal(ESC("\x1b[31mred", ESCAPE_UTF8), "\\x1b[31mred");
	assert_string_equal(ESC("\x1b]0;pwned\x07", 0), "\\x1b]0;pwned\\x07");
	assert_string_equal(ESC("a\nb", ESCAPE_UTF8), "a\\x0ab");
	assert_string_equal(ESC("a\rb\tc", 0), "a\\x0db\\x09c");
	assert_string_equal(ESC("\x01\x1f", 0), "\\x01\\x1f");
	/* a NUL inside the length is escaped, not a terminator */
	assert_string_equal(ESC("a\0b", ESCAPE_UTF8), "a\\x00b");
}

static void test_del(void **state)
{
	(void)state;
	assert_string_equal(ESC("x\x7fy", 0), "x\\x7fy");
	assert_string_equal(ESC("x\x7fy", ESCAPE_UTF8), "x\\x7fy");
}

static void test_c1_controls(void **state)
{
	uint32_t cp;
	char src[2], want[16];

	(void)state;
	/* U+009B is CSI on terminals that honour 8-bit controls */
	assert_string_equal(ESC("a\xc2\x9b" "2J", ESCAPE_UTF8), "a\\xc2\\x9b2J");
	assert_string_equal(ESC("\xc2\x85", ESCAPE_UTF8), "\\xc2\\x85");
	for (cp = 0x80; cp <= 0x9f; cp++) {
		src[0] = (char)(0xc0 | (cp >> 6));
		src[1] = (char)(0x80 | (cp & 0x3f));
		snprintf(want, sizeof(want), "\\x%02x\\x%02x",
			 (unsigned char)src[0], (unsigned char)src[1]);
		assert_string_equal(esc(src, 2, ESCAPE_UTF8), want);
		assert_string_equal(esc(src, 2, 0), want);
	}
	/* U+00A0 is the first code point after C1: kept */
	assert_string_equal(ESC("\xc2\xa0", ESCAPE_UTF8), "\xc2\xa0");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	assert_string_equal(ESC("\xff", ESCAPE_UTF8), "\\xff");
	assert_string_equal(ESC("a\xfe" "b", ESCAPE_UTF8), "a\\xfeb");
	/* lone continuation byte */
	assert_string_equal(ESC("\x80", ESCAPE_UTF8), "\\x80");
	/* overlong encodings of NUL and '/' */
	assert_string_equal(ESC("\xc0\x80", ESCAPE_UTF8), "\\xc0\\x80");
	assert_string_equal(ESC("\xc1\xbf", ESCAPE_UTF8), "\\xc1\\xbf");
	assert_string_equal(ESC("\xe0\x80\xaf", ESCAPE_UTF8), "\\xe0\\x80\\xaf");
	assert_string_equal(ESC("\xf0\x80\x80\xaf", ESCAPE_UTF8), "\\xf0\\x80\\x80\\xaf");
	/* UTF-16 surrogates */
	assert_string_equal(ESC("\xed\xa0\x80", ESCAPE_UTF8), "\\xed\\xa0\\x80");
	assert_string_equal(ESC("\xed\xbf\xbf", ESCAPE_UTF8), "\\xed\\xbf\\xbf");
	/* beyond U+10FFFF */
	assert_string_equal(ESC("\xf4\x90\x80\x80", ESCAPE_UTF8), "\\xf4\\x90\\x80\\x80");
	assert_string_equal(ESC("\xf5\x80\x80\x80", ESCAPE_UTF8), "\\xf5\\x80\\x80\\x80");
	/* truncated sequences, at the end and followed by ASCII */
	assert_string_equal(ESC("\xe2\x82", ESCAPE_UTF8), "\\xe2\\x82");
	assert_string_equal(ESC("\xe2\x82" "A", ESCAPE_UTF8), "\\xe2\\x82A");
	assert_string_equal(ESC("\xf0\x9f\x98", ESCAPE_UTF8), "\\xf0\\x9f\\x98");
	assert_string_equal(ESC("\xc3", ESCAPE_UTF8), "\\xc3");
	/* a truncated sequence must not swallow the valid character after it */
	assert_string_equal(ESC("\xe2\xc3\xa9", ESCAPE_UTF8), "\\xe2\xc3\xa9");
}

static void test_bidi_overrides(void **state)
{
	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE: "evil\u202Efdp.exe" */
	assert_string_equal(ESC("evil\xe2\x80\xae" "fdp.exe", ESCAPE_UTF8),
			    "evil\\xe2\\x80\\xaefdp.exe");
	assert_string_equal(ESC("\xe2\x80\xaa", ESCAPE_UTF8), "\\xe2\\x80\\xaa"); /* LRE */
	assert_string_equal(ESC("\xe2\x80\x8f", ESCAPE_UTF8), "\\xe2\\x80\\x8f"); /* RLM */
	assert_string_equal(ESC("\xe2\x81\xa6", ESCAPE_UTF8), "\\xe2\\x81\\xa6"); /* LRI */
	assert_string_equal(ESC("\xe2\x81\xa9", ESCAPE_UTF8), "\\xe2\\x81\\xa9"); /* PDI */
	assert_string_equal(ESC("\xd8\x9c", ESCAPE_UTF8), "\\xd8\\x9c");         /* ALM */
	assert_string_equal(ESC("\xe2\x80\xa8", ESCAPE_UTF8), "\\xe2\\x80\\xa8"); /* LS */
	/* neighbours that are harmless stay */
	assert_string_equal(ESC("\xe2\x80\x94", ESCAPE_UTF8), "\xe2\x80\x94");    /* em dash */
}

static void test_backslash(void **state)
{
	(void)state;
	assert_string_equal(ESC("a\\b", 0), "a\\\\b");
	/* a name that spells an escape must not look like one */
	assert_string_equal(ESC("\\x1b", ESCAPE_UTF8), "\\\\x1b");
	assert_string_equal(ESC("\\", ESCAPE_UTF8), "\\\\");
}

static void test_valid_utf8(void **state)
{
	(void)state;
	assert_string_equal(ESC("h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9f\x98\x80", ESCAPE_UTF8),
			    "h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9f\x98\x80");
	assert_string_equal(ESC("\xe4\xb8\xad\xe6\x96\x87", ESCAPE_UTF8), "\xe4\xb8\xad\xe6\x96\x87");
	/* U+10FFFF is the last valid code point */
	assert_string_equal(ESC("\xf4\x8f\xbf\xbf", ESCAPE_UTF8), "\xf4\x8f\xbf\xbf");
	/* without ESCAPE_UTF8 every byte >= 0x80 is escaped */
	assert_string_equal(ESC("h\xc3\xa9llo", 0), "h\\xc3\\xa9llo");
	assert_string_equal(ESC("\xf0\x9f\x98\x80", 0), "\\xf0\\x9f\\x98\\x80");
}

/*
 * Truncation: for each input, the pieces it is made of (one character or
 * one invalid byte) and what each piece becomes. At every capacity the
 * result must be the longest whole-piece prefix that fits.
 */
struct piece_case {
	int flags;
	const char *src[8];
	const char *out[8];
};

static const struct piece_case piece_cases[] = {
	{ ESCAPE_UTF8, { "a", "\x1b", "b", "\\", "\xc3\xa9", "\xff", "c" },
	  { "a", "\\x1b", "b", "\\\\", "\xc3\xa9", "\\xff", "c" } },
	{ ESCAPE_UTF8, { "\xf0\x9f\x98\x80", "\xe2\x80\xae", "x", "\xed", "\xa0", "\x80" },
	  { "\xf0\x9f\x98\x80", "\\xe2\\x80\\xae", "x", "\\xed", "\\xa0", "\\x80" } },
	{ 0, { "\xc3\xa9", "z", "\n", "\xe2\x9c\x93" },
	  { "\\xc3\\xa9", "z", "\\x0a", "\\xe2\\x9c\\x93" } },
};

static void test_truncation_boundaries(void **state)
{
	size_t ci;

	(void)state;
	for (ci = 0; ci < sizeof(piece_cases) / sizeof(piece_cases[0]); ci++) {
		const struct piece_case *pc = &piece_cases[ci];
		char src[128], full[256], out[256];
		size_t bounds[9], nb = 0, slen = 0, flen = 0, i, cap;

		bounds[nb++] = 0;
		for (i = 0; i < 8 && pc->src[i]; i++) {
			memcpy(src + slen, pc->src[i], strlen(pc->src[i]));
			slen += strlen(pc->src[i]);
			memcpy(full + flen, pc->out[i], strlen(pc->out[i]));
			flen += strlen(pc->out[i]);
			bounds[nb++] = flen;
		}
		full[flen] = '\0';
		assert_string_equal(esc(src, slen, pc->flags), full);

		for (cap = 1; cap <= flen + 2; cap++) {
			size_t n, want = 0;

			memset(out, 'X', sizeof(out));
			n = escape_text(out, cap, src, slen, pc->flags);
			for (i = 0; i < nb; i++)
				if (bounds[i] < cap)
					want = bounds[i];
			assert_int_equal(n, want);
			assert_int_equal(out[n], '\0');
			assert_int_equal(strlen(out), n);
			assert_true(n < cap);
			assert_memory_equal(out, full, n);
			/* nothing written past the capacity */
			assert_int_equal(out[cap], 'X');
		}
	}
}

static void test_cap_zero_and_one(void **state)
{
	char buf[4] = { 'X', 'X', 'X', 'X' };

	(void)state;
	assert_int_equal(escape_text(buf, 0, "abc", 3, ESCAPE_UTF8), 0);
	assert_int_equal(buf[0], 'X');
	assert_int_equal(escape_text(buf, 1, "abc", 3, ESCAPE_UTF8), 0);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'X');
	/* an escape of four bytes does not fit in three */
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(escape_text(buf, 4, "\x1b", 1, 0), 0);
	assert_int_equal(buf[0], '\0');
	/* a two-byte character does not fit in two */
	assert_int_equal(escape_text(buf, 2, "\xc3\xa9", 2, ESCAPE_UTF8), 0);
	assert_int_equal(escape_text(buf, 3, "\xc3\xa9", 2, ESCAPE_UTF8), 2);
	assert_memory_equal(buf, "\xc3\xa9", 3);
}

/* A fixed-seed generator, the same on every libc. */
static uint32_t rng_state = 0x9e3779b9u;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static size_t random_bytes(unsigned char *buf, size_t max)
{
	static const char *const chunks[] = {
		"\xc3\xa9", "\xe2\x9c\x93", "\xf0\x9f\x98\x80", "\xe2\x80\xae", "\xc2\x9b",
		"\x1b[", "\\", "\n", "\xed\xa0\x80", "\xc0\x80", "\x7f",
	};
	size_t len = rng() % max, i = 0;

	while (i < len) {
		if (rng() % 3 == 0) {
			const char *c = chunks[rng() % (sizeof(chunks) / sizeof(chunks[0]))];
			size_t cl = strlen(c);

			if (i + cl > len)
				break;
			memcpy(buf + i, c, cl);
			i += cl;
		} else {
			buf[i++] = (unsigned char)rng();
		}
	}
	return i;
}

static void check_one(const unsigned char *src, size_t len, int flags)
{
	char out[4 * 64 + 1], back[64];
	size_t n, bl;

	n = escape_text(out, sizeof(out), (const char *)src, len, flags);
	assert_int_equal(n, strlen(out));
	assert_safe(out, flags);
	/* nothing lost: the escaping can be undone */
	bl = unescape(out, back, sizeof(back));
	assert_int_equal(bl, len);
	assert_memory_equal(back, src, len);
}

static void test_all_single_bytes(void **state)
{
	unsigned b;

	(void)state;
	for (b = 0; b < 256; b++) {
		unsigned char c = (unsigned char)b;

		check_one(&c, 1, 0);
		check_one(&c, 1, ESCAPE_UTF8);
		if (b >= 0x20 && b < 0x7f && b != '\\') {
			const char *o = esc((const char *)&c, 1, ESCAPE_UTF8);

			assert_int_equal(strlen(o), 1);
			assert_int_equal((unsigned char)o[0], b);
		} else if (b != '\\') {
			assert_int_equal(strlen(esc((const char *)&c, 1, ESCAPE_UTF8)), 4);
		}
	}
}

static void test_random_strings(void **state)
{
	unsigned char src[64];
	int i;

	(void)state;
	rng_state = 12345;
	for (i = 0; i < 5000; i++) {
		size_t len = random_bytes(src, sizeof(src));

		check_one(src, len, 0);
		check_one(src, len, ESCAPE_UTF8);
	}
}

static void test_random_truncation_safe(void **state)
{
	unsigned char src[64];
	char out[300];
	int i;

	(void)state;
	rng_state = 777;
	for (i = 0; i < 2000; i++) {
		size_t len = random_bytes(src, sizeof(src));
		size_t cap = 1 + rng() % 40, n;
		char full[300];

		escape_text(full, sizeof(full), (const char *)src, len, ESCAPE_UTF8);
		memset(out, 'X', sizeof(out));
		n = escape_text(out, cap, (const char *)src, len, ESCAPE_UTF8);
		assert_true(n < cap);
		assert_int_equal(out[n], '\0');
		assert_int_equal(out[cap], 'X');
		assert_memory_equal(out, full, n);
		assert_safe(out, ESCAPE_UTF8);
		/* the cut never leaves half an escape behind */
		{
			char back[64];

			unescape(out, back, sizeof(back));
		}
	}
}

static void test_utf8_decode(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(escape_utf8_decode((const unsigned char *)"A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xef\xbf\xbf", 3, &cp), 3);
	assert_int_equal(cp, 0xffff);
	/* the available length limits the sequence */
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xe2\x82\xac", 2, &cp), 0);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"A", 0, &cp), 0);
	/* invalid */
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\x80", 1, &cp), 0);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xc0\x80", 2, &cp), 0);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xe0\x9f\xbf", 3, &cp), 0);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp), 0);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xc3\x28", 2, &cp), 0);
	assert_int_equal(escape_utf8_decode((const unsigned char *)"\xf8\x88\x80\x80", 4, &cp), 0);
}

/* Names from the kernel log: its \xHH decoded, then escaped as any name. */
static void test_kernel_text(void **state)
{
	char out[256];

	(void)state;
	escape_kernel_text(out, sizeof(out), "\\x1b[31mevil", strlen("\\x1b[31mevil"), ESCAPE_UTF8);
	assert_string_equal(out, "\\x1b[31mevil");       /* the same as the table shows */
	escape_kernel_text(out, sizeof(out), "plain (x) y", strlen("plain (x) y"), ESCAPE_UTF8);
	assert_string_equal(out, "plain (x) y");
	escape_kernel_text(out, sizeof(out), "\\xzz\\x4", strlen("\\xzz\\x4"), ESCAPE_UTF8);
	assert_string_equal(out, "\\\\xzz\\\\x4"); /* not escapes: backslashes doubled */
	escape_kernel_text(out, sizeof(out), "\\xe6\\xbc\\xa2", strlen("\\xe6\\xbc\\xa2"), ESCAPE_UTF8);
	assert_string_equal(out, "\xe6\xbc\xa2");          /* valid UTF-8 comes back whole */
	escape_kernel_text(out, sizeof(out), "\\x0a", strlen("\\x0a"), 0);
	assert_string_equal(out, "\\x0a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_ascii_kept),
		cmocka_unit_test(test_esc_and_controls),
		cmocka_unit_test(test_del),
		cmocka_unit_test(test_c1_controls),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_bidi_overrides),
		cmocka_unit_test(test_backslash),
		cmocka_unit_test(test_valid_utf8),
		cmocka_unit_test(test_truncation_boundaries),
		cmocka_unit_test(test_cap_zero_and_one),
		cmocka_unit_test(test_all_single_bytes),
		cmocka_unit_test(test_random_strings),
		cmocka_unit_test(test_random_truncation_safe),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_kernel_text),
	};

	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
