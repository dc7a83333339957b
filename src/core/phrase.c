/* SPDX-License-Identifier: MIT */
/* phrase.c — the words rollout adds between a routine's own cues. */
#include "phrase.h"

#include <string.h>

const struct phrase phrase_table[] = {
    {PHRASE_SIDE_LEFT, "Left side."},
    {PHRASE_SIDE_RIGHT, "Right side."},
    {PHRASE_SWITCH_LEFT, "Switch to your left side."},
    {PHRASE_SWITCH_RIGHT, "Switch to your right side."},
    {PHRASE_COUNT_3, "Three."},
    {PHRASE_COUNT_2, "Two."},
    {PHRASE_COUNT_1, "One."},
    {PHRASE_ROLL, "Roll slowly, one inch with each click."},
    {PHRASE_HOLD, "Stop on the sore spot and hold."},
    {PHRASE_REST, "Rest, and get into position."},
    {PHRASE_END, "That's the end of the session. Well done."},
};

const int phrase_count = (int)(sizeof phrase_table / sizeof phrase_table[0]);

const struct phrase *phrase_find(const char *id)
{
    for (int i = 0; i < phrase_count; i++)
        if (strcmp(phrase_table[i].id, id) == 0)
            return &phrase_table[i];
    return 0;
}
