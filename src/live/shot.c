/* SPDX-License-Identifier: MIT */
/* shot.c — pictures into files: `rollout shot` (the session or the start
 * screen, as the window would show them), a remote's artwork, and the
 * layout probes the tests ask where things are with. Written through the
 * safe-write module, so a picture is whole or not there. */
#include "area.h"
#include "paint.h"

#include <SDL_image.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safefile.h"

/* ---- shots ---- */

/* SDL writes a picture through these, into the safe-write module's
 * temporary file. A BMP goes back to fill in its header, so they seek too. */
static int rw_fd(SDL_RWops *rw)
{
    return ((struct safefile *)rw->hidden.unknown.data1)->fd;
}

static Sint64 SDLCALL rw_size(SDL_RWops *rw)
{
    struct stat st;
    return fstat(rw_fd(rw), &st) == 0 ? (Sint64)st.st_size : -1;
}

static Sint64 SDLCALL rw_seek(SDL_RWops *rw, Sint64 offset, int whence)
{
    int how = whence == RW_SEEK_SET ? SEEK_SET : whence == RW_SEEK_CUR ? SEEK_CUR : SEEK_END;
    off_t at = lseek(rw_fd(rw), (off_t)offset, how);
    if (at < 0)
        return SDL_SetError("%s", strerror(errno));
    return (Sint64)at;
}

static size_t SDLCALL rw_read(SDL_RWops *rw, void *p, size_t size, size_t n)
{
    (void)rw, (void)p, (void)size, (void)n;
    SDL_SetError("a picture being saved is not read");
    return 0;
}

static size_t SDLCALL rw_write(SDL_RWops *rw, const void *p, size_t size, size_t n)
{
    if (safefile_write(rw->hidden.unknown.data1, p, size * n) != 0) {
        SDL_SetError("%s", safefile_reason(errno));
        return 0;
    }
    return n;
}

/* Writes the picture through the safe-write module, so a shot that fails
 * leaves no half-written file and an old one as it was. */
static enum view_sdl_shot_result save_surface(SDL_Surface *surf, const char *path,
                                              const volatile sig_atomic_t *stop, char *err,
                                              size_t errlen)
{
    size_t n = strlen(path);
    int bmp = n > 4 && strcasecmp(path + n - 4, ".bmp") == 0;
    struct safefile f;
    if (safefile_open(&f, path, err, errlen) != 0)
        return VIEW_SDL_SHOT_WRITE;
    SDL_RWops *rw = SDL_AllocRW();
    int rc = -1;
    if (rw) {
        rw->size = rw_size;
        rw->seek = rw_seek;
        rw->read = rw_read;
        rw->write = rw_write;
        rw->type = SDL_RWOPS_UNKNOWN;
        rw->hidden.unknown.data1 = &f;
        rc = bmp ? SDL_SaveBMP_RW(surf, rw, 0) : IMG_SavePNG_RW(surf, rw, 0);
        SDL_FreeRW(rw);
    }
    if (rc == 0 && stop && *stop) {
        safefile_abort(&f);
        snprintf(err, errlen, "interrupted: '%s' was not written", path);
        return VIEW_SDL_SHOT_INTERRUPTED;
    }
    if (rc != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, rw ? SDL_GetError() : "out of memory");
        safefile_abort(&f);
        return VIEW_SDL_SHOT_WRITE;
    }
    return safefile_commit(&f, err, errlen) == 0 ? VIEW_SDL_SHOT_OK : VIEW_SDL_SHOT_WRITE;
}

const char *view_sdl_shot_result_text(enum view_sdl_shot_result r)
{
    switch (r) {
    case VIEW_SDL_SHOT_OK:
        return "ok";
    case VIEW_SDL_SHOT_DRAW:
        return "cannot draw the picture";
    case VIEW_SDL_SHOT_WRITE:
        return "cannot write the picture";
    case VIEW_SDL_SHOT_INTERRUPTED:
        return "interrupted";
    }
    return "?";
}

/* Draws into a w x h picture with draw(p, w, h, arg) and writes it to path:
 * what a shot and a remote's artwork share. */
static enum view_sdl_shot_result draw_file(int w, int h, const char *path,
                                           void (*draw)(struct painter *, int, int, const void *),
                                           const void *arg, const volatile sig_atomic_t *stop,
                                           char *err, size_t errlen)
{
    enum view_sdl_shot_result res = VIEW_SDL_SHOT_DRAW;
    struct painter *p = NULL;
    SDL_Surface *surf = NULL;
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        goto out;
    }
    p = calloc(1, sizeof *p);
    surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!p || !surf) {
        snprintf(err, errlen, "out of memory for a %dx%d picture", w, h);
        goto out;
    }
    p->r = SDL_CreateSoftwareRenderer(surf);
    if (!p->r) {
        snprintf(err, errlen, "cannot draw a picture: %s", SDL_GetError());
        goto out;
    }
    if (paint_open_fonts(p, err, errlen) != 0)
        goto out;
    draw(p, w, h, arg);
    SDL_RenderFlush(p->r);
    res = save_surface(surf, path, stop, err, errlen);
out:
    if (p) {
        SDL_Renderer *r = p->r;
        paint_free(p); /* its textures belong to r: free them first */
        if (r)
            SDL_DestroyRenderer(r);
    }
    SDL_FreeSurface(surf);
    TTF_Quit();
    return res;
}

static void draw_shot(struct painter *p, int w, int h, const void *arg)
{
    struct show sh;
    show_make(&sh, arg);
    paint_session(p, w, h, &sh, -1);
}

enum view_sdl_shot_result view_sdl_shot(const struct show_input *in, int w, int h, const char *path,
                                        const volatile sig_atomic_t *stop, char *err, size_t errlen)
{
    return draw_file(w, h, path, draw_shot, in, stop, err, errlen);
}

static void draw_start(struct painter *p, int w, int h, const void *arg)
{
    paint_start(p, w, h, arg, -1);
}

enum view_sdl_shot_result view_sdl_start_shot(const struct view_sdl_start *s, int w, int h,
                                              const char *path, const volatile sig_atomic_t *stop,
                                              char *err, size_t errlen)
{
    return draw_file(w, h, path, draw_start, s, stop, err, errlen);
}

struct art {
    int area;
    enum script_side side;
};

/* The body map alone, filling a square, its labels sized for a small
 * picture. */
static void draw_art(struct painter *p, int w, int h, const void *arg)
{
    const struct art *a = arg;
    struct layout L = {.w = w, .h = h, .u = (float)(w < h ? w : h) / 400.0f};
    int m = px(12 * L.u);
    L.label_h = px(34 * L.u);
    L.map = (SDL_Rect){m, m, w - 2 * m, h - 2 * m};
    paint_place_figures(&L);
    paint_colour(p, VIEW_SDL_BACKGROUND, 255);
    SDL_RenderClear(p->r);
    paint_body(p, &L, a->area, a->side);
}

int view_sdl_art(int area, enum script_side side, int size, const char *path, char *err,
                 size_t errlen)
{
    struct art a = {area, side};
    return draw_file(size, size, path, draw_art, &a, NULL, err, errlen) == VIEW_SDL_SHOT_OK ? 0
                                                                                            : -1;
}

struct cover {
    const char *title;
    const unsigned char *lit; /* per area.h index: rolled in the routine */
};

/* A routine's cover: its title across the top, and below it the body map
 * with every area the routine rolls lit, on both sides: what the session
 * is, at a glance, in a phone's list of files. */
static void draw_cover(struct painter *p, int w, int h, const void *arg)
{
    const struct cover *c = arg;
    const float u = (float)(w < h ? w : h) / 400.0f;
    const int m = px(16 * u);
    paint_colour(p, VIEW_SDL_BACKGROUND, 255);
    SDL_RenderClear(p->r);
    SDL_Rect title = {m, m, w - 2 * m, px(72 * u)};
    paint_text(p, c->title, 1, px(34 * u), &title, PAINT_CENTRE, 2, SHOW_COLOUR_LISTEN);
    struct layout L = {.w = w, .h = h, .u = u};
    L.label_h = px(30 * u);
    L.map = (SDL_Rect){m, title.y + title.h + m / 2, w - 2 * m, h - title.h - 2 * m - m / 2};
    paint_place_figures(&L);
    paint_body(p, &L, -1, SCRIPT_SIDE_NONE);
    for (int v = 0; v < 2; v++)
        for (int a = 0; a < area_count; a++)
            if (c->lit[a])
                paint_area(p, &L, a, SCRIPT_SIDE_NONE, (enum bodymap_view)v, VIEW_SDL_ACCENT);
}

int view_sdl_cover(const char *title, const unsigned char *lit, int size, const char *path,
                   char *err, size_t errlen)
{
    struct cover c = {title, lit};
    return draw_file(size, size, path, draw_cover, &c, NULL, err, errlen) == VIEW_SDL_SHOT_OK ? 0
                                                                                              : -1;
}

/* ---- probes ---- */

int view_sdl_area_pixel(int w, int h, int area, enum script_side side, int *x, int *y)
{
    struct layout L;
    paint_layout(&L, w, h);
    enum bodymap_view v;
    float fx, fy, ox, oy;
    if (bodymap_area_point(area, side, &v, &fx, &fy) != 0)
        return -1;
    paint_fig_point(&L, v, fx, fy, &ox, &oy);
    *x = (int)ox;
    *y = (int)oy;
    return 0;
}

/* A rectangle of the layout, as the probes give it. */
static void rect_out(SDL_Rect r, int rect[4])
{
    rect[0] = r.x;
    rect[1] = r.y;
    rect[2] = r.w;
    rect[3] = r.h;
}

void view_sdl_side_row(int w, int h, enum bodymap_view view, int rect[4], int *middle)
{
    struct layout L;
    paint_layout(&L, w, h);
    const SDL_Rect *f = &L.fig[view];
    rect_out((SDL_Rect){f->x, f->y + f->h, f->w, L.label_h}, rect);
    *middle = f->x + f->w / 2;
}

void view_sdl_progress_rect(int w, int h, int rect[4])
{
    struct layout L;
    paint_layout(&L, w, h);
    rect_out(L.bar, rect);
}

void view_sdl_pulse_pixel(int w, int h, int *x, int *y)
{
    struct layout L;
    paint_layout(&L, w, h);
    *x = L.pulse_x;
    *y = L.pulse_y;
}

void view_sdl_banner_rect(int w, int h, int rect[4])
{
    struct layout L;
    paint_layout(&L, w, h);
    rect_out(L.banner, rect);
}

void view_sdl_help_rect(int w, int h, int rect[4])
{
    struct layout L;
    paint_layout(&L, w, h);
    rect_out(L.help, rect);
}

void view_sdl_count_rect(int w, int h, int help, int rect[4])
{
    struct layout L;
    paint_layout(&L, w, h);
    if (help)
        paint_layout_beside_help(&L);
    rect_out(L.count, rect);
}

void view_sdl_help_say_rect(int w, int h, int rect[4])
{
    struct layout L;
    paint_layout(&L, w, h);
    rect_out(L.help_say, rect);
}

void view_sdl_rows_rect(int w, int h, int rect[4])
{
    struct layout L;
    paint_layout(&L, w, h);
    rect_out((SDL_Rect){L.name.x, L.name.y, L.name.w, L.count.y + L.count.h - L.name.y}, rect);
}

void view_sdl_paused_pixel(int w, int h, int *x, int *y)
{
    struct layout L;
    paint_layout(&L, w, h);
    *x = L.banner.x + 4;
    *y = L.banner.y + L.banner.h / 2;
}

void view_sdl_button_pixel(int w, int h, enum action_button a, int *x, int *y)
{
    struct layout L;
    paint_layout(&L, w, h);
    *x = L.button[a].x + L.button[a].w / 2;
    *y = L.button[a].y + L.button[a].h / 2;
}

void view_sdl_resume_rect(int w, int h, int rect[4])
{
    struct layout L;
    paint_layout(&L, w, h);
    rect_out(L.resume, rect);
}

void view_sdl_end_pixel(int w, int h, int which, int *x, int *y)
{
    struct layout L;
    paint_layout(&L, w, h);
    *x = L.end[which].x + L.end[which].w / 2;
    *y = L.end[which].y + L.end[which].h / 2;
}

void view_sdl_start_pixel(int w, int h, int which, int *x, int *y)
{
    view_sdl_button_pixel(w, h, (enum action_button)which, x, y);
}
