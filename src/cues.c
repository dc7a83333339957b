/* cues.c — the voice pack loader: one decode path (libsndfile, from a file
 * descriptor or from memory through virtual I/O) that maps any channel count
 * to stereo, cleans the samples and streams them through libsoxr into a
 * growing buffer at the output rate. Nothing here prints or exits. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* open flags, fstat */
#endif

#include "cues.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sndfile.h>
#include <soxr.h>

#define CHUNK_FRAMES 4096  /* frames read from libsndfile at a time */
#define OUT_STEP     16384 /* frames of room given to soxr at a time */
#define MEMORY_NAME  "<memory>" /* what errors call a buffer from cues_load_memory */

const char *const cues_extensions[] = {"flac", "ogg", "opus", "wav", "mp3", "aiff", "aif", NULL};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* libsndfile's reasons end with a period; ours are one sentence without. */
static void set_sf_err(char *err, size_t errlen, const char *name, const char *reason)
{
    size_t n = strlen(reason);
    while (n > 0 && (reason[n - 1] == '.' || reason[n - 1] == ' '))
        n--;
    set_err(err, errlen, "cannot decode '%s': %.*s", name, (int)n, reason);
}

/* ---- memory as a libsndfile virtual file ---- */

struct mem_file {
    const unsigned char *p;
    sf_count_t len, pos; /* 0 <= pos; pos may pass len, as with lseek */
};

static sf_count_t mem_get_filelen(void *user)
{
    return ((struct mem_file *)user)->len;
}

static sf_count_t mem_seek(sf_count_t offset, int whence, void *user)
{
    struct mem_file *m = user;
    sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->len;
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
        return -1;
    /* As lseek: a position past the end is allowed (reads there give
     * nothing), so a damaged file decodes from memory as it does from disk. */
    if (offset < -base || offset > INT64_MAX - base)
        return -1;
    m->pos = base + offset;
    return m->pos;
}

static sf_count_t mem_read(void *ptr, sf_count_t count, void *user)
{
    struct mem_file *m = user;
    if (count > m->len - m->pos)
        count = m->len - m->pos;
    if (count <= 0)
        return 0;
    memcpy(ptr, m->p + m->pos, (size_t)count);
    m->pos += count;
    return count;
}

static sf_count_t mem_write(const void *ptr, sf_count_t count, void *user)
{
    (void)ptr, (void)count, (void)user;
    return 0; /* read only */
}

static sf_count_t mem_tell(void *user)
{
    return ((struct mem_file *)user)->pos;
}

/* ---- samples ---- */

/* Non-finite samples (a damaged float file) become silence, and nothing
 * leaves the loader louder than full scale. */
static float clean(float x)
{
    if (!isfinite(x))
        return 0.0f;
    return x > 1.0f ? 1.0f : x < -1.0f ? -1.0f : x;
}

/* Maps n frames of `channels` interleaved samples to stereo, cleaning each
 * input sample first so one bad channel cannot poison a mix.
 * Mono goes to both sides; stereo is copied. More than two channels are
 * averaged into both sides: libsndfile reports a channel layout for few
 * formats and the orders differ (WAV puts centre third, Vorbis and Opus
 * second), so any guess could drop the centre channel, which is where a
 * voice lives. The average keeps every channel and cannot clip. */
static void to_stereo(const float *in, int channels, sf_count_t n, float *out)
{
    for (sf_count_t i = 0; i < n; i++) {
        const float *f = in + i * channels;
        if (channels == 1) {
            out[2 * i] = out[2 * i + 1] = clean(f[0]);
        } else if (channels == 2) {
            out[2 * i] = clean(f[0]);
            out[2 * i + 1] = clean(f[1]);
        } else {
            double sum = 0.0;
            for (int c = 0; c < channels; c++)
                sum += (double)clean(f[c]);
            out[2 * i] = out[2 * i + 1] = (float)(sum / channels);
        }
    }
}

/* round(frames * out_rate / in_rate), half up, exactly: split off whole
 * seconds of input so that the remainder product fits in 64 bits. */
static int64_t out_frames(int64_t frames, int in_rate, int out_rate)
{
    int64_t q = frames / in_rate;
    uint64_t r = (uint64_t)(frames % in_rate);
    return q * out_rate + (int64_t)((2 * r * (uint64_t)out_rate + (uint64_t)in_rate) /
                                    (2 * (uint64_t)in_rate));
}

/* The output: stereo frames, grown by doubling. */
struct grow {
    float *data;
    int64_t frames, cap;
};

/* Makes room for `more` frames past the end. Returns 0 when out of memory. */
static int grow_reserve(struct grow *g, int64_t more)
{
    if (g->cap - g->frames >= more)
        return 1;
    int64_t cap = g->cap ? g->cap : 65536;
    while (cap - g->frames < more)
        cap *= 2;
    if ((uint64_t)cap > SIZE_MAX / (2 * sizeof(float)))
        return 0;
    float *p = realloc(g->data, (size_t)cap * 2 * sizeof(float));
    if (!p)
        return 0;
    g->data = p;
    g->cap = cap;
    return 1;
}

/* Feeds n stereo frames to the resampler (in NULL flushes) and appends what
 * it gives, in steps of at most OUT_STEP frames, so that a very low input
 * rate cannot ask for a huge block at once. Returns 0, or -1 when out of
 * memory with *e NULL, or -1 with soxr's error in *e. */
static int resample(soxr_t rs, const float *in, size_t n, struct grow *g, soxr_error_t *e)
{
    size_t done = 0, idone, odone;
    *e = NULL;
    do {
        if (!grow_reserve(g, OUT_STEP))
            return -1;
        idone = 0;
        *e = soxr_process(rs, in ? in + 2 * done : NULL, n - done, &idone,
                          g->data + 2 * g->frames, OUT_STEP, &odone);
        if (!*e && in && idone == 0 && odone == 0)
            *e = "it made no progress"; /* never spin */
        if (*e)
            return -1;
        done += idone;
        g->frames += (int64_t)odone;
        /* Input: until soxr has taken it all. Flush: until it gives nothing. */
    } while (in ? done < n : odone > 0);
    return 0;
}

/* The one decode path. Reads in chunks rather than trusting sf_info.frames,
 * which damaged files report as anything up to SF_COUNT_MAX. */
static enum cues_result decode(SNDFILE *sf, const SF_INFO *info, const char *name, int rate,
                               struct cue_audio *out, char *err, size_t errlen)
{
    const int ch = info->channels, in_rate = info->samplerate;
    if (ch < 1 || in_rate < 1) {
        set_err(err, errlen, "cannot decode '%s': it has %d channels at %d Hz", name, ch,
                in_rate);
        return CUES_FORMAT;
    }
    const int64_t max_frames = (int64_t)CUES_MAX_SECONDS * in_rate;

    enum cues_result res = CUES_OK;
    struct grow g = {0};
    int64_t in_total = 0;
    soxr_t rs = NULL;
    soxr_error_t e = NULL;
    float *raw = malloc((size_t)CHUNK_FRAMES * (size_t)ch * sizeof(float));
    float *st = malloc((size_t)CHUNK_FRAMES * 2 * sizeof(float));
    if (!raw || !st)
        goto nomem;
    if (in_rate != rate) {
        soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
        rs = soxr_create(in_rate, rate, 2, &e, &io, &q, NULL);
        if (!rs || e)
            goto resample_failed;
    }

    for (;;) {
        sf_count_t n = sf_readf_float(sf, raw, CHUNK_FRAMES);
        if (n <= 0)
            break;
        in_total += n;
        if (in_total > max_frames) {
            res = CUES_TOO_LONG;
            set_err(err, errlen, "'%s' is longer than %d seconds", name, CUES_MAX_SECONDS);
            goto done;
        }
        to_stereo(raw, ch, n, st);
        if (rs) {
            if (resample(rs, st, (size_t)n, &g, &e))
                goto resample_failed;
        } else {
            if (!grow_reserve(&g, n))
                goto nomem;
            memcpy(g.data + 2 * g.frames, st, (size_t)n * 2 * sizeof(float));
            g.frames += n;
        }
    }
    /* A file cut short ends the cue at the cut: a truncated WAV just ends,
     * a truncated FLAC reads up to the cut and then reports lost sync. Only
     * an error before any audio makes the file undecodable. */
    if (in_total == 0 && sf_error(sf) != SF_ERR_NO_ERROR) {
        res = CUES_FORMAT;
        set_sf_err(err, errlen, name, sf_strerror(sf));
        goto done;
    }
    if (in_total == 0) {
        res = CUES_EMPTY;
        set_err(err, errlen, "'%s' holds no audio", name);
        goto done;
    }
    if (rs) {
        if (resample(rs, NULL, 0, &g, &e))
            goto resample_failed;
        /* soxr's flushed output is already this long; hold it to the exact
         * count anyway, padding with silence if it ever came up short. */
        int64_t want = out_frames(in_total, in_rate, rate);
        if (!grow_reserve(&g, want - g.frames))
            goto nomem;
        if (g.frames < want)
            memset(g.data + 2 * g.frames, 0, (size_t)(want - g.frames) * 2 * sizeof(float));
        g.frames = want;
        /* The filter rings past full scale on loud input: clean again. */
        for (int64_t i = 0; i < 2 * g.frames; i++)
            g.data[i] = clean(g.data[i]);
    }
    if (g.frames == 0) { /* a frame or two, taken down to a much lower rate */
        res = CUES_EMPTY;
        set_err(err, errlen, "'%s' holds no audio at %d Hz", name, rate);
        goto done;
    }
    float *fit = realloc(g.data, (size_t)g.frames * 2 * sizeof(float));
    out->data = fit ? fit : g.data;
    out->frames = g.frames;
    g.data = NULL;
    goto done;

nomem:
    res = CUES_NOMEM;
    set_err(err, errlen, "out of memory loading '%s'", name);
    goto done;
resample_failed:
    if (!e)
        goto nomem;
    res = CUES_FORMAT;
    set_err(err, errlen, "cannot resample '%s' from %d Hz to %d Hz: %s", name, in_rate, rate, e);
done:
    soxr_delete(rs);
    free(g.data);
    free(st);
    free(raw);
    return res;
}

static enum cues_result check_rate(int rate, const char *name, char *err, size_t errlen)
{
    if (rate > 0)
        return CUES_OK;
    set_err(err, errlen, "cannot load '%s' at an output rate of %d Hz", name, rate);
    return CUES_FORMAT;
}

enum cues_result cues_find(const char *const *dirs, int ndirs, const char *id, char *out,
                           size_t outlen)
{
    /* stat follows links, so a link to a recording counts; a directory, FIFO
     * or device named like a cue does not. */
    for (int d = 0; d < ndirs; d++) {
        for (const char *const *ext = cues_extensions; *ext; ext++) {
            int n = snprintf(out, outlen, "%s/%s.%s", dirs[d], id, *ext);
            struct stat st;
            if (n < 0 || (size_t)n >= outlen)
                continue; /* a path that does not fit cannot be handed back */
            if (stat(out, &st) == 0 && S_ISREG(st.st_mode))
                return CUES_OK;
        }
    }
    if (outlen > 0)
        out[0] = '\0';
    return CUES_NOT_FOUND;
}

enum cues_result cues_load_file(const char *path, int rate, struct cue_audio *out, char *err,
                                size_t errlen)
{
    enum cues_result res = check_rate(rate, path, err, errlen);
    if (res != CUES_OK)
        return res;
    /* O_NONBLOCK so that opening a FIFO returns at once instead of waiting
     * for a writer; fstat then turns away anything that is not a regular
     * file before a read could block. It changes nothing for regular files. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        set_err(err, errlen, "cannot open '%s': %s", path, strerror(e));
        return e == ENOENT || e == ENOTDIR ? CUES_NOT_FOUND : CUES_IO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        set_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
        close(fd);
        return CUES_IO;
    }
    if (!S_ISREG(st.st_mode)) {
        set_err(err, errlen, "cannot load '%s': it is %s", path,
                S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
        close(fd);
        return CUES_IO;
    }
    if (st.st_size > CUES_MAX_BYTES) {
        set_err(err, errlen, "'%s' is larger than %d MiB", path, CUES_MAX_BYTES >> 20);
        close(fd);
        return CUES_TOO_LONG;
    }
    SF_INFO info = {0};
    /* close_desc false: we close fd ourselves, whether or not this succeeds. */
    SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, SF_FALSE);
    if (!sf) {
        set_sf_err(err, errlen, path, sf_strerror(NULL));
        close(fd);
        return CUES_FORMAT;
    }
    res = decode(sf, &info, path, rate, out, err, errlen);
    sf_close(sf);
    close(fd);
    return res;
}

enum cues_result cues_load_memory(const void *buf, size_t len, int rate, struct cue_audio *out,
                                  char *err, size_t errlen)
{
    enum cues_result res = check_rate(rate, MEMORY_NAME, err, errlen);
    if (res != CUES_OK)
        return res;
    if (len > CUES_MAX_BYTES) {
        set_err(err, errlen, "'%s' is larger than %d MiB", MEMORY_NAME, CUES_MAX_BYTES >> 20);
        return CUES_TOO_LONG;
    }
    struct mem_file m = {buf, (sf_count_t)len, 0};
    SF_VIRTUAL_IO vio = {mem_get_filelen, mem_seek, mem_read, mem_write, mem_tell};
    SF_INFO info = {0};
    SNDFILE *sf = sf_open_virtual(&vio, SFM_READ, &info, &m);
    if (!sf) {
        set_sf_err(err, errlen, MEMORY_NAME, sf_strerror(NULL));
        return CUES_FORMAT;
    }
    res = decode(sf, &info, MEMORY_NAME, rate, out, err, errlen);
    sf_close(sf);
    return res;
}

void cues_free(struct cue_audio *a)
{
    if (!a)
        return;
    free(a->data);
    a->data = NULL;
    a->frames = 0;
}

enum cues_source cues_file_source(const char *path)
{
    /* As cues_load_file: nothing that is not a regular file is read. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return CUES_SOURCE_UNKNOWN;
    SF_INFO info = {0};
    SNDFILE *sf = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
                      ? sf_open_fd(fd, SFM_READ, &info, SF_FALSE)
                      : NULL;
    if (!sf) {
        close(fd);
        return CUES_SOURCE_UNKNOWN;
    }
    enum cues_source src = (info.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_FLAC
                               ? CUES_SOURCE_SYNTHETIC
                               : CUES_SOURCE_UNKNOWN;
    const char *sw = sf_get_string(sf, SF_STR_SOFTWARE);
    if (sw && strncmp(sw, CUES_RECORD_SOFTWARE, strlen(CUES_RECORD_SOFTWARE)) == 0) {
        src = CUES_SOURCE_RECORDED;
    } else {
        for (int t = SF_STR_FIRST; t <= SF_STR_LAST; t++)
            if (sf_get_string(sf, t))
                src = CUES_SOURCE_UNKNOWN; /* some other program's file */
    }
    sf_close(sf);
    close(fd);
    return src;
}

static mode_t file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

enum cues_result cues_write_file(const char *path, const float *x, int64_t frames, int rate,
                                 const char *title, const char *software, char *err, size_t errlen)
{
    size_t tmplen = strlen(path) + sizeof ".tmp-XXXXXX";
    char *tmp = malloc(tmplen);
    if (!tmp) {
        set_err(err, errlen, "out of memory writing '%s'", path);
        return CUES_NOMEM;
    }
    snprintf(tmp, tmplen, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        set_err(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        free(tmp);
        return CUES_IO;
    }
    fchmod(fd, file_mode()); /* mkstemp makes it private; a cue is not */
    SF_INFO info = {.samplerate = rate, .channels = 1, .format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16};
    SNDFILE *sf = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
    if (!sf) {
        set_err(err, errlen, "cannot write '%s': %s", path, sf_strerror(NULL));
        close(fd);
        unlink(tmp);
        free(tmp);
        return CUES_IO;
    }
    /* Tags go in before the first sample: FLAC writes them in its header. */
    if (title)
        sf_set_string(sf, SF_STR_TITLE, title);
    if (software)
        sf_set_string(sf, SF_STR_SOFTWARE, software);
    enum cues_result res = CUES_OK;
    short pcm[CHUNK_FRAMES];
    for (int64_t done = 0; done < frames && res == CUES_OK;) {
        int n = frames - done < CHUNK_FRAMES ? (int)(frames - done) : CHUNK_FRAMES;
        /* Rounded to the nearest step ourselves, as the file writer does. */
        for (int i = 0; i < n; i++)
            pcm[i] = (short)lrint((double)clean(x[done + i]) * 32767.0);
        if (sf_writef_short(sf, pcm, n) != n) {
            set_err(err, errlen, "cannot write '%s': %s", path, sf_strerror(sf));
            res = CUES_IO;
        }
        done += n;
    }
    if (sf_close(sf) != 0 && res == CUES_OK) {
        set_err(err, errlen, "cannot finish '%s': the disk may be full", path);
        res = CUES_IO;
    }
    if (res == CUES_OK && rename(tmp, path) != 0) {
        set_err(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        res = CUES_IO;
    }
    if (res != CUES_OK)
        unlink(tmp);
    free(tmp);
    return res;
}

const char *cues_result_text(enum cues_result r)
{
    switch (r) {
    case CUES_OK:
        return "ok";
    case CUES_NOT_FOUND:
        return "no recording found";
    case CUES_IO:
        return "cannot read the file";
    case CUES_FORMAT:
        return "not audio that can be decoded";
    case CUES_EMPTY:
        return "no audio in the file";
    case CUES_TOO_LONG:
        return "too long";
    case CUES_NOMEM:
        return "out of memory";
    }
    return "unknown error";
}
