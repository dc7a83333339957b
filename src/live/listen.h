/* SPDX-License-Identifier: MIT */
/* listen.h — spoken commands: "rollout hold", "rollout next" and the rest,
 * heard on the microphone and handed to the view loop as key presses are.
 *
 * Two parts. The recogniser (listen_new, listen_feed) turns 16 kHz mono
 * samples into commands, each with the samples its phrase spans: pure
 * computation, so the benchmark and the tests can feed it files. The
 * listener (listener_start) runs it on a thread of its own over the
 * microphone and queues what it hears for the view loop. Neither touches the
 * audio callback. pocketsphinx stays in this module. */
#ifndef ROLLOUT_LISTEN_H
#define ROLLOUT_LISTEN_H

#include <stddef.h>
#include <stdint.h>

#define LISTEN_RATE 16000 /* the speech model's rate */

enum listen_word {
    LISTEN_PAUSE,
    LISTEN_CONTINUE,
    LISTEN_NEXT,
    LISTEN_BACK,
    LISTEN_HOLD,
    LISTEN_LOUDER,
    LISTEN_QUIETER,
    LISTEN_STOP,
    LISTEN_WORDS
};

/* What follows the wake word, as said: "continue" for LISTEN_CONTINUE. */
const char *listen_verb(enum listen_word w);

struct listen_heard {
    enum listen_word word;
    int64_t start, end; /* the phrase's samples, counted from the first fed */
    int64_t decided;    /* the sample at which it was decided */
};

/* Loads the speech model: the directory named by ROLLOUT_SPEECH_MODEL, or
 * Debian's pocketsphinx-en-us. NULL with one sentence in err when it cannot
 * be found or loaded. */
struct listen *listen_new(char *err, size_t errlen);

/* Takes n more samples; writes the commands whose phrases ended in them (at
 * most max) to out and returns how many. */
int listen_feed(struct listen *l, const int16_t *x, int n, struct listen_heard *out, int max);

/* The same, with the n samples rollout played while the microphone heard
 * these (16 kHz mono too): their echo is taken out of the microphone's
 * before anything is recognised. Samples are taken 10 ms at a time, so a
 * command may be returned up to 10 ms later than by listen_feed. */
int listen_feed_echo(struct listen *l, const int16_t *mic, const int16_t *out, int n,
                     struct listen_heard *heard, int max);

/* 1 from the moment the wake word is heard until the verb after it is
 * decided, taken or found not to be one, or until ENGINE_HUSH_MAX_MS have
 * passed without one: while someone is saying a command. */
int listen_awake(const struct listen *l);

/* 1 while what is fed is listened to; 0 while the echo canceller does not
 * yet know how late rollout's own sound comes back (a session's first two
 * to four seconds, and two after that delay moves): then its own voice
 * could pass for someone's, and nothing is heard. */
int listen_hearing(const struct listen *l);

void listen_free(struct listen *l);

/* ---- what was played, waiting for its echo ---- */

/* What rollout played, brought to the microphone's rate, for the echo
 * canceller. The played sound and the microphone's are started together
 * and paired sample for sample, the nth with the nth. What is handed to the
 * device sounds only after its buffers, so its echo comes that much later
 * in the microphone's samples, within the canceller's reach. The played
 * samples wait here for the microphone's. */
#define PLAYED_LEN (4 * LISTEN_RATE) /* samples the ring holds */
struct played {
    int16_t ring[PLAYED_LEN];
    int64_t in, out;  /* written, taken: counts of samples */
    int64_t buffered; /* the output device's buffers, in samples */
    int64_t ahead;    /* the microphone's samples taken while the played ran too far ahead */
};

/* The samples written and not yet taken. */
static inline int64_t played_waiting(const struct played *p)
{
    return p->in - p->out;
}

/* Writes n samples played; the oldest not taken make room. */
void played_put(struct played *p, const int16_t *x, int n);

/* The n played samples the microphone's next n heard; silence for those
 * not played yet. Where the played stays further ahead of the microphone
 * than the device's buffers explain, the clocks have drifted apart, and it
 * is brought back to them. */
void played_take(struct played *p, int16_t *y, int n);

/* ---- the listener: the microphone on a thread ---- */

struct listener_heard {
    enum listen_word word;
    int64_t ago_ms[2]; /* how long before it was queued the phrase began and ended */
    uint64_t at_ms;    /* when it was queued, on CLOCK_MONOTONIC */
};

/* Opens the microphone (device NULL: the default; SDL's audio must be
 * running) and starts listening. With out, what that device plays is taken
 * out of what the microphone hears (its echo), so that rollout's own voice
 * neither triggers a command nor hides one. NULL with one sentence in err
 * saying what to install or check. */
struct out_sdl;
struct listener *listener_start(const char *device, struct out_sdl *out, char *err, size_t errlen);

/* Readable while commands wait: for a loop that polls. */
int listener_fd(const struct listener *li);

/* Takes the oldest command waiting; 1 if there was one. */
int listener_take(struct listener *li, struct listener_heard *out);

/* 1 while it listens (listen_hearing), 0 while it waits to. */
int listener_hearing(const struct listener *li);

/* 1 while someone is saying a command (listen_awake). Its changes wake a
 * loop that polls listener_fd too. */
int listener_awake(const struct listener *li);

/* Stops the thread and closes the microphone. */
void listener_stop(struct listener *li);

#endif
