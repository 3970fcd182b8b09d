#include "common/Signals.h"
#include "session/Preset.h"
#include "session/SessionIo.h"
#include "session/SessionPaths.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <set>

using namespace fxrack;
using namespace fxrack::session;

namespace {

const QString kFactoryDir = QStringLiteral(FXRACK_SOURCE_DIR "/resources/presets");

// Every effect of the catalogue (docs/architecture.md, the parameter model): a factory preset may use any of
// them.
const std::set<std::string> kCatalogue{
    "LoButterworth", "HiButterworth", "LoChebyshev1",    "HiChebyshev1",    "LoChebyshev2",  "HiChebyshev2",
    "LoElliptic",    "HiElliptic",    "LoLinkwitzRiley", "HiLinkwitzRiley", "DesignableFIR", "LoShelving",
    "HiShelving",    "ParametricEQ",  "Peaking",         "Notch",           "AllPass",       "BandPass",
    "Gain",          "Normalize",     "Reverb",          "Delay",           "Compressor",    "NoiseGate",
    "Limiter",       "Overdrive",     "Chorus",          "Flanger",         "Tremolo"};

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestPresets : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void everyFactoryPresetIsValidAgainstTheRegistry();
    void factoryPresetsAreWrittenInCanonicalForm();
    void requiredFactoryPresetsExist();
    void factoryFolderIsFoundThroughTheSearchPath();
    void presetOfUnknownEffectIsRefusedWithReason();
    void userPresetSavesLoadsAndLandsInXdgDataHome();
    void namesAreUniquePerEffectType();
    void rackPresetBuildsASession();

private:
    QTemporaryDir m_home;
};

void TestPresets::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
}

void TestPresets::everyFactoryPresetIsValidAgainstTheRegistry()
{
    const QStringList files = QDir(kFactoryDir).entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(files.size() >= 6);
    for (const QString& file : files) {
        const QByteArray bytes = SessionIo::readFile(QDir(kFactoryDir).filePath(file));
        // Every effect a factory preset names is in the catalogue and registered.
        const QJsonObject raw = QJsonDocument::fromJson(bytes).object();
        QStringList types;
        if (raw.contains(QStringLiteral("effect")))
            types << raw.value(QStringLiteral("effect")).toString();
        for (const auto& e : raw.value(QStringLiteral("rack")).toArray())
            types << e.toObject().value(QStringLiteral("type")).toString();
        for (const QString& t : types) {
            QVERIFY2(kCatalogue.count(t.toStdString()),
                     qPrintable(file + QStringLiteral(": not in the catalogue: ") + t));
            QVERIFY2(dsp::EffectRegistry::builtin().find(t.toStdString()),
                     qPrintable(file + QStringLiteral(": effect not registered: ") + t));
        }
        try {
            const Preset p = PresetIo::parse(bytes);
            QVERIFY(!p.name.isEmpty());
            QVERIFY2(!p.description.isEmpty(), qPrintable(file));
            QCOMPARE(PresetIo::fileNameFor(p), file); // the file is named after what it holds
            // Each entry builds a real effect that prepares at 48 kHz.
            for (const auto& entry : p.entries) {
                auto effect = entry.buildEffect(dsp::EffectRegistry::builtin(), 48000.0);
                effect->prepare({48000.0, 512, 2});
                QVERIFY2(fxrack::test::processesAudibly(*effect, 2, 48000.0, 512), entry.type.c_str());
            }
        } catch (const std::exception& e) {
            QFAIL(qPrintable(file + QStringLiteral(": ") + QString::fromUtf8(e.what())));
        }
    }
}

void TestPresets::factoryPresetsAreWrittenInCanonicalForm()
{
    for (const QString& file : QDir(kFactoryDir).entryList({QStringLiteral("*.json")}, QDir::Files)) {
        const QByteArray bytes = SessionIo::readFile(QDir(kFactoryDir).filePath(file));
        QCOMPARE(PresetIo::serialize(PresetIo::parse(bytes)), bytes);
    }
}

void TestPresets::requiredFactoryPresetsExist()
{
    PresetLibrary library;
    library.loadFactory(kFactoryDir);
    QVERIFY2(library.problems().isEmpty(), qPrintable(library.problems().join(u'\n')));
    for (const char* name :
         {"Podcast voice", "Clean guitar", "Ambient guitar", "Telephone", "Loudness master (batch)"}) {
        const Preset* p = library.findRackPreset(QString::fromUtf8(name));
        QVERIFY2(p, name);
        QVERIFY(p->factory);
    }
    const Preset* derumble = library.findEffectPreset("HiButterworth", QStringLiteral("de-rumble"));
    QVERIFY(derumble);
    QCOMPARE(derumble->entries.at(0).param("cutoff").value(), 60.0);
    // The loudness master normalises the whole file to a loudness target.
    const Preset* master = library.findRackPreset(QStringLiteral("Loudness master (batch)"));
    QCOMPARE(master->entries.back().type, std::string("Normalize"));
    QVERIFY(library.effectPresets("Reverb").size() >= 2);
}

void TestPresets::factoryFolderIsFoundThroughTheSearchPath()
{
    const QStringList path = SessionPaths::factoryPresetSearchPath();
    QVERIFY(path.contains(kFactoryDir));
    QVERIFY(!SessionPaths::factoryPresetDir().isEmpty());
    PresetLibrary library;
    library.loadFactory();
    QVERIFY(!library.rackPresets().empty());
}

void TestPresets::presetOfUnknownEffectIsRefusedWithReason()
{
    try {
        (void)PresetIo::parse(R"({"format": "fxrack-preset", "format_version": 1, "kind": "effect",
            "name": "Wobble", "effect": "Chorusx", "params": {}})");
        QFAIL("parsed");
    } catch (const SessionError& e) {
        QCOMPARE(e.message(),
                 QStringLiteral("effect: unknown effect \"Chorusx\" (did you mean \"Chorus\"?)"));
    }
    // In a library folder it is left out and reported; the good ones still load.
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("bad.json")),
              R"({"format": "fxrack-preset", "format_version": 1, "kind": "rack", "name": "Bad",
                  "rack": [{"type": "Gain"}, {"type": "Flangerr"}]})");
    writeFile(dir.filePath(QStringLiteral("good.json")),
              R"({"format": "fxrack-preset", "format_version": 1, "kind": "effect", "name": "Loud",
                  "effect": "Gain", "params": {"gain": 2}})");
    PresetLibrary library;
    library.loadUser(dir.path());
    QCOMPARE(library.presets().size(), size_t(1));
    QCOMPARE(library.problems().size(), 1);
    QVERIFY2(library.problems()[0].contains(QStringLiteral("rack[1].type: unknown effect \"Flangerr\"")),
             qPrintable(library.problems()[0]));
}

void TestPresets::userPresetSavesLoadsAndLandsInXdgDataHome()
{
    QCOMPARE(SessionPaths::userPresetDir(),
             m_home.filePath(QStringLiteral("data")) + QStringLiteral("/fxrack/presets"));
    PresetLibrary library;
    library.loadFactory(kFactoryDir);
    library.loadUser();
    Preset p;
    p.kind = Preset::Kind::Effect;
    p.name = QStringLiteral("My Warm Room");
    RackEntry reverb = RackEntry::defaults("Reverb");
    reverb.setParam("room_size", 0.42);
    p.entries.push_back(reverb);
    const QString path = library.saveUser(p);
    QCOMPARE(path, SessionPaths::userPresetDir() + QStringLiteral("/effect-reverb-my-warm-room.json"));
    QVERIFY(QFile::exists(path));

    PresetLibrary fresh;
    fresh.loadUser();
    const Preset* loaded = fresh.findEffectPreset("Reverb", QStringLiteral("my warm room"));
    QVERIFY(loaded);
    QVERIFY(!loaded->factory);
    QCOMPARE(loaded->entries.at(0).param("room_size").value(), 0.42);
    QVERIFY(fresh.removeUser(*loaded));
    QVERIFY(!QFile::exists(path));
}

void TestPresets::namesAreUniquePerEffectType()
{
    QTemporaryDir userDir;
    PresetLibrary library;
    library.loadFactory(kFactoryDir);
    library.loadUser(userDir.path());
    Preset p;
    p.kind = Preset::Kind::Effect;
    p.name = QStringLiteral("DE-RUMBLE");
    p.entries.push_back(RackEntry::defaults("HiButterworth"));
    // The factory's name for this type is taken...
    QVERIFY_THROWS_EXCEPTION(SessionError, library.saveUser(p));
    // ...but the same name for another type is fine.
    p.entries = {RackEntry::defaults("LoButterworth")};
    QVERIFY(!library.saveUser(p).isEmpty());
    // A second user preset of that name needs overwrite.
    p.entries[0].setParam("cutoff", 5000);
    QVERIFY_THROWS_EXCEPTION(SessionError, library.saveUser(p));
    library.saveUser(p, true);
    QCOMPARE(library.findEffectPreset("LoButterworth", QStringLiteral("de-rumble"))
                 ->entries[0]
                 .param("cutoff")
                 .value(),
             5000.0);
    QCOMPARE(QDir(userDir.path()).entryList(QDir::Files).size(), 1);
    // Two files claiming one name: the second is refused on load.
    writeFile(userDir.filePath(QStringLiteral("zz-copy.json")),
              SessionIo::readFile(
                  library.findEffectPreset("LoButterworth", QStringLiteral("de-rumble"))->filePath));
    PresetLibrary again;
    again.loadUser(userDir.path());
    QCOMPARE(again.effectPresets("LoButterworth").size(), size_t(1));
    QCOMPARE(again.problems().size(), 1);
}

void TestPresets::rackPresetBuildsASession()
{
    PresetLibrary library;
    library.loadFactory(kFactoryDir);
    const Preset* voice = library.findRackPreset(QStringLiteral("Podcast voice"));
    QVERIFY(voice);
    Session s;
    for (const auto& entry : voice->entries)
        s.append(entry);
    const dsp::EffectChain chain = chainFromSession(SessionIo::parse(SessionIo::serialize(s)));
    QCOMPARE(chain.size(), static_cast<int>(voice->entries.size()));
    QCOMPARE(chain.at(0).param("cutoff"), 80.0);
}

QTEST_GUILESS_MAIN(TestPresets)
#include "tst_presets.moc"
