/* SPDX-License-Identifier: MIT */
/* compose.c — a session for the areas that are sore today (see compose.h).
 *
 *   routine(s) ──pick──▶ routine in memory ──load cues──▶ fit ──write──▶ text
 *                                │                          │            │
 *                                │                          ▼            ▼
 *                                └──────────────────▶ compile      parse (the checks)
 *
 * Picking copies the chosen steps, the introduction and every cue they
 * speak into a new routine, in the order the text would name them, so the
 * routine the parser reads back from compose_write's text has the same cue
 * table, the same steps and the same timeline. */
#define _POSIX_C_SOURCE 200809L /* open_memstream, strdup */
#include "compose.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "phrase.h"
#include "suggest.h"
#include "timeline.h"

/* ---- area names ----
 *
 * Beside the keys of area.h, the names a runner says. Each is matched in
 * singular and plural, so "hamstring", "hamstrings", "hip flexor" and
 * "Hip-Flexors" all find their area; the first name is the one lists show. */
static const struct {
    const char *area;
    const char *names[6];
} area_names[] = {
    {"foot-arch", {"feet", "foot", "arch", "arches", "arch of the foot", "foot arches"}},
    {"calf", {"calves", "calf"}},
    {"shin", {"shins", "shin muscle"}},
    {"hamstring", {"hamstrings"}},
    {"quadriceps", {"quads", "quadriceps", "quad", "thighs"}},
    {"it-band", {"IT band", "iliotibial band", "itb"}},
    {"glutes", {"glutes", "glute", "buttocks"}},
    {"hip-flexor", {"hip flexors"}},
    {"adductors", {"adductors", "inner thighs", "groin"}},
    {"lower-back", {"lower back"}},
    {"upper-back", {"upper back"}},
    {"lats", {"lats", "latissimus"}},
    {"chest", {"chest", "pecs"}},
    {"forearm", {"forearms"}},
};
#define NAREA_NAMES  ((int)(sizeof area_names / sizeof area_names[0]))
#define MAX_SPELLING 64

/* Lower case, with spaces and '_' as '-': "Hip Flexors" is "hip-flexors". */
static void normal(const char *in, char out[MAX_SPELLING])
{
    size_t n = 0;
    while (*in == ' ')
        in++;
    for (; *in && n + 1 < MAX_SPELLING; in++) {
        unsigned char c = (unsigned char)*in;
        out[n++] = c == ' ' || c == '_' ? '-' : (char)tolower(c);
    }
    while (n && out[n - 1] == '-')
        n--;
    out[n] = 0;
}

/* The word in the singular, by the plurals the names use: calves, arches,
 * hamstrings. "glutes" becomes "glute", which its singular also is. */
static void singular(char w[MAX_SPELLING])
{
    size_t n = strlen(w);
    if (n > 4 && strcmp(w + n - 3, "ves") == 0)
        strcpy(w + n - 3, "f");
    else if (n > 4 && (strcmp(w + n - 4, "ches") == 0 || strcmp(w + n - 4, "shes") == 0))
        w[n - 2] = 0;
    else if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's')
        w[n - 1] = 0;
}

static int same_area_word(const char *a, const char *b)
{
    char x[MAX_SPELLING], y[MAX_SPELLING];
    normal(a, x);
    normal(b, y);
    if (strcmp(x, y) == 0)
        return 1;
    singular(x);
    singular(y);
    return strcmp(x, y) == 0;
}

static int names_row(int area)
{
    for (int i = 0; i < NAREA_NAMES; i++)
        if (strcmp(area_names[i].area, area_keys[area]) == 0)
            return i;
    return -1;
}

int compose_area_lookup(const char *word)
{
    if (!word || !*word)
        return -1;
    for (int a = 0; a < area_count; a++) {
        if (same_area_word(word, area_keys[a]) || same_area_word(word, area_label(a)))
            return a;
        int row = names_row(a);
        for (int k = 0; row >= 0 && k < 6 && area_names[row].names[k]; k++)
            if (same_area_word(word, area_names[row].names[k]))
                return a;
    }
    return -1;
}

const char *compose_area_plural(int area)
{
    int row = names_row(area);
    return row >= 0 ? area_names[row].names[0] : area_keys[area];
}

const char *compose_area_nearest(const char *word)
{
    /* Every spelling, normalised, so "hamstrngs" is one edit from one. */
    static char spelled[NAREA_NAMES * 8][MAX_SPELLING];
    const char *cands[NAREA_NAMES * 8];
    int area_of[NAREA_NAMES * 8];
    int n = 0;
    for (int a = 0; a < area_count; a++) {
        normal(area_keys[a], spelled[n]);
        area_of[n++] = a;
        int row = names_row(a);
        for (int k = 0; row >= 0 && k < 6 && area_names[row].names[k]; k++) {
            normal(area_names[row].names[k], spelled[n]);
            area_of[n++] = a;
        }
    }
    for (int i = 0; i < n; i++)
        cands[i] = spelled[i];
    char w[MAX_SPELLING];
    normal(word, w);
    const char *near = suggest_nearest(w, cands, n);
    for (int i = 0; near && i < n; i++)
        if (cands[i] == near)
            return compose_area_plural(area_of[i]);
    return NULL;
}

int compose_parse_areas(const char *list, unsigned char set[], char *err, size_t errlen)
{
    memset(set, 0, (size_t)area_count);
    int count = 0;
    const char *p = list;
    for (;;) {
        size_t len = strcspn(p, ",");
        char word[MAX_SPELLING * 2];
        snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word - 1 ? len : sizeof word - 1),
                 p);
        /* Spaces around a name ("calves, hamstrings") are no part of it. */
        char *w = word;
        while (*w == ' ')
            w++;
        for (size_t k = strlen(w); k && w[k - 1] == ' '; k--)
            w[k - 1] = 0;
        if (*w) {
            int a = compose_area_lookup(w);
            if (a < 0) {
                const char *near = compose_area_nearest(w);
                if (near)
                    snprintf(err, errlen, "no body area '%s'; did you mean '%s'?", w, near);
                else
                    snprintf(err, errlen,
                             "no body area '%s'; 'rollout list --areas' lists the areas", w);
                return -1;
            }
            count += !set[a];
            set[a] = 1;
        }
        if (!p[len])
            break;
        p += len + 1;
    }
    if (!count) {
        snprintf(err, errlen, "--areas needs at least one area, e.g. --areas calves,hamstrings");
        return -1;
    }
    return count;
}

void compose_routine_areas(const struct routine *r, unsigned char set[])
{
    for (int s = 0; s < r->nsteps; s++) {
        int a = area_find(r->steps[s].area);
        if (a >= 0)
            set[a] = 1;
    }
}

/* ---- writing a routine as text ---- */

static void put_text(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A duration as a routine writes it: 45s, 1.5s. Seconds alone, however
 * many, read at a glance and are what --minutes makes. */
static void put_ms(FILE *f, int64_t ms)
{
    if (ms % 1000 == 0) {
        fprintf(f, "%llds", (long long)(ms / 1000));
        return;
    }
    char frac[8];
    snprintf(frac, sizeof frac, "%03d", (int)(ms % 1000));
    for (int k = 2; k > 0 && frac[k] == '0'; k--)
        frac[k] = 0;
    fprintf(f, "%lld.%ss", (long long)(ms / 1000), frac);
}

static void put_cue(FILE *f, const struct routine *r, int cue)
{
    if (cue < 0)
        return;
    const struct script_cue *c = &r->cues[cue];
    fprintf(f, " %s", c->id);
    if (!c->builtin) {
        fputc(' ', f);
        put_text(f, c->text);
    }
}

static const char *const phase_words[] = {"say", "roll", "hold", "rest"};

static void put_phase(FILE *f, const struct routine *r, const struct script_phase *p,
                      const char *indent)
{
    fprintf(f, "%s%-4s", indent, phase_words[p->kind]);
    if (p->ms >= 0) {
        fputc(' ', f);
        put_ms(f, p->ms);
    }
    put_cue(f, r, p->cue);
    fputc('\n', f);
}

int compose_write(FILE *f, const struct routine *r)
{
    fputs("# Made by rollout: edit it, save it as NAME.roll among your routines.\n", f);
    fputs("routine ", f);
    put_text(f, r->title ? r->title : "Composed");
    fputc('\n', f);
    if (r->about) {
        fputs("about   ", f);
        put_text(f, r->about);
        fputc('\n', f);
    }
    if (r->author) {
        fputs("author  ", f);
        put_text(f, r->author);
        fputc('\n', f);
    }
    if (r->ball) {
        fputs("ball    ", f);
        put_text(f, r->ball);
        fputc('\n', f);
    }
    fputs("pace    ", f);
    put_ms(f, r->pace_ms);
    fputc('\n', f);
    if (r->nintro)
        fputc('\n', f);
    for (int i = 0; i < r->nintro; i++)
        put_phase(f, r, &r->intro[i], "");
    for (int s = 0; s < r->nsteps; s++) {
        const struct script_step *st = &r->steps[s];
        fprintf(f, "\nstep %s ", st->id);
        put_text(f, st->name);
        if (st->area)
            fprintf(f, "  area=%s", st->area);
        fprintf(f, "  sides=%s", script_sides_name(st->sides));
        if (st->ball) {
            fputs("  ball=", f);
            put_text(f, st->ball);
        }
        if (st->pace_ms > 0) {
            fputs("  pace=", f);
            put_ms(f, st->pace_ms);
        }
        fputc('\n', f);
        if (st->announce >= 0) {
            fputs("  announce", f);
            put_cue(f, r, st->announce);
            fputc('\n', f);
        }
        for (int i = 0; i < st->nphases; i++)
            put_phase(f, r, &st->phases[i], "  ");
    }
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* ---- picking the steps ---- */

/* A routine being built: it owns every string and array it points to. */
struct build {
    struct routine *r;
    int nomem;
    int cap_cues, cap_steps, cap_files;
};

static void *grow(struct build *b, void *v, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return v;
    int n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *w = realloc(v, (size_t)n * size);
    if (!w) {
        b->nomem = 1;
        return NULL;
    }
    *cap = n;
    return w;
}

static char *dup_or_null(struct build *b, const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        b->nomem = 1;
    return d;
}

/* The copy of src's file name in the new routine, added the first time. */
static const char *file_of(struct build *b, const char *file)
{
    if (!file)
        return NULL;
    struct routine *r = b->r;
    for (int i = 0; i < r->nfiles; i++)
        if (strcmp(r->files[i], file) == 0)
            return r->files[i];
    char **f = grow(b, r->files, &b->cap_files, r->nfiles + 1, sizeof *f);
    char *d = dup_or_null(b, file);
    if (!f || !d) {
        free(d);
        return NULL;
    }
    r->files = f;
    r->files[r->nfiles] = d;
    return r->files[r->nfiles++];
}

/* The index in the new routine of src's cue i: a cue of the routine's own
 * is added where it is first used (as the parser numbers them); rollout's
 * phrases come after all of them and are numbered in add_phrases. */
#define PHRASE_REF(k) (-2 - (k))

static int cue_of(struct build *b, const struct routine *src, int i)
{
    if (i < 0)
        return -1;
    const struct script_cue *c = &src->cues[i];
    if (c->builtin) {
        for (int k = 0; k < phrase_count; k++)
            if (strcmp(phrase_table[k].id, c->id) == 0)
                return PHRASE_REF(k);
        return -1;
    }
    struct routine *r = b->r;
    for (int k = 0; k < r->ncues; k++)
        if (strcmp(r->cues[k].id, c->id) == 0)
            return k; /* the same id from two routines: its first words */
    struct script_cue *v = grow(b, r->cues, &b->cap_cues, r->ncues + 1, sizeof *v);
    if (!v)
        return -1;
    r->cues = v;
    struct script_cue *d = &r->cues[r->ncues];
    *d = *c;
    d->id = dup_or_null(b, c->id);
    d->text = dup_or_null(b, c->text);
    d->file = file_of(b, c->file);
    return r->ncues++;
}

static void copy_phases(struct build *b, const struct routine *src, const struct script_phase *from,
                        int n, struct script_phase **to)
{
    *to = calloc((size_t)n + 1, sizeof **to);
    if (!*to) {
        b->nomem = 1;
        return;
    }
    for (int i = 0; i < n; i++) {
        (*to)[i] = from[i];
        (*to)[i].cue = cue_of(b, src, from[i].cue);
        (*to)[i].file = file_of(b, from[i].file);
    }
}

/* Adds src's step s, with the ball and pace it had in src when the new
 * routine's differ. */
static void add_step(struct build *b, const struct routine *src, int s)
{
    struct routine *r = b->r;
    struct script_step *v = grow(b, r->steps, &b->cap_steps, r->nsteps + 1, sizeof *v);
    if (!v)
        return;
    r->steps = v;
    const struct script_step *st = &src->steps[s];
    /* A step id is unique in a routine: a second "calves" becomes "calves-2". */
    char id[128];
    snprintf(id, sizeof id, "%s", st->id);
    for (int k = 2, taken = 1; taken; k++) {
        taken = 0;
        for (int i = 0; i < r->nsteps; i++)
            taken |= r->steps[i].id && strcmp(r->steps[i].id, id) == 0;
        if (taken)
            snprintf(id, sizeof id, "%.100s-%d", st->id, k);
    }
    struct script_step *d = &r->steps[r->nsteps++];
    memset(d, 0, sizeof *d);
    d->id = dup_or_null(b, id);
    d->name = dup_or_null(b, st->name);
    d->area = dup_or_null(b, st->area);
    const char *ball = st->ball ? st->ball : src->ball;
    if (ball && (!r->ball || strcmp(ball, r->ball) != 0))
        d->ball = dup_or_null(b, ball);
    int64_t pace = st->pace_ms > 0 ? st->pace_ms : src->pace_ms;
    d->pace_ms = pace != r->pace_ms ? pace : 0;
    d->sides = st->sides;
    d->line = st->line;
    d->col = st->col;
    d->file = file_of(b, st->file);
    d->announce = cue_of(b, src, st->announce);
    d->nphases = st->nphases;
    copy_phases(b, src, st->phases, st->nphases, &d->phases);
}

/* Appends rollout's phrases to the cue table and points every reference to
 * one at its place there, as the parser does. */
static void add_phrases(struct build *b)
{
    struct routine *r = b->r;
    int nuser = r->ncues;
    struct script_cue *v = grow(b, r->cues, &b->cap_cues, nuser + phrase_count, sizeof *v);
    if (!v)
        return;
    r->cues = v;
    for (int k = 0; k < phrase_count; k++) {
        struct script_cue *c = &r->cues[nuser + k];
        memset(c, 0, sizeof *c);
        c->id = dup_or_null(b, phrase_table[k].id);
        c->text = dup_or_null(b, phrase_table[k].text);
        c->builtin = 1;
    }
    r->ncues = nuser + phrase_count;
#define FIX(ref) ((ref) <= -2 ? nuser + (-2 - (ref)) : (ref))
    for (int i = 0; i < r->nintro; i++)
        r->intro[i].cue = FIX(r->intro[i].cue);
    for (int s = 0; s < r->nsteps; s++) {
        struct script_step *st = &r->steps[s];
        st->announce = FIX(st->announce);
        for (int i = 0; st->phases && i < st->nphases; i++)
            st->phases[i].cue = FIX(st->phases[i].cue);
    }
#undef FIX
}

static int64_t step_ms(const struct script_step *st)
{
    int64_t t = 0;
    for (int i = 0; i < st->nphases; i++)
        t += st->phases[i].ms > 0 ? st->phases[i].ms : 0;
    return t;
}

/* Whether step a is more complete than step b: both sides where the area
 * has two, then more phases, then more time. */
static int more_complete(const struct script_step *a, const struct script_step *b)
{
    int pa = area_paired(area_find(a->area)) == 1;
    int fa = pa ? a->sides == SCRIPT_SIDES_BOTH : 1, fb = pa ? b->sides == SCRIPT_SIDES_BOTH : 1;
    if (fa != fb)
        return fa > fb;
    if (a->nphases != b->nphases)
        return a->nphases > b->nphases;
    return step_ms(a) > step_ms(b);
}

/* compose.h: "calves and hamstrings", "feet, calves and hip flexors". */
void compose_area_list(const unsigned char *areas, char *out, size_t size)
{
    int n = 0, total = 0;
    for (int a = 0; a < area_count; a++)
        total += areas[a] != 0;
    out[0] = 0;
    for (int a = 0; a < area_count; a++) {
        if (!areas[a])
            continue;
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s",
                 n == 0           ? ""
                 : n == total - 1 ? " and "
                                  : ", ",
                 compose_area_plural(a));
        n++;
    }
}

/* The new routine: the introduction of intro_src, then the steps chosen.
 * With one_each, the most complete step for each area among the sources, in
 * the order of area.h (up the body); otherwise every step of src[0] on an
 * area asked for, in its order. */
static struct routine *pick(const struct routine *const *src, int nsrc,
                            const struct routine *intro_src, const unsigned char *areas,
                            int one_each, char *err, size_t errlen)
{
    struct build b = {.r = calloc(1, sizeof *b.r)};
    if (!b.r)
        return NULL;
    struct routine *r = b.r;
    char list[512];
    if (areas)
        compose_area_list(areas, list, sizeof list);
    char title[640];
    if (one_each)
        snprintf(title, sizeof title, "Sore today: %s", list);
    else if (areas)
        snprintf(title, sizeof title, "%s: %s", intro_src->title, list);
    else
        snprintf(title, sizeof title, "%s", intro_src->title);
    r->title = dup_or_null(&b, title);
    r->path = dup_or_null(&b, intro_src->path);
    file_of(&b, intro_src->path);
    r->ball = dup_or_null(&b, intro_src->ball);
    r->author = dup_or_null(&b, intro_src->author);
    r->pace_ms = intro_src->pace_ms;
    if (one_each || areas) {
        char about[800];
        if (one_each)
            snprintf(about, sizeof about,
                     "The most complete step for each of %s, from your routines and the "
                     "bundled ones.",
                     list);
        else
            snprintf(about, sizeof about, "Only the steps for %s, from \"%s\".", list,
                     intro_src->title);
        r->about = dup_or_null(&b, about);
    } else {
        r->about = dup_or_null(&b, intro_src->about);
    }
    r->nintro = intro_src->nintro;
    copy_phases(&b, intro_src, intro_src->intro, intro_src->nintro, &r->intro);

    if (one_each) {
        for (int a = 0; a < area_count && !b.nomem; a++) {
            if (!areas[a])
                continue;
            int best_r = -1, best_s = -1;
            for (int i = 0; i < nsrc; i++)
                for (int s = 0; s < src[i]->nsteps; s++)
                    if (area_find(src[i]->steps[s].area) == a &&
                        (best_r < 0 ||
                         more_complete(&src[i]->steps[s], &src[best_r]->steps[best_s]))) {
                        best_r = i;
                        best_s = s;
                    }
            if (best_r < 0) {
                snprintf(err, errlen,
                         "no routine has a step for the %s; 'rollout list --areas' says which "
                         "areas they cover",
                         compose_area_plural(a));
                script_free(r);
                return NULL;
            }
            add_step(&b, src[best_r], best_s);
        }
    } else {
        const struct routine *s0 = src[0];
        for (int a = 0; areas && a < area_count; a++) {
            int has = 0;
            for (int s = 0; s < s0->nsteps; s++)
                has |= area_find(s0->steps[s].area) == a;
            if (areas[a] && !has) {
                snprintf(err, errlen,
                         "\"%s\" has no step for the %s; name no routine to take it from any, or "
                         "see 'rollout list --areas'",
                         s0->title, compose_area_plural(a));
                script_free(r);
                return NULL;
            }
        }
        for (int s = 0; s < s0->nsteps && !b.nomem; s++) {
            int a = area_find(s0->steps[s].area);
            if (!areas || (a >= 0 && areas[a]))
                add_step(&b, s0, s);
        }
    }
    add_phrases(&b);
    if (b.nomem || !r->title) {
        snprintf(err, errlen, "out of memory");
        script_free(r);
        return NULL;
    }
    return r;
}

/* ---- announcements true to their place ---- */

/* The place an announcement's first words give its step: 1 "First", 2
 * "Next" or "Then", 3 a last ("And last", "Last of all", "Finally"); 0
 * none. */
static int place_said(const char *text)
{
    static const struct {
        const char *words;
        int place;
    } said[] = {{"First", 1},       {"Next", 2}, {"Then", 2},    {"And last", 3},   {"Lastly", 3},
                {"Last of all", 3}, {"Last", 3}, {"Finally", 3}, {"And finally", 3}};
    for (size_t i = 0; text && i < sizeof said / sizeof said[0]; i++) {
        size_t n = strlen(said[i].words);
        if (strncmp(text, said[i].words, n) == 0 && (text[n] == ',' || text[n] == ' '))
            return said[i].place;
    }
    return 0;
}

/* A step taken from its routine keeps its announcement, "Next, your
 * calves.", unless its first words say a place it no longer has: then it
 * is announced by its area alone ("Your calves."). A step alone is first
 * and last, and neither. */
static void announce_in_place(struct routine *r)
{
    for (int s = 0; s < r->nsteps; s++) {
        struct script_step *st = &r->steps[s];
        if (st->announce < 0 || !st->area)
            continue;
        int place = place_said(r->cues[st->announce].text);
        int here = r->nsteps == 1 ? -1 : s == 0 ? 1 : s == r->nsteps - 1 ? 3 : 2;
        if (place == 0 || place == here)
            continue;
        char id[64];
        snprintf(id, sizeof id, "%s%s", PHRASE_AREA, st->area);
        int c = script_cue_find(r, id);
        if (c >= 0)
            st->announce = c;
    }
}

/* Drops the cues nothing refers to any more (the whole introduction's, an
 * announcement replaced), as the routine text written from r has none of
 * them; rollout's phrases, at the end of the table, all stay. */
static void drop_unused_cues(struct routine *r)
{
    int nuser = 0;
    while (nuser < r->ncues && !r->cues[nuser].builtin)
        nuser++;
    int *to = calloc((size_t)r->ncues + 1, sizeof *to);
    if (!to)
        return; /* kept, then: unused, and harmless */
    for (int i = 0; i < r->nintro; i++)
        if (r->intro[i].cue >= 0)
            to[r->intro[i].cue] = 1;
    for (int s = 0; s < r->nsteps; s++) {
        const struct script_step *st = &r->steps[s];
        if (st->announce >= 0)
            to[st->announce] = 1;
        for (int i = 0; i < st->nphases; i++)
            if (st->phases[i].cue >= 0)
                to[st->phases[i].cue] = 1;
    }
    int n = 0;
    for (int i = 0; i < r->ncues; i++) {
        if (i < nuser && !to[i]) {
            free(r->cues[i].id);
            free(r->cues[i].text);
            to[i] = -1;
            continue;
        }
        r->cues[n] = r->cues[i];
        to[i] = n++;
    }
    r->ncues = n;
#define MOVE(ref) ((ref) >= 0 ? to[ref] : (ref))
    for (int i = 0; i < r->nintro; i++)
        r->intro[i].cue = MOVE(r->intro[i].cue);
    for (int s = 0; s < r->nsteps; s++) {
        struct script_step *st = &r->steps[s];
        st->announce = MOVE(st->announce);
        for (int i = 0; i < st->nphases; i++)
            st->phases[i].cue = MOVE(st->phases[i].cue);
    }
#undef MOVE
    free(to);
}

/* ---- fitting to a length ---- */

struct scalable {
    struct script_phase *p;
    int64_t was, lo, hi; /* ms */
    int mult;            /* 2 for a two-sided step: it plays twice */
    double want;         /* ms at the present factor, before rounding */
};

/* Fitted times are whole half-seconds: a two-sided step's phase then moves
 * the session by a second, and any length is within half a second of one
 * that can be made. */
#define FIT_GRAIN_MS 500

/* A composed session is for rolling soon: a step's setup (a say phase)
 * lasts its words and COMPOSE_SETUP_AFTER_MS more, or COMPOSE_SETUP_MS when
 * that is longer, and never more than its author wrote. */
static void trim_setups(struct routine *r, const int64_t *cue_frames, int rate)
{
    for (int s = 0; s < r->nsteps; s++)
        for (int i = 0; i < r->steps[s].nphases; i++) {
            struct script_phase *p = &r->steps[s].phases[i];
            if (p->kind != SCRIPT_PHASE_SAY || p->ms <= 0 || p->cue < 0)
                continue;
            int64_t words = (cue_frames[p->cue] * 1000 + rate - 1) / rate;
            int64_t most = words + COMPOSE_SETUP_AFTER_MS;
            if (most < COMPOSE_SETUP_MS)
                most = COMPOSE_SETUP_MS;
            most = (most + FIT_GRAIN_MS - 1) / FIT_GRAIN_MS * FIT_GRAIN_MS;
            if (p->ms > most)
                p->ms = most;
        }
}

static int64_t round_s(double ms)
{
    return (int64_t)llround(ms / FIT_GRAIN_MS) * FIT_GRAIN_MS;
}

static int64_t ceil_s(int64_t ms)
{
    return (ms + 999) / 1000 * 1000;
}

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The frames the scalable phases add to the session at their present times. */
static int64_t scaled_frames(const struct scalable *x, int n, int rate)
{
    int64_t t = 0;
    for (int i = 0; i < n; i++)
        t += x[i].mult * timeline_ms_to_frames(x[i].p->ms, rate);
    return t;
}

static void set_factor(struct scalable *x, int n, double f)
{
    for (int i = 0; i < n; i++) {
        x[i].want = (double)x[i].was * f;
        x[i].p->ms = clamp64(round_s(x[i].want), x[i].lo, x[i].hi);
    }
}

static int fit(struct routine *r, const int64_t *cue_frames, const struct timeline_opts *to,
               int64_t target_ms, struct compose_fit *out)
{
    int rate = to->rate;
    int64_t length = timeline_length(r, cue_frames, to);

    int n = 0;
    for (int s = 0; s < r->nsteps; s++)
        for (int i = 0; i < r->steps[s].nphases; i++)
            n += r->steps[s].phases[i].kind == SCRIPT_PHASE_ROLL ||
                 r->steps[s].phases[i].kind == SCRIPT_PHASE_HOLD;
    struct scalable *x = calloc((size_t)n + 1, sizeof *x);
    out->phase = calloc((size_t)n + 1, sizeof *out->phase);
    out->was_ms = calloc((size_t)n + 1, sizeof *out->was_ms);
    if (!x || !out->phase || !out->was_ms) {
        free(x);
        return -1;
    }
    int k = 0;
    int roll_default = script_cue_find(r, PHRASE_ROLL),
        hold_default = script_cue_find(r, PHRASE_HOLD);
    for (int s = 0; s < r->nsteps; s++) {
        struct script_step *st = &r->steps[s];
        int64_t pace = to->pace_ms > 0 ? to->pace_ms : st->pace_ms > 0 ? st->pace_ms : r->pace_ms;
        for (int i = 0; i < st->nphases; i++) {
            struct script_phase *p = &st->phases[i];
            if (p->kind != SCRIPT_PHASE_ROLL && p->kind != SCRIPT_PHASE_HOLD)
                continue;
            int cue = p->cue >= 0                    ? p->cue
                      : p->kind == SCRIPT_PHASE_ROLL ? roll_default
                                                     : hold_default;
            int64_t cue_ms = cue >= 0 ? cue_frames[cue] * 1000 / rate + 1 : 0;
            int64_t lo = p->kind == SCRIPT_PHASE_ROLL
                             ? ceil_s(cue_ms + COMPOSE_ROLL_CLICKS * pace)
                             : ceil_s(cue_ms + COMPOSE_HOLD_AFTER_S * 1000);
            int64_t least = p->kind == SCRIPT_PHASE_ROLL ? ceil_s(COMPOSE_ROLL_MIN_CLICKS * pace)
                                                         : COMPOSE_HOLD_MIN_S * 1000;
            lo = lo > least ? lo : least;
            int64_t hi = COMPOSE_MAX_TIMES * p->ms;
            x[k] = (struct scalable){.p = p,
                                     .was = p->ms,
                                     .lo = lo,
                                     .hi = hi > lo ? hi : lo,
                                     .mult = st->sides == SCRIPT_SIDES_BOTH ? 2 : 1};
            out->phase[k] = p;
            out->was_ms[k] = p->ms;
            k++;
        }
    }
    out->n = n;
    int64_t was_frames = scaled_frames(x, n, rate);
    int64_t fixed = length - was_frames;
    int64_t target = timeline_ms_to_frames(target_ms, rate);
    out->target_ms = target_ms;
    out->before_ms = length * 1000 / rate;

    /* The range it can take: every phase at its floor, then its ceiling. */
    set_factor(x, n, 0.0);
    int64_t least = fixed + scaled_frames(x, n, rate);
    set_factor(x, n, 1e9);
    int64_t most = fixed + scaled_frames(x, n, rate);
    out->min_ms = least * 1000 / rate;
    out->max_ms = most * 1000 / rate;

    /* The length grows with the factor: halve the interval to the closest. */
    double lo = 0.0, hi = (double)COMPOSE_MAX_TIMES + 1.0, best = 1.0;
    int64_t best_gap = INT64_MAX;
    for (int it = 0; it < 60; it++) {
        double f = (lo + hi) / 2;
        set_factor(x, n, f);
        int64_t len = fixed + scaled_frames(x, n, rate);
        int64_t gap = llabs(len - target);
        if (gap < best_gap) {
            best_gap = gap;
            best = f;
        }
        if (len < target)
            lo = f;
        else
            hi = f;
    }
    set_factor(x, n, best);
    /* The grain leaves a remainder: half a second more or less where the
     * rounding took most, while that brings the length nearer. */
    for (int it = 0; it < 4 * n + 4; it++) {
        int64_t len = fixed + scaled_frames(x, n, rate);
        int64_t gap = target - len; /* > 0: too short */
        if (llabs(gap) <= (int64_t)rate * FIT_GRAIN_MS / 2000)
            break;
        int pickd = -1;
        double most_off = -1e18;
        for (int i = 0; i < n; i++) {
            int64_t step = x[i].mult * (int64_t)rate * FIT_GRAIN_MS / 1000;
            if (llabs(gap - (gap > 0 ? step : -step)) >= llabs(gap))
                continue;
            if (gap > 0 ? x[i].p->ms + FIT_GRAIN_MS > x[i].hi : x[i].p->ms - FIT_GRAIN_MS < x[i].lo)
                continue;
            double off = gap > 0 ? x[i].want - (double)x[i].p->ms : (double)x[i].p->ms - x[i].want;
            if (off > most_off) {
                most_off = off;
                pickd = i;
            }
        }
        if (pickd < 0)
            break;
        x[pickd].p->ms += gap > 0 ? FIT_GRAIN_MS : -FIT_GRAIN_MS;
    }

    int64_t len = fixed + scaled_frames(x, n, rate);
    out->length_ms = len * 1000 / rate;
    out->met = llabs(len - target) <= (int64_t)COMPOSE_FIT_SLACK_MS * rate / 1000;
    int64_t now = 0, was = 0;
    for (int i = 0; i < n; i++) {
        now += x[i].mult * x[i].p->ms;
        was += x[i].mult * x[i].was;
        out->scaled += x[i].p->ms != x[i].was;
        out->at_floor += x[i].p->ms == x[i].lo && x[i].p->ms != x[i].was;
        out->at_ceiling += x[i].p->ms == x[i].hi && x[i].p->ms != x[i].was;
    }
    out->factor = was > 0 ? (double)now / (double)was : 1.0;
    free(x);
    return 0;
}

int64_t compose_fit_was(const struct compose_fit *f, const struct script_phase *p)
{
    for (int i = 0; f && i < f->n; i++)
        if (f->phase[i] == p)
            return f->was_ms[i] != p->ms ? f->was_ms[i] : -1;
    return -1;
}

/* m:ss as the views show a length, the seconds cut, not rounded. */
static const char *clock_ms(int64_t ms, char *buf, size_t size)
{
    int64_t s = (ms + 500) / 1000; /* to the nearest second: 2:59.9 is 3:00 */
    if (s >= 3600)
        snprintf(buf, size, "%d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
    else
        snprintf(buf, size, "%d:%02d", (int)(s / 60), (int)(s % 60));
    return buf;
}

void compose_fit_describe(const struct compose_fit *f, char *buf, size_t size)
{
    char want[16], got[16], was[16];
    clock_ms(f->target_ms, want, sizeof want);
    clock_ms(f->length_ms, got, sizeof got);
    clock_ms(f->before_ms, was, sizeof was);
    size_t n;
    if (f->met)
        n = (size_t)snprintf(buf, size, "fitted to %s: %s, rolls and holds x%.2f (was %s)", want,
                             got, f->factor, was);
    else if (f->target_ms < f->length_ms)
        n = (size_t)snprintf(buf, size,
                             "%s is too short for these steps: the nearest is %s, every roll "
                             "and hold at its shortest (was %s)",
                             want, got, was);
    else
        n = (size_t)snprintf(buf, size,
                             "%s is too long for these steps: the nearest is %s, every roll "
                             "and hold at %d times its length (was %s)",
                             want, got, COMPOSE_MAX_TIMES, was);
    if (n < size && f->met && (f->at_floor || f->at_ceiling))
        snprintf(buf + n, size - n, "; %d at the shortest, %d at the longest they may be",
                 f->at_floor, f->at_ceiling);
}

void compose_fit_free(struct compose_fit *f)
{
    if (!f)
        return;
    free(f->phase);
    free(f->was_ms);
    free(f);
}

/* ---- the two halves ---- */

struct routine *compose_routine(const struct routine *const *src, int nsrc,
                                const struct compose_req *q, enum session_intro intro, char *err,
                                size_t errlen)
{
    int one_each = !q->routine && q->areas;
    struct routine *r = pick(src, one_each ? nsrc : 1, src[0], q->areas, one_each, err, errlen);
    if (!r)
        return NULL;
    announce_in_place(r);
    if (session_intro(r, intro == SESSION_INTRO_AUTO ? SESSION_INTRO_SHORT : intro) != 0) {
        script_free(r);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    drop_unused_cues(r);
    return r;
}

/* The checks a routine file gets, on the composed routine's text: the
 * parser's errors (limits, sides, cues) stop it as they would a file. */
static int check_text(const struct routine *r, const char *path, struct diags *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return -1;
    int w = compose_write(f, r);
    fclose(f);
    if (w != 0) {
        free(text);
        return -1;
    }
    struct diags pd = {0};
    struct routine *back = script_parse(path, text, len, &pd);
    int errors = pd.errors;
    for (int i = 0; i < pd.n; i++)
        if (pd.v[i].severity == DIAG_ERROR)
            diags_add(d, DIAG_ERROR, pd.v[i].file, pd.v[i].line, pd.v[i].col, pd.v[i].src,
                      pd.v[i].hint, "in the composed routine: %s", pd.v[i].msg);
    diags_free(&pd);
    script_free(back);
    free(text);
    return back && !errors ? 0 : -1;
}

int compose_finish(struct routine *r, const int64_t *cue_frames, const struct session_opts *o,
                   int64_t target_ms, const char *path, struct compose_fit **fitted,
                   struct diags *d)
{
    *fitted = NULL;
    trim_setups(r, cue_frames, o->rate);
    if (target_ms > 0) {
        struct timeline_opts to = {.rate = o->rate, .pace_ms = o->pace_ms, .speed = 1.0};
        *fitted = calloc(1, sizeof **fitted);
        if (!*fitted || fit(r, cue_frames, &to, target_ms, *fitted) != 0) {
            diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "out of memory fitting the session");
            return -1;
        }
    }
    return check_text(r, path, d);
}
