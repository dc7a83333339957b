/* SPDX-License-Identifier: MIT */
/* cert.h — the certificate rollout serve answers HTTPS with: self-signed,
 * made on the first serve and kept in $XDG_STATE_HOME/rollout (the key
 * readable by its owner alone), so that a phone told to trust it once
 * finds the same one every time. GnuTLS stays in cert.c. */
#ifndef ROLLOUT_CERT_H
#define ROLLOUT_CERT_H

#include <stddef.h>

enum cert_result {
    CERT_OK,
    CERT_UNREADABLE, /* a kept file is there and is not a certificate and its key */
    CERT_UNWRITABLE, /* a new one could not be written */
};

struct cert {
    char *key_pem, *cert_pem; /* PEM text, NUL-terminated, as the server takes it */
    char fingerprint[96];     /* SHA-256 of the certificate: "3F:A0:...", as browsers show it */
    char path[4096];          /* the certificate's file */
    const char *made;         /* NULL when the kept one is used; else why a new one was made */
};

/* The kept certificate and key, or new ones when there are none or they
 * have expired. A new certificate names each of names (host names and
 * addresses, as text) as its own, for the browsers that check. CERT_OK, or
 * a result with one sentence in err; nothing to free then. */
enum cert_result cert_keep(struct cert *c, const char *const *names, int nnames, char *err,
                           size_t errlen);

void cert_free(struct cert *c);

#endif
