/* SPDX-License-Identifier: MIT */
/* web.c — the web build's door to the core (web.h): one session at a
 * time, held here, and the snapshot written as JSON. */
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cues.h"
#include "diag.h"
#include "engine.h"
#include "pcm.h"
#include "script.h"
#include "show.h"
#include "timeline.h"
#include "visible.h"

static struct {
    struct routine *routine;
    struct cue_audio *cues; /* one per routine cue; data NULL until handed over */
    int64_t *cue_frames;
    struct timeline tl;
    int compiled;
    struct engine *engine;
    struct diags diags;
    char *text; /* the last document web_errors or web_show made */
} web;

static void session_end(void)
{
    engine_free(web.engine);
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

int web_parse(const char *path, const char *text, int len)
{
    session_end();
    web.routine = script_parse(path, text, (size_t)len, &web.diags);
    if (!web.routine)
        return -1;
    int n = web.routine->ncues;
    web.cues = calloc((size_t)n + 1, sizeof *web.cues);
    web.cue_frames = calloc((size_t)n + 1, sizeof *web.cue_frames);
    if (!web.cues || !web.cue_frames) {
        session_end();
        return -1;
    }
    return n;
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

double web_compile(int rate, double speed)
{
    if (!web.routine || web.compiled || rate < ENGINE_RATE_MIN || rate > ENGINE_RATE_MAX)
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
    return web.engine ? (double)web.tl.length : -1;
}

int web_render(float *out, int frames)
{
    return web.engine && frames >= 0 ? engine_render(web.engine, out, frames) : -1;
}

int web_pause(int paused)
{
    return web.engine ? engine_pause(web.engine, paused) : -1;
}

int web_next(void)
{
    return web.engine ? engine_next_step(web.engine) : -1;
}

int web_prev(void)
{
    return web.engine ? engine_prev_step(web.engine) : -1;
}

int web_side(void)
{
    return web.engine ? engine_next_side(web.engine) : -1;
}

double web_position(void)
{
    if (!web.engine)
        return -1;
    struct engine_status st;
    engine_status(web.engine, &st);
    return (double)st.pos;
}

/* Keeps what f, a memory stream over *buf, wrote as the document web_errors
 * or web_show hands out. *buf is read only after the close, which flushes
 * the stream into it and may move it. */
static const char *keep(FILE *f, char **buf)
{
    if (fclose(f) != 0) {
        free(*buf);
        return NULL;
    }
    free(web.text);
    web.text = *buf;
    return web.text;
}

const char *web_errors(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    diags_print_json(&web.diags, f);
    return keep(f, &buf);
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
    struct show_input in = {
        .tl = &web.tl, .cue_frames = web.cue_frames, .now = (int64_t)now, .paused = paused};
    struct show s;
    show_make(&s, &in);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
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
    return keep(f, &buf);
}
