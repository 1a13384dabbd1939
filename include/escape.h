/* escape.h - make hostile bytes (process names, kernel text) safe to show */
#ifndef OOMTOP_ESCAPE_H
#define OOMTOP_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

/* Flags for escape_text(). */
#define ESCAPE_UTF8 1 /* keep valid, printable UTF-8; else escape every byte >= 0x80 */

/*
 * Decode one UTF-8 sequence at s (len bytes available). Returns its length
 * (1..4) and stores the code point, or 0 when the bytes are not valid UTF-8
 * (overlong, surrogate, beyond U+10FFFF, truncated).
 */
size_t escape_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/*
 * Copy len bytes of src into dst (cap bytes, always NUL-terminated) so that
 * the result holds no control byte: bytes below 0x20, DEL, C1 controls,
 * invalid UTF-8 and bidirectional overrides become \xHH, a backslash
 * becomes \\. Output is cut at a character boundary when dst is full.
 * Returns the length of dst.
 */
size_t escape_text(char *dst, size_t cap, const char *src, size_t len, int flags);

/*
 * Text the kernel log escaped (/dev/kmsg writes unprintable bytes as \xHH)
 * made safe for a terminal: the \xHH are decoded, then escape_text() runs,
 * so a name shows as in the process table. Returns the length of dst.
 */
size_t escape_kernel_text(char *dst, size_t cap, const char *src, size_t len, int flags);

#endif
