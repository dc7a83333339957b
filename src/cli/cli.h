/* SPDX-License-Identifier: MIT */
/* cli.h — what the rollout command's parts share: the parsed options, the
 * exit codes, and the steps every command takes (load a session, make an
 * engine). Each command lives in a cli_*.c file; main.c parses and
 * dispatches. */
#ifndef ROLLOUT_CLI_H
#define ROLLOUT_CLI_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "chapters.h"
#include "engine.h"
#include "out_file.h"
#include "request.h"
#include "session.h"
#include "tags.h"

/* Exit codes, as the README and --help document them. */
enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_INVALID = 1,  /* the routine or its cues are not valid */
    CLI_EXIT_USAGE = 2,    /* the command line is wrong */
    CLI_EXIT_IO = 3,       /* a file could not be written */
    CLI_EXIT_DEVICE = 4,   /* the audio device or the window could not be opened */
    CLI_EXIT_WARNINGS = 5, /* check: warnings, but no errors */
    CLI_EXIT_NO_TTS = 6,   /* voice: no speech synthesiser installed */
    CLI_EXIT_SERVE = 7,    /* serve: no page, no listening, or its certificate unusable */
};

/* Every option and setting, in one struct: the option table (options.c)
 * says where each goes. */
struct args {
    int rate;
    int64_t pace_ms;
    float gain_db[ENGINE_BUSES]; /* per bus; ENGINE_MUSIC is --music-volume */
    int mute[ENGINE_MUTABLE];
    const char *start_at;
    const char *device;
    int buffer;
    const char *output;
    int bits;
    int tsv;
    int missing;
    const char *voices;
    int headless;
    const char *at;          /* shot: the moment, from the start or --start-at */
    int size[2];             /* shot: the picture's width and height */
    int paused;              /* shot: as it looks paused */
    int no_playback;         /* record: do not play each take back */
    double fast;             /* play, render, plan, shot: --fast N, the routine N times faster */
    int watch;               /* play: reload the routine when its files change */
    int verbose;             /* play: say whether it is on the session bus */
    int listen;              /* play: act on spoken commands */
    int quiet;               /* render: no progress bar and no closing line */
    int channels;            /* render: 1 or 2; 0 for the format's default */
    const char *areas;       /* --areas: the list as typed; "" with no list (list --areas) */
    double minutes;          /* --minutes N: fit the session to N minutes; 0 as written */
    int script;              /* plan: print the session as routine text */
    int ask;                 /* play: ask on the terminal which areas are sore */
    int start_screen;        /* shot: the window's start screen */
    int help_screen;         /* shot: the window's help over the session */
    const char *start_areas; /* rollout.conf: the start screen's last choice, as --areas */
    int start_minutes;       /* ...and its minutes; 0 as written */
    int resume;              /* play: from where the last session was stopped */
    int start_side;          /* with start_at: that step's side (enum script_side); 0 its start */
    const char *format; /* --format: check's text or json, history's text, tsv or json; or NULL */
    int help, version;  /* --help, --version */
    const char *music;  /* play, render: --music PATH, the music bed */
    int shuffle;        /* ...a folder's files in a random order */
    /* rollout voice, and draft mode (issue 14) */
    const char *tts;       /* voice: --tts, the synthesiser; NULL for the best installed */
    const char *tts_voice; /* voice: --voice, the synthesiser's voice; NULL for its default */
    int force;             /* voice: may replace a person's recording named on the line */
    int draft;             /* play, render: missing cues are silent slots of their length */
    const char *intro;     /* --intro: "full", "short", "none"; NULL or "auto" as it suits */
    int chapters;          /* render: 1 --chapters, -1 --no-chapters, 0 where the format has them */
    int lyrics;            /* render: an .lrc file of the words beside the file */
    const char *loudness;  /* render: --loudness LUFS or "off"; NULL: the format's default */
    int kbps;              /* render: --bitrate, kb/s; 0 the format's default */
    int port;              /* serve: the port; 0 any free one */
    const char *bind;      /* serve: the address to listen on; NULL every interface */
    int http;              /* serve: plain HTTP, on this machine unless --bind */
    /* The options given on the command line, by their long names, and
     * their values (NULL for a flag): these win over rollout.conf. */
#define CLI_MAX_GIVEN 64
    const char *given[CLI_MAX_GIVEN];
    const char *given_value[CLI_MAX_GIVEN];
    int ngiven;
};

/* Each command takes the routines named after it and the options. */
int cli_play(char **names, int n, const struct args *a);
int cli_render(char **names, int n, const struct args *a);
int cli_shot(char **names, int n, const struct args *a);
int cli_plan(char **names, int n, const struct args *a);
int cli_check(char **names, int n, const struct args *a);
int cli_cues(char **names, int n, const struct args *a);
int cli_list(char **names, int n, const struct args *a);
int cli_devices(char **names, int n, const struct args *a);
/* record: names[0] is the routine, the rest cue ids. */
int cli_record(char **names, int n, const struct args *a);
/* voice: names[0] is the routine, the rest cue ids (cli_voice.c). */
int cli_voice(char **names, int n, const struct args *a);
/* The speech synthesisers voice knows, by name; NULL-terminated. */
extern const char *const cli_tts_names[];
/* What record and voice share (cli_record.c): loads the routine names[0]
 * into *s, picks the cues to make (those named after it, else those with
 * no recording; "Every cue ... has a recording" said when there are none,
 * verb naming what would be done again) and finds the folder they go to.
 * CLI_EXIT_OK with *npick > 0: *s loaded and *pick to free. Otherwise an
 * exit code, or CLI_EXIT_OK with *npick 0, and nothing left to free. */
int cli_record_begin(struct session *s, char **names, int n, const struct args *a, const char *verb,
                     int **pick, int *npick, char *dir, size_t len);
int cli_new(char **names, int n, const struct args *a);
/* config: no names shows the settings; KEY shows one; KEY VALUE sets it. */
int cli_config(char **names, int n, const struct args *a);
int cli_history(char **names, int n, const struct args *a);
/* serve: the page and a person's routines to the phones nearby (cli_serve.c). */
int cli_serve(char **names, int n, const struct args *a);

/* Reads rollout.conf and puts each setting the command takes into a, unless
 * the command line gave it. A bad line is told at its line: CLI_EXIT_USAGE. */
int cli_settings_load(struct args *a, const char *command);

/* Writes one setting to rollout.conf (the volume a person chose with the
 * keys, say); a failure is told as a warning. 0 or -1. */
int cli_settings_remember(const char *key, const char *value);

/* SIGINT, SIGTERM and SIGHUP only set cli_signal (to the signal's number);
 * the command's loop notices and ends cleanly. No SA_RESTART, so a read
 * waiting for input returns. */
extern volatile sig_atomic_t cli_signal;
void cli_catch_signals(void);

/* Ends a command that a signal interrupted the way a shell expects: killed
 * by that signal, after the command has cleaned up (status 128 + its
 * number, 130 for Ctrl-C). Returns that status should the signal not end
 * the process. */
int cli_die_of_signal(void);

/* Milliseconds on a clock that only goes forward. */
uint64_t cli_now_ms(void);

/* "rollout: MESSAGE." on stderr, its control characters made visible
 * (visible.h): for every message that quotes outside text. */
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line (a newline in fmt breaks it where it stands) on f, what it
 * quotes made visible as cli_say's is; the newline at its end added. */
void cli_put(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* cli_say, then a pointer to --help: a usage error. */
void cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The request a command line makes (request.h): the routine named, or
 * NULL; the areas, minutes and step asked for; and what a cue with no
 * recording is. */
void cli_request(struct request *q, const struct args *a, const char *name,
                 enum session_missing missing);

/* Loads what q asks for into s, saying every diagnostic and what cannot
 * be; *start the frame to begin at. CLI_EXIT_OK, or the exit code (s is
 * then freed). */
int cli_load(struct session *s, const struct request *q, int64_t *start);

/* cli_sore.c: `list --areas`; the --ask prompt, which returns the list
 * typed (static storage) or NULL; and the line that announces a composed
 * session and its fitting, on stderr. */
int cli_list_areas(void);
const char *cli_ask_areas(void);
void cli_announce(const struct session *s);

/* The window's start screen (cli_sore.c). cli_start_screen shows it before
 * play's sound opens, and when a choice is made remakes *s, *e and the
 * control for it, and *q is its request (nothing marked: the default
 * routine, as loaded); an exit code, CLI_EXIT_OK with c->quit set when the
 * person quit there. cli_again, in play's loop, takes up a choice made
 * after Again: the new session in *s and its request in *q, the old one in
 * *old until the engine lets go of it. cli_again_forget frees a session
 * still waiting, at the end. cli_covered_areas: the areas some routine has
 * a step for. */
struct view_sdl;
struct control;
int cli_start_screen(struct view_sdl *win, struct control *c, struct session *s, struct engine **e,
                     struct request *q, const struct args *a);
void cli_again(struct view_sdl *win, struct control *c, struct session **s, struct session **old,
               struct request *q);
void cli_again_forget(void);
void cli_covered_areas(unsigned char set[]);
/* shot --start-screen: the start screen with --areas and --minutes marked. */
int cli_shot_start(const struct args *a);

/* cli_music.c: the music bed for a session at rate: --music, else the
 * routine's music line (routine_music, or NULL), else the setting; NULL
 * with none, or with one sentence said (the session plays on without it).
 * Live, its decoder thread runs; for render, out_file fills it. Skipped
 * files are said one line each. */
struct music *cli_music_open(const struct args *a, const char *routine_music, int rate, int live);
/* A line the live decoder thread left to be said (without "rollout: "):
 * 1 with it in line, or 0 when none is waiting. */
int cli_music_take(char *line, size_t len);
/* From now on the files skipped are not said: render opens the same music
 * once for each of its passes, and says what it skips once. */
void cli_music_hush(void);
/* Frees the bed (after the engine that reads it) and says how many more
 * files were skipped than were named one by one. */
void cli_music_close(struct music *m);

/* An engine for s as the options ask (volumes, mutes), at frame start;
 * NULL when out of memory. Each made alike renders the same samples. */
struct engine *cli_engine(const struct session *s, const struct args *a, int64_t start);

/* cli_load, then an engine at the frame to begin at; an exit code. */
int cli_prepare(struct session *s, struct engine **e, const struct request *q,
                const struct args *a);

/* A time on the command line (duration.h: "90", "1m30s", "1:30") to
 * milliseconds. 0, or -1. */
int cli_parse_time(const char *s, int64_t *ms);

/* cli_tags.c: what render's file carries besides its sound. cli_tags_check
 * refuses --chapters for a format without them (CLI_EXIT_USAGE); prepare works
 * out the chapters, words and cover of the session from frame `from` and
 * has out_file write them into the file (fo->finish); cli_tags_lrc writes
 * the .lrc beside the file, with --lyrics. Each returns an exit code. */
/* The genre render's files are filed under: what a session is, in the
 * word players group such files by. No player plays a file differently
 * for it, as some do for "Podcast". */
#define CLI_TAGS_GENRE "Fitness"

struct cli_tags {
    enum tags_kind kind;
    struct tags t;
    struct chapters ch;
    unsigned char *cover;
    char year[16];
    const char *path; /* the file as named */
    int lyrics;
};
int cli_tags_check(const struct args *a);
int cli_tags_prepare(struct cli_tags *ct, const struct args *a, const struct session *s,
                     int64_t from, struct out_file_opts *fo);
int cli_tags_lrc(const struct cli_tags *ct, const struct session *s);
/* ", 10 chapters, the words in s.lrc": what render's closing line adds. */
const char *cli_tags_summary(const struct cli_tags *ct, char *buf, size_t len);
void cli_tags_free(struct cli_tags *ct);

/* A folder of the command's own for temporary files: NAME.XXXXXX in
 * $TMPDIR, else in /tmp, its path in dir. 0, or -1 with errno set. */
int cli_temp_dir(char *dir, size_t len, const char *name);

/* Strips the full stops an outside message (SDL's, libsndfile's) may end
 * with, so that ours can end the sentence: never "device.." */
char *cli_clause(char *msg);

/* Prints text fit for one TSV field: tabs and newlines become spaces. */
void cli_print_field(const char *s);

#endif
