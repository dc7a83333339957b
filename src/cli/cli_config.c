/* SPDX-License-Identifier: MIT */
/* cli_config.c — rollout config, and the settings every command starts
 * from. The settings are the option table's rows that rollout.conf takes
 * (options.c): the file, `rollout config`, its checks and the command
 * line's precedence all follow from them. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "settings.h"
#include "suggest.h"
#include "visible.h"
#include "xdg.h"

#define MAX_SETTINGS 64

/* The settings, and their keys as settings.c reads them. */
static const struct cli_option *setting[MAX_SETTINGS];
static const struct settings_key *keys[MAX_SETTINGS];
static int nkeys;

static void know_settings(void)
{
    if (nkeys)
        return;
    nkeys = cli_settings(setting, MAX_SETTINGS);
    for (int i = 0; i < nkeys; i++)
        keys[i] = &setting[i]->v;
}

/* The file as read. Settings of kind TEXT point into it, so it stays for
 * the life of the command. */
static struct settings file;

static const char *conf_path(char *buf, size_t len)
{
    return xdg_path(XDG_CONFIG, "rollout/rollout.conf", buf, len);
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
    know_settings();
    settings_free(&file);
    int rc = settings_load(&file, keys, nkeys, conf_path(path, sizeof path), &d);
    diags_print(&d, stderr);
    diags_free(&d);
    return rc;
}

int cli_settings_load(struct args *a, const char *command)
{
    if (read_file() != 0)
        return CLI_EXIT_USAGE;
    for (int i = 0; i < nkeys; i++) {
        char err[256];
        if (file.text[i] && cli_listed(setting[i]->settles, command) && !given(a, keys[i]->name))
            settings_parse(keys[i], keys[i]->name, file.text[i], a, err,
                           sizeof err); /* checked on reading */
    }
    return CLI_EXIT_OK;
}

int cli_settings_remember(const char *key, const char *value)
{
    char path[4096], err[512];
    if (settings_write(conf_path(path, sizeof path), key, value, err, sizeof err) != 0) {
        cli_say("the %s was not remembered: %s", key, cli_clause(err));
        return -1;
    }
    return 0;
}

/* One setting as it is in force for play, and where it came from. The
 * value and the file's path are made visible (visible.h): either may hold
 * what a terminal would obey, whoever wrote the file or set the variable. */
static void show(const struct args *a, int i, int width)
{
    char value[SETTINGS_MAX_VALUE + 1], from[4200];
    settings_format(keys[i], a, value, sizeof value);
    if (given(a, keys[i]->name))
        snprintf(from, sizeof from, "command line");
    else if (file.text[i])
        snprintf(from, sizeof from, "%s:%d", file.path, file.line[i]);
    else
        snprintf(from, sizeof from, "default");
    if (!value[0])
        snprintf(value, sizeof value, "%s",
                 keys[i]->kind == SETTINGS_PACE         ? "(the routine's)"
                 : strcmp(keys[i]->name, "device") == 0 ? "(the system's)"
                                                        : "(none)");
    int w = visible_width(value, strlen(value));
    printf("%-*s  ", width, keys[i]->name);
    visible_put(stdout, value);
    printf("%*s  ", w < 16 ? 16 - w : 0, "");
    visible_put(stdout, from);
    putchar('\n');
}

int cli_config(char **names, int n, const struct args *given_args)
{
    char path[4096], err[SETTINGS_MAX_VALUE + 512];
    conf_path(path, sizeof path);
    if (n > 2) {
        cli_usage_error("%s", "config takes a key and a value at most: rollout config volume -6");
        return CLI_EXIT_USAGE;
    }
    know_settings();
    int k = n >= 1 ? settings_find(keys, nkeys, names[0]) : -1;
    if (n >= 1 && k < 0) {
        const char *all[MAX_SETTINGS];
        for (int i = 0; i < nkeys; i++)
            all[i] = keys[i]->name;
        const char *near = suggest_nearest(names[0], all, nkeys);
        if (near)
            cli_say("no setting '%s'; did you mean '%s'?", names[0], near);
        else
            cli_say("no setting '%s'; 'rollout config' lists them", names[0]);
        return CLI_EXIT_USAGE;
    }
    if (n == 2) {
        /* "default" takes the key out of the file; anything else must be a
         * value the key takes, or the file would stop the next command. */
        const char *value = strcmp(names[1], "default") == 0 ? NULL : names[1];
        if (value && (settings_value_check(keys[k]->name, value, err, sizeof err) != 0 ||
                      settings_parse(keys[k], keys[k]->name, value, NULL, err, sizeof err) != 0)) {
            cli_say("%s", err); /* what the key takes: its range, from the option table */
            return CLI_EXIT_USAGE;
        }
        if (settings_write(path, keys[k]->name, value, err, sizeof err) != 0) {
            cli_say("%s", cli_clause(err));
            return CLI_EXIT_IO;
        }
        char shown[4096];
        visible_str(shown, sizeof shown, path);
        if (value)
            printf("%s = %s, in %s\n", keys[k]->name, value, shown);
        else
            printf("%s is back to its default, in %s\n", keys[k]->name, shown);
        return CLI_EXIT_OK;
    }
    /* What play would use: the defaults, the file, then the command line. */
    struct args a = *given_args;
    if (read_file() != 0)
        return CLI_EXIT_USAGE;
    for (int i = 0; i < nkeys; i++)
        if (file.text[i] && !given(&a, keys[i]->name))
            settings_parse(keys[i], keys[i]->name, file.text[i], &a, err, sizeof err);
    int width = 0;
    for (int i = 0; i < nkeys; i++)
        if ((int)strlen(keys[i]->name) > width)
            width = (int)strlen(keys[i]->name);
    if (k >= 0) {
        show(&a, k, width);
        return CLI_EXIT_OK;
    }
    for (int i = 0; i < nkeys; i++)
        show(&a, i, width);
    printf("\nSettings file: ");
    visible_put(stdout, path[0] ? path : "(none: no home folder)");
    putchar('\n');
    return CLI_EXIT_OK;
}
