#!/usr/bin/python3
"""Generates FXRack's factory impulse responses from physical and statistical models, so the
project owns every sample of them (no recorded or downloaded IRs).

    /usr/bin/python3 gen_factory_irs.py [OUTPUT_DIR]     (default: beside this script)

Deterministic: fixed seeds, double-precision maths, written as 24-bit PCM WAV by wav24() below
(canonical 44-byte header), so CI reruns this script and compares the files byte for byte
(tests/packaging, packaging/factory_irs).

The models (48 kHz):
  cab_1x12.wav  open-back 1x12 combo: a 2nd-order high-pass at the cabinet resonance (110 Hz,
                Q 1.2: an open back couples the cone loosely), a presence peak of the cone's
                first break-up (2.4 kHz, +5 dB), a notch from the rear wave (1.4 kHz), and the
                cone's roll-off, 4th order at 5.5 kHz. Mono, 60 ms.
  cab_4x12.wav  closed-back 4x12: a tighter, lower resonance (85 Hz, Q 1.8, the sealed box's air
                spring), a low-mid bump of four cones (300 Hz, +3 dB), break-up peak 2.0 kHz
                (+6 dB), a notch at 3.3 kHz (cones out of phase across the baffle), roll-off
                4th order at 4.5 kHz. Mono, 60 ms.
  room_small.wav  4 x 3.5 x 2.7 m room: image-source early reflections up to order 3 (walls
                absorbing 30 %, 1/r spreading, 343 m/s) for a source and two ears 17 cm apart,
                then a late tail of Gaussian noise decaying per octave band with Sabine's RT60
                (0.45 s at 500 Hz, shorter in the highs from air and furnishings). Stereo, 0.8 s.
  hall.wav      a concert hall: sparse early reflections (Poisson arrivals thickening as t^2, as
                the image-source count grows), 22 ms pre-delay, a late tail with RT60 2.2 s at
                500 Hz, longer in the bass (2.6 s) and shorter in the treble (1.2 s at 8 kHz).
                Stereo (decorrelated tails), 3.5 s.
  plate.wav     a steel plate reverb: dense from the first millisecond (flexural waves are
                dispersive, so echo density is high at once), no early reflections, RT60 2.0 s
                nearly flat across the band with a gentle high-frequency damping (1.6 s at
                8 kHz), a bright onset. Stereo, 3 s.
Every IR is normalised to a peak of 0.5 (-6 dBFS) and ends with a 10 ms fade.
"""
import os
import struct
import sys

import numpy as np
from scipy.signal import lfilter

RATE = 48000
OCTAVES = [63.0, 125.0, 250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0, 16000.0]


def wav24(path, channels):
    """A canonical 24-bit PCM WAV: RIFF, a 16-byte fmt chunk, data; little-endian, interleaved."""
    data = np.stack(channels, axis=1)
    ints = np.clip(np.round(data * 8388607.0), -8388608, 8388607).astype('<i4')
    frames, nch = ints.shape
    raw = ints.reshape(-1).view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    fmt = struct.pack('<HHIIHH', 1, nch, RATE, RATE * nch * 3, nch * 3, 24)
    with open(path, 'wb') as f:
        f.write(b'RIFF' + struct.pack('<I', 4 + 8 + len(fmt) + 8 + len(raw)) + b'WAVE')
        f.write(b'fmt ' + struct.pack('<I', len(fmt)) + fmt)
        f.write(b'data' + struct.pack('<I', len(raw)) + raw)


# RBJ audio-EQ-cookbook biquads (b, a), normalised.
def biquad(kind, f0, q, gain_db=0.0):
    w = 2.0 * np.pi * f0 / RATE
    cw, sw = np.cos(w), np.sin(w)
    alpha = sw / (2.0 * q)
    amp = 10.0 ** (gain_db / 40.0)
    if kind == 'lowpass':
        b = [(1 - cw) / 2, 1 - cw, (1 - cw) / 2]
        a = [1 + alpha, -2 * cw, 1 - alpha]
    elif kind == 'highpass':
        b = [(1 + cw) / 2, -(1 + cw), (1 + cw) / 2]
        a = [1 + alpha, -2 * cw, 1 - alpha]
    elif kind == 'peak':
        b = [1 + alpha * amp, -2 * cw, 1 - alpha * amp]
        a = [1 + alpha / amp, -2 * cw, 1 - alpha / amp]
    elif kind == 'notch':
        b = [1, -2 * cw, 1]
        a = [1 + alpha, -2 * cw, 1 - alpha]
    elif kind == 'bandpass':
        b = [alpha, 0.0, -alpha]
        a = [1 + alpha, -2 * cw, 1 - alpha]
    else:
        raise ValueError(kind)
    return np.array(b) / a[0], np.array(a) / a[0]


def cascade(x, sections):
    for b, a in sections:
        x = lfilter(b, a, x)
    return x


def finish(channels, seconds):
    n = int(round(seconds * RATE))
    out = [np.asarray(c[:n], dtype=np.float64) for c in channels]
    fade = int(0.010 * RATE)
    ramp = 0.5 * (1.0 + np.cos(np.pi * (np.arange(fade) + 1.0) / (fade + 1.0)))
    for c in out:
        c[-fade:] *= ramp
    peak = max(np.max(np.abs(c)) for c in out)
    return [c * (0.5 / peak) for c in out]


def cabinet(resonance, res_q, bumps, notches, rolloff):
    n = int(0.060 * RATE)
    x = np.zeros(n)
    x[0] = 1.0
    sections = [biquad('highpass', resonance, res_q)]
    sections += [biquad('peak', f, q, g) for f, q, g in bumps]
    sections += [biquad('notch', f, q) for f, q in notches]
    # Two Butterworth-Q sections: a 4th-order roll-off.
    sections += [biquad('lowpass', rolloff, 0.5412), biquad('lowpass', rolloff, 1.3066)]
    return finish([cascade(x, sections)], 0.060)


def late_tail(rng, n, rt60_of_band, start):
    """Gaussian noise per octave band, each decaying by 60 dB over its RT60, from sample `start`."""
    t = np.arange(n) / RATE
    out = np.zeros(n)
    noise = rng.standard_normal(n)
    for f in OCTAVES:
        if f >= RATE / 2.2:
            continue
        band = cascade(noise, [biquad('bandpass', f, 1.41)])
        envelope = np.exp(-6.907755 * np.maximum(t - start / RATE, 0.0) / rt60_of_band(f))
        out += band * envelope
    out[:start] *= np.linspace(0.0, 1.0, start) ** 2 if start > 0 else 1.0
    return out


def rt60_curve(low, mid, high):
    """RT60 per band: `low` at 63 Hz, `mid` at 500 Hz, `high` at 8 kHz, log-interpolated."""
    def rt(f):
        p = np.log2(f / 500.0)
        if p < 0:
            return mid + (low - mid) * min(-p / 3.0, 1.0)
        return mid + (high - mid) * min(p / 4.0, 1.0)
    return rt


def small_room():
    rng = np.random.default_rng(20261)
    seconds = 0.8
    n = int(seconds * RATE)
    size = np.array([4.0, 3.5, 2.7])
    source = np.array([1.2, 2.2, 1.5])
    ears = [np.array([2.9, 1.3, 1.5]) + np.array([d, 0.0, 0.0]) for d in (-0.085, 0.085)]
    reflect = np.sqrt(1.0 - 0.30)  # pressure reflection of a wall absorbing 30 % of the energy
    rt = rt60_curve(0.55, 0.45, 0.30)
    channels = []
    for ear in ears:
        early = np.zeros(n)
        for nx in range(-3, 4):
            for ny in range(-3, 4):
                for nz in range(-3, 4):
                    order = abs(nx) + abs(ny) + abs(nz)
                    if order > 3:
                        continue
                    image = np.empty(3)
                    for axis, m in enumerate((nx, ny, nz)):
                        s = source[axis] if m % 2 == 0 else size[axis] - source[axis]
                        image[axis] = m * size[axis] + s
                    r = float(np.sqrt(np.sum((image - ear) ** 2)))
                    k = int(round(r / 343.0 * RATE))
                    if k < n:
                        early[k] += reflect ** order / max(r, 0.1)
        direct = int(round(float(np.sqrt(np.sum((source - ear) ** 2))) / 343.0 * RATE))
        tail = late_tail(rng, n, rt, direct + int(0.012 * RATE)) * 0.04
        channels.append(early + tail)
    return finish(channels, seconds)


def hall():
    rng = np.random.default_rng(20262)
    seconds = 3.5
    n = int(seconds * RATE)
    predelay = int(0.022 * RATE)
    rt = rt60_curve(2.6, 2.2, 1.2)
    channels = []
    for _ in range(2):
        x = np.zeros(n)
        x[0] = 1.0
        # Early reflections: Poisson arrivals whose rate grows as t^2 (image sources in a sphere).
        t = predelay
        while t < int(0.100 * RATE):
            rate_per_s = 4.0e4 * (t / RATE) ** 2 + 200.0
            t += max(1, int(rng.exponential(RATE / rate_per_s)))
            if t < n:
                x[t] += rng.choice([-1.0, 1.0]) * 0.6 * np.exp(-6.907755 * (t / RATE) / 2.2)
        x += late_tail(rng, n, rt, predelay + int(0.030 * RATE)) * 0.12
        channels.append(x)
    return finish(channels, seconds)


def plate():
    rng = np.random.default_rng(20263)
    seconds = 3.0
    n = int(seconds * RATE)
    rt = rt60_curve(2.1, 2.0, 1.6)
    channels = []
    for _ in range(2):
        tail = late_tail(rng, n, rt, int(0.001 * RATE))
        # A bright onset: the plate's dispersion sends the highs out first.
        channels.append(cascade(tail, [biquad('peak', 6000.0, 0.7, 3.0)]))
    return finish(channels, seconds)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    irs = {
        'cab_1x12.wav': cabinet(110.0, 1.2, [(2400.0, 1.5, 5.0)], [(1400.0, 4.0)], 5500.0),
        'cab_4x12.wav': cabinet(85.0, 1.8, [(300.0, 1.0, 3.0), (2000.0, 1.5, 6.0)], [(3300.0, 3.0)], 4500.0),
        'room_small.wav': small_room(),
        'hall.wav': hall(),
        'plate.wav': plate(),
    }
    for name, channels in irs.items():
        wav24(os.path.join(out, name), channels)


if __name__ == '__main__':
    main()
