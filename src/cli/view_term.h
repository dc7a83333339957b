/* SPDX-License-Identifier: MIT */
/* view_term.h — the headless view: on a terminal, a few lines redrawn in
 * place whenever what they show changes, fitted to its width, and single-key
 * controls; plain log lines, one per step and side, when output goes to a
 * file or a pipe. */
#ifndef ROLLOUT_VIEW_TERM_H
#define ROLLOUT_VIEW_TERM_H

#include <stdint.h>

#include "control.h"
#include "history.h"
#include "timeline.h"

struct view_term;

/* A view of the session c controls, drawn from the view snapshot (show.h)
 * at the frame c's clock says is heard. */
struct view_term *view_term_open(struct control *c);

/* Waits up to timeout_ms for a key, acts on it, redraws if due. */
void view_term_poll(struct view_term *v, int timeout_ms);

/* The descriptor keys arrive on, for a loop that waits on more than the
 * keyboard (then calls view_term_poll with no wait); -1 without keys. */
int view_term_input_fd(const struct view_term *v);

/* Prints a sentence on stderr on a line of its own, clear of the status line. */
void view_term_note(struct view_term *v, const char *msg);

/* Restores the terminal and says where play ended and how many steps of
 * the run were played through. */
void view_term_close(struct view_term *v, const struct history_run *run);

#endif
