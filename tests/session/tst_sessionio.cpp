#include "dsp/ChainSpec.h"
#include "dsp/Errors.h"
#include "session/DeviceFallback.h"
#include "session/SessionIo.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace fxrack;
using namespace fxrack::session;

namespace {

const dsp::EffectRegistry& registry()
{
    return dsp::EffectRegistry::builtin();
}

// A minimal valid document with `rack` spliced in.
QByteArray documentWith(const QByteArray& rack, const QByteArray& more = {})
{
    return R"({"format": "fxrack-session", "format_version": 1, "audio": {"sample_rate": 48000}, "rack": )" +
           rack + more + "}";
}

// The error parse() throws for `json`; fails the test when it parses.
SessionError parseError(const QByteArray& json)
{
    try {
        (void)SessionIo::parse(json);
    } catch (const SessionError& e) {
        return e;
    }
    return SessionError(SessionError::Kind::File, QStringLiteral("<none>"),
                        QStringLiteral("parsed without error"));
}

// Candidate values that differ from the default, most interesting first.
std::vector<double> candidatesFor(const dsp::ParamInfo& info)
{
    std::vector<double> out;
    if (info.unit == dsp::Unit::Choice) {
        for (size_t i = info.choices.size(); i-- > 0;)
            out.push_back(static_cast<double>(i));
    } else if (info.unit == dsp::Unit::Bool) {
        out.push_back(info.defaultValue != 0.0 ? 0.0 : 1.0);
    } else {
        // Stay below Nyquist at the 48 kHz the test sessions run at.
        const double max = info.unit == dsp::Unit::Hz ? std::min(info.maxValue, 20000.0) : info.maxValue;
        for (double f : {0.37, 0.61, 0.13, 0.9, 0.01, 1.0, 0.0}) {
            double v = info.minValue + f * (max - info.minValue);
            if (info.isDiscrete())
                v = std::round(v);
            else
                v = std::round(v * 1000.0) / 1000.0 + 0.000123; // not a round number: tests the printing
            v = std::clamp(v, info.minValue, max);
            out.push_back(v);
        }
    }
    std::erase(out, info.defaultValue);
    return out;
}

} // namespace

class TestSessionIo : public QObject {
    Q_OBJECT

private slots:
    void everyParameterOfEveryEffectRoundTrips();
    void wholeCatalogueSessionIsByteStable();
    void writerOrdersKeysAndUsesNamesForChoicesAndBools();
    void missingParameterTakesItsDefault();
    void missingSectionsTakeDefaults();
    void parameterAliasIsAcceptedAndWrittenAsItsName();
    void unknownExtraKeysAreKeptAndWrittenBack();
    void unknownEffectIsRefusedWithSuggestion();
    void cutoffAboveNyquistNamesFieldAndRate();
    void newerFormatVersionNamesBothVersions();
    void errorCasesNameFieldPath_data();
    void errorCasesNameFieldPath();
    void duplicateIdIsRefusedAndMissingIdsAreGenerated();
    void syntaxErrorGivesLineAndColumn();
    void saveIsAtomicAndLoadSaveGivesSameBytes();
    void saveToImpossiblePathReportsFileError();
    void readErrorNamesTheFile();
    void chainFromSessionCarriesParamsAndBypass();
    void rackFromChainRoundTripsThroughChainSpec();
    void missingDeviceFallsBackToDefaultWithNotice();
    void version1FixtureStillLoads();
};

void TestSessionIo::everyParameterOfEveryEffectRoundTrips()
{
    int checked = 0;
    for (const dsp::EffectType* type : registry().types()) {
        for (const auto& info : type->params) {
            if (info.isText()) {
                // A text parameter (an IR path) round-trips as its text.
                Session session;
                RackEntry entry = RackEntry::defaults(type->name);
                entry.setText(info.name, "irs/cab \"1\".wav");
                session.append(entry);
                const QByteArray bytes = SessionIo::serialize(session);
                const Session loaded = SessionIo::parse(bytes);
                QCOMPARE(loaded.rack.at(0).text(info.name), entry.text(info.name));
                QCOMPARE(SessionIo::serialize(loaded), bytes);
                ++checked;
                continue;
            }
            bool roundTripped = false;
            QString lastError;
            for (double value : candidatesFor(info)) {
                Session session;
                RackEntry entry = RackEntry::defaults(type->name);
                entry.setParam(info.name, value);
                try {
                    (void)entry.buildEffect(registry(), session.audio.sampleRateHz);
                } catch (const dsp::ParameterError& e) {
                    lastError = QString::fromUtf8(e.what());
                    continue; // a cross-parameter rule refuses this one; try the next value
                }
                session.append(entry);
                const QByteArray bytes = SessionIo::serialize(session);
                Session loaded;
                try {
                    loaded = SessionIo::parse(bytes);
                } catch (const SessionError& e) {
                    QFAIL(qPrintable(
                        QStringLiteral("%1.%2=%3: %4\n%5")
                            .arg(QString::fromStdString(type->name), QString::fromStdString(info.name))
                            .arg(value)
                            .arg(e.message(), QString::fromUtf8(bytes))));
                }
                QCOMPARE(loaded.rack.size(), size_t(1));
                QCOMPARE(loaded.rack[0].type, type->name);
                const auto got = loaded.rack[0].param(info.name);
                QVERIFY2(got.has_value(), info.name.c_str());
                // Exact: the writer prints the shortest text that reads back as the same double.
                QCOMPARE(*got, value);
                QCOMPARE(loaded.rack[0].params, entry.params);
                QCOMPARE(SessionIo::serialize(loaded), bytes);
                roundTripped = true;
                ++checked;
                break;
            }
            QVERIFY2(roundTripped, qPrintable(QStringLiteral("%1.%2: no non-default value was accepted (%3)")
                                                  .arg(QString::fromStdString(type->name),
                                                       QString::fromStdString(info.name), lastError)));
        }
    }
    QVERIFY(checked >= 60); // the whole catalogue, not an empty registry
}

void TestSessionIo::wholeCatalogueSessionIsByteStable()
{
    Session session;
    session.audio.inputDevice = QStringLiteral("Scarlett 2i2 \"USB\" \\ µ");
    session.batch.tailSeconds = 2.5;
    for (const dsp::EffectType* type : registry().types())
        session.append(RackEntry::defaults(type->name));
    session.rack[1].bypass = true;
    const QByteArray first = SessionIo::serialize(session);
    const Session loaded = SessionIo::parse(first);
    QCOMPARE(loaded.rack.size(), registry().types().size());
    QCOMPARE(loaded.audio, session.audio);
    QCOMPARE(loaded.batch, session.batch);
    QCOMPARE(loaded.rack, session.rack);
    QCOMPARE(SessionIo::serialize(loaded), first);
    // It is plain JSON any other tool reads.
    QVERIFY(QJsonDocument::fromJson(first).isObject());
}

void TestSessionIo::writerOrdersKeysAndUsesNamesForChoicesAndBools()
{
    Session session;
    RackEntry gain = RackEntry::defaults("Gain");
    gain.setParam("gain", -6);
    gain.setParam("gain_type", 1);
    gain.setParam("clamp", 1);
    session.append(gain);
    const QString text = QString::fromUtf8(SessionIo::serialize(session));
    QVERIFY(
        text.startsWith(QStringLiteral("{\n  \"format\": \"fxrack-session\",\n  \"format_version\": 1,\n")));
    QVERIFY(text.indexOf(u"\"audio\"") < text.indexOf(u"\"rack\""));
    QVERIFY(text.indexOf(u"\"rack\"") < text.indexOf(u"\"batch\""));
    QVERIFY2(text.contains(QStringLiteral("\"gain_type\": \"db\"")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("\"clamp\": true")));
    QVERIFY(text.contains(QStringLiteral("\"gain\": -6,")));
    QVERIFY(text.contains(QStringLiteral("\"id\": \"gain-1\"")));
    QVERIFY(text.endsWith(QStringLiteral("}\n")));
}

void TestSessionIo::missingParameterTakesItsDefault()
{
    const Session s =
        SessionIo::parse(documentWith(R"([{"type": "HiButterworth", "params": {"cutoff": 80}}])"));
    QCOMPARE(s.rack.size(), size_t(1));
    QCOMPARE(s.rack[0].param("cutoff").value(), 80.0);
    QCOMPARE(s.rack[0].param("order").value(), registry().find("HiButterworth")->params[1].defaultValue);
    QCOMPARE(s.rack[0].bypass, false);
}

void TestSessionIo::missingSectionsTakeDefaults()
{
    const Session s = SessionIo::parse(R"({"format": "fxrack-session", "format_version": 1})");
    QCOMPARE(s.audio, AudioSettings{});
    QCOMPARE(s.batch, BatchSettings{});
    QVERIFY(s.rack.empty());
}

void TestSessionIo::parameterAliasIsAcceptedAndWrittenAsItsName()
{
    const Session s =
        SessionIo::parse(documentWith(R"([{"type": "LoChebyshev2", "params": {"ripple": 55}}])"));
    QCOMPARE(s.rack[0].param("attenuation").value(), 55.0);
    const QByteArray bytes = SessionIo::serialize(s);
    QVERIFY(bytes.contains("\"attenuation\": 55"));
    QVERIFY(!bytes.contains("\"ripple\""));
}

void TestSessionIo::unknownExtraKeysAreKeptAndWrittenBack()
{
    const QByteArray json =
        R"({"format": "fxrack-session", "format_version": 1, "x_top": {"b": [1, "two", null], "a": true},
        "audio": {"x_audio": "hello"},
        "rack": [{"type": "Gain", "x_entry": 3.5, "params": {}}],
        "batch": {"x_batch": [1, 2]}})";
    const Session s = SessionIo::parse(json);
    QCOMPARE(s.extras.value(QStringLiteral("x_top")).toObject().value(QStringLiteral("a")).toBool(), true);
    QCOMPARE(s.audio.extras.value(QStringLiteral("x_audio")).toString(), QStringLiteral("hello"));
    QCOMPARE(s.rack[0].extras.value(QStringLiteral("x_entry")).toDouble(), 3.5);
    QCOMPARE(s.batch.extras.value(QStringLiteral("x_batch")).toArray().size(), 2);
    // Written back, and still there after another round.
    const QByteArray saved = SessionIo::serialize(s);
    const Session again = SessionIo::parse(saved);
    QCOMPARE(again.extras, s.extras);
    QCOMPARE(again.audio.extras, s.audio.extras);
    QCOMPARE(again.rack[0].extras, s.rack[0].extras);
    QCOMPARE(again.batch.extras, s.batch.extras);
    QCOMPARE(SessionIo::serialize(again), saved);
    QVERIFY(saved.contains("\"x_top\""));
}

void TestSessionIo::unknownEffectIsRefusedWithSuggestion()
{
    const QByteArray rack = R"([{"type": "Gain"}, {"type": "Gain"}, {"type": "Gain"}, {"type": "Gain"},
        {"type": "Chorusx"}])";
    const SessionError e = parseError(documentWith(rack));
    QCOMPARE(e.kind(), SessionError::Kind::Field);
    QCOMPARE(e.field(), QStringLiteral("rack[4].type"));
    QCOMPARE(e.message(),
             QStringLiteral("rack[4].type: unknown effect \"Chorusx\" (did you mean \"Chorus\"?)"));
}

void TestSessionIo::cutoffAboveNyquistNamesFieldAndRate()
{
    const QByteArray rack = R"([{"type": "Gain"}, {"type": "Gain"},
        {"type": "HiButterworth", "params": {"cutoff": 30000}}])";
    const SessionError e = parseError(documentWith(rack));
    QCOMPARE(e.field(), QStringLiteral("rack[2].params.cutoff"));
    QVERIFY2(e.message().startsWith(
                 QStringLiteral("rack[2].params.cutoff: 30000 Hz is above Nyquist for 48000 Hz")),
             qPrintable(e.message()));
    // The same cutoff is fine at 96 kHz.
    const Session ok = SessionIo::parse(
        R"({"format": "fxrack-session", "format_version": 1, "audio": {"sample_rate": 96000},
            "rack": [{"type": "HiButterworth", "params": {"cutoff": 30000}}]})");
    QCOMPARE(ok.rack[0].param("cutoff").value(), 30000.0);
}

void TestSessionIo::newerFormatVersionNamesBothVersions()
{
    const SessionError e = parseError(R"({"format": "fxrack-session", "format_version": 7, "rack": []})");
    QCOMPARE(e.kind(), SessionError::Kind::Version);
    QCOMPARE(e.field(), QStringLiteral("format_version"));
    QVERIFY2(e.reason().contains(QStringLiteral("version 7")), qPrintable(e.message()));
    QVERIFY2(e.reason().contains(QStringLiteral("up to 1")), qPrintable(e.message()));
}

void TestSessionIo::errorCasesNameFieldPath_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reasonContains");
    const QByteArray head = R"({"format": "fxrack-session", "format_version": 1, )";
    QTest::newRow("not a session") << QByteArray(R"({"format": "fxrack-preset", "format_version": 1})")
                                   << "format"
                                   << "expected \"fxrack-session\"";
    // A \u escape can spell a lone surrogate, which no text holds (found by the fuzzer).
    QTest::newRow("lone surrogate in an extra key")
        << QByteArray(R"({"format": "fxrack-session", "format_version": 1, "batch": {"\ud800": 1}})")
        << "batch"
        << "lone surrogate";
    QTest::newRow("lone surrogate in a value")
        << QByteArray(R"({"format": "fxrack-session", "format_version": 1, "x": ["ok", "\udfff"]})") << "x[1]"
        << "lone surrogate";
    QTest::newRow("no format") << QByteArray(R"({"format_version": 1})") << "format"
                               << "missing";
    QTest::newRow("no version") << QByteArray(R"({"format": "fxrack-session"})") << "format_version"
                                << "missing";
    QTest::newRow("version 0") << QByteArray(R"({"format": "fxrack-session", "format_version": 0})")
                               << "format_version"
                               << "not a format version";
    QTest::newRow("version text") << QByteArray(R"({"format": "fxrack-session", "format_version": "1"})")
                                  << "format_version"
                                  << "whole number";
    QTest::newRow("rate too low") << head + R"("audio": {"sample_rate": 1000}})"
                                  << "audio.sample_rate"
                                  << "1000 is out of range [8000, 384000]";
    QTest::newRow("rate fractional") << head + R"("audio": {"sample_rate": 44100.5}})"
                                     << "audio.sample_rate"
                                     << "whole number";
    QTest::newRow("buffer text") << head + R"("audio": {"buffer_size": "128"}})"
                                 << "audio.buffer_size"
                                 << "got \"128\"";
    QTest::newRow("api unknown") << head + R"("audio": {"api": "jackk"}})"
                                 << "audio.api"
                                 << "\"jackk\" is not one of";
    QTest::newRow("no channels") << head + R"("audio": {"channels_in": 0, "channels_out": 0}})"
                                 << "audio.channels_out"
                                 << "no audio";
    QTest::newRow("audio not object") << head + R"("audio": [1]})"
                                      << "audio"
                                      << "expected an object";
    QTest::newRow("rack not array") << head + R"("rack": {}})"
                                    << "rack"
                                    << "expected an array";
    QTest::newRow("entry not object") << head + R"("rack": [3]})"
                                      << "rack[0]"
                                      << "expected an object";
    QTest::newRow("no type") << head + R"("rack": [{"params": {}}]})"
                             << "rack[0].type"
                             << "missing";
    QTest::newRow("unknown param") << head +
                                          R"("rack": [{"type": "HiButterworth", "params": {"cutof": 80}}]})"
                                   << "rack[0].params.cutof"
                                   << "has no parameter \"cutof\" (it has cutoff, order, mix)";
    QTest::newRow("param out of range")
        << head + R"("rack": [{"type": "HiButterworth", "params": {"order": 40}}]})"
        << "rack[0].params.order"
        << "40 is out of range [1, 16]";
    QTest::newRow("param not whole")
        << head + R"("rack": [{"type": "HiButterworth", "params": {"order": 2.5}}]})"
        << "rack[0].params.order"
        << "whole number";
    QTest::newRow("param wrong type") << head + R"("rack": [{"type": "Reverb", "params": {"mix": "lots"}}]})"
                                      << "rack[0].params.mix"
                                      << "expected a number, got \"lots\"";
    QTest::newRow("choice unknown") << head +
                                           R"("rack": [{"type": "Gain", "params": {"gain_type": "volts"}}]})"
                                    << "rack[0].params.gain_type"
                                    << "\"volts\" is not one of amplitude, db, power";
    QTest::newRow("choice as number") << head + R"("rack": [{"type": "Gain", "params": {"gain_type": 1}}]})"
                                      << "rack[0].params.gain_type"
                                      << "1 is not one of";
    QTest::newRow("bool as number") << head + R"("rack": [{"type": "Gain", "params": {"clamp": 1}}]})"
                                    << "rack[0].params.clamp"
                                    << "expected true or false";
    QTest::newRow("bypass text") << head + R"("rack": [{"type": "Gain", "bypass": "no"}]})"
                                 << "rack[0].bypass"
                                 << "expected true or false";
    QTest::newRow("cross-param rule") << head + R"("rack": [{"type": "Gain", "params": {"gain": -3}}]})"
                                      << "rack[0].params.gain"
                                      << "negative";
    QTest::newRow("alias twice")
        << head + R"("rack": [{"type": "LoChebyshev2", "params": {"ripple": 30, "attenuation": 40}}]})"
        << "rack[0].params.ripple"
        << "given twice";
    QTest::newRow("empty id") << head + R"("rack": [{"type": "Gain", "id": " "}]})"
                              << "rack[0].id"
                              << "empty";
    QTest::newRow("batch format") << head + R"("batch": {"format": "mp4"}})"
                                  << "batch.format"
                                  << "\"mp4\" is not one of same, wav, flac, ogg, aiff, opus, mp3";
    QTest::newRow("batch device") << head + R"("batch": {"device": "tpu"}})"
                                  << "batch.device"
                                  << "not one of";
    QTest::newRow("batch jobs") << head + R"("batch": {"jobs": 0}})"
                                << "batch.jobs"
                                << "out of range";
    QTest::newRow("batch tail") << head + R"("batch": {"tail_seconds": -1}})"
                                << "batch.tail_seconds"
                                << "out of range";
    QTest::newRow("batch suffix") << head + R"("batch": {"suffix": "a/b"}})"
                                  << "batch.suffix"
                                  << "\"/\"";
    QTest::newRow("top not object") << QByteArray("[1, 2]") << ""
                                    << "top level";
}

void TestSessionIo::errorCasesNameFieldPath()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, reasonContains);
    const SessionError e = parseError(json);
    QCOMPARE(e.field(), field);
    QVERIFY2(e.reason().contains(reasonContains), qPrintable(e.message()));
    if (!field.isEmpty())
        QVERIFY(e.message().startsWith(field + QStringLiteral(": ")));
}

void TestSessionIo::duplicateIdIsRefusedAndMissingIdsAreGenerated()
{
    const SessionError e = parseError(
        documentWith(R"([{"type": "Gain", "id": "a"}, {"type": "Reverb"}, {"type": "Gain", "id": "a"}])"));
    QCOMPARE(e.field(), QStringLiteral("rack[2].id"));
    QVERIFY(e.reason().contains(QStringLiteral("rack[0]")));

    // A generated id never takes one a later entry names.
    const Session s =
        SessionIo::parse(documentWith(R"([{"type": "Gain"}, {"type": "Gain", "id": "gain-1"}])"));
    QCOMPARE(s.rack[1].id, QStringLiteral("gain-1"));
    QCOMPARE(s.rack[0].id, QStringLiteral("gain-2"));
}

void TestSessionIo::syntaxErrorGivesLineAndColumn()
{
    const SessionError e = parseError("{\n  \"format\": \"fxrack-session\",\n  \"rack\": [1,, 2]\n}");
    QCOMPARE(e.kind(), SessionError::Kind::Syntax);
    QVERIFY2(e.reason().contains(QStringLiteral("line 3")), qPrintable(e.message()));
}

void TestSessionIo::saveIsAtomicAndLoadSaveGivesSameBytes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("show.fxrack"));
    // A hand-written file: other key order, defaults left out.
    QFile hand(path);
    QVERIFY(hand.open(QIODevice::WriteOnly));
    hand.write(documentWith(
        R"([{"params": {"cutoff": 80}, "type": "HiButterworth"}, {"type": "Reverb", "bypass": true}])",
        R"(, "batch": {"jobs": 4}, "x_future": 1)"));
    hand.close();

    LoadResult first = SessionIo::load(path);
    QVERIFY2(first.ok(), first.error ? qPrintable(first.error->message()) : "");
    QVERIFY(!SessionIo::save(*first.session, path).has_value());
    const QByteArray saved1 = SessionIo::readFile(path);
    LoadResult second = SessionIo::load(path);
    QVERIFY(second.ok());
    QVERIFY(!SessionIo::save(*second.session, path).has_value());
    QCOMPARE(SessionIo::readFile(path), saved1);
    QCOMPARE(second.session->batch.jobs, 4);
    QVERIFY(second.session->rack[1].bypass);
    // QSaveFile leaves nothing but the file behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("show.fxrack")});
}

void TestSessionIo::saveToImpossiblePathReportsFileError()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("not-a-folder"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const auto error = SessionIo::save(Session{}, blocker + QStringLiteral("/x.fxrack"));
    QVERIFY(error.has_value());
    QCOMPARE(error->kind(), SessionError::Kind::File);
    QVERIFY(error->message().startsWith(blocker));
}

void TestSessionIo::readErrorNamesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.fxrack"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(documentWith(R"([{"type": "Chorusx"}])"));
    f.close();
    const LoadResult r = SessionIo::load(path);
    QVERIFY(!r.ok());
    QVERIFY(r.error.has_value());
    QCOMPARE(r.error->message(),
             path + QStringLiteral(": rack[0].type: unknown effect \"Chorusx\" (did you mean \"Chorus\"?)"));
    const LoadResult missing = SessionIo::load(dir.filePath(QStringLiteral("nope.fxrack")));
    QCOMPARE(missing.error->kind(), SessionError::Kind::File);
}

void TestSessionIo::chainFromSessionCarriesParamsAndBypass()
{
    const Session s = SessionIo::parse(documentWith(
        R"([{"type": "HiButterworth", "params": {"cutoff": 80, "order": 3}}, {"type": "Gain", "bypass": true,
            "params": {"gain": -6, "gain_type": "db"}}])"));
    const dsp::EffectChain chain = chainFromSession(s);
    QCOMPARE(chain.size(), 2);
    QCOMPARE(chain.at(0).name(), std::string("HiButterworth"));
    QCOMPARE(chain.at(0).param("cutoff"), 80.0);
    QCOMPARE(chain.at(0).param("order"), 3.0);
    QVERIFY(!chain.isBypassed(0));
    QVERIFY(chain.isBypassed(1));
    QCOMPARE(chain.at(1).param("gain_type"), 1.0);

    // Validated at the session's rate: designs that need one (an FIR) build too.
    const Session fir =
        SessionIo::parse(documentWith(R"([{"type": "DesignableFIR", "params": {"cutoff": 300}}])"));
    QCOMPARE(chainFromSession(fir).at(0).param("cutoff"), 300.0);

    Session bad;
    bad.append(RackEntry::defaults("Gain")).setParam("gain", -1);
    QVERIFY_THROWS_EXCEPTION(dsp::ParameterError, chainFromSession(bad));
}

void TestSessionIo::rackFromChainRoundTripsThroughChainSpec()
{
    const dsp::EffectChain chain =
        dsp::parseChain("HiButterworth(80) | Gain(2) | Gain(gain=3, gain_type=db)");
    Session s;
    s.rack = rackFromChain(chain);
    QCOMPARE(s.rack[1].id, QStringLiteral("gain-1"));
    QCOMPARE(s.rack[2].id, QStringLiteral("gain-2"));
    const Session loaded = SessionIo::parse(SessionIo::serialize(s));
    QCOMPARE(dsp::formatChain(chainFromSession(loaded)), dsp::formatChain(chain));
}

void TestSessionIo::missingDeviceFallsBackToDefaultWithNotice()
{
    AudioSettings audio;
    audio.api = QStringLiteral("jack");
    audio.inputDevice = QStringLiteral("scarlett 2i2");
    audio.outputDevice = QStringLiteral("Gone Interface");
    const std::vector<AvailableDevice> devices{
        {QStringLiteral("jack"), QStringLiteral("Scarlett 2i2"), true, true},
        {QStringLiteral("alsa"), QStringLiteral("Gone Interface"), true, true}};
    const QStringList notices = applyDeviceFallback(audio, devices);
    QCOMPARE(audio.inputDevice, QStringLiteral("Scarlett 2i2")); // case differs only: found
    QCOMPARE(audio.outputDevice, QString());                     // only on another API: default
    QCOMPARE(notices.size(), 1);
    QVERIFY2(notices[0].startsWith(
                 QStringLiteral("audio.output_device: \"Gone Interface\" is not available on jack")),
             qPrintable(notices[0]));
}

void TestSessionIo::version1FixtureStillLoads()
{
    const QString path = QStringLiteral(FXRACK_TESTS_DIR "/session/fixtures/v1.fxrack");
    QStringList notices;
    const Session s = SessionIo::read(path, &notices);
    QVERIFY(notices.isEmpty());
    QCOMPARE(s.audio.api, QStringLiteral("jack"));
    QCOMPARE(s.audio.bufferFrames, 128);
    QCOMPARE(s.audio.channelsIn, 1);
    QCOMPARE(s.rack.size(), size_t(3));
    QCOMPARE(s.rack[0].id, QStringLiteral("hibutterworth-1"));
    QCOMPARE(s.rack[0].param("cutoff").value(), 80.0);
    QCOMPARE(s.rack[0].param("order").value(), 5.0);
    QCOMPARE(s.rack[2].type, std::string("Reverb"));
    QVERIFY(s.rack[2].bypass);
    QCOMPARE(s.batch.suffix, QStringLiteral("_fx"));
    QCOMPARE(s.batch.chunkFrames, 65536);
    // The fixture is written in the canonical form: a save changes nothing but app_version.
    QByteArray expected = SessionIo::readFile(path);
    QByteArray saved = SessionIo::serialize(s);
    const auto stripVersion = [](QByteArray b) {
        const qsizetype at = b.indexOf("\"app_version\"");
        return b.left(at) + b.mid(b.indexOf('\n', at));
    };
    QCOMPARE(stripVersion(saved), stripVersion(expected));
}

QTEST_GUILESS_MAIN(TestSessionIo)
#include "tst_sessionio.moc"
