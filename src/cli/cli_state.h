/* SPDX-License-Identifier: MIT */
/* cli_state.h — play's side of what is kept between runs: resume and
 * history (cli_state.c). */
#ifndef ROLLOUT_CLI_STATE_H
#define ROLLOUT_CLI_STATE_H

#include <stddef.h>
#include <time.h>

#include "cli.h"
#include "control.h"
#include "history.h"
#include "report.h"
#include "resume.h"

#define CLI_HISTORY_SHOWN 10 /* sessions rollout history lists; the summary counts all */

/* play --resume: q asks for the kept routine (its file, copied to routine)
 * from the kept step and side. An exit code; nothing kept is told. */
int cli_resume_request(struct request *q, int n, char *routine, size_t len);

/* At the start of play: when this routine was stopped midway last time,
 * the views offer its place on the resume key for the first
 * CLI_RESUME_OFFER_S seconds. Nothing with --resume or --start-at. */
#define CLI_RESUME_OFFER_S 30
void cli_offer_resume(struct control *c, const struct session *s, const struct request *q);
/* Call at each turn of the play loop: withdraws the offer once play has
 * gone on past it. */
void cli_offer_resume_poll(struct control *c, const struct engine_status *st);

/* At the end of a run (play's end, or Again): adds it to the history when
 * it was a session: a step of it was heard, and it was no preview (--fast,
 * --draft). */
/* 1 when the history has a session of the routine `name` names (NULL: the
 * default routine). */
int cli_played_before(const char *name);

void cli_history_keep(const struct timeline *tl, const struct history_run *h, const char *routine,
                      time_t started, int preview);

/* When a session is over: what run h did, and its week with the sessions
 * the history kept before it (none counted when the history cannot be
 * read: then the week is not said). */
void cli_report(struct report *r, const struct timeline *tl, const struct history_run *h,
                int preview);

/* At the end of play: keeps the place it was stopped in (saying how to go
 * on from it), or forgets it when the session was played out. pos is where
 * play ended. A composed session (from areas) keeps no place. */
void cli_resume_keep(const struct timeline *tl, const char *routine, int64_t pos, int composed);

#endif
