// dsp/RateLimits against every effect of the catalogue: the highest value it names is one the
// effect's own validation accepts at that rate, and anything above it is refused there.
#include "dsp/EffectRegistry.h"
#include "dsp/Errors.h"
#include "dsp/RateLimits.h"

#include <QTest>

using namespace fxrack::dsp;

namespace {

bool accepts(const Effect& effect, int id, double value, double rate)
{
    auto copy = effect.clone();
    try {
        copy->setParameter(id, value);
        copy->validate(rate);
        return true;
    } catch (const ParameterError&) {
        return false;
    }
}

} // namespace

class TestRateLimits : public QObject {
    Q_OBJECT
private slots:
    void everyHzParameterOfTheCatalogueStopsWhereValidationDoes()
    {
        int checked = 0;
        for (const EffectType* type : EffectRegistry::builtin().types()) {
            auto effect = type->create();
            for (int id = 0; id < effect->paramCount(); ++id) {
                const ParamInfo& info = effect->paramInfo(id);
                for (double rate : {8000.0, 22050.0, 44100.0, 48000.0, 96000.0, 192000.0}) {
                    const double limit = highestValid(*effect, id, rate);
                    const QString where =
                        QString("%1.%2 at %3 Hz: limit %4")
                            .arg(QString::fromStdString(type->name), QString::fromStdString(info.name))
                            .arg(rate)
                            .arg(limit, 0, 'f', 6);
                    if (!isRateBound(info)) {
                        QCOMPARE(limit, info.maxValue);
                        continue;
                    }
                    ++checked;
                    QVERIFY2(limit <= info.maxValue && limit >= info.minValue, qPrintable(where));
                    QVERIFY2(limit <= rate / 2.0, qPrintable(where));
                    QVERIFY2(accepts(*effect, id, limit, rate), qPrintable(where));
                    // Within four digits of the real edge: a knob loses nothing it could show.
                    const double edge = std::min(info.maxValue, rate / 2.0);
                    QVERIFY2(limit >= edge * 0.999, qPrintable(where));
                    if (limit < info.maxValue)
                        QVERIFY2(!accepts(*effect, id, rate / 2.0, rate), qPrintable(where));
                }
            }
        }
        QVERIFY(checked > 20); // the filters, the EQs, the FIR, the LFO rates
    }

    void unknownRateLeavesTheMetadata()
    {
        auto lo = EffectRegistry::builtin().create("LoButterworth");
        QCOMPARE(highestValid(*lo, 0, 0.0), lo->paramInfo(0).maxValue);
    }
};

QTEST_MAIN(TestRateLimits)
#include "tst_ratelimits.moc"
