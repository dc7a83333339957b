/* SPDX-License-Identifier: MIT */
/* start.c — the start screen's picture: the body map, front and back,
 * with what can be marked sore, what is, a choice of minutes, and Start.
 * The window takes its presses and keys (view_sdl.c). */
#include "paint.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "area.h"
#include "compose.h"

const int view_sdl_minutes[VIEW_SDL_MINUTES] = {0, 5, 8, 10, 15, 20};

_Static_assert(VIEW_SDL_MINUTES + 2 <= ACTION_BUTTONS,
               "the start screen's buttons take the places of the session's");

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

void paint_start(struct painter *p, int w, int h, const struct view_sdl_start *st, int flash)
{
    struct layout L;
    paint_layout(&L, w, h);
    float u = L.u;
    paint_colour(p, VIEW_SDL_BACKGROUND, 255);
    SDL_RenderClear(p->r);

    SDL_Rect half = L.header;
    half.w = L.header.w * 55 / 100;
    paint_text(p, "rollout", 1, px(30 * u), &half, PAINT_LEFT, 1, DIM_RGB);
    paint_text(p, "What is sore today?", 1, px(84 * u), &L.name, PAINT_LEFT, 1, TEXT_RGB);
    paint_text(p, "Touch each sore area on the body.", 0, px(40 * u), &L.side, PAINT_LEFT, 1,
               SOFT_RGB);

    char list[512];
    int any = 0;
    for (int a = 0; a < area_count; a++)
        any |= st->choice.areas[a];
    if (any) {
        marked_list(st, list, sizeof list);
        paint_text(p, list, 1, px(48 * u), &L.count, PAINT_LEFT, 2, VIEW_SDL_ACCENT);
    } else {
        paint_text(p, "Nothing marked: Start plays the default routine.", 0, px(40 * u), &L.count,
                   PAINT_LEFT, 2, SOFT_RGB);
    }
    paint_text(
        p, "\u2191 \u2193 choose an area   space marks it   \u2190 \u2192 minutes   Enter starts",
        0, px(28 * u), &L.say, PAINT_LEFT, 2, DIM_RGB);
    if (st->notice && st->notice[0]) {
        paint_text(p, st->notice, 1, px(32 * u), &L.foot, PAINT_LEFT, 1, VIEW_SDL_ACCENT);
    } else if (st->cursor >= 0) {
        snprintf(list, sizeof list, "\u25B8 %s%s", area_label(st->cursor),
                 st->choice.areas[st->cursor] ? ": marked" : "");
        paint_text(p, list, 1, px(32 * u), &L.foot, PAINT_LEFT, 1, TEXT_RGB);
    }

    /* The body: what can be marked faintly, what is marked in the accent on
     * both sides, the area the keys are on lighter. */
    static const char *const names[] = {"FRONT", "BACK"};
    int fsize = px(24 * u);
    int sided = 0;
    for (int v = 0; v < 2; v++) {
        const SDL_Rect *f = &L.fig[v];
        SDL_Rect lab = {f->x - f->w, L.map.y, 3 * f->w, L.label_h};
        paint_text(p, names[v], 1, fsize, &lab, PAINT_CENTRE, 1, DIM_RGB);
        int n = bodymap_figure((enum bodymap_view)v, p->xy, MAX_VERTS);
        for (int i = 0; i < n && i < MAX_VERTS; i++) {
            float x, y;
            paint_fig_point(&L, (enum bodymap_view)v, p->xy[2 * i], p->xy[2 * i + 1], &x, &y);
            paint_vert(p, x, y, VIEW_SDL_FIGURE);
        }
        paint_flush(p);
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
            paint_text(p, sd == SCRIPT_SIDE_LEFT ? "L" : "R", 1, fsize, &box, PAINT_CENTRE, 1,
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
        paint_round_rect(p, b, 12 * u, lit ? VIEW_SDL_ACCENT : BUTTON_RGB);
        SDL_Rect top = {b->x + pad, b->y + px(8 * u), b->w - 2 * pad, b->h * 55 / 100};
        SDL_Rect bottom = {b->x + pad, top.y + top.h, b->w - 2 * pad, b->h * 30 / 100};
        paint_text(p, label, 1, px(28 * u), &top, PAINT_CENTRE, 1,
                   lit ? VIEW_SDL_BACKGROUND : TEXT_RGB);
        paint_text(p, key, 0, px(20 * u), &bottom, PAINT_CENTRE, 1,
                   lit ? VIEW_SDL_BACKGROUND : DIM_RGB);
    }
}

/* The area drawn at pixel (x, y) of a w x h picture, or -1. */
int paint_area_at(int w, int h, int x, int y)
{
    struct layout L;
    paint_layout(&L, w, h);
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
