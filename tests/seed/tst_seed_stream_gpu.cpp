// Seed: "GPU Acceleration"
//
//   with StreamProcessor(effects=[Gain(0.5)], chunk_size=131072, device="cuda") as processor:
//       processor.process_file("input.wav", "output.wav")
//
// In FXRack a CUDA request runs on the GPU when this build has CUDA and a device is present;
// otherwise on the CPU, and the report says why. The output is the same either way.
#include "common/AudioFiles.h"
#include "dsp/ChainSpec.h"
#include "io/StreamProcessor.h"

#include <QTemporaryDir>
#include <QTest>

using namespace fxrack;

class SeedStreamGpu : public QObject {
    Q_OBJECT
private slots:
    void cudaRequestProcessesTheFileOnTheGpuOrSaysWhyNot()
    {
        QTemporaryDir dir;
        const auto input = dir.filePath("input.wav").toStdString();
        const auto output = dir.filePath("output.wav").toStdString();
        const auto signal = test::makeSignal(2, 300000, 48000, 0.8f);
        test::writeFile(input, signal, SF_FORMAT_WAV | SF_FORMAT_FLOAT);

        // --- the example ---
        io::StreamProcessor processor(dsp::parseChain("Gain(0.5)"), /*chunkSize=*/131072,
                                      io::ComputeDevice::Cuda);
        const io::ProcessReport report = processor.processFile(input, output);
        // --- end ---

        if (report.device.device == io::ComputeDevice::Cpu)
            QVERIFY(!report.device.reason.empty());
        auto expected = signal;
        for (auto& ch : expected)
            for (auto& x : ch)
                x *= 0.5f;
        QVERIFY(test::maxDifference(test::readFile(output).audio, expected) <= 1e-6);
    }
};

QTEST_GUILESS_MAIN(SeedStreamGpu)
#include "tst_seed_stream_gpu.moc"
