// SPDX-License-Identifier: MIT
// module.js — rollout.wasm from JavaScript, for the page, its AudioWorklet
// and the Node test alike: the WASI calls it imports, strings in and out of
// its memory, and a session loaded into it.
//
// Text crosses as UTF-8 bytes (utf8): an AudioWorklet's scope has no
// TextEncoder or TextDecoder, so the page encodes what its worklet is
// handed.
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
                    line += String.fromCharCode(...new Uint8Array(memory().buffer, p, len));
                    total += len;
                }
                for (let nl; (nl = line.indexOf('\n')) >= 0; line = line.slice(nl + 1))
                    console.log(`rollout.wasm (fd ${fd}): ${line.slice(0, nl)}`);
                v.setUint32(written, total, true);
                return SUCCESS;
            },
            // The control's clock, for telling one press from its echo.
            clock_time_get(id, precision, time) {
                view().setBigUint64(time, BigInt(Date.now()) * 1000000n, true);
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

// A JavaScript string as the UTF-8 bytes the module takes.
export function utf8(s) {
    return new TextEncoder().encode(s);
}

// Bytes into the module's memory, with a NUL after them; free it with
// web_free.
function put(web, bytes) {
    const p = web.web_alloc(bytes.length + 1);
    const m = new Uint8Array(web.memory.buffer);
    m.set(bytes, p);
    m[p + bytes.length] = 0;
    return p;
}

// A string the module made (UTF-8, ending in a NUL), or null.
export function getString(web, p) {
    if (!p)
        return null;
    const m = new Uint8Array(web.memory.buffer);
    let end = p;
    while (m[end])
        end++;
    return new TextDecoder().decode(m.subarray(p, end));
}

// A session asked of the module, as rollout's struct request asks: a
// routine ({path, text}), or one composed for sore areas ({routines:
// [{path, text}], the default first; areas: "calves,hamstrings"; minutes}).
// Strings as UTF-8 bytes.
//
// Opens it: parses or composes it; returns how many cues it speaks, or
// throws with why. An instance is handed its routines to compose from once.
const handed = new WeakSet();
function open(web, req) {
    let n;
    if (req.routines) {
        if (!handed.has(web)) {
            for (const r of req.routines) {
                const pp = put(web, r.path), tp = put(web, r.text);
                web.web_routine(pp, tp, r.text.length);
                web.web_free(tp);
                web.web_free(pp);
            }
            handed.add(web);
        }
        const ap = put(web, req.areas);
        n = web.web_compose(ap, req.minutes);
        web.web_free(ap);
    } else {
        const pp = put(web, req.path), tp = put(web, req.text);
        n = web.web_parse(pp, tp, req.text.length);
        web.web_free(tp);
        web.web_free(pp);
    }
    if (n < 0) {
        const why = typeof TextDecoder === 'function' ? `: ${getString(web, web.web_errors())}` : '';
        throw new Error(`the session cannot be made${why}`);
    }
    return n;
}

// The ids of the session's cues, in its order: what to fetch and decode.
export function cueIds(web, req) {
    const n = open(web, req);
    return Array.from({ length: n }, (_, i) => getString(web, web.web_cue_id(i)));
}

// Opens the session req asks for and hands over its cues: `cues[i]` is
// {channels, frames, data: Float32Array interleaved at the output rate}, or
// null for one that could not be had (silent, and taking no time). Then
// compiles at rate. Returns the session's length in frames; throws with
// why it cannot be made.
export function loadSession(web, req, cues, rate) {
    const n = open(web, req);
    for (let i = 0; i < n; i++) {
        const c = cues[i];
        if (!c)
            continue;
        const x = web.web_alloc(4 * c.data.length);
        new Float32Array(web.memory.buffer, x, c.data.length).set(c.data);
        const rc = web.web_cue_float(i, x, c.frames, c.channels);
        web.web_free(x);
        if (rc !== 0)
            throw new Error(`no room for cue ${i}`);
    }
    const length = web.web_compile(rate, 1);
    if (length < 0)
        throw new Error(`the session does not compile at ${rate} Hz`);
    return length;
}
