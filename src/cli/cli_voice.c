/* SPDX-License-Identifier: MIT */
/* cli_voice.c — rollout voice: synthetic recordings for a routine's cues, so
 * that a routine just written can be heard at once. For each cue with no
 * recording (or each cue named): the best offline speech synthesiser on the
 * machine speaks its transcript into a temporary WAV file, as a separate
 * program, at authoring time only (play never synthesises); the take module
 * trims it and sets its loudness exactly as it does a person's take; the
 * cue is written through the safe-write module into the folder record uses,
 * as <id>.flac, tagged "rollout voice: SYNTHESISER VOICE" so that `cues`
 * says found (synthetic) and record or voice may replace it later.
 *
 * A person's recording (anything not synthetic) is never replaced unless
 * its cue is named and --force given. */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "take.h"
#include "term.h"

extern char **environ;

/* The synthesisers, best first: festival with the HTS voice the bundled pack
 * is made with, then flite (whose slt is the same speaker, smaller), then
 * espeak-ng (clear but robotic). */
enum tts_kind { TTS_FESTIVAL, TTS_FLITE, TTS_ESPEAK };

/* Their names, as --tts takes them (the option table's choices). */
const char *const cli_tts_names[] = {"festival", "flite", "espeak-ng", NULL};

static const struct tts {
    enum tts_kind kind;
    const char *name;     /* as --tts takes it */
    const char *program;  /* what must be on PATH */
    const char *packages; /* Debian packages that install it and its default voice */
    const char *voice;    /* its default voice */
} tts_list[] = {
    {TTS_FESTIVAL, "festival", "text2wave", "festival festvox-us-slt-hts", "cmu_us_slt_arctic_hts"},
    {TTS_FLITE, "flite", "flite", "flite", "slt"},
    {TTS_ESPEAK, "espeak-ng", "espeak-ng", "espeak-ng", "en-us"},
};
#define NTTS ((int)(sizeof tts_list / sizeof tts_list[0]))

/* ---- running a synthesiser ---- */

static int on_path(const char *program)
{
    const char *path = getenv("PATH");
    char dir[PATH_MAX + 256];
    for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
        size_t n = strcspn(p, ":");
        snprintf(dir, sizeof dir, "%.*s/%s", (int)n, n ? p : ".", program);
        if (access(dir, X_OK) == 0)
            return 1;
        p += n + (p[n] == ':');
    }
    return 0;
}

/* Runs argv with no input and its output and errors into log (or nowhere).
 * Its exit status, or -1 when it could not be started or was killed. A
 * signal to rollout stops it too. */
static int run(char *const argv[], const char *log)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, log ? log : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return -1;
    int status, killed = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
        if (cli_signal && !killed) {
            kill(pid, SIGTERM);
            killed = 1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Whether the synthesiser has the voice. festival's voices are folders
 * under its voices/ tree; flite lists its own; espeak-ng is asked to say
 * nothing with it, which fails for a voice it lacks. */
static int has_voice(const struct tts *t, const char *voice)
{
    if (strchr(voice, '"') || strchr(voice, '(') || strchr(voice, ')'))
        return 0; /* festival would read it as Scheme */
    switch (t->kind) {
    case TTS_FESTIVAL: {
        char pat[512];
        snprintf(pat, sizeof pat, "/usr/share/festival/voices/*/%s", voice);
        glob_t g;
        int found = glob(pat, 0, NULL, &g) == 0 && g.gl_pathc > 0;
        globfree(&g);
        return found;
    }
    case TTS_FLITE: {
        if (strchr(voice, '/'))
            return access(voice, R_OK) == 0; /* a .flitevox file */
        FILE *p = popen("flite -lv 2>/dev/null", "r");
        char line[1024] = "", word[64];
        int found = 0;
        if (!p)
            return 0;
        while (fgets(line, sizeof line, p)) {
            for (char *w = strtok(line, " \n"); w; w = strtok(NULL, " \n")) {
                snprintf(word, sizeof word, "%s", w);
                found |= strcmp(word, voice) == 0;
            }
        }
        pclose(p);
        return found;
    }
    case TTS_ESPEAK: {
        char v[256], q[] = "-q", dv[] = "-v", empty[] = "", prog[] = "espeak-ng";
        snprintf(v, sizeof v, "%s", voice);
        char *argv[] = {prog, q, dv, v, empty, NULL};
        return run(argv, NULL) == 0;
    }
    }
    return 0;
}

/* The synthesiser to use: --tts, else the first installed with its
 * default voice. NULL after saying why (*rc the exit code). */
static const struct tts *choose_tts(const struct args *a, int *rc)
{
    if (a->tts) { /* one of cli_tts_names: the option table checked it */
        for (int i = 0; i < NTTS; i++) {
            const struct tts *t = &tts_list[i];
            if (strcmp(a->tts, t->name) != 0)
                continue;
            if (!on_path(t->program)) {
                fprintf(stderr,
                        "rollout: the speech synthesiser %s is not installed; install the "
                        "Debian package%s %s.\n",
                        t->name, strchr(t->packages, ' ') ? "s" : "", t->packages);
                *rc = CLI_EXIT_NO_TTS;
                return NULL;
            }
            return t;
        }
    }
    for (int i = 0; i < NTTS; i++)
        if (on_path(tts_list[i].program) && has_voice(&tts_list[i], tts_list[i].voice))
            return &tts_list[i];
    fprintf(stderr, "rollout: no speech synthesiser is installed; install the Debian packages "
                    "festival and festvox-us-slt-hts (or flite, or espeak-ng).\n");
    *rc = CLI_EXIT_NO_TTS;
    return NULL;
}

/* ---- one cue ---- */

enum { MADE, FAILED, WRITE_FAILED, NOMEM };

/* The synthesiser's first line of complaint, for a message. */
static void first_line(const char *log, char *out, size_t len)
{
    FILE *f = fopen(log, "r");
    out[0] = 0;
    if (f) {
        while (fgets(out, (int)len, f) && strspn(out, " \t\r\n") == strlen(out))
            ;
        fclose(f);
    }
    out[strcspn(out, "\r\n")] = 0;
    cli_clause(out);
}

static int make_cue(const struct tts *t, const char *voice, const struct script_cue *cue,
                    const char *work, const char *path, const char *software)
{
    char text[PATH_MAX + 16], wav[PATH_MAX + 16], log[PATH_MAX + 16], err[512];
    snprintf(text, sizeof text, "%s/text.txt", work);
    snprintf(wav, sizeof wav, "%s/cue.wav", work);
    snprintf(log, sizeof log, "%s/log.txt", work);
    FILE *f = fopen(text, "w");
    if (!f || fprintf(f, "%s\n", cue->text) < 0 || fclose(f) != 0) {
        cli_say("cannot write %s: %s", text, strerror(errno));
        return WRITE_FAILED;
    }
    unlink(wav);
    /* Writable copies: exec's argv is char *const[]. */
    char eval[300], v[256];
    char text2wave[] = "text2wave", o_eval[] = "-eval", o_o[] = "-o", o_f[] = "-f";
    char flite_p[] = "flite", o_voice[] = "-voice", espeak_p[] = "espeak-ng", o_v[] = "-v",
         o_w[] = "-w";
    snprintf(eval, sizeof eval, "(voice_%s)", voice);
    snprintf(v, sizeof v, "%s", voice);
    char *fest[] = {text2wave, o_eval, eval, o_o, wav, text, NULL};
    char *flite[] = {flite_p, o_voice, v, o_f, text, o_o, wav, NULL};
    char *espeak[] = {espeak_p, o_v, v, o_f, text, o_w, wav, NULL};
    char *const *argv = t->kind == TTS_FESTIVAL ? fest : t->kind == TTS_FLITE ? flite : espeak;
    int st = run(argv, log);
    struct cue_audio raw = {0};
    enum cues_result lr =
        st == 0 ? cues_load_file(wav, TAKE_RATE, &raw, err, sizeof err) : CUES_NOT_FOUND;
    if (st != 0 || lr != CUES_OK) {
        char why[256];
        first_line(log, why, sizeof why);
        fprintf(stderr, "rollout: cue '%s': %s made no audio%s%s.\n", cue->id, t->name,
                why[0] ? ": " : "", why);
        cues_free(&raw);
        return lr == CUES_NOMEM ? NOMEM : FAILED;
    }
    float *x = malloc((size_t)raw.frames * sizeof *x);
    if (!x) {
        cues_free(&raw);
        return NOMEM;
    }
    for (int64_t i = 0; i < raw.frames; i++) {
        const int16_t *s = raw.data + i * raw.channels;
        x[i] = raw.channels == 2 ? (float)((s[0] + s[1]) / 65536.0) : (float)(s[0] / 32768.0);
    }
    struct take tk;
    enum take_result tr = take_process(x, raw.frames, TAKE_RATE, TAKE_NO_FLOOR, &tk);
    free(x);
    cues_free(&raw);
    if (tr != TAKE_OK) {
        if (tr == TAKE_SILENT)
            fprintf(stderr, "rollout: cue '%s': %s made only silence.\n", cue->id, t->name);
        return tr == TAKE_NOMEM ? NOMEM : FAILED;
    }
    enum cues_result w =
        cues_write_file(path, tk.data, tk.frames, TAKE_RATE, cue->text, software, err, sizeof err);
    take_free(&tk);
    if (w != CUES_OK) {
        cli_say("%s", err);
        return WRITE_FAILED;
    }
    return MADE;
}

/* ---- the command ---- */

/* A person's recording of the cue in dir (any format rollout plays, and
 * anything not made by a synthesiser): its path in out, or 0. */
static int persons_recording(const char *dir, const char *id, char *out, size_t len)
{
    for (const char *const *ext = cues_extensions; *ext; ext++) {
        struct stat st;
        snprintf(out, len, "%s/%s.%s", dir, id, *ext);
        if (stat(out, &st) == 0 && cues_file_source(out) != CUES_SOURCE_SYNTHETIC)
            return 1;
    }
    return 0;
}

int cli_voice(char **names, int n, const struct args *a)
{
    int rc = CLI_EXIT_OK;
    const struct tts *t = choose_tts(a, &rc);
    if (!t)
        return rc;
    const char *voice = a->tts_voice ? a->tts_voice : t->voice;
    if (!has_voice(t, voice)) {
        if (a->tts_voice) {
            cli_usage_error("%s has no voice '%s'", t->name, voice);
            return CLI_EXIT_USAGE;
        }
        fprintf(stderr,
                "rollout: %s is installed without its voice %s; install the Debian "
                "packages %s.\n",
                t->name, voice, t->packages);
        return CLI_EXIT_NO_TTS;
    }

    struct session s;
    int *pick, npick;
    char dir[PATH_MAX + 16];
    rc = cli_record_begin(&s, names, n, a, "make", &pick, &npick, dir, sizeof dir);
    if (rc != CLI_EXIT_OK || npick == 0)
        return rc;

    /* A person's recording is asked about by name, before anything is made. */
    char other[PATH_MAX + 64];
    for (int k = 0; k < npick && !a->force; k++) {
        const char *id = s.routine->cues[pick[k]].id;
        if (persons_recording(dir, id, other, sizeof other)) {
            fprintf(stderr,
                    "rollout: %s is a person's recording, and voice does not replace it "
                    "(add --force to replace it all the same).\n",
                    other);
            rc = CLI_EXIT_USAGE;
            goto done;
        }
    }

    char workdir[PATH_MAX];
    if (cli_temp_dir(workdir, sizeof workdir, "rollout-voice") != 0) {
        fprintf(stderr, "rollout: cannot make a temporary folder: %s.\n", strerror(errno));
        rc = CLI_EXIT_IO;
        goto done;
    }
    char software[256];
    snprintf(software, sizeof software, "%s: %s %s", CUES_VOICE_SOFTWARE, t->name, voice);
    cli_catch_signals();
    const int live = term_redraws(STDOUT_FILENO);
    int made = 0, failed = 0;
    for (int k = 0; k < npick && !cli_signal; k++) {
        const struct script_cue *cue = &s.routine->cues[pick[k]];
        if (live) {
            printf("\r\033[K%d/%d %s", k + 1, npick, cue->id);
            fflush(stdout);
        }
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/%s.flac", dir, cue->id);
        int res = make_cue(t, voice, cue, workdir, path, software);
        if (live && res != MADE)
            printf("\n");
        if (res == MADE) {
            made++;
            if (a->force && persons_recording(dir, cue->id, other, sizeof other))
                printf("%sNote: %s is there too; rollout plays the .flac first.\n",
                       live ? "\r\033[K" : "", other);
        } else if (res == FAILED) {
            failed++;
        } else {
            if (res == NOMEM)
                fprintf(stderr, "rollout: out of memory.\n");
            rc = res == NOMEM ? CLI_EXIT_INVALID : CLI_EXIT_IO;
            break;
        }
    }
    if (live)
        printf("\r\033[K");
    char f[PATH_MAX + 32];
    const char *left[] = {"text.txt", "cue.wav", "log.txt"};
    for (int i = 0; i < 3; i++) {
        snprintf(f, sizeof f, "%s/%s", workdir, left[i]);
        unlink(f);
    }
    rmdir(workdir);
    printf("Made %d of %d synthetic cue%s for %s in %s, with %s (voice %s)%s%s.\n", made, npick,
           npick == 1 ? "" : "s", s.path, dir, t->name, voice, failed ? "; failed: " : "",
           failed ? "see above" : "");
    if (cli_signal) {
        session_free(&s);
        free(pick);
        return cli_die_of_signal();
    }
    if (rc == CLI_EXIT_OK && failed)
        rc = CLI_EXIT_INVALID;
    if (rc == CLI_EXIT_OK)
        printf("Hear it: rollout play %s\n", names[0]);
done:
    free(pick);
    session_free(&s);
    return rc;
}
