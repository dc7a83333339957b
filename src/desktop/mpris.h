/* SPDX-License-Identifier: MIT */
/* mpris.h — rollout as a media player on the session bus (MPRIS 2), so
 * headset buttons, media keys the desktop takes, its media widget and phone
 * remotes can pause, resume, skip and read what is playing. Each remote
 * command becomes a control_act, as a key press does. Runs on the view
 * loop's thread: the loop waits on mpris_pollfd and calls mpris_poll. */
#ifndef ROLLOUT_MPRIS_H
#define ROLLOUT_MPRIS_H

#include <poll.h>

#include "control.h"

#define MPRIS_NAME          "org.mpris.MediaPlayer2.rollout"
#define MPRIS_PATH          "/org/mpris/MediaPlayer2"
#define MPRIS_SESSION_IFACE "org.rollout.Session1" /* Hold, and the frame heard */

/* What the program around the player gives it: how to draw the body map
 * with an area lit as a square PNG for remotes to show (NULL: remotes go
 * without), and whether there is a window a remote may raise (Raise is
 * then CONTROL_RAISE, as any remote command is a control_act). */
struct mpris_opts {
    int (*art)(int area, enum script_side side, int size, const char *path, char *err,
               size_t errlen);
    int can_raise;
};

/* Puts the player on the session bus: MPRIS_NAME, or MPRIS_NAME
 * ".instance<pid>" when another rollout has it. With no session bus (ssh, a
 * text console, CI) returns NULL and, if why is not NULL, one sentence there
 * saying so. */
struct mpris *mpris_open(struct control *c, const struct mpris_opts *o, char *why, size_t whylen);

/* The bus name it holds. */
const char *mpris_name(const struct mpris *m);

/* What to wait for before calling mpris_poll; fd -1 once the bus is gone. */
void mpris_pollfd(const struct mpris *m, struct pollfd *p);

/* Answers what remotes asked, then tells them what changed since the last
 * call: the step, side and phase heard (control_heard), pause, volume, a
 * jump. */
void mpris_poll(struct mpris *m);

/* Leaves the bus and removes the pictures it made. */
void mpris_close(struct mpris *m);

#endif
