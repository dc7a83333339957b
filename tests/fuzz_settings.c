/* SPDX-License-Identifier: MIT */
/* fuzz_settings.c — rollout.conf's reader on any bytes, against a table
 * of every kind of value, each value it takes stored as the program would
 * store it; and its writer rewriting one key of whatever was read. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz_file.h"
#include "settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct all {
    float db;
    int whole, flag, pick[2], size[2], bits;
    double number;
    int64_t pace_ms;
    const char *text, *choice;
};

static int no_digits(const char *text, char *err, size_t errlen)
{
    if (!text[strcspn(text, "0123456789")])
        return 0;
    snprintf(err, errlen, "no digits");
    return -1;
}

static const char *const formats[] = {"text", "tsv", "json", NULL};
static const char *const buses[] = {"click", "voice", NULL};
static const char *const bits[] = {"16", "24", "32", NULL};
static const struct settings_key rows[] = {
    {"volume", SETTINGS_DB, -60, 12, .offset = offsetof(struct all, db)},
    {"buffer", SETTINGS_INT, 64, 16384, .offset = offsetof(struct all, whole)},
    {"fast", SETTINGS_NUMBER, 1, 20, .offset = offsetof(struct all, number)},
    {"pace", SETTINGS_PACE, 0.25, 10, .offset = offsetof(struct all, pace_ms)},
    {"device", SETTINGS_TEXT, .offset = offsetof(struct all, text)},
    {"areas", SETTINGS_TEXT, .offset = offsetof(struct all, text), .check = no_digits},
    {"headless", SETTINGS_BOOL, .offset = offsetof(struct all, flag)},
    {"format", SETTINGS_CHOICE, .choices = formats, .offset = offsetof(struct all, choice)},
    {"mute", SETTINGS_PICK, .choices = buses, .offset = offsetof(struct all, pick)},
    {"size", SETTINGS_SIZE, 320, 7680, 200, 4320, .offset = offsetof(struct all, size)},
    {"bits", SETTINGS_INT, 16, 32, .choices = bits, .offset = offsetof(struct all, bits)},
};
#define NKEYS ((int)(sizeof rows / sizeof rows[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct settings_key *keys[NKEYS];
    for (int i = 0; i < NKEYS; i++)
        keys[i] = &rows[i];
    const char *path = fuzz_file(data, size, "rollout.conf");
    if (!path)
        return 0;
    struct settings s;
    struct diags d = {0};
    settings_load(&s, keys, NKEYS, path, &d);
    FILE *null = fopen("/dev/null", "w");
    if (null)
        diags_print(&d, null);
    struct all v = {0};
    char err[512], shown[128];
    for (int i = 0; i < NKEYS; i++)
        if (s.text[i] &&
            settings_parse(keys[i], keys[i]->name, s.text[i], &v, err, sizeof err) == 0 && null)
            fputs(settings_format(keys[i], &v, shown, sizeof shown), null);
    /* Rewritten: the first value read, under another key, through the
     * writer's own checks. */
    const char *value = NULL;
    for (int i = 0; i < NKEYS && !value; i++)
        value = s.text[i];
    settings_write(path, "volume", value ? value : "-3", err, sizeof err);
    if (null)
        fclose(null);
    settings_free(&s);
    diags_free(&d);
    return 0;
}
