// The block-decomposed IIR (the GPU's time-parallel filter) equals the sequential filter.
#include "cuda/BlockIir.h"
#include "dsp/ChainSpec.h"
#include "dsp/effects/SosEffect.h"
#include "io/ComputeDevice.h"

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

    // The CPU's time-parallel filter (one long mono channel over cores) equals the sequential one.
    void parallelBlockDecompositionEqualsSequentialFilter_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("blockLength");
        QTest::addColumn<int>("frames");
        QTest::newRow("2 threads, 4096-frame blocks") << 2 << 4096 << 300007;
        QTest::newRow("4 threads, 1000-frame blocks") << 4 << 1000 << 123457;
        QTest::newRow("8 threads, 64-frame blocks") << 8 << 64 << 50000;
        QTest::newRow("more threads than blocks") << 16 << 4096 << 10000;
        QTest::newRow("1 thread") << 1 << 512 << 7777;
    }
    void parallelBlockDecompositionEqualsSequentialFilter()
    {
        QFETCH(int, threads);
        QFETCH(int, blockLength);
        QFETCH(int, frames);
        const auto sections = seedSections();
        auto x = noise(frames);
        std::vector<double> reference = x;
        std::vector<double> refState(sections.size() * 2, 0.0);
        for (size_t q = 0; q < sections.size(); ++q)
            cuda::sosRun(sections[q], reference.data(), reference.data(), frames, &refState[2 * q]);

        std::vector<double> state(sections.size() * 2, 0.0);
        const int first = frames / 2 + 13;
        cuda::blockIirCascadeParallel(sections.data(), int(sections.size()), x.data(), first, blockLength,
                                      state.data(), threads);
        cuda::blockIirCascadeParallel(sections.data(), int(sections.size()), x.data() + first, frames - first,
                                      blockLength, state.data(), threads);
        double worst = 0;
        for (int i = 0; i < frames; ++i)
            worst = std::max(worst, std::fabs(x[size_t(i)] - reference[size_t(i)]));
        QVERIFY2(worst <= 1e-6, qPrintable(QString::number(worst)));
        for (size_t i = 0; i < state.size(); ++i)
            QVERIFY(std::fabs(state[i] - refState[i]) <= 1e-6);
    }

    // The same against the dsp layer's own filter (the CPU path a job runs), on float audio.
    void blockDecompositionMatchesTheDspSosFilter()
    {
        const auto chain = dsp::parseChain("HiChebyshev1(100, order=6) | LoButterworth(6000, order=8)");
        const int frames = 96000;
        auto x = noise(frames);
        std::vector<float> audio(x.begin(), x.end());
        std::vector<cuda::Sos> sections;
        for (int e = 0; e < chain.size(); ++e) {
            auto& sos = dynamic_cast<dsp::SosEffect&>(chain.at(e));
            sos.prepare(dsp::ProcessSpec{48000.0, 4096, 1});
            const auto& c = sos.currentCoefficients();
            for (int k = 0; k < c.count; ++k)
                sections.push_back({c[k].b0, c[k].b1, c[k].b2, c[k].a1, c[k].a2});
        }
        for (int e = 0; e < chain.size(); ++e) {
            float* channels[] = {audio.data()};
            dsp::AudioBlock block(channels, 1, frames);
            chain.at(e).process(block);
        }
        std::vector<double> state(sections.size() * 2, 0.0);
        std::vector<double> y(x.begin(), x.end());
        // The dsp filter rounds to float between effects; so does this, effect by effect.
        int offset = 0;
        for (int e = 0; e < chain.size(); ++e) {
            const int count = dynamic_cast<dsp::SosEffect&>(chain.at(e)).currentCoefficients().count;
            cuda::blockIirCascadeParallel(sections.data() + offset, count, y.data(), frames, 2048,
                                          state.data() + 2 * offset, 2);
            for (auto& v : y)
                v = static_cast<float>(v);
            offset += count;
        }
        double worst = 0;
        for (int i = 0; i < frames; ++i)
            worst = std::max(worst, std::fabs(y[size_t(i)] - audio[size_t(i)]));
        QVERIFY2(worst <= 1e-6, qPrintable(QString::number(worst)));
    }

    void cudaRequestFallsBackToCpuWithAReasonWhenNoGpuIsUsable()
    {
        const auto chain = dsp::parseChain("Gain(0.5)");
        const auto cpu = io::chooseComputeDevice(io::ComputeDevice::Cpu, chain);
        QCOMPARE(cpu.device, io::ComputeDevice::Cpu);
        QVERIFY(cpu.reason.empty());
        for (auto requested : {io::ComputeDevice::Cuda, io::ComputeDevice::Auto}) {
            const auto choice = io::chooseComputeDevice(requested, chain);
            QVERIFY(choice.device != io::ComputeDevice::Auto);
            if (choice.device == io::ComputeDevice::Cpu)
                QVERIFY(!choice.reason.empty());
        }
        if (!io::cudaCompiledIn())
            QCOMPARE(io::chooseComputeDevice(io::ComputeDevice::Cuda, chain).device, io::ComputeDevice::Cpu);
    }

    void deviceNamesParse()
    {
        QCOMPARE(io::parseComputeDevice("CUDA"), std::optional(io::ComputeDevice::Cuda));
        QCOMPARE(io::parseComputeDevice("auto"), std::optional(io::ComputeDevice::Auto));
        QCOMPARE(io::parseComputeDevice("cpu"), std::optional(io::ComputeDevice::Cpu));
        QVERIFY(!io::parseComputeDevice("tpu"));
    }
};

QTEST_GUILESS_MAIN(TestBlockIir)
#include "tst_block_iir.moc"
