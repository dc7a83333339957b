/* SPDX-License-Identifier: MIT */
/* test_music.c — the music bed: its playlist (folder order, .m3u, shuffle by
 * seed), its decoder (gapless joins after resampling, the loop, every kind
 * of bad file skipped with its line), and the engine playing it (ducking at
 * exact frames, the same render at any block size, a ring run dry on
 * purpose leaving every click where it was planned, the file writer filling
 * it). The music is made here, as tones written with libsndfile. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "support.h"
#include "control.h"
#include "engine.h"
#include "music.h"
#include "ring.h"
#include "out_file.h"

#define RATE 48000

static char dir[256];

static char *at(const char *name)
{
    static char buf[8][512];
    static int k;
    char *p = buf[k++ % 8];
    snprintf(p, 512, "%s/%s", dir, name);
    return p;
}

/* A tone (freq Hz, or a constant `level` when freq is 0) of `frames` frames
 * at rate with ch channels, in the format fmt. */
static void write_tone(const char *path, int fmt, int rate, int ch, int64_t frames, double freq,
                       double level)
{
    SF_INFO info = {.samplerate = rate, .channels = ch, .format = fmt};
    SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
    CHECK(sf != NULL);
    if (!sf)
        return;
    float *x = malloc((size_t)frames * (size_t)ch * sizeof *x);
    for (int64_t i = 0; i < frames; i++)
        for (int c = 0; c < ch; c++)
            x[i * ch + c] = freq > 0 ? (float)(level * sin(2 * M_PI * freq * (double)i / rate + c))
                                     : (float)level;
    CHECK(sf_writef_float(sf, x, frames) == frames);
    sf_close(sf);
    free(x);
}

static void write_bytes(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(fwrite(p, 1, n, f) == n);
    fclose(f);
}

/* round(frames * out / in), as the decoder holds each track to. */
static int64_t resampled(int64_t frames, int in, int out)
{
    return (frames * out * 2 + in) / (2 * in);
}

/* The first n frames a bed of these files plays, filled and read in the
 * odd pieces a live ring would see. */
static float *bed(char *const *paths, int np, int64_t n, music_skip_fn *skip, void *user)
{
    struct music *m = music_new(paths, np, RATE, 8192, skip, user);
    float *x = calloc((size_t)n * 2 + 2, sizeof *x);
    int64_t done = 0;
    int piece = 1;
    while (done < n) {
        int k = (int)(n - done < piece ? n - done : piece);
        music_fill(m, k);
        if (!ring_read(music_ring(m), x + 2 * done, k))
            break;
        done += k;
        piece = piece * 3 % 4001 + 1;
    }
    CHECK_INT(done, n);
    music_free(m);
    return x;
}

/* ---- the playlist ---- */

static int same_list(char **v, int n, const char *const *want)
{
    for (int i = 0; i < n; i++)
        if (!want[i] || strcmp(v[i], at(want[i])) != 0)
            return 0;
    return want[n] == NULL;
}

static void test_playlist(void)
{
    char err[512];
    char **v;
    int n;
    mkdir(at("folder"), 0755);
    write_tone(at("folder/b.flac"), SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 1, 100, 440, 0.5);
    write_tone(at("folder/a.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 1, 100, 440, 0.5);
    write_tone(at("folder/C.ogg"), SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 1, 4000, 440, 0.5);
    write_bytes(at("folder/notes.txt"), "x", 1);
    write_bytes(at("folder/.hidden.flac"), "x", 1);
    CHECK(music_playlist(at("folder"), 0, 0, &v, &n, err, sizeof err) == 0);
    CHECK(same_list(v, n, (const char *[]){"folder/C.ogg", "folder/a.wav", "folder/b.flac", NULL}));
    music_playlist_free(v, n);

    /* Shuffled: the same seed, the same order; this seed's order is fixed
     * for good, on every machine. */
    char **w;
    int nw;
    CHECK(music_playlist(at("folder"), 1, 7, &v, &n, err, sizeof err) == 0);
    CHECK(music_playlist(at("folder"), 1, 7, &w, &nw, err, sizeof err) == 0);
    CHECK_INT(n, 3);
    CHECK_INT(nw, 3);
    for (int i = 0; i < n && i < nw; i++)
        CHECK_STR(v[i], w[i]);
    for (int i = 0; i < n; i++)
        fprintf(stderr, "shuffle seed 7: %s\n", v[i]);
    CHECK(same_list(v, n, (const char *[]){"folder/a.wav", "folder/b.flac", "folder/C.ogg", NULL}));
    music_playlist_free(v, n);
    music_playlist_free(w, nw);
    /* Some seed in a few gives another order: shuffling does shuffle. */
    int differ = 0;
    for (uint32_t seed = 0; seed < 8; seed++) {
        CHECK(music_playlist(at("folder"), 1, seed, &v, &n, err, sizeof err) == 0);
        differ += !same_list(
            v, n, (const char *[]){"folder/C.ogg", "folder/a.wav", "folder/b.flac", NULL});
        music_playlist_free(v, n);
    }
    CHECK(differ > 0);

    /* An .m3u: comments skipped, relative paths from its folder. */
    const char m3u[] = "#EXTM3U\n#EXTINF:1,b\nfolder/b.flac\r\n\n  folder/a.wav\n";
    write_bytes(at("list.m3u"), m3u, sizeof m3u - 1);
    CHECK(music_playlist(at("list.m3u"), 0, 0, &v, &n, err, sizeof err) == 0);
    CHECK(same_list(v, n, (const char *[]){"folder/b.flac", "folder/a.wav", NULL}));
    music_playlist_free(v, n);

    /* What cannot be a playlist: one sentence naming it. */
    CHECK(music_playlist(at("none.flac"), 0, 0, &v, &n, err, sizeof err) == -1);
    CHECK(strstr(err, "cannot find the music") && strstr(err, "none.flac"));
    mkdir(at("empty"), 0755);
    CHECK(music_playlist(at("empty"), 0, 0, &v, &n, err, sizeof err) == -1);
    CHECK(strstr(err, "holds no audio files") != NULL);
    write_bytes(at("blank.m3u"), "#EXTM3U\n", 8);
    CHECK(music_playlist(at("blank.m3u"), 0, 0, &v, &n, err, sizeof err) == -1);
    CHECK(strstr(err, "names no files") != NULL);
}

/* ---- the decoder ---- */

static void test_gapless_and_loop(void)
{
    /* Two tracks at 44100 Hz, one mono and one stereo, to 48000 Hz. */
    const int64_t n1 = 44100 + 123, n2 = 30011;
    write_tone(at("t1.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 1, n1, 440, 0.5);
    write_tone(at("t2.flac"), SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, n2, 660, 0.5);
    const int64_t o1 = resampled(n1, 44100, RATE), o2 = resampled(n2, 44100, RATE);
    char *both[] = {at("t1.wav"), at("t2.flac")};
    char *one[] = {at("t1.wav")}, *two[] = {at("t2.flac")};
    float *x = bed(both, 2, o1 + o2 + 1000, NULL, NULL);
    float *a = bed(one, 1, 2 * o1 + 10, NULL, NULL);
    float *b = bed(two, 1, o2, NULL, NULL);
    /* Track 1 whole, then the first sample of track 2 right after its last:
     * no gap, no overlap, each resampled stream intact. */
    CHECK(memcmp(x, a, (size_t)o1 * 2 * sizeof *x) == 0);
    CHECK(memcmp(x + 2 * o1, b, (size_t)o2 * 2 * sizeof *x) == 0);
    CHECK(x[2 * o1] == b[0] && x[2 * o1 + 1] == b[1]);
    /* ...and the list loops: track 1 again after track 2. */
    CHECK(memcmp(x + 2 * (o1 + o2), a, 1000 * 2 * sizeof *x) == 0);
    /* One track loops onto itself. */
    CHECK(memcmp(a + 2 * o1, a, 10 * 2 * sizeof *a) == 0);
    /* It is sound, not silence: the tone is there at its level. */
    float peak = 0;
    for (int64_t i = 0; i < o1; i++)
        peak = fabsf(a[2 * i]) > peak ? fabsf(a[2 * i]) : peak;
    CHECK(peak > 0.45f && peak < 0.55f);
    /* Mono plays on both sides; stereo keeps them apart. */
    CHECK(a[200] == a[201]);
    CHECK(b[200] != b[201]);
    free(x);
    free(a);
    free(b);
}

struct lines {
    int n;
    char v[16][600];
};

static void collect(void *user, const char *line)
{
    struct lines *l = user;
    if (l->n < 16)
        snprintf(l->v[l->n++], sizeof l->v[0], "%s", line);
}

static int said(const struct lines *l, const char *name, const char *why)
{
    int k = 0;
    for (int i = 0; i < l->n; i++)
        k += strstr(l->v[i], name) && strstr(l->v[i], why) && strstr(l->v[i], "skipping music");
    return k;
}

static void test_bad_files(void)
{
    mkdir(at("bad"), 0755);
    const int64_t good_frames = 20000;
    write_tone(at("bad/good.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, RATE, 1, good_frames, 330,
               0.5);
    /* Truncated inside its header. */
    write_tone(at("bad/whole.flac"), SF_FORMAT_FLAC | SF_FORMAT_PCM_16, RATE, 1, 5000, 330, 0.5);
    FILE *f = fopen(at("bad/whole.flac"), "rb");
    unsigned char head[20];
    CHECK(f && fread(head, 1, sizeof head, f) == sizeof head);
    if (f)
        fclose(f);
    unlink(at("bad/whole.flac"));
    write_bytes(at("bad/truncated.flac"), head, sizeof head);
    /* Garbage, and words where audio should be. */
    unsigned char junk[4096];
    uint32_t s = 12345;
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)((s = s * 1103515245u + 12345u) >> 24);
    write_bytes(at("bad/garbage.wav"), junk, sizeof junk);
    const char words[] = "These are not the sounds you are looking for.\n";
    write_bytes(at("bad/words.aiff"), words, sizeof words - 1);
    /* A proper WAV of no frames. */
    write_tone(at("bad/zero.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, RATE, 1, 0, 0, 0);
    /* A FIFO that nobody writes to (opening it must not wait). */
    CHECK(mkfifo(at("bad/fifo.flac"), 0644) == 0 || errno == EEXIST);
    /* A playlist adding a device node, a missing file and an address. */
    const char m3u[] = "/dev/null\nmissing.flac\nhttp://example.org/a.mp3\n";
    write_bytes(at("bad/list.m3u"), m3u, sizeof m3u - 1);

    char err[512];
    char **v, **l;
    int n, nl;
    CHECK(music_playlist(at("bad"), 0, 0, &v, &n, err, sizeof err) == 0);
    CHECK_INT(n, 6);
    CHECK(music_playlist(at("bad/list.m3u"), 0, 0, &l, &nl, err, sizeof err) == 0);
    CHECK_INT(nl, 3);
    char *all[16];
    int na = 0;
    for (int i = 0; i < n; i++)
        all[na++] = v[i];
    for (int i = 0; i < nl; i++)
        all[na++] = l[i];

    struct lines lines = {0};
    float *x = bed(all, na, 3 * good_frames, collect, &lines);
    char *good[] = {at("bad/good.wav")};
    float *y = bed(good, 1, 3 * good_frames, NULL, NULL);
    /* Only the good file plays, looping, with nothing in between. */
    CHECK(memcmp(x, y, (size_t)(3 * good_frames) * 2 * sizeof *x) == 0);
    /* Each bad one named once, with why, however often the list looped. */
    for (int i = 0; i < lines.n; i++)
        fprintf(stderr, "  %s\n", lines.v[i]);
    CHECK_INT(lines.n, 8);
    CHECK_INT(said(&lines, "truncated.flac", ""), 1);
    CHECK_INT(said(&lines, "garbage.wav", ""), 1);
    CHECK_INT(said(&lines, "words.aiff", ""), 1);
    CHECK_INT(said(&lines, "zero.wav", "holds no audio"), 1);
    CHECK_INT(said(&lines, "fifo.flac", "not a regular file"), 1);
    CHECK_INT(said(&lines, "/dev/null", "not a regular file"), 1);
    CHECK_INT(said(&lines, "missing.flac", "No such file"), 1);
    CHECK_INT(said(&lines, "http://example.org/a.mp3", "not addresses"), 1);
    free(x);
    free(y);

    /* Nothing playable at all: the bed is exhausted and gives nothing. */
    struct music *m = music_new(l, nl, RATE, 4096, NULL, NULL);
    CHECK_INT(music_fill(m, 4096), 0);
    CHECK(music_exhausted(m));
    float z[2 * 16];
    CHECK(!ring_read(music_ring(m), z, 16));
    music_free(m);
    music_playlist_free(v, n);
    music_playlist_free(l, nl);
}

/* A valid 16-bit mono WAV of `frames` frames whose header says `rate`,
 * whatever it is: libsndfile will not write an absurd one itself. */
static void write_wav_claiming(const char *path, uint32_t rate, uint32_t frames)
{
    unsigned char h[44];
    uint32_t data = frames * 2;
    memcpy(h, "RIFF", 4);
    memcpy(h + 8, "WAVEfmt ", 8);
    memcpy(h + 36, "data", 4);
    const uint32_t v32[][2] = {{4, 36 + data}, {16, 16}, {24, rate}, {28, rate * 2}, {40, data}};
    for (size_t i = 0; i < sizeof v32 / sizeof v32[0]; i++)
        for (int b = 0; b < 4; b++)
            h[v32[i][0] + (uint32_t)b] = (unsigned char)(v32[i][1] >> (8 * b));
    const uint16_t v16[][2] = {{20, 1}, {22, 1}, {32, 2}, {34, 16}};
    for (size_t i = 0; i < sizeof v16 / sizeof v16[0]; i++) {
        h[v16[i][0]] = (unsigned char)v16[i][1];
        h[v16[i][0] + 1] = (unsigned char)(v16[i][1] >> 8);
    }
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fwrite(h, 1, sizeof h, f);
    for (uint32_t i = 0; i < frames; i++)
        fwrite("\x00\x10", 1, 2, f);
    fclose(f);
}

/* Headers that claim what no music is, and files that give nothing at the
 * output's rate: skipped with their line, never decoded for ever. alarm()
 * makes a hang a failed run. */
static void test_hostile(void)
{
    alarm(60);
    mkdir(at("hostile"), 0755);
    static const uint32_t rates[] = {2147483647u, 1140000000u, 5400000u, 768001u, 7999u};
    char *paths[8];
    int n = 0;
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "hostile/r%u.wav", (unsigned)rates[i]);
        paths[n] = strdup(at(name));
        write_wav_claiming(paths[n++], rates[i], 48000);
    }
    /* One frame at 192 kHz is a quarter of one at 48 kHz. */
    paths[n] = strdup(at("hostile/tiny.wav"));
    write_wav_claiming(paths[n++], 192000, 1);
    struct lines lines = {0};
    struct music *m = music_new(paths, n, RATE, 4096, collect, &lines);
    CHECK_INT(music_fill(m, 4096), 0);
    CHECK(music_exhausted(m));
    music_free(m);
    CHECK_INT(lines.n, n);
    CHECK_INT(said(&lines, "r2147483647.wav",
                   "its sample rate is 2147483647 Hz; rollout plays "
                   "8000 to 768000 Hz"),
              1);
    CHECK_INT(said(&lines, "r7999.wav", "its sample rate is 7999 Hz"), 1);
    CHECK_INT(said(&lines, "tiny.wav", "too short to hear"), 1);
    for (int i = 0; i < n; i++)
        free(paths[i]);

    /* The edges of the range play: 768 kHz and 8 kHz, each held to its
     * length at the output's rate. */
    static const uint32_t edges[] = {768000u, 8000u};
    for (int i = 0; i < 2; i++) {
        char *p = at(i ? "hostile/e8000.wav" : "hostile/e768000.wav");
        write_wav_claiming(p, edges[i], edges[i] / 10);
        lines.n = 0;
        m = music_new(&p, 1, RATE, 8192, collect, &lines);
        CHECK_INT(music_fill(m, 8192), 8192);
        CHECK_INT(lines.n, 0);
        music_free(m);
    }
    alarm(0);
}

/* A signal's flag stops the filling between two files: a long list of
 * files that cannot be played is not gone through to the end first. */
static volatile sig_atomic_t interrupted;

static void interrupt_on_skip(void *user, const char *line)
{
    (void)line;
    (*(int *)user)++;
    interrupted = 1;
}

static void test_stop_on_signal(void)
{
    enum { N = 1000 };
    char **paths = calloc(N, sizeof *paths);
    for (int i = 0; i < N; i++) {
        char name[64];
        snprintf(name, sizeof name, "missing%d.flac", i);
        paths[i] = strdup(at(name));
    }
    int skipped = 0;
    struct music *m = music_new(paths, N, RATE, 4096, interrupt_on_skip, &skipped);
    music_stop_on(m, &interrupted);
    CHECK_INT(music_fill(m, 4096), 0);
    CHECK_INT(skipped, 1);
    CHECK(!music_exhausted(m));
    /* Once the flag is down again, the filling goes on where it was. */
    interrupted = 0;
    music_stop_on(m, NULL);
    CHECK_INT(music_fill(m, 4096), 0);
    CHECK_INT(skipped, N);
    CHECK(music_exhausted(m));
    music_free(m);
    for (int i = 0; i < N; i++)
        free(paths[i]);
    free(paths);
}

/* ---- the engine playing it ---- */

static struct tl_event ev[64];
static struct test_roll roll;
static int16_t cue_data[RATE];
static struct cue_audio cue;

#define CUE_AT  (RATE + 3)
#define CUE_LEN (RATE / 2 + 11)

/* Clicks every quarter second, one cue; `seconds` long. */
static struct timeline make_timeline(int seconds)
{
    int n = 0, cued = 0;
    int64_t len = (int64_t)seconds * RATE + 5;
    for (int k = 0; k < seconds * 4 && n < 60; k++) {
        int64_t fr = (int64_t)k * RATE / 4 + 17;
        if (fr > CUE_AT && !cued) {
            ev[n++] = (struct tl_event){CUE_AT, TL_CUE, 0};
            cued = 1;
        }
        ev[n++] = (struct tl_event){fr, TL_CLICK, k};
    }
    ev[n++] = (struct tl_event){len, TL_END, 0};
    for (int i = 0; i < CUE_LEN; i++)
        cue_data[i] = (int16_t)(8000 * sin(i * 0.05));
    cue = (struct cue_audio){cue_data, CUE_LEN, 1};
    return test_timeline(ev, n, len, RATE, &roll);
}

static struct engine_opts opts(float music_db, int mute_click, int mute_voice)
{
    struct engine_opts o = engine_defaults();
    o.gain_db[ENGINE_MUSIC] = music_db;
    o.mute[ENGINE_CLICK] = mute_click;
    o.mute[ENGINE_VOICE] = mute_voice;
    return o;
}

/* The whole session in blocks of `block`, the bed (if any) filled ahead of
 * each block in this thread, as the file writer does. */
static float *render(const struct timeline *tl, struct music *m, const struct engine_opts *o,
                     int block)
{
    float *out = calloc((size_t)tl->length * 2 + 2 * (size_t)block, sizeof *out);
    struct engine *e = engine_new(tl, &cue, o);
    if (m)
        engine_set_music(e, music_ring(m));
    int64_t done = 0;
    for (;;) {
        if (m)
            music_fill(m, block);
        int n = engine_render(e, out + 2 * done, block);
        done += n;
        if (n < block)
            break;
    }
    CHECK_INT(done, tl->length);
    engine_free(e);
    return out;
}

static int near(float a, float b)
{
    return fabsf(a - b) <= 1e-6f + 1e-5f * fabsf(b);
}

static void test_ducking(void)
{
    struct timeline tl = make_timeline(8);
    /* A constant bed, so its gain can be read off each frame. */
    write_tone(at("dc.wav"), SF_FORMAT_WAV | SF_FORMAT_FLOAT, RATE, 1, RATE, 0, 0.25);
    char *p[] = {at("dc.wav")};
    struct music *m = music_new(p, 1, RATE, 8192, NULL, NULL);
    struct engine_opts o = opts(0.0f, 1, 1); /* the voice silent, but still speaking */
    float *x = render(&tl, m, &o, 4096);
    const int64_t attack = RATE * ENGINE_MUSIC_ATTACK_MS / 1000;
    const int64_t release = RATE * ENGINE_MUSIC_RELEASE_MS / 1000;
    const int64_t end_fade = RATE * ENGINE_MUSIC_END_MS / 1000;
    const float full = 0.25f, duck = 0.25f * powf(10.0f, ENGINE_MUSIC_DUCK_DB / 20.0f);
    const int64_t cue_end = CUE_AT + CUE_LEN;
    /* The bed comes in with a fade; after it, full. */
    const int64_t in = RATE * ENGINE_MUSIC_RETURN_MS / 1000;
    CHECK(x[0] == 0.0f);
    CHECK(x[2 * (in / 2)] > 0.0f && x[2 * (in / 2)] < full);
    CHECK(near(x[2 * in], full));
    CHECK(near(x[2 * (CUE_AT - 1)], full));
    CHECK(near(x[2 * CUE_AT], full)); /* the attack starts at the cue's first frame */
    CHECK(x[2 * (CUE_AT + attack / 2)] < full && x[2 * (CUE_AT + attack / 2)] > duck);
    CHECK(near(x[2 * (CUE_AT + attack)], duck)); /* all the way down after the attack */
    CHECK(near(x[2 * (cue_end - 1)], duck));     /* under the whole cue */
    CHECK(near(x[2 * cue_end], duck));           /* the release starts after its last frame */
    CHECK(x[2 * (cue_end + release / 2)] > duck && x[2 * (cue_end + release / 2)] < full);
    CHECK(near(x[2 * (cue_end + release)], full));     /* and is back after the release */
    CHECK(near(x[2 * (cue_end + release) + 1], full)); /* both sides */
    /* Out with the session's end. */
    CHECK(near(x[2 * (tl.length - end_fade)], full));
    CHECK(near(x[2 * (tl.length - end_fade / 2)], full / 2));
    CHECK(fabsf(x[2 * (tl.length - 1)]) < full / 1000);
    free(x);
    music_free(m);
}

static void test_block_sizes(void)
{
    struct timeline tl = make_timeline(3);
    /* Two tracks at other rates, so the resampler and a join are in it. */
    write_tone(at("bs1.flac"), SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 30000, 500, 0.6);
    write_tone(at("bs2.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 22050, 1, 20000, 300, 0.6);
    char *p[] = {at("bs1.flac"), at("bs2.wav")};
    struct engine_opts o = opts(-3.0f, 0, 0);
    float *ref = NULL;
    const int sizes[] = {4096, 1, 7, 64};
    for (int i = 0; i < 4; i++) {
        struct music *m = music_new(p, 2, RATE, 16384, NULL, NULL);
        float *x = render(&tl, m, &o, sizes[i]);
        if (!ref) {
            ref = x;
            /* The bed is in it: louder than the session alone. */
            float *plain = render(&tl, NULL, &o, 4096);
            CHECK(memcmp(ref, plain, (size_t)tl.length * 2 * sizeof *ref) != 0);
            free(plain);
        } else {
            int same = memcmp(ref, x, (size_t)tl.length * 2 * sizeof *ref) == 0;
            if (!same)
                fprintf(stderr, "block size %d differs from 4096\n", sizes[i]);
            CHECK(same);
            free(x);
        }
        music_free(m);
    }
    free(ref);
}

static void wait_available(struct music *m, int64_t n)
{
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    do {
        if (ring_available(music_ring(m)) >= n)
            return;
        nanosleep(&(struct timespec){0, 5 * 1000 * 1000}, NULL);
        clock_gettime(CLOCK_MONOTONIC, &t);
    } while (t.tv_sec - t0.tv_sec < 20);
    CHECK(!"the decoder thread filled the ring in 20 s");
}

static void test_dry_ring(void)
{
    struct timeline tl = make_timeline(6);
    write_tone(at("dry.flac"), SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 44100, 250, 0.7);
    char *p[] = {at("dry.flac")};
    struct engine_opts o = opts(0.0f, 0, 0);
    float *plain = render(&tl, NULL, &o, 512);

    /* The decoder thread, held back on purpose: the ring holds 2048 frames
     * and gets no more, as on a stalled disk. */
    struct music *m = music_new(p, 1, RATE, 16384, NULL, NULL);
    music_fill(m, 2048);
    const int64_t avail = ring_available(music_ring(m)); /* 2048, or a little more: whole chunks */
    CHECK(avail >= 2048 && avail < 4096);
    music_hold(m, 1);
    CHECK(music_start(m) == 0);
    float *x = calloc((size_t)tl.length * 2 + 1024, sizeof *x);
    struct engine *e = engine_new(&tl, &cue, &o);
    engine_set_music(e, music_ring(m));
    int64_t done = 0, half = 3 * RATE;
    while (done < half)
        done += engine_render(e, x + 2 * done, 512);
    /* The music was heard while there was some... */
    CHECK(memcmp(x, plain, 2048 * 2 * sizeof *x) != 0);
    /* ...and once dry, the session is exactly itself: every click and the
     * cue at their frames, sample for sample. */
    CHECK(memcmp(x + 2 * avail, plain + 2 * avail, (size_t)(done - avail) * 2 * sizeof *x) == 0);
    int clicks = 0;
    for (int i = 0; i < tl.nev; i++) {
        if (ev[i].kind != TL_CLICK || ev[i].frame < avail || ev[i].frame >= done)
            continue;
        float peak = 0.0f;
        for (int64_t f = ev[i].frame; f < ev[i].frame + 200; f++)
            peak = fabsf(x[2 * f]) > peak ? fabsf(x[2 * f]) : peak;
        CHECK(x[2 * (ev[i].frame - 1)] == plain[2 * (ev[i].frame - 1)] && peak > 0.05f);
        clicks++;
    }
    CHECK_INT(clicks, 12); /* k = 1 .. 12: frames 12017 to 144017, rendered to 144384 */

    /* Let go: the thread fills the ring and the music comes back, from
     * silence, with a fade. */
    music_hold(m, 0);
    wait_available(m, 16384 / 2);
    int64_t back = done;
    while (done < tl.length) {
        int n = engine_render(e, x + 2 * done, 512);
        done += n;
        if (n < 512)
            break;
    }
    CHECK_INT(done, tl.length);
    CHECK(x[2 * back] == plain[2 * back]); /* the fade starts at silence */
    CHECK(memcmp(x + 2 * back, plain + 2 * back, (size_t)RATE * 2 * sizeof *x) != 0);
    engine_free(e); /* the engine before the bed it reads */
    music_free(m);
    free(x);
    free(plain);
}

/* The file writer fills the bed itself: two renders to float WAV are the
 * same file, and the same as the engine's own render at any block size. */
static void test_render_file(void)
{
    struct timeline tl = make_timeline(3);
    char *p[] = {at("bs1.flac"), at("bs2.wav")};
    struct engine_opts o = opts(-3.0f, 0, 0);
    struct music *m = music_new(p, 2, RATE, 16384, NULL, NULL);
    float *ref = render(&tl, m, &o, 64);
    music_free(m);
    for (int k = 0; k < 2; k++) {
        m = music_new(p, 2, RATE, MUSIC_RING_FRAMES, NULL, NULL);
        struct engine *e = engine_new(&tl, &cue, &o);
        engine_set_music(e, music_ring(m));
        char err[256];
        struct out_file_opts fo = {.rate = RATE, .bits = 32, .music = m};
        CHECK(out_file_render(e, at("render.wav"), &fo, err, sizeof err) == OUT_FILE_OK);
        engine_free(e);
        music_free(m);
        SF_INFO info = {0};
        SNDFILE *sf = sf_open(at("render.wav"), SFM_READ, &info);
        CHECK(sf && info.frames == tl.length && info.channels == 2);
        if (!sf)
            continue;
        float *y = calloc((size_t)tl.length * 2, sizeof *y);
        CHECK(sf_readf_float(sf, y, tl.length) == tl.length);
        sf_close(sf);
        CHECK(memcmp(ref, y, (size_t)tl.length * 2 * sizeof *y) == 0);
        free(y);
    }
    free(ref);
}

/* The keys: [ and ] move the bed's volume in steps, m switches it off and
 * on; each is heard at the next render and said in a notice. */
static void test_keys(void)
{
    struct timeline tl = make_timeline(8);
    char *p[] = {at("dc.wav")}; /* 0.25, from test_ducking */
    struct music *m = music_new(p, 1, RATE, 16384, NULL, NULL);
    struct engine_opts o = opts(ENGINE_MUSIC_DB, 1, 1);
    struct engine *e = engine_new(&tl, &cue, &o);
    engine_set_music(e, music_ring(m));
    struct control c;
    control_init(&c, e, &tl, NULL, 1024, 0.0f, 1);
    float x[2 * 4096];
    music_fill(m, 4096);
    engine_render(e, x, 4096);
    CHECK(near(x[2 * 4095], 0.25f * powf(10.0f, ENGINE_MUSIC_DB / 20.0f)));
    control_music_volume(&c, +1);
    CHECK_STR(c.notice, "music -9 dB");
    music_fill(m, 4096);
    engine_render(e, x, 4096);
    CHECK(near(x[2 * 4095], 0.25f * powf(10.0f, -9.0f / 20.0f)));
    control_toggle_music(&c);
    CHECK_STR(c.notice, "music off");
    music_fill(m, 4096);
    engine_render(e, x, 4096);
    CHECK(x[2 * 4095] == 0.0f);
    control_music_volume(&c, -1); /* quieter, and on again */
    CHECK_STR(c.notice, "music -12 dB");
    CHECK(!c.music_off);
    music_fill(m, 4096);
    engine_render(e, x, 4096);
    CHECK(near(x[2 * 4095], 0.25f * powf(10.0f, -12.0f / 20.0f)));
    for (int i = 0; i < 40; i++)
        control_music_volume(&c, +1);
    CHECK(c.music_db == 12.0f);
    engine_free(e);
    control_free(&c);
    music_free(m);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/rollout-music-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_playlist();
    test_gapless_and_loop();
    test_bad_files();
    test_hostile();
    test_stop_on_signal();
    test_ducking();
    test_block_sizes();
    test_dry_ring();
    test_render_file();
    test_keys();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_music");
}
