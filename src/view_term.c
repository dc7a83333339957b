/* view_term.c — the terminal view. */
#include "view_term.h"
#include "term.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REDRAW_MS 250
#define BAR_WIDTH 20

struct view_term {
    struct control *control; /* its timeline is the one to show */
    const struct out_sdl *out; /* tells the frame being heard */
    struct term term;
    int logged;      /* the last phase a log line was written for */
    const struct timeline *logged_tl; /* ...in this timeline */
    const struct routine *logged_routine;
    int last_step;   /* the step and side of the last line */
    enum side last_side;
    int64_t start;   /* where the session began */
};

const char *view_term_clock(char *buf, int64_t frames, int rate)
{
    int64_t s = frames < 0 ? 0 : frames / rate;
    if (s >= 3600)
        snprintf(buf, 16, "%d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
    else
        snprintf(buf, 16, "%d:%02d", (int)(s / 60), (int)(s % 60));
    return buf;
}

struct view_term *view_term_open(struct control *c, const struct out_sdl *out)
{
    struct view_term *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->control = c;
    v->out = out;
    v->logged = -1;
    v->last_step = -2;
    struct engine_status st;
    engine_status(c->engine, &st);
    v->start = st.pos;
    term_open(&v->term);
    if (v->term.live && v->term.keys)
        printf("space pause  n next  p previous  h hold longer  +/- volume  c click  q quit\n");
    return v;
}

/* Acts on one key; returns how many bytes of k it took (arrow keys arrive
 * as three, and several keys may arrive in one read). */
static int key(struct view_term *v, const char *k, int n)
{
    struct control *c = v->control;
    if (n >= 3 && k[0] == 27 && k[1] == '[') {
        switch (k[2]) {
        case 'C': control_next(c); break;
        case 'D': control_prev(c); break;
        case 'A': control_volume(c, +1); break;
        case 'B': control_volume(c, -1); break;
        default: break;
        }
        return 3;
    }
    switch (k[0]) {
    case ' ': control_toggle_pause(c); break;
    case 'n': control_next(c); break;
    case 'p': control_prev(c); break;
    case '+':
    case '=': control_volume(c, +1); break;
    case '-':
    case '_': control_volume(c, -1); break;
    case 'c': control_toggle_click(c); break;
    case 'h': control_hold_longer(c); break;
    case 'q':
    case 27: control_quit(c); break;
    default: break;
    }
    return 1;
}

static const char *step_name(const struct timeline *tl, int step)
{
    return step >= 0 ? tl->routine->steps[step].name : "";
}

static void draw_line(struct view_term *v, int64_t now, const struct engine_status *st)
{
    const struct timeline *tl = v->control->tl;
    const struct tl_phase *p = &tl->ph[timeline_phase_at(tl, now)];
    char el[16], tot[16], left[16];
    char bar[BAR_WIDTH + 1];
    int fill = (int)(now * BAR_WIDTH / (tl->length ? tl->length : 1));
    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < fill ? '#' : '-';
    bar[BAR_WIDTH] = 0;
    char where[96];
    if (p->step >= 0)
        snprintf(where, sizeof where, "%d/%d %s%s%s", p->step + 1, tl->nsteps,
                 step_name(tl, p->step), p->side ? ", " : "", p->side ? script_side_name(p->side) : "");
    else
        snprintf(where, sizeof where, "%s", p->kind == TLP_DONE ? "end" : "intro");
    char vol[24] = "";
    if (v->control->volume_db != 0.0f)
        snprintf(vol, sizeof vol, "  vol %+.0f dB", (double)v->control->volume_db);
    printf("\r\033[K%-34.34s %-6s %5s left  [%s] %s / %s%s%s%s", where,
           timeline_phase_name(p->kind), view_term_clock(left, p->end - now + tl->rate - 1, tl->rate),
           bar, view_term_clock(el, now, tl->rate), view_term_clock(tot, tl->length, tl->rate), vol,
           v->control->click_muted ? "  click off" : "", st->paused ? "  PAUSED" : "");
    fflush(stdout);
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
        v->logged_tl = tl; /* compared, never read: it may be gone */
        v->logged_routine = tl->routine;
    }
    for (int i = v->logged + 1; i <= upto; i++) {
        const struct tl_phase *p = &tl->ph[i];
        if (p->step == v->last_step && p->side == v->last_side)
            continue;
        v->last_step = p->step;
        v->last_side = p->side;
        char at[16];
        view_term_clock(at, p->start, tl->rate);
        if (p->step >= 0)
            printf("[%s] step %d/%d: %s%s%s\n", at, p->step + 1, tl->nsteps,
                   step_name(tl, p->step), p->side ? ", " : "",
                   p->side ? script_side_name(p->side) : "");
        else if (p->kind == TLP_DONE)
            printf("[%s] end of the session\n", at);
        else
            printf("[%s] introduction\n", at);
    }
    /* After a seek backwards, log again from where playback now is. */
    v->logged = upto;
    fflush(stdout);
}

void view_term_poll(struct view_term *v, int timeout_ms)
{
    char k[32];
    int n = term_read(&v->term, k, sizeof k, timeout_ms);
    for (int i = 0; i < n;)
        i += key(v, k + i, n - i);
    control_poll(v->control);
    struct engine_status st;
    engine_status(v->control->engine, &st);
    /* What is heard, as the window shows it; the whole of it once over. */
    int64_t now = st.ended ? st.pos : out_sdl_heard(v->out);
    if (now < 0)
        now = 0;
    if (v->term.live)
        draw_line(v, now, &st);
    else
        log_changes(v, now);
}

int view_term_input_fd(const struct view_term *v)
{
    return v && v->term.keys ? STDIN_FILENO : -1;
}

void view_term_note(struct view_term *v, const char *msg)
{
    if (v->term.live) {
        printf("\r\033[K");
        fflush(stdout);
    }
    fprintf(stderr, "rollout: %s\n", msg);
}

void view_term_close(struct view_term *v)
{
    if (!v)
        return;
    term_close(&v->term);
    const struct timeline *tl = v->control->tl;
    struct engine_status st;
    engine_status(v->control->engine, &st);
    int64_t at = st.pos;
    int done = 0;
    for (int i = 0; i < tl->nsteps; i++)
        if (tl->steps[i].end <= at)
            done++;
    char el[16], tot[16];
    if (v->term.live)
        printf("\n");
    if (at >= tl->length)
        printf("Session complete: %d of %d steps, %s.\n", done, tl->nsteps,
               view_term_clock(tot, tl->length, tl->rate));
    else
        printf("Stopped at %s of %s: %d of %d steps completed.\n", view_term_clock(el, at, tl->rate),
               view_term_clock(tot, tl->length, tl->rate), done, tl->nsteps);
    fflush(stdout);
    free(v);
}
