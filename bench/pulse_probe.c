/* SPDX-License-Identifier: MIT */
/* pulse_probe.c — records a PulseAudio source (a null sink's monitor) and
 * says at what wall-clock time each onset reached it, so a latency can be
 * measured against times taken inside another process.
 *
 *   pulse_probe SOURCE SECONDS [WAV]
 *
 * It reads 256-frame chunks of stereo float at 48 kHz. After each read it
 * asks the server how old the next unread frame is (pa_simple_get_latency:
 * for a record stream, the time from a frame reaching the source to its
 * being read), so frame R (the count read so far) reached the monitor at
 * now - latency. Every chunk gives one estimate of when frame 0 arrived;
 * their median, leaving out the first SETTLE_S seconds, is the stream's
 * origin, and frame r arrived at origin + r / 48000. An onset is a
 * non-zero frame after at least 2000 zero frames, the rule
 * tests/audiocheck.c uses. Prints
 *
 *   origin SEC.NSEC spread_ms P5 P95       (estimates about the median)
 *   onset FRAME SEC.NSEC                   one per onset
 *
 * WAV, when given, gets the recording (float), for a second look. SIGINT or
 * SIGTERM end it early. */
#include <math.h>
#include <pulse/error.h>
#include <pulse/simple.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RATE      48000
#define CHUNK     256
#define ONSET_GAP 2000
#define SETTLE_S  3 /* seconds of estimates to leave out */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

/* Prints base + t seconds as SEC.NSEC. */
static void print_time(time_t base, double t)
{
    double w = floor(t);
    long long ns = llround((t - w) * 1e9);
    if (ns >= 1000000000LL) {
        ns -= 1000000000LL;
        w += 1;
    }
    printf("%lld.%09lld", (long long)(base + (time_t)w), ns);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A minimal float WAV header (WAVE_FORMAT_IEEE_FLOAT, 2 channels). */
static void wav_header(FILE *f, uint32_t frames)
{
    uint32_t data = frames * 8, riff = 36 + data, fmt_len = 16, rate = RATE, bps = RATE * 8;
    uint16_t fmt = 3, ch = 2, align = 8, bits = 32;
    fwrite("RIFF", 1, 4, f);
    fwrite(&riff, 4, 1, f);
    fwrite("WAVEfmt ", 1, 8, f);
    fwrite(&fmt_len, 4, 1, f);
    fwrite(&fmt, 2, 1, f);
    fwrite(&ch, 2, 1, f);
    fwrite(&rate, 4, 1, f);
    fwrite(&bps, 4, 1, f);
    fwrite(&align, 2, 1, f);
    fwrite(&bits, 2, 1, f);
    fwrite("data", 1, 4, f);
    fwrite(&data, 4, 1, f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pulse_probe SOURCE SECONDS [WAV]\n");
        return 2;
    }
    double seconds = atof(argv[2]);
    if (!(seconds > 0 && seconds < 36000))
        return 2;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    pa_sample_spec ss = {.format = PA_SAMPLE_FLOAT32LE, .rate = RATE, .channels = 2};
    pa_buffer_attr ba = {.maxlength = (uint32_t)-1,
                         .tlength = (uint32_t)-1,
                         .prebuf = (uint32_t)-1,
                         .minreq = (uint32_t)-1,
                         .fragsize = CHUNK * 8};
    int err = 0;
    pa_simple *s = pa_simple_new(NULL, "rollout-bench", PA_STREAM_RECORD, argv[1], "latency probe",
                                 &ss, NULL, &ba, &err);
    if (!s) {
        fprintf(stderr, "pulse_probe: %s\n", pa_strerror(err));
        return 1;
    }
    FILE *wav = argc > 3 ? fopen(argv[3], "wb") : NULL;
    if (wav)
        wav_header(wav, 0);

    int64_t max_chunks = (int64_t)(seconds * RATE / CHUNK) + 1;
    double *origin = malloc((size_t)max_chunks * sizeof *origin);
    int64_t *onsets = malloc((size_t)max_chunks * sizeof *onsets);
    if (!origin || !onsets)
        return 1;
    /* Times relative to base, whole seconds, so doubles keep nanoseconds. */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    time_t base = ts.tv_sec;
    float buf[CHUNK * 2];
    int64_t read = 0, zeros = ONSET_GAP, nchunks = 0, nonsets = 0;
    while (!stop && nchunks < max_chunks) {
        if (pa_simple_read(s, buf, sizeof buf, &err) < 0) {
            fprintf(stderr, "pulse_probe: %s\n", pa_strerror(err));
            break;
        }
        clock_gettime(CLOCK_REALTIME, &ts);
        pa_usec_t lat = pa_simple_get_latency(s, &err);
        for (int i = 0; i < CHUNK; i++) {
            if (buf[2 * i] == 0.0f && buf[2 * i + 1] == 0.0f) {
                zeros++;
            } else {
                if (zeros >= ONSET_GAP)
                    onsets[nonsets++] = read + i;
                zeros = 0;
            }
        }
        read += CHUNK;
        double now = (double)(ts.tv_sec - base) + (double)ts.tv_nsec * 1e-9;
        origin[nchunks++] = now - (double)lat * 1e-6 - (double)read / RATE;
        if (wav)
            fwrite(buf, sizeof buf, 1, wav);
    }
    pa_simple_free(s);
    if (wav) {
        fseek(wav, 0, SEEK_SET);
        wav_header(wav, (uint32_t)read);
        fclose(wav);
    }
    if (!nchunks)
        return 1;
    /* The first seconds are left out: a null sink that was idle renders in
     * two-second blocks until the stream's low latency takes hold, and the
     * server's latency reports are off by up to that much meanwhile. */
    int64_t skip = (int64_t)SETTLE_S * RATE / CHUNK;
    if (skip > nchunks / 2)
        skip = nchunks / 2;
    double *est = origin + skip;
    int64_t n = nchunks - skip;
    qsort(est, (size_t)n, sizeof *est, cmp_double);
    double o = est[n / 2];
    double p5 = est[n * 5 / 100], p95 = est[n * 95 / 100];
    printf("origin ");
    print_time(base, o);
    printf(" spread_ms %.3f %.3f\n", (p5 - o) * 1e3, (p95 - o) * 1e3);
    for (int64_t k = 0; k < nonsets; k++) {
        printf("onset %lld ", (long long)onsets[k]);
        print_time(base, o + (double)onsets[k] / RATE);
        printf("\n");
    }
    free(origin);
    free(onsets);
    return 0;
}
