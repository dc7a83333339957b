/* view_sdl.c — the session window.
 *
 * One function, paint(), draws a view_sdl_state into any SDL renderer: the
 * window's, or a software renderer on a surface for `rollout shot`. The
 * layout is a pure function of the picture's size in pixels, so the tests
 * can ask where things are. Text goes through SDL2_ttf with a font that
 * fontconfig finds, rendered once per string and size into a small cache of
 * textures.
 *
 * The window draws only when what it would show has changed (a frame's
 * `look`), and sleeps in SDL_WaitEventTimeout until the next thing due:
 * a countdown second, a click or the end of its flash, a cue, the end of a
 * phase. Its "now" is the frame being heard (out_sdl_heard), so the pulse
 * lights with the audible click. */
#include "view_sdl.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <ctype.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "area.h"
#include "bodymap.h"
#include "compose.h"
#include "control.h"
#include "listen.h"
#include "path.h"
#include "safefile.h"
#include "show.h"

#define TEXT_CACHE 96
#define FLASH_MS   180 /* a button lights when its action is taken */
#define SETTLE_MS  250 /* look often this long after an action: the engine follows */
#define MAX_VERTS  4096
#define BANNER_RGB 0x000000u
#define TEXT_RGB   0xF2F4F5u
#define SOFT_RGB   0xC9D1D8u /* the instruction */
#define DIM_RGB    0x8D99A4u /* labels, hints */
#define BUTTON_RGB 0x222B33u

/* ---- drawing ---- */

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
    SDL_Rect button[VIEW_SDL_ACTIONS];
};

static SDL_Color rgb(uint32_t c)
{
    return (SDL_Color){(Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c, 255};
}

static uint32_t mix(uint32_t a, uint32_t b, float t)
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

static int px(float v)
{
    return (int)lroundf(v);
}

static void place_figures(struct layout *L);

static void layout(struct layout *L, int w, int h)
{
    memset(L, 0, sizeof *L);
    L->w = w;
    L->h = h;
    /* One unit is a pixel of a VIEW_SDL_WIDTH x VIEW_SDL_HEIGHT window,
     * landscape or portrait. */
    float u =
        fminf((float)(w < h ? w : h) / VIEW_SDL_HEIGHT, (float)(w > h ? w : h) / VIEW_SDL_WIDTH);
    L->u = u;
    int m = px(28 * u);
    L->header = (SDL_Rect){m, px(18 * u), w - 2 * m, px(40 * u)};
    L->bar = (SDL_Rect){m, L->header.y + L->header.h + px(8 * u), w - 2 * m, px(16 * u)};

    /* The buttons: one row, or two on a screen taller than it is wide. */
    int cols = w >= h ? VIEW_SDL_ACTIONS : VIEW_SDL_ACTIONS / 2;
    int rows = VIEW_SDL_ACTIONS / cols;
    int bh = px(84 * u), gap = px(12 * u);
    int by = h - px(20 * u) - rows * bh - (rows - 1) * gap;
    int bw = (w - 2 * m - (cols - 1) * gap) / cols;
    for (int i = 0; i < VIEW_SDL_ACTIONS; i++)
        L->button[i] = (SDL_Rect){m + i % cols * (bw + gap), by + i / cols * (bh + gap), bw, bh};

    int y0 = L->bar.y + L->bar.h + px(26 * u), y1 = by - px(22 * u);
    int H = y1 - y0;
    L->label_h = px(34 * u);
    if (w >= h) {
        /* Room for two figures and the gap between them, at most. */
        float fig_h = (float)(H - 2 * L->label_h);
        float map_w = fminf(0.36f * (float)w, fig_h * 1.2f);
        L->map = (SDL_Rect){w - m - px(map_w), y0, px(map_w), H};
        L->text = (SDL_Rect){m, y0, L->map.x - m - px(32 * u), H};
    } else {
        int th = H * 55 / 100;
        L->text = (SDL_Rect){m, y0, w - 2 * m, th};
        L->map = (SDL_Rect){m, y0 + th + px(16 * u), w - 2 * m, H - th - px(16 * u)};
    }

    /* The text column's rows, as shares of its height. */
    static const float share[] = {0.22f, 0.17f, 0.29f, 0.22f, 0.10f};
    SDL_Rect *row[] = {&L->name, &L->side, &L->count, &L->say, &L->foot};
    float y = (float)L->text.y;
    for (int i = 0; i < 5; i++) {
        float rh = share[i] * (float)L->text.h;
        *row[i] = (SDL_Rect){L->text.x, px(y), L->text.w, px(rh)};
        y += rh;
    }
    L->pulse_r = px((float)L->count.h * 0.36f);
    L->pulse_x = L->count.x + L->pulse_r + px(4 * u);
    L->pulse_y = L->count.y + L->count.h / 2;

    place_figures(L);

    /* PAUSED goes over the words and the footer: the muscle, side and
     * countdown stay in view (dimmed), and no line is cut in half. */
    int by0 = L->count.y + L->count.h > L->say.y ? L->count.y + L->count.h : L->say.y;
    int bh2 = L->foot.y + L->foot.h - by0;
    if (bh2 < px(150 * u))
        bh2 = px(150 * u);
    /* Beside the body map, when it stands beside the words. */
    L->banner = (SDL_Rect){0, by0, w >= h ? L->map.x - px(16 * u) : w, bh2};

    /* The help: everything between the progress bar and the buttons. Its
     * table's columns: what, the keys, what to say. */
    L->help = (SDL_Rect){m, y0 - px(10 * u), w - 2 * m, y1 - y0 + px(10 * u)};
    int pad = px(28 * u);
    L->help_say = (SDL_Rect){L->help.x + L->help.w * 62 / 100, L->help.y + pad,
                             L->help.w * 38 / 100 - pad, L->help.h - 2 * pad};
}

/* Two figures side by side in L->map, a label above each and the sides below. */
static void place_figures(struct layout *L)
{
    float fh = (float)(L->map.h - 2 * L->label_h);
    float fw = fh * 2.0f * BODYMAP_HALF_WIDTH;
    float fgap = fw * 0.35f;
    if (2 * fw + fgap > (float)L->map.w) {
        float k = (float)L->map.w / (2 * fw + fgap);
        fh *= k;
        fw *= k;
        fgap *= k;
    }
    float fx = (float)L->map.x + ((float)L->map.w - 2 * fw - fgap) / 2;
    float fy = (float)L->map.y + (float)L->label_h + ((float)(L->map.h - 2 * L->label_h) - fh) / 2;
    for (int v = 0; v < 2; v++)
        L->fig[v] = (SDL_Rect){px(fx + (float)v * (fw + fgap)), px(fy), px(fw), px(fh)};
}

static void fig_point(const struct layout *L, enum bodymap_view v, float x, float y, float *ox,
                      float *oy)
{
    const SDL_Rect *f = &L->fig[v];
    *ox = (float)f->x + (float)f->w / 2 + x * (float)f->h;
    *oy = (float)f->y + y * (float)f->h;
}

static void set_colour(struct painter *p, uint32_t c, Uint8 alpha)
{
    SDL_SetRenderDrawColor(p->r, (Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c, alpha);
}

static void fill_rect(struct painter *p, const SDL_Rect *rc, uint32_t c)
{
    set_colour(p, c, 255);
    SDL_RenderFillRect(p->r, rc);
}

static void vert(struct painter *p, float x, float y, uint32_t c)
{
    if (p->nverts < MAX_VERTS)
        p->verts[p->nverts++] = (SDL_Vertex){{x, y}, rgb(c), {0, 0}};
}

static void flush_geometry(struct painter *p)
{
    if (p->nverts)
        SDL_RenderGeometry(p->r, NULL, p->verts, p->nverts - p->nverts % 3, NULL, 0);
    p->nverts = 0;
}

static void disc(struct painter *p, float cx, float cy, float r, uint32_t c)
{
    enum { SEG = 64 };
    for (int i = 0; i < SEG; i++) {
        float a0 = 2.0f * (float)M_PI * (float)i / SEG;
        float a1 = 2.0f * (float)M_PI * (float)(i + 1) / SEG;
        vert(p, cx, cy, c);
        vert(p, cx + r * cosf(a0), cy + r * sinf(a0), c);
        vert(p, cx + r * cosf(a1), cy + r * sinf(a1), c);
    }
}

/* A rectangle with round corners: a cross of two rectangles and four
 * quarter discs. (The rectangles are filled as rectangles: SDL's software
 * renderer turns quads of geometry into rectangles of its own, and loses
 * some.) */
static void round_rect(struct painter *p, const SDL_Rect *rc, float r, uint32_t c)
{
    float x0 = (float)rc->x, y0 = (float)rc->y;
    float x1 = x0 + (float)rc->w, y1 = y0 + (float)rc->h;
    r = floorf(fminf(r, fminf((float)rc->w, (float)rc->h) / 2));
    set_colour(p, c, 255);
    /* One pixel wider than the corners' edge, so no seam shows. */
    SDL_FRect cross[2] = {{x0 + r - 1, y0, x1 - x0 - 2 * r + 2, y1 - y0},
                          {x0, y0 + r, x1 - x0, y1 - y0 - 2 * r}};
    SDL_RenderFillRectsF(p->r, cross, 2);
    float corner[4][2] = {{x0 + r, y0 + r}, {x1 - r, y0 + r}, {x1 - r, y1 - r}, {x0 + r, y1 - r}};
    enum { SEG = 10 };
    for (int k = 0; k < 4; k++) {
        float base = (float)M_PI * (1.0f + 0.5f * (float)k);
        for (int i = 0; i < SEG; i++) {
            float a0 = base + 0.5f * (float)M_PI * (float)i / SEG;
            float a1 = base + 0.5f * (float)M_PI * (float)(i + 1) / SEG;
            vert(p, corner[k][0], corner[k][1], c);
            vert(p, corner[k][0] + r * cosf(a0), corner[k][1] + r * sinf(a0), c);
            vert(p, corner[k][0] + r * cosf(a1), corner[k][1] + r * sinf(a1), c);
        }
    }
    flush_geometry(p);
}

/* ---- text ---- */

static void font_size(struct painter *p, int bold, int size)
{
    if (p->font_size[bold] != size) {
        TTF_SetFontSize(p->font[bold], size);
        p->font_size[bold] = size;
    }
}

static int text_width(struct painter *p, int bold, const char *s, int len)
{
    char buf[1024];
    if (len >= (int)sizeof buf)
        len = (int)sizeof buf - 1;
    memcpy(buf, s, (size_t)len);
    buf[len] = 0;
    int w = 0, h = 0;
    TTF_SizeUTF8(p->font[bold], buf, &w, &h);
    return w;
}

/* Breaks s into lines no wider than maxw, at spaces; returns how many, with
 * each line's start and length. A word wider than maxw gets a line alone. */
static int wrap(struct painter *p, int bold, const char *s, int maxw, int starts[], int lens[],
                int cap)
{
    int n = 0;
    const char *line = s;
    while (*line && n < cap) {
        while (*line == ' ')
            line++;
        if (!*line)
            break;
        const char *end = line, *fit = NULL;
        for (;;) {
            const char *word_end = end;
            while (*word_end == ' ')
                word_end++;
            while (*word_end && *word_end != ' ')
                word_end++;
            if (text_width(p, bold, line, (int)(word_end - line)) > maxw && fit)
                break;
            fit = word_end;
            end = word_end;
            if (!*end)
                break;
        }
        starts[n] = (int)(line - s);
        lens[n] = (int)(fit - line);
        n++;
        line = fit;
    }
    if (*line && n == cap)
        n = cap + 1; /* more than fits */
    return n;
}

/* Renders s at the largest size up to `size` that fits maxw (and, for more
 * than one line, maxh and `lines`), as one white block. */
static SDL_Surface *render_block(struct painter *p, const char *s, int bold, int size, int maxw,
                                 int maxh, int lines, int *fitted)
{
    enum { MAX_LINES = 6 };
    int starts[MAX_LINES], lens[MAX_LINES], n = 1;
    if (lines > MAX_LINES)
        lines = MAX_LINES;
    for (;; size = size * 9 / 10) {
        if (size < 6)
            size = 6;
        font_size(p, bold, size);
        int skip = TTF_FontLineSkip(p->font[bold]);
        if (lines <= 1) {
            starts[0] = 0;
            lens[0] = (int)strlen(s);
            if ((text_width(p, bold, s, lens[0]) <= maxw &&
                 TTF_FontHeight(p->font[bold]) <= maxh) ||
                size == 6)
                break;
        } else {
            n = wrap(p, bold, s, maxw, starts, lens, lines);
            if ((n <= lines && n * skip <= maxh) || size == 6)
                break;
        }
    }
    if (n > lines)
        n = lines;
    *fitted = size;
    SDL_Surface *line[MAX_LINES] = {0};
    int w = 1, h = 0;
    for (int i = 0; i < n; i++) {
        char buf[1024];
        int len = lens[i] < (int)sizeof buf - 1 ? lens[i] : (int)sizeof buf - 1;
        memcpy(buf, s + starts[i], (size_t)len);
        buf[len] = 0;
        line[i] = len ? TTF_RenderUTF8_Blended(p->font[bold], buf, rgb(0xFFFFFF)) : NULL;
        if (line[i] && line[i]->w > w)
            w = line[i]->w;
    }
    int skip = TTF_FontLineSkip(p->font[bold]);
    h = n > 0 ? (n - 1) * skip + TTF_FontHeight(p->font[bold]) : 1;
    SDL_Surface *block = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (block) {
        SDL_FillRect(block, NULL, 0);
        for (int i = 0; i < n; i++) {
            if (!line[i])
                continue;
            /* Lines do not overlap: copy them, alpha and all. */
            SDL_SetSurfaceBlendMode(line[i], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(line[i], NULL, block, &(SDL_Rect){0, i * skip, 0, 0});
        }
    }
    for (int i = 0; i < n; i++)
        SDL_FreeSurface(line[i]);
    return block;
}

static struct cached *text_texture(struct painter *p, const char *s, int bold, int size, int maxw,
                                   int maxh, int lines)
{
    struct cached *slot = &p->cache[0];
    p->tick++;
    for (int i = 0; i < TEXT_CACHE; i++) {
        struct cached *c = &p->cache[i];
        if (c->text && c->bold == bold && c->size == size && c->maxw == maxw && c->maxh == maxh &&
            c->lines == lines && strcmp(c->text, s) == 0) {
            c->used = p->tick;
            return c;
        }
        if (c->used < slot->used)
            slot = c;
    }
    int fitted;
    SDL_Surface *block = render_block(p, s, bold, size, maxw, maxh, lines, &fitted);
    if (!block)
        return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(p->r, block);
    int w = block->w, h = block->h;
    SDL_FreeSurface(block);
    char *copy = strdup(s);
    if (!tex || !copy) {
        if (tex)
            SDL_DestroyTexture(tex);
        free(copy);
        return NULL;
    }
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    if (slot->tex)
        SDL_DestroyTexture(slot->tex);
    free(slot->text);
    *slot = (struct cached){copy, bold, size, maxw, maxh, lines, tex, w, h, fitted, p->tick};
    return slot;
}

enum { LEFT, CENTRE, RIGHT };

/* Draws s in box, vertically centred, at most `size` pixels high and
 * smaller if it must be to fit; returns its width. */
static int text(struct painter *p, const char *s, int bold, int size, const SDL_Rect *box,
                int align, int lines, uint32_t colour)
{
    if (!s || !*s || box->w <= 0 || size <= 0)
        return 0;
    struct cached *c = text_texture(p, s, bold, size, box->w, box->h, lines);
    if (!c)
        return 0;
    int x = align == LEFT     ? box->x
            : align == CENTRE ? box->x + (box->w - c->w) / 2
                              : box->x + box->w - c->w;
    SDL_Rect dst = {x, box->y + (box->h - c->h) / 2, c->w, c->h};
    SDL_SetTextureColorMod(c->tex, (Uint8)(colour >> 16), (Uint8)(colour >> 8), (Uint8)colour);
    SDL_RenderCopy(p->r, c->tex, NULL, &dst);
    return c->w;
}

/* ---- what the state means: show.c decides it ---- */

static void show_of(const struct view_sdl_state *s, struct show *sh)
{
    show_make(sh, &(struct show_input){.tl = s->tl,
                                       .cue_frames = s->cue_frames,
                                       .now = s->now,
                                       .paused = s->paused,
                                       .volume_db = s->volume_db,
                                       .click_muted = s->click_muted,
                                       .listen = s->listen});
}

/* ---- the picture ---- */

static void paint_body(struct painter *p, const struct layout *L, int area, enum script_side side)
{
    static const char *const names[] = {"FRONT", "BACK"};
    int dim_sides = side != SCRIPT_SIDE_NONE;
    int fsize = px(24 * L->u);
    for (int v = 0; v < 2; v++) {
        const SDL_Rect *f = &L->fig[v];
        SDL_Rect lab = {f->x - f->w, L->map.y, 3 * f->w, L->label_h};
        text(p, names[v], 1, fsize, &lab, CENTRE, 1, DIM_RGB);

        int n = bodymap_figure((enum bodymap_view)v, p->xy, MAX_VERTS);
        for (int i = 0; i < n && i < MAX_VERTS; i++) {
            float x, y;
            fig_point(L, (enum bodymap_view)v, p->xy[2 * i], p->xy[2 * i + 1], &x, &y);
            vert(p, x, y, VIEW_SDL_FIGURE);
        }
        flush_geometry(p);
        /* The area on the other side first, dimmer: it comes later or came. */
        for (int pass = 0; pass < 2 && area >= 0; pass++) {
            enum script_side which =
                pass == 0
                    ? (dim_sides ? (side == SCRIPT_SIDE_LEFT ? SCRIPT_SIDE_RIGHT : SCRIPT_SIDE_LEFT)
                                 : SCRIPT_SIDE_NONE)
                    : side;
            if (pass == 0 && !dim_sides)
                continue;
            uint32_t c = pass == 0 ? mix(VIEW_SDL_FIGURE, VIEW_SDL_ACCENT, 0.35f) : VIEW_SDL_ACCENT;
            n = bodymap_area(area, which, (enum bodymap_view)v, p->xy, MAX_VERTS);
            for (int i = 0; i < n && i < MAX_VERTS; i++) {
                float x, y;
                fig_point(L, (enum bodymap_view)v, p->xy[2 * i], p->xy[2 * i + 1], &x, &y);
                vert(p, x, y, c);
            }
            flush_geometry(p);
        }
        /* The body's sides under its feet. */
        for (int sd = SCRIPT_SIDE_LEFT; sd <= SCRIPT_SIDE_RIGHT; sd++) {
            int sign = bodymap_side_sign((enum bodymap_view)v, (enum script_side)sd);
            int foot = f->x + f->w / 2 + sign * px(0.075f * (float)f->h);
            SDL_Rect box = {foot - L->label_h, f->y + f->h, 2 * L->label_h, L->label_h};
            text(p, sd == SCRIPT_SIDE_LEFT ? "L" : "R", 1, fsize, &box, CENTRE, 1,
                 side == (enum script_side)sd ? VIEW_SDL_ACCENT : DIM_RGB);
        }
    }
}

static void paint_progress(struct painter *p, const struct layout *L,
                           const struct view_sdl_state *s)
{
    const struct timeline *tl = s->tl;
    int64_t len = tl->length > 0 ? tl->length : 1;
    int64_t now = s->now < 0 ? 0 : s->now > len ? len : s->now;
    SDL_Rect track = L->bar;
    fill_rect(p, &track, VIEW_SDL_TRACK);
    SDL_Rect done = track;
    done.w = (int)((int64_t)track.w * now / len);
    fill_rect(p, &done, VIEW_SDL_ACCENT);
    /* A notch where each step begins. */
    int notch = px(4 * L->u) > 2 ? px(4 * L->u) : 2;
    for (int i = 0; i < tl->nsteps; i++) {
        int x = track.x + (int)((int64_t)track.w * tl->steps[i].start / len);
        SDL_Rect mark = {x - notch / 2, track.y - px(5 * L->u), notch, track.h + px(10 * L->u)};
        fill_rect(p, &mark, VIEW_SDL_BACKGROUND);
    }
}

static void paint_buttons(struct painter *p, const struct layout *L, const struct view_sdl_state *s,
                          int flash)
{
    static const char *const key[VIEW_SDL_ACTIONS] = {"\u2190", "space",  "\u2192", "h  +10 s",
                                                      "c",      "\u2193", "\u2191", "q"};
    const char *label[VIEW_SDL_ACTIONS] = {"\u25C0\u25C0 Back",
                                           s->paused ? "Resume" : "Pause",
                                           "Next \u25B6\u25B6",
                                           "Hold",
                                           s->click_muted ? "Click on" : "Click off",
                                           "Vol \u2212",
                                           "Vol +",
                                           "Quit"};
    /* Every label at one size: the largest at which all of them fit. */
    int pad = px(8 * L->u);
    int size[2] = {px(28 * L->u), px(20 * L->u)};
    for (int i = 0; i < VIEW_SDL_ACTIONS; i++) {
        const SDL_Rect *b = &L->button[i];
        struct cached *c = text_texture(p, label[i], 1, px(28 * L->u), b->w - 2 * pad, b->h, 1);
        if (c && c->fitted < size[0])
            size[0] = c->fitted;
        c = text_texture(p, key[i], 0, px(20 * L->u), b->w - 2 * pad, b->h, 1);
        if (c && c->fitted < size[1])
            size[1] = c->fitted;
    }
    /* Once the session is over, what makes sense then: again, or quit. */
    int over = s->now >= s->tl->length;
    if (over)
        label[VIEW_SDL_PAUSE] = "Again";
    for (int i = 0; i < VIEW_SDL_ACTIONS; i++) {
        const SDL_Rect *b = &L->button[i];
        int lit = i == flash;
        if (over && i != VIEW_SDL_PAUSE && i != VIEW_SDL_QUIT)
            continue;
        round_rect(p, b, 12 * L->u, lit ? VIEW_SDL_ACCENT : BUTTON_RGB);
        SDL_Rect top = {b->x + pad, b->y + px(8 * L->u), b->w - 2 * pad, b->h * 55 / 100};
        SDL_Rect bottom = {b->x + pad, top.y + top.h, b->w - 2 * pad, b->h * 30 / 100};
        text(p, label[i], 1, size[0], &top, CENTRE, 1, lit ? VIEW_SDL_BACKGROUND : TEXT_RGB);
        text(p, key[i], 0, size[1], &bottom, CENTRE, 1, lit ? VIEW_SDL_BACKGROUND : DIM_RGB);
    }
}

/* The help: each thing to do, its keys and, with --listen, what to say. */
static const struct {
    const char *what, *keys;
    int say[2]; /* enum listen_word, or -1 */
} helps[] = {
    {"Pause, go on", "space", {LISTEN_PAUSE, LISTEN_CONTINUE}},
    {"Back to the step's start", "\u2190  p", {LISTEN_BACK, -1}},
    {"The next step", "\u2192  n", {LISTEN_NEXT, -1}},
    {"Hold ten seconds longer", "h", {LISTEN_HOLD, -1}},
    {"Louder, quieter", "\u2191  \u2193", {LISTEN_LOUDER, LISTEN_QUIETER}},
    {"The other side", "s", {-1, -1}},
    {"The click off and on", "c", {-1, -1}},
    {"Music off and on, down, up", "m  [  ]", {-1, -1}},
    {"On from where you stopped", "r", {-1, -1}},
    {"Full screen", "f  F11", {-1, -1}},
    {"Quit", "q  Esc", {LISTEN_STOP, -1}},
    {"This help", "F1  ?", {-1, -1}},
};
#define HELPS ((int)(sizeof helps / sizeof helps[0]))

/* The largest size, up to size, at which each of the n strings is at most
 * maxw wide: a table's rows alike. */
static int size_fitting(struct painter *p, int bold, const char *const *s, int n, int maxw,
                        int size)
{
    for (int i = 0; i < n; i++)
        for (font_size(p, bold, size);
             size > 6 && text_width(p, bold, s[i], (int)strlen(s[i])) > maxw;
             font_size(p, bold, size))
            size = size * 9 / 10;
    return size;
}

/* Over the session, between the progress bar and the buttons, which stay. */
static void paint_help(struct painter *p, const struct layout *L, const struct view_sdl_state *s,
                       const struct show *sh)
{
    float u = L->u;
    SDL_SetRenderDrawBlendMode(p->r, SDL_BLENDMODE_BLEND);
    set_colour(p, 0x000000, 150);
    SDL_RenderFillRect(p->r, NULL);
    SDL_SetRenderDrawBlendMode(p->r, SDL_BLENDMODE_NONE);
    round_rect(p, &L->help, 12 * u, BANNER_RGB);

    const SDL_Rect *say = &L->help_say;
    int x0 = L->help.x + px(28 * u), xk = L->help.x + L->help.w * 42 / 100,
        rh = say->h / (HELPS + 1);
    SDL_Rect what = {x0, say->y, xk - x0 - px(16 * u), rh};
    SDL_Rect keys = {xk, say->y, say->x - xk - px(16 * u), rh};
    SDL_Rect spoken = {say->x, say->y, say->w, rh};
    const char *col[3][HELPS];
    char phrase[HELPS][64];
    for (int i = 0; i < HELPS; i++) {
        col[0][i] = helps[i].what;
        col[1][i] = helps[i].keys;
        phrase[i][0] = 0;
        if (sh->spoken && helps[i].say[0] >= 0)
            snprintf(phrase[i], sizeof phrase[i], "rollout %s%s%s", listen_verb(helps[i].say[0]),
                     helps[i].say[1] >= 0 ? " / " : "",
                     helps[i].say[1] >= 0 ? listen_verb(helps[i].say[1]) : "");
        col[2][i] = phrase[i];
    }
    int size = px(26 * u);
    size = size_fitting(p, 0, col[0], HELPS, what.w, size);
    size = size_fitting(p, 1, col[1], HELPS, keys.w, size);
    size = size_fitting(p, 0, col[2], HELPS, spoken.w, size);

    text(p, "Keys", 1, size, &keys, LEFT, 1, VIEW_SDL_ACCENT);
    const char *say_head = sh->spoken ? "Say"
                           : s->listen == CONTROL_LISTEN_CANNOT
                               ? "Spoken: cannot listen (see the terminal)"
                               : "Spoken: play --listen";
    text(p, say_head, sh->spoken, size, &spoken, LEFT, 1, sh->spoken ? VIEW_SDL_ACCENT : DIM_RGB);
    for (int i = 0; i < HELPS; i++) {
        what.y = keys.y = spoken.y = say->y + (i + 1) * rh;
        text(p, col[0][i], 0, size, &what, LEFT, 1, TEXT_RGB);
        text(p, col[1][i], 1, size, &keys, LEFT, 1, TEXT_RGB);
        text(p, col[2][i], 0, size, &spoken, LEFT, 1, SOFT_RGB);
    }
}

static void paint(struct painter *p, int w, int h, const struct view_sdl_state *s, int flash)
{
    struct layout L;
    layout(&L, w, h);
    struct show sh;
    show_of(s, &sh);
    const struct routine *r = s->tl->routine;
    float u = L.u;
    char buf[256];

    set_colour(p, VIEW_SDL_BACKGROUND, 255);
    SDL_RenderClear(p->r);

    /* The header: where in the session, and how long. */
    SDL_Rect half = L.header;
    half.w = L.header.w * 55 / 100;
    text(p, sh.header, 1, px(30 * u), &half, LEFT, 1, TEXT_RGB);
    snprintf(buf, sizeof buf, "%s%s%s%s%s%s%s%s%s / %s", sh.listening, sh.listening[0] ? "   " : "",
             sh.fast, sh.fast[0] ? "   " : "", sh.volume, sh.volume[0] ? "   " : "", sh.click,
             sh.click[0] ? "   " : "", sh.elapsed, sh.total);
    half.x = L.header.x + L.header.w - half.w;
    text(p, buf, 0, px(30 * u), &half, RIGHT, 1, TEXT_RGB);
    paint_progress(p, &L, s);

    /* The muscle, large. */
    text(p, sh.name, 1, px(104 * u), &L.name, LEFT, 1, TEXT_RGB);

    /* The side, unmistakable, and the phase beside it. */
    int x = L.side.x;
    int tsize = px(58 * u);
    if (sh.side_label[0]) {
        /* No arrow: the front view is mirrored, so an arrow would point
         * away from the lit leg in one of the two figures. */
        const char *word = sh.side_label;
        struct cached *c = text_texture(p, word, 1, tsize, L.side.w, L.side.h, 1);
        if (c) {
            SDL_Rect pill = {x, L.side.y + px(6 * u), c->w + px(48 * u), L.side.h - px(12 * u)};
            round_rect(p, &pill, (float)pill.h / 2, VIEW_SDL_ACCENT);
            text(p, word, 1, tsize, &pill, CENTRE, 1, VIEW_SDL_BACKGROUND);
            x = pill.x + pill.w + px(36 * u);
        }
    }
    SDL_Rect ph_box = {x, L.side.y, L.side.x + L.side.w - x, L.side.h};
    text(p, sh.phase_label, 1, tsize, &ph_box, LEFT, 1, TEXT_RGB);

    /* The pulse and the countdown. While rolling the disc lights with each
     * click; otherwise a ring stands still: no clicks now. */
    float pr = (float)L.pulse_r;
    if (sh.done) {
        /* nothing to pace, nothing to count */
    } else if (sh.pulse >= 0) {
        disc(p, (float)L.pulse_x, (float)L.pulse_y, pr,
             mix(VIEW_SDL_TRACK, VIEW_SDL_ACCENT, (float)sh.pulse));
    } else {
        disc(p, (float)L.pulse_x, (float)L.pulse_y, pr, VIEW_SDL_TRACK);
        disc(p, (float)L.pulse_x, (float)L.pulse_y, pr * 0.8f, VIEW_SDL_BACKGROUND);
    }
    flush_geometry(p);
    if (sh.count[0]) {
        int cx = L.pulse_x + L.pulse_r + px(36 * u);
        /* Digits have no descenders and fill only the cap height: the line
         * box may spill over the row as long as the ink stays in it. */
        SDL_Rect cbox = {cx, L.count.y - L.count.h * 15 / 100, L.count.x + L.count.w - cx,
                         L.count.h * 130 / 100};
        int cw = text(p, sh.count, 1, px(160 * u), &cbox, LEFT, 1, TEXT_RGB);
        if (sh.count_to[0]) { /* what it counts to, beside it */
            SDL_Rect to = {cx + cw + px(24 * u), L.count.y, cbox.w - cw - px(24 * u), L.count.h};
            text(p, sh.count_to, 0, px(34 * u), &to, LEFT, 2, DIM_RGB);
        }
    }

    /* What is being said, and the equipment and what comes next. */
    text(p, sh.words, 0, px(36 * u), &L.say, LEFT, 3, SOFT_RGB);
    char foot[520];
    snprintf(foot, sizeof foot, "%s%s%s", sh.equipment,
             sh.equipment[0] && sh.next[0] ? "   \u00B7   " : "", sh.next);
    if (s->notice && s->notice[0]) /* e.g. a reloaded routine's first error */
        text(p, s->notice, 1, px(32 * u), &L.foot, LEFT, 1, VIEW_SDL_ACCENT);
    else
        text(p, foot, 0, px(32 * u), &L.foot, LEFT, 1, DIM_RGB);

    int area = sh.step >= 0 ? area_find(r->steps[sh.step].area) : -1;
    paint_body(p, &L, area, sh.side);
    if (s->paused) {
        /* Dim everything but the buttons, and say so across the middle. */
        SDL_SetRenderDrawBlendMode(p->r, SDL_BLENDMODE_BLEND);
        set_colour(p, 0x000000, 150);
        SDL_RenderFillRect(p->r, NULL);
        SDL_SetRenderDrawBlendMode(p->r, SDL_BLENDMODE_NONE);
        fill_rect(p, &L.banner, BANNER_RGB);
        SDL_Rect edge = {0, L.banner.y, L.banner.w, px(6 * u)};
        fill_rect(p, &edge, VIEW_SDL_ACCENT);
        edge.y = L.banner.y + L.banner.h - edge.h;
        fill_rect(p, &edge, VIEW_SDL_ACCENT);
        SDL_Rect big = {L.banner.x, L.banner.y + px(10 * u), L.banner.w, L.banner.h * 62 / 100};
        text(p, "PAUSED", 1, px(120 * u), &big, CENTRE, 1, TEXT_RGB);
        SDL_Rect small = {0, big.y + big.h, L.banner.w, L.banner.h - big.h - px(24 * u)};
        if (sh.spoken)
            snprintf(buf, sizeof buf, "space, Resume, or say \u201Crollout %s\u201D",
                     listen_verb(LISTEN_CONTINUE));
        else
            snprintf(buf, sizeof buf, "space or Resume to go on");
        text(p, buf, 0, px(30 * u), &small, CENTRE, 1, DIM_RGB);
    }
    if (s->help)
        paint_help(p, &L, s, &sh);
    paint_buttons(p, &L, s, flash);
}

/* ---- the start screen ---- */

const int view_sdl_minutes[VIEW_SDL_MINUTES] = {0, 5, 8, 10, 15, 20};

_Static_assert(VIEW_SDL_MINUTES + 2 <= VIEW_SDL_ACTIONS,
               "the start screen's buttons take the places of the session's");

/* The area, lit in view v on the given side (SCRIPT_SIDE_NONE: both), in colour c. */
static void paint_area(struct painter *p, const struct layout *L, int area, enum script_side side,
                       enum bodymap_view v, uint32_t c)
{
    int n = bodymap_area(area, side, v, p->xy, MAX_VERTS);
    for (int i = 0; i < n && i < MAX_VERTS; i++) {
        float x, y;
        fig_point(L, v, p->xy[2 * i], p->xy[2 * i + 1], &x, &y);
        vert(p, x, y, c);
    }
    flush_geometry(p);
}

/* "Calves and hamstrings: left and right": what is marked, and both sides
 * when any of it has two. */
static void marked_list(const struct view_sdl_start *st, char *out, size_t size)
{
    int n = 0, total = 0, paired = 0;
    for (int a = 0; a < area_count; a++)
        if (st->choice.areas[a]) {
            total++;
            paired |= area_paired(a) == 1;
        }
    out[0] = 0;
    for (int a = 0; a < area_count; a++) {
        if (!st->choice.areas[a])
            continue;
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s",
                 n == 0           ? ""
                 : n == total - 1 ? " and "
                                  : ", ",
                 compose_area_plural(a));
        n++;
    }
    out[0] = (char)toupper((unsigned char)out[0]);
    if (paired) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s", ": left and right");
    }
}

static void paint_start(struct painter *p, int w, int h, const struct view_sdl_start *st, int flash)
{
    struct layout L;
    layout(&L, w, h);
    float u = L.u;
    set_colour(p, VIEW_SDL_BACKGROUND, 255);
    SDL_RenderClear(p->r);

    SDL_Rect half = L.header;
    half.w = L.header.w * 55 / 100;
    text(p, "rollout", 1, px(30 * u), &half, LEFT, 1, DIM_RGB);
    text(p, "What is sore today?", 1, px(84 * u), &L.name, LEFT, 1, TEXT_RGB);
    text(p, "Touch each sore area on the body.", 0, px(40 * u), &L.side, LEFT, 1, SOFT_RGB);

    char list[512];
    int any = 0;
    for (int a = 0; a < area_count; a++)
        any |= st->choice.areas[a];
    if (any) {
        marked_list(st, list, sizeof list);
        text(p, list, 1, px(48 * u), &L.count, LEFT, 2, VIEW_SDL_ACCENT);
    } else {
        text(p, "Nothing marked: Start plays the default routine.", 0, px(40 * u), &L.count, LEFT,
             2, SOFT_RGB);
    }
    text(p, "\u2191 \u2193 choose an area   space marks it   \u2190 \u2192 minutes   Enter starts",
         0, px(28 * u), &L.say, LEFT, 2, DIM_RGB);
    if (st->notice && st->notice[0]) {
        text(p, st->notice, 1, px(32 * u), &L.foot, LEFT, 1, VIEW_SDL_ACCENT);
    } else if (st->cursor >= 0) {
        snprintf(list, sizeof list, "\u25B8 %s%s", area_label(st->cursor),
                 st->choice.areas[st->cursor] ? ": marked" : "");
        text(p, list, 1, px(32 * u), &L.foot, LEFT, 1, TEXT_RGB);
    }

    /* The body: what can be marked faintly, what is marked in the accent on
     * both sides, the area the keys are on lighter. */
    static const char *const names[] = {"FRONT", "BACK"};
    int fsize = px(24 * u);
    int sided = 0;
    for (int v = 0; v < 2; v++) {
        const SDL_Rect *f = &L.fig[v];
        SDL_Rect lab = {f->x - f->w, L.map.y, 3 * f->w, L.label_h};
        text(p, names[v], 1, fsize, &lab, CENTRE, 1, DIM_RGB);
        int n = bodymap_figure((enum bodymap_view)v, p->xy, MAX_VERTS);
        for (int i = 0; i < n && i < MAX_VERTS; i++) {
            float x, y;
            fig_point(&L, (enum bodymap_view)v, p->xy[2 * i], p->xy[2 * i + 1], &x, &y);
            vert(p, x, y, VIEW_SDL_FIGURE);
        }
        flush_geometry(p);
        for (int a = 0; a < area_count; a++) {
            uint32_t c;
            if (st->choice.areas[a])
                c = a == st->cursor ? mix(VIEW_SDL_ACCENT, TEXT_RGB, 0.45f) : VIEW_SDL_ACCENT;
            else if (a == st->cursor)
                c = mix(VIEW_SDL_FIGURE, TEXT_RGB, 0.45f);
            else if (st->covered[a])
                c = mix(VIEW_SDL_FIGURE, VIEW_SDL_ACCENT, 0.18f);
            else
                continue;
            paint_area(p, &L, a, SCRIPT_SIDE_NONE, (enum bodymap_view)v, c);
            sided |= st->choice.areas[a] && area_paired(a) == 1;
        }
        for (int sd = SCRIPT_SIDE_LEFT; sd <= SCRIPT_SIDE_RIGHT; sd++) {
            int sign = bodymap_side_sign((enum bodymap_view)v, (enum script_side)sd);
            int foot = f->x + f->w / 2 + sign * px(0.075f * (float)f->h);
            SDL_Rect box = {foot - L.label_h, f->y + f->h, 2 * L.label_h, L.label_h};
            text(p, sd == SCRIPT_SIDE_LEFT ? "L" : "R", 1, fsize, &box, CENTRE, 1,
                 sided ? VIEW_SDL_ACCENT : DIM_RGB);
        }
    }

    /* The lengths, Start and Quit, where the session's buttons are. */
    int pad = px(8 * u);
    for (int i = 0; i < VIEW_SDL_MINUTES + 2; i++) {
        const SDL_Rect *b = &L.button[i];
        char label[32];
        const char *key = i < VIEW_SDL_MINUTES     ? "\u2190 \u2192"
                          : i == VIEW_SDL_START_GO ? "Enter"
                                                   : "q";
        if (i < VIEW_SDL_MINUTES && view_sdl_minutes[i] == 0)
            snprintf(label, sizeof label, "As written");
        else if (i < VIEW_SDL_MINUTES)
            snprintf(label, sizeof label, "%d min", view_sdl_minutes[i]);
        else
            snprintf(label, sizeof label, "%s", i == VIEW_SDL_START_GO ? "Start" : "Quit");
        int chosen = i < VIEW_SDL_MINUTES && view_sdl_minutes[i] == st->choice.minutes;
        int lit = chosen || i == VIEW_SDL_START_GO || i == flash;
        round_rect(p, b, 12 * u, lit ? VIEW_SDL_ACCENT : BUTTON_RGB);
        SDL_Rect top = {b->x + pad, b->y + px(8 * u), b->w - 2 * pad, b->h * 55 / 100};
        SDL_Rect bottom = {b->x + pad, top.y + top.h, b->w - 2 * pad, b->h * 30 / 100};
        text(p, label, 1, px(28 * u), &top, CENTRE, 1, lit ? VIEW_SDL_BACKGROUND : TEXT_RGB);
        text(p, key, 0, px(20 * u), &bottom, CENTRE, 1, lit ? VIEW_SDL_BACKGROUND : DIM_RGB);
    }
}

/* The area drawn at pixel (x, y) of a w x h picture, or -1. */
static int area_at(int w, int h, int x, int y)
{
    struct layout L;
    layout(&L, w, h);
    for (int v = 0; v < 2; v++) {
        const SDL_Rect *f = &L.fig[v];
        if (f->h <= 0)
            continue;
        float fx = ((float)x - (float)f->x - (float)f->w / 2) / (float)f->h;
        float fy = ((float)y - (float)f->y) / (float)f->h;
        int a = bodymap_hit((enum bodymap_view)v, fx, fy, NULL);
        if (a >= 0)
            return a;
    }
    return -1;
}

/* ---- fonts ---- */

/* The file fontconfig gives for a family and weight, or "" if none. */
static void find_font(const char *family, int bold, char *path, size_t len)
{
    path[0] = 0;
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    if (!cfg)
        return;
    FcPattern *pat = FcNameParse((const FcChar8 *)family);
    if (pat) {
        FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
        FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
        FcConfigSubstitute(cfg, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res;
        FcPattern *match = FcFontMatch(cfg, pat, &res);
        FcChar8 *file = NULL;
        if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch && file)
            snprintf(path, len, "%s", (const char *)file);
        if (match)
            FcPatternDestroy(match);
        FcPatternDestroy(pat);
    }
    FcConfigDestroy(cfg);
}

/* Opens the regular and bold faces: $ROLLOUT_FONT if set, else DejaVu Sans
 * or whatever sans-serif fontconfig prefers. TTF must be initialised. */
static int open_fonts(struct painter *p, char *err, size_t errlen)
{
    const char *forced = getenv("ROLLOUT_FONT");
    char path[2][4096];
    for (int b = 0; b < 2; b++) {
        if (forced && *forced)
            snprintf(path[b], sizeof path[b], "%s", forced);
        else
            find_font("DejaVu Sans,sans-serif", b, path[b], sizeof path[b]);
        if (!path[b][0]) {
            snprintf(err, errlen,
                     "no font found for the window: install fonts-dejavu-core or set "
                     "ROLLOUT_FONT to a .ttf file");
            return -1;
        }
        /* ROLLOUT_FONT may name anything: a FIFO must not keep the window
         * waiting for a writer that never comes. */
        struct stat st;
        enum path_read why;
        int e, fd = path_open(path[b], &st, &why, &e);
        if (fd < 0) {
            snprintf(err, errlen,
                     "cannot load the font %s (%s): install fonts-dejavu-core or set "
                     "ROLLOUT_FONT to a .ttf file",
                     path[b], path_read_reason(why, e));
            return -1;
        }
        close(fd);
        p->font[b] = TTF_OpenFont(path[b], 32);
        if (!p->font[b]) {
            snprintf(err, errlen,
                     "cannot load the font %s (%s): install fonts-dejavu-core or set "
                     "ROLLOUT_FONT to a .ttf file",
                     path[b], TTF_GetError());
            return -1;
        }
        p->font_size[b] = 32;
    }
    if (strcmp(path[0], path[1]) == 0)
        TTF_SetFontStyle(p->font[1], TTF_STYLE_BOLD);
    return 0;
}

static void painter_free(struct painter *p)
{
    for (int i = 0; i < TEXT_CACHE; i++) {
        if (p->cache[i].tex)
            SDL_DestroyTexture(p->cache[i].tex);
        free(p->cache[i].text);
    }
    for (int b = 0; b < 2; b++)
        if (p->font[b])
            TTF_CloseFont(p->font[b]);
    free(p);
}

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
    if (open_fonts(p, err, errlen) != 0)
        goto out;
    draw(p, w, h, arg);
    SDL_RenderFlush(p->r);
    res = save_surface(surf, path, stop, err, errlen);
out:
    if (p) {
        SDL_Renderer *r = p->r;
        painter_free(p); /* its textures belong to r: free them first */
        if (r)
            SDL_DestroyRenderer(r);
    }
    SDL_FreeSurface(surf);
    TTF_Quit();
    return res;
}

static void draw_shot(struct painter *p, int w, int h, const void *arg)
{
    paint(p, w, h, arg, -1);
}

enum view_sdl_shot_result view_sdl_shot(const struct view_sdl_state *s, int w, int h,
                                        const char *path, const volatile sig_atomic_t *stop,
                                        char *err, size_t errlen)
{
    return draw_file(w, h, path, draw_shot, s, stop, err, errlen);
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
    place_figures(&L);
    set_colour(p, VIEW_SDL_BACKGROUND, 255);
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

/* ---- probes ---- */

int view_sdl_area_pixel(int w, int h, int area, enum script_side side, int *x, int *y)
{
    struct layout L;
    layout(&L, w, h);
    enum bodymap_view v;
    float fx, fy, ox, oy;
    if (bodymap_area_point(area, side, &v, &fx, &fy) != 0)
        return -1;
    fig_point(&L, v, fx, fy, &ox, &oy);
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
    layout(&L, w, h);
    const SDL_Rect *f = &L.fig[view];
    rect_out((SDL_Rect){f->x, f->y + f->h, f->w, L.label_h}, rect);
    *middle = f->x + f->w / 2;
}

void view_sdl_progress_rect(int w, int h, int rect[4])
{
    struct layout L;
    layout(&L, w, h);
    rect_out(L.bar, rect);
}

void view_sdl_pulse_pixel(int w, int h, int *x, int *y)
{
    struct layout L;
    layout(&L, w, h);
    *x = L.pulse_x;
    *y = L.pulse_y;
}

void view_sdl_banner_rect(int w, int h, int rect[4])
{
    struct layout L;
    layout(&L, w, h);
    rect_out(L.banner, rect);
}

void view_sdl_help_rect(int w, int h, int rect[4])
{
    struct layout L;
    layout(&L, w, h);
    rect_out(L.help, rect);
}

void view_sdl_help_say_rect(int w, int h, int rect[4])
{
    struct layout L;
    layout(&L, w, h);
    rect_out(L.help_say, rect);
}

void view_sdl_rows_rect(int w, int h, int rect[4])
{
    struct layout L;
    layout(&L, w, h);
    rect_out((SDL_Rect){L.name.x, L.name.y, L.name.w, L.count.y + L.count.h - L.name.y}, rect);
}

void view_sdl_paused_pixel(int w, int h, int *x, int *y)
{
    struct layout L;
    layout(&L, w, h);
    *x = L.banner.x + 4;
    *y = L.banner.y + L.banner.h / 2;
}

void view_sdl_button_pixel(int w, int h, enum view_sdl_action a, int *x, int *y)
{
    struct layout L;
    layout(&L, w, h);
    *x = L.button[a].x + L.button[a].w / 2;
    *y = L.button[a].y + L.button[a].h / 2;
}

void view_sdl_start_pixel(int w, int h, int which, int *x, int *y)
{
    view_sdl_button_pixel(w, h, (enum view_sdl_action)which, x, y);
}

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

/* What is on screen, to tell whether a redraw would change anything. */
struct look {
    const struct timeline *tl;
    int phase, speaking, paused, click_muted, flash, listen, help, w, h;
    const char *words;
    char count[16], elapsed[16];
    int pulse;
    float volume_db;
    unsigned notice;
};

struct view_sdl {
    struct control *control;
    const struct out_sdl *out;
    SDL_Window *win;
    struct painter *p;
    struct look shown;
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

static void state_now(struct view_sdl *v, struct view_sdl_state *s)
{
    struct control *c = v->control;
    struct engine_status st;
    engine_status(c->engine, &st);
    *s = (struct view_sdl_state){
        .tl = c->tl,
        .cue_frames = c->cue_frames,
        .now = v->out ? out_sdl_heard(v->out) : st.pos,
        .paused = c->paused,
        .volume_db = c->volume_db,
        .click_muted = c->click_muted,
        .notice = c->notice,
        .listen = c->listen,
        .help = v->help,
    };
}

static void look_at(struct view_sdl *v, const struct view_sdl_state *s, struct look *k)
{
    struct show sh;
    show_of(s, &sh);
    memset(k, 0, sizeof *k);
    k->tl = s->tl;
    k->phase = sh.phase;
    k->words = sh.words;
    k->speaking = sh.speaking;
    k->paused = s->paused;
    k->click_muted = s->click_muted;
    k->listen = s->listen;
    k->help = s->help;
    k->volume_db = s->volume_db;
    k->flash = v->flash;
    memcpy(k->count, sh.count, sizeof k->count);
    memcpy(k->elapsed, sh.elapsed, sizeof k->elapsed);
    k->pulse = sh.pulse;
    k->notice = v->control->notice_serial;
    SDL_GetRendererOutputSize(v->p->r, &k->w, &k->h);
}

/* Milliseconds until what is shown would next change by itself. */
static int due_ms(const struct view_sdl *v, const struct view_sdl_state *s)
{
    Uint32 t = SDL_GetTicks();
    int ms = 1000;
    if (v->flash >= 0)
        ms = (int)(v->flash_until - t) > 0 ? (int)(v->flash_until - t) : 1;
    if ((int)(v->settle_until - t) > 0 && ms > 20)
        ms = 20;
    if (v->start.on) /* nothing on it changes by itself */
        return ms;
    struct show sh;
    show_of(s, &sh);
    if (sh.changes == INT64_MAX)
        return ms;
    int64_t frames_ms = (sh.changes - sh.now) * 1000 / s->tl->rate + 1;
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

static void act(struct view_sdl *v, enum view_sdl_action a)
{
    if (over(v) && a != VIEW_SDL_PAUSE && a != VIEW_SDL_QUIT)
        return; /* nothing else means anything now */
    struct control *c = v->control;
    switch (a) {
    case VIEW_SDL_PREV:
        control_prev(c);
        break;
    case VIEW_SDL_PAUSE:
        if (over(v) && v->start.again)
            view_sdl_choose(v, v->start.st.covered, &v->start.st.choice);
        else if (over(v))
            control_again(c);
        else
            control_toggle_pause(c);
        break;
    case VIEW_SDL_NEXT:
        control_next(c);
        break;
    case VIEW_SDL_HOLD:
        control_hold_longer(c);
        break;
    case VIEW_SDL_CLICK:
        control_toggle_click(c);
        break;
    case VIEW_SDL_QUIETER:
        control_volume(c, -1);
        break;
    case VIEW_SDL_LOUDER:
        control_volume(c, +1);
        break;
    case VIEW_SDL_QUIT:
        control_quit(c);
        break;
    case VIEW_SDL_ACTIONS:
        break;
    }
    v->flash = (int)a;
    v->flash_until = SDL_GetTicks() + FLASH_MS;
    v->settle_until = SDL_GetTicks() + SETTLE_MS;
}

/* With no window manager nothing puts the window back as it was when full
 * screen ends: it keeps the screen's size and place. So its size and place
 * are kept here on the way in and given back on the way out. */
static void toggle_fullscreen(struct view_sdl *v)
{
    v->fullscreen = !v->fullscreen;
    if (v->fullscreen) {
        SDL_GetWindowSize(v->win, &v->windowed[2], &v->windowed[3]);
        SDL_GetWindowPosition(v->win, &v->windowed[0], &v->windowed[1]);
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

/* Media keys act as their MPRIS counterparts do. When the desktop also
 * sends the same press to rollout over MPRIS, control_act takes the two as
 * one. Returns 0 for a key that is not a media key. */
static int media_key(struct view_sdl *v, const SDL_KeyboardEvent *k)
{
    enum control_action a;
    int flash = -1;
    switch (k->keysym.sym) {
    case SDLK_AUDIOPLAY:
        a = CONTROL_PLAY_PAUSE, flash = VIEW_SDL_PAUSE;
        break;
    case SDLK_AUDIOSTOP:
        a = CONTROL_STOP, flash = VIEW_SDL_QUIT;
        break;
    case SDLK_AUDIONEXT:
        a = CONTROL_NEXT, flash = VIEW_SDL_NEXT;
        break;
    case SDLK_AUDIOPREV:
        a = CONTROL_PREV, flash = VIEW_SDL_PREV;
        break;
    case SDLK_VOLUMEUP:
        a = CONTROL_LOUDER, flash = VIEW_SDL_LOUDER;
        break;
    case SDLK_VOLUMEDOWN:
        a = CONTROL_QUIETER, flash = VIEW_SDL_QUIETER;
        break;
    case SDLK_AUDIOMUTE:
        a = CONTROL_MUTE;
        break;
    default:
        return 0;
    }
    /* Held down, only the volume keys repeat. */
    if (k->repeat && a != CONTROL_LOUDER && a != CONTROL_QUIETER)
        return 1;
    if (control_act(v->control, a, CONTROL_FROM_MEDIA_KEY) == 0 && flash >= 0) {
        v->flash = flash;
        v->flash_until = SDL_GetTicks() + FLASH_MS;
    }
    v->settle_until = SDL_GetTicks() + SETTLE_MS;
    v->dirty = 1;
    return 1;
}

static void key(struct view_sdl *v, const SDL_KeyboardEvent *k)
{
    int repeat = k->repeat != 0;
    if (media_key(v, k))
        return;
    switch (k->keysym.sym) {
    case SDLK_SPACE:
    case SDLK_PAUSE:
        if (!repeat)
            act(v, VIEW_SDL_PAUSE);
        break;
    case SDLK_RIGHT:
    case SDLK_n:
        if (!repeat)
            act(v, VIEW_SDL_NEXT);
        break;
    case SDLK_LEFT:
    case SDLK_p:
        if (!repeat)
            act(v, VIEW_SDL_PREV);
        break;
    case SDLK_UP:
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
        act(v, VIEW_SDL_LOUDER);
        break;
    case SDLK_DOWN:
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        act(v, VIEW_SDL_QUIETER);
        break;
    case SDLK_c:
        if (!repeat)
            act(v, VIEW_SDL_CLICK);
        break;
    case SDLK_h:
        if (!repeat)
            act(v, VIEW_SDL_HOLD);
        break;
    case SDLK_m: /* the music bed: keys, no buttons */
        if (!repeat)
            control_toggle_music(v->control);
        break;
    case SDLK_LEFTBRACKET:
        control_music_volume(v->control, -1);
        break;
    case SDLK_RIGHTBRACKET:
        control_music_volume(v->control, +1);
        break;
    case SDLK_r: /* the place a session was stopped, while it is offered */
        if (!repeat)
            control_resume(v->control);
        break;
    case SDLK_s: /* no button: the other side is a key, as in the terminal */
        if (!repeat) {
            control_next_side(v->control);
            v->settle_until = SDL_GetTicks() + SETTLE_MS;
        }
        break;
    case SDLK_f:
    case SDLK_F11:
        if (!repeat)
            toggle_fullscreen(v);
        break;
    case SDLK_F1: /* and ?, as text: it is a shifted key on some layouts and not others */
        if (!repeat)
            toggle_help(v);
        break;
    case SDLK_ESCAPE:
        /* Out of the help, then out of full screen first: Esc there means
         * "give me my desktop". */
        if (repeat)
            break;
        if (v->help)
            toggle_help(v);
        else if (v->fullscreen)
            toggle_fullscreen(v);
        else
            act(v, VIEW_SDL_QUIT);
        break;
    case SDLK_q:
        act(v, VIEW_SDL_QUIT);
        break;
    default:
        break;
    }
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
    layout(L, pw, ph);
    return 1;
}

/* A press at window point (x, y): the button under it, if any. */
static void press(struct view_sdl *v, int x, int y)
{
    SDL_Point pt;
    struct layout L;
    if (!to_pixel(v, x, y, &pt, &L))
        return;
    for (int i = 0; i < VIEW_SDL_ACTIONS; i++)
        if (SDL_PointInRect(&pt, &L.button[i])) {
            act(v, (enum view_sdl_action)i);
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
        act(v, VIEW_SDL_QUIT);
        break;
    case SDL_KEYDOWN:
        key(v, &e->key);
        break;
    case SDL_TEXTINPUT:
        if (strcmp(e->text.text, "?") == 0)
            toggle_help(v);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_LEFT)
            press(v, e->button.x, e->button.y);
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_CLOSE)
            act(v, VIEW_SDL_QUIT);
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

static void set_title(struct view_sdl *v, const struct view_sdl_state *s)
{
    struct show sh;
    show_of(s, &sh);
    if (strcmp(sh.title, v->title) == 0)
        return;
    snprintf(v->title, sizeof v->title, "%s", sh.title);
    SDL_SetWindowTitle(v->win, v->title);
}

static void refresh(struct view_sdl *v)
{
    struct view_sdl_state s;
    if (v->flash >= 0 && (int)(v->flash_until - SDL_GetTicks()) <= 0) {
        v->flash = -1;
        v->dirty |= v->start.on;
    }
    if (v->start.on) { /* drawn when something on it changed */
        control_poll(v->control);
        if (!v->dirty)
            return;
        int w, h;
        SDL_GetRendererOutputSize(v->p->r, &w, &h);
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
    control_poll(v->control);
    state_now(v, &s);
    struct look k;
    look_at(v, &s, &k);
    if (!v->dirty && memcmp(&k, &v->shown, sizeof k) == 0)
        return;
    paint(v->p, k.w, k.h, &s, v->flash);
    SDL_RenderPresent(v->p->r);
    /* After the picture: a title that names the step says it is on screen
     * (the window's tests wait for it before reading the pixels). */
    set_title(v, &s);
    v->shown = k;
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
    int a = area_at(L.w, L.h, pt.x, pt.y);
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

int view_sdl_chosen(struct view_sdl *v, struct view_sdl_choice *ch)
{
    if (!v || !v->start.on || !v->start.chosen)
        return 0;
    *ch = v->start.st.choice;
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
    if (open_fonts(p, err, errlen) != 0)
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

void view_sdl_set_output(struct view_sdl *v, const struct out_sdl *out)
{
    v->out = out;
}

void view_sdl_poll(struct view_sdl *v, int max_wait_ms)
{
    SDL_Event e;
    if (v->control->raise) { /* a remote asked for the window */
        v->control->raise = 0;
        view_sdl_raise(v);
    }
    while (SDL_PollEvent(&e))
        handle(v, &e);
    refresh(v);
    struct view_sdl_state s;
    state_now(v, &s);
    int wait = due_ms(v, &s);
    if (wait > max_wait_ms)
        wait = max_wait_ms;
    if (wait > 0 && SDL_WaitEventTimeout(&e, wait)) {
        handle(v, &e);
        while (SDL_PollEvent(&e))
            handle(v, &e);
    }
    refresh(v);
}

void view_sdl_close(struct view_sdl *v)
{
    if (!v)
        return;
    SDL_Renderer *r = v->p->r;
    painter_free(v->p); /* textures before their renderer */
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
