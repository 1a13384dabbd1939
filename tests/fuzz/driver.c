/*
 * driver.c - runs the fuzz target without libFuzzer: seeds of real kernel
 * text, then deterministic mutations of them (flips, cuts, splices, random
 * bytes). Prints TAP. A broken promise aborts, which the runner counts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const seeds[] = {
	"Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t    9000 kB\nVmRSS:\t    4300 kB\n"
	"RssAnon:\t    1200 kB\nRssFile:\t    3100 kB\nRssShmem:\t       0 kB\nVmPTE:\t      44 kB\n"
	"VmSwap:\t       0 kB\n",
	"Name:\ta\\nb\\\\c\nVmRSS:\t1 kB\n",
	"some avg10=0.00 avg60=0.12 avg300=3.57 total=552273274\n"
	"full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
	"some avg10=99.99 avg60=100.00 avg300=0.01 total=18446744073709551615\n",
	"666\n", "-1000\n", "2\n50\n0\n", "0\n",
	"\x1b]2;pwned\x07\xff\xfe\xc2\x9b\xe2\x80\xae\xe6\xbc\xa2",
	"4,348,4901977431,-;hog invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n",
	"6,433,4901977971,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
	"oom_memcg=/p,task_memcg=/p,task=hog,pid=13476,uid=0\n SUBSYSTEM=x\n",
	"3,434,4901978045,-;Memory cgroup out of memory: Killed process 13476 (hog) total-vm:207280kB, "
	"anon-rss:65280kB, file-rss:1080kB, shmem-rss:0kB, UID:0 pgtables:176kB oom_score_adj:0\n",
	"6,9,9,-;oom_reaper: reaped process 13476 (hog), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB\n",
	"Killed process 21945 (tidb-server), UID 1000, total-vm:33027492kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB",
};

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static size_t mutate(uint8_t *buf, size_t len, size_t cap)
{
	int k, edits = 1 + (int)(rng() % 4);

	for (k = 0; k < edits; k++) {
		switch (rng() % 5) {
		case 0: /* flip a byte */
			if (len)
				buf[rng() % len] ^= (uint8_t)(1u << (rng() % 8));
			break;
		case 1: /* cut */
			if (len)
				len = rng() % len;
			break;
		case 2: /* random byte somewhere */
			if (len)
				buf[rng() % len] = (uint8_t)rng();
			break;
		case 3: /* append a splice of another seed */
		{
			const char *s = seeds[rng() % (sizeof(seeds) / sizeof(seeds[0]))];
			size_t n = strlen(s), off = n ? rng() % n : 0;

			while (off < n && len < cap)
				buf[len++] = (uint8_t)s[off++];
			break;
		}
		default: /* duplicate a run */
			if (len > 2 && len < cap / 2) {
				size_t a = rng() % len, b = a + rng() % (len - a);

				memmove(buf + len, buf + a, b - a);
				len += b - a;
			}
			break;
		}
	}
	return len;
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 200000;
	uint8_t buf[4096];
	size_t i, nseeds = sizeof(seeds) / sizeof(seeds[0]);
	long r;

	printf("1..2\n");
	for (i = 0; i < nseeds; i++)
		LLVMFuzzerTestOneInput((const uint8_t *)seeds[i], strlen(seeds[i]));
	printf("ok 1 - %zu seeds of kernel text through every parser\n", nseeds);
	for (r = 0; r < rounds; r++) {
		const char *s = seeds[rng() % nseeds];
		size_t len = strlen(s);

		memcpy(buf, s, len);
		len = mutate(buf, len, sizeof(buf));
		LLVMFuzzerTestOneInput(buf, len);
	}
	printf("ok 2 - %ld mutated inputs: no crash, no broken promise\n", rounds);
	return 0;
}
