/* SPDX-License-Identifier: MIT */
/* session.c — find, parse, load, compile. */
#include "session.h"

#include "path.h"
#include "xdg.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ROLLOUT_SOURCE_DIR
#define ROLLOUT_SOURCE_DIR "."
#endif
#ifndef ROLLOUT_BUILD_DIR
#define ROLLOUT_BUILD_DIR "/nonexistent"
#endif
#ifndef ROLLOUT_BIN_TO_DATA /* the data folder from the program's, as installed */
#define ROLLOUT_BIN_TO_DATA "../share/rollout"
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The folder rel names from folder dir, each "../" at rel's start taken
 * off dir's end: PREFIX/share/rollout, as a person would write it, and not
 * PREFIX/bin/../share/rollout. dir is the program's folder, which the
 * kernel names with no link and no "..", so the name stays exact. */
static void beside(char *out, size_t len, const char *dir, const char *rel)
{
    snprintf(out, len, "%s", dir);
    char *slash;
    while (strncmp(rel, "../", 3) == 0 && (slash = strrchr(out, '/'))) {
        *slash = 0;
        rel += 3;
    }
    size_t n = strlen(out);
    snprintf(out + n, len - n, "/%s", rel);
}

const char *session_data_dir(void)
{
    static char dir[PATH_MAX];
    if (dir[0])
        return dir;
    const char *env = getenv("ROLLOUT_DATA_DIR");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
        return dir;
    }
    /* Installed: the data folder at the same place relative to the program
     * as the install gave it (../share/rollout), wherever the prefix is.
     * Only a program still in its build tree falls back to the source tree
     * it was built from: an installed or packaged one never does, so it
     * cannot quietly play files a developer happens to have lying there. */
    char exe[PATH_MAX], real_build[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = NULL;
    if (n > 0) {
        exe[n] = 0;
        slash = strrchr(exe, '/');
    }
    if (!slash) {
        snprintf(dir, sizeof dir, "%s", ROLLOUT_BIN_TO_DATA);
        return dir;
    }
    *slash = 0;
    char installed[PATH_MAX + 64];
    beside(installed, sizeof installed, exe, ROLLOUT_BIN_TO_DATA);
    int in_build = realpath(ROLLOUT_BUILD_DIR, real_build) &&
                   (strcmp(exe, real_build) == 0 || path_inside(exe, real_build));
    if (in_build && !is_dir(installed))
        snprintf(dir, sizeof dir, "%s", ROLLOUT_SOURCE_DIR);
    else
        snprintf(dir, sizeof dir, "%.*s", (int)sizeof dir - 1, installed);
    return dir;
}

const char *session_web_dir(void)
{
    static char dir[PATH_MAX];
    if (dir[0])
        return dir;
    snprintf(dir, sizeof dir, "%.*s/web", PATH_MAX - 5, session_data_dir());
    /* The page is built, not written: in a build tree it is in build/web
     * and nowhere in the sources, which the data folder is there. */
    char exe[PATH_MAX], real_build[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (!is_dir(dir) && n > 0 && realpath(ROLLOUT_BUILD_DIR, real_build)) {
        exe[n] = 0;
        if (path_inside(exe, real_build))
            snprintf(dir, sizeof dir, "%.*s/web", PATH_MAX - 5, real_build);
    }
    return dir;
}

const char *session_user_dir(void)
{
    static char dir[PATH_MAX];
    return xdg_path(XDG_DATA, "rollout/routines", dir, sizeof dir);
}

/* A name is a path when it has a slash, ends in .roll, or names something
 * that is there, even a link that leads nowhere or to itself: the person
 * meant that file, and its problem is what they need to hear. A folder
 * named like a routine ("default" in the current one) does not count. */
static int names_a_path(const char *name)
{
    size_t n = strlen(name);
    struct stat st;
    return strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".roll") == 0) ||
           (lstat(name, &st) == 0 && !S_ISDIR(st.st_mode));
}

/* A name as an error shows it, where it is and in what it says: one
 * longer than any path is cut short. */
static const char *shown(const char *name, char cut[80])
{
    if (strlen(name) < PATH_MAX)
        return name;
    snprintf(cut, 80, "%.64s...", name);
    return cut;
}

char *session_resolve(const char *name, struct diags *d)
{
    char path[PATH_MAX], cut[80];
    const char *n = shown(name, cut);
    if (names_a_path(name)) {
        struct stat st;
        if (stat(name, &st) != 0) {
            diags_add(d, DIAG_ERROR, NULL, 0, 0, NULL, NULL, "cannot read routine '%s': %s", n,
                      errno == ENOENT ? "no such file" : strerror(errno));
            return NULL;
        }
        /* Anything but a regular file is turned away by the parser, which
         * says what it is. */
        return strdup(name);
    }
    if (snprintf(path, sizeof path, "%s/%s.roll", session_user_dir(), name) >= (int)sizeof path) {
        diags_add(d, DIAG_ERROR, NULL, 0, 0, NULL, NULL,
                  "no routine named '%s': the name is too long", n);
        return NULL;
    }
    if (session_user_dir()[0] && is_file(path)) /* "": no home folder */
        return strdup(path);
    if (snprintf(path, sizeof path, "%s/routines/%s.roll", session_data_dir(), name) >=
            (int)sizeof path ||
        !is_file(path)) {
        diags_add(d, DIAG_ERROR, NULL, 0, 0, NULL, NULL,
                  "no routine named '%s': give a path to a .roll file, or see 'rollout list'", n);
        return NULL;
    }
    return strdup(path);
}

int session_voice_dirs(const char *path, const char *voice_dir, char dirs[3][4096])
{
    int n = 0, fits = 1;
    if (voice_dir)
        fits &= snprintf(dirs[n++], 4096, "%s", voice_dir) < 4096;
    const char *slash = strrchr(path, '/');
    if (slash)
        fits &= snprintf(dirs[n++], 4096, "%.*s/audio", (int)(slash - path), path) < 4096;
    else
        snprintf(dirs[n++], 4096, "audio");
    fits &= snprintf(dirs[n++], 4096, "%s/audio", session_data_dir()) < 4096;
    return fits ? n : -1;
}

/* Where a cue's file may really be: the routine's folder tree, the folder
 * given with --voices, the bundled voice pack. Resolved, so a link cannot
 * lead elsewhere unnoticed. */
static int allowed_roots(const char *path, const char *voice_dir, char roots[4][PATH_MAX])
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    char pack[PATH_MAX + 8];
    snprintf(pack, sizeof pack, "%s/audio", session_data_dir());
    const char *want[3] = {dir, voice_dir, pack};
    int n = 0;
    for (int i = 0; i < 3; i++)
        if (want[i] && realpath(want[i], roots[n]))
            n++;
    return n;
}

static int inside_any(const char *path, char roots[4][PATH_MAX], int nroots)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return 0;
    for (int i = 0; i < nroots; i++)
        if (path_inside(real, roots[i]))
            return 1;
    return 0;
}

/* ---- decoding cues on a few threads ----
 *
 * Decoding is most of the time before sound can start (FLAC, mostly), and
 * one cue does not depend on another. Each thread takes the next cue from
 * one atomic counter until none are left; a cue's result and message stay
 * with it, so they are reported afterwards in cue order and the messages do
 * not depend on which thread was quicker. */

#define LOAD_THREADS 4

/* What became of one cue. */
enum cue_found { MISSING, NOT_REGULAR, OUTSIDE, FOUND };

struct cue_job {
    enum cue_found found;
    char *path; /* where it was found; kept in the session if it decodes */
    enum cues_result res;
    char err[256];
};

struct loader {
    struct session *s;
    struct cue_job *jobs; /* one per cue */
    int n;
    atomic_int next;
};

static void *load_worker(void *arg)
{
    struct loader *l = arg;
    for (;;) {
        int i = atomic_fetch_add(&l->next, 1);
        if (i >= l->n)
            return NULL;
        struct cue_job *j = &l->jobs[i];
        if (j->found == FOUND)
            j->res = cues_load_file(j->path, l->s->rate, &l->s->cues[i], j->err, sizeof j->err);
    }
}

/* Runs every job on min(LOAD_THREADS, CPUs online, cues) threads, the
 * calling one among them; with no thread to spare it does them all. */
static void load_jobs(struct loader *l)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int n = cpus < 1 ? 1 : cpus < LOAD_THREADS ? (int)cpus : LOAD_THREADS;
    n = n < l->n ? n : l->n;
    pthread_t t[LOAD_THREADS];
    int started = 0;
    while (started < n - 1 && pthread_create(&t[started], NULL, load_worker, l) == 0)
        started++;
    load_worker(l);
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
}

int64_t session_draft_frames(const char *text, int rate)
{
    int64_t words = 0;
    int in_word = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        /* Any byte of a UTF-8 sequence counts as a letter. */
        int letter = (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z') ||
                     *p >= 0x80 || *p == '\'';
        words += letter && !in_word;
        in_word = letter;
    }
    return (words * SESSION_DRAFT_WORD_MS + SESSION_DRAFT_PAD_MS) * (int64_t)rate / 1000;
}

/* The name to give back in a hint: a routine among the person's own or the
 * bundled ones by its name, any other by its path. */
static void hint_name(const char *path, char *out, size_t len)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(base);
    char dir[PATH_MAX], bundled[PATH_MAX + 16];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 0, path);
    snprintf(bundled, sizeof bundled, "%s/routines", session_data_dir());
    if (n > 5 && strcmp(base + n - 5, ".roll") == 0 &&
        (strcmp(dir, session_user_dir()) == 0 || strcmp(dir, bundled) == 0) && !strchr(base, ' '))
        snprintf(out, len, "%.*s", (int)(n - 5), base);
    else
        snprintf(out, len, "%s", path);
}

/* Finds and decodes every cue; a problem is reported at the line that first
 * named the cue (rollout's own phrases have no line: the message says so). */
static int load_cues(struct session *s, const struct session_opts *o, struct diags *d)
{
    const struct routine *r = s->routine;
    const enum session_missing missing = o->missing;
    char dirs[3][4096];
    int ndirs = session_voice_dirs(s->path, o->voice_dir, dirs);
    if (ndirs < 0) {
        diags_add(d, DIAG_ERROR, s->path, 0, 0, NULL, NULL,
                  "a folder to find cues in has a name longer than the system allows");
        return -1;
    }
    const char *dirv[3] = {dirs[0], dirs[1], dirs[2]};
    char roots[4][PATH_MAX];
    int nroots = allowed_roots(s->path, o->voice_dir, roots);
    struct loader l = {.s = s, .n = r->ncues, .jobs = calloc((size_t)r->ncues + 1, sizeof *l.jobs)};
    if (!l.jobs) {
        diags_add(d, DIAG_ERROR, s->path, 0, 0, NULL, NULL, "out of memory loading cues");
        return -1;
    }
    for (int i = 0; i < l.n; i++) {
        struct cue_job *j = &l.jobs[i];
        char path[4200];
        enum cues_result f = cues_find(dirv, ndirs, r->cues[i].id, path, sizeof path);
        if (f == CUES_NOT_FOUND)
            j->found = MISSING;
        else if (!(j->path = strdup(path)))
            j->res = CUES_NOMEM; /* found stays MISSING */
        else if (f != CUES_OK)
            j->found = NOT_REGULAR;
        else
            j->found = inside_any(path, roots, nroots) ? FOUND : OUTSIDE;
    }
    load_jobs(&l);

    /* Every problem, in cue order. The cues not recorded share one hint,
     * which diags_print says once, after the last of them. */
    int ok = 1, nmissing = 0;
    for (int i = 0; i < l.n; i++)
        nmissing += l.jobs[i].found == MISSING;
    char name[PATH_MAX], hint[3 * PATH_MAX + 256];
    hint_name(s->path, name, sizeof name);
    snprintf(hint, sizeof hint,
             "make %s with 'rollout voice %s' (a speech synthesiser) or 'rollout record %s' "
             "(your voice), or play it without: 'rollout play --draft %s'",
             nmissing > 1 ? "them" : "one", name, name, name);
    for (int i = 0; i < l.n; i++) {
        const struct cue_job *j = &l.jobs[i];
        const struct script_cue *c = &r->cues[i];
        const char *file = c->file ? c->file : r->path;
        if (j->res == CUES_NOMEM && !j->path) {
            diags_add(d, DIAG_ERROR, file, c->line, c->col, NULL, NULL, "out of memory");
            ok = 0;
        } else if (j->found == MISSING && missing == SESSION_MISSING_DRAFT) {
            /* A silent slot as long as the words: the timeline, the clicks
             * and the views are as they will be once it is recorded. */
            int64_t frames = session_draft_frames(c->text, s->rate);
            s->cues[i].data = calloc((size_t)(frames > 0 ? frames : 1), sizeof(int16_t));
            if (!s->cues[i].data) {
                diags_add(d, DIAG_ERROR, file, c->line, c->col, NULL, NULL, "out of memory");
                ok = 0;
                continue;
            }
            s->cues[i].frames = frames;
            s->cues[i].channels = 1;
            s->cue_frames[i] = frames;
            s->drafted++;
        } else if (j->found == MISSING && missing != SESSION_MISSING_QUIET) {
            int warn = missing == SESSION_MISSING_WARN;
            diags_add(d, warn ? DIAG_WARNING : DIAG_ERROR, file, c->line, c->col, NULL, hint,
                      "no recording for cue '%s': looked for %s/%s.flac (or .ogg, .wav, ...)%s%s",
                      c->id, dirs[0], c->id, ndirs > 1 ? " and in " : "",
                      ndirs > 1 ? dirs[ndirs - 1] : "");
            ok &= warn;
        } else if (j->found == NOT_REGULAR) {
            /* Listing cues, it is shown as unreadable; otherwise an error. */
            int quiet = missing == SESSION_MISSING_QUIET;
            diags_add(d, quiet ? DIAG_WARNING : DIAG_ERROR, file, c->line, c->col, NULL,
                      "put the recording there, or remove what is in its place",
                      "cue '%s': '%s' is not a regular file", c->id, j->path);
            ok &= quiet;
            s->cue_paths[i] = j->path;
        } else if (j->found == OUTSIDE) {
            diags_add(d, DIAG_ERROR, file, c->line, c->col, NULL,
                      "copy the recording into the folder instead of linking to it",
                      "cue '%s': %s leads outside the routine's folder and the voice pack", c->id,
                      j->path);
            ok = 0;
            free(j->path);
        } else if (j->found == FOUND) {
            s->cue_paths[i] = j->path; /* the session's now */
            s->cue_frames[i] = s->cues[i].frames;
            if (j->res != CUES_OK) {
                int quiet = missing == SESSION_MISSING_QUIET;
                diags_add(d, quiet ? DIAG_WARNING : DIAG_ERROR, file, c->line, c->col, NULL, NULL,
                          "cue '%s': %s", c->id, j->err);
                ok &= quiet;
            }
        }
    }
    free(l.jobs);
    return ok ? 0 : -1;
}

int session_load(struct session *s, const char *name, const struct session_opts *o, struct diags *d)
{
    memset(s, 0, sizeof *s);
    char *path = session_resolve(name, d);
    if (!path)
        return -1;
    struct routine *r = script_load(path, d);
    if (!r) {
        s->path = path;
        return -1;
    }
    if (session_intro(r, o->intro) != 0) {
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "out of memory");
        script_free(r);
        s->path = path;
        return -1;
    }
    int rc = session_adopt(s, path, r, o, d);
    free(path);
    if (rc != 0)
        return -1;
    return session_compile(s, o, d);
}

int session_adopt(struct session *s, const char *path, struct routine *r,
                  const struct session_opts *o, struct diags *d)
{
    memset(s, 0, sizeof *s);
    s->rate = o->rate;
    s->routine = r;
    s->path = strdup(path);
    int n = r->ncues;
    s->cues = calloc((size_t)n, sizeof *s->cues);
    s->cue_frames = calloc((size_t)n, sizeof *s->cue_frames);
    s->cue_paths = calloc((size_t)n, sizeof *s->cue_paths);
    if (!s->path || !s->cues || !s->cue_frames || !s->cue_paths) {
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "out of memory loading cues");
        return -1;
    }
    return load_cues(s, o, d);
}

int session_compile(struct session *s, const struct session_opts *o, struct diags *d)
{
    timeline_free(&s->tl);
    struct timeline_opts to = {.rate = o->rate, .pace_ms = o->pace_ms, .speed = o->speed};
    if (timeline_compile(&s->tl, s->routine, s->cue_frames, &to) != 0) {
        diags_add(d, DIAG_ERROR, s->path, 0, 0, NULL, NULL, "out of memory compiling");
        return -1;
    }
    int64_t limit = (int64_t)SESSION_MAX_HOURS * 3600 * o->rate;
    if (s->tl.length > limit) {
        /* Said at the line of the phase that crosses the limit, or of its
         * step when rollout made the phase, as a single long time is. */
        const struct tl_phase *ph = &s->tl.ph[timeline_phase_at(&s->tl, limit)];
        const struct script_step *st = ph->step >= 0 ? &s->routine->steps[ph->step] : NULL;
        const char *file = ph->src ? ph->src->file : st ? st->file : NULL;
        int line = ph->src ? ph->src->line : st ? st->line : 0;
        int col = ph->src ? ph->src->col : st ? st->col : 0;
        diags_add(d, DIAG_ERROR, file ? file : s->path, line, col, NULL,
                  "split it into shorter routines", "the session passes %d hours here%s%s",
                  SESSION_MAX_HOURS, st ? ", in step " : "", st ? st->id : "");
        return -1;
    }
    if (o->speed <= 1.0) /* faster, phases are short on purpose */
        timeline_check(&s->tl, s->cue_frames, d);
    return 0;
}

void session_free(struct session *s)
{
    timeline_free(&s->tl);
    if (s->routine) {
        for (int i = 0; i < s->routine->ncues; i++) {
            if (s->cues)
                cues_free(&s->cues[i]);
            if (s->cue_paths)
                free(s->cue_paths[i]);
        }
        script_free(s->routine);
    }
    free(s->cues);
    free(s->cue_frames);
    free(s->cue_paths);
    free(s->path);
    if (s->fit_free) /* compose.c made it, and said how it goes */
        s->fit_free(s->fit);
    memset(s, 0, sizeof *s);
}
