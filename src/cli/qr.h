/* SPDX-License-Identifier: MIT */
/* qr.h — text as a QR code on the terminal, for a phone's camera: two
 * rows of modules to a line, in Unicode half blocks. libqrencode stays in
 * qr.c. */
#ifndef ROLLOUT_QR_H
#define ROLLOUT_QR_H

#include <stdio.h>

/* Draws text as a QR code on f. With colour, dark on light whatever the
 * terminal's own colours (ANSI); without, the light modules are drawn and
 * the dark left to a dark background. 0, or -1 when it does not fit. */
int qr_print(FILE *f, const char *text, int colour);

#endif
