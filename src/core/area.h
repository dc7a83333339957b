/* SPDX-License-Identifier: MIT */
/* area.h — the body areas a step can name with area=KEY: the keys a routine
 * writes and the labels a view shows. The window highlights the area; the
 * parser warns about a key that is not in this list. */
#ifndef ROLLOUT_AREA_H
#define ROLLOUT_AREA_H

extern const char *const area_keys[];
extern const int area_count;

/* Index of the area with this key (exact, lower case), or -1. */
int area_find(const char *key);

/* 1 when the body has a left and a right of the area (a calf, a hip flexor),
 * so a step on it should say which side; 0 for an area on the midline (the
 * back, the chest), rolled once with no side; -1 for an index out of range. */
int area_paired(int area);

/* The area's name for people, e.g. "Arch of the foot"; NULL for an index out
 * of range (as area_find gives for an unknown key). */
const char *area_label(int area);

#endif
