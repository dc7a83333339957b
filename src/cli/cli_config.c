/* cli_config.c — rollout config, and the settings every command starts
 * from. The table below is the whole list of settings: a new one (the
 * window's last choice of areas and minutes, say) is one more row, and the
 * file, `rollout config`, the checks and the command line's precedence all
 * follow from it. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compose.h"
#include "settings.h"
#include "suggest.h"
#include "xdg.h"

#define AT(field) offsetof(struct args, field)

/* name, kind, limits, where it goes in struct args, the commands it is for,
 * what it is. The name is also the option that overrides it. The volumes
 * are for listening: render and shot write at 0 dB unless told otherwise,
 * so a file never depends on how loud someone last played. */
static const struct settings_key keys[] = {
    {"volume", SETTINGS_DB, -60, 12, AT(gain_db[ENGINE_MASTER]), "play",
     "master volume in dB; the keys and remotes change it"},
    {"click-volume", SETTINGS_DB, -60, 12, AT(gain_db[ENGINE_CLICK]), "play",
     "the click's volume in dB"},
    {"voice-volume", SETTINGS_DB, -60, 12, AT(gain_db[ENGINE_VOICE]), "play",
     "the voice's volume in dB"},
    {"music", SETTINGS_TEXT, 0, 0, AT(music), "play",
     "your own music under every session: a file, a folder or an .m3u"},
    {"music-volume", SETTINGS_DB, -60, 12, AT(gain_db[ENGINE_MUSIC]), "play",
     "the music's volume in dB; its keys change it"},
    {"shuffle", SETTINGS_BOOL, 0, 0, AT(shuffle), "play", "the music in a random order"},
    {"device", SETTINGS_TEXT, 0, 0, AT(device), "play", "the audio device ('rollout devices')"},
    {"buffer", SETTINGS_INT, 64, 16384, AT(buffer), "play", "the device's buffer in frames"},
    {"rate", SETTINGS_INT, 8000, 192000, AT(rate), "play", "output sample rate in Hz"},
    {"pace", SETTINGS_PACE, SCRIPT_PACE_MIN_MS / 1000.0, SCRIPT_PACE_MAX_MS / 1000.0, AT(pace_ms),
     "play render shot plan check", "seconds between clicks, over the routine's"},
    {"voices", SETTINGS_TEXT, 0, 0, AT(voices), "play render shot plan check cues record",
     "a folder of cue recordings, searched first"},
    {"headless", SETTINGS_BOOL, 0, 0, AT(headless), "play", "play without the window"},
    {"listen", SETTINGS_BOOL, 0, 0, AT(listen), "play", "act on spoken commands (--listen)"},
    {"lyrics", SETTINGS_BOOL, 0, 0, AT(lyrics), "render",
     "an .lrc of the words beside every file rendered"},
    {"start-areas", SETTINGS_TEXT, 0, 0, AT(start_areas), "play",
     "the areas last marked on the window's start screen"},
    {"start-minutes", SETTINGS_INT, 0, COMPOSE_MAX_MINUTES, AT(start_minutes), "play",
     "the minutes last chosen there; 0 as written"},
};
#define NKEYS ((int)(sizeof keys / sizeof keys[0]))

/* The file as read. Settings of kind TEXT point into it, so it stays for
 * the life of the command. */
static struct settings file;

static const char *conf_path(char *buf, size_t len)
{
    return xdg_path(XDG_CONFIG, "rollout/rollout.conf", buf, len);
}

static int word_in(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
            return 1;
    return 0;
}

static int given(const struct args *a, const char *name)
{
    for (int i = 0; i < a->ngiven; i++)
        if (strcmp(a->given[i], name) == 0)
            return 1;
    return 0;
}

/* Reads the file into `file`; prints what it says is wrong. 0 or -1. */
static int read_file(void)
{
    char path[4096];
    struct diags d = {0};
    settings_free(&file);
    int rc = settings_load(&file, keys, NKEYS, conf_path(path, sizeof path), &d);
    diags_print(&d, stderr);
    diags_free(&d);
    return rc;
}

int cli_settings_load(struct args *a, const char *command)
{
    if (read_file() != 0)
        return CLI_EXIT_USAGE;
    for (int i = 0; i < NKEYS; i++) {
        char err[256];
        if (file.text[i] && word_in(keys[i].commands, command) && !given(a, keys[i].name))
            settings_parse(&keys[i], file.text[i], a, err, sizeof err); /* checked on reading */
    }
    return CLI_EXIT_OK;
}

int cli_settings_remember(const char *key, const char *value)
{
    char path[4096], err[512];
    if (settings_write(conf_path(path, sizeof path), key, value, err, sizeof err) != 0) {
        fprintf(stderr, "rollout: the %s was not remembered: %s.\n", key, cli_clause(err));
        return -1;
    }
    return 0;
}

/* One setting as it is in force for play, and where it came from. */
static void show(const struct args *a, int i, int width)
{
    char value[256], from[4200];
    settings_format(&keys[i], a, value, sizeof value);
    if (given(a, keys[i].name))
        snprintf(from, sizeof from, "command line");
    else if (file.text[i])
        snprintf(from, sizeof from, "%s:%d", file.path, file.line[i]);
    else
        snprintf(from, sizeof from, "default");
    if (!value[0])
        snprintf(value, sizeof value, "%s",
                 keys[i].kind == SETTINGS_PACE         ? "(the routine's)"
                 : strcmp(keys[i].name, "device") == 0 ? "(the system's)"
                                                       : "(none)");
    printf("%-*s  %-16s  %s\n", width, keys[i].name, value, from);
}

int cli_config(char **names, int n, const struct args *given_args)
{
    char path[4096], err[512];
    conf_path(path, sizeof path);
    if (n > 2) {
        cli_usage_error("%s", "config takes a key and a value at most: rollout config volume -6");
        return CLI_EXIT_USAGE;
    }
    const struct settings_key *k = NULL;
    if (n >= 1 && !(k = settings_find(keys, NKEYS, names[0]))) {
        const char *all[NKEYS];
        for (int i = 0; i < NKEYS; i++)
            all[i] = keys[i].name;
        const char *near = suggest_nearest(names[0], all, NKEYS);
        if (near)
            cli_usage_error("no setting '%s'; did you mean '%s'?", names[0], near);
        else
            cli_usage_error("no setting '%s'; 'rollout config' lists them", names[0]);
        return CLI_EXIT_USAGE;
    }
    if (n == 2) {
        /* "default" takes the key out of the file; anything else must be a
         * value the key takes, or the file would stop the next command. */
        const char *value = strcmp(names[1], "default") == 0 ? NULL : names[1];
        if (value && settings_parse(k, value, NULL, err, sizeof err) != 0) {
            cli_usage_error("%s", err);
            return CLI_EXIT_USAGE;
        }
        if (settings_write(path, k->name, value, err, sizeof err) != 0) {
            fprintf(stderr, "rollout: %s.\n", cli_clause(err));
            return CLI_EXIT_IO;
        }
        if (value)
            printf("%s = %s, in %s\n", k->name, value, path);
        else
            printf("%s is back to its default, in %s\n", k->name, path);
        return CLI_EXIT_OK;
    }
    /* What play would use: the defaults, the file, then the command line. */
    struct args a = *given_args;
    if (read_file() != 0)
        return CLI_EXIT_USAGE;
    for (int i = 0; i < NKEYS; i++)
        if (file.text[i] && !given(&a, keys[i].name))
            settings_parse(&keys[i], file.text[i], &a, err, sizeof err);
    int width = 0;
    for (int i = 0; i < NKEYS; i++)
        if ((int)strlen(keys[i].name) > width)
            width = (int)strlen(keys[i].name);
    if (k) {
        show(&a, (int)(k - keys), width);
        return CLI_EXIT_OK;
    }
    for (int i = 0; i < NKEYS; i++)
        show(&a, i, width);
    printf("\nSettings file: %s\n", path);
    return CLI_EXIT_OK;
}
