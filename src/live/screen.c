/* SPDX-License-Identifier: MIT */
/* screen.c — the session's picture: the muscle, side, phase and its
 * countdown, a pulse with each click, the words being spoken, the
 * session's progress, the body map, the buttons, and the help over it. A
 * pure function of the state and the picture's size: the window draws it,
 * and so does `rollout shot`. */
#include "paint.h"

#include <stdio.h>
#include <string.h>

#include "area.h"
#include "action.h"
#include "control.h"
#include "report.h"

/* ---- the picture ---- */

static void paint_progress(struct painter *p, const struct layout *L, const struct show *sh)
{
    const struct timeline *tl = sh->tl;
    int64_t len = tl->length > 0 ? tl->length : 1;
    int64_t now = sh->now < 0 ? 0 : sh->now > len ? len : sh->now;
    SDL_Rect track = L->bar;
    paint_fill_rect(p, &track, VIEW_SDL_TRACK);
    SDL_Rect done = track;
    done.w = (int)((int64_t)track.w * now / len);
    paint_fill_rect(p, &done, VIEW_SDL_ACCENT);
    /* A notch where each step begins. */
    int notch = px(4 * L->u) > 2 ? px(4 * L->u) : 2;
    for (int i = 0; i < tl->nsteps; i++) {
        int x = track.x + (int)((int64_t)track.w * tl->steps[i].start / len);
        SDL_Rect mark = {x - notch / 2, track.y - px(5 * L->u), notch, track.h + px(10 * L->u)};
        paint_fill_rect(p, &mark, VIEW_SDL_BACKGROUND);
    }
}

/* The buttons, as the action table has them: each action's label (its
 * other label while what it toggles is on), and its first key below. */
static void paint_buttons(struct painter *p, const struct layout *L, const struct show *sh,
                          int flash)
{
    const char *label[ACTION_BUTTONS], *key[ACTION_BUTTONS];
    char first[ACTION_BUTTONS][16]; /* each button's first key, by name */
    for (int i = 0; i < ACTION_BUTTONS; i++) {
        const struct action *a = action_on_button((enum action_button)i);
        int on = (a->act == CONTROL_PLAY_PAUSE && sh->paused) ||
                 (a->act == CONTROL_CLICK && sh->click_off);
        label[i] = on && a->label_on ? a->label_on : a->label;
        snprintf(first[i], sizeof first[i], "%.*s", (int)strcspn(a->keys, " "), a->keys);
        key[i] = action_key_shown(first[i]);
    }
    /* Every label at one size: the largest at which all of them fit. */
    int pad = px(8 * L->u);
    int size[2] = {px(28 * L->u), px(20 * L->u)};
    for (int i = 0; i < ACTION_BUTTONS; i++) {
        const SDL_Rect *b = &L->button[i];
        struct cached *c =
            paint_text_texture(p, label[i], 1, px(28 * L->u), b->w - 2 * pad, b->h, 1);
        if (c && c->fitted < size[0])
            size[0] = c->fitted;
        c = paint_text_texture(p, key[i], 0, px(20 * L->u), b->w - 2 * pad, b->h, 1);
        if (c && c->fitted < size[1])
            size[1] = c->fitted;
    }
    for (int i = 0; i < ACTION_BUTTONS; i++)
        paint_button(p, L, &L->button[i], label[i], key[i], i == flash, size[0], size[1]);
}

/* The largest size, up to size, at which each of the n strings is at most
 * maxw wide: a table's rows alike. */
static int size_fitting(struct painter *p, int bold, const char *const *s, int n, int maxw,
                        int size)
{
    for (int i = 0; i < n; i++)
        for (paint_font_size(p, bold, size);
             size > 6 && paint_text_width(p, bold, s[i], (int)strlen(s[i])) > maxw;
             paint_font_size(p, bold, size))
            size = size * 9 / 10;
    return size;
}

/* Beside the session's words, where the body map was: the muscle, the
 * phase and its countdown stay in view, and so do the buttons. */
static void paint_help(struct painter *p, const struct layout *L, const struct show *sh)
{
    float u = L->u;
    paint_round_rect(p, &L->help, 12 * u, BANNER_RGB);

    /* A row for each action the help shows, in the table's order. */
    const struct action *row[64];
    int rows = 0;
    for (int i = 0; i < action_count && rows < 64; i++)
        if (action_table[i].what && (action_table[i].where & ACTION_IN_WINDOW))
            row[rows++] = &action_table[i];
    const SDL_Rect *say = &L->help_say;
    int x0 = L->help.x + px(24 * u), xk = L->help.x + L->help.w * 47 / 100,
        rh = say->h / (rows + 1);
    SDL_Rect what = {x0, say->y, xk - x0 - px(12 * u), rh};
    SDL_Rect keys = {xk, say->y, say->x - xk - px(12 * u), rh};
    SDL_Rect spoken = {say->x, say->y, say->w, rh};
    const char *col[3][64] = {{0}};
    char shown[64][48], phrase[64][64];
    for (int i = 0; i < rows; i++) {
        col[0][i] = row[i]->what;
        col[1][i] = action_keys_shown(row[i], shown[i], sizeof shown[i]);
        phrase[i][0] = 0;
        if (sh->spoken)
            action_phrases(row[i], "", phrase[i], sizeof phrase[i]);
        col[2][i] = phrase[i];
    }
    int size = px(26 * u);
    size = size_fitting(p, 0, col[0], rows, what.w, size);
    size = size_fitting(p, 1, col[1], rows, keys.w, size);
    size = size_fitting(p, 0, col[2], rows, spoken.w, size);

    paint_text(p, "Keys", 1, size, &keys, PAINT_LEFT, 1, VIEW_SDL_ACCENT);
    paint_text(p, "Say \u201Crollout\u201D, then", 1, size, &spoken, PAINT_LEFT, 1,
               sh->spoken ? VIEW_SDL_ACCENT : DIM_RGB);
    for (int i = 0; i < rows; i++) {
        what.y = keys.y = spoken.y = say->y + (i + 1) * rh;
        paint_text(p, col[0][i], 0, size, &what, PAINT_LEFT, 1, TEXT_RGB);
        paint_text(p, col[1][i], 1, size, &keys, PAINT_LEFT, 1, TEXT_RGB);
        paint_text(p, col[2][i], 0, size, &spoken, PAINT_LEFT, 1, SOFT_RGB);
    }
    if (sh->spoken)
        return;
    /* Not listening: how to, in the column the phrases would fill. */
    SDL_Rect how = {say->x, say->y + rh, say->w, 6 * rh};
    paint_text(p,
               sh->listen == CONTROL_LISTEN_CANNOT
                   ? "rollout cannot listen now: the terminal says why."
                   : "Spoken commands are off. Play with --listen to use them, or turn "
                     "them on for good: rollout config listen on",
               0, size, &how, PAINT_LEFT, 6, SOFT_RGB);
}

/* The end: what was rolled, on the body and in words, this week's totals,
 * and the two things to do now, Again and Done, where the buttons were. */
static void paint_end(struct painter *p, const struct layout *L, const struct show *sh, int flash)
{
    const struct report *rp = sh->report;
    float u = L->u;
    char buf[160];
    SDL_Rect half = L->header;
    half.w = L->header.w * 55 / 100;
    paint_text(p, sh->header, 1, px(30 * u), &half, PAINT_LEFT, 1, TEXT_RGB);
    half.x = L->header.x + L->header.w - half.w;
    paint_text(p, sh->total, 0, px(30 * u), &half, PAINT_RIGHT, 1, TEXT_RGB);
    paint_progress(p, L, sh);

    paint_text(p, "Well done", 1, px(104 * u), &L->name, PAINT_LEFT, 1, TEXT_RGB);
    if (rp) {
        snprintf(buf, sizeof buf, "%d of %d step%s rolled \u00b7 %s", rp->steps, rp->nsteps,
                 rp->nsteps == 1 ? "" : "s", rp->played);
        paint_text(p, buf, 1, px(44 * u), &L->side, PAINT_LEFT, 1, SHOW_COLOUR_HOLD);
        /* The steps in the countdown's row, the week in the words'. */
        paint_text(p, rp->rolled[0] ? rp->rolled : "No step was rolled to its end.", 0, px(40 * u),
                   &L->count, PAINT_LEFT, 3, TEXT_RGB);
        SDL_Rect week = {L->say.x, L->say.y, L->say.w, L->foot.y + L->foot.h - L->say.y};
        paint_text(p, rp->week, 0, px(32 * u), &week, PAINT_LEFT, 3, SOFT_RGB);
    }

    /* The body, each area lit on the sides rolled. */
    for (int v = 0; v < 2; v++) {
        int sides = 0;
        paint_figure(p, L, (enum bodymap_view)v);
        for (int a = 0; rp && a < area_count && a < HISTORY_AREAS; a++)
            for (int sd = SCRIPT_SIDE_NONE; sd <= SCRIPT_SIDE_RIGHT; sd++)
                if (rp->lit[a] & 1 << sd) {
                    paint_area(p, L, a, (enum script_side)sd, (enum bodymap_view)v,
                               VIEW_SDL_ACCENT);
                    sides |= 1 << sd;
                }
        paint_side_letters(p, L, (enum bodymap_view)v, sides);
    }

    const struct action *again = action_of(CONTROL_PLAY_PAUSE), *done = action_of(CONTROL_STOP);
    paint_button(p, L, &L->end[0], "Again", action_key_shown(again->keys), 1, px(34 * u),
                 px(22 * u));
    paint_button(p, L, &L->end[1], "Done", action_key_shown(done->keys), flash == (int)done->button,
                 px(34 * u), px(22 * u));
}

void paint_session(struct painter *p, int w, int h, const struct show *sh, int flash)
{
    struct layout L;
    paint_layout(&L, w, h);
    const struct routine *r = sh->tl->routine;
    float u = L.u;
    char buf[256];

    paint_colour(p, VIEW_SDL_BACKGROUND, 255);
    SDL_RenderClear(p->r);
    if (sh->over) {
        paint_end(p, &L, sh, flash);
        return;
    }
    if (sh->help)
        paint_layout_beside_help(&L);

    /* The header: where in the session, and how long. */
    SDL_Rect half = L.header;
    half.w = L.header.w * 55 / 100;
    paint_text(p, sh->header, 1, px(30 * u), &half, PAINT_LEFT, 1, TEXT_RGB);
    snprintf(buf, sizeof buf, "%s%s%s%s%s%s%s%s%s / %s", sh->listening,
             sh->listening[0] ? "   " : "", sh->fast, sh->fast[0] ? "   " : "", sh->volume,
             sh->volume[0] ? "   " : "", sh->click, sh->click[0] ? "   " : "", sh->elapsed,
             sh->total);
    half.x = L.header.x + L.header.w - half.w;
    paint_text(p, buf, 0, px(30 * u), &half, PAINT_RIGHT, 1, TEXT_RGB);
    paint_progress(p, &L, sh);

    /* The muscle, large. */
    paint_text(p, sh->name, 1, px(104 * u), &L.name, PAINT_LEFT, 1, TEXT_RGB);

    /* The side, unmistakable, and the phase beside it in its colour: the
     * side's pill is white, so that the only colour on the row is what to
     * do now, told by its word as well. */
    int x = L.side.x;
    int tsize = px(58 * u);
    if (sh->side_label[0]) {
        /* No arrow: the front view is mirrored, so an arrow would point
         * away from the lit leg in one of the two figures. */
        const char *word = sh->side_label;
        struct cached *c = paint_text_texture(p, word, 1, tsize, L.side.w, L.side.h, 1);
        if (c) {
            SDL_Rect pill = {x, L.side.y + px(6 * u), c->w + px(48 * u), L.side.h - px(12 * u)};
            paint_round_rect(p, &pill, (float)pill.h / 2, TEXT_RGB);
            paint_text(p, word, 1, tsize, &pill, PAINT_CENTRE, 1, VIEW_SDL_BACKGROUND);
            x = pill.x + pill.w + px(36 * u);
        }
    }
    SDL_Rect ph_box = {x, L.side.y, L.side.x + L.side.w - x, L.side.h};
    paint_text(p, sh->phase_label, 1, tsize, &ph_box, PAINT_LEFT, 1, sh->colour);

    /* The pulse and the countdown, in the phase's colour. While rolling the
     * disc lights with each click; otherwise a ring stands still: no clicks
     * now. */
    float pr = (float)L.pulse_r;
    if (sh->done) {
        /* nothing to pace, nothing to count */
    } else if (sh->pulse >= 0) {
        paint_disc(p, (float)L.pulse_x, (float)L.pulse_y, pr,
                   mix(VIEW_SDL_TRACK, sh->colour, (float)sh->pulse));
    } else {
        paint_disc(p, (float)L.pulse_x, (float)L.pulse_y, pr,
                   mix(VIEW_SDL_TRACK, sh->colour, 0.5f));
        paint_disc(p, (float)L.pulse_x, (float)L.pulse_y, pr * 0.8f, VIEW_SDL_BACKGROUND);
    }
    paint_flush(p);
    if (sh->count[0]) {
        int cx = L.pulse_x + L.pulse_r + px(36 * u);
        /* Digits have no descenders and fill only the cap height: the line
         * box may spill over the row as long as the ink stays in it. */
        SDL_Rect cbox = {cx, L.count.y - L.count.h * 15 / 100, L.count.x + L.count.w - cx,
                         L.count.h * 130 / 100};
        int cw = paint_text(p, sh->count, 1, px(160 * u), &cbox, PAINT_LEFT, 1, sh->colour);
        if (sh->count_to[0]) { /* what it counts to, beside it */
            SDL_Rect to = {cx + cw + px(24 * u), L.count.y, cbox.w - cw - px(24 * u), L.count.h};
            paint_text(p, sh->count_to, 0, px(34 * u), &to, PAINT_LEFT, 2, DIM_RGB);
        }
    }

    /* What is being said, or the offer to go on from where one stopped, as
     * a button to read and tap from the floor; the equipment and what
     * comes next. */
    if (sh->resume[0]) {
        snprintf(buf, sizeof buf, "Go on from %s", sh->resume);
        paint_button(p, &L, &L.resume, buf, action_of(CONTROL_RESUME)->keys, 0, px(34 * u),
                     px(22 * u));
    } else {
        paint_text(p, sh->words, 0, px(36 * u), &L.say, PAINT_LEFT, 3, SOFT_RGB);
    }
    char foot[520];
    snprintf(foot, sizeof foot, "%s%s%s", sh->equipment,
             sh->equipment[0] && sh->next[0] ? "   \u00B7   " : "", sh->next);
    if (sh->notice[0] && !sh->notice_offers) /* e.g. a reloaded routine's first error */
        paint_text(p, sh->notice, 1, px(32 * u), &L.foot, PAINT_LEFT, 1, VIEW_SDL_ACCENT);
    else
        paint_text(p, foot, 0, px(32 * u), &L.foot, PAINT_LEFT, 1, DIM_RGB);

    int area = sh->step >= 0 ? area_find(r->steps[sh->step].area) : -1;
    if (!sh->help)
        paint_body(p, &L, area, sh->side);
    if (sh->paused) {
        /* Dim everything but the buttons, and say so across the middle. */
        SDL_SetRenderDrawBlendMode(p->r, SDL_BLENDMODE_BLEND);
        paint_colour(p, 0x000000, 150);
        SDL_RenderFillRect(p->r, NULL);
        SDL_SetRenderDrawBlendMode(p->r, SDL_BLENDMODE_NONE);
        paint_fill_rect(p, &L.banner, BANNER_RGB);
        SDL_Rect edge = {0, L.banner.y, L.banner.w, px(6 * u)};
        paint_fill_rect(p, &edge, VIEW_SDL_ACCENT);
        edge.y = L.banner.y + L.banner.h - edge.h;
        paint_fill_rect(p, &edge, VIEW_SDL_ACCENT);
        SDL_Rect big = {L.banner.x, L.banner.y + px(10 * u), L.banner.w, L.banner.h * 62 / 100};
        paint_text(p, "PAUSED", 1, px(120 * u), &big, PAINT_CENTRE, 1, TEXT_RGB);
        SDL_Rect small = {0, big.y + big.h, L.banner.w, L.banner.h - big.h - px(24 * u)};
        const struct action *go = action_of(CONTROL_PLAY_PAUSE), *on = action_of(CONTROL_PLAY);
        if (sh->spoken)
            snprintf(buf, sizeof buf, "%s, %s, or say \u201Crollout %s\u201D", go->keys,
                     go->label_on, on->say);
        else
            snprintf(buf, sizeof buf, "%s or %s to go on", go->keys, go->label_on);
        paint_text(p, buf, 0, px(30 * u), &small, PAINT_CENTRE, 1, DIM_RGB);
    }
    if (sh->help)
        paint_help(p, &L, sh);
    paint_buttons(p, &L, sh, flash);
}
