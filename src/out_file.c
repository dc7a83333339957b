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
#include "safefile.h"

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

#define BLOCK 4096
#define WRITEBACK_FRAMES (1 << 21) /* 44 s at 48 kHz: 8 MiB of 16-bit WAV */

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* The libsndfile format for path and options, or 0. */
static int sf_format_for(const char *path, const struct out_file_opts *o, char *err, size_t errlen)
{
    const char *ext = extension(path);
    int pcm = o->bits == 24 ? SF_FORMAT_PCM_24 : SF_FORMAT_PCM_16;
    int fmt = 0;
    if (strcasecmp(ext, "wav") == 0)
        fmt = SF_FORMAT_WAV | (o->bits == 32 ? SF_FORMAT_FLOAT : pcm);
    else if (strcasecmp(ext, "flac") == 0)
        fmt = SF_FORMAT_FLAC | pcm;
    else if (strcasecmp(ext, "ogg") == 0 || strcasecmp(ext, "oga") == 0)
        fmt = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    else if (strcasecmp(ext, "opus") == 0)
        fmt = SF_FORMAT_OGG | SF_FORMAT_OPUS;
    else {
        snprintf(err, errlen,
                 "cannot tell the format of '%s': name it .wav, .flac, .ogg or .opus", path);
        return 0;
    }
    if (o->bits == 32 && (fmt & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV) {
        snprintf(err, errlen, "32-bit float samples can only be written to .wav, not '%s'",
                 path);
        return 0;
    }
    SF_INFO info = {.samplerate = o->rate, .channels = 2, .format = fmt};
    if (!sf_format_check(&info)) {
        snprintf(err, errlen, "libsndfile cannot write %d Hz audio to '%s'", o->rate, path);
        return 0;
    }
    return fmt;
}

enum out_file_result out_file_check(const char *path, const struct out_file_opts *o, char *err,
                                    size_t errlen)
{
    return sf_format_for(path, o, err, errlen) ? OUT_FILE_OK : OUT_FILE_FORMAT;
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

/* Integer formats get samples we round ourselves, x * full scale to the
 * nearest step, so WAV and FLAC hold the same numbers (libsndfile's own
 * conversions differ between the two). bits 0: the format takes floats. */
static sf_count_t write_block(SNDFILE *sf, const float *buf, void *pcm, int n, int bits)
{
    if (bits == 16) {
        short *s = pcm;
        for (int i = 0; i < 2 * n; i++)
            s[i] = (short)round_scaled(buf[i], 32767.0);
        return sf_writef_short(sf, s, n);
    }
    if (bits == 24) {
        int *s = pcm;
        for (int i = 0; i < 2 * n; i++)
            s[i] = round_scaled(buf[i], 8388607.0) * 256; /* libsndfile's ints: 24 bits on top */
        return sf_writef_int(sf, s, n);
    }
    return sf_writef_float(sf, buf, n);
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

enum out_file_result out_file_render(struct engine *e, const char *path,
                                     const struct out_file_opts *o, char *err, size_t errlen)
{
    int fmt = sf_format_for(path, o, err, errlen);
    if (!fmt)
        return OUT_FILE_FORMAT;

    struct safefile f;
    if (safefile_open(&f, path, err, errlen) != 0)
        return OUT_FILE_IO;
    int fd = f.fd;

    SF_INFO info = {.samplerate = o->rate, .channels = 2, .format = fmt};
    /* close_desc false: fd stays open after sf_close, for the sync. */
    SNDFILE *sf = sf_open_fd(fd, SFM_WRITE, &info, SF_FALSE);
    if (!sf) {
        snprintf(err, errlen, "cannot write '%s': %s", path, sf_strerror(NULL));
        safefile_abort(&f);
        return OUT_FILE_IO;
    }
    if (o->title)
        sf_set_string(sf, SF_STR_TITLE, o->title);
    sf_set_string(sf, SF_STR_SOFTWARE, "rollout");

    int sub = fmt & SF_FORMAT_SUBMASK;
    int int_bits = sub == SF_FORMAT_PCM_16 ? 16 : sub == SF_FORMAT_PCM_24 ? 24 : 0;
    float buf[BLOCK * 2];
    int pcm[BLOCK * 2]; /* room for shorts or ints */
    enum out_file_result res = OUT_FILE_OK;
    int64_t unsynced = 0; /* frames written since writeback was last started */
    for (;;) {
        int n = engine_render(e, buf, BLOCK);
        if (n > 0 && write_block(sf, buf, pcm, n, int_bits) != n) {
            /* libsndfile reports the system's reason, e.g. a full disk. */
            snprintf(err, errlen, "cannot write '%s': %s", path, sf_strerror(sf));
            res = OUT_FILE_IO;
            break;
        }
        unsynced += n;
        if (unsynced >= WRITEBACK_FRAMES) {
            start_writeback(fd);
            unsynced = 0;
        }
        if (n < BLOCK)
            break;
    }
    /* Closing finishes the header (and the last compressed pages), so it can
     * fail too, on a disk that filled at the very end. */
    if (sf_close(sf) != 0 && res == OUT_FILE_OK) {
        snprintf(err, errlen, "cannot finish '%s': the disk may be full", path);
        res = OUT_FILE_IO;
    }
    /* The header, rewritten at close, is synced with the rest. */
    if (res != OUT_FILE_OK)
        safefile_abort(&f);
    else if (safefile_commit(&f, err, errlen) != 0)
        res = OUT_FILE_IO;
    return res;
}
