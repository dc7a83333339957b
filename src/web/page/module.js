// SPDX-License-Identifier: MIT
// module.js — rollout.wasm from JavaScript, for the page, its AudioWorklet
// and the Node test alike: the WASI calls it imports, strings in and out of
// its memory, and a session loaded into it.
//
// The WASI answers are for a page, where there is no file, no environment
// and no process: the module reads none (it is handed its routine and
// cues), so every file call says there is no such file, and what it would
// write to stderr goes to the console.
const SUCCESS = 0, EBADF = 8, ENOENT = 44;

export function wasiImports(memory) {
    const view = () => new DataView(memory().buffer);
    let line = '';
    return {
        wasi_snapshot_preview1: {
            environ_sizes_get(count, size) {
                view().setUint32(count, 0, true);
                view().setUint32(size, 0, true);
                return SUCCESS;
            },
            environ_get: () => SUCCESS,
            fd_write(fd, iovs, n, written) {
                const v = view();
                let total = 0;
                for (let i = 0; i < n; i++) {
                    const p = v.getUint32(iovs + 8 * i, true), len = v.getUint32(iovs + 8 * i + 4, true);
                    line += new TextDecoder().decode(new Uint8Array(memory().buffer, p, len));
                    total += len;
                }
                for (let nl; (nl = line.indexOf('\n')) >= 0; line = line.slice(nl + 1))
                    console.log(`rollout.wasm (fd ${fd}): ${line.slice(0, nl)}`);
                v.setUint32(written, total, true);
                return SUCCESS;
            },
            fd_close: () => EBADF,
            fd_fdstat_get: () => EBADF,
            fd_filestat_get: () => EBADF,
            fd_prestat_get: () => EBADF, // no folder is opened for it
            fd_prestat_dir_name: () => EBADF,
            fd_read: () => EBADF,
            fd_seek: () => EBADF,
            path_filestat_get: () => ENOENT,
            path_open: () => ENOENT,
            proc_exit(code) {
                throw new Error(`rollout.wasm exited with ${code}`);
            },
        },
    };
}

// An instance of rollout.wasm (a WebAssembly.Module), made ready: a
// reactor's _initialize runs before any other call.
export function rolloutInstance(module) {
    let instance = null;
    instance = new WebAssembly.Instance(module, wasiImports(() => instance.exports.memory));
    instance.exports._initialize();
    return instance.exports;
}

// JavaScript strings in and out of the module's memory.
export function putString(web, s) {
    const b = new TextEncoder().encode(s + '\0');
    const p = web.web_alloc(b.length);
    new Uint8Array(web.memory.buffer).set(b, p);
    return p;
}

export function getString(web, p) {
    if (!p)
        return null;
    const m = new Uint8Array(web.memory.buffer);
    let end = p;
    while (m[end])
        end++;
    return new TextDecoder().decode(m.subarray(p, end));
}

// Parses a routine's text in the module; returns how many cues it speaks,
// or throws with its errors.
function parse(web, path, text) {
    const t = new TextEncoder().encode(text);
    const tp = web.web_alloc(t.length || 1), pp = putString(web, path);
    new Uint8Array(web.memory.buffer).set(t, tp);
    const n = web.web_parse(pp, tp, t.length);
    web.web_free(tp);
    web.web_free(pp);
    if (n < 0)
        throw new Error(`${path} does not parse: ${getString(web, web.web_errors())}`);
    return n;
}

// The ids of the routine's cues, in its order: what to fetch and decode.
export function cueIds(web, path, text) {
    const n = parse(web, path, text);
    return Array.from({ length: n }, (_, i) => getString(web, web.web_cue_id(i)));
}

// Parses a routine's text and hands over its cues: `cues[i]` is
// {channels, frames, data: Float32Array interleaved at the output rate}, or
// null for one that could not be had (silent, and taking no time). Then
// compiles at rate. Returns the session's length in frames; throws with
// the routine's errors.
export function loadSession(web, path, text, cues, rate) {
    const n = parse(web, path, text);
    for (let i = 0; i < n; i++) {
        const c = cues[i];
        if (!c)
            continue;
        const x = web.web_alloc(4 * c.data.length);
        new Float32Array(web.memory.buffer, x, c.data.length).set(c.data);
        const rc = web.web_cue_float(i, x, c.frames, c.channels);
        web.web_free(x);
        if (rc !== 0)
            throw new Error(`no room for cue ${getString(web, web.web_cue_id(i))}`);
    }
    const length = web.web_compile(rate, 1);
    if (length < 0)
        throw new Error(`${path} does not compile at ${rate} Hz`);
    return length;
}
