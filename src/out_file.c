/* out_file.c — the file writer: engine_render → sf_writef_float. */
#include "out_file.h"

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

/* Integer formats get samples we round ourselves, x * full scale to the
 * nearest step, so WAV and FLAC hold the same numbers (libsndfile's own
 * conversions differ between the two). bits 0: the format takes floats. */
static sf_count_t write_block(SNDFILE *sf, const float *buf, int *pcm, int n, int bits)
{
    if (bits == 0)
        return sf_writef_float(sf, buf, n);
    double full = bits == 16 ? 32767.0 : 8388607.0;
    int shift = 32 - bits;
    for (int i = 0; i < 2 * n; i++) {
        double x = buf[i] > 1.0f ? 1.0 : buf[i] < -1.0f ? -1.0 : buf[i];
        pcm[i] = (int)lrint(x * full) * (1 << shift);
    }
    return sf_writef_int(sf, pcm, n);
}

static mode_t file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

enum out_file_result out_file_render(struct engine *e, const char *path,
                                     const struct out_file_opts *o, char *err, size_t errlen)
{
    int fmt = sf_format_for(path, o, err, errlen);
    if (!fmt)
        return OUT_FILE_FORMAT;

    size_t tmplen = strlen(path) + sizeof ".tmp-XXXXXX";
    char *tmp = malloc(tmplen);
    if (!tmp) {
        snprintf(err, errlen, "out of memory writing '%s'", path);
        return OUT_FILE_IO;
    }
    snprintf(tmp, tmplen, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        free(tmp);
        return OUT_FILE_IO;
    }
    fchmod(fd, file_mode());

    SF_INFO info = {.samplerate = o->rate, .channels = 2, .format = fmt};
    SNDFILE *sf = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
    if (!sf) {
        snprintf(err, errlen, "cannot write '%s': %s", path, sf_strerror(NULL));
        close(fd);
        unlink(tmp);
        free(tmp);
        return OUT_FILE_IO;
    }
    if (o->title)
        sf_set_string(sf, SF_STR_TITLE, o->title);
    sf_set_string(sf, SF_STR_SOFTWARE, "rollout");

    int sub = fmt & SF_FORMAT_SUBMASK;
    int int_bits = sub == SF_FORMAT_PCM_16 ? 16 : sub == SF_FORMAT_PCM_24 ? 24 : 0;
    float buf[BLOCK * 2];
    int pcm[BLOCK * 2];
    enum out_file_result res = OUT_FILE_OK;
    for (;;) {
        int n = engine_render(e, buf, BLOCK);
        if (n > 0 && write_block(sf, buf, pcm, n, int_bits) != n) {
            /* libsndfile reports the system's reason, e.g. a full disk. */
            snprintf(err, errlen, "cannot write '%s': %s", path, sf_strerror(sf));
            res = OUT_FILE_IO;
            break;
        }
        if (n < BLOCK)
            break;
    }
    if (res == OUT_FILE_OK) {
        sf_write_sync(sf);
        if (sf_error(sf) != SF_ERR_NO_ERROR) {
            snprintf(err, errlen, "cannot write '%s': %s", path, sf_strerror(sf));
            res = OUT_FILE_IO;
        }
    }
    /* Closing finishes the header (and the last compressed pages), so it can
     * fail too, on a disk that filled at the very end. */
    if (sf_close(sf) != 0 && res == OUT_FILE_OK) {
        snprintf(err, errlen, "cannot finish '%s': the disk may be full", path);
        res = OUT_FILE_IO;
    }
    if (res == OUT_FILE_OK && rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        res = OUT_FILE_IO;
    }
    if (res != OUT_FILE_OK)
        unlink(tmp);
    free(tmp);
    return res;
}
