/* test_json.c - JSON strings stay valid (RFC 8259) for any input byte */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

/* What json_write_str writes for s (len bytes); free() it. */
static char *json(const char *s, size_t len, size_t *outlen)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	json_write_str(f, s, len);
	assert_int_equal(fclose(f), 0);
	if (outlen)
		*outlen = n;
	return buf;
}

/*
 * An independent, strict UTF-8 decoder (Unicode table 3-7). Returns the
 * length of the well-formed sequence at s, 0 when ill-formed.
 */
static size_t utf8_len(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char b = s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;
	uint32_t c;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		n = 2, c = b & 0x1f;
	} else if (b >= 0xe0 && b <= 0xef) {
		n = 3, c = b & 0x0f;
		if (b == 0xe0)
			lo = 0xa0;
		if (b == 0xed)
			hi = 0x9f;
	} else if (b >= 0xf0 && b <= 0xf4) {
		n = 4, c = b & 0x07;
		if (b == 0xf0)
			lo = 0x90;
		if (b == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xbf;

		if (s[i] < l || s[i] > h)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return n;
}

static void put_utf8(uint32_t cp, unsigned char *out, size_t *o)
{
	if (cp < 0x80) {
		out[(*o)++] = (unsigned char)cp;
	} else if (cp < 0x800) {
		out[(*o)++] = (unsigned char)(0xc0 | (cp >> 6));
		out[(*o)++] = (unsigned char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*o)++] = (unsigned char)(0xe0 | (cp >> 12));
		out[(*o)++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (unsigned char)(0x80 | (cp & 0x3f));
	} else {
		out[(*o)++] = (unsigned char)(0xf0 | (cp >> 18));
		out[(*o)++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*o)++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (unsigned char)(0x80 | (cp & 0x3f));
	}
}

static int hex4(const char *s, uint32_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = s[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/*
 * A strict validator: s (len bytes) must be exactly one JSON string in
 * UTF-8 - quotes around, no raw control byte, only RFC 8259 escapes, no
 * lone surrogate. Stores the decoded value (UTF-8) in out; fails the test
 * otherwise.
 */
static size_t json_decode(const char *js, size_t len, unsigned char *out)
{
	const unsigned char *s = (const unsigned char *)js;
	size_t i = 1, o = 0;

	assert_true(len >= 2);
	assert_int_equal(s[0], '"');
	assert_int_equal(s[len - 1], '"');
	while (i < len - 1) {
		uint32_t cp;
		size_t n;

		assert_true(s[i] >= 0x20);  /* no raw control character */
		assert_true(s[i] != '"');   /* an unescaped quote ends the string early */
		if (s[i] != '\\') {
			n = utf8_len(s + i, len - 1 - i, &cp);
			assert_true(n > 0);  /* raw bytes are valid UTF-8 */
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		assert_true(i + 1 < len - 1);
		switch (s[i + 1]) {
		case '"': out[o++] = '"'; i += 2; break;
		case '\\': out[o++] = '\\'; i += 2; break;
		case '/': out[o++] = '/'; i += 2; break;
		case 'b': out[o++] = '\b'; i += 2; break;
		case 'f': out[o++] = '\f'; i += 2; break;
		case 'n': out[o++] = '\n'; i += 2; break;
		case 'r': out[o++] = '\r'; i += 2; break;
		case 't': out[o++] = '\t'; i += 2; break;
		case 'u':
			assert_true(i + 6 <= len - 1);
			assert_int_equal(hex4(js + i + 2, &cp), 0);
			i += 6;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				uint32_t lo;

				assert_true(i + 6 <= len - 1);
				assert_true(s[i] == '\\' && s[i + 1] == 'u');
				assert_int_equal(hex4(js + i + 2, &lo), 0);
				assert_true(lo >= 0xdc00 && lo <= 0xdfff);
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 6;
			} else {
				assert_false(cp >= 0xdc00 && cp <= 0xdfff);
			}
			put_utf8(cp, out, &o);
			break;
		default:
			FAIL("invalid escape \\%c", s[i + 1]);
		}
	}
	return o;
}

/* What the decoded value must be: s with each ill-formed byte as U+FFFD. */
static size_t expected_value(const unsigned char *s, size_t len, unsigned char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_len(s + i, len - i, &cp);

		if (n == 0) {
			put_utf8(0xfffd, out, &o);
			i++;
		} else {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
		}
	}
	return o;
}

/* Write s, validate the output, and compare the decoded value. */
static void check_roundtrip(const unsigned char *s, size_t len)
{
	unsigned char got[2048], want[2048];
	size_t jl, gl, wl;
	char *js;

	assert_true(len * 3 < sizeof(want));
	js = json((const char *)s, len, &jl);
	assert_int_equal(strlen(js), jl); /* no NUL byte in the output */
	gl = json_decode(js, jl, got);
	wl = expected_value(s, len, want);
	assert_int_equal(gl, wl);
	assert_memory_equal(got, want, wl);
	free(js);
}

#define JSON_EQ(lit, want) do { \
		char *js_ = json(lit, sizeof(lit) - 1, NULL); \
		assert_string_equal(js_, want); \
		free(js_); \
	} while (0)

static void test_plain(void **state)
{
	(void)state;
	JSON_EQ("", "\"\"");
	JSON_EQ("bash", "\"bash\"");
	JSON_EQ("/usr/bin/python3 -m http.server 8000", "\"/usr/bin/python3 -m http.server 8000\"");
}

static void test_quote_and_backslash(void **state)
{
	(void)state;
	JSON_EQ("a\"b", "\"a\\\"b\"");
	JSON_EQ("a\\b", "\"a\\\\b\"");
	JSON_EQ("\"},{\"rank\":1", "\"\\\"},{\\\"rank\\\":1\"");
}

static void test_controls(void **state)
{
	(void)state;
	JSON_EQ("\x1b[2J", "\"\\u001b[2J\"");
	JSON_EQ("a\nb", "\"a\\nb\"");
	JSON_EQ("\x01", "\"\\u0001\"");
	JSON_EQ("\x1f", "\"\\u001f\"");
	JSON_EQ("a\0b", "\"a\\u0000b\"");
	/* the exact form may vary for these, but never raw */
	check_roundtrip((const unsigned char *)"\t\r\b\f\x7f", 5);
}

static void test_invalid_bytes(void **state)
{
	(void)state;
	JSON_EQ("\xff", "\"\\ufffd\"");
	JSON_EQ("a\xfe" "b", "\"a\\ufffdb\"");
	JSON_EQ("\xc0\x80", "\"\\ufffd\\ufffd\"");
	JSON_EQ("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	JSON_EQ("\xe2\x82" "A", "\"\\ufffd\\ufffdA\"");
	JSON_EQ("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* a truncated sequence does not swallow the valid character after it */
	JSON_EQ("\xe2\xc3\xa9", "\"\\ufffd\xc3\xa9\"");
}

static void test_valid_multibyte(void **state)
{
	(void)state;
	JSON_EQ("h\xc3\xa9llo", "\"h\xc3\xa9llo\"");
	JSON_EQ("\xe2\x9c\x93 \xf0\x9f\x98\x80", "\"\xe2\x9c\x93 \xf0\x9f\x98\x80\"");
	JSON_EQ("\xe4\xb8\xad\xe6\x96\x87", "\"\xe4\xb8\xad\xe6\x96\x87\"");
	JSON_EQ("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"");
	/* C1 controls and bidi overrides are valid JSON either raw or escaped */
	check_roundtrip((const unsigned char *)"\xc2\x9b\xe2\x80\xae", 5);
}

/* The validator itself must reject what is not JSON. */
static void test_validator_sanity(void **state)
{
	unsigned char out[16];

	(void)state;
	assert_int_equal(json_decode("\"a\\u00e9\"", 9, out), 3);
	assert_memory_equal(out, "a\xc3\xa9", 3);
	assert_int_equal(json_decode("\"\\ud83d\\ude00\"", 14, out), 4);
	assert_memory_equal(out, "\xf0\x9f\x98\x80", 4);
	assert_int_equal(utf8_len((const unsigned char *)"\xed\xa0\x80", 3, &(uint32_t){ 0 }), 0);
	assert_int_equal(utf8_len((const unsigned char *)"\xe0\x9f\xbf", 3, &(uint32_t){ 0 }), 0);
	assert_int_equal(utf8_len((const unsigned char *)"\xf0\x9f\x98\x80", 4, &(uint32_t){ 0 }), 4);
}

static void test_all_single_bytes(void **state)
{
	unsigned b;

	(void)state;
	for (b = 0; b < 256; b++) {
		unsigned char c = (unsigned char)b;
		unsigned char two[2] = { 'x', c };
		unsigned char three[3] = { c, c, c };

		check_roundtrip(&c, 1);
		check_roundtrip(two, 2);
		check_roundtrip(three, 3);
	}
}

static void test_all_byte_pairs(void **state)
{
	unsigned a, b;

	(void)state;
	for (a = 0x80; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			unsigned char s[2] = { (unsigned char)a, (unsigned char)b };

			check_roundtrip(s, 2);
		}
	}
}

static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void test_random_strings(void **state)
{
	static const char *const chunks[] = {
		"\xc3\xa9", "\xe2\x9c\x93", "\xf0\x9f\x98\x80", "\xe2\x80\xae", "\xc2\x9b",
		"\"", "\\", "\n", "\xed\xa0\x80", "\xc0\x80", "\x1b", "\\u0000",
	};
	unsigned char s[200];
	int i;

	(void)state;
	rng_state = 424242;
	for (i = 0; i < 20000; i++) {
		size_t len = rng() % 120, n = 0;

		while (n < len) {
			if (rng() % 2) {
				const char *c = chunks[rng() % (sizeof(chunks) / sizeof(chunks[0]))];
				size_t cl = strlen(c);

				memcpy(s + n, c, cl);
				n += cl;
			} else {
				s[n++] = (unsigned char)rng();
			}
		}
		check_roundtrip(s, n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quote_and_backslash),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_invalid_bytes),
		cmocka_unit_test(test_valid_multibyte),
		cmocka_unit_test(test_validator_sanity),
		cmocka_unit_test(test_all_single_bytes),
		cmocka_unit_test(test_all_byte_pairs),
		cmocka_unit_test(test_random_strings),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
