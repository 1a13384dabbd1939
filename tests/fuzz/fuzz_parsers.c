/*
 * fuzz_parsers.c - one fuzz target for every parser of kernel text and the
 * escapers: LLVMFuzzerTestOneInput for libFuzzer (make fuzz, with clang),
 * also driven by tests/fuzz/driver.c in make check under the sanitizers.
 * Besides not crashing, each parser must keep its promises on any input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "json.h"
#include "kmsg.h"
#include "oomlog.h"
#include "overcommit.h"
#include "pidref.h"
#include "psi.h"
#include "status.h"
#include "unit.h"
#include "adj.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct status_mem m;
	struct psi_stat ps;
	struct overcommit oc;
	char out[512];
	size_t n, i, third = size / 3;
	int v;

	if (status_parse(buf, size, &m) == 0 && strlen(m.name) >= STATUS_NAME_MAX)
		abort();
	status_parse_int(buf, size, &v);
	{
		unsigned long long start;
		char unit[64], typed[16];
		bool user;

		pidref_parse_start(buf, size, &start);
		if (unit_parse(buf, size, unit, sizeof(unit), &user) &&
		    (strlen(unit) >= sizeof(unit) || strlen(unit) <= strlen(".service") ||
		     strcmp(unit + strlen(unit) - 8, ".service") != 0 || strchr(unit, '/') ||
		     strchr(unit, '\n')))
			abort(); /* a unit is one path component ending in .service */
		n = size < sizeof(typed) - 1 ? size : sizeof(typed) - 1;
		memcpy(typed, buf, n);
		typed[n] = '\0';
		if (adj_parse(typed, &v) && (v < ADJ_MIN || v > ADJ_MAX || !adj_typing_ok(typed)))
			abort(); /* a value typed is in range */
	}
	if (psi_parse(buf, size, &ps) == 0) {
		if (!ps.some.present || ps.some.avg10 < 0 || ps.some.avg10 > 100 ||
		    ps.some.avg60 > 100 || ps.some.avg300 > 100)
			abort();
	}
	overcommit_parse(buf, third, buf + third, third, buf + 2 * third, size - 2 * third, &oc);
	if (oc.err == 0 && (oc.mode < 0 || oc.mode > 2))
		abort();
	{
		struct kmsg_record r;
		struct oomline l;
		static struct killlog k;
		static int k_ready;

		if (!k_ready) {
			killlog_init(&k);
			k_ready = 1;
		}
		if (kmsg_parse(buf, size, &r) == 0) {
			if (r.text < buf || r.text + r.text_len > buf + size)
				abort(); /* the text must lie inside the record */
			killlog_feed(&k, &r, false);
			if (k.n > KILLLOG_MAX)
				abort();
		}
		if (oomline_parse(buf, size, &l) == 0 &&
		    (strlen(l.comm) >= OOM_COMM_MAX || strlen(l.path) >= OOM_PATH_MAX ||
		     (l.has_adj && (l.adj < -1000 || l.adj > 1000))))
			abort();
		escape_kernel_text(out, sizeof(out), buf, size, ESCAPE_UTF8);
	}
	n = escape_text(out, sizeof(out), buf, size, ESCAPE_UTF8);
	for (i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			abort(); /* a control byte got through */
	n = escape_text(out, sizeof(out), buf, size, 0);
	for (i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] >= 0x7f)
			abort(); /* not plain ASCII without UTF-8 */
	{
		static FILE *devnull;

		if (!devnull)
			devnull = fopen("/dev/null", "w");
		if (devnull)
			json_write_str(devnull, buf, size);
	}
	return 0;
}
