/* SPDX-License-Identifier: MIT */
/* view_term.c — the terminal view.
 *
 * On a terminal it keeps a block of a few lines at the bottom of the screen
 * and rewrites them in place, each cut to the terminal's width so that none
 * ever wraps and scrolls:
 *
 *   2/4 Calves, left  ROLL 0:23  [######-----]  3:52/12:08    where, phase, bar, clock
 *   » Move your leg so the ball rolls up and down your ca…    the words
 *   Next: hold 20 s · Lacrosse ball                            what comes next
 *   PAUSED  volume -3 dB  fast ×8  listening  a notice         what is set, and a notice
 *   space pause  n next  p back  s side  h hold  ...           the keys
 *
 * The cursor rests at the end of the block; a redraw moves up to its first
 * line and rewrites only the lines that changed, and only when something
 * shown changed. What is shown comes from show.c; this file only fits it.
 * Into a pipe or a file it writes one plain line per step and side instead. */
#include "view_term.h"
#include "action.h"
#include "visible.h"
#include "report.h"
#include "show.h"
#include "term.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE_MAX 512
#define LINES    5

enum { L_STATUS, L_WORDS, L_NEXT, L_STATE, L_KEYS };

struct view_term {
    struct control *control; /* its timeline is the one to show */
    struct term term;
    const char *ellipsis;
    int colours; /* 0, 8 or 256: the colours the terminal shows, for the phase's word */

    /* The block on screen: its lines as drawn, and how many there are
     * (0 when it is not on screen, as after a note). */
    char shown[LINES][LINE_MAX];
    int drawn;
    int stale; /* the screen may not show it any more: rewrite every line */

    /* The log, when not a terminal. */
    int logged;                       /* the last phase a log line was written for */
    const struct timeline *logged_tl; /* ...in this timeline */
    const struct routine *logged_routine;
    int last_step; /* the step and side of the last line */
    enum script_side last_side;
    int64_t start;          /* where the session began */
    unsigned notice_logged; /* the notice serial last logged */
};

static void compose(struct view_term *v, const struct show *sh, char lines[LINES][LINE_MAX])
{
    /* Never the last column: a line that fills it leaves the cursor
     * waiting to wrap, on some terminals onto a new line. */
    int cols = v->term.cols - 1;
    const char *ell = v->ellipsis;
    show_status_line(lines[L_STATUS], LINE_MAX, sh, cols, ell);

    char buf[LINE_MAX * 2];
    snprintf(buf, sizeof buf, "%s%s", sh->speaking ? "\u00BB " : "  ", sh->words);
    lines[L_WORDS][0] = 0;
    show_fit(lines[L_WORDS], LINE_MAX, sh->words[0] ? buf : "", cols, ell);

    snprintf(buf, sizeof buf, "%s%s%s", sh->next, sh->next[0] && sh->equipment[0] ? " \u00B7 " : "",
             sh->equipment);
    lines[L_NEXT][0] = 0;
    show_fit(lines[L_NEXT], LINE_MAX, buf, cols, ell);

    const char *parts[] = {sh->paused ? "PAUSED" : "",
                           sh->volume,
                           sh->click,
                           sh->music_state,
                           sh->fast,
                           sh->listening,
                           sh->notice};
    buf[0] = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i][0])
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", buf[0] ? "  " : "",
                     parts[i]);
    lines[L_STATE][0] = 0;
    show_fit(lines[L_STATE], LINE_MAX, buf, cols, ell);

    char keys[LINE_MAX];
    action_key_line(keys, sizeof keys, cols, sh->music, sh->paused);
    lines[L_KEYS][0] = 0;
    show_fit(lines[L_KEYS], LINE_MAX, keys, cols, ell);
}

/* How many lines the block has: the keys only when keys are read. */
static int block_lines(const struct view_term *v)
{
    return v->term.keys ? LINES : LINES - 1;
}

/* Takes the block off the screen, leaving the cursor where it began. The
 * terminal may have rewrapped it to a new width: count its rows so. */
static void erase(struct view_term *v)
{
    if (!v->drawn)
        return;
    int rows = 0;
    for (int i = 0; i < v->drawn; i++) {
        int w = show_columns(v->shown[i]);
        rows += w > v->term.cols ? (w + v->term.cols - 1) / v->term.cols : 1;
    }
    if (rows > 1)
        printf("\033[%dA", rows - 1);
    printf("\r\033[J");
    fflush(stdout);
    v->drawn = 0;
}

/* An SGR sequence for the phase's colour on this terminal, into buf: the
 * colour itself, nearly, where the terminal has 256 (xterm's colour cube);
 * the nearest of the eight where it has those; "" where it has none, or the
 * colour is the text's own. */
static const char *phase_sgr(const struct view_term *v, uint32_t rgb, char *buf, size_t len)
{
    buf[0] = 0;
    if (!v->colours || rgb == SHOW_COLOUR_LISTEN)
        return buf;
    if (v->colours == 256) {
        static const int level[6] = {0, 95, 135, 175, 215, 255};
        int cube[3];
        for (int c = 0; c < 3; c++) {
            int x = (int)(rgb >> (16 - 8 * c)) & 0xff, best = 0;
            for (int i = 1; i < 6; i++)
                if (abs(level[i] - x) < abs(level[best] - x))
                    best = i;
            cube[c] = best;
        }
        snprintf(buf, len, "\033[1;38;5;%dm", 16 + 36 * cube[0] + 6 * cube[1] + cube[2]);
        return buf;
    }
    static const struct {
        uint32_t rgb;
        int sgr;
    } eight[] = {{SHOW_COLOUR_READY, 36},
                 {SHOW_COLOUR_ROLL, 33},
                 {SHOW_COLOUR_HOLD, 32},
                 {SHOW_COLOUR_SWITCH, 31},
                 {SHOW_COLOUR_REST, 94}};
    for (size_t i = 0; i < sizeof eight / sizeof eight[0]; i++)
        if (eight[i].rgb == rgb)
            snprintf(buf, len, "\033[1;%dm", eight[i].sgr);
    return buf;
}

/* Line i of the block; the status line with its phase's word in colour. */
static void put_line(const struct view_term *v, int i, const char *line, const struct show *sh)
{
    char sgr[32];
    const char *at = i == L_STATUS ? strstr(line, sh->phase_label) : NULL;
    if (!at || !sh->phase_label[0] || !phase_sgr(v, sh->colour, sgr, sizeof sgr)[0]) {
        fputs(line, stdout);
        return;
    }
    printf("%.*s%s%s\033[0m%s", (int)(at - line), line, sgr, sh->phase_label,
           at + strlen(sh->phase_label));
}

static void draw(struct view_term *v, const struct show *sh)
{
    char lines[LINES][LINE_MAX];
    compose(v, sh, lines);
    int n = block_lines(v);
    if (v->drawn == n && !v->stale && memcmp(lines, v->shown, sizeof lines) == 0)
        return; /* nothing shown has changed */
    if (v->drawn == n) {
        /* Up to the first line, then down through the block, rewriting
         * the lines that changed. */
        if (n > 1)
            printf("\033[%dA", n - 1);
        for (int i = 0; i < n; i++) {
            if (v->stale || strcmp(lines[i], v->shown[i]) != 0) {
                printf("\r\033[K");
                put_line(v, i, lines[i], sh);
            }
            if (i + 1 < n)
                printf("\n");
        }
    } else {
        for (int i = 0; i < n; i++) {
            printf("\r\033[K");
            put_line(v, i, lines[i], sh);
            printf("%s", i + 1 < n ? "\n" : "");
        }
    }
    fflush(stdout);
    memcpy(v->shown, lines, sizeof lines);
    v->drawn = n;
    v->stale = 0;
}

/* ---- the view ---- */

struct view_term *view_term_open(struct control *c)
{
    struct view_term *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->control = c;
    v->logged = -1;
    v->last_step = -2;
    struct engine_status st;
    engine_status(c->engine, &st);
    v->start = st.pos;
    term_open(&v->term);
    term_follow(&v->term);
    /* An ellipsis where the terminal can show one. */
    char was[64];
    snprintf(was, sizeof was, "%s", setlocale(LC_CTYPE, NULL));
    setlocale(LC_CTYPE, "");
    v->ellipsis = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ? "\u2026" : "...";
    /* Colours on a terminal that redraws, as its TERM says (COLORTERM: a
     * terminal that says it has more than 256). */
    const char *term = getenv("TERM"), *more = getenv("COLORTERM");
    if (v->term.live && term && term[0])
        v->colours = strstr(term, "256") || (more && more[0]) ? 256 : 8;
    setlocale(LC_CTYPE, was);
    return v;
}

/* Acts on one key, as the action table says; returns how many bytes of k
 * it took. Arrow keys arrive as escape sequences, and so do other keys
 * (F1, Home, Alt+key) that must not be read as their letters or as Esc: a
 * sequence is taken whole and only the arrows mean anything. Esc alone
 * does nothing here. */
static int key(struct view_term *v, const char *k, int n)
{
    const char *name = NULL;
    int took = 1;
    if (k[0] == 27) {
        if (n == 1)
            return 1;
        if (k[1] != '[' && k[1] != 'O')
            return 2; /* Alt+key */
        int i = 2;    /* CSI or SS3: parameters, then a final byte */
        while (i < n && !(k[i] >= 0x40 && k[i] <= 0x7E))
            i++;
        if (i >= n)
            return n; /* cut short: drop it */
        static const char *const arrows[] = {"Up", "Down", "Right", "Left"}; /* A B C D */
        if (i == 2 && k[2] >= 'A' && k[2] <= 'D')
            name = arrows[k[2] - 'A'];
        took = i + 1;
    } else if (k[0] == ' ') {
        name = "space";
    } else if (k[0] > ' ' && k[0] < 127) {
        static char one[2];
        one[0] = k[0];
        name = one;
    }
    const struct action *a = name ? action_for_key(name, ACTION_IN_TERMINAL) : NULL;
    if (a)
        control_act(v->control, a->act, CONTROL_FROM_KEY);
    return took;
}

/* Logs every step and side begun since the last call, even when several
 * went by between two polls (a render to a fast device, a seek). */
static void log_changes(struct view_term *v, int64_t now)
{
    const struct timeline *tl = v->control->tl;
    int upto = timeline_phase_at(tl, now);
    /* A timeline not seen before: the first, looked at from where the
     * session began (a device faster than the polls still gets every line);
     * one made anew by a hold or a reload, from the phase playing now. A step
     * is logged only if it is not the one logged last. */
    if (tl != v->logged_tl) {
        v->logged = timeline_phase_at(tl, v->logged_tl ? now : v->start) - 1;
        if (v->logged_tl && tl->routine != v->logged_routine)
            v->last_step = -2; /* reloaded: say where it carries on */
        v->logged_tl = tl;     /* compared, never read: it may be gone */
        v->logged_routine = tl->routine;
    }
    for (int i = v->logged + 1; i <= upto; i++) {
        const struct tl_phase *p = &tl->ph[i];
        if (p->step == v->last_step && p->side == v->last_side)
            continue;
        v->last_step = p->step;
        v->last_side = p->side;
        char at[16];
        show_clock(at, sizeof at, p->start, tl->rate);
        if (p->step >= 0)
            printf("[%s] step %d/%d: %s%s%s\n", at, p->step + 1, tl->nsteps,
                   tl->routine->steps[p->step].name, p->side ? ", " : "",
                   p->side ? script_side_name(p->side) : "");
        else if (p->kind == TLP_DONE)
            printf("[%s] end of the session\n", at);
        else
            printf("[%s] introduction\n", at);
    }
    /* After a seek backwards, log again from where playback now is. */
    v->logged = upto;
    /* A notice (a spoken command heard, a routine reloaded) on a line of
     * its own, at the time heard. */
    const struct control *c = v->control;
    if (c->notice_serial != v->notice_logged) {
        v->notice_logged = c->notice_serial;
        char at[16];
        if (c->notice[0])
            printf("[%s] %s\n", show_clock(at, sizeof at, now, tl->rate), c->notice);
    }
    fflush(stdout);
}

void view_term_poll(struct view_term *v, int timeout_ms)
{
    char k[64];
    int n = term_read(&v->term, k, sizeof k, timeout_ms);
    for (int i = 0; i < n;)
        i += key(v, k + i, n - i);
    int ev = term_events(&v->term);
    if (ev & TERM_RESIZED)
        erase(v);
    if (ev & TERM_STOP) {
        /* Give the shell a clean screen and the terminal as it expects it;
         * on fg the block is drawn again, below what the shell wrote. */
        erase(v);
        term_suspend(&v->term);
    }
    if (ev & TERM_CONTINUED)
        v->stale = 1; /* stopped from elsewhere: the screen may have changed */
    control_poll(v->control);
    /* The view snapshot every view draws: what is heard now, the whole of
     * it once over. */
    struct show_input in;
    struct show sh;
    show_input_of(&in, v->control, 0);
    show_make(&sh, &in);
    if (!v->term.live)
        log_changes(v, sh.now);
    else
        draw(v, &sh);
}

int view_term_input_fd(const struct view_term *v)
{
    return v && v->term.keys ? STDIN_FILENO : -1;
}

void view_term_note(struct view_term *v, const char *msg)
{
    if (v->term.live)
        erase(v); /* drawn again below it at the next poll */
    fprintf(stderr, "rollout: %s\n", msg);
}

void view_term_close(struct view_term *v, const struct history_run *run)
{
    if (!v)
        return;
    term_close(&v->term);
    const struct timeline *tl = v->control->tl;
    struct engine_status st;
    engine_status(v->control->engine, &st);
    int64_t at = st.pos;
    int done = history_run_steps(run, tl);
    if (v->term.live && v->drawn) {
        /* The keys mean nothing now: the summary goes in their place. */
        printf("\r\033[K");
    }
    char el[16], tot[16], head[400], line[160];
    show_clock(tot, sizeof tot, tl->length, tl->rate);
    if (at >= tl->length)
        snprintf(head, sizeof head, "Session complete:");
    else if (tl->ph[timeline_phase_at(tl, at)].step >= 0) {
        /* In a step: where, as play --resume will take it up. */
        const struct tl_phase *ph = &tl->ph[timeline_phase_at(tl, at)];
        snprintf(head, sizeof head,
                 "Stopped in %s%s%s at %s of %s:", tl->routine->steps[ph->step].name,
                 ph->side ? ", " : "",
                 ph->side == SCRIPT_SIDE_LEFT    ? "left side,"
                 : ph->side == SCRIPT_SIDE_RIGHT ? "right side,"
                                                 : "",
                 show_clock(el, sizeof el, at, tl->rate), tot);
    } else
        snprintf(head, sizeof head, "Stopped at %s of %s:", show_clock(el, sizeof el, at, tl->rate),
                 tot);
    snprintf(line, sizeof line, "%d of %d step%s%s%s.", done, tl->nsteps,
             tl->nsteps == 1 ? "" : "s", at >= tl->length ? ", " : " completed",
             at >= tl->length ? tot : "");
    /* On one line if it fits the terminal, else on two. */
    int one = !v->term.live || show_columns(head) + 1 + show_columns(line) < v->term.cols;
    visible_put(stdout, head); /* a step's name is the routine's text */
    printf("%s%s\n", one ? " " : "\n", line);
    const struct report *rp = v->control->report;
    if (rp && rp->week[0])
        printf("%s.\n", rp->week);
    fflush(stdout);
    free(v);
}
