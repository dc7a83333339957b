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

#ifndef ROLLOUT_VERSION
#define ROLLOUT_VERSION "0.1.0"
#endif

static const char usage_text[] =
    "Usage: rollout COMMAND [OPTION]... [ROUTINE]...\n"
    "Guided roll-out sessions: voice cues and a pacing click, mixed live.\n"
    "\n"
    "Commands:\n"
    "  play [ROUTINE]        play a session through the audio device\n"
    "                        (the default routine when none is named)\n"
    "  render ROUTINE -o FILE  write the session to FILE (.wav, .flac, .ogg, .opus, .mp3)\n"
    "  shot ROUTINE --at TIME -o FILE\n"
    "                        draw the window as it looks at TIME into FILE (.png, .bmp)\n"
    "  plan ROUTINE          print the session's timeline\n"
    "  check ROUTINE...      check routines without playing them\n"
    "  cues ROUTINE          list the cues a routine speaks and their recordings\n"
    "  record ROUTINE [CUE]...  record your voice for the cues with no recording\n"
    "                        (or the cues named) from the microphone\n"
    "  list                  list your routines and the bundled ones\n"
    "  new NAME              start a routine of your own from a commented template\n"
    "  devices               list the audio output devices\n"
    "\n"
    "ROUTINE is a path to a .roll file, the name of a bundled routine, or 'default'.\n"
    "\n"
    "Options:\n"
    "      --rate HZ            output sample rate (default 48000)\n"
    "      --pace SECONDS       time between clicks, overriding the routine (e.g. 1.5)\n"
    "      --volume DB          master volume in dB (default 0)\n"
    "      --click-volume DB    click volume in dB (default 0)\n"
    "      --voice-volume DB    voice volume in dB (default 0)\n"
    "      --mute click|voice   silence one of the two (for stems and analysis)\n"
    "      --start-at STEP      begin at a step: its number, id or name\n"
    "      --device NAME        play on this device (see 'rollout devices')\n"
    "      --buffer FRAMES      audio device buffer (default 4096)\n"
    "      --headless           play without a window (the default with no display)\n"
    "      --watch              play: reload the routine when it changes, carrying on\n"
    "                           from the same step\n"
    "  -v, --verbose            play: say how media keys and remotes reach rollout\n"
    "      --fast N             the routine's times N times shorter, speech as it is:\n"
    "                           hear a whole routine's flow quickly (1 to 20)\n"
    "      --voices DIR         look for cue recordings in DIR first (record: keep\n"
    "                           takes there)\n"
    "  -o, --output FILE        render, shot: the file to write\n"
    "      --at TIME            shot: the moment, e.g. 90, 1m30s or 1:30 (from the\n"
    "                           --start-at step when given)\n"
    "      --size WxH           shot: the picture's size in pixels (default 1280x720)\n"
    "      --paused             shot: as it looks while paused\n"
    "      --no-playback        record: do not play each take back\n"
    "      --bits 16|24|32      render: sample size; 32 is float, WAV only (default 16)\n"
    "      --channels 1|2       render: mono or stereo (default 2 for .wav and .flac,\n"
    "                           1 for .ogg, .opus and .mp3)\n"
    "      --quiet              render: no progress bar or closing line on a terminal\n"
    "      --tsv                plan, cues: tab-separated output for tools\n"
    "      --format text|json   check: messages for people, or one JSON document\n"
    "      --missing            cues: only the cues with no recording\n"
    "  -h, --help               show this help and exit\n"
    "  -V, --version            show the version and exit\n"
    "\n"
    "Keys while playing: space pause, n or right next step, p or left back to the\n"
    "start of the step (twice: the step before), h hold 10 s longer, +/- or up/down\n"
    "volume, c click on/off, q quit; in the window also f full screen, Esc quit,\n"
    "and the media keys. Headset buttons and phone remotes reach rollout through\n"
    "the desktop's media player interface (MPRIS).\n"
    "\n"
    "Exit status: 0 success; 1 the routine or its cues are invalid; 2 usage error;\n"
    "3 a file could not be written; 4 the audio device or the window could not be\n"
    "opened; 5 check found warnings but no errors. render interrupted by a signal\n"
    "writes nothing and ends killed by it (a shell shows 128 + its number: 130).\n";

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

/* "1.5", "1.5s" or "1500ms" to milliseconds. */
static int parse_pace(const char *s, int64_t *ms)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", s);
    size_t n = strlen(buf);
    double scale = 1000.0;
    if (n > 2 && strcmp(buf + n - 2, "ms") == 0) {
        buf[n - 2] = 0;
        scale = 1.0;
    } else if (n > 1 && buf[n - 1] == 's') {
        buf[n - 1] = 0;
    }
    double v;
    if (parse_number(buf, 0.0, 1e9, &v) != 0)
        return -1;
    double m = v * scale;
    if (m < 250.0 || m > 10000.0)
        return -1;
    *ms = (int64_t)llround(m);
    return 0;
}

enum { OPT_RATE = 256, OPT_PACE, OPT_VOLUME, OPT_CLICK_VOL, OPT_VOICE_VOL, OPT_MUTE,
       OPT_START_AT, OPT_DEVICE, OPT_BUFFER, OPT_HEADLESS, OPT_BITS, OPT_TSV, OPT_MISSING,
       OPT_VOICES, OPT_AT, OPT_SIZE, OPT_PAUSED, OPT_FORMAT, OPT_WATCH, OPT_FAST,
       OPT_NO_PLAYBACK, OPT_QUIET, OPT_CHANNELS };

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
    {"verbose", no_argument, 0, 'v'},
    {"fast", required_argument, 0, OPT_FAST},
    {"missing", no_argument, 0, OPT_MISSING},
    {"help", no_argument, 0, 'h'},
    {"version", no_argument, 0, 'V'},
    {0, 0, 0, 0},
};

static int parse_args(int argc, char **argv, struct args *a)
{
    double v;
    int c;
    while ((c = getopt_long(argc, argv, "o:hVv", long_opts, NULL)) != -1) {
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
            if (parse_pace(optarg, &a->pace_ms) != 0) {
                cli_usage_error("--pace takes seconds from 0.25 to 10 (e.g. 1 or 1.5s), not '%s'",
                            optarg);
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
            a->gain_db[c == OPT_VOLUME ? ENGINE_MASTER : c == OPT_CLICK_VOL ? ENGINE_CLICK
                                                                              : ENGINE_VOICE] =
                (float)v;
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
        case OPT_START_AT: a->start_at = optarg; break;
        case OPT_DEVICE: a->device = optarg; break;
        case OPT_BUFFER:
            if (parse_number(optarg, 64, 16384, &v) != 0 || v != floor(v)) {
                cli_usage_error("--buffer takes a whole number of frames from 64 to 16384, not '%s'",
                            optarg);
                return -1;
            }
            a->buffer = (int)v;
            break;
        case OPT_HEADLESS: a->headless = 1; break;
        case OPT_AT: a->at = optarg; break;
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
        case OPT_PAUSED: a->paused = 1; break;
        case OPT_NO_PLAYBACK: a->no_playback = 1; break;
        case OPT_VOICES: a->voices = optarg; break;
        case 'o': a->output = optarg; break;
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
        case OPT_QUIET: a->quiet = 1; break;
        case OPT_TSV: a->tsv = 1; break;
        case OPT_WATCH: a->watch = 1; break;
        case 'v': a->verbose = 1; break;
        case OPT_FAST:
            if (parse_number(optarg, 1, 20, &v) != 0) {
                cli_usage_error("--fast takes a speed from 1 to 20, not '%s'", optarg);
                return -1;
            }
            a->fast = v;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0) {
                cli_usage_error("--format takes 'text' or 'json', not '%s'", optarg);
                return -1;
            }
            a->json = strcmp(optarg, "json") == 0;
            break;
        case OPT_MISSING: a->missing = 1; break;
        case 'h': fputs(usage_text, stdout); exit(EXIT_OK);
        case 'V': printf("rollout %s\n", ROLLOUT_VERSION); exit(EXIT_OK);
        default:
            fprintf(stderr, "Try 'rollout --help' for more information.\n");
            return -1;
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
    struct args a = {.rate = 48000, .buffer = 4096, .bits = 16, .width = 1280, .height = 720};
    if (parse_args(argc, argv, &a) != 0)
        return EXIT_USAGE;
    if (optind >= argc) {
        cli_usage_error("%s",
                    "no command given: play, render, shot, plan, check, cues, list, new or devices");
        return EXIT_USAGE;
    }
    const char *cmd = argv[optind++];
    char **rest = argv + optind;
    int nrest = argc - optind;

    /* Each command and how many routines it takes. */
    static const struct {
        const char *name;
        int min, max;
        int (*run)(char **names, int n, const struct args *a);
    } commands[] = {
        {"play", 0, 1, cli_play},      {"render", 1, 1, cli_render},
        {"shot", 1, 1, cli_shot},      {"plan", 1, 1, cli_plan},
        {"check", 1, INT_MAX, cli_check}, {"cues", 1, 1, cli_cues},
        {"list", 0, 0, cli_list},      {"devices", 0, 0, cli_devices},
        {"record", 1, INT_MAX, cli_record},
        {"new", 1, 1, cli_new},
    };
    int c = 0, n = (int)(sizeof commands / sizeof commands[0]);
    while (c < n && strcmp(cmd, commands[c].name) != 0)
        c++;
    if (c == n) {
        cli_usage_error("unknown command '%s'", cmd);
        return EXIT_USAGE;
    }
    if (nrest < commands[c].min || nrest > commands[c].max) {
        cli_usage_error("'%s' takes %s", cmd,
                    commands[c].max == 0   ? "no routine"
                    : commands[c].min == 0 ? "at most one routine"
                    : commands[c].max == 1 ? "one routine"
                                           : "one or more routines");
        return EXIT_USAGE;
    }
    return commands[c].run(rest, nrest, &a);
}
