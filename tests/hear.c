/* SPDX-License-Identifier: MIT */
/* hear.c — the recogniser over a file, for the tests and the benchmark.
 *
 *   hear [--awake] [--echo PLAYED] FILE
 *   hear [--awake] [--hush] --room CLICKS VOICE HEARD_CLICKS HEARD_VOICE OTHER
 *
 * prints each spoken command found, one per line, as "END DECIDED VERB":
 * the second its phrase ended (as the spotter saw it) and the second it was
 * decided. FILE is 16 kHz mono, as the microphone is read. With --echo,
 * PLAYED is what rollout played while FILE was heard, sample for sample
 * (16 kHz mono too), and its echo is taken out first, as `play --listen`
 * does with what it plays. With --awake, it also prints "AT awake" and
 * "AT asleep" as the recogniser wakes to the wake word and settles again
 * (listen_awake).
 *
 * --room plays the session as two stems, its clicks and its voice (and
 * music), and makes the microphone's sound itself: the stems as the room
 * brings them back (HEARD_CLICKS, HEARD_VOICE: the same stems through the
 * room, ROOM_DELAY_MS late) plus OTHER, whatever else the room holds
 * (people speaking, a fan). With --hush, what play does on the wake word is
 * done here too, and heard: from HUSH_LATENCY_MS after the recogniser wakes,
 * the voice stem steps aside as the engine's hush does (engine.h), both in
 * what is played, which the echo canceller is given, and, ROOM_DELAY_MS
 * later, in what the microphone hears. The room's reverberation of the
 * voice from before the hush is hushed with it: a small flattery. */
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "listen.h"

#define ROOM_DELAY_MS 120 /* room_echo's delay (tests/lib.sh) */
#define HUSH_LATENCY_MS                                                                            \
    100           /* from waking to the hush in the air: the listener's pipe, the                  \
                   * view loop, the engine's next block and the device's buffer */
#define CHUNK 160 /* samples fed at a time: 10 ms, the listener's reads are finer */

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

/* A whole 16 kHz mono file as floats; NULL if it cannot be read. */
static float *load(const char *path, long long *n)
{
    SNDFILE *sf = open_16k(path);
    if (!sf)
        return NULL;
    long long cap = 1 << 20;
    float *x = malloc((size_t)cap * sizeof *x);
    *n = 0;
    for (sf_count_t got; x; *n += got) {
        if (*n == cap)
            x = realloc(x, (size_t)(cap *= 2) * sizeof *x);
        if (!x || (got = sf_read_float(sf, x + *n, cap - *n)) <= 0)
            break;
    }
    sf_close(sf);
    return x;
}

static short s16(float v)
{
    v *= 32768.0f;
    return (short)(v > 32767.0f ? 32767 : v < -32768.0f ? -32768 : v);
}

struct out {
    struct listen *l;
    int awake, was;
    long long fed;
};

/* Feeds n samples and prints what came of them. */
static void feed(struct out *o, const short *mic, const short *played, int n)
{
    struct listen_heard h[8];
    int k = played ? listen_feed_echo(o->l, mic, played, n, h, 8) : listen_feed(o->l, mic, n, h, 8);
    o->fed += n;
    for (int i = 0; i < k; i++)
        printf("%.2f %.2f %s\n", (double)h[i].end / LISTEN_RATE, (double)h[i].decided / LISTEN_RATE,
               listen_verb(h[i].word));
    if (o->awake && listen_awake(o->l) != o->was) {
        o->was = !o->was;
        printf("%.2f %s\n", (double)o->fed / LISTEN_RATE, o->was ? "awake" : "asleep");
    }
}

/* The file (and what was played), then a second of quiet so that a command
 * at its very end is decided too. */
static int hear_file(struct out *o, const char *path, const char *played)
{
    SNDFILE *sf = open_16k(path), *ref = played ? open_16k(played) : NULL;
    if (!sf || (played && !ref))
        return 1;
    static short x[LISTEN_RATE], y[LISTEN_RATE];
    for (int quiet = 0; quiet < 2;) {
        sf_count_t n = quiet ? 0 : sf_read_short(sf, x, 1600);
        if (n <= 0) {
            memset(x, 0, sizeof x);
            n = LISTEN_RATE;
            quiet++;
        }
        if (ref) {
            sf_count_t got = quiet ? 0 : sf_read_short(ref, y, n);
            memset(y + (got > 0 ? got : 0), 0, (size_t)(n - (got > 0 ? got : 0)) * sizeof *y);
        }
        feed(o, x, ref ? y : NULL, (int)n);
    }
    if (ref)
        sf_close(ref);
    sf_close(sf);
    return 0;
}

/* The hush's gain, as the engine's: down over ENGINE_HUSH_DOWN_MS, up over
 * ENGINE_HUSH_UP_MS, straight lines from wherever it stood. */
struct hush {
    float from, to;
    long long len, k;
};

static float hush_at(const struct hush *h)
{
    return h->k >= h->len ? h->to : h->from + (h->to - h->from) * (float)h->k / (float)h->len;
}

static void hush_to(struct hush *h, float to, int ms)
{
    if (to == h->to)
        return;
    *h = (struct hush){hush_at(h), to, (long long)ms * LISTEN_RATE / 1000, 0};
}

/* path[0..4]: CLICKS VOICE HEARD_CLICKS HEARD_VOICE OTHER */
static int hear_room(struct out *o, char **path, int hushes)
{
    float *x[5];
    long long n[5], len = 0;
    for (int i = 0; i < 5; i++) {
        if (!(x[i] = load(path[i], &n[i])))
            return 1;
        len = n[i] > len ? n[i] : len;
    }
    len += LISTEN_RATE;                         /* a second of quiet after */
    float *g = malloc((size_t)len * sizeof *g); /* the hush, sample by sample */
    if (!g)
        return 1;
    const long long late = (long long)HUSH_LATENCY_MS * LISTEN_RATE / 1000;
    const long long room = (long long)ROOM_DELAY_MS * LISTEN_RATE / 1000;
    const float down = powf(10.0f, ENGINE_HUSH_DB / 20.0f);
    struct hush h = {1, 1, 0, 0};
    /* Whether the recogniser was awake, for the last `late` chunks. */
    int woke[64] = {0};
    const int lag = (int)(late / CHUNK);
    short mic[CHUNK], played[CHUNK];
    for (long long at = 0, c = 0; at < len; at += CHUNK, c++) {
        int m = len - at < CHUNK ? (int)(len - at) : CHUNK;
        if (hushes)
            hush_to(&h, woke[(c + 64 - lag) % 64] ? down : 1.0f,
                    woke[(c + 64 - lag) % 64] ? ENGINE_HUSH_DOWN_MS : ENGINE_HUSH_UP_MS);
        for (int i = 0; i < m; i++) {
            long long t = at + i;
            float v[5];
            for (int k = 0; k < 5; k++)
                v[k] = t < n[k] ? x[k][t] : 0.0f;
            g[t] = hush_at(&h);
            h.k++;
            float heard = t >= room ? g[t - room] : 1.0f;
            played[i] = s16(v[0] + g[t] * v[1]);
            mic[i] = s16(v[2] + heard * v[3] + v[4]);
        }
        feed(o, mic, played, m);
        woke[c % 64] = listen_awake(o->l);
    }
    for (int i = 0; i < 5; i++)
        free(x[i]);
    free(g);
    return 0;
}

int main(int argc, char **argv)
{
    struct out o = {0};
    const char *played = NULL;
    int hushes = 0, room = 0;
    for (;;) {
        if (argc > 1 && strcmp(argv[1], "--awake") == 0) {
            o.awake = 1;
        } else if (argc > 1 && strcmp(argv[1], "--hush") == 0) {
            hushes = 1;
        } else if (argc > 1 && strcmp(argv[1], "--room") == 0) {
            room = 1;
        } else if (argc > 2 && strcmp(argv[1], "--echo") == 0) {
            played = argv[2];
            argv++;
            argc--;
        } else {
            break;
        }
        argv++;
        argc--;
    }
    if (room ? argc != 6 || played : argc != 2 || hushes) {
        fprintf(stderr, "usage: hear [--awake] [--echo PLAYED] FILE\n"
                        "       hear [--awake] [--hush] --room CLICKS VOICE HEARD_CLICKS "
                        "HEARD_VOICE OTHER\n");
        return 2;
    }
    char err[512];
    if (!(o.l = listen_new(err, sizeof err))) {
        fprintf(stderr, "hear: %s\n", err);
        return 1;
    }
    int status = room ? hear_room(&o, argv + 1, hushes) : hear_file(&o, argv[1], played);
    listen_free(o.l);
    return status;
}
