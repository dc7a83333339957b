/* SPDX-License-Identifier: MIT */
/* cli_record.c — rollout record: the author's own voice for a routine's
 * cues, one take at a time from the microphone. For each cue: its words on
 * screen, a count-in, a take that ends on a key or on a pause, trimmed and
 * set to the voice pack's loudness (take.c), played back, then kept or taken
 * again. A kept take is written beside the old file and renamed over it, so
 * a recording is only ever replaced by one the author chose to keep.
 *
 * Keys come from the terminal in raw mode, or, when standard input is not a
 * terminal, one line per answer (so a script can drive it); takes then end
 * only on a pause or at the length limit. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "visible.h"
#include "term.h"
#include "in_sdl.h"
#include "take.h"

#define COUNT_IN    3    /* beats of one second before a take */
#define NO_SOUND_MS 3000 /* a microphone silent this long (not even zeros) is broken */
#define METER_MS    100  /* the level meter's redraw period */
#define METER_WIDTH 20
#define KEY_TAIL_MS 150 /* dropped from a take stopped by a key: the key's own sound */

/* ---- keys ---- */

/* Waits up to timeout_ms for a key on the terminal: the key, 'q' for
 * Ctrl-D or a signal, or 0. Without a terminal it only waits. */
static int keys_poll(const struct term *k, int timeout_ms)
{
    if (cli_signal)
        return 'q';
    char buf[16];
    int n = term_read(k, buf, sizeof buf, timeout_ms);
    if (n <= 0)
        return cli_signal ? 'q' : 0;
    if (buf[0] == 27)
        return n == 1 ? 'q' : 0; /* Esc alone quits; arrow keys do nothing */
    if (buf[0] == 4)
        return 'q'; /* Ctrl-D */
    return buf[0] == '\r' ? '\n' : buf[0];
}

/* Waits for an answer: a key on the terminal, or the first character of
 * the next line of standard input ('\n' for an empty one). 'q' at the end of
 * input or on a signal. */
static int keys_answer(const struct term *k)
{
    if (k->keys) {
        int c;
        while ((c = keys_poll(k, 200)) == 0)
            ;
        return c;
    }
    char line[256];
    if (cli_signal || !fgets(line, sizeof line, stdin))
        return 'q';
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    return *p == '\r' ? '\n' : *p ? *p : 'q';
}

/* ---- one take ---- */

struct recorder {
    const struct args *a;
    struct term term;
    float *raw;     /* the take as captured */
    int64_t cap, n; /* its room and length, in frames */
    float *count;   /* the count-in as captured, for the noise floor */
    int64_t ncount;
    double floor_db;
};

enum { CAPTURE_ENDED, CAPTURE_QUIT, CAPTURE_BROKEN };

static void meter(const struct recorder *r, const struct take_detect *d)
{
    char bar[METER_WIDTH + 1];
    /* -60 dBFS to 0 dBFS across the bar. */
    int fill = (int)((d->level + 60.0) * METER_WIDTH / 60.0);
    for (int i = 0; i < METER_WIDTH; i++)
        bar[i] = i < fill ? '#' : '-';
    bar[METER_WIDTH] = 0;
    printf("\r\033[K  recording %4.1f s  [%s]", (double)r->n / TAKE_RATE, bar);
    fflush(stdout);
}

/* Reads what the device has into buf[*n, want), waiting a little when it
 * has nothing. Returns 0, 'q' for a quit key, '\n' for Enter or space, or
 * -1 when the device has given nothing for NO_SOUND_MS. */
static int pull(struct recorder *r, struct in_sdl *in, float *buf, int64_t *n, int64_t want,
                uint32_t *last_sound)
{
    int64_t got = in_sdl_read(in, buf + *n, want - *n);
    *n += got;
    if (got > 0)
        *last_sound = in_sdl_ticks();
    else if (in_sdl_ticks() - *last_sound > NO_SOUND_MS)
        return -1;
    int c = keys_poll(&r->term, got > 0 ? 0 : 10);
    if (c == 'q' || c == 'Q')
        return 'q';
    if (c == '\n' || c == ' ')
        return '\n';
    return 0;
}

/* Counts in, then records until a key, a pause after speech, TAKE_WAIT_S
 * with no speech or TAKE_MAX_S. The count-in is timed by the device's own
 * samples, so it takes three seconds of sound whatever the clock, and what
 * it hears is the room's noise floor. */
static int capture(struct recorder *r, char *err, size_t errlen)
{
    struct in_sdl *in = in_sdl_open(TAKE_RATE, NULL, err, errlen);
    if (!in)
        return CAPTURE_BROKEN;
    uint32_t last_sound = in_sdl_ticks();
    int c = 0;
    r->ncount = 0;
    for (int beat = COUNT_IN; beat > 0 && c >= 0 && c != 'q'; beat--) {
        printf("%s%d...", beat == COUNT_IN ? "  " : " ", beat);
        fflush(stdout);
        int64_t until = (int64_t)(COUNT_IN - beat + 1) * TAKE_RATE;
        while (r->ncount < until &&
               (c = pull(r, in, r->count, &r->ncount, until, &last_sound)) >= 0 && c != 'q')
            ;
    }
    printf("\n");
    r->n = 0;
    if (c == 'q' || c < 0) {
        in_sdl_close(in);
        if (c < 0)
            snprintf(err, errlen, "the microphone gives no sound");
        return c < 0 ? CAPTURE_BROKEN : CAPTURE_QUIT;
    }
    r->floor_db = take_floor(r->count, r->ncount, TAKE_RATE);

    if (r->term.keys)
        printf("  Speak now. Enter or space when done.\n");
    else
        printf("  Speak now. The take ends after %.1f s without speech.\n",
               TAKE_END_SILENCE_MS / 1000.0);
    fflush(stdout);
    struct take_detect d;
    take_detect_init(&d, TAKE_RATE, r->floor_db);
    enum take_stop stop = TAKE_GO;
    uint32_t drawn = in_sdl_ticks();
    for (;;) {
        int64_t before = r->n;
        c = pull(r, in, r->raw, &r->n, r->cap, &last_sound);
        take_detect_feed(&d, r->raw + before, r->n - before);
        if (c != 0 || (stop = take_detect_stop(&d)) != TAKE_GO)
            break;
        if (r->term.live && in_sdl_ticks() - drawn >= METER_MS) {
            meter(r, &d);
            drawn = in_sdl_ticks();
        }
    }
    in_sdl_close(in);
    if (r->term.live)
        printf("\r\033[K");
    if (c < 0) {
        snprintf(err, errlen, "the microphone stopped giving sound");
        return CAPTURE_BROKEN;
    }
    if (c == 'q')
        return CAPTURE_QUIT;
    if (c == '\n') {
        int64_t tail = (int64_t)TAKE_RATE * KEY_TAIL_MS / 1000;
        r->n = r->n > tail ? r->n - tail : 0;
    }
    if (stop == TAKE_DONE)
        printf("  Stopped after %.1f s without speech.\n", TAKE_END_SILENCE_MS / 1000.0);
    else if (stop == TAKE_NOTHING)
        printf("  Heard no speech in %d s.\n", TAKE_WAIT_S);
    else if (stop == TAKE_FULL)
        printf("  Stopped at the %d s limit.\n", TAKE_MAX_S);
    return CAPTURE_ENDED;
}

/* Plays the take; a keep, retake, skip or quit key on the terminal cuts it
 * short and is returned; else 0. */
static int play_back(struct recorder *r, const struct take *t)
{
    char err[512];
    struct in_sdl_playback *p =
        in_sdl_play(t->data, t->frames, TAKE_RATE, r->a->device, err, sizeof err);
    if (!p) {
        printf("  (Cannot play it back: %s.)\n", err);
        return 0;
    }
    printf("  Playing it back...\n");
    fflush(stdout);
    int c = 0;
    while (in_sdl_playing(p)) {
        c = keys_poll(&r->term, 20);
        if (c && strchr("krsqKRSQ", c))
            break;
        c = 0;
    }
    in_sdl_play_close(p);
    return c;
}

/* ---- the command ---- */

/* How a cue ended; the last three stop the command with an exit code. */
enum { CUE_KEPT, CUE_SKIPPED, CUE_QUIT, CUE_DEVICE, CUE_IO, CUE_NOMEM };

/* Notes files the new recording hides (another format in the same folder)
 * or is hidden by (the same cue found first in a folder searched before). */
static void note_shadows(const struct session *s, const struct args *a, const char *dir,
                         const char *id, const char *path)
{
    for (const char *const *ext = cues_extensions + 1; *ext; ext++) {
        char other[PATH_MAX + 64];
        struct stat st;
        snprintf(other, sizeof other, "%s/%s.%s", dir, id, *ext);
        if (stat(other, &st) == 0)
            printf("  Note: %s is there too; rollout plays the .flac first.\n", other);
    }
    char dirs[3][4096];
    const char *list[3];
    int nd = session_voice_dirs(s->path, a->voices, dirs);
    for (int i = 0; i < nd; i++)
        list[i] = dirs[i];
    char found[PATH_MAX + 64], rf[PATH_MAX], rp[PATH_MAX];
    /* A name too long to search (nd < 0) leaves out only this note. */
    if (nd > 0 && cues_find(list, nd, id, found, sizeof found) == CUES_OK && realpath(found, rf) &&
        realpath(path, rp) && strcmp(rf, rp) != 0)
        printf("  Note: rollout finds %s first, so it will not play this take%s.\n", found,
               a->voices ? "" : " (try --voices)");
}

static int record_cue(struct recorder *r, const struct session *s, const struct script_cue *cue,
                      const char *dir)
{
    const struct args *a = r->a;
    char path[PATH_MAX + 64], err[512];
    snprintf(path, sizeof path, "%s/%s.flac", dir, cue->id);
    printf("\n%s\n  \"", cue->id);
    visible_put(stdout, cue->text);
    printf("\"\n");
    for (;;) {
        int got = capture(r, err, sizeof err);
        if (got == CAPTURE_BROKEN) {
            fprintf(stderr,
                    "rollout: %s. Check the microphone, or try another driver "
                    "(SDL_AUDIODRIVER).\n",
                    err);
            return CUE_DEVICE;
        }
        if (got == CAPTURE_QUIT)
            return CUE_QUIT;
        struct take t;
        enum take_result tr = take_process(r->raw, r->n, TAKE_RATE, r->floor_db, &t);
        if (tr == TAKE_NOMEM) {
            fprintf(stderr, "rollout: out of memory.\n");
            return CUE_NOMEM;
        }
        if (tr == TAKE_SILENT) {
            printf("  No speech in that take: is the microphone on and turned up?\n");
        } else {
            printf("  Take: %.2f s, gain %+.1f dB.\n", (double)t.frames / TAKE_RATE, t.gain_db);
            if (t.clipped)
                printf("  It clipped: speak a little further from the microphone, or turn "
                       "its level down.\n");
            else if (t.gain_db > 20.0)
                printf("  It was very quiet: speak closer to the microphone, or turn its "
                       "level up.\n");
        }
        int c = tr == TAKE_OK && !a->no_playback ? play_back(r, &t) : 0;
        while (!c) {
            printf(tr == TAKE_OK ? "  k keep, r retake, p play again, s skip, q quit: "
                                 : "  r retake, s skip, q quit: ");
            if (!r->term.keys)
                printf("\n");
            fflush(stdout);
            c = keys_answer(&r->term);
            if (r->term.keys)
                printf("%c\n", c >= ' ' && c < 127 ? c : ' ');
            c = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
            if (c == 'p' && tr == TAKE_OK)
                c = play_back(r, &t);
            else if (!strchr(tr == TAKE_OK ? "krsq" : "rsq", c))
                c = 0;
        }
        if (c == 'k') {
            enum cues_result w = cues_write_file(path, t.data, t.frames, TAKE_RATE, cue->text,
                                                 CUES_RECORD_SOFTWARE, err, sizeof err);
            take_free(&t);
            if (w != CUES_OK) {
                cli_say("%s", err);
                return CUE_IO;
            }
            cli_put(stdout, "  Saved %s.", path);
            note_shadows(s, a, dir, cue->id, path);
            return CUE_KEPT;
        }
        take_free(&t);
        if (c == 's')
            return CUE_SKIPPED;
        if (c == 'q')
            return CUE_QUIT;
    }
}

/* The folder of dir/file, or "." */
static void dir_of(const char *path, char *out, size_t len)
{
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(out, len, "%.*s", (int)(slash - path), path);
    else
        snprintf(out, len, ".");
}

/* Where the takes go: --voices DIR; else the routine's own audio/ folder,
 * which is searched before the voice pack; but a bundled routine's cues go
 * to the voice pack itself, if it can be written to (a source checkout),
 * since the bundled routines' folder is shared. 0, or an exit code. */
static int record_dir(const struct session *s, const struct args *a, char *dir, size_t len)
{
    char rdir[PATH_MAX], real[PATH_MAX], bundled[PATH_MAX + 16], rb[PATH_MAX];
    dir_of(s->path, rdir, sizeof rdir);
    snprintf(bundled, sizeof bundled, "%s/routines", session_data_dir());
    int is_bundled = realpath(rdir, real) && realpath(bundled, rb) && strcmp(real, rb) == 0;
    if (a->voices)
        snprintf(dir, len, "%s", a->voices);
    else if (is_bundled)
        snprintf(dir, len, "%s/audio", session_data_dir());
    else
        snprintf(dir, len, "%s/audio", rdir);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_say("cannot make the folder %s: %s", dir, strerror(errno));
        return CLI_EXIT_IO;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        fprintf(stderr, "rollout: cannot write to %s: %s.%s\n", dir, strerror(errno),
                is_bundled && !a->voices
                    ? " Record into a folder of your own with --voices DIR, and play with the "
                      "same --voices DIR."
                    : "");
        return CLI_EXIT_IO;
    }
    return 0;
}

/* The indexes of the cues to record: those named, or those with no
 * recording. Returns how many, or -1 after a usage error. */
static int record_cues(const struct session *s, char **ids, int nids, int *pick)
{
    const struct routine *r = s->routine;
    int n = 0;
    if (nids == 0) {
        for (int i = 0; i < r->ncues; i++)
            if (!s->cue_paths[i])
                pick[n++] = i;
        return n;
    }
    for (int k = 0; k < nids; k++) {
        int i = 0;
        while (i < r->ncues && strcmp(r->cues[i].id, ids[k]) != 0)
            i++;
        if (i == r->ncues) {
            cli_usage_error("no cue '%s' in %s ('rollout cues' lists them)", ids[k], s->path);
            return -1;
        }
        int seen = 0;
        for (int j = 0; j < n; j++)
            seen |= pick[j] == i;
        if (!seen)
            pick[n++] = i;
    }
    return n;
}

int cli_record_begin(struct session *s, char **names, int n, const struct args *a, const char *verb,
                     int **pick, int *npick, char *dir, size_t len)
{
    *pick = NULL;
    *npick = 0;
    struct request q;
    int64_t start;
    cli_request(&q, a, names[0], SESSION_MISSING_QUIET);
    if (cli_load(s, &q, &start) != CLI_EXIT_OK)
        return CLI_EXIT_INVALID;
    int *p = malloc((size_t)(s->routine->ncues + n) * sizeof *p);
    int np = p ? record_cues(s, names + 1, n - 1, p) : -1;
    int rc = !p ? CLI_EXIT_INVALID : np < 0 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    if (rc == CLI_EXIT_OK && np == 0)
        printf("Every cue of %s has a recording. Name the ones to %s again "
               "('rollout cues' lists them).\n",
               s->path, verb);
    if (rc != CLI_EXIT_OK || np == 0 || (rc = record_dir(s, a, dir, len)) != 0) {
        free(p);
        session_free(s);
        return rc;
    }
    *pick = p;
    *npick = np;
    return CLI_EXIT_OK;
}

int cli_record(char **names, int n, const struct args *a)
{
    struct session s;
    int *pick, npick;
    char dir[PATH_MAX + 16];
    int rc = cli_record_begin(&s, names, n, a, "record", &pick, &npick, dir, sizeof dir);
    if (rc != CLI_EXIT_OK || npick == 0)
        return rc;

    struct recorder r = {.a = a};
    r.cap = (int64_t)TAKE_MAX_S * TAKE_RATE;
    r.raw = malloc((size_t)r.cap * sizeof *r.raw);
    r.count = malloc((size_t)COUNT_IN * TAKE_RATE * sizeof *r.count);
    char err[512];
    if (!r.raw || !r.count) {
        fprintf(stderr, "rollout: out of memory.\n");
        rc = CLI_EXIT_INVALID;
    } else if (in_sdl_init(err, sizeof err) != 0) {
        cli_say("%s", err);
        rc = CLI_EXIT_DEVICE;
    }
    if (rc != CLI_EXIT_OK) {
        free(r.raw);
        free(r.count);
        free(pick);
        session_free(&s);
        return rc;
    }
    cli_catch_signals();
    term_open(&r.term);
    cli_put(stdout, "Recording %d cue%s of %s into %s.", npick, npick == 1 ? "" : "s", s.path, dir);
    int kept = 0, done = 0;
    for (; done < npick; done++) {
        int res = record_cue(&r, &s, &s.routine->cues[pick[done]], dir);
        if (res == CUE_KEPT)
            kept++;
        if (res >= CUE_QUIT) {
            rc = res == CUE_DEVICE  ? CLI_EXIT_DEVICE
                 : res == CUE_IO    ? CLI_EXIT_IO
                 : res == CUE_NOMEM ? CLI_EXIT_INVALID
                                    : CLI_EXIT_OK;
            break;
        }
    }
    term_close(&r.term);
    printf("\nKept %d of %d cue%s.\n", kept, npick, npick == 1 ? "" : "s");
    in_sdl_quit();
    free(r.raw);
    free(r.count);
    free(pick);
    session_free(&s);
    return rc;
}
