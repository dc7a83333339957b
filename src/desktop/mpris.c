/* SPDX-License-Identifier: MIT */
/* mpris.c — the MPRIS 2 player, with sd-bus.
 *
 * One vtable per interface on MPRIS_PATH: the root (org.mpris.MediaPlayer2),
 * the player (.Player) and rollout's own (MPRIS_SESSION_IFACE) for what
 * MPRIS has no verb for. Getters work out what they answer from the engine's
 * status and the control's timeline each time they are asked; methods are
 * control_act calls, as keys are. Nothing here runs on the audio thread.
 *
 * What a remote shows is the part of the session being heard (a step's
 * side, a one-sided step, the introduction or the end: timeline_part_at) as
 * the track, with Position counted from that part's first frame. mpris_poll
 * compares what is heard now with what remotes were last told and sends
 * PropertiesChanged for what differs, and Seeked when the position jumped
 * within the same part. */
#include "mpris.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <time.h>
#include <unistd.h>

#include "action.h"
#include "area.h"

#define ROOT_IFACE      "org.mpris.MediaPlayer2"
#define PLAYER_IFACE    "org.mpris.MediaPlayer2.Player"
#define TRACK_PREFIX    "/org/rollout/track/"
#define ART_SIZE        256
#define CALL_TIMEOUT_US 1000000 /* a bus that does not answer in a second is not there */
#define JUMP_MS         500     /* a position this far off its course has jumped */

/* What is heard now, as a remote is told it. */
struct heard {
    const struct timeline *tl;
    int64_t frame;      /* the frame being heard */
    int phase;          /* the phase holding it */
    int part;           /* the first phase of its part: the track */
    int64_t start, end; /* the part's frames */
    int ended;
};

/* What remotes were last told. */
struct told {
    const struct timeline *tl; /* compared, never read: it may be gone */
    int64_t length;
    int part, phase;
    int64_t start, end;
    int ended, paused, can_next;
    double volume;
    int64_t frame;
    uint64_t ms;
};

struct mpris {
    sd_bus *bus;
    sd_bus_slot *slot[3];
    struct control *c;
    struct mpris_opts o;
    char name[96];
    struct told told;
    char art_dir[256]; /* where the artwork goes; "" until first needed */
    int art_off;       /* drawing it failed once: remotes go without */
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void hear(const struct mpris *m, struct heard *h)
{
    struct engine_status st;
    engine_status(m->c->engine, &st);
    h->tl = m->c->tl;
    h->ended = st.ended;
    h->frame = control_heard(m->c);
    if (h->frame < 0)
        h->frame = 0;
    if (h->frame > h->tl->length)
        h->frame = h->tl->length;
    h->phase = timeline_phase_at(h->tl, h->frame);
    h->part = timeline_part_at(h->tl, h->frame, &h->start, &h->end);
}

static int64_t frames_to_us(int64_t frames, int rate)
{
    return frames / rate * 1000000 + frames % rate * 1000000 / rate;
}

static const char *status_text(const struct mpris *m, const struct heard *h)
{
    return h->ended ? "Stopped" : m->c->paused ? "Paused" : "Playing";
}

/* Whether Next moves to another part: not from the end. */
static int can_next(const struct heard *h)
{
    return !h->ended && h->tl->ph[h->part].kind != TLP_DONE;
}

/* ---- the artwork ---- */

/* A PNG of the body map with the part's area lit, drawn the first time a
 * part on that area and side is heard; NULL without one. */
static const char *art(struct mpris *m, const struct heard *h, char *path, size_t len)
{
    if (m->art_off || !m->o.art)
        return NULL;
    if (!m->art_dir[0]) {
        const char *base = getenv("XDG_RUNTIME_DIR");
        snprintf(m->art_dir, sizeof m->art_dir, "%s/rollout-art-XXXXXX",
                 base && base[0] == '/' ? base : "/tmp");
        if (!mkdtemp(m->art_dir)) {
            m->art_dir[0] = 0;
            m->art_off = 1;
            return NULL;
        }
    }
    const struct tl_phase *p = &h->tl->ph[h->part];
    int area = p->step >= 0 ? area_find(h->tl->routine->steps[p->step].area) : -1;
    snprintf(path, len, "%s/body-%d-%d.png", m->art_dir, area, (int)p->side);
    if (access(path, R_OK) == 0)
        return path;
    char err[256];
    if (m->o.art(area, p->side, ART_SIZE, path, err, sizeof err) != 0) {
        m->art_off = 1;
        return NULL;
    }
    return path;
}

static void art_remove(struct mpris *m)
{
    if (!m->art_dir[0])
        return;
    char path[300];
    for (int area = -1; area < area_count; area++)
        for (int side = SCRIPT_SIDE_NONE; side <= SCRIPT_SIDE_RIGHT; side++) {
            snprintf(path, sizeof path, "%s/body-%d-%d.png", m->art_dir, area, side);
            unlink(path);
        }
    rmdir(m->art_dir);
}

/* ---- the root interface ---- */

/* Every method that is a person's action (the action table says which):
 * a control_act, as a key press is. Once the session is over there is
 * nothing to move: it can still be quit, or its window raised. */
static int act_method(sd_bus_message *msg, void *data, sd_bus_error *err)
{
    struct mpris *m = data;
    const struct action *a = action_for_remote(sd_bus_message_get_member(msg));
    struct engine_status st;
    engine_status(m->c->engine, &st);
    int now = a && (!st.ended || a->act == CONTROL_STOP || a->act == CONTROL_RAISE) &&
              (a->act != CONTROL_RAISE || m->o.can_raise);
    unsigned said = m->c->notice_serial;
    if (now && control_act(m->c, a->act, CONTROL_FROM_REMOTE) < 0)
        return sd_bus_error_setf(err, "org.rollout.Error.NotNow", "cannot do that now: %s.",
                                 m->c->notice_serial != said
                                     ? m->c->notice /* why, as every view says it */
                                     : "the session is ending, or the last change is still "
                                       "being taken up");
    return sd_bus_reply_method_return(msg, "");
}

static int get_true(sd_bus *bus, const char *path, const char *iface, const char *prop,
                    sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)err;
    return sd_bus_message_append(reply, "b", 1);
}

static int get_false(sd_bus *bus, const char *path, const char *iface, const char *prop,
                     sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)err;
    return sd_bus_message_append(reply, "b", 0);
}

static int get_can_raise(sd_bus *bus, const char *path, const char *iface, const char *prop,
                         sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    const struct mpris *m = data;
    return sd_bus_message_append(reply, "b", m->o.can_raise);
}

static int get_name(sd_bus *bus, const char *path, const char *iface, const char *prop,
                    sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)err;
    return sd_bus_message_append(reply, "s", "rollout"); /* Identity and DesktopEntry */
}

static int get_none(sd_bus *bus, const char *path, const char *iface, const char *prop,
                    sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)err;
    return sd_bus_message_append(reply, "as", 0); /* no URIs or files to open */
}

static const sd_bus_vtable root_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Raise", "", "", act_method, 0),
    SD_BUS_METHOD("Quit", "", "", act_method, 0),
    SD_BUS_PROPERTY("CanQuit", "b", get_true, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanRaise", "b", get_can_raise, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("HasTrackList", "b", get_false, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("Identity", "s", get_name, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("DesktopEntry", "s", get_name, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("SupportedUriSchemes", "as", get_none, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("SupportedMimeTypes", "as", get_none, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END,
};

/* ---- the player ---- */

/* CanSeek is false: MPRIS asks that Seek and SetPosition then do nothing. */
static int no_seek(sd_bus_message *msg, void *data, sd_bus_error *err)
{
    (void)data, (void)err;
    return sd_bus_reply_method_return(msg, "");
}

static int open_uri(sd_bus_message *msg, void *data, sd_bus_error *err)
{
    (void)msg, (void)data;
    return sd_bus_error_set(err, SD_BUS_ERROR_NOT_SUPPORTED, "rollout plays routines, not URIs.");
}

static int get_status(sd_bus *bus, const char *path, const char *iface, const char *prop,
                      sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    const struct mpris *m = data;
    struct heard h;
    hear(m, &h);
    return sd_bus_message_append(reply, "s", status_text(m, &h));
}

static int get_rate(sd_bus *bus, const char *path, const char *iface, const char *prop,
                    sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)err;
    return sd_bus_message_append(reply, "d", 1.0); /* Rate, MinimumRate, MaximumRate */
}

static int get_volume(sd_bus *bus, const char *path, const char *iface, const char *prop,
                      sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    const struct mpris *m = data;
    return sd_bus_message_append(reply, "d", control_volume_gain(m->c));
}

static int set_volume(sd_bus *bus, const char *path, const char *iface, const char *prop,
                      sd_bus_message *value, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    struct mpris *m = data;
    double v;
    int r = sd_bus_message_read(value, "d", &v);
    if (r < 0)
        return r;
    control_volume_to(m->c, v);
    return 0;
}

static int get_position(sd_bus *bus, const char *path, const char *iface, const char *prop,
                        sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    const struct mpris *m = data;
    struct heard h;
    hear(m, &h);
    return sd_bus_message_append(reply, "x", frames_to_us(h.frame - h.start, h.tl->rate));
}

static int get_can_next(sd_bus *bus, const char *path, const char *iface, const char *prop,
                        sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    struct heard h;
    hear(data, &h);
    return sd_bus_message_append(reply, "b", can_next(&h));
}

/* CanGoPrevious, CanPlay, CanPause: while the session lasts. */
static int get_can_act(sd_bus *bus, const char *path, const char *iface, const char *prop,
                       sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    struct heard h;
    hear(data, &h);
    return sd_bus_message_append(reply, "b", !h.ended);
}

/* One {sv} entry of the metadata; type is the variant's, then its values. */
static int entry(sd_bus_message *r, const char *key, const char *type, ...)
{
    va_list ap;
    int rc = sd_bus_message_open_container(r, 'e', "sv");
    if (rc >= 0)
        rc = sd_bus_message_append(r, "s", key);
    if (rc >= 0)
        rc = sd_bus_message_open_container(r, 'v', type);
    if (rc >= 0) {
        va_start(ap, type);
        rc = sd_bus_message_appendv(r, type, ap);
        va_end(ap);
    }
    if (rc >= 0)
        rc = sd_bus_message_close_container(r);
    if (rc >= 0)
        rc = sd_bus_message_close_container(r);
    return rc;
}

static void track_id(char *buf, size_t len, const struct timeline *tl, int part)
{
    const struct tl_phase *p = &tl->ph[part];
    if (p->kind == TLP_DONE || (p->step < 0 && part > 0))
        snprintf(buf, len, TRACK_PREFIX "end");
    else if (p->step < 0)
        snprintf(buf, len, TRACK_PREFIX "intro");
    else if (p->side)
        snprintf(buf, len, TRACK_PREFIX "step%d_%s", p->step + 1, script_side_name(p->side));
    else
        snprintf(buf, len, TRACK_PREFIX "step%d", p->step + 1);
}

static int get_metadata(sd_bus *bus, const char *path, const char *iface, const char *prop,
                        sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    struct mpris *m = data;
    struct heard h;
    hear(m, &h);
    const struct routine *r = h.tl->routine;
    const struct tl_phase *p = &h.tl->ph[h.part];
    char id[96], title[300], file[300], url[320];
    track_id(id, sizeof id, h.tl, h.part);
    timeline_part_title(h.tl, h.part, title, sizeof title);
    int rc = sd_bus_message_open_container(reply, 'a', "{sv}");
    if (rc >= 0)
        rc = entry(reply, "mpris:trackid", "o", id);
    if (rc >= 0)
        rc = entry(reply, "mpris:length", "x", frames_to_us(h.end - h.start, h.tl->rate));
    if (rc >= 0)
        rc = entry(reply, "xesam:title", "s", title);
    if (rc >= 0)
        rc = entry(reply, "xesam:album", "s", r->title);
    if (rc >= 0)
        rc = entry(reply, "xesam:artist", "as", 1, r->author ? r->author : "rollout");
    if (rc >= 0 && p->step >= 0)
        rc = entry(reply, "xesam:trackNumber", "i", p->step + 1);
    if (rc >= 0 && r->about)
        rc = entry(reply, "xesam:comment", "as", 1, r->about);
    if (rc >= 0 && art(m, &h, file, sizeof file)) {
        snprintf(url, sizeof url, "file://%s", file);
        rc = entry(reply, "mpris:artUrl", "s", url);
    }
    if (rc >= 0)
        rc = sd_bus_message_close_container(reply);
    return rc;
}

static const sd_bus_vtable player_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Next", "", "", act_method, 0),
    SD_BUS_METHOD("Previous", "", "", act_method, 0),
    SD_BUS_METHOD("Pause", "", "", act_method, 0),
    SD_BUS_METHOD("PlayPause", "", "", act_method, 0),
    SD_BUS_METHOD("Stop", "", "", act_method, 0),
    SD_BUS_METHOD("Play", "", "", act_method, 0),
    SD_BUS_METHOD("Seek", "x", "", no_seek, 0),
    SD_BUS_METHOD("SetPosition", "ox", "", no_seek, 0),
    SD_BUS_METHOD("OpenUri", "s", "", open_uri, 0),
    SD_BUS_SIGNAL("Seeked", "x", 0),
    SD_BUS_PROPERTY("PlaybackStatus", "s", get_status, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("Rate", "d", get_rate, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("MinimumRate", "d", get_rate, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("MaximumRate", "d", get_rate, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("Metadata", "a{sv}", get_metadata, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_WRITABLE_PROPERTY("Volume", "d", get_volume, set_volume, 0,
                             SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("Position", "x", get_position, 0, 0), /* read when wanted: no signal */
    SD_BUS_PROPERTY("CanGoNext", "b", get_can_next, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CanGoPrevious", "b", get_can_act, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CanPlay", "b", get_can_act, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CanPause", "b", get_can_act, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CanSeek", "b", get_false, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanControl", "b", get_true, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END,
};

/* ---- rollout's own: Hold, and exact frames for scripts ---- */

static int get_frame(sd_bus *bus, const char *path, const char *iface, const char *prop,
                     sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    struct heard h;
    hear(data, &h);
    return sd_bus_message_append(reply, "x", h.frame);
}

static int get_sample_rate(sd_bus *bus, const char *path, const char *iface, const char *prop,
                           sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    const struct mpris *m = data;
    return sd_bus_message_append(reply, "u", (uint32_t)m->c->tl->rate);
}

static int get_phase(sd_bus *bus, const char *path, const char *iface, const char *prop,
                     sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    struct heard h;
    hear(data, &h);
    return sd_bus_message_append(reply, "s", timeline_phase_name(h.tl->ph[h.phase].kind));
}

static int get_length(sd_bus *bus, const char *path, const char *iface, const char *prop,
                      sd_bus_message *reply, void *data, sd_bus_error *err)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)err;
    const struct mpris *m = data;
    return sd_bus_message_append(reply, "x", m->c->tl->length);
}

static const sd_bus_vtable session_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Hold", "", "", act_method, 0),
    SD_BUS_PROPERTY("Phase", "s", get_phase, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("Frame", "x", get_frame, 0, 0), /* the frame being heard */
    SD_BUS_PROPERTY("Length", "x", get_length, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("SampleRate", "u", get_sample_rate, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END,
};

/* ---- the bus ---- */

static void take_look(struct mpris *m, struct told *t)
{
    struct heard h;
    hear(m, &h);
    *t = (struct told){.tl = h.tl,
                       .length = h.tl->length,
                       .part = h.part,
                       .phase = h.phase,
                       .start = h.start,
                       .end = h.end,
                       .ended = h.ended,
                       .paused = m->c->paused,
                       .can_next = can_next(&h),
                       .volume = control_volume_gain(m->c),
                       .frame = h.frame,
                       .ms = now_ms()};
}

struct mpris *mpris_open(struct control *c, const struct mpris_opts *o, char *why, size_t whylen)
{
    struct mpris *m = calloc(1, sizeof *m);
    char ignored[8];
    if (!why)
        why = ignored, whylen = sizeof ignored;
    if (!m) {
        snprintf(why, whylen, "out of memory");
        return NULL;
    }
    *m = (struct mpris){.c = c, .o = *o};
    int r = sd_bus_open_user(&m->bus);
    if (r < 0) {
        snprintf(why, whylen, "no session bus (%s): media keys and remotes cannot reach rollout",
                 strerror(-r));
        goto fail;
    }
    sd_bus_set_method_call_timeout(m->bus, CALL_TIMEOUT_US);
    const struct {
        const char *iface;
        const sd_bus_vtable *vt;
    } ifaces[3] = {{ROOT_IFACE, root_vtable},
                   {PLAYER_IFACE, player_vtable},
                   {MPRIS_SESSION_IFACE, session_vtable}};
    for (int i = 0; i < 3; i++) {
        r = sd_bus_add_object_vtable(m->bus, &m->slot[i], MPRIS_PATH, ifaces[i].iface, ifaces[i].vt,
                                     m);
        if (r < 0) {
            snprintf(why, whylen, "cannot offer %s on the session bus: %s", ifaces[i].iface,
                     strerror(-r));
            goto fail;
        }
    }
    /* The plain name, or with the instance suffix MPRIS asks of a second
     * player of the same kind. */
    snprintf(m->name, sizeof m->name, "%s", MPRIS_NAME);
    r = sd_bus_request_name(m->bus, m->name, 0);
    if (r == -EEXIST) {
        snprintf(m->name, sizeof m->name, "%s.instance%ld", MPRIS_NAME, (long)getpid());
        r = sd_bus_request_name(m->bus, m->name, 0);
    }
    if (r < 0) {
        snprintf(why, whylen, "cannot take the name %s on the session bus: %s", m->name,
                 strerror(-r));
        goto fail;
    }
    take_look(m, &m->told);
    return m;
fail:
    mpris_close(m);
    return NULL;
}

const char *mpris_name(const struct mpris *m)
{
    return m->name;
}

void mpris_pollfd(const struct mpris *m, struct pollfd *p)
{
    p->fd = m && m->bus ? sd_bus_get_fd(m->bus) : -1;
    p->events = (short)(m && m->bus ? sd_bus_get_events(m->bus) : 0);
    p->revents = 0;
}

/* Sends PropertiesChanged for names, a NULL-terminated list, if any. */
static void changed(struct mpris *m, const char *iface, char **names)
{
    if (names[0])
        sd_bus_emit_properties_changed_strv(m->bus, MPRIS_PATH, iface, names);
}

static void announce(struct mpris *m)
{
    struct told now, *was = &m->told;
    take_look(m, &now);
    char *player[8], *own[4];
    int np = 0, no = 0;
    int new_part = now.tl != was->tl || now.part != was->part || now.start != was->start ||
                   now.end != was->end;
    if (new_part)
        player[np++] = "Metadata";
    if (now.paused != was->paused || now.ended != was->ended)
        player[np++] = "PlaybackStatus";
    if (now.volume != was->volume)
        player[np++] = "Volume";
    if (now.can_next != was->can_next)
        player[np++] = "CanGoNext";
    if (now.ended != was->ended) {
        player[np++] = "CanGoPrevious";
        player[np++] = "CanPlay";
        player[np++] = "CanPause";
    }
    player[np] = NULL;
    if (now.tl != was->tl || now.phase != was->phase)
        own[no++] = "Phase";
    if (now.tl != was->tl || now.length != was->length)
        own[no++] = "Length";
    own[no] = NULL;
    changed(m, PLAYER_IFACE, player);
    changed(m, MPRIS_SESSION_IFACE, own);

    /* Within the same part, a position off the course that playing (or
     * standing paused) would give has jumped: back to a step's start, say. */
    if (!new_part && !now.ended) {
        int64_t course = was->frame;
        if (!was->paused && !now.paused)
            course += (int64_t)(now.ms - was->ms) * now.tl->rate / 1000;
        int64_t off = now.frame - course;
        if (llabs(off) > (int64_t)JUMP_MS * now.tl->rate / 1000)
            sd_bus_emit_signal(m->bus, MPRIS_PATH, PLAYER_IFACE, "Seeked", "x",
                               frames_to_us(now.frame - now.start, now.tl->rate));
    }
    *was = now;
}

void mpris_poll(struct mpris *m)
{
    if (!m || !m->bus)
        return;
    int r;
    while ((r = sd_bus_process(m->bus, NULL)) > 0)
        ;
    if (r < 0) { /* the bus went away: play on without it */
        for (int i = 0; i < 3; i++)
            m->slot[i] = sd_bus_slot_unref(m->slot[i]);
        m->bus = sd_bus_flush_close_unref(m->bus);
        return;
    }
    announce(m);
    /* Send what announce queued now, not at the next wake. */
    while ((r = sd_bus_process(m->bus, NULL)) > 0)
        ;
}

void mpris_close(struct mpris *m)
{
    if (!m)
        return;
    for (int i = 0; i < 3; i++)
        sd_bus_slot_unref(m->slot[i]);
    if (m->bus)
        sd_bus_flush_close_unref(m->bus);
    art_remove(m);
    free(m);
}
