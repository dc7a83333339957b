/* SPDX-License-Identifier: MIT */
/* engine.c — the mix.
 *
 *   click ─ × click gain × duck ───────────────────────┐
 *   voice ─ × voice gain × hush ───────────────────────┼─ + ─ × master × fade ─▶ out
 *   music ─ × music gain × music duck × return × end   │     (then the limiter, limiter.h)
 *           × hush ─────────────────────────────────────┘
 *   (ring)
 *
 * The sum may pass full scale: a loud volume is the limiter's to hold, and
 * every output puts it last (out_sdl.c, out_file.c), so what is heard and
 * what is written are limited alike.
 *
 * The music is read from its ring (ring.h) a chunk at a time: a chunk the
 * ring cannot give whole is silence, and the music fades back in after it
 * (`return`); nothing else in the mix notices. The music duck follows the
 * voices as the click's does, with its own attack and release; `end` is a
 * function of the frame, fading the music out over the session's last
 * seconds. The hush is a spoken command's: while one is being said, the
 * voice and the music step aside (engine.h), and the click stays.
 *
 * A render call is cut into segments at every frame where something changes:
 * an event from the timeline, the end of the click or of a cue, the end of a
 * fade. Inside a segment the set of sounding sources is fixed, so each source
 * is mixed in one plain loop. Every gain is a ramp whose value is a function
 * of the frames since it began, never an accumulated sum, so where a block
 * boundary falls cannot change a single sample: block sizes 1 and 4096 give
 * the same bytes. */
#include "engine.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "click.h"
#include "ring.h"

#define MAX_VOICES   4    /* the timeline never overlaps cues; a seek may leave one fading */
#define QUEUE_SIZE   64   /* commands; a power of two */
#define MUSIC_CHUNK  256  /* frames copied from the music ring at a time */
#define MUSIC_REFILL 4096 /* a ring that ran dry plays again once it holds this much */

/* A linear move from `from` to `to` over `len` frames; `k` frames done. */
struct ramp {
    float from, to;
    int64_t len, k;
};

static float ramp_value(const struct ramp *r)
{
    if (r->k >= r->len)
        return r->to;
    return r->from + (r->to - r->from) * (float)((double)r->k / (double)r->len);
}

static int ramp_settled(const struct ramp *r)
{
    return r->k >= r->len;
}

/* Heads for `to`. Asking again for the target it already heads for changes
 * nothing: the ramp's course never depends on how often it is asked. */
static void ramp_to(struct ramp *r, float to, int64_t len)
{
    if (to == r->to)
        return;
    r->from = ramp_value(r);
    r->to = to;
    r->len = len;
    r->k = 0;
}

static void ramp_set(struct ramp *r, float v)
{
    *r = (struct ramp){v, v, 0, 0};
}

static void ramp_skip(struct ramp *r, int64_t n)
{
    r->k = r->k + n < r->len ? r->k + n : r->len;
}

/* Frames left before the ramp arrives; 0 when it has. */
static int64_t ramp_left(const struct ramp *r)
{
    return r->len - r->k;
}

enum cmd_kind {
    CMD_MUSIC,
    CMD_AGAIN,
    CMD_EARCON,
    CMD_HUSH,
    CMD_PAUSE,
    CMD_NEXT,
    CMD_PREV,
    CMD_SIDE,
    CMD_GAIN,
    CMD_MUTE,
    CMD_STOP,
    CMD_SWAP,
    CMD_FADE_IN,
    CMD_LOAD,
    CMD_SEEK
};

struct cmd {
    enum cmd_kind kind;
    int bus;
    int on;
    float db;
    const struct timeline *tl;
    const struct cue_audio *cues;
    struct ring *music;
    int64_t at;
};

/* What the transport does once the fade it started reaches silence. */
enum transport { PLAYING, PAUSING, PAUSED, SEEKING, STOPPING, ENDED };

struct voice {
    const int16_t *data; /* NULL: free */
    int channels;        /* 1 or 2, as the cue's */
    int64_t len, off;
};

struct engine {
    const struct timeline *tl;
    const struct cue_audio *cues;

    /* Audio thread only. */
    int64_t pos;
    int ev; /* next timeline event */
    float *click;
    int click_len, click_off; /* click_off == click_len: silent */
    struct voice voice[MAX_VOICES];
    struct ramp gain[ENGINE_BUSES]; /* ENGINE_CLICK .. ENGINE_MUSIC */
    struct ramp duck;
    struct ring *music;  /* the bed's ring, or NULL */
    struct ramp mduck;   /* the music under speech */
    struct ramp mreturn; /* the music back in after its ring ran dry */
    int music_dry;       /* the last chunk asked for was not there */
    int64_t attack_len, release_len, return_len, end_len;
    float mbuf[2 * MUSIC_CHUNK];
    struct ramp fade;
    enum transport transport;
    int64_t seek_to;
    int64_t run_from; /* where play last began unbroken: the start, or a seek's landing */
    const struct timeline *load_tl; /* a session to land in with the seek, or NULL */
    const struct cue_audio *load_cues;
    float gain_db[ENGINE_BUSES];
    int mute[ENGINE_BUSES]; /* per bus; the master's is the mute key's */
    int64_t fade_len, duck_len;

    /* The earcon answers a spoken command. It is no part of the session (a
     * render never has one), so it counts output frames, not session
     * frames, and sounds while paused too; it waits out a click sounding or
     * about to sound, so it is never heard over one. */
    float *earcon;
    int earcon_len, earcon_off; /* earcon_off == earcon_len: silent */
    int64_t earcon_wait;        /* output frames before it starts */

    /* The hush, too, counts output frames: it follows a person speaking,
     * not the session. */
    struct ramp hush;
    int64_t hush_left; /* output frames until it lifts itself; 0: not hushed */
    int64_t hush_down, hush_up, hush_max;

    /* Commands: the controller writes q[tail] then publishes tail; the audio
     * thread reads q[head] then publishes head. Each index has one writer. */
    struct cmd q[QUEUE_SIZE];
    _Atomic uint32_t q_head, q_tail;

    /* Status, published by the audio thread as a seqlock: seq is odd while
     * the fields are being written; a reader retries until it reads the same
     * even seq before and after. */
    _Atomic uint32_t seq;
    _Atomic int64_t st_pos, st_run_from;
    _Atomic int st_paused, st_ended;
    _Atomic uint32_t st_renders;
    _Atomic(const struct timeline *) st_tl;
    _Atomic uint32_t st_rejected;
    uint32_t renders, rejected;
    int paused_wanted;
};

static float db_to_lin(float db)
{
    return powf(10.0f, db / 20.0f);
}

static float bus_target(const struct engine *e, int bus)
{
    if (e->mute[bus])
        return 0.0f;
    return db_to_lin(e->gain_db[bus]);
}

struct engine_opts engine_defaults(void)
{
    return (struct engine_opts){{0.0f, 0.0f, 0.0f, ENGINE_MUSIC_DB}, {0, 0}, 0};
}

struct engine *engine_new(const struct timeline *tl, const struct cue_audio *cues,
                          const struct engine_opts *o)
{
    struct engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->click_len = click_frames(tl->rate);
    e->click = malloc((size_t)e->click_len * sizeof *e->click);
    if (!e->click) {
        free(e);
        return NULL;
    }
    click_make(e->click, tl->rate);
    e->earcon_len = click_earcon_frames(tl->rate);
    e->earcon = malloc((size_t)e->earcon_len * sizeof *e->earcon);
    if (!e->earcon) {
        free(e->click);
        free(e);
        return NULL;
    }
    click_earcon(e->earcon, tl->rate);
    e->earcon_off = e->earcon_len;
    e->click_off = e->click_len;
    e->tl = tl;
    e->cues = cues;
    e->fade_len = (int64_t)tl->rate * ENGINE_FADE_MS / 1000;
    e->duck_len = e->fade_len;
    e->attack_len = (int64_t)tl->rate * ENGINE_MUSIC_ATTACK_MS / 1000;
    e->release_len = (int64_t)tl->rate * ENGINE_MUSIC_RELEASE_MS / 1000;
    e->return_len = (int64_t)tl->rate * ENGINE_MUSIC_RETURN_MS / 1000;
    e->end_len = (int64_t)tl->rate * ENGINE_MUSIC_END_MS / 1000;
    for (int b = 0; b < ENGINE_BUSES; b++)
        e->gain_db[b] = o->gain_db[b];
    e->mute[ENGINE_CLICK] = o->mute[ENGINE_CLICK];
    e->mute[ENGINE_VOICE] = o->mute[ENGINE_VOICE];
    for (int b = 0; b < ENGINE_BUSES; b++)
        ramp_set(&e->gain[b], bus_target(e, b));
    ramp_set(&e->duck, 1.0f);
    ramp_set(&e->mduck, 1.0f);
    ramp_set(&e->mreturn, 1.0f);
    ramp_set(&e->fade, 1.0f);
    ramp_set(&e->hush, 1.0f);
    e->hush_down = (int64_t)tl->rate * ENGINE_HUSH_DOWN_MS / 1000;
    e->hush_up = (int64_t)tl->rate * ENGINE_HUSH_UP_MS / 1000;
    e->hush_max = (int64_t)tl->rate * ENGINE_HUSH_MAX_MS / 1000;
    e->pos = o->start < 0 ? 0 : o->start > tl->length ? tl->length : o->start;
    e->ev = timeline_event_at(tl, e->pos);
    e->run_from = e->pos;
    e->transport = PLAYING;
    atomic_store(&e->st_pos, e->pos);
    atomic_store(&e->st_run_from, e->pos);
    atomic_store(&e->st_tl, tl);
    return e;
}

void engine_free(struct engine *e)
{
    if (!e)
        return;
    free(e->click);
    free(e->earcon);
    free(e);
}

/* ---- commands: controller side ---- */

static int send(struct engine *e, struct cmd c)
{
    uint32_t tail = atomic_load_explicit(&e->q_tail, memory_order_relaxed);
    uint32_t head = atomic_load_explicit(&e->q_head, memory_order_acquire);
    if (tail - head == QUEUE_SIZE)
        return -1;
    e->q[tail % QUEUE_SIZE] = c;
    atomic_store_explicit(&e->q_tail, tail + 1, memory_order_release);
    return 0;
}

int engine_pause(struct engine *e, int paused)
{
    return send(e, (struct cmd){.kind = CMD_PAUSE, .on = paused});
}

int engine_next_step(struct engine *e)
{
    return send(e, (struct cmd){.kind = CMD_NEXT});
}

int engine_prev_step(struct engine *e)
{
    return send(e, (struct cmd){.kind = CMD_PREV});
}

int engine_next_side(struct engine *e)
{
    return send(e, (struct cmd){.kind = CMD_SIDE});
}

int engine_set_gain(struct engine *e, enum engine_bus bus, float db)
{
    db = db < ENGINE_GAIN_MIN_DB   ? ENGINE_GAIN_MIN_DB
         : db > ENGINE_GAIN_MAX_DB ? ENGINE_GAIN_MAX_DB
                                   : db;
    return send(e, (struct cmd){.kind = CMD_GAIN, .bus = bus, .db = db});
}

int engine_set_music(struct engine *e, struct ring *bed)
{
    return send(e, (struct cmd){.kind = CMD_MUSIC, .music = bed});
}

int engine_set_mute(struct engine *e, enum engine_bus bus, int muted)
{
    return send(e, (struct cmd){.kind = CMD_MUTE, .bus = bus, .on = muted});
}

int engine_stop(struct engine *e)
{
    return send(e, (struct cmd){.kind = CMD_STOP});
}

int engine_again(struct engine *e)
{
    return send(e, (struct cmd){.kind = CMD_AGAIN});
}

int engine_earcon(struct engine *e)
{
    return send(e, (struct cmd){.kind = CMD_EARCON});
}

int engine_hush(struct engine *e, int on)
{
    return send(e, (struct cmd){.kind = CMD_HUSH, .on = on});
}

int engine_seek(struct engine *e, int64_t at)
{
    return send(e, (struct cmd){.kind = CMD_SEEK, .at = at});
}

int engine_fade_in(struct engine *e)
{
    return send(e, (struct cmd){.kind = CMD_FADE_IN});
}

int engine_load(struct engine *e, const struct timeline *tl, const struct cue_audio *cues,
                int64_t at)
{
    return send(e, (struct cmd){.kind = CMD_LOAD, .tl = tl, .cues = cues, .at = at});
}

int engine_swap_timeline(struct engine *e, const struct timeline *tl, int64_t at)
{
    return send(e, (struct cmd){.kind = CMD_SWAP, .tl = tl, .at = at});
}

void engine_status(const struct engine *e, struct engine_status *s)
{
    uint32_t a, b;
    do {
        a = atomic_load_explicit(&e->seq, memory_order_acquire);
        s->pos = atomic_load_explicit(&e->st_pos, memory_order_relaxed);
        s->run_from = atomic_load_explicit(&e->st_run_from, memory_order_relaxed);
        s->paused = atomic_load_explicit(&e->st_paused, memory_order_relaxed);
        s->ended = atomic_load_explicit(&e->st_ended, memory_order_relaxed);
        s->renders = atomic_load_explicit(&e->st_renders, memory_order_relaxed);
        s->tl = atomic_load_explicit(&e->st_tl, memory_order_relaxed);
        s->rejected = atomic_load_explicit(&e->st_rejected, memory_order_relaxed);
        atomic_thread_fence(memory_order_acquire);
        b = atomic_load_explicit(&e->seq, memory_order_relaxed);
    } while ((a & 1) || a != b);
}

/* ---- audio thread ---- */

static void publish(struct engine *e)
{
    uint32_t s = atomic_load_explicit(&e->seq, memory_order_relaxed);
    atomic_store_explicit(&e->seq, s + 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&e->st_pos, e->pos, memory_order_relaxed);
    atomic_store_explicit(&e->st_run_from, e->run_from, memory_order_relaxed);
    atomic_store_explicit(&e->st_paused, e->paused_wanted, memory_order_relaxed);
    atomic_store_explicit(&e->st_ended, e->transport == ENDED, memory_order_relaxed);
    atomic_store_explicit(&e->st_renders, e->renders, memory_order_relaxed);
    atomic_store_explicit(&e->st_tl, e->tl, memory_order_relaxed);
    atomic_store_explicit(&e->st_rejected, e->rejected, memory_order_relaxed);
    atomic_store_explicit(&e->seq, s + 2, memory_order_release);
}

/* Where the play position will be once the seek under way lands: step
 * commands count from there, so two quick presses move two steps. */
static int64_t aim(const struct engine *e)
{
    return e->transport == SEEKING ? e->seek_to : e->pos;
}

/* Where a step-seek lands. */
static int64_t step_target(const struct engine *e, int delta)
{
    const struct timeline *tl = e->tl;
    int64_t from = aim(e);
    int s = timeline_step_at(tl, from);
    if (s < 0) { /* the introduction, or the last words */
        if (from >= (tl->nsteps ? tl->steps[tl->nsteps - 1].end : 0))
            s = tl->nsteps;
        else
            return delta > 0 && tl->nsteps ? tl->steps[0].start : 0;
    }
    if (delta < 0 && s < tl->nsteps &&
        from - tl->steps[s].start >= timeline_ms_to_frames(ENGINE_BACK_RESTART_MS, tl->rate))
        delta = 0; /* well into the step: back to its start */
    int to = s + delta;
    if (to < 0)
        return 0;
    if (to >= tl->nsteps)
        return tl->nsteps ? tl->steps[tl->nsteps - 1].end : 0;
    return tl->steps[to].start;
}

/* Where a side-seek lands: the next side begun after the position, which
 * is the other side of a two-sided step from its first side, and the next
 * step from anywhere else. */
static int64_t side_target(const struct engine *e)
{
    const struct timeline *tl = e->tl;
    int64_t from = aim(e);
    for (int i = timeline_event_at(tl, from + 1); i < tl->nev; i++)
        if (tl->ev[i].kind == TL_SIDE || tl->ev[i].kind == TL_STEP)
            return tl->ev[i].frame;
    return step_target(e, 1);
}

static void fade_out(struct engine *e, enum transport then)
{
    e->transport = then;
    ramp_to(&e->fade, 0.0f, e->fade_len);
}

/* Fades out, then jumps to frame `to` (in the timeline being loaded, if
 * one is). Paused, the fade is already at silence and it lands at once. */
static void seek(struct engine *e, int64_t to)
{
    e->seek_to = to;
    if (e->transport == PAUSED) {
        e->transport = SEEKING;
        ramp_set(&e->fade, 0.0f);
    } else {
        fade_out(e, SEEKING);
    }
}

/* Output frames to wait before the earcon, so that no click sounds under
 * it: past the click sounding now, and past the next one if it would start
 * before the earcon is over. Paused, nothing clicks. */
static int64_t earcon_wait(const struct engine *e)
{
    if (e->transport != PLAYING)
        return 0;
    int64_t wait = e->click_off < e->click_len ? e->click_len - e->click_off : 0;
    const struct timeline *tl = e->tl;
    for (int i = e->ev; i < tl->nev && tl->ev[i].frame - e->pos < wait + e->earcon_len; i++)
        if (tl->ev[i].kind == TL_CLICK)
            wait = tl->ev[i].frame - e->pos + e->click_len;
    return wait;
}

static void jump(struct engine *e, int64_t to);

static void apply(struct engine *e, const struct cmd *c)
{
    if (c->kind == CMD_MUSIC) { /* even once over: Again plays it with the bed */
        e->music = c->music;
        e->music_dry = 0;
        ramp_set(&e->mreturn, 0.0f); /* a new bed comes in with a fade */
        ramp_to(&e->mreturn, 1.0f, e->return_len);
        return;
    }
    if (c->kind == CMD_AGAIN) { /* only once over: the session from its start */
        if (e->transport == ENDED) {
            jump(e, 0);
            e->paused_wanted = 0;
            e->transport = PLAYING;
            ramp_set(&e->fade, 0.0f);
            ramp_to(&e->fade, 1.0f, e->fade_len);
        }
        return;
    }
    if (e->transport == ENDED) {
        e->rejected += c->kind == CMD_SWAP || c->kind == CMD_LOAD;
        return;
    }
    switch (c->kind) {
    case CMD_MUSIC:
    case CMD_AGAIN:
        break;
    case CMD_EARCON:
        e->earcon_off = 0;
        e->earcon_wait = earcon_wait(e);
        break;
    case CMD_HUSH:
        ramp_to(&e->hush, c->on ? db_to_lin(ENGINE_HUSH_DB) : 1.0f,
                c->on ? e->hush_down : e->hush_up);
        e->hush_left = c->on ? e->hush_max : 0;
        break;
    case CMD_PAUSE:
        e->paused_wanted = c->on;
        if (c->on && (e->transport == PLAYING || e->transport == SEEKING)) {
            /* A seek under way still lands; the pause follows it. */
            if (e->transport == PLAYING)
                fade_out(e, PAUSING);
        } else if (!c->on && (e->transport == PAUSING || e->transport == PAUSED)) {
            e->transport = PLAYING;
            ramp_to(&e->fade, 1.0f, e->fade_len);
        }
        break;
    case CMD_NEXT:
    case CMD_PREV:
    case CMD_SIDE:
        if (e->transport == STOPPING || e->load_tl)
            break; /* a session being loaded decides where it lands */
        seek(e,
             c->kind == CMD_SIDE ? side_target(e) : step_target(e, c->kind == CMD_NEXT ? 1 : -1));
        break;
    case CMD_SEEK:
        if (e->transport == STOPPING || e->load_tl)
            break;
        seek(e, c->at < e->tl->length ? c->at : e->tl->length);
        break;
    case CMD_LOAD:
        if (e->transport == STOPPING) {
            e->rejected++;
            break;
        }
        e->load_tl = c->tl;
        e->load_cues = c->cues;
        seek(e, c->at);
        break;
    case CMD_GAIN:
        e->gain_db[c->bus] = c->db;
        ramp_to(&e->gain[c->bus], bus_target(e, c->bus), e->fade_len);
        break;
    case CMD_MUTE:
        e->mute[c->bus] = c->on;
        ramp_to(&e->gain[c->bus], bus_target(e, c->bus), e->fade_len);
        break;
    case CMD_SWAP:
        /* Frames before `at` are the same in both timelines, so as long as
         * none from `at` on has been rendered, nothing heard changes. */
        if (e->pos > c->at || e->transport == SEEKING) { /* a seek aims by the old one */
            e->rejected++;
        } else {
            e->tl = c->tl;
            e->ev = timeline_event_at(e->tl, e->pos);
        }
        break;
    case CMD_FADE_IN:
        if (e->transport == PLAYING) {
            ramp_set(&e->fade, 0.0f);
            ramp_to(&e->fade, 1.0f, e->fade_len);
        }
        break;
    case CMD_STOP:
        if (e->transport == PAUSED)
            e->transport = ENDED;
        else
            fade_out(e, STOPPING);
        break;
    }
}

static void drain_commands(struct engine *e)
{
    uint32_t head = atomic_load_explicit(&e->q_head, memory_order_relaxed);
    uint32_t tail = atomic_load_explicit(&e->q_tail, memory_order_acquire);
    while (head != tail) {
        apply(e, &e->q[head % QUEUE_SIZE]);
        head++;
    }
    atomic_store_explicit(&e->q_head, head, memory_order_release);
}

static int voices_sounding(const struct engine *e)
{
    for (int i = 0; i < MAX_VOICES; i++)
        if (e->voice[i].data)
            return 1;
    return 0;
}

/* The click bus ducks from the frame a voice starts until the frame the last
 * one ends. Both are segment boundaries, so the duck cannot depend on blocks. */
static void update_duck(struct engine *e)
{
    int speaking = voices_sounding(e);
    ramp_to(&e->duck, speaking ? db_to_lin(ENGINE_DUCK_DB) : 1.0f, e->duck_len);
    ramp_to(&e->mduck, speaking ? db_to_lin(ENGINE_MUSIC_DUCK_DB) : 1.0f,
            speaking ? e->attack_len : e->release_len);
}

static void start_voice(struct engine *e, int cue)
{
    const struct cue_audio *a = &e->cues[cue];
    if (!a->data || a->frames <= 0)
        return;
    int slot = 0;
    for (int i = 0; i < MAX_VOICES; i++) {
        if (!e->voice[i].data) {
            slot = i;
            break;
        }
        if (e->voice[i].off > e->voice[slot].off)
            slot = i; /* none free: the one furthest along gives way */
    }
    e->voice[slot] = (struct voice){a->data, a->channels == 2 ? 2 : 1, a->frames, 0};
}

static void fire_events(struct engine *e)
{
    const struct timeline *tl = e->tl;
    while (e->ev < tl->nev && tl->ev[e->ev].frame == e->pos) {
        const struct tl_event *ev = &tl->ev[e->ev++];
        if (ev->kind == TL_CLICK)
            e->click_off = 0;
        else if (ev->kind == TL_CUE)
            start_voice(e, ev->arg);
    }
}

/* Lands a seek: everything sounding stops (the fade is at silence). */
static void jump(struct engine *e, int64_t to)
{
    e->pos = to;
    e->run_from = to;
    e->ev = timeline_event_at(e->tl, to);
    e->click_off = e->click_len;
    memset(e->voice, 0, sizeof e->voice);
    ramp_set(&e->duck, 1.0f);
    ramp_set(&e->mduck, 1.0f);
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* How many frames, from pos, nothing changes: no event, no source starting
 * or ending, no fade arriving. Ramps on gains may move inside a segment. */
static int64_t segment_length(const struct engine *e, int64_t want)
{
    const struct timeline *tl = e->tl;
    int64_t n = min64(want, tl->length - e->pos);
    if (e->ev < tl->nev)
        n = min64(n, tl->ev[e->ev].frame - e->pos);
    if (e->click_off < e->click_len)
        n = min64(n, e->click_len - e->click_off);
    for (int i = 0; i < MAX_VOICES; i++)
        if (e->voice[i].data)
            n = min64(n, e->voice[i].len - e->voice[i].off);
    if (!ramp_settled(&e->fade))
        n = min64(n, ramp_left(&e->fade));
    if (e->hush_left > 0)
        n = min64(n, e->hush_left);
    return n;
}

static void mix_click(struct engine *e, float *out, int n)
{
    struct ramp *g = &e->gain[ENGINE_CLICK], *d = &e->duck;
    const float *src = e->click + e->click_off;
    if (ramp_settled(g) && ramp_settled(d)) {
        float k = g->to * d->to;
        for (int i = 0; i < n; i++) {
            out[2 * i] += src[i] * k;
            out[2 * i + 1] += src[i] * k;
        }
    } else {
        for (int i = 0; i < n; i++) {
            float k = ramp_value(g) * ramp_value(d);
            out[2 * i] += src[i] * k;
            out[2 * i + 1] += src[i] * k;
            ramp_skip(g, 1);
            ramp_skip(d, 1);
        }
        return;
    }
    ramp_skip(g, n);
    ramp_skip(d, n);
}

/* A cue's 16-bit sample s stands for s / 32768. That scale goes into the
 * gain, k = gain / 32768 (a power of two: no rounding), so a sample costs one
 * multiply and one add, and the settled and the ramping loops do the same
 * float operations for a frame with the same gain. Mono goes to both sides. */
#define S16_UNIT (1.0f / 32768.0f)

static void mix_voices(struct engine *e, float *out, int n)
{
    struct ramp *g = &e->gain[ENGINE_VOICE];
    for (int v = 0; v < MAX_VOICES; v++) {
        struct voice *vo = &e->voice[v];
        if (!vo->data)
            continue;
        const int ch = vo->channels;
        const int16_t *src = vo->data + ch * vo->off;
        /* Every voice must see the same gain at the same frame. */
        struct ramp r = *g, h = e->hush;
        if (ramp_settled(&r) && ramp_settled(&h)) {
            const float k = r.to * h.to * S16_UNIT;
            if (ch == 1) {
                for (int i = 0; i < n; i++) {
                    float x = (float)src[i] * k;
                    out[2 * i] += x;
                    out[2 * i + 1] += x;
                }
            } else {
                for (int i = 0; i < 2 * n; i++)
                    out[i] += (float)src[i] * k;
            }
        } else {
            for (int i = 0; i < n; i++) {
                const float k = ramp_value(&r) * ramp_value(&h) * S16_UNIT;
                out[2 * i] += (float)src[ch * i] * k;
                out[2 * i + 1] += (float)src[ch * i + ch - 1] * k;
                ramp_skip(&r, 1);
                ramp_skip(&h, 1);
            }
        }
        vo->off += n;
        if (vo->off >= vo->len)
            vo->data = NULL;
    }
    ramp_skip(g, n);
}

/* The music's gain at session frame p, before the bus and the duck: full
 * until the session's last end_len frames, then down to silence at its end. */
static float music_end(const struct engine *e, int64_t p)
{
    int64_t left = e->tl->length - p;
    if (left >= e->end_len)
        return 1.0f;
    return left <= 0 ? 0.0f : (float)((double)left / (double)e->end_len);
}

/* Adds n frames of the bed from its ring. A chunk the ring cannot give
 * whole is left silent, and so is all that follows until the ring holds
 * MUSIC_REFILL frames again (a stalled disk makes one gap, not a stutter);
 * then the music comes back with a fade. Reading copies and never waits. The ramps move by n
 * whatever happens, so a block's size cannot change them. */
static void mix_music(struct engine *e, float *out, int n)
{
    struct ramp *g = &e->gain[ENGINE_MUSIC], *d = &e->mduck, *r = &e->mreturn;
    struct ramp h = e->hush; /* the render loop moves the hush itself */
    if (!e->music) {
        ramp_skip(g, n);
        ramp_skip(d, n);
        ramp_skip(r, n);
        return;
    }
    for (int done = 0; done < n;) {
        int c = n - done < MUSIC_CHUNK ? n - done : MUSIC_CHUNK;
        if ((e->music_dry && ring_available(e->music) < MUSIC_REFILL) ||
            !ring_read(e->music, e->mbuf, c)) {
            e->music_dry = 1;
            ramp_set(r, 0.0f);
            ramp_skip(g, c);
            ramp_skip(d, c);
            ramp_skip(&h, c);
            done += c;
            continue;
        }
        if (e->music_dry) {
            e->music_dry = 0;
            ramp_to(r, 1.0f, e->return_len);
        }
        float *o = out + 2 * done;
        int64_t p = e->pos + done;
        for (int i = 0; i < c; i++) {
            float k = ramp_value(g) * ramp_value(d) * ramp_value(r) * music_end(e, p + i) *
                      ramp_value(&h);
            o[2 * i] += e->mbuf[2 * i] * k;
            o[2 * i + 1] += e->mbuf[2 * i + 1] * k;
            ramp_skip(g, 1);
            ramp_skip(d, 1);
            ramp_skip(r, 1);
            ramp_skip(&h, 1);
        }
        done += c;
    }
}

static void master(struct engine *e, float *out, int n)
{
    struct ramp *g = &e->gain[ENGINE_MASTER], *f = &e->fade;
    if (ramp_settled(g) && ramp_settled(f)) {
        float k = g->to * f->to;
        for (int i = 0; i < 2 * n; i++)
            out[i] *= k;
    } else {
        for (int i = 0; i < n; i++) {
            float k = ramp_value(g) * ramp_value(f);
            out[2 * i] *= k;
            out[2 * i + 1] *= k;
            ramp_skip(g, 1);
            ramp_skip(f, 1);
        }
        return;
    }
    ramp_skip(g, n);
    ramp_skip(f, n);
}

/* Adds what of the earcon falls in these n output frames, at the master
 * volume, after the fade: a pause's fade must not cut the answer to
 * "pause". */
static void mix_earcon(struct engine *e, float *out, int n)
{
    if (e->earcon_off >= e->earcon_len)
        return;
    int i = 0;
    if (e->earcon_wait > 0) {
        i = (int)min64(e->earcon_wait, n);
        e->earcon_wait -= i;
    }
    float k = e->mute[ENGINE_MASTER] ? 0.0f : db_to_lin(e->gain_db[ENGINE_MASTER]);
    for (; i < n && e->earcon_off < e->earcon_len; i++) {
        float x = e->earcon[e->earcon_off++] * k;
        out[2 * i] += x;
        out[2 * i + 1] += x;
    }
}

/* n output frames have passed: the hush moves on by as many, and lifts
 * itself once it has lasted ENGINE_HUSH_MAX_MS (a verb never decided). */
static void hush_pass(struct engine *e, int64_t n)
{
    ramp_skip(&e->hush, n);
    if (e->hush_left > 0 && (e->hush_left -= n) <= 0) {
        e->hush_left = 0;
        ramp_to(&e->hush, 1.0f, e->hush_up);
    }
}

/* The fade has arrived: finish what it was for. */
static void fade_arrived(struct engine *e)
{
    switch (e->transport) {
    case PAUSING:
        e->transport = PAUSED;
        break;
    case SEEKING:
        if (e->load_tl) {
            e->tl = e->load_tl;
            e->cues = e->load_cues;
            e->load_tl = NULL;
        }
        jump(e, e->seek_to);
        if (e->paused_wanted) {
            e->transport = PAUSED;
        } else {
            e->transport = PLAYING;
            ramp_to(&e->fade, 1.0f, e->fade_len);
        }
        break;
    case STOPPING:
        e->transport = ENDED;
        break;
    case PLAYING:
    case PAUSED:
    case ENDED:
        break;
    }
}

int engine_render(struct engine *e, float *out, int frames)
{
    int done = 0;        /* frames written */
    int played = frames; /* frames that belong to the session */
    drain_commands(e);
    while (done < frames) {
        if (e->transport == SEEKING && ramp_settled(&e->fade) && e->fade.to == 0.0f)
            fade_arrived(e);
        if (e->transport == PAUSED || e->transport == ENDED || e->pos >= e->tl->length) {
            memset(out + 2 * done, 0, (size_t)(frames - done) * 2 * sizeof *out);
            hush_pass(e, frames - done);
            if (e->transport == ENDED || e->pos >= e->tl->length) {
                e->transport = ENDED;
                played = done;
            }
            break;
        }
        fire_events(e);
        update_duck(e);
        int n = (int)segment_length(e, frames - done);
        float *o = out + 2 * done;
        memset(o, 0, (size_t)n * 2 * sizeof *o);

        if (e->click_off < e->click_len) {
            mix_click(e, o, n);
            e->click_off += n;
        } else {
            ramp_skip(&e->gain[ENGINE_CLICK], n);
            ramp_skip(&e->duck, n);
        }
        mix_voices(e, o, n);
        mix_music(e, o, n);
        hush_pass(e, n);
        master(e, o, n);

        e->pos += n;
        done += n;
        update_duck(e);
        if (!ramp_settled(&e->fade))
            continue;
        if (e->fade.to == 0.0f && e->transport != PLAYING)
            fade_arrived(e);
    }
    mix_earcon(e, out, frames);
    e->renders++;
    publish(e);
    return played;
}
