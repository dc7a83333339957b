// SPDX-License-Identifier: MIT
// worklet.js — the page's audio thread: an AudioWorkletProcessor that pulls
// rollout's engine for every block the browser asks for, as SDL's callback
// pulls it in the program. It computes and copies: the session is loaded
// before the first block, and once it plays nothing is made here but the
// few position messages.
//
// From the page (processorOptions): the compiled module, the session's
// request (module.js: a routine, or one composed for sore areas; its
// strings as UTF-8 bytes, as this scope has no TextEncoder), its cues
// decoded at the context's rate (module.js, loadSession). Through the port:
// in, what a person asked for ({act, from}: an action of the action table
// and where it came from), done by the control in this instance, which
// owns the engine, as control_act does it in the program; out, every few
// blocks, the frame the engine renders next, the context's frame it was
// at, whether the session is over, its length (a Hold adds to it), and the
// control's state (web_controls: paused, click off, quit) ({pos, at,
// ended, length, controls}); and after a Hold, where it went in ({held}).
import { loadSession, rolloutInstance } from './module.js';

const BLOCK = 128; // an AudioWorklet's render quantum
const REPORT_BLOCKS = 8; // about every 20 ms at 48 kHz

class RolloutProcessor extends AudioWorkletProcessor {
    constructor(options) {
        super();
        const o = options.processorOptions;
        this.web = rolloutInstance(o.module);
        this.length = loadSession(this.web, o.request, o.cues, sampleRate);
        this.out = this.web.web_alloc(2 * BLOCK * 4);
        this.mix = new Float32Array(this.web.memory.buffer, this.out, 2 * BLOCK);
        this.blocks = 0;
        this.ended = false;
        this.port.onmessage = (e) => {
            const done = this.web.web_act(e.data.act, e.data.from) === 0;
            // A Hold made a new timeline here: where it put its ten seconds
            // in, for the page's own copy of the session (web_hold_at).
            if (done && e.data.hold)
                this.port.postMessage({ held: this.web.web_held_at() });
            this.report(); // the button's new label at once
        };
    }

    // at: the context's frame the engine's position stands for.
    report(at = currentFrame) {
        this.port.postMessage({ pos: this.web.web_position(), at, ended: this.ended,
                                length: this.web.web_length(), controls: this.web.web_controls() });
    }

    process(inputs, outputs) {
        const [left, right] = outputs[0]; // two channels: the page asks for them
        const n = Math.min(left.length, BLOCK); // 128 in every browser today
        const played = this.web.web_render(this.out, n);
        for (let i = 0; i < n; i++) {
            left[i] = this.mix[2 * i];
            right[i] = this.mix[2 * i + 1];
        }
        if (played < n)
            this.ended = true;
        if (++this.blocks % REPORT_BLOCKS === 0 || this.ended)
            this.report(currentFrame + n);
        return true;
    }
}

registerProcessor('rollout', RolloutProcessor);
