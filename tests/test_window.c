/* SPDX-License-Identifier: MIT */
/* test_window.c — the session window, without a display.
 *
 * Shots: pictures drawn at known moments of a routine that rolls every body
 * area in turn, read back pixel by pixel: the step's area (and only it) lit
 * in the accent colour on the side being worked, the progress bar filled to
 * the right fraction, the pulse lit on a click, PAUSED across the middle.
 *
 * The start screen: presses at the pixels the body map's own geometry
 * gives for an area mark it, and Start hands over exactly those areas,
 * which make a session of exactly those steps; keys do the same.
 *
 * A scripted session: the real window (SDL's dummy video driver) over a
 * real engine, driven by synthetic key and mouse events, the engine pulled
 * by hand; after each event, the engine must have done what was asked. */
#include <SDL.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "area.h"
#include "check.h"
#include "support.h"
#include "compose.h"
#include "control.h"
#include "engine.h"
#include "history.h"
#include "report.h"
#include "script.h"
#include "timeline.h"
#include "view_sdl.h"

#define RATE 48000
#define W    1280
#define H    720

/* Areas on the midline are rolled once, with no side. */
static int midline(int area)
{
    const char *k = area_keys[area];
    return strcmp(k, "lower-back") == 0 || strcmp(k, "upper-back") == 0 || strcmp(k, "chest") == 0;
}

/* A routine with one step per area, both sides (or none on the midline),
 * each side a 20 s roll and a 10 s hold; every cue lasts one second
 * (silent in the engine). */
static int fixture_make(struct test_fixture *f)
{
    char text[8192];
    int n = snprintf(text, sizeof text, "routine \"Every area\"\nball tennis\npace 1s\n");
    for (int a = 0; a < area_count; a++)
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "step s%d \"%s\" area=%s sides=%s\n  roll 20s\n  hold 10s\n", a,
                      area_label(a), area_keys[a], midline(a) ? "none" : "both");
    return test_fixture_make(f, "areas.roll", text, &(struct timeline_opts){.rate = RATE});
}

/* The first phase of this kind on this side of a step. */
static const struct tl_phase *phase_of(const struct timeline *tl, int step, enum script_side side,
                                       enum tl_phase_kind kind)
{
    for (int i = 0; i < tl->nph; i++)
        if (tl->ph[i].step == step && tl->ph[i].side == side && tl->ph[i].kind == kind)
            return &tl->ph[i];
    return NULL;
}

static char shot_path[4096];

/* Draws the state through view_sdl_shot to a BMP and reads it back. */
static SDL_Surface *shoot(const struct show_input *s, int w, int h)
{
    char err[512];
    if (view_sdl_shot(s, w, h, shot_path, NULL, err, sizeof err) != VIEW_SDL_SHOT_OK) {
        fprintf(stderr, "shot failed: %s\n", err);
        return NULL;
    }
    SDL_Surface *raw = SDL_LoadBMP(shot_path);
    unlink(shot_path);
    if (!raw)
        return NULL;
    SDL_Surface *img = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB888, 0);
    SDL_FreeSurface(raw);
    return img;
}

static uint32_t pixel(const SDL_Surface *s, int x, int y)
{
    const uint32_t *row = (const uint32_t *)(const void *)((const Uint8 *)s->pixels + y * s->pitch);
    return row[x] & 0xFFFFFFu;
}

static void test_areas(const struct test_fixture *f)
{
    struct show_input s = {.tl = &f->tl, .cue_frames = f->cue_frames};
    for (int a = 0; a < area_count; a++) {
        int sides[2] = {SCRIPT_SIDE_LEFT, SCRIPT_SIDE_RIGHT}, nsides = 2;
        if (midline(a)) {
            sides[0] = SCRIPT_SIDE_NONE;
            nsides = 1;
        }
        for (int i = 0; i < nsides; i++) {
            enum script_side side = (enum script_side)sides[i];
            const struct tl_phase *p = phase_of(&f->tl, a, side, TLP_ROLL);
            CHECK(p != NULL);
            if (!p)
                continue;
            s.now = p->start + 10 * RATE + RATE / 2; /* mid-roll, between clicks */
            SDL_Surface *img = shoot(&s, W, H);
            CHECK(img != NULL);
            if (!img)
                continue;
            for (int sd = SCRIPT_SIDE_LEFT; sd <= SCRIPT_SIDE_RIGHT; sd++) {
                int x, y;
                CHECK_INT(view_sdl_area_pixel(W, H, a, (enum script_side)sd, &x, &y), 0);
                uint32_t c = pixel(img, x, y);
                if (side == SCRIPT_SIDE_NONE || sd == (int)side) {
                    /* The side being worked, in the accent. */
                    if (c != VIEW_SDL_ACCENT)
                        fprintf(stderr, "%s, %s: (%d, %d) is %06x, not the accent\n", area_keys[a],
                                script_side_name((enum script_side)sd), x, y, c);
                    CHECK(c == VIEW_SDL_ACCENT);
                } else {
                    /* The other side shows the area, dimmer. */
                    CHECK(c != VIEW_SDL_ACCENT);
                    CHECK(c != VIEW_SDL_FIGURE);
                }
            }
            /* No other area is lit, on either side. */
            for (int b = 0; b < area_count; b++) {
                if (b == a)
                    continue;
                for (int sb = SCRIPT_SIDE_LEFT; sb <= SCRIPT_SIDE_RIGHT; sb++) {
                    int x, y;
                    view_sdl_area_pixel(W, H, b, (enum script_side)sb, &x, &y);
                    if (pixel(img, x, y) != VIEW_SDL_FIGURE)
                        fprintf(stderr, "at %s, %s is %06x\n", area_keys[a], area_keys[b],
                                pixel(img, x, y));
                    CHECK(pixel(img, x, y) == VIEW_SDL_FIGURE);
                }
            }
            SDL_FreeSurface(img);
        }
    }
}

/* Which way from the figure's middle the accent lies in the row of side
 * letters under it: -1 left, 1 right, 0 when nothing there is lit. */
static int lit_letter(const SDL_Surface *img, enum bodymap_view v)
{
    int row[4], middle;
    view_sdl_side_row(W, H, v, row, &middle);
    long sum = 0, n = 0;
    for (int y = row[1]; y < row[1] + row[3] && y < H; y++)
        for (int x = row[0] < 0 ? 0 : row[0]; x < row[0] + row[2] && x < W; x++)
            if (pixel(img, x, y) == VIEW_SDL_ACCENT)
                sum += x, n++;
    if (n == 0)
        return 0;
    return sum / n < middle ? -1 : 1;
}

/* The letter lit under each figure is under the leg that is lit: on the
 * same side of the figure as the lit area in the view that shows it, and
 * mirrored in the other view, which sees the body from the other side.
 * Nothing is lit there for an area on the midline. */
static void test_side_letters(const struct test_fixture *f)
{
    struct show_input s = {.tl = &f->tl, .cue_frames = f->cue_frames};
    for (int a = 0; a < area_count; a++) {
        enum script_side sides[2] = {SCRIPT_SIDE_LEFT, SCRIPT_SIDE_RIGHT};
        for (int i = 0; i < (midline(a) ? 1 : 2); i++) {
            enum script_side side = midline(a) ? SCRIPT_SIDE_NONE : sides[i];
            const struct tl_phase *p = phase_of(&f->tl, a, side, TLP_ROLL);
            CHECK(p != NULL);
            if (!p)
                continue;
            s.now = p->start + 10 * RATE + RATE / 2;
            SDL_Surface *img = shoot(&s, W, H);
            CHECK(img != NULL);
            if (!img)
                continue;
            int front = lit_letter(img, BODYMAP_FRONT), back = lit_letter(img, BODYMAP_BACK);
            if (side == SCRIPT_SIDE_NONE) {
                CHECK_INT(front, 0);
                CHECK_INT(back, 0);
            } else {
                enum bodymap_view v;
                float fx, fy;
                CHECK_INT(bodymap_area_point(a, side, &v, &fx, &fy), 0);
                int x, y, row[4], middle;
                view_sdl_area_pixel(W, H, a, side, &x, &y);
                view_sdl_side_row(W, H, v, row, &middle);
                int leg = x < middle ? -1 : 1;
                if ((v == BODYMAP_FRONT ? front : back) != leg)
                    fprintf(stderr, "%s, %s: the lit leg is on the %s, its letter is not\n",
                            area_keys[a], script_side_name(side), leg < 0 ? "left" : "right");
                CHECK_INT(v == BODYMAP_FRONT ? front : back, leg);
                CHECK_INT(front, -back);
            }
            SDL_FreeSurface(img);
        }
    }
}

/* Where the fill ends along the middle of the progress bar: just before
 * the first pixel of bare track (the notches between steps cut across both
 * fill and track in the background colour). */
static int bar_fill_end(const SDL_Surface *img, const int bar[4])
{
    int y = bar[1] + bar[3] / 2;
    for (int x = bar[0]; x < bar[0] + bar[2]; x++)
        if (pixel(img, x, y) == VIEW_SDL_TRACK)
            return x - 1;
    return bar[0] + bar[2] - 1;
}

static void test_progress(const struct test_fixture *f)
{
    struct show_input s = {.tl = &f->tl, .cue_frames = f->cue_frames};
    static const double fractions[] = {0.1, 0.37, 0.5, 0.81};
    static const int sizes[][2] = {{W, H}, {800, 1000}};
    for (int z = 0; z < 2; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        int bar[4];
        view_sdl_progress_rect(w, h, bar);
        for (size_t i = 0; i < sizeof fractions / sizeof fractions[0]; i++) {
            s.now = (int64_t)(fractions[i] * (double)f->tl.length);
            SDL_Surface *img = shoot(&s, w, h);
            CHECK(img != NULL);
            if (!img)
                continue;
            int want = bar[0] + (int)(fractions[i] * bar[2]);
            int got = bar_fill_end(img, bar);
            if (abs(got - want) > 2)
                fprintf(stderr, "%dx%d at %.2f: bar filled to x %d, expected %d\n", w, h,
                        fractions[i], got, want);
            CHECK(abs(got - want) <= 2);
            /* Past the fill: the track. */
            CHECK(pixel(img, want + 6, bar[1] + bar[3] / 2) == VIEW_SDL_TRACK ||
                  pixel(img, want + 6, bar[1] + bar[3] / 2) == VIEW_SDL_BACKGROUND);
            SDL_FreeSurface(img);
        }
    }
}

static void test_pulse_and_pause(const struct test_fixture *f)
{
    struct show_input s = {.tl = &f->tl, .cue_frames = f->cue_frames};
    const struct tl_phase *roll = phase_of(&f->tl, 1, SCRIPT_SIDE_LEFT, TLP_ROLL);
    const struct tl_phase *hold = phase_of(&f->tl, 1, SCRIPT_SIDE_LEFT, TLP_HOLD);
    int px, py, bx, by;
    view_sdl_pulse_pixel(W, H, &px, &py);
    view_sdl_paused_pixel(W, H, &bx, &by);

    /* On the click itself the pulse is lit; half a second on it has faded. */
    s.now = roll->start + 5 * roll->pace;
    SDL_Surface *img = shoot(&s, W, H);
    CHECK(img && pixel(img, px, py) == VIEW_SDL_ACCENT);
    CHECK(img && pixel(img, bx, by) != 0x000000);
    SDL_FreeSurface(img);
    s.now = roll->start + 5 * roll->pace + RATE / 2;
    img = shoot(&s, W, H);
    CHECK(img && pixel(img, px, py) == VIEW_SDL_TRACK);
    SDL_FreeSurface(img);
    /* Holding: no clicks, the pulse is an empty ring. */
    s.now = hold->start + RATE / 10;
    img = shoot(&s, W, H);
    CHECK(img && pixel(img, px, py) == VIEW_SDL_BACKGROUND);
    SDL_FreeSurface(img);

    /* Paused: the banner across the middle, and the pulse dark. */
    s.now = roll->start + 5 * roll->pace;
    s.paused = 1;
    img = shoot(&s, W, H);
    CHECK(img && pixel(img, bx, by) == 0x000000);
    CHECK(img && pixel(img, px, py) != VIEW_SDL_ACCENT);
    SDL_FreeSurface(img);
}

/* PAUSED covers neither the muscle, the side nor the countdown, landscape
 * or portrait; and what it does cover, it covers whole. */
static void test_banner_place(const struct test_fixture *f)
{
    static const int sizes[][2] = {{W, H}, {720, 1080}, {800, 1000}, {1920, 1080}};
    for (int z = 0; z < 4; z++) {
        int w = sizes[z][0], h = sizes[z][1], b[4], r[4];
        view_sdl_banner_rect(w, h, b);
        view_sdl_rows_rect(w, h, r);
        if (b[1] < r[1] + r[3])
            fprintf(stderr, "%dx%d: the banner (y %d) covers the rows above it (to y %d)\n", w, h,
                    b[1], r[1] + r[3]);
        CHECK(b[1] >= r[1] + r[3]);
    }
    struct show_input s = {.tl = &f->tl, .cue_frames = f->cue_frames, .paused = 1};
    s.now = phase_of(&f->tl, 1, SCRIPT_SIDE_LEFT, TLP_ROLL)->start + RATE / 2;
    int b[4];
    view_sdl_banner_rect(W, H, b);
    SDL_Surface *img = shoot(&s, W, H);
    CHECK(img && pixel(img, b[0] + 2, b[1] + b[3] / 2) == 0x000000);
    SDL_FreeSurface(img);
}

static int has_words(const SDL_Surface *img, int x0, int y0, int w, int h);

/* Over, the end screen: Again (lit, the default) and Done where the
 * buttons were, and no button that means nothing then; every area rolled
 * lit on its sides, and the steps and the week in words. A moment before,
 * every button. */
static void test_end_screen(const struct test_fixture *f)
{
    struct history_run run = {0};
    history_track(&run, &f->tl, &(struct engine_status){.pos = f->tl.length, .run_from = 0});
    struct report rp;
    report_make(&rp, &run, &f->tl, NULL, 0, 0, 1764500000);
    history_run_free(&run);
    for (int end = 0; end < 2; end++) {
        struct show_input s = {.tl = &f->tl,
                               .cue_frames = f->cue_frames,
                               .now = f->tl.length - (end ? 0 : 1),
                               .report = &rp};
        SDL_Surface *img = shoot(&s, W, H);
        CHECK(img != NULL);
        if (!img)
            return;
        int x, y;
        for (int a = 0; a < ACTION_BUTTONS; a += ACTION_BUTTONS - 1) {
            view_sdl_button_pixel(W, H, (enum action_button)a, &x, &y);
            /* A button's face is not the ground; an empty place is. */
            CHECK_INT(pixel(img, x - 20, y - 28) != VIEW_SDL_BACKGROUND, !end);
        }
        view_sdl_end_pixel(W, H, 0, &x, &y);
        CHECK_INT(pixel(img, x - 60, y - 28) == VIEW_SDL_ACCENT, end);
        view_sdl_end_pixel(W, H, 1, &x, &y);
        if (end) /* before, the buttons under it are of the same grey */
            CHECK_INT(pixel(img, x - 60, y - 28), 0x222B33);
        for (int a = 0; a < area_count; a++)
            for (int sd = SCRIPT_SIDE_LEFT; sd <= SCRIPT_SIDE_RIGHT; sd++) {
                view_sdl_area_pixel(W, H, a, (enum script_side)sd, &x, &y);
                int lit = (rp.lit[a] & (1 << sd | 1 << SCRIPT_SIDE_NONE)) != 0;
                CHECK_INT(pixel(img, x, y) == VIEW_SDL_ACCENT, end && lit);
            }
        int rows[4];
        view_sdl_rows_rect(W, H, rows);
        if (end)
            CHECK(has_words(img, rows[0], rows[1] + rows[3] * 2 / 3, rows[2], rows[3] / 3));
        SDL_FreeSurface(img);
    }
    CHECK(strstr(rp.rolled, "both sides") != NULL);
}

/* Some bright pixels in a box: there are words in it. */
static int has_words(const SDL_Surface *img, int x0, int y0, int w, int h)
{
    int bright = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
            if ((pixel(img, x, y) & 0xFF) > 0xE0 && (pixel(img, x, y) >> 16) > 0xE0)
                bright++;
    return bright > 200;
}

static void test_words_and_fonts(const struct test_fixture *f)
{
    struct show_input s = {.tl = &f->tl, .cue_frames = f->cue_frames, .now = RATE};
    SDL_Surface *img = shoot(&s, W, H);
    CHECK(img != NULL);
    if (img) {
        /* The name row, under the progress bar, left half. */
        int bar[4];
        view_sdl_progress_rect(W, H, bar);
        CHECK(has_words(img, bar[0], bar[1] + bar[3], W / 2, H / 5));
        SDL_FreeSurface(img);
    }
    /* No font: an error that says so, and no picture. */
    setenv("ROLLOUT_FONT", "/nonexistent/font.ttf", 1);
    char err[512] = "";
    CHECK_INT(view_sdl_shot(&s, W, H, shot_path, NULL, err, sizeof err), VIEW_SDL_SHOT_DRAW);
    CHECK(strstr(err, "font") != NULL);
    CHECK(access(shot_path, F_OK) != 0);
    unsetenv("ROLLOUT_FONT");
    /* A file that cannot be written. */
    CHECK_INT(view_sdl_shot(&s, W, H, "/nonexistent/dir/x.png", NULL, err, sizeof err),
              VIEW_SDL_SHOT_WRITE);
}

/* Pixels in a box not of colour c. */
static int inked(const SDL_Surface *img, const int r[4], uint32_t c)
{
    int n = 0;
    for (int y = r[1]; y < r[1] + r[3]; y++)
        for (int x = r[0]; x < r[0] + r[2]; x++)
            n += pixel(img, x, y) != c;
    return n;
}

/* Pixels in a box of exactly colour c. */
static int painted(const SDL_Surface *img, const int r[4], uint32_t c)
{
    int n = 0;
    for (int y = r[1]; y < r[1] + r[3]; y++)
        for (int x = r[0]; x < r[0] + r[2]; x++)
            n += pixel(img, x, y) == c;
    return n;
}

/* The help (F1) beside the session: a black panel where the body map was,
 * the keys always, what to say with --listen and how to turn listening on
 * without it; the countdown stays in view beside it, in its colour; and
 * "listening" in the header while it is. */
static void test_help_and_listening(const struct test_fixture *f)
{
    struct show_input s = {.tl = &f->tl, .cue_frames = f->cue_frames, .now = RATE};
    int help[4], say[4], bar[4], count[4], count_help[4];
    view_sdl_help_rect(W, H, help);
    view_sdl_help_say_rect(W, H, say);
    view_sdl_progress_rect(W, H, bar);
    view_sdl_count_rect(W, H, 0, count);
    view_sdl_count_rect(W, H, 1, count_help);
    int phrases[4] = {say[0], say[1] + say[3] * 15 / 100, say[2], say[3] * 85 / 100};
    int header[4] = {W / 2, 0, W / 2 - bar[0], bar[1]};
    int margin_x = help[0] + 6, middle_y = help[1] + help[3] / 2;
    struct show sh;
    show_make(&sh, &s);

    SDL_Surface *plain = shoot(&s, W, H);
    s.listen = CONTROL_LISTEN_ON;
    SDL_Surface *heard = shoot(&s, W, H);
    s.help = 1;
    SDL_Surface *both = shoot(&s, W, H);
    s.listen = CONTROL_LISTEN_OFF;
    SDL_Surface *keys = shoot(&s, W, H);
    CHECK(plain && heard && both && keys);
    if (plain && heard && both && keys) {
        CHECK(pixel(plain, margin_x, middle_y) != 0x000000);
        CHECK(pixel(both, margin_x, middle_y) == 0x000000);
        CHECK(pixel(keys, margin_x, middle_y) == 0x000000);
        /* The countdown beside the help, in the phase's colour, and not
         * under it. */
        CHECK(count_help[0] + count_help[2] <= help[0]);
        CHECK(painted(plain, count, sh.colour) > 400);
        CHECK(painted(both, count_help, sh.colour) > 400);
        /* Phrases with --listen; without, the words that say how. */
        CHECK(inked(both, phrases, 0x000000) > 500);
        CHECK(inked(keys, phrases, 0x000000) > 500);
        /* The keys' column, left of the phrases, in both. */
        int keycol[4] = {help[0] + help[2] * 47 / 100, phrases[1],
                         say[0] - help[0] - help[2] * 47 / 100, phrases[3]};
        CHECK(inked(keys, keycol, 0x000000) > 500);
        int word =
            inked(heard, header, VIEW_SDL_BACKGROUND) - inked(plain, header, VIEW_SDL_BACKGROUND);
        if (word <= 300)
            fprintf(stderr, "\"listening\" in the header: %d more pixels\n", word);
        CHECK(word > 300);
    }
    SDL_FreeSurface(plain);
    SDL_FreeSurface(heard);
    SDL_FreeSurface(both);
    SDL_FreeSurface(keys);
}

/* ---- the scripted session ---- */

static void push_key(SDL_Keycode k)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = k;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

/* Text typed, as SDL hands it over after the key that made it. */
static void push_text(const char *s)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    snprintf(e.text.text, sizeof e.text.text, "%s", s);
    SDL_PushEvent(&e);
}

static void push_press(int x, int y);

static void push_click(struct view_sdl *v, enum action_button a)
{
    int ww, wh, x, y;
    view_sdl_window_size(v, &ww, &wh);
    view_sdl_button_pixel(ww, wh, a, &x, &y);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
}

/* What the audio thread would do: pull a few blocks. */
static void pull(struct engine *e, int blocks)
{
    static float buf[2 * 512];
    for (int i = 0; i < blocks; i++)
        engine_render(e, buf, 512);
}

static int step_now(const struct control *c)
{
    struct engine_status st;
    engine_status(c->engine, &st);
    return timeline_step_at(c->tl, st.pos);
}

/* A live window on f's session from frame `start`, its engine in *e and
 * its control in *c; NULL, said, when it cannot open. */
static struct view_sdl *open_live(struct test_fixture *f, int64_t start, struct engine **e,
                                  struct control *c)
{
    CHECK_INT(SDL_InitSubSystem(SDL_INIT_VIDEO), 0);
    struct engine_opts o = engine_defaults();
    o.start = start;
    *e = engine_new(&f->tl, f->cues, &o);
    control_init(c, *e, &f->tl, f->cue_frames, 1024, 0.0f, 0);
    char err[512];
    struct view_sdl *v = view_sdl_open(c, err, sizeof err);
    CHECK(v != NULL);
    if (!v) {
        fprintf(stderr, "view_sdl_open: %s\n", err);
        engine_free(*e);
    }
    return v;
}

static void close_live(struct view_sdl *v, struct engine *e, struct control *c)
{
    view_sdl_close(v);
    engine_free(e);
    control_free(c);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

static void test_session(struct test_fixture *f)
{
    struct engine *e;
    struct control c;
    struct view_sdl *v = open_live(f, f->tl.steps[1].start, &e, &c);
    if (!v)
        return;
    struct engine_status st;
    pull(e, 10);
    view_sdl_poll(v, 0);
    CHECK_INT(step_now(&c), 1);

    /* space: pause; the engine stops moving. Space again: on it goes. */
    push_key(SDLK_SPACE);
    view_sdl_poll(v, 0);
    pull(e, 4);
    engine_status(e, &st);
    CHECK(st.paused);
    int64_t at = st.pos;
    pull(e, 4);
    engine_status(e, &st);
    CHECK_INT(st.pos, at);
    push_key(SDLK_SPACE);
    view_sdl_poll(v, 0);
    pull(e, 4);
    engine_status(e, &st);
    CHECK(!st.paused);
    CHECK(st.pos > at);

    /* → : the next step. */
    push_key(SDLK_RIGHT);
    view_sdl_poll(v, 0);
    pull(e, 8);
    CHECK_INT(step_now(&c), 2);
    engine_status(e, &st);
    CHECK(st.pos - f->tl.steps[2].start < 8 * 512);

    /* ← twice quickly: back to the start of the step, then the one before. */
    pull(e, 4 * RATE / 512); /* four seconds into step 3 */
    push_key(SDLK_LEFT);
    view_sdl_poll(v, 0);
    pull(e, 8);
    CHECK_INT(step_now(&c), 2);
    push_key(SDLK_LEFT);
    view_sdl_poll(v, 0);
    pull(e, 8);
    CHECK_INT(step_now(&c), 1);

    /* h getting ready: nothing, said. h rolling: ten seconds more on the
     * spot, and the timeline the window shows is the longer one. */
    int64_t len = c.tl->length;
    push_key(SDLK_h);
    view_sdl_poll(v, 0);
    CHECK_INT(c.tl->length, len);
    CHECK_STR(c.notice, "hold works while rolling or holding");
    pull(e, 5 * RATE / 512); /* into the step's roll */
    push_key(SDLK_h);
    view_sdl_poll(v, 0);
    pull(e, 8);
    view_sdl_poll(v, 0);
    engine_status(e, &st);
    CHECK(st.tl == c.tl);
    CHECK_INT(c.tl->length, len + 10 * RATE);

    /* c, ↑ ↑ ↓: the click off, the volume up one step. */
    push_key(SDLK_c);
    push_key(SDLK_UP);
    push_key(SDLK_UP);
    push_key(SDLK_DOWN);
    view_sdl_poll(v, 0);
    CHECK(c.click_muted);
    CHECK(c.volume_db == CONTROL_VOLUME_STEP_DB);

    /* The same by mouse: the pause button, then the next button. */
    push_click(v, ACTION_BUTTON_PAUSE);
    view_sdl_poll(v, 0);
    pull(e, 4);
    engine_status(e, &st);
    CHECK(st.paused);
    push_click(v, ACTION_BUTTON_PAUSE);
    push_click(v, ACTION_BUTTON_NEXT);
    view_sdl_poll(v, 0);
    pull(e, 8);
    engine_status(e, &st);
    CHECK(!st.paused);
    CHECK_INT(step_now(&c), 2);

    /* s: on a first side, the other side of the same step. */
    if (phase_of(&f->tl, 2, SCRIPT_SIDE_RIGHT, TLP_ROLL)) {
        push_key(SDLK_s);
        view_sdl_poll(v, 0);
        pull(e, 8);
        engine_status(e, &st);
        CHECK_INT(step_now(&c), 2);
        CHECK_INT(c.tl->ph[timeline_phase_at(c.tl, st.pos)].side, SCRIPT_SIDE_RIGHT);
    } else {
        CHECK(!"step 3 of the fixture has two sides");
    }

    /* The help: F1 or ? (as typed, on any layout) shows it, Esc puts it
     * away before it quits, a press beside the buttons does too, and the
     * keys go on acting under it. */
    CHECK(!view_sdl_help_shown(v));
    push_key(SDLK_F1);
    view_sdl_poll(v, 0);
    CHECK(view_sdl_help_shown(v));
    push_key(SDLK_ESCAPE);
    view_sdl_poll(v, 0);
    CHECK(!view_sdl_help_shown(v));
    CHECK(!c.quit);
    push_text("/");
    view_sdl_poll(v, 0);
    CHECK(!view_sdl_help_shown(v));
    push_text("?");
    push_key(SDLK_SPACE);
    view_sdl_poll(v, 0);
    CHECK(view_sdl_help_shown(v));
    pull(e, 4);
    engine_status(e, &st);
    CHECK(st.paused);
    push_key(SDLK_SPACE);
    int ww, wh;
    view_sdl_window_size(v, &ww, &wh);
    push_press(ww / 2, wh / 3);
    view_sdl_poll(v, 0);
    CHECK(!view_sdl_help_shown(v));
    pull(e, 4);
    engine_status(e, &st);
    CHECK(!st.paused);
    CHECK(!c.quit);

    /* Closing the window is quitting. */
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    view_sdl_poll(v, 0);
    CHECK(c.quit);
    pull(e, 8);
    engine_status(e, &st);
    CHECK(st.ended);

    close_live(v, e, &c);
}

/* ---- the start screen ---- */

static void push_press(int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
}

static void press_area(struct view_sdl *v, int area, enum script_side side)
{
    int ww, wh, x, y;
    view_sdl_window_size(v, &ww, &wh);
    CHECK_INT(view_sdl_area_pixel(ww, wh, area, side, &x, &y), 0);
    push_press(x, y);
    view_sdl_poll(v, 0);
}

static void press_start(struct view_sdl *v, int which)
{
    int ww, wh, x, y;
    view_sdl_window_size(v, &ww, &wh);
    view_sdl_start_pixel(ww, wh, which, &x, &y);
    push_press(x, y);
    view_sdl_poll(v, 0);
}

/* The areas marked, as their keys: "calf hamstring". */
static void marked(const struct view_sdl_choice *ch, char *out, size_t size)
{
    out[0] = 0;
    for (int a = 0; a < area_count; a++)
        if (ch->areas[a]) {
            size_t n = strlen(out);
            snprintf(out + n, size - n, "%s%s", n ? " " : "", area_keys[a]);
        }
}

/* The steps of a session as they play, with their sides: "calf:LR". */
static void played(const struct timeline *tl, char *out, size_t size)
{
    out[0] = 0;
    for (int i = 0; i < tl->nev; i++) {
        const struct tl_event *ev = &tl->ev[i];
        size_t n = strlen(out);
        if (ev->kind == TL_STEP)
            snprintf(out + n, size - n, "%s%s:", n ? " " : "", tl->routine->steps[ev->arg].area);
        else if (ev->kind == TL_SIDE && ev->arg != SCRIPT_SIDE_NONE)
            snprintf(out + n, size - n, "%s", ev->arg == SCRIPT_SIDE_LEFT ? "L" : "R");
    }
}

static void test_start_screen(struct test_fixture *f)
{
    /* The last half second: Again comes soon. */
    struct engine *e;
    struct control c;
    struct view_sdl *v = open_live(f, f->tl.length - RATE / 2, &e, &c);
    if (!v)
        return;
    char err[512], got[256];
    /* Every area but the chest has a step somewhere. */
    unsigned char covered[VIEW_SDL_AREAS] = {0};
    for (int a = 0; a < area_count; a++)
        covered[a] = strcmp(area_keys[a], "chest") != 0;
    int calf = area_find("calf"), ham = area_find("hamstring"), shin = area_find("shin");
    /* The help left open at the end does not cover the next session. */
    push_key(SDLK_F1);
    view_sdl_poll(v, 0);
    CHECK(view_sdl_help_shown(v));
    view_sdl_choose(v, covered, NULL);
    view_sdl_poll(v, 0);
    CHECK(view_sdl_choosing(v));
    CHECK(!view_sdl_help_shown(v));

    /* By mouse: the calf at its left, the hamstring at its right, the shin
     * marked and unmarked, the chest (no step for it) not marked; 8 minutes. */
    press_area(v, calf, SCRIPT_SIDE_LEFT);
    press_area(v, ham, SCRIPT_SIDE_RIGHT);
    press_area(v, shin, SCRIPT_SIDE_LEFT);
    press_area(v, shin, SCRIPT_SIDE_RIGHT);
    press_area(v, area_find("chest"), SCRIPT_SIDE_NONE);
    press_start(v, 2);
    struct view_sdl_choice ch;
    CHECK(!view_sdl_chosen(v, &ch)); /* nothing until Start */
    press_start(v, VIEW_SDL_START_GO);
    CHECK(view_sdl_chosen(v, &ch));
    CHECK(!view_sdl_choosing(v));
    marked(&ch, got, sizeof got);
    CHECK_STR(got, "calf hamstring");
    CHECK_INT(ch.minutes, 8);

    /* Start plays exactly those: the session made for the choice has their
     * steps, both sides each, in eight minutes. */
    struct session s;
    struct diags d = {0};
    struct session_opts so = {.rate = RATE, .speed = 1.0};
    struct compose_req q = {.areas = ch.areas, .target_ms = ch.minutes * 60000};
    CHECK_INT(compose_session_load(&s, &q, &so, &d, err, sizeof err), 0);
    diags_print(&d, stderr);
    diags_free(&d);
    if (s.routine) {
        played(&s.tl, got, sizeof got);
        CHECK_STR(got, "calf:LR hamstring:LR");
        CHECK(llabs(s.tl.length - 8 * 60 * (int64_t)RATE) <= RATE);
    }
    session_free(&s);

    /* The picture: both sides of each area marked in the accent, the rest not. */
    struct view_sdl_start st = {.cursor = -1, .choice = ch};
    memcpy(st.covered, covered, sizeof covered);
    CHECK_INT(view_sdl_start_shot(&st, W, H, shot_path, NULL, err, sizeof err), VIEW_SDL_SHOT_OK);
    SDL_Surface *raw = SDL_LoadBMP(shot_path);
    unlink(shot_path);
    SDL_Surface *img = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB888, 0) : NULL;
    SDL_FreeSurface(raw);
    CHECK(img != NULL);
    for (int a = 0; img && a < area_count; a++)
        for (int sd = SCRIPT_SIDE_LEFT; sd <= SCRIPT_SIDE_RIGHT; sd++) {
            int x, y;
            view_sdl_area_pixel(W, H, a, (enum script_side)sd, &x, &y);
            CHECK((pixel(img, x, y) == VIEW_SDL_ACCENT) == (a == calf || a == ham));
        }
    SDL_FreeSurface(img);

    /* By keys: down twice (the feet, then the calves), space marks, right
     * three times (5, 8, 10 minutes), Enter starts. */
    view_sdl_choose(v, covered, NULL);
    push_key(SDLK_DOWN);
    push_key(SDLK_DOWN);
    push_key(SDLK_SPACE);
    push_key(SDLK_RIGHT);
    push_key(SDLK_RIGHT);
    push_key(SDLK_RIGHT);
    push_key(SDLK_RETURN);
    view_sdl_poll(v, 0);
    CHECK(view_sdl_chosen(v, &ch));
    marked(&ch, got, sizeof got);
    CHECK_STR(got, "calf");
    CHECK_INT(ch.minutes, 10);

    /* Once the session is over, Again opens the start screen, with the last
     * choice, and the session does not play again by itself. */
    view_sdl_again_chooses(v, covered, &ch);
    struct engine_status es;
    for (int i = 0; i < 200; i++) {
        pull(e, 8);
        engine_status(e, &es);
        if (es.ended)
            break;
    }
    CHECK(es.ended);
    view_sdl_poll(v, 0);
    push_key(SDLK_SPACE);
    view_sdl_poll(v, 0);
    CHECK(view_sdl_choosing(v));
    pull(e, 8);
    engine_status(e, &es);
    CHECK(es.ended);
    push_key(SDLK_RETURN);
    view_sdl_poll(v, 0);
    struct view_sdl_choice again;
    CHECK(view_sdl_chosen(v, &again));
    marked(&again, got, sizeof got);
    CHECK_STR(got, "calf");
    CHECK_INT(again.minutes, 10);

    /* q on the start screen quits. */
    view_sdl_choose(v, covered, NULL);
    push_key(SDLK_q);
    view_sdl_poll(v, 0);
    CHECK(c.quit);

    close_live(v, e, &c);
}

/* The end screen's buttons, pressed: Again asks for the session again,
 * Done quits; a press beside them does nothing. */
static void test_end_presses(struct test_fixture *f)
{
    struct engine *e;
    struct control c;
    struct view_sdl *v = open_live(f, f->tl.length - RATE / 2, &e, &c);
    if (!v)
        return;
    struct engine_status es;
    for (int i = 0; i < 200; i++) {
        pull(e, 8);
        engine_status(e, &es);
        if (es.ended)
            break;
    }
    CHECK(es.ended);
    view_sdl_poll(v, 0); /* draws the end screen */
    int ww, wh, x, y;
    view_sdl_window_size(v, &ww, &wh);
    view_sdl_button_pixel(ww, wh, ACTION_BUTTON_BACK, &x, &y); /* no button there now */
    push_press(x, y);
    view_sdl_poll(v, 0);
    CHECK(!c.quit);
    engine_status(e, &es);
    CHECK(es.ended && es.pos == f->tl.length);
    view_sdl_end_pixel(ww, wh, 0, &x, &y);
    push_press(x, y);
    view_sdl_poll(v, 0);
    CHECK_STR(c.notice, "again, from the start");
    CHECK(!c.quit);
    /* Over again, after the whole session: Done. */
    for (int i = 0; i < 20000; i++) {
        pull(e, 8);
        engine_status(e, &es);
        if (es.ended)
            break;
    }
    CHECK(es.ended);
    view_sdl_poll(v, 0);
    view_sdl_end_pixel(ww, wh, 1, &x, &y);
    push_press(x, y);
    view_sdl_poll(v, 0);
    CHECK(c.quit);
    close_live(v, e, &c);
}

/* The offer to go on from where a session was stopped: a button as tall as
 * the others in the words' row, on the session and on the start screen;
 * pressed (or r), the session goes there and the start screen chooses it. */
static void test_resume_offer(struct test_fixture *f)
{
    int r[4];
    view_sdl_resume_rect(W, H, r);
    CHECK(r[3] >= H / 12); /* a button, not a line of small words */
    int face[4] = {r[0] + r[2] / 2 - 40, r[1] + 4, 80, 6};
    struct show_input s = {.tl = &f->tl, .cue_frames = f->cue_frames, .now = RATE};
    SDL_Surface *plain = shoot(&s, W, H);
    s.resume = "Calves, right side";
    SDL_Surface *offer = shoot(&s, W, H);
    CHECK(plain && offer);
    if (plain && offer) {
        CHECK_INT(painted(plain, face, 0x222B33), 0);
        CHECK_INT(painted(offer, face, 0x222B33), face[2] * face[3]);
    }
    SDL_FreeSurface(plain);
    SDL_FreeSurface(offer);

    char err[512];
    struct view_sdl_start st = {.cursor = -1};
    for (int a = 0; a < area_count; a++)
        st.covered[a] = 1;
    for (int on = 0; on < 2; on++) {
        snprintf(st.resume, sizeof st.resume, "%s", on ? "Calves, right side" : "");
        CHECK_INT(view_sdl_start_shot(&st, W, H, shot_path, NULL, err, sizeof err),
                  VIEW_SDL_SHOT_OK);
        SDL_Surface *raw = SDL_LoadBMP(shot_path);
        unlink(shot_path);
        SDL_Surface *img = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB888, 0) : NULL;
        SDL_FreeSurface(raw);
        CHECK(img != NULL);
        if (img)
            CHECK_INT(painted(img, face, 0x222B33), on ? face[2] * face[3] : 0);
        SDL_FreeSurface(img);
    }

    struct engine *e;
    struct control c;
    struct view_sdl *v = open_live(f, 0, &e, &c);
    if (!v)
        return;
    int ww, wh, x, y;
    view_sdl_window_size(v, &ww, &wh);
    view_sdl_resume_rect(ww, wh, r);
    x = r[0] + r[2] / 2;
    y = r[1] + r[3] / 2;
    /* No offer: a press there does nothing. */
    pull(e, 8);
    view_sdl_poll(v, 0);
    push_press(x, y);
    view_sdl_poll(v, 0);
    CHECK(c.notice[0] == 0);
    /* Offered: the press goes there. */
    int64_t at = f->tl.length / 2;
    control_offer_resume(&c, at, "Calves, right side");
    view_sdl_poll(v, 0);
    push_press(x, y);
    view_sdl_poll(v, 0);
    CHECK_INT(c.resume_at, -1);
    pull(e, 8);
    struct engine_status es;
    engine_status(e, &es);
    CHECK(es.pos >= at && es.pos < at + RATE);

    /* The start screen: the offer pressed, then by its key. */
    struct view_sdl_choice ch;
    for (int by_key = 0; by_key < 2; by_key++) {
        view_sdl_choose(v, st.covered, NULL);
        view_sdl_offer_place(v, "Calves, right side");
        view_sdl_poll(v, 0);
        if (by_key)
            push_key(SDLK_r);
        else
            push_press(x, y);
        view_sdl_poll(v, 0);
        CHECK(view_sdl_chosen(v, &ch));
        CHECK_INT(ch.resume, 1);
    }
    /* Without an offer, r chooses nothing. */
    view_sdl_choose(v, st.covered, NULL);
    view_sdl_offer_place(v, NULL);
    push_key(SDLK_r);
    view_sdl_poll(v, 0);
    CHECK(!view_sdl_chosen(v, &ch));
    close_live(v, e, &c);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(shot_path, sizeof shot_path, "%s/test_window_%d.bmp", tmp ? tmp : "/tmp",
             (int)getpid());
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    struct test_fixture f;
    if (fixture_make(&f) != 0) {
        fprintf(stderr, "cannot make the test routine\n");
        return 1;
    }
    test_areas(&f);
    test_side_letters(&f);
    test_progress(&f);
    test_pulse_and_pause(&f);
    test_words_and_fonts(&f);
    test_banner_place(&f);
    test_help_and_listening(&f);
    test_end_screen(&f);
    test_session(&f);
    test_start_screen(&f);
    test_end_presses(&f);
    test_resume_offer(&f);
    test_fixture_free(&f);
    SDL_Quit();
    return check_done("test_window");
}
