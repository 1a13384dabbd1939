/* psi.c - pure parser of /proc/pressure files, stall rates and history */
#include "psi.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const psi_names[PSI_COUNT] = { "memory", "io", "cpu" };

const char *psi_name(enum psi_res r)
{
	return psi_names[r];
}

/* Parse "key=" followed by a number at *p; advance *p. */
static int psi_field(const char **p, const char *end, const char *key, double *d,
		     unsigned long long *u)
{
	size_t kl = strlen(key);
	char num[32], *stop;
	size_t n = 0;

	while (*p < end && **p == ' ')
		(*p)++;
	if ((size_t)(end - *p) < kl || memcmp(*p, key, kl) != 0)
		return -EINVAL;
	*p += kl;
	while (*p < end && n + 1 < sizeof(num) && ((**p >= '0' && **p <= '9') || **p == '.'))
		num[n++] = *(*p)++;
	num[n] = '\0';
	if (n == 0 || (*p < end && **p != ' ' && **p != '\n'))
		return -EINVAL;
	errno = 0;
	if (d) {
		*d = strtod(num, &stop);
		if (*stop || *d < 0 || *d > 100.0)
			return -EINVAL;
	} else {
		if (strchr(num, '.'))
			return -EINVAL;
		*u = strtoull(num, &stop, 10);
		if (*stop || errno)
			return -EINVAL;
	}
	return 0;
}

static int psi_parse_line(const char *p, const char *end, struct psi_line *l)
{
	if (psi_field(&p, end, "avg10=", &l->avg10, NULL) < 0 ||
	    psi_field(&p, end, "avg60=", &l->avg60, NULL) < 0 ||
	    psi_field(&p, end, "avg300=", &l->avg300, NULL) < 0 ||
	    psi_field(&p, end, "total=", NULL, &l->total) < 0)
		return -EINVAL;
	l->present = true;
	return 0;
}

int psi_parse(const char *buf, size_t len, struct psi_stat *out)
{
	const char *p = buf, *end = buf + len;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		struct psi_line *l;

		if (!eol)
			return -EINVAL; /* a truncated last line */
		if (eol - p > 5 && memcmp(p, "some ", 5) == 0)
			l = &out->some;
		else if (eol - p > 5 && memcmp(p, "full ", 5) == 0)
			l = &out->full;
		else
			return -EINVAL;
		if (l->present || psi_parse_line(p + 5, eol, l) < 0)
			return -EINVAL;
		p = eol + 1;
	}
	return out->some.present ? 0 : -EINVAL;
}

static int psi_read_one(const char *dir, enum psi_res r, struct psi_stat *out)
{
	char path[4096], buf[512];
	ssize_t n;
	int fd, rc;

	snprintf(path, sizeof(path), "%s/%s", dir, psi_names[r]);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	rc = n < 0 ? -errno : 0;
	close(fd);
	if (rc < 0)
		return rc;
	return psi_parse(buf, (size_t)n, out);
}

bool psi_cmdline_off(const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t start = i, n;

		while (i < len && buf[i] != ' ' && buf[i] != '\n')
			i++;
		n = i - start;
		if (n >= 5 && memcmp(buf + start, "psi=", 4) == 0) {
			const char *v = buf + start + 4;

			/* kstrtobool: 0/n/f is false, and "of..." is off */
			if (v[0] && strchr("0nNfF", v[0]))
				return true;
			if (n >= 6 && (v[0] == 'o' || v[0] == 'O') && (v[1] == 'f' || v[1] == 'F'))
				return true;
		}
		i++;
	}
	return false;
}

/* Does this kernel's command line turn PSI off? */
static bool psi_boot_off(void)
{
	char buf[4096];
	ssize_t n;
	int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n > 0 && psi_cmdline_off(buf, (size_t)n);
}

void psi_read(const char *dir, struct psi *out)
{
	struct timespec ts;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	out->when = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	for (r = 0; r < PSI_COUNT; r++) {
		out->r[r].err = psi_read_one(dir, (enum psi_res)r, &out->r[r]);
		if (out->r[r].err < 0) {
			int err = out->r[r].err;

			memset(&out->r[r], 0, sizeof(out->r[r]));
			out->r[r].err = err;
		}
	}
	/* kernels since 5.7 hide /proc/pressure when booted with psi=0 */
	out->boot_off = out->r[PSI_MEMORY].err == -ENOENT && psi_boot_off();
}

double psi_rate(const struct psi *prev, const struct psi *cur, enum psi_res r, bool full)
{
	const struct psi_line *a, *b;
	double dt = cur->when - prev->when;

	if (prev->r[r].err || cur->r[r].err || dt <= 0)
		return -1;
	a = full ? &prev->r[r].full : &prev->r[r].some;
	b = full ? &cur->r[r].full : &cur->r[r].some;
	if (!a->present || !b->present || b->total < a->total)
		return -1;
	return (double)(b->total - a->total) / (dt * 1e6) * 100.0;
}

const char *psi_unavailable(const struct psi *p)
{
	int err = p->r[PSI_MEMORY].err;

	if (err == 0)
		return NULL;
	if (err == -EOPNOTSUPP || (err == -ENOENT && p->boot_off))
		return "PSI unavailable: the kernel was booted with psi=0";
	if (err == -ENOENT)
		return "PSI unavailable: this kernel has no /proc/pressure (CONFIG_PSI off)";
	if (err == -EACCES || err == -EPERM)
		return "PSI unavailable: /proc/pressure is not readable here";
	if (err == -EINVAL)
		return "PSI unavailable: /proc/pressure/memory is not in the expected format";
	return "PSI unavailable: /proc/pressure/memory cannot be read";
}

const char *psi_unavailable_short(const struct psi *p)
{
	int err = p->r[PSI_MEMORY].err;

	if (err == 0)
		return NULL;
	if (err == -EOPNOTSUPP || (err == -ENOENT && p->boot_off))
		return "PSI off: booted with psi=0";
	if (err == -ENOENT)
		return "PSI unavailable: no CONFIG_PSI";
	if (err == -EACCES || err == -EPERM)
		return "PSI unavailable: not readable";
	if (err == -EINVAL)
		return "PSI unavailable: bad format";
	return "PSI unavailable: read error";
}

void psi_history_push(struct psi_history *h, double v)
{
	h->v[h->head] = v;
	h->head = (h->head + 1) % PSI_HISTORY;
	if (h->n < PSI_HISTORY)
		h->n++;
}

double psi_history_get(const struct psi_history *h, size_t i)
{
	size_t start = (h->head + PSI_HISTORY - h->n) % PSI_HISTORY;

	return h->v[(start + i) % PSI_HISTORY];
}
