/* SPDX-License-Identifier: MIT */
/* cli_author.c — the commands for people writing routines: plan, check,
 * cues and list. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "compose.h"
#include "show.h"
#include "take.h"
#include "view_term.h"
#include "visible.h"
#include "xdg.h"

static void plan_tsv(const struct session *s, int64_t from)
{
    const struct timeline *tl = &s->tl;
    const struct routine *r = s->routine;
    printf("frame\tseconds\tkind\tdetail\n");
    for (int i = timeline_event_at(tl, from); i < tl->nev; i++) {
        const struct tl_event *ev = &tl->ev[i];
        printf("%lld\t%.6f\t%s\t", (long long)ev->frame, (double)ev->frame / tl->rate,
               timeline_kind_name(ev->kind));
        switch (ev->kind) {
        case TL_STEP:
            printf("%d %s ", ev->arg + 1, r->steps[ev->arg].id);
            cli_print_field(r->steps[ev->arg].name);
            break;
        case TL_SIDE:
            printf("%s", script_side_name((enum script_side)ev->arg));
            break;
        case TL_PHASE: {
            const struct tl_phase *p = &tl->ph[ev->arg];
            printf("%s %lld", timeline_phase_name(p->kind), (long long)(p->end - p->start));
            break;
        }
        case TL_CUE:
            printf("%s ", r->cues[ev->arg].id);
            cli_print_field(r->cues[ev->arg].text);
            break;
        case TL_CLICK:
            printf("%d", ev->arg);
            break;
        case TL_END:
            break;
        }
        putchar('\n');
    }
}

static void plan_text(const struct session *s, int64_t from)
{
    const struct timeline *tl = &s->tl;
    const struct routine *r = s->routine;
    char t[16];
    /* What the routine supplies goes through visible_put: a name or a
     * transcript cannot steer the terminal it is printed on. */
    visible_put(stdout, r->title);
    printf(" — %s, %d step%s, %d Hz\n", show_clock(t, sizeof t, tl->length, tl->rate), r->nsteps,
           r->nsteps == 1 ? "" : "s", tl->rate);
    if (s->fit) {
        char fit[512];
        compose_fit_describe(s->fit, fit, sizeof fit);
        printf("%c%s (--minutes)\n", toupper((unsigned char)fit[0]), fit + 1);
    }
    if (from > 0)
        printf("From %s (--start-at)\n", show_clock(t, sizeof t, from, tl->rate));
    int step = -2;
    int e = timeline_event_at(tl, from);
    for (int i = timeline_phase_at(tl, from); i < tl->nph; i++) {
        const struct tl_phase *p = &tl->ph[i];
        double at = (double)p->start / tl->rate;
        if (p->step != step && p->kind != TLP_DONE) {
            step = p->step;
            if (step < 0) {
                printf("\n%3d:%06.3f  Introduction\n", (int)(at / 60), fmod(at, 60));
            } else {
                const struct script_step *st = &r->steps[step];
                printf("\n%3d:%06.3f  Step %d of %d: ", (int)(at / 60), fmod(at, 60), step + 1,
                       r->nsteps);
                visible_put(stdout, st->name);
                if (st->area)
                    printf(" [%s]", st->area);
                if (st->sides != SCRIPT_SIDES_NONE)
                    printf(", %s", script_sides_name(st->sides));
                printf("\n");
            }
        } else if (p->kind == TLP_DONE) {
            printf("\n");
        }
        printf("%3d:%06.3f    %-6s %6.1f s", (int)(at / 60), fmod(at, 60),
               timeline_phase_name(p->kind), (double)(p->end - p->start) / tl->rate);
        if (p->side != SCRIPT_SIDE_NONE)
            printf("  %-5s", script_side_name(p->side));
        if (p->kind == TLP_ROLL) {
            int64_t clicks = (p->end - p->start + p->pace - 1) / p->pace;
            printf("  %lld clicks %.3f s apart", (long long)clicks, (double)p->pace / tl->rate);
        }
        int64_t was = p->src ? compose_fit_was(s->fit, p->src) : -1;
        if (was >= 0)
            printf("  (was %.0f s)", (double)was / 1000);
        /* What is said while this phase plays. */
        while (e < tl->nev && tl->ev[e].frame < p->end) {
            const struct tl_event *ev = &tl->ev[e++];
            if (ev->kind == TL_CUE && ev->frame >= p->start) {
                fputs("  \"", stdout);
                visible_put(stdout, r->cues[ev->arg].text);
                putchar('"');
            }
        }
        printf("\n");
    }
    printf("%3d:%06.3f  End\n", (int)((double)tl->length / tl->rate / 60),
           fmod((double)tl->length / tl->rate, 60));
}

int cli_plan(char **names, int n, const struct args *a)
{
    struct request q;
    cli_request(&q, a, n ? names[0] : NULL,
                a->draft ? SESSION_MISSING_DRAFT : SESSION_MISSING_WARN);
    struct session s;
    int64_t from;
    int rc = cli_load(&s, &q, &from);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (a->script)
        compose_write(stdout, s.routine);
    else if (a->tsv)
        plan_tsv(&s, from);
    else
        plan_text(&s, from);
    session_free(&s);
    return CLI_EXIT_OK;
}

/* Every error and warning of every routine named, in one run: as text, a
 * summary line per routine; or as one JSON document for tools. A cue not
 * recorded yet is only a warning here: authors check before they record. */
int cli_check(char **names, int n, const struct args *a)
{
    int json = a->format && strcmp(a->format, "json") == 0;
    struct diags all = {0};
    for (int i = 0; i < n; i++) {
        struct session s;
        struct diags d = {0};
        struct session_opts o = {.rate = a->rate,
                                 .pace_ms = a->pace_ms,
                                 .voice_dir = a->voices,
                                 .missing = SESSION_MISSING_WARN};
        int rc = session_load(&s, names[i], &o, json ? &all : &d);
        if (!json) {
            diags_print(&d, stderr);
            char t[16], w[48] = "";
            /* The true count, listed or not. */
            if (d.warnings)
                snprintf(w, sizeof w, ", with %d warning%s", d.warnings,
                         d.warnings == 1 ? "" : "s");
            visible_put(stdout, s.path ? s.path : names[i]);
            if (rc == 0)
                printf(": ok, %d step%s, %s%s\n", s.routine->nsteps,
                       s.routine->nsteps == 1 ? "" : "s",
                       show_clock(t, sizeof t, s.tl.length, s.tl.rate), w);
            else
                printf(": %d error%s%s\n", d.errors, d.errors == 1 ? "" : "s", w);
            all.errors += d.errors;
            all.warnings += d.warnings;
        }
        diags_free(&d);
        session_free(&s);
    }
    if (json)
        diags_print_json(&all, stdout);
    int rc = all.errors ? CLI_EXIT_INVALID : all.warnings ? CLI_EXIT_WARNINGS : CLI_EXIT_OK;
    diags_free(&all);
    return rc;
}

/* A cue's status for people: "found" says what made the file when it can
 * tell (rollout record and rollout voice tag their files). */
static const char *cue_status_text(const char *path, int readable)
{
    if (!path)
        return "missing";
    if (!readable)
        return "unreadable";
    switch (cues_file_source(path)) {
    case CUES_SOURCE_RECORDED:
        return "found (recorded)";
    case CUES_SOURCE_SYNTHETIC:
        return "found (synthetic)";
    default:
        return "found";
    }
}

/* A loaded cue's loudness by EBU R128 (take.h), stereo as its mean, so a
 * cue reads the same in mono or in stereo. TAKE_NO_FLOOR for silence or
 * when it cannot be measured. */
static double cue_lufs(const struct cue_audio *c, int rate)
{
    float *x = c->data && c->frames > 0 ? malloc((size_t)c->frames * sizeof *x) : NULL;
    struct take_loudness l = {TAKE_NO_FLOOR, TAKE_NO_FLOOR};
    if (!x)
        return TAKE_NO_FLOOR;
    for (int64_t i = 0; i < c->frames; i++) {
        const int16_t *f = c->data + i * c->channels;
        x[i] = c->channels == 2 ? (float)((f[0] + f[1]) / 65536.0) : (float)(f[0] / 32768.0);
    }
    take_measure(x, c->frames, rate, &l);
    free(x);
    return l.lufs;
}

int cli_cues(char **names, int n, const struct args *a)
{
    struct request q;
    cli_request(&q, a, n ? names[0] : NULL, SESSION_MISSING_QUIET);
    struct session s;
    int64_t from;
    int rc = cli_load(&s, &q, &from);
    if (rc != CLI_EXIT_OK)
        return rc;
    const struct routine *r = s.routine;
    int idw = 0, shown = 0, flagged = 0; /* the widest id: the columns line up whatever the ids */
    for (int i = 0; i < r->ncues; i++)
        if ((int)strlen(r->cues[i].id) > idw)
            idw = (int)strlen(r->cues[i].id);
    for (int i = 0; i < r->ncues; i++) {
        const char *path = s.cue_paths[i];
        const char *status = !path ? "missing" : !s.cues[i].data ? "unreadable" : "found";
        if (a->missing && path)
            continue;
        shown++;
        if (a->tsv) {
            printf("%s\t%s\t", r->cues[i].id, path ? path : "");
            cli_print_field(r->cues[i].text);
            printf("\t%s\n", status);
        } else {
            /* Loudness, and '!' for a cue more than TAKE_FLAG_LU off the
             * pack's: it would sound louder or softer than the rest. */
            double lufs = cue_lufs(&s.cues[i], s.rate);
            char loud[32] = "        -    ";
            if (lufs > TAKE_NO_FLOOR) {
                int off = fabs(lufs - TAKE_TARGET_LUFS) > TAKE_FLAG_LU;
                snprintf(loud, sizeof loud, "%6.1f LUFS%s", lufs, off ? "!" : " ");
                flagged += off;
            }
            printf("%-*s  %-17s %6.1f s %s  ", idw, r->cues[i].id,
                   cue_status_text(path, s.cues[i].data != NULL), (double)s.cue_frames[i] / s.rate,
                   loud);
            visible_put(stdout, r->cues[i].text);
            putchar('\n');
        }
    }
    if (flagged)
        printf("%d cue%s marked ! %s more than %g LU from the pack's %g LUFS: make %s again "
               "('rollout voice' or 'rollout record' with the cue's id).\n",
               flagged, flagged == 1 ? "" : "s", flagged == 1 ? "is" : "are", TAKE_FLAG_LU,
               TAKE_TARGET_LUFS, flagged == 1 ? "it" : "them");
    if (a->missing && !shown && !a->tsv) /* tools get no lines; people a sentence */
        cli_put(stdout, "Every cue of %s has a recording.", s.path);
    session_free(&s);
    return CLI_EXIT_OK;
}

/* Prints the .roll files in dir, marked with where they came from; with
 * tsv, only "name, where, path" a line, without loading them. */
static void list_dir(const char *dir, const char *from, int tsv, int *shown)
{
    struct dirent **files = NULL;
    int n = scandir(dir, &files, NULL, alphasort);
    if (n < 0) /* no such folder: nothing to list, and nothing to free */
        return;
    for (int i = 0; i < n; i++) {
        const char *f = files[i]->d_name;
        size_t len = strlen(f);
        if (len > 5 && strcmp(f + len - 5, ".roll") == 0) {
            char path[PATH_MAX + 256];
            snprintf(path, sizeof path, "%s/%s", dir, f);
            if (tsv) { /* names only, at once: shell completion asks for these */
                printf("%.*s\t%s\t", (int)(len - 5), f, from);
                cli_print_field(path);
                putchar('\n');
                (*shown)++;
                free(files[i]);
                continue;
            }
            /* Its length needs its cues' lengths: loaded as play loads them. */
            struct diags d = {0};
            struct session s;
            struct session_opts o = {.rate = 48000, .missing = SESSION_MISSING_WARN};
            int ok = session_load(&s, path, &o, &d) == 0;
            int is_default = strcmp(from, "bundled") == 0 && strcmp(f, "default.roll") == 0;
            char t[16];
            printf("%-16.*s %-8s %7s  %s%s\n", (int)(len - 5), f, from,
                   ok ? show_clock(t, sizeof t, s.tl.length, s.rate) : "",
                   ok ? s.routine->title : "(has errors)", is_default ? "  (default)" : "");
            session_free(&s);
            diags_free(&d);
            (*shown)++;
        }
        free(files[i]);
    }
    free(files);
}

int cli_list(char **names, int n, const struct args *a)
{
    (void)names, (void)n;
    if (a->areas)
        return cli_list_areas();
    char bundled[PATH_MAX];
    snprintf(bundled, sizeof bundled, "%s/routines", session_data_dir());
    int shown = 0;
    /* Yours first: a name is looked up there before the bundled ones. */
    list_dir(session_user_dir(), "yours", a->tsv, &shown);
    list_dir(bundled, "bundled", a->tsv, &shown);
    if (!a->tsv)
        cli_put(stdout, "\nYour routines go in %s.", session_user_dir());
    if (!shown) {
        cli_say("no routines found in %s", bundled);
        return CLI_EXIT_INVALID;
    }
    return CLI_EXIT_OK;
}

/* The template 'rollout new' writes; {name} is the routine's name, {id} the
 * prefix of its cue ids, {audio} the folder its recordings go in. What it
 * points to is installed with rollout (the manual page, not the source
 * tree's docs/), and its words are true wherever its step ends up. */
static const char template_text[] =
    "# {name}.roll: a routine of your own. Lines starting with # are comments.\n"
    "# 'man rollout-routine' describes every statement; 'rollout check {name}' checks it,\n"
    "# 'rollout plan {name}' shows its timing and 'rollout play {name}' plays it.\n"
    "#\n"
    "# Every spoken line is a cue: an id, then the words in quotes. The id names\n"
    "# the recording, {audio}/ID.flac. Until there is one, 'rollout check' warns\n"
    "# that it is missing. Record your own voice with 'rollout record {name}', or make\n"
    "# synthetic ones to hear it at once with 'rollout voice {name}'; or play it\n"
    "# with a silent slot for each: 'rollout play --draft {name}'.\n"
    "\n"
    "routine \"{title}\"\n"
    "about   \"What this routine is for, in a sentence.\"\n"
    "ball    lacrosse    # tennis, lacrosse, baseball, golf, roller, or any text\n"
    "pace    1s          # one click a second: roll one inch per click\n"
    "\n"
    "# Before the first step: an introduction.\n"
    "say {id}.welcome \"Sit on the floor, with the ball beside you.\"\n"
    "\n"
    "# One step per muscle. sides=both does the left side, says to switch, then\n"
    "# does the right. area= is what the window highlights.\n"
    "step calves \"Calves\"  area=calf  sides=both\n"
    "  announce {id}.calves \"Now, your calves.\"\n"
    "  say      {id}.calves.setup \"Sit with one leg straight. Put the ball under that calf.\"\n"
    "  roll 45s {id}.calves.roll \"Roll slowly up and down the calf, one inch each click.\"\n"
    "  hold 20s {id}.calves.hold \"Found a sore spot? Stay on it, and let the muscle relax.\"\n"
    "  roll 20s\n"
    "\n"
    "# Add more steps here: step, then its say, roll, hold and rest lines.\n";

/* Copies the template into out with its {name} (the file's), {title},
 * {id} and {audio} filled. */
static void fill_template(char *out, size_t size, const char *name, const char *title,
                          const char *id, const char *audio)
{
    static const char *const keys[] = {"{name}", "{title}", "{id}", "{audio}"};
    const char *values[] = {name, title, id, audio};
    size_t n = 0;
    for (const char *p = template_text; *p && n + 1 < size;) {
        int k = 0;
        while (k < 4 && strncmp(p, keys[k], strlen(keys[k])) != 0)
            k++;
        if (k < 4) {
            for (const char *v = values[k]; *v && n + 1 < size; v++)
                out[n++] = *v;
            p += strlen(keys[k]);
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = 0;
}

/* Creates the folders of path that are missing, like mkdir -p. */
static int make_dirs(const char *dir)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* Writes text to path, which must not exist yet: to a temporary name first,
 * then linked into place, which fails rather than replace a file. */
static int write_new_file(const char *path, const char *text, char *err, size_t errlen)
{
    char tmp[PATH_MAX + 300];
    snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    size_t len = strlen(text);
    int ok = write(fd, text, len) == (ssize_t)len && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
    ok &= close(fd) == 0;
    if (!ok)
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
    else if (link(tmp, path) != 0) {
        snprintf(err, errlen,
                 errno == EEXIST ? "'%s' already exists; pick another name"
                                 : "cannot write '%s': %s",
                 path, strerror(errno));
        ok = 0;
    }
    unlink(tmp);
    return ok ? 0 : -1;
}

/* A file name a shell takes as it is: "My Routine!" is my-routine.
 * Letters and digits are kept (lower case), as are '.', '_' and '-' and
 * any byte of a UTF-8 letter; anything else becomes one '-'. */
static void file_name(char *out, size_t size, const char *name)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && k + 1 < size; p++) {
        if (isalnum(*p) || *p >= 0x80 || ((*p == '_' || *p == '.' || *p == '-') && k))
            out[k++] = (char)tolower(*p);
        else if (k && out[k - 1] != '-')
            out[k++] = '-';
    }
    while (k && (out[k - 1] == '-' || out[k - 1] == '.'))
        k--;
    out[k] = 0;
}

/* s quoted for a shell when it must be: inside '...', with ' as '\''. */
static void shell_word(char *out, size_t size, const char *s)
{
    if (s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+,:@%")] ==
        0) {
        snprintf(out, size, "%s", s);
        return;
    }
    size_t k = 0;
    out[k++] = '\'';
    for (; *s && k + 5 < size; s++) {
        if (*s == '\'') {
            memcpy(out + k, "'\\''", 4);
            k += 4;
        } else {
            out[k++] = *s;
        }
    }
    out[k++] = '\'';
    out[k] = 0;
}

int cli_new(char **names, int n, const struct args *a)
{
    (void)n, (void)a;
    const char *name = names[0];
    char path[PATH_MAX + 256], dir[PATH_MAX], base[128], title[256];
    int len;
    /* The name becomes the routine's title, its file's name and its cue
     * ids: a control character in any of them would make a template that
     * fails its own check, or a file name no terminal shows truly. */
    if (visible_has_control(name)) {
        cli_usage_error("a routine's name cannot hold control characters, as '%s' does", name);
        return CLI_EXIT_USAGE;
    }
    if (!strchr(name, '/') && !session_user_dir()[0]) {
        char err[256];
        xdg_check(session_user_dir(), err, sizeof err);
        cli_say("cannot keep a routine of your own: %s", err);
        return CLI_EXIT_IO;
    }
    if (strchr(name, '/')) { /* a path: the file is written there, as named */
        int has_ext = strlen(name) > 5 && strcmp(name + strlen(name) - 5, ".roll") == 0;
        len = snprintf(path, sizeof path, "%s%s", name, has_ext ? "" : ".roll");
        snprintf(dir, sizeof dir, "%.*s", (int)(strrchr(path, '/') - path), path);
    } else { /* a name: one of your routines, in a file named for it */
        char file[128];
        file_name(file, sizeof file, name);
        if (strlen(file) > 5 && strcmp(file + strlen(file) - 5, ".roll") == 0)
            file[strlen(file) - 5] = 0;
        snprintf(dir, sizeof dir, "%s", session_user_dir());
        len = snprintf(path, sizeof path, "%s/%s.roll", dir, file);
    }
    if (len < 0 || (size_t)len >= sizeof path || strlen(strrchr(path, '/') + 1) >= sizeof base) {
        cli_usage_error("'%s' is too long a name for a routine", name);
        return CLI_EXIT_USAGE;
    }
    const char *slash = strrchr(path, '/');
    snprintf(base, sizeof base, "%.*s", (int)(strlen(slash + 1) - 5), slash + 1);
    if (!base[0]) {
        cli_usage_error("'new' needs a name for the routine, not '%s'", name);
        return CLI_EXIT_USAGE;
    }
    /* The title is the name as given (a path: the file's name), with no
     * quote to end the string early. */
    snprintf(title, sizeof title, "%s", strchr(name, '/') ? base : name);
    for (char *q = title; *q; q++)
        if (*q == '"' || *q == '\n' || *q == '\t')
            *q = *q == '"' ? '\'' : ' ';
    /* Cue ids start with a letter and hold letters, digits, '.', '_', '-'. */
    char prefix[sizeof base + 1];
    int k = 0;
    if (!isalpha((unsigned char)base[0]))
        prefix[k++] = 'r';
    for (const char *p = base; *p && k < (int)sizeof prefix - 1; p++)
        prefix[k++] =
            isalnum((unsigned char)*p) || *p == '_' || *p == '-' ? (char)tolower(*p) : '-';
    prefix[k] = 0;

    char audio[PATH_MAX + 8];
    snprintf(audio, sizeof audio, "%s/audio", dir);
    char text[sizeof template_text + 8 * PATH_MAX];
    char shown[2 * PATH_MAX];
    shell_word(shown, sizeof shown, strchr(name, '/') ? path : base);
    fill_template(text, sizeof text, strchr(name, '/') ? base : shown, title, prefix, audio);
    char err[2 * PATH_MAX];
    if (make_dirs(dir) != 0) {
        cli_say("cannot make the folder '%s': %s", dir, strerror(errno));
        return CLI_EXIT_IO;
    }
    if (write_new_file(path, text, err, sizeof err) != 0) {
        cli_say("%s", err);
        return CLI_EXIT_IO;
    }
    /* The path holds the folder from the environment as well as the name. */
    fputs("Wrote ", stdout);
    visible_put(stdout, path);
    fputs("\nNext: edit it, then check it with\n    rollout check ", stdout);
    visible_put(stdout, shown);
    putchar('\n');
    return CLI_EXIT_OK;
}
