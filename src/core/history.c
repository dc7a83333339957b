/* SPDX-License-Identifier: MIT */
/* history.c — the sessions played, kept and summed up. */
#include "history.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "area.h"
#include "path.h"
#include "safefile.h"
#include "visible.h"
#include "xdg.h"

#define HISTORY_MAX_BYTES (64 << 20) /* decades of sessions; anything bigger is not ours */

char *history_path(char *buf, size_t len)
{
    return xdg_path(XDG_STATE, "rollout/history.tsv", buf, len);
}

void history_track(struct history_run *h, const struct timeline *tl, const struct engine_status *st)
{
    if (tl->nsteps > h->nsteps) { /* a reloaded routine may have more steps */
        unsigned char *d = realloc(h->done, (size_t)tl->nsteps);
        if (!d)
            return;
        memset(d + h->nsteps, 0, (size_t)(tl->nsteps - h->nsteps));
        h->done = d;
        h->nsteps = tl->nsteps;
    }
    /* Frames heard: what play ran through since the last look, or, at the
     * first look and after a seek, since the start of the unbroken run. */
    if (h->started && st->run_from == h->last_from && st->pos >= h->last_pos)
        h->played += st->pos - h->last_pos;
    else if (st->pos >= st->run_from)
        h->played += st->pos - st->run_from;
    h->started = 1;
    h->last_pos = st->pos;
    h->last_from = st->run_from;
    /* A step heard: one that overlaps the run so far, however quickly it
     * went by between two looks. */
    for (int k = 0; k < tl->nsteps && !h->stepped; k++)
        h->stepped = tl->steps[k].start < st->pos && tl->steps[k].end > st->run_from;
    /* A side is done when all of its phases lie in the unbroken run. */
    for (int i = 0; i < tl->nph;) {
        const struct tl_phase *ph = &tl->ph[i];
        int j = i;
        while (j + 1 < tl->nph && tl->ph[j + 1].step == ph->step && tl->ph[j + 1].side == ph->side)
            j++;
        if (ph->step >= 0 && ph->kind != TLP_DONE && ph->start >= st->run_from &&
            tl->ph[j].end <= st->pos) {
            int second = 0;
            for (int k = 0; k < i; k++)
                if (tl->ph[k].step == ph->step && tl->ph[k].side != SCRIPT_SIDE_NONE &&
                    tl->ph[k].side != ph->side)
                    second = 1;
            h->done[ph->step] |= (unsigned char)(second ? 2 : 1);
        }
        i = j + 1;
    }
}

int history_run_steps(const struct history_run *h, const struct timeline *tl)
{
    int n = 0;
    for (int i = 0; i < tl->nsteps && i < h->nsteps; i++) {
        int want = tl->routine->steps[i].sides == SCRIPT_SIDES_BOTH ? 3 : 1;
        n += (h->done[i] & want) == want;
    }
    return n;
}

void history_routine_name(char *out, size_t len, const char *routine)
{
    const char *base = strrchr(routine, '/');
    base = base ? base + 1 : routine;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".roll") == 0)
        n -= 5;
    snprintf(out, len, "%.*s", (int)n, base);
    for (char *p = out; *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';
}

void history_entry_make(struct history_entry *e, const struct history_run *h,
                        const struct timeline *tl, const char *routine, time_t when)
{
    memset(e, 0, sizeof *e);
    e->when = when;
    history_routine_name(e->routine, sizeof e->routine, routine);
    e->minutes = (double)h->played / tl->rate / 60.0;
    e->steps = history_run_steps(h, tl);
    for (int i = 0; i < tl->nsteps && i < h->nsteps; i++) {
        const struct script_step *s = &tl->routine->steps[i];
        int sides = (h->done[i] & 1) + ((h->done[i] >> 1) & 1);
        e->sides += sides;
        /* An area counts as rolled when a side of it was played whole. */
        if (sides && s->area && !strstr(e->areas, s->area)) {
            size_t len = strlen(e->areas);
            snprintf(e->areas + len, sizeof e->areas - len, "%s%s", len ? "," : "", s->area);
        }
    }
}

void history_run_free(struct history_run *h)
{
    free(h->done);
    *h = (struct history_run){0};
}

static int format_entry(char *buf, size_t len, const struct history_entry *e)
{
    char when[32];
    struct tm tm;
    localtime_r(&e->when, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &tm);
    return snprintf(buf, len, "%s\t%s\t%.1f\t%d\t%d\t%s", when, e->routine, e->minutes, e->steps,
                    e->sides, e->areas[0] ? e->areas : "-");
}

void history_print_tsv(FILE *f, const struct history_entry *e)
{
    /* As the file holds it, but what came from outside (a routine file's
     * name, a line edited by hand) made visible, field by field. */
    char line[1100];
    format_entry(line, sizeof line, e);
    char *when = line, *routine = strchr(when, '\t');
    *routine++ = 0;
    char *rest = strchr(routine, '\t');
    *rest++ = 0;
    char *areas = strrchr(rest, '\t');
    *areas++ = 0;
    fprintf(f, "%s\t", when);
    visible_put(f, routine);
    fprintf(f, "\t%s\t", rest);
    visible_put(f, areas);
}

/* The file's text, NUL-terminated: 0 with *buf (NULL when there is no
 * file), or -1 with one sentence in err. */
static int slurp(const char *path, char **buf, size_t *len, char *err, size_t errlen)
{
    struct stat st;
    int why;
    enum path_read r = path_read(path, HISTORY_MAX_BYTES, buf, len, &st, &why);
    if (r == PATH_READ_OK || (r == PATH_READ_OPEN && (why == ENOENT || why == ENOTDIR)))
        return 0;
    snprintf(err, errlen, "cannot read '%s': %s", path, path_read_reason(r, why));
    return -1;
}

int history_append(const char *path, const struct history_entry *e, char *err, size_t errlen)
{
    size_t len = 0;
    char *old;
    if (xdg_check(path, err, errlen) != 0 || slurp(path, &old, &len, err, errlen) != 0)
        return -1;
    if (!old && xdg_make_parents(path) != 0) {
        snprintf(err, errlen, "cannot make the folder for '%s': %s", path, strerror(errno));
        return -1;
    }
    char line[1100];
    int n = format_entry(line, sizeof line - 1, e);
    line[n++] = '\n';
    static const char header[] =
        "# when\troutine\tminutes\tsteps\tsides\tareas (rollout's history: 'rollout history')\n";
    struct safefile f;
    if (safefile_open(&f, path, err, errlen) != 0) {
        free(old);
        return -1;
    }
    /* The old lines as they are, damaged ones too: reading skips those,
     * and a person may want to mend them. */
    int bad = 0;
    if (!old)
        bad |= safefile_write(&f, header, sizeof header - 1);
    else {
        bad |= safefile_write(&f, old, len);
        if (len && old[len - 1] != '\n')
            bad |= safefile_write(&f, "\n", 1);
    }
    bad |= safefile_write(&f, line, (size_t)n);
    int why = errno; /* free may touch errno */
    free(old);
    errno = why;
    return safefile_finish(&f, bad, err, errlen);
}

/* "2026-11-30T15:22:51+0100" to a time; -1 if it is not one. */
static time_t parse_when(const char *s)
{
    struct tm tm = {0};
    int off = 0, n = 0;
    char sign = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%4d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &sign, &off, &n) != 8 ||
        s[n] || (sign != '+' && sign != '-') || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
        tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    long secs = (off / 100) * 3600L + (off % 100) * 60L;
    return sign == '+' ? t - secs : t + secs;
}

/* One line into e: 0, or -1 when it is damaged. */
static int parse_line(char *line, struct history_entry *e)
{
    char *f[7];
    int n = 0;
    for (char *p = line; n < 7; n++) {
        f[n] = p;
        char *tab = strchr(p, '\t');
        if (!tab) {
            n++;
            break;
        }
        *tab = 0;
        p = tab + 1;
    }
    if (n != 6)
        return -1;
    memset(e, 0, sizeof *e);
    char *end;
    if ((e->when = parse_when(f[0])) == (time_t)-1 || !f[1][0])
        return -1;
    snprintf(e->routine, sizeof e->routine, "%s", f[1]);
    errno = 0;
    e->minutes = strtod(f[2], &end);
    if (errno || *end || end == f[2] || !(e->minutes >= 0) || e->minutes > 24 * 60)
        return -1;
    long st = strtol(f[3], &end, 10);
    if (*end || end == f[3] || st < 0 || st > 100000)
        return -1;
    long sd = strtol(f[4], &end, 10);
    if (*end || end == f[4] || sd < 0 || sd > 200000)
        return -1;
    e->steps = (int)st;
    e->sides = (int)sd;
    if (strcmp(f[5], "-") != 0)
        snprintf(e->areas, sizeof e->areas, "%s", f[5]);
    return 0;
}

int history_read(const char *path, struct history_entry **v, int *n, int *bad, int *first_bad,
                 char *err, size_t errlen)
{
    *v = NULL;
    *n = *bad = *first_bad = 0;
    size_t len = 0;
    char *buf;
    if (slurp(path, &buf, &len, err, errlen) != 0)
        return -1;
    if (!buf)
        return 0;
    int cap = 0, lineno = 0;
    for (char *p = buf + path_bom(buf, len); p < buf + len;) {
        char *nl = memchr(p, '\n', (size_t)(buf + len - p));
        char *end = nl ? nl : buf + len, *next = nl ? nl + 1 : buf + len;
        lineno++;
        if (end > p && end[-1] == '\r') /* a CRLF ending, as some editors write */
            end--;
        *end = 0;
        struct history_entry e;
        /* A NUL inside the line makes strlen stop short: damaged. */
        int damaged = p + strlen(p) != end;
        if (!damaged && (end == p || p[0] == '#')) {
            p = next;
            continue;
        }
        if (damaged || parse_line(p, &e) != 0) {
            if (!(*bad)++)
                *first_bad = lineno;
            p = next;
            continue;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            struct history_entry *nv = realloc(*v, (size_t)cap * sizeof **v);
            if (!nv) {
                free(buf);
                snprintf(err, errlen, "out of memory reading '%s'", path);
                return -1;
            }
            *v = nv;
        }
        (*v)[(*n)++] = e;
        p = next;
    }
    free(buf);
    return 0;
}

/* An area's name in a sentence: "calf", "IT band", "arch of the foot". */
static void area_words(char *buf, size_t len, const char *key)
{
    const char *label = area_label(area_find(key));
    snprintf(buf, len, "%s", label ? label : key);
    if (label && !(buf[0] == 'I' && buf[1] == 'T'))
        buf[0] = (char)(buf[0] - 'A' + 'a');
}

void history_week_add(struct history_week *w, const struct history_entry *e, time_t now)
{
    /* The week is the last seven days, as a runner counts a training week. */
    int recent = e->when > now - 7 * 86400 && e->when <= now + 86400;
    if (recent) {
        w->sessions++;
        w->minutes += e->minutes;
    }
    char areas[sizeof e->areas], *save;
    snprintf(areas, sizeof areas, "%s", e->areas);
    for (char *a = strtok_r(areas, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
        int k = area_find(a);
        if (k < 0 || k >= HISTORY_AREAS)
            continue;
        w->count[k] += recent;
        if (e->when > w->last[k])
            w->last[k] = e->when;
    }
}

void history_week_said(char *buf, size_t len, const struct history_week *w)
{
    int n = snprintf(buf, len, "this week: %d session%s, %.0f min", w->sessions,
                     w->sessions == 1 ? "" : "s", w->minutes);
    int sep = 0;
    for (int k = 0; k < area_count && k < HISTORY_AREAS && n > 0 && (size_t)n < len; k++)
        if (w->count[k]) {
            char words[64];
            area_words(words, sizeof words, area_keys[k]);
            n += snprintf(buf + n, len - (size_t)n, "%s%s %d\u00d7", sep++ ? ", " : "; ", words,
                          w->count[k]);
        }
}

void history_summary(FILE *f, const struct history_entry *v, int n, time_t now)
{
    struct history_week w = {0};
    for (int i = 0; i < n; i++)
        history_week_add(&w, &v[i], now);
    char line[1024];
    history_week_said(line, sizeof line, &w);
    fputs(line, f);
    /* The area rolled before any other, that has waited longest. */
    int oldest = -1;
    for (int k = 0; k < area_count && k < HISTORY_AREAS; k++)
        if (w.last[k] && (oldest < 0 || w.last[k] < w.last[oldest]))
            oldest = k;
    if (oldest >= 0) {
        char words[64];
        area_words(words, sizeof words, area_keys[oldest]);
        long days = (long)((now - w.last[oldest]) / 86400);
        if (days <= 0)
            fprintf(f, "; last rolled %s today", words);
        else
            fprintf(f, "; last rolled %s %ld day%s ago", words, days, days == 1 ? "" : "s");
    }
    fputc('\n', f);
}

void history_print_json(FILE *f, const struct history_entry *e)
{
    char line[1100], *when = line;
    format_entry(line, sizeof line, e);
    line[strcspn(line, "\t")] = 0;
    fputs("{\"when\":", f);
    visible_json(f, when);
    fputs(",\"routine\":", f);
    visible_json(f, e->routine);
    fprintf(f, ",\"minutes\":%.1f,\"steps\":%d,\"sides\":%d,\"areas\":[", e->minutes, e->steps,
            e->sides);
    char areas[512];
    snprintf(areas, sizeof areas, "%s", e->areas);
    char *save;
    int i = 0;
    for (char *a = strtok_r(areas, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
        fputs(i++ ? "," : "", f);
        visible_json(f, a);
    }
    fputs("]}", f);
}
