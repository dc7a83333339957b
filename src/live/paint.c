/* SPDX-License-Identifier: MIT */
/* paint.c — drawing for the window, shots and artwork: the layout of a
 * picture of any size, shapes, text through SDL2_ttf with a font fontconfig
 * finds (rendered once per string and size into a small cache of
 * textures), and the body map. */
#include "paint.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "area.h"
#include "path.h"

/* The text column's rows, as shares of its height, and the pulse in the
 * countdown's row. */
static void paint_place_rows(struct layout *L)
{
    static const float share[] = {0.22f, 0.17f, 0.29f, 0.22f, 0.10f};
    SDL_Rect *row[] = {&L->name, &L->side, &L->count, &L->say, &L->foot};
    float y = (float)L->text.y;
    for (int i = 0; i < 5; i++) {
        float rh = share[i] * (float)L->text.h;
        *row[i] = (SDL_Rect){L->text.x, px(y), L->text.w, px(rh)};
        y += rh;
    }
    L->pulse_r = px((float)L->count.h * 0.36f);
    L->pulse_x = L->count.x + L->pulse_r + px(4 * L->u);
    L->pulse_y = L->count.y + L->count.h / 2;
    /* As tall as a button, or the row if it is less. */
    int bh = px(84 * L->u) < L->say.h ? px(84 * L->u) : L->say.h;
    L->resume = (SDL_Rect){L->say.x, L->say.y + (L->say.h - bh) / 2, L->say.w, bh};
}

void paint_layout(struct layout *L, int w, int h)
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
    int cols = w >= h ? ACTION_BUTTONS : ACTION_BUTTONS / 2;
    int rows = ACTION_BUTTONS / cols;
    int bh = px(84 * u), gap = px(12 * u);
    int by = h - px(20 * u) - rows * bh - (rows - 1) * gap;
    int bw = (w - 2 * m - (cols - 1) * gap) / cols;
    for (int i = 0; i < ACTION_BUTTONS; i++)
        L->button[i] = (SDL_Rect){m + i % cols * (bw + gap), by + i / cols * (bh + gap), bw, bh};
    /* Again and Done: each as wide as three of them in a row of eight (two
     * in a row of four), side by side in the middle of the lowest row. */
    int span = cols == ACTION_BUTTONS ? 3 : 2,
        first = ACTION_BUTTONS - cols + (cols - 2 * span) / 2;
    for (int k = 0; k < 2; k++) {
        const SDL_Rect *a = &L->button[first + k * span],
                       *b = &L->button[first + k * span + span - 1];
        L->end[k] = (SDL_Rect){a->x, a->y, b->x + b->w - a->x, a->h};
    }

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

    paint_place_rows(L);

    paint_place_figures(L);

    /* PAUSED goes over the words and the footer: the muscle, side and
     * countdown stay in view (dimmed), and no line is cut in half. */
    int by0 = L->count.y + L->count.h > L->say.y ? L->count.y + L->count.h : L->say.y;
    int bh2 = L->foot.y + L->foot.h - by0;
    if (bh2 < px(150 * u))
        bh2 = px(150 * u);
    /* Beside the body map, when it stands beside the words. */
    L->banner = (SDL_Rect){0, by0, w >= h ? L->map.x - px(16 * u) : w, bh2};

    /* The help takes the body map's place and, on a wide screen, the right
     * of the words: the muscle, the side, the phase and its countdown stay
     * in view beside it (paint_layout_beside_help). Its table's columns:
     * what, the keys, what to say. */
    if (w >= h) {
        int hx = w * 38 / 100;
        L->help = (SDL_Rect){hx, y0 - px(10 * u), w - m - hx, y1 - y0 + px(10 * u)};
    } else {
        L->help = (SDL_Rect){m, L->map.y, w - 2 * m, y1 - L->map.y};
    }
    int pad = px(24 * u);
    L->help_say = (SDL_Rect){L->help.x + L->help.w * 66 / 100, L->help.y + pad,
                             L->help.w * 34 / 100 - pad, L->help.h - 2 * pad};
}

void paint_layout_beside_help(struct layout *L)
{
    if (L->w < L->h)
        return; /* the help is where the body map was, under the words */
    L->text.w = L->help.x - L->text.x - px(24 * L->u);
    paint_place_rows(L);
}

/* Two figures side by side in L->map, a label above each and the sides below. */
void paint_place_figures(struct layout *L)
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

void paint_fig_point(const struct layout *L, enum bodymap_view v, float x, float y, float *ox,
                     float *oy)
{
    const SDL_Rect *f = &L->fig[v];
    *ox = (float)f->x + (float)f->w / 2 + x * (float)f->h;
    *oy = (float)f->y + y * (float)f->h;
}

void paint_colour(struct painter *p, uint32_t c, Uint8 alpha)
{
    SDL_SetRenderDrawColor(p->r, (Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c, alpha);
}

void paint_fill_rect(struct painter *p, const SDL_Rect *rc, uint32_t c)
{
    paint_colour(p, c, 255);
    SDL_RenderFillRect(p->r, rc);
}

void paint_vert(struct painter *p, float x, float y, uint32_t c)
{
    if (p->nverts < MAX_VERTS)
        p->verts[p->nverts++] = (SDL_Vertex){{x, y}, rgb(c), {0, 0}};
}

void paint_flush(struct painter *p)
{
    if (p->nverts)
        SDL_RenderGeometry(p->r, NULL, p->verts, p->nverts - p->nverts % 3, NULL, 0);
    p->nverts = 0;
}

void paint_disc(struct painter *p, float cx, float cy, float r, uint32_t c)
{
    enum { SEG = 64 };
    for (int i = 0; i < SEG; i++) {
        float a0 = 2.0f * (float)M_PI * (float)i / SEG;
        float a1 = 2.0f * (float)M_PI * (float)(i + 1) / SEG;
        paint_vert(p, cx, cy, c);
        paint_vert(p, cx + r * cosf(a0), cy + r * sinf(a0), c);
        paint_vert(p, cx + r * cosf(a1), cy + r * sinf(a1), c);
    }
}

/* A rectangle with round corners: a cross of two rectangles and four
 * quarter discs. (The rectangles are filled as rectangles: SDL's software
 * renderer turns quads of geometry into rectangles of its own, and loses
 * some.) */
void paint_round_rect(struct painter *p, const SDL_Rect *rc, float r, uint32_t c)
{
    float x0 = (float)rc->x, y0 = (float)rc->y;
    float x1 = x0 + (float)rc->w, y1 = y0 + (float)rc->h;
    r = floorf(fminf(r, fminf((float)rc->w, (float)rc->h) / 2));
    paint_colour(p, c, 255);
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
            paint_vert(p, corner[k][0], corner[k][1], c);
            paint_vert(p, corner[k][0] + r * cosf(a0), corner[k][1] + r * sinf(a0), c);
            paint_vert(p, corner[k][0] + r * cosf(a1), corner[k][1] + r * sinf(a1), c);
        }
    }
    paint_flush(p);
}

/* ---- text ---- */

void paint_font_size(struct painter *p, int bold, int size)
{
    if (p->font_size[bold] != size) {
        TTF_SetFontSize(p->font[bold], size);
        p->font_size[bold] = size;
    }
}

int paint_text_width(struct painter *p, int bold, const char *s, int len)
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
            if (paint_text_width(p, bold, line, (int)(word_end - line)) > maxw && fit)
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
        paint_font_size(p, bold, size);
        int skip = TTF_FontLineSkip(p->font[bold]);
        if (lines <= 1) {
            starts[0] = 0;
            lens[0] = (int)strlen(s);
            if ((paint_text_width(p, bold, s, lens[0]) <= maxw &&
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

struct cached *paint_text_texture(struct painter *p, const char *s, int bold, int size, int maxw,
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

/* Draws s in box, vertically centred, at most `size` pixels high and
 * smaller if it must be to fit; returns its width. */
int paint_text(struct painter *p, const char *s, int bold, int size, const SDL_Rect *box, int align,
               int lines, uint32_t colour)
{
    if (!s || !*s || box->w <= 0 || size <= 0)
        return 0;
    struct cached *c = paint_text_texture(p, s, bold, size, box->w, box->h, lines);
    if (!c)
        return 0;
    int x = align == PAINT_LEFT     ? box->x
            : align == PAINT_CENTRE ? box->x + (box->w - c->w) / 2
                                    : box->x + box->w - c->w;
    SDL_Rect dst = {x, box->y + (box->h - c->h) / 2, c->w, c->h};
    SDL_SetTextureColorMod(c->tex, (Uint8)(colour >> 16), (Uint8)(colour >> 8), (Uint8)colour);
    SDL_RenderCopy(p->r, c->tex, NULL, &dst);
    return c->w;
}

/* ---- the body map ---- */

void paint_button(struct painter *p, const struct layout *L, const SDL_Rect *b, const char *label,
                  const char *key, int lit, int label_size, int key_size)
{
    int pad = px(8 * L->u);
    paint_round_rect(p, b, 12 * L->u, lit ? VIEW_SDL_ACCENT : BUTTON_RGB);
    SDL_Rect top = {b->x + pad, b->y + px(8 * L->u), b->w - 2 * pad, b->h * 55 / 100};
    SDL_Rect bottom = {b->x + pad, top.y + top.h, b->w - 2 * pad, b->h * 30 / 100};
    paint_text(p, label, 1, label_size, &top, PAINT_CENTRE, 1,
               lit ? VIEW_SDL_BACKGROUND : TEXT_RGB);
    paint_text(p, key, 0, key_size, &bottom, PAINT_CENTRE, 1, lit ? VIEW_SDL_BACKGROUND : DIM_RGB);
}

void paint_figure(struct painter *p, const struct layout *L, enum bodymap_view v)
{
    static const char *const names[] = {"FRONT", "BACK"};
    const SDL_Rect *f = &L->fig[v];
    SDL_Rect lab = {f->x - f->w, L->map.y, 3 * f->w, L->label_h};
    paint_text(p, names[v], 1, px(24 * L->u), &lab, PAINT_CENTRE, 1, DIM_RGB);
    int n = bodymap_figure(v, p->xy, MAX_VERTS);
    for (int i = 0; i < n && i < MAX_VERTS; i++) {
        float x, y;
        paint_fig_point(L, v, p->xy[2 * i], p->xy[2 * i + 1], &x, &y);
        paint_vert(p, x, y, VIEW_SDL_FIGURE);
    }
    paint_flush(p);
}

void paint_side_letters(struct painter *p, const struct layout *L, enum bodymap_view v, int lit)
{
    const SDL_Rect *f = &L->fig[v];
    for (int sd = SCRIPT_SIDE_LEFT; sd <= SCRIPT_SIDE_RIGHT; sd++) {
        int sign = bodymap_side_sign(v, (enum script_side)sd);
        int foot = f->x + f->w / 2 + sign * px(0.075f * (float)f->h);
        SDL_Rect box = {foot - L->label_h, f->y + f->h, 2 * L->label_h, L->label_h};
        paint_text(p, sd == SCRIPT_SIDE_LEFT ? "L" : "R", 1, px(24 * L->u), &box, PAINT_CENTRE, 1,
                   lit & (1 << sd) ? VIEW_SDL_ACCENT : DIM_RGB);
    }
}

void paint_body(struct painter *p, const struct layout *L, int area, enum script_side side)
{
    int dim_sides = side != SCRIPT_SIDE_NONE;
    for (int v = 0; v < 2; v++) {
        paint_figure(p, L, (enum bodymap_view)v);
        /* The area on the other side first, dimmer: it comes later or came. */
        if (area >= 0 && dim_sides)
            paint_area(p, L, area, side == SCRIPT_SIDE_LEFT ? SCRIPT_SIDE_RIGHT : SCRIPT_SIDE_LEFT,
                       (enum bodymap_view)v, mix(VIEW_SDL_FIGURE, VIEW_SDL_ACCENT, 0.35f));
        if (area >= 0)
            paint_area(p, L, area, side, (enum bodymap_view)v, VIEW_SDL_ACCENT);
        /* The body's sides under its feet. */
        paint_side_letters(p, L, (enum bodymap_view)v, 1 << side);
    }
}

/* The area, lit in view v on the given side (SCRIPT_SIDE_NONE: both), in colour c. */
void paint_area(struct painter *p, const struct layout *L, int area, enum script_side side,
                enum bodymap_view v, uint32_t c)
{
    int n = bodymap_area(area, side, v, p->xy, MAX_VERTS);
    for (int i = 0; i < n && i < MAX_VERTS; i++) {
        float x, y;
        paint_fig_point(L, v, p->xy[2 * i], p->xy[2 * i + 1], &x, &y);
        paint_vert(p, x, y, c);
    }
    paint_flush(p);
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
int paint_open_fonts(struct painter *p, char *err, size_t errlen)
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

void paint_free(struct painter *p)
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
