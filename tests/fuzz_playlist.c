/* SPDX-License-Identifier: MIT */
/* fuzz_playlist.c — an .m3u playlist's reader on any bytes: the entries it
 * names, each made a path from the playlist's folder, in order and
 * shuffled. The files themselves are not opened: they name anything on the
 * machine. */
#include <stdint.h>
#include <stdio.h>

#include "fuzz_file.h"
#include "music.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, "list.m3u");
    if (!path)
        return 0;
    char **paths, err[4608];
    int n;
    for (int shuffle = 0; shuffle < 2; shuffle++)
        if (music_playlist(path, shuffle, size, &paths, &n, err, sizeof err) == 0)
            music_playlist_free(paths, n);
    return 0;
}
