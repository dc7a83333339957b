/* SPDX-License-Identifier: MIT */
/* chapters.c — a rendered session's chapters and words (see chapters.h). */
#include "chapters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Counts first, then fills: one pass over the parts and the events each. */
int chapters_make(struct chapters *c, const struct timeline *tl, int64_t from)
{
    *c = (struct chapters){.rate = tl->rate, .length = tl->length - from};
    if (c->length <= 0) {
        c->length = 0;
        return 0;
    }
    int nparts = 0;
    for (int64_t f = from, start, end; f < tl->length; f = end) {
        timeline_part_at(tl, f, &start, &end);
        nparts++;
    }
    int ncues = 0;
    for (int i = timeline_event_at(tl, from); i < tl->nev; i++)
        ncues += tl->ev[i].kind == TL_CUE;

    c->ch = calloc((size_t)nparts, sizeof *c->ch);
    c->ly = calloc((size_t)ncues + 1, sizeof *c->ly);
    if (!c->ch || !c->ly)
        goto oom;
    for (int64_t f = from, start, end; f < tl->length; f = end) {
        int part = timeline_part_at(tl, f, &start, &end);
        char title[512];
        timeline_part_title(tl, part, title, sizeof title);
        struct chapter *ch = &c->ch[c->nch];
        ch->start = c->nch ? start - from : 0; /* the first holds the file's start */
        ch->end = end - from;
        if (!(ch->title = strdup(title)))
            goto oom;
        c->nch++;
    }
    for (int i = timeline_event_at(tl, from); i < tl->nev; i++)
        if (tl->ev[i].kind == TL_CUE)
            c->ly[c->nly++] =
                (struct lyric){tl->ev[i].frame - from, tl->routine->cues[tl->ev[i].arg].text};
    return 0;
oom:
    chapters_free(c);
    return -1;
}

void chapters_free(struct chapters *c)
{
    for (int i = 0; i < c->nch; i++)
        free(c->ch[i].title);
    free(c->ch);
    free(c->ly);
    *c = (struct chapters){0};
}

/* frame * unit / rate, rounded to the nearest; frames are never negative. */
static int64_t scaled(int64_t frame, int64_t unit, int rate)
{
    return (frame * unit + rate / 2) / rate;
}

int64_t chapters_ms(const struct chapters *c, int64_t frame)
{
    return scaled(frame, 1000, c->rate);
}

/* "[mm:ss.xx]": minutes go past 59 rather than into hours, as players read. */
static void lrc_time(FILE *f, const struct chapters *c, int64_t frame)
{
    int64_t cs = scaled(frame, 100, c->rate);
    fprintf(f, "[%02lld:%02lld.%02lld]", (long long)(cs / 6000), (long long)(cs / 100 % 60),
            (long long)(cs % 100));
}

/* Closes a memory stream; its text, or NULL when a write ran out of memory. */
static char *finish(FILE *f, char **text)
{
    int failed = ferror(f);
    if (fclose(f) != 0 || failed) {
        free(*text);
        return NULL;
    }
    return *text;
}

char *chapters_lrc(const struct chapters *c, const char *title, const char *artist,
                   const char *album, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f)
        return NULL;
    if (title)
        fprintf(f, "[ti:%s]\n", title);
    if (artist)
        fprintf(f, "[ar:%s]\n", artist);
    if (album)
        fprintf(f, "[al:%s]\n", album);
    int64_t s = scaled(c->length, 1, c->rate);
    fprintf(f, "[length:%02lld:%02lld]\n", (long long)(s / 60), (long long)(s % 60));
    fputs("[re:rollout]\n", f);
    for (int i = 0; i < c->nly; i++) {
        lrc_time(f, c, c->ly[i].frame);
        fprintf(f, "%s\n", c->ly[i].text);
    }
    return finish(f, &text);
}

char *chapters_words(const struct chapters *c, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f)
        return NULL;
    for (int i = 0; i < c->nly; i++)
        fprintf(f, "%s\n", c->ly[i].text);
    return finish(f, &text);
}
