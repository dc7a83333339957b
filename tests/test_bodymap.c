/* SPDX-License-Identifier: MIT */
/* test_bodymap.c — the body map's geometry: every area has a region on
 * each side, inside the silhouette, mirrored between the sides, and the
 * point the tests sample for an area lies in its region and in no other. */
#include <math.h>
#include <stdlib.h>

#include "area.h"
#include "bodymap.h"
#include "check.h"

#define CAP 4096

static float cross(const float *a, const float *b, const float *c)
{
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/* Whether (x, y) lies in any of the n/3 triangles of xy (edges included). */
static int inside(const float *xy, int n, float x, float y)
{
    float p[2] = {x, y};
    for (int t = 0; t + 2 < n; t += 3) {
        const float *a = xy + 2 * t, *b = a + 2, *c = a + 4;
        float d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p);
        int neg = d1 < 0 || d2 < 0 || d3<0, pos = d1> 0 || d2 > 0 || d3 > 0;
        if (!(neg && pos))
            return 1;
    }
    return 0;
}

/* Every fan triangle turns the same way and has some area: the polygon is
 * star-shaped around the point the fan starts from. */
static int well_formed(const float *xy, int n)
{
    int sign = 0;
    for (int t = 0; t + 2 < n; t += 3) {
        float c = cross(xy + 2 * t, xy + 2 * t + 2, xy + 2 * t + 4);
        if (fabsf(c) < 1e-7f)
            continue; /* an ellipse's fan closes on itself: fine */
        int s = c > 0 ? 1 : -1;
        if (sign && s != sign)
            return 0;
        if (!sign)
            sign = s;
    }
    return n % 3 == 0;
}

static void test_silhouettes(void)
{
    static float xy[2 * CAP];
    for (int v = 0; v < 2; v++) {
        int n = bodymap_figure((enum bodymap_view)v, xy, CAP);
        CHECK(n > 100 && n <= CAP);
        CHECK(n % 3 == 0);
        for (int i = 0; i < n; i++) {
            CHECK(fabsf(xy[2 * i]) <= BODYMAP_HALF_WIDTH);
            CHECK(xy[2 * i + 1] >= 0.0f && xy[2 * i + 1] <= 1.0f);
        }
        /* A call with no room still says how much is needed. */
        CHECK_INT(bodymap_figure((enum bodymap_view)v, NULL, 0), n);
    }
    /* The sides: front shows the body's left on the viewer's right. */
    CHECK_INT(bodymap_side_sign(BODYMAP_FRONT, SCRIPT_SIDE_LEFT), 1);
    CHECK_INT(bodymap_side_sign(BODYMAP_FRONT, SCRIPT_SIDE_RIGHT), -1);
    CHECK_INT(bodymap_side_sign(BODYMAP_BACK, SCRIPT_SIDE_LEFT), -1);
    CHECK_INT(bodymap_side_sign(BODYMAP_BACK, SCRIPT_SIDE_RIGHT), 1);
}

static void test_areas(void)
{
    static float fig[2][2 * CAP], xy[2 * CAP], other[2 * CAP];
    int nfig[2];
    for (int v = 0; v < 2; v++)
        nfig[v] = bodymap_figure((enum bodymap_view)v, fig[v], CAP);

    for (int a = 0; a < area_count; a++) {
        int shown = 0;
        for (int v = 0; v < 2; v++) {
            int l = bodymap_area(a, SCRIPT_SIDE_LEFT, (enum bodymap_view)v, xy, CAP);
            int r = bodymap_area(a, SCRIPT_SIDE_RIGHT, (enum bodymap_view)v, NULL, 0);
            int both = bodymap_area(a, SCRIPT_SIDE_NONE, (enum bodymap_view)v, NULL, 0);
            CHECK_INT(l, r);
            CHECK_INT(both, l + r);
            CHECK(well_formed(xy, l));
            shown += l > 0;
            /* Every corner of the region is on the body. */
            for (int i = 0; i < l; i++)
                if (!inside(fig[v], nfig[v], xy[2 * i], xy[2 * i + 1])) {
                    fprintf(stderr, "area %s: a corner at (%.3f, %.3f) is off the body\n",
                            area_keys[a], (double)xy[2 * i], (double)xy[2 * i + 1]);
                    CHECK(0);
                    break;
                }
        }
        if (!shown)
            fprintf(stderr, "area %s has no region\n", area_keys[a]);
        CHECK(shown);

        for (int s = SCRIPT_SIDE_LEFT; s <= SCRIPT_SIDE_RIGHT; s++) {
            enum bodymap_view v;
            float x, y;
            CHECK_INT(bodymap_area_point(a, (enum script_side)s, &v, &x, &y), 0);
            CHECK((x < 0) == (bodymap_side_sign(v, (enum script_side)s) < 0));
            int n = bodymap_area(a, (enum script_side)s, v, xy, CAP);
            CHECK(inside(xy, n, x, y));
            /* Not on the other side's region, and in no other area's. */
            n = bodymap_area(a, s == SCRIPT_SIDE_LEFT ? SCRIPT_SIDE_RIGHT : SCRIPT_SIDE_LEFT, v, xy,
                             CAP);
            CHECK(!inside(xy, n, x, y));
            for (int b = 0; b < area_count; b++) {
                if (b == a)
                    continue;
                n = bodymap_area(b, SCRIPT_SIDE_NONE, v, other, CAP);
                if (inside(other, n, x, y)) {
                    fprintf(stderr, "the point for %s lies in %s\n", area_keys[a], area_keys[b]);
                    CHECK(0);
                }
            }
        }
    }
    enum bodymap_view v;
    float x, y;
    CHECK_INT(bodymap_area(-1, SCRIPT_SIDE_NONE, BODYMAP_FRONT, xy, CAP), 0);
    CHECK_INT(bodymap_area(area_count, SCRIPT_SIDE_NONE, BODYMAP_BACK, xy, CAP), 0);
    CHECK_INT(bodymap_area_point(area_count, SCRIPT_SIDE_LEFT, &v, &x, &y), -1);
}

int main(void)
{
    test_silhouettes();
    test_areas();
    return check_done("test_bodymap");
}
