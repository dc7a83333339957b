// SPDX-License-Identifier: MIT
// browser.mjs WEB [SHOTS] — the page plays in a real browser: Chromium,
// headless, driven over the DevTools protocol on a pipe (no library, no
// socket). WEB (build/web) is served from localhost, a secure context, as
// an AudioWorklet needs. The page must load, start on a tap, play (its
// clock moving with the audio), go to the first step on Next, and hold
// still on Pause. Pictures of it in portrait and landscape go to SHOTS
// when named (docs/ keeps them).
//
// Waits for what the page shows, each with a deadline, never a fixed time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';

const [webDir, shots] = process.argv.slice(2);
const root = resolve(webDir);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
                '.flac': 'audio/flac', '.roll': 'text/plain; charset=utf-8', '.json': 'application/json' };

function fail(msg) {
    console.error(`FAIL: ${msg}`);
    cleanup();
    process.exit(1);
}

// Files under WEB only, as a static host serves them.
const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    let file = path.startsWith(root + '/') ? path : null;
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
                   !m.params.entry.url?.endsWith('/favicon.ico')) {
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
    return r.result.value;
}

// Until test() of what the page shows holds, looking every 50 ms; fails
// after `seconds`, saying what it waited for and what the page showed.
async function until(what, seconds, test) {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
        const shown = await page(`[...document.querySelectorAll('[id]')]
            .reduce((o, e) => (o[e.id] = e.textContent, o), {})`);
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

const seconds = (clock) => clock.split(' / ')[0].split(':').reduce((s, x) => 60 * s + Number(x), 0);

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
await page(`document.getElementById('start').click()`);
let s = await until('the session playing', 30, (x) => x.header === 'Introduction' && seconds(x.clock) >= 1);
const playing = Date.now() - t0;
console.log(`loaded in ${loaded} ms; playing (${s.clock}) ${playing} ms after opening the page`);

await page(`document.getElementById('b-next').click()`);
s = await until('the first step after Next', 10, (x) => /^Step 1 of \d+$/.test(x.header));
console.log(`Next: ${s.header}, ${s.name}, ${s.phase} ${s.count}`);
await shoot('web-portrait.png', 412, 915);
await shoot('web-landscape.png', 915, 412);
await send('Emulation.setDeviceMetricsOverride', { width: 412, height: 915, deviceScaleFactor: 1, mobile: true });

await page(`document.getElementById('b-pause').click()`);
s = await until('paused', 10, (x) => x['b-pause'] === 'Resume');
// Paused, the clock holds for a second and a half of the wall clock: that
// something does not happen takes a span of time to see.
const held = s.clock, since = Date.now();
await until('a second and a half paused', 10, (x) => {
    if (x.clock !== held)
        fail(`paused, the clock moved from ${held} to ${x.clock}`);
    return Date.now() - since >= 1500;
});
await page(`document.getElementById('b-pause').click()`);
s = await until('playing again', 10, (x) => x['b-pause'] === 'Pause' && seconds(x.clock) > seconds(held));
console.log(`Pause held the clock at ${held}; Resume moved it on to ${s.clock}`);
cleanup();
process.exit(0);
