/* SPDX-License-Identifier: MIT */
/* hear.c — the recogniser over a file, for the tests and the benchmark.
 *
 *   hear [--echo PLAYED] FILE
 *
 * prints each spoken command found, one per line, as "END DECIDED VERB":
 * the second its phrase ended (as the spotter saw it) and the second it was
 * decided. FILE is 16 kHz mono, as the microphone is read. With --echo,
 * PLAYED is what rollout played while FILE was heard, sample for sample
 * (16 kHz mono too), and its echo is taken out first, as `play --listen`
 * does with what it plays. With --awake, it also prints "AT awake" and
 * "AT asleep" as the recogniser wakes to the wake word and settles again
 * (listen_awake). */
#include <sndfile.h>
#include <stdio.h>
#include <string.h>

#include "listen.h"

static SNDFILE *open_16k(const char *path)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (sf && (info.samplerate != LISTEN_RATE || info.channels != 1)) {
        sf_close(sf);
        sf = NULL;
    }
    if (!sf)
        fprintf(stderr, "hear: %s: not a 16 kHz mono file\n", path);
    return sf;
}

int main(int argc, char **argv)
{
    const char *played = NULL;
    int awake = 0, was = 0;
    long long fed = 0;
    if (argc > 1 && strcmp(argv[1], "--awake") == 0) {
        awake = 1;
        argv++;
        argc--;
    }
    if (argc > 2 && strcmp(argv[1], "--echo") == 0) {
        played = argv[2];
        argv += 2;
        argc -= 2;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: hear [--awake] [--echo PLAYED] FILE\n");
        return 2;
    }
    SNDFILE *sf = open_16k(argv[1]), *ref = played ? open_16k(played) : NULL;
    if (!sf || (played && !ref))
        return 1;
    char err[512];
    struct listen *l = listen_new(err, sizeof err);
    if (!l) {
        fprintf(stderr, "hear: %s\n", err);
        return 1;
    }
    static short x[LISTEN_RATE], y[LISTEN_RATE];
    struct listen_heard h[8];
    /* The file, then a second of quiet so that a command at its very end
     * is decided too. */
    for (int quiet = 0; quiet < 2;) {
        sf_count_t n = quiet ? 0 : sf_read_short(sf, x, 1600);
        if (n <= 0) {
            memset(x, 0, sizeof x);
            n = LISTEN_RATE;
            quiet++;
        }
        int k;
        if (ref) {
            sf_count_t got = quiet ? 0 : sf_read_short(ref, y, n);
            memset(y + (got > 0 ? got : 0), 0, (size_t)(n - (got > 0 ? got : 0)) * sizeof *y);
            k = listen_feed_echo(l, x, y, (int)n, h, 8);
        } else {
            k = listen_feed(l, x, (int)n, h, 8);
        }
        fed += n;
        for (int i = 0; i < k; i++)
            printf("%.2f %.2f %s\n", (double)h[i].end / LISTEN_RATE,
                   (double)h[i].decided / LISTEN_RATE, listen_verb(h[i].word));
        if (awake && listen_awake(l) != was) {
            was = !was;
            printf("%.2f %s\n", (double)fed / LISTEN_RATE, was ? "awake" : "asleep");
        }
    }
    listen_free(l);
    if (ref)
        sf_close(ref);
    sf_close(sf);
    return 0;
}
