#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace fxrack::dsp {

enum class FirWindow { Hamming, Hann, Blackman, Boxcar, Bartlett };

// Index order of the DesignableFIR `window` choice.
inline constexpr std::string_view kFirWindowNames[] = {"hamming", "hann", "blackman", "boxcar", "bartlett"};

// Why firwin() cannot design these taps, or empty when it can (mirrors scipy's checks).
std::string_view firwinProblem(int numTaps, double cutoffHz, double cutoffHighHz, bool passZero,
                               double sampleRate) noexcept;

// scipy.signal.firwin(numTaps, cutoff, window=window, pass_zero=passZero, scale=True, fs=fs),
// written into `taps` (numTaps long) without allocating. cutoffHighHz <= 0 means a single cutoff;
// otherwise [cutoffHz, cutoffHighHz] is a band (pass band, or stop band with passZero).
void firwinInto(std::span<double> taps, double cutoffHz, double cutoffHighHz, bool passZero, FirWindow window,
                double sampleRate) noexcept;
std::vector<double> firwin(int numTaps, double cutoffHz, double cutoffHighHz, bool passZero, FirWindow window,
                           double sampleRate);

} // namespace fxrack::dsp
