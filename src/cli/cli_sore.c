/* SPDX-License-Identifier: MIT */
/* cli_sore.c — "roll what is sore today" on the command line: --areas and
 * --minutes for every command that loads a session, `rollout list --areas`,
 * and the --ask prompt. The composing itself is compose.c's. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_state.h"
#include "compose.h"
#include "control.h"
#include "view_sdl.h"
#include "show.h"
#include "resume.h"
#include "visible.h"

/* Every routine's name and areas, yours then the bundled ones. */
struct covered {
    char name[256];
    unsigned char areas[64];
};

static int scan(const char *dir, struct covered **v, int n)
{
    struct dirent **files;
    int nf = scandir(dir, &files, NULL, alphasort);
    for (int i = 0; i < nf; i++) {
        const char *f = files[i]->d_name;
        size_t len = strlen(f);
        if (len > 5 && len < 255 && strcmp(f + len - 5, ".roll") == 0) {
            char path[PATH_MAX + 256];
            snprintf(path, sizeof path, "%s/%s", dir, f);
            struct diags d = {0};
            struct routine *r = script_load(path, &d);
            diags_free(&d);
            struct covered *w = r ? realloc(*v, ((size_t)n + 1) * sizeof **v) : NULL;
            if (w) {
                *v = w;
                memset(&w[n], 0, sizeof w[n]);
                snprintf(w[n].name, sizeof w[n].name, "%.*s", (int)(len - 5), f);
                compose_routine_areas(r, w[n].areas);
                n++;
            }
            script_free(r);
        }
        free(files[i]);
    }
    if (nf >= 0)
        free(files);
    return n;
}

static int scan_all(struct covered **v)
{
    char bundled[PATH_MAX];
    snprintf(bundled, sizeof bundled, "%s/routines", session_data_dir());
    *v = NULL;
    int n = scan(session_user_dir(), v, 0);
    return scan(bundled, v, n);
}

int cli_list_areas(void)
{
    struct covered *v;
    int n = scan_all(&v);
    printf("%-16s %-12s %s\n", "area", "key", "routines with a step for it");
    for (int a = 0; a < area_count; a++) {
        printf("%-16s %-12s ", compose_area_plural(a), area_keys[a]);
        int shown = 0;
        for (int i = 0; i < n; i++)
            if (v[i].areas[a]) {
                printf("%s", shown++ ? ", " : "");
                visible_put(stdout, v[i].name);
            }
        printf("%s\n", shown ? "" : "(none yet)");
    }
    printf("\nName them with --areas, e.g. rollout play --areas calves,hamstrings --minutes 8\n");
    free(v);
    return CLI_EXIT_OK;
}

const char *cli_ask_areas(void)
{
    static char line[512];
    if (!isatty(STDIN_FILENO)) {
        fprintf(stderr,
                "rollout: --ask needs a terminal to ask on; name the areas with --areas.\n");
        return NULL;
    }
    struct covered *v;
    int n = scan_all(&v);
    printf("Which areas are sore today? Type them, separated by commas:\n ");
    int col = 1, listed = 0;
    for (int a = 0; a < area_count; a++) {
        int any = 0;
        for (int i = 0; i < n; i++)
            any |= v[i].areas[a];
        if (!any)
            continue;
        const char *name = compose_area_plural(a);
        if (listed++)
            col += printf(",");
        if (col + (int)strlen(name) + 2 > 76) {
            printf("\n ");
            col = 1;
        }
        col += printf(" %s", name);
    }
    free(v);
    printf("\n(Enter alone: the default routine.)\n");
    for (;;) {
        printf("areas> ");
        fflush(stdout);
        if (!fgets(line, sizeof line, stdin) || cli_signal)
            return NULL;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[strspn(line, " ,")])
            return "";
        unsigned char set[64];
        char err[512];
        if (compose_parse_areas(line, set, err, sizeof err) >= 0)
            return line;
        printf("%s\n", err);
    }
}

void cli_announce(const struct session *s)
{
    char t[16];
    fputs("rollout: ", stderr);
    visible_put(stderr, s->routine->title);
    /* To the nearest second, as the fit that made it: 2:59.9 is 3:00. */
    fprintf(stderr, ", %s", show_clock(t, sizeof t, s->tl.length + s->rate / 2, s->rate));
    if (s->fit && s->fit->met) {
        char fit[512];
        compose_fit_describe(s->fit, fit, sizeof fit);
        fprintf(stderr, " (%s)", fit);
    }
    fputs(".\n", stderr);
}

/* ---- the window's start screen ---- */

void cli_covered_areas(unsigned char set[])
{
    struct covered *v;
    int n = scan_all(&v);
    memset(set, 0, VIEW_SDL_AREAS);
    for (int i = 0; i < n; i++)
        for (int a = 0; a < area_count && a < VIEW_SDL_AREAS; a++)
            set[a] |= v[i].areas[a];
    free(v);
}

/* The last choice made on the start screen: the start screen opens with
 * it, in this session (Again) and the next (rollout.conf's start-areas and
 * start-minutes). */
static struct view_sdl_choice last_choice;
static int last_known;

static void remember(const struct view_sdl_choice *ch)
{
    last_choice = *ch;
    last_known = 1;
    char list[512] = "", minutes[16];
    for (int i = 0; i < area_count; i++)
        if (ch->areas[i]) {
            size_t n = strlen(list);
            snprintf(list + n, sizeof list - n, "%s%s", n ? "," : "", area_keys[i]);
        }
    snprintf(minutes, sizeof minutes, "%d", ch->minutes);
    cli_settings_remember("start-areas", list[0] ? list : NULL);
    cli_settings_remember("start-minutes", ch->minutes ? minutes : NULL);
}

static const struct view_sdl_choice *recall(const struct args *a)
{
    if (!last_known) {
        last_known = 1;
        char err[256];
        unsigned char set[VIEW_SDL_AREAS] = {0};
        /* A list that no longer reads (an area renamed) is simply not shown. */
        if (a->start_areas && a->start_areas[0] &&
            compose_parse_areas(a->start_areas, set, err, sizeof err) > 0)
            memcpy(last_choice.areas, set, sizeof set);
        last_choice.minutes = a->start_minutes;
    }
    return &last_choice;
}

/* The request for a choice: the areas marked as --areas would give them,
 * the minutes as --minutes, on top of what the command line asked for;
 * nothing marked is the default routine. The list is kept in list. */
static void choice_request(const struct view_sdl_choice *ch, const struct request *q,
                           struct request *b, char *list, size_t size)
{
    *b = *q;
    list[0] = 0;
    for (int i = 0; i < area_count; i++)
        if (ch->areas[i]) {
            size_t n = strlen(list);
            snprintf(list + n, size - n, "%s%s", n ? "," : "", area_keys[i]);
        }
    b->routine = NULL;
    b->areas = list[0] ? list : NULL;
    b->minutes = ch->minutes;
}

/* The areas of the request being played, kept for as long as it plays. */
static char chosen_list[512];

/* The place kept when a session was stopped, said for the start screen's
 * offer ("Calves, left side"); "" when there is none to go on from. */
static void kept_place(char *where, size_t len)
{
    char path[4096];
    struct resume_point p;
    where[0] = 0;
    if (resume_load(resume_path(path, sizeof path), &p) != 0)
        return;
    snprintf(where, len, "%s%s", p.name[0] ? p.name : p.step,
             p.side == SCRIPT_SIDE_LEFT    ? ", left side"
             : p.side == SCRIPT_SIDE_RIGHT ? ", right side"
                                           : "");
}

int cli_start_screen(struct view_sdl *win, struct control *c, struct session *s, struct engine **e,
                     struct request *q, const struct args *a)
{
    unsigned char covered[VIEW_SDL_AREAS];
    cli_covered_areas(covered);
    /* --minutes on the command line is the length it opens with. */
    struct view_sdl_choice first = *recall(a);
    if (q->minutes > 0 && first.minutes == 0)
        first.minutes = (int)(q->minutes + 0.5);
    view_sdl_choose(win, covered, &first);
    view_sdl_again_chooses(win, covered, &first);
    char where[300];
    kept_place(where, sizeof where);
    view_sdl_offer_place(win, where);
    for (;;) {
        if (cli_signal && !c->quit)
            control_quit(c);
        if (c->quit)
            return CLI_EXIT_OK;
        view_sdl_poll(win, 100);
        struct view_sdl_choice ch;
        if (!view_sdl_chosen(win, &ch))
            continue;
        view_sdl_offer_place(win, NULL); /* taken or passed by: offered once */
        struct request b;
        static char kept[4096];
        if (ch.resume) {
            b = *q;
            if (cli_resume_request(&b, 0, kept, sizeof kept) != CLI_EXIT_OK)
                return CLI_EXIT_OK; /* said; the default routine, then */
            b.areas = NULL;
            b.minutes = 0;
        } else {
            remember(&ch);
            view_sdl_again_chooses(win, covered, &ch);
            choice_request(&ch, q, &b, chosen_list, sizeof chosen_list);
            if (!b.areas && b.minutes == 0)
                return CLI_EXIT_OK; /* the default routine, loaded already */
        }
        /* Nothing pulls the engine yet: the session and its engine are
         * simply made again, and the control with them. */
        engine_free(*e);
        control_free(c);
        session_free(s);
        int rc = cli_prepare(s, e, &b, a);
        if (rc == CLI_EXIT_OK)
            *q = b;
        else /* said on stderr; the default routine, then */
            rc = cli_prepare(s, e, q, a);
        if (rc != CLI_EXIT_OK) {
            *e = NULL;
            return rc;
        }
        control_init(c, *e, &s->tl, s->cue_frames, 2 * (int64_t)a->buffer,
                     a->gain_db[ENGINE_MASTER], a->mute[ENGINE_CLICK]);
        if (s->composed)
            cli_announce(s);
        return CLI_EXIT_OK;
    }
}

/* Again, chosen on the start screen while the last session's sound is
 * still open: its new session waits here until the engine plays again. */
static struct session *again_next;

void cli_again(struct view_sdl *win, struct control *c, struct session **s, struct session **old,
               struct request *q)
{
    static struct request again_q;
    static char again_list[512];
    struct view_sdl_choice ch;
    if (!again_next && view_sdl_chosen(win, &ch)) {
        remember(&ch);
        unsigned char covered[VIEW_SDL_AREAS];
        cli_covered_areas(covered);
        view_sdl_again_chooses(win, covered, &ch);
        choice_request(&ch, q, &again_q, again_list, sizeof again_list);
        int64_t start;
        again_next = calloc(1, sizeof *again_next);
        if (again_next && cli_load(again_next, &again_q, &start) != CLI_EXIT_OK) {
            free(again_next);
            again_next = NULL;
        }
        if (again_next && again_next->composed)
            cli_announce(again_next);
        /* An ended engine takes no new session: it starts again first. */
        control_again(c);
        return;
    }
    if (!again_next || *old)
        return;
    struct engine_status st;
    engine_status(c->engine, &st);
    if (st.ended ||
        control_load(c, &again_next->tl, again_next->cues, again_next->cue_frames, 0) != 0)
        return; /* not yet: on the next look */
    *old = *s;
    *s = again_next;
    again_next = NULL;
    /* The request now playing, its areas in a list of their own, since the
     * next Again makes another. */
    *q = again_q;
    snprintf(chosen_list, sizeof chosen_list, "%s", again_list);
    if (q->areas)
        q->areas = chosen_list;
}

void cli_again_forget(void)
{
    if (again_next) {
        session_free(again_next);
        free(again_next);
        again_next = NULL;
    }
}

int cli_shot_start(const struct args *a)
{
    if (!a->output) {
        cli_usage_error("%s", "shot needs a file: -o FILE.png");
        return CLI_EXIT_USAGE;
    }
    struct view_sdl_start st = {.cursor = -1};
    cli_covered_areas(st.covered);
    if (a->areas) {
        char err[512];
        unsigned char set[64];
        if (compose_parse_areas(a->areas, set, err, sizeof err) < 0) {
            cli_usage_error("%s", err);
            return CLI_EXIT_USAGE;
        }
        memcpy(st.choice.areas, set, (size_t)area_count);
    }
    st.choice.minutes = (int)(a->minutes + 0.5);
    char err[512];
    cli_catch_signals();
    enum view_sdl_shot_result shot =
        view_sdl_start_shot(&st, a->size[0], a->size[1], a->output, &cli_signal, err, sizeof err);
    if (shot != VIEW_SDL_SHOT_OK) {
        fprintf(stderr, "rollout: %s.\n", cli_clause(err));
        return shot == VIEW_SDL_SHOT_INTERRUPTED ? cli_die_of_signal()
               : shot == VIEW_SDL_SHOT_WRITE     ? CLI_EXIT_IO
                                                 : CLI_EXIT_DEVICE;
    }
    return CLI_EXIT_OK;
}
