/* SPDX-License-Identifier: MIT */
/* bodymap.c — a runner's silhouette, front and back, and the areas on it.
 *
 * Every shape is a polygon star-shaped around the average of its points (so
 * a fan from that average fills it) or an ellipse. A sided shape is written
 * once, for one side, with x measured outward from the midline, and drawn
 * mirrored on each side; a midline shape is written as it is drawn. Areas
 * that cross the midline (the back, the chest) are written as halves so that
 * one side can be lit alone.
 *
 *        front          back
 *         ( )            ( )
 *       /|   |\        /|   |\        x: -0.25 ... 0 ... +0.25
 *        |   |          |   |         y: 0 (head) ... 1 (soles)
 *        /   \          /   \
 *      body's R  L    body's L  R
 */
#include "bodymap.h"

#include <math.h>
#include <string.h>

#include "area.h"

#define FRONT            (1u << BODYMAP_FRONT)
#define BACK             (1u << BODYMAP_BACK)
#define BOTH_VIEWS       (FRONT | BACK)
#define ELLIPSE_SEGMENTS 24
#define MAX_POINTS       8

struct shape {
    unsigned views;
    int sided;
    int n;                   /* points; 0 for an ellipse */
    float p[2 * MAX_POINTS]; /* x, y pairs; an ellipse: cx, cy, rx, ry */
};

/* The silhouette, head to feet. */
static const struct shape figure[] = {
    {BOTH_VIEWS, 0, 0, {0.0f, 0.068f, 0.05f, 0.064f}}, /* head */
    {BOTH_VIEWS, 0, 4, {-0.026f, 0.12f, 0.026f, 0.12f, 0.034f, 0.165f, -0.034f, 0.165f}},
    /* chest and belly, narrowing to the waist */
    {BOTH_VIEWS,
     0,
     8,
     {-0.085f, 0.155f, 0.085f, 0.155f, 0.118f, 0.168f, 0.126f, 0.2f, 0.095f, 0.405f, -0.095f,
      0.405f, -0.126f, 0.2f, -0.118f, 0.168f}},
    /* pelvis */
    {BOTH_VIEWS,
     0,
     7,
     {-0.095f, 0.4f, 0.095f, 0.4f, 0.112f, 0.46f, 0.11f, 0.5f, 0.0f, 0.535f, -0.11f, 0.5f, -0.112f,
      0.46f}},
    /* upper arm, forearm, hand */
    {BOTH_VIEWS,
     1,
     6,
     {0.124f, 0.165f, 0.158f, 0.18f, 0.17f, 0.25f, 0.168f, 0.34f, 0.138f, 0.345f, 0.132f, 0.25f}},
    {BOTH_VIEWS,
     1,
     6,
     {0.138f, 0.338f, 0.168f, 0.334f, 0.178f, 0.42f, 0.183f, 0.5f, 0.158f, 0.505f, 0.146f, 0.42f}},
    {BOTH_VIEWS, 1, 0, {0.172f, 0.54f, 0.021f, 0.038f}},
    /* thigh, lower leg, foot */
    {BOTH_VIEWS,
     1,
     7,
     {0.004f, 0.5f, 0.06f, 0.47f, 0.112f, 0.47f, 0.108f, 0.56f, 0.092f, 0.735f, 0.03f, 0.735f,
      0.01f, 0.62f}},
    {BOTH_VIEWS,
     1,
     8,
     {0.03f, 0.725f, 0.092f, 0.725f, 0.097f, 0.79f, 0.084f, 0.87f, 0.073f, 0.948f, 0.043f, 0.948f,
      0.033f, 0.87f, 0.025f, 0.79f}},
    {BOTH_VIEWS,
     1,
     6,
     {0.04f, 0.94f, 0.076f, 0.94f, 0.094f, 0.982f, 0.088f, 1.0f, 0.034f, 1.0f, 0.03f, 0.982f}},
};

/* Where each area is; all sided. */
struct region {
    const char *key;
    struct shape s;
};

static const struct region regions[] = {
    {"foot-arch",
     {BOTH_VIEWS,
      1,
      6,
      {0.04f, 0.94f, 0.076f, 0.94f, 0.094f, 0.982f, 0.088f, 1.0f, 0.034f, 1.0f, 0.03f, 0.982f}}},
    {"calf",
     {BACK,
      1,
      6,
      {0.03f, 0.745f, 0.092f, 0.745f, 0.096f, 0.79f, 0.084f, 0.86f, 0.036f, 0.86f, 0.026f, 0.79f}}},
    {"shin", {FRONT, 1, 4, {0.048f, 0.75f, 0.078f, 0.75f, 0.074f, 0.925f, 0.052f, 0.925f}}},
    {"hamstring",
     {BACK, 1, 5, {0.014f, 0.56f, 0.098f, 0.545f, 0.09f, 0.71f, 0.034f, 0.715f, 0.018f, 0.63f}}},
    {"quadriceps",
     {FRONT,
      1,
      6,
      {0.03f, 0.53f, 0.09f, 0.505f, 0.088f, 0.58f, 0.078f, 0.71f, 0.04f, 0.71f, 0.028f, 0.6f}}},
    {"it-band",
     {BOTH_VIEWS,
      1,
      6,
      {0.096f, 0.5f, 0.11f, 0.49f, 0.106f, 0.58f, 0.094f, 0.71f, 0.084f, 0.71f, 0.094f, 0.58f}}},
    {"glutes",
     {BACK,
      1,
      6,
      {0.003f, 0.43f, 0.09f, 0.42f, 0.112f, 0.46f, 0.11f, 0.5f, 0.06f, 0.52f, 0.003f, 0.53f}}},
    {"hip-flexor",
     {FRONT, 1, 5, {0.085f, 0.42f, 0.105f, 0.44f, 0.04f, 0.515f, 0.015f, 0.51f, 0.02f, 0.49f}}},
    {"adductors",
     {FRONT, 1, 5, {0.006f, 0.53f, 0.03f, 0.545f, 0.04f, 0.66f, 0.03f, 0.7f, 0.016f, 0.62f}}},
    {"lower-back", {BACK, 1, 4, {0.003f, 0.33f, 0.088f, 0.33f, 0.095f, 0.4f, 0.003f, 0.4f}}},
    {"upper-back",
     {BACK, 1, 5, {0.003f, 0.17f, 0.09f, 0.165f, 0.115f, 0.19f, 0.11f, 0.27f, 0.003f, 0.27f}}},
    {"lats",
     {BACK, 1, 5, {0.09f, 0.22f, 0.118f, 0.23f, 0.105f, 0.32f, 0.09f, 0.37f, 0.072f, 0.33f}}},
    {"chest",
     {FRONT,
      1,
      6,
      {0.01f, 0.18f, 0.09f, 0.17f, 0.118f, 0.2f, 0.112f, 0.26f, 0.06f, 0.28f, 0.01f, 0.27f}}},
    {"forearm",
     {BOTH_VIEWS,
      1,
      6,
      {0.138f, 0.338f, 0.168f, 0.334f, 0.178f, 0.42f, 0.183f, 0.5f, 0.158f, 0.505f, 0.146f,
       0.42f}}},
};

int bodymap_side_sign(enum bodymap_view v, enum script_side side)
{
    int left = v == BODYMAP_FRONT ? +1 : -1;
    return side == SCRIPT_SIDE_RIGHT ? -left : left;
}

struct out {
    float *xy;
    int cap, n;
};

static void put(struct out *o, float x, float y)
{
    if (o->n < o->cap) {
        o->xy[2 * o->n] = x;
        o->xy[2 * o->n + 1] = y;
    }
    o->n++;
}

/* Fills shape s, its x scaled by sign (mirrored for -1), into o. */
static void fill(const struct shape *s, float sign, struct out *o)
{
    if (s->n == 0) {
        float cx = sign * s->p[0], cy = s->p[1], rx = s->p[2], ry = s->p[3];
        for (int i = 0; i < ELLIPSE_SEGMENTS; i++) {
            float a0 = 2.0f * (float)M_PI * (float)i / ELLIPSE_SEGMENTS;
            float a1 = 2.0f * (float)M_PI * (float)(i + 1) / ELLIPSE_SEGMENTS;
            put(o, cx, cy);
            put(o, cx + rx * cosf(a0), cy + ry * sinf(a0));
            put(o, cx + rx * cosf(a1), cy + ry * sinf(a1));
        }
        return;
    }
    float mx = 0, my = 0;
    for (int i = 0; i < s->n; i++) {
        mx += s->p[2 * i];
        my += s->p[2 * i + 1];
    }
    mx /= (float)s->n;
    my /= (float)s->n;
    for (int i = 0; i < s->n; i++) {
        int j = (i + 1) % s->n;
        put(o, sign * mx, my);
        put(o, sign * s->p[2 * i], s->p[2 * i + 1]);
        put(o, sign * s->p[2 * j], s->p[2 * j + 1]);
    }
}

/* Fills s on the given body side (SCRIPT_SIDE_NONE: on both) in view v. */
static void fill_sides(const struct shape *s, enum script_side side, enum bodymap_view v,
                       struct out *o)
{
    if (!(s->views & (1u << v)))
        return;
    if (!s->sided) {
        fill(s, 1.0f, o);
        return;
    }
    if (side != SCRIPT_SIDE_RIGHT)
        fill(s, (float)bodymap_side_sign(v, SCRIPT_SIDE_LEFT), o);
    if (side != SCRIPT_SIDE_LEFT)
        fill(s, (float)bodymap_side_sign(v, SCRIPT_SIDE_RIGHT), o);
}

int bodymap_figure(enum bodymap_view v, float *xy, int cap)
{
    struct out o = {xy, cap, 0};
    for (size_t i = 0; i < sizeof figure / sizeof figure[0]; i++)
        fill_sides(&figure[i], SCRIPT_SIDE_NONE, v, &o);
    return o.n;
}

/* Found by key, so the two lists cannot drift apart; test_bodymap checks
 * that every area has a region. */
static const struct region *region_of(int area)
{
    if (area < 0 || area >= area_count)
        return NULL;
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++)
        if (strcmp(regions[i].key, area_keys[area]) == 0)
            return &regions[i];
    return NULL;
}

int bodymap_area(int area, enum script_side side, enum bodymap_view v, float *xy, int cap)
{
    struct out o = {xy, cap, 0};
    const struct region *r = region_of(area);
    if (r)
        fill_sides(&r->s, side, v, &o);
    return o.n;
}

int bodymap_area_point(int area, enum script_side side, enum bodymap_view *v, float *x, float *y)
{
    const struct region *r = region_of(area);
    if (!r)
        return -1;
    *v = (r->s.views & FRONT) ? BODYMAP_FRONT : BODYMAP_BACK;
    float mx = 0, my = 0;
    for (int i = 0; i < r->s.n; i++) {
        mx += r->s.p[2 * i];
        my += r->s.p[2 * i + 1];
    }
    *x = (float)bodymap_side_sign(*v, side == SCRIPT_SIDE_RIGHT ? SCRIPT_SIDE_RIGHT
                                                                : SCRIPT_SIDE_LEFT) *
         mx / (float)r->s.n;
    *y = my / (float)r->s.n;
    return 0;
}

/* Whether (x, y) is inside the triangle a b c, edges included. */
static int in_triangle(const float *a, const float *b, const float *c, float x, float y)
{
    float d1 = (x - b[0]) * (a[1] - b[1]) - (a[0] - b[0]) * (y - b[1]);
    float d2 = (x - c[0]) * (b[1] - c[1]) - (b[0] - c[0]) * (y - c[1]);
    float d3 = (x - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (y - a[1]);
    int neg = d1 < 0 || d2 < 0 || d3<0, pos = d1> 0 || d2 > 0 || d3 > 0;
    return !(neg && pos);
}

int bodymap_hit(enum bodymap_view v, float x, float y, enum script_side *side)
{
    float xy[2 * 512];
    for (int a = 0; a < area_count; a++) {
        int paired = area_paired(a) == 1;
        for (int sd = paired ? SCRIPT_SIDE_LEFT : SCRIPT_SIDE_NONE;
             sd <= (paired ? SCRIPT_SIDE_RIGHT : SCRIPT_SIDE_NONE); sd++) {
            int n = bodymap_area(a, (enum script_side)sd, v, xy, 512);
            for (int i = 0; i + 2 < n && i + 2 < 512; i += 3)
                if (in_triangle(&xy[2 * i], &xy[2 * i + 2], &xy[2 * i + 4], x, y)) {
                    if (side)
                        *side = (enum script_side)sd;
                    return a;
                }
        }
    }
    return -1;
}
