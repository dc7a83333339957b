/* SPDX-License-Identifier: MIT */
/* fuzz_script.c — the routine parser and compiler on any bytes. A routine
 * that parses is compiled at two rates and has a hold inserted, with cue
 * lengths taken from the input, so compile sees odd lengths too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "timeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diags d = {0};
    struct routine *r = script_parse("fuzz.roll", (const char *)data, size, &d);
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        diags_print(&d, null);
        fclose(null);
    }
    diags_free(&d);
    if (!r)
        return 0;
    int64_t *len = calloc((size_t)r->ncues + 1, sizeof *len);
    for (int i = 0; i < r->ncues; i++)
        len[i] = size ? (int64_t)data[i % size] * 997 : 0;
    static const int rates[] = {8000, 48000};
    for (int k = 0; k < 2; k++) {
        struct timeline tl, more;
        if (timeline_compile(&tl, r, len,
                             &(struct timeline_opts){
                                 rates[k], 0, k ? 1.0 : 1.0 + (size ? data[0] % 8 : 0)}) != 0)
            continue;
        struct diags w = {0};
        timeline_check(&tl, len, &w);
        diags_free(&w);
        if (tl.length > 2 && timeline_insert_hold(&tl, &more, tl.length / 2, 1000) == 0)
            timeline_free(&more);
        timeline_free(&tl);
    }
    free(len);
    script_free(r);
    return 0;
}
