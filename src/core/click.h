/* SPDX-License-Identifier: MIT */
/* click.h — the pacing click: a short woodblock-like knock, synthesised once
 * at the output rate. It starts on its first sample (sample 0 is never zero,
 * so the click's onset is its event frame), has no DC and ends in silence. */
#ifndef ROLLOUT_CLICK_H
#define ROLLOUT_CLICK_H

#define CLICK_MS   60   /* length of the click */
#define CLICK_PEAK 0.5f /* its peak level before any gain */

/* Frames in a click at rate. */
int click_frames(int rate);

/* Fills buf (click_frames(rate) mono samples) with the click. */
void click_make(float *buf, int rate);

/* The earcon that answers a spoken command: two soft rising notes, shorter
 * than the gap between two clicks at the fastest pace, so it fits between
 * them. Not part of any session. */
#define CLICK_EARCON_MS 140

int click_earcon_frames(int rate);
void click_earcon(float *buf, int rate);

#endif
