/* SPDX-License-Identifier: MIT */
/* listen.c — spotting "rollout <verb>" with pocketsphinx, then deciding the
 * verb.
 *
 * Spotting every phrase at once lets several fire for one utterance: they
 * share the wake word, which carries most of their score. So the work is
 * split in two. A keyword-spotting search over the stream says that some
 * "rollout <verb>" was said, and where; then the same stretch of audio,
 * from a little before to a little after, is decoded again with a grammar
 * that allows exactly one "rollout <verb>", which picks the verb. The
 * spotter decides whether, the grammar decides which.
 *
 * With rollout's own sound taken out by the echo canceller, the spotter
 * hears only where something else was left: someone speaking.
 *
 * The spotter also listens for the wake word alone. It fires on "rollout"
 * a few hundred milliseconds before the whole phrase, and from then until
 * the verb is decided the recogniser is awake (listen_awake): the listener
 * hushes rollout's own voice and music meanwhile, so the verb is heard over
 * less of them.
 *
 *   samples ─▶ ring (the last RING_SECONDS) ─▶ spotter ─ fired at [s, e) ─┐
 *                   └───────── [s - PRE, e + POST) ─▶ grammar ─▶ verb ◀───┘
 *                                                   └▶ phone loop: sure? ─┘
 */
#include "listen.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pocketsphinx.h>
#include <speex/speex_echo.h>
#include <speex/speex_preprocess.h>

#include <soxr.h>

#include "engine.h"
#include "in_sdl.h"
#include "out_sdl.h"

#define DEFAULT_MODEL "/usr/share/pocketsphinx/model/en-us"
#define FRAME_SAMPLES (LISTEN_RATE / 100) /* the decoder's 10 ms frames */
#define RING_SECONDS  8
#define PHRASE_MS     1600 /* the longest phrase, said slowly */
#define PRE_MS        250  /* of audio before the spotted phrase, for the grammar */
#define POST_MS       200  /* and after it: the verb's last sound */
#define POST_MAX_MS                                                                                \
    500                /* ...or more, while the grammar is not sure: the spotter                   \
                        * may fire before the verb is over */
#define KWS_PLP "1e-3" /* the spotter's phone loop: dearer than the 1e-1 default (listen_new) */
#define WAKE_THRESHOLD                                                                             \
    "1e-20" /* the spotter's threshold for "rollout" alone: a false one costs                      \
             * only a moment's hush */
#define STEP            (LISTEN_RATE / 10) /* samples between two looks at the spotter */
#define CONFIDENCE      8   /* the grammar's words' score over the phones', per frame, at least */
#define NEAR            6   /* ...and how far below that is worth a second look */
#define WAKE_LEAST      8   /* "rollout" alone, per frame: clearly the wake word */
#define VERB_LEAST      -20 /* the verb alone: not a scrap the phones explain far better */
#define AWAKE_MS        ENGINE_HUSH_MAX_MS /* awake at most this long without a phrase */
#define RESTART_SECONDS 20 /* a spotting utterance longer than this restarts in a pause */
#define ECHO_TAIL_MS                                                                               \
    250 /* the echo canceller's reach: the room's reverberation, and                               \
         * what is left of the delay below */
#define ECHO_FRAME   (LISTEN_RATE / 50) /* it takes 20 ms at a time */
#define GATE         0.5f /* the echo canceller leaves this much: someone speaks (listen_feed_echo) */
#define GATE_HOLD    25   /* ...and for this many frames after (500 ms) */
#define GATE_BACK_MS 300     /* ...from this long before it opened */
#define ABOVE        4.0f    /* ...and only for a sound this far above the room's quiet (+12 dB) */
#define QUIET_LEAST  10.0f   /* the quietest a room is taken to be (-70 dBFS) */
#define QUIET_RISE   1.0023f /* how fast the quiet is let rise, a frame: 1 dB a second */
#define COMFORT      100.0f  /* the hiss put back under what the canceller left (-50 dBFS) */
#define ENV_FRAMES   200     /* 4 s of loudnesses, a frame each, to find the echo's delay in */
#define LAG_MAX      40      /* the longest delay looked for, in frames: 800 ms */
#define LAG_AHEAD    3       /* the played sound is given this many frames before its echo */
#define LAG_FIRST    100     /* the first look, once this many frames are in */
#define LAG_EVERY    50      /* frames between two looks */
#define SETTLE       100     /* frames the canceller is given to learn a new delay (2 s) */
#define LAG_SURE                                                                                   \
    0.9 /* the correlation a delay is believed at: rollout's sound                                 \
         * alone in the microphone gives about 1 */

/* The spotter's threshold per phrase: lower fires more easily. The
 * grammar and CONFIDENCE below turn away what it fires at wrongly, so it
 * is set to miss little (bench/listen.sh measures both). */
static const struct {
    const char *verb;
    const char *threshold;
} phrases[LISTEN_WORDS] = {
    [LISTEN_PAUSE] = {"pause", "1e-100"},     [LISTEN_CONTINUE] = {"continue", "1e-100"},
    [LISTEN_NEXT] = {"next", "1e-100"},       [LISTEN_BACK] = {"back", "1e-100"},
    [LISTEN_HOLD] = {"hold", "1e-100"},       [LISTEN_LOUDER] = {"louder", "1e-100"},
    [LISTEN_QUIETER] = {"quieter", "1e-100"}, [LISTEN_STOP] = {"stop", "1e-100"},
};

const char *listen_verb(enum listen_word w)
{
    return (unsigned)w < LISTEN_WORDS ? phrases[w].verb : "";
}

struct listen {
    ps_decoder_t *ps;
    int16_t ring[RING_SECONDS * LISTEN_RATE];
    int64_t total;                /* samples fed */
    int64_t utt_start;            /* where the spotter's utterance began */
    int64_t spotted_to;           /* the samples the spotter has heard */
    int open;                     /* frames the gate stays open for: the microphone hears more than
                                   * rollout's own sound */
    float floor;                  /* the room's quiet, as left by the echo canceller */
    uint32_t hiss;                /* the comfort noise's generator: the same from every start */
    int waiting;                  /* the spotter fired: waiting for the audio after it */
    int64_t spot_start, spot_end; /* what it fired at */
    int64_t acted_to;             /* the end of the last command taken: heard once only */
    int awake;                    /* the wake word was heard, and no phrase yet... */
    int64_t awake_at;             /* ...at this sample */
    size_t hyp_seen;              /* the length of the spotter's answer last asked */
    /* The echo canceller, made when the first output is given with the
     * microphone's samples, and the 10 ms it takes at a time. */
    SpeexEchoState *echo;
    SpeexPreprocessState *residual;
    int16_t mic[ECHO_FRAME], out[ECHO_FRAME];
    int fill;
    /* The delay from a sound played to its echo, found by matching the
     * loudness of the two 10 ms by 10 ms; the played sound is held back
     * by `held` frames so that it comes just before its echo. */
    float env_mic[ENV_FRAMES], env_out[ENV_FRAMES];
    int64_t frames; /* 10 ms frames taken */
    int16_t played[LAG_MAX + 1][ECHO_FRAME];
    int held;
    int lag_seen;  /* the delay the last look found */
    int lag_known; /* a delay has been believed */
    int settle;    /* frames the canceller is still learning a new delay for */
};

/* A new file of our own for the decoder to read, open for writing. */
static FILE *temp_file(char *path, size_t len)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, len, "%s/rollout-listen-XXXXXX", dir && dir[0] ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(path);
    }
    return f;
}

static int done_file(FILE *f, const char *path)
{
    if (fclose(f) == 0)
        return 0;
    unlink(path);
    return -1;
}

/* The spotter's phrases go to the decoder as a file. */
static int write_phrases(char *path, size_t len)
{
    FILE *f = temp_file(path, len);
    if (!f)
        return -1;
    for (int i = 0; i < LISTEN_WORDS; i++)
        fprintf(f, "rollout %s /%s/\n", phrases[i].verb, phrases[i].threshold);
    fprintf(f, "rollout /%s/\n", WAKE_THRESHOLD);
    return done_file(f, path);
}

/* The words the searches say, as the model's dictionary spells them (each
 * of its ways). The decoder given the whole dictionary keeps all its
 * 135,000 words, each with its phones: half of what a listening rollout
 * holds. */
static int write_words(const char *dict, char *path, size_t len)
{
    FILE *in = fopen(dict, "r");
    if (!in)
        return -1;
    FILE *f = temp_file(path, len);
    if (!f) {
        fclose(in);
        return -1;
    }
    char line[512];
    while (fgets(line, sizeof line, in)) {
        size_t n = strcspn(line, "( \t");
        int ours = n == 7 && strncmp(line, "rollout", 7) == 0;
        for (int i = 0; !ours && i < LISTEN_WORDS; i++)
            ours = strlen(phrases[i].verb) == n && strncmp(line, phrases[i].verb, n) == 0;
        if (ours)
            fputs(line, f);
    }
    fclose(in);
    return done_file(f, path);
}

/* The model's phones, each also a one-phone word: a free run of them is
 * what the grammar's answer is measured against. */
static const char *const phones[] = {"AA", "AE", "AH", "AO", "AW", "AY", "B",  "CH", "D",  "DH",
                                     "EH", "ER", "EY", "F",  "G",  "HH", "IH", "IY", "JH", "K",
                                     "L",  "M",  "N",  "NG", "OW", "OY", "P",  "R",  "S",  "SH",
                                     "T",  "TH", "UH", "UW", "V",  "W",  "Y",  "Z",  "ZH"};
#define NPHONES    ((int)(sizeof phones / sizeof phones[0]))
#define PHONES_MAX 256 /* phones in the longest stretch decided: 100 a second at most */

static void phone_loop(char *buf, size_t len)
{
    int n = snprintf(buf, len, "#JSGF V1.0;\ngrammar phones;\npublic <phones> = (");
    for (int i = 0; i < NPHONES && n > 0 && (size_t)n < len; i++)
        n += snprintf(buf + n, len - (size_t)n, "%sph%s", i ? " | " : " ", phones[i]);
    if (n > 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n, " )+;\n");
}

static void grammar(char *buf, size_t len)
{
    int n = snprintf(buf, len, "#JSGF V1.0;\ngrammar rollout;\npublic <command> = rollout (");
    for (int i = 0; i < LISTEN_WORDS && n > 0 && (size_t)n < len; i++)
        n += snprintf(buf + n, len - (size_t)n, "%s%s", i ? " | " : " ", phrases[i].verb);
    if (n > 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n, " );\n");
}

struct listen *listen_new(char *err, size_t errlen)
{
    const char *model = getenv("ROLLOUT_SPEECH_MODEL");
    if (!model || !model[0])
        model = DEFAULT_MODEL;
    char hmm[4096], dict[4096];
    snprintf(hmm, sizeof hmm, "%s/en-us", model);
    snprintf(dict, sizeof dict, "%s/cmudict-en-us.dict", model);
    if (access(hmm, R_OK) != 0 || access(dict, R_OK) != 0) {
        snprintf(err, errlen,
                 "cannot listen: no English speech model in %s (install the package "
                 "pocketsphinx-en-us)",
                 model);
        return NULL;
    }
    struct listen *l = calloc(1, sizeof *l);
    if (!l) {
        snprintf(err, errlen, "cannot listen: out of memory");
        return NULL;
    }
    l->hiss = 2463534242u;
    /* The spotter's phrases compete with a loop of free phones. At its
     * default price the loop wins so often that a phrase is pruned away
     * before it is whole, however low its threshold: made dearer, the
     * spotter fires on nearly every phrase said, and on some that were
     * not, which the grammar after it turns away. */
    char words[4096];
    cmd_ln_t *config = NULL;
    if (write_words(dict, words, sizeof words) == 0) {
        config = cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", hmm, "-dict", words, "-kws_plp",
                             KWS_PLP, "-logfn", "/dev/null", NULL);
        l->ps = config ? ps_init(config) : NULL;
        unlink(words);
    }
    cmd_ln_free_r(config); /* the decoder keeps its own reference */
    char path[4096], jsgf[512];
    grammar(jsgf, sizeof jsgf);
    int ok = l->ps && write_phrases(path, sizeof path) == 0;
    for (int i = 0; ok && i < NPHONES; i++) {
        char w[8];
        snprintf(w, sizeof w, "ph%s", phones[i]);
        ok = ps_add_word(l->ps, w, phones[i], i == NPHONES - 1) >= 0;
    }
    char loop[1024];
    phone_loop(loop, sizeof loop);
    if (ok) {
        ok = ps_set_kws(l->ps, "spot", path) == 0;
        unlink(path);
    }
    ok = ok && ps_set_jsgf_string(l->ps, "verb", jsgf) == 0 &&
         ps_set_jsgf_string(l->ps, "phones", loop) == 0 && ps_set_search(l->ps, "spot") == 0 &&
         ps_start_utt(l->ps) == 0;
    if (!ok) {
        snprintf(err, errlen, "cannot listen: the speech model in %s does not load", model);
        listen_free(l);
        return NULL;
    }
    return l;
}

void listen_free(struct listen *l)
{
    if (!l)
        return;
    if (l->ps)
        ps_free(l->ps);
    if (l->residual)
        speex_preprocess_state_destroy(l->residual);
    if (l->echo)
        speex_echo_state_destroy(l->echo);
    free(l);
}

#define RING_LEN ((int64_t)(sizeof((struct listen *)0)->ring / sizeof(int16_t)))

static void ring_put(struct listen *l, const int16_t *x, int n)
{
    for (int i = 0; i < n; i++)
        l->ring[(l->total + i) % RING_LEN] = x[i];
}

/* Decodes ring[from, to) with the search named; returns its hypothesis
 * (valid until the next decode) and its path score in *score. */
static const char *decode(struct listen *l, const char *search, int64_t from, int64_t to,
                          int32 *score)
{
    int16_t chunk[1024];
    *score = 0;
    if (ps_set_search(l->ps, search) != 0 || ps_start_utt(l->ps) != 0)
        return NULL;
    for (int64_t at = from; at < to;) {
        int n = 0;
        while (n < (int)(sizeof chunk / sizeof chunk[0]) && at < to)
            chunk[n++] = l->ring[at++ % RING_LEN];
        ps_process_raw(l->ps, chunk, (size_t)n, FALSE, FALSE);
    }
    ps_end_utt(l->ps);
    return ps_get_hyp(l->ps, score);
}

/* A word of a decoded path and the frames it spans, counted from the
 * first of the utterance. */
struct span {
    int s, e;
    int64_t ascr; /* its acoustic score */
};

/* The words of the last decode, silences and fillers left out. */
static int spans(struct listen *l, struct span *w, int max)
{
    int n = 0, first = -1;
    for (ps_seg_t *g = ps_seg_iter(l->ps); g; g = ps_seg_next(g)) {
        const char *word = ps_seg_word(g);
        int s, e;
        int32 ascr;
        ps_seg_frames(g, &s, &e);
        ps_seg_prob(g, &ascr, NULL, NULL);
        if (first < 0)
            first = s;
        if (word[0] != '<' && word[0] != '[' && n < max)
            w[n++] = (struct span){s - first, e - first, ascr};
    }
    return n;
}

static int frames(struct span w)
{
    return w.e - w.s + 1;
}

/* How much better the word w explains its frames than the phones whose
 * middle lies in them do. */
static int64_t over_phones(struct span w, const struct span *p, int n)
{
    int64_t sum = 0;
    for (int i = 0; i < n; i++)
        if ((p[i].s + p[i].e) / 2 >= w.s && (p[i].s + p[i].e) / 2 <= w.e)
            sum += p[i].ascr;
    return w.ascr - sum;
}

/* The verb said in [from, to); -1 if none was; -2 if it cannot yet be told
 * (the grammar found no way through, or fell short: the verb may not be
 * over). The grammar allows exactly one "rollout <verb>" and so always
 * names one; it is believed only when its two words explain their sound
 * clearly better than a free run of phones does over the same frames.
 * Only the words' frames count: the silence around them, which both
 * explain alike, would dilute the difference by however much of it the
 * stretch holds. And each word must be there on its own: a clear
 * "rollout" cannot carry a verb that is a scrap of noise (someone naming
 * the "Pre-run roll-out"), nor a clear verb a wake word that was "just
 * rolling". Each look falls short differently as the stretch grows, so
 * only a sum far below is given up at once. */
static int decide(struct listen *l, int64_t from, int64_t to)
{
    if (from < l->total - RING_LEN)
        from = l->total - RING_LEN;
    if (from < 0)
        from = 0;
    int32 score;
    const char *hyp = decode(l, "verb", from, to, &score);
    int word = -2;
    for (int i = 0; hyp && i < LISTEN_WORDS; i++)
        if (strncmp(hyp, "rollout ", 8) == 0 && strcmp(hyp + 8, phrases[i].verb) == 0)
            word = i;
    struct span w[2], p[PHONES_MAX];
    if (word >= 0 && spans(l, w, 2) == 2 && decode(l, "phones", from, to, &score)) {
        int np = spans(l, p, PHONES_MAX);
        int64_t wake = over_phones(w[0], p, np), verb = over_phones(w[1], p, np);
        int n = frames(w[0]) + frames(w[1]);
        if (wake + verb < (CONFIDENCE - NEAR) * n)
            word = -1;
        else if (wake + verb < CONFIDENCE * n || wake < WAKE_LEAST * frames(w[0]) ||
                 verb < VERB_LEAST * frames(w[1]))
            word = -2;
    } else if (word >= 0) {
        word = -2;
    }
    ps_set_search(l->ps, "spot");
    return word;
}

/* The spotter fired. It fires as the phrase ends, within a few frames
 * (the segment times pocketsphinx 5prealpha gives for a spotted phrase are
 * not to be trusted), so the phrase is the stretch before now: PHRASE_MS is
 * room for the slowest "rollout quieter". */
static void spotted(struct listen *l)
{
    l->spot_end = l->total;
    l->spot_start = l->total - (int64_t)PHRASE_MS * LISTEN_RATE / 1000;
    l->waiting = 1;
}

/* Gives the spotter what it has not heard of the ring, from at most
 * GATE_BACK_MS ago: the start of a phrase the gate opened late on. */
static void spot(struct listen *l)
{
    int64_t from = l->total - (int64_t)GATE_BACK_MS * LISTEN_RATE / 1000;
    if (from < l->spotted_to)
        from = l->spotted_to;
    int16_t chunk[1024];
    while (from < l->total) {
        int n = 0;
        while (n < (int)(sizeof chunk / sizeof chunk[0]) && from < l->total)
            chunk[n++] = l->ring[from++ % RING_LEN];
        ps_process_raw(l->ps, chunk, (size_t)n, FALSE, FALSE);
    }
    l->spotted_to = l->total;
}

static void restart(struct listen *l)
{
    ps_end_utt(l->ps);
    ps_start_utt(l->ps);
    l->utt_start = l->total;
    l->hyp_seen = 0;
}

/* What the spotter found since it was last asked. Its answer lists the
 * phrases it fired on lately, the newest first, two spaces apart:
 * "rollout hold  rollout " once a whole phrase followed its wake word. It
 * grows with each, and forgets the old ones in time: only a longer answer
 * than the last has a new one. */
enum { FOUND_NOTHING, FOUND_WAKE, FOUND_PHRASE };

static int found_now(struct listen *l)
{
    const char *hyp = ps_get_hyp(l->ps, NULL);
    size_t len = hyp ? strlen(hyp) : 0;
    size_t seen = l->hyp_seen;
    l->hyp_seen = len;
    if (len <= seen)
        return FOUND_NOTHING; /* nothing new, or an old one forgotten */
    size_t newest = strcspn(hyp, " ");
    return hyp[newest] == ' ' && hyp[newest + 1] != ' ' && hyp[newest + 1] ? FOUND_PHRASE
                                                                           : FOUND_WAKE;
}

/* The spotter is fed and asked in steps of STEP samples counted from the
 * first, however the samples arrive: what it hears depends on the samples
 * alone, not on how a device or a file happened to cut them. */
int listen_feed(struct listen *l, const int16_t *x, int n, struct listen_heard *out, int max)
{
    int heard = 0;
    while (n > 0) {
        int take = STEP - (int)(l->total % STEP);
        if (take > n)
            take = n;
        ring_put(l, x, take);
        l->total += take;
        if (!l->waiting && (l->open || !l->echo))
            spot(l);
        x += take;
        n -= take;
        if (l->total % STEP)
            continue;

        int found = l->waiting ? FOUND_NOTHING : found_now(l);
        if (found == FOUND_WAKE) {
            l->awake = 1;
            l->awake_at = l->total;
        } else if (l->awake && l->total - l->awake_at >= (int64_t)AWAKE_MS * LISTEN_RATE / 1000) {
            l->awake = 0; /* no verb came */
        }
        if (found == FOUND_PHRASE) {
            spotted(l);
            ps_end_utt(l->ps);
            l->hyp_seen = 0;
            l->awake = 0;
        } else if (l->waiting && l->total >= l->spot_end + (int64_t)POST_MS * LISTEN_RATE / 1000) {
            int64_t from = l->spot_start - (int64_t)PRE_MS * LISTEN_RATE / 1000;
            int w = decide(l, from > l->acted_to ? from : l->acted_to, l->total);
            if (w == -2 && l->total < l->spot_end + (int64_t)POST_MAX_MS * LISTEN_RATE / 1000)
                continue; /* perhaps the verb is not over: look again a step later */
            if (w >= 0 && heard < max)
                out[heard++] = (struct listen_heard){(enum listen_word)w, l->spot_start,
                                                     l->spot_end, l->total};
            /* The spotter may fire again on the end of a phrase taken: the
             * next decision looks only after it, so it is taken once. */
            if (w >= 0)
                l->acted_to = l->total;
            l->waiting = 0;
            ps_start_utt(l->ps);
            l->utt_start = l->total;
            l->hyp_seen = 0;
        } else if (!l->waiting && !ps_get_in_speech(l->ps) &&
                   l->total - l->utt_start > (int64_t)RESTART_SECONDS * LISTEN_RATE) {
            restart(l); /* keep the spotter's work per sample bounded */
        }
    }
    return heard;
}

/* Where the canceller took the room away it leaves a quiet no microphone
 * has, and the recogniser, which learnt on real rooms, spots phrases worse
 * in it. With a steady hiss put back at -50 dBFS it acted on 61 % of the
 * held-out voices' commands over a session, against 46 % without
 * (bench/listen.sh). White noise from a xorshift generator, started alike
 * every time: what is heard still depends on the samples alone. */
static void comfort(struct listen *l, int16_t *x, int n)
{
    const float a = COMFORT * 1.7320508f; /* uniform in [-a, a) has RMS a / sqrt(3) */
    for (int i = 0; i < n; i++) {
        l->hiss ^= l->hiss << 13;
        l->hiss ^= l->hiss >> 17;
        l->hiss ^= l->hiss << 5;
        float v = (float)x[i] + a * ((float)l->hiss / 2147483648.0f - 1.0f);
        x[i] = (int16_t)fmaxf(-32768.0f, fminf(32767.0f, v));
    }
}

static float loudness(const int16_t *x)
{
    float sum = 0;
    for (int i = 0; i < ECHO_FRAME; i++)
        sum += (float)x[i] * (float)x[i];
    return sqrtf(sum / ECHO_FRAME);
}

/* The delay, in frames, at which the microphone's loudness over the last
 * ENV_FRAMES follows the played sound's best; -1 when none does clearly
 * (a quiet room, or nothing played). The clicks make this sharp. */
static int echo_delay(const struct listen *l)
{
    int64_t N = l->frames < ENV_FRAMES ? l->frames - LAG_MAX : ENV_FRAMES - LAG_MAX;
    float m[ENV_FRAMES], mm = 0, best = LAG_SURE;
    int lag = -1;
    for (int i = 0; i < N; i++)
        mm += m[i] = l->env_mic[(l->frames - N + i) % ENV_FRAMES];
    mm /= (float)N;
    float vm = 0;
    for (int i = 0; i < N; i++)
        vm += (m[i] - mm) * (m[i] - mm);
    for (int d = 0; d <= LAG_MAX; d++) {
        float o[ENV_FRAMES], om = 0, vo = 0, c = 0;
        for (int i = 0; i < N; i++)
            om += o[i] = l->env_out[(l->frames - N - d + i) % ENV_FRAMES];
        om /= (float)N;
        for (int i = 0; i < N; i++) {
            vo += (o[i] - om) * (o[i] - om);
            c += (o[i] - om) * (m[i] - mm);
        }
        if (vm > 0 && vo > 0 && c / sqrtf(vm * vo) > best) {
            best = c / sqrtf(vm * vo);
            lag = d;
        }
    }
    return lag;
}

/* Looks again at the delay to hold the played sound back by. One look can
 * be fooled where rollout speaks without clicks: a voice's loudness follows
 * itself at many delays, and the room's reverberation favours the longer
 * ones. Held back too long, the played sound reaches the canceller after its
 * echo, which it then cannot take out, and rollout's own voice passes the
 * gate. So the first delay found is taken at once, as the canceller has none
 * to lose, and a change only once two looks in a row find it. */
static void follow_delay(struct listen *l)
{
    int d = echo_delay(l);
    int held = d > LAG_AHEAD ? d - LAG_AHEAD : 0;
    if (d >= 0 && (!l->lag_known || abs(d - l->lag_seen) <= 1)) {
        if (abs(held - l->held) > 2) {
            l->held = held; /* the filter follows: resetting it would cost seconds */
            l->settle = SETTLE;
        }
        l->lag_known = 1;
    }
    l->lag_seen = d;
}

/* The microphone hears rollout's own sound too, later and coloured by the
 * room. Speex's adaptive filter learns that path from what was played
 * (out) and what came back (mic) and takes its estimate away; what is left
 * of the echo its preprocessor suppresses. The recogniser hears the rest.
 * The filter learns quickest with the played sound given just before its
 * echo, so the delay between the two is measured and most of it taken
 * out first: how late a device plays is not known in advance. */
int listen_feed_echo(struct listen *l, const int16_t *mic, const int16_t *out, int n,
                     struct listen_heard *heard, int max)
{
    if (!l->echo) {
        l->echo = speex_echo_state_init(ECHO_FRAME, ECHO_TAIL_MS * LISTEN_RATE / 1000);
        l->residual = speex_preprocess_state_init(ECHO_FRAME, LISTEN_RATE);
        if (!l->echo || !l->residual)
            return listen_feed(l, mic, n, heard, max);
        int rate = LISTEN_RATE, off = 0;
        speex_echo_ctl(l->echo, SPEEX_ECHO_SET_SAMPLING_RATE, &rate);
        speex_preprocess_ctl(l->residual, SPEEX_PREPROCESS_SET_ECHO_STATE, l->echo);
        speex_preprocess_ctl(l->residual, SPEEX_PREPROCESS_SET_DENOISE, &off);
    }
    int got = 0;
    while (n > 0) {
        int take = ECHO_FRAME - l->fill;
        if (take > n)
            take = n;
        memcpy(l->mic + l->fill, mic, (size_t)take * sizeof *mic);
        memcpy(l->out + l->fill, out, (size_t)take * sizeof *out);
        l->fill += take;
        mic += take;
        out += take;
        n -= take;
        if (l->fill < ECHO_FRAME)
            continue;
        l->fill = 0;
        int64_t f = l->frames++;
        l->env_mic[f % ENV_FRAMES] = loudness(l->mic);
        l->env_out[f % ENV_FRAMES] = loudness(l->out);
        memcpy(l->played[f % (LAG_MAX + 1)], l->out, sizeof l->out);
        if (l->frames >= LAG_FIRST && l->frames % LAG_EVERY == 0)
            follow_delay(l);
        int16_t clean[ECHO_FRAME];
        int64_t from = f - l->held < 0 ? f : f - l->held;
        speex_echo_cancellation(l->echo, l->mic, l->played[from % (LAG_MAX + 1)], clean);
        speex_preprocess_run(l->residual, clean);
        /* Where the canceller took out nearly all the microphone heard,
         * that was rollout's own sound, and the spotter need not hear it;
         * nor the room's quiet, the softest that is left, followed as it
         * falls at once and as it rises slowly. The spotter listens only
         * while something else sounds, and a little after: it is spared
         * most of its work, and what the canceller left of rollout's
         * voice, to mistake for a phrase.
         * Until the delay is first looked for, and while the filter learns
         * a new one, the canceller leaves rollout's own sound whole where
         * the echo comes later than its reach (a slow device, a wireless
         * speaker): the gate stays shut, and the first seconds of a
         * session, or two after the delay moved, are not listened to. */
        float left = loudness(clean);
        l->floor = fmaxf(QUIET_LEAST, left < l->floor ? left : l->floor * QUIET_RISE);
        if (l->settle > 0)
            l->settle--;
        if (listen_hearing(l) && left > GATE * l->env_mic[f % ENV_FRAMES] &&
            left > ABOVE * l->floor)
            l->open = GATE_HOLD;
        else if (l->open > 0)
            l->open--;
        comfort(l, clean, ECHO_FRAME);
        got += listen_feed(l, clean, ECHO_FRAME, heard + got, max - got);
    }
    return got;
}

int listen_awake(const struct listen *l)
{
    return l->awake || l->waiting;
}

int listen_hearing(const struct listen *l)
{
    return !l->echo || (l->frames >= LAG_FIRST && !l->settle);
}

/* ---- what was played, waiting for its echo ---- */

#define PLAYED_SLACK_MS                                                                            \
    300 /* what was played may run this much further ahead of the                                  \
         * microphone than the device's buffers explain... */
#define PLAYED_PATIENCE                                                                            \
    LISTEN_RATE /* ...for this many of the microphone's samples before it                          \
                 * is brought back: the two devices' clocks drift */

void played_put(struct played *p, const int16_t *x, int n)
{
    for (int i = 0; i < n; i++) {
        if (played_waiting(p) == PLAYED_LEN)
            p->out++; /* nobody took it: the oldest goes */
        p->ring[p->in++ % PLAYED_LEN] = x[i];
    }
}

/* A microphone that delivers late for a moment, then all it owes at once,
 * finds the played waiting far ahead of it, but only until it has caught
 * up: bringing the played back then would move every later echo by as
 * much. A busy machine does this often. Only the played that stays ahead
 * for a second is brought back, where the clocks truly drifted apart. */
void played_take(struct played *p, int16_t *y, int n)
{
    int64_t waiting = played_waiting(p);
    if (waiting <= p->buffered + (int64_t)PLAYED_SLACK_MS * LISTEN_RATE / 1000) {
        p->ahead = 0;
    } else if ((p->ahead += n) >= PLAYED_PATIENCE) {
        p->out += waiting - p->buffered;
        p->ahead = 0;
    }
    for (int i = 0; i < n; i++)
        y[i] = p->out < p->in ? p->ring[p->out++ % PLAYED_LEN] : 0;
}

/* ---- the listener ---- */

#define QUEUE    16 /* commands waiting for the view loop; a power of two */
#define READ_MS  20
#define MIC_READ (LISTEN_RATE / 10) /* samples read from the microphone at most at once */
#define MIC_WAIT (LISTEN_RATE / 4)  /* ...and kept waiting for the played ones at most */

/* The thread writes q[tail] then publishes tail; the view loop reads
 * q[head] then publishes head. Each index has one writer. A byte in the
 * pipe wakes the view loop's poll, for a command or a change of `awake`. */
struct listener {
    struct listen *rec;
    struct in_sdl *mic;
    pthread_t thread;
    atomic_int stop;
    atomic_int hearing; /* listen_hearing, as the thread last saw it */
    atomic_int awake;   /* listen_awake, the same */
    struct listener_heard q[QUEUE];
    _Atomic uint32_t head, tail;
    int wake[2];
    /* What rollout played, for the echo canceller; NULL: not known. */
    const struct out_sdl *out;
    int64_t tap_at;
    soxr_t resample;
    struct played played;
    int16_t mic_wait[MIC_WAIT + MIC_READ]; /* the microphone's, waiting for the played */
    int mic_n;
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void queue(struct listener *li, const struct listen_heard *h)
{
    uint32_t tail = atomic_load_explicit(&li->tail, memory_order_relaxed);
    uint32_t head = atomic_load_explicit(&li->head, memory_order_acquire);
    if (tail - head == QUEUE)
        return; /* nobody is taking them: drop */
    int64_t total = li->rec->total;
    li->q[tail % QUEUE] = (struct listener_heard){
        h->word,
        {(total - h->start) * 1000 / LISTEN_RATE, (total - h->end) * 1000 / LISTEN_RATE},
        now_ms()};
    atomic_store_explicit(&li->tail, tail + 1, memory_order_release);
    ssize_t w = write(li->wake[1], "", 1);
    (void)w; /* a full pipe is already awake */
}

static int16_t sample(float v)
{
    v *= 32767.0f;
    return (int16_t)(v > 32767.0f ? 32767 : v < -32768.0f ? -32768 : v);
}

/* Takes what the device has played since last time, at the microphone's
 * rate. */
static void pull_played(struct listener *li)
{
    float in[4096], res[4096];
    int16_t x[4096];
    int64_t n;
    while ((n = out_sdl_tap_read(li->out, &li->tap_at, in, 4096)) > 0) {
        size_t done = 0;
        soxr_process(li->resample, in, (size_t)n, NULL, res, 4096, &done);
        for (size_t i = 0; i < done; i++)
            x[i] = sample(res[i]);
        played_put(&li->played, x, (int)done);
    }
}

static void *listening(void *arg)
{
    struct listener *li = arg;
    float f[MIC_READ];
    int16_t y[MIC_WAIT + MIC_READ];
    struct listen_heard h[4];
    while (!atomic_load(&li->stop)) {
        int64_t n = in_sdl_read(li->mic, f, MIC_READ);
        if (n <= 0) {
            struct timespec ts = {0, READ_MS * 1000000L};
            nanosleep(&ts, NULL);
            continue;
        }
        for (int64_t i = 0; i < n; i++)
            li->mic_wait[li->mic_n++] = sample(f[i]);
        int n_in = li->mic_n, k;
        if (li->out) {
            /* The device may take what it plays in larger bursts than
             * the microphone gives: its samples wait for theirs. Filling
             * the gap with silence instead would move every later echo
             * out of the canceller's reach. Only a device that stopped
             * taking leaves them to silence. */
            pull_played(li);
            int64_t have = played_waiting(&li->played);
            if (n_in > have && n_in <= MIC_WAIT)
                n_in = (int)have;
            played_take(&li->played, y, n_in);
            k = listen_feed_echo(li->rec, li->mic_wait, y, n_in, h, 4);
        } else {
            k = listen_feed(li->rec, li->mic_wait, n_in, h, 4);
        }
        atomic_store(&li->hearing, listen_hearing(li->rec));
        int awake = listen_awake(li->rec);
        if (awake != atomic_exchange(&li->awake, awake)) {
            ssize_t w = write(li->wake[1], "", 1);
            (void)w; /* a full pipe is already awake */
        }
        li->mic_n -= n_in;
        memmove(li->mic_wait, li->mic_wait + n_in, (size_t)li->mic_n * sizeof li->mic_wait[0]);
        for (int i = 0; i < k; i++)
            queue(li, &h[i]);
    }
    return NULL;
}

struct listener *listener_start(const char *device, struct out_sdl *out, char *err, size_t errlen)
{
    struct listener *li = calloc(1, sizeof *li);
    if (!li) {
        snprintf(err, errlen, "cannot listen: out of memory");
        return NULL;
    }
    li->wake[0] = li->wake[1] = -1;
    if (!(li->rec = listen_new(err, errlen)))
        goto fail;
    char why[512];
    if (!(li->mic = in_sdl_open(LISTEN_RATE, device, why, sizeof why))) {
        snprintf(err, errlen, "cannot listen: no microphone (%s); check that one is plugged in",
                 why);
        goto fail;
    }
    if (pipe(li->wake) != 0) {
        snprintf(err, errlen, "cannot listen: %s", strerror(errno));
        goto fail;
    }
    for (int i = 0; i < 2; i++) /* neither end may ever block */
        fcntl(li->wake[i], F_SETFL, fcntl(li->wake[i], F_GETFL) | O_NONBLOCK);
    if (out) {
        soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        soxr_quality_spec_t q = soxr_quality_spec(SOXR_MQ, 0);
        soxr_error_t e = NULL;
        li->resample = soxr_create(out_sdl_rate(out), LISTEN_RATE, 1, &e, &io, &q, NULL);
        if (!li->resample) {
            snprintf(err, errlen, "cannot listen: %s", e ? e : "no resampler");
            goto fail;
        }
        li->out = out;
        li->played.buffered = 2 * (int64_t)out_sdl_latency(out) * LISTEN_RATE / out_sdl_rate(out);
        out_sdl_tap_start(out, &li->tap_at);
    }
    if (pthread_create(&li->thread, NULL, listening, li) != 0) {
        snprintf(err, errlen, "cannot listen: no thread for it");
        goto fail;
    }
    return li;
fail:
    if (li->resample)
        soxr_delete(li->resample);
    if (li->mic)
        in_sdl_close(li->mic);
    if (li->wake[0] >= 0) {
        close(li->wake[0]);
        close(li->wake[1]);
    }
    listen_free(li->rec);
    free(li);
    return NULL;
}

int listener_fd(const struct listener *li)
{
    return li ? li->wake[0] : -1;
}

int listener_take(struct listener *li, struct listener_heard *out)
{
    if (!li)
        return 0;
    /* The pipe only wakes: emptied first, a byte written after this still
     * wakes the next poll, and nothing queued is missed. */
    char b[64];
    while (read(li->wake[0], b, sizeof b) > 0)
        continue;
    uint32_t head = atomic_load_explicit(&li->head, memory_order_relaxed);
    uint32_t tail = atomic_load_explicit(&li->tail, memory_order_acquire);
    if (head == tail)
        return 0;
    *out = li->q[head % QUEUE];
    atomic_store_explicit(&li->head, head + 1, memory_order_release);
    return 1;
}

int listener_hearing(const struct listener *li)
{
    return li && atomic_load(&li->hearing);
}

int listener_awake(const struct listener *li)
{
    return li && atomic_load(&li->awake);
}

void listener_stop(struct listener *li)
{
    if (!li)
        return;
    atomic_store(&li->stop, 1);
    pthread_join(li->thread, NULL);
    in_sdl_close(li->mic);
    if (li->resample)
        soxr_delete(li->resample);
    close(li->wake[0]);
    close(li->wake[1]);
    listen_free(li->rec);
    free(li);
}
