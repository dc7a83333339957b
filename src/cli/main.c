/* SPDX-License-Identifier: MIT */
/* main.c — the rollout command: reads the options (the option table,
 * options.c) and hands the command to its cli_*.c file. Nothing here
 * decides anything about sound. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "cli.h"
#include "options.h"
#include "suggest.h"

#ifndef ROLLOUT_VERSION
#define ROLLOUT_VERSION "0.1.0"
#endif

/* The commands: how each is called, what it does, and how many routines
 * it takes (a command that takes none names the default routine). */
static const struct command {
    const char *name, *synopsis, *what;
    int min, max;
    int (*run)(char **names, int n, const struct args *a);
} commands[] = {
    {"play", "[ROUTINE]",
     "play a session through the audio device, with the window or\n"
     "the terminal",
     0, 1, cli_play},
    {"render", "[ROUTINE] -o FILE",
     "write the session to FILE (.wav, .flac, .ogg, .opus,\n"
     ".mp3)",
     0, 1, cli_render},
    {"shot", "[ROUTINE] --at TIME -o FILE",
     "draw the window as it looks at TIME into FILE\n"
     "(.png, .bmp)",
     0, 1, cli_shot},
    {"plan", "[ROUTINE]", "print the session's timeline", 0, 1, cli_plan},
    {"check", "ROUTINE...", "check routines without playing them", 1, INT_MAX, cli_check},
    {"cues", "[ROUTINE]", "list the cues a routine speaks and their recordings", 0, 1, cli_cues},
    {"record", "ROUTINE [CUE]...",
     "record your voice for the cues with no recording (or the\n"
     "cues named) from the microphone",
     1, INT_MAX, cli_record},
    {"voice", "ROUTINE [CUE]...",
     "make synthetic recordings for the cues with no recording\n"
     "(or the cues named), with a speech synthesiser",
     1, INT_MAX, cli_voice},
    {"list", "", "list your routines and the bundled ones", 0, 0, cli_list},
    {"new", "NAME", "start a routine of your own from a commented template", 1, 1, cli_new},
    {"devices", "", "list the audio output devices", 0, 0, cli_devices},
    {"config", "[KEY [VALUE]]",
     "show the settings in force and where each comes from;\n"
     "with KEY VALUE, set one in rollout.conf",
     0, INT_MAX, cli_config},
    {"history", "", "the sessions played lately, and a summary", 0, 0, cli_history},
    {"serve", "",
     "serve rollout's page and your routines, read-only, to the\n"
     "phones on the same network, over HTTPS",
     0, 0, cli_serve},
};
#define NCOMMANDS ((int)(sizeof commands / sizeof commands[0]))

/* Prints text at column col, its later lines indented to the same column. */
static void indented(FILE *f, const char *text, int col)
{
    for (const char *p = text; *p; p++) {
        fputc(*p, f);
        if (*p == '\n')
            fprintf(f, "%*s", col, "");
    }
    fputc('\n', f);
}

static void print_commands(FILE *f)
{
    fprintf(f, "Commands:\n");
    for (int i = 0; i < NCOMMANDS; i++) {
        char head[64];
        snprintf(head, sizeof head, "%s %s", commands[i].name, commands[i].synopsis);
        if (strlen(head) > 21) { /* a name must keep a space before its words */
            fprintf(f, "  %s\n%24s", head, "");
        } else {
            fprintf(f, "  %-22s", head);
        }
        indented(f, commands[i].what, 24);
    }
}

/* The settings rollout.conf takes, for config --help: each key, what it
 * takes, and the commands it is for; the option of the same name says
 * what it does. */
static void print_settings(FILE *f)
{
    const struct cli_option *set[64];
    int n = cli_settings(set, 64);
    fprintf(f, "Settings, in rollout.conf as 'key = value' (the option of the same name\n"
               "says what each does, and wins over it):\n");
    for (int i = 0; i < n; i++) {
        char takes[128];
        fprintf(f, "  %-14s %s; for %s%s%s\n", set[i]->v.name,
                settings_takes(&set[i]->v, takes, sizeof takes), set[i]->settles,
                set[i]->file_only ? ": " : "", set[i]->file_only ? set[i]->help : "");
    }
}

/* The keys while playing, from the action table: each row of the window's
 * help, its keys, whether only the window takes them, and what to say. */
static void print_keys(FILE *f)
{
    fprintf(f, "Keys while playing, and with --listen what to say (the window takes the media\n"
               "keys too; headset buttons and phone remotes reach rollout over MPRIS):\n");
    for (int i = 0; i < action_count; i++) {
        const struct action *a = &action_table[i];
        if (!a->what)
            continue;
        char keys[64], say[96];
        action_keys_shown(a, keys, sizeof keys);
        action_phrases(a, "rollout ", say, sizeof say);
        int w = 0; /* columns, not bytes: the arrows are three bytes each */
        for (const char *p = keys; *p; p++)
            w += ((unsigned char)*p & 0xC0) != 0x80;
        fprintf(f, "  %s%*s %s%s%s%s\n", keys, w < 14 ? 14 - w : 0, "", a->what,
                a->where == ACTION_IN_WINDOW ? " (the window)" : "", say[0] ? ": " : "", say);
    }
}

static const char status_text[] =
    "Exit status: 0 success; 1 the routine or its cues are invalid, or nothing to\n"
    "resume; 2 usage error, or a bad line in rollout.conf; 3 a file could not be\n"
    "written; 4 the audio device or the window could not be opened; 5 check found\n"
    "warnings but no errors; 6 voice found no speech synthesiser; 7 serve found no\n"
    "page built, could not listen, or could not use its kept certificate. render or\n"
    "shot interrupted by a signal writes nothing and ends killed by it (a shell\n"
    "shows 128 + its number: 130).\n";

static void usage(const struct command *c)
{
    if (!c) {
        printf("Usage: rollout COMMAND [OPTION]... [ROUTINE]...\n"
               "Guided roll-out sessions: voice cues and a pacing click, mixed live.\n\n");
        print_commands(stdout);
        printf("\nROUTINE is a path to a .roll file, the name of one of your routines or\n"
               "of a bundled one; 'default' when none is named.\n"
               "'rollout COMMAND --help' tells one command's options.\n\n");
        printf("Options:\n");
        cli_options_print(stdout, NULL);
        printf("\n");
        print_keys(stdout);
        printf("\n%s", status_text);
        return;
    }
    printf("Usage: rollout %s [OPTION]...%s%s\n", c->name, c->synopsis[0] ? " " : "", c->synopsis);
    indented(stdout, c->what, 0);
    printf("\n");
    printf("Options for %s:\n", c->name);
    cli_options_print(stdout, c->name);
    if (strcmp(c->name, "config") == 0) {
        printf("\n");
        print_settings(stdout);
    }
    if (strcmp(c->name, "play") == 0) {
        printf("\n");
        print_keys(stdout);
    }
    printf("\n%s", status_text);
}

int main(int argc, char **argv)
{
    struct args a;
    cli_options_defaults(&a);
    /* config takes its options before the key: what follows is the value. */
    int config = argc > 1 && strcmp(argv[1], "config") == 0;
    if (config)
        optind = 2;
    int at = cli_options_parse(argc, argv, &a, config);
    if (at < 0)
        return CLI_EXIT_USAGE;
    const char *cmd = config ? argv[1] : at < argc ? argv[at++] : NULL;
    char **rest = argv + at;
    int nrest = argc - at;
    const struct command *c = NULL;
    for (int i = 0; cmd && i < NCOMMANDS; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            c = &commands[i];
    /* --help and --version before anything else is checked, so that they
     * work whatever else the line holds. */
    for (int i = 0; i < a.ngiven; i++) {
        if (strcmp(a.given[i], "version") == 0) {
            printf("rollout %s\n", ROLLOUT_VERSION);
            return CLI_EXIT_OK;
        }
        if (strcmp(a.given[i], "help") == 0 && (c || !cmd)) {
            usage(c);
            return CLI_EXIT_OK;
        }
    }
    if (!cmd) {
        fprintf(stderr, "rollout: no command given. ");
        print_commands(stderr);
        fprintf(stderr, "rollout: 'rollout --help' tells more.\n");
        return CLI_EXIT_USAGE;
    }
    if (!c) {
        const char *names[NCOMMANDS];
        for (int i = 0; i < NCOMMANDS; i++)
            names[i] = commands[i].name;
        const char *near = suggest_nearest(cmd, names, NCOMMANDS);
        if (near)
            cli_usage_error("unknown command '%s'; did you mean '%s'?", cmd, near);
        else
            cli_usage_error("unknown command '%s'", cmd);
        return CLI_EXIT_USAGE;
    }
    if (cli_options_apply(&a, c->name) != 0)
        return CLI_EXIT_USAGE;
    if (nrest < c->min || nrest > c->max) {
        cli_usage_error("'%s' takes %s", cmd,
                        c->max == 0   ? "no routine"
                        : c->min == 0 ? "at most one routine"
                        : c->max == 1 ? "one name"
                                      : "one or more routines");
        return CLI_EXIT_USAGE;
    }
    /* rollout.conf, under what the command line said; config reads it itself. */
    if (c->run != cli_config) {
        int rc = cli_settings_load(&a, c->name);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    return c->run(rest, nrest, &a);
}
