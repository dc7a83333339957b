/* SPDX-License-Identifier: MIT */
/* qr.c — a QR code in half blocks, through libqrencode. */
#include "qr.h"

#include <qrencode.h>

/* Modules of light margin: the standard's 4 make a code for a phone's
 * address too tall for a 24-line terminal, and 2 scan. */
#define QR_QUIET 2

/* Whether the module at x, y is dark; the margin and beyond are light. */
static int dark(const QRcode *q, int x, int y)
{
    x -= QR_QUIET;
    y -= QR_QUIET;
    return x >= 0 && y >= 0 && x < q->width && y < q->width && (q->data[y * q->width + x] & 1);
}

int qr_print(FILE *f, const char *text, int colour)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return -1;
    /* Each character is two modules, one above the other: the upper half
     * block draws the top one in the foreground colour, the lower the
     * bottom one. In colour the foreground is black on white; without, it
     * is the terminal's own (light on dark, most often), so the light
     * modules are the ones drawn. */
    static const char *const cell[2][2] = {{" ", "\u2584"}, {"\u2580", "\u2588"}};
    int size = q->width + 2 * QR_QUIET;
    for (int y = 0; y < size; y += 2) {
        fputs(colour ? "\033[30;107m" : "", f);
        for (int x = 0; x < size; x++) {
            int top = dark(q, x, y), bottom = y + 1 < size ? dark(q, x, y + 1) : 0;
            if (colour)
                fputs(cell[top][bottom], f);
            else
                fputs(cell[!top][y + 1 < size && !bottom], f);
        }
        fputs(colour ? "\033[0m\n" : "\n", f);
    }
    QRcode_free(q);
    return 0;
}
