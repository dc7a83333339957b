/* SPDX-License-Identifier: MIT */
/* action.c — the action table, and what is drawn from it. A new action is
 * one more row: its keys, button, media key, remote verb, phrase and words,
 * and a case in control_act. */
#include "action.h"

#include <stdio.h>
#include <string.h>

/* In the help's order. */
const struct action action_table[] = {
    {CONTROL_PLAY_PAUSE, "space", "Pause", ACTION_IN_BOTH, 0, "AudioPlay", "PlayPause", NULL,
     "Pause, go on", 0, "pause", 3, ACTION_BUTTON_PAUSE, "Pause", "Resume"},
    {CONTROL_PAUSE, "", NULL, 0, 0, NULL, "Pause", "pause", NULL, CONTROL_PLAY_PAUSE, NULL, 0,
     ACTION_BUTTONS, NULL, NULL},
    {CONTROL_PLAY, "", NULL, 0, 0, NULL, "Play", "continue", NULL, CONTROL_PLAY_PAUSE, NULL, 0,
     ACTION_BUTTONS, NULL, NULL},
    {CONTROL_PREV, "Left p", NULL, ACTION_IN_BOTH, 0, "AudioPrev", "Previous", "back",
     "Back to the step's start", 0, "back", 3, ACTION_BUTTON_BACK, "\u25C0\u25C0 Back", NULL},
    {CONTROL_NEXT, "Right n", NULL, ACTION_IN_BOTH, 0, "AudioNext", "Next", "next", "The next step",
     0, "next", 3, ACTION_BUTTON_NEXT, "Next \u25B6\u25B6", NULL},
    {CONTROL_HOLD, "h", NULL, ACTION_IN_BOTH, 0, NULL, "Hold", "hold", "Stay on this spot, 10 s", 0,
     "hold", 2, ACTION_BUTTON_HOLD, "Hold", NULL},
    {CONTROL_LOUDER, "Up +", "= KP+", ACTION_IN_BOTH, 1, "VolumeUp", NULL, "louder",
     "Louder, quieter", 0, "volume", 1, ACTION_BUTTON_LOUDER, "Vol +", NULL},
    {CONTROL_QUIETER, "Down -", "_ KP-", ACTION_IN_BOTH, 1, "VolumeDown", NULL, "quieter", NULL,
     CONTROL_LOUDER, NULL, 0, ACTION_BUTTON_QUIETER, "Vol \u2212", NULL},
    {CONTROL_SIDE, "s", NULL, ACTION_IN_BOTH, 0, NULL, NULL, NULL, "The other side", 0, "side", 2,
     ACTION_BUTTONS, NULL, NULL},
    {CONTROL_CLICK, "c", NULL, ACTION_IN_BOTH, 0, NULL, NULL, NULL, "The click off and on", 0,
     "click", 1, ACTION_BUTTON_CLICK, "Click off", "Click on"},
    {CONTROL_MUTE, "", NULL, 0, 0, "Mute", NULL, NULL, NULL, 0, NULL, 0, ACTION_BUTTONS, NULL,
     NULL},
    {CONTROL_MUSIC, "m", NULL, ACTION_IN_BOTH, 0, NULL, NULL, NULL, "Music off and on, down, up", 0,
     "music", 0, ACTION_BUTTONS, NULL, NULL},
    {CONTROL_MUSIC_QUIETER, "[", NULL, ACTION_IN_BOTH, 1, NULL, NULL, NULL, NULL, CONTROL_MUSIC,
     NULL, 0, ACTION_BUTTONS, NULL, NULL},
    {CONTROL_MUSIC_LOUDER, "]", NULL, ACTION_IN_BOTH, 1, NULL, NULL, NULL, NULL, CONTROL_MUSIC,
     NULL, 0, ACTION_BUTTONS, NULL, NULL},
    {CONTROL_RESUME, "r", NULL, ACTION_IN_BOTH, 0, NULL, NULL, NULL, "On from where you stopped", 0,
     NULL, 0, ACTION_BUTTONS, NULL, NULL},
    {CONTROL_FULLSCREEN, "f F11", NULL, ACTION_IN_WINDOW, 0, NULL, NULL, NULL, "Full screen", 0,
     NULL, 0, ACTION_BUTTONS, NULL, NULL},
    {CONTROL_STOP, "q", NULL, ACTION_IN_BOTH, 0, "AudioStop", "Stop Quit", "stop", "Quit", 0,
     "quit", 3, ACTION_BUTTON_QUIT, "Quit", NULL},
    {CONTROL_HELP, "F1 ?", NULL, ACTION_IN_WINDOW, 0, NULL, NULL, NULL, "This help", 0, NULL, 0,
     ACTION_BUTTONS, NULL, NULL},
    {CONTROL_BACK_OUT, "Esc", NULL, ACTION_IN_WINDOW, 0, NULL, NULL, NULL,
     "Close the help, leave full screen", 0, NULL, 0, ACTION_BUTTONS, NULL, NULL},
    {CONTROL_RAISE, "", NULL, 0, 0, NULL, "Raise", NULL, NULL, 0, NULL, 0, ACTION_BUTTONS, NULL,
     NULL},
};
const int action_count = (int)(sizeof action_table / sizeof action_table[0]);

/* Whether word is one of the space-separated words of list. */
static int among(const char *list, const char *word)
{
    size_t n = strlen(word);
    if (!list || !n)
        return 0;
    for (const char *p = list; *p;) {
        size_t w = strcspn(p, " ");
        if (w == n && strncmp(p, word, n) == 0)
            return 1;
        p += w;
        p += strspn(p, " ");
    }
    return 0;
}

const struct action *action_of(enum control_action a)
{
    for (int i = 0; i < action_count; i++)
        if (action_table[i].act == a)
            return &action_table[i];
    return NULL;
}

const struct action *action_for_key(const char *key, enum action_view view)
{
    for (int i = 0; i < action_count; i++) {
        const struct action *a = &action_table[i];
        if ((a->where & view) && (among(a->keys, key) || among(a->also, key)))
            return a;
    }
    return NULL;
}

const struct action *action_for_media(const char *key)
{
    for (int i = 0; i < action_count; i++)
        if (action_table[i].media && strcmp(action_table[i].media, key) == 0)
            return &action_table[i];
    return NULL;
}

const struct action *action_for_remote(const char *method)
{
    for (int i = 0; i < action_count; i++)
        if (among(action_table[i].remote, method))
            return &action_table[i];
    return NULL;
}

const struct action *action_for_phrase(const char *phrase)
{
    for (int i = 0; i < action_count; i++)
        if (action_table[i].say && strcmp(action_table[i].say, phrase) == 0)
            return &action_table[i];
    return NULL;
}

const struct action *action_on_button(enum action_button b)
{
    for (int i = 0; i < action_count; i++)
        if (action_table[i].button == b && b != ACTION_BUTTONS)
            return &action_table[i];
    return NULL;
}

const char *action_key_shown(const char *key)
{
    static const struct {
        const char *name, *shown;
    } names[] = {{"Left", "\u2190"}, {"Right", "\u2192"}, {"Up", "\u2191"}, {"Down", "\u2193"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(key, names[i].name) == 0)
            return names[i].shown;
    return key;
}

/* Appends the shown keys of a's own `keys` to buf, sep between them. */
static void append_keys(char *buf, size_t len, const char *keys, const char *sep)
{
    char key[16];
    for (const char *p = keys; *p;) {
        size_t w = strcspn(p, " ");
        snprintf(key, sizeof key, "%.*s", (int)w, p);
        size_t n = strlen(buf);
        snprintf(buf + n, len - n, "%s%s", n ? sep : "", action_key_shown(key));
        p += w;
        p += strspn(p, " ");
    }
}

const char *action_keys_shown(const struct action *a, char *buf, size_t len)
{
    buf[0] = 0;
    append_keys(buf, len, a->keys, "  ");
    for (int i = 0; i < action_count; i++)
        if (!action_table[i].what && action_table[i].with == a->act)
            append_keys(buf, len, action_table[i].keys, "  ");
    return buf;
}

const char *action_phrases(const struct action *a, const char *before, char *buf, size_t len)
{
    buf[0] = 0;
    for (int i = -1; i < action_count; i++) {
        const struct action *b = i < 0 ? a : &action_table[i];
        if (i >= 0 && (b->what || b->with != a->act))
            continue;
        if (!b->say)
            continue;
        size_t n = strlen(buf);
        snprintf(buf + n, len - n, "%s%s%s", n ? " / " : "", before, b->say);
    }
    return buf;
}

/* Characters in a UTF-8 string. */
static int columns(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* One try at the key line: the entries kept at least `keep`, each as its
 * keys ("+/-": its row's and its `with` rows' first keys) and, with words,
 * its word; sep between them. */
static void key_line(char *buf, size_t len, int keep, int words, const char *sep, int spc,
                     int music, int paused)
{
    buf[0] = 0;
    for (int i = 0; i < action_count; i++) {
        const struct action *a = &action_table[i];
        if (!a->term || a->keep < keep || !(a->where & ACTION_IN_TERMINAL) ||
            (a->act == CONTROL_MUSIC && !music))
            continue;
        char keys[32] = "";
        for (int j = -1; j < action_count; j++) {
            const struct action *b = j < 0 ? a : &action_table[j];
            if (j >= 0 && (b->what || b->with != a->act || !(b->where & ACTION_IN_TERMINAL)))
                continue;
            /* The first key a terminal has: a character, or space. */
            char first[16] = "";
            for (const char *k = b->keys; *k && !first[0];) {
                size_t w = strcspn(k, " ");
                if (w == 1 || strncmp(k, "space", w) == 0)
                    snprintf(first, sizeof first, "%.*s", (int)w, k);
                k += w;
                k += strspn(k, " ");
            }
            if (strcmp(first, "space") == 0 && spc)
                snprintf(first, sizeof first, "spc");
            size_t n = strlen(keys);
            snprintf(keys + n, sizeof keys - n, "%s%s", n ? "/" : "", first);
        }
        const char *word = a->act == CONTROL_PLAY_PAUSE && paused ? "resume" : a->term;
        size_t n = strlen(buf);
        snprintf(buf + n, len - n, "%s%s%s%s", n ? sep : "", keys, words ? " " : "",
                 words ? word : "");
    }
}

const char *action_key_line(char *buf, size_t len, int cols, int music, int paused)
{
    /* From the widest to the narrowest; the last one is kept whatever its
     * width: the terminal cuts it. */
    static const struct {
        int keep, words;
        const char *sep;
        int spc;
    } tries[] = {
        {0, 1, "  ", 0}, {0, 1, " ", 0}, {2, 1, " ", 1}, {3, 1, " ", 1}, {0, 0, " ", 1},
    };
    int n = (int)(sizeof tries / sizeof tries[0]);
    for (int i = 0; i < n; i++) {
        key_line(buf, len, tries[i].keep, tries[i].words, tries[i].sep, tries[i].spc, music,
                 paused);
        if (columns(buf) <= cols)
            break;
    }
    return buf;
}
