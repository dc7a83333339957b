/* path.h — files named by a routine, reached safely: a written path joined
 * to the folder of the file that names it, a resolved path checked to be
 * inside a folder, and a regular file read whole up to a limit. */
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

/* Reads the whole regular file at path, of at most max bytes, into a new
 * buffer (*out, *len; not NUL-terminated). A FIFO or a device is refused
 * without waiting on it. *st is the file's identity, *err the errno of
 * PATH_READ_OPEN and PATH_READ_ERROR. */
enum path_read path_read(const char *path, size_t max, char **out, size_t *len, struct stat *st,
                         int *err);

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
