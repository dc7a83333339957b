/* SPDX-License-Identifier: MIT */
/* serve.c — read-only files over HTTP(S), with libmicrohttpd.
 *
 * A request's path is taken as the client sent it (the library is told
 * not to unescape it) and read here, one segment at a time:
 *
 *   /my/audio/calf%20left.flac
 *    │  └──────┬──────────────┘
 *    │         each segment unescaped alone: one holding "/", "\", a NUL
 *    │         or a bad escape, one empty or starting with "." (so "."
 *    │         and ".." too) is refused, whatever its spelling
 *    └ a root's prefix, else the top root
 *
 * The path made from them is resolved (realpath) and served only when it
 * is still inside its root's resolved folder, and is a regular file: a
 * link leading out, a folder, a FIFO or a device is not found. Everything
 * refused is the same 404, so an answer never tells what is outside. */
#include "serve.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "path.h"

#define SERVE_MAX_ROOTS    4
#define SERVE_CONNECTIONS  64 /* a few phones, each with a few connections */
#define SERVE_IDLE_SECONDS 30 /* an idle connection is closed after this */

struct serve {
    struct MHD_Daemon *d;
    int nroots;
    struct {
        const char *prefix;
        char real[PATH_MAX];
    } roots[SERVE_MAX_ROOTS];
    char log[256]; /* the library's last message, for when it will not start */
};

/* A socket listening at sa: the descriptor, or -1 with *e the errno. With
 * dual, IPv6's any address takes IPv4's connections too. */
static int listen_at(const struct sockaddr *sa, socklen_t len, int dual, int *e)
{
    int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *e = errno;
        return -1;
    }
    int on = 1, off = 0;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on); /* a restart at once */
    if (dual)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    if (bind(fd, sa, len) != 0 || listen(fd, 32) != 0) {
        *e = errno;
        close(fd);
        return -1;
    }
    return fd;
}

int serve_listen(struct serve_socket *l, const char *addr, int port, char *err, size_t errlen)
{
    *l = (struct serve_socket){.fd = -1, .any = !addr};
    int e = 0;
    if (!addr) {
        struct sockaddr_in6 any6 = {.sin6_family = AF_INET6,
                                    .sin6_port = htons((uint16_t)port),
                                    .sin6_addr = IN6ADDR_ANY_INIT};
        l->fd = listen_at((struct sockaddr *)&any6, sizeof any6, 1, &e);
        l->ipv6 = l->fd >= 0;
        if (l->fd < 0 && (e == EAFNOSUPPORT || e == EADDRNOTAVAIL)) { /* a system without IPv6 */
            struct sockaddr_in any4 = {.sin_family = AF_INET,
                                       .sin_port = htons((uint16_t)port),
                                       .sin_addr.s_addr = htonl(INADDR_ANY)};
            l->fd = listen_at((struct sockaddr *)&any4, sizeof any4, 0, &e);
        }
    } else {
        struct addrinfo hints = {.ai_flags = AI_PASSIVE | AI_NUMERICSERV,
                                 .ai_socktype = SOCK_STREAM};
        struct addrinfo *res;
        char service[8];
        snprintf(service, sizeof service, "%d", port);
        int r = getaddrinfo(addr, service, &hints, &res);
        if (r != 0) {
            snprintf(err, errlen, "cannot listen on '%s': %s", addr, gai_strerror(r));
            return -1;
        }
        for (struct addrinfo *ai = res; ai && l->fd < 0; ai = ai->ai_next) {
            l->fd = listen_at(ai->ai_addr, ai->ai_addrlen, 0, &e);
            l->ipv6 = ai->ai_family == AF_INET6;
        }
        freeaddrinfo(res);
    }
    const char *where = addr ? addr : "every interface";
    if (l->fd < 0) {
        if (e == EADDRINUSE)
            snprintf(err, errlen, "port %d is in use on %s: choose another with --port", port,
                     where);
        else if (e == EACCES)
            snprintf(err, errlen, "port %d needs privileges: choose one above 1023 with --port",
                     port);
        else if (e == EADDRNOTAVAIL)
            snprintf(err, errlen, "%s is not an address of this machine", where);
        else
            snprintf(err, errlen, "cannot listen on %s, port %d: %s", where, port, strerror(e));
        return -1;
    }
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    getsockname(l->fd, (struct sockaddr *)&ss, &len);
    if (ss.ss_family == AF_INET6) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
        l->port = ntohs(in6->sin6_port);
        inet_ntop(AF_INET6, &in6->sin6_addr, l->addr, sizeof l->addr);
    } else {
        struct sockaddr_in *in = (struct sockaddr_in *)&ss;
        l->port = ntohs(in->sin_port);
        inet_ntop(AF_INET, &in->sin_addr, l->addr, sizeof l->addr);
    }
    return 0;
}

static int hex(char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Unescapes the n bytes of one segment into out (n + 1 bytes): 0, or -1
 * when it is empty, starts with ".", or holds what no name served may. */
static int segment(const char *s, size_t n, char *out)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n || !isxdigit((unsigned char)s[i + 1]) ||
                !isxdigit((unsigned char)s[i + 2]))
                return -1;
            c = (unsigned)(hex(s[i + 1]) << 4 | hex(s[i + 2]));
            i += 2;
        }
        if (c == 0 || c == '/' || c == '\\')
            return -1;
        out[w++] = (char)c;
    }
    out[w] = 0;
    return w == 0 || out[0] == '.' ? -1 : 0;
}

static int resolve(const struct serve *s, const char *url, char *real)
{
    if (url[0] != '/')
        return -1;
    const char *p = url + 1;
    size_t len = strcspn(p, "/");
    int root = 0; /* the top, unless the first segment is another root's prefix */
    for (int i = 1; i < s->nroots && !root; i++) {
        if (p[len] == '/' && len == strlen(s->roots[i].prefix) &&
            strncmp(p, s->roots[i].prefix, len) == 0) {
            root = i;
            p += len + 1;
        }
    }
    char path[PATH_MAX], name[NAME_MAX + 1];
    size_t n = (size_t)snprintf(path, sizeof path, "%s", s->roots[root].real);
    for (;;) {
        len = strcspn(p, "/");
        if (len > NAME_MAX)
            return -1;
        if (len == 0 && !p[0])
            snprintf(name, sizeof name, "index.html"); /* a folder's own page */
        else if (segment(p, len, name) != 0)
            return -1;
        int w = snprintf(path + n, sizeof path - n, "/%s", name);
        if (w < 0 || (size_t)w >= sizeof path - n)
            return -1;
        n += (size_t)w;
        if (!p[len])
            break;
        p += len + 1;
    }
    return realpath(path, real) && path_inside(real, s->roots[root].real) ? 0 : -1;
}

/* The Content-Type of a file, by its name's ending. */
static const char *type_of(const char *name)
{
    static const char *const types[][2] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".json", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".css", "text/css; charset=utf-8"},
        {".png", "image/png"},
        {".svg", "image/svg+xml"},
        {".ico", "image/x-icon"},
        {".flac", "audio/flac"},
        {".opus", "audio/ogg"},
        {".ogg", "audio/ogg"},
        {".roll", "text/plain; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i][0]) == 0)
            return types[i][1];
    return "application/octet-stream";
}

/* text is a literal: the library keeps it as it is. */
static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, char *text)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* Where the path the client sent ends, as the library first shows it: the
 * request's state, for answer(). */
static void *path_end(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls, (void)conn;
    return (void *)(uintptr_t)(uri + strlen(uri));
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
    (void)upload, (void)upload_size;
    const struct serve *s = cls;
    /* A NUL byte sent in the path ends it early, as C strings end, and
     * "/index.html<NUL>.png" would be "/index.html". The request line is
     * "METHOD PATH VERSION" in the library's buffer, the spaces made NULs,
     * so a path read whole ends just before the version. Were the library
     * ever to copy them apart, every file would be refused: the test
     * shows that at once, and nothing is ever served wrongly. */
    const char *end = *state;
    if (!end || end + 1 != version)
        return reply(conn, MHD_HTTP_NOT_FOUND, "not found\n");
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "rollout serves files: GET and HEAD\n");
    char real[PATH_MAX];
    struct stat st;
    enum path_read why;
    int e, fd = -1;
    if (resolve(s, url, real) != 0 || (fd = path_open(real, &st, &why, &e)) < 0)
        return reply(conn, MHD_HTTP_NOT_FOUND, "not found\n");
    struct MHD_Response *r = MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
    if (!r) {
        close(fd);
        return MHD_NO;
    }
    /* The type of the name asked for: what the page meant to load. */
    const char *last = strrchr(url, '/');
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type_of(last[1] ? last : ".html"));
    MHD_add_response_header(r, MHD_HTTP_HEADER_X_CONTENT_TYPE_OPTIONS, "nosniff");
    /* A routine edited is seen at the next load; the browser still asks
     * again cheaply. */
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

/* The path as the client sent it: resolve() unescapes each segment alone,
 * so that "%2F" cannot become a slash between them. */
static size_t keep_escaped(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls, (void)conn;
    return strlen(s);
}

static void logged(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void logged(void *cls, const char *fmt, va_list ap)
{
    struct serve *s = cls;
    vsnprintf(s->log, sizeof s->log, fmt, ap);
}

struct serve *serve_start(struct serve_socket *l, const struct serve_root *roots, int nroots,
                          const char *key_pem, const char *cert_pem, char *err, size_t errlen)
{
    struct serve *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (int i = 0; i < nroots && s->nroots < SERVE_MAX_ROOTS; i++) {
        s->roots[s->nroots].prefix = roots[i].prefix;
        if (realpath(roots[i].dir, s->roots[s->nroots].real))
            s->nroots++;
        else if (i == 0) {
            snprintf(err, errlen, "cannot serve '%s': %s", roots[i].dir, strerror(errno));
            free(s);
            return NULL;
        }
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (key_pem)
        flags |= MHD_USE_TLS;
    /* Without a key the list ends where TLS's options would begin. */
    s->d = MHD_start_daemon(
        flags, 0, NULL, NULL, answer, s, MHD_OPTION_LISTEN_SOCKET, l->fd,
        MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL, MHD_OPTION_URI_LOG_CALLBACK, path_end,
        NULL, MHD_OPTION_EXTERNAL_LOGGER, logged, s, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)SERVE_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_IDLE_SECONDS,
        MHD_OPTION_STRICT_FOR_CLIENT, 1, key_pem ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END,
        key_pem, MHD_OPTION_HTTPS_MEM_CERT, cert_pem, MHD_OPTION_END);
    if (!s->d) {
        char *nl = strchr(s->log, '\n');
        if (nl)
            *nl = 0;
        snprintf(err, errlen, "cannot start the server%s%s", s->log[0] ? ": " : "", s->log);
        free(s);
        return NULL;
    }
    l->fd = -1; /* the server's now: it closes it */
    return s;
}

void serve_stop(struct serve *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->d);
    free(s);
}
