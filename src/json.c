/* json.c - JSON string output that stays valid for any input byte */
#include "json.h"

#include "escape.h"

#include <stdint.h>

void json_write_str(FILE *f, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	fputc('"', f);
	while (i < len) {
		uint32_t cp;
		size_t n = escape_utf8_decode(p + i, len - i, &cp);

		if (n == 0) {
			fputs("\\ufffd", f);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\') {
			fputc('\\', f);
			fputc((int)cp, f);
		} else if (cp == '\n') {
			fputs("\\n", f);
		} else if (cp == '\t') {
			fputs("\\t", f);
		} else if (cp < 0x20 || cp == 0x7f) {
			fprintf(f, "\\u%04x", (unsigned)cp);
		} else {
			fwrite(p + i, 1, n, f);
		}
		i += n;
	}
	fputc('"', f);
}
