/* xdg.h — where rollout keeps a person's files, by the XDG base directory
 * rules: settings under $XDG_CONFIG_HOME/rollout (~/.config/rollout), the
 * resume point and the history under $XDG_STATE_HOME/rollout
 * (~/.local/state/rollout). A relative XDG variable is ignored, as the
 * rules say. */
#ifndef ROLLOUT_XDG_H
#define ROLLOUT_XDG_H

#include <stddef.h>

enum xdg_kind { XDG_CONFIG, XDG_STATE };

/* buf gets the folder's path joined with name ("rollout/history.tsv").
 * Returns buf; "" when the path does not fit. */
char *xdg_path(enum xdg_kind kind, const char *name, char *buf, size_t len);

/* Makes the folders that path's file goes in, as mkdir -p. 0, or -1 with
 * errno set. */
int xdg_make_parents(const char *path);

#endif
