// SmoothedValue (dsp/Smoothing.h) against a verbatim copy of it before skip() kept its factor
// pow(step, n) from one skip to the next: random sequences of every call (targets, skips of
// varying and repeated sizes, 0 included, single steps, resets, jumps) on each kind, with
// non-positive values for the multiplicative kind (which then ramps linearly), must give the
// same bits at every call. nextBlock(n) must give the bits of n calls of next().
#include "dsp/Smoothing.h"

#include <QTest>
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>

using namespace fxrack::dsp;

namespace reference {

// Verbatim from src/dsp/Smoothing.h before the cached skip factor (only the class name differs).
class SmoothedValue {
public:
    enum class Kind { Linear, Multiplicative, OnePole };

    explicit SmoothedValue(Kind kind = Kind::Linear) noexcept : m_kind(kind) {}

    void reset(double sampleRate, double rampSeconds) noexcept
    {
        m_rampLength = std::max(1, static_cast<int>(std::lround(sampleRate * rampSeconds)));
        setCurrentAndTarget(m_target);
    }
    void setCurrentAndTarget(double value) noexcept
    {
        m_current = m_target = value;
        m_countdown = 0;
    }
    void setTarget(double value) noexcept
    {
        if (value == m_target)
            return;
        m_target = value;
        m_countdown = m_rampLength;
        if (m_kind == Kind::OnePole)
            m_step = std::pow(1e-4, 1.0 / m_rampLength);
        else if (m_kind == Kind::Multiplicative && m_current > 0.0 && value > 0.0)
            m_step = std::exp(std::log(value / m_current) / m_countdown);
        else
            m_step = (value - m_current) / m_countdown;
    }
    bool isSmoothing() const noexcept { return m_countdown > 0; }
    double current() const noexcept { return m_current; }
    double target() const noexcept { return m_target; }

    double next() noexcept
    {
        if (m_countdown <= 0)
            return m_target;
        if (--m_countdown == 0)
            m_current = m_target;
        else if (m_kind == Kind::OnePole)
            m_current = m_target + (m_current - m_target) * m_step;
        else if (m_kind == Kind::Multiplicative && m_target > 0.0 && m_current > 0.0)
            m_current *= m_step;
        else
            m_current += m_step;
        return m_current;
    }
    // Advances n samples at once (for coefficient updates every few samples).
    double skip(int n) noexcept
    {
        if (n >= m_countdown) {
            m_countdown = 0;
            m_current = m_target;
            return m_current;
        }
        m_countdown -= n;
        if (m_kind == Kind::OnePole)
            m_current = m_target + (m_current - m_target) * std::pow(m_step, n);
        else if (m_kind == Kind::Multiplicative && m_target > 0.0 && m_current > 0.0)
            m_current *= std::pow(m_step, n);
        else
            m_current += m_step * n;
        return m_current;
    }

private:
    Kind m_kind;
    double m_current = 0.0;
    double m_target = 0.0;
    double m_step = 0.0;
    int m_countdown = 0;
    int m_rampLength = 1;
};

} // namespace reference

namespace {

bool sameBits(double a, double b)
{
    return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
}

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

    void keepsTheBitsOfTheRampBefore_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<uint32_t>("seed");
        for (int kind = 0; kind < 3; ++kind)
            for (uint32_t seed = 0; seed < 40; ++seed)
                QTest::addRow("kind %d seed %u", kind, seed) << kind << seed;
    }
    void keepsTheBitsOfTheRampBefore()
    {
        QFETCH(int, kind);
        QFETCH(uint32_t, seed);
        SmoothedValue ours(static_cast<SmoothedValue::Kind>(kind));
        reference::SmoothedValue before(static_cast<reference::SmoothedValue::Kind>(kind));
        std::mt19937 rng(seed);
        const auto uniform = [&](double lo, double hi) {
            return std::uniform_real_distribution<>(lo, hi)(rng);
        };
        const auto pick = [&](int n) { return std::uniform_int_distribution<>(0, n - 1)(rng); };
        // Mostly positive values, now and then zero or negative (the multiplicative kind's
        // linear fallback, which may cross into positive values mid-ramp).
        const auto value = [&] {
            const int which = pick(10);
            return which == 0 ? 0.0 : which == 1 ? uniform(-500.0, 0.0) : uniform(1.0, 20000.0);
        };
        int sameSize = 32;
        for (int call = 0; call < 4000; ++call) {
            double a = 0.0;
            double b = 0.0;
            switch (pick(13)) {
            case 0: {
                const double sr =
                    std::array{22050.0, 44100.0, 48000.0, 96000.0}[static_cast<size_t>(pick(4))];
                const double seconds = uniform(0.0, 0.1);
                ours.reset(sr, seconds);
                before.reset(sr, seconds);
                break;
            }
            case 1: {
                const double v = value();
                ours.setCurrentAndTarget(v);
                before.setCurrentAndTarget(v);
                break;
            }
            case 2:
            case 3: {
                const double v = pick(8) == 0 ? ours.target() : value(); // the same target: a no-op
                ours.setTarget(v);
                before.setTarget(v);
                break;
            }
            case 4:
                a = ours.next();
                b = before.next();
                break;
            case 5: {
                const int n = pick(3) == 0 ? 0 : 1 + pick(300);
                a = ours.skip(n);
                b = before.skip(n);
                break;
            }
            case 7: {
                // A block of per-sample values (a gain ramp's), as n calls of next() gave them.
                const int n = pick(4) == 0 ? pick(3) : 1 + pick(300);
                std::array<double, 300> block{};
                ours.nextBlock(block.data(), n);
                for (int i = 0; i < n; ++i) {
                    const double expected = before.next();
                    QVERIFY2(sameBits(block[static_cast<size_t>(i)], expected),
                             qPrintable(QStringLiteral("call %1, nextBlock(%2)[%3]: %4, next() %5")
                                            .arg(call)
                                            .arg(n)
                                            .arg(i)
                                            .arg(block[static_cast<size_t>(i)], 0, 'g', 17)
                                            .arg(expected, 0, 'g', 17)));
                }
                a = ours.current();
                b = before.current();
                break;
            }
            case 6:
                sameSize = std::array{1, 16, 32, 64}[static_cast<size_t>(pick(4))];
                [[fallthrough]];
            default:
                // Runs of skips of one size, as the control grid makes them.
                a = ours.skip(sameSize);
                b = before.skip(sameSize);
                break;
            }
            QVERIFY2(sameBits(a, b) && sameBits(ours.current(), before.current()),
                     qPrintable(QStringLiteral("call %1: %2 (returned %3), before %4 (returned %5)")
                                    .arg(call)
                                    .arg(ours.current(), 0, 'g', 17)
                                    .arg(a, 0, 'g', 17)
                                    .arg(before.current(), 0, 'g', 17)
                                    .arg(b, 0, 'g', 17)));
        }
    }
};

QTEST_APPLESS_MAIN(TestSmoothing)
#include "tst_smoothing.moc"
