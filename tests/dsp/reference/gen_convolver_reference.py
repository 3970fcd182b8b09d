#!/usr/bin/python3
"""Writes the reference data that tst_convolver compares the Convolver with: scipy's fftconvolve
(an independent FFT convolution, in double precision) of a fixed stereo input with three IRs.

Run with Debian's python3 (scipy, numpy):  /usr/bin/python3 gen_convolver_reference.py
Outputs (beside this script):
  convolver_ir_mono.wav, convolver_ir_stereo.wav, convolver_ir_truestereo.wav
      32-bit float WAV IRs at 48 kHz, 1, 2 and 4 (LL, LR, RL, RR) channels, written by wav_float()
      below so the bytes depend on nothing but this script;
  convolver_reference.txt
      'input <channel> v...' then 'case <ir file> <output channel> v...', %.9g, the first
      len(input) samples of the full convolution (what a streaming convolver emits).
"""
import os
import struct
import numpy as np
import scipy
from scipy.signal import fftconvolve

HERE = os.path.dirname(os.path.abspath(__file__))
RATE = 48000
IR_LENGTH = 5000  # past the 64-tap head and through several zita-convolver partition sizes
INPUT_LENGTH = 6000


def wav_float(path, channels):
    """A canonical 32-bit float WAV (fmt chunk of 16 bytes, no other chunks)."""
    data = np.stack(channels, axis=1).astype('<f4')
    n, nch = data.shape
    payload = data.tobytes()
    fmt = struct.pack('<HHIIHH', 3, nch, RATE, RATE * nch * 4, nch * 4, 32)
    with open(path, 'wb') as f:
        f.write(b'RIFF' + struct.pack('<I', 4 + 8 + len(fmt) + 8 + len(payload)) + b'WAVE')
        f.write(b'fmt ' + struct.pack('<I', len(fmt)) + fmt)
        f.write(b'data' + struct.pack('<I', len(payload)) + payload)


def decaying_noise(rng, decay):
    t = np.arange(IR_LENGTH)
    return (rng.standard_normal(IR_LENGTH) * np.exp(-t / decay) * 0.2).astype(np.float32)


def main():
    rng = np.random.default_rng(14)
    x = (rng.uniform(-0.5, 0.5, (2, INPUT_LENGTH))).astype(np.float32)
    irs = {
        'convolver_ir_mono.wav': [decaying_noise(rng, 800.0)],
        'convolver_ir_stereo.wav': [decaying_noise(rng, 900.0), decaying_noise(rng, 1200.0)],
        'convolver_ir_truestereo.wav': [decaying_noise(rng, d) for d in (1000.0, 300.0, 400.0, 1100.0)],
    }
    lines = ['# scipy %s numpy %s: fftconvolve of float32 data in float64' % (scipy.__version__, np.__version__)]
    for c in range(2):
        lines.append('input %d ' % c + ' '.join('%.9g' % v for v in x[c]))
    for name, channels in irs.items():
        wav_float(os.path.join(HERE, name), channels)
        h = [ch.astype(np.float64) for ch in channels]
        xd = x.astype(np.float64)
        conv = lambda sig, ir: fftconvolve(sig, ir)[:INPUT_LENGTH]
        if len(h) == 1:
            outs = [conv(xd[0], h[0]), conv(xd[1], h[0])]
        elif len(h) == 2:
            outs = [conv(xd[0], h[0]), conv(xd[1], h[1])]
        else:  # LL, LR, RL, RR
            outs = [conv(xd[0], h[0]) + conv(xd[1], h[2]), conv(xd[0], h[1]) + conv(xd[1], h[3])]
        for c, y in enumerate(outs):
            lines.append('case %s %d ' % (name, c) + ' '.join('%.9g' % v for v in y))
    with open(os.path.join(HERE, 'convolver_reference.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
