/* SPDX-License-Identifier: MIT */
/* alsa.c — ALSA's error messages, dropped (alsa.h). */
#include "alsa.h"

#include <alsa/asoundlib.h>

/* Every failure ALSA reports here also reaches SDL as an error code, and
 * SDL's message (SDL_GetError) is what rollout says. */
static void drop(const char *file, int line, const char *function, int err, const char *fmt, ...)
{
    (void)file;
    (void)line;
    (void)function;
    (void)err;
    (void)fmt;
}

void alsa_hush(void)
{
    snd_lib_error_set_handler(drop);
}
