/* SPDX-License-Identifier: MIT */
/* phrase.h — rollout's own connecting speech: the side announcements, the
 * switch cue, the 3-2-1 count, the default words for a phase that has none,
 * the short introduction, a composed session's announcements, and the end
 * of the session. Every routine's cue table carries all of them,
 * and the voice pack records them like any other cue. */
#ifndef ROLLOUT_PHRASE_H
#define ROLLOUT_PHRASE_H

struct phrase {
    const char *id;
    const char *text;
};

extern const struct phrase phrase_table[];
extern const int phrase_count;

#define PHRASE_SIDE_LEFT    "side.left"
#define PHRASE_SIDE_RIGHT   "side.right"
#define PHRASE_SWITCH_LEFT  "switch.left"
#define PHRASE_SWITCH_RIGHT "switch.right"
#define PHRASE_COUNT_3      "count.3"
#define PHRASE_COUNT_2      "count.2"
#define PHRASE_COUNT_1      "count.1"
#define PHRASE_ROLL         "phase.roll"
#define PHRASE_HOLD         "phase.hold"
#define PHRASE_REST         "phase.rest"
#define PHRASE_END          "session.end"
#define PHRASE_START        "start" /* + "." and a ball's word: "start.roller" */
#define PHRASE_ALSO         "also." /* + a ball's word: a second kind */
#define PHRASE_AREA         "area." /* + an area's key: "area.calf" */

/* The phrase with this id, or NULL. */
const struct phrase *phrase_find(const char *id);

#endif
