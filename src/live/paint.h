/* SPDX-License-Identifier: MIT */
/* paint.h — drawing, inside src/live (nothing outside it includes this):
 * what the window, a shot and a remote's artwork share. A painter draws
 * into one SDL renderer with the fonts it opened and a cache of rendered
 * text; a layout places everything for a picture of a given size in
 * pixels, a pure function of that size, so the same layout answers the
 * tests' probes. */
#ifndef ROLLOUT_PAINT_H
#define ROLLOUT_PAINT_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "bodymap.h"
#include "show.h"
#include "view_sdl.h"

#define TEXT_CACHE 96
#define MAX_VERTS  4096
#define BANNER_RGB 0x000000u
#define TEXT_RGB   0xF2F4F5u
#define SOFT_RGB   0xC9D1D8u /* the instruction */
#define DIM_RGB    0x8D99A4u /* labels, hints */
#define BUTTON_RGB 0x222B33u

struct cached {
    char *text;
    int bold, size, maxw, maxh, lines;
    SDL_Texture *tex;
    int w, h;
    int fitted; /* the size it was drawn at, to fit */
    unsigned used;
};

struct painter {
    SDL_Renderer *r;
    TTF_Font *font[2]; /* regular, bold */
    int font_size[2];
    struct cached cache[TEXT_CACHE];
    unsigned tick;
    SDL_Vertex verts[MAX_VERTS];
    int nverts;
    float xy[2 * MAX_VERTS];
};

struct layout {
    int w, h;
    float u;
    SDL_Rect header, bar, text, map, banner;
    SDL_Rect name, side, count, say, foot; /* rows of the text column */
    SDL_Rect help, help_say;               /* the help, and its column of phrases */
    int pulse_x, pulse_y, pulse_r;
    SDL_Rect fig[2]; /* BODYMAP_FRONT, BODYMAP_BACK: the y 0..1 box, 0.5 wide */
    int label_h;
    SDL_Rect button[ACTION_BUTTONS];
    SDL_Rect end[2]; /* the end screen's Again and Done, wide, where the buttons were */
    SDL_Rect resume; /* the offer to go on from where one stopped, in the words' row */
};

static inline SDL_Color rgb(uint32_t c)
{
    return (SDL_Color){(Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c, 255};
}

static inline uint32_t mix(uint32_t a, uint32_t b, float t)
{
    if (t <= 0.0f)
        return a;
    if (t >= 1.0f)
        return b;
    uint32_t out = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
        float x = (float)((a >> sh) & 0xff), y = (float)((b >> sh) & 0xff);
        out |= (uint32_t)lroundf(x + (y - x) * t) << sh;
    }
    return out;
}

static inline int px(float v)
{
    return (int)lroundf(v);
}

/* ---- the layout (paint.c) ---- */

/* Everything placed for a w x h picture; one unit of it, L->u, is a pixel
 * of a VIEW_SDL_WIDTH x VIEW_SDL_HEIGHT one. */
void paint_layout(struct layout *L, int w, int h);
/* The two figures side by side in L->map, a label above each and the sides
 * below. */
void paint_place_figures(struct layout *L);
/* The text column narrowed to the left of the help, its rows placed again:
 * the session's words as they are drawn while the help is shown. */
void paint_layout_beside_help(struct layout *L);
/* A point (x, y) of a figure's 0..1 box, in pixels. */
void paint_fig_point(const struct layout *L, enum bodymap_view v, float x, float y, float *ox,
                     float *oy);

/* ---- shapes (paint.c) ---- */

void paint_colour(struct painter *p, uint32_t c, Uint8 alpha);
void paint_fill_rect(struct painter *p, const SDL_Rect *rc, uint32_t c);
/* Triangles: three vertices each, drawn together by paint_flush. */
void paint_vert(struct painter *p, float x, float y, uint32_t c);
void paint_flush(struct painter *p);
void paint_disc(struct painter *p, float cx, float cy, float r, uint32_t c);
void paint_round_rect(struct painter *p, const SDL_Rect *rc, float r, uint32_t c);

/* ---- text (paint.c) ---- */

/* Where a line of text stands in its box. */
enum { PAINT_LEFT, PAINT_CENTRE, PAINT_RIGHT };

void paint_font_size(struct painter *p, int bold, int size);
int paint_text_width(struct painter *p, int bold, const char *s, int len);
/* s rendered at size (or smaller, to fit maxw x maxh in at most lines
 * lines), from the cache; NULL when it cannot be drawn. */
struct cached *paint_text_texture(struct painter *p, const char *s, int bold, int size, int maxw,
                                  int maxh, int lines);
/* Draws s in box, aligned, shrunk to fit; returns its width in pixels. */
int paint_text(struct painter *p, const char *s, int bold, int size, const SDL_Rect *box, int align,
               int lines, uint32_t colour);

/* Opens the regular and bold faces: $ROLLOUT_FONT if set, else DejaVu Sans
 * or whatever sans-serif fontconfig prefers. TTF must be initialised. 0,
 * or -1 with one sentence in err. */
int paint_open_fonts(struct painter *p, char *err, size_t errlen);
/* Frees the cache and the fonts; before the renderer it drew into. */
void paint_free(struct painter *p);

/* ---- the body map (paint.c) ---- */

/* Both figures, the area (an area.h index, or -1) lit on that side. */
void paint_body(struct painter *p, const struct layout *L, int area, enum script_side side);
/* A button in box b: its label, its key under it; lit in the accent. */
void paint_button(struct painter *p, const struct layout *L, const SDL_Rect *b, const char *label,
                  const char *key, int lit, int label_size, int key_size);
/* A figure of the body map, its name above it. */
void paint_figure(struct painter *p, const struct layout *L, enum bodymap_view v);
/* The L and R under a figure's feet; lit: bit 1 << side for each side lit. */
void paint_side_letters(struct painter *p, const struct layout *L, enum bodymap_view v, int lit);
/* The area, lit in view v on the given side (SCRIPT_SIDE_NONE: both), in
 * colour c. */
void paint_area(struct painter *p, const struct layout *L, int area, enum script_side side,
                enum bodymap_view v, uint32_t c);

/* ---- the pictures ---- */

/* The session as the view snapshot shows it (show.c), in a w x h picture,
 * the button `flash` lit (or -1) (screen.c). */
void paint_session(struct painter *p, int w, int h, const struct show *sh, int flash);
/* The start screen (start.c), and the area drawn at pixel (x, y) of it, or
 * -1. */
void paint_start(struct painter *p, int w, int h, const struct view_sdl_start *st, int flash);
int paint_area_at(int w, int h, int x, int y);

#endif
