/* SPDX-License-Identifier: MIT */
/* web.c — the web build's door to the core (web.h): one session at a
 * time, held here, and the snapshot written as JSON. */
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "area.h"
#include "bodymap.h"
#include "compose.h"
#include "control.h"
#include "cues.h"
#include "diag.h"
#include "engine.h"
#include "limiter.h"
#include "pcm.h"
#include "script.h"
#include "show.h"
#include "timeline.h"
#include "visible.h"

/* The routines a composed session is taken from (web_routine): kept
 * across sessions, the default one first. */
static struct {
    struct routine **v;
    int n;
} library;

static struct {
    struct routine *routine;
    struct cue_audio *cues; /* one per routine cue; data NULL until handed over */
    int64_t *cue_frames;
    struct timeline tl;
    int compiled;
    int composed;      /* made by web_compose: compose_finish before compiling */
    int64_t target_ms; /* the minutes it is fitted to, or 0 */
    struct engine *engine;
    /* The mix's last stage, as in the program: no volume can clip. Its
     * delay is made up as rollout render makes it up, so a block out is
     * the session's same frames: the engine runs `delay` frames ahead. */
    struct limiter *limiter;
    int64_t pulled;         /* frames taken from the engine so far, delay ahead of those out */
    int64_t ends;           /* the pulled frame the session ended at, or -1 */
    struct control control; /* every action reaches the engine through it */
    struct diags diags;
    char *text;   /* the last document web_errors or web_show made */
    char *draft;  /* the next, while it is written (doc, keep) */
    size_t drawn; /* its length so far */
} web;

static void session_end(void)
{
    engine_free(web.engine);
    limiter_free(web.limiter);
    if (web.engine)
        control_free(&web.control);
    if (web.compiled)
        timeline_free(&web.tl);
    if (web.routine) {
        for (int i = 0; web.cues && i < web.routine->ncues; i++)
            free(web.cues[i].data);
        script_free(web.routine);
    }
    free(web.cues);
    free(web.cue_frames);
    diags_free(&web.diags);
    free(web.text);
    memset(&web, 0, sizeof web);
}

void *web_alloc(int bytes)
{
    return bytes > 0 ? malloc((size_t)bytes) : NULL;
}

void web_free(void *p)
{
    free(p);
}

/* Sizes the cue tables for web.routine: the session's now. */
static int adopt(void)
{
    int n = web.routine->ncues;
    web.cues = calloc((size_t)n + 1, sizeof *web.cues);
    web.cue_frames = calloc((size_t)n + 1, sizeof *web.cue_frames);
    if (!web.cues || !web.cue_frames) {
        session_end();
        return -1;
    }
    return n;
}

int web_routine(const char *path, const char *text, int len)
{
    struct diags d = {0};
    struct routine *r = script_parse(path, text, (size_t)len, &d);
    diags_free(&d);
    struct routine **v = r ? realloc(library.v, ((size_t)library.n + 1) * sizeof *v) : NULL;
    if (!v) {
        script_free(r);
        return -1;
    }
    library.v = v;
    library.v[library.n++] = r;
    return library.n;
}

/* One sentence of the composer's, as web_errors gives the parser's. */
static int refuse(const char *err)
{
    session_end();
    diags_add(&web.diags, DIAG_ERROR, NULL, 0, 0, NULL, NULL, "%s", err);
    return -1;
}

int web_compose(const char *areas, int minutes)
{
    session_end();
    char err[512] = "";
    unsigned char set[64];
    if (!library.n)
        return refuse("no routines to compose from: hand them over with web_routine");
    int some = areas && areas[strspn(areas, " ,")];
    if (some && compose_parse_areas(areas, set, err, sizeof err) < 0)
        return refuse(err);
    if (minutes < 0 || minutes > COMPOSE_MAX_MINUTES)
        return refuse("minutes out of range");
    struct compose_req q = {.areas = some ? set : NULL, .target_ms = (int64_t)minutes * 60000};
    web.routine = compose_routine((const struct routine *const *)library.v, library.n, &q,
                                  SESSION_INTRO_AUTO, err, sizeof err);
    if (!web.routine)
        return refuse(err);
    web.composed = 1;
    web.target_ms = q.target_ms;
    return adopt();
}

int web_parse(const char *path, const char *text, int len)
{
    session_end();
    web.routine = script_parse(path, text, (size_t)len, &web.diags);
    if (!web.routine)
        return -1;
    return adopt();
}

static const struct script_cue *cue(int i)
{
    return web.routine && i >= 0 && i < web.routine->ncues ? &web.routine->cues[i] : NULL;
}

const char *web_cue_id(int i)
{
    return cue(i) ? cue(i)->id : NULL;
}

const char *web_cue_text(int i)
{
    return cue(i) ? cue(i)->text : NULL;
}

int16_t *web_cue_pcm(int i, int frames, int channels)
{
    if (!cue(i) || web.compiled || frames <= 0 || (channels != 1 && channels != 2))
        return NULL;
    struct cue_audio *a = &web.cues[i];
    free(a->data);
    *a = (struct cue_audio){0};
    web.cue_frames[i] = 0;
    int16_t *p = calloc((size_t)frames * (size_t)channels, sizeof *p);
    if (!p)
        return NULL;
    *a = (struct cue_audio){.data = p, .frames = frames, .channels = channels};
    web.cue_frames[i] = frames;
    return p;
}

int web_cue_float(int i, const float *x, int frames, int channels)
{
    int16_t *p = web_cue_pcm(i, frames, channels);
    if (!p)
        return -1;
    for (size_t k = 0; k < (size_t)frames * (size_t)channels; k++)
        p[k] = pcm_s16(x[k]);
    return 0;
}

/* n frames from the engine (silence once the session is over) through
 * the limiter; where the session ended is kept, counted in frames pulled. */
static void pull(float *out, int n)
{
    int got = engine_render(web.engine, out, n);
    if (got < n && web.ends < 0)
        web.ends = web.pulled + got;
    web.pulled += n;
    limiter_run(web.limiter, out, n);
}

double web_compile(int rate, double speed)
{
    if (!web.routine || web.compiled || rate < ENGINE_RATE_MIN || rate > ENGINE_RATE_MAX)
        return -1;
    /* A composed session is trimmed and fitted now its cues' lengths are
     * known, as compose_session_load does between loading and compiling. */
    struct session_opts so = {.rate = rate};
    struct compose_fit *fitted = NULL;
    int finished = !web.composed || compose_finish(web.routine, web.cue_frames, &so, web.target_ms,
                                                   "sore-today.roll", &fitted, &web.diags) == 0;
    compose_fit_free(fitted);
    if (!finished)
        return -1;
    struct timeline_opts o = {.rate = rate,
                              .speed = speed < 1.0                  ? 1.0
                                       : speed > TIMELINE_SPEED_MAX ? TIMELINE_SPEED_MAX
                                                                    : speed};
    if (timeline_compile(&web.tl, web.routine, web.cue_frames, &o) != 0)
        return -1;
    web.compiled = 1;
    struct engine_opts eo = engine_defaults();
    web.engine = engine_new(&web.tl, web.cues, &eo);
    if (!web.engine)
        return -1;
    web.limiter = limiter_new(rate, 2, LIMITER_CEILING_DB);
    if (!web.limiter)
        return -1;
    web.pulled = 0;
    web.ends = -1;
    /* The limiter's first `delay` frames out are its silence: the engine's
     * first frames go in now, and what comes out is dropped. */
    float pre[2 * WEB_BLOCK];
    for (int left = limiter_delay(web.limiter); left > 0;) {
        int n = left < WEB_BLOCK ? left : WEB_BLOCK;
        pull(pre, n);
        left -= n;
    }
    /* The engine takes a command between two blocks of the worklet. */
    control_init(&web.control, web.engine, &web.tl, web.cue_frames, 2 * WEB_BLOCK, 0.0f, 0);
    return (double)web.tl.length;
}

int web_render(float *out, int frames)
{
    if (!web.engine || frames < 0)
        return -1;
    /* Frame o out is pulled frame o: the session's while o is before
     * where it ended. */
    int64_t from = web.pulled - limiter_delay(web.limiter);
    pull(out, frames);
    if (web.ends < 0 || web.ends >= from + frames)
        return frames;
    return web.ends > from ? (int)(web.ends - from) : 0;
}

int web_act(int action, int from)
{
    if (!web.engine || action <= CONTROL_NONE || action > CONTROL_AGAIN ||
        from < CONTROL_FROM_KEY || from > CONTROL_FROM_VOICE)
        return -1;
    int rc = control_act(&web.control, (enum control_action)action, (enum control_source)from);
    control_poll(&web.control);
    return rc;
}

double web_held_at(void)
{
    return web.engine ? (double)web.control.held_at : -1;
}

int web_hold_at(double at)
{
    if (!web.engine || web.control.tl != &web.tl)
        return -1;
    struct timeline tl;
    int64_t frames = timeline_ms_to_frames(CONTROL_HOLD_MORE_MS, web.tl.rate);
    if (timeline_insert_hold(&web.tl, &tl, (int64_t)at, frames) != 0)
        return -1;
    timeline_free(&web.tl);
    web.tl = tl;
    return 0;
}

double web_length(void)
{
    return web.engine ? (double)web.control.tl->length : -1;
}

int web_controls(void)
{
    if (!web.engine)
        return -1;
    return (web.control.paused ? WEB_PAUSED : 0) | (web.control.click_muted ? WEB_CLICK_OFF : 0) |
           (web.control.muted ? WEB_MUTED : 0) | (web.control.quit ? WEB_QUIT : 0);
}

double web_position(void)
{
    if (!web.engine)
        return -1;
    struct engine_status st;
    engine_status(web.engine, &st);
    /* The frame that comes out next: the engine is the limiter's delay ahead. */
    int64_t pos = st.pos - limiter_delay(web.limiter);
    return (double)(pos > 0 ? pos : 0);
}

/* A document the page asks for (web_errors, web_show and the rest) is
 * written to a memory stream that doc opens, and keep closes it and keeps
 * it as web.text until the next. web.draft is read only after the close,
 * which flushes the stream into it and may move it. */
static FILE *doc(void)
{
    web.draft = NULL;
    web.drawn = 0;
    return open_memstream(&web.draft, &web.drawn);
}

static const char *keep(FILE *f)
{
    if (fclose(f) != 0) {
        free(web.draft);
        return NULL;
    }
    free(web.text);
    web.text = web.draft;
    return web.text;
}

const char *web_errors(void)
{
    FILE *f = doc();
    if (!f)
        return NULL;
    diags_print_json(&web.diags, f);
    return keep(f);
}

static void field_text(FILE *f, const char *name, const char *s)
{
    fprintf(f, ",\"%s\":", name);
    visible_json(f, s ? s : "");
}

static void field_int(FILE *f, const char *name, long long v)
{
    fprintf(f, ",\"%s\":%lld", name, v);
}

const char *web_show(double now, int paused)
{
    if (!web.compiled)
        return NULL;
    /* The control's timeline: after a Hold, the one it made. */
    struct show_input in = {.tl = web.engine ? web.control.tl : &web.tl,
                            .cue_frames = web.cue_frames,
                            .now = (int64_t)now,
                            .paused = paused};
    struct show s;
    show_make(&s, &in);
    FILE *f = doc();
    if (!f)
        return NULL;
    fprintf(f, "{\"rate\":%d", web.tl.rate);
    field_int(f, "now", s.now);
    field_int(f, "length", s.length);
    field_int(f, "phase", s.phase);
    field_int(f, "step", s.step);
    field_int(f, "nsteps", s.nsteps);
    field_int(f, "intro", s.intro);
    field_int(f, "done", s.done);
    field_int(f, "over", s.over);
    field_text(f, "header", s.header);
    field_text(f, "name", s.name);
    field_text(f, "side", s.side_label);
    const struct script_step *st = s.step >= 0 ? &web.routine->steps[s.step] : NULL;
    field_int(f, "area", st ? area_find(st->area) : -1);
    field_int(f, "body_side", s.side);
    field_text(f, "phase_label", s.phase_label);
    fprintf(f, ",\"colour\":\"#%06X\"", (unsigned)s.colour);
    field_text(f, "count", s.count);
    field_int(f, "count_end", s.count_end);
    field_text(f, "count_to", s.count_to);
    field_text(f, "words", s.words);
    field_int(f, "speaking", s.speaking);
    field_text(f, "next", s.next);
    field_text(f, "equipment", s.equipment);
    field_text(f, "elapsed", s.elapsed);
    field_text(f, "total", s.total);
    field_int(f, "pulse", s.pulse);
    field_int(f, "paused", s.paused);
    field_text(f, "title", s.title);
    field_int(f, "changes", s.changes);
    fputs("}", f);
    return keep(f);
}

/* A shape as a JSON array of its triangles' x, y pairs, in figure units
 * (bodymap.h), rounded to a ten-thousandth: finer than any screen. */
static void put_shape(FILE *f, int (*shape)(int, enum script_side, enum bodymap_view, float *, int),
                      int area, enum script_side side, enum bodymap_view v)
{
    int n = shape(area, side, v, NULL, 0);
    float *xy = n > 0 ? malloc(2 * (size_t)n * sizeof *xy) : NULL;
    n = xy ? shape(area, side, v, xy, n) : 0;
    fputc('[', f);
    for (int i = 0; i < 2 * n; i++)
        fprintf(f, "%s%.4f", i ? "," : "", (double)xy[i]);
    fputc(']', f);
    free(xy);
}

static int figure(int area, enum script_side side, enum bodymap_view v, float *xy, int cap)
{
    (void)area, (void)side;
    return bodymap_figure(v, xy, cap);
}

const char *web_bodymap(void)
{
    static const char *const views[] = {"front", "back"};
    static const char *const sides[] = {"both", "left", "right"};
    FILE *f = doc();
    if (!f)
        return NULL;
    fprintf(f, "{\"half_width\":%.4f,\"figure\":{", (double)BODYMAP_HALF_WIDTH);
    for (int v = 0; v < 2; v++) {
        fprintf(f, "%s\"%s\":", v ? "," : "", views[v]);
        put_shape(f, figure, 0, SCRIPT_SIDE_NONE, (enum bodymap_view)v);
    }
    fputs("},\"areas\":[", f);
    for (int a = 0; a < area_count; a++) {
        fprintf(f, "%s{\"key\":", a ? "," : "");
        visible_json(f, area_keys[a]);
        fputs(",\"label\":", f);
        visible_json(f, area_label(a));
        fputs(",\"names\":", f);
        visible_json(f, compose_area_plural(a));
        fprintf(f, ",\"paired\":%d", area_paired(a));
        for (int v = 0; v < 2; v++) {
            fprintf(f, ",\"%s\":{", views[v]);
            for (int s = 0; s < 3; s++) {
                fprintf(f, "%s\"%s\":", s ? "," : "", sides[s]);
                put_shape(f, bodymap_area, a, (enum script_side)s, (enum bodymap_view)v);
            }
            fputc('}', f);
        }
        fputc('}', f);
    }
    fputs("]}", f);
    return keep(f);
}

int web_hit(int view, double x, double y)
{
    enum script_side side;
    return view == BODYMAP_FRONT || view == BODYMAP_BACK
               ? bodymap_hit((enum bodymap_view)view, (float)x, (float)y, &side)
               : -1;
}

const char *web_actions(void)
{
    FILE *f = doc();
    if (!f)
        return NULL;
    fputs("{\"buttons\":[", f);
    for (int b = 0; b < ACTION_BUTTONS; b++) {
        const struct action *a = action_on_button((enum action_button)b);
        fprintf(f, "%s{\"act\":%d,\"name\":", b ? "," : "", (int)a->act);
        visible_json(f, a->term ? a->term : "");
        fputs(",\"label\":", f);
        visible_json(f, a->label);
        fputs(",\"label_on\":", f);
        visible_json(f, a->label_on ? a->label_on : a->label);
        fputc('}', f);
    }
    /* Each MPRIS method an action answers to, by name. */
    fputs("],\"remote\":{", f);
    int n = 0;
    for (int i = 0; i < action_count; i++) {
        const char *m = action_table[i].remote;
        while (m && *m) {
            size_t w = strcspn(m, " ");
            fprintf(f, "%s\"%.*s\":%d", n++ ? "," : "", (int)w, m, (int)action_table[i].act);
            m += w;
            m += strspn(m, " ");
        }
    }
    fprintf(f, "},\"from\":{\"key\":%d,\"remote\":%d}}", CONTROL_FROM_KEY, CONTROL_FROM_REMOTE);
    return keep(f);
}
