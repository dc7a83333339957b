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
    int paired = 0;
    for (int a = 0; a < area_count; a++)
        paired |= st->choice.areas[a] && area_paired(a) == 1;
    compose_area_list(st->choice.areas, out, size);
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
    /* The keys, or the offer to go on from where a session was stopped
     * (the keys then in the footer, until a notice or the cursor takes it). */
    const char *keys =
        "\u2191 \u2193 choose an area   space marks it   \u2190 \u2192 minutes   Enter starts";
    if (st->resume[0]) {
        snprintf(list, sizeof list, "Go on from %s", st->resume);
        paint_button(p, &L, &L.resume, list, "r", 0, px(34 * u), px(22 * u));
    } else {
        paint_text(p, keys, 0, px(28 * u), &L.say, PAINT_LEFT, 2, DIM_RGB);
    }
    if (st->resume[0] && !(st->notice && st->notice[0]) && st->cursor < 0) {
        paint_text(p, keys, 0, px(28 * u), &L.foot, PAINT_LEFT, 1, DIM_RGB);
    } else if (st->notice && st->notice[0]) {
        paint_text(p, st->notice, 1, px(32 * u), &L.foot, PAINT_LEFT, 1, VIEW_SDL_ACCENT);
    } else if (st->cursor >= 0) {
        snprintf(list, sizeof list, "\u25B8 %s%s", area_label(st->cursor),
                 st->choice.areas[st->cursor] ? ": marked" : "");
        paint_text(p, list, 1, px(32 * u), &L.foot, PAINT_LEFT, 1, TEXT_RGB);
    }

    /* The body: what can be marked faintly, what is marked in the accent on
     * both sides, the area the keys are on lighter. */
    int sided = 0;
    for (int v = 0; v < 2; v++) {
        paint_figure(p, &L, (enum bodymap_view)v);
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
        paint_side_letters(p, &L, (enum bodymap_view)v,
                           sided ? 1 << SCRIPT_SIDE_LEFT | 1 << SCRIPT_SIDE_RIGHT : 0);
    }

    /* The lengths, Start and Quit, where the session's buttons are. */
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
        paint_button(p, &L, b, label, key, lit, px(28 * u), px(20 * u));
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
