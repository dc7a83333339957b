/* SPDX-License-Identifier: MIT */
/* resume.c — the place a session was stopped, kept between runs. The file
 * is a few "key<TAB>value" lines:
 *     routine	/home/ana/.local/share/rollout/routines/calves.roll
 *     step	calves
 *     side	right
 *     at	412000
 *     length	728000
 */
#include "resume.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"
#include "safefile.h"
#include "xdg.h"

#define RESUME_MAX_BYTES (64 << 10) /* a few short lines; anything bigger is not ours */

char *resume_path(char *buf, size_t len)
{
    return xdg_path(XDG_STATE, "rollout/resume", buf, len);
}

int resume_place(struct resume_point *p, const struct timeline *tl, int64_t pos,
                 const char *routine)
{
    memset(p, 0, sizeof *p);
    if (pos >= tl->length || tl->nph == 0)
        return -1;
    const struct tl_phase *ph = &tl->ph[timeline_phase_at(tl, pos)];
    if (ph->step < 0 || ph->kind == TLP_DONE)
        return -1;
    char real[PATH_MAX];
    const char *abs = realpath(routine, real) ? real : routine;
    snprintf(p->routine, sizeof p->routine, "%s", abs);
    snprintf(p->step, sizeof p->step, "%s", tl->routine->steps[ph->step].id);
    snprintf(p->name, sizeof p->name, "%s", tl->routine->steps[ph->step].name);
    snprintf(p->title, sizeof p->title, "%s", tl->routine->title ? tl->routine->title : "");
    /* One line each in the file. */
    for (char *c = p->name; *c; c++)
        if (*c == '\t' || *c == '\n' || *c == '\r')
            *c = ' ';
    for (char *c = p->title; *c; c++)
        if (*c == '\t' || *c == '\n' || *c == '\r')
            *c = ' ';
    p->side = ph->side;
    p->at_ms = pos * 1000 / tl->rate;
    p->length_ms = tl->length * 1000 / tl->rate;
    return 0;
}

int resume_save(const char *path, const struct resume_point *p, char *err, size_t errlen)
{
    if (xdg_check(path, err, errlen) != 0)
        return -1;
    if (xdg_make_parents(path) != 0) {
        snprintf(err, errlen, "cannot make the folder for '%s': %s", path, strerror(errno));
        return -1;
    }
    char text[8192];
    int n = snprintf(text, sizeof text,
                     "routine\t%s\nstep\t%s\nside\t%s\nat\t%" PRId64 "\nlength\t%" PRId64
                     "\nname\t%s\ntitle\t%s\n",
                     p->routine, p->step,
                     p->side == SCRIPT_SIDE_LEFT    ? "left"
                     : p->side == SCRIPT_SIDE_RIGHT ? "right"
                                                    : "none",
                     p->at_ms, p->length_ms, p->name, p->title);
    if (n < 0 || (size_t)n >= sizeof text || strpbrk(p->routine, "\t\n")) {
        snprintf(err, errlen, "the routine's path cannot be kept: '%s'", p->routine);
        return -1;
    }
    struct safefile f;
    if (safefile_open(&f, path, err, errlen) != 0)
        return -1;
    if (write(f.fd, text, (size_t)n) != n) {
        snprintf(err, errlen, "cannot write '%s': %s", path, safefile_reason(errno));
        safefile_abort(&f);
        return -1;
    }
    return safefile_commit(&f, err, errlen);
}

int resume_load(const char *path, struct resume_point *p)
{
    memset(p, 0, sizeof *p);
    char *buf;
    size_t len;
    struct stat st;
    int why;
    enum path_read r = path_read(path, RESUME_MAX_BYTES, &buf, &len, &st, &why);
    if (r != PATH_READ_OK)
        return r == PATH_READ_OPEN && (why == ENOENT || why == ENOTDIR) ? 1 : -1;
    int have = 0;
    for (char *line = buf + path_bom(buf, len), *next; line < buf + len; line = next) {
        char *nl = memchr(line, '\n', (size_t)(buf + len - line));
        next = nl ? nl + 1 : buf + len;
        if (nl)
            *nl = 0;
        line[strcspn(line, "\r")] = 0;
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = 0;
        const char *v = tab + 1;
        char *end;
        if (strcmp(line, "routine") == 0 && v[0] == '/') {
            snprintf(p->routine, sizeof p->routine, "%s", v);
            have |= 1;
        } else if (strcmp(line, "step") == 0 && v[0]) {
            snprintf(p->step, sizeof p->step, "%s", v);
            have |= 2;
        } else if (strcmp(line, "side") == 0) {
            p->side = strcmp(v, "left") == 0    ? SCRIPT_SIDE_LEFT
                      : strcmp(v, "right") == 0 ? SCRIPT_SIDE_RIGHT
                                                : SCRIPT_SIDE_NONE;
        } else if (strcmp(line, "at") == 0) {
            p->at_ms = strtoll(v, &end, 10);
        } else if (strcmp(line, "length") == 0) {
            p->length_ms = strtoll(v, &end, 10);
        } else if (strcmp(line, "name") == 0) {
            snprintf(p->name, sizeof p->name, "%s", v);
        } else if (strcmp(line, "title") == 0) {
            snprintf(p->title, sizeof p->title, "%s", v);
        }
    }
    free(buf);
    return have == 3 ? 0 : -1;
}

void resume_clear(const char *path)
{
    unlink(path);
}

int64_t resume_frame(const struct timeline *tl, const struct resume_point *p)
{
    int k = script_step_find(tl->routine, p->step);
    /* script_step_find also takes a number or a name; the place is its id. */
    if (k < 0 || strcmp(tl->routine->steps[k].id, p->step) != 0)
        return -1;
    int first_side = 1;
    for (int i = 0; i < tl->nph; i++) {
        const struct tl_phase *ph = &tl->ph[i];
        if (ph->step != k || ph->side == SCRIPT_SIDE_NONE)
            continue;
        if (ph->side == p->side)
            return first_side ? tl->steps[k].start : ph->start;
        first_side = 0;
    }
    return tl->steps[k].start; /* one side now, or that side gone: the step */
}
