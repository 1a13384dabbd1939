/* kmsg.c - pure parser of /dev/kmsg records */
#include "kmsg.h"

#include <errno.h>
#include <string.h>

/* A decimal number up to the delimiter d; advances *p. */
static int kmsg_num(const char **p, const char *end, char d, unsigned long long *out)
{
	unsigned long long v = 0;
	int digits = 0;

	while (*p < end && **p >= '0' && **p <= '9') {
		if (v > (~0ULL - 9) / 10)
			return -EINVAL;
		v = v * 10 + (unsigned long long)(**p - '0');
		(*p)++;
		digits++;
	}
	if (!digits || *p >= end || **p != d)
		return -EINVAL;
	(*p)++;
	*out = v;
	return 0;
}

int kmsg_parse(const char *buf, size_t len, struct kmsg_record *out)
{
	const char *p = buf, *end = buf + len, *semi, *eol;
	unsigned long long prio;

	memset(out, 0, sizeof(*out));
	if (kmsg_num(&p, end, ',', &prio) < 0 || kmsg_num(&p, end, ',', &out->seq) < 0 ||
	    kmsg_num(&p, end, ',', &out->usec) < 0)
		return -EINVAL;
	if (prio > 8 * 1024)
		return -EINVAL;
	semi = memchr(p, ';', (size_t)(end - p));
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!semi || (eol && eol < semi))
		return -EINVAL; /* the header ends with ';' on its own line */
	out->facility = (int)(prio >> 3);
	out->level = (int)(prio & 7);
	out->text = semi + 1;
	eol = memchr(out->text, '\n', (size_t)(end - out->text));
	out->text_len = (size_t)((eol ? eol : end) - out->text);
	return 0;
}

size_t kmsg_next(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	if (len == 0)
		return 0;
	for (;;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (!eol)
			return len;
		p = eol + 1;
		if (p >= end || *p != ' ')
			return (size_t)(p - buf);
	}
}
