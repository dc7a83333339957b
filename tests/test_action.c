/* SPDX-License-Identifier: MIT */
/* test_action.c — the action table: each key, media key, remote verb and
 * phrase leads to one action, every button to one, and what is drawn from
 * the table (the help's keys and phrases, the terminal's key line at every
 * width) says what the table says. */
#include <string.h>

#include "action.h"
#include "check.h"

/* Columns of a UTF-8 string. */
static int columns(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* No key, media key, remote verb or phrase is taken by two actions: each
 * input has one meaning. */
static void test_one_meaning(void)
{
    for (int i = 0; i < action_count; i++)
        for (int j = i + 1; j < action_count; j++) {
            const struct action *a = &action_table[i], *b = &action_table[j];
            CHECK(a->act != b->act);
            const char *lists[2][2] = {{a->keys, a->also}, {b->keys, b->also}};
            for (int x = 0; x < 2; x++)
                for (int y = 0; y < 2; y++) {
                    char one[256], other[256];
                    snprintf(one, sizeof one, " %s ", lists[0][x] ? lists[0][x] : "");
                    for (const char *p = lists[1][y] ? lists[1][y] : ""; *p;) {
                        size_t w = strcspn(p, " ");
                        snprintf(other, sizeof other, " %.*s ", (int)w, p);
                        if ((a->where & b->where) && strstr(one, other)) {
                            fprintf(stderr, "key '%.*s' is taken twice\n", (int)w, p);
                            CHECK(0);
                        }
                        p += w;
                        p += strspn(p, " ");
                    }
                }
            if (a->say && b->say)
                CHECK(strcmp(a->say, b->say) != 0);
            if (a->media && b->media)
                CHECK(strcmp(a->media, b->media) != 0);
            CHECK(a->button == ACTION_BUTTONS || a->button != b->button);
        }
    for (int b = 0; b < ACTION_BUTTONS; b++)
        CHECK(action_on_button((enum action_button)b) != NULL);
    /* Every action a person can take by key or button is found so. */
    for (int i = 0; i < action_count; i++) {
        const struct action *a = &action_table[i];
        char first[16];
        snprintf(first, sizeof first, "%.*s", (int)strcspn(a->keys, " "), a->keys);
        if (first[0])
            CHECK(action_for_key(first, a->where) == a);
    }
}

static void test_lookups(void)
{
    CHECK_INT(action_for_key("space", ACTION_IN_TERMINAL)->act, CONTROL_PLAY_PAUSE);
    CHECK_INT(action_for_key("Right", ACTION_IN_WINDOW)->act, CONTROL_NEXT);
    CHECK_INT(action_for_key("=", ACTION_IN_TERMINAL)->act, CONTROL_LOUDER); /* unshifted + */
    CHECK_INT(action_for_key("s", ACTION_IN_TERMINAL)->act, CONTROL_SIDE);
    /* The window's own keys mean nothing in a terminal: Esc, F1, f. */
    CHECK(action_for_key("Esc", ACTION_IN_TERMINAL) == NULL);
    CHECK(action_for_key("f", ACTION_IN_TERMINAL) == NULL);
    CHECK_INT(action_for_key("Esc", ACTION_IN_WINDOW)->act, CONTROL_BACK_OUT);
    CHECK_INT(action_for_key("?", ACTION_IN_WINDOW)->act, CONTROL_HELP);
    /* Esc never quits. */
    CHECK(action_for_key("Esc", ACTION_IN_WINDOW)->act != CONTROL_STOP);
    CHECK(action_for_key("x", ACTION_IN_BOTH) == NULL);
    CHECK_INT(action_for_media("AudioPlay")->act, CONTROL_PLAY_PAUSE);
    CHECK_INT(action_for_media("Mute")->act, CONTROL_MUTE);
    CHECK_INT(action_for_remote("PlayPause")->act, CONTROL_PLAY_PAUSE);
    CHECK_INT(action_for_remote("Quit")->act, CONTROL_STOP);
    CHECK_INT(action_for_remote("Stop")->act, CONTROL_STOP);
    CHECK_INT(action_for_remote("Hold")->act, CONTROL_HOLD);
    CHECK_INT(action_for_remote("Raise")->act, CONTROL_RAISE);
    CHECK(action_for_remote("Seek") == NULL);
    CHECK_INT(action_for_phrase("continue")->act, CONTROL_PLAY);
    CHECK_INT(action_for_phrase("pause")->act, CONTROL_PAUSE);
    CHECK_INT(action_for_phrase("stop")->act, CONTROL_STOP);
    CHECK(action_for_phrase("rollout") == NULL);
}

static void test_drawn(void)
{
    char buf[256];
    const struct action *pause = action_of(CONTROL_PLAY_PAUSE), *louder = action_of(CONTROL_LOUDER);
    CHECK_STR(action_keys_shown(louder, buf, sizeof buf), "\u2191  +  \u2193  -");
    CHECK_STR(action_phrases(louder, "rollout ", buf, sizeof buf),
              "rollout louder / rollout quieter");
    CHECK_STR(action_phrases(pause, "", buf, sizeof buf), "pause / continue");
    CHECK_STR(action_phrases(action_of(CONTROL_SIDE), "rollout ", buf, sizeof buf), "");

    CHECK_STR(action_key_line(buf, sizeof buf, 79, 0, 0),
              "space pause  p back  n next  h hold  +/- volume  s side  c click  q quit");
    CHECK_STR(action_key_line(buf, sizeof buf, 79, 0, 1),
              "space resume  p back  n next  h hold  +/- volume  s side  c click  q quit");
    CHECK(strstr(action_key_line(buf, sizeof buf, 120, 1, 0), "m/[/] music") != NULL);
    CHECK(strstr(action_key_line(buf, sizeof buf, 120, 0, 0), "music") == NULL);
    /* Narrower, shorter; never wider than the terminal, down to the keys. */
    for (int cols = 19; cols < 100; cols++) {
        action_key_line(buf, sizeof buf, cols, 0, 0);
        CHECK(columns(buf) <= cols);
        CHECK(strncmp(buf, "sp", 2) == 0);
    }
    CHECK_STR(action_key_line(buf, sizeof buf, 39, 0, 0), "spc pause p back n next q quit");
}

int main(void)
{
    test_one_meaning();
    test_lookups();
    test_drawn();
    return check_done("test_action");
}
