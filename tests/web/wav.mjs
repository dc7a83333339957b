// SPDX-License-Identifier: MIT
// wav.mjs — the samples of a float WAV as `rollout render --bits 32` writes
// it: where its 'data' chunk is, found by walking the chunks, its rate,
// and its length in stereo frames. Throws for anything else.
import { openSync, readSync } from 'node:fs';

export function floatWav(path) {
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(4096);
    readSync(fd, head, 0, head.length, 0);
    if (head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE')
        throw new Error(`${path} is not a WAV file`);
    let at = 12, rate = 0, channels = 0, bits = 0;
    while (at + 8 <= head.length) {
        const id = head.toString('latin1', at, at + 4), size = head.readUInt32LE(at + 4);
        if (id === 'fmt ') {
            channels = head.readUInt16LE(at + 10);
            rate = head.readUInt32LE(at + 12);
            bits = head.readUInt16LE(at + 22);
        } else if (id === 'data') {
            if (channels !== 2 || bits !== 32)
                break;
            return { fd, data: at + 8, frames: size / 8, rate };
        }
        at += 8 + size + (size & 1);
    }
    throw new Error(`${path}: not stereo 32-bit float samples with a data chunk`);
}
