/*
 * logsink - a stand-in for a syslog daemon, for the tests of the audit line.
 * usage: logsink SOCKET
 * Binds a datagram Unix socket at SOCKET (which must not exist), then writes
 * every datagram it receives to stdout as one line (a NUL or newline at its
 * end removed, newlines inside replaced by "\n"), flushed at once, until it
 * is killed. It dies with the process that started it (PR_SET_PDEATHSIG) and
 * removes SOCKET when it gets SIGTERM, SIGINT or SIGHUP.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_un addr;
	struct sigaction sa;
	char buf[8192];
	ssize_t n, i;
	int fd;

	if (argc != 2 || strlen(argv[1]) >= sizeof(addr.sun_path)) {
		fprintf(stderr, "usage: logsink SOCKET (a path shorter than %zu bytes)\n", sizeof(addr.sun_path));
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: recv returns EINTR */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("logsink: socket");
		return 1;
	}
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	strcpy(addr.sun_path, argv[1]);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("logsink: bind");
		return 1;
	}
	/* anyone may log to it, as anyone may log to /dev/log */
	chmod(argv[1], 0666);
	while (!stop) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("logsink: recv");
			break;
		}
		while (n > 0 && (buf[n - 1] == '\0' || buf[n - 1] == '\n'))
			n--;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n')
				fputs("\\n", stdout);
			else
				putchar(buf[i]);
		}
		putchar('\n');
		fflush(stdout);
	}
	unlink(argv[1]);
	return 0;
}
