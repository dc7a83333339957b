/* SPDX-License-Identifier: MIT */
/* test_take.c — take.c on synthetic signals whose answers can be worked out
 * by hand, and the cue writer's round trip.
 *
 *   test_take                 runs the tests
 *   test_take measure FILE    prints a cue file's frames, speech level and
 *                             peak as rollout measures them
 *   test_take burst RAW       writes what cli/record.sh's microphone hears: mono
 *                             float at 48 kHz, a room at -60 dBFS, and after
 *                             3.5 s (the count-in and a breath) 1.5 s of
 *                             "speech", two tones at -26.5 dBFS RMS
 *   test_take played RAW FILE whether the device's raw output, after any
 *                             silence, is the cue in FILE, sample for sample */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "cues.h"
#include "take.h"

#define R TAKE_RATE

#define CHECK_NEAR(a, b, tol)                                                                      \
    do {                                                                                           \
        double check_a_ = (a), check_b_ = (b);                                                     \
        check_count++;                                                                             \
        if (!(fabs(check_a_ - check_b_) <= (tol))) {                                               \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: check failed: %s == %s (%.6f != %.6f)\n", __FILE__, __LINE__,  \
                    #a, #b, check_a_, check_b_);                                                   \
        }                                                                                          \
    } while (0)

static float *zeros(int64_t n)
{
    float *x = calloc((size_t)n, sizeof *x);
    if (!x)
        abort();
    return x;
}

/* x[from, to) = +a, -a, +a, ...: a tone at half the sample rate, which the
 * high-pass passes with a gain of exactly 1 and whose blocks all have power
 * a*a. */
static void square(float *x, int64_t from, int64_t to, float a)
{
    for (int64_t i = from; i < to; i++)
        x[i] = (i - from) % 2 ? -a : a;
}

static void test_db(void)
{
    CHECK_NEAR(take_db(1.0), 0.0, 1e-12);
    CHECK_NEAR(take_db(0.01), -20.0, 1e-12);
    CHECK_NEAR(take_db(0.0), TAKE_NO_FLOOR, 0.0);
}

/* x[from, to) a sine of f Hz at amplitude a. */
static void sine(float *x, int64_t from, int64_t to, double f, double a)
{
    const double pi = 3.14159265358979323846;
    for (int64_t i = from; i < to; i++)
        x[i] = (float)(a * sin(2.0 * pi * f * (double)(i - from) / R));
}

static void test_measure(void)
{
    struct take_loudness l;
    /* BS.1770's reference: a 1 kHz sine at full scale in one channel reads
     * -3.01 LUFS; at 0.1, -23.01. Its true peak is its amplitude. */
    float *x = zeros(2 * R);
    sine(x, 0, 2 * R, 1000.0, 0.1);
    CHECK_INT(take_measure(x, 2 * R, R, &l), 0);
    CHECK_NEAR(l.lufs, -23.01, 0.05);
    CHECK_NEAR(l.true_peak, -20.0, 0.05);
    CHECK_NEAR(take_gain_db(&l), TAKE_TARGET_LUFS + 23.01, 0.05);

    /* Shorter than one 400 ms block: measured as though it repeated. */
    CHECK_INT(take_measure(x, R / 5, R, &l), 0);
    CHECK_NEAR(l.lufs, -23.01, 0.1);

    /* The gates leave out silence: a second of it after the sine changes
     * the reading by less than the blocks that straddle the edge do. */
    memset(x + R, 0, (size_t)R * sizeof *x);
    CHECK_INT(take_measure(x, 2 * R, R, &l), 0);
    CHECK(l.lufs > -23.01 - 1.0 && l.lufs < -23.01 + 0.05);
    free(x);

    /* Soft speech with one loud sample: +20 dB would take the true peak
     * past the ceiling, so the gain stops where it reaches -1 dBTP. */
    x = zeros(R);
    sine(x, 0, R, 1000.0, 0.01);
    x[1000] = 0.5f;
    CHECK_INT(take_measure(x, R, R, &l), 0);
    CHECK(l.true_peak >= 20.0 * log10(0.5));
    CHECK_NEAR(take_gain_db(&l), TAKE_CEILING_DBTP - l.true_peak, 1e-9);
    take_apply_gain(x, R, take_gain_db(&l));
    CHECK_INT(take_measure(x, R, R, &l), 0);
    CHECK_NEAR(l.true_peak, TAKE_CEILING_DBTP, 0.01);
    free(x);

    /* Silence: nothing to measure, no gain. */
    x = zeros(R);
    CHECK_INT(take_measure(x, R, R, &l), 0);
    CHECK_NEAR(l.lufs, TAKE_NO_FLOOR, 0.0);
    CHECK_NEAR(take_gain_db(&l), 0.0, 0.0);
    free(x);
}

static void test_find_speech(void)
{
    int64_t s = -1, e = -1;
    const int64_t n = 2 * R;
    /* Digital silence around a burst that starts mid-block: exact edges. */
    float *x = zeros(n);
    square(x, 12345, 12345 + 24000, 0.1f);
    CHECK_INT(take_find_speech(x, n, R, TAKE_NO_FLOOR, &s, &e), 0);
    CHECK_INT(s, 12345);
    CHECK_INT(e, 12345 + 24000);

    /* A room at -50.5 dB: with no floor measured, 40 dB under the speech
     * is -60 dB and the room counts as speech; with its floor, it does not. */
    square(x, 0, n, 0.003f);
    square(x, 12345, 12345 + 24000, 0.1f);
    CHECK_INT(take_find_speech(x, n, R, TAKE_NO_FLOOR, &s, &e), 0);
    CHECK_INT(s, 0);
    CHECK_INT(e, n);
    CHECK_INT(take_find_speech(x, n, R, 20.0 * log10(0.003), &s, &e), 0);
    CHECK_INT(s, 12345);
    CHECK_INT(e, 12345 + 24000);

    /* More than 40 dB under the loudest part is not speech: 0.004 against
     * 0.5 is 41.9 dB down. */
    memset(x, 0, (size_t)n * sizeof *x);
    square(x, 1000, 5000, 0.004f);
    square(x, 20000, 30000, 0.5f);
    CHECK_INT(take_find_speech(x, n, R, TAKE_NO_FLOOR, &s, &e), 0);
    CHECK_INT(s, 20000);
    CHECK_INT(e, 30000);

    /* Nothing over -60 dBFS: no speech at all. */
    memset(x, 0, (size_t)n * sizeof *x);
    square(x, 1000, 30000, 0.0009f);
    CHECK_INT(take_find_speech(x, n, R, TAKE_NO_FLOOR, &s, &e), -1);
    free(x);
}

static void test_trim(void)
{
    const int64_t n = 10000;
    float *x = zeros(n);
    for (int64_t i = 0; i < n; i++)
        x[i] = 1.0f;
    /* 20 ms kept either side, 30 ms of silence before and 50 ms after. */
    int64_t len = take_trim(x, n, R, 3000, 7000, NULL);
    CHECK_INT(len, 1440 + (7000 + 960 - (3000 - 960)) + 2400);
    float *out = zeros(len);
    CHECK_INT(take_trim(x, n, R, 3000, 7000, out), len);
    int pad_ok = 1;
    for (int64_t i = 0; i < 1440; i++)
        pad_ok &= out[i] == 0.0f;
    for (int64_t i = len - 2400; i < len; i++)
        pad_ok &= out[i] == 0.0f;
    CHECK(pad_ok);
    /* 3 ms linear fades from exactly zero at each cut. */
    const int64_t seg = 1440, last = len - 2400 - 1;
    CHECK_NEAR(out[seg], 0.0, 0.0);
    CHECK_NEAR(out[seg + 1], 1.0 / 144.0, 1e-7);
    CHECK_NEAR(out[seg + 143], 143.0 / 144.0, 1e-7);
    CHECK_NEAR(out[seg + 144], 1.0, 0.0);
    CHECK_NEAR(out[last], 0.0, 0.0);
    CHECK_NEAR(out[last - 72], 72.0 / 144.0, 1e-7);
    CHECK_NEAR(out[last - 144], 1.0, 0.0);
    free(out);
    /* Margins stop at the take's ends. */
    CHECK_INT(take_trim(x, n, R, 500, 9900, NULL), 1440 + n + 2400);
    free(x);
}

static void test_highpass(void)
{
    struct take_highpass h;
    float *x = zeros(R), *y = zeros(R);
    /* An offset from the first sample on gives nothing at all. */
    for (int64_t i = 0; i < R; i++)
        x[i] = 0.25f;
    take_highpass_init(&h, R);
    take_highpass_run(&h, x, y, R);
    int none = 1;
    for (int64_t i = 0; i < R; i++)
        none &= y[i] == 0.0f;
    CHECK(none);
    /* One that starts later dies away within half a second. */
    memset(x, 0, R / 2 * sizeof *x);
    take_highpass_init(&h, R);
    take_highpass_run(&h, x, y, R);
    CHECK(fabsf(y[R / 2]) > 0.2f);
    CHECK(fabsf(y[R - 1]) < 1e-4f);
    /* A voice's frequencies pass: 1 kHz within 0.01 dB, half the sample
     * rate exactly; 40 Hz is 3 dB down. */
    const double pi = 3.14159265358979323846;
    double f[3] = {1000.0, R / 2.0, 40.0}, want[3] = {0.0, 0.0, -3.0103},
           tol[3] = {0.01, 1e-6, 0.05};
    for (int k = 0; k < 3; k++) {
        for (int64_t i = 0; i < R; i++)
            x[i] = (float)(0.5 * cos(2.0 * pi * f[k] * (double)i / R));
        take_highpass_init(&h, R);
        take_highpass_run(&h, x, y, R);
        double in = 0.0, out = 0.0;
        for (int64_t i = R / 2; i < R; i++) {
            in += (double)x[i] * x[i];
            out += (double)y[i] * y[i];
        }
        CHECK_NEAR(take_db(out) - take_db(in), want[k], tol[k]);
    }
    free(x);
    free(y);
}

static void test_floor(void)
{
    /* 30 blocks of digital silence (a device starting), 50 of room, 20 of
     * speech: the quietest fifth of the 70 blocks with sound is the room. */
    const int64_t b = 480, n = 100 * b;
    float *x = zeros(n);
    square(x, 30 * b, 80 * b, 0.003f);
    square(x, 80 * b, n, 0.1f);
    CHECK_NEAR(take_floor(x, n, R), 20.0 * log10(0.003), 0.2);
    memset(x, 0, (size_t)n * sizeof *x);
    CHECK_NEAR(take_floor(x, n, R), TAKE_NO_FLOOR, 0.0);
    CHECK_NEAR(take_floor(x, 100, R), TAKE_NO_FLOOR, 0.0);
    free(x);
}

/* Feeds x a block at a time until the detector says stop; the frame then. */
static int64_t stop_at(const float *x, int64_t n, double floor_db, enum take_stop *why)
{
    struct take_detect d;
    take_detect_init(&d, R, floor_db);
    for (int64_t at = 0; at < n; at += 480) {
        take_detect_feed(&d, x + at, 480);
        if ((*why = take_detect_stop(&d)) != TAKE_GO)
            return d.frames;
    }
    *why = TAKE_GO;
    return -1;
}

static void test_detect(void)
{
    const int64_t n = 40 * (int64_t)R;
    float *x = zeros(n);
    enum take_stop why;
    /* Half a second of silence, a second of speech, then silence: the take
     * ends 1.5 s after the last speech block, at exactly 3 s. */
    square(x, R / 2, 3 * R / 2, 0.1f);
    CHECK_INT(stop_at(x, n, TAKE_NO_FLOOR, &why), 3 * R);
    CHECK_INT(why, TAKE_DONE);
    /* Speech shorter than 100 ms is a click or a cough, not the take. */
    memset(x, 0, (size_t)n * sizeof *x);
    square(x, R / 2, R / 2 + 9 * 480, 0.1f);
    CHECK_INT(stop_at(x, n, TAKE_NO_FLOOR, &why), TAKE_WAIT_S * R);
    CHECK_INT(why, TAKE_NOTHING);
    /* The room above the floor but 40 dB under speech: a pause. */
    square(x, 0, n, 0.003f);
    square(x, R / 2, 3 * R / 2, 0.1f);
    CHECK_INT(stop_at(x, n, 20.0 * log10(0.003), &why), 3 * R);
    CHECK_INT(why, TAKE_DONE);
    /* Talking on and on: the limit. */
    square(x, 0, n, 0.1f);
    CHECK_INT(stop_at(x, n, TAKE_NO_FLOOR, &why), TAKE_MAX_S * R);
    CHECK_INT(why, TAKE_FULL);
    free(x);
}

static void test_process(void)
{
    /* A second of speech at -20 dB after half a second of silence: trimmed
     * to the speech, 20 ms either side, the pads; the level kept. */
    const int64_t n = 7 * R / 2;
    float *x = zeros(n);
    square(x, R / 2, 3 * R / 2, 0.1f);
    struct take t;
    CHECK_INT(take_process(x, n, R, TAKE_NO_FLOOR, &t), TAKE_OK);
    CHECK_INT(t.frames, 1440 + 960 + R + 960 + 2400);
    CHECK(!t.clipped);
    struct take_loudness l;
    CHECK_INT(take_measure(t.data, t.frames, R, &l), 0);
    CHECK_NEAR(l.lufs, TAKE_TARGET_LUFS, 1e-3);
    CHECK_NEAR(t.gain_db, TAKE_TARGET_LUFS - t.lufs, 1e-9);
    const double g1 = t.gain_db;
    take_free(&t);
    /* 20 dB quieter: brought up by 20 dB more. */
    square(x, R / 2, 3 * R / 2, 0.01f);
    CHECK_INT(take_process(x, n, R, TAKE_NO_FLOOR, &t), TAKE_OK);
    CHECK_NEAR(t.gain_db - g1, 20.0, 0.01);
    take_free(&t);
    /* Quiet, but one sample at full scale: clipped, and the gain held the
     * true peak to -1 dBTP. */
    square(x, R / 2, 3 * R / 2, 0.01f);
    x[R] = 0.9995f;
    CHECK_INT(take_process(x, n, R, TAKE_NO_FLOOR, &t), TAKE_OK);
    CHECK(t.clipped);
    CHECK_INT(take_measure(t.data, t.frames, R, &l), 0);
    CHECK_NEAR(l.true_peak, TAKE_CEILING_DBTP, 0.01);
    CHECK(t.gain_db < -0.9 && t.gain_db < TAKE_TARGET_LUFS - t.lufs);
    take_free(&t);
    memset(x, 0, (size_t)n * sizeof *x);
    CHECK_INT(take_process(x, n, R, TAKE_NO_FLOOR, &t), TAKE_SILENT);
    CHECK(t.data == NULL);
    free(x);
}

static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void test_write(void)
{
    char dir[] = "/tmp/test_take.XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    char path[256], err[512];
    snprintf(path, sizeof path, "%s/a.cue.flac", dir);
    const int64_t n = 4800;
    float *x = zeros(n);
    for (int64_t i = 0; i < n; i++)
        x[i] = (float)(0.5 * sin((double)i * 0.05));
    x[10] = 1.5f; /* out of range: held to full scale */
    CHECK_INT(cues_write_file(path, x, n, R, "Words.", CUES_RECORD_SOFTWARE, err, sizeof err),
              CUES_OK);
    struct cue_audio a = {0};
    CHECK_INT(cues_load_file(path, R, &a, err, sizeof err), CUES_OK);
    CHECK_INT(a.frames, n);
    double worst = 0.0;
    for (int64_t i = 0; i < n && a.data; i++) {
        double want = x[i] > 1.0f ? 1.0 : x[i];
        worst = fmax(worst, fabs(a.data[i * a.channels] / 32768.0 - want));
    }
    CHECK(worst <= 1.0 / 32767.0);
    cues_free(&a);
    CHECK_INT(cues_file_source(path), CUES_SOURCE_RECORDED);

    /* No tags at all: the pack as scripts/voice once made it, synthetic. Someone
     * else's tags: unknown. rollout voice's tag: synthetic. */
    CHECK_INT(cues_write_file(path, x, n, R, NULL, NULL, err, sizeof err), CUES_OK);
    CHECK_INT(cues_file_source(path), CUES_SOURCE_SYNTHETIC);
    CHECK_INT(cues_write_file(path, x, n, R, "Words.", CUES_VOICE_SOFTWARE ": flite slt", err,
                              sizeof err),
              CUES_OK);
    CHECK_INT(cues_file_source(path), CUES_SOURCE_SYNTHETIC);
    CHECK_INT(cues_write_file(path, x, n / 2, R, "Words.", "Audacity", err, sizeof err), CUES_OK);
    CHECK_INT(cues_file_source(path), CUES_SOURCE_UNKNOWN);
    CHECK_INT(cues_load_file(path, R, &a, err, sizeof err), CUES_OK);
    CHECK_INT(a.frames, n / 2); /* replaced */
    cues_free(&a);
    CHECK_INT(count_files(dir), 1); /* and no temporary file beside it */

    /* A folder that is not there: an error naming the file. */
    char bad[300];
    snprintf(bad, sizeof bad, "%s/none/b.flac", dir);
    CHECK_INT(cues_write_file(bad, x, n, R, NULL, NULL, err, sizeof err), CUES_IO);
    CHECK(strstr(err, bad) != NULL);
    CHECK_INT(cues_file_source(bad), CUES_SOURCE_UNKNOWN);
    free(x);
    unlink(path);
    rmdir(dir);
}

static int measure(const char *path)
{
    struct cue_audio a = {0};
    char err[512];
    if (cues_load_file(path, R, &a, err, sizeof err) != CUES_OK) {
        fprintf(stderr, "test_take: %s\n", err);
        return 1;
    }
    float *mono = zeros(a.frames);
    for (int64_t i = 0; i < a.frames; i++)
        mono[i] = (float)a.data[i * a.channels] / 32768.0f;
    struct take_loudness l;
    take_measure(mono, a.frames, R, &l);
    printf("frames %lld lufs %.3f true_peak %.3f\n", (long long)a.frames, l.lufs, l.true_peak);
    free(mono);
    cues_free(&a);
    return 0;
}

/* The room: uniform noise from a fixed sequence, RMS 0.001 (-60 dBFS). */
static float room(uint32_t *seed)
{
    *seed = *seed * 1664525u + 1013904223u;
    return (float)(((double)(*seed >> 8) / (double)(1u << 24) * 2.0 - 1.0) * sqrt(3.0) * 0.001);
}

static int burst(const char *path)
{
    const double pi = 3.14159265358979323846;
    const int64_t lead = 7 * R / 2, len = 3 * R / 2, n = lead + len + 2 * R, ramp = R / 200;
    float *x = zeros(n);
    uint32_t seed = 1;
    for (int64_t i = 0; i < n; i++)
        x[i] = room(&seed);
    for (int64_t i = 0; i < len; i++) {
        double g = i < ramp          ? 0.5 - 0.5 * cos(pi * (double)i / ramp)
                   : i >= len - ramp ? 0.5 - 0.5 * cos(pi * (double)(len - i) / ramp)
                                     : 1.0;
        double t = (double)i / R;
        x[lead + i] += (float)(g * (0.06 * sin(2 * pi * 220 * t) + 0.03 * sin(2 * pi * 1250 * t)));
    }
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(x, sizeof *x, (size_t)n, f) == (size_t)n;
    ok &= f && fclose(f) == 0;
    free(x);
    if (!ok)
        fprintf(stderr, "test_take: cannot write %s\n", path);
    return !ok;
}

/* SDL plays silence while a device is paused, and a device that runs
 * faster than real time may write some before the take is queued: the
 * take must follow that silence, sample for sample. */
static int played(const char *raw, const char *path)
{
    struct cue_audio a = {0};
    char err[512];
    FILE *f = fopen(raw, "rb");
    if (!f || cues_load_file(path, R, &a, err, sizeof err) != CUES_OK) {
        fprintf(stderr, "test_take: cannot read %s or %s\n", raw, path);
        if (f)
            fclose(f);
        return 1;
    }
    float v;
    while (fread(&v, sizeof v, 1, f) == 1 && v == 0.0f)
        ;
    int64_t from = 0; /* the take's own silence, which that silence took in */
    while (from < a.frames && a.data[from * a.channels] == 0)
        from++;
    int64_t n = a.frames - from, got = 0;
    float *x = zeros(n + 1);
    if (n > 0 && !feof(f)) {
        x[0] = v;
        got = 1 + (int64_t)fread(x + 1, sizeof *x, (size_t)n - 1, f);
    }
    fclose(f);
    int64_t differ = n - got;
    for (int64_t i = 0; i < got; i++)
        differ += fabs(x[i] - a.data[(from + i) * a.channels] / 32768.0) > 1.0 / 32767.0;
    printf("%lld of %lld samples differ\n", (long long)differ, (long long)n);
    free(x);
    cues_free(&a);
    return differ != 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "measure") == 0)
        return measure(argv[2]);
    if (argc == 3 && strcmp(argv[1], "burst") == 0)
        return burst(argv[2]);
    if (argc == 4 && strcmp(argv[1], "played") == 0)
        return played(argv[2], argv[3]);
    test_db();
    test_measure();
    test_find_speech();
    test_trim();
    test_highpass();
    test_floor();
    test_detect();
    test_process();
    test_write();
    return check_done("test_take");
}
