#!/usr/bin/python3
"""Writes the reference outputs that tst_modulation compares FXRack's Chorus and Flanger with.

Run with Debian's python3 (numpy):  /usr/bin/python3 gen_modulation_reference.py
Written from the effects' documented formula (src/dsp/effects/Modulation.h), in float64, one
sample at a time, not from the C++ code:
  lfo_c[n]   = 0.5 - 0.5 cos(2 pi (phase[n] + c / 4))      phase[0] = 0, phase += rate / fs, wrapped
  delay_c[n] = (base_ms + depth_ms * lfo_c[n]) * fs / 1000 samples
  wet_c[n]   = line_c read delay_c[n] samples back with 4-point Catmull-Rom (cubic Hermite)
               interpolation between line_c[n - k] and line_c[n - k - 1], k = floor(delay)
  line_c[n]  = x_c[n] + feedback * wet_c[n]                (the chorus has no feedback)
  y_c[n]     = x_c[n] + mix * (wet_c[n] - x_c[n])
with base_ms 8 (Chorus) and 0.1 (Flanger), and line_c[m] = 0 before the first sample.
The input is an integer LCG, interleaved, scaled to [-0.5, 0.5) with 24 bits, so it is exactly
the same float32 signal in C++.

Output modulation_reference.txt, one record per line, whitespace-separated:
  case <effect> <rate_hz> <depth_ms> <feedback> <mix> <channels> <frames> <fs> <stride>
  <frame> <y_0> ... <y_{channels-1}>     every <stride>-th frame
"""
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FS = 48000.0
CHANNELS = 3
FRAMES = 9600
STRIDE = 8
# (effect, base_ms, rate_hz, depth_ms, feedback, mix): a whole LFO cycle or more in 0.2 s.
CASES = [
    ('Chorus', 8.0, 5.0, 5.0, 0.0, 0.6),
    ('Chorus', 8.0, 11.0, 20.0, 0.0, 1.0),
    ('Flanger', 0.1, 6.0, 3.0, 0.6, 0.7),
    ('Flanger', 0.1, 9.0, 10.0, -0.9, 1.0),
]


def lcg_input(channels, frames, seed=12345):
    state = seed
    x = np.empty((channels, frames))
    for n in range(frames):
        for c in range(channels):
            state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
            x[c, n] = (state >> 8) / 16777216.0 - 0.5
    return x


def catmull_rom(p_newer, p0, p1, p_older, f):
    # The cubic through p0 (f = 0) and p1 (f = 1) with slopes (p1 - p_newer) / 2 and (p_older - p0) / 2.
    return 0.5 * (2.0 * p0 + (p1 - p_newer) * f + (2.0 * p_newer - 5.0 * p0 + 4.0 * p1 - p_older) * f * f +
                  (-p_newer + 3.0 * p0 - 3.0 * p1 + p_older) * f * f * f)


def modulated_delay(x, base_ms, rate, depth_ms, feedback, mix):
    channels, frames = x.shape
    line = np.zeros((channels, frames))
    y = np.zeros((channels, frames))
    phase = 0.0
    for n in range(frames):
        for c in range(channels):
            lfo = 0.5 - 0.5 * math.cos(2.0 * math.pi * (phase + 0.25 * c))
            delay = (base_ms + depth_ms * lfo) * FS / 1000.0
            k = int(math.floor(delay))
            f = delay - k

            def back(m):
                return line[c, n - m] if n - m >= 0 else 0.0

            wet = catmull_rom(back(k - 1), back(k), back(k + 1), back(k + 2), f)
            line[c, n] = x[c, n] + feedback * wet
            y[c, n] = x[c, n] + mix * (wet - x[c, n])
        phase += rate / FS
        if phase >= 1.0:
            phase -= 1.0
    return y


def main():
    x = lcg_input(CHANNELS, FRAMES)
    lines = ['# numpy %s; input: LCG (1664525, 1013904223), seed 12345, interleaved, (s >> 8) / 2^24 - 0.5'
             % np.__version__]
    for effect, base_ms, rate, depth, feedback, mix in CASES:
        y = modulated_delay(x, base_ms, rate, depth, feedback, mix)
        lines.append('case %s %.17g %.17g %.17g %.17g %d %d %.17g %d' %
                     (effect, rate, depth, feedback, mix, CHANNELS, FRAMES, FS, STRIDE))
        for n in range(0, FRAMES, STRIDE):
            lines.append('%d %s' % (n, ' '.join('%.9g' % y[c, n] for c in range(CHANNELS))))
    with open(os.path.join(HERE, 'modulation_reference.txt'), 'w') as out:
        out.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
