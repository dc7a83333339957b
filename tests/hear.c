/* hear.c — the recogniser over a file, for the tests and the benchmark.
 *
 *   hear FILE [ROUTINE]
 *
 * prints each spoken command found, one per line, as "END DECIDED VERB":
 * the second its phrase ended (as the spotter saw it) and the second it was
 * decided. FILE is 16 kHz mono, as the microphone is read. With ROUTINE,
 * FILE is taken to start with that session's first frame, and a command
 * said while the session's own voice sounds is printed as "... let-go",
 * as `play --listen` lets it go. */
#include <sndfile.h>
#include <stdio.h>
#include <string.h>

#include "listen.h"
#include "session.h"

#define SPOKEN_S 1.0    /* as cli_play.c: a command's span before its end */
#define ROOM_TAIL_S 0.3 /* and the room's echo of rollout's own voice */

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: hear FILE [ROUTINE]\n");
        return 2;
    }
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(argv[1], SFM_READ, &info);
    if (!sf || info.samplerate != LISTEN_RATE || info.channels != 1) {
        fprintf(stderr, "hear: %s: not a 16 kHz mono file\n", argv[1]);
        return 1;
    }
    struct session s;
    if (argc == 3) {
        struct diags d = {0};
        struct session_opts o = {.rate = LISTEN_RATE};
        int rc = session_load(&s, argv[2], &o, &d);
        diags_print(&d, stderr);
        diags_free(&d);
        if (rc != 0)
            return 1;
    }
    char err[512];
    struct listen *l = listen_new(err, sizeof err);
    if (!l) {
        fprintf(stderr, "hear: %s\n", err);
        return 1;
    }
    static short x[LISTEN_RATE];
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
        int k = listen_feed(l, x, (int)n, h, 8);
        for (int i = 0; i < k; i++) {
            int let_go = argc == 3 &&
                         timeline_speaking(&s.tl, s.cue_frames,
                                           h[i].end - (int64_t)((SPOKEN_S + ROOM_TAIL_S) * LISTEN_RATE),
                                           h[i].end);
            printf("%.2f %.2f %s%s\n", (double)h[i].end / LISTEN_RATE,
                   (double)h[i].decided / LISTEN_RATE, listen_verb(h[i].word),
                   let_go ? " let-go" : "");
        }
    }
    listen_free(l);
    if (argc == 3)
        session_free(&s);
    sf_close(sf);
    return 0;
}
