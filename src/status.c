/* status.c - a pure parser for the memory fields of /proc/PID/status */
#include "status.h"

#include <errno.h>
#include <string.h>

struct status_key {
	const char *name;
	size_t off;
};

static const struct status_key status_keys[] = {
	{ "VmRSS:", offsetof(struct status_mem, rss_kb) },
	{ "RssAnon:", offsetof(struct status_mem, anon_kb) },
	{ "RssFile:", offsetof(struct status_mem, file_kb) },
	{ "RssShmem:", offsetof(struct status_mem, shmem_kb) },
	{ "VmSwap:", offsetof(struct status_mem, swap_kb) },
	{ "VmPTE:", offsetof(struct status_mem, pte_kb) },
};

/* Parse "   1234 kB" up to the end of the line. */
static int status_value(const char *p, const char *end, unsigned long *out)
{
	unsigned long v = 0;
	int digits = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (p < end && *p >= '0' && *p <= '9') {
		if (v > (~0UL - 9) / 10)
			return -EINVAL;
		v = v * 10 + (unsigned long)(*p++ - '0');
		digits++;
	}
	if (!digits || end - p < 3 || memcmp(p, " kB", 3) != 0)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Copy the Name: value, undoing the kernel's \n and \\ escapes. */
static void status_name(const char *p, const char *end, char *name)
{
	size_t o = 0;

	if (p < end && *p == '\t')
		p++;
	while (p < end && o + 1 < STATUS_NAME_MAX) {
		char c = *p++;

		if (c == '\\' && p < end && (*p == 'n' || *p == '\\')) {
			c = *p == 'n' ? '\n' : '\\';
			p++;
		}
		name[o++] = c;
	}
	name[o] = '\0';
}

int status_parse(const char *buf, size_t len, struct status_mem *out)
{
	const char *p = buf, *end = buf + len;
	size_t found = 0, nkeys = sizeof(status_keys) / sizeof(status_keys[0]);

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t i;

		if (!eol)
			eol = end;
		if (eol - p >= 5 && memcmp(p, "Name:", 5) == 0) {
			status_name(p + 5, eol, out->name);
			p = eol + 1;
			continue;
		}
		if (*p != 'V' && *p != 'R') {
			p = eol + 1;
			continue;
		}
		for (i = 0; i < sizeof(status_keys) / sizeof(status_keys[0]); i++) {
			size_t kl = strlen(status_keys[i].name);

			if ((size_t)(eol - p) >= kl && memcmp(p, status_keys[i].name, kl) == 0) {
				unsigned long *dst = (unsigned long *)((char *)out + status_keys[i].off);

				if (status_value(p + kl, eol, dst) < 0)
					return -EINVAL;
				found++;
				break;
			}
		}
		if (found == nkeys)
			break; /* the rest of the file is of no use */
		p = eol + 1;
	}
	return 0;
}

int status_parse_int(const char *buf, size_t len, int *out)
{
	size_t i = 0;
	long v = 0;
	int neg = 0, digits = 0;

	if (i < len && buf[i] == '-') {
		neg = 1;
		i++;
	}
	while (i < len && buf[i] >= '0' && buf[i] <= '9') {
		v = v * 10 + (buf[i++] - '0');
		if (v > 1000000000L)
			return -EINVAL;
		digits++;
	}
	if (i < len && buf[i] == '\n')
		i++;
	if (!digits || i != len)
		return -EINVAL;
	*out = (int)(neg ? -v : v);
	return 0;
}
