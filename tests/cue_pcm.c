/* SPDX-License-Identifier: MIT */
/* cue_pcm.c — cue_pcm ROUTINE RATE DIR [AREAS MINUTES]: loads a routine, or
 * a session composed for AREAS in MINUTES from every routine, as `rollout
 * render` does (request_load: its cues found, decoded and resampled to RATE by the
 * cue loader) and writes what the engine is handed, for the web test to
 * hand the same to the WebAssembly build:
 *
 *   DIR/cues.tsv   one line a cue, in the routine's cue order:
 *                  index, id, channels, frames
 *   DIR/N.s16      cue N's samples, 16-bit, interleaved, in this machine's
 *                  byte order (little-endian, as WebAssembly's)
 *
 * So a comparison of the two renders compares the timeline and the engine
 * alone, not two decoders. Exits 0, or 1 with rollout's messages. */
#include <stdio.h>
#include <stdlib.h>

#include "request.h"

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 6) {
        fprintf(stderr, "usage: cue_pcm ROUTINE RATE DIR [AREAS MINUTES]\n");
        return 1;
    }
    struct request q = {.routine = argc == 6 ? NULL : argv[1],
                        .areas = argc == 6 ? argv[4] : NULL,
                        .minutes = argc == 6 ? atof(argv[5]) : 0,
                        .opts = {.rate = atoi(argv[2]), .missing = SESSION_MISSING_ERROR}};
    struct session s;
    struct diags d = {0};
    char err[512];
    int64_t start;
    enum request_result r = request_load(&s, &q, &start, &d, err, sizeof err);
    diags_print(&d, stderr);
    diags_free(&d);
    if (r != REQUEST_OK) {
        fprintf(stderr, "cue_pcm: %s\n", err[0] ? err : "the routine does not load");
        return 1;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/cues.tsv", argv[3]);
    FILE *list = fopen(path, "w");
    int ok = list != NULL;
    for (int i = 0; ok && i < s.routine->ncues; i++) {
        const struct cue_audio *a = &s.cues[i];
        fprintf(list, "%d\t%s\t%d\t%lld\n", i, s.routine->cues[i].id, a->channels,
                (long long)a->frames);
        snprintf(path, sizeof path, "%s/%d.s16", argv[3], i);
        FILE *f = fopen(path, "wb");
        size_t n = (size_t)a->frames * (size_t)a->channels;
        ok = f && fwrite(a->data, sizeof *a->data, n, f) == n;
        ok = f && fclose(f) == 0 && ok;
    }
    ok = list && fclose(list) == 0 && ok;
    if (!ok)
        fprintf(stderr, "cue_pcm: cannot write into %s\n", argv[3]);
    session_free(&s);
    return ok ? 0 : 1;
}
