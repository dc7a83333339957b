// SPDX-License-Identifier: MIT
// icon.mjs WEB SIZE... — the page's icon, drawn at build time by Node from
// the body map rollout.wasm holds (bodymap.c, as the window draws it): the
// front and the back on rollout's ground, the calves lit in rollout's
// amber. Writes WEB/icon-SIZE.png for each size, within the middle four
// fifths, so a home screen may cut it to a circle ("maskable").
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const [web, ...sizes] = process.argv.slice(2);
const { getString, rolloutInstance } = await import(pathToFileURL(`${web}/module.js`));
const rollout = rolloutInstance(await WebAssembly.compile(readFileSync(`${web}/rollout.wasm`)));
const map = JSON.parse(getString(rollout, rollout.web_bodymap()));

const GROUND = [0x11, 0x16, 0x1b], FIGURE = [0x3a, 0x46, 0x51], LIT = [0xff, 0xb0, 0x00];
const SUB = 4; // samples a pixel each way: the edges smoothed

// Fills the triangles of xy (figure units) on a coverage grid of n × n
// samples, with the view's figure placed at left and scaled by k.
function fill(grid, n, xy, left, top, k, value) {
    for (let t = 0; t + 5 < xy.length; t += 6) {
        const p = [0, 2, 4].map((i) => [left + (xy[t + i] + map.half_width) * k, top + xy[t + i + 1] * k]);
        const area = (p[1][0] - p[0][0]) * (p[2][1] - p[0][1]) - (p[2][0] - p[0][0]) * (p[1][1] - p[0][1]);
        if (area === 0)
            continue;
        const x0 = Math.max(0, Math.floor(Math.min(p[0][0], p[1][0], p[2][0])));
        const x1 = Math.min(n - 1, Math.ceil(Math.max(p[0][0], p[1][0], p[2][0])));
        const y0 = Math.max(0, Math.floor(Math.min(p[0][1], p[1][1], p[2][1])));
        const y1 = Math.min(n - 1, Math.ceil(Math.max(p[0][1], p[1][1], p[2][1])));
        for (let y = y0; y <= y1; y++)
            for (let x = x0; x <= x1; x++) {
                const inside = [0, 1, 2].every((i) => {
                    const a = p[i], b = p[(i + 1) % 3];
                    return Math.sign(area) * ((b[0] - a[0]) * (y + 0.5 - a[1]) - (b[1] - a[1]) * (x + 0.5 - a[0])) >= 0;
                });
                if (inside)
                    grid[y * n + x] = value;
            }
    }
}

// A PNG of w × h RGB pixels: the signature, IHDR, one IDAT, IEND.
function png(w, h, rgb) {
    const crcTable = Array.from({ length: 256 }, (_, c) => {
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
    });
    const crc = (buf) => {
        let c = 0xffffffff;
        for (const b of buf)
            c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
        return (c ^ 0xffffffff) >>> 0;
    };
    const chunk = (type, data) => {
        const out = Buffer.alloc(12 + data.length);
        out.writeUInt32BE(data.length, 0);
        out.write(type, 4, 'latin1');
        data.copy(out, 8);
        out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
        return out;
    };
    const head = Buffer.alloc(13);
    head.writeUInt32BE(w, 0);
    head.writeUInt32BE(h, 4);
    head.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
    const rows = Buffer.alloc(h * (1 + 3 * w));
    for (let y = 0; y < h; y++)
        rgb.copy(rows, y * (1 + 3 * w) + 1, y * 3 * w, (y + 1) * 3 * w); // filter 0: none
    return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', head),
                          chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const calf = map.areas.findIndex((a) => a.key === 'calf');
for (const size of sizes.map(Number)) {
    const n = size * SUB;
    const grid = new Uint8Array(n * n); // 0 ground, 1 figure, 2 lit
    // Two figures, each half a body wide and a body tall, in the middle
    // four fifths.
    const k = 0.8 * n, w = 2 * map.half_width * k, gap = (0.8 * n - 2 * w) / 3;
    ['front', 'back'].forEach((view, i) => {
        const left = 0.1 * n + gap + i * (w + gap);
        fill(grid, n, map.figure[view], left, 0.1 * n, k, 1);
        fill(grid, n, map.areas[calf][view].both, left, 0.1 * n, k, 2);
    });
    const rgb = Buffer.alloc(3 * size * size);
    const colours = [GROUND, FIGURE, LIT];
    for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++)
            for (let c = 0; c < 3; c++) {
                let sum = 0;
                for (let sy = 0; sy < SUB; sy++)
                    for (let sx = 0; sx < SUB; sx++)
                        sum += colours[grid[(y * SUB + sy) * n + x * SUB + sx]][c];
                rgb[3 * (y * size + x) + c] = Math.round(sum / (SUB * SUB));
            }
    writeFileSync(`${web}/icon-${size}.png`, png(size, size, rgb));
}
