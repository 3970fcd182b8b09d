// The chain language (docs/architecture.md) and parameter paths.
#include "dsp/ChainSpec.h"
#include "dsp/Errors.h"

#include <QTest>

using namespace fxrack::dsp;

namespace {

// The message a spec is rejected with, or "" when it parses.
QString errorOf(const std::string& spec)
{
    try {
        parseChain(spec);
    } catch (const ParameterError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestChainSpec : public QObject {
    Q_OBJECT

private slots:
    void seedChainParses()
    {
        auto chain =
            parseChain("HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)");
        QCOMPARE(chain.size(), 4);
        QCOMPARE(chain.at(0).name(), std::string("HiButterworth"));
        QCOMPARE(chain.at(0).param("cutoff"), 80.0);
        QCOMPARE(chain.at(1).param("cutoff"), 8000.0);
        QCOMPARE(chain.at(2).param("gain"), 1.5);
        QCOMPARE(chain.at(3).param("room_size"), 0.3);
        QCOMPARE(chain.at(3).param("mix"), 0.33); // untouched parameters keep their defaults
    }

    void positionalNamedStringsAndBooleans()
    {
        auto chain = parseChain(
            "Gain(6, gain_type=db, clamp=true)|Gain(2,'power')|Delay(bpm=90, delay_time=\"1/8d\")");
        QCOMPARE(chain.at(0).param("gain"), 6.0);
        QCOMPARE(chain.at(0).param("gain_type"), 1.0); // "db" is choice 1
        QCOMPARE(chain.at(0).param("clamp"), 1.0);
        QCOMPARE(chain.at(1).param("gain_type"), 2.0);
        QCOMPARE(chain.at(2).param("bpm"), 90.0);
        QCOMPARE(QString::fromStdString(chain.at(2)
                                            .paramInfo(chain.at(2).findParam("delay_time"))
                                            .formatValue(chain.at(2).param("delay_time"))),
                 QString("1/8d"));
        QCOMPARE(parseChain("  Gain  ").size(), 1); // no parentheses: all defaults
    }

    void errorsNameWhatIsWrongAndWhere_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown effect") << "Gain(1) | Reverbb(0.3)"
                                        << "unknown effect \"Reverbb\" (did you mean \"Reverb\"?)";
        QTest::newRow("column") << "Gain(1) | Reverbb(0.3)"
                                << "column 11";
        QTest::newRow("unknown parameter") << "Reverb(size=0.3)"
                                           << "Reverb has no parameter \"size\"";
        QTest::newRow("out of range") << "Reverb(room_size=3)"
                                      << "Reverb: parameter \"room_size\" = 3 is out of range [0, 1]";
        QTest::newRow("wrong type") << "Reverb(room_size=big)"
                                    << "parameter \"room_size\" must be a number, got \"big\"";
        QTest::newRow("bad choice") << "Gain(1, gain_type=loud)"
                                    << "must be one of amplitude, db, power";
        QTest::newRow("bad bool") << "Gain(1, clamp=maybe)"
                                  << "must be true or false";
        QTest::newRow("not whole") << "Delay(taps=2.5)"
                                   << "parameter \"taps\" must be a whole number";
        QTest::newRow("missing paren") << "Gain(1"
                                       << "missing \")\"";
        QTest::newRow("missing bar") << "Gain(1) Reverb()"
                                     << "expected \"|\" between effects";
        QTest::newRow("empty") << "   "
                               << "is empty";
        QTest::newRow("trailing bar") << "Gain(1) |"
                                      << "expected an effect name after";
        QTest::newRow("trailing bar and space") << "Gain(1) |  "
                                                << "expected an effect name after";
        QTest::newRow("twice") << "Gain(1, gain=2)"
                               << "parameter \"gain\" given twice";
        QTest::newRow("too many") << "Gain(1, 'db', false, 4)"
                                  << "takes at most 3 arguments";
        QTest::newRow("positional after named") << "Gain(gain=1, 'db')"
                                                << "positional argument cannot follow";
        QTest::newRow("negative gain") << "Gain(-2)"
                                       << "negative";
    }
    void errorsNameWhatIsWrongAndWhere()
    {
        QFETCH(QString, spec);
        QFETCH(QString, mentions);
        const QString error = errorOf(spec.toStdString());
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY(!error.contains('\n'));
    }

    void everyEffectParsesBeforeTheRateIsKnown()
    {
        // A chain spec carries no rate: every effect with its defaults and a typical cutoff
        // must parse; rate checks come with prepare().
        for (const auto* type : EffectRegistry::builtin().types()) {
            const auto spec = type->name + (type->findParam("cutoff") >= 0 ? "(cutoff=300)" : "()");
            QVERIFY2(errorOf(spec).isEmpty(), qPrintable(errorOf(spec)));
        }
        QVERIFY(errorOf("DesignableFIR(cutoff=[300, 3000], num_taps=63)").isEmpty());
    }

    void cutoffAtNyquistFailsOnceTheRateIsKnown()
    {
        auto chain = parseChain("LoButterworth(30000)"); // fine while the rate is unknown
        try {
            chain.prepare({48000, 512, 2});
            QFAIL("prepare accepted a cutoff above Nyquist");
        } catch (const ParameterError& e) {
            const QString what = e.what();
            QVERIFY2(what.contains("LoButterworth") && what.contains("cutoff") && what.contains("Nyquist"),
                     qPrintable(what));
        }
        chain.prepare({96000, 512, 2}); // and fine at a rate where it is below Nyquist
    }

    void parameterPathsResolve()
    {
        auto chain = parseChain("LoButterworth(500) | Gain(1.0)");
        const auto address = chain.resolve("0.cutoff");
        QCOMPARE(address.slot, 0);
        QCOMPARE(address.paramId, chain.at(0).findParam("cutoff"));
        QCOMPARE(chain.resolve("1.gain").slot, 1);
        for (const char* bad : {"cutoff", "2.cutoff", "0.gain", "x.cutoff", "0.", ".cutoff", "-1.gain"})
            QVERIFY_THROWS_EXCEPTION(ParameterError, chain.resolve(bad));
        try {
            chain.resolve("0.q");
        } catch (const ParameterError& e) {
            QVERIFY(QString(e.what()).contains("\"0.q\""));
        }
    }

    void formatRoundTrips()
    {
        const auto spec = "HiButterworth(80) | Gain(-3, gain_type=db) | Delay(bpm=100, delay_time=1/4t, "
                          "strategy=ping_pong) | Reverb(room_size=0.3)";
        auto chain = parseChain(spec);
        const auto text = formatChain(chain);
        auto again = parseChain(text);
        QCOMPARE(again.size(), chain.size());
        for (int i = 0; i < chain.size(); ++i)
            for (int p = 0; p < chain.at(i).paramCount(); ++p)
                QCOMPARE(again.at(i).param(p), chain.at(i).param(p));
        QCOMPARE(formatChain(again), text);
    }

    // Every path an effect can hold (from a session or the file field, not only from a spec)
    // formats to a spec that reads back as the same one effect with the same path: the quote
    // doubled inside a quoted text is the quote itself. One of these once formatted to a spec
    // that read back as three effects.
    void everyPathFormatsToASpecThatReadsItBack_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("plain") << "/irs/hall.wav";
        QTest::newRow("single quote") << "/irs/Bob's room.wav";
        QTest::newRow("double quote") << "/irs/the \"live\" room.wav";
        QTest::newRow("both") << "/home/u/Bob's \"live\" room.wav";
        QTest::newRow("a spec inside") << "a', mix=0.5) | Gain(gain=9) | Convolver(ir='b\"";
        QTest::newRow("doubled quotes") << "''\"\"'";
        QTest::newRow("separators and spaces") << " a|b,c) [x] ";
        QTest::newRow("looks like a number") << "1.50";
        QTest::newRow("empty") << "";
    }
    void everyPathFormatsToASpecThatReadsItBack()
    {
        QFETCH(QString, path);
        auto chain = parseChain("Convolver()");
        chain.at(0).setText("ir", path.toStdString());
        const std::string text = formatChain(chain);
        const auto specs = parseChainSpec(text);
        QCOMPARE(specs.size(), size_t{1});
        QCOMPARE(specs[0].type, std::string("Convolver"));
        QCOMPARE(specs[0].texts.size(), size_t{1});
        QCOMPARE(QString::fromStdString(specs[0].texts[0].second), path);
        QCOMPARE(formatChain(buildChain(specs)), text);
    }

    // The escape read directly, and a bare path kept as written even where it reads as a number.
    void quotedTextsAndBarePathsReadAsWritten()
    {
        const auto ir = [](const char* spec) {
            return QString::fromStdString(parseChainSpec(spec)[0].texts[0].second);
        };
        QCOMPARE(ir("Convolver(ir=\"Bob's \"\"live\"\" room.wav\")"), QString("Bob's \"live\" room.wav"));
        QCOMPARE(ir("Convolver(ir='Bob''s room.wav')"), QString("Bob's room.wav"));
        QCOMPARE(ir("Convolver(ir=\"\")"), QString());
        QCOMPARE(ir("Convolver(ir=1.50)"), QString("1.50"));
        QCOMPARE(ir("Convolver(010)"), QString("010"));
        QCOMPARE(ir("Convolver(ir=1e3)"), QString("1e3"));
        QVERIFY(errorOf("Convolver(ir=\"a\"\")").contains("unterminated string"));
        const std::string nul("Convolver(ir=\"a\0b.wav\")", 23);
        QVERIFY2(errorOf(nul).contains("Convolver: parameter \"ir\": a path cannot hold a NUL byte"),
                 qPrintable(errorOf(nul)));
    }

    void deeplyNestedListsAreAnErrorNotACrash()
    {
        const std::string deep = "Gain(" + std::string(200000, '[');
        QVERIFY(errorOf(deep).contains("a list holds numbers only"));
        QVERIFY(errorOf("DesignableFIR(cutoff=[[1, 2], 3])").contains("a list holds numbers only"));
    }

    void tinyAndHugeValuesFormatExactly()
    {
        // Subnormals and extremes print and read back exactly (std::stod threw on subnormals).
        for (double gain : {1e-310, 5e-324, 0.3, 999.999999999})
            QCOMPARE(parseChain(formatChain(parseChain("Gain(" + std::to_string(gain) + ")"))).at(0).param(0),
                     parseChain("Gain(" + std::to_string(gain) + ")").at(0).param(0));
        auto chain = parseChain("Gain(5e-324)");
        QVERIFY(QString::fromStdString(formatChain(chain)).contains("gain=5e-324"));
    }

    void unknownEffectSuggestionIgnoresCase()
    {
        QVERIFY(errorOf("gain(2)").contains("did you mean \"Gain\"?"));
    }
};

QTEST_APPLESS_MAIN(TestChainSpec)
#include "tst_chainspec.moc"
