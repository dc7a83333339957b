/* SPDX-License-Identifier: MIT */
/* alsa.h — ALSA's own messages kept off the terminal. With no sound card,
 * ALSA prints a line for every step of its configuration that failed
 * before SDL can report the one failure that matters; rollout says that
 * itself, in one sentence. */
#ifndef ROLLOUT_ALSA_H
#define ROLLOUT_ALSA_H

/* From now on ALSA's error messages are dropped: call before SDL's audio
 * starts. SDL opens the same libasound, so the handler is the one it gets. */
void alsa_hush(void);

#endif
