// fxrack-cli --version, --help and effects [--json], as docs/architecture.md gives them.
#include "FxrackVersion.h"
#include "common/CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using fxrack::test::runCli;

class TestCliEffects : public QObject {
    Q_OBJECT

private slots:
    void versionComesFromTheProjectVersion()
    {
        const auto r = runCli({"--version"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QString("fxrack-cli " FXRACK_VERSION));
    }

    void everySubcommandHasHelp()
    {
        for (const char* command : {"effects", "process", "batch", "live", "devices"}) {
            const auto r = runCli({command, "--help"});
            QVERIFY2(r.exitCode == 0, command);
            QVERIFY2(r.out.contains("usage: fxrack-cli " + QString(command)), qPrintable(r.out));
        }
    }

    void processAndBatchDescribeTheirSharedOptionsAlike()
    {
        const auto process = runCli({"process", "--help"});
        const auto batch = runCli({"batch", "--help"});
        for (const char* line :
             {"  --chain SPEC          the effect chain", "  --chunk-size N        frames per chunk",
              "  --tail SECONDS        run the chain on silence", "  --progress            draw"}) {
            QVERIFY2(process.out.contains(line), line);
            QVERIFY2(batch.out.contains(line), line);
        }
        QVERIFY(process.out.contains("exit codes: 0 done"));
        QVERIFY(batch.out.contains("  --jobs N              files at once"));
        QVERIFY(!process.out.contains("--jobs"));
    }

    void aFlagGivenTwiceTakesTheLastValueAndALimitIsTheSessionsToo()
    {
        auto r = runCli({"batch", "in.wav", "--out", "/nonexistent", "--chain", "Gain", "--jobs", "257"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--jobs") && r.err.contains("256"), qPrintable(r.err));
        r = runCli({"effects", "--json", "--json"});
        QCOMPARE(r.exitCode, 0);
    }

    void unknownCommandOrOptionIsAUsageError()
    {
        auto r = runCli({"frobnicate"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown command \"frobnicate\""));
        QCOMPARE(r.err.count('\n'), 1);
        r = runCli({"effects", "--yaml"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown option \"--yaml\" for effects"), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
    }

    void effectsJsonHasTheContractShape()
    {
        const auto r = runCli({"effects", "--json"});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error{};
        const auto doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const auto effects = doc.array();
        QVERIFY(effects.size() >= 29);
        bool sawCutoff = false;
        bool sawAttack = false;
        for (const auto& e : effects) {
            const auto o = e.toObject();
            QVERIFY(o["name"].isString());
            QVERIFY(o["category"].isString());
            for (const auto& p : o["parameters"].toArray()) {
                const auto param = p.toObject();
                for (const char* key :
                     {"name", "unit", "default", "min", "max", "scale", "continuous", "smoothing", "ramp_ms"})
                    QVERIFY2(param.contains(key), key);
                if (o["name"] == "LoButterworth" && param["name"] == "cutoff") {
                    sawCutoff = true;
                    QCOMPARE(param["unit"].toString(), QString("Hz"));
                    QCOMPARE(param["scale"].toString(), QString("log"));
                    QCOMPARE(param["continuous"].toBool(), true);
                    QCOMPARE(param["smoothing"].toString(), QString("multiplicative"));
                    QCOMPARE(param["ramp_ms"].toDouble(), 50.0);
                }
                if (o["name"] == "Compressor" && param["name"] == "attack_ms") {
                    sawAttack = true;
                    QCOMPARE(param["smoothing"].toString(), QString("multiplicative")); // a time constant
                }
                if (o["name"] == "Chorus" && param["name"] == "mix")
                    QCOMPARE(param["smoothing"].toString(), QString("linear"));
                if (o["name"] == "LoButterworth" && param["name"] == "order") {
                    QCOMPARE(param["smoothing"].toString(), QString("none")); // structural
                    QCOMPARE(param["ramp_ms"].toDouble(), 0.0);
                }
                if (o["name"] == "Gain" && param["name"] == "gain_type")
                    QCOMPARE(param["default"].toString(), QString("amplitude"));
            }
        }
        QVERIFY(sawCutoff);
        QVERIFY(sawAttack);
    }

    void effectsTextListsDefaultsAndRanges()
    {
        const auto r = runCli({"effects"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Reverb (effect)"));
        QVERIFY(r.out.contains("room_size = 0.5"));
        QVERIFY(r.out.contains("(structural)"));
    }
};

QTEST_GUILESS_MAIN(TestCliEffects)
#include "tst_cli_effects.moc"
