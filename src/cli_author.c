/* cli_author.c — the commands for people writing routines: plan, check,
 * cues and list. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "view_term.h"

static void plan_tsv(const struct session *s)
{
    const struct timeline *tl = &s->tl;
    const struct routine *r = s->routine;
    printf("frame\tseconds\tkind\tdetail\n");
    for (int i = 0; i < tl->nev; i++) {
        const struct tl_event *ev = &tl->ev[i];
        printf("%lld\t%.6f\t%s\t", (long long)ev->frame, (double)ev->frame / tl->rate,
               timeline_kind_name(ev->kind));
        switch (ev->kind) {
        case TL_STEP:
            printf("%d %s ", ev->arg + 1, r->steps[ev->arg].id);
            cli_print_field(r->steps[ev->arg].name);
            break;
        case TL_SIDE: printf("%s", script_side_name((enum side)ev->arg)); break;
        case TL_PHASE: {
            const struct tl_phase *p = &tl->ph[ev->arg];
            printf("%s %lld", timeline_phase_name(p->kind), (long long)(p->end - p->start));
            break;
        }
        case TL_CUE:
            printf("%s ", r->cues[ev->arg].id);
            cli_print_field(r->cues[ev->arg].text);
            break;
        case TL_CLICK: printf("%d", ev->arg); break;
        case TL_END: break;
        }
        putchar('\n');
    }
}

static void plan_text(const struct session *s)
{
    const struct timeline *tl = &s->tl;
    const struct routine *r = s->routine;
    char t[16];
    printf("%s — %s, %d steps, %d Hz\n", r->title, view_term_clock(t, tl->length, tl->rate),
           r->nsteps, tl->rate);
    int step = -2;
    int e = 0;
    for (int i = 0; i < tl->nph; i++) {
        const struct tl_phase *p = &tl->ph[i];
        double at = (double)p->start / tl->rate;
        if (p->step != step && p->kind != TLP_DONE) {
            step = p->step;
            if (step < 0) {
                printf("\n%3d:%06.3f  Introduction\n", (int)(at / 60), fmod(at, 60));
            } else {
                const struct script_step *st = &r->steps[step];
                printf("\n%3d:%06.3f  Step %d of %d: %s", (int)(at / 60), fmod(at, 60), step + 1,
                       r->nsteps, st->name);
                if (st->area)
                    printf(" [%s]", st->area);
                if (st->sides != SIDES_NONE)
                    printf(", %s", script_sides_name(st->sides));
                printf("\n");
            }
        } else if (p->kind == TLP_DONE) {
            printf("\n");
        }
        printf("%3d:%06.3f    %-6s %6.1f s", (int)(at / 60), fmod(at, 60),
               timeline_phase_name(p->kind), (double)(p->end - p->start) / tl->rate);
        if (p->side != SIDE_NONE)
            printf("  %-5s", script_side_name(p->side));
        if (p->kind == TLP_ROLL) {
            int64_t clicks = (p->end - p->start + p->pace - 1) / p->pace;
            printf("  %lld clicks %.3f s apart", (long long)clicks, (double)p->pace / tl->rate);
        }
        /* What is said while this phase plays. */
        while (e < tl->nev && tl->ev[e].frame < p->end) {
            const struct tl_event *ev = &tl->ev[e++];
            if (ev->kind == TL_CUE && ev->frame >= p->start)
                printf("  \"%s\"", r->cues[ev->arg].text);
        }
        printf("\n");
    }
    printf("%3d:%06.3f  End\n", (int)((double)tl->length / tl->rate / 60),
           fmod((double)tl->length / tl->rate, 60));
}

int cli_plan(char **names, int n, const struct args *a)
{
    (void)n;
    const char *name = names[0];
    struct session s;
    if (cli_load(&s, name, a, SESSION_MISSING_ERROR) != 0) {
        session_free(&s);
        return EXIT_INVALID;
    }
    if (a->tsv)
        plan_tsv(&s);
    else
        plan_text(&s);
    session_free(&s);
    return EXIT_OK;
}

int cli_check(char **names, int n, const struct args *a)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        struct session s;
        struct diags d = {0};
        struct session_opts o = {.rate = a->rate, .pace_ms = a->pace_ms, .voice_dir = a->voices};
        int rc = session_load(&s, names[i], &o, &d);
        diags_print(&d, stderr);
        if (rc == 0) {
            char t[16];
            printf("%s: ok, %d steps, %s%s\n", s.path, s.routine->nsteps,
                   view_term_clock(t, s.tl.length, s.tl.rate),
                   d.warnings ? " (with warnings)" : "");
        } else {
            printf("%s: %d error%s\n", s.path ? s.path : names[i], d.errors,
                   d.errors == 1 ? "" : "s");
            bad = 1;
        }
        diags_free(&d);
        session_free(&s);
    }
    return bad ? EXIT_INVALID : EXIT_OK;
}

int cli_cues(char **names, int n, const struct args *a)
{
    (void)n;
    const char *name = names[0];
    struct session s;
    if (cli_load(&s, name, a, SESSION_MISSING_QUIET) != 0) {
        session_free(&s);
        return EXIT_INVALID;
    }
    const struct routine *r = s.routine;
    for (int i = 0; i < r->ncues; i++) {
        const char *path = s.cue_paths[i];
        const char *status = !path ? "missing" : !s.cues[i].data ? "unreadable" : "found";
        if (a->missing && path)
            continue;
        if (a->tsv) {
            printf("%s\t%s\t", r->cues[i].id, path ? path : "");
            cli_print_field(r->cues[i].text);
            printf("\t%s\n", status);
        } else {
            printf("%-22s %-10s %6.1f s  %s\n", r->cues[i].id, status,
                   (double)s.cue_frames[i] / s.rate, r->cues[i].text);
        }
    }
    session_free(&s);
    return EXIT_OK;
}

/* Prints the .roll files in dir, marked with where they came from. */
static void list_dir(const char *dir, const char *from, int *shown)
{
    struct dirent **files;
    int n = scandir(dir, &files, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *f = files[i]->d_name;
        size_t len = strlen(f);
        if (len > 5 && strcmp(f + len - 5, ".roll") == 0) {
            char path[PATH_MAX + 256];
            snprintf(path, sizeof path, "%s/%s", dir, f);
            struct diags d = {0};
            struct routine *r = script_load(path, &d);
            int is_default = strcmp(from, "bundled") == 0 && strcmp(f, "default.roll") == 0;
            printf("%-16.*s %-8s %s%s\n", (int)(len - 5), f, from, r ? r->title : "(has errors)",
                   is_default ? "  (default)" : "");
            script_free(r);
            diags_free(&d);
            (*shown)++;
        }
        free(files[i]);
    }
    free(files);
}

int cli_list(char **names, int n, const struct args *a)
{
    (void)names, (void)n, (void)a;
    char bundled[PATH_MAX];
    snprintf(bundled, sizeof bundled, "%s/routines", session_data_dir());
    int shown = 0;
    /* Yours first: a name is looked up there before the bundled ones. */
    list_dir(session_user_dir(), "yours", &shown);
    list_dir(bundled, "bundled", &shown);
    printf("\nYour routines go in %s.\n", session_user_dir());
    if (!shown) {
        fprintf(stderr, "rollout: no routines found in %s.\n", bundled);
        return EXIT_INVALID;
    }
    return EXIT_OK;
}
