// DemoInput (realtime/DemoInput.h) against its signal written out directly in long double, sample
// by sample: the plucked arpeggio's three partials sin(x), sin(2x), sin(3x), its exp(-9 t) decay
// from each note's start and its 2.5 ms attack, over the 110 Hz bass. render() works out the
// partials from one sin and one cos and steps the decay by a factor, so it must stay within float
// rounding of that; and a stream rendered in pieces of any size gives the same bits.
#include "realtime/DemoInput.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

using fxrack::realtime::DemoInput;

namespace {

std::vector<float> rendered(double rate, int frames, int piece)
{
    DemoInput demo;
    demo.prepare(rate);
    std::vector<float> out(static_cast<size_t>(frames));
    for (int at = 0; at < frames; at += piece)
        demo.render(out.data() + at, std::min(piece, frames - at));
    return out;
}

// Sample i of the demo: the arpeggio's notes in semitones above A3, 8 a second.
long double direct(double rate, long long i)
{
    constexpr int notes[] = {0, 3, 7, 12, 15, 12, 7, 3};
    const long double pi = std::numbers::pi_v<long double>;
    const auto noteLength = static_cast<long long>(rate / 8.0);
    const long long note = i / noteLength;
    const long long inNote = i % noteLength;
    const long double hz = 220.0L * std::pow(2.0L, notes[note % 8] / 12.0L);
    const long double t = inNote / static_cast<long double>(rate);
    const long double x = 2.0L * pi * hz * inNote / rate; // the phase restarts with every note
    const long double pluck = std::sin(x) + 0.35L * std::sin(2.0L * x) + 0.15L * std::sin(3.0L * x);
    const long double envelope = std::exp(-9.0L * t) * std::min(1.0L, 400.0L * t);
    const long double bass = 0.25L * std::sin(2.0L * pi * 110.0L * i / rate);
    return 0.16L * pluck * envelope + 0.06L * bass;
}

} // namespace

class TestDemoInput : public QObject {
    Q_OBJECT

private slots:
    void followsItsSignalWrittenOutDirectly_data()
    {
        QTest::addColumn<double>("rate");
        QTest::newRow("22.05 kHz") << 22050.0;
        QTest::newRow("44.1 kHz") << 44100.0;
        QTest::newRow("48 kHz") << 48000.0;
        QTest::newRow("96 kHz") << 96000.0;
    }
    void followsItsSignalWrittenOutDirectly()
    {
        QFETCH(double, rate);
        const int frames = static_cast<int>(3 * rate); // 24 notes: the arpeggio three times
        const auto out = rendered(rate, frames, 256);
        double worst = 0.0;
        long long where = 0;
        float peak = 0.0f;
        for (long long i = 0; i < frames; ++i) {
            const double error =
                std::fabs(static_cast<double>(out[static_cast<size_t>(i)] - direct(rate, i)));
            if (error > worst) {
                worst = error;
                where = i;
            }
            peak = std::max(peak, std::fabs(out[static_cast<size_t>(i)]));
        }
        // The phases accumulate in double over a note (the bass's over the whole run): about 1e-9
        // of drift after three seconds, far below float's 3e-8 steps near the peak.
        QVERIFY2(worst <= 1e-7, qPrintable(QStringLiteral("%1 off at sample %2").arg(worst).arg(where)));
        // About -12 dBFS peak, as the class says.
        QVERIFY2(peak > 0.2f && peak < 0.3f, qPrintable(QString::number(peak)));
    }

    void piecesOfAnySizeGiveTheSameStream()
    {
        const auto whole = rendered(48000.0, 48000, 48000);
        for (int piece : {1, 7, 64, 256, 1000})
            QVERIFY2(rendered(48000.0, 48000, piece) == whole, qPrintable(QString::number(piece)));
    }
};

QTEST_APPLESS_MAIN(TestDemoInput)
#include "tst_demo_input.moc"
