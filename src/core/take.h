/* SPDX-License-Identifier: MIT */
/* take.h — a recorded or synthesised take made ready to be a cue: pure
 * arithmetic on mono float samples, no device and no file. It tells speech
 * from silence (live, to end a take; afterwards, to trim it), trims, and
 * measures and sets loudness by EBU R128 (libebur128): integrated loudness
 * (ITU-R BS.1770) at TAKE_TARGET_LUFS, true peak at most TAKE_CEILING_DBTP.
 * record, voice and so the bundled pack all go through take_process. */
#ifndef ROLLOUT_TAKE_H
#define ROLLOUT_TAKE_H

#include <stdint.h>

#define TAKE_RATE 48000 /* takes are captured and written at the pack's rate */

/* Speech and silence. A take is judged in 10 ms blocks, each by its RMS
 * level; a block is speech when its level is above all three of: the take's
 * loudest block less TAKE_SPEECH_RANGE_DB, the room's noise floor (measured
 * during the count-in) plus TAKE_SPEECH_FLOOR_DB, and TAKE_SPEECH_MIN_DB. */
#define TAKE_BLOCK_MS        10
#define TAKE_SPEECH_RANGE_DB 40.0
#define TAKE_SPEECH_FLOOR_DB 10.0
#define TAKE_SPEECH_MIN_DB   (-60.0)
#define TAKE_NO_FLOOR        (-200.0) /* the floor when nothing measured it */

/* When recording stops by itself. */
#define TAKE_HEARD_MS       100  /* speech heard: this much of it, in all */
#define TAKE_END_SILENCE_MS 1500 /* then this long without speech ends the take */
#define TAKE_WAIT_S         10   /* no speech heard this long: stop and say so */
#define TAKE_MAX_S          30   /* the longest take; cues are sentences */

/* Trimming: keep a little either side of the speech
 * so soft consonants survive, fade the cut edges, pad with silence. */
#define TAKE_HIGHPASS_HZ  40 /* no DC or rumble: both look like sound */
#define TAKE_MARGIN_MS    20
#define TAKE_FADE_MS      3
#define TAKE_PAD_START_MS 30
#define TAKE_PAD_END_MS   50

/* Loudness. A cue is brought to TAKE_TARGET_LUFS integrated (BS.1770's
 * gates leave out the pauses), unless its true peak would then pass
 * TAKE_CEILING_DBTP. -20 LUFS is where the click and the music bed were
 * tuned against the pack, and leaves speech 19 dB of headroom. The bundled
 * pack keeps every cue within TAKE_PACK_LU of the target; `rollout cues`
 * flags any cue further off than TAKE_FLAG_LU. */
#define TAKE_TARGET_LUFS  (-20.0)
#define TAKE_CEILING_DBTP (-1.0)
#define TAKE_PACK_LU      1.0
#define TAKE_FLAG_LU      2.0

/* 10 log10(power), and TAKE_NO_FLOOR for no power at all. */
double take_db(double power);

/* A 40 Hz high-pass (a two-pole Butterworth, as sox's highpass). It starts
 * as though its first input had always been there, so a DC offset does not
 * make a thump at the start. */
struct take_highpass {
    double b0, b1, b2, a1, a2;
    double x1, x2, y1, y2;
    int primed;
};
void take_highpass_init(struct take_highpass *h, int rate);
void take_highpass_run(struct take_highpass *h, const float *in, float *out, int64_t n);

/* The room's noise floor from a stretch with no speech in it (the count-in):
 * the level of its quietest fifth, in dB, judged in 10 ms blocks and leaving
 * out blocks of digital silence (a device starting up says nothing of the
 * room). TAKE_NO_FLOOR when there is no such block. */
double take_floor(const float *x, int64_t n, int rate);

/* Listening while recording: fed the samples as they come, it says whether
 * the take should end. Samples are high-passed here, as take_process does. */
enum take_stop {
    TAKE_GO,      /* keep recording */
    TAKE_DONE,    /* speech, then TAKE_END_SILENCE_MS without */
    TAKE_NOTHING, /* no speech in TAKE_WAIT_S */
    TAKE_FULL,    /* TAKE_MAX_S recorded */
};

struct take_detect {
    struct take_highpass hp;
    int rate, block;     /* frames per block */
    double floor;        /* dB, or TAKE_NO_FLOOR */
    double sum;          /* squares in the block being filled */
    int fill;            /* its frames so far */
    int64_t frames;      /* fed in all */
    int64_t blocks;      /* complete blocks */
    double loudest;      /* dB of the loudest block */
    int64_t speech;      /* blocks that were speech when they came */
    int64_t last_speech; /* the last of them, or -1 */
    double level;        /* dB of the last block, for a meter */
};

void take_detect_init(struct take_detect *d, int rate, double floor_db);
void take_detect_feed(struct take_detect *d, const float *x, int64_t n);
enum take_stop take_detect_stop(const struct take_detect *d);

/* The speech in x, judged with the whole take's loudest block: from the
 * first sample above the speech threshold in the first speech block to just
 * after the last such sample in the last one. 0 with [*start, *end), or -1
 * when x holds no speech. */
int take_find_speech(const float *x, int64_t n, int rate, double floor_db, int64_t *start,
                     int64_t *end);

/* The cue made of x[start, end): TAKE_MARGIN_MS more either side (as far as
 * x goes), linear TAKE_FADE_MS fades at both cut edges, and the pads of
 * silence. Writes it to out (when not NULL) and returns its length. */
int64_t take_trim(const float *x, int64_t n, int rate, int64_t start, int64_t end, float *out);

/* Loudness by EBU R128, of one channel. A sound shorter than BS.1770's
 * 400 ms gating block ("Two.") is measured as though it repeated for one
 * block, i.e. by its mean-square loudness. lufs and true_peak are
 * TAKE_NO_FLOOR for silence. 0, or -1 when libebur128 has no memory. */
struct take_loudness {
    double lufs;      /* integrated loudness, LUFS */
    double true_peak; /* true peak (4x oversampled), dBTP */
};
int take_measure(const float *x, int64_t n, int rate, struct take_loudness *out);

/* The gain, in dB, that brings the loudness to TAKE_TARGET_LUFS with the
 * true peak no higher than TAKE_CEILING_DBTP. 0 for silence. */
double take_gain_db(const struct take_loudness *l);

void take_apply_gain(float *x, int64_t n, double gain_db);

enum take_result { TAKE_OK, TAKE_SILENT, TAKE_NOMEM };

/* A raw take made into a cue: high-passed, trimmed, brought to the pack's
 * loudness. */
struct take {
    float *data; /* mono, at the take's rate */
    int64_t frames;
    double gain_db; /* the gain applied */
    double lufs;    /* the loudness before it */
    int clipped;    /* the raw take touched full scale */
};

enum take_result take_process(const float *raw, int64_t n, int rate, double floor_db,
                              struct take *out);
void take_free(struct take *t);

#endif
