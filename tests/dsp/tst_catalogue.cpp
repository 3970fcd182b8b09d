// Properties every effect of the catalogue must have, checked for each registered type.
#include "common/AllocationCounter.h"
#include "common/Signals.h"
#include "dsp/EffectChain.h"
#include "dsp/EffectRegistry.h"
#include "dsp/Errors.h"

#include <QTest>
#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <set>
#include <vector>

using namespace fxrack;
using namespace fxrack::dsp;

namespace {

constexpr double kRate = 48000.0;

std::unique_ptr<Effect> makePrepared(const EffectType& type, int maxBlock, int channels = 2,
                                     double rate = kRate)
{
    auto effect = type.create();
    effect->prepare({rate, maxBlock, channels});
    return effect;
}

// Runs `effect` over `buffer` in blocks whose sizes come from `nextSize`.
template <typename NextSize> void processInBlocks(Effect& effect, dsp::AudioBuffer& buffer, NextSize nextSize)
{
    int pos = 0;
    while (pos < buffer.numFrames()) {
        const int n = std::min(nextSize(), buffer.numFrames() - pos);
        auto block = buffer.block(pos, n);
        effect.process(block);
        pos += n;
    }
}

void analyseIfNeeded(Effect& effect, dsp::AudioBuffer& input)
{
    if (!effect.needsAnalysis())
        return;
    effect.beginAnalysis();
    effect.analyze(input.block());
    effect.endAnalysis();
}

bool allFinite(const dsp::AudioBuffer& b)
{
    for (int c = 0; c < b.numChannels(); ++c)
        for (int i = 0; i < b.numFrames(); ++i)
            if (!std::isfinite(b.channel(c)[i]))
                return false;
    return true;
}

} // namespace

class TestCatalogue : public QObject {
    Q_OBJECT

private:
    void addTypeRows()
    {
        QTest::addColumn<QString>("name");
        for (const auto* t : EffectRegistry::builtin().types())
            QTest::newRow(t->name.c_str()) << QString::fromStdString(t->name);
    }
    const EffectType& typeFor(const QString& name)
    {
        const auto* t = EffectRegistry::builtin().find(name.toStdString());
        if (!t)
            qFatal("no effect type %s", qPrintable(name));
        return *t;
    }

private slots:
    void catalogueHasEveryEffectOfTheDesign()
    {
        // The catalogue: the filter, effect, dynamics and modulation tables.
        const char* expected[] = {"LoButterworth",   "HiButterworth",   "LoChebyshev1", "HiChebyshev1",
                                  "LoChebyshev2",    "HiChebyshev2",    "LoElliptic",   "HiElliptic",
                                  "LoLinkwitzRiley", "HiLinkwitzRiley", "LoShelving",   "HiShelving",
                                  "ParametricEQ",    "Peaking",         "Notch",        "AllPass",
                                  "BandPass",        "DesignableFIR",   "Gain",         "Normalize",
                                  "Reverb",          "Delay",           "Compressor",   "NoiseGate",
                                  "Limiter",         "Overdrive",       "Chorus",       "Flanger",
                                  "Tremolo"};
        for (const char* name : expected)
            QVERIFY2(EffectRegistry::builtin().find(name) != nullptr, name);
    }

    void metadataIsConsistent_data() { addTypeRows(); }
    void metadataIsConsistent()
    {
        QFETCH(QString, name);
        const auto& type = typeFor(name);
        QVERIFY(!type.category.empty());
        std::set<std::string> names;
        for (const auto& p : type.params) {
            QVERIFY2(names.insert(p.name).second, p.name.c_str());
            QVERIFY2(p.checkValue(p.defaultValue).empty(),
                     (p.name + ": " + p.checkValue(p.defaultValue)).c_str());
            QVERIFY2(p.minValue <= p.maxValue, p.name.c_str());
            if (p.unit == Unit::Hz)
                QCOMPARE(p.scale, Scale::Log);
            if (p.unit == Unit::Choice)
                QVERIFY(!p.choices.empty());
        }
    }

    void blockwiseEqualsWhole_data() { addTypeRows(); }
    void blockwiseEqualsWhole()
    {
        QFETCH(QString, name);
        const auto& type = typeFor(name);
        const int frames = static_cast<int>(10 * kRate);
        auto input = test::whiteNoise(2, frames, 0.5f);

        auto whole = test::copyOf(input);
        auto wholeEffect = makePrepared(type, frames);
        analyseIfNeeded(*wholeEffect, input);
        auto block = whole.block();
        wholeEffect->process(block);

        auto pieces = test::copyOf(input);
        auto pieceEffect = makePrepared(type, 4096);
        analyseIfNeeded(*pieceEffect, input);
        std::mt19937 rng(42);
        std::uniform_int_distribution<int> size(1, 4096);
        processInBlocks(*pieceEffect, pieces, [&] { return size(rng); });

        QVERIFY(allFinite(whole));
        const double diff = test::maxAbsDifference(whole, pieces);
        QVERIFY2(diff <= 1e-6, qPrintable(QString("%1: max difference %2").arg(name).arg(diff)));
    }

    // The same with every continuous parameter moved twice while the stream runs: the ramps
    // must advance by samples, not by blocks, so the output does not depend on how the stream is
    // cut. The changes land at the same samples in both runs (blocks are cut there).
    void blockwiseEqualsWholeWhileRamping_data() { addTypeRows(); }
    void blockwiseEqualsWholeWhileRamping()
    {
        QFETCH(QString, name);
        const auto& type = typeFor(name);
        const int frames = static_cast<int>(2 * kRate);
        // Loud and quiet by turns (every 100 ms), so that a gate's or a compressor's threshold
        // and range show wherever they move to.
        auto input = test::whiteNoise(2, frames, 0.3f);
        for (int c = 0; c < input.numChannels(); ++c)
            for (int i = 0; i < frames; ++i)
                if ((i / 4800) % 2 == 1)
                    input.channel(c)[i] *= 0.003f;
        // Each continuous parameter to 30 %, then 80 %, of its knob's span (log-spaced where its
        // scale is): all of them, then validated together (a band's two edges move as one); one
        // at a time, each kept only where the effect takes it, if not.
        const auto at = [](const ParamInfo& p, double f) {
            const double lo = p.knobLow(), hi = p.knobHigh();
            const double v =
                p.scale == Scale::Log && lo > 0.0 ? lo * std::pow(hi / lo, f) : lo + f * (hi - lo);
            return std::min(v, 0.45 * kRate);
        };
        const auto moving = [](const ParamInfo& info) {
            return info.continuous && !info.isText() && info.unit != Unit::Choice && info.unit != Unit::Bool;
        };
        const std::array<int, 2> changeAt{12345, 40000};
        const std::array<double, 2> fraction{0.3, 0.8};
        const auto move = [&](Effect& effect, double f) {
            std::vector<double> old;
            for (int id = 0; id < effect.paramCount(); ++id)
                old.push_back(effect.param(id));
            try {
                for (int id = 0; id < effect.paramCount(); ++id)
                    if (moving(effect.paramInfo(id)))
                        effect.setParameter(id, at(effect.paramInfo(id), f));
                effect.validate(kRate);
                return;
            } catch (const ParameterError&) {
                for (int id = 0; id < effect.paramCount(); ++id)
                    if (moving(effect.paramInfo(id)))
                        effect.setParameter(id, old[static_cast<size_t>(id)]);
            }
            for (int id = 0; id < effect.paramCount(); ++id) {
                if (!moving(effect.paramInfo(id)))
                    continue;
                try {
                    effect.setParameter(id, at(effect.paramInfo(id), f));
                    effect.validate(kRate);
                } catch (const ParameterError&) {
                    effect.setParameter(id, old[static_cast<size_t>(id)]);
                }
            }
        };
        const auto run = [&](bool changes, auto nextSize) {
            auto buffer = test::copyOf(input);
            auto effect = makePrepared(type, 4096);
            analyseIfNeeded(*effect, buffer);
            int pos = 0;
            size_t change = 0;
            while (pos < frames) {
                if (change < changeAt.size() && pos == changeAt[change]) {
                    if (changes)
                        move(*effect, fraction[change]);
                    ++change;
                }
                const int limit = change < changeAt.size() ? changeAt[change] - pos : frames - pos;
                const int n = std::min(nextSize(), limit);
                auto block = buffer.block(pos, n);
                effect->process(block);
                pos += n;
            }
            return buffer;
        };
        const auto whole = run(true, [] { return 4096; });
        if (test::maxAbsDifference(whole, run(false, [] { return 4096; })) == 0.0)
            QSKIP("moving this effect's continuous parameters does not change its output on this "
                  "input, so the test would show nothing");
        std::mt19937 rng(42);
        std::uniform_int_distribution<int> size(1, 700);
        const auto pieces = run(true, [&] { return size(rng); });
        QVERIFY(allFinite(whole));
        // Float rounding at the output's own scale (a gain of several hundred).
        const double scale = std::max(1.0, test::peakOf(whole));
        const double diff = test::maxAbsDifference(whole, pieces);
        QVERIFY2(diff <= 1e-6 * scale, qPrintable(QString("%1: max difference %2").arg(name).arg(diff)));
    }

    void processDoesNotAllocate_data() { addTypeRows(); }
    void processDoesNotAllocate()
    {
        QFETCH(QString, name);
        const auto& type = typeFor(name);
        auto effect = makePrepared(type, 512);
        auto input = test::whiteNoise(2, 48000);
        analyseIfNeeded(*effect, input);
        test::AllocationCounts counts;
        {
            test::ScopedAllocationCounter counter;
            std::mt19937 rng(7);
            std::uniform_int_distribution<int> size(1, 512);
            int step = 0;
            processInBlocks(*effect, input, [&] {
                // Live parameter changes between blocks, as the audio thread applies them.
                for (int id = 0; id < effect->paramCount(); ++id) {
                    const auto& p = effect->paramInfo(id);
                    if (!p.continuous || p.unit == Unit::Choice || p.unit == Unit::Bool)
                        continue;
                    const double hi = p.unit == Unit::Hz ? std::min(p.maxValue, kRate * 0.4) : p.maxValue;
                    const double lo = p.minValue;
                    effect->applyParameter(id, (step % 2) ? lo + (hi - lo) * 0.25 : lo + (hi - lo) * 0.75);
                }
                ++step;
                return size(rng);
            });
            effect->reset();
            counts = counter.counts();
        }
        QCOMPARE(counts.allocations, 0L);
        QCOMPARE(counts.frees, 0L);
        QVERIFY(allFinite(input));
    }

    void resetRestoresTheInitialState_data() { addTypeRows(); }
    void resetRestoresTheInitialState()
    {
        QFETCH(QString, name);
        const auto& type = typeFor(name);
        auto effect = makePrepared(type, 1024);
        const auto input = test::whiteNoise(2, 24000);
        auto first = test::copyOf(input);
        auto second = test::copyOf(input);
        analyseIfNeeded(*effect, first);
        processInBlocks(*effect, first, [] { return 1024; });
        effect->reset();
        processInBlocks(*effect, second, [] { return 1024; });
        QCOMPARE(test::maxAbsDifference(first, second), 0.0);
    }

    void worksAtCommonRatesAndChannelCounts_data() { addTypeRows(); }
    void worksAtCommonRatesAndChannelCounts()
    {
        QFETCH(QString, name);
        const auto& type = typeFor(name);
        for (double rate : {22050.0, 44100.0, 96000.0, 192000.0})
            for (int channels : {1, 2, 6}) {
                auto effect = type.create();
                effect->prepare({rate, 256, channels});
                auto buffer = test::whiteNoise(channels, 4096);
                analyseIfNeeded(*effect, buffer);
                processInBlocks(*effect, buffer, [] { return 256; });
                QVERIFY2(allFinite(buffer),
                         qPrintable(QString("%1 at %2 Hz, %3 channels").arg(name).arg(rate).arg(channels)));
            }
    }

    void cloneKeepsParameters_data() { addTypeRows(); }
    void cloneKeepsParameters()
    {
        QFETCH(QString, name);
        auto effect = typeFor(name).create();
        for (int id = 0; id < effect->paramCount(); ++id) {
            const auto& p = effect->paramInfo(id);
            if (p.unit == Unit::Hz || p.unit == Unit::Choice || p.unit == Unit::Bool)
                continue;
            double v = p.isDiscrete() ? std::round((p.minValue + p.defaultValue) / 2)
                                      : (p.minValue + p.defaultValue) / 2;
            if (p.checkValue(v).empty())
                effect->setParameter(id, v);
        }
        auto copy = effect->clone();
        for (int id = 0; id < effect->paramCount(); ++id)
            QCOMPARE(copy->param(id), effect->param(id));
    }
};

QTEST_APPLESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
