// SosFilter against a plain reference: scipy's sosfilt recursion (transposed direct form II,
// y = b0 u + s1, s1 = b1 u + s2 - a1 y, s2 = b2 u - a2 y) in long double. The kernel computes
// the same states with y folded out of the update; on designs whose poles crowd z = 1 (a 10 Hz
// high-pass at 96 kHz, a sharp low elliptic, a narrow 20 Hz notch) that rewrite must not cost
// accuracy: every output sample must be within 0.75 ulp of the reference, which is the float
// rounding (half an ulp) plus room for the double recursion's own error (about 1e-11 here, a
// thousandth of that room; 1e-13 added to one coefficient already misses by 40 half-ulps).
// Both kernels are held to it: the portable SSE2 loop and the FMA one (SosFilter::Kernel), which
// fuses the recursion's multiply-adds and so rounds differently; 0.75 ulp of float is 4.5e-8
// relative, far inside the 1e-6 relative that issue 14 allows a rewrite.
#include "common/Signals.h"
#include "dsp/design/IirDesign.h"
#include "dsp/design/Rbj.h"
#include "dsp/design/SosFilter.h"

#include <QTest>
#include <cmath>
#include <vector>

using namespace fxrack;
using namespace fxrack::dsp;

namespace {

// The largest amount by which `got` misses the long double reference, in units of the float
// rounding of that reference (1.0 = half an ulp, what rounding a perfect result to float gives).
double worstErrorInHalfUlps(const SosCascade& cascade, const AudioBuffer& input, const AudioBuffer& got)
{
    double worst = 0.0;
    for (int c = 0; c < input.numChannels(); ++c) {
        std::vector<long double> s1(static_cast<size_t>(cascade.count)), s2(s1);
        for (int i = 0; i < input.numFrames(); ++i) {
            long double u = input.channel(c)[i];
            for (int k = 0; k < cascade.count; ++k) {
                const Biquad& q = cascade[k];
                const auto at = static_cast<size_t>(k);
                const long double y = q.b0 * u + s1[at];
                s1[at] = (q.b1 * u + s2[at]) - q.a1 * y;
                s2[at] = q.b2 * u - q.a2 * y;
                u = y;
            }
            const double reference = static_cast<double>(u);
            const double halfUlp = std::ldexp(std::abs(reference), -24) + 1e-10;
            worst = std::max(worst, std::abs(got.channel(c)[i] - reference) / halfUlp);
        }
    }
    return worst;
}

} // namespace

Q_DECLARE_METATYPE(fxrack::dsp::SosCascade)
Q_DECLARE_METATYPE(fxrack::dsp::SosFilter::Kernel)

class TestSosFilter : public QObject {
    Q_OBJECT

private slots:
    void hardDesignsMatchALongDoubleReference_data()
    {
        const double rate = 96000.0;
        QTest::addColumn<SosCascade>("cascade");
        QTest::addColumn<int>("channels");
        QTest::addColumn<SosFilter::Kernel>("kernel");
        SosCascade notch;
        notch.push(rbj::notch(20.0, 30.0, rate));
        SosCascade peaking;
        peaking.push(rbj::peaking(30.0, 20.0, 12.0, rate));
        SosCascade shelf; // one section, as the EQs the FMA kernel speeds up most
        shelf.push(rbj::lowShelf(40.0, 0.707, -18.0, rate));
        for (auto kernel : {SosFilter::Kernel::Portable, SosFilter::Kernel::Fma}) {
            const char* k = kernel == SosFilter::Kernel::Fma ? "fma" : "portable";
            for (int channels : {1, 2, 3}) {
                QTest::addRow("%s: HiButterworth(10, order=8), %d ch", k, channels)
                    << butterworth(8, 10.0, PassType::HighPass, rate) << channels << kernel;
                QTest::addRow("%s: LoElliptic(50, order=8, 0.1 dB, 80 dB), %d ch", k, channels)
                    << elliptic(8, 0.1, 80.0, 50.0, PassType::LowPass, rate) << channels << kernel;
                QTest::addRow("%s: Notch(20, q=30), %d ch", k, channels) << notch << channels << kernel;
                QTest::addRow("%s: Peaking(30, q=20, +12 dB), %d ch", k, channels)
                    << peaking << channels << kernel;
                QTest::addRow("%s: LoShelving(40, -18 dB), %d ch", k, channels)
                    << shelf << channels << kernel;
                QTest::addRow("%s: LoChebyshev1(20, order=16, 1 dB), %d ch", k, channels)
                    << chebyshev1(16, 1.0, 20.0, PassType::LowPass, rate) << channels << kernel;
            }
        }
    }
    void hardDesignsMatchALongDoubleReference()
    {
        QFETCH(SosCascade, cascade);
        QFETCH(int, channels);
        QFETCH(SosFilter::Kernel, kernel);
        if (!SosFilter::supports(kernel))
            QSKIP("this CPU has no AVX2 and FMA (or the build is not x86-64): the FMA kernel cannot run");
        const int frames = 96000 * 10;
        auto input = test::whiteNoise(channels, frames, 0.5f);
        for (int c = 0; c < channels; ++c) // a DC offset: what a high-pass and a notch near DC must remove
            for (int i = 0; i < frames; ++i)
                input.channel(c)[i] += 0.1f;
        auto got = test::copyOf(input);
        SosFilter filter;
        filter.prepare(channels);
        filter.setCoefficients(cascade);
        filter.setKernel(kernel);
        QCOMPARE(filter.kernel(), kernel);
        const int blocks[] = {4096, 333, 1, 7};
        for (int start = 0, b = 0; start < frames; b = (b + 1) % 4) {
            const int n = std::min(blocks[b], frames - start);
            filter.process(got.block().subBlock(start, n));
            start += n;
        }
        const double worst = worstErrorInHalfUlps(cascade, input, got);
        QVERIFY2(worst <= 1.5, qPrintable(QString("%1 half-ulps").arg(worst)));
    }

    void blockSizesDoNotChangeABit_data()
    {
        QTest::addColumn<SosFilter::Kernel>("kernel");
        QTest::addRow("portable") << SosFilter::Kernel::Portable;
        QTest::addRow("fma") << SosFilter::Kernel::Fma;
    }
    void blockSizesDoNotChangeABit()
    {
        // A batch run and a live one cut the stream differently; neither may change the output,
        // not even in the last bit, while the coefficients stay. The FMA kernel keeps s1 and u a
        // frame earlier for that; a coefficient change (a ramp step) falls at the same sample in
        // both runs, so it may start from s2 there.
        QFETCH(SosFilter::Kernel, kernel);
        if (!SosFilter::supports(kernel))
            QSKIP("this CPU has no AVX2 and FMA (or the build is not x86-64): the FMA kernel cannot run");
        const double rate = 96000.0;
        const int frames = 96000;
        const int changeAt = 40000;
        // Poles close to z = 1 amplify any difference in the state, so a block boundary that
        // changed the rounding would show in the float output.
        const auto before = butterworth(8, 10.0, PassType::HighPass, rate);
        SosCascade after;
        after.push(rbj::notch(20.0, 30.0, rate));
        for (int channels : {1, 2, 3}) {
            // Mostly DC, which both filters remove: their states are large and their outputs
            // small, so a difference in the state is a large one in the output.
            auto input = test::whiteNoise(channels, frames, 0.01f);
            for (int c = 0; c < channels; ++c)
                for (int i = 0; i < frames; ++i)
                    input.channel(c)[i] += 0.5f;
            const auto run = [&](const std::vector<int>& sizes) {
                auto out = test::copyOf(input);
                SosFilter filter;
                filter.prepare(channels);
                filter.setKernel(kernel);
                filter.setCoefficients(before);
                for (int start = 0, b = 0; start < frames; b = (b + 1) % static_cast<int>(sizes.size())) {
                    if (start == changeAt)
                        filter.setCoefficients(after);
                    const int limit = start < changeAt ? changeAt : frames;
                    const int n = std::min(sizes[static_cast<size_t>(b)], limit - start);
                    filter.process(out.block().subBlock(start, n));
                    start += n;
                }
                return out;
            };
            const auto whole = run({frames});
            const auto parts = run({1, 2, 3, 64, 1, 7, 4096, 333, 5});
            int differing = 0;
            for (int c = 0; c < channels; ++c)
                for (int i = 0; i < frames; ++i)
                    differing += whole.channel(c)[i] != parts.channel(c)[i];
            QVERIFY2(differing == 0,
                     qPrintable(QString("%1 ch: %2 samples differ").arg(channels).arg(differing)));
        }
    }
};

QTEST_APPLESS_MAIN(TestSosFilter)
#include "tst_sosfilter.moc"
