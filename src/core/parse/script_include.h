/* SPDX-License-Identifier: MIT */
/* script_include.h — the file-system side of a routine's include and music
 * lines: where a written path leads, whether rollout may read what is
 * there, and which files are being read (met again, a cycle) or have been
 * read already (each file is read once). What those lines mean, and what
 * is said about them, is the parser's (script.c).
 *
 * A path is relative to the folder of the file that writes it and must stay
 * inside the top routine's folder: checked by name (no absolute path, no
 * ".." above it) and again after resolving links. Files are known by device
 * and inode, so two names for one file are one file. */
#ifndef ROLLOUT_SCRIPT_INCLUDE_H
#define ROLLOUT_SCRIPT_INCLUDE_H

#include <limits.h>
#include <sys/stat.h>

#define INCLUDE_MAX_DEPTH 8 /* files nested below the routine */

struct parser; /* the parser of one file (script.c): only kept here */

/* A file read by an include, parsed once and kept until the routine is done. */
struct include_file {
    dev_t dev;
    ino_t ino;
    struct parser *P;
    char *text;
    int height; /* how many files deep its own includes go */
    int failed; /* it had errors: its steps are not used */
};

struct include_files {
    char *prefix; /* the top file's folder as the user wrote it: "" or "dir/" */
    char *root;   /* that folder, resolved; NULL when it cannot be */
    struct {
        dev_t dev;
        ino_t ino;
        const char *name;
    } chain[INCLUDE_MAX_DEPTH + 1]; /* the files being read, outermost first */
    int nchain;
    struct include_file *read; /* every file read so far */
    int nread;
};

enum include_where {
    INCLUDE_OK, /* a regular file inside the folder */
    INCLUDE_NOMEM,
    INCLUDE_ABSOLUTE,   /* the path written is absolute */
    INCLUDE_ABOVE,      /* its ".." climb above the top folder */
    INCLUDE_UNRESOLVED, /* it cannot be resolved (not there, say): errno in err */
    INCLUDE_OUTSIDE,    /* a link leads out of the top folder, to real */
    INCLUDE_UNREADABLE, /* it cannot be looked at: errno in err */
    INCLUDE_DIR,
    INCLUDE_NOT_REGULAR
};

struct include_place {
    char *rel;  /* its path from the top folder, where its own includes start */
    char *name; /* as messages show it: the top folder as written, then rel */
    char real[PATH_MAX];
    struct stat st;
    int err;
};

/* Starts the files of the routine at path (as the user named it), which is
 * the first file being read. 0, or -1 when out of memory. */
int include_begin(struct include_files *F, const char *path);

/* Frees what include_begin and include_keep made; the parsers and texts of
 * the files read are the caller's to free first. */
void include_end(struct include_files *F);

/* Where written (a path in quotes in the file whose path from the top
 * folder is from) leads. pl's rel and name are set from INCLUDE_UNRESOLVED
 * on, and are the caller's to free (or take). A music line, which may name a
 * folder or a file yet to be made, reads past the last three results. */
enum include_where include_find(const struct include_files *F, const char *from,
                                const char *written, struct include_place *pl);

/* Whether the file st is being read: including it again would be a cycle. */
int include_reading(const struct include_files *F, const struct stat *st);

/* The file st when it has been read already, or NULL. */
struct include_file *include_known(const struct include_files *F, const struct stat *st);

/* "a.roll -> b.roll -> c.roll": the files being read, then last; NULL when
 * out of memory. */
char *include_chain_text(const struct include_files *F, const char *last);

/* The file st, named name, is being read now, until include_pop. */
void include_push(struct include_files *F, const struct stat *st, const char *name);
void include_pop(struct include_files *F);

/* Keeps a copy of e among the files read: the copy, or NULL when out of memory. */
struct include_file *include_keep(struct include_files *F, const struct include_file *e);

#endif
