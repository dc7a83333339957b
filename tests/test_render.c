/* SPDX-License-Identifier: MIT */
/* test_render.c — the file writer is the engine, written down: a render read
 * back through libsndfile equals engine_render's output (exactly for float
 * WAV, to the 16- or 24-bit step for WAV and FLAC), and a failed render leaves
 * nothing behind and the old file intact. */
#include <dirent.h>
#include <ebur128.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "support.h"
#include "engine.h"
#include "limiter.h"
#include "out_file.h"

#define RATE 48000

static struct tl_event ev[64];
static struct test_roll roll;
static struct cue_audio cue;

static struct timeline make_timeline(void)
{
    int n = test_clicks(ev, 10, 17, RATE / 4);
    ev[n++] = (struct tl_event){RATE + 3, TL_CUE, 0};
    for (int i = 1; i < n; i++) /* keep frame order */
        for (int j = i; j > 0 && ev[j].frame < ev[j - 1].frame; j--) {
            struct tl_event t = ev[j];
            ev[j] = ev[j - 1];
            ev[j - 1] = t;
        }
    ev[n++] = (struct tl_event){3 * RATE + 5, TL_END, 0};
    return test_timeline(ev, n, 3 * RATE + 5, RATE, &roll);
}

static float *render_memory_with(const struct timeline *tl, const struct engine_opts *o,
                                 int64_t *frames)
{
    float *out = calloc((size_t)(tl->length + 100) * 2, sizeof *out);
    struct engine *e = engine_new(tl, &cue, o);
    *frames = engine_render(e, out, (int)tl->length + 100);
    engine_free(e);
    return out;
}

static float *render_memory(const struct timeline *tl, int64_t *frames)
{
    return render_memory_with(tl, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0}, frames);
}

static float *read_file(const char *path, int64_t *frames, SF_INFO *info)
{
    memset(info, 0, sizeof *info);
    SNDFILE *sf = sf_open(path, SFM_READ, info);
    if (!sf)
        return NULL;
    float *buf = calloc((size_t)info->frames * 2 + 2, sizeof *buf);
    *frames = sf_readf_float(sf, buf, info->frames);
    sf_close(sf);
    return buf;
}

/* Progress: every call's figures, and a stop asked for after `stop_after` calls. */
struct watch {
    int calls;
    int64_t last_done, last_total;
    int stop_after;
    volatile sig_atomic_t stop;
};

static void on_progress(void *user, int64_t done, int64_t total)
{
    struct watch *w = user;
    CHECK(done > w->last_done && done <= total);
    w->calls++;
    w->last_done = done;
    w->last_total = total;
    if (w->stop_after && w->calls == w->stop_after)
        w->stop = 1;
}

/* The level in dBFS of frames [from, to) of channel c of the session as a
 * file of `channels` holds it: mono is the mean of left and right, as the
 * writer folds it. ref is the engine's stereo output; x, when not NULL, is
 * the file read back, and then its level is measured instead. */
static double level_db(const float *ref, const float *x, int channels, int c, int64_t from,
                       int64_t to)
{
    double sum = 0;
    for (int64_t k = from; k < to; k++) {
        double v = x               ? x[k * channels + c]
                   : channels == 1 ? (ref[2 * k] + ref[2 * k + 1]) * 0.5
                                   : ref[2 * k + c];
        sum += v * v;
    }
    return 10.0 * log10(sum / (double)(to - from) + 1e-20);
}

/* A lossy file holds the session at its level: the whole of it within
 * 0.5 dB, and every 100 ms with sound in it (a click, the cue) within 1 dB,
 * so no part is lost, muffled or boosted. Silence stays under -45 dBFS: the
 * codec smears a little of an onset (-55 dBFS here) into the 100 ms before. */
static void check_lossy_level(const float *ref, const float *x, int channels, int64_t n)
{
    const int64_t win = RATE / 10;
    for (int c = 0; c < channels; c++) {
        double want = level_db(ref, NULL, channels, c, 0, n);
        double got = level_db(ref, x, channels, c, 0, n);
        CHECK(want > -40.0);
        if (fabs(got - want) > 0.5)
            printf("FAIL channel %d: %.2f dBFS, the session's is %.2f\n", c, got, want);
        CHECK(fabs(got - want) <= 0.5);
        int off = 0;
        for (int64_t k = 0; k + win <= n; k += win) {
            want = level_db(ref, NULL, channels, c, k, k + win);
            got = level_db(ref, x, channels, c, k, k + win);
            if (want > -60.0 ? fabs(got - want) > 1.0 : got > -45.0) {
                printf("FAIL channel %d at frame %lld: %.2f dBFS, the session's is %.2f\n", c,
                       (long long)k, got, want);
                off++;
            }
        }
        CHECK_INT(off, 0);
    }
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        n += de->d_name[0] != '.';
    closedir(d);
    return n;
}

int main(void)
{
    cue.frames = RATE;
    cue.channels = 2;
    cue.data = malloc(RATE * 2 * sizeof(int16_t));
    for (int i = 0; i < RATE; i++) {
        cue.data[2 * i] = (int16_t)lrint(0.4 * 32767 * sin(i * 0.05));
        cue.data[2 * i + 1] = (int16_t)lrint(0.4 * 32767 * sin(i * 0.031));
    }
    struct timeline tl = make_timeline();
    int64_t n;
    float *ref = render_memory(&tl, &n);
    CHECK_INT(n, tl.length);

    char dir[] = "/tmp/rollout-render-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    char err[512];

    /* Float WAV: bit for bit. */
    snprintf(path, sizeof path, "%s/s.wav", dir);
    struct engine *e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    struct out_file_opts fo = {.rate = RATE, .bits = 32, .title = "test"};
    CHECK_INT(out_file_render(e, path, &fo, err, sizeof err), OUT_FILE_OK);
    engine_free(e);
    SF_INFO info;
    int64_t got;
    float *back = read_file(path, &got, &info);
    CHECK(back != NULL);
    CHECK_INT(got, n);
    CHECK_INT(info.samplerate, RATE);
    CHECK_INT(info.channels, 2);
    CHECK(back && memcmp(back, ref, (size_t)n * 2 * sizeof *ref) == 0);
    free(back);

    /* Loud: +12 dB through the limiter. The file is the session's length,
     * each sample is the engine's times a gain of at most 1 (the sign kept:
     * gain only, no frame moved), and no sample or point between two
     * passes the ceiling. */
    snprintf(path, sizeof path, "%s/loud.wav", dir);
    struct engine_opts loud = {{0, 0, 12.0f}, {0, 0}, 0};
    float *hot = render_memory_with(&tl, &loud, &n);
    e = engine_new(&tl, &cue, &loud);
    float limited = -1.0f;
    struct out_file_opts lo = {.rate = RATE, .bits = 32, .limited_db = &limited};
    CHECK_INT(out_file_render(e, path, &lo, err, sizeof err), OUT_FILE_OK);
    engine_free(e);
    back = read_file(path, &got, &info);
    CHECK_INT(got, n);
    CHECK(limited > 6.0f);
    if (back) {
        int64_t bad = 0;
        float ceiling = powf(10.0f, LIMITER_CEILING_DB / 20.0f);
        for (int64_t k = 0; k < 2 * n; k++)
            bad += hot[k] == 0.0f ? back[k] != 0.0f
                                  : back[k] / hot[k] <= 0.0f || back[k] / hot[k] > 1.0f ||
                                        fabsf(back[k]) > ceiling;
        CHECK_INT(bad, 0);
        CHECK(limiter_true_peak(back, (int)n, 2) <= ceiling * 1.006f); /* 0.05 dB */
    }
    free(back);
    free(hot);

    /* The loudness target: measured, then written with the gain it asks
     * for, the file measures at the target (EBU R128, read back here). */
    snprintf(path, sizeof path, "%s/level.wav", dir);
    struct out_file_opts mo16 = {.rate = RATE, .bits = 32};
    double lufs;
    e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    CHECK_INT(out_file_measure(e, path, &mo16, &lufs, err, sizeof err), 0);
    engine_free(e);
    mo16.gain_db = (float)(-16.0 - lufs);
    e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    CHECK_INT(out_file_measure(e, path, &mo16, &lufs, err, sizeof err), 0);
    engine_free(e);
    mo16.gain_db += (float)(-16.0 - lufs);
    e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    CHECK_INT(out_file_render(e, path, &mo16, err, sizeof err), OUT_FILE_OK);
    engine_free(e);
    back = read_file(path, &got, &info);
    if (back) {
        ebur128_state *st = ebur128_init(2, RATE, EBUR128_MODE_I);
        ebur128_add_frames_float(st, back, (size_t)got);
        ebur128_loudness_global(st, &lufs);
        ebur128_destroy(&st);
        if (fabs(lufs + 16.0) > 0.1)
            printf("FAIL: rendered at -16 LUFS, measures %.2f\n", lufs);
        CHECK(fabs(lufs + 16.0) <= 0.1);
    }
    free(back);

    /* 16- and 24-bit WAV and FLAC: each sample is the engine's, scaled to
     * the format's full scale and rounded to the nearest step, in both files
     * alike. */
    const struct {
        const char *name;
        int bits;
        double full;
    } lossless[] = {{"s16.wav", 16, 32767.0},
                    {"s16.flac", 16, 32767.0},
                    {"s24.wav", 24, 8388607.0},
                    {"s24.flac", 24, 8388607.0}};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, lossless[i].name);
        e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
        fo.bits = lossless[i].bits;
        CHECK_INT(out_file_render(e, path, &fo, err, sizeof err), OUT_FILE_OK);
        engine_free(e);
        memset(&info, 0, sizeof info);
        SNDFILE *sf = sf_open(path, SFM_READ, &info);
        CHECK(sf != NULL);
        CHECK_INT(info.frames, n);
        int *pcm = calloc((size_t)n * 2, sizeof *pcm);
        CHECK_INT(sf ? sf_readf_int(sf, pcm, n) : 0, n);
        if (sf)
            sf_close(sf);
        int64_t wrong = 0;
        for (int64_t k = 0; k < 2 * n; k++) {
            long want = lrint(ref[k] * lossless[i].full);
            wrong += pcm[k] >> (32 - lossless[i].bits) != want;
        }
        CHECK_INT(wrong, 0);
        free(pcm);
    }
    fo.bits = 16;

    /* Ogg Vorbis: lossy, but the right length and level. */
    snprintf(path, sizeof path, "%s/s.ogg", dir);
    e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    CHECK_INT(out_file_render(e, path, &fo, err, sizeof err), OUT_FILE_OK);
    engine_free(e);
    back = read_file(path, &got, &info);
    CHECK(back != NULL);
    CHECK_INT(got, n);
    if (back)
        check_lossy_level(ref, back, info.channels, n);
    free(back);

    /* Progress: after every 4096-frame block, up to the whole session. */
    snprintf(path, sizeof path, "%s/p.wav", dir);
    struct watch w = {0};
    struct out_file_opts po = {.rate = RATE, .bits = 16, .progress = on_progress, .user = &w};
    e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    CHECK_INT(out_file_render(e, path, &po, err, sizeof err), OUT_FILE_OK);
    engine_free(e);
    CHECK_INT(w.calls, (n + 4095) / 4096);
    CHECK_INT(w.last_done, n);
    CHECK_INT(w.last_total, n);

    /* Stopped after two blocks (a signal's flag): OUT_FILE_STOPPED, the old
     * file as it was, no temporary file. */
    struct stat was;
    CHECK(stat(path, &was) == 0);
    int entries = count_entries(dir);
    w = (struct watch){.stop_after = 2};
    po.stop = &w.stop;
    e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    CHECK_INT(out_file_render(e, path, &po, err, sizeof err), OUT_FILE_STOPPED);
    engine_free(e);
    CHECK_INT(w.calls, 2);
    struct stat is;
    CHECK(stat(path, &is) == 0 && is.st_ino == was.st_ino && is.st_size == was.st_size);
    CHECK_INT(count_entries(dir), entries);

    /* Mono: each frame the mean of the engine's left and right, exactly. */
    snprintf(path, sizeof path, "%s/m.wav", dir);
    struct out_file_opts mo = {.rate = RATE, .bits = 32, .channels = 1};
    e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    CHECK_INT(out_file_render(e, path, &mo, err, sizeof err), OUT_FILE_OK);
    engine_free(e);
    back = read_file(path, &got, &info);
    CHECK(back != NULL);
    CHECK_INT(info.channels, 1);
    CHECK_INT(got, n);
    int64_t off = 0;
    for (int64_t k = 0; back && k < n; k++)
        off += back[k] != (ref[2 * k] + ref[2 * k + 1]) * 0.5f;
    CHECK_INT(off, 0);
    free(back);
    mo.channels = 3;
    CHECK_INT(out_file_check("x.wav", &mo, err, sizeof err), OUT_FILE_FORMAT);

    /* Unknown extension: refused before anything is written. */
    CHECK_INT(out_file_check("x.mp4", &fo, err, sizeof err), OUT_FILE_FORMAT);
    CHECK(strstr(err, "x.mp4") != NULL);

    /* A failed render: into a folder that is not there, and onto a full
     * device. Nothing is left behind; an old file stays as it was. */
    int before = count_entries(dir);
    snprintf(path, sizeof path, "%s/missing/s.wav", dir);
    e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    CHECK_INT(out_file_render(e, path, &fo, err, sizeof err), OUT_FILE_IO);
    CHECK(strstr(err, "cannot write") != NULL);
    engine_free(e);
    CHECK_INT(count_entries(dir), before);

    /* A disk that fills up part-way (a file size limit stands in for it):
     * a clear error, no temporary file, the old file as it was. */
    snprintf(path, sizeof path, "%s/s16.wav", dir);
    struct stat old;
    CHECK(stat(path, &old) == 0);
    struct rlimit saved, small = {100000, 0};
    getrlimit(RLIMIT_FSIZE, &saved);
    small.rlim_max = saved.rlim_max;
    signal(SIGXFSZ, SIG_IGN); /* the write fails with EFBIG instead of killing us */
    CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
    e = engine_new(&tl, &cue, &(struct engine_opts){{0, 0, 0}, {0, 0}, 0});
    CHECK_INT(out_file_render(e, path, &fo, err, sizeof err), OUT_FILE_IO);
    engine_free(e);
    setrlimit(RLIMIT_FSIZE, &saved);
    CHECK(strstr(err, "s16.wav") != NULL);
    struct stat now;
    CHECK(stat(path, &now) == 0 && now.st_size == old.st_size && now.st_ino == old.st_ino);
    CHECK_INT(count_entries(dir), before);

    free(ref);
    free(cue.data);
    /* Clean up. */
    const char *files[] = {"s.wav",    "s16.wav", "s16.flac", "s24.wav",
                           "s24.flac", "s.ogg",   "p.wav",    "m.wav"};
    for (int i = 0; i < 8; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    return check_done("test_render");
}
