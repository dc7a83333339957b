// SPDX-License-Identifier: MIT
// app.js — the page: loads rollout.wasm, the default routine and its cues,
// plays the session through an AudioWorklet (worklet.js) and draws the
// session view from the snapshot show.c makes, as the window and the
// terminal draw theirs. The page decides nothing itself: what it shows is
// web_show's, at the frame being heard; what a button does is the engine's.
import { cueIds, getString, loadSession, rolloutInstance, utf8 } from './module.js';

const ROUTINE = 'routines/default.roll';
const $ = (id) => document.getElementById(id);

// The session, once loaded: a module of its own on this thread for the
// view (the same timeline as the worklet's), the audio context and the
// worklet's node, and where the engine is (pos, at the context's frame at).
const state = { view: null, length: 0, ctx: null, node: null, pos: 0, at: 0, paused: false,
                ended: false };

// A cue from the voice pack, decoded by the browser at the context's rate:
// mono and stereo as they are, more channels averaged, as the loader does
// (cues.h). null when there is none: the cue is then silent.
async function fetchCue(ctx, id) {
    const r = await fetch(`audio/${id}.flac`);
    if (!r.ok)
        return null;
    const b = await ctx.decodeAudioData(await r.arrayBuffer());
    const n = b.length, ch = b.numberOfChannels;
    if (ch === 1)
        return { channels: 1, frames: n, data: b.getChannelData(0).slice() };
    const c = Array.from({ length: ch }, (_, k) => b.getChannelData(k));
    if (ch === 2) {
        const data = new Float32Array(2 * n);
        for (let i = 0; i < n; i++) {
            data[2 * i] = c[0][i];
            data[2 * i + 1] = c[1][i];
        }
        return { channels: 2, frames: n, data };
    }
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++)
        data[i] = c.reduce((s, x) => s + x[i], 0) / ch;
    return { channels: 1, frames: n, data };
}

async function prepare() {
    const [wasm, text] = await Promise.all([
        fetch('rollout.wasm').then((r) => r.arrayBuffer()),
        fetch(ROUTINE).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b)),
    ]);
    const path = utf8(ROUTINE);
    const module = await WebAssembly.compile(wasm);
    // Made now, it waits suspended until a tap starts it; its rate is the
    // one the cues are decoded and the session compiled at.
    const ctx = new AudioContext({ latencyHint: 'playback' });
    const view = rolloutInstance(module);
    const ids = cueIds(view, path, text);
    const cues = await Promise.all(ids.map((id) => fetchCue(ctx, id)));
    const missing = ids.filter((id, i) => !cues[i]);
    if (missing.length)
        console.warn(`rollout: no recording for ${missing.join(', ')}: silent`);
    state.length = loadSession(view, path, text, cues, ctx.sampleRate);
    state.view = view;
    return { ctx, module, path, text, cues };
}

async function start(p) {
    const { ctx } = p;
    await ctx.audioWorklet.addModule('worklet.js');
    const node = new AudioWorkletNode(ctx, 'rollout', {
        numberOfInputs: 0,
        outputChannelCount: [2],
        processorOptions: { module: p.module, path: p.path, text: p.text, cues: p.cues },
    });
    node.port.onmessage = (e) => Object.assign(state, e.data);
    node.connect(ctx.destination);
    await ctx.resume();
    state.node = node;
    state.ctx = ctx;
    keepAwake();
    mediaSession();
    requestAnimationFrame(draw);
}

function send(cmd) {
    if (!state.node)
        return;
    if (cmd === 'pause' || cmd === 'resume')
        state.paused = cmd === 'pause';
    state.node.port.postMessage({ cmd });
}

// The frame being heard: where the engine was at the last message, moved
// on by the context's frames since, less what the device still holds (so
// the pulse on screen lands with the click that is heard).
function heard() {
    const ctx = state.ctx, rate = ctx.sampleRate;
    const since = state.paused || state.ended ? 0 : Math.max(0, ctx.currentTime * rate - state.at);
    const latency = ((ctx.outputLatency || 0) + (ctx.baseLatency || 0)) * rate;
    return Math.max(0, Math.min(state.length, state.pos + Math.min(since, rate / 10) - latency));
}

function draw() {
    const s = JSON.parse(getString(state.view, state.view.web_show(Math.floor(heard()), state.paused)));
    $('header').textContent = s.header;
    $('name').textContent = s.name;
    $('side').textContent = s.side;
    $('phase').textContent = s.phase_label;
    $('phase').style.color = s.colour;
    $('count').textContent = s.count;
    $('count').style.color = s.colour;
    $('count-to').textContent = s.count_to;
    $('pulse').style.visibility = s.pulse < 0 ? 'hidden' : 'visible';
    $('pulse').style.background = s.pulse === 1 ? s.colour : 'transparent';
    $('pulse').style.borderColor = s.colour;
    $('words').textContent = (s.speaking ? '» ' : '') + s.words;
    $('next').textContent = s.next;
    $('equipment').textContent = s.equipment;
    $('clock').textContent = `${s.elapsed} / ${s.total}`;
    $('progress').style.width = `${(100 * s.now) / Math.max(1, s.length)}%`;
    $('b-pause').textContent = state.paused ? 'Resume' : 'Pause';
    document.title = s.title;
    if (navigator.mediaSession && 'MediaMetadata' in window)
        navigator.mediaSession.metadata = mediaTitle(s.title);
    requestAnimationFrame(draw);
}

let lastTitle = '', lastMeta = null;
function mediaTitle(title) {
    if (title !== lastTitle) {
        lastTitle = title;
        lastMeta = new MediaMetadata({ title, artist: 'rollout' });
    }
    return lastMeta;
}

// A headset's or the lock screen's buttons act as the page's do.
function mediaSession() {
    if (!navigator.mediaSession)
        return;
    const acts = { play: 'resume', pause: 'pause', nexttrack: 'next', previoustrack: 'prev' };
    for (const [action, cmd] of Object.entries(acts))
        navigator.mediaSession.setActionHandler(action, () => send(cmd));
}

// The screen stays on while the session plays: the runner is on the floor.
async function keepAwake() {
    try {
        const lock = await navigator.wakeLock?.request('screen');
        document.addEventListener('visibilitychange', () => {
            if (document.visibilityState === 'visible' && lock?.released)
                keepAwake();
        }, { once: true });
    } catch {
        // No wake lock here: the screen may sleep, the sound plays on.
    }
}

const ready = prepare();
ready.then(() => {
    $('start').disabled = false;
    $('start').textContent = 'Start';
}, (e) => {
    $('start').textContent = 'Cannot load';
    $('problem').textContent = String(e.message || e);
});
$('start').addEventListener('click', async () => {
    $('welcome').hidden = true;
    $('session').hidden = false;
    await start(await ready);
});
$('b-pause').addEventListener('click', () => send(state.paused ? 'resume' : 'pause'));
$('b-prev').addEventListener('click', () => send('prev'));
$('b-next').addEventListener('click', () => send('next'));
$('b-side').addEventListener('click', () => send('side'));
