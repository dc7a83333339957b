// SPDX-License-Identifier: MIT
// render.mjs — the WebAssembly build renders what rollout renders, sample
// for sample:
//
//   node render.mjs WASM ROUTINE CUES NATIVE.wav [--seconds S] [--block N] [--shift N] [--float]
//
// WASM is build/web/rollout.wasm; ROUTINE the routine's text; CUES the
// folder tests/cue_pcm.c wrote, with the cue PCM rollout's loader made for
// NATIVE.wav, a float WAV of `rollout render --bits 32` at the same rate.
// The routine is parsed and compiled in the module, handed the same PCM,
// and rendered in blocks of N frames (128 unless told: an AudioWorklet's
// block); every sample must have the same bits as the file's, for S seconds
// (the whole session unless told), and the session the same length.
// --shift N throws away the module's first N frames: the comparison must
// then fail, which shows it can. --float hands the cues over as a browser
// would, as floats (each sample s as s / 32768), for the module to round.
//
// Prints one line, "identical: ..." with the time the module took, or
// "differs at frame F ..." and exits 1.
import { readFileSync, openSync, readSync, closeSync } from 'node:fs';
import { WASI } from 'node:wasi';

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
const seconds = opt('--seconds', Infinity);
const block = opt('--block', 128);
const shift = opt('--shift', 0);
const asFloat = args.includes('--float') && args.splice(args.indexOf('--float'), 1).length > 0;
if (args.length !== 4)
    fail('usage: render.mjs WASM ROUTINE CUES NATIVE.wav [--seconds S] [--block N] [--shift N]');
const [wasmPath, routinePath, cueDir, nativePath] = args;

// ---- the module ----

const wasi = new WASI({ version: 'preview1', args: [], env: {} });
const module = await WebAssembly.compile(readFileSync(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
wasi.initialize(instance);
const web = instance.exports;
const bytes = () => new Uint8Array(web.memory.buffer); // a view goes stale when memory grows

function cString(s) {
    const b = new TextEncoder().encode(s + '\0');
    const p = web.web_alloc(b.length);
    bytes().set(b, p);
    return p;
}

function jsString(p) {
    if (!p)
        return null;
    const m = bytes();
    let end = p;
    while (m[end])
        end++;
    return new TextDecoder().decode(m.subarray(p, end));
}

// ---- the routine and its cues ----

const text = readFileSync(routinePath);
const tp = web.web_alloc(text.length);
bytes().set(text, tp);
const ncues = web.web_parse(cString(routinePath), tp, text.length);
if (ncues < 0)
    fail(`the routine does not parse: ${jsString(web.web_errors())}`);

const list = readFileSync(`${cueDir}/cues.tsv`, 'utf8').trim().split('\n').map((l) => l.split('\t'));
if (list.length !== ncues)
    fail(`the module has ${ncues} cues, rollout ${list.length}`);
for (const [index, id, channels, frames] of list) {
    const i = Number(index);
    if (jsString(web.web_cue_id(i)) !== id)
        fail(`cue ${i} is ${jsString(web.web_cue_id(i))} in the module, ${id} in rollout`);
    const pcm = readFileSync(`${cueDir}/${i}.s16`);
    if (asFloat) {
        const s16 = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
        const x = web.web_alloc(4 * s16.length);
        new Float32Array(web.memory.buffer, x, s16.length).set(Array.from(s16, (v) => v / 32768));
        if (web.web_cue_float(i, x, Number(frames), Number(channels)) !== 0)
            fail(`no room for cue ${id}`);
        web.web_free(x);
        continue;
    }
    const p = web.web_cue_pcm(i, Number(frames), Number(channels));
    if (!p)
        fail(`no room for cue ${id}`);
    bytes().set(pcm, p);
}

// ---- the native render ----

// The samples of a float WAV: its 'data' chunk, found by walking the chunks.
const fd = openSync(nativePath, 'r');
const head = Buffer.alloc(4096);
readSync(fd, head, 0, head.length, 0);
if (head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE')
    fail(`${nativePath} is not a WAV file`);
let at = 12, data = -1, dataBytes = 0, rate = 0, channels = 0, bits = 0;
while (at + 8 <= head.length) {
    const id = head.toString('latin1', at, at + 4), size = head.readUInt32LE(at + 4);
    if (id === 'fmt ') {
        channels = head.readUInt16LE(at + 10);
        rate = head.readUInt32LE(at + 12);
        bits = head.readUInt16LE(at + 22);
    } else if (id === 'data') {
        data = at + 8;
        dataBytes = size;
        break;
    }
    at += 8 + size + (size & 1);
}
if (data < 0 || channels !== 2 || bits !== 32)
    fail(`${nativePath}: not stereo 32-bit float samples with a data chunk`);
const nativeFrames = dataBytes / 8;

// ---- compare ----

const length = web.web_compile(rate, 1);
if (length < 0)
    fail('the module does not compile the routine');
if (length !== nativeFrames)
    fail(`the module's session is ${length} frames, rollout's ${nativeFrames}`);

const frames = Math.min(nativeFrames, Math.round(seconds * rate));
const out = web.web_alloc(block * 8);
const chunk = 1 << 16; // frames read from the file at a time
const file = Buffer.alloc(chunk * 8);
const mod = new Uint32Array(chunk * 2);
let ms = 0;
let sounding = 0; // samples that are not silence: the comparison is not of zeros

// The module's next n frames into mod, rendered block by block.
function render(n) {
    for (let done = 0; done < n; done += block) {
        const k = Math.min(block, n - done);
        const t = performance.now();
        web.web_render(out, k);
        ms += performance.now() - t;
        mod.set(new Uint32Array(web.memory.buffer, out, 2 * k), 2 * done);
    }
}

const shown = (x) => new Float32Array(new Uint32Array([x]).buffer)[0];
if (shift > 0) {
    const skip = web.web_alloc(shift * 8);
    web.web_render(skip, shift);
}
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
const secs = frames / rate;
console.log(`identical${asFloat ? ', the cues handed over as floats' : ''}: ${frames} frames (${secs.toFixed(1)} s of ${(nativeFrames / rate).toFixed(1)}), ` +
            `${(100 * sounding / (2 * frames)).toFixed(0)}% of the samples sounding, ` +
            `at ${rate} Hz in ${block}-frame blocks; the module rendered them in ${ms.toFixed(0)} ms, ` +
            `${(secs / (ms / 1000)).toFixed(0)}x real time`);
