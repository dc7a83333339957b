/* cli_files.c — the commands that write a file: rollout render (the whole
 * session as audio) and rollout shot (the window at one moment, as a picture). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "show.h"
#include "out_file.h"
#include "view_sdl.h"
#include "view_term.h"

static int has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0;
}

int cli_shot(char **names, int n, const struct args *a)
{
    const char *name = n ? names[0] : "default";
    int64_t at_ms = 0;
    if (!a->output || !a->at) {
        cli_usage_error("%s", "shot needs a moment and a file: --at TIME -o FILE.png");
        return EXIT_USAGE;
    }
    if (!has_extension(a->output, ".png") && !has_extension(a->output, ".bmp")) {
        cli_usage_error("shot writes .png or .bmp files, not '%s'", a->output);
        return EXIT_USAGE;
    }
    if (cli_parse_time(a->at, &at_ms) != 0) {
        cli_usage_error("--at takes a time such as 90, 1m30s or 1:30, not '%s'", a->at);
        return EXIT_USAGE;
    }
    struct session s;
    if (cli_load(&s, name, a, SESSION_MISSING_ERROR) != 0) {
        session_free(&s);
        return EXIT_INVALID;
    }
    int64_t start = cli_start_frame(&s, a->start_at);
    if (start < 0) {
        fprintf(stderr, "rollout: no step '%s' in %s.\n", a->start_at, s.path);
        session_free(&s);
        return EXIT_USAGE;
    }
    int64_t now = start + timeline_ms_to_frames(at_ms, s.rate);
    if (now > s.tl.length) {
        char len[16];
        fprintf(stderr, "rollout: --at %s is past the end of the session (%s).\n", a->at,
                show_clock(len, sizeof len, s.tl.length, s.rate));
        session_free(&s);
        return EXIT_USAGE;
    }
    struct view_sdl_state st = {.tl = &s.tl, .cue_frames = s.cue_frames, .now = now,
                                .paused = a->paused, .volume_db = a->gain_db[ENGINE_MASTER],
                                .click_muted = a->mute[ENGINE_CLICK]};
    char err[512];
    int why = 0;
    int rc = EXIT_OK;
    if (view_sdl_shot(&st, a->width, a->height, a->output, &why, err, sizeof err) != 0) {
        fprintf(stderr, "rollout: %s.\n", cli_clause(err));
        rc = why == 2 ? EXIT_IO : EXIT_DEVICE;
    }
    session_free(&s);
    return rc;
}

int cli_render(char **names, int n, const struct args *a)
{
    const char *name = n ? names[0] : "default";
    if (!a->output) {
        cli_usage_error("%s", "render needs an output file: -o FILE");
        return EXIT_USAGE;
    }
    char err[512];
    struct out_file_opts fo = {.rate = a->rate, .bits = a->bits};
    if (out_file_check(a->output, &fo, err, sizeof err) != OUT_FILE_OK) {
        fprintf(stderr, "rollout: %s.\n", cli_clause(err));
        return EXIT_USAGE;
    }
    struct session s;
    struct engine *e;
    int rc = cli_prepare(&s, &e, name, a);
    if (rc != EXIT_OK)
        return rc;
    fo.title = s.routine->title;
    enum out_file_result r = out_file_render(e, a->output, &fo, err, sizeof err);
    if (r != OUT_FILE_OK)
        fprintf(stderr, "rollout: %s.\n", cli_clause(err));
    engine_free(e);
    session_free(&s);
    return r == OUT_FILE_OK ? EXIT_OK : r == OUT_FILE_FORMAT ? EXIT_USAGE : EXIT_IO;
}
