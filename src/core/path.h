/* SPDX-License-Identifier: MIT */
/* path.h — files reached safely: a regular file opened or read whole (up
 * to a limit) without ever waiting on a FIFO or a device, for every file
 * rollout reads; and, for the files a routine names, a written path joined
 * to the folder of the file that names it and a resolved path checked to
 * be inside a folder. */
#ifndef ROLLOUT_PATH_H
#define ROLLOUT_PATH_H

#include <stddef.h>
#include <sys/stat.h>

enum path_read {
    PATH_READ_OK,
    PATH_READ_OPEN,  /* it cannot be opened: errno in *err */
    PATH_READ_ERROR, /* it cannot be read: errno in *err */
    PATH_READ_DIR,
    PATH_READ_NOT_REGULAR,
    PATH_READ_TOO_BIG,
    PATH_READ_NOMEM
};

/* Opens the regular file at path for reading: the descriptor, or -1 with
 * *why PATH_READ_OPEN (errno in *err), PATH_READ_ERROR, PATH_READ_DIR or
 * PATH_READ_NOT_REGULAR. A FIFO, a socket or a device is refused without
 * waiting on it. *st is the file's identity. */
int path_open(const char *path, struct stat *st, enum path_read *why, int *err);

/* Reads the whole regular file at path, of at most max bytes, into a new
 * buffer (*out, *len), NUL-terminated one byte past *len so that text can
 * be read as a string. Refuses what path_open refuses. *st is the file's
 * identity, *err the errno of PATH_READ_OPEN and PATH_READ_ERROR. */
enum path_read path_read(const char *path, size_t max, char **out, size_t *len, struct stat *st,
                         int *err);

/* Why a file could not be read, as the end of "cannot read 'x': ...": "it
 * is a directory", "it is not a regular file", "it is larger than ...",
 * the system's words for err. */
const char *path_read_reason(enum path_read r, int err);

/* The length of a UTF-8 byte-order mark at the start of text (n bytes):
 * 3, or 0. Some editors on other systems begin every text file with one. */
size_t path_bom(const char *text, size_t n);

enum path_join { PATH_JOIN_OK, PATH_JOIN_ABSOLUTE, PATH_JOIN_ABOVE, PATH_JOIN_NOMEM };

/* Joins written to the folder of from (both relative to one top folder)
 * and normalises the result: no ".", no "..", no empty parts. PATH_JOIN_OK
 * with a new string in *out; PATH_JOIN_ABOVE when a ".." climbs above the
 * top folder. */
enum path_join path_join(const char *from, const char *written, char **out);

/* Whether the resolved path real is in the folder root or below it (both
 * as realpath gives them). */
int path_inside(const char *real, const char *root);

#endif
