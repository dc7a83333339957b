/* SPDX-License-Identifier: MIT */
/* test_cues.c — the voice pack loader against real files written with
 * libsndfile into a temporary directory: every format at several rates and
 * channel counts, exact frame counts and channel counts, content against the
 * ideal resampled sine, equal-rate loads exactly the file's 16-bit samples
 * (or within half a 16-bit step of deeper ones), memory loads identical to
 * file loads, and the files rollout must refuse without hanging. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkdtemp, mkfifo, clock_gettime */
#endif

#include "cues.h"
#include "check.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sndfile.h>
#include <soxr.h>

#define OUT_RATE 48000
#define STEP     (1.0 / 32768.0) /* one 16-bit step, as the loader scales them */
#define FREQ     440.0
#define AMP      0.5
#define PI       3.14159265358979323846

/* Leaks inside the codec libraries, not ours, so LeakSanitizer passes over
 * them: libvorbisenc's 5.1 setup (the test's own writer, 6 channels at 44.1
 * and 48 kHz) and libsndfile 1.2.0's failed open of a damaged Ogg Vorbis
 * file, which never frees its vorbis_info. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:vorbis_encode_setup_init\nleak:vorbis_info_init\n";
}

static char tmp[64];
static int skips;
static char write_err[256]; /* why libsndfile last refused to write */

struct fmt {
    const char *name, *ext;
    int format;
    int lossy;
    double tol; /* RMS error against the ideal sine, lossless only */
};

static const struct fmt fmts[] = {
    {"WAV 8-bit", "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_U8, 0, 5e-3},
    {"WAV 16-bit", "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 0, 1e-4},
    {"WAV 24-bit", "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 0, 1e-4},
    {"WAV 32-bit", "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_32, 0, 1e-4},
    {"WAV float", "wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 0, 1e-4},
    {"WAV double", "wav", SF_FORMAT_WAV | SF_FORMAT_DOUBLE, 0, 1e-4},
    {"FLAC 16-bit", "flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 0, 1e-4},
    {"FLAC 24-bit", "flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 0, 1e-4},
    {"AIFF 16-bit", "aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16, 0, 1e-4},
    {"AIFF 24-bit", "aif", SF_FORMAT_AIFF | SF_FORMAT_PCM_24, 0, 1e-4},
    {"Ogg Vorbis", "ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 1, 0},
    {"Ogg Opus", "opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 0},
    {"MP3", "mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 1, 0},
};

/* 24000 because Opus is written only at 8, 12, 16, 24 and 48 kHz. */
static const int rates[] = {22050, 24000, 44100, 48000};
static const int chans[] = {1, 2, 6};

/* Channel k carries the sine at gain 1 - 0.1 k, so a swapped or dropped
 * channel shows. The sixth of six is silent: Vorbis and Opus take it for the
 * LFE and low-pass it, which would make the lossy levels depend on the codec. */
static double gain(int channels, int k)
{
    return channels == 6 && k == 5 ? 0.0 : 1.0 - 0.1 * k;
}

/* How many channels the loader keeps: mono and stereo as they are, more
 * averaged to mono. */
static int kept_channels(int channels)
{
    return channels == 2 ? 2 : 1;
}

/* Frame i of a loaded cue on one side (0 left, 1 right), as the engine
 * plays it: mono on both sides. */
static double at(const struct cue_audio *a, int64_t i, int side)
{
    return a->data[i * a->channels + (a->channels == 2 ? side : 0)] * STEP;
}

/* The gain the loader should give each output side. */
static double side_gain(int channels, int side)
{
    if (channels <= 2)
        return gain(channels, side < channels ? side : 0);
    double sum = 0;
    for (int k = 0; k < channels; k++)
        sum += gain(channels, k);
    return sum / channels;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int64_t expect_frames(int64_t frames, int in_rate, int out_rate)
{
    return (int64_t)floor((double)frames * out_rate / in_rate + 0.5);
}

static int write_file(const char *path, int format, int rate, int channels, const double *x,
                      int64_t frames)
{
    SF_INFO info = {0};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
    if (!sf) {
        snprintf(write_err, sizeof write_err, "%s", sf_strerror(NULL));
        return 0;
    }
    sf_count_t n = sf_writef_double(sf, x, frames);
    sf_close(sf);
    return n == frames;
}

static double *sine(int rate, int channels, int64_t frames)
{
    double *x = malloc((size_t)(frames * channels) * sizeof *x);
    for (int64_t i = 0; i < frames; i++)
        for (int k = 0; k < channels; k++)
            x[i * channels + k] = AMP * gain(channels, k) * sin(2 * PI * FREQ * (double)i / rate);
    return x;
}

/* Reads a whole file as libsndfile decodes it, counting frames by reading. */
static float *read_all(const char *path, SF_INFO *info, int64_t *frames)
{
    SNDFILE *sf = sf_open(path, SFM_READ, info);
    if (!sf)
        return NULL;
    int64_t cap = 4096, n = 0;
    float *x = malloc((size_t)cap * info->channels * sizeof *x);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            x = realloc(x, (size_t)cap * info->channels * sizeof *x);
        }
        sf_count_t got = sf_readf_float(sf, x + n * info->channels, cap - n);
        if (got <= 0)
            break;
        n += got;
    }
    sf_close(sf);
    *frames = n;
    return x;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

/* Loading the file's bytes from memory gives the same result and samples. */
static void same_from_memory(const char *path, enum cues_result r, const struct cue_audio *a)
{
    char err[256];
    size_t len = 0;
    unsigned char *bytes = slurp(path, &len);
    struct cue_audio b = {0};
    CHECK_INT(cues_load_memory(bytes, len, OUT_RATE, &b, err, sizeof err), r);
    CHECK_INT(b.frames, a->frames);
    if (r == CUES_OK) {
        CHECK_INT(b.channels, a->channels);
        CHECK(b.data && memcmp(a->data, b.data,
                               (size_t)a->frames * (size_t)a->channels * sizeof *a->data) == 0);
    }
    cues_free(&b);
    free(bytes);
}

static float cleaned(float x)
{
    return !isfinite(x) ? 0.0f : x > 1.0f ? 1.0f : x < -1.0f ? -1.0f : x;
}

/* The loader's channel mapping, written out again: mono and stereo as
 * they are, more channels averaged (in double, in channel order) to one. */
static void map_channels(const float *in, int channels, int64_t frames, float *out)
{
    for (int64_t i = 0; i < frames; i++) {
        const float *f = in + i * channels;
        if (channels <= 2) {
            for (int k = 0; k < channels; k++)
                out[i * channels + k] = cleaned(f[k]);
        } else {
            double s = 0;
            for (int k = 0; k < channels; k++)
                s += cleaned(f[k]);
            out[i] = (float)(s / channels);
        }
    }
}

/* RMS of (x - ideal sine) over the middle of one side, away from the edges
 * where the sine starts and stops abruptly. */
static double sine_error(const struct cue_audio *a, int side, double g)
{
    int64_t skip = OUT_RATE / 20;
    double e = 0;
    int64_t n = 0;
    for (int64_t i = skip; i < a->frames - skip; i++, n++) {
        double d = at(a, i, side) - AMP * g * sin(2 * PI * FREQ * (double)i / OUT_RATE);
        e += d * d;
    }
    return sqrt(e / (double)n);
}

static double rms(const struct cue_audio *a, int side)
{
    int64_t skip = OUT_RATE / 10;
    double e = 0;
    int64_t n = 0;
    for (int64_t i = skip; i < a->frames - skip; i++, n++)
        e += at(a, i, side) * at(a, i, side);
    return sqrt(e / (double)n);
}

/* Frequency from the upward zero crossings (interpolated) in the middle. */
static double frequency(const struct cue_audio *a, int side)
{
    int64_t skip = OUT_RATE / 10;
    double first = -1, last = -1;
    int count = 0;
    for (int64_t i = skip + 1; i < a->frames - skip; i++) {
        double x0 = at(a, i - 1, side), x1 = at(a, i, side);
        if (x0 < 0 && x1 >= 0) {
            double t = (double)(i - 1) + x0 / (x0 - x1);
            if (first < 0)
                first = t;
            last = t;
            count++;
        }
    }
    return count > 1 ? (count - 1) * OUT_RATE / (last - first) : 0;
}

/* Writes an MP3 through sox from a WAV, for when libsndfile cannot. */
static int write_with_sox(const char *path, int rate, int channels, const double *x, int64_t frames)
{
    char wav[128], cmd[512];
    snprintf(wav, sizeof wav, "%s/sox-src.wav", tmp);
    if (!write_file(wav, SF_FORMAT_WAV | SF_FORMAT_PCM_16, rate, channels, x, frames))
        return 0;
    snprintf(cmd, sizeof cmd, "sox -q '%s' '%s' >/dev/null 2>&1", wav, path);
    int ok = system(cmd) == 0;
    remove(wav);
    return ok;
}

static double worst_lossless = 0;

static void test_format(const struct fmt *f, int rate, int channels)
{
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/sine-%d-%d.%s", tmp, rate, channels, f->ext);
    int64_t written = rate; /* one second */
    double *x = sine(rate, channels, written);
    SF_INFO want = {0};
    want.samplerate = rate;
    want.channels = channels;
    want.format = f->format;
    int ok;
    if (sf_format_check(&want)) {
        ok = write_file(path, f->format, rate, channels, x, written);
    } else {
        snprintf(write_err, sizeof write_err, "sf_format_check refuses it");
        ok = write_with_sox(path, rate, channels, x, written);
    }
    free(x);
    if (!ok) {
        printf("SKIP %s %d Hz %d ch: libsndfile cannot write it (%s), nor can sox\n", f->name, rate,
               channels, write_err);
        skips++;
        return;
    }

    SF_INFO info = {0};
    int64_t src_frames = 0;
    float *src = read_all(path, &info, &src_frames);
    CHECK(src != NULL);
    if (!src)
        return;

    struct cue_audio a = {0};
    err[0] = '\0';
    enum cues_result r = cues_load_file(path, OUT_RATE, &a, err, sizeof err);
    CHECK_INT(r, CUES_OK);
    if (r != CUES_OK) {
        fprintf(stderr, "  %s %d Hz %d ch: %s\n", f->name, rate, channels, err);
        free(src);
        return;
    }
    CHECK_INT(a.frames, expect_frames(src_frames, info.samplerate, OUT_RATE));
    CHECK_INT(a.channels, kept_channels(channels));

    if (!f->lossy) {
        CHECK_INT(src_frames, written);
        CHECK_INT(info.samplerate, rate);
        double e = 0;
        for (int side = 0; side < 2; side++) {
            double es = sine_error(&a, side, side_gain(channels, side));
            e = es > e ? es : e;
        }
        if (e >= f->tol)
            fprintf(stderr, "  %s %d Hz %d ch: RMS error %.3g\n", f->name, rate, channels, e);
        CHECK(e < f->tol);
        if (f->tol < 1e-3 && e > worst_lossless)
            worst_lossless = e;
        printf("  %-11s %5d Hz %d ch: %6" PRId64 " frames, RMS error vs ideal sine %.2e\n", f->name,
               rate, channels, a.frames, e);
    } else {
        for (int side = 0; side < 2; side++) {
            double level = rms(&a, side), ideal = AMP * side_gain(channels, side) / sqrt(2);
            double hz = frequency(&a, side);
            CHECK(fabs(level / ideal - 1) < 0.1);
            CHECK(fabs(hz / FREQ - 1) < 0.005);
            if (side == 0)
                printf("  %-11s %5d Hz %d ch: %6" PRId64 " frames (%" PRId64
                       " decoded at %d Hz), level %.3f of ideal, %.2f Hz\n",
                       f->name, rate, channels, a.frames, src_frames, info.samplerate,
                       level / ideal, hz);
        }
    }

    /* At the output rate, every load is the decoded source rounded to the
     * nearest 16-bit step; and one of 16 bits or fewer in mono or stereo is
     * the file's own samples, exactly. */
    if (info.samplerate == OUT_RATE && a.frames == src_frames) {
        int oc = kept_channels(channels);
        float *m = malloc((size_t)src_frames * (size_t)oc * sizeof *m);
        map_channels(src, info.channels, src_frames, m);
        double worst = 0;
        for (int64_t i = 0; i < src_frames * oc; i++)
            worst = fmax(worst, fabs(a.data[i] * STEP - m[i]));
        CHECK(worst <= 0.5 * STEP);
        free(m);
        int sub = f->format & SF_FORMAT_SUBMASK;
        if (channels <= 2 && (sub == SF_FORMAT_PCM_16 || sub == SF_FORMAT_PCM_U8)) {
            short *pcm = malloc((size_t)src_frames * (size_t)channels * sizeof *pcm);
            SNDFILE *sf = sf_open(path, SFM_READ, &info);
            CHECK(sf && sf_readf_short(sf, pcm, src_frames) == src_frames);
            if (sf)
                sf_close(sf);
            CHECK(memcmp(pcm, a.data, (size_t)src_frames * (size_t)channels * sizeof *pcm) == 0);
            free(pcm);
        }
    }

    same_from_memory(path, CUES_OK, &a);
    cues_free(&a);
    free(src);
}

static void test_formats(void)
{
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
        for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++)
            for (size_t c = 0; c < sizeof chans / sizeof chans[0]; c++)
                test_format(&fmts[i], rates[r], chans[c]);
    printf("worst lossless (16-bit and up) RMS error: %.2e\n", worst_lossless);
}

/* NaN and infinities become silence; anything past full scale is clamped,
 * both as read and after the resampler rings. */
static void test_clean(void)
{
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/dirty.wav", tmp);
    const float dirty[] = {NAN, INFINITY, -INFINITY, 2.0f, -3.0f, 0.25f, 1.0f, -1.0f};
    /* 1.0 is one step past the top: held to it. */
    const int16_t clean[] = {0, 0, 0, 32767, -32768, 8192, 32767, -32768};
    SF_INFO info = {0};
    info.samplerate = OUT_RATE;
    info.channels = 2;
    info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
    CHECK(sf != NULL);
    if (!sf)
        return;
    sf_writef_float(sf, dirty, 4);
    sf_close(sf);
    struct cue_audio a = {0};
    CHECK_INT(cues_load_file(path, OUT_RATE, &a, err, sizeof err), CUES_OK);
    CHECK_INT(a.frames, 4);
    CHECK_INT(a.channels, 2);
    CHECK(a.data && memcmp(a.data, clean, sizeof clean) == 0);
    cues_free(&a);

    /* Six channels, one NaN: the others still mix. */
    snprintf(path, sizeof path, "%s/dirty6.wav", tmp);
    const float six[] = {NAN, 0.6f, 0.6f, 0.6f, 0.6f, 0.6f};
    info.channels = 6;
    sf = sf_open(path, SFM_WRITE, &info);
    sf_writef_float(sf, six, 1);
    sf_close(sf);
    CHECK_INT(cues_load_file(path, OUT_RATE, &a, err, sizeof err), CUES_OK);
    CHECK_INT(a.frames, 1);
    CHECK_INT(a.channels, 1);
    CHECK(a.data && a.data[0] == (int16_t)lrint((float)(5 * (double)0.6f / 6) * 32768.0));
    cues_free(&a);

    /* A full-scale square wave with NaNs sprinkled in, resampled: the
     * filter overshoots, the output may not. The same clean samples through
     * soxr here, in one go, say what the loader should have made of them:
     * within rounding of it, and exactly full scale wherever it overshoots. */
    snprintf(path, sizeof path, "%s/square.wav", tmp);
    enum { N = 44100 };
    float *sq = malloc(N * sizeof *sq), *ideal = malloc((OUT_RATE + 64) * sizeof *ideal);
    for (int i = 0; i < N; i++)
        sq[i] = i % 97 == 0 ? NAN : (i / 50) % 2 ? 1.5f : -1.5f;
    info.samplerate = 44100;
    info.channels = 1;
    sf = sf_open(path, SFM_WRITE, &info);
    sf_writef_float(sf, sq, N);
    sf_close(sf);
    for (int i = 0; i < N; i++)
        sq[i] = cleaned(sq[i]);
    size_t got = 0;
    soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    CHECK(soxr_oneshot(44100, OUT_RATE, 1, sq, N, NULL, ideal, OUT_RATE + 64, &got, &io, &q,
                       NULL) == NULL);
    CHECK_INT(got, OUT_RATE);
    free(sq);
    CHECK_INT(cues_load_file(path, OUT_RATE, &a, err, sizeof err), CUES_OK);
    CHECK_INT(a.frames, OUT_RATE);
    CHECK_INT(a.channels, 1);
    /* Within half a step, and what soxr gives for the same samples fed in
     * other chunks (1e-6); up to a whole step at the very top, where
     * 32768 / 32768 is held to 32767. */
    int over = 0, off = 0;
    double worst = 0;
    for (int64_t i = 0; a.data && i < a.frames && i < (int64_t)got; i++) {
        double e = fabs(a.data[i] * STEP - ideal[i]);
        if (ideal[i] > 1.0f || ideal[i] < -1.0f) {
            over++;
            off += a.data[i] != (ideal[i] > 0 ? 32767 : -32768);
        } else if (ideal[i] < 1.0 - 2 * STEP) {
            worst = fmax(worst, e);
        } else {
            off += e > STEP + 1e-6;
        }
    }
    CHECK(over > 0); /* it did overshoot, and was clamped */
    CHECK_INT(off, 0);
    CHECK(worst <= 0.5 * STEP + 1e-6);
    printf("  square wave: %d samples over full scale, held; others within %.3f steps\n", over,
           worst / STEP);
    free(ideal);
    cues_free(&a);
}

static void write_bytes(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(p, 1, n, f);
    fclose(f);
}

/* A failed load leaves out alone and names the file in one sentence.
 * Returns how long it took. */
static double expect_fail(const char *path, enum cues_result want)
{
    char err[512] = "";
    int16_t mark;
    struct cue_audio a = {&mark, 12345, 7};
    double t = now();
    enum cues_result r = cues_load_file(path, OUT_RATE, &a, err, sizeof err);
    t = now() - t;
    CHECK_INT(r, want);
    CHECK(a.data == &mark && a.frames == 12345 && a.channels == 7);
    CHECK(strstr(err, path) != NULL);
    CHECK(strchr(err, '\n') == NULL);
    printf("  %-29s -> %s\n", cues_result_text(r), err);
    return t;
}

static void test_refusals(void)
{
    char path[128], err[256];

    snprintf(path, sizeof path, "%s/garbage.wav", tmp);
    unsigned char junk[4096];
    uint32_t s = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        s = s * 1664525u + 1013904223u;
        junk[i] = (unsigned char)(s >> 24);
    }
    write_bytes(path, junk, sizeof junk);
    expect_fail(path, CUES_FORMAT);
    struct cue_audio a = {0};
    CHECK_INT(cues_load_memory(junk, sizeof junk, OUT_RATE, &a, err, sizeof err), CUES_FORMAT);
    CHECK(strstr(err, "<memory>") != NULL);
    CHECK_INT(cues_load_memory(NULL, 0, OUT_RATE, &a, err, sizeof err), CUES_FORMAT);

    snprintf(path, sizeof path, "%s/missing.flac", tmp);
    expect_fail(path, CUES_NOT_FOUND);

    snprintf(path, sizeof path, "%s/adir.wav", tmp);
    mkdir(path, 0700);
    CHECK(expect_fail(path, CUES_IO) < 0.5);

    /* With no writer, a blocking open of a FIFO waits forever: the alarm
     * turns that hang into a failure. */
    snprintf(path, sizeof path, "%s/fifo.wav", tmp);
    CHECK_INT(mkfifo(path, 0600), 0);
    alarm(10);
    CHECK(expect_fail(path, CUES_IO) < 0.5);
    alarm(0);

    CHECK(expect_fail("/dev/null", CUES_IO) < 0.5);

    snprintf(path, sizeof path, "%s/empty.wav", tmp);
    CHECK(write_file(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 2, NULL, 0));
    expect_fail(path, CUES_EMPTY);
    size_t len;
    unsigned char *bytes = slurp(path, &len);
    CHECK_INT(cues_load_memory(bytes, len, OUT_RATE, &a, err, sizeof err), CUES_EMPTY);
    free(bytes);

    /* Over the size cap: refused from its size alone (the file is sparse). */
    snprintf(path, sizeof path, "%s/huge.wav", tmp);
    FILE *f = fopen(path, "wb");
    fclose(f);
    CHECK_INT(truncate(path, (off_t)CUES_MAX_BYTES + 1), 0);
    CHECK(expect_fail(path, CUES_TOO_LONG) < 0.5);
    bytes = calloc(1, (size_t)CUES_MAX_BYTES + 1);
    CHECK_INT(cues_load_memory(bytes, (size_t)CUES_MAX_BYTES + 1, OUT_RATE, &a, err, sizeof err),
              CUES_TOO_LONG);
    free(bytes);

    /* Exactly CUES_MAX_SECONDS loads; one frame more does not. A low rate
     * keeps the files small. */
    enum { RATE = 1000, MAX = CUES_MAX_SECONDS * RATE };
    double *x = calloc(MAX + 1, sizeof *x);
    snprintf(path, sizeof path, "%s/longest.wav", tmp);
    CHECK(write_file(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, RATE, 1, x, MAX));
    CHECK_INT(cues_load_file(path, RATE, &a, err, sizeof err), CUES_OK);
    CHECK_INT(a.frames, MAX);
    cues_free(&a);
    snprintf(path, sizeof path, "%s/too-long.wav", tmp);
    CHECK(write_file(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, RATE, 1, x, MAX + 1));
    expect_fail(path, CUES_TOO_LONG);
    free(x);

    snprintf(path, sizeof path, "%s/sine-48000-2.wav", tmp);
    CHECK_INT(cues_load_file(path, 0, &a, err, sizeof err), CUES_FORMAT);
    CHECK(strstr(err, path) != NULL);
}

/* A WAV cut short (its header still claims every frame) loads what is
 * there, and so do FLAC and AIFF; the lossy formats must not crash, and
 * may refuse (libsndfile finds an Ogg Vorbis length by seeking to its end). */
static void test_truncated(void)
{
    char path[128], err[256];
    enum { FRAMES = 48000, KEEP = 1000 };
    double *x = sine(OUT_RATE, 2, FRAMES);
    for (int rate = 44100; rate <= 48000; rate += 3900) {
        snprintf(path, sizeof path, "%s/cut-%d.wav", tmp, rate);
        CHECK(write_file(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, rate, 2, x, FRAMES));
        struct stat st;
        stat(path, &st);
        off_t data = st.st_size - (off_t)FRAMES * 4; /* where the samples start */
        SF_INFO info = {0};
        short full[KEEP * 2];
        SNDFILE *sf = sf_open(path, SFM_READ, &info);
        CHECK(sf && sf_readf_short(sf, full, KEEP) == KEEP);
        if (sf)
            sf_close(sf);
        CHECK_INT(truncate(path, data + KEEP * 4 + 1), 0); /* and half a sample */
        struct cue_audio a = {0};
        CHECK_INT(cues_load_file(path, OUT_RATE, &a, err, sizeof err), CUES_OK);
        CHECK_INT(a.frames, expect_frames(KEEP, rate, OUT_RATE));
        CHECK_INT(a.channels, 2);
        if (rate == OUT_RATE) /* the file's own 16-bit samples, up to the cut */
            CHECK(a.data && memcmp(a.data, full, KEEP * 2 * sizeof *full) == 0);
        same_from_memory(path, CUES_OK, &a);
        cues_free(&a);
    }
    free(x);

    const struct {
        const char *name;
        int lossy;
    } others[] = {{"sine-44100-2.flac", 0},
                  {"sine-22050-1.aiff", 0},
                  {"sine-44100-2.ogg", 1},
                  {"sine-24000-2.opus", 1},
                  {"sine-44100-2.mp3", 1}};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp, others[i].name);
        struct stat st;
        if (stat(path, &st) != 0) {
            printf("SKIP half of %s: not written\n", others[i].name);
            skips++;
            continue;
        }
        CHECK_INT(truncate(path, st.st_size / 2), 0);
        struct cue_audio a = {0};
        err[0] = '\0';
        enum cues_result r = cues_load_file(path, OUT_RATE, &a, err, sizeof err);
        CHECK(r == CUES_OK || (others[i].lossy && r == CUES_FORMAT));
        CHECK(r != CUES_OK || (a.frames > 0 && a.frames < OUT_RATE));
        printf("  half of %-18s -> %s, %" PRId64 " frames %s\n", others[i].name,
               cues_result_text(r), a.frames, err);
        same_from_memory(path, r, &a);
        cues_free(&a);
    }
}

static void touch(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_bytes(path, "x", 1);
}

static void test_find(void)
{
    char d1[96], d2[96], path[128], out[256];
    snprintf(d1, sizeof d1, "%s/pack1", tmp);
    snprintf(d2, sizeof d2, "%s/pack2", tmp);
    mkdir(d1, 0700);
    mkdir(d2, 0700);
    const char *dirs[] = {d1, d2};
    char want[256];

    /* The first folder wins over a better extension in a later one. */
    touch(d2, "a.flac");
    touch(d1, "a.wav");
    CHECK_INT(cues_find(dirs, 2, "a", out, sizeof out), CUES_OK);
    snprintf(want, sizeof want, "%s/a.wav", d1);
    CHECK_STR(out, want);

    /* Within a folder, extensions in their order. */
    touch(d2, "b.aif");
    touch(d2, "b.mp3");
    touch(d2, "b.opus");
    CHECK_INT(cues_find(dirs, 2, "b", out, sizeof out), CUES_OK);
    snprintf(want, sizeof want, "%s/b.opus", d2);
    CHECK_STR(out, want);

    /* A directory or FIFO named like a cue is passed over. */
    snprintf(path, sizeof path, "%s/c.flac", d1);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/c.ogg", d1);
    mkfifo(path, 0600);
    touch(d1, "c.wav");
    CHECK_INT(cues_find(dirs, 2, "c", out, sizeof out), CUES_OK);
    snprintf(want, sizeof want, "%s/c.wav", d1);
    CHECK_STR(out, want);

    /* With no recording at all, the first such thing is named instead, so
     * that the message can say what is wrong with it. */
    snprintf(path, sizeof path, "%s/d.flac", d1);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/d.wav", d2);
    mkfifo(path, 0600);
    CHECK_INT(cues_find(dirs, 2, "d", out, sizeof out), CUES_IO);
    snprintf(want, sizeof want, "%s/d.flac", d1);
    CHECK_STR(out, want);
    CHECK_INT(cues_find(dirs, 2, "nothing", out, sizeof out), CUES_NOT_FOUND);
    CHECK_INT(cues_find(dirs, 0, "a", out, sizeof out), CUES_NOT_FOUND);
    /* A path that does not fit is not returned cut short. */
    CHECK_INT(cues_find(dirs, 2, "a", out, strlen(d1) + 4), CUES_NOT_FOUND);
    CHECK_INT(cues_find(dirs, 2, "a", out, strlen(d1) + 7), CUES_OK);
}

/* Whether the format table above tests an extension. */
static int format_tested(const char *ext)
{
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
        if (strcmp(fmts[i].ext, ext) == 0)
            return 1;
    return 0;
}

/* The extensions the finder looks for and the formats test_formats loads
 * are the same set, so no extension is looked for that nothing has shown
 * rollout can read. With a file of every extension there the finder takes
 * the first in cues_extensions, then, that one gone, the next, and with
 * none left finds nothing. Every result has a text of its own. */
static void test_extensions(void)
{
    char dir[96], path[160], out[256];
    snprintf(dir, sizeof dir, "%s/every", tmp);
    mkdir(dir, 0700);
    const char *dirs[] = {dir};
    int n = 0;
    for (const char *const *e = cues_extensions; *e; e++, n++) {
        if (!format_tested(*e))
            printf("FAIL the finder looks for .%s, which no format test loads\n", *e);
        CHECK(format_tested(*e));
        snprintf(path, sizeof path, "x.%s", *e);
        touch(dir, path);
    }
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        int found = 0;
        for (const char *const *e = cues_extensions; *e; e++)
            found |= strcmp(*e, fmts[i].ext) == 0;
        if (!found)
            printf("FAIL %s loads, but the finder never looks for .%s\n", fmts[i].name,
                   fmts[i].ext);
        CHECK(found);
    }
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/x.%s", dir, cues_extensions[i]);
        CHECK_INT(cues_find(dirs, 1, "x", out, sizeof out), CUES_OK);
        CHECK_STR(out, path);
        unlink(path);
    }
    CHECK_INT(cues_find(dirs, 1, "x", out, sizeof out), CUES_NOT_FOUND);

    for (int r = CUES_OK; r <= CUES_NOMEM; r++) {
        CHECK(cues_result_text((enum cues_result)r)[0] != '\0');
        for (int q = CUES_OK; q < r; q++)
            CHECK(strcmp(cues_result_text((enum cues_result)r),
                         cues_result_text((enum cues_result)q)) != 0);
    }
    struct cue_audio a = {0};
    cues_free(&a);
    cues_free(NULL);
}

/* Odd lengths and extreme ratios still come out the exact length. */
static void test_lengths(void)
{
    char path[128], err[256];
    static const struct {
        int rate, frames, out_rate;
    } t[] = {
        {22050, 1, OUT_RATE}, {22050, 2, OUT_RATE},
        {22050, 3, OUT_RATE}, {44100, 4097, OUT_RATE}, /* one past a read chunk */
        {100, 300, OUT_RATE}, /* one chunk gives 144000 frames: many output steps */
        {192000, 5, 8000},    /* 5 frames down to 0.2 of one, rounds to 0 */
        {192000, 13, 8000},   /* 0.54 rounds up to 1 */
        {8000, 1000, 7},      /* an odd output rate */
    };
    double *x = calloc(4097, sizeof *x);
    for (int i = 0; i < 4097; i++)
        x[i] = 0.5 * sin(i * 0.01);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        snprintf(path, sizeof path, "%s/len-%zu.wav", tmp, i);
        CHECK(write_file(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, t[i].rate, 1, x, t[i].frames));
        struct cue_audio a = {0};
        int64_t want = expect_frames(t[i].frames, t[i].rate, t[i].out_rate);
        enum cues_result r = cues_load_file(path, t[i].out_rate, &a, err, sizeof err);
        CHECK_INT(r, want ? CUES_OK : CUES_EMPTY);
        CHECK_INT(a.frames, want);
        cues_free(&a);
    }
    free(x);
}

static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmp);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* keep notes in order with failures */
    snprintf(tmp, sizeof tmp, "/tmp/test_cues.XXXXXX");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    test_extensions();
    test_find();
    test_formats();
    test_clean();
    test_refusals();
    test_truncated();
    test_lengths();
    cleanup();
    if (skips)
        printf("%d cases skipped (not counted as checks)\n", skips);
    return check_done("test_cues");
}
