/* SPDX-License-Identifier: MIT */
/* music.c — the music bed's playlist and decoder, and the ring it fills.
 *
 *   files ─ libsndfile ─ to stereo ─ libsoxr (streaming) ─ stage ─▶ ring ─▶ engine
 *          \_______________ producer thread ______________/      consumer
 *
 * The ring (ring.h) is single-producer/single-consumer and neither side
 * ever waits: a full ring makes the producer sleep, an empty one makes the
 * consumer take nothing.
 *
 * Gapless: every track is resampled on its own and flushed, and its output
 * held to exactly round(frames * rate / its rate) frames, so the frame after
 * a track's last is the next track's first. The decoder reads fixed chunks,
 * so the samples never depend on when the ring is filled. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strdup, nanosleep */
#endif
#include "music.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sndfile.h>
#include <soxr.h>

#include "path.h"
#include "ring.h"
#include "visible.h"

#define CHUNK 1024 /* input frames decoded at a time */

#define MUSIC_M3U_MAX_BYTES (16 << 20) /* some hundred thousand lines */

static const char *const audio_ext[] = {"flac", "ogg",  "oga", "opus", "wav",
                                        "mp3",  "aiff", "aif", NULL};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---- the playlist ---- */

struct list {
    char **v;
    int n, cap;
};

static int list_add(struct list *l, const char *s)
{
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 16;
        char **v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strdup(s)))
        return -1;
    l->n++;
    return 0;
}

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

static int is_audio_name(const char *name)
{
    if (name[0] == '.')
        return 0;
    for (const char *const *e = audio_ext; *e; e++)
        if (strcasecmp(extension(name), *e) == 0)
            return 1;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_folder(const char *dir, struct list *l, char *err, size_t errlen)
{
    char shown[256];
    DIR *d = opendir(dir);
    if (!d) {
        set_err(err, errlen, "cannot read the music folder '%s': %s",
                visible_str(shown, sizeof shown, dir), strerror(errno));
        return -1;
    }
    struct dirent *de;
    char path[4096];
    while ((de = readdir(d))) {
        if (!is_audio_name(de->d_name))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (list_add(l, path) != 0) {
            closedir(d);
            set_err(err, errlen, "out of memory reading '%s'",
                    visible_str(shown, sizeof shown, dir));
            return -1;
        }
    }
    closedir(d);
    if (l->n == 0) {
        set_err(err, errlen, "the music folder '%s' holds no audio files",
                visible_str(shown, sizeof shown, dir));
        return -1;
    }
    qsort(l->v, (size_t)l->n, sizeof *l->v, by_name);
    return 0;
}

/* An .m3u (or .m3u8) playlist: one path a line; lines starting with # are
 * comments (#EXTM3U, #EXTINF); a relative path is from the playlist's folder.
 * Addresses (http://...) are kept, and skipped when played, with their line.
 * Lines may end in CRLF; the file may begin with a byte-order mark. */
static int read_m3u(const char *path, struct list *l, char *err, size_t errlen)
{
    char *text, shown[256];
    size_t len;
    struct stat st;
    int why;
    enum path_read r = path_read(path, MUSIC_M3U_MAX_BYTES, &text, &len, &st, &why);
    if (r != PATH_READ_OK) {
        set_err(err, errlen, "cannot read the playlist '%s': %s",
                visible_str(shown, sizeof shown, path), path_read_reason(r, why));
        return -1;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dir[0] = '\0';
    int rc = 0;
    for (char *line = text + path_bom(text, len), *next; line < text + len; line = next) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        next = nl ? nl + 1 : text + len;
        if (nl)
            *nl = '\0';
        line[strcspn(line, "\r")] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        char *full = NULL;
        int n = p[0] == '/' || strstr(p, "://") ? asprintf(&full, "%s", p)
                                                : asprintf(&full, "%s%s", dir, p);
        if (n < 0 || list_add(l, full) != 0) {
            set_err(err, errlen, "out of memory reading '%s'",
                    visible_str(shown, sizeof shown, path));
            rc = -1;
        }
        free(n < 0 ? NULL : full);
        if (rc)
            break;
    }
    free(text);
    if (rc == 0 && l->n == 0) {
        set_err(err, errlen, "the playlist '%s' names no files",
                visible_str(shown, sizeof shown, path));
        rc = -1;
    }
    return rc;
}

/* splitmix32-like steps: a small generator whose order depends only on the
 * seed, the same on every machine. */
static uint32_t next_random(uint32_t *s)
{
    uint32_t z = (*s += 0x9E3779B9u);
    z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
    z = (z ^ (z >> 13)) * 0xC2B2AE35u;
    return z ^ (z >> 16);
}

int music_playlist(const char *path, int shuffle, uint32_t seed, char ***paths, int *n, char *err,
                   size_t errlen)
{
    struct list l = {0};
    struct stat st;
    int rc;
    char shown[256];
    if (stat(path, &st) != 0) {
        set_err(err, errlen, "cannot find the music '%s': %s",
                visible_str(shown, sizeof shown, path), strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        rc = read_folder(path, &l, err, errlen);
    else if (strcasecmp(extension(path), "m3u") == 0 || strcasecmp(extension(path), "m3u8") == 0)
        rc = read_m3u(path, &l, err, errlen);
    else
        rc = list_add(&l, path) == 0 ? 0 : (set_err(err, errlen, "out of memory"), -1);
    if (rc != 0) {
        music_playlist_free(l.v, l.n);
        return -1;
    }
    if (shuffle) /* Fisher–Yates */
        for (int i = l.n - 1; i > 0; i--) {
            int j = (int)(next_random(&seed) % (uint32_t)(i + 1));
            char *t = l.v[i];
            l.v[i] = l.v[j];
            l.v[j] = t;
        }
    *paths = l.v;
    *n = l.n;
    return 0;
}

void music_playlist_free(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}

/* ---- the decoder (producer side) ---- */

struct music {
    int rate;
    char **paths;
    int n;
    music_skip_fn *skip;
    void *user;

    /* Producer only. */
    int track;          /* the entry playing, or about to be opened */
    unsigned char *bad; /* per entry: skipped once already, not tried again */
    int unplayable;     /* entries found bad */
    int fd;
    SNDFILE *sf;
    int in_ch, in_rate;
    soxr_t rs;
    int64_t in_total, out_total; /* this track's frames read, and handed on */
    float raw[CHUNK * MUSIC_MAX_CHANNELS], mapped[CHUNK * 2];
    float *stage; /* stereo frames decoded and not yet in the ring */
    int64_t stage_cap, stage_len, stage_off;

    struct ring ring; /* what the engine reads */
    _Atomic int exhausted;

    /* The decoder thread. */
    pthread_t thread;
    int running;
    _Atomic int stop, held;
    const volatile sig_atomic_t *interrupt; /* a signal handler's flag, or NULL */
};

/* Says once that the entry playing is skipped, and why: "skipping music
 * 'PATH': WHY", the path as it may reach a terminal (visible.h). */
static void skip_line(struct music *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void skip_line(struct music *m, const char *fmt, ...)
{
    if (m->bad[m->track])
        return;
    m->bad[m->track] = 1;
    m->unplayable++;
    if (!m->skip)
        return;
    char why[512], shown[4096], msg[4700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    snprintf(msg, sizeof msg, "skipping music '%s': %s",
             visible_str(shown, sizeof shown, m->paths[m->track]), why);
    m->skip(m->user, msg);
}

static void close_track(struct music *m)
{
    if (m->sf)
        sf_close(m->sf);
    if (m->fd >= 0)
        close(m->fd);
    soxr_delete(m->rs);
    m->sf = NULL;
    m->fd = -1;
    m->rs = NULL;
}

/* Moves on to the next entry, looping; with every entry bad the bed is
 * exhausted. */
static void advance(struct music *m)
{
    close_track(m);
    m->track++;
    if (m->track == m->n)
        m->track = 0;
    if (m->unplayable == m->n)
        atomic_store(&m->exhausted, 1);
}

static int stage_room(struct music *m, int64_t more)
{
    if (m->stage_len + more <= m->stage_cap)
        return 0;
    int64_t cap = m->stage_cap ? m->stage_cap : 8192;
    while (cap < m->stage_len + more)
        cap *= 2;
    float *s = realloc(m->stage, (size_t)cap * 2 * sizeof *s);
    if (!s)
        return -1;
    m->stage = s;
    m->stage_cap = cap;
    return 0;
}

/* round(frames * out_rate / in_rate), half up, exactly (as the cue loader). */
static int64_t out_frames(int64_t frames, int in_rate, int out_rate)
{
    int64_t q = frames / in_rate;
    uint64_t r = (uint64_t)(frames % in_rate);
    return q * out_rate +
           (int64_t)((2 * r * (uint64_t)out_rate + (uint64_t)in_rate) / (2 * (uint64_t)in_rate));
}

/* Opens the entry at m->track; 0, or -1 after skipping it with its line. */
static int open_track(struct music *m)
{
    const char *path = m->paths[m->track];
    if (strstr(path, "://")) {
        skip_line(m, "rollout plays files, not addresses");
        return -1;
    }
    struct stat st;
    enum path_read why;
    int err;
    m->fd = path_open(path, &st, &why, &err);
    if (m->fd < 0) {
        skip_line(m, "%s", path_read_reason(why, err));
        return -1;
    }
    SF_INFO info = {0};
    m->sf = sf_open_fd(m->fd, SFM_READ, &info, SF_FALSE);
    if (!m->sf) {
        char text[256];
        snprintf(text, sizeof text, "%s", sf_strerror(NULL));
        size_t k = strlen(text);
        while (k > 0 && (text[k - 1] == '.' || text[k - 1] == ' '))
            text[--k] = '\0';
        skip_line(m, "%s", text);
        close_track(m);
        return -1;
    }
    /* A rate outside what recorded music uses is a damaged or hostile
     * header, and resampling from it would take the decoder minutes for
     * every second played. */
    if (info.channels < 1 || info.channels > MUSIC_MAX_CHANNELS) {
        skip_line(m, "it has %d channels; rollout plays 1 to %d", info.channels,
                  MUSIC_MAX_CHANNELS);
        close_track(m);
        return -1;
    }
    if (info.samplerate < MUSIC_RATE_MIN || info.samplerate > MUSIC_RATE_MAX) {
        skip_line(m, "its sample rate is %d Hz; rollout plays %d to %d Hz", info.samplerate,
                  MUSIC_RATE_MIN, MUSIC_RATE_MAX);
        close_track(m);
        return -1;
    }
    m->in_ch = info.channels;
    m->in_rate = info.samplerate;
    m->in_total = m->out_total = 0;
    if (m->in_rate != m->rate) {
        soxr_error_t e = NULL;
        soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
        soxr_runtime_spec_t rt = soxr_runtime_spec(1);
        m->rs = soxr_create(m->in_rate, m->rate, 2, &e, &io, &q, &rt);
        if (!m->rs || e) {
            skip_line(m, "cannot resample %d Hz to %d Hz", m->in_rate, m->rate);
            close_track(m);
            return -1;
        }
    }
    return 0;
}

static float clean(float x)
{
    if (!isfinite(x))
        return 0.0f;
    return x > 1.0f ? 1.0f : x < -1.0f ? -1.0f : x;
}

/* n frames of the track's channels to stereo: mono to both sides, stereo as
 * it is, more averaged to the middle (their order differs between formats). */
static void to_stereo(struct music *m, int64_t n)
{
    const int ch = m->in_ch;
    for (int64_t i = 0; i < n; i++) {
        const float *f = m->raw + i * ch;
        float l, r;
        if (ch == 1) {
            l = r = clean(f[0]);
        } else if (ch == 2) {
            l = clean(f[0]);
            r = clean(f[1]);
        } else {
            double s = 0.0;
            for (int c = 0; c < ch; c++)
                s += (double)clean(f[c]);
            l = r = (float)(s / ch);
        }
        m->mapped[2 * i] = l;
        m->mapped[2 * i + 1] = r;
    }
}

/* Resamples n mapped frames (NULL: flush) onto the stage. 0 or -1. */
static int resample(struct music *m, const float *in, int64_t n)
{
    int64_t done = 0;
    for (;;) {
        if (stage_room(m, 4096) != 0)
            return -1;
        size_t idone = 0, odone = 0;
        soxr_error_t e = soxr_process(m->rs, in ? in + 2 * done : NULL, (size_t)(n - done), &idone,
                                      m->stage + 2 * m->stage_len,
                                      (size_t)(m->stage_cap - m->stage_len), &odone);
        if (e)
            return -1;
        m->stage_len += (int64_t)odone;
        done += (int64_t)idone;
        if (in ? done >= n && odone == 0 : odone == 0)
            return 0;
    }
}

/* Decodes the next chunk onto the (empty) stage: a track's next frames, or
 * its flushed end, or nothing while moving past a file. */
static void decode_step(struct music *m)
{
    m->stage_len = m->stage_off = 0;
    if (!m->sf) {
        if (m->bad[m->track] || open_track(m) != 0)
            advance(m);
        return;
    }
    sf_count_t n = sf_readf_float(m->sf, m->raw, CHUNK); /* raw has room for every channel */
    if (n > 0) {
        m->in_total += n;
        to_stereo(m, n);
        if (m->rs) {
            if (resample(m, m->mapped, n) != 0) {
                skip_line(m, "out of memory resampling it");
                advance(m);
                return;
            }
        } else {
            if (stage_room(m, n) != 0)
                return;
            memcpy(m->stage, m->mapped, (size_t)n * 2 * sizeof(float));
            m->stage_len = n;
        }
        m->out_total += m->stage_len;
        return;
    }
    /* The end (or a cut: a truncated file plays up to the cut). */
    if (m->in_total == 0) {
        if (sf_error(m->sf) != SF_ERR_NO_ERROR)
            skip_line(m, "it cannot be decoded");
        else
            skip_line(m, "it holds no audio");
        advance(m);
        return;
    }
    if (m->rs) {
        int64_t want = out_frames(m->in_total, m->in_rate, m->rate);
        /* Shorter than one frame at the output's rate: it would add nothing
         * to the bed, and a list of nothing but such files would loop for
         * ever without filling it. */
        if (want == 0) {
            skip_line(m, "it is too short to hear (%lld frames at %d Hz)", (long long)m->in_total,
                      m->in_rate);
            advance(m);
            return;
        }
        if (resample(m, NULL, 0) == 0) {
            int64_t total = m->out_total + m->stage_len;
            if (total > want)
                m->stage_len -= total - want;
            if (m->stage_len < 0)
                m->stage_len = 0;
            if (total < want && stage_room(m, want - total) == 0) {
                memset(m->stage + 2 * m->stage_len, 0, (size_t)(want - total) * 2 * sizeof(float));
                m->stage_len += want - total;
            }
        }
    }
    advance(m);
}

/* Whether the producer should stop filling: the bed is being freed, or a
 * signal came (music_stop_on). Every turn of the fill loop asks. */
static int stopped(const struct music *m)
{
    return atomic_load(&m->stop) || (m->interrupt && *m->interrupt);
}

void music_stop_on(struct music *m, const volatile sig_atomic_t *flag)
{
    m->interrupt = flag;
}

int64_t music_fill(struct music *m, int64_t want)
{
    if (want > ring_size(&m->ring))
        want = ring_size(&m->ring);
    for (;;) {
        int64_t held = ring_available(&m->ring);
        if (held >= want || stopped(m))
            return held;
        if (m->stage_off == m->stage_len) {
            if (atomic_load(&m->exhausted))
                return held;
            decode_step(m);
            continue;
        }
        m->stage_off +=
            ring_write(&m->ring, m->stage + 2 * m->stage_off, m->stage_len - m->stage_off);
    }
}

struct ring *music_ring(struct music *m)
{
    return &m->ring;
}

int music_exhausted(const struct music *m)
{
    return atomic_load(&m->exhausted);
}

void music_hold(struct music *m, int held)
{
    atomic_store(&m->held, held);
}

/* Keeps the ring topped up: when a quarter of it is free, fills it again;
 * otherwise sleeps a little. The audio thread is never signalled or waited
 * for. */
static void *decoder(void *arg)
{
    struct music *m = arg;
    const int64_t size = ring_size(&m->ring);
    while (!atomic_load(&m->stop)) {
        if (!atomic_load(&m->held) && !atomic_load(&m->exhausted) &&
            size - ring_available(&m->ring) >= size / 4) {
            music_fill(m, size);
            continue;
        }
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
    return NULL;
}

int music_start(struct music *m)
{
    if (m->running)
        return 0;
    atomic_store(&m->stop, 0);
    if (pthread_create(&m->thread, NULL, decoder, m) != 0)
        return -1;
    m->running = 1;
    return 0;
}

struct music *music_new(char *const *paths, int n, int rate, int ring_frames, music_skip_fn *skip,
                        void *user)
{
    struct music *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->rate = rate;
    m->n = n;
    m->skip = skip;
    m->user = user;
    m->fd = -1;
    int ring = ring_init(&m->ring, ring_frames);
    m->paths = calloc((size_t)(n > 0 ? n : 1), sizeof *m->paths);
    m->bad = calloc((size_t)(n > 0 ? n : 1), 1);
    if (ring != 0 || !m->paths || !m->bad)
        goto fail;
    for (int i = 0; i < n; i++)
        if (!(m->paths[i] = strdup(paths[i])))
            goto fail;
    if (n == 0)
        atomic_store(&m->exhausted, 1);
    return m;
fail:
    music_free(m);
    return NULL;
}

void music_free(struct music *m)
{
    if (!m)
        return;
    if (m->running) {
        atomic_store(&m->stop, 1);
        pthread_join(m->thread, NULL);
    }
    close_track(m);
    for (int i = 0; m->paths && i < m->n; i++)
        free(m->paths[i]);
    free(m->paths);
    free(m->bad);
    ring_free(&m->ring);
    free(m->stage);
    free(m);
}
