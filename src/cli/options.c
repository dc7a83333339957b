/* SPDX-License-Identifier: MIT */
/* options.c — the option table, and the parsing, help and settings drawn
 * from it. A new option is one more row here: its flag, value, range,
 * default, words and commands; a new setting is a row with `settles`. */
#include "options.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compose.h"
#include "out_file.h"
#include "out_sdl.h"
#include "script.h"
#include "serve.h"
#include "suggest.h"
#include "view_sdl.h"

#define AT(field) offsetof(struct args, field)
#define DB(bus)   AT(gain_db) + (bus) * sizeof(float)
#define CHOICES(...)                                                                               \
    (const char *const[])                                                                          \
    {                                                                                              \
        __VA_ARGS__, NULL                                                                          \
    }

/* The start screen's last choice of areas: a list --areas takes, so that a
 * bad one stops every command at its line as any bad setting does. */
static int check_areas(const char *text, char *err, size_t errlen)
{
    unsigned char set[64];
    return compose_parse_areas(text, set, err, errlen) < 0 ? -1 : 0;
}

/* --loudness: 'off', or LUFS within the range out_file measures to. */
static int check_loudness(const char *text, char *err, size_t errlen)
{
    double lufs;
    return cli_loudness(text, &lufs, err, errlen) < 0 ? -1 : 0;
}

/* In --help's order. The volumes are for listening: render and shot write
 * at 0 dB unless told otherwise, so a file never depends on how loud
 * someone last played; their settings are play's alone. */
const struct cli_option cli_options[] = {
    {.v = {"rate", SETTINGS_INT, ENGINE_RATE_MIN, ENGINE_RATE_MAX, .offset = AT(rate)},
     .value = "HZ",
     .def = ENGINE_RATE_DEFAULT,
     .says_default = 1,
     .commands = "play render shot plan check cues",
     .settles = "play",
     .help = "output sample rate"},
    {.v = {"pace", SETTINGS_PACE, SCRIPT_PACE_MIN_MS / 1000.0, SCRIPT_PACE_MAX_MS / 1000.0,
           .offset = AT(pace_ms)},
     .value = "SECONDS",
     .commands = "play render shot plan check",
     .settles = "play render shot plan check",
     .help = "time between clicks, overriding the routine (e.g. 1.5)"},
    {.v = {"volume", SETTINGS_DB, ENGINE_GAIN_MIN_DB, ENGINE_GAIN_MAX_DB,
           .offset = DB(ENGINE_MASTER)},
     .value = "DB",
     .says_default = 1,
     .commands = "play render shot",
     .settles = "play",
     .help = "master volume in dB; in play, the keys and remotes\nchange it and it is remembered"},
    {.v = {"click-volume", SETTINGS_DB, ENGINE_GAIN_MIN_DB, ENGINE_GAIN_MAX_DB,
           .offset = DB(ENGINE_CLICK)},
     .value = "DB",
     .says_default = 1,
     .commands = "play render",
     .settles = "play",
     .help = "click volume in dB"},
    {.v = {"voice-volume", SETTINGS_DB, ENGINE_GAIN_MIN_DB, ENGINE_GAIN_MAX_DB,
           .offset = DB(ENGINE_VOICE)},
     .value = "DB",
     .says_default = 1,
     .commands = "play render",
     .settles = "play",
     .help = "voice volume in dB"},
    {.v = {"mute", SETTINGS_PICK, .choices = CHOICES("click", "voice"), .offset = AT(mute)},
     .commands = "play render shot",
     .help = "silence one of the two (for stems and analysis)"},
    {.v = {"music", SETTINGS_TEXT, .offset = AT(music)},
     .value = "PATH",
     .commands = "play render",
     .settles = "play",
     .help = "your own music under the session, ducked under speech:\nan audio file, a folder of "
             "them or an .m3u playlist"},
    {.v = {"music-volume", SETTINGS_DB, ENGINE_GAIN_MIN_DB, ENGINE_GAIN_MAX_DB,
           .offset = DB(ENGINE_MUSIC)},
     .value = "DB",
     .def = ENGINE_MUSIC_DB,
     .says_default = 1,
     .commands = "play render",
     .settles = "play",
     .help = "music volume in dB; its keys change it"},
    {.v = {"shuffle", SETTINGS_BOOL, .offset = AT(shuffle)},
     .commands = "play render",
     .settles = "play",
     .help = "play the --music folder or playlist in a random order"},
    {.v = {"start-at", SETTINGS_TEXT, .offset = AT(start_at)},
     .value = "STEP",
     .commands = "play render shot plan",
     .help = "begin at a step: its number, id or name"},
    {.v = {"device", SETTINGS_TEXT, .offset = AT(device)},
     .value = "NAME",
     .commands = "play",
     .settles = "play",
     .help = "play on this device (see 'rollout devices')"},
    {.v = {"buffer", SETTINGS_INT, OUT_SDL_BUFFER_MIN, OUT_SDL_BUFFER_MAX, .offset = AT(buffer)},
     .value = "FRAMES",
     .def = OUT_SDL_BUFFER_DEFAULT,
     .says_default = 1,
     .commands = "play",
     .settles = "play",
     .help = "audio device buffer"},
    {.v = {"headless", SETTINGS_BOOL, .offset = AT(headless)},
     .commands = "play",
     .settles = "play",
     .help = "play without a window (the default with no display)"},
    {.v = {"watch", SETTINGS_BOOL, .offset = AT(watch)},
     .commands = "play",
     .help = "reload the routine when it changes, carrying on\nfrom the same step"},
    {.v = {"verbose", SETTINGS_BOOL, .offset = AT(verbose)},
     .letter = 'v',
     .commands = "play",
     .help = "say how media keys and remotes reach rollout"},
    {.v = {"listen", SETTINGS_BOOL, .offset = AT(listen)},
     .commands = "play shot",
     .settles = "play",
     .help = "act on spoken commands: \"rollout pause\", \"rollout continue\",\n"
             "\"rollout next\", \"rollout back\", \"rollout hold\", \"rollout\n"
             "louder\", \"rollout quieter\", \"rollout stop\" (shot: the window\n"
             "as it looks listening)"},
    {.v = {"fast", SETTINGS_NUMBER, 1, TIMELINE_SPEED_MAX, .offset = AT(fast)},
     .value = "N",
     .def = 1,
     .commands = "play render shot plan",
     .help = "the routine's times N times shorter, speech as it is:\n"
             "hear a whole routine's flow quickly (1 to 20)"},
    {.v = {"voices", SETTINGS_TEXT, .offset = AT(voices)},
     .value = "DIR",
     .commands = "play render shot plan check cues record voice",
     .settles = "play render shot plan check cues record",
     .help = "look for cue recordings in DIR first (record: keep\ntakes there)"},
    {.v = {"intro", SETTINGS_CHOICE, .choices = CHOICES("auto", "full", "short", "none"),
           .offset = AT(intro)},
     .commands = "play render shot plan",
     .settles = "play render shot plan",
     .help =
         "how the session begins: the routine's whole\nintroduction, a short line with the ball "
         "to have\nready, or none (auto: the short one for --areas\nor --minutes and, in play, "
         "for a routine\nplayed before)"},
    {.v = {"areas", SETTINGS_TEXT, .offset = AT(areas)},
     .value = "LIST",
     .optional = 1,
     .commands = "play render shot plan cues list",
     .help = "only the steps for these body areas, e.g.\ncalves,hamstrings (list: which areas "
             "there are)"},
    {.v = {"minutes", SETTINGS_NUMBER, COMPOSE_MIN_MINUTES, COMPOSE_MAX_MINUTES,
           .offset = AT(minutes)},
     .value = "N",
     .commands = "play render shot plan cues",
     .help = "fit the session into N minutes (1 to 60): roll and\nhold times scale together"},
    {.v = {"script", SETTINGS_BOOL, .offset = AT(script)},
     .commands = "plan",
     .help = "print the session as routine text, to save and edit"},
    {.v = {"ask", SETTINGS_BOOL, .offset = AT(ask)},
     .commands = "play",
     .help = "ask which areas are sore before playing"},
    {.v = {"output", SETTINGS_TEXT, .offset = AT(output)},
     .letter = 'o',
     .value = "FILE",
     .commands = "render shot",
     .help = "the file to write"},
    {.v = {"at", SETTINGS_TEXT, .offset = AT(at)},
     .value = "TIME",
     .commands = "shot",
     .help = "the moment, e.g. 90, 1m30s or 1:30 (counted from\nthe --start-at step when given), "
             "or end: the end screen"},
    {.v = {"size", SETTINGS_SIZE, VIEW_SDL_MIN_WIDTH, VIEW_SDL_MAX_WIDTH, VIEW_SDL_MIN_HEIGHT,
           VIEW_SDL_MAX_HEIGHT, .offset = AT(size)},
     .value = "WxH",
     .def = VIEW_SDL_WIDTH,
     .def2 = VIEW_SDL_HEIGHT,
     .says_default = 1,
     .commands = "shot",
     .help = "the picture's size in pixels"},
    {.v = {"paused", SETTINGS_BOOL, .offset = AT(paused)},
     .commands = "shot",
     .help = "as it looks while paused"},
    {.v = {"help-screen", SETTINGS_BOOL, .offset = AT(help_screen)},
     .commands = "shot",
     .help = "the window's help (F1) over the session: the keys,\nand with --listen what to say"},
    {.v = {"start-screen", SETTINGS_BOOL, .offset = AT(start_screen)},
     .commands = "shot",
     .help = "the window's start screen instead, with the --areas\nand --minutes given marked"},
    {.v = {"no-playback", SETTINGS_BOOL, .offset = AT(no_playback)},
     .commands = "record",
     .help = "do not play each take back"},
    {.v = {"tts", SETTINGS_CHOICE, .choices = cli_tts_names, .offset = AT(tts)},
     .commands = "voice",
     .help = "the speech synthesiser (default: the first of them\ninstalled)"},
    {.v = {"voice", SETTINGS_TEXT, .offset = AT(tts_voice)},
     .value = "NAME",
     .commands = "voice",
     .help = "the synthesiser's voice (defaults: festival\ncmu_us_slt_arctic_hts, flite slt, "
             "espeak-ng en-us)"},
    {.v = {"force", SETTINGS_BOOL, .offset = AT(force)},
     .commands = "voice",
     .help = "replace a person's recording of a cue named"},
    {.v = {"draft", SETTINGS_BOOL, .offset = AT(draft)},
     .commands = "play render plan",
     .help = "play even with cues not recorded: each is a silent\nslot as long as its words "
             "would take"},
    {.v = {"bits", SETTINGS_INT, 16, 32, .choices = CHOICES("16", "24", "32"), .offset = AT(bits)},
     .def = 16,
     .says_default = 1,
     .commands = "render",
     .help = "sample size; 32 is float, WAV only"},
    {.v = {"channels", SETTINGS_INT, 1, 2, .choices = CHOICES("1", "2"), .offset = AT(channels)},
     .commands = "render",
     .help = "mono or stereo (default 2 for .wav and .flac,\n1 for .ogg, .opus and .mp3)"},
    {.v = {"loudness", SETTINGS_TEXT, .offset = AT(loudness), .check = check_loudness},
     .value = "LUFS",
     .commands = "render",
     .settles = "render",
     .help = "the file's integrated loudness, EBU R128, or 'off'\n(default -16 for .mp3, .opus and "
             ".ogg; off for .wav\nand .flac)"},
    {.v = {"bitrate", SETTINGS_INT, OUT_FILE_KBPS_MIN, OUT_FILE_KBPS_MAX, .offset = AT(kbps)},
     .value = "KBPS",
     .commands = "render",
     .settles = "render",
     .help = "the bitrate of .mp3, .opus and .ogg, in kb/s (default\n64 for MP3 and Vorbis, 32 for "
             "Opus, per channel)"},
    {.v = {"quiet", SETTINGS_BOOL, .offset = AT(quiet)},
     .commands = "render",
     .help = "no progress bar or closing line on a terminal"},
    {.v = {"chapters", SETTINGS_BOOL, .offset = AT(chapters)},
     .commands = "render",
     .help = "a chapter per step and side, with the tags, cover\nand words (the default for .mp3, "
             ".ogg, .opus, .flac)"},
    {.v = {"no-chapters", SETTINGS_BOOL, .offset = AT(chapters)},
     .set = -1,
     .commands = "render",
     .help = "the tags, cover and words without the chapters"},
    {.v = {"lyrics", SETTINGS_BOOL, .offset = AT(lyrics)},
     .commands = "render",
     .settles = "render",
     .help = "the words, timed, in an .lrc file beside the FILE"},
    {.v = {"resume", SETTINGS_BOOL, .offset = AT(resume)},
     .commands = "play",
     .help = "go on from where the last session was stopped"},
    {.v = {"tsv", SETTINGS_BOOL, .offset = AT(tsv)},
     .commands = "plan cues list",
     .help = "tab-separated output for tools"},
    {.v = {"format", SETTINGS_CHOICE, .choices = CHOICES("text", "json"), .offset = AT(format)},
     .commands = "check",
     .help = "messages for people, or one JSON document"},
    {.v = {"format", SETTINGS_CHOICE, .choices = CHOICES("text", "tsv", "json"),
           .offset = AT(format)},
     .commands = "history",
     .help = "for people, or for other tools"},
    {.v = {"missing", SETTINGS_BOOL, .offset = AT(missing)},
     .commands = "cues",
     .help = "only the cues with no recording"},
    {.v = {"port", SETTINGS_INT, SERVE_PORT_MIN, SERVE_PORT_MAX, .offset = AT(port)},
     .value = "N",
     .def = SERVE_PORT_DEFAULT,
     .says_default = 1,
     .commands = "serve",
     .help = "the port to listen on; 0 for any free one"},
    {.v = {"bind", SETTINGS_TEXT, .offset = AT(bind)},
     .value = "ADDR",
     .commands = "serve",
     .help = "listen on this address alone (default: every\ninterface; with --http, 127.0.0.1)"},
    {.v = {"http", SETTINGS_BOOL, .offset = AT(http)},
     .commands = "serve",
     .help = "plain HTTP, for a browser on this machine; a phone\nplays the page only over HTTPS"},
    {.v = {"help", SETTINGS_BOOL, .offset = AT(help)},
     .letter = 'h',
     .commands = "",
     .help = "show this help and exit"},
    {.v = {"version", SETTINGS_BOOL, .offset = AT(version)},
     .letter = 'V',
     .commands = "",
     .help = "show the version and exit"},
    /* Settings with no option: the window's start screen opens with the
     * last choice made there. */
    {.v = {"start-areas", SETTINGS_TEXT, .offset = AT(start_areas), .check = check_areas},
     .settles = "play",
     .file_only = 1,
     .help = "the areas last marked on the window's start screen"},
    {.v = {"start-minutes", SETTINGS_INT, 0, COMPOSE_MAX_MINUTES, .offset = AT(start_minutes)},
     .settles = "play",
     .file_only = 1,
     .help = "the minutes last chosen there; 0 as written"},
};
const int cli_noptions = (int)(sizeof cli_options / sizeof cli_options[0]);

int cli_loudness(const char *text, double *lufs, char *err, size_t errlen)
{
    if (strcmp(text, "off") == 0)
        return 0;
    char *end;
    double v = strtod(text, &end);
    while (*end == ' ')
        end++;
    if (strcasecmp(end, "LUFS") == 0)
        end += 4;
    if (end == text || *end || !isfinite(v) || v < OUT_FILE_LOUDNESS_MIN ||
        v > OUT_FILE_LOUDNESS_MAX) {
        snprintf(err, errlen, "'%s' is neither 'off' nor LUFS from %g to %g", text,
                 OUT_FILE_LOUDNESS_MIN, OUT_FILE_LOUDNESS_MAX);
        return -1;
    }
    *lufs = v;
    return 1;
}

int cli_listed(const char *list, const char *word)
{
    if (!list[0])
        return 1;
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
            return 1;
    return 0;
}

void cli_options_defaults(struct args *a)
{
    *a = (struct args){0};
    for (int i = 0; i < cli_noptions; i++) {
        const struct cli_option *o = &cli_options[i];
        char *at = (char *)a + o->v.offset;
        switch (o->v.kind) {
        case SETTINGS_DB: {
            float f = (float)o->def;
            memcpy(at, &f, sizeof f);
            break;
        }
        case SETTINGS_INT: {
            int v = (int)o->def;
            memcpy(at, &v, sizeof v);
            break;
        }
        case SETTINGS_NUMBER:
            memcpy(at, &o->def, sizeof o->def);
            break;
        case SETTINGS_SIZE: {
            int wh[2] = {(int)o->def, (int)o->def2};
            memcpy(at, wh, sizeof wh);
            break;
        }
        default: /* text, choices, flags, pace: none, or the routine's */
            break;
        }
    }
}

/* Whether o is --name for command: config takes every setting's option,
 * to show what it would do. */
static int entry_is(const struct cli_option *o, const char *name, const char *command)
{
    return !o->file_only && strcmp(o->v.name, name) == 0 &&
           (cli_listed(o->commands, command) || (strcmp(command, "config") == 0 && o->settles));
}

/* The entry for --name in command, or NULL. */
static const struct cli_option *entry(const char *name, const char *command)
{
    for (int i = 0; i < cli_noptions; i++)
        if (entry_is(&cli_options[i], name, command))
            return &cli_options[i];
    return NULL;
}

/* The first entry with this name, whatever its command: what getopt is
 * told of it. */
static const struct cli_option *named(const char *name)
{
    for (int i = 0; i < cli_noptions; i++)
        if (!cli_options[i].file_only && strcmp(cli_options[i].v.name, name) == 0)
            return &cli_options[i];
    return NULL;
}

/* A flag takes no value on the command line; in rollout.conf, yes or no. */
static int is_flag(const struct cli_option *o)
{
    return o->v.kind == SETTINGS_BOOL;
}

/* Whether some option is for the command called word. */
static int is_command(const char *word)
{
    for (int i = 0; i < cli_noptions; i++)
        if (cli_options[i].commands && cli_options[i].commands[0] &&
            cli_listed(cli_options[i].commands, word))
            return 1;
    return 0;
}

/* The command argv names: its first word that is neither an option nor an
 * option's value and names a command; NULL when there is none. */
static const char *command_of(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *w = argv[i];
        if (w[0] != '-' || !w[1]) {
            if (is_command(w))
                return w;
            continue;
        }
        const struct cli_option *o = NULL;
        if (w[1] == '-' && !strchr(w, '=')) {
            o = named(w + 2);
        } else if (w[1] != '-' && !w[2]) {
            for (int k = 0; k < cli_noptions && !o; k++)
                if (cli_options[k].letter == w[1])
                    o = &cli_options[k];
        }
        if (o && !is_flag(o) && !o->optional)
            i++; /* its value */
    }
    return NULL;
}

/* An option getopt did not know, said as rollout says things, with the
 * option it most likely meant: one the command takes, if one is near. */
static void unknown_option(const char *arg, int missing, const char *command)
{
    if (missing) {
        cli_usage_error("%s needs a value", arg);
        return;
    }
    char word[64];
    snprintf(word, sizeof word, "%s", arg + strspn(arg, "-"));
    word[strcspn(word, "=")] = 0;
    /* Nearest among the command's own options, else among them all. */
    const char *near = NULL;
    for (int pass = command ? 0 : 1; pass < 2 && !near && word[0] && arg[1] == '-'; pass++) {
        const char *names[sizeof cli_options / sizeof cli_options[0]];
        int n = 0;
        for (int i = 0; i < cli_noptions; i++)
            if (!cli_options[i].file_only && (pass || cli_listed(cli_options[i].commands, command)))
                names[n++] = cli_options[i].v.name;
        near = suggest_nearest(word, names, n);
    }
    if (near)
        cli_usage_error("unknown option '%s'; did you mean '--%s'?", arg, near);
    else
        cli_usage_error("unknown option '%s'", arg);
}

int cli_options_parse(int argc, char **argv, struct args *a, int plus)
{
    /* getopt's view of the table: each name once, and the letters. */
    struct option longs[sizeof cli_options / sizeof cli_options[0] + 1];
    char shorts[64] = "";
    int nl = 0;
    snprintf(shorts, sizeof shorts, "%s:", plus ? "+" : "");
    for (int i = 0; i < cli_noptions; i++) {
        const struct cli_option *o = &cli_options[i];
        if (o->file_only || named(o->v.name) != o)
            continue;
        int has = is_flag(o) ? no_argument : o->optional ? optional_argument : required_argument;
        longs[nl++] = (struct option){o->v.name, has, NULL, 256 + i};
        if (o->letter) {
            size_t n = strlen(shorts);
            snprintf(shorts + n, sizeof shorts - n, "%c%s", o->letter, is_flag(o) ? "" : ":");
        }
    }
    longs[nl] = (struct option){0};

    int c;
    opterr = 0; /* its messages start with the program's path: ours say rollout */
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const struct cli_option *o = NULL;
        if (c >= 256) {
            o = &cli_options[c - 256];
        } else {
            for (int i = 0; i < cli_noptions && !o; i++)
                if (cli_options[i].letter && cli_options[i].letter == c)
                    o = &cli_options[i];
        }
        if (!o) {
            char shortopt[3] = {'-', (char)optopt, 0};
            unknown_option(optopt && !(c == ':' && optopt > 255) ? shortopt : argv[optind - 1],
                           c == ':', command_of(argc, argv));
            return -1;
        }
        const char *value = optarg;
        /* "list --areas" alone lists them; elsewhere the list follows, as
         * "--areas calves" or "--areas=calves". */
        if (o->optional && !value && optind < argc && argv[optind][0] != '-')
            value = argv[optind++];
        if (a->ngiven == CLI_MAX_GIVEN) {
            cli_usage_error("more than %d options", CLI_MAX_GIVEN);
            return -1;
        }
        a->given[a->ngiven] = o->v.name;
        a->given_value[a->ngiven++] = value ? value : o->optional ? "" : NULL;
    }
    return optind;
}

int cli_options_apply(struct args *a, const char *command)
{
    for (int i = 0; i < a->ngiven; i++) {
        const struct cli_option *o = entry(a->given[i], command);
        if (!o) {
            cli_say("'%s' takes no --%s ('rollout %s --help' lists what it takes)", command,
                    a->given[i], command);
            return -1;
        }
        const char *value = a->given_value[i];
        char label[64], err[512];
        snprintf(label, sizeof label, "--%s", o->v.name);
        if (is_flag(o)) {
            int set = o->set ? o->set : 1;
            memcpy((char *)a + o->v.offset, &set, sizeof set);
        } else if (o->optional && value && !value[0]) {
            const char *none = "";
            memcpy((char *)a + o->v.offset, &none, sizeof none);
        } else if (settings_parse(&o->v, label, value, a, err, sizeof err) != 0) {
            cli_say("%s", err); /* it says what the option takes: its range, its choices */
            return -1;
        }
    }
    return 0;
}

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

/* "--rate HZ", "-o, --output FILE", "--mute click|voice"; the long flags
 * line up whether or not they have a letter. */
static void flag_text(const struct cli_option *o, char *buf, size_t len)
{
    size_t n;
    if (o->letter)
        n = (size_t)snprintf(buf, len, "-%c, --%s", o->letter, o->v.name);
    else
        n = (size_t)snprintf(buf, len, "    --%s", o->v.name);
    if (o->value) {
        snprintf(buf + n, len - n, " %s", o->value);
    } else if (o->v.choices) {
        for (int i = 0; o->v.choices[i] && n < len; i++)
            n += (size_t)snprintf(buf + n, len - n, "%c%s", i ? '|' : ' ', o->v.choices[i]);
    }
}

void cli_options_print(FILE *f, const char *command)
{
    for (int i = 0; i < cli_noptions; i++) {
        const struct cli_option *o = &cli_options[i];
        if (o->file_only || (command && !entry_is(o, o->v.name, command)))
            continue;
        char flag[96], help[512];
        flag_text(o, flag, sizeof flag);
        snprintf(help, sizeof help, "%s", o->help);
        if (o->says_default) {
            size_t n = strlen(help);
            if (o->v.kind == SETTINGS_SIZE)
                snprintf(help + n, sizeof help - n, " (default %gx%g)", o->def, o->def2);
            else
                snprintf(help + n, sizeof help - n, " (default %g)", o->def);
        }
        if (strlen(flag) > 25) /* a flag too long for its column: its words below */
            fprintf(f, "  %s\n%28s", flag, "");
        else
            fprintf(f, "  %-25s ", flag);
        indented(f, help, 28);
    }
}

int cli_settings(const struct cli_option **out, int max)
{
    int n = 0;
    for (int i = 0; i < cli_noptions && n < max; i++)
        if (cli_options[i].settles)
            out[n++] = &cli_options[i];
    return n;
}
