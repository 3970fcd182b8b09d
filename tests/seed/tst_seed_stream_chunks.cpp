// Seed: "Generator API"
//
//   with StreamProcessor(effects=[Gain(0.5)], chunk_size=65536) as processor:
//       for chunk in processor.process_chunks("large_file.wav"):
//           print(f"Chunk: {chunk.shape}, max={chunk.abs().max():.3f}")
//
// In FXRack chunks() is an input range of AudioBlock views (channels x chunk frames).
#include "common/AudioFiles.h"
#include "dsp/ChainSpec.h"
#include "io/StreamProcessor.h"

#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace fxrack;

class SeedStreamChunks : public QObject {
    Q_OBJECT
private slots:
    void chunksYieldsChannelsByChunkBlocks()
    {
        QTemporaryDir dir;
        const auto file = dir.filePath("large_file.wav").toStdString();
        test::writeFile(file, test::makeSignal(2, 150000, 48000, 0.8f), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        const double inputPeak = test::maxAbs(test::readFile(file).audio);

        // --- the example ---
        io::StreamProcessor processor(dsp::parseChain("Gain(0.5)"), /*chunkSize=*/65536);
        int chunks = 0;
        double peak = 0.0;
        for (const dsp::AudioBlock& chunk : processor.chunks(file)) {
            float max = 0.0f;
            for (int c = 0; c < chunk.numChannels(); ++c)
                for (int i = 0; i < chunk.numFrames(); ++i)
                    max = std::max(max, std::fabs(chunk.at(c, i)));
            std::printf("Chunk: (%d, %d), max=%.3f\n", chunk.numChannels(), chunk.numFrames(), max);
            // --- end ---
            QCOMPARE(chunk.numChannels(), 2);
            QCOMPARE(chunk.numFrames(), chunks < 2 ? 65536 : 150000 - 2 * 65536);
            peak = std::max(peak, double(max));
            ++chunks;
        }
        QCOMPARE(chunks, 3);
        QVERIFY(std::fabs(peak - 0.5 * inputPeak) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(SeedStreamChunks)
#include "tst_seed_stream_chunks.moc"
