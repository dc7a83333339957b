/* SPDX-License-Identifier: MIT */
/* pthread.h — the one thing of POSIX threads the core asks for, for a module
 * that has one thread (wasm32-wasi, whose libc has no threads): a once is a
 * flag. Only the web build sees this header; the core's sources are the
 * same as the program's. */
#ifndef ROLLOUT_WEB_PTHREAD_H
#define ROLLOUT_WEB_PTHREAD_H

typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0

static inline int pthread_once(pthread_once_t *once, void (*init)(void))
{
    if (!*once) {
        *once = 1;
        init();
    }
    return 0;
}

#endif
