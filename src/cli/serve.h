/* SPDX-License-Identifier: MIT */
/* serve.h — files over HTTP or HTTPS, read-only, from a few folders and
 * never from outside them: what `rollout serve` hands a phone's browser.
 * GET and HEAD only; files only, no listings. libmicrohttpd stays in
 * serve.c. */
#ifndef ROLLOUT_SERVE_H
#define ROLLOUT_SERVE_H

#include <netinet/in.h>
#include <stddef.h>

#define SERVE_PORT_DEFAULT 8443
#define SERVE_PORT_MIN     0 /* 0: any free port, the one chosen said */
#define SERVE_PORT_MAX     65535

/* A listening socket: on every interface (addr NULL), IPv6 and IPv4 alike
 * where the system has IPv6, or on the one address given. */
struct serve_socket {
    int fd;
    int port;                    /* as bound: the one chosen for port 0 */
    int any;                     /* on every interface */
    int ipv6;                    /* IPv6's (with any, IPv4's too) */
    char addr[INET6_ADDRSTRLEN]; /* the address bound, when not any */
};

/* A folder served at a path: "" for the top, "my" for /my/. */
struct serve_root {
    const char *prefix;
    const char *dir;
};

/* Listens. 0, or -1 with one sentence in err. */
int serve_listen(struct serve_socket *l, const char *addr, int port, char *err, size_t errlen);

/* The server answering on l's socket (which it then owns), from a thread
 * of its own, with TLS when key_pem and cert_pem are given. The roots'
 * prefixes must outlive it. NULL with one sentence in err. */
struct serve *serve_start(struct serve_socket *l, const struct serve_root *roots, int nroots,
                          const char *key_pem, const char *cert_pem, char *err, size_t errlen);

/* Stops answering, closes every connection and the socket, and frees. */
void serve_stop(struct serve *s);

#endif
