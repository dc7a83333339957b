/* SPDX-License-Identifier: MIT */
/* stdlib.h — wasi-libc's, and realpath, which it leaves out: WASI has no
 * one root to resolve a path against. The parser resolves an include with
 * it; realpath.c says what the page answers. */
#ifndef ROLLOUT_WEB_STDLIB_H
#define ROLLOUT_WEB_STDLIB_H

#include_next <stdlib.h>

char *realpath(const char *restrict path, char *restrict resolved);

#endif
