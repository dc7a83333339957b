/* SPDX-License-Identifier: MIT */
/* test_engine.c — the mix at exact frames, on hand-made timelines: clicks
 * and cues (mono and stereo, 16-bit) start on their frames, nothing depends
 * on the block size, speech ducks the click without cutting it, pause, seek
 * and stop fade. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "support.h"
#include "click.h"
#include "engine.h"
#include "limiter.h"

#define RATE 48000

static float click_ref[RATE];

/* A timeline of n events, one roll of one step (support.h). */
static struct test_roll roll;
static struct timeline make_tl(struct tl_event *ev, int nev, int64_t length)
{
    return test_timeline(ev, nev, length, RATE, &roll);
}

/* Renders the whole session with one block size into a new buffer. */
static float *render_all(const struct timeline *tl, const struct cue_audio *cues,
                         const struct engine_opts *o, int block, int64_t *frames)
{
    int64_t cap = tl->length + block;
    float *out = calloc((size_t)cap * 2, sizeof *out);
    struct engine *e = engine_new(tl, cues, o);
    int64_t n = 0;
    for (;;) {
        int got = engine_render(e, out + 2 * n, block);
        n += got;
        if (got < block)
            break;
    }
    engine_free(e);
    *frames = n;
    return out;
}

static void test_clicks_at_exact_frames(void)
{
    struct tl_event ev[5];
    for (int k = 0; k < 4; k++)
        ev[k] = (struct tl_event){(int64_t)k * RATE + 100, TL_CLICK, k};
    ev[4] = (struct tl_event){4 * RATE, TL_END, 0};
    struct timeline tl = make_tl(ev, 5, 4 * RATE);
    struct engine_opts o = engine_defaults();
    int64_t n;
    float *out = render_all(&tl, NULL, &o, 512, &n);
    CHECK_INT(n, 4 * RATE);
    int len = click_frames(RATE);
    int bad = 0;
    for (int64_t f = 0; f < n; f++) {
        int64_t rel = (f - 100) % RATE;
        float want = f >= 100 && rel < len ? click_ref[rel] : 0.0f;
        if (out[2 * f] != want || out[2 * f + 1] != want)
            bad++;
    }
    CHECK_INT(bad, 0);
    CHECK(out[2 * 100] != 0.0f); /* the onset is the event frame */
    CHECK(out[2 * 99] == 0.0f);
    free(out);
}

static int16_t s16(double x)
{
    return (int16_t)lrint(x * 32767.0);
}

/* A stereo cue whose samples say where they are, so any misplacement shows,
 * and whose sides differ, so a swap shows. */
static struct cue_audio make_cue(int64_t frames, float scale)
{
    struct cue_audio c = {malloc((size_t)frames * 2 * sizeof(int16_t)), frames, 2};
    for (int64_t i = 0; i < frames; i++) {
        c.data[2 * i] = s16(scale * sin(0.01 * (double)i));
        c.data[2 * i + 1] = s16(scale * cos(0.013 * (double)i));
    }
    return c;
}

/* The same, mono: one channel that both sides play. */
static struct cue_audio make_mono(int64_t frames, float scale)
{
    struct cue_audio c = {malloc((size_t)frames * sizeof(int16_t)), frames, 1};
    for (int64_t i = 0; i < frames; i++)
        c.data[i] = s16(scale * sin(0.017 * (double)i));
    return c;
}

/* What a cue's frame i holds on one side (0 left, 1 right), as the engine
 * reads it: a sample s stands for s / 32768. */
static float cue_at(const struct cue_audio *c, int64_t i, int side)
{
    return (float)c->data[i * c->channels + (c->channels == 2 ? side : 0)] / 32768.0f;
}

static void test_cue_at_its_frame(void)
{
    struct cue_audio cues[2] = {make_cue(20000, 0.5f), make_mono(20000, 0.5f)};
    for (int k = 0; k < 2; k++) {
        const struct cue_audio *cue = &cues[k];
        struct tl_event ev[] = {{1234, TL_CUE, 0}, {RATE, TL_END, 0}};
        struct timeline tl = make_tl(ev, 2, RATE);
        struct engine_opts o = engine_defaults();
        int64_t n;
        float *out = render_all(&tl, cue, &o, 4096, &n);
        int bad = 0;
        for (int64_t f = 0; f < n; f++) {
            int64_t i = f - 1234;
            float l = i >= 0 && i < cue->frames ? cue_at(cue, i, 0) : 0.0f;
            float r = i >= 0 && i < cue->frames ? cue_at(cue, i, 1) : 0.0f;
            if (out[2 * f] != l || out[2 * f + 1] != r)
                bad++;
        }
        CHECK_INT(bad, 0);
        CHECK(out[2 * 2000] != 0.0f);
        if (cue->channels == 1) /* mono: both sides alike */
            CHECK(out[2 * 2000] == out[2 * 2000 + 1]);
        else
            CHECK(out[2 * 2000] != out[2 * 2000 + 1]);
        free(out);
    }
    cues_free(&cues[0]);
    cues_free(&cues[1]);
}

/* Clicks, overlapping cues (one stereo, one mono), a click under speech:
 * the worst case for block edges. Every block size must give the same bytes. */
static void test_block_size_invariance(void)
{
    struct cue_audio cues[2] = {make_cue(30000, 0.6f), make_mono(7001, 0.7f)};
    struct tl_event ev[64];
    int n = 0;
    for (int k = 0; k < 6; k++)
        ev[n++] = (struct tl_event){(int64_t)k * 24000 + 7, TL_CLICK, k};
    ev[n++] = (struct tl_event){10000, TL_CUE, 0};
    ev[n++] = (struct tl_event){30011, TL_CUE, 1};
    ev[n++] = (struct tl_event){33333, TL_CUE, 1};
    /* sort by frame, as compile does */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && ev[j].frame < ev[j - 1].frame; j--) {
            struct tl_event t = ev[j];
            ev[j] = ev[j - 1];
            ev[j - 1] = t;
        }
    ev[n++] = (struct tl_event){3 * RATE, TL_END, 0};
    struct timeline tl = make_tl(ev, n, 3 * RATE);
    struct engine_opts o = engine_defaults();
    o.gain_db[ENGINE_MASTER] = 4.0f; /* past full scale: the limiter after it holds that */
    static const int blocks[] = {1, 7, 64, 4096};
    int64_t len0;
    float *ref = render_all(&tl, cues, &o, blocks[0], &len0);
    for (int b = 1; b < 4; b++) {
        int64_t len;
        float *out = render_all(&tl, cues, &o, blocks[b], &len);
        CHECK_INT(len, len0);
        CHECK(memcmp(out, ref, (size_t)len0 * 2 * sizeof *out) == 0);
        free(out);
    }
    /* The same bytes through the limiter, block by block as the writer and
     * the device feed it. */
    float *limited = NULL;
    for (int b = 0; b < 4; b++) {
        struct limiter *l = limiter_new(RATE, 2, LIMITER_CEILING_DB);
        float *out = malloc((size_t)len0 * 2 * sizeof *out);
        memcpy(out, ref, (size_t)len0 * 2 * sizeof *out);
        for (int64_t at = 0; at < len0; at += blocks[b])
            limiter_run(l, out + 2 * at, (int)(len0 - at < blocks[b] ? len0 - at : blocks[b]));
        CHECK(limiter_reduction_db(l) > 0.0f); /* it had work to do */
        if (!limited)
            limited = out;
        CHECK(memcmp(out, limited, (size_t)len0 * 2 * sizeof *out) == 0);
        if (out != limited)
            free(out);
        limiter_free(l);
    }
    free(limited);
    free(ref);
    cues_free(&cues[0]);
    cues_free(&cues[1]);
}

/* Under speech the click keeps every one of its samples, ducked by the set
 * amount once the duck has settled. */
static void test_speech_ducks_click(void)
{
    struct cue_audio cue = {calloc(RATE, sizeof(int16_t)), RATE, 1}; /* silent speech */
    struct tl_event ev[] = {
        {0, TL_CUE, 0}, {2400, TL_CLICK, 0}, {RATE + 1000, TL_CLICK, 1}, {2 * RATE, TL_END, 0}};
    struct timeline tl = make_tl(ev, 4, 2 * RATE);
    struct engine_opts o = engine_defaults();
    int64_t n;
    float *out = render_all(&tl, &cue, &o, 256, &n);
    float duck = powf(10.0f, ENGINE_DUCK_DB / 20.0f);
    int len = click_frames(RATE), bad = 0, bad2 = 0;
    for (int i = 0; i < len; i++) {
        if (fabsf(out[2 * (2400 + i)] - click_ref[i] * duck) > 1e-6f)
            bad++;
        /* after the speech ends the duck lifts within the fade time */
        if (out[2 * (RATE + 1000 + i)] != click_ref[i])
            bad2++;
    }
    CHECK_INT(bad, 0);
    CHECK_INT(bad2, 0);
    free(out);
    cues_free(&cue);
}

/* Largest jump between neighbouring samples of the left channel. */
static float max_step(const float *out, int64_t from, int64_t to)
{
    float m = 0;
    for (int64_t f = from + 1; f < to; f++) {
        float d = fabsf(out[2 * f] - out[2 * (f - 1)]);
        m = d > m ? d : m;
    }
    return m;
}

static void test_pause_resume_fades(void)
{
    struct cue_audio cue = make_cue(4 * RATE, 0.8f);
    struct tl_event ev[] = {{0, TL_CUE, 0}, {4 * RATE, TL_END, 0}};
    struct timeline tl = make_tl(ev, 2, 4 * RATE);
    struct engine_opts o = engine_defaults();
    struct engine *e = engine_new(&tl, &cue, &o);
    float *out = calloc(RATE * 2, sizeof *out);
    engine_render(e, out, 1000);
    engine_pause(e, 1);
    engine_render(e, out + 2 * 1000, 2000);
    struct engine_status st;
    engine_status(e, &st);
    CHECK(st.paused);
    int64_t frozen = st.pos;
    int fade = RATE * ENGINE_FADE_MS / 1000;
    CHECK_INT(frozen, 1000 + fade); /* it plays on through the fade, then stops */
    int silent = 1;
    for (int f = 1000 + fade; f < 3000; f++)
        silent &= out[2 * f] == 0.0f && out[2 * f + 1] == 0.0f;
    CHECK(silent);
    engine_render(e, out + 2 * 3000, 500);
    engine_status(e, &st);
    CHECK_INT(st.pos, frozen);
    engine_pause(e, 0);
    engine_render(e, out + 2 * 3500, 2000);
    engine_status(e, &st);
    CHECK_INT(st.pos, frozen + 2000);
    /* The sine's own largest step is 0.8 * 0.01; a fade adds very little. */
    CHECK(max_step(out, 0, 5500) < 0.0085f);
    /* After the fade in, the cue continues exactly where it paused. */
    int64_t f = 3500 + fade + 10, i = frozen + fade + 10;
    CHECK(out[2 * f] == cue_at(&cue, i, 0));
    free(out);
    engine_free(e);
    cues_free(&cue);
}

static void test_seek_and_stop(void)
{
    struct cue_audio cue = make_cue(RATE, 0.5f);
    struct tl_event ev[] = {{0, TL_CUE, 0}, {RATE, TL_CUE, 0}, {3 * RATE, TL_END, 0}};
    static struct tl_phase ph[2];
    ph[0] = (struct tl_phase){.start = 0, .end = RATE, .kind = TLP_SAY, .step = 0};
    ph[1] = (struct tl_phase){.start = RATE, .end = 3 * RATE, .kind = TLP_SAY, .step = 1};
    struct tl_step steps[2] = {{0, RATE}, {RATE, 3 * RATE}};
    struct timeline tl = {.rate = RATE,
                          .length = 3 * RATE,
                          .ev = ev,
                          .nev = 3,
                          .ph = ph,
                          .nph = 2,
                          .steps = steps,
                          .nsteps = 2};
    struct engine_opts o = engine_defaults();
    struct engine *e = engine_new(&tl, &cue, &o);
    float *out = calloc(RATE * 2, sizeof *out);
    engine_render(e, out, 100);
    engine_next_step(e);
    int fade = RATE * ENGINE_FADE_MS / 1000;
    engine_render(e, out, fade);
    struct engine_status st;
    engine_status(e, &st);
    CHECK_INT(st.pos, RATE); /* landed on step 2 once the fade was done */
    engine_render(e, out, 2 * fade);
    /* step 2's cue is playing, fading in from its first frame */
    CHECK(fabsf(out[2 * (2 * fade - 1)] - cue_at(&cue, 2 * fade - 1, 0)) < 1e-6f);
    engine_prev_step(e); /* less than 3 s in: back to step 1 */
    engine_render(e, out, fade + 1);
    engine_status(e, &st);
    CHECK_INT(st.pos, 1);
    engine_stop(e);
    int got = engine_render(e, out, RATE);
    CHECK_INT(got, fade);
    engine_status(e, &st);
    CHECK(st.ended);
    CHECK_INT(engine_render(e, out, 10), 0);
    free(out);
    engine_free(e);
    cues_free(&cue);
}

/* Two quick presses are two moves: the second counts from where the first
 * lands, not from the position the engine has not yet left. And the side
 * command: from a first side to the other side, from anywhere else to the
 * next step. */
static void test_quick_presses_and_sides(void)
{
    struct tl_event ev[] = {
        {0, TL_STEP, 0},        {0, TL_SIDE, SCRIPT_SIDE_LEFT}, {RATE, TL_SIDE, SCRIPT_SIDE_RIGHT},
        {2 * RATE, TL_STEP, 1}, {3 * RATE, TL_STEP, 2},         {4 * RATE, TL_END, 0}};
    static struct tl_phase ph[4];
    ph[0] = (struct tl_phase){
        .start = 0, .end = RATE, .kind = TLP_ROLL, .step = 0, .side = SCRIPT_SIDE_LEFT};
    ph[1] = (struct tl_phase){
        .start = RATE, .end = 2 * RATE, .kind = TLP_ROLL, .step = 0, .side = SCRIPT_SIDE_RIGHT};
    ph[2] = (struct tl_phase){.start = 2 * RATE, .end = 3 * RATE, .kind = TLP_ROLL, .step = 1};
    ph[3] = (struct tl_phase){.start = 3 * RATE, .end = 4 * RATE, .kind = TLP_ROLL, .step = 2};
    struct tl_step steps[3] = {{0, 2 * RATE}, {2 * RATE, 3 * RATE}, {3 * RATE, 4 * RATE}};
    struct timeline tl = {.rate = RATE,
                          .length = 4 * RATE,
                          .ev = ev,
                          .nev = 6,
                          .ph = ph,
                          .nph = 4,
                          .steps = steps,
                          .nsteps = 3};
    struct engine_opts o = engine_defaults();
    struct engine *e = engine_new(&tl, NULL, &o);
    float *out = calloc(RATE * 2, sizeof *out);
    int fade = RATE * ENGINE_FADE_MS / 1000;
    struct engine_status st;
    engine_status(e, &st);
    CHECK_INT(st.run_from, 0);

    engine_render(e, out, 100);
    engine_next_step(e);
    engine_next_step(e); /* before the first has landed */
    engine_render(e, out, fade + 1);
    engine_status(e, &st);
    CHECK_INT(st.pos, 3 * RATE + 1);
    CHECK_INT(st.run_from, 3 * RATE); /* play runs unbroken from the landing */
    engine_prev_step(e);
    engine_prev_step(e);
    engine_render(e, out, fade + 1);
    engine_status(e, &st);
    CHECK_INT(st.pos, 1);

    /* The left side: the side command goes to the right side... */
    engine_next_side(e);
    engine_render(e, out, fade + 1);
    engine_status(e, &st);
    CHECK_INT(st.pos, RATE + 1);
    /* ...and from there to the next step; twice quickly, the step after. */
    engine_next_side(e);
    engine_next_side(e);
    engine_render(e, out, fade + 1);
    engine_status(e, &st);
    CHECK_INT(st.pos, 3 * RATE + 1);
    free(out);
    engine_free(e);
}

/* Muted voice leaves the click ducked as in the full mix; muted click and
 * a voice gain leave the voice at that gain. A cue and a click on one frame
 * mix the same whichever of the two events the timeline lists first. */
static void test_mute_and_gain(void)
{
    struct cue_audio cue = make_cue(RATE / 2, 0.5f);
    struct tl_event orders[2][3] = {{{0, TL_CUE, 0}, {0, TL_CLICK, 0}, {RATE, TL_END, 0}},
                                    {{0, TL_CLICK, 0}, {0, TL_CUE, 0}, {RATE, TL_END, 0}}};
    float duck = powf(10.0f, ENGINE_DUCK_DB / 20.0f), g = powf(10.0f, -6.0f / 20.0f);
    for (int k = 0; k < 2; k++) {
        struct timeline tl = make_tl(orders[k], 3, RATE);
        struct engine_opts o = engine_defaults();
        o.mute[ENGINE_VOICE] = 1;
        int64_t n;
        float *out = render_all(&tl, &cue, &o, 333, &n);
        /* voice muted: only the click, still ducked as in the full mix */
        CHECK(fabsf(out[2 * 1000] - click_ref[1000] * duck) < 1e-6f);
        CHECK(out[2 * 10000] == 0.0f);
        free(out);
        o = engine_defaults();
        o.mute[ENGINE_CLICK] = 1;
        o.gain_db[ENGINE_VOICE] = -6.0f;
        out = render_all(&tl, &cue, &o, 333, &n);
        CHECK(fabsf(out[2 * 10000] - cue_at(&cue, 10000, 0) * g) < 1e-6f);
        CHECK(out[2 * 10000] != 0.0f);
        free(out);
    }
    cues_free(&cue);
}

static void test_click_shape(void)
{
    int len = click_frames(RATE);
    double sum = 0, peak = 0;
    for (int i = 0; i < len; i++) {
        sum += click_ref[i];
        peak = fabs(click_ref[i]) > peak ? fabs(click_ref[i]) : peak;
    }
    CHECK(click_ref[0] != 0.0f);              /* onset on the event frame */
    CHECK(fabs(click_ref[0]) * 32767 >= 1.0); /* and still there in 16 bits */
    CHECK(fabs(sum) < 1e-4);                  /* no DC */
    CHECK(fabs(peak - CLICK_PEAK) < 1e-6);
    CHECK(fabs(click_ref[len - 1]) < 1e-4); /* ends in silence: no pop */
}

/* Holding longer while playing: the engine takes the new timeline between
 * two blocks, and what it plays is exactly what the new timeline played from
 * the start would be. A swap that comes too late is turned down. */
static void test_swap_timeline(void)
{
    struct cue_audio cue = make_cue(RATE / 2, 0.5f);
    struct tl_event ev[16];
    int n = 0;
    ev[n++] = (struct tl_event){0, TL_CUE, 0};
    for (int k = 0; k < 6; k++)
        ev[n++] = (struct tl_event){(int64_t)k * RATE, TL_CLICK, k};
    ev[n++] = (struct tl_event){6 * RATE, TL_END, 0};
    struct timeline tl = make_tl(ev, n, 6 * RATE);
    struct timeline longer;
    int64_t at = 2 * RATE + 100, more = 10 * RATE;
    CHECK_INT(timeline_insert_hold(&tl, &longer, at, more), 0);
    struct engine_opts o = engine_defaults();

    int64_t len;
    float *want = render_all(&longer, &cue, &o, 512, &len);
    CHECK_INT(len, 16 * RATE);

    float *got = calloc((size_t)(len + 512) * 2, sizeof *got);
    struct engine *e = engine_new(&tl, &cue, &o);
    int64_t done = 0;
    int swapped = 0;
    for (;;) {
        if (!swapped && done >= RATE) { /* a second in: well before `at` */
            engine_swap_timeline(e, &longer, at);
            swapped = 1;
        }
        int r = engine_render(e, got + 2 * done, 512);
        done += r;
        if (r < 512)
            break;
    }
    struct engine_status st;
    engine_status(e, &st);
    CHECK(st.tl == &longer);
    CHECK_INT(st.rejected, 0);
    CHECK_INT(done, len);
    CHECK(memcmp(got, want, (size_t)len * 2 * sizeof *got) == 0);
    engine_free(e);

    /* Too late: frame `at` already rendered. The old timeline plays on. */
    e = engine_new(&tl, &cue, &o);
    engine_render(e, got, (int)(at + 1));
    engine_swap_timeline(e, &longer, at);
    engine_render(e, got, 64);
    engine_status(e, &st);
    CHECK(st.tl == &tl);
    CHECK_INT(st.rejected, 1);
    engine_free(e);

    free(want);
    free(got);
    timeline_free(&longer);
    cues_free(&cue);
}

/* After a device comes back the engine fades in where it stands. */
static void test_fade_in(void)
{
    struct cue_audio cue = make_cue(RATE, 0.8f);
    struct tl_event ev[] = {{0, TL_CUE, 0}, {RATE, TL_END, 0}};
    struct timeline tl = make_tl(ev, 2, RATE);
    struct engine_opts o = engine_defaults();
    struct engine *e = engine_new(&tl, &cue, &o);
    float out[2 * 2000];
    engine_render(e, out, 1000);
    engine_fade_in(e);
    engine_render(e, out, 2000);
    int fade = RATE * ENGINE_FADE_MS / 1000;
    CHECK(fabsf(out[0]) < 1e-6f);                         /* from silence */
    CHECK(out[2 * fade] == cue_at(&cue, 1000 + fade, 0)); /* to full level */
    CHECK(max_step(out, 0, 2000) < 0.0085f);              /* without a jump */
    engine_free(e);
    cues_free(&cue);
}

/* Loading another session (a routine edited while it plays): the engine
 * fades out, lands at the frame asked for in the new timeline, with its
 * cues, and from the end of the fade in plays exactly what the new session
 * played from that frame would. */
static void test_load(void)
{
    struct cue_audio a = make_cue(RATE, 0.3f), b = make_cue(RATE, 0.6f);
    struct tl_event ev1[] = {{0, TL_CUE, 0}, {2 * RATE, TL_END, 0}};
    struct tl_event ev2[] = {
        {100, TL_CLICK, 0}, {RATE, TL_CUE, 0}, {RATE + 7, TL_CLICK, 1}, {3 * RATE, TL_END, 0}};
    struct timeline t1 = make_tl(ev1, 2, 2 * RATE);
    struct timeline t2 = {.rate = RATE,
                          .length = 3 * RATE,
                          .ev = ev2,
                          .nev = 4,
                          .ph = t1.ph,
                          .nph = 1,
                          .steps = t1.steps,
                          .nsteps = 1};
    struct engine_opts o = engine_defaults();
    int fade = RATE * ENGINE_FADE_MS / 1000;
    int64_t at = RATE - 500;

    o.start = at;
    int64_t n;
    struct engine *ref = engine_new(&t2, &b, &o);
    float *want = calloc((size_t)3 * RATE * 2, sizeof *want);
    n = engine_render(ref, want, 3 * RATE);
    CHECK_INT(n, 3 * RATE - at);
    engine_free(ref);

    o.start = 0;
    struct engine *e = engine_new(&t1, &a, &o);
    float *got = calloc((size_t)4 * RATE * 2, sizeof *got);
    engine_render(e, got, 5000);
    CHECK_INT(engine_load(e, &t2, &b, at), 0);
    engine_next_step(e); /* ignored: the load decides where it lands */
    int r = engine_render(e, got, 4 * RATE);
    struct engine_status st;
    engine_status(e, &st);
    CHECK(st.tl == &t2);
    CHECK_INT(r, fade + n); /* the old session's fade, then the new one to its end */
    int bad = 0;
    for (int64_t i = 2 * (fade + fade); i < 2 * (fade + n); i++)
        bad += got[i] != want[i - 2 * fade];
    CHECK_INT(bad, 0);
    CHECK(max_step(got, 0, fade + n) < 0.5f); /* no jump at the seam */
    engine_free(e);
    free(want);
    free(got);
    cues_free(&a);
    cues_free(&b);
}

/* The earcon waits out a click about to sound, sounds while paused, and
 * leaves the session's frames as they were. */
static void test_earcon(void)
{
    struct tl_event ev[] = {{RATE, TL_CLICK, 0}, {2 * RATE, TL_CLICK, 1}, {3 * RATE, TL_END, 0}};
    struct timeline tl = make_tl(ev, 3, 3 * RATE);
    struct engine_opts o = engine_defaults();
    int clen = click_frames(RATE), elen = click_earcon_frames(RATE);
    float *plain = calloc(2 * RATE * 3, sizeof *plain), *with = calloc(2 * RATE * 3, sizeof *with);
    struct engine *a = engine_new(&tl, NULL, &o), *b = engine_new(&tl, NULL, &o);
    /* Asked for 100 frames before the click: it starts as the click ends. */
    engine_render(a, plain, RATE - 100);
    engine_render(b, with, RATE - 100);
    engine_earcon(b);
    engine_render(a, plain + 2 * (RATE - 100), RATE);
    engine_render(b, with + 2 * (RATE - 100), RATE);
    int first = -1;
    for (int i = 0; i < 2 * RATE - 100 && first < 0; i++)
        if (with[2 * i] != plain[2 * i])
            first = i;
    CHECK_INT(first, RATE + clen + 1); /* its first sample is 0: the next one differs */
    float *ear = malloc((size_t)elen * sizeof *ear);
    click_earcon(ear, RATE);
    CHECK(fabsf(with[2 * (RATE + clen + 1)] - ear[1]) < 1e-7f);
    /* Over before the next click. */
    CHECK(RATE + clen + elen <= 2 * RATE);
    /* Paused: the session stands still, the earcon still sounds. */
    engine_pause(b, 1);
    engine_render(b, with, 4096); /* the fade to the pause */
    struct engine_status st;
    engine_status(b, &st);
    int64_t at = st.pos;
    engine_earcon(b);
    engine_render(b, with, 4096);
    engine_status(b, &st);
    CHECK_INT(st.pos, at);
    CHECK(fabsf(with[2 * 1] - ear[1]) < 1e-7f);
    CHECK(with[2 * (elen + 10)] == 0.0f);
    free(ear);
    free(plain);
    free(with);
    engine_free(a);
    engine_free(b);
}

/* Renders tl with a hush asked for at output frame `on` and lifted at `off`
 * (-1: never), the rest in blocks of `block`. */
static float *render_hushed(const struct timeline *tl, const struct cue_audio *cues,
                            const struct engine_opts *o, int64_t on, int64_t off, int block)
{
    float *out = calloc((size_t)tl->length * 2, sizeof *out);
    struct engine *e = engine_new(tl, cues, o);
    int64_t at = 0;
    while (at < tl->length) {
        if (at == on)
            engine_hush(e, 1);
        if (at == off)
            engine_hush(e, 0);
        int64_t next = at + block;
        if (at < on && on < next)
            next = on;
        if (at < off && off < next)
            next = off;
        if (next > tl->length)
            next = tl->length;
        engine_render(e, out + 2 * at, (int)(next - at));
        at = next;
    }
    engine_free(e);
    return out;
}

/* The loudest sample of the left side over [from, to). */
static float peak(const float *out, int64_t from, int64_t to)
{
    float m = 0;
    for (int64_t f = from; f < to; f++)
        m = fabsf(out[2 * f]) > m ? fabsf(out[2 * f]) : m;
    return m;
}

/* The hush on the wake word: the voice drops by at least 20 dB within its
 * attack and comes back over ENGINE_HUSH_UP_MS once lifted, or by itself
 * after ENGINE_HUSH_MAX_MS; the clicks under it are the same bytes, on the
 * same frames, as with no hush at all; and where the blocks fall changes
 * nothing. */
static void test_hush(void)
{
    struct cue_audio cue = make_mono(5 * RATE, 0.1f);
    struct tl_event ev[16];
    int n = 0;
    ev[n++] = (struct tl_event){0, TL_CUE, 0};
    for (int k = 0; k < 6; k++)
        ev[n++] = (struct tl_event){(int64_t)k * RATE + 777, TL_CLICK, k};
    ev[n++] = (struct tl_event){6 * RATE, TL_END, 0};
    struct timeline tl = make_tl(ev, n, 6 * RATE);
    struct engine_opts o = engine_defaults();
    const int64_t on = RATE / 2, off = 2 * RATE;
    const int64_t down = (int64_t)RATE * ENGINE_HUSH_DOWN_MS / 1000;
    const int64_t up = (int64_t)RATE * ENGINE_HUSH_UP_MS / 1000;
    const int64_t max = (int64_t)RATE * ENGINE_HUSH_MAX_MS / 1000;

    /* The voice alone: down by 20 dB or more once the attack is over, until
     * lifted, then whole again within the release. */
    o.mute[ENGINE_CLICK] = 1;
    float *plain = render_hushed(&tl, &cue, &o, -1, -1, 4096);
    float *hushed = render_hushed(&tl, &cue, &o, on, off, 4096);
    float full = peak(plain, on, off);
    CHECK(full > 0.09f);
    CHECK(peak(hushed, 0, on) == peak(plain, 0, on));
    CHECK(peak(hushed, on + down, off) <= full * 0.1f);
    CHECK(peak(hushed, on, on + down) > full * 0.1f); /* a ramp, not a step */
    CHECK(peak(hushed, off + up, 4 * RATE) == peak(plain, off + up, 4 * RATE));
    CHECK(max_step(hushed, 0, 4 * RATE) < 0.01f); /* no jump where it turns */
    free(hushed);
    /* Never lifted: it lifts itself. */
    hushed = render_hushed(&tl, &cue, &o, on, -1, 4096);
    CHECK(peak(hushed, on + down, on + max) <= full * 0.1f);
    CHECK(peak(hushed, on + max + up, 5 * RATE) == peak(plain, on + max + up, 5 * RATE));
    free(hushed);
    free(plain);

    /* The clicks with the voice muted: the same bytes, hushed or not. */
    o = engine_defaults();
    o.mute[ENGINE_VOICE] = 1;
    plain = render_hushed(&tl, &cue, &o, -1, -1, 4096);
    hushed = render_hushed(&tl, &cue, &o, on, off, 64);
    CHECK(memcmp(plain, hushed, (size_t)tl.length * 2 * sizeof *plain) == 0);
    CHECK(plain[2 * (RATE + 777)] != 0.0f && plain[2 * (RATE + 776)] == 0.0f);
    free(hushed);
    free(plain);

    /* Everything together: block sizes 1, 7, 64 and 4096 agree. */
    o = engine_defaults();
    float *ref = render_hushed(&tl, &cue, &o, on, off, 4096);
    int sizes[] = {1, 7, 64};
    for (int i = 0; i < 3; i++) {
        float *b = render_hushed(&tl, &cue, &o, on, off, sizes[i]);
        CHECK(memcmp(ref, b, (size_t)tl.length * 2 * sizeof *b) == 0);
        free(b);
    }
    free(ref);
    cues_free(&cue);
}

int main(void)
{
    click_make(click_ref, RATE);
    test_click_shape();
    test_clicks_at_exact_frames();
    test_cue_at_its_frame();
    test_block_size_invariance();
    test_speech_ducks_click();
    test_pause_resume_fades();
    test_seek_and_stop();
    test_quick_presses_and_sides();
    test_mute_and_gain();
    test_swap_timeline();
    test_fade_in();
    test_load();
    test_earcon();
    test_hush();
    return check_done("test_engine");
}
