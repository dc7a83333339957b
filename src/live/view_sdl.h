/* SPDX-License-Identifier: MIT */
/* view_sdl.h — the session window: the current muscle, side, phase and its
 * countdown, a pulse with each click, the words being spoken, the session's
 * progress and a body map, big enough to read from the floor; keys and
 * buttons for the same actions as the terminal. A second view of the same
 * state as view_term: it reads engine snapshots and acts through control.
 * Also draws the same picture into an image file (`rollout shot`). */
#ifndef ROLLOUT_VIEW_SDL_H
#define ROLLOUT_VIEW_SDL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "action.h"
#include "bodymap.h"
#include "control.h"
#include "show.h"
#include "timeline.h"

/* The palette, 0xRRGGBB: a dark ground, light type, one accent. */
/* The size everything is laid out for (one unit of the layout is one of its
 * pixels): the window's when the screen has room, a shot's unless asked. */
#define VIEW_SDL_WIDTH  1280
#define VIEW_SDL_HEIGHT 720
/* The sizes a shot may be drawn at. */
#define VIEW_SDL_MIN_WIDTH  320
#define VIEW_SDL_MIN_HEIGHT 200
#define VIEW_SDL_MAX_WIDTH  7680
#define VIEW_SDL_MAX_HEIGHT 4320

#define VIEW_SDL_BACKGROUND SHOW_GROUND
#define VIEW_SDL_ACCENT     0xFFB000u
#define VIEW_SDL_FIGURE     0x3A4652u
#define VIEW_SDL_TRACK      0x2A333Cu

struct view_sdl;

/* ---- the start screen ----
 *
 * Before a session with no routine named, and after Again: the body map,
 * front and back, where a press on an area marks it sore (both sides of a
 * two-sided area), a choice of minutes, and Start. Keys do the same: up
 * and down choose an area, space marks it, left and right the minutes,
 * Enter starts, q quits. Start with nothing marked is the default routine. */

#define VIEW_SDL_AREAS   32 /* room for every area of area.h */
#define VIEW_SDL_MINUTES 6  /* the choices of length, the buttons' first six places */

/* The lengths offered, in minutes; 0 is the routine's own length. */
extern const int view_sdl_minutes[VIEW_SDL_MINUTES];

struct view_sdl_choice {
    unsigned char areas[VIEW_SDL_AREAS]; /* 1 for each area (area.h index) marked */
    int minutes;                         /* 0: as the routines have it */
    int resume; /* instead: go on from the place kept when a session was stopped */
};

/* What the start screen shows; for a shot, or the window's own. */
struct view_sdl_start {
    unsigned char covered[VIEW_SDL_AREAS]; /* areas some routine has a step for */
    struct view_sdl_choice choice;
    int cursor;         /* the area the keys are on, or -1 */
    const char *notice; /* a sentence in place of the hint, or NULL */
    char resume[300];   /* the place kept to go on from, "Calves, left side"; or "" */
};

/* The start screen's own places, after the actions': the minutes are
 * 0 .. VIEW_SDL_MINUTES - 1, then these. */
enum { VIEW_SDL_START_GO = VIEW_SDL_MINUTES, VIEW_SDL_START_QUIT };

/* Shows the start screen in the window, with covered (area_count flags)
 * the areas that can be marked and last the choice it opens with (NULL:
 * nothing marked, the routine's own length). */
void view_sdl_choose(struct view_sdl *v, const unsigned char *covered,
                     const struct view_sdl_choice *last);

/* The start screen offers to go on from the place kept when a session was
 * stopped, said as `where` ("Calves, left side"); NULL or "": no offer. */
void view_sdl_offer_place(struct view_sdl *v, const char *where);

/* 1 once Start has been pressed: the choice is in *ch and the start screen
 * gone. 0 before, and when no start screen is showing. */
int view_sdl_chosen(struct view_sdl *v, struct view_sdl_choice *ch);

/* Whether the start screen is showing. */
int view_sdl_choosing(const struct view_sdl *v);

/* Whether the help (F1 or ?) is showing over the session. */
int view_sdl_help_shown(const struct view_sdl *v);

/* Once on, Again at the end of a session opens the start screen (with the
 * last choice) instead of playing the same session again. */
void view_sdl_again_chooses(struct view_sdl *v, const unsigned char *covered,
                            const struct view_sdl_choice *last);

/* How a picture came out; view_sdl_shot_result_text says it in words. */
enum view_sdl_shot_result {
    VIEW_SDL_SHOT_OK,
    VIEW_SDL_SHOT_DRAW,       /* it could not be drawn: no font, no memory */
    VIEW_SDL_SHOT_WRITE,      /* the file could not be written */
    VIEW_SDL_SHOT_INTERRUPTED /* *stop was set (a signal) before it took the file's name */
};

const char *view_sdl_shot_result_text(enum view_sdl_shot_result r);

/* Draws the start screen into a w x h picture at path, as view_sdl_shot. */
enum view_sdl_shot_result view_sdl_start_shot(const struct view_sdl_start *s, int w, int h,
                                              const char *path, const volatile sig_atomic_t *stop,
                                              char *err, size_t errlen);

/* The centre of one of the start screen's buttons: a minutes choice
 * (0 .. VIEW_SDL_MINUTES - 1), VIEW_SDL_START_GO or VIEW_SDL_START_QUIT. */
void view_sdl_start_pixel(int w, int h, int which, int *x, int *y);

/* Whether `play` should open a window: SDL's video starts with a real
 * driver (not dummy or offscreen), and, unless SDL_VIDEODRIVER names one,
 * DISPLAY or WAYLAND_DISPLAY is set, so a login over ssh or a text console
 * never takes over a screen. Leaves SDL's video running when it says yes. */
int view_sdl_display_available(void);
/* The same, telling a display that is named but cannot be opened: 1 a
 * window can open, 0 no display (or a dummy one), -1 one is named and
 * cannot be opened, with why in one phrase. */
int view_sdl_display_check(char *why, size_t len);

/* Opens the window (SDL's video must be running) for a session controlled
 * through c. NULL on failure, with one sentence in err: no font, no window,
 * no renderer. */
struct view_sdl *view_sdl_open(struct control *c, char *err, size_t errlen);

/* Handles what has happened, redraws if anything on screen changed, then
 * waits for input until the next change is due, at most max_wait_ms. */
void view_sdl_poll(struct view_sdl *v, int max_wait_ms);

void view_sdl_close(struct view_sdl *v);

/* Brings the window to the front (a remote asked to see it). */
void view_sdl_raise(struct view_sdl *v);

/* Draws the body map alone, the area (an area.h index, or -1 for none) lit
 * on that side, into a size x size PNG at path: a remote's artwork. Returns
 * 0, or -1 with one sentence in err. */
int view_sdl_art(int area, enum script_side side, int size, const char *path, char *err,
                 size_t errlen);

/* Draws a routine's cover into a size x size PNG at path: its title over
 * the body map, with each area whose lit[] flag (by area.h index) is set
 * lit on both sides. Returns 0, or -1 with one sentence in err. */
int view_sdl_cover(const char *title, const unsigned char *lit, int size, const char *path,
                   char *err, size_t errlen);

/* The window's size in SDL's window points (mouse events come in these). */
void view_sdl_window_size(const struct view_sdl *v, int *w, int *h);

/* Draws what a view would show of in (show.h) into a w x h image (no
 * display needed) and writes it to path, a .png or .bmp, through the
 * safe-write module (safefile.h). Anything but VIEW_SDL_SHOT_OK comes with
 * one sentence in err. stop may be NULL. */
enum view_sdl_shot_result view_sdl_shot(const struct show_input *in, int w, int h, const char *path,
                                        const volatile sig_atomic_t *stop, char *err,
                                        size_t errlen);

/* Layout probes for tests, in pixels of a w x h picture. */
/* A point inside the area's region (an area.h index) on that body side. */
int view_sdl_area_pixel(int w, int h, int area, enum script_side side, int *x, int *y);
/* The row of the side letters under a figure (a bodymap view), as wide as
 * the figure's box: x, y, width, height; and that figure's middle, in x. */
void view_sdl_side_row(int w, int h, enum bodymap_view view, int rect[4], int *middle);
/* The progress bar's track: x, y, width, height. */
void view_sdl_progress_rect(int w, int h, int rect[4]);
/* The centre of the pace pulse. */
void view_sdl_pulse_pixel(int w, int h, int *x, int *y);
/* The PAUSED banner: x, y, width, height. */
void view_sdl_banner_rect(int w, int h, int rect[4]);
/* The rows of the muscle, the side and phase, and the countdown, together. */
void view_sdl_rows_rect(int w, int h, int rect[4]);
/* A point on the PAUSED banner. */
void view_sdl_paused_pixel(int w, int h, int *x, int *y);
/* The help shown over the session (F1 or ?): x, y, width, height. */
void view_sdl_help_rect(int w, int h, int rect[4]);
/* The countdown's row, as it is drawn with the help shown or without. */
void view_sdl_count_rect(int w, int h, int help, int rect[4]);
/* The column of the help's table that says what to say: x, y, width, height. */
void view_sdl_help_say_rect(int w, int h, int rect[4]);
/* The offer to go on from where one stopped: x, y, width, height (the
 * session's and the start screen's). */
void view_sdl_resume_rect(int w, int h, int rect[4]);
/* The centre of the end screen's Again (0) or Done (1). */
void view_sdl_end_pixel(int w, int h, int which, int *x, int *y);
/* The centre of a button. */
void view_sdl_button_pixel(int w, int h, enum action_button b, int *x, int *y);

#endif
