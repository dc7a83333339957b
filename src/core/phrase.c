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
    /* The short introduction (session.h): one line, with the ball or roller
     * the first steps use, and one for a second kind. */
    {PHRASE_START, "Let's roll."},
    {"start.lacrosse", "Let's roll, with a lacrosse ball."},
    {"start.tennis", "Let's roll, with a tennis ball."},
    {"start.golf", "Let's roll, with a golf ball."},
    {"start.baseball", "Let's roll, with a baseball."},
    {"start.roller", "Let's roll, with a foam roller."},
    {"start.lacrosse.roller", "Let's roll, with a lacrosse ball and a foam roller."},
    {"start.roller.lacrosse", "Let's roll, with a foam roller and a lacrosse ball."},
    {"also.lacrosse", "Have a lacrosse ball ready too."},
    {"also.tennis", "Have a tennis ball ready too."},
    {"also.golf", "Have a golf ball ready too."},
    {"also.baseball", "Have a baseball ready too."},
    {"also.roller", "Have a foam roller ready too."},
    /* A composed session's announcement where the step's own says "First",
     * "Next" or "last" of a place it no longer has; one per area (area.h). */
    {"area.foot-arch", "The arch of your foot."},
    {"area.calf", "Your calves."},
    {"area.shin", "Your shins."},
    {"area.hamstring", "The backs of your thighs."},
    {"area.quadriceps", "The front of your thighs."},
    {"area.it-band", "Your I.T. band."},
    {"area.glutes", "Your glutes."},
    {"area.hip-flexor", "The front of your hips."},
    {"area.adductors", "The inside of your thighs."},
    {"area.lower-back", "Your lower back."},
    {"area.upper-back", "Your upper back."},
    {"area.lats", "Your lats, along your side."},
    {"area.chest", "Your chest."},
    {"area.forearm", "Your forearms."},
};

const int phrase_count = (int)(sizeof phrase_table / sizeof phrase_table[0]);

const struct phrase *phrase_find(const char *id)
{
    for (int i = 0; i < phrase_count; i++)
        if (strcmp(phrase_table[i].id, id) == 0)
            return &phrase_table[i];
    return 0;
}
