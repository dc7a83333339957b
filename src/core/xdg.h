/* SPDX-License-Identifier: MIT */
/* xdg.h — where rollout keeps a person's files, by the XDG base directory
 * rules: settings under $XDG_CONFIG_HOME/rollout (~/.config/rollout), the
 * resume point and the history under $XDG_STATE_HOME/rollout
 * (~/.local/state/rollout), routines under $XDG_DATA_HOME/rollout
 * (~/.local/share/rollout). A relative XDG variable is ignored, as the
 * rules say. The home folder is $HOME; when HOME is unset, empty or not an
 * absolute path, the password database's (as other XDG implementations
 * do); never the current folder or the root. */
#ifndef ROLLOUT_XDG_H
#define ROLLOUT_XDG_H

#include <stddef.h>

enum xdg_kind { XDG_CONFIG, XDG_STATE, XDG_DATA };

/* buf gets the folder's path joined with name ("rollout/history.tsv").
 * Returns buf; "" when there is no home folder to be found or the path
 * does not fit. */
char *xdg_path(enum xdg_kind kind, const char *name, char *buf, size_t len);

/* Checks a path xdg_path gave before a file is written there: 0, or -1
 * with one sentence in err when it is "" (no home folder). */
int xdg_check(const char *path, char *err, size_t errlen);

/* Makes the folders that path's file goes in, as mkdir -p. 0, or -1 with
 * errno set. */
int xdg_make_parents(const char *path);

#endif
