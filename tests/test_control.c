/* SPDX-License-Identifier: MIT */
/* test_control.c — one place for a person's wishes: every input's action
 * reaches the engine, a media key and its echo over MPRIS count once, the
 * volume a remote sets lands on the keys' steps, and mute silences the
 * sound itself. The engine is pulled by hand, as the device would. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "control.h"
#include "support.h"

#define RATE 48000

/* Twenty seconds of clicks, one a second, in one roll. */
static struct timeline clicks(struct tl_event ev[22], struct test_roll *roll)
{
    test_clicks(ev, 20, 0, RATE);
    ev[20] = (struct tl_event){20 * RATE, TL_END, 0};
    return test_timeline(ev, 21, 20 * RATE, RATE, roll);
}

static float peak(struct engine *e, int frames)
{
    static float buf[2 * RATE];
    float p = 0;
    engine_render(e, buf, frames);
    for (int i = 0; i < 2 * frames; i++)
        p = fabsf(buf[i]) > p ? fabsf(buf[i]) : p;
    return p;
}

/* An engine pulled by hand over twenty seconds of clicks, and its control. */
struct rig {
    struct tl_event ev[22];
    struct test_roll roll;
    struct timeline tl;
    struct engine *e;
    struct control c;
};

static void rig_make(struct rig *r)
{
    r->tl = clicks(r->ev, &r->roll);
    struct engine_opts o = engine_defaults();
    r->e = engine_new(&r->tl, NULL, &o);
    control_init(&r->c, r->e, &r->tl, NULL, 2 * 4096, 0.0f, 0);
}

static void test_echo(void)
{
    struct rig r;
    rig_make(&r);
    struct engine *e = r.e;
    struct control c = r.c;

    /* A media key, then the same press over MPRIS: one toggle. */
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_MEDIA_KEY, 1000), 0);
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_REMOTE, 1100), 1);
    CHECK_INT(c.paused, 1);
    /* The other way round, too. */
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_REMOTE, 5000), 0);
    CHECK_INT(
        control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_MEDIA_KEY, 5000 + CONTROL_ECHO_MS - 1),
        1);
    CHECK_INT(c.paused, 0);
    /* Later than the echo window: a press of its own. */
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_MEDIA_KEY, 9000), 0);
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_REMOTE, 9000 + CONTROL_ECHO_MS),
              0);
    CHECK_INT(c.paused, 0);
    /* Two presses through one path are two presses: a headset double tap. */
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_REMOTE, 20000), 0);
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_REMOTE, 20050), 0);
    CHECK_INT(c.paused, 0);
    /* Different actions are never echoes; nor is a third press. */
    CHECK_INT(control_act_at(&c, CONTROL_NEXT, CONTROL_FROM_MEDIA_KEY, 30000), 0);
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_REMOTE, 30010), 0);
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_MEDIA_KEY, 30020), 1);
    CHECK_INT(control_act_at(&c, CONTROL_PLAY_PAUSE, CONTROL_FROM_REMOTE, 30030), 0);
    CHECK_INT(c.paused, 0);
    /* Keys and spoken commands are never taken for echoes. */
    CHECK_INT(control_act_at(&c, CONTROL_PAUSE, CONTROL_FROM_KEY, 40000), 0);
    CHECK_INT(control_act_at(&c, CONTROL_PAUSE, CONTROL_FROM_VOICE, 40001), 0);
    CHECK_INT(c.paused, 1);
    CHECK_INT(control_act_at(&c, CONTROL_PLAY, CONTROL_FROM_REMOTE, 41000), 0);
    CHECK_INT(c.paused, 0);

    /* The engine heard each: the last word was play, and it plays. */
    peak(e, 1000);
    struct engine_status s;
    engine_status(e, &s);
    CHECK_INT(s.paused, 0);
    control_free(&c);
    engine_free(e);
}

static void test_volume(void)
{
    struct rig r;
    rig_make(&r);
    struct engine *e = r.e;
    struct control c = r.c;
    float full = peak(e, RATE);
    CHECK(full > 0.1f);

    /* A remote's linear volume lands on the nearest 3 dB step. */
    control_volume_to(&c, 0.5);
    CHECK(c.volume_db == -6.0f);
    CHECK(fabs(control_volume_gain(&c) - pow(10.0, -6.0 / 20)) < 1e-9);
    /* The gain is in the sound, once the 10 ms ramp is over. */
    peak(e, RATE);
    CHECK(fabsf(peak(e, RATE) / full - powf(10.0f, -6.0f / 20)) < 1e-4f);
    /* A nudge smaller than a step still moves one step its way. */
    control_volume_to(&c, control_volume_gain(&c) - 0.05);
    CHECK(c.volume_db == -9.0f);
    control_volume_to(&c, control_volume_gain(&c) + 0.01);
    CHECK(c.volume_db == -6.0f);
    /* Asking for what it is changes nothing. */
    control_volume_to(&c, control_volume_gain(&c));
    CHECK(c.volume_db == -6.0f);
    /* Within the engine's range, the one the command line and rollout.conf
     * take: from any volume they allow, louder is never quieter and
     * quieter never louder. */
    control_volume_to(&c, 100.0);
    CHECK(c.volume_db == ENGINE_GAIN_MAX_DB);
    control_volume_to(&c, 1e-9);
    CHECK(c.volume_db == ENGINE_GAIN_MIN_DB);
    CHECK_INT(c.muted, 0);
    c.volume_db = 10.0f; /* volume = 10 in rollout.conf */
    control_volume(&c, +1);
    CHECK(c.volume_db == ENGINE_GAIN_MAX_DB);
    control_volume(&c, +1);
    CHECK(c.volume_db == ENGINE_GAIN_MAX_DB);
    c.volume_db = -50.0f;
    control_volume(&c, -1);
    CHECK(c.volume_db == -53.0f);
    c.volume_db = -59.0f;
    control_volume(&c, -1);
    CHECK(c.volume_db == ENGINE_GAIN_MIN_DB);
    control_volume(&c, +1);
    CHECK(c.volume_db == ENGINE_GAIN_MIN_DB + CONTROL_VOLUME_STEP_DB);

    /* 0 mutes: silence itself, and a volume of 0 to remotes. */
    control_volume_to(&c, 1.0);
    control_volume_to(&c, 0.0);
    CHECK_INT(c.muted, 1);
    CHECK(control_volume_gain(&c) == 0.0);
    peak(e, RATE);
    CHECK(peak(e, RATE) == 0.0f);
    /* Louder brings it back, a step up from where it was. */
    control_act(&c, CONTROL_LOUDER, CONTROL_FROM_MEDIA_KEY);
    CHECK_INT(c.muted, 0);
    CHECK(c.volume_db == 3.0f);
    peak(e, RATE);
    CHECK(fabsf(peak(e, RATE) / full - powf(10.0f, 3.0f / 20)) < 1e-4f);
    /* The mute key toggles. */
    control_act(&c, CONTROL_MUTE, CONTROL_FROM_KEY);
    peak(e, RATE);
    CHECK(peak(e, RATE) == 0.0f);
    control_act(&c, CONTROL_MUTE, CONTROL_FROM_KEY);
    peak(e, RATE);
    CHECK(peak(e, RATE) > 0.1f);
    control_free(&c);
    engine_free(e);
}

/* The resume key: nothing until a place is offered; then one press goes
 * there, the notice goes, and a second press does nothing. */
static void test_resume_key(void)
{
    struct rig r;
    rig_make(&r);
    struct control *c = &r.c;
    struct engine_status st;
    peak(r.e, 4800);
    CHECK_INT(control_act(c, CONTROL_RESUME, CONTROL_FROM_KEY), -1);
    control_offer_resume(c, 12 * RATE, "Calves, right side");
    CHECK_STR(c->notice, "r goes on from Calves, right side, where you stopped");
    CHECK_INT(control_act(c, CONTROL_RESUME, CONTROL_FROM_KEY), 0);
    CHECK_STR(c->notice, "");
    CHECK_INT(control_resume(c), -1);
    for (int i = 0; i < 10; i++) /* the fade out, the landing, a little play */
        peak(r.e, 480);
    engine_status(r.e, &st);
    CHECK(st.pos > 12 * RATE && st.pos < 12 * RATE + RATE / 2);
    CHECK_INT(st.run_from, 12 * RATE);
    /* Withdrawn, it is gone, and another notice is left alone. */
    control_offer_resume(c, 3 * RATE, "Calves");
    control_notice(c, "heard: pause");
    control_withdraw_resume(c);
    CHECK_STR(c->notice, "heard: pause");
    CHECK_INT(control_resume(c), -1);
    engine_free(r.e);
    control_free(c);
}

/* What only a view can do is asked of it, by any input; once the session
 * is over, go on means once more. */
static void test_asks(void)
{
    struct rig r;
    rig_make(&r);
    struct control *c = &r.c;
    peak(r.e, 4800);
    CHECK_INT(control_act(c, CONTROL_RAISE, CONTROL_FROM_REMOTE), 0);
    CHECK_INT(control_act(c, CONTROL_FULLSCREEN, CONTROL_FROM_KEY), 0);
    CHECK_INT(control_act(c, CONTROL_BACK_OUT, CONTROL_FROM_KEY), 0);
    CHECK_INT(c->asks, CONTROL_ASK_RAISE | CONTROL_ASK_FULLSCREEN | CONTROL_ASK_BACK_OUT);
    CHECK(!c->quit); /* Esc (back out) never ends the session */
    c->asks = 0;
    /* Playing, space pauses; over, it asks for the session again. */
    CHECK_INT(control_act(c, CONTROL_PLAY_PAUSE, CONTROL_FROM_KEY), 0);
    CHECK_INT(c->paused, 1);
    CHECK_INT(c->asks, 0);
    control_act(c, CONTROL_PLAY_PAUSE, CONTROL_FROM_KEY);
    for (int i = 0; i < 25; i++) /* to the end */
        peak(r.e, RATE);
    struct engine_status st;
    engine_status(r.e, &st);
    CHECK(st.ended);
    CHECK_INT(control_act(c, CONTROL_PLAY_PAUSE, CONTROL_FROM_KEY), 0);
    CHECK_INT(c->asks, CONTROL_ASK_AGAIN);
    CHECK_INT(c->paused, 0);
    engine_free(r.e);
    control_free(c);
}

/* Hold is "stay on this spot": in a roll or a hold, ten seconds more; in
 * getting ready, nothing, and a notice says so. */
static void test_hold_where(void)
{
    struct tl_event ev[16];
    int n = 0;
    ev[n++] = (struct tl_event){0, TL_PHASE, 0};
    ev[n++] = (struct tl_event){4 * RATE, TL_PHASE, 1};
    n += test_clicks(ev + n, 8, 4 * RATE, RATE);
    ev[n++] = (struct tl_event){12 * RATE, TL_END, 0};
    struct tl_phase ph[2] = {{.start = 0, .end = 4 * RATE, .kind = TLP_READY, .step = 0, .cue = -1},
                             {.start = 4 * RATE,
                              .end = 12 * RATE,
                              .kind = TLP_ROLL,
                              .step = 0,
                              .cue = -1,
                              .pace = RATE}};
    struct tl_step st = {0, 12 * RATE};
    struct timeline tl = {.rate = RATE,
                          .length = 12 * RATE,
                          .ev = ev,
                          .nev = n,
                          .ph = ph,
                          .nph = 2,
                          .steps = &st,
                          .nsteps = 1};
    struct engine_opts o = engine_defaults();
    struct engine *e = engine_new(&tl, NULL, &o);
    struct control c;
    control_init(&c, e, &tl, NULL, 2 * 4096, 0.0f, 0);
    peak(e, RATE);
    CHECK_INT(control_act(&c, CONTROL_HOLD, CONTROL_FROM_KEY), -1);
    CHECK_STR(c.notice, "hold works while rolling or holding");
    CHECK(c.tl == &tl);
    for (int i = 0; i < 4; i++) /* into the roll */
        peak(e, RATE);
    CHECK_INT(control_act(&c, CONTROL_HOLD, CONTROL_FROM_KEY), 0);
    CHECK_INT(c.tl->length, 22 * RATE);
    peak(e, RATE);
    control_poll(&c);
    engine_free(e);
    control_free(&c);
}

int main(void)
{
    test_echo();
    test_volume();
    test_resume_key();
    test_asks();
    test_hold_where();
    return check_done("test_control");
}
