// SPDX-License-Identifier: MIT
// app.js — the page: loads rollout.wasm and the bundled routines; on the
// start screen a runner taps the sore areas on the body map and chooses the
// minutes, and the module composes the session as rollout does (compose.c);
// its cues are fetched and decoded, and the session plays through an
// AudioWorklet (worklet.js) while the page draws the session view from the
// snapshot show.c makes, as the window and the terminal draw theirs. The
// page decides nothing itself: what it shows is web_show's, at the frame
// being heard; what a button does is its action's in rollout's action
// table, done by the control in the worklet.
import { cueIds, getString, loadSession, rolloutInstance, utf8 } from './module.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
// The lengths offered, in minutes; 0 is the routines' own.
const MINUTES = [0, 3, 5, 8, 10, 15, 20, 30, 45, 60];

// The page's state: a module of its own on this thread, which composes and
// holds the same timeline as the worklet's, for the view; the body map and
// the action table it gave; what the start screen asks for; the audio
// context and the worklet's node; and, as the worklet last said, where the
// engine is (pos, at the context's frame at) and the control's state.
const state = { view: null, map: null, actions: null, holdAct: undefined, ask: null, playing: null,
                length: 0, ctx: null, node: null, drawing: 0, lock: null,
                pos: 0, at: 0, paused: false, clickOff: false, ended: false };

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
    const [wasm, names] = await Promise.all([
        fetch('rollout.wasm').then((r) => r.arrayBuffer()),
        fetch('routines/index.txt').then((r) => r.text()),
    ]);
    const routines = await Promise.all(names.trim().split('\n').map(async (name) => ({
        path: utf8(`routines/${name}`),
        text: new Uint8Array(await (await fetch(`routines/${name}`)).arrayBuffer()),
    })));
    const module = await WebAssembly.compile(wasm);
    // Made now, it waits suspended until a tap starts it; its rate is the
    // one the cues are decoded and the session compiled at.
    const ctx = new AudioContext({ latencyHint: 'playback' });
    const view = rolloutInstance(module);
    state.view = view;
    state.map = JSON.parse(getString(view, view.web_bodymap()));
    state.actions = JSON.parse(getString(view, view.web_actions()));
    state.holdAct = state.actions.buttons.find((b) => b.name === 'hold')?.act;
    return { ctx, module, routines, decoded: new Map() };
}

// The session the start screen asks for, made in the module on this
// thread (for the view) and its cues fetched and decoded once each: as
// rollout's request_load makes it, composed for areas or minutes, else the
// default routine as written.
async function compose(p, areas, minutes) {
    const request = areas || minutes ? { routines: p.routines, areas: utf8(areas), minutes }
                                     : p.routines[0];
    const ids = cueIds(state.view, request);
    const cues = await Promise.all(ids.map((id) => {
        if (!p.decoded.has(id))
            p.decoded.set(id, fetchCue(p.ctx, id));
        return p.decoded.get(id);
    }));
    const missing = ids.filter((id, i) => !cues[i]);
    if (missing.length)
        console.warn(`rollout: no recording for ${missing.join(', ')}: silent`);
    state.length = loadSession(state.view, request, cues, p.ctx.sampleRate);
    return { ...p, request, cues };
}

// ---- the body map ----

// An SVG of one view of the body map (front or back) from bodymap.c's
// triangles: the figure, and each area a path of its own.
function mapView(map, view) {
    const w = map.half_width + 0.02;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `${-w} -0.02 ${2 * w} 1.04`);
    svg.dataset.view = view;
    const path = (xy, cls) => {
        const e = document.createElementNS(SVG, 'path');
        let d = '';
        for (let i = 0; i + 5 < xy.length; i += 6)
            d += `M${xy[i]} ${xy[i + 1]}L${xy[i + 2]} ${xy[i + 3]}L${xy[i + 4]} ${xy[i + 5]}Z`;
        e.setAttribute('d', d);
        e.setAttribute('class', cls);
        svg.append(e);
        return e;
    };
    path(map.figure[view], 'figure');
    map.areas.forEach((a, i) => {
        for (const side of ['both', 'left', 'right']) {
            if (!a[view][side].length)
                continue;
            const e = path(a[view][side], 'area');
            e.dataset.area = i;
            e.dataset.side = side;
        }
    });
    return svg;
}

function drawMap(holder) {
    holder.replaceChildren(mapView(state.map, 'front'), mapView(state.map, 'back'));
}

// Lights the area being rolled, on the side being rolled, in the phase's
// colour; the rest of the areas are drawn as the figure.
function lightArea(area, side, colour) {
    const sides = ['both', 'left', 'right'];
    for (const e of $('body-map').querySelectorAll('.area')) {
        const lit = Number(e.dataset.area) === area &&
                    (side === 0 ? e.dataset.side === 'both' : e.dataset.side === sides[side]);
        put(e, 'fill', lit ? colour : 'none');
    }
}

// The start screen: a tap on the map finds its area as the window's start
// screen does (bodymap_hit), and chooses it or not.
function startScreen() {
    const chosen = new Set();
    let minutes = MINUTES.indexOf(10);
    const show = () => {
        for (const e of $('start-map').querySelectorAll('.area'))
            e.classList.toggle('chosen', chosen.has(Number(e.dataset.area)));
        const names = [...chosen].sort((a, b) => a - b).map((a) => state.map.areas[a].names);
        $('chosen').textContent = names.length ? `Sore today: ${names.join(', ')}` : 'Tap where it is sore';
        $('minutes').textContent = MINUTES[minutes] ? `${MINUTES[minutes]} min` : 'as written';
        state.ask = { areas: names.join(','), minutes: MINUTES[minutes] };
    };
    drawMap($('start-map'));
    $('start-map').addEventListener('click', (ev) => {
        const svg = ev.target.closest('svg');
        if (!svg)
            return;
        const at = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(svg.getScreenCTM().inverse());
        const area = state.view.web_hit(svg.dataset.view === 'front' ? 0 : 1, at.x, at.y);
        if (area < 0)
            return;
        if (!chosen.delete(area))
            chosen.add(area);
        show();
    });
    $('fewer').addEventListener('click', () => (minutes = Math.max(0, minutes - 1), show()));
    $('more').addEventListener('click', () => (minutes = Math.min(MINUTES.length - 1, minutes + 1), show()));
    show();
}

async function start(p) {
    const { ctx } = p;
    await ctx.audioWorklet.addModule('worklet.js');
    const node = new AudioWorkletNode(ctx, 'rollout', {
        numberOfInputs: 0,
        outputChannelCount: [2],
        processorOptions: { module: p.module, request: p.request, cues: p.cues },
    });
    node.port.onmessage = (e) => {
        if (e.data.held !== undefined) {
            // The worklet held: the same ten seconds at the same frame here.
            state.view.web_hold_at(e.data.held);
            return;
        }
        Object.assign(state, e.data);
        state.paused = (e.data.controls & 1) !== 0; // web.h: WEB_PAUSED
        state.clickOff = (e.data.controls & 2) !== 0; // WEB_CLICK_OFF
        if (e.data.controls & 8) // WEB_QUIT: Quit, or the lock screen's stop
            finish(false);
        else if (e.data.ended)
            finish(true);
    };
    node.connect(ctx.destination);
    await ctx.resume();
    state.node = node;
    state.ctx = ctx;
    state.ended = false;
    $('end').hidden = true;
    $('session').hidden = false;
    document.body.classList.add('playing');
    keepAwake();
    mediaSession();
    if (!state.drawing)
        state.drawing = requestAnimationFrame(draw);
}

// The session over, played to its end or quit: the sound stops, the
// screen may sleep, and the end screen says what was done, with Again
// and the start screen.
async function finish(done) {
    if (!state.node)
        return;
    const s = JSON.parse(getString(state.view, state.view.web_show(Math.floor(heard()), 1)));
    state.node.port.onmessage = null;
    state.node.disconnect();
    state.node = null;
    cancelAnimationFrame(state.drawing);
    state.drawing = 0;
    state.lock?.release();
    state.lock = null;
    await state.ctx.suspend();
    $('end-title').textContent = done ? 'Well done' : 'Stopped';
    $('end-what').textContent = done ? `${s.total} rolled, ${s.nsteps} ${s.nsteps === 1 ? 'step' : 'steps'}`
                                     : `at ${s.elapsed} of ${s.total} — ${s.name} ${s.side}`.trim();
    $('session').hidden = true;
    document.body.classList.remove('playing');
    $('end').hidden = false;
}

// What a person asked for, by its row of the action table: the worklet's
// control does it, as control_act does every input's in the program.
function act(action, from) {
    if (state.node)
        state.node.port.postMessage({ act: action, from, hold: action === state.holdAct });
}

// The buttons of the action table, in the window's order, those the page
// offers; each labelled as the control's state has it.
function buttons() {
    const nav = $('buttons');
    nav.replaceChildren();
    for (const b of state.actions.buttons) {
        const e = document.createElement('button');
        e.id = `b-${b.name || b.act}`;
        e.textContent = b.label;
        e.addEventListener('click', () => act(b.act, state.actions.from.key));
        b.element = e;
        nav.append(e);
    }
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

// Writes what the page shows only where it changed: most frames change
// nothing but the frame, and an unchanged page costs the browser no
// layout and no paint.
const shown = new WeakMap(); // element → {property: value} as last written
function put(e, key, value) {
    let was = shown.get(e);
    if (!was)
        shown.set(e, (was = {}));
    if (was[key] === value)
        return;
    was[key] = value;
    if (key === 'text')
        e.textContent = value;
    else
        e.style[key] = value;
}

function draw() {
    if (!state.node)
        return;
    const s = JSON.parse(getString(state.view, state.view.web_show(Math.floor(heard()), state.paused)));
    put($('header'), 'text', s.header);
    put($('name'), 'text', s.name);
    put($('side'), 'text', s.side);
    put($('phase'), 'text', s.phase_label);
    put($('phase'), 'color', s.colour);
    put($('count'), 'text', s.count);
    put($('count'), 'color', s.colour);
    put($('count-to'), 'text', s.count_to);
    put($('pulse'), 'visibility', s.pulse < 0 ? 'hidden' : 'visible');
    put($('pulse'), 'background', s.pulse === 1 ? s.colour : 'transparent');
    put($('pulse'), 'borderColor', s.colour);
    put($('words'), 'text', (s.speaking ? '» ' : '') + s.words);
    put($('next'), 'text', s.next);
    put($('equipment'), 'text', s.equipment);
    put($('clock'), 'text', `${s.elapsed} / ${s.total}`);
    document.body.dataset.frame = s.now;
    document.body.dataset.rate = s.rate;
    lightArea(s.area, s.body_side, s.colour);
    // A tenth of a percent: finer than the bar's pixels on any phone.
    put($('progress'), 'width', `${Math.floor((1000 * s.now) / Math.max(1, s.length)) / 10}%`);
    for (const b of state.actions.buttons) {
        const on = b.name === 'pause' ? state.paused : b.name === 'click' ? state.clickOff : false;
        put(b.element, 'text', on ? b.label_on : b.label);
    }
    if (document.title !== s.title)
        document.title = s.title;
    if (navigator.mediaSession && 'MediaMetadata' in window)
        mediaTitle(s);
    state.drawing = requestAnimationFrame(draw);
}

// What the lock screen and a headset's display show: the part's title and
// the body map with its area lit, as MPRIS has them on the desktop. The
// artwork is drawn once for each area and side, from the same shapes.
let shownTitle = '';
function mediaTitle(s) {
    if (s.title === shownTitle)
        return;
    shownTitle = s.title;
    const meta = (src) => new MediaMetadata({ title: s.title, artist: 'rollout',
                                              artwork: [{ src, sizes: '512x512', type: 'image/png' }] });
    navigator.mediaSession.metadata = meta('icon-512.png');
    if (s.area < 0)
        return;
    artwork(s.area, s.body_side, s.colour).then((url) => {
        if (shownTitle === s.title)
            navigator.mediaSession.metadata = meta(url);
    }, () => {}); // the icon stays
}

const arts = new Map();
function artwork(area, side, colour) {
    const key = `${area} ${side}`;
    if (!arts.has(key))
        arts.set(key, drawArtwork(area, ['both', 'left', 'right'][side], colour));
    return arts.get(key);
}

// The two views side by side on the ground, in the middle four fifths.
async function drawArtwork(area, side, colour) {
    const size = 512, map = state.map;
    const canvas = new OffscreenCanvas(size, size), g = canvas.getContext('2d');
    g.fillStyle = '#11161B';
    g.fillRect(0, 0, size, size);
    const k = 0.8 * size, w = 2 * map.half_width * k, gap = (0.8 * size - 2 * w) / 3;
    const fill = (xy, left, style) => {
        g.fillStyle = style;
        g.beginPath();
        for (let i = 0; i + 5 < xy.length; i += 6) {
            g.moveTo(left + (xy[i] + map.half_width) * k, 0.1 * size + xy[i + 1] * k);
            g.lineTo(left + (xy[i + 2] + map.half_width) * k, 0.1 * size + xy[i + 3] * k);
            g.lineTo(left + (xy[i + 4] + map.half_width) * k, 0.1 * size + xy[i + 5] * k);
            g.closePath();
        }
        g.fill();
    };
    ['front', 'back'].forEach((view, i) => {
        const left = 0.1 * size + gap + i * (w + gap);
        fill(map.figure[view], left, '#3A4651');
        fill(map.areas[area][view][side], left, colour);
    });
    return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/png' }));
}

// A headset's or the lock screen's buttons: the Media Session's actions
// are MPRIS's methods by other names, and act as the remote's do.
const MEDIA = { play: 'Play', pause: 'Pause', nexttrack: 'Next', previoustrack: 'Previous', stop: 'Stop' };
function mediaSession() {
    if (!navigator.mediaSession)
        return;
    for (const [action, method] of Object.entries(MEDIA)) {
        const a = state.actions.remote[method];
        if (a !== undefined)
            navigator.mediaSession.setActionHandler(action, () => act(a, state.actions.from.remote));
    }
}

// The screen stays on while the session plays: the runner is on the floor.
async function keepAwake() {
    try {
        const lock = await navigator.wakeLock?.request('screen');
        state.lock = lock;
        document.addEventListener('visibilitychange', () => {
            if (document.visibilityState === 'visible' && lock?.released && state.node)
                keepAwake();
        }, { once: true });
    } catch {
        // No wake lock here: the screen may sleep, the sound plays on.
    }
}

// Kept for offline after this visit (sw.js); the page works without it.
navigator.serviceWorker?.register('sw.js').catch((e) => console.warn(`rollout: not kept offline: ${e}`));

const ready = prepare();
ready.then(() => {
    startScreen();
    $('start').disabled = false;
    $('start').textContent = 'Start';
}, (e) => {
    $('start').textContent = 'Cannot load';
    $('problem').textContent = String(e.message || e);
});
// Start, and Again: the session composed afresh (a Hold changed the last
// one), its cues decoded once already.
async function begin(ask) {
    const p = await compose(await ready, ask.areas, ask.minutes);
    state.playing = ask;
    await start(p);
}
$('start').addEventListener('click', async () => {
    $('start').disabled = true;
    $('start').textContent = 'Starting…';
    try {
        drawMap($('body-map'));
        buttons();
        $('welcome').hidden = true;
        await begin(state.ask);
    } catch (e) {
        $('welcome').hidden = false;
        $('problem').textContent = String(e.message || e);
    }
    $('start').textContent = 'Start';
    $('start').disabled = false;
});
$('again').addEventListener('click', () => begin(state.playing).catch((e) => {
    $('end-what').textContent = String(e.message || e);
}));
$('choose').addEventListener('click', () => {
    $('end').hidden = true;
    $('welcome').hidden = false;
});
