/* SPDX-License-Identifier: MIT */
/* area.c — the body areas, in the order a session usually works up the body. */
#include "area.h"

#include <string.h>

const char *const area_keys[] = {
    "foot-arch",  "calf",      "shin",       "hamstring",  "quadriceps", "it-band", "glutes",
    "hip-flexor", "adductors", "lower-back", "upper-back", "lats",       "chest",   "forearm",
};

/* One label per key, in the same order. */
static const char *const area_labels[] = {
    "Arch of the foot", "Calf",   "Shin",       "Hamstring",   "Quadriceps",
    "IT band",          "Glutes", "Hip flexor", "Inner thigh", "Lower back",
    "Upper back",       "Lats",   "Chest",      "Forearm",
};

/* Whether each area has a left and a right. The chest counts as the
 * midline: a roller or ball across it works both sides at once. */
static const unsigned char area_pairs[] = {
    1, 1, 1, 1, 1, 1, 1, /* foot-arch calf shin hamstring quadriceps it-band glutes */
    1, 1, 0, 0, 1, 0, 1, /* hip-flexor adductors lower-back upper-back lats chest forearm */
};

_Static_assert(sizeof area_keys / sizeof area_keys[0] == sizeof area_labels / sizeof area_labels[0],
               "every area key needs a label");
_Static_assert(sizeof area_keys / sizeof area_keys[0] == sizeof area_pairs,
               "every area key needs to say whether it has sides");

const int area_count = (int)(sizeof area_keys / sizeof area_keys[0]);

int area_find(const char *key)
{
    if (!key)
        return -1;
    for (int i = 0; i < area_count; i++)
        if (strcmp(area_keys[i], key) == 0)
            return i;
    return -1;
}

int area_paired(int area)
{
    if (area < 0 || area >= area_count)
        return -1;
    return area_pairs[area];
}

const char *area_label(int area)
{
    if (area < 0 || area >= area_count)
        return NULL;
    return area_labels[area];
}
