/* SPDX-License-Identifier: MIT */
/* out_file.c — the file writer: engine_render → libsndfile. Integer
 * formats are rounded here, in one cheap loop, and handed to libsndfile as
 * the sample type the file holds (16-bit as short), so its own conversion
 * has nothing left to do.
 *
 * Durability: the file is written under a temporary name, closed (which
 * finishes its header, or FLAC's last frames and stream info), then synced,
 * and only then renamed over path. A crash leaves path holding the old file
 * or the whole new one. While rendering, writeback of what is already
 * written is started every WRITEBACK_FRAMES, so that the disk works while the
 * engine mixes and the final sync has little left to wait for. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sync_file_range */
#endif
#include "out_file.h"
#include "limiter.h"
#include "music.h"
#include "safefile.h"

#include <ctype.h>
#include <ebur128.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK            4096
#define WRITEBACK_FRAMES (1 << 21) /* 44 s at 48 kHz: 8 MiB of 16-bit WAV */

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* What each extension writes. Lossless formats keep stereo, the device's
 * own samples; lossy ones default to mono (see out_file_channels).
 *
 * What the encoders do to loudness and peaks, measured on their decoded
 * files: LAME gives back 0.4 LU less than it was fed, at any bitrate (and
 * FFmpeg's own LAME the same), so MP3 is fed that much louder; Opus and
 * Vorbis come back as loud as they went in. Every lossy encoder adds to a
 * click's edge: MP3 and Opus up to 0.5 dB, Vorbis up to 0.8, so each is
 * fed under a ceiling that leaves the decoded file under -1 dBTP. */
static const struct {
    const char *ext;
    int format; /* PCM formats take their sample type from --bits */
    int lossy;
    float loss_lu;    /* the loudness the encoder takes off */
    float ceiling_db; /* dBTP the limiter holds what the encoder is fed under */
} formats[] = {
    {"wav", SF_FORMAT_WAV, 0, 0.0f, OUT_FILE_CEILING_DB},
    {"flac", SF_FORMAT_FLAC, 0, 0.0f, OUT_FILE_CEILING_DB},
    {"ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 1, 0.0f, -2.5f},
    {"oga", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 1, 0.0f, -2.5f},
    {"opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 0.0f, -2.0f},
    {"mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 1, 0.4f, -2.0f},
};
#define NFORMATS (int)(sizeof formats / sizeof formats[0])

static int format_index(const char *path)
{
    const char *ext = extension(path);
    for (int i = 0; i < NFORMATS; i++)
        if (strcasecmp(ext, formats[i].ext) == 0)
            return i;
    return -1;
}

int out_file_channels(const char *path)
{
    return out_file_lossy(path) ? 1 : 2;
}

float out_file_codec_loss(const char *path)
{
    int i = format_index(path);
    return i >= 0 ? formats[i].loss_lu : 0.0f;
}

int out_file_lossy(const char *path)
{
    int i = format_index(path);
    return i >= 0 && formats[i].lossy;
}

/* Speech and a click need far less than music: Opus at 32 kb/s a channel
 * keeps the click's edge whole (24 softened it in listening), MP3 at 64
 * (the podcast rate for one voice); Vorbis turns 64 into a quality and
 * spends less on the silences between clicks. */
int out_file_bitrate(const char *path, int channels)
{
    int i = format_index(path);
    if (i < 0 || !formats[i].lossy)
        return 0;
    int per = (formats[i].format & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS ? 32 : 64;
    return per * channels;
}

static int channels_for(const char *path, const struct out_file_opts *o)
{
    return o->channels ? o->channels : out_file_channels(path);
}

/* MPEG Layer III has nine sample rates (MPEG-1, 2 and 2.5); libsndfile's
 * format check accepts any, and the encoder then fails on the others. */
static int mp3_rate(int rate)
{
    static const int rates[] = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++)
        if (rates[i] == rate)
            return 1;
    return 0;
}

/* The libsndfile format for path and options, or 0. */
static int sf_format_for(const char *path, const struct out_file_opts *o, char *err, size_t errlen)
{
    int i = format_index(path);
    if (i < 0) {
        snprintf(err, errlen,
                 "cannot tell the format of '%s': name it .wav, .flac, .ogg, .opus or .mp3", path);
        return 0;
    }
    int pcm = o->bits == 24 ? SF_FORMAT_PCM_24 : SF_FORMAT_PCM_16;
    int fmt = formats[i].format;
    if (fmt == SF_FORMAT_WAV)
        fmt |= o->bits == 32 ? SF_FORMAT_FLOAT : pcm;
    else if (fmt == SF_FORMAT_FLAC)
        fmt |= pcm;
    if (o->bits == 32 && (fmt & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV) {
        snprintf(err, errlen, "32-bit float samples can only be written to .wav, not '%s'", path);
        return 0;
    }
    if (o->channels != 0 && o->channels != 1 && o->channels != 2) {
        snprintf(err, errlen, "a session is written in 1 or 2 channels, not %d", o->channels);
        return 0;
    }
    if ((fmt & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG && !mp3_rate(o->rate)) {
        snprintf(err, errlen,
                 "MP3 holds 8000 to 48000 Hz audio (44100 or 48000 at full "
                 "quality), not %d Hz: '%s'",
                 o->rate, path);
        return 0;
    }
    SF_INFO info = {.samplerate = o->rate, .channels = channels_for(path, o), .format = fmt};
    if (!sf_format_check(&info)) {
        snprintf(err, errlen, "libsndfile cannot write %d Hz audio to '%s'", o->rate, path);
        return 0;
    }
    return fmt;
}

/* libsndfile sets a bitrate as a "compression level", 0 (the most bits)
 * to 1, spread evenly over each codec's range: Opus 6 to 256 kb/s a
 * channel, MP3 32 to 320 kb/s at 32 kHz and up (MPEG-1), 8 to 160 at 16
 * to 24 kHz and 8 to 64 below (MPEG-2 and 2.5), rounded down; Vorbis the
 * quality 1 to 0. kbps is checked against the range here; the level is
 * what sets it (-1: none, the format has no bitrate). */
struct span {
    double lo, hi;
};

static struct span kbps_span(int fmt, int rate, int channels)
{
    switch (fmt & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_OPUS:
        return (struct span){6.0 * channels, 256.0 * channels};
    case SF_FORMAT_MPEG_LAYER_III:
        return rate >= 32000   ? (struct span){32, 320}
               : rate >= 16000 ? (struct span){8, 160}
                               : (struct span){8, 64};
    case SF_FORMAT_VORBIS: /* what its qualities come to, in one or two channels */
        return (struct span){32.0 * channels, 240.0 * channels};
    }
    return (struct span){0, 0};
}

static double compression_level(int fmt, int rate, int channels, int kbps)
{
    struct span sp = kbps_span(fmt, rate, channels);
    double level;
    switch (fmt & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_OPUS:
        level = 1.0 - (kbps * 1000.0 / channels - 6000.0) / 250000.0;
        break;
    case SF_FORMAT_MPEG_LAYER_III:
        /* A quarter kb/s over, so the rounding down lands on kbps. */
        level = (sp.hi - kbps - 0.25) / (sp.hi - sp.lo);
        break;
    case SF_FORMAT_VORBIS:
        level = (sp.hi - kbps) / (sp.hi - sp.lo);
        break;
    default:
        return -1.0;
    }
    return level < 0.0 ? 0.0 : level > 1.0 ? 1.0 : level;
}

enum out_file_result out_file_check(const char *path, const struct out_file_opts *o, char *err,
                                    size_t errlen)
{
    int fmt = sf_format_for(path, o, err, errlen);
    if (!fmt)
        return OUT_FILE_FORMAT;
    struct span sp = kbps_span(fmt, o->rate, channels_for(path, o));
    if (o->kbps && sp.hi == 0) {
        snprintf(err, errlen, "'%s' is lossless: it has no bitrate to choose", path);
        return OUT_FILE_FORMAT;
    }
    if (o->kbps && (o->kbps < sp.lo || o->kbps > sp.hi)) {
        snprintf(err, errlen, "'%s' takes %g to %g kb/s in %d channel%s at %d Hz, not %d", path,
                 sp.lo, sp.hi, channels_for(path, o), channels_for(path, o) == 1 ? "" : "s",
                 o->rate, o->kbps);
        return OUT_FILE_FORMAT;
    }
    return OUT_FILE_OK;
}

/* A WAV file's sizes are 32-bit: past 4 GiB they wrap and every reader
 * takes the file for a fraction of itself. RF64 is WAV with 64-bit sizes,
 * which libsndfile, sox and ffmpeg read. It is used only when needed, so
 * every ordinary WAV stays one that any program opens. The margin leaves
 * room for the header and its tags. */
#define WAV_MAX_DATA (UINT32_MAX - (1u << 20))

static int wav_or_rf64(int fmt, int64_t frames, int channels)
{
    if ((fmt & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV)
        return fmt;
    int sub = fmt & SF_FORMAT_SUBMASK;
    int64_t bytes = sub == SF_FORMAT_PCM_16 ? 2 : sub == SF_FORMAT_PCM_24 ? 3 : 4;
    if (frames * channels * bytes <= (int64_t)WAV_MAX_DATA)
        return fmt;
    return SF_FORMAT_RF64 | sub;
}

/* x held to [-1, 1], times full, to the nearest integer, ties to even:
 * what lrint((double)x * full) gives, without a library call per sample.
 * The product is exact in double (a float times an integer below 2^24), and
 * adding then taking away 1.5 * 2^52 rounds a double below 2^51 to an
 * integer in the default rounding mode. */
static int round_scaled(float x, double full)
{
    const double magic = 6755399441055744.0;
    float c = x > 1.0f ? 1.0f : x < -1.0f ? -1.0f : x;
    return (int)(((double)c * full + magic) - magic);
}

/* One channel: the mean of left and right. The session is centred, so the
 * two are equal and the mean is each of them exactly ((x + x) * 0.5 == x
 * in floating point); a stereo cue is folded into the middle. In place. */
static void to_mono(float *buf, int n)
{
    for (int i = 0; i < n; i++)
        buf[i] = (buf[2 * i] + buf[2 * i + 1]) * 0.5f;
}

/* Integer formats get samples we round ourselves, x * full scale to the
 * nearest step, so WAV and FLAC hold the same numbers (libsndfile's own
 * conversions differ between the two). bits 0: the format takes floats. */
static sf_count_t write_block(SNDFILE *sf, const float *buf, void *pcm, int n, int channels,
                              int bits)
{
    if (bits == 16) {
        short *s = pcm;
        for (int i = 0; i < channels * n; i++)
            s[i] = (short)round_scaled(buf[i], 32767.0);
        return sf_writef_short(sf, s, n);
    }
    if (bits == 24) {
        int *s = pcm;
        for (int i = 0; i < channels * n; i++)
            s[i] = round_scaled(buf[i], 8388607.0) * 256; /* libsndfile's ints: 24 bits on top */
        return sf_writef_int(sf, s, n);
    }
    return sf_writef_float(sf, buf, n);
}

/* ---- the file, as libsndfile sees it ----
 *
 * libsndfile writes through these callbacks rather than to the descriptor
 * itself, so that every failed write is seen, with its errno: its MP3
 * encoder ignores a short write and closes a truncated file without an
 * error, and its Ogg writer reports a full disk as an "unspecified internal
 * error". */
struct sink {
    int fd;
    int err; /* errno of the first write that failed; 0 while all went well */
};

static sf_count_t sink_length(void *user)
{
    struct stat st;
    return fstat(((struct sink *)user)->fd, &st) == 0 ? st.st_size : -1;
}

static sf_count_t sink_seek(sf_count_t offset, int whence, void *user)
{
    return lseek(((struct sink *)user)->fd, offset, whence);
}

static sf_count_t sink_read(void *ptr, sf_count_t count, void *user)
{
    struct sink *k = user;
    sf_count_t done = 0;
    while (done < count) {
        ssize_t n = read(k->fd, (char *)ptr + done, (size_t)(count - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    return done;
}

static sf_count_t sink_write(const void *ptr, sf_count_t count, void *user)
{
    struct sink *k = user;
    sf_count_t done = 0;
    while (done < count) {
        ssize_t n = write(k->fd, (const char *)ptr + done, (size_t)(count - done));
        if (n < 0 && errno == EINTR)
            continue; /* a signal came: the flag is set, the write goes on */
        if (n <= 0) {
            if (!k->err)
                k->err = n < 0 ? errno : ENOSPC; /* no progress: nothing fits */
            break;
        }
        done += n;
    }
    return done;
}

static sf_count_t sink_tell(void *user)
{
    return lseek(((struct sink *)user)->fd, 0, SEEK_CUR);
}

/* Why a write or the close failed, in one plain sentence: the system's
 * reason when a write failed ("no space left on device" for a full disk,
 * whatever the format), else libsndfile's, without its trailing dots. */
static void write_error(char *err, size_t errlen, const char *path, const struct sink *k,
                        const char *sf_text)
{
    if (k->err) {
        snprintf(err, errlen, "cannot write '%s': %s", path, safefile_reason(k->err));
        return;
    }
    char why[256];
    snprintf(why, sizeof why, "%s", sf_text);
    size_t n = strlen(why);
    while (n > 0 && (why[n - 1] == '.' || why[n - 1] == ' '))
        why[--n] = '\0';
    why[0] = (char)tolower((unsigned char)why[0]);
    snprintf(err, errlen, "cannot write '%s': %s", path, why);
}

/* Asks the kernel to start writing out what has been written so far,
 * without waiting for it. Linux only; elsewhere the final sync does it all. */
static void start_writeback(int fd)
{
#ifdef SYNC_FILE_RANGE_WRITE
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
#endif
}

/* The encoder's bitrate, before the first sample: the format's own for
 * speech unless o asks for another. */
static void set_bitrate(SNDFILE *sf, int fmt, const char *path, const struct out_file_opts *o)
{
    int channels = channels_for(path, o);
    int kbps = o->kbps ? o->kbps : out_file_bitrate(path, channels);
    double level = compression_level(fmt, o->rate, channels, kbps);
    if (level < 0.0)
        return;
    if ((fmt & SF_FORMAT_SUBMASK) == SF_FORMAT_MPEG_LAYER_III) {
        int mode = SF_BITRATE_MODE_CONSTANT; /* every player seeks in it by time */
        sf_command(sf, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
    }
    sf_command(sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
}

/* The mix's last stage, as one block comes from the engine: into the
 * file's channels, times the gain, through the limiter. */
struct master {
    int channels;
    float gain;
    struct limiter *lim;
};

static void master_block(struct master *m, float *buf, int n)
{
    if (m->channels == 1)
        to_mono(buf, n);
    if (m->gain != 1.0f)
        for (int i = 0; i < m->channels * n; i++)
            buf[i] *= m->gain;
    limiter_run(m->lim, buf, n);
}

/* Lossy files are held lower, for the encoder's own overshoot. */
static float ceiling_for(const char *path, const struct out_file_opts *o)
{
    int i = format_index(path);
    if (o->ceiling_db != 0.0f || i < 0)
        return o->ceiling_db != 0.0f ? o->ceiling_db : OUT_FILE_CEILING_DB;
    return formats[i].ceiling_db;
}

int out_file_measure(struct engine *e, const char *path, const struct out_file_opts *o,
                     double *lufs, char *err, size_t errlen)
{
    const int channels = channels_for(path, o);
    ebur128_state *st = ebur128_init((unsigned)channels, (unsigned)o->rate, EBUR128_MODE_I);
    struct master m = {channels, powf(10.0f, o->gain_db / 20.0f),
                       limiter_new(o->rate, channels, ceiling_for(path, o))};
    if (!st || !m.lim) {
        snprintf(err, errlen, "out of memory to measure the loudness of '%s'", path);
        limiter_free(m.lim);
        if (st)
            ebur128_destroy(&st);
        return -1;
    }
    /* One channel is what both ears hear on a phone: counted twice. */
    if (channels == 1)
        ebur128_set_channel(st, 0, EBUR128_DUAL_MONO);
    float buf[BLOCK * 2];
    int rc = 0, n = BLOCK;
    /* The limiter's delay is left in: loudness does not mind where it starts. */
    for (int tail = limiter_delay(m.lim); n == BLOCK || tail > 0;) {
        if (o->stop && *o->stop) {
            snprintf(err, errlen, "stopped");
            rc = -1;
            break;
        }
        if (n == BLOCK) {
            if (o->music)
                music_fill(o->music, BLOCK);
            n = engine_render(e, buf, BLOCK);
        } else {
            memset(buf, 0, sizeof buf);
            tail = 0; /* one block of silence flushes the limiter */
        }
        master_block(&m, buf, BLOCK);
        if (ebur128_add_frames_float(st, buf, BLOCK) != EBUR128_SUCCESS) {
            snprintf(err, errlen, "out of memory to measure the loudness of '%s'", path);
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ebur128_loudness_global(st, lufs) != EBUR128_SUCCESS)
        *lufs = -HUGE_VAL;
    limiter_free(m.lim);
    ebur128_destroy(&st);
    return rc;
}

enum out_file_result out_file_render(struct engine *e, const char *path,
                                     const struct out_file_opts *o, char *err, size_t errlen)
{
    if (out_file_check(path, o, err, errlen) != OUT_FILE_OK)
        return OUT_FILE_FORMAT;
    int fmt = sf_format_for(path, o, err, errlen);
    const int channels = channels_for(path, o);
    struct engine_status st;
    engine_status(e, &st);
    const int64_t total = st.tl->length - st.pos;
    fmt = wav_or_rf64(fmt, total, channels);

    struct master m = {channels, powf(10.0f, o->gain_db / 20.0f),
                       limiter_new(o->rate, channels, ceiling_for(path, o))};
    if (!m.lim) {
        snprintf(err, errlen, "out of memory for '%s'", path);
        return OUT_FILE_IO;
    }
    struct safefile f;
    if (safefile_open(&f, path, err, errlen) != 0) {
        limiter_free(m.lim);
        return OUT_FILE_IO;
    }
    int fd = f.fd;

    SF_INFO info = {.samplerate = o->rate, .channels = channels, .format = fmt};
    struct sink sink = {.fd = fd};
    SF_VIRTUAL_IO io = {sink_length, sink_seek, sink_read, sink_write, sink_tell};
    SNDFILE *sf = sf_open_virtual(&io, SFM_WRITE, &info, &sink);
    if (!sf) {
        snprintf(err, errlen, "cannot write '%s': %s", path, sf_strerror(NULL));
        safefile_abort(&f);
        limiter_free(m.lim);
        return OUT_FILE_IO;
    }
    if (o->title)
        sf_set_string(sf, SF_STR_TITLE, o->title);
    sf_set_string(sf, SF_STR_SOFTWARE, "rollout");
    set_bitrate(sf, fmt, path, o);

    int sub = fmt & SF_FORMAT_SUBMASK;
    int int_bits = sub == SF_FORMAT_PCM_16 ? 16 : sub == SF_FORMAT_PCM_24 ? 24 : 0;
    float buf[BLOCK * 2];
    int pcm[BLOCK * 2]; /* room for shorts or ints */
    enum out_file_result res = OUT_FILE_OK;
    int64_t unsynced = 0; /* frames written since writeback was last started */
    /* The limiter gives out each frame `delay` frames after it took it in:
     * the first `delay` frames out are its silence, skipped, and the last
     * `delay` frames of the session come out as silence goes in after the
     * end. So frame k of the file is frame k of the session. */
    int64_t skip = limiter_delay(m.lim);
    int64_t done = 0; /* frames written */
    int ended = 0;    /* the engine has given its last frame */
    while (done < total) {
        /* Between blocks, so a stop costs at most one block's work. */
        if (o->stop && *o->stop) {
            res = OUT_FILE_STOPPED;
            break;
        }
        int n = 0;
        if (!ended) {
            if (o->music)
                music_fill(o->music, BLOCK);
            n = engine_render(e, buf, BLOCK);
            ended = n < BLOCK;
        }
        if (n < BLOCK)
            memset(buf + 2 * n, 0, (size_t)(BLOCK - n) * 2 * sizeof *buf);
        master_block(&m, buf, BLOCK);
        int from = (int)(skip < BLOCK ? skip : BLOCK);
        skip -= from;
        int64_t left = total - done;
        int out = BLOCK - from < left ? BLOCK - from : (int)left;
        if (out > 0 &&
            (write_block(sf, buf + channels * from, pcm, out, channels, int_bits) != out ||
             sink.err)) {
            write_error(err, errlen, path, &sink, sf_strerror(sf));
            res = OUT_FILE_IO;
            break;
        }
        done += out;
        if (o->progress)
            o->progress(o->user, done, total);
        unsynced += out;
        if (unsynced >= WRITEBACK_FRAMES) {
            start_writeback(fd);
            unsynced = 0;
        }
    }
    if (o->limited_db)
        *o->limited_db = limiter_reduction_db(m.lim);
    limiter_free(m.lim);
    /* Closing finishes the header (and the last compressed pages), so it can
     * fail too, on a disk that filled at the very end. */
    int closed = sf_close(sf);
    if ((closed != 0 || sink.err) && res == OUT_FILE_OK) {
        write_error(err, errlen, path, &sink, sf_error_number(closed));
        res = OUT_FILE_IO;
    }
    if (res == OUT_FILE_OK && o->finish && o->finish(o->finish_user, f.tmp, err, errlen) != 0)
        res = OUT_FILE_IO;
    /* A stop that came while the file was being finished still wins: the
     * rename has not happened, so nothing has been written yet. */
    if (res == OUT_FILE_OK && o->stop && *o->stop)
        res = OUT_FILE_STOPPED;
    /* The header, rewritten at close, is synced with the rest. */
    if (safefile_end(&f, res == OUT_FILE_OK, err, errlen) != 0 && res == OUT_FILE_OK)
        res = OUT_FILE_IO;
    return res;
}
