// SPDX-License-Identifier: MIT
// browser.mjs WEB CUES NATIVE.wav ROLLOUT [SHOTS] — the page plays in a real
// browser: Chromium, headless, driven over the DevTools protocol on a pipe
// (no library, no socket). WEB (build/web) is served from localhost, a
// secure context, as an AudioWorklet needs.
//
// The page as a runner uses it: it loads; a tap on the calves of the body
// map chooses them, two on − make it 5 minutes, and Start composes the
// session in the module; it plays (its clock moving with the audio), and
// shows the calves from the frame `rollout plan` begins the step at (at
// the page's rate: ROLLOUT is the program), and not before; it holds still on Pause and jumps on Next. Then its own
// worklet renders the session's first minute in an OfflineAudioContext,
// composed the same way and handed the cue PCM rollout's loader made
// (CUES, from tests/cue_pcm.c): every sample must equal NATIVE.wav's,
// `rollout render --areas calves --minutes 5 --bits 32`, so the browser's
// AudioWorklet, calling the engine block by block, puts every click on its
// frame.
// Pictures of it in portrait and landscape go to SHOTS when named (docs/
// keeps them).
//
// Waits for what the page shows, each with a deadline, never a fixed time.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { floatWav } from './wav.mjs';

const [webDir, cueDir, nativePath, rollout, shots] = process.argv.slice(2);
const root = resolve(webDir);
const native = floatWav(nativePath);
const OFFLINE_SECONDS = 60;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
                '.flac': 'audio/flac', '.roll': 'text/plain; charset=utf-8', '.json': 'application/json',
                '.txt': 'text/plain; charset=utf-8', '.png': 'image/png',
                '.webmanifest': 'application/manifest+json' };

function fail(msg) {
    console.error(`FAIL: ${msg}`);
    cleanup();
    process.exit(1);
}

// Files under WEB only, as a static host serves them; and, under /test/,
// the cue PCM and the first minute of rollout's render, for the offline
// comparison.
let offline = false; // once true, nothing is served: the network is gone
const server = createServer((req, res) => {
    if (offline) {
        req.socket.destroy();
        return;
    }
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (name === '/test/native.raw') {
        const body = Buffer.alloc(8 * OFFLINE_SECONDS * native.rate);
        readSync(native.fd, body, 0, body.length, native.data);
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
        return;
    }
    const path = name.startsWith('/test/') ? join(resolve(cueDir), normalize(name.slice(6)))
                                           : normalize(join(root, name));
    let file = path.startsWith(root + '/') || path.startsWith(resolve(cueDir) + '/') ? path : null;
    try {
        if (file && statSync(file).isDirectory())
            file = join(file, 'index.html');
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
    } catch {
        res.writeHead(404).end();
    }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

// Chromium, speaking the DevTools protocol on fds 3 (in) and 4 (out): one
// JSON message each, ended by a NUL.
const profile = mkdtempSync(join(tmpdir(), 'rollout-chromium.'));
// In a process group of its own, so that its helpers end with it.
const chrome = spawn('chromium', ['--headless=new', '--no-sandbox', '--remote-debugging-pipe',
                                  `--user-data-dir=${profile}`, '--no-first-run', 'about:blank'],
                     { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true });
function cleanup() {
    try {
        process.kill(-chrome.pid, 'SIGKILL');
    } catch {
        // already gone
    }
    server.close();
    // A helper may still be writing its profile as it ends: a few tries.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
chrome.on('exit', (code) => code !== null && fail(`chromium exited with ${code}`));

let next = 0, input = '';
const waiting = new Map(), problems = [];
chrome.stdio[4].on('data', (d) => {
    input += d;
    for (let i; (i = input.indexOf('\0')) >= 0; input = input.slice(i + 1)) {
        const m = JSON.parse(input.slice(0, i));
        if (m.id && waiting.has(m.id)) {
            waiting.get(m.id)(m);
            waiting.delete(m.id);
        } else if (m.method === 'Runtime.exceptionThrown') {
            problems.push(m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text);
        } else if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error' &&
                   !m.params.entry.url?.endsWith('/favicon.ico') &&
                   !(offline && m.params.entry.source === 'network')) {
            problems.push(m.params.entry.text);
        }
    }
});
let session;
function send(method, params = {}) {
    return new Promise((ok, no) => {
        const m = { id: ++next, method, params, ...(session && { sessionId: session }) };
        waiting.set(m.id, (r) => (r.error ? no(new Error(`${method}: ${r.error.message}`)) : ok(r.result)));
        chrome.stdio[3].write(JSON.stringify(m) + '\0');
    });
}

// What an expression in the page gives, as a tap would run it.
async function page(expr) {
    const r = await send('Runtime.evaluate', { expression: expr, returnByValue: true, userGesture: true,
                                               awaitPromise: true });
    if (r.exceptionDetails)
        fail(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
}

// Until test() of what the page shows holds, looking every 50 ms; fails
// after `seconds`, saying what it waited for and what the page showed.
async function until(what, seconds, test) {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
        const shown = await page(`[...document.querySelectorAll('[id]')]
            .reduce((o, e) => (o[e.id] = e.textContent, o), { frame: Number(document.body?.dataset.frame ?? -1) })`);
        if (problems.length)
            fail(`the page said: ${problems.join('; ')}`);
        if (test(shown))
            return shown;
        if (Date.now() > deadline)
            fail(`${what}: not within ${seconds} s; the page shows ${JSON.stringify(shown)}`);
        await new Promise((ok) => setTimeout(ok, 50));
    }
}

async function shoot(name, width, height) {
    await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: true });
    await page('new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))');
    const { data } = await send('Page.captureScreenshot', { format: 'png' });
    if (shots)
        writeFileSync(join(shots, name), Buffer.from(data, 'base64'));
}


const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
({ sessionId: session } = await send('Target.attachToTarget', { targetId, flatten: true }));
await send('Runtime.enable');
await send('Log.enable');
await send('Emulation.setDeviceMetricsOverride', { width: 412, height: 915, deviceScaleFactor: 1, mobile: true });
await send('Page.enable');
const t0 = Date.now();
await send('Page.navigate', { url });

await until('the page ready to start', 60, (s) => s.start === 'Start');
const loaded = Date.now() - t0;

// A tap, as a finger makes it: at a point on the screen.
async function tap(x, y) {
    for (const type of ['mousePressed', 'mouseReleased'])
        await send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 });
}
async function tapButton(id) {
    const r = await page(`(() => { const b = document.getElementById('${id}').getBoundingClientRect();
                                   return [b.x + b.width / 2, b.y + b.height / 2]; })()`);
    await tap(...r);
}

// The calves on the body map: the middle of the first triangle of their
// shape, where the page drew it.
const calf = await page(`(() => {
    const e = document.querySelector('#start-map path.area[data-area="1"]');
    const [x0, y0, x1, y1, x2, y2] = e.getAttribute('d').match(/-?[0-9.]+/g).map(Number);
    const p = new DOMPoint((x0 + x1 + x2) / 3, (y0 + y1 + y2) / 3).matrixTransform(e.ownerSVGElement.getScreenCTM());
    return [p.x, p.y];
})()`);
await tap(...calf);
await until('calves chosen', 10, (x) => x.chosen === 'Sore today: calves');
await tapButton('fewer');
await tapButton('fewer');
await until('5 minutes', 10, (x) => x.minutes === '5 min');
await shoot('web-start-portrait.png', 412, 915);
await shoot('web-start-landscape.png', 915, 412);
await send('Emulation.setDeviceMetricsOverride', { width: 412, height: 915, deviceScaleFactor: 1, mobile: true });

await tapButton('start');
let s = await until('the session playing', 30, (x) => x.header === 'Introduction' && x.frame > 0);
const playing = Date.now() - t0;
console.log(`loaded in ${loaded} ms; playing (${s.clock}) ${playing} ms after opening the page`);
// ROLLOUT_WEB_CPU=SECONDS: what Chromium spends playing, every process of
// it (the audio thread's included), over that many seconds of the session,
// for docs/benchmarks.md.
if (process.env.ROLLOUT_WEB_CPU) {
    const ticks = () => { // user + system of chromium and every process under it
        const parent = new Map();
        for (const pid of readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d))) {
            try {
                const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
                const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
                parent.set(Number(pid), { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]) });
            } catch {
                // gone meanwhile
            }
        }
        let sum = 0;
        for (const [pid, p] of parent) {
            for (let q = pid; q > 1; q = parent.get(q)?.ppid ?? 0)
                if (q === chrome.pid) {
                    sum += p.cpu;
                    break;
                }
        }
        return sum;
    };
    const span = Number(process.env.ROLLOUT_WEB_CPU), c0 = ticks(), w0 = Date.now();
    await new Promise((ok) => setTimeout(ok, span * 1000));
    const used = (ticks() - c0) / 100, wall = (Date.now() - w0) / 1000; // USER_HZ is 100 on Linux
    console.log(`CPU: Chromium playing, ${(100 * used / wall).toFixed(2)} % of one core over ${wall.toFixed(1)} s`);
}
// The muscle the page shows, at each frame it drew, against rollout's plan
// at the page's rate (the device's: 44.1 kHz in headless Chromium).
const rate = await page('Number(document.body.dataset.rate)');
const plan = execFileSync(rollout, ['plan', '--areas', 'calves', '--minutes', '5', '--rate', String(rate),
                                    '--tsv'], { encoding: 'utf8' });
const stepFrame = Number(plan.split('\n').map((l) => l.split('\t')).find((f) => f[2] === 'step')[0]);
s = await until(`the calves at frame ${stepFrame}`, 15, (x) => {
    if ((x.name === 'Calves') !== (x.frame >= stepFrame))
        fail(`at frame ${x.frame} the page shows ${x.name}; rollout plans the calves from ${stepFrame}`);
    return x.name === 'Calves';
});
await shoot('web-portrait.png', 412, 915);
await shoot('web-landscape.png', 915, 412);
await send('Emulation.setDeviceMetricsOverride', { width: 412, height: 915, deviceScaleFactor: 1, mobile: true });
console.log(`the calves from frame ${s.frame} (${s.header}, ${s.side}, ${s.phase}); rollout plans ${stepFrame}`);

// The lock screen's title and artwork, as MPRIS gives them: the part, and
// the body map with the calf lit, drawn by the page.
const media = await page(`new Promise((ok) => {
    const deadline = Date.now() + 5000;
    (function look() {
        const m = navigator.mediaSession.metadata;
        if (m?.artwork[0]?.src.startsWith('blob:') || Date.now() > deadline)
            return ok(m ? m.title + ' ' + m.artwork[0].src.split(':')[0] : 'none');
        setTimeout(look, 50);
    })();
})`);
if (!/^rollout - Calves, left blob$/.test(media))
    fail(`the Media Session shows ${media}, not the left calf with its artwork`);

await tapButton('b-pause');
// Paused once the engine's last position has come back from the worklet:
// the frame the page shows stops.
let last = -1;
s = await until('paused', 10, (x) => x['b-pause'] === 'Resume' && x.frame === last || ((last = x.frame), false));
// Paused, the clock holds for a second and a half of the wall clock: that
// something does not happen takes a span of time to see.
const held = s.frame, since = Date.now();
await until('a second and a half paused', 10, (x) => {
    if (x.frame !== held)
        fail(`paused, the page moved from frame ${held} to ${x.frame}`);
    return Date.now() - since >= 1500;
});
await tapButton('b-pause');
s = await until('playing again', 10, (x) => x['b-pause'] === 'Pause' && x.frame > held);
console.log(`Pause held frame ${held}; Resume moved it on to ${s.frame}`);
// Hold, on a roll or a hold: ten seconds more where the worklet has not
// played yet, and the same in the page's own copy of the session, whose
// total the clock shows.
const seconds = (clock) => clock.split(':').reduce((t, v) => 60 * t + Number(v), 0);
const total = (x) => seconds(x.clock.split(' / ')[1]);
s = await until('rolling or holding', 60, (x) => x.phase === 'ROLL' || x.phase === 'HOLD');
const was = total(s);
await tapButton('b-hold');
s = await until('held', 10, (x) => total(x) !== was);
if (total(s) - was !== 10)
    fail(`Hold took the session from ${was} s to ${total(s)} s, not 10 s more`);
console.log(`Hold on ${s.phase}: the session from ${was} s to ${total(s)} s`);
// Next leaves the left calf for what follows it: ahead by more than the
// wall clock could move it.
const before = s.frame, when = Date.now();
await tapButton('b-next');
s = await until('Next', 10, (x) => x.frame - before > 48 * (Date.now() - when) + 48000 * 5);
console.log(`Next: from frame ${before} to ${s.frame}: ${s.header}, ${s.name} ${s.side}, ${s.phase} ${s.count}`);

// The end: the end screen says what was done; Again plays the same
// session from its start (as asked, without the Hold); Quit stops it and
// says where.
s = await until('the end screen', 30, (x) => x['end-title'] === 'Well done');
console.log(`the end: ${s['end-title']}, ${s['end-what']}`);
await tapButton('again');
s = await until('again from the start', 20, (x) => x.header === 'Introduction' && x.frame > 0 &&
                                                   x.frame < 5 * rate);
if (total(s) !== was)
    fail(`Again plays a session of ${total(s)} s, not the ${was} s one asked for`);
console.log(`Again: from frame ${s.frame}, ${total(s)} s as asked`);
await tapButton('b-quit');
s = await until('stopped', 10, (x) => x['end-title'] === 'Stopped' && x['end-what'].startsWith('at '));
console.log(`Quit: ${s['end-title']} ${s['end-what']}`);
await shoot('web-end-portrait.png', 412, 915);
await send('Emulation.setDeviceMetricsOverride', { width: 412, height: 915, deviceScaleFactor: 1, mobile: true });


// The page's worklet in an OfflineAudioContext, as fast as it renders, on
// rollout's own cue PCM: the first minute, against rollout render.
const same = await page(`(async () => {
    const m = await import('./module.js');
    const module = await WebAssembly.compile(await (await fetch('rollout.wasm')).arrayBuffer());
    const names = (await (await fetch('routines/index.txt')).text()).trim().split('\\n');
    const routines = await Promise.all(names.map(async (name) => ({ path: m.utf8('routines/' + name),
        text: new Uint8Array(await (await fetch('routines/' + name)).arrayBuffer()) })));
    const list = (await (await fetch('test/cues.tsv')).text()).trim().split('\\n');
    const cues = await Promise.all(list.map(async (line) => {
        const [i, id, channels, frames] = line.split('\\t');
        const s16 = new Int16Array(await (await fetch('test/' + i + '.s16')).arrayBuffer());
        return { channels: +channels, frames: +frames, data: Float32Array.from(s16, (v) => v / 32768) };
    }));
    const rate = ${native.rate}, n = ${OFFLINE_SECONDS} * rate;
    const ctx = new OfflineAudioContext(2, n, rate);
    await ctx.audioWorklet.addModule('worklet.js');
    const node = new AudioWorkletNode(ctx, 'rollout', { numberOfInputs: 0, outputChannelCount: [2],
        processorOptions: { module, request: { routines, areas: m.utf8('calves'), minutes: 5 }, cues } });
    node.connect(ctx.destination);
    const t = performance.now();
    const out = await ctx.startRendering();
    const ms = performance.now() - t;
    const nat = new Float32Array(await (await fetch('test/native.raw')).arrayBuffer());
    const l = out.getChannelData(0), r = out.getChannelData(1);
    let sounding = 0;
    for (let i = 0; i < n; i++) {
        if (!Object.is(l[i], nat[2 * i]) || !Object.is(r[i], nat[2 * i + 1]))
            return 'differs at frame ' + i + ': rollout ' + nat[2 * i] + ' ' + nat[2 * i + 1] +
                   ', the page ' + l[i] + ' ' + r[i];
        sounding += (l[i] !== 0) + (r[i] !== 0);
    }
    return 'identical: ' + n + ' frames at ' + rate + ' Hz, ' + Math.round(50 * sounding / n) +
           '% of the samples sounding, rendered by the page in ' + Math.round(ms) + ' ms';
})()`);
if (!same?.startsWith('identical'))
    fail(`the page's worklet in Chromium does not render what rollout renders: ${same}`);
console.log(`in an OfflineAudioContext, in Chromium: ${same}`);

// Offline after the first visit: once its service worker has kept the
// page, the network goes (DevTools' offline, and the server stops
// answering), and the page loads again, composes and plays.
const kept = await page(`navigator.serviceWorker.ready.then(async () =>
    (await (await caches.open('rollout')).keys()).length)`);
offline = true;
await send('Network.enable');
await send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1,
                                                 uploadThroughput: -1 });
const t1 = Date.now();
await send('Page.reload');
await until('the page ready offline', 30, (x) => x.start === 'Start');
await tap(...calf);
await until('calves chosen offline', 10, (x) => x.chosen === 'Sore today: calves');
await tapButton('start');
s = await until('the session playing offline', 30, (x) => x.name === 'Calves' || (x.header === 'Introduction' && x.frame > 0));
console.log(`offline: ${kept} files kept; playing again ${Date.now() - t1} ms after reloading with no network`);

cleanup();
process.exit(0);
