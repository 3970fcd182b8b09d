#include "dsp/design/FirDesign.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fxrack::dsp {
namespace {

constexpr double kPi = std::numbers::pi;

double sinc(double x) noexcept
{
    if (x == 0.0)
        return 1.0;
    const double y = kPi * x;
    return std::sin(y) / y;
}

// Symmetric windows as scipy.signal.get_window(window, n, fftbins=False).
double windowValue(FirWindow window, int i, int n) noexcept
{
    if (n == 1)
        return 1.0;
    // scipy's general_cosine evaluates on linspace(-pi, pi, n).
    const double fac = -kPi + 2.0 * kPi * i / (n - 1);
    switch (window) {
    case FirWindow::Hamming:
        return 0.54 + 0.46 * std::cos(fac);
    case FirWindow::Hann:
        return 0.5 + 0.5 * std::cos(fac);
    case FirWindow::Blackman:
        return 0.42 + 0.5 * std::cos(fac) + 0.08 * std::cos(2.0 * fac);
    case FirWindow::Boxcar:
        return 1.0;
    case FirWindow::Bartlett: {
        const double m = n - 1;
        return i <= m / 2.0 ? 2.0 * i / m : 2.0 - 2.0 * i / m;
    }
    }
    return 1.0;
}

} // namespace

std::string_view firwinProblem(int numTaps, double cutoffHz, double cutoffHighHz, bool passZero,
                               double sampleRate) noexcept
{
    const double nyquist = sampleRate / 2.0;
    if (numTaps < 1)
        return "needs at least one tap";
    if (cutoffHz <= 0.0 || cutoffHz >= nyquist)
        return "cutoff must be above 0 and below Nyquist";
    const bool band = cutoffHighHz > 0.0;
    if (band && cutoffHighHz >= nyquist)
        return "cutoff_high must be below Nyquist";
    if (band && cutoffHighHz <= cutoffHz)
        return "cutoff_high must be above cutoff";
    const bool passNyquist = (band ? false : true) != passZero;
    if (passNyquist && numTaps % 2 == 0)
        return "a filter that passes Nyquist needs an odd num_taps (an even count has a zero at Nyquist)";
    return {};
}

void firwinInto(std::span<double> taps, double cutoffHz, double cutoffHighHz, bool passZero, FirWindow window,
                double sampleRate) noexcept
{
    const int n = static_cast<int>(taps.size());
    if (n == 0)
        return;
    const double nyquist = sampleRate / 2.0;
    const bool band = cutoffHighHz > 0.0;
    // Edges in units of Nyquist, padded with 0 and/or 1 so that they pair into pass bands.
    double edges[4];
    int count = 0;
    if (passZero)
        edges[count++] = 0.0;
    edges[count++] = cutoffHz / nyquist;
    if (band)
        edges[count++] = cutoffHighHz / nyquist;
    const bool passNyquist = (band ? false : true) != passZero;
    if (passNyquist)
        edges[count++] = 1.0;

    const double alpha = 0.5 * (n - 1);
    for (int i = 0; i < n; ++i) {
        const double m = i - alpha;
        double h = 0.0;
        for (int b = 0; b + 1 < count; b += 2) {
            h += edges[b + 1] * sinc(edges[b + 1] * m);
            h -= edges[b] * sinc(edges[b] * m);
        }
        taps[static_cast<size_t>(i)] = h * windowValue(window, i, n);
    }
    // scipy scales the first pass band to unit gain at its centre (DC or Nyquist at the ends).
    const double left = edges[0];
    const double right = edges[1];
    const double scaleFrequency = left == 0.0 ? 0.0 : (right == 1.0 ? 1.0 : 0.5 * (left + right));
    double s = 0.0;
    for (int i = 0; i < n; ++i)
        s += taps[static_cast<size_t>(i)] * std::cos(kPi * (i - alpha) * scaleFrequency);
    if (s != 0.0)
        for (auto& t : taps)
            t /= s;
}

std::vector<double> firwin(int numTaps, double cutoffHz, double cutoffHighHz, bool passZero, FirWindow window,
                           double sampleRate)
{
    std::vector<double> taps(static_cast<size_t>(std::max(numTaps, 0)));
    firwinInto(taps, cutoffHz, cutoffHighHz, passZero, window, sampleRate);
    return taps;
}

} // namespace fxrack::dsp
