/* SPDX-License-Identifier: MIT */
/* bodymap.h — the body map's geometry: a front and a back silhouette and a
 * region on them for every area in area.h, as triangles in figure units.
 * Pure data and arithmetic: the window turns the triangles into pixels.
 *
 * Figure units: x across from -BODYMAP_HALF_WIDTH to +BODYMAP_HALF_WIDTH,
 * 0 the midline; y down from 0 (top of the head) to 1 (the soles). The front
 * view faces the viewer, so the body's left is on the viewer's right; the
 * back view shows the body's left on the viewer's left. */
#ifndef ROLLOUT_BODYMAP_H
#define ROLLOUT_BODYMAP_H

#include "script.h"

#define BODYMAP_HALF_WIDTH 0.25f

enum bodymap_view { BODYMAP_FRONT, BODYMAP_BACK };

/* Vertices (x, y pairs, three per triangle) that fill the silhouette in view
 * v. Writes at most cap vertices to xy (2 * cap floats); returns how many
 * there are in all, so a call with cap 0 sizes the buffer. */
int bodymap_figure(enum bodymap_view v, float *xy, int cap);

/* The same for an area (an index from area.h) on one side of the body, or
 * on both for SCRIPT_SIDE_NONE. An area not shown in this view, or an unknown
 * index, has no vertices. */
int bodymap_area(int area, enum script_side side, enum bodymap_view v, float *xy, int cap);

/* A point well inside the area's region on that side (SCRIPT_SIDE_NONE: either) in
 * the first view that shows it. Returns 0, or -1 for an unknown area. */
int bodymap_area_point(int area, enum script_side side, enum bodymap_view *v, float *x, float *y);

/* The area (an area.h index) drawn at the point (x, y) of view v, in
 * figure units, and in *side the body's side it lies on (SCRIPT_SIDE_NONE on the
 * midline); -1 where no area is drawn. A press on the window's start
 * screen is found with it. */
int bodymap_hit(enum bodymap_view v, float x, float y, enum script_side *side);

/* Where the body's side lies in view v: -1 on the viewer's left, +1 right. */
int bodymap_side_sign(enum bodymap_view v, enum script_side side);

#endif
