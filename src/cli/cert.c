/* SPDX-License-Identifier: MIT */
/* cert.c — serve's kept certificate, made and read with GnuTLS (the TLS
 * libmicrohttpd speaks). An ECDSA P-256 key, readable by its owner alone,
 * and a certificate it signs itself, made to the rules the strictest
 * browsers hold even a certificate a person trusted by hand to: names and
 * addresses in subjectAltName, serverAuth, at most 825 days. */
#include "cert.h"

#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "path.h"
#include "safefile.h"
#include "xdg.h"

#define CERT_DAYS   825   /* the longest Apple's systems accept */
#define CERT_MARGIN 86400 /* one that ends within a day is made again */
#define CERT_MAX    65536 /* a PEM file larger than this is not rollout's */
#define CERT_NAME   "rollout/serve-cert.pem"
#define KEY_NAME    "rollout/serve-key.pem"

static void fingerprint(gnutls_x509_crt_t crt, char out[96])
{
    unsigned char md[32];
    size_t n = sizeof md;
    out[0] = 0;
    if (gnutls_x509_crt_get_fingerprint(crt, GNUTLS_DIG_SHA256, md, &n) != 0)
        return;
    char *p = out;
    for (size_t i = 0; i < n; i++)
        p += snprintf(p, 4, "%s%02X", i ? ":" : "", md[i]);
}

/* Reads one kept file into *pem: 1, 0 when it is not there, -1 with err. */
static int read_pem(const char *path, char **pem, size_t *len, char *err, size_t errlen)
{
    struct stat st;
    int e;
    enum path_read r = path_read(path, CERT_MAX, pem, len, &st, &e);
    if (r == PATH_READ_OPEN && e == ENOENT)
        return 0;
    if (r != PATH_READ_OK) {
        snprintf(err, errlen, "cannot read '%s': %s", path, path_read_reason(r, e));
        return -1;
    }
    return 1;
}

/* The kept pair: 1 in use, 0 when there is none (or it has expired, said
 * in c->made), -1 when it cannot be used (err). */
static int load(struct cert *c, const char *key_path, char *err, size_t errlen)
{
    size_t clen, klen;
    int got = read_pem(c->path, &c->cert_pem, &clen, err, errlen);
    if (got <= 0)
        return got;
    gnutls_x509_crt_t crt;
    gnutls_x509_privkey_t key;
    gnutls_x509_crt_init(&crt);
    gnutls_x509_privkey_init(&key);
    gnutls_datum_t d = {(unsigned char *)c->cert_pem, (unsigned)clen};
    int r = gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_PEM);
    if (r != 0) {
        snprintf(err, errlen, "'%s' holds no certificate: %s", c->path, gnutls_strerror(r));
        got = -1;
    } else if (gnutls_x509_crt_get_expiration_time(crt) <= time(NULL) + CERT_MARGIN) {
        /* Before the key is looked at: a new key written just before an
         * interruption, beside the old certificate, is made again too. */
        c->made = "the one kept had expired";
        got = 0;
    } else if ((got = read_pem(key_path, &c->key_pem, &klen, err, errlen)) == 0) {
        c->made = "the key was missing";
    } else if (got > 0) {
        unsigned char a[64], b[64];
        size_t na = sizeof a, nb = sizeof b;
        d = (gnutls_datum_t){(unsigned char *)c->key_pem, (unsigned)klen};
        r = gnutls_x509_privkey_import2(key, &d, GNUTLS_X509_FMT_PEM, NULL, 0);
        if (r != 0) {
            snprintf(err, errlen, "'%s' holds no private key: %s", key_path, gnutls_strerror(r));
            got = -1;
        } else if (gnutls_x509_crt_get_key_id(crt, 0, a, &na) != 0 ||
                   gnutls_x509_privkey_get_key_id(key, 0, b, &nb) != 0 || na != nb ||
                   memcmp(a, b, na) != 0) {
            snprintf(err, errlen, "'%s' is not the key of '%s'", key_path, c->path);
            got = -1;
        } else {
            fingerprint(crt, c->fingerprint);
        }
    }
    gnutls_x509_privkey_deinit(key);
    gnutls_x509_crt_deinit(crt);
    return got;
}

/* Writes text to path through safefile, private to its owner when asked:
 * the mode is set before a byte is written. 0, or -1 with err. */
static int write_file(const char *path, const gnutls_datum_t *d, int private, char *err,
                      size_t errlen)
{
    struct safefile f;
    if (xdg_make_parents(path) != 0) {
        snprintf(err, errlen, "cannot make the folder for '%s': %s", path, strerror(errno));
        return -1;
    }
    if (safefile_open(&f, path, err, errlen) != 0)
        return -1;
    int failed = (private && fchmod(f.fd, 0600) != 0) || safefile_write(&f, d->data, d->size) != 0;
    return safefile_finish(&f, failed, err, errlen);
}

/* A string of d's bytes, for the server. */
static char *text_of(const gnutls_datum_t *d)
{
    char *s = malloc(d->size + 1);
    if (s) {
        memcpy(s, d->data, d->size);
        s[d->size] = 0;
    }
    return s;
}

static void add_name(gnutls_x509_crt_t crt, const char *name)
{
    unsigned char ip[16];
    if (inet_pton(AF_INET, name, ip) == 1)
        gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, ip, 4, GNUTLS_FSAN_APPEND);
    else if (inet_pton(AF_INET6, name, ip) == 1)
        gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, ip, 16, GNUTLS_FSAN_APPEND);
    else
        gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, name, (unsigned)strlen(name),
                                             GNUTLS_FSAN_APPEND);
}

static enum cert_result make(struct cert *c, const char *key_path, const char *const *names,
                             int nnames, char *err, size_t errlen)
{
    gnutls_x509_crt_t crt;
    gnutls_x509_privkey_t key;
    gnutls_datum_t kd = {0}, cd = {0};
    gnutls_x509_crt_init(&crt);
    gnutls_x509_privkey_init(&key);
    unsigned char serial[16];
    gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof serial);
    serial[0] = (serial[0] & 0x3f) | 0x40; /* positive, and all sixteen bytes of it */
    /* A day back: a phone's clock a little behind this one's still
     * takes it. */
    time_t from = time(NULL) - 86400;
    const char *cn = "rollout serve";
    int r = gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
                                         GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0);
    if (r == 0)
        r = gnutls_x509_crt_set_key(crt, key);
    if (r == 0)
        r = gnutls_x509_crt_set_version(crt, 3);
    if (r == 0)
        r = gnutls_x509_crt_set_serial(crt, serial, sizeof serial);
    if (r == 0)
        r = gnutls_x509_crt_set_activation_time(crt, from);
    if (r == 0)
        r = gnutls_x509_crt_set_expiration_time(crt, from + (time_t)CERT_DAYS * 86400);
    if (r == 0)
        r = gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, cn,
                                          (unsigned)strlen(cn));
    for (int i = 0; r == 0 && i < nnames; i++)
        add_name(crt, names[i]);
    if (r == 0)
        r = gnutls_x509_crt_set_basic_constraints(crt, 0, -1);
    if (r == 0)
        r = gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_DIGITAL_SIGNATURE);
    if (r == 0)
        r = gnutls_x509_crt_set_key_purpose_oid(crt, GNUTLS_KP_TLS_WWW_SERVER, 0);
    if (r == 0)
        r = gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0);
    if (r == 0)
        r = gnutls_x509_privkey_export2_pkcs8(key, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN,
                                              &kd);
    if (r == 0)
        r = gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &cd);
    enum cert_result res = CERT_OK;
    if (r != 0) {
        snprintf(err, errlen, "cannot make a certificate: %s", gnutls_strerror(r));
        res = CERT_UNWRITABLE;
    } else if (write_file(key_path, &kd, 1, err, errlen) != 0 ||
               write_file(c->path, &cd, 0, err, errlen) != 0) {
        res = CERT_UNWRITABLE;
    } else if (!(c->key_pem = text_of(&kd)) || !(c->cert_pem = text_of(&cd))) {
        snprintf(err, errlen, "out of memory");
        res = CERT_UNWRITABLE;
    } else {
        fingerprint(crt, c->fingerprint);
    }
    gnutls_free(kd.data);
    gnutls_free(cd.data);
    gnutls_x509_privkey_deinit(key);
    gnutls_x509_crt_deinit(crt);
    return res;
}

enum cert_result cert_keep(struct cert *c, const char *const *names, int nnames, char *err,
                           size_t errlen)
{
    *c = (struct cert){0};
    char key_path[sizeof c->path];
    xdg_path(XDG_STATE, CERT_NAME, c->path, sizeof c->path);
    xdg_path(XDG_STATE, KEY_NAME, key_path, sizeof key_path);
    if (xdg_check(c->path, err, errlen) != 0)
        return CERT_UNWRITABLE;
    int got = load(c, key_path, err, errlen);
    if (got > 0)
        return CERT_OK;
    const char *made = c->made ? c->made : "there was none";
    cert_free(c);
    if (got < 0)
        return CERT_UNREADABLE;
    enum cert_result res = make(c, key_path, names, nnames, err, errlen);
    if (res != CERT_OK)
        cert_free(c);
    c->made = made;
    return res;
}

void cert_free(struct cert *c)
{
    free(c->key_pem);
    free(c->cert_pem);
    c->key_pem = c->cert_pem = NULL;
    c->fingerprint[0] = 0;
    c->made = NULL;
}
