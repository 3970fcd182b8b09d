#include "dsp/AudioBuffer.h"
#include "realtime/SafetyStage.h"

#include <QtTest>
#include <cmath>
#include <limits>

using namespace fxrack;
using namespace fxrack::realtime;

class TestSafetyStage : public QObject {
    Q_OBJECT
private slots:
    void nanOrInfBecomesSilenceAndIsReported()
    {
        SafetyStage s;
        s.prepare(48000);
        dsp::AudioBuffer b(2, 64);
        for (int i = 0; i < 64; ++i)
            b.channel(0)[i] = b.channel(1)[i] = 0.5f;
        b.channel(1)[10] = std::numeric_limits<float>::quiet_NaN();
        auto r = s.process(b.block());
        QVERIFY(r.nonFinite);
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < 64; ++i)
                QCOMPARE(b.channel(c)[i], 0.0f);
        b.channel(0)[3] = std::numeric_limits<float>::infinity();
        QVERIFY(s.process(b.block()).nonFinite);
    }
    void ceilingHoldsEveryPeakAtMinus0point3Dbfs()
    {
        SafetyStage s;
        s.prepare(48000);
        const float ceiling = static_cast<float>(std::pow(10.0, -0.3 / 20.0));
        QVERIFY(std::abs(s.ceiling() - ceiling) < 1e-6f);
        dsp::AudioBuffer b(2, 4800);
        for (int i = 0; i < 4800; ++i)
            b.channel(0)[i] = b.channel(1)[i] = 4.0f * static_cast<float>(std::sin(i * 0.05));
        auto r = s.process(b.block());
        QVERIFY(r.limited);
        float peak = 0;
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < 4800; ++i)
                peak = std::max(peak, std::fabs(b.channel(c)[i]));
        QVERIFY2(peak <= ceiling, qPrintable(QString::number(peak)));
        QVERIFY(peak > 0.9f * ceiling);
    }
    void signalBelowTheCeilingPassesBitExact()
    {
        SafetyStage s;
        s.prepare(48000);
        dsp::AudioBuffer b(1, 1000), ref(1, 1000);
        for (int i = 0; i < 1000; ++i)
            b.channel(0)[i] = ref.channel(0)[i] = 0.9f * static_cast<float>(std::sin(i * 0.01));
        QVERIFY(!s.process(b.block()).limited);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(b.channel(0)[i], ref.channel(0)[i]);
    }
};

QTEST_APPLESS_MAIN(TestSafetyStage)
#include "tst_safety_stage.moc"
