/* json.h - the few JSON writers batch output needs (RFC 8259) */
#ifndef OOMTOP_JSON_H
#define OOMTOP_JSON_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write s (len bytes, any content) as a JSON string with its quotes.
 * Valid UTF-8 is kept; quote, backslash and control characters are escaped
 * (\u001b); invalid UTF-8 bytes become U+FFFD, so the output is always valid
 * JSON in UTF-8.
 */
void json_write_str(FILE *f, const char *s, size_t len);

#endif
