/* unit.h - the systemd service a process runs in, from /proc/PID/cgroup */
#ifndef OOMTOP_UNIT_H
#define OOMTOP_UNIT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The .service unit named by a /proc/PID/cgroup text of len bytes: the last
 * path component ending in ".service" on the unified line ("0::/...") or
 * the name=systemd line. *user tells a unit of a user manager (below
 * user@UID.service), edited with systemctl --user. false when the process
 * is in no service (a scope, a slice, no systemd).
 */
bool unit_parse(const char *buf, size_t len, char *unit, size_t cap, bool *user);

#endif
