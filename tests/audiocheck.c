/* SPDX-License-Identifier: MIT */
/* audiocheck.c — looks at rendered audio for the command-line tests.
 *
 *   audiocheck onsets FILE       frames where sound starts after silence
 *   audiocheck attacks FILE      frames where a sound's edge rises out of
 *                                quiet, in a file never quite silent (a
 *                                decoded MP3)
 *   audiocheck clipped FILE      the largest sample and how many are at full
 *                                scale (FILE.raw: the device's raw floats)
 *   audiocheck same RAW WAV      the device's raw float bytes against a
 *                                render: identical, sample for sample, once
 *                                aligned on the first sound in each
 *   audiocheck info FILE         rate, channels, frames, peak
 *   audiocheck mic OUT BED DB [SAY AT]...
 *                                a microphone's raw mono floats for SDL's disk
 *                                capture: BED (mono) at DB, with each SAY file
 *                                (same rate, mono) peaking at 0.7 from second AT
 *   audiocheck peaks FILE        each onset's frame and the peak of the sound
 *                                it starts (FILE.raw: the device's raw floats)
 *   audiocheck header FILE       container, rate, channels and frames as the
 *                                header says, and whether the last frames it
 *                                promises can be read (for files too large
 *                                to load)
 *   audiocheck hushed RAW FULL CLICKS
 *                                the device's raw floats against a render
 *                                (FULL) and the same render with its voice
 *                                muted (CLICKS), aligned as `same` does:
 *                                where the device differs from FULL, it is
 *                                a hush that took voice away and left the
 *                                clicks whole, on their frames. Prints the
 *                                second it began, how long it lasted, and
 *                                how far down the voice was in its middle
 *                                (dB); fails where a sample is anything else
 *   audiocheck mono MONO STEREO  every frame of MONO equals both channels of
 *                                STEREO at that frame, exactly
 *   audiocheck samples FILE      what is heard in a 16-bit file, on stdout: a
 *                                line with its rate, channels and frames,
 *                                then every sample as a little-endian 16-bit
 *                                integer, interleaved. Tags, chunks and how
 *                                the header is laid out are left out: a
 *                                golden hash is taken of this.
 *
 * Exit status 0 when the files could be read and (for same) match. */
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ONSET_GAP 2000 /* zero frames that must come before an onset */

struct audio {
    float *data;
    long long frames;
    int channels, rate;
};

static int load(const char *path, struct audio *a, int raw)
{
    SF_INFO info = {0};
    if (raw) {
        info.samplerate = 48000;
        info.channels = 2;
        info.format = SF_FORMAT_RAW | SF_FORMAT_FLOAT | SF_ENDIAN_CPU;
    }
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf) {
        fprintf(stderr, "audiocheck: cannot read %s: %s\n", path, sf_strerror(NULL));
        return -1;
    }
    /* Room for the frames the header counts, and one more so that the end
     * is found without growing: a whole session, held twice over while it
     * doubled, had cost more than the checks made on it. A header that
     * counts short only makes the buffer grow. */
    long long cap = info.frames > 0 && info.frames < (1LL << 32) ? info.frames + 1 : 1 << 16, n = 0;
    a->data = malloc((size_t)cap * info.channels * sizeof(float));
    for (;;) {
        if (n == cap) {
            cap *= 2;
            a->data = realloc(a->data, (size_t)cap * info.channels * sizeof(float));
        }
        sf_count_t got = sf_readf_float(sf, a->data + n * info.channels, cap - n);
        if (got <= 0)
            break;
        n += got;
    }
    sf_close(sf);
    a->frames = n;
    a->channels = info.channels;
    a->rate = info.samplerate;
    return 0;
}

static int silent(const struct audio *a, long long f)
{
    for (int c = 0; c < a->channels; c++)
        if (a->data[f * a->channels + c] != 0.0f)
            return 0;
    return 1;
}

static int onsets(const char *path)
{
    struct audio a;
    if (load(path, &a, 0))
        return 1;
    long long zeros = ONSET_GAP;
    for (long long f = 0; f < a.frames; f++) {
        if (silent(&a, f)) {
            zeros++;
        } else {
            if (zeros >= ONSET_GAP)
                printf("%lld\n", f);
            zeros = 0;
        }
    }
    free(a.data);
    return 0;
}

static long long first_sound(const struct audio *a)
{
    for (long long f = 0; f < a->frames; f++)
        if (!silent(a, f))
            return f;
    return a->frames;
}

static long long last_sound(const struct audio *a)
{
    for (long long f = a->frames - 1; f >= 0; f--)
        if (!silent(a, f))
            return f;
    return -1;
}

static int same(const char *raw, const char *wav)
{
    struct audio d, r;
    if (load(raw, &d, 1) || load(wav, &r, 0))
        return 1;
    long long d0 = first_sound(&d), r0 = first_sound(&r);
    long long dn = last_sound(&d) - d0 + 1, rn = last_sound(&r) - r0 + 1;
    printf("device: sound from frame %lld, %lld frames; render: from frame %lld, %lld frames\n", d0,
           dn, r0, rn);
    if (d.channels != 2 || r.channels != 2 || dn != rn || dn <= 0) {
        printf("different lengths of sound\n");
        free(d.data);
        free(r.data);
        return 1;
    }
    long long diff = 0;
    for (long long i = 0; i < 2 * dn; i++)
        if (d.data[2 * d0 + i] != r.data[2 * r0 + i])
            diff++;
    printf("%lld of %lld samples differ\n", diff, 2 * dn);
    free(d.data);
    free(r.data);
    return diff != 0;
}

#define HUSH_EDGE 0.25 /* seconds at each end of a hush left out of its depth */

static int hushed(const char *raw, const char *full, const char *clicks)
{
    struct audio d, r, c;
    if (load(raw, &d, 1) || load(full, &r, 0) || load(clicks, &c, 0))
        return 1;
    long long d0 = first_sound(&d), r0 = first_sound(&r);
    long long n = d.frames - d0 < r.frames - r0 ? d.frames - d0 : r.frames - r0;
    int bad = c.frames != r.frames || d.channels != 2 || r.channels != 2 || c.channels != 2;
    long long from = -1, to = -1;
    for (long long i = 0; !bad && i < 2 * n; i++) {
        if (d.data[2 * d0 + i] != r.data[2 * r0 + i]) {
            from = from < 0 ? i / 2 : from;
            to = i / 2 + 1;
        }
    }
    /* Inside the hush the device's sound, less the clicks, is the voice at
     * no more than its rendered size: a click moved, cut or ducked would be
     * left over. */
    float voice = 0, left = 0;
    long long edge = (long long)(HUSH_EDGE * r.rate);
    for (long long f = from; !bad && f >= 0 && f < to; f++) {
        for (int ch = 0; ch < 2; ch++) {
            long long k = 2 * (r0 + f) + ch;
            float v = fabsf(r.data[k] - c.data[k]),
                  h = fabsf(d.data[2 * d0 + 2 * f + ch] - c.data[k]);
            if (h > v + 1e-6f) {
                printf("frame %lld: %g left of a voice of %g\n", r0 + f, h, v);
                bad = 1;
            }
            if (f >= from + edge && f < to - edge) {
                voice = v > voice ? v : voice;
                left = h > left ? h : left;
            }
        }
    }
    if (!bad && from < 0)
        printf("no hush\n");
    else if (!bad)
        printf("%.2f %.2f %.1f\n", (double)(r0 + from) / r.rate, (double)(to - from) / r.rate,
               voice > 0 && left > 0 ? 20.0 * log10((double)(left / voice)) : -200.0);
    free(d.data);
    free(r.data);
    free(c.data);
    return bad;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

static int peaks(const char *path)
{
    struct audio a;
    if (load(path, &a, ends_with(path, ".raw")))
        return 1;
    long long zeros = ONSET_GAP, at = -1;
    float peak = 0;
    for (long long f = 0; f <= a.frames; f++) {
        if (f == a.frames || silent(&a, f)) {
            if (++zeros == ONSET_GAP && at >= 0) /* the sound has ended */
                printf("%lld %.6f\n", at, peak), at = -1;
            continue;
        }
        if (zeros >= ONSET_GAP)
            at = f, peak = 0;
        zeros = 0;
        for (int c = 0; c < a.channels; c++)
            peak =
                fabsf(a.data[f * a.channels + c]) > peak ? fabsf(a.data[f * a.channels + c]) : peak;
    }
    if (at >= 0)
        printf("%lld %.6f\n", at, peak);
    free(a.data);
    return 0;
}

static int mic(int argc, char **argv)
{
    struct audio bed;
    if (load(argv[3], &bed, 0) || bed.channels != 1)
        return 1;
    float gain = powf(10.0f, (float)atof(argv[4]) / 20.0f);
    for (long long i = 0; i < bed.frames; i++)
        bed.data[i] *= gain;
    for (int k = 5; k + 1 < argc; k += 2) {
        struct audio say;
        if (load(argv[k], &say, 0) || say.channels != 1 || say.rate != bed.rate) {
            fprintf(stderr, "audiocheck: %s is not mono at %d Hz\n", argv[k], bed.rate);
            return 1;
        }
        float peak = 0;
        for (long long i = 0; i < say.frames; i++)
            peak = fabsf(say.data[i]) > peak ? fabsf(say.data[i]) : peak;
        long long at = (long long)(atof(argv[k + 1]) * bed.rate);
        for (long long i = 0; i < say.frames && at + i < bed.frames; i++)
            bed.data[at + i] += say.data[i] * (peak > 0 ? 0.7f / peak : 0.0f);
        free(say.data);
    }
    FILE *f = fopen(argv[2], "wb");
    int ok = f && fwrite(bed.data, sizeof(float), (size_t)bed.frames, f) == (size_t)bed.frames;
    ok = f && fclose(f) == 0 && ok;
    free(bed.data);
    return ok ? 0 : 1;
}

static int info(const char *path)
{
    struct audio a;
    if (load(path, &a, 0))
        return 1;
    float peak = 0;
    for (long long i = 0; i < a.frames * a.channels; i++)
        peak = fabsf(a.data[i]) > peak ? fabsf(a.data[i]) : peak;
    printf("rate %d channels %d frames %lld peak %.6f\n", a.rate, a.channels, a.frames, peak);
    free(a.data);
    return 0;
}

static int header(const char *path)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf) {
        fprintf(stderr, "audiocheck: cannot read %s: %s\n", path, sf_strerror(NULL));
        return 1;
    }
    SF_FORMAT_INFO fi = {.format = info.format & SF_FORMAT_TYPEMASK};
    sf_command(sf, SFC_GET_FORMAT_INFO, &fi, sizeof fi);
    /* The last 4096 frames the header promises, read where it says they are. */
    float tail[4096 * 8];
    long long want = info.frames < 4096 ? info.frames : 4096, got = -1;
    if (info.channels <= 8 && sf_seek(sf, info.frames - want, SEEK_SET) >= 0)
        got = sf_readf_float(sf, tail, want);
    printf("container %s rate %d channels %d frames %lld tail %s\n", fi.extension, info.samplerate,
           info.channels, (long long)info.frames, got == want ? "readable" : "missing");
    sf_close(sf);
    return 0;
}

static int mono(const char *mono_path, const char *stereo_path)
{
    struct audio m, s;
    if (load(mono_path, &m, 0) || load(stereo_path, &s, 0))
        return 1;
    if (m.channels != 1 || s.channels != 2 || m.frames != s.frames) {
        printf("%d channels, %lld frames against %d channels, %lld frames\n", m.channels, m.frames,
               s.channels, s.frames);
        return 1;
    }
    long long diff = 0, sound = 0;
    for (long long f = 0; f < m.frames; f++) {
        diff += m.data[f] != s.data[2 * f] || m.data[f] != s.data[2 * f + 1];
        sound += m.data[f] != 0.0f;
    }
    printf("%lld of %lld frames differ; %lld not silent\n", diff, m.frames, sound);
    free(m.data);
    free(s.data);
    return diff != 0 || sound == 0;
}

static int samples(const char *path)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf) {
        fprintf(stderr, "audiocheck: cannot read %s: %s\n", path, sf_strerror(NULL));
        return 1;
    }
    printf("rate %d channels %d frames %lld\n", info.samplerate, info.channels,
           (long long)info.frames);
    short buf[4096];
    unsigned char le[sizeof buf];
    long long total = 0;
    sf_count_t n;
    while ((n = sf_read_short(sf, buf, 4096)) > 0) {
        for (sf_count_t i = 0; i < n; i++) {
            unsigned short u = (unsigned short)buf[i];
            le[2 * i] = (unsigned char)(u & 0xff);
            le[2 * i + 1] = (unsigned char)(u >> 8);
        }
        fwrite(le, 2, (size_t)n, stdout);
        total += n;
    }
    sf_close(sf);
    if (total != (long long)info.frames * info.channels) {
        fprintf(stderr, "audiocheck: %s: read %lld samples of %lld\n", path, total,
                (long long)info.frames * info.channels);
        return 1;
    }
    return fflush(stdout) != 0;
}

/* The loudest channel's magnitude at frame f. */
static float level_at(const struct audio *a, long long f)
{
    float level = 0.0f;
    for (int c = 0; c < a->channels; c++) {
        float x = fabsf(a->data[f * a->channels + c]);
        level = x > level ? x : level;
    }
    return level;
}

/* Where a sound rises out of quiet in a file that is never quite silent
 * (a lossy file, decoded): after at least ONSET_GAP frames under -46 dBFS,
 * the first frame that reaches half the peak of the 5 ms that follow the
 * sound's first rise over -40 dBFS. Half the peak is the steep edge of a
 * click, whatever its level; a codec's noise, and the ringing it smears a
 * little ahead of an edge, stay under it. */
static int attacks(const char *path)
{
    struct audio a;
    if (load(path, &a, 0))
        return 1;
    const float off = 0.005f, rise = 0.01f;
    const long long ahead = a.rate / 200;
    long long quiet = ONSET_GAP;
    int armed = 1; /* quiet long enough since the last sound; its first rise keeps it */
    for (long long f = 0; f < a.frames; f++) {
        float level = level_at(&a, f);
        armed |= quiet >= ONSET_GAP;
        if (level >= rise && armed) {
            float peak = 0.0f;
            for (long long g = f; g < f + ahead && g < a.frames; g++)
                peak = level_at(&a, g) > peak ? level_at(&a, g) : peak;
            long long g = f;
            while (level_at(&a, g) < peak / 2)
                g++;
            printf("%lld\n", g);
            f = g;
            quiet = 0;
            armed = 0;
            continue;
        }
        quiet = level < off ? quiet + 1 : 0;
    }
    free(a.data);
    return 0;
}

/* The largest sample, and how many samples are at full scale (what a
 * 16-bit file clips to, or past it in floats); FILE.raw is the device's
 * raw floats. */
static int clipped(const char *path)
{
    struct audio a;
    size_t len = strlen(path);
    if (load(path, &a, len > 4 && strcmp(path + len - 4, ".raw") == 0))
        return 1;
    const float full = 32767.0f / 32768.0f;
    float peak = 0.0f;
    long long at_full = 0;
    for (long long i = 0; i < a.frames * a.channels; i++) {
        float x = fabsf(a.data[i]);
        peak = x > peak ? x : peak;
        at_full += x >= full;
    }
    printf("peak %.6f clipped %lld\n", peak, at_full);
    free(a.data);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "attacks") == 0)
        return attacks(argv[2]);
    if (argc == 3 && strcmp(argv[1], "clipped") == 0)
        return clipped(argv[2]);
    if (argc == 3 && strcmp(argv[1], "onsets") == 0)
        return onsets(argv[2]);
    if (argc == 4 && strcmp(argv[1], "same") == 0)
        return same(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "info") == 0)
        return info(argv[2]);
    if (argc == 3 && strcmp(argv[1], "peaks") == 0)
        return peaks(argv[2]);
    if (argc >= 5 && argc % 2 == 1 && strcmp(argv[1], "mic") == 0)
        return mic(argc, argv);
    if (argc == 3 && strcmp(argv[1], "header") == 0)
        return header(argv[2]);
    if (argc == 5 && strcmp(argv[1], "hushed") == 0)
        return hushed(argv[2], argv[3], argv[4]);
    if (argc == 4 && strcmp(argv[1], "mono") == 0)
        return mono(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "samples") == 0)
        return samples(argv[2]);
    fprintf(stderr, "usage: audiocheck onsets FILE | attacks FILE | clipped FILE | same RAW WAV"
                    " | info FILE | header FILE | hushed RAW FULL CLICKS"
                    " | mono MONO STEREO | peaks FILE | samples FILE"
                    " | mic OUT BED DB [SAY AT]...\n");
    return 2;
}
