// The block-decomposed IIR (the GPU's time-parallel filter) equals the sequential filter.
#include "cuda/BlockIir.h"
#include "dsp/ChainSpec.h"
#include "io/Device.h"

#include <QTest>
#include <cmath>
#include <random>

using namespace fxrack;

namespace {

// A 4th-order Butterworth high-pass at 80 Hz and low-pass at 8 kHz (fs 48 kHz), as 4 sections
// (scipy.signal.butter(2, ..., output='sos') per pair).
std::vector<cuda::Sos> seedSections()
{
    auto butter2 = [](double fc, double fs, bool high) {
        const double k = std::tan(M_PI * fc / fs);
        const double norm = 1.0 / (1.0 + std::sqrt(2.0) * k + k * k);
        cuda::Sos s{};
        if (high) {
            s.b0 = norm;
            s.b1 = -2 * norm;
            s.b2 = norm;
        } else {
            s.b0 = k * k * norm;
            s.b1 = 2 * s.b0;
            s.b2 = s.b0;
        }
        s.a1 = 2 * (k * k - 1) * norm;
        s.a2 = (1 - std::sqrt(2.0) * k + k * k) * norm;
        return s;
    };
    return {butter2(80, 48000, true), butter2(80, 48000, true), butter2(8000, 48000, false),
            butter2(8000, 48000, false)};
}

std::vector<double> noise(int n)
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> d(-1.0, 1.0);
    std::vector<double> x(static_cast<size_t>(n));
    for (auto& v : x)
        v = d(rng);
    return x;
}

} // namespace

class TestBlockIir : public QObject {
    Q_OBJECT

private slots:
    void blockDecomposedCascadeEqualsSequentialFilter_data()
    {
        QTest::addColumn<int>("blockLength");
        QTest::addColumn<int>("frames");
        QTest::newRow("1-frame blocks") << 1 << 5000;
        QTest::newRow("64-frame blocks, ragged end") << 64 << 100003;
        QTest::newRow("4096-frame blocks") << 4096 << 200000;
        QTest::newRow("block longer than the signal") << (1 << 20) << 1000;
    }
    void blockDecomposedCascadeEqualsSequentialFilter()
    {
        QFETCH(int, blockLength);
        QFETCH(int, frames);
        const auto sections = seedSections();
        auto x = noise(frames);
        std::vector<double> reference = x;
        std::vector<double> refState(sections.size() * 2, 0.0);
        for (size_t q = 0; q < sections.size(); ++q)
            cuda::sosRun(sections[q], reference.data(), reference.data(), frames, &refState[2 * q]);

        // In two calls, so the carried state is proven too.
        std::vector<double> state(sections.size() * 2, 0.0);
        const int half = frames / 3;
        cuda::blockIirCascade(sections.data(), int(sections.size()), x.data(), half, blockLength,
                              state.data());
        cuda::blockIirCascade(sections.data(), int(sections.size()), x.data() + half, frames - half,
                              blockLength, state.data());
        double worst = 0;
        for (int i = 0; i < frames; ++i)
            worst = std::max(worst, std::fabs(x[size_t(i)] - reference[size_t(i)]));
        QVERIFY2(worst <= 1e-6, qPrintable(QString::number(worst)));
        for (size_t i = 0; i < state.size(); ++i)
            QVERIFY(std::fabs(state[i] - refState[i]) <= 1e-6);
    }

    void cudaRequestFallsBackToCpuWithAReasonWhenNoGpuIsUsable()
    {
        const auto chain = dsp::parseChain("Gain(0.5)");
        const auto cpu = io::chooseDevice(io::Device::Cpu, chain);
        QCOMPARE(cpu.device, io::Device::Cpu);
        QVERIFY(cpu.reason.empty());
        for (auto requested : {io::Device::Cuda, io::Device::Auto}) {
            const auto choice = io::chooseDevice(requested, chain);
            QVERIFY(choice.device != io::Device::Auto);
            if (choice.device == io::Device::Cpu)
                QVERIFY(!choice.reason.empty());
        }
        if (!io::cudaCompiledIn())
            QCOMPARE(io::chooseDevice(io::Device::Cuda, chain).device, io::Device::Cpu);
    }

    void deviceNamesParse()
    {
        QCOMPARE(io::parseDevice("CUDA"), std::optional(io::Device::Cuda));
        QCOMPARE(io::parseDevice("auto"), std::optional(io::Device::Auto));
        QCOMPARE(io::parseDevice("cpu"), std::optional(io::Device::Cpu));
        QVERIFY(!io::parseDevice("tpu"));
    }
};

QTEST_GUILESS_MAIN(TestBlockIir)
#include "tst_block_iir.moc"
