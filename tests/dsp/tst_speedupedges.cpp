// Edges of the effects made fast for issue 14 (and the IIR filters' FMA kernel) that
// tests/dsp/tst_speedups.cpp's random cases (22.05 to 96 kHz, 1 to 4 channels) do not reach:
//  - 8 kHz and 192 kHz (the Overdrive's 8x then runs at 1.536 MHz), 1, 3 and 8 channels: cutting
//    the stream into blocks of 1, 7, 64 (one chunk), 65 (a chunk and one frame) or mixed sizes up
//    to maxBlockSize gives the same output, also across a live change that ramps;
//  - NaN, infinities and huge samples (what makes the live safety stage reset the chain): after
//    reset() the effect gives exactly what a fresh one gives.
#include "common/Signals.h"
#include "dsp/AudioBuffer.h"
#include "dsp/Denormals.h"
#include "dsp/Effect.h"
#include "dsp/EffectRegistry.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <random>

using namespace fxrack;
using namespace fxrack::dsp;

namespace {

// Runs `effect` over `buffer` in blocks of the given sizes (cycled); with an `id`, a block also
// ends at frame `changeAt`, where the parameter is set to `value` live.
void runBlocks(Effect& effect, AudioBuffer& buffer, const std::vector<int>& sizes, int changeAt, int id,
               double value)
{
    const int frames = buffer.numFrames();
    size_t b = 0;
    for (int start = 0; start < frames;) {
        int n = std::min(sizes[b++ % sizes.size()], frames - start);
        if (start < changeAt && start + n > changeAt)
            n = changeAt - start;
        if (start == changeAt && id >= 0)
            effect.applyParameter(id, value);
        auto block = buffer.block(start, n);
        effect.process(block);
        start += n;
    }
}

} // namespace

class TestSpeedupEdges : public QObject {
    Q_OBJECT

private slots:
    void blockSizesDoNotChangeTheOutput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("channels");
        QTest::addColumn<QString>("param");
        for (const char* name : {"Overdrive", "Compressor", "NoiseGate", "Limiter", "Chorus", "Flanger",
                                 "Tremolo", "Peaking", "Notch", "BandPass"})
            for (double rate : {8000.0, 192000.0})
                for (int channels : {1, 3, 8})
                    for (const char* param : {"", "first", "second"})
                        QTest::addRow("%s %g %d %s", name, rate, channels, param)
                            << QString(name) << rate << channels << QString(param);
    }
    void blockSizesDoNotChangeTheOutput()
    {
        QFETCH(QString, name);
        QFETCH(double, rate);
        QFETCH(int, channels);
        QFETCH(QString, param);
        ScopedNoDenormals noDenormals;
        const int maxBlock = 1024;
        const int frames = static_cast<int>(rate * 0.3);
        auto input = test::makeTestSignal(channels, frames, rate, 3);
        const auto run = [&](const std::vector<int>& sizes) {
            auto effect = EffectRegistry::builtin().create(name.toStdString());
            effect->prepare({rate, maxBlock, channels});
            auto out = test::copyOf(input);
            const int id = param.isEmpty() ? -1 : (param == "first" ? 0 : 1);
            double value = 0.0;
            if (id >= 0) {
                const auto& info = effect->paramInfo(id);
                value = info.minValue + 0.8 * (info.maxValue - info.minValue);
                if (info.unit == Unit::Hz) // below Nyquist at 8 kHz
                    value = std::min(value, 0.3 * rate);
            }
            runBlocks(*effect, out, sizes, frames / 3, id, value);
            return out;
        };
        const auto whole = run({maxBlock});
        double worst = 0.0;
        for (const auto& sizes :
             std::vector<std::vector<int>>{{1}, {7}, {64}, {65}, {63, 1, 129, 2, 1024, 3}}) {
            const auto parts = run(sizes);
            worst = std::max(worst, test::maxAbsDifference(whole, parts));
        }
        // 1e-6 as tests/dsp/tst_catalogue.cpp allows; on x86-64 every effect here keeps every bit.
        QVERIFY2(worst <= 1e-6, qPrintable(QString::number(worst)));
    }

    void nanThenResetIsFresh_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name : {"Overdrive", "Compressor", "NoiseGate", "Limiter", "Chorus", "Flanger",
                                 "Tremolo", "Peaking", "Notch"})
            QTest::addRow("%s", name) << QString(name);
    }
    void nanThenResetIsFresh()
    {
        QFETCH(QString, name);
        const double rate = 48000.0;
        auto fresh = EffectRegistry::builtin().create(name.toStdString());
        auto used = EffectRegistry::builtin().create(name.toStdString());
        fresh->prepare({rate, 256, 2});
        used->prepare({rate, 256, 2});
        auto junk = test::makeTestSignal(2, 4096, rate, 5);
        for (float v : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                        -std::numeric_limits<float>::infinity(), 1e30f})
            for (int i = 100; i < 110; ++i) {
                junk.channel(0)[i * 7] = v;
                junk.channel(1)[i * 9] = v;
            }
        runBlocks(*used, junk, {256}, -1, -1, 0.0);
        used->reset();
        auto a = test::makeTestSignal(2, 24000, rate, 6);
        auto b = test::copyOf(a);
        runBlocks(*fresh, a, {256}, -1, -1, 0.0);
        runBlocks(*used, b, {256}, -1, -1, 0.0);
        QCOMPARE(test::maxAbsDifference(a, b), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestSpeedupEdges)
#include "tst_speedupedges.moc"
