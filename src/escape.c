/* escape.c - escaping of untrusted text for terminals and text output */
#include "escape.h"

#include <string.h>

size_t escape_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Code points that must not reach a terminal even though they are valid. */
static int escape_is_control(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return 1;
	/* bidi marks, embeddings, overrides and isolates; line separators */
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t escape_text(char *dst, size_t cap, const char *src, size_t len, int flags)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, o = 0;

	if (cap == 0)
		return 0;
	while (i < len) {
		uint32_t cp = 0;
		size_t n = escape_utf8_decode(s + i, len - i, &cp);
		size_t k;

		if (n == 1 && s[i] == '\\') {
			if (o + 2 >= cap)
				break;
			dst[o++] = '\\';
			dst[o++] = '\\';
		} else if (n == 1 && !escape_is_control(cp)) {
			if (o + 1 >= cap)
				break;
			dst[o++] = (char)s[i];
		} else if (n > 1 && (flags & ESCAPE_UTF8) && !escape_is_control(cp)) {
			if (o + n >= cap)
				break;
			memcpy(dst + o, s + i, n);
			o += n;
		} else {
			/* escape the whole sequence (or the one invalid byte) */
			if (n == 0)
				n = 1;
			if (o + 4 * n >= cap)
				break;
			for (k = 0; k < n; k++) {
				dst[o++] = '\\';
				dst[o++] = 'x';
				dst[o++] = hex[s[i + k] >> 4];
				dst[o++] = hex[s[i + k] & 15];
			}
		}
		i += n;
	}
	dst[o] = '\0';
	return o;
}

static int escape_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t escape_kernel_text(char *dst, size_t cap, const char *src, size_t len, int flags)
{
	char raw[1024];
	size_t i = 0, o = 0;

	while (i < len && o < sizeof(raw)) {
		if (src[i] == '\\' && i + 3 < len && src[i + 1] == 'x' &&
		    escape_hexval(src[i + 2]) >= 0 && escape_hexval(src[i + 3]) >= 0) {
			raw[o++] = (char)(escape_hexval(src[i + 2]) * 16 + escape_hexval(src[i + 3]));
			i += 4;
		} else {
			raw[o++] = src[i++];
		}
	}
	return escape_text(dst, cap, raw, o, flags);
}
