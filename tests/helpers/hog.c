/*
 * hog - a test process with a known memory footprint.
 * usage: hog MIB ADJ NAME [READYFILE]
 * Allocates and touches MIB MiB of anonymous memory, writes ADJ to its own
 * oom_score_adj, renames itself NAME (bytes as given, may hold escapes),
 * then creates READYFILE (if given) and sleeps until killed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t mib, i;
	char *mem;
	int fd;

	if (argc < 4) {
		fprintf(stderr, "usage: hog MIB ADJ NAME [READYFILE]\n");
		return 2;
	}
	mib = strtoul(argv[1], NULL, 10);
	mem = malloc(mib ? mib << 20 : 1);
	if (!mem)
		return 1;
	for (i = 0; i < mib << 20; i += 4096)
		mem[i] = (char)i | 1;
	fd = open("/proc/self/oom_score_adj", O_WRONLY);
	if (fd < 0 || write(fd, argv[2], strlen(argv[2])) < 0) {
		perror("hog: oom_score_adj");
		return 1;
	}
	close(fd);
	prctl(PR_SET_NAME, argv[3], 0, 0, 0);
	if (argc > 4) {
		fd = open(argv[4], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0)
			close(fd);
	}
	for (;;)
		pause();
}
