// SPDX-License-Identifier: MIT
// render.mjs — the WebAssembly build renders what rollout renders, sample
// for sample:
//
//   node render.mjs WEB ROUTINE CUES NATIVE.wav [--seconds S] [--block N] [--shift N]
//                   [--float | --worklet]
//
// WEB is build/web: rollout.wasm and the page's scripts, which load it here
// as they do in a browser (module.js: the same WASI answers). ROUTINE is
// the routine's text; CUES the folder tests/cue_pcm.c wrote, with the cue
// PCM rollout's loader made for NATIVE.wav, a float WAV of `rollout render
// --bits 32` at the same rate. The routine is parsed and compiled in the
// module, handed the same PCM, and rendered in blocks of N frames (128
// unless told: an AudioWorklet's block); every sample must have the same
// bits as the file's, for S seconds (the whole session unless told), and
// the session must be as long.
//
// --float hands the cues over as a page does, as floats (each sample s as
// s / 32768), for the module to round. --worklet plays it through the
// page's own AudioWorkletProcessor (worklet.js), as a browser would call
// it. --shift N throws away the module's first N frames: the comparison
// must then fail, which shows it can.
//
// Prints one line, "identical..." with the time the module took, or
// "differs at frame F ..." and exits 1.
import { closeSync, readFileSync, readSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { floatWav } from './wav.mjs';

function fail(msg) {
    console.error(`FAIL: ${msg}`);
    process.exit(1);
}

const args = process.argv.slice(2);
const opt = (name, def) => {
    const i = args.indexOf(name);
    if (i < 0)
        return def;
    const v = Number(args[i + 1]);
    args.splice(i, 2);
    return v;
};
const flag = (name) => args.includes(name) && args.splice(args.indexOf(name), 1).length > 0;
const seconds = opt('--seconds', Infinity);
const block = opt('--block', 128);
const shift = opt('--shift', 0);
const worklet = flag('--worklet');
const asFloat = flag('--float') || worklet;
if (args.length !== 4)
    fail('usage: render.mjs WEB ROUTINE CUES NATIVE.wav [--seconds S] [--block N] [--shift N] ' +
         '[--float | --worklet]');
const [webDir, routinePath, cueDir, nativePath] = args;
const page = await import(pathToFileURL(`${webDir}/module.js`));

// ---- the native render ----

let fd, data, rate, nativeFrames;
try {
    ({ fd, data, rate, frames: nativeFrames } = floatWav(nativePath));
} catch (e) {
    fail(e.message);
}

// ---- the routine and its cues, as rollout's loader made them ----

const text = new Uint8Array(readFileSync(routinePath)), path = page.utf8(routinePath);
const list = readFileSync(`${cueDir}/cues.tsv`, 'utf8').trim().split('\n').map((l) => l.split('\t'));
const cues = list.map(([index, id, ch, frames]) => {
    const pcm = readFileSync(`${cueDir}/${index}.s16`);
    const s16 = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
    return { id, channels: Number(ch), frames: Number(frames), s16 };
});
const module = await WebAssembly.compile(readFileSync(`${webDir}/rollout.wasm`));

// Checks the module's cue table against rollout's: the same ids, in order.
function sameCues(web, ids) {
    if (ids.length !== cues.length)
        fail(`the module has ${ids.length} cues, rollout ${cues.length}`);
    ids.forEach((id, i) => id === cues[i].id || fail(`cue ${i} is ${id} in the module, ${cues[i].id} in rollout`));
}

// A session in the module, and a function that renders its next k frames
// (k at most `block`) into a Uint32Array of 2k interleaved samples' bits.
function direct() {
    const web = page.rolloutInstance(module);
    sameCues(web, page.cueIds(web, { path, text }));
    let length;
    if (asFloat) {
        const f = cues.map((c) => ({ ...c, data: Float32Array.from(c.s16, (v) => v / 32768) }));
        length = page.loadSession(web, { path, text }, f, rate);
    } else {
        // As 16-bit samples: the cue loader's own form, through web_cue_pcm.
        cues.forEach((c, i) => {
            const p = web.web_cue_pcm(i, c.frames, c.channels);
            if (!p)
                fail(`no room for cue ${c.id}`);
            new Int16Array(web.memory.buffer, p, c.s16.length).set(c.s16);
        });
        length = web.web_compile(rate, 1);
    }
    const out = web.web_alloc(block * 8);
    return { length, web, render: (k) => {
        web.web_render(out, k);
        return new Uint32Array(web.memory.buffer, out, 2 * k);
    } };
}

// The same through the page's AudioWorkletProcessor, in a stand-in for
// the browser's worklet scope: the processor's class, its registration,
// sampleRate and currentFrame, and no TextEncoder or TextDecoder.
async function throughWorklet() {
    let Processor = null;
    globalThis.AudioWorkletProcessor = class {
        constructor() {
            this.port = { postMessage() {}, onmessage: null };
        }
    };
    globalThis.registerProcessor = (name, cls) => (Processor = cls);
    globalThis.sampleRate = rate;
    globalThis.currentFrame = 0;
    await import(pathToFileURL(`${webDir}/worklet.js`));
    const f = cues.map((c) => ({ channels: c.channels, frames: c.frames,
                                 data: Float32Array.from(c.s16, (v) => v / 32768) }));
    const { TextEncoder, TextDecoder } = globalThis;
    delete globalThis.TextEncoder;
    delete globalThis.TextDecoder;
    const p = new Processor({ processorOptions: { module, request: { path, text }, cues: f } });
    Object.assign(globalThis, { TextEncoder, TextDecoder });
    sameCues(p.web, Array.from({ length: cues.length }, (_, i) => page.getString(p.web, p.web.web_cue_id(i))));
    const left = new Float32Array(block), right = new Float32Array(block);
    const both = new Float32Array(2 * block);
    return { length: p.length, render: (k) => {
        const outputs = [[left.subarray(0, k), right.subarray(0, k)]];
        p.process([], outputs);
        globalThis.currentFrame += k;
        for (let i = 0; i < k; i++) {
            both[2 * i] = left[i];
            both[2 * i + 1] = right[i];
        }
        return new Uint32Array(both.buffer, 0, 2 * k);
    } };
}

const session = worklet ? await throughWorklet() : direct();
if (session.length !== nativeFrames)
    fail(`the module's session is ${session.length} frames, rollout's ${nativeFrames}`);

// ---- compare ----

const frames = Math.min(nativeFrames, Math.round(seconds * rate));
const chunk = 1 << 16; // frames read from the file at a time
const file = Buffer.alloc(chunk * 8);
const mod = new Uint32Array(chunk * 2);
let ms = 0;
let sounding = 0; // samples that are not silence: the comparison is not of zeros

// The module's next n frames into mod, block by block.
function render(n) {
    for (let done = 0; done < n; done += block) {
        const k = Math.min(block, n - done);
        const t = performance.now();
        const x = session.render(k);
        ms += performance.now() - t;
        mod.set(x, 2 * done);
    }
}

const shown = (x) => new Float32Array(new Uint32Array([x]).buffer)[0];
for (let left = shift; left > 0; left -= Math.min(left, block))
    session.render(Math.min(left, block));
for (let f = 0; f < frames; f += chunk) {
    const n = Math.min(chunk, frames - f);
    readSync(fd, file, 0, n * 8, data + f * 8);
    const nat = new Uint32Array(file.buffer, file.byteOffset, 2 * n);
    render(n);
    for (let i = 0; i < 2 * n; i++) {
        sounding += (nat[i] & 0x7fffffff) !== 0;
        if (nat[i] !== mod[i]) {
            const frame = f + (i >> 1);
            console.log(`differs at frame ${frame} (${(frame / rate).toFixed(3)} s), ` +
                        `${i & 1 ? 'right' : 'left'}: rollout ${shown(nat[i])}, module ${shown(mod[i])}`);
            process.exit(1);
        }
    }
}
closeSync(fd);

// The snapshot the page draws, at frames across the session: one JSON
// document each, at the frame asked for, on a step wherever the session is
// past its introduction.
const web = session.web ?? null;
for (let k = 0; web && k <= 1000; k++) {
    const f = Math.floor((k * session.length) / 1000);
    const raw = page.getString(web, web.web_show(f, 0));
    let s;
    try {
        s = JSON.parse(raw);
    } catch (e) {
        fail(`the snapshot at frame ${f} is not JSON: ${raw}`);
    }
    if (s.now !== f || s.length !== session.length || (!s.intro && !s.done && !s.name))
        fail(`the snapshot at frame ${f} is wrong: ${raw}`);
}

const secs = frames / rate;
const how = worklet ? ', through the page\'s worklet' : asFloat ? ', the cues handed over as floats' : '';
console.log(`identical${how}: ${frames} frames (${secs.toFixed(1)} s of ${(nativeFrames / rate).toFixed(1)}), ` +
            `${(100 * sounding / (2 * frames)).toFixed(0)}% of the samples sounding, ` +
            `at ${rate} Hz in ${block}-frame blocks; the module rendered them in ${ms.toFixed(0)} ms, ` +
            `${(secs / (ms / 1000)).toFixed(0)}x real time`);
