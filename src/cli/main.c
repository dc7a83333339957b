/* main.c — the rollout command: parses the options and hands the command
 * to its cli_*.c file. Nothing here decides anything about sound. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "suggest.h"
#include "view_sdl.h"

#define TEXT_OF(x) #x
#define TEXT(x)    TEXT_OF(x) /* a number's digits, for a string written at compile time */

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
};
#define NCOMMANDS ((int)(sizeof commands / sizeof commands[0]))

/* The options, and the commands each is for ("" for every one). */
static const struct option_help {
    const char *flag, *text, *cmds;
} option_help[] = {
    {"--rate HZ", "output sample rate (default 48000)", "play render shot plan check cues"},
    {"--pace SECONDS", "time between clicks, overriding the routine (e.g. 1.5)",
     "play render shot plan check"},
    {"--volume DB", "master volume in dB (default 0)", "play render shot"},
    {"--click-volume DB", "click volume in dB (default 0)", "play render"},
    {"--voice-volume DB", "voice volume in dB (default 0)", "play render"},
    {"--mute click|voice", "silence one of the two (for stems and analysis)", "play render shot"},
    {"--music PATH",
     "your own music under the session, ducked under speech:\nan audio file, a folder of them or "
     "an .m3u playlist",
     "play render"},
    {"--music-volume DB", "music volume in dB (default -12)", "play render"},
    {"--shuffle", "play the --music folder or playlist in a random order", "play render"},
    {"--start-at STEP", "begin at a step: its number, id or name", "play render shot plan"},
    {"--device NAME", "play on this device (see 'rollout devices')", "play"},
    {"--buffer FRAMES", "audio device buffer (default 4096)", "play"},
    {"--headless", "play without a window (the default with no display)", "play"},
    {"--watch", "reload the routine when it changes, carrying on\nfrom the same step", "play"},
    {"-v, --verbose", "say how media keys and remotes reach rollout", "play"},
    {"--listen",
     "act on spoken commands: \"rollout pause\", \"rollout continue\",\n"
     "\"rollout next\", \"rollout back\", \"rollout hold\", \"rollout\n"
     "louder\", \"rollout quieter\", \"rollout stop\" (shot: the window\n"
     "as it looks listening)",
     "play shot"},
    {"--fast N",
     "the routine's times N times shorter, speech as it is:\n"
     "hear a whole routine's flow quickly (1 to 20)",
     "play render shot plan"},
    {"--voices DIR", "look for cue recordings in DIR first (record: keep\ntakes there)",
     "play render shot plan check cues record voice"},
    {"--areas LIST",
     "only the steps for these body areas, e.g.\ncalves,hamstrings (list: which areas there are)",
     "play render shot plan cues list"},
    {"--minutes N", "fit the session into N minutes (1 to 60): roll and\nhold times scale together",
     "play render shot plan cues"},
    {"--script", "print the session as routine text, to save and edit", "plan"},
    {"--ask", "ask which areas are sore before playing", "play"},
    {"-o, --output FILE", "the file to write", "render shot"},
    {"--at TIME", "the moment, e.g. 90, 1m30s or 1:30 (from the\n--start-at step when given)",
     "shot"},
    {"--size WxH",
     "the picture's size in pixels (default " TEXT(VIEW_SDL_WIDTH) "x" TEXT(VIEW_SDL_HEIGHT) ")",
     "shot"},
    {"--paused", "as it looks while paused", "shot"},
    {"--help-screen",
     "the window's help (F1) over the session: the keys,\nand with --listen what to say", "shot"},
    {"--start-screen",
     "the window's start screen instead, with the --areas\nand --minutes given marked", "shot"},
    {"--no-playback", "do not play each take back", "record"},
    /* rollout voice and draft mode */
    {"--tts NAME",
     "the speech synthesiser: festival, flite or espeak-ng\n(default: the first of them installed)",
     "voice"},
    {"--voice NAME",
     "the synthesiser's voice (defaults: festival\ncmu_us_slt_arctic_hts, flite slt, espeak-ng "
     "en-us)",
     "voice"},
    {"--force", "replace a person's recording of a cue named", "voice"},
    {"--draft",
     "play even with cues not recorded: each is a silent\nslot as long as its words would take",
     "play render plan"},
    {"--bits 16|24|32", "sample size; 32 is float, WAV only (default 16)", "render"},
    {"--channels 1|2", "mono or stereo (default 2 for .wav and .flac,\n1 for .ogg, .opus and .mp3)",
     "render"},
    {"--quiet", "no progress bar or closing line on a terminal", "render"},
    {"--chapters",
     "a chapter per step and side, with the tags, cover\nand words (the default for .mp3, .ogg, "
     ".opus, .flac)",
     "render"},
    {"--no-chapters", "the tags, cover and words without the chapters", "render"},
    {"--lyrics", "the words, timed, in an .lrc file beside the FILE", "render"},
    {"--resume", "go on from where the last session was stopped", "play"},
    {"--tsv", "tab-separated output for tools", "plan cues list"},
    {"--format text|json", "messages for people, or one JSON document", "check"},
    {"--format text|tsv|json", "for people, or for other tools", "history"},
    {"--missing", "only the cues with no recording", "cues"},
    {"-h, --help", "show this help and exit", ""},
    {"-V, --version", "show the version and exit", ""},
};

/* Whether the word cmd is in the space-separated list. */
static int listed(const char *list, const char *cmd)
{
    size_t n = strlen(cmd);
    for (const char *p = list; (p = strstr(p, cmd)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
            return 1;
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

static void print_options(FILE *f, const char *cmd)
{
    fprintf(f, "Options%s%s:\n", cmd ? " for " : "", cmd ? cmd : "");
    for (size_t i = 0; i < sizeof option_help / sizeof option_help[0]; i++) {
        const struct option_help *o = &option_help[i];
        if (cmd && o->cmds[0] && !listed(o->cmds, cmd))
            continue;
        char flag[48];
        snprintf(flag, sizeof flag, "%s%s", o->flag[1] == '-' ? "    " : "", o->flag);
        fprintf(f, "  %-25s ", flag);
        indented(f, o->text, 28);
    }
}

static const char keys_text[] =
    "Keys while playing: space pause, n or right next step, p or left back to the\n"
    "start of the step (twice: the step before), s the other side of the step, h hold\n"
    "10 s longer, +/- or up/down volume, c click on/off, m music on/off, [ and ]\n"
    "music quieter and louder, q quit; r, when offered at the start, goes on from\n"
    "where this routine was stopped last time; in the window also f full screen, F1\n"
    "or ? the keys and what to say, and the media keys. Headset buttons and phone\n"
    "remotes reach rollout through the desktop's media player interface (MPRIS).\n";

static const char status_text[] =
    "Exit status: 0 success; 1 the routine or its cues are invalid, or nothing to\n"
    "resume; 2 usage error, or a bad line in rollout.conf; 3 a file could not be\n"
    "written; 4 the audio device or the window could not be opened; 5 check found\n"
    "warnings but no errors; 6 voice found no speech synthesiser. render or shot\n"
    "interrupted by a signal writes nothing and ends killed by it (a shell shows\n"
    "128 + its number: 130).\n";

static void usage(const struct command *c)
{
    if (!c) {
        printf("Usage: rollout COMMAND [OPTION]... [ROUTINE]...\n"
               "Guided roll-out sessions: voice cues and a pacing click, mixed live.\n\n");
        print_commands(stdout);
        printf("\nROUTINE is a path to a .roll file, the name of one of your routines or\n"
               "of a bundled one; 'default' when none is named.\n"
               "'rollout COMMAND --help' tells one command's options.\n\n");
        print_options(stdout, NULL);
        printf("\n%s\n%s", keys_text, status_text);
        return;
    }
    printf("Usage: rollout %s [OPTION]...%s%s\n", c->name, c->synopsis[0] ? " " : "", c->synopsis);
    indented(stdout, c->what, 0);
    printf("\n");
    print_options(stdout, c->name);
    if (strcmp(c->name, "play") == 0)
        printf("\n%s", keys_text);
    printf("\n%s", status_text);
}

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

enum {
    OPT_RATE = 256,
    OPT_PACE,
    OPT_VOLUME,
    OPT_CLICK_VOL,
    OPT_VOICE_VOL,
    OPT_MUTE,
    OPT_START_AT,
    OPT_DEVICE,
    OPT_BUFFER,
    OPT_HEADLESS,
    OPT_BITS,
    OPT_TSV,
    OPT_MISSING,
    OPT_VOICES,
    OPT_AT,
    OPT_SIZE,
    OPT_PAUSED,
    OPT_FORMAT,
    OPT_WATCH,
    OPT_FAST,
    OPT_NO_PLAYBACK,
    OPT_QUIET,
    OPT_CHANNELS,
    OPT_LISTEN,
    OPT_AREAS,
    OPT_MINUTES,
    OPT_SCRIPT,
    OPT_ASK,
    OPT_START_SCREEN,
    OPT_HELP_SCREEN,
    OPT_RESUME,
    OPT_MUSIC,
    OPT_MUSIC_VOL,
    OPT_SHUFFLE,
    OPT_TTS,
    OPT_TTS_VOICE,
    OPT_FORCE,
    OPT_DRAFT,
    OPT_CHAPTERS,
    OPT_NO_CHAPTERS,
    OPT_LYRICS
};

static const struct option long_opts[] = {
    {"rate", required_argument, 0, OPT_RATE},
    {"pace", required_argument, 0, OPT_PACE},
    {"volume", required_argument, 0, OPT_VOLUME},
    {"click-volume", required_argument, 0, OPT_CLICK_VOL},
    {"voice-volume", required_argument, 0, OPT_VOICE_VOL},
    {"mute", required_argument, 0, OPT_MUTE},
    {"start-at", required_argument, 0, OPT_START_AT},
    {"device", required_argument, 0, OPT_DEVICE},
    {"buffer", required_argument, 0, OPT_BUFFER},
    {"headless", no_argument, 0, OPT_HEADLESS},
    {"voices", required_argument, 0, OPT_VOICES},
    {"at", required_argument, 0, OPT_AT},
    {"size", required_argument, 0, OPT_SIZE},
    {"paused", no_argument, 0, OPT_PAUSED},
    {"no-playback", no_argument, 0, OPT_NO_PLAYBACK},
    {"output", required_argument, 0, 'o'},
    {"bits", required_argument, 0, OPT_BITS},
    {"channels", required_argument, 0, OPT_CHANNELS},
    {"quiet", no_argument, 0, OPT_QUIET},
    {"tsv", no_argument, 0, OPT_TSV},
    {"format", required_argument, 0, OPT_FORMAT},
    {"watch", no_argument, 0, OPT_WATCH},
    {"listen", no_argument, 0, OPT_LISTEN},
    {"resume", no_argument, 0, OPT_RESUME},
    {"verbose", no_argument, 0, 'v'},
    {"fast", required_argument, 0, OPT_FAST},
    {"areas", optional_argument, 0, OPT_AREAS},
    {"minutes", required_argument, 0, OPT_MINUTES},
    {"script", no_argument, 0, OPT_SCRIPT},
    {"ask", no_argument, 0, OPT_ASK},
    {"start-screen", no_argument, 0, OPT_START_SCREEN},
    {"help-screen", no_argument, 0, OPT_HELP_SCREEN},
    {"missing", no_argument, 0, OPT_MISSING},
    {"music", required_argument, 0, OPT_MUSIC},
    {"music-volume", required_argument, 0, OPT_MUSIC_VOL},
    {"shuffle", no_argument, 0, OPT_SHUFFLE},
    {"tts", required_argument, 0, OPT_TTS},
    {"voice", required_argument, 0, OPT_TTS_VOICE},
    {"force", no_argument, 0, OPT_FORCE},
    {"draft", no_argument, 0, OPT_DRAFT},
    {"chapters", no_argument, 0, OPT_CHAPTERS},
    {"no-chapters", no_argument, 0, OPT_NO_CHAPTERS},
    {"lyrics", no_argument, 0, OPT_LYRICS},
    {"help", no_argument, 0, 'h'},
    {"version", no_argument, 0, 'V'},
    {0, 0, 0, 0},
};

/* An option getopt did not know, said as rollout says things, with the
 * option it most likely meant. */
static void unknown_option(const char *arg, int missing)
{
    if (missing) {
        cli_usage_error("%s needs a value", arg);
        return;
    }
    char word[64];
    snprintf(word, sizeof word, "%s", arg + strspn(arg, "-"));
    word[strcspn(word, "=")] = 0;
    const char *names[sizeof long_opts / sizeof long_opts[0]];
    int n = 0;
    for (const struct option *o = long_opts; o->name; o++)
        names[n++] = o->name;
    const char *near = word[0] && arg[1] == '-' ? suggest_nearest(word, names, n) : NULL;
    if (near)
        cli_usage_error("unknown option '%s'; did you mean '--%s'?", arg, near);
    else
        cli_usage_error("unknown option '%s'", arg);
}

/* plus: stop at the first word that is not an option, as config does, so
 * that "rollout config volume -6" takes -6 as a value. */
static int parse_args(int argc, char **argv, struct args *a, int *help, int plus)
{
    double v;
    int c, which = -1;
    opterr = 0; /* its messages start with the program's path: ours say rollout */
    while ((c = getopt_long(argc, argv, plus ? "+:o:hVv" : ":o:hVv", long_opts, &which)) != -1) {
        /* Given here, an option wins over its setting in rollout.conf. */
        if (which >= 0 && a->ngiven < CLI_MAX_GIVEN)
            a->given[a->ngiven++] = long_opts[which].name;
        which = -1;
        switch (c) {
        case OPT_RATE:
            if (parse_number(optarg, 8000, 192000, &v) != 0 || v != floor(v)) {
                cli_usage_error("--rate takes a whole number of Hz from 8000 to 192000, not '%s'",
                                optarg);
                return -1;
            }
            a->rate = (int)v;
            break;
        case OPT_PACE:
            if (script_pace_parse(optarg, &a->pace_ms) != 0) {
                cli_usage_error("--pace takes seconds from %g to %g (e.g. 1 or 1.5s), not '%s'",
                                SCRIPT_PACE_MIN_MS / 1000.0, SCRIPT_PACE_MAX_MS / 1000.0, optarg);
                return -1;
            }
            break;
        case OPT_VOLUME:
        case OPT_CLICK_VOL:
        case OPT_VOICE_VOL:
            if (parse_number(optarg, -60, 12, &v) != 0) {
                cli_usage_error("volumes are in dB from -60 to 12, not '%s'", optarg);
                return -1;
            }
            a->gain_db[c == OPT_VOLUME      ? ENGINE_MASTER
                       : c == OPT_CLICK_VOL ? ENGINE_CLICK
                                            : ENGINE_VOICE] = (float)v;
            break;
        case OPT_MUSIC:
            a->music = optarg;
            break;
        case OPT_MUSIC_VOL:
            if (parse_number(optarg, -60, 12, &v) != 0) {
                cli_usage_error("volumes are in dB from -60 to 12, not '%s'", optarg);
                return -1;
            }
            a->gain_db[ENGINE_MUSIC] = (float)v;
            break;
        case OPT_CHAPTERS:
            a->chapters = 1;
            break;
        case OPT_NO_CHAPTERS:
            a->chapters = -1;
            break;
        case OPT_LYRICS:
            a->lyrics = 1;
            break;
        case OPT_SHUFFLE:
            a->shuffle = 1;
            break;
        case OPT_MUTE:
            if (strcmp(optarg, "click") == 0)
                a->mute[ENGINE_CLICK] = 1;
            else if (strcmp(optarg, "voice") == 0)
                a->mute[ENGINE_VOICE] = 1;
            else {
                cli_usage_error("--mute takes 'click' or 'voice', not '%s'", optarg);
                return -1;
            }
            break;
        case OPT_START_AT:
            a->start_at = optarg;
            break;
        case OPT_DEVICE:
            a->device = optarg;
            break;
        case OPT_BUFFER:
            if (parse_number(optarg, 64, 16384, &v) != 0 || v != floor(v)) {
                cli_usage_error(
                    "--buffer takes a whole number of frames from 64 to 16384, not '%s'", optarg);
                return -1;
            }
            a->buffer = (int)v;
            break;
        case OPT_HEADLESS:
            a->headless = 1;
            break;
        case OPT_AT:
            a->at = optarg;
            break;
        case OPT_SIZE: {
            int w, h, n = 0;
            if (sscanf(optarg, "%dx%d%n", &w, &h, &n) != 2 || optarg[n] || w < 320 || h < 200 ||
                w > 7680 || h > 4320) {
                cli_usage_error("--size takes WIDTHxHEIGHT from 320x200 to 7680x4320, not '%s'",
                                optarg);
                return -1;
            }
            a->width = w;
            a->height = h;
            break;
        }
        case OPT_PAUSED:
            a->paused = 1;
            break;
        case OPT_NO_PLAYBACK:
            a->no_playback = 1;
            break;
        case OPT_VOICES:
            a->voices = optarg;
            break;
        case 'o':
            a->output = optarg;
            break;
        case OPT_BITS:
            if (strcmp(optarg, "16") && strcmp(optarg, "24") && strcmp(optarg, "32")) {
                cli_usage_error("--bits takes 16, 24 or 32, not '%s'", optarg);
                return -1;
            }
            a->bits = atoi(optarg);
            break;
        case OPT_CHANNELS:
            if (strcmp(optarg, "1") && strcmp(optarg, "2")) {
                cli_usage_error("--channels takes 1 or 2, not '%s'", optarg);
                return -1;
            }
            a->channels = atoi(optarg);
            break;
        case OPT_QUIET:
            a->quiet = 1;
            break;
        case OPT_TSV:
            a->tsv = 1;
            break;
        case OPT_WATCH:
            a->watch = 1;
            break;
        case OPT_LISTEN:
            a->listen = 1;
            break;
        case OPT_RESUME:
            a->resume = 1;
            break;
        case 'v':
            a->verbose = 1;
            break;
        case OPT_FAST:
            if (parse_number(optarg, 1, 20, &v) != 0) {
                cli_usage_error("--fast takes a speed from 1 to 20, not '%s'", optarg);
                return -1;
            }
            a->fast = v;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0 &&
                strcmp(optarg, "tsv") != 0) {
                cli_usage_error("--format takes 'text', 'tsv' or 'json', not '%s'", optarg);
                return -1;
            }
            a->json = strcmp(optarg, "json") == 0;
            a->format = optarg;
            break;
        case OPT_MISSING:
            a->missing = 1;
            break;
        case OPT_AREAS:
            /* "list --areas" alone lists them; elsewhere the list follows,
             * as "--areas calves" or "--areas=calves". */
            if (!optarg && optind < argc && argv[optind][0] != '-')
                optarg = argv[optind++];
            a->areas = optarg ? optarg : "";
            break;
        case OPT_MINUTES:
            if (parse_number(optarg, 1, 60, &v) != 0) {
                cli_usage_error("--minutes takes a number from 1 to 60, not '%s'", optarg);
                return -1;
            }
            a->minutes = v;
            break;
        case OPT_SCRIPT:
            a->script = 1;
            break;
        case OPT_ASK:
            a->ask = 1;
            break;
        case OPT_START_SCREEN:
            a->start_screen = 1;
            break;
        case OPT_HELP_SCREEN:
            a->help_screen = 1;
            break;
        case OPT_TTS:
            a->tts = optarg;
            break;
        case OPT_TTS_VOICE:
            a->tts_voice = optarg;
            break;
        case OPT_FORCE:
            a->force = 1;
            break;
        case OPT_DRAFT:
            a->draft = 1;
            break;
        case 'h':
            *help = 1;
            break;
        case 'V':
            printf("rollout %s\n", ROLLOUT_VERSION);
            exit(CLI_EXIT_OK);
        case ':':
        case '?':
        default: {
            char shortopt[3] = {'-', (char)optopt, 0};
            unknown_option(optopt && !(c == ':' && optopt > 255) ? shortopt : argv[optind - 1],
                           c == ':');
            return -1;
        }
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* A 4096-frame buffer (85 ms): on a busy machine PulseAudio ran dry now and
     * then at 1024 and 2048, shifting every later click; never at 4096
     * (docs/benchmarks.md). The views subtract the latency, so only pause
     * and volume answer that much later. */
    struct args a = {.rate = 48000,
                     .buffer = 4096,
                     .bits = 16,
                     .width = VIEW_SDL_WIDTH,
                     .height = VIEW_SDL_HEIGHT,
                     .gain_db = {[ENGINE_MUSIC] = ENGINE_MUSIC_DB}};
    int help = 0;
    /* config takes its options before the key: what follows is the value. */
    int config = argc > 1 && strcmp(argv[1], "config") == 0;
    if (config)
        optind = 2;
    if (parse_args(argc, argv, &a, &help, config) != 0)
        return CLI_EXIT_USAGE;
    const char *cmd = config ? argv[1] : optind < argc ? argv[optind++] : NULL;
    char **rest = argv + optind;
    int nrest = argc - optind;
    const struct command *c = NULL;
    for (int i = 0; cmd && i < NCOMMANDS; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            c = &commands[i];
    if (help && (c || !cmd)) {
        usage(c);
        return CLI_EXIT_OK;
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
    if (nrest < c->min || nrest > c->max) {
        cli_usage_error("'%s' takes %s", cmd,
                        c->max == 0   ? "no routine"
                        : c->min == 0 ? "at most one routine"
                        : c->max == 1 ? "one name"
                                      : "one or more routines");
        return CLI_EXIT_USAGE;
    }
    a.named = nrest > 0;
    /* rollout.conf, under what the command line said; config reads it itself. */
    if (c->run != cli_config) {
        int rc = cli_settings_load(&a, c->name);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    return c->run(rest, nrest, &a);
}
