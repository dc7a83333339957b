/* SPDX-License-Identifier: MIT */
/* cli_music.c — --music: the bed under a session, from a file, a folder or
 * a playlist. Nothing about the music can stop a session: what cannot be
 * played is said in one line and the session goes on. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "music.h"

/* Once play's view is up, a line from the decoder thread is held here until
 * the play loop takes it (cli_music_take), so that it is printed clear of
 * the terminal's status line; before that, and in render, it is printed at
 * once. */
#define HELD_LINES 8
static pthread_mutex_t held_lock = PTHREAD_MUTEX_INITIALIZER;
static char held[HELD_LINES][700];
static int nheld;
static atomic_int holding;

/* A playlist of a hundred thousand missing files is not a hundred thousand
 * lines: the first are said, as many as a routine's warnings (diag.h), and
 * the rest counted and said as one line when the bed is closed. */
#define SAID_LINES 100
static atomic_int skipped;
static atomic_int hushed; /* the same music opened again: its skips were said */

void cli_music_hush(void)
{
    atomic_store(&hushed, 1);
}

static void say_skipped(void *user, const char *line)
{
    (void)user;
    if (atomic_load(&hushed) || atomic_fetch_add(&skipped, 1) >= SAID_LINES)
        return;
    if (!atomic_load(&holding)) {
        fprintf(stderr, "rollout: %s.\n", line);
        return;
    }
    pthread_mutex_lock(&held_lock);
    if (nheld < HELD_LINES) /* more than that at once: the first are enough */
        snprintf(held[nheld++], sizeof held[0], "%s.", line);
    pthread_mutex_unlock(&held_lock);
}

/* "... and 99,900 more music files skipped", once, when some were not said. */
static void say_unsaid(void)
{
    int more = atomic_exchange(&skipped, 0) - SAID_LINES;
    if (more > 0)
        fprintf(stderr, "rollout: ... and %d more music file%s skipped.\n", more,
                more == 1 ? "" : "s");
}

void cli_music_close(struct music *m)
{
    music_free(m);
    if (m)
        say_unsaid();
}

int cli_music_take(char *line, size_t len)
{
    pthread_mutex_lock(&held_lock);
    int got = nheld > 0;
    if (got) {
        snprintf(line, len, "%s", held[0]);
        memmove(held[0], held[1], (size_t)(nheld - 1) * sizeof held[0]);
        nheld--;
    }
    pthread_mutex_unlock(&held_lock);
    return got;
}

static int given(const struct args *a, const char *option)
{
    for (int i = 0; i < a->ngiven; i++)
        if (strcmp(a->given[i], option) == 0)
            return 1;
    return 0;
}

struct music *cli_music_open(const struct args *a, const char *routine_music, int rate, int live)
{
    /* --music on the command line, else the routine's music line, else
     * the setting. */
    const char *path = routine_music && !given(a, "music") ? routine_music : a->music;
    if (!path)
        return NULL;
    char err[4608];
    char **paths;
    int n;
    /* --shuffle: a new order every run, but one order within it, so that
     * render's two passes (loudness, then the file) hear the same music. */
    static uint32_t seed;
    if (!seed)
        seed = ((uint32_t)time(NULL) ^ (uint32_t)clock()) | 1u;
    if (music_playlist(path, a->shuffle, seed, &paths, &n, err, sizeof err) != 0) {
        cli_say("%s; playing without music", cli_clause(err));
        return NULL;
    }
    struct music *m = music_new(paths, n, rate, MUSIC_RING_FRAMES, say_skipped, NULL);
    music_playlist_free(paths, n);
    if (!m) {
        fprintf(stderr, "rollout: out of memory for the music; playing without it.\n");
        return NULL;
    }
    /* Filled before the first block, so the bed starts with the session;
     * a signal meanwhile stops the filling, and the command ends. */
    music_stop_on(m, &cli_signal);
    music_fill(m, MUSIC_RING_FRAMES);
    if (music_exhausted(m) && music_fill(m, 1) == 0) {
        say_unsaid();
        cli_say("none of the music in '%s' can be played; playing without it", path);
        music_free(m);
        return NULL;
    }
    if (live) {
        atomic_store(&holding, 1);
        if (music_start(m) != 0) {
            fprintf(stderr, "rollout: cannot start the music's decoder; playing without music.\n");
            music_free(m);
            return NULL;
        }
    }
    return m;
}
