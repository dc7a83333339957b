/* SPDX-License-Identifier: MIT */
/* fuzz_file.h — the fuzz targets whose reader takes a path, not bytes
 * (rollout.conf, the history, a playlist: each is read as a regular file,
 * never trusted to be one): the input written to one scratch file of the
 * process's own, rewritten for every input and removed at exit. */
#ifndef ROLLOUT_FUZZ_FILE_H
#define ROLLOUT_FUZZ_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_path[4096];

static void fuzz_file_remove(void)
{
    unlink(fuzz_path);
}

/* The input as the file FUZZ_FILE_NAME in a folder of this process's own;
 * its path, or NULL when it cannot be written. */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *name)
{
    if (!fuzz_path[0]) {
        const char *tmp = getenv("TMPDIR");
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/rollout-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir))
            return NULL;
        snprintf(fuzz_path, sizeof fuzz_path, "%.4000s/%s", dir, name);
        atexit(fuzz_file_remove);
    }
    FILE *f = fopen(fuzz_path, "wb");
    if (!f)
        return NULL;
    int ok = fwrite(data, 1, size, f) == size;
    ok &= fclose(f) == 0;
    return ok ? fuzz_path : NULL;
}

#endif
