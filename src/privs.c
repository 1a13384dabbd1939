/* privs.c - the capabilities oomtop uses, and the drop of all others */
#include "privs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>

enum privs_mode privs_mode_of(bool read_only, bool dac_override, bool sys_resource)
{
	if (read_only)
		return PRIVS_READ_ONLY;
	if (!dac_override)
		return PRIVS_OWN;
	return sys_resource ? PRIVS_FULL : PRIVS_RAISE;
}

const char *privs_mode_name(enum privs_mode m)
{
	switch (m) {
	case PRIVS_READ_ONLY:
		return "read-only";
	case PRIVS_OWN:
		return "own processes only";
	case PRIVS_RAISE:
		return "raise only";
	case PRIVS_FULL:
		return "full";
	default:
		return "?";
	}
}

static bool privs_effective(cap_t caps, cap_value_t v)
{
	cap_flag_value_t f = CAP_CLEAR;

	return caps && cap_get_flag(caps, v, CAP_EFFECTIVE, &f) == 0 && f == CAP_SET;
}

static bool privs_have(cap_value_t v)
{
	cap_t caps = cap_get_proc();
	bool set = privs_effective(caps, v);

	cap_free(caps);
	return set;
}

bool privs_have_ipc_lock(void)
{
	return privs_have(CAP_IPC_LOCK);
}

bool privs_have_sys_resource(void)
{
	return privs_have(CAP_SYS_RESOURCE);
}

void privs_probe(struct privs *p)
{
	cap_t caps = cap_get_proc();

	memset(p, 0, sizeof(*p));
	p->had_sys_resource = privs_effective(caps, CAP_SYS_RESOURCE);
	p->had_dac_override = privs_effective(caps, CAP_DAC_OVERRIDE);
	p->had_kill = privs_effective(caps, CAP_KILL);
	p->had_syslog = privs_effective(caps, CAP_SYSLOG);
	p->had_ipc_lock = privs_effective(caps, CAP_IPC_LOCK);
	cap_free(caps);
	p->sys_resource = p->had_sys_resource;
	p->dac_override = p->had_dac_override;
	p->kill = p->had_kill;
	p->mode = privs_mode_of(false, p->dac_override, p->sys_resource);
}

/* Is v one of the capabilities kept? */
static bool privs_kept(const struct privs *p, cap_value_t v)
{
	return (v == CAP_SYS_RESOURCE && p->sys_resource) ||
	       (v == CAP_DAC_OVERRIDE && p->dac_override) || (v == CAP_KILL && p->kill);
}

/* Empty the bounding set but for the kept ones; needs CAP_SETPCAP. */
static int privs_drop_bound(struct privs *p)
{
	cap_value_t v;
	int failed = 0;

	if (!privs_have(CAP_SETPCAP))
		return -EPERM;
	for (v = 0; v <= CAP_LAST_CAP; v++) {
		if (privs_kept(p, v) || cap_get_bound(v) != 1)
			continue;
		if (cap_drop_bound(v) != 0)
			failed = -errno;
	}
	return failed;
}

int privs_drop(struct privs *p, bool read_only, bool keep_ipc_lock)
{
	cap_value_t keep[4];
	int nkeep = 0, rc = 0, brc;
	cap_t caps;

	p->read_only = read_only;
	if (read_only)
		p->sys_resource = p->dac_override = p->kill = false;
	p->mode = privs_mode_of(read_only, p->dac_override, p->sys_resource);
	p->err[0] = '\0';
	brc = privs_drop_bound(p);
	p->bounding_dropped = brc == 0;
	if (p->sys_resource)
		keep[nkeep++] = CAP_SYS_RESOURCE;
	if (p->dac_override)
		keep[nkeep++] = CAP_DAC_OVERRIDE;
	if (p->kill)
		keep[nkeep++] = CAP_KILL;
	p->ipc_lock = keep_ipc_lock && p->had_ipc_lock;
	if (p->ipc_lock)
		keep[nkeep++] = CAP_IPC_LOCK;
	caps = cap_init();
	if (!caps || (nkeep > 0 && (cap_set_flag(caps, CAP_EFFECTIVE, nkeep, keep, CAP_SET) != 0 ||
				    cap_set_flag(caps, CAP_PERMITTED, nkeep, keep, CAP_SET) != 0)) ||
	    cap_set_proc(caps) != 0) {
		snprintf(p->err, sizeof(p->err), "cannot drop capabilities: %s", strerror(errno));
		rc = -1;
	}
	cap_free(caps);
	/* ambient capabilities would survive an exec: none of them either */
	if (CAP_AMBIENT_SUPPORTED())
		cap_reset_ambient();
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
		p->no_new_privs = true;
	else if (!p->err[0]) {
		snprintf(p->err, sizeof(p->err), "cannot set no-new-privs: %s", strerror(errno));
		rc = -1;
	}
	if (brc != 0 && brc != -EPERM && !p->err[0]) {
		snprintf(p->err, sizeof(p->err), "cannot empty the bounding set: %s", strerror(-brc));
		rc = -1;
	}
	return rc;
}

void privs_drop_ipc_lock(struct privs *p)
{
	cap_value_t v = CAP_IPC_LOCK;
	cap_t caps;

	if (!p->ipc_lock)
		return;
	caps = cap_get_proc();
	if (caps && cap_set_flag(caps, CAP_EFFECTIVE, 1, &v, CAP_CLEAR) == 0 &&
	    cap_set_flag(caps, CAP_PERMITTED, 1, &v, CAP_CLEAR) == 0 && cap_set_proc(caps) == 0)
		p->ipc_lock = false;
	cap_free(caps);
}
