/* SPDX-License-Identifier: MIT */
/* options.h — every option of the rollout command and every setting of
 * rollout.conf, declared once, in one table (options.c): its flag, the kind
 * of value it takes and the range (the constants of the layer that
 * enforces it), its default, its words in --help, the commands that take
 * it and, for a setting, the commands rollout.conf gives it to. Parsing,
 * each command's --help, `rollout config` and its checks, and what the
 * completions offer (they read --help) all come from the table. */
#ifndef ROLLOUT_OPTIONS_H
#define ROLLOUT_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "settings.h"

struct cli_option {
    struct settings_key v; /* the name (--name, and the setting's key), the
                              value's kind and range, where it goes in struct args */
    char letter;           /* its one-letter form (-o), or 0 */
    const char *value;     /* the value's name in --help ("DB"), or NULL: its choices, or none */
    int set;               /* BOOL on the command line: what the flag stores (1 unless said) */
    double def, def2;      /* the default, for a number (SIZE: the width, and def2 the height) */
    int says_default;      /* --help says the default */
    int optional;          /* the value may be left out (list --areas) */
    const char *commands;  /* the commands that take it, by name; "" every one */
    const char *settles;   /* rollout.conf: the commands the setting is for; NULL: not one */
    int file_only;         /* a setting with no option (the start screen's last choice) */
    const char *help;      /* what it does, in --help; '\n' where a line breaks */
};

extern const struct cli_option cli_options[];
extern const int cli_noptions;

/* --loudness's value: 1 with the target in *lufs, 0 for "off", or -1
 * with one sentence in err. */
int cli_loudness(const char *text, double *lufs, char *err, size_t errlen);

/* Whether the word is in the space-separated list ("" lists every word). */
int cli_listed(const char *list, const char *word);

/* The defaults, into a. */
void cli_options_defaults(struct args *a);

/* Reads argv's options into a, for whichever command argv names: options
 * may come before or after it. With plus, stops at the first word that is
 * not an option (config: what follows the key is its value, "-6" too).
 * Returns the index of the first word that is not an option (the command,
 * then its routines), or -1 after saying what is wrong (a usage error). */
int cli_options_parse(int argc, char **argv, struct args *a, int plus);

/* Checks what was given against the command: an option it does not take is
 * a usage error (said; -1), as is a value the command's own entry for the
 * option does not take. Stores the values. 0 when all is well. */
int cli_options_apply(struct args *a, const char *command);

/* Each option of the command (NULL: all of them) with its words, as --help
 * lists them. */
void cli_options_print(FILE *f, const char *command);

/* The settings: every entry rollout.conf takes, in the table's order. */
int cli_settings(const struct cli_option **out, int max);

#endif
