/* hear.c — the recogniser over a file: `hear FILE` prints each spoken
 * command it finds, one per line, as "END VERB" with END the second where
 * its phrase ended. FILE: 16 kHz mono, as the microphone is read. */
#include <sndfile.h>
#include <stdio.h>

#include "listen.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: hear FILE\n");
        return 2;
    }
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(argv[1], SFM_READ, &info);
    if (!sf || info.samplerate != LISTEN_RATE || info.channels != 1) {
        fprintf(stderr, "hear: %s: not a 16 kHz mono file\n", argv[1]);
        return 1;
    }
    char err[512];
    struct listen *l = listen_new(err, sizeof err);
    if (!l) {
        fprintf(stderr, "hear: %s\n", err);
        return 1;
    }
    short x[1600];
    struct listen_heard h[8];
    sf_count_t n;
    while ((n = sf_read_short(sf, x, 1600)) > 0) {
        int k = listen_feed(l, x, (int)n, h, 8);
        for (int i = 0; i < k; i++)
            printf("%.2f %s\n", (double)h[i].end / LISTEN_RATE, listen_verb(h[i].word));
    }
    /* A second of quiet, so a command at the very end is decided too. */
    static short quiet[LISTEN_RATE];
    int k = listen_feed(l, quiet, LISTEN_RATE, h, 8);
    for (int i = 0; i < k; i++)
        printf("%.2f %s\n", (double)h[i].end / LISTEN_RATE, listen_verb(h[i].word));
    listen_free(l);
    sf_close(sf);
    return 0;
}
