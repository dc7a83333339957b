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

_Static_assert(sizeof area_keys / sizeof area_keys[0] == sizeof area_labels / sizeof area_labels[0],
               "every area key needs a label");

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

const char *area_label(int area)
{
    if (area < 0 || area >= area_count)
        return NULL;
    return area_labels[area];
}
