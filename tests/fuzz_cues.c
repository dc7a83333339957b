/* SPDX-License-Identifier: MIT */
/* fuzz_cues.c — the cue loader on any bytes, through libsndfile's virtual
 * I/O: every format it recognises, damaged in every way the fuzzer finds. */
#include <stdint.h>
#include <stdlib.h>

#include "cues.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libsndfile leaks libvorbis's info block when it gives up on a damaged Ogg
 * Vorbis file (1.2.0); nothing on our side can free it. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:vorbis_info_init\n";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    struct cue_audio a = {0};
    if (cues_load_memory(data, size, 48000, &a, err, sizeof err) == CUES_OK)
        cues_free(&a);
    if (cues_load_memory(data, size, 44100, &a, err, sizeof err) == CUES_OK)
        cues_free(&a);
    return 0;
}
