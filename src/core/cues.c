/* SPDX-License-Identifier: MIT */
/* cues.c — the voice pack loader: one decode path (libsndfile, from a file
 * descriptor or from memory through virtual I/O) that keeps mono and stereo
 * (and averages more channels to mono), cleans the samples, streams them
 * through libsoxr when the rates differ, and rounds them to 16 bits into a
 * growing buffer at the output rate. Nothing here prints or exits. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* open flags, fstat */
#endif

#include "cues.h"
#include "path.h"
#include "pcm.h"
#include "safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sndfile.h>
#include <soxr.h>

#define CHUNK_FRAMES 4096       /* frames read from libsndfile at a time */
#define OUT_STEP     16384      /* frames of room given to soxr at a time */
#define MEMORY_NAME  "<memory>" /* what errors call a buffer from cues_load_memory */

/* libsndfile keeps the reason an open failed in one global, so an open and
 * the reading of that reason happen under this lock; everything after the
 * open works on its own handle, and cues load on several threads at once. */
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

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

/* ---- samples (pcm.h: cleaning, and rounding to 16 bits) ---- */

/* Maps n frames of `channels` interleaved samples to the channels a cue
 * keeps (cues.h): mono and stereo as they are, more averaged into one.
 * Each input sample is cleaned first, so one bad channel cannot poison the
 * others. */
static void to_channels(const float *in, int channels, sf_count_t n, float *out)
{
    if (channels <= 2) {
        for (sf_count_t i = 0; i < n * channels; i++)
            out[i] = pcm_clean(in[i]);
        return;
    }
    for (sf_count_t i = 0; i < n; i++) {
        const float *f = in + i * channels;
        double sum = 0.0;
        for (int c = 0; c < channels; c++)
            sum += (double)pcm_clean(f[c]);
        out[i] = (float)(sum / channels);
    }
}

/* round(frames * out_rate / in_rate), half up, exactly: split off whole
 * seconds of input so that the remainder product fits in 64 bits. */
static int64_t out_frames(int64_t frames, int in_rate, int out_rate)
{
    int64_t q = frames / in_rate;
    uint64_t r = (uint64_t)(frames % in_rate);
    return q * out_rate +
           (int64_t)((2 * r * (uint64_t)out_rate + (uint64_t)in_rate) / (2 * (uint64_t)in_rate));
}

/* The output: 16-bit frames of ch samples, grown by doubling. */
struct grow {
    int16_t *data;
    int64_t frames, cap;
    int ch;
};

/* Makes room for `more` frames past the end. Returns 0 when out of memory. */
static int grow_reserve(struct grow *g, int64_t more)
{
    if (g->cap - g->frames >= more)
        return 1;
    int64_t cap = g->cap ? g->cap : 65536;
    while (cap - g->frames < more)
        cap *= 2;
    if ((uint64_t)cap > SIZE_MAX / ((size_t)g->ch * sizeof(int16_t)))
        return 0;
    int16_t *p = realloc(g->data, (size_t)cap * (size_t)g->ch * sizeof(int16_t));
    if (!p)
        return 0;
    g->data = p;
    g->cap = cap;
    return 1;
}

/* Appends n frames of float samples, rounded to 16 bits. Nothing to append
 * returns before any pointer arithmetic: the buffer may still be NULL (soxr
 * gives nothing yet for a rate far above the output's), and NULL + 0 is
 * undefined in C. */
static int grow_append(struct grow *g, const float *x, int64_t n)
{
    if (n <= 0)
        return 1;
    if (!grow_reserve(g, n))
        return 0;
    int16_t *d = g->data + g->frames * g->ch;
    for (int64_t i = 0; i < n * g->ch; i++)
        d[i] = pcm_s16(x[i]);
    g->frames += n;
    return 1;
}

/* Feeds n frames to the resampler (in NULL flushes) and appends what it
 * gives, through `ob` (room for OUT_STEP frames), so that a very low input
 * rate cannot ask for a huge block at once. Returns 0, or -1 when out of
 * memory with *e NULL, or -1 with soxr's error in *e. */
static int resample(soxr_t rs, const float *in, size_t n, float *ob, struct grow *g,
                    soxr_error_t *e)
{
    size_t done = 0, idone, odone;
    *e = NULL;
    do {
        idone = 0;
        *e = soxr_process(rs, in ? in + (size_t)g->ch * done : NULL, n - done, &idone, ob, OUT_STEP,
                          &odone);
        if (!*e && in && idone == 0 && odone == 0)
            *e = "it made no progress"; /* never spin */
        if (*e)
            return -1;
        done += idone;
        if (!grow_append(g, ob, (int64_t)odone))
            return -1;
        /* Input: until soxr has taken it all. Flush: until it gives nothing. */
    } while (in ? done < n : odone > 0);
    return 0;
}

/* The one decode path. Reads in chunks rather than trusting sf_info.frames,
 * which damaged files report as anything up to SF_COUNT_MAX: it is only a
 * hint for how much room to make at first. */
static enum cues_result decode(SNDFILE *sf, const SF_INFO *info, const char *name, int rate,
                               struct cue_audio *out, char *err, size_t errlen)
{
    const int ch = info->channels, in_rate = info->samplerate;
    if (ch < 1 || in_rate < 1) {
        set_err(err, errlen, "cannot decode '%s': it has %d channels at %d Hz", name, ch, in_rate);
        return CUES_FORMAT;
    }
    const int oc = ch == 2 ? 2 : 1;
    const int64_t max_frames = (int64_t)CUES_MAX_SECONDS * in_rate;

    enum cues_result res = CUES_OK;
    struct grow g = {.ch = oc};
    int64_t in_total = 0;
    soxr_t rs = NULL;
    soxr_error_t e = NULL;
    float *raw = malloc((size_t)CHUNK_FRAMES * (size_t)ch * sizeof(float));
    float *mapped = malloc((size_t)CHUNK_FRAMES * (size_t)oc * sizeof(float));
    float *ob = NULL;
    if (!raw || !mapped)
        goto nomem;
    if (info->frames > 0 && info->frames <= max_frames &&
        !grow_reserve(&g, out_frames(info->frames, in_rate, rate)))
        goto nomem;
    if (in_rate != rate) {
        ob = malloc((size_t)OUT_STEP * (size_t)oc * sizeof(float));
        if (!ob)
            goto nomem;
        soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
        /* One thread: cues are loaded several at a time already. */
        soxr_runtime_spec_t rt = soxr_runtime_spec(1);
        rs = soxr_create(in_rate, rate, (unsigned)oc, &e, &io, &q, &rt);
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
        to_channels(raw, ch, n, mapped);
        if (rs) {
            if (resample(rs, mapped, (size_t)n, ob, &g, &e))
                goto resample_failed;
        } else if (!grow_append(&g, mapped, n)) {
            goto nomem;
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
        if (resample(rs, NULL, 0, ob, &g, &e))
            goto resample_failed;
        /* soxr's flushed output is already this long; hold it to the exact
         * count anyway, padding with silence if it ever came up short. The
         * filter rings past full scale on loud input: rounding to 16 bits
         * held every sample to full scale. */
        int64_t want = out_frames(in_total, in_rate, rate);
        if (!grow_reserve(&g, want - g.frames))
            goto nomem;
        if (g.frames < want)
            memset(g.data + g.frames * oc, 0, (size_t)(want - g.frames) * (size_t)oc * 2);
        g.frames = want;
    }
    if (g.frames == 0) { /* a frame or two, taken down to a much lower rate */
        res = CUES_EMPTY;
        set_err(err, errlen, "'%s' holds no audio at %d Hz", name, rate);
        goto done;
    }
    int16_t *fit = g.frames < g.cap ? realloc(g.data, (size_t)g.frames * (size_t)oc * 2) : NULL;
    out->data = fit ? fit : g.data;
    out->frames = g.frames;
    out->channels = oc;
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
    free(ob);
    free(mapped);
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
     * or device named like a cue does not, but is remembered: with no
     * recording anywhere, it is what the author meant, and saying "no
     * recording" would send them looking for the wrong problem. */
    char odd[4096] = "";
    for (int d = 0; d < ndirs; d++) {
        for (const char *const *ext = cues_extensions; *ext; ext++) {
            int n = snprintf(out, outlen, "%s/%s.%s", dirs[d], id, *ext);
            struct stat st;
            if (n < 0 || (size_t)n >= outlen)
                continue; /* a path that does not fit cannot be handed back */
            if (stat(out, &st) != 0)
                continue;
            if (S_ISREG(st.st_mode))
                return CUES_OK;
            if (!odd[0])
                snprintf(odd, sizeof odd, "%s", out);
        }
    }
    if (odd[0] && strlen(odd) < outlen) {
        memcpy(out, odd, strlen(odd) + 1);
        return CUES_IO;
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
    /* Opened as every file rollout reads is (path.h): a FIFO or a device
     * is turned away before a read could block. */
    struct stat st;
    enum path_read why;
    int e;
    int fd = path_open(path, &st, &why, &e);
    if (fd < 0 && why == PATH_READ_OPEN) {
        set_err(err, errlen, "cannot open '%s': %s", path, strerror(e));
        return e == ENOENT || e == ENOTDIR ? CUES_NOT_FOUND : CUES_IO;
    }
    if (fd < 0) {
        set_err(err, errlen, "cannot load '%s': %s", path, path_read_reason(why, e));
        return CUES_IO;
    }
    if (st.st_size > CUES_MAX_BYTES) {
        set_err(err, errlen, "'%s' is larger than %d MiB", path, CUES_MAX_BYTES >> 20);
        close(fd);
        return CUES_TOO_LONG;
    }
    SF_INFO info = {0};
    /* close_desc false: we close fd ourselves, whether or not this succeeds. */
    pthread_mutex_lock(&open_lock);
    SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, SF_FALSE);
    if (!sf)
        set_sf_err(err, errlen, path, sf_strerror(NULL));
    pthread_mutex_unlock(&open_lock);
    if (!sf) {
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
    pthread_mutex_lock(&open_lock);
    SNDFILE *sf = sf_open_virtual(&vio, SFM_READ, &info, &m);
    if (!sf)
        set_sf_err(err, errlen, MEMORY_NAME, sf_strerror(NULL));
    pthread_mutex_unlock(&open_lock);
    if (!sf)
        return CUES_FORMAT;
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
    a->channels = 0;
}

enum cues_source cues_file_source(const char *path)
{
    /* As cues_load_file: nothing that is not a regular file is read. */
    struct stat st;
    enum path_read why;
    int e;
    int fd = path_open(path, &st, &why, &e);
    if (fd < 0)
        return CUES_SOURCE_UNKNOWN;
    SF_INFO info = {0};
    pthread_mutex_lock(&open_lock);
    SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, SF_FALSE);
    pthread_mutex_unlock(&open_lock);
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
    } else if (sw && strncmp(sw, CUES_VOICE_SOFTWARE, strlen(CUES_VOICE_SOFTWARE)) == 0) {
        src = CUES_SOURCE_SYNTHETIC;
    } else {
        for (int t = SF_STR_FIRST; t <= SF_STR_LAST; t++)
            if (sf_get_string(sf, t))
                src = CUES_SOURCE_UNKNOWN; /* some other program's file */
    }
    sf_close(sf);
    close(fd);
    return src;
}

enum cues_result cues_write_file(const char *path, const float *x, int64_t frames, int rate,
                                 const char *title, const char *software, char *err, size_t errlen)
{
    struct safefile f;
    if (safefile_open(&f, path, err, errlen) != 0)
        return CUES_IO;
    SF_INFO info = {.samplerate = rate, .channels = 1, .format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16};
    pthread_mutex_lock(&open_lock);
    /* close_desc false: the file stays open after sf_close, for the sync. */
    SNDFILE *sf = sf_open_fd(f.fd, SFM_WRITE, &info, SF_FALSE);
    if (!sf)
        set_err(err, errlen, "cannot write '%s': %s", path, sf_strerror(NULL));
    pthread_mutex_unlock(&open_lock);
    if (!sf) {
        safefile_abort(&f);
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
            pcm[i] = (short)lrint((double)pcm_clean(x[done + i]) * 32767.0);
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
    if (safefile_end(&f, res == CUES_OK, err, errlen) != 0)
        res = CUES_IO;
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
