// SmoothedValue (dsp/Smoothing.h) against the ramps it approximates, worked out directly in
// long double: random sequences of every call (targets, skips of varying and repeated sizes, 0
// included, single steps, blocks, resets, jumps) on each kind, with non-positive values for the
// multiplicative kind (which then ramps linearly), must stay on the exact ramp from where each
// target was set, and land on the target bit for bit. nextBlock(n) must give the bits of n calls
// of next() (a twin driven by next() alone), and a line must not drift however long it runs.
#include "dsp/Smoothing.h"

#include <QTest>
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

using namespace fxrack::dsp;

namespace {

bool sameBits(double a, double b)
{
    return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
}

constexpr double kEps = std::numeric_limits<double>::epsilon();

// The ramp a SmoothedValue follows from the value it held when its target was set: a line, a
// geometric ramp (multiplicative, both ends positive) or a one-pole approach, its k-th sample of
// T, in long double; exactly the target from the T-th on.
class ExactRamp {
public:
    explicit ExactRamp(SmoothedValue::Kind kind) : m_kind(kind) {}

    void setLength(int samples) { m_length = samples; }
    void hold(double value)
    {
        m_start = m_target = value;
        m_k = m_length;
    }
    void aim(double from, double target)
    {
        if (target == m_target)
            return; // the same target: nothing changes
        m_start = from;
        m_target = target;
        m_k = 0;
    }
    void advance(int n) { m_k = std::min(m_length, m_k + n); }
    bool done() const { return m_k >= m_length; }
    double target() const { return m_target; }

    long double value() const
    {
        const long double s = m_start, t = m_target;
        const long double f = static_cast<long double>(m_k) / m_length;
        if (m_kind == SmoothedValue::Kind::OnePole)
            return t + (s - t) * std::pow(1e-4L, f);
        if (m_kind == SmoothedValue::Kind::Multiplicative && s > 0 && t > 0)
            return s * std::pow(t / s, f);
        return s + (t - s) * f;
    }
    // How far a double computation may sit from value(): a line's k * step is within an ulp or
    // two of the scale; a chain of k multiplications drifts by about k ulps of the value.
    // A geometric ramp's error is relative to its value; a one-pole's steps each round at the
    // scale of the values.
    double tolerance() const
    {
        const auto v = static_cast<double>(value());
        const double drift = (8.0 + 4.0 * m_k) * kEps;
        if (m_kind == SmoothedValue::Kind::OnePole) // each step rounds target + (current - target) * a
            return drift * std::max(std::abs(v), std::abs(m_target));
        if (m_kind == SmoothedValue::Kind::Multiplicative && m_start > 0 && m_target > 0)
            return drift * std::abs(v);
        return 4.0 * kEps * std::max(std::abs(m_start), std::abs(m_target));
    }

private:
    SmoothedValue::Kind m_kind;
    int m_length = 1;
    int m_k = 1; // at rest, as a SmoothedValue starts
    double m_start = 0.0;
    double m_target = 0.0;
};

} // namespace

class TestSmoothing : public QObject {
    Q_OBJECT

private slots:
    // A skip of 0 samples right after a new target moves nothing: the factor of the last
    // ramp's skips must not be applied to the new one.
    void skipOfNothingAfterANewTarget()
    {
        for (auto kind : {SmoothedValue::Kind::OnePole, SmoothedValue::Kind::Multiplicative}) {
            SmoothedValue v(kind);
            v.reset(48000.0, 0.05);
            v.setCurrentAndTarget(100.0);
            v.setTarget(1000.0);
            v.skip(32);
            v.setTarget(200.0);
            const double before = v.current();
            const double after = v.skip(0);
            QVERIFY2(std::abs(after - before) <= 1e-9 * before,
                     qPrintable(QStringLiteral("kind %1: %2 became %3")
                                    .arg(static_cast<int>(kind))
                                    .arg(before, 0, 'g', 17)
                                    .arg(after, 0, 'g', 17)));
        }
    }

    // A line 9,600 samples long stays within two ulps of the exact line at every sample (k
    // additions of the step drift by about k / 2 ulps by the end).
    void aLongLineDoesNotDrift()
    {
        SmoothedValue v(SmoothedValue::Kind::Linear);
        v.reset(96000.0, 0.1);
        v.setCurrentAndTarget(0.1);
        v.setTarget(0.7);
        double worst = 0.0;
        for (int k = 1; k < 9600; ++k) {
            const long double exact = 0.1L + (0.7L - 0.1L) * k / 9600.0L;
            worst = std::max(worst, static_cast<double>(std::fabs(v.next() - exact)));
        }
        QCOMPARE(v.next(), 0.7);
        QVERIFY2(worst <= 2.0 * kEps * 0.7, qPrintable(QString::number(worst / (kEps * 0.7))));
    }

    // A multiplicative ramp from 0 (an Hz parameter whose 0 means "off", DesignableFir's
    // cutoff_high) cannot be geometric: it is a line all the way. (It once turned geometric at its
    // first positive value, with the line's step as the factor, and sank towards 0 until it
    // jumped to the target at the end.)
    void aMultiplicativeRampFromZeroIsALine()
    {
        SmoothedValue v(SmoothedValue::Kind::Multiplicative);
        v.reset(48000.0, 0.05);
        v.setCurrentAndTarget(0.0);
        v.setTarget(1000.0);
        double last = 0.0;
        for (int k = 1; k <= 2400; ++k) {
            const double x = v.next();
            QVERIFY2(x > last && std::fabs(x - 1000.0 * k / 2400.0) <= 1e-9,
                     qPrintable(QStringLiteral("sample %1: %2 after %3").arg(k).arg(x).arg(last)));
            last = x;
        }
        QCOMPARE(last, 1000.0);
    }

    // On a line, a skip of n samples is exactly n calls of next(): the control grid's values
    // (skips) and a per-sample ramp (next, nextBlock) agree bit for bit.
    void aLineSkipsToTheBitsOfItsSteps()
    {
        std::mt19937 rng(3);
        std::uniform_int_distribution<int> size(0, 200);
        SmoothedValue skipping(SmoothedValue::Kind::Linear);
        SmoothedValue stepping(SmoothedValue::Kind::Linear);
        skipping.reset(48000.0, 0.05);
        stepping.reset(48000.0, 0.05);
        for (int round = 0; round < 200; ++round) {
            const double target = std::uniform_real_distribution<>(-3.0, 3.0)(rng);
            skipping.setTarget(target);
            stepping.setTarget(target);
            for (int i = 0; i < 5; ++i) {
                const int n = size(rng);
                const double skipped = skipping.skip(n);
                for (int k = 0; k < n; ++k)
                    stepping.next();
                QVERIFY2(sameBits(skipped, stepping.current()),
                         qPrintable(QStringLiteral("round %1: skip(%2) %3, next() %4")
                                        .arg(round)
                                        .arg(n)
                                        .arg(skipped, 0, 'g', 17)
                                        .arg(stepping.current(), 0, 'g', 17)));
            }
        }
    }

    void followsTheExactRamp_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<uint32_t>("seed");
        for (int kind = 0; kind < 3; ++kind)
            for (uint32_t seed = 0; seed < 40; ++seed)
                QTest::addRow("kind %d seed %u", kind, seed) << kind << seed;
    }
    void followsTheExactRamp()
    {
        QFETCH(int, kind);
        QFETCH(uint32_t, seed);
        const auto k = static_cast<SmoothedValue::Kind>(kind);
        SmoothedValue ours(k);
        SmoothedValue stepwise(k); // the same calls, but next() where ours takes a block
        ExactRamp exact(k);
        std::mt19937 rng(seed);
        const auto uniform = [&](double lo, double hi) {
            return std::uniform_real_distribution<>(lo, hi)(rng);
        };
        const auto pick = [&](int n) { return std::uniform_int_distribution<>(0, n - 1)(rng); };
        // Mostly positive values, now and then zero or negative (the multiplicative kind's
        // linear fallback).
        const auto value = [&] {
            const int which = pick(10);
            return which == 0 ? 0.0 : which == 1 ? uniform(-500.0, 0.0) : uniform(1.0, 20000.0);
        };
        const auto where = [&](int call) {
            return QStringLiteral("call %1: %2, exact %3 (tolerance %4), target %5")
                .arg(call)
                .arg(ours.current(), 0, 'g', 17)
                .arg(static_cast<double>(exact.value()), 0, 'g', 17)
                .arg(exact.tolerance(), 0, 'g', 3)
                .arg(exact.target(), 0, 'g', 17);
        };
        int sameSize = 32;
        for (int call = 0; call < 4000; ++call) {
            switch (pick(13)) {
            case 0: {
                const double sr =
                    std::array{22050.0, 44100.0, 48000.0, 96000.0}[static_cast<size_t>(pick(4))];
                const double seconds = uniform(0.0, 0.1);
                ours.reset(sr, seconds);
                stepwise.reset(sr, seconds);
                exact.setLength(std::max(1, static_cast<int>(std::lround(sr * seconds))));
                exact.hold(ours.target());
                break;
            }
            case 1: {
                const double v = value();
                ours.setCurrentAndTarget(v);
                stepwise.setCurrentAndTarget(v);
                exact.hold(v);
                break;
            }
            case 2:
            case 3: {
                const double v = pick(8) == 0 ? ours.target() : value(); // the same target: a no-op
                exact.aim(ours.current(), v);
                ours.setTarget(v);
                stepwise.setTarget(v);
                break;
            }
            case 4:
                ours.next();
                stepwise.next();
                exact.advance(1);
                break;
            case 5: {
                const int n = pick(3) == 0 ? 0 : 1 + pick(300);
                ours.skip(n);
                stepwise.skip(n);
                exact.advance(n);
                break;
            }
            case 7: {
                // A block of per-sample values (a gain ramp's), as n calls of next() give them.
                const int n = pick(4) == 0 ? pick(3) : 1 + pick(300);
                std::array<double, 300> block{};
                ours.nextBlock(block.data(), n);
                for (int i = 0; i < n; ++i) {
                    const double expected = stepwise.next();
                    QVERIFY2(sameBits(block[static_cast<size_t>(i)], expected),
                             qPrintable(QStringLiteral("call %1, nextBlock(%2)[%3]: %4, next() %5")
                                            .arg(call)
                                            .arg(n)
                                            .arg(i)
                                            .arg(block[static_cast<size_t>(i)], 0, 'g', 17)
                                            .arg(expected, 0, 'g', 17)));
                }
                exact.advance(n);
                break;
            }
            case 6:
                sameSize = std::array{1, 16, 32, 64}[static_cast<size_t>(pick(4))];
                [[fallthrough]];
            default:
                // Runs of skips of one size, as the control grid makes them.
                ours.skip(sameSize);
                stepwise.skip(sameSize);
                exact.advance(sameSize);
                break;
            }
            QVERIFY2(sameBits(ours.current(), stepwise.current()), qPrintable(where(call)));
            QVERIFY2(ours.isSmoothing() == !exact.done(), qPrintable(where(call)));
            if (exact.done())
                QVERIFY2(sameBits(ours.current(), exact.target()), qPrintable(where(call)));
            else
                QVERIFY2(std::fabs(ours.current() - exact.value()) <= exact.tolerance(),
                         qPrintable(where(call)));
        }
    }
};

QTEST_APPLESS_MAIN(TestSmoothing)
#include "tst_smoothing.moc"
