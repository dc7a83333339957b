/* SPDX-License-Identifier: MIT */
/* view_sdl.c — the session window: its events, keys and buttons, the
 * start screen's presses, full screen, and when to draw. The pictures are
 * screen.c's and start.c's, drawn with paint.c.
 *
 * The window draws only when what it would show has changed (a frame's
 * `look`), and sleeps in SDL_WaitEventTimeout until the next thing due:
 * a countdown second, a click or the end of its flash, a cue, the end of a
 * phase. Its "now" is the frame being heard (out_sdl_heard), so the pulse
 * lights with the audible click. */
#include "paint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "action.h"
#include "control.h"

#define FLASH_MS  180 /* a button lights when its action is taken */
#define SETTLE_MS 250 /* look often this long after an action: the engine follows */

/* ---- the window ---- */

int view_sdl_display_check(char *why, size_t len)
{
    const char *drv = SDL_getenv("SDL_VIDEODRIVER");
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    if (!(drv && *drv) && !(x && *x) && !(wl && *wl))
        return 0;
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        /* A display named but not there (an ssh login's stale DISPLAY, a
         * closed X server): worth a line, not a failure. */
        snprintf(why, len, "cannot open the display %s (%s)",
                 drv && *drv ? drv
                 : x && *x   ? x
                             : wl,
                 SDL_GetError());
        return -1;
    }
    const char *d = SDL_GetCurrentVideoDriver();
    if (!d || strcmp(d, "dummy") == 0 || strcmp(d, "offscreen") == 0 || strcmp(d, "evdev") == 0) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        if (drv && *drv)
            return 0; /* a driver with no screen, asked for by name */
        /* SDL fell back to drawing nowhere: the display named is not there. */
        snprintf(why, len, "cannot open the display %s", x && *x ? x : wl);
        return -1;
    }
    return 1;
}

int view_sdl_display_available(void)
{
    char why[256];
    return view_sdl_display_check(why, sizeof why) == 1;
}

struct view_sdl {
    struct control *control;
    SDL_Window *win;
    struct painter *p;
    /* What is on screen: the snapshot drawn, the button lit then and the
     * picture's size. It is drawn again only when one of them changes. */
    struct show shown;
    int shown_flash, shown_w, shown_h;
    int dirty;
    int fullscreen;
    int windowed[4]; /* x, y, w, h before full screen */
    int flash;
    int help; /* the help is shown (F1 or ?) */
    Uint32 flash_until, settle_until;
    char title[200];
    /* The start screen: showing (on), Start pressed and not yet taken
     * (chosen), and whether Again opens it (again). */
    struct {
        int on, chosen, again;
        struct view_sdl_start st;
        char notice[160];
    } start;
};

/* The view snapshot of now, as every view makes it (show.c). */
static void snapshot(const struct view_sdl *v, struct show *sh)
{
    struct show_input in;
    show_input_of(&in, v->control, v->help);
    show_make(sh, &in);
}

/* Milliseconds until what is shown would next change by itself. */
static int due_ms(const struct view_sdl *v, const struct show *sh)
{
    Uint32 t = SDL_GetTicks();
    int ms = 1000;
    if (v->flash >= 0)
        ms = (int)(v->flash_until - t) > 0 ? (int)(v->flash_until - t) : 1;
    if ((int)(v->settle_until - t) > 0 && ms > 20)
        ms = 20;
    if (v->start.on || sh->changes == INT64_MAX) /* the start screen: nothing changes by itself */
        return ms;
    int64_t frames_ms = (sh->changes - sh->now) * 1000 / sh->tl->rate + 1;
    if (frames_ms < ms)
        ms = (int)frames_ms;
    return ms < 1 ? 1 : ms;
}

/* Whether the session is over: the window then offers Again and Quit. */
static int over(const struct view_sdl *v)
{
    struct engine_status st;
    engine_status(v->control->engine, &st);
    return st.ended && !v->control->quit;
}

/* Does what a person asked for, from a key, a media key or a button, and
 * lights its button when it has one. Once the session is over only
 * what makes sense then is taken: again, quit, and the window's own. */
static void act(struct view_sdl *v, const struct action *a, enum control_source from)
{
    static const enum control_action after[] = {
        CONTROL_PLAY_PAUSE, CONTROL_PLAY, CONTROL_AGAIN,    CONTROL_STOP,
        CONTROL_FULLSCREEN, CONTROL_HELP, CONTROL_BACK_OUT, CONTROL_RAISE};
    int ok = !over(v);
    for (size_t i = 0; !ok && i < sizeof after / sizeof after[0]; i++)
        ok = a->act == after[i];
    if (!ok)
        return;
    if (control_act(v->control, a->act, from) == 0 && a->button != ACTION_BUTTONS) {
        v->flash = (int)a->button;
        v->flash_until = SDL_GetTicks() + FLASH_MS;
    }
    v->settle_until = SDL_GetTicks() + SETTLE_MS;
    v->dirty = 1;
}

/* Full screen is the window manager's to give. With none (a kiosk, a bare
 * X server) SDL asks and nobody answers, yet it takes the window to be the
 * screen's size from then on: the picture was drawn for the screen into
 * the window as it was, its title and Quit button cut off. So the window
 * is first made the screen's size and place itself, which with no window
 * manager the X server does at once, and a window manager does anyway on
 * the way to full screen; SDL's size is then the window's.
 *
 * Nothing puts the window back as it was when full screen ends, either:
 * its size and place are kept here on the way in and given back on the way
 * out. */
static void toggle_fullscreen(struct view_sdl *v)
{
    v->fullscreen = !v->fullscreen;
    if (v->fullscreen) {
        SDL_GetWindowSize(v->win, &v->windowed[2], &v->windowed[3]);
        SDL_GetWindowPosition(v->win, &v->windowed[0], &v->windowed[1]);
        SDL_Rect screen;
        if (SDL_GetDisplayBounds(SDL_GetWindowDisplayIndex(v->win), &screen) == 0) {
            SDL_SetWindowPosition(v->win, screen.x, screen.y);
            SDL_SetWindowSize(v->win, screen.w, screen.h);
        }
    }
    SDL_SetWindowFullscreen(v->win, v->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    if (!v->fullscreen && v->windowed[2] > 0) {
        SDL_SetWindowSize(v->win, v->windowed[2], v->windowed[3]);
        SDL_SetWindowPosition(v->win, v->windowed[0], v->windowed[1]);
    }
    v->dirty = 1;
}

static void toggle_help(struct view_sdl *v)
{
    v->help = !v->help;
    v->dirty = 1;
}

/* What the control layer asked of the window, from any input: to come to
 * the front, full screen, the help, back out of them (Esc: the help first,
 * then full screen; never the session), or the session once more. */
static void take_asks(struct view_sdl *v)
{
    struct control *c = v->control;
    unsigned asks = c->asks;
    c->asks &= ~(unsigned)(CONTROL_ASK_RAISE | CONTROL_ASK_FULLSCREEN | CONTROL_ASK_HELP |
                           CONTROL_ASK_BACK_OUT | CONTROL_ASK_AGAIN);
    if (asks & CONTROL_ASK_RAISE)
        view_sdl_raise(v);
    if (asks & CONTROL_ASK_FULLSCREEN)
        toggle_fullscreen(v);
    if (asks & CONTROL_ASK_HELP)
        toggle_help(v);
    if ((asks & CONTROL_ASK_BACK_OUT) && v->help)
        toggle_help(v);
    else if ((asks & CONTROL_ASK_BACK_OUT) && v->fullscreen)
        toggle_fullscreen(v);
    if ((asks & CONTROL_ASK_AGAIN) && v->start.again)
        view_sdl_choose(v, v->start.st.covered, &v->start.st.choice);
    else if (asks & CONTROL_ASK_AGAIN)
        control_again(c);
}

/* A key's name as the action table has it: a printable key is its
 * character; the others are named. NULL for a key that means nothing. */
static const char *key_name(SDL_Keycode k)
{
    static const struct {
        SDL_Keycode code;
        const char *name;
    } named[] = {
        {SDLK_SPACE, "space"},
        {SDLK_ESCAPE, "Esc"},
        {SDLK_LEFT, "Left"},
        {SDLK_RIGHT, "Right"},
        {SDLK_UP, "Up"},
        {SDLK_DOWN, "Down"},
        {SDLK_F1, "F1"},
        {SDLK_F11, "F11"},
        {SDLK_PAUSE, "Pause"},
        {SDLK_KP_PLUS, "KP+"},
        {SDLK_KP_MINUS, "KP-"},
        {SDLK_AUDIOPLAY, "AudioPlay"},
        {SDLK_AUDIOSTOP, "AudioStop"},
        {SDLK_AUDIONEXT, "AudioNext"},
        {SDLK_AUDIOPREV, "AudioPrev"},
        {SDLK_VOLUMEUP, "VolumeUp"},
        {SDLK_VOLUMEDOWN, "VolumeDown"},
        {SDLK_AUDIOMUTE, "Mute"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].code == k)
            return named[i].name;
    static char one[2];
    if (k > ' ' && k < 127 && k != '?') { /* ? is taken as text (handle) */
        one[0] = (char)k;
        return one;
    }
    return NULL;
}

/* A key: a media key acts as its MPRIS counterpart does (when the desktop
 * also sends the same press over MPRIS, control_act takes the two as one);
 * any other as the action table says. Held down, only the keys that
 * repeat (the volumes) act again. */
static void key(struct view_sdl *v, const SDL_KeyboardEvent *k)
{
    const char *name = key_name(k->keysym.sym);
    if (!name)
        return;
    enum control_source from = CONTROL_FROM_MEDIA_KEY;
    const struct action *a = action_for_media(name);
    if (!a) {
        from = CONTROL_FROM_KEY;
        a = action_for_key(name, ACTION_IN_WINDOW);
    }
    if (a && (!k->repeat || a->repeats))
        act(v, a, from);
}

/* Window point (x, y) as a pixel of the picture, and the picture's layout:
 * window points and pixels differ on high-DPI screens. 0 for a window with
 * no size yet. */
static int to_pixel(struct view_sdl *v, int x, int y, SDL_Point *pt, struct layout *L)
{
    int ww, wh, pw, ph;
    SDL_GetWindowSize(v->win, &ww, &wh);
    SDL_GetRendererOutputSize(v->p->r, &pw, &ph);
    if (ww <= 0 || wh <= 0)
        return 0;
    *pt = (SDL_Point){x * pw / ww, y * ph / wh};
    paint_layout(L, pw, ph);
    return 1;
}

/* A press at window point (x, y): the button under it, if any. */
static void press(struct view_sdl *v, int x, int y)
{
    SDL_Point pt;
    struct layout L;
    if (!to_pixel(v, x, y, &pt, &L))
        return;
    if (v->shown.over) { /* the end screen, as drawn: Again and Done */
        for (int k = 0; k < 2; k++)
            if (SDL_PointInRect(&pt, &L.end[k]))
                act(v, action_of(k == 0 ? CONTROL_PLAY_PAUSE : CONTROL_STOP), CONTROL_FROM_KEY);
        return;
    }
    for (int i = 0; i < ACTION_BUTTONS; i++)
        if (SDL_PointInRect(&pt, &L.button[i])) {
            act(v, action_on_button((enum action_button)i), CONTROL_FROM_KEY);
            return;
        }
    if (v->help)
        paint_layout_beside_help(&L);
    if (v->shown.resume[0] && SDL_PointInRect(&pt, &L.resume)) {
        act(v, action_of(CONTROL_RESUME), CONTROL_FROM_KEY);
        return;
    }
    if (v->help) /* a press beside the buttons puts the help away */
        toggle_help(v);
}

static void start_handle(struct view_sdl *v, const SDL_Event *e);

static void handle(struct view_sdl *v, const SDL_Event *e)
{
    if (v->start.on && e->type != SDL_WINDOWEVENT && e->type != SDL_RENDER_TARGETS_RESET &&
        e->type != SDL_RENDER_DEVICE_RESET) {
        start_handle(v, e);
        return;
    }
    switch (e->type) {
    case SDL_QUIT:
        act(v, action_of(CONTROL_STOP), CONTROL_FROM_KEY);
        break;
    case SDL_KEYDOWN:
        key(v, &e->key);
        break;
    case SDL_TEXTINPUT: /* ?, as typed: a shifted key on some layouts and not others */
        if (strcmp(e->text.text, "?") == 0)
            act(v, action_for_key("?", ACTION_IN_WINDOW), CONTROL_FROM_KEY);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_LEFT)
            press(v, e->button.x, e->button.y);
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_CLOSE)
            act(v, action_of(CONTROL_STOP), CONTROL_FROM_KEY);
        else
            v->dirty = 1; /* exposed, resized, shown: draw it again */
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        v->dirty = 1;
        break;
    default:
        break;
    }
}

static void set_title(struct view_sdl *v, const struct show *sh)
{
    if (strcmp(sh->title, v->title) == 0)
        return;
    snprintf(v->title, sizeof v->title, "%s", sh->title);
    SDL_SetWindowTitle(v->win, v->title);
}

static void refresh(struct view_sdl *v)
{
    if (v->flash >= 0 && (int)(v->flash_until - SDL_GetTicks()) <= 0) {
        v->flash = -1;
        v->dirty |= v->start.on;
    }
    control_poll(v->control);
    int w, h;
    SDL_GetRendererOutputSize(v->p->r, &w, &h);
    if (v->start.on) { /* drawn when something on it changed */
        if (!v->dirty)
            return;
        v->start.st.notice = v->start.notice;
        paint_start(v->p, w, h, &v->start.st, v->flash);
        SDL_RenderPresent(v->p->r);
        if (strcmp(v->title, "rollout") != 0) {
            snprintf(v->title, sizeof v->title, "rollout");
            SDL_SetWindowTitle(v->win, v->title);
        }
        v->dirty = 0;
        return;
    }
    struct show sh;
    snapshot(v, &sh);
    if (!v->dirty && show_same(&sh, &v->shown) && v->flash == v->shown_flash && w == v->shown_w &&
        h == v->shown_h)
        return;
    paint_session(v->p, w, h, &sh, v->flash);
    SDL_RenderPresent(v->p->r);
    /* After the picture: a title that names the step says it is on screen
     * (the window's tests wait for it before reading the pixels). */
    set_title(v, &sh);
    v->shown = sh;
    v->shown_flash = v->flash;
    v->shown_w = w;
    v->shown_h = h;
    v->dirty = 0;
}

/* ---- the start screen, live ---- */

static void start_flash(struct view_sdl *v, int which)
{
    v->flash = which;
    v->flash_until = SDL_GetTicks() + FLASH_MS;
    v->dirty = 1;
}

static void start_mark(struct view_sdl *v, int area)
{
    struct view_sdl_start *st = &v->start.st;
    v->start.notice[0] = 0;
    st->cursor = area;
    if (!st->covered[area])
        snprintf(v->start.notice, sizeof v->start.notice, "No routine has a step for the %s yet.",
                 area_label(area));
    else
        st->choice.areas[area] = !st->choice.areas[area];
    v->dirty = 1;
}

/* The next area the keys can reach, up (+1) or down (-1) the list. */
static void start_cursor(struct view_sdl *v, int dir)
{
    struct view_sdl_start *st = &v->start.st;
    int a = st->cursor;
    for (int i = 0; i < area_count; i++) {
        a = a < 0 ? (dir > 0 ? 0 : area_count - 1) : (a + dir + area_count) % area_count;
        if (st->covered[a])
            break;
    }
    st->cursor = a;
    v->start.notice[0] = 0;
    v->dirty = 1;
}

static void start_minutes(struct view_sdl *v, int dir)
{
    struct view_sdl_choice *ch = &v->start.st.choice;
    int i = 0;
    while (i < VIEW_SDL_MINUTES - 1 && view_sdl_minutes[i] != ch->minutes)
        i++;
    i = i + dir < 0 ? 0 : i + dir >= VIEW_SDL_MINUTES ? VIEW_SDL_MINUTES - 1 : i + dir;
    ch->minutes = view_sdl_minutes[i];
    start_flash(v, i);
}

static void start_go(struct view_sdl *v)
{
    v->start.chosen = 1;
    start_flash(v, VIEW_SDL_START_GO);
}

/* Go on from the place offered, when there is one. */
static void start_resume(struct view_sdl *v)
{
    if (!v->start.st.resume[0])
        return;
    v->start.st.choice.resume = 1;
    v->start.chosen = 1;
}

static void start_press(struct view_sdl *v, int x, int y)
{
    SDL_Point pt;
    struct layout L;
    if (!to_pixel(v, x, y, &pt, &L))
        return;
    for (int i = 0; i < VIEW_SDL_MINUTES + 2; i++) {
        if (!SDL_PointInRect(&pt, &L.button[i]))
            continue;
        if (i < VIEW_SDL_MINUTES) {
            v->start.st.choice.minutes = view_sdl_minutes[i];
            start_flash(v, i);
        } else if (i == VIEW_SDL_START_GO) {
            start_go(v);
        } else {
            control_quit(v->control);
        }
        return;
    }
    if (v->start.st.resume[0] && SDL_PointInRect(&pt, &L.resume)) {
        start_resume(v);
        return;
    }
    int a = paint_area_at(L.w, L.h, pt.x, pt.y);
    if (a >= 0)
        start_mark(v, a);
}

static void start_key(struct view_sdl *v, const SDL_KeyboardEvent *k)
{
    if (k->repeat && k->keysym.sym != SDLK_UP && k->keysym.sym != SDLK_DOWN)
        return;
    switch (k->keysym.sym) {
    case SDLK_UP:
        start_cursor(v, -1);
        break;
    case SDLK_DOWN:
    case SDLK_TAB:
        start_cursor(v, +1);
        break;
    case SDLK_SPACE:
        if (v->start.st.cursor < 0)
            start_cursor(v, +1);
        else
            start_mark(v, v->start.st.cursor);
        break;
    case SDLK_LEFT:
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        start_minutes(v, -1);
        break;
    case SDLK_RIGHT:
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
        start_minutes(v, +1);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        start_go(v);
        break;
    case SDLK_r:
        start_resume(v);
        break;
    case SDLK_f:
    case SDLK_F11:
        toggle_fullscreen(v);
        break;
    case SDLK_ESCAPE:
        if (v->fullscreen)
            toggle_fullscreen(v);
        else
            control_quit(v->control);
        break;
    case SDLK_q:
        control_quit(v->control);
        break;
    default:
        break;
    }
}

static void start_handle(struct view_sdl *v, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_QUIT:
        control_quit(v->control);
        break;
    case SDL_KEYDOWN:
        start_key(v, &e->key);
        break;
    case SDL_MOUSEBUTTONDOWN:
        /* A touch arrives as this too: SDL makes a press of the left button
         * of every tap (SDL_HINT_TOUCH_MOUSE_EVENTS), so a tap is taken
         * once, here, and not also as a finger. */
        if (e->button.button == SDL_BUTTON_LEFT)
            start_press(v, e->button.x, e->button.y);
        break;
    default:
        break;
    }
}

void view_sdl_choose(struct view_sdl *v, const unsigned char *covered,
                     const struct view_sdl_choice *last)
{
    struct view_sdl_start *st = &v->start.st;
    if (covered != st->covered)
        memcpy(st->covered, covered, (size_t)area_count);
    if (last != &st->choice) {
        memset(&st->choice, 0, sizeof st->choice);
        if (last)
            st->choice = *last;
    }
    st->cursor = -1;
    v->start.notice[0] = 0;
    v->start.on = 1;
    v->help = 0; /* the next session opens without it */
    v->start.chosen = 0;
    v->flash = -1;
    v->dirty = 1;
}

int view_sdl_help_shown(const struct view_sdl *v)
{
    return v->help;
}

void view_sdl_offer_place(struct view_sdl *v, const char *where)
{
    snprintf(v->start.st.resume, sizeof v->start.st.resume, "%s", where ? where : "");
    v->dirty = 1;
}

int view_sdl_chosen(struct view_sdl *v, struct view_sdl_choice *ch)
{
    if (!v || !v->start.on || !v->start.chosen)
        return 0;
    *ch = v->start.st.choice;
    v->start.st.choice.resume = 0;
    v->start.on = 0;
    v->start.chosen = 0;
    v->dirty = 1;
    return 1;
}

int view_sdl_choosing(const struct view_sdl *v)
{
    return v && v->start.on;
}

void view_sdl_again_chooses(struct view_sdl *v, const unsigned char *covered,
                            const struct view_sdl_choice *last)
{
    memcpy(v->start.st.covered, covered, (size_t)area_count);
    if (last)
        v->start.st.choice = *last;
    v->start.again = 1;
}

struct view_sdl *view_sdl_open(struct control *c, char *err, size_t errlen)
{
    struct view_sdl *v = calloc(1, sizeof *v);
    struct painter *p = calloc(1, sizeof *p);
    if (!v || !p) {
        free(v);
        free(p);
        snprintf(err, errlen, "out of memory opening the window");
        return NULL;
    }
    v->control = c;
    v->flash = -1;
    v->dirty = 1;
    v->p = p;
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        free(p);
        free(v);
        return NULL;
    }
    /* Fonts first: no font, no window, rather than a window without words. */
    if (paint_open_fonts(p, err, errlen) != 0)
        goto fail;

    int w = VIEW_SDL_WIDTH, h = VIEW_SDL_HEIGHT;
    SDL_Rect usable;
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
        if (w > usable.w * 9 / 10)
            w = usable.w * 9 / 10;
        if (h > usable.h * 9 / 10)
            h = usable.h * 9 / 10;
        if (w * 9 > h * 16)
            w = h * 16 / 9;
        else
            h = w * 9 / 16;
    }
    /* Hidden until it can be drawn in: a renderer may replace the window
     * it is made for (SDL remakes it for OpenGL), and a window shown before
     * that is gone again when anything tries to use it. */
    v->win = SDL_CreateWindow("rollout", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                              SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_HIDDEN);
    if (!v->win) {
        snprintf(err, errlen, "cannot open the window: %s", SDL_GetError());
        goto fail;
    }
    SDL_SetWindowMinimumSize(v->win, 480, 270);
    p->r = SDL_CreateRenderer(v->win, -1, SDL_RENDERER_ACCELERATED);
    if (!p->r)
        p->r = SDL_CreateRenderer(v->win, -1, SDL_RENDERER_SOFTWARE);
    if (!p->r) {
        snprintf(err, errlen, "cannot draw in the window: %s", SDL_GetError());
        goto fail;
    }
    SDL_ShowWindow(v->win);
    refresh(v);
    return v;
fail:
    view_sdl_close(v);
    return NULL;
}

void view_sdl_poll(struct view_sdl *v, int max_wait_ms)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        handle(v, &e);
    take_asks(v);
    refresh(v);
    struct show sh;
    snapshot(v, &sh);
    int wait = due_ms(v, &sh);
    if (wait > max_wait_ms)
        wait = max_wait_ms;
    if (wait > 0 && SDL_WaitEventTimeout(&e, wait)) {
        handle(v, &e);
        while (SDL_PollEvent(&e))
            handle(v, &e);
    }
    take_asks(v);
    refresh(v);
}

void view_sdl_close(struct view_sdl *v)
{
    if (!v)
        return;
    SDL_Renderer *r = v->p->r;
    paint_free(v->p); /* textures before their renderer */
    if (r)
        SDL_DestroyRenderer(r);
    if (v->win)
        SDL_DestroyWindow(v->win);
    TTF_Quit();
    free(v);
}

void view_sdl_raise(struct view_sdl *v)
{
    if (SDL_GetWindowFlags(v->win) & SDL_WINDOW_MINIMIZED)
        SDL_RestoreWindow(v->win);
    SDL_RaiseWindow(v->win);
}

void view_sdl_window_size(const struct view_sdl *v, int *w, int *h)
{
    SDL_GetWindowSize(v->win, w, h);
}
