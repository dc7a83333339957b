/* SPDX-License-Identifier: MIT */
/* cli_serve.c — rollout serve: the page (session_web_dir) at the top and
 * a person's own routines and recordings under /my/, read-only, to the
 * phones on the same network; over HTTPS with a certificate made once and
 * kept (cert.c), since a browser plays the page's AudioWorklet only from
 * a secure origin; over plain HTTP with --http, for this machine's own
 * browser. open → wait for a signal → close. */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cert.h"
#include "cli.h"
#include "qr.h"
#include "serve.h"
#include "session.h"

#define MAX_ADDRS 32

/* How fit an interface's address is for a phone: the network's IPv4 first
 * (what a person reads and types), then its IPv6, then this machine's own;
 * -1 for none (link-local IPv6, which an address bar cannot take). */
static int rank(const struct ifaddrs *i, int ipv6)
{
    if (!i->ifa_addr || !(i->ifa_flags & IFF_UP))
        return -1;
    int loop = !!(i->ifa_flags & IFF_LOOPBACK);
    if (i->ifa_addr->sa_family == AF_INET)
        return loop ? 2 : 0;
    if (i->ifa_addr->sa_family != AF_INET6 || !ipv6)
        return -1;
    const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)i->ifa_addr)->sin6_addr;
    return IN6_IS_ADDR_LINKLOCAL(a) ? -1 : loop ? 2 : 1;
}

/* The addresses a phone may reach the server at, best first, and their
 * URLs: every interface's when it listens on all of them, else the one. */
static int addresses(const struct serve_socket *l, const char *scheme, char urls[][96],
                     char hosts[][INET6_ADDRSTRLEN])
{
    int n = 0;
    struct ifaddrs *ifs = NULL;
    if (!l->any || getifaddrs(&ifs) != 0)
        snprintf(hosts[n++], INET6_ADDRSTRLEN, "%s", l->addr);
    for (int best = 0; best < 3 && ifs; best++) {
        for (struct ifaddrs *i = ifs; i && n < MAX_ADDRS; i = i->ifa_next) {
            if (rank(i, l->ipv6) != best)
                continue;
            const void *a = &((const struct sockaddr_in *)(const void *)i->ifa_addr)->sin_addr;
            if (i->ifa_addr->sa_family == AF_INET6)
                a = &((const struct sockaddr_in6 *)(const void *)i->ifa_addr)->sin6_addr;
            inet_ntop(i->ifa_addr->sa_family, a, hosts[n++], INET6_ADDRSTRLEN);
        }
    }
    freeifaddrs(ifs);
    for (int i = 0; i < n; i++)
        snprintf(urls[i], 96, strchr(hosts[i], ':') ? "%s://[%s]:%d/" : "%s://%s:%d/", scheme,
                 hosts[i], l->port);
    return n;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Waits for SIGINT, SIGTERM or SIGHUP. They were blocked before the
 * server's thread started, so they reach this thread alone, and none can
 * arrive between the flag's test and the wait. */
static void wait_for_signal(const sigset_t *unblocked)
{
    while (!cli_signal)
        sigsuspend(unblocked);
}

/* The kept certificate (cert.c), a new one naming this machine and each
 * address it answers at now: an exit code. */
static int certificate(struct cert *c, char hosts[][INET6_ADDRSTRLEN], int nhosts)
{
    const char *names[MAX_ADDRS + 3];
    char host[256] = "", local[300], err[1024];
    int n = 0;
    names[n++] = "localhost";
    if (gethostname(host, sizeof host) == 0 && host[0] && !strchr(host, '.')) {
        snprintf(local, sizeof local, "%s.local", host); /* as mDNS names it on the network */
        names[n++] = host;
        names[n++] = local;
    }
    for (int i = 0; i < nhosts; i++)
        names[n++] = hosts[i];
    enum cert_result r = cert_keep(c, names, n, err, sizeof err);
    if (r == CERT_OK)
        return CLI_EXIT_OK;
    cli_say("%s", err);
    return r == CERT_UNWRITABLE ? CLI_EXIT_IO : CLI_EXIT_SERVE;
}

/* Where to point the phone: every address, the certificate's fingerprint
 * to check it by, and the best address as a QR code. */
static void announce(char urls[][96], int nurls, const struct cert *c, int mine)
{
    printf("Serving rollout's page%s, read-only, at:\n", mine ? " and your routines (/my/)" : "");
    for (int i = 0; i < nurls; i++)
        printf("  %s\n", urls[i]);
    if (c->cert_pem) {
        if (c->made)
            printf("A new certificate, kept in %s (%s).\n", c->path, c->made);
        printf("The certificate's SHA-256 fingerprint, to check where the phone asks to trust it:\n"
               "  %s\n",
               c->fingerprint);
    }
    printf("\n");
    qr_print(stdout, urls[0], isatty(STDOUT_FILENO));
    printf("\nOpen %s on the phone%s. Ctrl-C stops.\n", urls[0],
           c->cert_pem ? " and trust the certificate once" : "");
    fflush(stdout);
}

static int is_loopback(const char *addr)
{
    return strcmp(addr, "127.0.0.1") == 0 || strcmp(addr, "::1") == 0 ||
           strcmp(addr, "localhost") == 0;
}

int cli_serve(char **names, int n, const struct args *a)
{
    (void)names, (void)n;
    const char *web = session_web_dir();
    char index[4200];
    snprintf(index, sizeof index, "%s/index.html", web);
    if (access(index, R_OK) != 0) {
        cli_say("no page to serve in %s: build it with 'cmake --build build --target web'", web);
        return CLI_EXIT_SERVE;
    }
    /* Plain HTTP plays only on this machine (localhost is a secure
     * origin), so --http listens there unless told otherwise. */
    const char *bind_to = a->bind ? a->bind : a->http ? "127.0.0.1" : NULL;
    char err[1024];
    struct serve_socket l;
    if (serve_listen(&l, bind_to, a->port, err, sizeof err) != 0) {
        cli_say("%s", err);
        return CLI_EXIT_SERVE;
    }
    char urls[MAX_ADDRS][96], hosts[MAX_ADDRS][INET6_ADDRSTRLEN];
    int nurls = addresses(&l, a->http ? "http" : "https", urls, hosts);
    struct cert c = {0};
    int rc = a->http ? CLI_EXIT_OK : certificate(&c, hosts, nurls);
    if (rc != CLI_EXIT_OK) {
        close(l.fd);
        return rc;
    }
    if (a->http && !is_loopback(bind_to))
        cli_say("warning: over plain HTTP a browser plays the page only from this machine; "
                "a phone needs HTTPS (no --http)");

    /* The signals go to this thread alone: blocked before the server's
     * thread is started, which inherits the mask. */
    sigset_t stop, unblocked;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    cli_catch_signals();
    signal(SIGPIPE, SIG_IGN); /* a phone gone mid-file is an error to the server, not a death */
    pthread_sigmask(SIG_BLOCK, &stop, &unblocked);

    const char *user = session_user_dir(); /* "" with no home folder */
    const struct serve_root roots[] = {{"", web}, {"my", user}};
    int nroots = user[0] && is_dir(user) ? 2 : 1;
    struct serve *s = serve_start(&l, roots, nroots, c.key_pem, c.cert_pem, err, sizeof err);
    if (!s) {
        cli_say("%s", err);
        close(l.fd);
        cert_free(&c);
        return CLI_EXIT_SERVE;
    }
    announce(urls, nurls, &c, nroots > 1);
    wait_for_signal(&unblocked);
    serve_stop(s);
    cert_free(&c);
    printf("Stopped.\n");
    return CLI_EXIT_OK;
}
