/* sysmem.h - the machine's memory figures of /proc/meminfo the header shows */
#ifndef OOMTOP_SYSMEM_H
#define OOMTOP_SYSMEM_H

struct sysmem {
	int err; /* 0, or -errno when /proc/meminfo could not be read */
	unsigned long mem_total_kb, mem_available_kb;
	unsigned long swap_total_kb, swap_free_kb;
	unsigned long commit_limit_kb, committed_as_kb;
};

#endif
