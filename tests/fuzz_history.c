/* SPDX-License-Identifier: MIT */
/* fuzz_history.c — the history's reader on any bytes, and what is made of
 * what it reads: the summary, the TSV and JSON lines; then one session
 * appended after whatever was there. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_file.h"
#include "history.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, "history.tsv");
    if (!path)
        return 0;
    struct history_entry *v;
    int n, bad, first;
    char err[512];
    if (history_read(path, &v, &n, &bad, &first, err, sizeof err) != 0)
        return 0;
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        history_summary(null, v, n, 1764500000);
        for (int i = 0; i < n; i++) {
            history_print_tsv(null, &v[i]);
            history_print_json(null, &v[i]);
        }
        fclose(null);
    }
    struct history_entry e = n ? v[n - 1] : (struct history_entry){.when = 1764500000};
    history_append(path, &e, err, sizeof err);
    free(v);
    return 0;
}
