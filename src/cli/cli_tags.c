/* SPDX-License-Identifier: MIT */
/* cli_tags.c — render's file as a phone's player shows it: the routine's
 * title (as the album too), its author, description, genre and year, a
 * cover (the title over the body map, the areas it rolls lit),
 * a chapter per step and side, and the words, inside the file (tags.h) and,
 * with --lyrics, as an .lrc file beside it. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "area.h"
#include "cli.h"
#include "path.h"
#include "safefile.h"
#include "view_sdl.h"

#define COVER_SIZE 600 /* pixels a side: sharp on a phone's now-playing screen */
#define COVER_MAX  (8 << 20)

int cli_tags_check(const struct args *a)
{
    if (a->chapters > 0 && tags_kind_of(a->output) == TAGS_NONE) {
        cli_usage_error("'%s' cannot carry chapters: render to .mp3, .ogg, .opus or .flac",
                        a->output);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* The routine's cover, as the window draws it: the title over the body
 * map with every area the session rolls from `from` on lit, so that each
 * routine's file looks like its own. NULL with a warning when it cannot be
 * drawn (the file is written without a cover). */
static unsigned char *draw_cover(const struct timeline *tl, int64_t from, size_t *len)
{
    unsigned char *lit = calloc((size_t)area_count, 1);
    if (!lit) {
        fprintf(stderr, "rollout: warning: no cover picture: out of memory.\n");
        return NULL;
    }
    for (int i = timeline_phase_at(tl, from); i >= 0 && i < tl->nph; i++)
        if (tl->ph[i].step >= 0) {
            int area = area_find(tl->routine->steps[tl->ph[i].step].area);
            if (area >= 0)
                lit[area] = 1;
        }
    char dir[PATH_MAX], path[PATH_MAX + 16], err[256];
    if (cli_temp_dir(dir, sizeof dir, "rollout-cover") != 0) {
        fprintf(stderr, "rollout: warning: no cover picture: %s.\n", strerror(errno));
        free(lit);
        return NULL;
    }
    snprintf(path, sizeof path, "%s/cover.png", dir);
    char *png = NULL;
    struct stat st;
    int why = 0;
    enum path_read r;
    if (view_sdl_cover(tl->routine->title, lit, COVER_SIZE, path, err, sizeof err) != 0)
        fprintf(stderr, "rollout: warning: no cover picture: %s.\n", cli_clause(err));
    else if ((r = path_read(path, COVER_MAX, &png, len, &st, &why)) != PATH_READ_OK)
        fprintf(stderr, "rollout: warning: no cover picture: %s.\n", path_read_reason(r, why));
    unlink(path);
    rmdir(dir);
    free(lit);
    return (unsigned char *)png;
}

/* The year the file is made, for its date tag. */
static void this_year(char *buf, size_t len)
{
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm))
        snprintf(buf, len, "%d", tm.tm_year + 1900);
    else
        buf[0] = 0;
}

/* What the tags take at most: the cover, the words three times (plain,
 * timed, and as UTF-16 in ID3), and room for the rest. */
static unsigned long long tags_room(const struct cli_tags *ct)
{
    unsigned long long words = 0;
    for (int i = 0; i < ct->ch.nly; i++)
        words += strlen(ct->ch.ly[i].text) + 16;
    return ct->t.cover_len + 6 * words + (64u << 10);
}

/* out_file's finish: the tags go into the file under its temporary name.
 * TagLib does not tell a full disk from other failures, so the room they
 * need is looked for first. */
static int add_tags(void *user, const char *tmp, char *err, size_t errlen)
{
    struct cli_tags *ct = user;
    char why[256];
    struct statvfs fs;
    if (statvfs(tmp, &fs) == 0 && (unsigned long long)fs.f_bavail * fs.f_frsize < tags_room(ct)) {
        snprintf(err, errlen, "cannot write '%s': %s", ct->path, safefile_reason(ENOSPC));
        return -1;
    }
    if (tags_write(tmp, ct->kind, &ct->t, why, sizeof why) == 0)
        return 0;
    snprintf(err, errlen, "cannot write '%s': %s", ct->path, why);
    return -1;
}

int cli_tags_prepare(struct cli_tags *ct, const struct args *a, const struct session *s,
                     int64_t from, struct out_file_opts *fo)
{
    *ct =
        (struct cli_tags){.kind = tags_kind_of(a->output), .path = a->output, .lyrics = a->lyrics};
    if (ct->kind == TAGS_NONE && !a->lyrics)
        return CLI_EXIT_OK;
    if (chapters_make(&ct->ch, &s->tl, from) != 0) {
        cli_say("out of memory for the chapters of '%s'", a->output);
        return CLI_EXIT_IO;
    }
    if (ct->kind == TAGS_NONE)
        return CLI_EXIT_OK;
    int kept = tags_chapters_kept(ct->kind, ct->ch.nch);
    if (a->chapters >= 0 && kept < ct->ch.nch)
        fprintf(stderr,
                "rollout: warning: '%s' holds the first %d of its %d chapters, "
                "as many as Vorbis comments number.\n",
                a->output, kept, ct->ch.nch);
    const struct routine *r = s->routine;
    size_t cover_len = 0;
    ct->cover = draw_cover(&s->tl, from, &cover_len);
    this_year(ct->year, sizeof ct->year);
    ct->t = (struct tags){.title = r->title,
                          .album = r->title,
                          .artist = r->author ? r->author : "rollout",
                          .genre = CLI_TAGS_GENRE,
                          .year = ct->year[0] ? ct->year : NULL,
                          .comment = r->about,
                          .cover = ct->cover,
                          .cover_len = cover_len,
                          .chapters = &ct->ch,
                          .with_chapters = a->chapters >= 0};
    fo->finish = add_tags;
    fo->finish_user = ct;
    return CLI_EXIT_OK;
}

/* "session.mp3" -> "session.lrc": the name players look for beside it. */
static void lrc_path(char *buf, size_t len, const char *output)
{
    const char *slash = strrchr(output, '/');
    const char *dot = strrchr(output, '.');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - output) : strlen(output);
    snprintf(buf, len, "%.*s.lrc", (int)stem, output);
}

int cli_tags_lrc(const struct cli_tags *ct, const struct session *s)
{
    if (!ct->lyrics)
        return CLI_EXIT_OK;
    char path[4096], err[512];
    lrc_path(path, sizeof path, ct->path);
    size_t len;
    const struct routine *r = s->routine;
    char *text = chapters_lrc(&ct->ch, r->title, r->author ? r->author : "rollout", r->title, &len);
    struct safefile f;
    int rc = CLI_EXIT_OK;
    if (!text) {
        cli_say("out of memory for '%s'", path);
        rc = CLI_EXIT_IO;
    } else if (safefile_open(&f, path, err, sizeof err) != 0 ||
               safefile_finish(&f, safefile_write(&f, text, len) != 0, err, sizeof err) != 0) {
        cli_say("%s", cli_clause(err));
        rc = CLI_EXIT_IO;
    }
    free(text);
    return rc;
}

const char *cli_tags_summary(const struct cli_tags *ct, char *buf, size_t len)
{
    int n = 0;
    buf[0] = 0;
    int chapters = ct->t.with_chapters ? tags_chapters_kept(ct->kind, ct->ch.nch) : 0;
    if (chapters)
        n = snprintf(buf, len, ", %d chapter%s", chapters, chapters == 1 ? "" : "s");
    if (ct->lyrics && n >= 0 && (size_t)n < len) {
        char path[4096];
        lrc_path(path, sizeof path, ct->path);
        snprintf(buf + n, len - (size_t)n, ", the words in %s", path);
    }
    return buf;
}

void cli_tags_free(struct cli_tags *ct)
{
    chapters_free(&ct->ch);
    free(ct->cover);
}
