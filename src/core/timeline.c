/* SPDX-License-Identifier: MIT */
/* timeline.c — compile a routine into frames.
 *
 * The session is laid out front to back with one cursor, `pos`, where the
 * next phase begins, and one more, `voice_free`, the first frame at which the
 * voice is silent again. A cue asks for a frame and gets the later of that
 * frame and voice_free, so two cues never sound at once. Clicks ignore the
 * voice: they land at their frames whatever is being said. */
#include "timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phrase.h"

#define GAP_MS        150   /* a breath between two queued cues */
#define SETTLE_MS     1000  /* after the last cue of a say, ready or done */
#define SWITCH_MIN_MS 5000  /* time to turn over between sides */
#define COUNT_MIN_MS  10000 /* phases at least this long get "three, two, one" */
#define LEAD_MS       500   /* silence before the first cue */
#define TAIL_MS       2000  /* after the session's last words */

struct build {
    struct timeline *tl;
    const struct routine *r;
    const int64_t *cue_frames;
    int rate;
    int64_t pace_override;
    double speed;
    int64_t pos;
    int64_t voice_free;
    int cap_ev, cap_ph;
    int nomem;
    int measuring; /* only where each phase falls: no events, phases or steps kept, tl NULL */
};

int64_t timeline_ms_to_frames(int64_t ms, int rate)
{
    /* ms is at most a day, so ms * rate stays far inside int64_t. */
    return (ms * rate + 500) / 1000;
}

static int64_t frames(const struct build *b, int64_t ms)
{
    return timeline_ms_to_frames(ms, b->rate);
}

static void add_event(struct build *b, int64_t frame, enum tl_kind kind, int arg)
{
    struct timeline *tl = b->tl;
    if (b->measuring)
        return;
    if (tl->nev == b->cap_ev) {
        int cap = b->cap_ev ? b->cap_ev * 2 : 256;
        struct tl_event *v = realloc(tl->ev, (size_t)cap * sizeof *v);
        if (!v) {
            b->nomem = 1;
            return;
        }
        tl->ev = v;
        b->cap_ev = cap;
    }
    tl->ev[tl->nev++] = (struct tl_event){frame, kind, arg};
}

static int add_phase(struct build *b, const struct tl_phase *p)
{
    struct timeline *tl = b->tl;
    if (b->measuring)
        return -1;
    if (tl->nph == b->cap_ph) {
        int cap = b->cap_ph ? b->cap_ph * 2 : 64;
        struct tl_phase *v = realloc(tl->ph, (size_t)cap * sizeof *v);
        if (!v) {
            b->nomem = 1;
            return -1;
        }
        tl->ph = v;
        b->cap_ph = cap;
    }
    tl->ph[tl->nph] = *p;
    add_event(b, p->start, TL_PHASE, tl->nph);
    return tl->nph++;
}

/* Schedules a cue at frame, or later if the voice is busy; returns the frame
 * at which it stops sounding. */
static int64_t queue_cue(struct build *b, int cue, int64_t frame)
{
    int64_t start = frame > b->voice_free ? frame : b->voice_free;
    int64_t end = start + b->cue_frames[cue];
    add_event(b, start, TL_CUE, cue);
    b->voice_free = end + frames(b, GAP_MS);
    return end;
}

static int phrase_cue(const struct build *b, const char *id)
{
    return script_cue_find(b->r, id);
}

/* The routine's own times, played `speed` times faster (--fast); speech and
 * the breaths around it keep their length. */
static int64_t routine_frames(const struct build *b, int64_t ms)
{
    if (b->speed <= 1.0)
        return frames(b, ms);
    return (int64_t)llround((double)ms * b->rate / (1000.0 * b->speed));
}

static int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

static enum tl_phase_kind phase_kind(enum script_phase_kind k)
{
    switch (k) {
    case SCRIPT_PHASE_SAY:
        return TLP_SAY;
    case SCRIPT_PHASE_ROLL:
        return TLP_ROLL;
    case SCRIPT_PHASE_HOLD:
        return TLP_HOLD;
    case SCRIPT_PHASE_REST:
        return TLP_REST;
    }
    return TLP_SAY;
}

static int default_cue(const struct build *b, enum script_phase_kind k)
{
    switch (k) {
    case SCRIPT_PHASE_ROLL:
        return phrase_cue(b, PHRASE_ROLL);
    case SCRIPT_PHASE_HOLD:
        return phrase_cue(b, PHRASE_HOLD);
    case SCRIPT_PHASE_REST:
        return phrase_cue(b, PHRASE_REST);
    case SCRIPT_PHASE_SAY:
        break;
    }
    return -1;
}

static void emit_phase(struct build *b, const struct script_phase *sp, int step,
                       enum script_side side, int64_t pace)
{
    struct tl_phase p = {
        .start = b->pos,
        .kind = phase_kind(sp->kind),
        .step = step,
        .side = side,
        .cue = sp->cue >= 0 ? sp->cue : default_cue(b, sp->kind),
        .pace = sp->kind == SCRIPT_PHASE_ROLL ? pace : 0,
        .src = sp,
    };
    int idx = add_phase(b, &p);
    int64_t cue_end = p.start;
    if (p.cue >= 0)
        cue_end = queue_cue(b, p.cue, p.start);
    p.end = sp->ms >= 0 ? p.start + routine_frames(b, sp->ms) : cue_end + frames(b, SETTLE_MS);
    /* Faster, a phase still lasts as long as its own words, so what is said
     * stays with the phase it belongs to. */
    if (b->speed > 1.0 && p.cue >= 0)
        p.end = max64(p.end, cue_end + frames(b, GAP_MS));
    if (idx >= 0)
        b->tl->ph[idx].end = p.end;

    if (sp->kind == SCRIPT_PHASE_ROLL)
        for (int64_t k = 0; p.start + k * pace < p.end; k++)
            add_event(b, p.start + k * pace, TL_CLICK, (int)k);

    /* The count is a promise about time: a number that cannot be said on its
     * second is left out rather than said late. */
    if (sp->kind != SCRIPT_PHASE_SAY && p.end - p.start >= frames(b, COUNT_MIN_MS)) {
        static const char *const count[] = {PHRASE_COUNT_3, PHRASE_COUNT_2, PHRASE_COUNT_1};
        for (int n = 3; n >= 1; n--) {
            int64_t at = p.end - (int64_t)n * b->rate;
            if (b->voice_free <= at)
                queue_cue(b, phrase_cue(b, count[3 - n]), at);
        }
    }
    b->pos = p.end;
}

static void emit_ready(struct build *b, int step, enum script_side side)
{
    const struct script_step *st = &b->r->steps[step];
    struct tl_phase p = {
        .start = b->pos, .kind = TLP_READY, .step = step, .side = side, .cue = st->announce};
    int idx = add_phase(b, &p);
    int64_t end = queue_cue(b, st->announce, p.start);
    if (side != SCRIPT_SIDE_NONE) {
        add_event(b, p.start, TL_SIDE, side);
        const char *id = side == SCRIPT_SIDE_LEFT ? PHRASE_SIDE_LEFT : PHRASE_SIDE_RIGHT;
        end = queue_cue(b, phrase_cue(b, id), p.start);
    }
    p.end = end + frames(b, SETTLE_MS);
    if (idx >= 0)
        b->tl->ph[idx].end = p.end;
    b->pos = p.end;
}

static void emit_switch(struct build *b, int step, enum script_side side)
{
    struct tl_phase p = {.start = b->pos, .kind = TLP_SWITCH, .step = step, .side = side};
    p.cue = phrase_cue(b, side == SCRIPT_SIDE_LEFT ? PHRASE_SWITCH_LEFT : PHRASE_SWITCH_RIGHT);
    int idx = add_phase(b, &p);
    add_event(b, p.start, TL_SIDE, side);
    int64_t end = queue_cue(b, p.cue, p.start);
    p.end = max64(p.start + routine_frames(b, SWITCH_MIN_MS), end + frames(b, SETTLE_MS));
    if (idx >= 0)
        b->tl->ph[idx].end = p.end;
    b->pos = p.end;
}

static void emit_step(struct build *b, int step)
{
    const struct script_step *st = &b->r->steps[step];
    int64_t pace_ms = b->pace_override > 0 ? b->pace_override
                      : st->pace_ms > 0    ? st->pace_ms
                                           : b->r->pace_ms;
    /* Faster, the click keeps at least the quickest pace a routine may ask
     * for, so it stays a click and not a buzz. */
    int64_t pace = max64(routine_frames(b, pace_ms), b->speed > 1.0 ? frames(b, 250) : 0);
    enum script_side order[2] = {SCRIPT_SIDE_NONE, SCRIPT_SIDE_NONE};
    int nsides = 1;
    switch (st->sides) {
    case SCRIPT_SIDES_NONE:
        break;
    case SCRIPT_SIDES_LEFT:
        order[0] = SCRIPT_SIDE_LEFT;
        break;
    case SCRIPT_SIDES_RIGHT:
        order[0] = SCRIPT_SIDE_RIGHT;
        break;
    case SCRIPT_SIDES_BOTH:
        order[0] = SCRIPT_SIDE_LEFT;
        order[1] = SCRIPT_SIDE_RIGHT;
        nsides = 2;
        break;
    }

    if (!b->measuring)
        b->tl->steps[step].start = b->pos;
    add_event(b, b->pos, TL_STEP, step);
    emit_ready(b, step, order[0]);
    for (int s = 0; s < nsides; s++) {
        if (s > 0)
            emit_switch(b, step, order[s]);
        for (int i = 0; i < st->nphases; i++)
            emit_phase(b, &st->phases[i], step, order[s], pace);
    }
    if (!b->measuring)
        b->tl->steps[step].end = b->pos;
}

static void emit_done(struct build *b)
{
    struct tl_phase p = {.start = b->pos,
                         .kind = TLP_DONE,
                         .step = -1,
                         .side = SCRIPT_SIDE_NONE,
                         .cue = phrase_cue(b, PHRASE_END)};
    int idx = add_phase(b, &p);
    int64_t end = queue_cue(b, p.cue, p.start);
    p.end = end + frames(b, TAIL_MS);
    if (idx >= 0)
        b->tl->ph[idx].end = p.end;
    add_event(b, p.end, TL_END, 0);
    b->pos = p.end;
    if (!b->measuring)
        b->tl->length = p.end;
}

/* Lays out the whole session into b: what compiling and measuring share. */
static void lay_out(struct build *b)
{
    b->pos = frames(b, LEAD_MS);
    for (int i = 0; i < b->r->nintro; i++)
        emit_phase(b, &b->r->intro[i], -1, SCRIPT_SIDE_NONE, 0);
    for (int s = 0; s < b->r->nsteps; s++)
        emit_step(b, s);
    emit_done(b);
}

int64_t timeline_length(const struct routine *r, const int64_t *cue_frames,
                        const struct timeline_opts *o)
{
    struct build b = {.r = r,
                      .cue_frames = cue_frames,
                      .rate = o->rate,
                      .pace_override = o->pace_ms,
                      .speed = o->speed,
                      .measuring = 1};
    lay_out(&b);
    return b.pos;
}

static int event_before(const struct tl_event *a, const struct tl_event *b)
{
    return a->frame < b->frame || (a->frame == b->frame && a->kind < b->kind);
}

/* Events are appended almost in order: only a cue pushed back by a busy
 * voice lands behind later ones. Insertion sort is stable (events at the same
 * frame and kind keep the order they were made in) and linear on such input. */
static void sort_events(struct timeline *tl)
{
    for (int i = 1; i < tl->nev; i++) {
        struct tl_event e = tl->ev[i];
        int j = i;
        while (j > 0 && event_before(&e, &tl->ev[j - 1])) {
            tl->ev[j] = tl->ev[j - 1];
            j--;
        }
        tl->ev[j] = e;
    }
}

int timeline_compile(struct timeline *tl, const struct routine *r, const int64_t *cue_frames,
                     const struct timeline_opts *o)
{
    memset(tl, 0, sizeof *tl);
    tl->rate = o->rate;
    tl->speed = o->speed > 1.0 ? o->speed : 1.0;
    tl->routine = r;
    tl->nsteps = r->nsteps;
    tl->steps = calloc((size_t)(r->nsteps ? r->nsteps : 1), sizeof *tl->steps);
    if (!tl->steps)
        return -1;

    struct build b = {.tl = tl,
                      .r = r,
                      .cue_frames = cue_frames,
                      .rate = o->rate,
                      .pace_override = o->pace_ms,
                      .speed = o->speed};
    lay_out(&b);

    if (b.nomem) {
        timeline_free(tl);
        return -1;
    }
    sort_events(tl);
    return 0;
}

void timeline_check(const struct timeline *tl, const int64_t *cue_frames, struct diags *d)
{
    const struct routine *r = tl->routine;
    int e = 0;
    for (int i = 0; i < tl->nph; i++) {
        const struct tl_phase *p = &tl->ph[i];
        if (p->cue < 0 || !p->src || p->src->ms < 0)
            continue;
        /* A two-sided step's phases run again on the right: say it once. */
        if (p->side == SCRIPT_SIDE_RIGHT && p->step >= 0 &&
            r->steps[p->step].sides == SCRIPT_SIDES_BOTH)
            continue;
        /* The phase's own cue is the first event for that cue from its start. */
        e = timeline_event_at(tl, p->start);
        while (e < tl->nev && !(tl->ev[e].kind == TL_CUE && tl->ev[e].arg == p->cue))
            e++;
        if (e == tl->nev)
            continue;
        int64_t end = tl->ev[e].frame + cue_frames[p->cue];
        if (end <= p->end)
            continue;
        const struct script_cue *c = &r->cues[p->cue];
        double len = (double)cue_frames[p->cue] / tl->rate;
        double over = (double)(end - p->end) / tl->rate;
        diags_add(d, DIAG_WARNING, p->src->file ? p->src->file : r->path, p->src->line, p->src->col,
                  NULL, "shorten the recording or lengthen the phase",
                  "cue '%s' (%.1f s) runs %.1f s past the end of its %s phase", c->id, len, over,
                  timeline_phase_name(p->kind));
    }
}

int timeline_insert_hold(const struct timeline *src, struct timeline *dst, int64_t at,
                         int64_t frames)
{
    int p = timeline_phase_at(src, at);
    int split = src->ph[p].kind != TLP_HOLD;
    if (split && at == src->ph[p].start)
        at++; /* a split needs some of the phase before the hold */
    memset(dst, 0, sizeof *dst);
    *dst = *src;
    dst->ev = malloc((size_t)(src->nev + 2) * sizeof *dst->ev);
    dst->ph = malloc((size_t)(src->nph + 2) * sizeof *dst->ph);
    dst->steps = malloc((size_t)(src->nsteps ? src->nsteps : 1) * sizeof *dst->steps);
    if (!dst->ev || !dst->ph || !dst->steps) {
        timeline_free(dst);
        return -1;
    }

    /* Phases: those after p move; p grows, or splits around a new hold. */
    int n = 0;
    for (int i = 0; i < src->nph; i++) {
        struct tl_phase ph = src->ph[i];
        if (i < p) {
            dst->ph[n++] = ph;
        } else if (i > p) {
            ph.start += frames;
            ph.end += frames;
            dst->ph[n++] = ph;
        } else if (!split) {
            ph.end += frames;
            dst->ph[n++] = ph;
        } else {
            struct tl_phase before = ph, hold = ph, after = ph;
            before.end = at;
            hold = (struct tl_phase){.start = at,
                                     .end = at + frames,
                                     .kind = TLP_HOLD,
                                     .step = ph.step,
                                     .side = ph.side,
                                     .cue = -1};
            after.start = at + frames;
            after.end = ph.end + frames;
            dst->ph[n++] = before;
            dst->ph[n++] = hold;
            if (after.start < after.end)
                dst->ph[n++] = after;
        }
    }
    dst->nph = n;
    int added = n - src->nph; /* phases inserted after p */

    /* Events: from `at` on, later; phase numbers past p, higher. */
    n = 0;
    for (int i = 0; i < src->nev; i++) {
        struct tl_event e = src->ev[i];
        if (e.frame >= at)
            e.frame += frames;
        if (e.kind == TL_PHASE && e.arg > p)
            e.arg += added;
        dst->ev[n++] = e;
    }
    if (split) {
        dst->ev[n++] = (struct tl_event){at, TL_PHASE, p + 1};
        if (added == 2)
            dst->ev[n++] = (struct tl_event){at + frames, TL_PHASE, p + 2};
    }
    dst->nev = n;
    sort_events(dst);

    for (int i = 0; i < src->nsteps; i++) {
        struct tl_step st = src->steps[i];
        if (st.start >= at)
            st.start += frames;
        if (st.end > at)
            st.end += frames;
        dst->steps[i] = st;
    }
    dst->length = src->length + frames;
    return 0;
}

void timeline_free(struct timeline *tl)
{
    free(tl->ev);
    free(tl->ph);
    free(tl->steps);
    memset(tl, 0, sizeof *tl);
}

int timeline_phase_at(const struct timeline *tl, int64_t frame)
{
    int lo = 0, hi = tl->nph - 1;
    while (lo < hi) { /* the last phase starting at or before frame */
        int mid = lo + (hi - lo + 1) / 2;
        if (tl->ph[mid].start <= frame)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static int same_part(const struct tl_phase *a, const struct tl_phase *b)
{
    return a->step == b->step && a->side == b->side &&
           (a->kind == TLP_DONE) == (b->kind == TLP_DONE);
}

int timeline_part_at(const struct timeline *tl, int64_t frame, int64_t *start, int64_t *end)
{
    int i = timeline_phase_at(tl, frame), first = i, last = i;
    while (first > 0 && same_part(&tl->ph[first - 1], &tl->ph[i]))
        first--;
    while (last + 1 < tl->nph && same_part(&tl->ph[last + 1], &tl->ph[i]))
        last++;
    *start = tl->ph[first].start;
    *end = tl->ph[last].end;
    return first;
}

void timeline_part_title(const struct timeline *tl, int part, char *buf, size_t len)
{
    const struct tl_phase *p = &tl->ph[part];
    if (p->step >= 0)
        snprintf(buf, len, "%s%s%s", tl->routine->steps[p->step].name, p->side ? " \u2014 " : "",
                 p->side ? script_side_name(p->side) : "");
    else
        snprintf(buf, len, "%s", part > 0 ? "The end" : "Introduction");
}

int timeline_event_at(const struct timeline *tl, int64_t frame)
{
    int lo = 0, hi = tl->nev;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (tl->ev[mid].frame < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int timeline_step_at(const struct timeline *tl, int64_t frame)
{
    if (tl->nph == 0)
        return -1;
    const struct tl_phase *p = &tl->ph[timeline_phase_at(tl, frame)];
    return p->step;
}

const char *timeline_kind_name(enum tl_kind k)
{
    static const char *const names[] = {"step", "side", "phase", "cue", "click", "end"};
    return names[k];
}

const char *timeline_phase_name(enum tl_phase_kind k)
{
    static const char *const names[] = {"ready", "say", "roll", "hold", "rest", "switch", "done"};
    return names[k];
}
