#!/usr/bin/python3
"""Writes the scipy reference data that tst_filterdesign compares FXRack's designs with.

Run with Debian's python3 (scipy, numpy):  /usr/bin/python3 gen_filter_reference.py
Outputs (plain text, one record per line, whitespace-separated, %.17g):
  iir_reference.txt   butter/cheby1/cheby2/ellip, low and high, orders 1..10
  fir_reference.txt   firwin cases
"""
import os
import numpy as np
import scipy
from scipy import signal

HERE = os.path.dirname(os.path.abspath(__file__))
NUM_FREQS = 32
IMPULSE_LENGTH = 48
# (cutoff Hz, fs Hz): low, middle and high cutoffs at the common rates.
SETTINGS = [(80.0, 44100.0), (1000.0, 48000.0), (8000.0, 48000.0), (15000.0, 96000.0), (20000.0, 44100.0)]
RP, RS = 0.5, 45.0


def fmt(x):
    return '%.17g' % x


def freqs(fs, cutoff):
    f = list(np.geomspace(10.0, 0.499 * fs, NUM_FREQS - 1)) + [cutoff]
    return f


def iir():
    lines = ['# scipy %s numpy %s; rp=%g rs=%g where used' % (scipy.__version__, np.__version__, RP, RS)]
    for kind in ('butter', 'cheby1', 'cheby2', 'ellip'):
        for btype in ('lowpass', 'highpass'):
            for order in range(1, 11):
                for cutoff, fs in SETTINGS:
                    # cheby2 at low order needs a real stop band; vary rs a little to cover more.
                    rp = RP if kind in ('cheby1', 'ellip') else 0.0
                    rs = RS if kind in ('cheby2', 'ellip') else 0.0
                    if kind == 'butter':
                        sos = signal.butter(order, cutoff, btype, fs=fs, output='sos')
                    elif kind == 'cheby1':
                        sos = signal.cheby1(order, rp, cutoff, btype, fs=fs, output='sos')
                    elif kind == 'cheby2':
                        sos = signal.cheby2(order, rs, cutoff, btype, fs=fs, output='sos')
                    else:
                        sos = signal.ellip(order, rp, rs, cutoff, btype, fs=fs, output='sos')
                    f = freqs(fs, cutoff)
                    _, h = signal.sosfreqz(sos, worN=np.array(f), fs=fs)
                    x = np.zeros(IMPULSE_LENGTH)
                    x[0] = 1.0
                    y = signal.sosfilt(sos, x)
                    lines.append('case %s %s %d %s %s %s %s %d' % (kind, btype, order, fmt(cutoff), fmt(fs),
                                                                   fmt(rp), fmt(rs), sos.shape[0]))
                    for row in sos:
                        lines.append('sos ' + ' '.join(fmt(v) for v in row))
                    lines.append('resp %d' % len(f))
                    for fi, hi in zip(f, h):
                        lines.append('%s %s %s' % (fmt(fi), fmt(hi.real), fmt(hi.imag)))
                    lines.append('imp %d ' % len(y) + ' '.join(fmt(v) for v in y))
    with open(os.path.join(HERE, 'iir_reference.txt'), 'w') as out:
        out.write('\n'.join(lines) + '\n')


def fir():
    lines = ['# scipy %s numpy %s firwin cases' % (scipy.__version__, np.__version__)]
    cases = []
    for window in ('hamming', 'hann', 'blackman', 'boxcar', 'bartlett'):
        cases += [
            (101, 1000.0, 0.0, True, window, 48000.0),
            (101, 1000.0, 0.0, False, window, 48000.0),
            (64, 5000.0, 0.0, True, window, 44100.0),
            (51, 500.0, 3000.0, False, window, 48000.0),
            (51, 500.0, 3000.0, True, window, 48000.0),
            (31, 12000.0, 0.0, False, window, 96000.0),
            (1, 1000.0, 0.0, True, window, 48000.0),
        ]
    for taps, lo, hi, pass_zero, window, fs in cases:
        cutoff = [lo, hi] if hi > 0 else lo
        h = signal.firwin(taps, cutoff, window=window, pass_zero=pass_zero, fs=fs)
        lines.append('case %d %s %s %d %s %s %d' % (taps, fmt(lo), fmt(hi), 1 if pass_zero else 0, window,
                                                    fmt(fs), len(h)))
        lines.append('taps ' + ' '.join(fmt(v) for v in h))
    with open(os.path.join(HERE, 'fir_reference.txt'), 'w') as out:
        out.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    iir()
    fir()
