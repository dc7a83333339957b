/* SPDX-License-Identifier: MIT */
/* script_lex.h — one line of a routine split into words and "texts", its
 * bytes checked on the way. The lexer reports nothing itself: it records
 * each problem in the line it lexes, and the parser turns them into
 * diagnostics with the file's name, the line quoted and a caret. */
#ifndef ROLLOUT_SCRIPT_LEX_H
#define ROLLOUT_SCRIPT_LEX_H

#include <stddef.h>

#define LEX_MAX_LINE   4096 /* bytes of a line read; a longer one is an error */
#define LEX_MAX_TOKENS 32   /* no statement has more than 7; the rest is an error anyway */
#define LEX_SHOW_BYTES 40   /* a token quoted in a message is cut to this */
#define LEX_BOM        "\xEF\xBB\xBF" /* U+FEFF in UTF-8: a byte-order mark */
/* At most one bad byte, an unknown escape in every two bytes, and a text
 * with no closing quote. */
#define LEX_MAX_ERRORS (1 + LEX_MAX_LINE / 2 + 1)

enum lex_kind { LEX_WORD, LEX_TEXT };

struct lex_token {
    enum lex_kind kind;
    const char *p; /* a word's bytes, or a text's bytes between its quotes (still escaped) */
    int len;
    int col;   /* 1-based byte column; for text, the opening quote */
    int glued; /* no space before it: the "TEXT" of ball="TEXT" */
};

enum lex_problem {
    LEX_BAD_UTF8, /* byte: the first byte that is not UTF-8 */
    LEX_NUL,
    LEX_CONTROL,    /* byte: a C0 control other than a tab, or DEL */
    LEX_C1_CONTROL, /* byte: the second byte of U+0080 to U+009F */
    LEX_MID_BOM,    /* a byte-order mark past the start of the file */
    LEX_BAD_ESCAPE, /* byte: the character after the backslash */
    LEX_UNCLOSED    /* a text with no closing quote */
};

struct lex_error {
    enum lex_problem what;
    int col; /* 1-based byte column */
    unsigned char byte;
};

struct lex_line {
    int no;
    size_t off;    /* where the line starts in the text, for quoting it */
    const char *p; /* len bytes, without the newline */
    int len;
    struct lex_token tok[LEX_MAX_TOKENS];
    int ntok;
    int i;        /* the next token a statement reads */
    int endcol;   /* just past the last token: where something missing is reported */
    int overflow; /* it had more than LEX_MAX_TOKENS tokens; the rest were dropped */
    struct lex_error err[LEX_MAX_ERRORS]; /* in the order found */
    int nerr;
};

/* Checks the bytes of L (its first bad byte is one error; the line is still
 * split, so its statement still counts), then splits it into tokens; '#'
 * outside quotes ends it. Sets everything but no, off, p and len. */
void lex_line(struct lex_line *L);

/* The next token without taking it, or NULL at the end. */
const struct lex_token *lex_peek(const struct lex_line *L);

/* Takes the next token, or NULL at the end. */
const struct lex_token *lex_next(struct lex_line *L);

/* Whether t is the word w. */
int lex_word_is(const struct lex_token *t, const char *w);

/* How many bytes of t to quote in a message (see LEX_SHOW_BYTES). */
int lex_shown(const struct lex_token *t);

/* The message for e, written into buf; and its hint, or NULL. */
const char *lex_error_text(const struct lex_error *e, char *buf, size_t size);
const char *lex_error_hint(const struct lex_error *e);

#endif
