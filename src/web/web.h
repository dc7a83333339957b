/* SPDX-License-Identifier: MIT */
/* web.h — rollout's core as a WebAssembly module: the parser, the timeline,
 * the composer, the engine, the control, the body map and the view
 * snapshot, built from the same sources as the program, with web.c as
 * their one door.
 *
 *   routine text ─ web_parse ─▶ cue ids ─▶ (the host decodes each cue)
 *   cue PCM ─ web_cue_pcm, web_cue_float ─┐
 *                                          ▼
 *                                web_compile(rate) ─▶ timeline, engine
 *                                          │
 *   web_render(out, frames) ───────────────┴─▶ stereo float, limited, as rollout render gives it
 *   web_act(action, from)     ─▶ control_act: every button and headset press
 *   web_show(frame)           ─▶ the view snapshot as one JSON document
 *
 * Or, for a session composed for sore areas: routine texts ─ web_routine,
 * then web_compose(areas, minutes) ─▶ cue ids, and on as above.
 *
 * The host (a page's AudioWorklet, or Node in the tests) decodes the voice
 * pack itself and hands each cue over at the output rate: as 16-bit
 * samples, the form the cue loader gives the program (cues.h), or as floats
 * rounded to them as the loader rounds (pcm.h). So the engine is fed
 * through the seam it already has, and cues.c, which reads files with
 * libsndfile, stays out of this build. One session at a time: a new parse
 * frees the last. Frames cross as doubles, exact to 2^53.
 *
 * Every export returns a result the host can test (0 or a count, -1 on
 * failure) and never exits; what went wrong with a routine is in
 * web_errors. */
#ifndef ROLLOUT_WEB_H
#define ROLLOUT_WEB_H

#include <stdint.h>

/* Each function here is exported from the module under its own name. */
#define WEB_EXPORT(name) __attribute__((export_name(#name)))

/* Memory the host fills and reads: routine text, cue samples, the render's
 * output. */
WEB_EXPORT(web_alloc) void *web_alloc(int bytes);

WEB_EXPORT(web_free) void web_free(void *p);

/* Parses len bytes of routine text; path names it in messages. Returns the
 * number of cues the routine speaks (its own, then rollout's phrases), or
 * -1 with the errors in web_errors. */
WEB_EXPORT(web_parse) int web_parse(const char *path, const char *text, int len);

/* Hands over a routine to compose from (path names it, text is len
 * bytes), the default one first, as rollout takes every routine it has
 * for an area. Kept across sessions. Returns how many there are, or -1. */
WEB_EXPORT(web_routine) int web_routine(const char *path, const char *text, int len);

/* Composes a session for the sore areas, a comma-separated list of their
 * names ("calves,hamstrings"; none: the default routine's every step), fitted to minutes (0: as the
 * routines have it), by compose.c as `rollout play --areas --minutes` composes it: the cues are
 * then handed over as after web_parse, and web_compile trims and fits it. Returns the number of
 * cues, or -1 with why in web_errors. */
WEB_EXPORT(web_compose) int web_compose(const char *areas, int minutes);

/* A cue's id names its recording in the voice pack; its text is its words. */
WEB_EXPORT(web_cue_id) const char *web_cue_id(int i);

WEB_EXPORT(web_cue_text) const char *web_cue_text(int i);

/* Room for cue i's frames × channels 16-bit samples at the output rate (a
 * sample s stands for s / 32768, as cues.h has it), for the host to fill
 * before web_compile. Returns where, or NULL. */
WEB_EXPORT(web_cue_pcm) int16_t *web_cue_pcm(int i, int frames, int channels);

/* Cue i from frames × channels float samples at the output rate, as a
 * browser's decodeAudioData gives them (interleaved when stereo), rounded
 * to 16 bits as the cue loader rounds what it decodes (pcm.h). x stays the
 * host's. 0, or -1. */
WEB_EXPORT(web_cue_float) int web_cue_float(int i, const float *x, int frames, int channels);

/* Lays out the timeline at rate (speed > 1: the routine's times that much
 * shorter, as --fast) and makes the engine, at 0 dB from the first frame,
 * as rollout render does. A cue not handed over takes no time and is
 * silent. Returns the session's length in frames, or -1. */
WEB_EXPORT(web_compile) double web_compile(int rate, double speed);

/* Fills out with frames stereo frames (2 × frames floats): the engine's,
 * through the program's true-peak limiter (limiter.h), its delay made up as
 * rollout render makes it up, so the frames are render's. Returns how many
 * belong to the session, as engine_render does; -1 before web_compile. */
WEB_EXPORT(web_render) int web_render(float *out, int frames);

/* An AudioWorklet's render quantum: the frames between two commands. */
#define WEB_BLOCK 128

/* What a person asked for (an enum control_action, from an enum
 * control_source), done by control_act as every input of the program does
 * it. 0 done, 1 an echo of the same press, -1 not now. */
WEB_EXPORT(web_act) int web_act(int action, int from);

/* Hold, in the two instances a page has: the worklet's control puts ten
 * seconds in where its engine has not rendered yet (control_hold_longer),
 * and says where (web_held_at: the frame, or -1 for none yet); the
 * view's instance, which has no engine running, puts the same ten seconds
 * in at that frame (web_hold_at: 0, or -1), so both hold the same
 * timeline. web_length is the session's length as it stands. */
WEB_EXPORT(web_held_at) double web_held_at(void);

WEB_EXPORT(web_hold_at) int web_hold_at(double at);

WEB_EXPORT(web_length) double web_length(void);

/* The control's state, as the buttons' labels show it: WEB_* bits. */
enum { WEB_PAUSED = 1, WEB_CLICK_OFF = 2, WEB_MUTED = 4, WEB_QUIT = 8 };
WEB_EXPORT(web_controls) int web_controls(void);

/* The action table (action.c) as the page needs it, one JSON object:
 * {"buttons": [{"act", "name", "label", "label_on"}] in the window's
 * order (name: the key line's word),
 * "remote": {MPRIS method: act}, "from": {"key", "remote"}}. */
WEB_EXPORT(web_actions) const char *web_actions(void);

/* The frame the engine renders next. */
WEB_EXPORT(web_position) double web_position(void);

/* The last parse's errors and warnings, as `rollout check --format json`
 * gives them. */
WEB_EXPORT(web_errors) const char *web_errors(void);

/* What a person is shown at frame `now` (the frame being heard), as show.c
 * works it out for the window and the terminal: one JSON object. */
WEB_EXPORT(web_show) const char *web_show(double now, int paused);

/* The body map's shapes, as bodymap.c has them for the window: one JSON
 * object, {"half_width", "figure": {"front", "back"}, "areas": [{"key",
 * "label", "names", "paired", "front": {"both", "left", "right"}, "back":
 * ...}]}, each shape a flat array of its triangles' x, y in figure units.
 * An area's index is its place in "areas", as web_show's "area" names it. */
WEB_EXPORT(web_bodymap) const char *web_bodymap(void);

/* The area drawn at (x, y) in figure units on the front (0) or back (1)
 * view, as the window's start screen finds a press; -1 for none. */
WEB_EXPORT(web_hit) int web_hit(int view, double x, double y);

#endif
