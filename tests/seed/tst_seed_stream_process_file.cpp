// Seed: "Stream Processing for Large Files"
//
//   with StreamProcessor(effects=[Gain(0.8), Normalize(peak=0.95)], chunk_size=65536) as processor:
//       processor.process_file("large_podcast.wav", "normalized_podcast.wav")
//
// In FXRack the chain is an EffectChain (built from the same spec) and processFile() does the
// analysis pass that makes Normalize whole-file, not per chunk.
#include "common/AudioFiles.h"
#include "dsp/ChainSpec.h"
#include "io/StreamProcessor.h"

#include <QTemporaryDir>
#include <QTest>

using namespace fxrack;

class SeedStreamProcessFile : public QObject {
    Q_OBJECT
private slots:
    void processFileNormalisesTheWholePodcast()
    {
        QTemporaryDir dir;
        const auto podcast = dir.filePath("large_podcast.wav").toStdString();
        const auto normalized = dir.filePath("normalized_podcast.wav").toStdString();
        test::writeFile(podcast, test::makeSignal(2, 200000, 48000, 0.4f), SF_FORMAT_WAV | SF_FORMAT_FLOAT);

        // --- the example ---
        io::StreamProcessor processor(dsp::parseChain("Gain(0.8) | Normalize(peak=0.95)"),
                                      /*chunkSize=*/65536);
        processor.processFile(podcast, normalized);
        // --- end ---

        const auto out = test::readFile(normalized);
        QCOMPARE(out.info.frames, sf_count_t(200000));
        QVERIFY(std::fabs(test::maxAbs(out.audio) - 0.95) <= 1e-6);
    }
};

QTEST_GUILESS_MAIN(SeedStreamProcessFile)
#include "tst_seed_stream_process_file.moc"
