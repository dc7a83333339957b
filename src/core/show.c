/* SPDX-License-Identifier: MIT */
/* show.c — what a person is shown, from the timeline and the frame heard. */
#include "show.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "control.h"
#include "phrase.h"

const char *show_clock(char *buf, size_t len, int64_t frames, int rate)
{
    int64_t s = frames < 0 ? 0 : frames / rate;
    if (s >= 3600)
        snprintf(buf, len, "%d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
    else
        snprintf(buf, len, "%d:%02d", (int)(s / 60), (int)(s % 60));
    return buf;
}

static int is_count(const struct routine *r, int cue)
{
    const char *id = r->cues[cue].id;
    return strcmp(id, PHRASE_COUNT_3) == 0 || strcmp(id, PHRASE_COUNT_2) == 0 ||
           strcmp(id, PHRASE_COUNT_1) == 0;
}

/* Cues never overlap, so only the latest one begun can still be sounding. */
int show_spoken_cue(const struct timeline *tl, const int64_t *cue_frames, int64_t now,
                    int64_t *ends)
{
    if (!cue_frames)
        return -1;
    for (int i = timeline_event_at(tl, now + 1) - 1; i >= 0; i--) {
        const struct tl_event *e = &tl->ev[i];
        if (e->kind != TL_CUE)
            continue;
        int64_t end = e->frame + cue_frames[e->arg];
        if (end <= now)
            return -1;
        if (ends)
            *ends = end;
        return e->arg;
    }
    return -1;
}

/* The introduction is many short phases, shown as one: the last of them
 * for a phase in it, else ph itself. */
static int intro_last(const struct timeline *tl, int ph)
{
    int i = ph;
    while (i + 1 < tl->nph && tl->ph[i].step < 0 && tl->ph[i].kind != TLP_DONE)
        i++;
    return i == ph ? ph : i - 1;
}

/* A say before anything is rolled on this side sets the person up; one
 * after it (or in the introduction) is something to listen to. */
static int sets_up(const struct timeline *tl, int ph)
{
    const struct tl_phase *p = &tl->ph[ph];
    if (p->step < 0)
        return 0;
    for (int i = ph - 1; i >= 0 && tl->ph[i].step == p->step && tl->ph[i].side == p->side; i--)
        if (tl->ph[i].kind != TLP_READY && tl->ph[i].kind != TLP_SAY &&
            tl->ph[i].kind != TLP_SWITCH)
            return 0;
    return 1;
}

static const char *phase_label(const struct timeline *tl, int ph)
{
    switch (tl->ph[ph].kind) {
    case TLP_READY:
        return "GET READY";
    case TLP_SAY:
        return sets_up(tl, ph) ? "SET UP" : "LISTEN";
    case TLP_ROLL:
        return "ROLL";
    case TLP_HOLD:
        return "HOLD";
    case TLP_REST:
        return "REST";
    case TLP_SWITCH:
        return "SWITCH SIDES";
    case TLP_DONE:
        return "DONE";
    }
    return "";
}

static uint32_t phase_colour(const struct timeline *tl, int ph)
{
    switch (tl->ph[ph].kind) {
    case TLP_READY:
        return SHOW_COLOUR_READY;
    case TLP_SAY:
        return sets_up(tl, ph) ? SHOW_COLOUR_READY : SHOW_COLOUR_LISTEN;
    case TLP_ROLL:
        return SHOW_COLOUR_ROLL;
    case TLP_HOLD:
        return SHOW_COLOUR_HOLD;
    case TLP_REST:
        return SHOW_COLOUR_REST;
    case TLP_SWITCH:
        return SHOW_COLOUR_SWITCH;
    case TLP_DONE:
        break;
    }
    return SHOW_COLOUR_LISTEN;
}

/* The same, as the next thing to do: "Next: set up". */
static const char *phase_next_word(const struct timeline *tl, int ph)
{
    switch (tl->ph[ph].kind) {
    case TLP_READY:
        return "get ready";
    case TLP_SAY:
        return sets_up(tl, ph) ? "set up" : "listen";
    case TLP_ROLL:
        return "roll";
    case TLP_HOLD:
        return "hold";
    case TLP_REST:
        return "rest";
    case TLP_SWITCH:
        return "switch sides";
    case TLP_DONE:
        return "the end";
    }
    return "";
}

/* The words to show: what is being said (not a 3-2-1 count), else the
 * phase's own. */
static const char *words(const struct show_input *in, const struct tl_phase *p, int *speaking)
{
    const struct routine *r = in->tl->routine;
    int cue = show_spoken_cue(in->tl, in->cue_frames, in->now, NULL);
    *speaking = cue >= 0;
    if (cue >= 0 && !is_count(r, cue))
        return r->cues[cue].text;
    if (p->cue >= 0)
        return r->cues[p->cue].text;
    const struct phrase *ph = p->kind == TLP_HOLD   ? phrase_find(PHRASE_HOLD)
                              : p->kind == TLP_ROLL ? phrase_find(PHRASE_ROLL)
                              : p->kind == TLP_REST ? phrase_find(PHRASE_REST)
                                                    : NULL;
    return ph ? ph->text : "";
}

static void equipment(char *buf, size_t len, const struct routine *r, int step)
{
    const char *ball = step >= 0 && r->steps[step].ball ? r->steps[step].ball : r->ball;
    static const struct {
        const char *word, *shown;
    } known[] = {{"tennis", "Tennis ball"}, {"lacrosse", "Lacrosse ball"}, {"baseball", "Baseball"},
                 {"golf", "Golf ball"},     {"roller", "Foam roller"},     {"foam", "Foam roller"}};
    buf[0] = 0;
    if (!ball)
        return;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(ball, known[i].word) == 0) {
            snprintf(buf, len, "%s", known[i].shown);
            return;
        }
    snprintf(buf, len, "%s", ball);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
}

static void next_text(char *buf, size_t len, const struct timeline *tl, int ph)
{
    buf[0] = 0;
    ph = intro_last(tl, ph);
    const struct tl_phase *p = &tl->ph[ph];
    if (p->kind == TLP_DONE || ph + 1 >= tl->nph)
        return;
    const struct tl_phase *q = &tl->ph[ph + 1];
    int secs = (int)((q->end - q->start + tl->rate / 2) / tl->rate);
    if (q->kind == TLP_DONE)
        snprintf(buf, len, "Next: the end");
    else if (q->step != p->step)
        snprintf(buf, len, "Next: %s", tl->routine->steps[q->step].name);
    else if (q->kind == TLP_SWITCH)
        snprintf(buf, len, "Next: switch to the %s side", script_side_name(q->side));
    else if (q->kind == TLP_ROLL || q->kind == TLP_HOLD || q->kind == TLP_REST)
        snprintf(buf, len, "Next: %s %d s", phase_next_word(tl, ph + 1), secs);
    else
        snprintf(buf, len, "Next: %s", phase_next_word(tl, ph + 1));
}

/* 1 for SHOW_PULSE_MS from each click, else 0; -1 when not rolling. A hard
 * on and off, like the click itself. *change is the frame at which that
 * next changes. */
static int pulse_level(const struct tl_phase *p, int64_t now, int rate, int64_t *change)
{
    if (p->kind != TLP_ROLL || p->pace <= 0 || now < p->start)
        return -1;
    int64_t k = (now - p->start) / p->pace;
    int64_t click = p->start + k * p->pace;
    int64_t lit = (int64_t)rate * SHOW_PULSE_MS / 1000;
    if (lit > p->pace / 2)
        lit = p->pace / 2;
    int on = now - click < lit;
    *change = on ? click + lit : click + p->pace;
    return on;
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* The next frame after now at which anything shown changes by itself: a
 * second of either clock, the pulse, a cue beginning or ending, a phase. */
/* What the countdown shows at frame now, in frames of whole seconds: from
 * the session clock's second to the second the countdown ends in, so that
 * the countdown and the session's clock turn on the same frame, never half a
 * second apart. A phase of n seconds starts at n; 0:00 shows for what is
 * left of its last second. */
static int64_t count_left(int64_t end, int64_t now, int rate)
{
    int64_t left = end / rate - now / rate;
    return left > 0 ? left * rate : 0;
}

static int64_t next_change(const struct show_input *in, const struct tl_phase *p,
                           int64_t pulse_change)
{
    const struct timeline *tl = in->tl;
    int64_t now = in->now;
    int64_t next = p->end > now ? p->end : tl->length;
    next = min64(next, (now / tl->rate + 1) * tl->rate); /* the clocks' next second */
    if (pulse_change > now)
        next = min64(next, pulse_change);
    int64_t ends;
    if (show_spoken_cue(tl, in->cue_frames, now, &ends) >= 0)
        next = min64(next, ends);
    for (int e = timeline_event_at(tl, now + 1); e < tl->nev && tl->ev[e].frame < next; e++)
        if (tl->ev[e].kind == TL_CUE) {
            next = tl->ev[e].frame;
            break;
        }
    return next > now ? next : now + 1;
}

void show_make(struct show *s, const struct show_input *in)
{
    const struct timeline *tl = in->tl;
    const struct routine *r = tl->routine;
    memset(s, 0, sizeof *s);
    int64_t now = in->now < 0 ? 0 : in->now > tl->length ? tl->length : in->now;
    struct show_input at = *in;
    at.now = now;
    int ph = timeline_phase_at(tl, now);
    const struct tl_phase *p = &tl->ph[ph];

    s->phase = ph;
    s->step = p->step;
    s->nsteps = tl->nsteps;
    s->done = p->kind == TLP_DONE || now >= tl->length;
    s->over = now >= tl->length;
    s->intro = p->step < 0 && !s->done;
    s->now = now;
    s->length = tl->length;

    if (s->step >= 0)
        snprintf(s->header, sizeof s->header, "Step %d of %d", s->step + 1, tl->nsteps);
    else
        snprintf(s->header, sizeof s->header, "%s", s->done ? "Finished" : "Introduction");
    s->name = s->step >= 0 ? r->steps[s->step].name : s->done ? "Session complete" : r->title;
    s->side = p->side;
    s->side_label = p->side == SCRIPT_SIDE_LEFT    ? "LEFT"
                    : p->side == SCRIPT_SIDE_RIGHT ? "RIGHT"
                                                   : "";
    s->phase_label = s->done ? "DONE" : phase_label(tl, ph);
    s->colour = s->done ? SHOW_COLOUR_LISTEN : phase_colour(tl, ph);

    /* The introduction counts down to the first step: its many short
     * phases, one after another, would count to nothing that matters. */
    s->count_end = tl->ph[intro_last(tl, ph)].end;
    if (!s->done)
        show_clock(s->count, sizeof s->count, count_left(s->count_end, now, tl->rate), tl->rate);
    s->count_to = s->intro ? "until the first step" : "";

    s->words = words(&at, p, &s->speaking);
    if (!s->done)
        next_text(s->next, sizeof s->next, tl, ph);
    if (!s->done)
        equipment(s->equipment, sizeof s->equipment, r, s->step);

    show_clock(s->elapsed, sizeof s->elapsed, now, tl->rate);
    show_clock(s->total, sizeof s->total, tl->length, tl->rate);
    int64_t pulse_change = 0;
    s->pulse = pulse_level(p, now, tl->rate, &pulse_change);
    if (in->paused && s->pulse > 0)
        s->pulse = 0; /* no clicks are heard */

    s->paused = in->paused;
    if (in->volume_db != 0.0f)
        snprintf(s->volume, sizeof s->volume, "volume %+.0f dB", (double)in->volume_db);
    s->click = in->click_muted ? "click off" : "";
    if (tl->speed > 1.0)
        snprintf(s->fast, sizeof s->fast, "fast \u00D7%.3g", tl->speed);
    s->listening = in->listen == CONTROL_LISTEN_ON ? "listening" : "";
    s->spoken = in->listen == CONTROL_LISTEN_ON || in->listen == CONTROL_LISTEN_SOON;

    /* An ASCII dash: SDL writes the title into WM_NAME too, a Latin-1
     * property, where an em dash's UTF-8 bytes read as "â\302\200\302\224". */
    if (s->step >= 0)
        snprintf(s->title, sizeof s->title, "rollout - %s%s%s", s->name, p->side ? ", " : "",
                 p->side ? script_side_name(p->side) : "");
    else
        snprintf(s->title, sizeof s->title, "rollout - %s", r->title);

    s->tl = tl;
    s->click_off = in->click_muted;
    s->listen = in->listen;
    s->music = in->music;
    if (in->music && in->music_off)
        snprintf(s->music_state, sizeof s->music_state, "music off");
    else if (in->music)
        snprintf(s->music_state, sizeof s->music_state, "music %+.0f dB", (double)in->music_db);
    s->notice = in->notice ? in->notice : "";
    s->help = in->help;
    s->report = s->over ? in->report : NULL;
    if (in->resume && !s->over)
        snprintf(s->resume, sizeof s->resume, "%s", in->resume);
    s->notice_offers = in->notice_offers && s->resume[0];

    s->changes = in->paused ? INT64_MAX : next_change(&at, p, pulse_change);
}

void show_input_of(struct show_input *in, const struct control *c, int help)
{
    *in = (struct show_input){.tl = c->tl,
                              .cue_frames = c->cue_frames,
                              .now = control_heard(c),
                              .paused = c->paused,
                              .volume_db = c->volume_db,
                              .click_muted = c->click_muted,
                              .listen = c->listen,
                              .music = c->music,
                              .music_off = c->music_off,
                              .music_db = c->music_db,
                              .notice = c->notice,
                              .help = help,
                              .report = c->report,
                              .resume = c->resume_at >= 0 ? c->resume_where : NULL,
                              .notice_offers =
                                  c->resume_at >= 0 && c->notice_serial == c->resume_serial};
}

int show_same(const struct show *a, const struct show *b)
{
    return a->tl == b->tl && a->phase == b->phase && a->step == b->step &&
           strcmp(a->header, b->header) == 0 && a->name == b->name &&
           strcmp(a->count, b->count) == 0 && a->words == b->words && a->speaking == b->speaking &&
           strcmp(a->next, b->next) == 0 && strcmp(a->elapsed, b->elapsed) == 0 &&
           strcmp(a->total, b->total) == 0 && a->pulse == b->pulse && a->paused == b->paused &&
           strcmp(a->volume, b->volume) == 0 && a->click_off == b->click_off &&
           a->listen == b->listen && strcmp(a->music_state, b->music_state) == 0 &&
           strcmp(a->notice, b->notice) == 0 && a->help == b->help && a->report == b->report &&
           strcmp(a->resume, b->resume) == 0;
}

#define BAR_MAX  20
#define BAR_MIN  6
#define NAME_MIN 3 /* the step name is cut no shorter than this */

/* ---- the terminal's lines, cut to a width ---- */

int show_columns(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void show_fit(char *out, size_t len, const char *s, int cols, const char *ellipsis)
{
    size_t at = strlen(out);
    if (cols <= 0)
        return;
    int w = show_columns(s);
    int keep = w <= cols ? w : cols - show_columns(ellipsis);
    const char *p = s;
    for (int c = 0; *p && c < keep; c++) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    snprintf(out + at, len - at, "%.*s%s", (int)(p - s), s, w <= cols ? "" : ellipsis);
}

void show_status_line(char *out, size_t len, const struct show *sh, int cols, const char *ell)
{
    char pre[32] = "", post[32] = "", phase[64], clock[40];
    const char *name = sh->name, *to = sh->count_to;
    if (sh->step >= 0)
        snprintf(pre, sizeof pre, "%d/%d ", sh->step + 1, sh->nsteps);
    if (sh->side != SCRIPT_SIDE_NONE)
        snprintf(post, sizeof post, ", %s", script_side_name(sh->side));
    snprintf(phase, sizeof phase, "%s%s%s", sh->phase_label, sh->count[0] ? " " : "", sh->count);
    snprintf(clock, sizeof clock, "%s/%s", sh->elapsed, sh->total);

    int fixed =
        show_columns(pre) + show_columns(post) + 2 + show_columns(phase) + 2 + show_columns(clock);
    int name_w = show_columns(name);
    int to_w = to[0] ? 1 + show_columns(to) : 0;
    int bar = cols - (fixed + name_w + to_w) - 4; /* "  [" and "]" */
    bar = bar > BAR_MAX ? BAR_MAX : bar < BAR_MIN ? 0 : bar;
    /* Narrower, what gives way first is what matters least on the floor:
     * what the countdown counts to, the total, then the clock; the muscle
     * and its side, last. */
    if (!bar && fixed + name_w + to_w > cols)
        to_w = 0;
    if (!bar && fixed + name_w + to_w > cols) {
        fixed -= show_columns(clock) - show_columns(sh->elapsed);
        snprintf(clock, sizeof clock, "%s", sh->elapsed);
    }
    if (!bar && fixed + name_w + to_w > cols) {
        fixed -= 2 + show_columns(clock);
        clock[0] = 0;
    }
    if (!bar && fixed + name_w + to_w > cols)
        name_w = cols - fixed - to_w > NAME_MIN ? cols - fixed - to_w : NAME_MIN;
    if (name_w > show_columns(name))
        name_w = show_columns(name);

    char line[512] = "";
    show_fit(line, sizeof line, pre, cols, ell);
    show_fit(line, sizeof line, name, name_w, ell);
    snprintf(line + strlen(line), sizeof line - strlen(line), "%s  %s%s%s", post, phase,
             to_w ? " " : "", to_w ? to : "");
    if (bar) {
        int fill = (int)(sh->now * bar / (sh->length ? sh->length : 1));
        char b[BAR_MAX + 1];
        for (int i = 0; i < bar; i++)
            b[i] = i < fill ? '#' : '-';
        b[bar] = 0;
        snprintf(line + strlen(line), sizeof line - strlen(line), "  [%s]", b);
    }
    if (clock[0])
        snprintf(line + strlen(line), sizeof line - strlen(line), "  %s", clock);
    out[0] = 0;
    show_fit(out, len, line, cols, ell);
}
