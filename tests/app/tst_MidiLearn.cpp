// MIDI in the window: learn by a card control's "Learn MIDI" action (its context menu) and an
// incoming CC from a real JACK MIDI client, Escape cancelling, the mapping table's model under
// QAbstractItemModelTester with rows added and their source and target typed (a parsed CC then
// drives the rack), bad input refused, undo and redo, an undone removal's mappings back; a global target
// learnt from a snapshot button; mappings saved in the session, snapshots A/B.
#include "DeviceBar.h"
#include "EffectCard.h"
#include "Knob.h"
#include "MainWindow.h"
#include "MidiController.h"
#include "MidiMappingDialog.h"
#include "MidiMappingModel.h"
#include "RackModel.h"
#include "RackView.h"
#include "Translations.h"
#include "common/AppSupport.h"
#include "common/JackMidiSender.h"
#include "common/JackServer.h"
#include "dsp/EffectRegistry.h"
#include "ui_DeviceBar.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace fxrack;
using namespace fxrack::app;

class TestMidiLearn : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;

    // The first continuous parameter of row 0 that has a knob.
    static int knobParam(EffectCard* card)
    {
        for (int id = 0; id < 32; ++id)
            if (card->knob(id))
                return id;
        return -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        fxrack::test::isolateHome(m_home);
    }

    void learnFromAContextMenuAndAnIncomingCc()
    {
        test::JackServer server;
        if (!server.isRunning())
            QSKIP(("no JACK server: " + server.error()).c_str());
        test::JackMidiSender sender("learnpad");
        MainWindow window(MainWindow::Options::quiet());
        window.resize(1400, 860);
        window.show();
        // The device bar lists the port after a refresh; choosing it opens it.
        QComboBox* combo = window.deviceBar()->midiCombo();
        QCOMPARE(combo->count(), 2); // none, all
        QSignalSpy listed(window.deviceBar(), &DeviceBar::midiPortsListed);
        window.deviceBar()->ui()->refreshButton->click();
        QVERIFY(listed.wait(5000));
        const int port = combo->findData(QString::fromStdString(sender.portName()));
        QVERIFY(port >= 2);
        combo->setCurrentIndex(port);
        emit combo->activated(port);
        QCOMPARE(window.midi()->openPorts(), QStringList{QString::fromStdString(sender.portName())});
        QSignalSpy light(window.midi(), &MidiController::activity);
        EffectCard* card = window.rackView()->card(0);
        QVERIFY(card);
        const int id = knobParam(card);
        QVERIFY(id >= 0);
        QAction* learn = card->learnAction(id);
        QVERIFY(learn);
        QCOMPARE(card->knob(id)->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY(
            card->knob(id)->findChild<QAction*>("resetKnob")); // the right click opens the menu, reset in it
        learn->trigger();
        QVERIFY(window.midi()->isLearning());
        QCOMPARE(card->learningParam(), id);
        QVERIFY(card->findChild<QLabel*>("learnNote")->isVisible());
        fxrack::test::saveScreenshot(&window, "midi-learn");
        const int undoBefore = window.undoStack()->count();
        sender.cc(3, 21, 64);
        QTRY_VERIFY_WITH_TIMEOUT(!window.midi()->isLearning(), 5000);
        QVERIFY(light.count() > 0); // the device bar's light flashed
        QCOMPARE(card->learningParam(), EffectCard::kNotLearning);
        QCOMPARE(window.midi()->mapper().mappings().size(), size_t(1));
        QVERIFY(QString::fromStdString(window.midi()->mapper().spec(0)).contains("ch3:cc21=0."));
        QCOMPARE(window.undoStack()->count(), undoBefore + 1);
        // The controller now turns the knob, to the top of its range.
        const auto& info = window.rackModel()->slotAt(0).type->params.at(static_cast<size_t>(id));
        sender.cc(3, 21, 127);
        // (or to the highest value the rack's rate allows, where that is lower)
        const double top = std::min(info.knobHigh(), window.rackModel()->upperLimit(0, id));
        QTRY_COMPARE_WITH_TIMEOUT(window.rackModel()->value(0, id), top, 5000);
        QTRY_COMPARE(card->knob(id)->value(), top);
        // Undo removes the learned mapping; a CC then moves nothing.
        window.undoStack()->undo();
        QVERIFY(window.midi()->mapper().mappings().empty());
        window.undoStack()->redo();
        QCOMPARE(window.midi()->mapper().mappings().size(), size_t(1));
        // A second learn, cancelled by Escape.
        card->learnAction(-1)->trigger();
        QCOMPARE(card->learningParam(), -1);
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.midi()->isLearning());
        QCOMPARE(card->learningParam(), EffectCard::kNotLearning);
        QCOMPARE(window.midi()->mapper().mappings().size(), size_t(1));
        // Mappings follow their card and go with it.
        window.rackModel()->moveEffect(0, 1);
        QVERIFY(QString::fromStdString(window.midi()->mapper().spec(0)).contains("=1."));
        QCOMPARE(window.currentSession().midiMappings.size(), size_t(1));
        QCOMPARE(window.currentSession().midiMappings[0].effect, window.currentSession().rack[1].id);
        window.rackModel()->removeEffect(1);
        QVERIFY(window.midi()->mapper().mappings().empty());
    }

    void theDeviceBarPicksOneSeveralOrAllPorts()
    {
        test::JackServer server;
        if (!server.isRunning())
            QSKIP(("no JACK server: " + server.error()).c_str());
        test::JackMidiSender padA("pad-a"), padB("pad-b");
        const QString a = QString::fromStdString(padA.portName()),
                      b = QString::fromStdString(padB.portName());
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        DeviceBar* bar = window.deviceBar();
        MidiController* midi = window.midi();
        QSignalSpy listed(bar, &DeviceBar::midiPortsListed);
        bar->ui()->refreshButton->click();
        QVERIFY(listed.wait(5000));
        QMenu* menu = bar->midiPortsButton()->menu();
        const auto action = [&](const QString& port) -> QAction* {
            for (QAction* x : menu->actions())
                if (x->data().toString() == port)
                    return x;
            return nullptr;
        };
        QVERIFY(action(a) && action(b));
        // One port from the menu, then a second beside it: the combo shows both as one entry.
        action(a)->trigger();
        QCOMPARE(midi->inputs(), QStringList{a});
        QCOMPARE(bar->midiCombo()->currentData().toString(), a);
        action(b)->trigger();
        QCOMPARE(midi->inputs(), (QStringList{a, b}));
        QCOMPARE(midi->openPorts().size(), 2);
        QCOMPARE(bar->midiCombo()->currentText(), QString("2 MIDI inputs"));
        QVERIFY(padA.isConnected() && padB.isConnected());
        padA.cc(1, 1, 1);
        padB.cc(1, 1, 2);
        QTRY_COMPARE_WITH_TIMEOUT(midi->messages(), quint64(2), 20000); // from each port
        // The combo's entry for both picks them again after another choice.
        const int both = bar->midiCombo()->currentIndex();
        bar->midiCombo()->setCurrentIndex(0);
        emit bar->midiCombo()->activated(0);
        QVERIFY(midi->inputs().isEmpty());
        QVERIFY(!action(a)->isChecked() && !action(b)->isChecked());
        bar->midiCombo()->setCurrentIndex(both);
        emit bar->midiCombo()->activated(both);
        QCOMPARE(midi->inputs(), (QStringList{a, b}));
        // Unchecking one leaves the other.
        action(a)->trigger();
        QCOMPARE(midi->inputs(), QStringList{b});
        QCOMPARE(midi->openPorts(), QStringList{b});
        QTRY_VERIFY_WITH_TIMEOUT(!padA.isConnected(), 20000);
        // All: every port, each checked in the menu.
        const int all = bar->midiCombo()->findData(QStringLiteral("all"));
        bar->midiCombo()->setCurrentIndex(all);
        emit bar->midiCombo()->activated(all);
        QVERIFY(midi->openPorts().contains(a) && midi->openPorts().contains(b));
        QVERIFY(action(a)->isChecked() && action(b)->isChecked());
        midi->setInputs({});
    }

    void anUnpluggedInputStaysWantedWhenThePortsMenuPicksAnother()
    {
        // A mapped controller unplugged now (the settings at start name it) is not in the ports
        // menu; picking another port there keeps it, so it is reconnected when it comes back.
        test::JackServer server;
        if (!server.isRunning())
            QSKIP(("no JACK server: " + server.error()).c_str());
        test::JackMidiSender pad("menu-pad");
        const QString listed = QString::fromStdString(pad.portName());
        const QString unplugged = QStringLiteral("unplugged-pad");
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        DeviceBar* bar = window.deviceBar();
        MidiController* midi = window.midi();
        QCOMPARE(midi->setInputs({unplugged}), 0);
        QSignalSpy portsListed(bar, &DeviceBar::midiPortsListed);
        bar->ui()->refreshButton->click();
        QVERIFY(portsListed.wait(5000));
        QAction* action = nullptr;
        for (QAction* x : bar->midiPortsButton()->menu()->actions())
            if (x->data().toString() == listed)
                action = x;
        QVERIFY(action && !action->isChecked());
        action->trigger();
        QCOMPARE(midi->inputs(), (QStringList{unplugged, listed}));
        QCOMPARE(midi->openPorts(), QStringList{listed});
        action->trigger(); // unchecked again: the unplugged one is still wanted
        QCOMPARE(midi->inputs(), QStringList{unplugged});
        test::JackMidiSender back(unplugged.toStdString());
        QTRY_COMPARE_WITH_TIMEOUT(midi->openPorts(), QStringList{QString::fromStdString(back.portName())},
                                  20000);
        midi->setInputs({});
    }

    void everyKnobSwitchAndComboOfEveryEffectLearns()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.resize(1400, 860);
        window.show();
        RackModel* rack = window.rackModel();
        const int first = rack->count();
        for (const dsp::EffectType* type : dsp::EffectRegistry::builtin().types())
            QVERIFY2(rack->addEffect(QString::fromStdString(type->name)), type->name.c_str());
        QCOMPARE(rack->count(), first + static_cast<int>(dsp::EffectRegistry::builtin().types().size()));
        int knobs = 0, switches = 0, combos = 0, others = 0;
        std::pair<int, int> combo{-1, -1}, check{-1, -1}; // (row, parameter)
        for (int row = first; row < rack->count(); ++row) {
            EffectCard* card = window.rackView()->card(row);
            QVERIFY(card);
            QVERIFY(card->learnAction(-1)); // the bypass switch
            const auto& params = rack->slotAt(row).type->params;
            for (int id = 0; id < static_cast<int>(params.size()); ++id) {
                QWidget* control = card->control(id);
                QVERIFY2(control, params[static_cast<size_t>(id)].name.c_str());
                if (params[static_cast<size_t>(id)].isText()) {
                    QVERIFY(!card->learnAction(id)); // a file is not a value a controller moves
                    continue;
                }
                const QString what = rack->slotAt(row).type->name.c_str() + QString(".") +
                                     params[static_cast<size_t>(id)].name.c_str();
                QVERIFY2(card->learnAction(id), qPrintable(what));
                QCOMPARE(control->contextMenuPolicy(), Qt::ActionsContextMenu); // the right click
                if (qobject_cast<Knob*>(control))
                    ++knobs;
                else if (qobject_cast<QComboBox*>(control))
                    ++combos, combo = combo.first < 0 ? std::make_pair(row, id) : combo;
                else if (qobject_cast<QCheckBox*>(control))
                    ++switches, check = check.first < 0 ? std::make_pair(row, id) : check;
                else
                    ++others;
            }
        }
        qInfo("learn actions on %d knobs, %d switches, %d combos, %d number boxes", knobs, switches, combos,
              others);
        QVERIFY(knobs > 0 && switches > 0 && combos > 0);
        // A combo and a switch learnt by their menu and a CC, then driven by it.
        MidiController* midi = window.midi();
        const auto cc = [&](int number, int value) {
            const unsigned char bytes[] = {0xB0, static_cast<unsigned char>(number),
                                           static_cast<unsigned char>(value)};
            midi::MidiParser parser;
            parser.parse(bytes, sizeof bytes, 0, 1'000'000'000,
                         [&](const midi::MidiEvent& e) { midi->feed(e, "test:out"); });
            midi->dispatch();
        };
        const auto learn = [&](std::pair<int, int> at, int number) {
            EffectCard* card = window.rackView()->card(at.first);
            card->learnAction(at.second)->trigger();
            if (card->learningParam() != at.second || !card->findChild<QLabel*>("learnNote")->isVisible())
                return false;
            cc(number, 64);
            return !midi->isLearning() && card->learningParam() == EffectCard::kNotLearning;
        };
        QVERIFY(learn(combo, 70));
        QVERIFY(learn(check, 71));
        QCOMPARE(midi->mapper().mappings().size(), size_t(2));
        const auto& comboInfo = rack->slotAt(combo.first).type->params.at(static_cast<size_t>(combo.second));
        auto* comboBox =
            qobject_cast<QComboBox*>(window.rackView()->card(combo.first)->control(combo.second));
        cc(70, 127);
        QCOMPARE(rack->value(combo.first, combo.second), comboInfo.knobHigh());
        QTRY_COMPARE(comboBox->currentIndex(), static_cast<int>(comboInfo.knobHigh() - comboInfo.minValue));
        cc(70, 0);
        QCOMPARE(rack->value(combo.first, combo.second), comboInfo.knobLow());
        QTRY_COMPARE(comboBox->currentIndex(), static_cast<int>(comboInfo.knobLow() - comboInfo.minValue));
        auto* checkBox =
            qobject_cast<QCheckBox*>(window.rackView()->card(check.first)->control(check.second));
        cc(71, 127);
        QCOMPARE(rack->value(check.first, check.second), 1.0);
        QTRY_VERIFY(checkBox->isChecked());
        cc(71, 0);
        QCOMPARE(rack->value(check.first, check.second), 0.0);
        QTRY_VERIFY(!checkBox->isChecked());
    }

    void aMappedPortThatComesBackIsReconnected()
    {
        test::JackServer server;
        if (!server.isRunning())
            QSKIP(("no JACK server: " + server.error()).c_str());
        auto pad = std::make_unique<test::JackMidiSender>("plugpad");
        const QString port = QString::fromStdString(pad->portName());
        MainWindow window(MainWindow::Options::quiet());
        RackModel* rack = window.rackModel();
        const int gain = rack->count();
        QVERIFY(rack->addEffect("Gain"));
        MidiController* midi = window.midi();
        midi->insertMapping(0, midi->mappingFromSpec("ch1:cc7=" + std::to_string(gain) + ".gain:0..1"));
        QCOMPARE(midi->setInputs({port}), 1);
        // A message sent before JACK has connected the ports is lost: wait for the connection.
        QTRY_VERIFY_WITH_TIMEOUT(pad->isConnected(), 20000);
        // The controller moved until the knob follows: on a loaded host the first message after
        // the connection is now and then lost in JACK's hand-over (a port just connected).
        const auto moveUntilFollowed = [&](int cc, double expected) {
            for (int tries = 0; tries < 40; ++tries) {
                pad->cc(1, 7, cc);
                if (QTest::qWaitFor([&] { return rack->value(gain, 0) == expected; }, 500))
                    break;
            }
            QCOMPARE(rack->value(gain, 0), expected);
        };
        moveUntilFollowed(0, 0.0);
        // Unplugged: noticed (the app looks about once a second; the waits allow for a loaded host);
        // back: reopened and mapped again.
        pad.reset();
        QTRY_VERIFY_WITH_TIMEOUT(midi->openPorts().isEmpty(), 20000);
        pad = std::make_unique<test::JackMidiSender>("plugpad");
        QTRY_COMPARE_WITH_TIMEOUT(midi->openPorts(), QStringList{port}, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(pad->isConnected(), 20000);
        moveUntilFollowed(127, 1.0);
        midi->setInputs({});
    }

    void theMappingTableIsAnEditableUndoableModel()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        MidiController* midi = window.midi();
        midi->insertMapping(0, [&] {
            auto spec = midi::parseMappingSpec("ch1:cc7=0.mix:0..1");
            spec.mapping.target.slotKey = midi->mapper().slotKey(0);
            return spec.mapping;
        }());
        midi->insertMapping(1, midi::parseMappingSpec("ch1:pc=snapshot").mapping);
        MidiMappingDialog* dialog = window.showMidiMappings();
        MidiMappingModel* model = dialog->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, MidiMappingModel::Source).data().toString(), QString("ch1:cc7"));
        QCOMPARE(model->index(0, MidiMappingModel::Target).data().toString(), QString("0.mix"));
        QVERIFY(model->index(1, MidiMappingModel::Target).data().toString().contains("snapshot"));
        // Both scopes in one table: the session's mapping of an effect, the app's global one.
        QCOMPARE(model->index(0, MidiMappingModel::Scope).data().toString(), QString("session"));
        QCOMPARE(model->index(1, MidiMappingModel::Scope).data().toString(), QString("global"));
        QVERIFY(!(model->flags(model->index(1, MidiMappingModel::Scope)) & Qt::ItemIsEditable));
        QVERIFY(!model->setData(model->index(1, MidiMappingModel::Scope), "session"));
        QVERIFY(model->flags(model->index(0, MidiMappingModel::Source)) & Qt::ItemIsEditable);
        QVERIFY(model->flags(model->index(0, MidiMappingModel::Target)) & Qt::ItemIsEditable);
        QVERIFY(model->setData(model->index(0, MidiMappingModel::Max), 0.5));
        QVERIFY(model->setData(model->index(0, MidiMappingModel::Takeover), "pickup"));
        QVERIFY(!model->setData(model->index(1, MidiMappingModel::Takeover), "rel2c")); // a program change
        QVERIFY2(model->lastError().contains("ccN"), qPrintable(model->lastError()));
        QVERIFY(!model->setData(model->index(0, MidiMappingModel::Curve), "wobbly"));
        QVERIFY2(model->lastError().startsWith("wobbly:"), qPrintable(model->lastError()));
        QVERIFY(!model->setData(model->index(0, MidiMappingModel::Min), "low"));
        QVERIFY2(model->lastError().startsWith("low:"), qPrintable(model->lastError()));
        QCOMPARE(midi->mapper().spec(0), std::string("ch1:cc7=0.mix:0..0.5:pickup"));
        window.undoStack()->undo();
        QCOMPARE(midi->mapper().spec(0), std::string("ch1:cc7=0.mix:0..0.5"));
        window.undoStack()->undo();
        QCOMPARE(midi->mapper().spec(0), std::string("ch1:cc7=0.mix:0..1"));
        window.undoStack()->redo();
        QCOMPARE(model->index(0, MidiMappingModel::Max).data().toDouble(), 0.5);
        model->removeMappings({0, 1});
        QCOMPARE(model->rowCount(), 0);
        window.undoStack()->undo();
        QCOMPARE(model->rowCount(), 2);
        // A new row, its source and target typed in the --map grammar: the mapper drives that
        // target from that source. Adding and each edit are one undo step each.
        QUndoStack* undo = window.undoStack();
        const int steps = undo->index();
        const int row = model->addMapping();
        QCOMPARE(row, 2);
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(midi->mapper().spec(row), std::string("ch1:cc0=bypass:0")); // a CC no mapping uses
        QVERIFY(model->setData(model->index(row, MidiMappingModel::Source), "ch2:cc20"));
        QVERIFY(model->setData(model->index(row, MidiMappingModel::Target), "0.mix"));
        QVERIFY(model->lastError().isEmpty());
        QCOMPARE(midi->mapper().spec(row), std::string("ch2:cc20=0.mix"));
        QCOMPARE(model->index(row, MidiMappingModel::Target).data(Qt::EditRole).toString(), QString("0.mix"));
        QCOMPARE(undo->index(), steps + 3);
        // Bad sources and targets are refused, saying why, and change nothing.
        QVERIFY(!model->setData(model->index(row, MidiMappingModel::Source), "ch2:xx20"));
        QVERIFY2(model->lastError().contains("xx20"), qPrintable(model->lastError()));
        QVERIFY(!model->setData(model->index(row, MidiMappingModel::Source), "ch17:cc20"));
        QVERIFY2(model->lastError().contains("ch17"), qPrintable(model->lastError()));
        QVERIFY(!model->setData(model->index(row, MidiMappingModel::Target), "0.nosuch"));
        QVERIFY2(model->lastError().startsWith("0.nosuch: "), qPrintable(model->lastError()));
        QVERIFY(!model->setData(model->index(row, MidiMappingModel::Target), "7.mix"));
        QVERIFY2(model->lastError().startsWith("Slot 7: "), qPrintable(model->lastError()));
        QVERIFY(!model->setData(model->index(row, MidiMappingModel::Target), "0.mix:0..1"));
        QVERIFY(!model->lastError().isEmpty());
        QCOMPARE(midi->mapper().spec(row), std::string("ch2:cc20=0.mix"));
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(undo->index(), steps + 3);
        QVERIFY(dialog->findChild<QLabel*>("mappingError")->isVisibleTo(dialog));
        // CC 20 on channel 2, parsed from its bytes, moves mix to each end of its range.
        const int mix = window.rackModel()->slotAt(0).type->findParam("mix");
        QVERIFY(mix >= 0);
        const auto& info = window.rackModel()->slotAt(0).type->params.at(static_cast<size_t>(mix));
        auto sendCc = [&](int channel, int number, int value) {
            const unsigned char bytes[] = {static_cast<unsigned char>(0xB0 | (channel - 1)),
                                           static_cast<unsigned char>(number),
                                           static_cast<unsigned char>(value)};
            midi::MidiParser parser;
            parser.parse(bytes, sizeof bytes, 0, 1'000'000'000,
                         [&](const midi::MidiEvent& e) { midi->feed(e, "test:out"); });
        };
        sendCc(2, 20, 0);
        QCOMPARE(window.rackModel()->value(0, mix), info.knobLow());
        sendCc(2, 20, 127);
        QCOMPARE(window.rackModel()->value(0, mix),
                 std::min(info.knobHigh(), window.rackModel()->upperLimit(0, mix)));
        sendCc(1, 20, 0); // another channel: not this mapping's
        QVERIFY(window.rackModel()->value(0, mix) > info.knobLow());
        // Undo takes the edits back one at a time, redo makes them again.
        undo->undo();
        QCOMPARE(midi->mapper().spec(row), std::string("ch2:cc20=bypass:0"));
        undo->undo();
        QCOMPARE(midi->mapper().spec(row), std::string("ch1:cc0=bypass:0"));
        undo->undo();
        QCOMPARE(model->rowCount(), 2);
        undo->redo();
        undo->redo();
        undo->redo();
        QCOMPARE(midi->mapper().spec(row), std::string("ch2:cc20=0.mix"));
        fxrack::test::saveScreenshot(dialog, "midi-mappings");
        for (int i = 0; i < 3; ++i)
            undo->undo();
        QCOMPARE(model->rowCount(), 2);
        // The dialog's buttons: Add opens the new row's source for typing, Remove takes the
        // selected row; one undo step each.
        dialog->findChild<QPushButton*>("addMapping")->click();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(dialog->view()->currentIndex(), model->index(2, MidiMappingModel::Source));
        auto* editor = dialog->view()->viewport()->findChild<QLineEdit*>();
        QVERIFY(editor);
        QCOMPARE(editor->text(), QString("ch1:cc0"));
        QVERIFY(!dialog->findChild<QLabel*>("mappingError")->isVisibleTo(dialog)); // an edit was made
        dialog->view()->selectRow(2);
        dialog->findChild<QPushButton*>("removeMapping")->click();
        QCOMPARE(model->rowCount(), 2);
        undo->undo();
        QCOMPARE(model->rowCount(), 3);
        undo->undo();
        QCOMPARE(model->rowCount(), 2);
        // The global mapping (a snapshot by program) is the app's: the next window has it, the
        // session does not.
        QVERIFY(window.currentSession().midiMappings.size() == 1);
        {
            MainWindow next(MainWindow::Options::quiet());
            QCOMPARE(next.midi()->globalMappings(), QStringList{"ch1:pc=snapshot"});
            next.midi()->setGlobalMappings({});
        }
        MainWindow last(MainWindow::Options::quiet());
        QVERIFY(last.midi()->mapper().mappings().empty());
    }

    void tableErrorsAreTranslatedAndNameOnlyThePartAtFault()
    {
        MainWindow window(MainWindow::Options::quiet());
        RackModel* rack = window.rackModel();
        const int gain = rack->count();
        QVERIFY(rack->addEffect("Gain"));
        MidiController* midi = window.midi();
        const QString g = QString::number(gain);
        midi->insertMapping(
            0, midi->mappingFromSpec(QString("ch1:cc7=%1.gain:0..2:pickup").arg(g).toStdString()));
        MidiMappingModel* model = window.showMidiMappings()->model();
        const auto refused = [&](int column, const QString& text) {
            const bool made = model->setData(model->index(0, column), text);
            const QString error = model->lastError();
            // One line with the part, never the spec the table rebuilt around it nor the CLI's words.
            for (const char* elsewhere : {"--map", "=", "pickup", "0..2"})
                if (error.contains(QLatin1String(elsewhere)) && !text.contains(QLatin1String(elsewhere)))
                    return QString("quotes '%1': %2").arg(elsewhere, error);
            return made ? QString("made") : error;
        };
        QCOMPARE(refused(MidiMappingModel::Source, "ch2:xx20"),
                 QString("xx20: expected a source: ccN, ccMSB/LSB, nrpnN, noteN, pc[N] or pb"));
        QCOMPARE(refused(MidiMappingModel::Source, "ch17:cc20"),
                 QString("ch17: expected a number from 1 to 16"));
        QCOMPARE(refused(MidiMappingModel::Source, "ch1:cc1/20"),
                 QString("cc1/20: expected a number from 32 to 63"));
        // The part as typed, even one holding a Qt argument marker (%2): the message must not fill it in.
        QCOMPARE(refused(MidiMappingModel::Source, "ch%2:cc20"),
                 QString("ch%2: expected a number from 1 to 16"));
        QCOMPARE(refused(MidiMappingModel::Target, g + ".nosuch"), g + ".nosuch: Gain has no such parameter");
        QCOMPARE(refused(MidiMappingModel::Target, "9.gain"),
                 QString("Slot 9: the rack's slots go from 0 to %1").arg(gain));
        QCOMPARE(refused(MidiMappingModel::Target, "tap:" + g), "tap:" + g + ": Gain has no such parameter");
        QCOMPARE(refused(MidiMappingModel::Target, "snapshot:K"),
                 QString("K: expected a snapshot from A to H (or 1 to 8)"));
        QCOMPARE(refused(MidiMappingModel::Target, "wobble"),
                 QString("wobble: expected a target: SLOT.PARAM, bypass[:SLOT], snapshot[:N], store:N, "
                         "preset:next, preset:prev or tap:SLOT"));
        // The same refusals in German: translated, the part as it was typed.
        QCOMPARE(installTranslation(QStringLiteral("de")), QString("de"));
        const QString german = refused(MidiMappingModel::Source, "ch2:xx20");
        const QString slot = refused(MidiMappingModel::Target, "9.gain");
        installTranslation(QStringLiteral("en"));
        QCOMPARE(german, QString("xx20: Quelle erwartet: ccN, ccMSB/LSB, nrpnN, noteN, pc[N] oder pb"));
        QCOMPARE(slot, QString("Slot 9: die Slots des Racks gehen von 0 bis %1").arg(gain));
        QCOMPARE(midi->mapper().spec(0), QString("ch1:cc7=%1.gain:0..2:pickup").arg(g).toStdString());
    }

    void aNewTargetTakesItsOwnRange()
    {
        MainWindow window(MainWindow::Options::quiet());
        RackModel* rack = window.rackModel();
        const int gain = rack->count();
        QVERIFY(rack->addEffect("Gain"));
        QVERIFY(rack->addEffect("LoButterworth"));
        QVERIFY(rack->addEffect("Gain"));
        const int filter = gain + 1, gain2 = gain + 2;
        MidiController* midi = window.midi();
        const auto spec = [&](const QString& text) { return midi->mappingFromSpec(text.toStdString()); };
        midi->insertMapping(0, spec(QString("ch1:cc74=%1.cutoff:200..8000:log").arg(filter)));
        midi->insertMapping(1, spec(QString("ch1:cc7=%1.gain:1..0").arg(gain))); // inverted
        midi->insertMapping(2, spec(QString("ch1:cc8=%1.gain:0..0.5").arg(gain)));
        midi->insertMapping(3, spec(QString("ch1:cc9=%1.gain").arg(gain))); // the parameter's own range
        MidiMappingModel* model = window.showMidiMappings()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto& gainInfo = rack->slotAt(gain).type->params.at(0);
        const dsp::ParamInfo& cutoffInfo = rack->slotAt(filter).type->params.at(
            static_cast<size_t>(rack->slotAt(filter).type->findParam("cutoff")));
        const auto range = [&](int row) {
            return std::make_pair(model->index(row, MidiMappingModel::Min).data().toString(),
                                  model->index(row, MidiMappingModel::Max).data().toString());
        };
        const auto pair = [](double a, double b) {
            return std::make_pair(QString::number(a), QString::number(b));
        };
        // A cutoff's 200..8000 means nothing for a gain: the row takes the gain's knob range.
        QVERIFY(model->setData(model->index(0, MidiMappingModel::Target), QString("%1.gain").arg(gain)));
        QCOMPARE(range(0), pair(gainInfo.knobLow(), gainInfo.knobHigh()));
        QCOMPARE(model->index(0, MidiMappingModel::Curve).data().toString(), QString("log")); // kept
        // An inverted range stays inverted on the new parameter.
        QVERIFY(model->setData(model->index(1, MidiMappingModel::Target), QString("%1.cutoff").arg(filter)));
        QCOMPARE(range(1), pair(cutoffInfo.knobHigh(), cutoffInfo.knobLow()));
        // The same parameter of the same kind of effect in another slot keeps the range set for it.
        QVERIFY(model->setData(model->index(2, MidiMappingModel::Target), QString("%1.gain").arg(gain2)));
        QCOMPARE(range(2), pair(0, 0.5));
        // A target without a range (a bypass) has none; a row on "auto" stays on auto.
        QVERIFY(model->setData(model->index(2, MidiMappingModel::Target), QString("bypass:%1").arg(gain)));
        QCOMPARE(range(2), std::make_pair(QString("auto"), QString("auto")));
        QVERIFY(model->setData(model->index(3, MidiMappingModel::Target), QString("%1.cutoff").arg(filter)));
        QCOMPARE(range(3), std::make_pair(QString("auto"), QString("auto")));
        // Tap tempo for a Delay's bpm is a target too: a note's taps set it, with no range.
        QVERIFY(rack->addEffect("Delay"));
        const int delay = rack->count() - 1;
        QVERIFY(model->setData(model->index(0, MidiMappingModel::Target), QString("tap:%1").arg(delay)));
        QCOMPARE(model->index(0, MidiMappingModel::Target).data().toString(),
                 QString("tap tempo %1").arg(delay));
        QCOMPARE(range(0), std::make_pair(QString("auto"), QString("auto")));
        window.undoStack()->undo(); // the tap target
        window.undoStack()->undo(); // the Delay
        // Undo gives the old target its old range back.
        window.undoStack()->undo();
        window.undoStack()->undo();
        window.undoStack()->undo();
        window.undoStack()->undo();
        window.undoStack()->undo();
        QCOMPARE(midi->mapper().spec(0),
                 QString("ch1:cc74=%1.cutoff:200..8000:log").arg(filter).toStdString());
        QCOMPARE(midi->mapper().spec(1), QString("ch1:cc7=%1.gain:1..0").arg(gain).toStdString());
    }

    void undoingARemovalBringsItsMappingsBack()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        MidiController* midi = window.midi();
        const auto forget = qScopeGuard([midi] { midi->setGlobalMappings({}); }); // the app's settings
        RackModel* rack = window.rackModel();
        QVERIFY(rack->count() >= 1);
        auto mappingOf = [&](const char* spec, int slot) {
            midi::MidiMapping m = midi::parseMappingSpec(spec).mapping;
            m.target.slotKey = midi->mapper().slotKey(slot);
            return m;
        };
        midi->insertMapping(0, mappingOf("ch1:cc7=0.mix:0..1", 0));
        midi->insertMapping(1, midi::parseMappingSpec("ch1:cc8=snapshot:1").mapping);
        midi->insertMapping(2, mappingOf("ch1:cc9=bypass:0", 0));
        const quint64 uid = rack->slotAt(0).uid;
        QVERIFY(rack->removeEffect(0));
        QCOMPARE(midi->mapper().mappings().size(), size_t(1)); // the global one stays
        window.undoStack()->undo();
        QCOMPARE(rack->slotAt(0).uid, uid);
        QCOMPARE(midi->mapper().mappings().size(), size_t(3));
        QCOMPARE(midi->mapper().spec(0), std::string("ch1:cc7=0.mix:0..1")); // at its row
        QCOMPARE(midi->mapper().spec(2), std::string("ch1:cc9=bypass:0"));
        window.undoStack()->redo();
        QCOMPARE(midi->mapper().mappings().size(), size_t(1));
        window.undoStack()->undo();
        QCOMPARE(midi->mapper().mappings().size(), size_t(3));
        // The mapping back drives its effect again.
        const int mix = rack->slotAt(0).type->findParam("mix");
        QVERIFY(mix >= 0);
        const double low = rack->slotAt(0).type->params.at(static_cast<size_t>(mix)).knobLow();
        rack->setParameter(0, mix, 0.5);
        midi::MidiEvent e; // ch1 CC 7, 0
        e.number = 7;
        midi->feed(e, "test:out");
        QCOMPARE(rack->value(0, mix), low);
        // A new session's rack does not bring the old slots' mappings back.
        QVERIFY(rack->removeEffect(0));
        window.newSession();
        QCOMPARE(midi->mapper().mappings().size(), size_t(1));
    }

    void aSnapshotButtonLearnsAGlobalMapping()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        window.activateWindow(); // Escape is a window shortcut
        QVERIFY(QTest::qWaitForWindowActive(&window));
        MidiController* midi = window.midi();
        const auto forget = qScopeGuard([midi] { midi->setGlobalMappings({}); }); // the app's settings
        auto* bar = window.findChild<QToolBar*>("snapshotBar");
        QVERIFY(bar);
        QWidget* recallB = bar->widgetForAction(window.findChild<QAction*>("recallSnapshotB"));
        QVERIFY(recallB);
        QCOMPARE(recallB->contextMenuPolicy(), Qt::ActionsContextMenu); // the right click opens it
        auto* learn = recallB->findChild<QAction*>("learnMidi");
        QVERIFY(learn);
        QVERIFY(recallB->actions().contains(learn));
        learn->trigger();
        QVERIFY(midi->isLearning());
        const int undoBefore = window.undoStack()->count();
        midi::MidiEvent e; // ch1 CC 80 (not a 14-bit MSB: learnt at once)
        e.number = 80;
        e.value = 127;
        midi->feed(e, "pad:out");
        midi->dispatch();
        QVERIFY(!midi->isLearning());
        QCOMPARE(midi->mapper().mappings().size(), size_t(1));
        QVERIFY(midi->mapper().mappings()[0].global());
        QCOMPARE(midi->mapper().mappings()[0].target.kind, midi::TargetKind::Snapshot);
        QCOMPARE(midi->mapper().mappings()[0].target.index, 1);
        QCOMPARE(midi->targetText(midi->mapper().mappings()[0]), QString("snapshot B"));
        QCOMPARE(window.undoStack()->count(), undoBefore + 1);
        QCOMPARE(midi->globalMappings().size(), 1);
        QVERIFY(window.currentSession().midiMappings.empty()); // the app's, not the session's
        // A learn started there is cancelled by Escape, as on a card.
        learn->trigger();
        QVERIFY(midi->isLearning());
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!midi->isLearning());
        QCOMPARE(midi->mapper().mappings().size(), size_t(1));
        // The app's settings keep it: a new session, and the next window, have it.
        window.newSession();
        QCOMPARE(midi->mapper().mappings().size(), size_t(1));
        {
            MainWindow next(MainWindow::Options::quiet());
            QCOMPARE(next.midi()->globalMappings(), midi->globalMappings());
        }
    }

    void thePresetStepButtonsLearnGlobalMappings()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        MidiController* midi = window.midi();
        const auto forget = qScopeGuard([midi] { midi->setGlobalMappings({}); }); // the app's settings
        auto* bar = window.findChild<QToolBar*>("snapshotBar");
        QVERIFY(bar);
        QAction* next = window.findChild<QAction*>("nextPreset");
        QAction* previous = window.findChild<QAction*>("previousPreset");
        QVERIFY(next && previous);
        // A step loads a rack preset: one undo step.
        const int steps = window.undoStack()->count();
        next->trigger();
        QCOMPARE(window.undoStack()->count(), steps + 1);
        QVERIFY(window.undoStack()->text(steps).contains(QStringLiteral("preset"), Qt::CaseInsensitive));
        // Their right click learns the step, as a global mapping.
        const struct {
            QAction* action;
            midi::TargetKind kind;
            int cc;
        } cases[] = {{next, midi::TargetKind::NextPreset, 90},
                     {previous, midi::TargetKind::PreviousPreset, 91}};
        for (const auto& c : cases) {
            QWidget* button = bar->widgetForAction(c.action);
            QCOMPARE(button->contextMenuPolicy(), Qt::ActionsContextMenu);
            button->findChild<QAction*>("learnMidi")->trigger();
            QVERIFY(midi->isLearning());
            midi::MidiEvent e;
            e.number = static_cast<uint16_t>(c.cc);
            e.value = 127;
            midi->feed(e, "pad:out");
            midi->dispatch();
            QVERIFY(!midi->isLearning());
            QCOMPARE(midi->mapper().mappings().back().target.kind, c.kind);
        }
        QCOMPARE(midi->globalMappings().size(), 2);
        // The learnt CC steps the presets.
        QSignalSpy stepped(midi, &MidiController::presetStep);
        midi::MidiEvent e;
        e.number = 90;
        e.value = 0;
        midi->feed(e, "pad:out");
        e.value = 127;
        midi->feed(e, "pad:out");
        QCOMPARE(stepped.count(), 1);
        QCOMPARE(stepped.at(0).at(0).toInt(), 1);
        QCOMPARE(midi->mapper().mappings().size(), size_t(2)); // a preset change keeps global mappings
    }

    void bypassAllFollowsMidiAndLearnsFromItsButton()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        MidiController* midi = window.midi();
        const auto forget = qScopeGuard([midi] { midi->setGlobalMappings({}); }); // the app's settings
        RackModel* rack = window.rackModel();
        QVERIFY(rack->count() >= 2);
        rack->applyBypassed(0, true); // a slot's own flag, which bypass all keeps
        QAction* all = window.findChild<QAction*>("bypassAll");
        QVERIFY(all && all->isCheckable());
        auto bypassed = [&] {
            QList<bool> out;
            for (int row = 0; row < rack->count(); ++row)
                out << rack->slotAt(row).bypassed;
            return out;
        };
        const QList<bool> own = bypassed();
        all->setChecked(true);
        QVERIFY(midi->globalBypass());
        QVERIFY(!bypassed().contains(false));
        all->setChecked(false);
        QCOMPARE(bypassed(), own);
        // Its right click learns a global mapping; the controller then drives it, and the button.
        auto* bar = window.findChild<QToolBar*>("snapshotBar");
        bar->widgetForAction(all)->findChild<QAction*>("learnMidi")->trigger();
        QVERIFY(midi->isLearning());
        midi::MidiEvent e; // ch1 CC 95
        e.number = 95;
        e.value = 127;
        midi->feed(e, "pad:out");
        midi->dispatch();
        QVERIFY(!midi->isLearning());
        QCOMPARE(midi->mapper().mappings().size(), size_t(1));
        QCOMPARE(midi->mapper().mappings()[0].target.kind, midi::TargetKind::GlobalBypass);
        QCOMPARE(midi->globalMappings().size(), 1);
        midi->feed(e, "pad:out"); // from the middle up: bypassed
        QVERIFY(all->isChecked());
        QVERIFY(!bypassed().contains(false));
        midi->feed(e, "pad:out"); // again: still, and each slot's own flag still kept
        e.value = 0;
        midi->feed(e, "pad:out");
        QVERIFY(!all->isChecked());
        QCOMPARE(bypassed(), own);
    }

    void snapshotsCtoHFromTheMenu()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        MidiController* midi = window.midi();
        const auto forget = qScopeGuard([midi] { midi->setGlobalMappings({}); }); // the app's settings
        RackModel* rack = window.rackModel();
        const int id = rack->slotAt(0).type->findParam("mix");
        QVERIFY(id >= 0);
        auto* more = window.findChild<QToolButton*>("moreSnapshots");
        QVERIFY(more && more->menu() && more->popupMode() == QToolButton::InstantPopup);
        QVERIFY(more->isVisibleTo(&window));
        auto action = [&](const QString& name) { return more->findChild<QAction*>(name); }; // in its menus
        for (const char* name : {"recallSnapshotC", "storeSnapshotC", "recallSnapshotH", "storeSnapshotH",
                                 "learnMidiSnapshotC", "learnMidiSnapshotH"})
            QVERIFY2(action(name), name);
        QVERIFY(!action("recallSnapshotI"));
        rack->setParameter(0, id, 0.2);
        action("storeSnapshotC")->trigger();
        QVERIFY(midi->hasSnapshot(2));
        rack->setParameter(0, id, 0.9);
        action("storeSnapshotH")->trigger();
        QVERIFY(midi->hasSnapshot(7));
        action("recallSnapshotC")->trigger();
        QTRY_COMPARE(rack->value(0, id), 0.2);
        action("recallSnapshotH")->trigger();
        QTRY_COMPARE(rack->value(0, id), 0.9);
        // An empty one says so and changes nothing.
        action("recallSnapshotE")->trigger();
        QVERIFY2(window.statusBar()->currentMessage().contains(" E "),
                 qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(rack->value(0, id), 0.9);
        // Learn MIDI for H from the menu: a note on ch10 then recalls H.
        action("learnMidiSnapshotH")->trigger();
        QVERIFY(midi->isLearning());
        midi::MidiEvent note; // ch10 note 36
        note.kind = midi::EventKind::NoteOn;
        note.channel = 10;
        note.number = 36;
        note.value = 100;
        midi->feed(note, "pad:out");
        midi->dispatch();
        QVERIFY(!midi->isLearning());
        QCOMPARE(midi->mapper().mappings().size(), size_t(1));
        QCOMPARE(midi->targetText(midi->mapper().mappings()[0]), QString("snapshot H"));
        QCOMPARE(midi->globalMappings().size(), 1);
        action("recallSnapshotC")->trigger();
        QTRY_COMPARE(rack->value(0, id), 0.2);
        midi->feed(note, "pad:out");
        QTRY_COMPARE(rack->value(0, id), 0.9);
    }

    void learnMakesA14BitMappingFromAnMsbAndItsLsb()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        MidiController* midi = window.midi();
        EffectCard* card = window.rackView()->card(0);
        QVERIFY(card);
        const int id = knobParam(card);
        QVERIFY(id >= 0);
        auto cc = [](int number, int value) {
            midi::MidiEvent e; // ch1
            e.number = static_cast<uint16_t>(number);
            e.value = static_cast<uint16_t>(value);
            return e;
        };
        // MSB then LSB: a 14-bit pair.
        card->learnAction(id)->trigger();
        midi->feed(cc(1, 64), "fader:out");
        midi->dispatch();
        QVERIFY(midi->isLearning()); // waiting for a possible LSB
        QCOMPARE(card->learningParam(), id);
        midi->feed(cc(33, 0), "fader:out");
        midi->dispatch();
        QVERIFY(!midi->isLearning());
        QCOMPARE(card->learningParam(), EffectCard::kNotLearning);
        QCOMPARE(midi->mapper().mappings().size(), size_t(1));
        QVERIFY2(QString::fromStdString(midi->mapper().spec(0)).startsWith("fader:out@ch1:cc1/33=0."),
                 midi->mapper().spec(0).c_str());
        // One undo step, as for a 7-bit learn.
        window.undoStack()->undo();
        QVERIFY(midi->mapper().mappings().empty());
        window.undoStack()->redo();
        QCOMPARE(midi->mapper().mappings().size(), size_t(1));
        // A lone CC 7 (a 7-bit controller sending once): after the wait, a 7-bit mapping.
        card->learnAction(id)->trigger();
        midi->feed(cc(7, 100), "fader:out");
        QVERIFY(midi->isLearning());
        QTRY_VERIFY(!midi->isLearning());
        QCOMPARE(midi->mapper().mappings().size(), size_t(2));
        QVERIFY2(QString::fromStdString(midi->mapper().spec(1)).startsWith("fader:out@ch1:cc7=0."),
                 midi->mapper().spec(1).c_str());
        QCOMPARE(card->learningParam(), EffectCard::kNotLearning);
    }

    void snapshotsAandBAndTheCompareKey()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        RackModel* rack = window.rackModel();
        const int id = rack->slotAt(0).type->findParam("mix");
        QVERIFY(id >= 0);
        rack->setParameter(0, id, 0.25);
        window.findChild<QAction*>("storeSnapshotA")->trigger();
        rack->setParameter(0, id, 0.75);
        window.findChild<QAction*>("storeSnapshotB")->trigger();
        window.findChild<QAction*>("recallSnapshotA")->trigger(); // morph 0: at once
        QTRY_COMPARE(rack->value(0, id), 0.25);
        window.findChild<QAction*>("compareAB")->trigger();
        QTRY_COMPARE(rack->value(0, id), 0.75);
        window.findChild<QAction*>("compareAB")->trigger();
        QTRY_COMPARE(rack->value(0, id), 0.25);
        // Stored from MIDI: a footswitch mapped to store:H.
        MidiController* midi = window.midi();
        midi->insertMapping(0, midi::parseMappingSpec("ch1:cc82=store:H").mapping);
        QCOMPARE(midi->targetText(midi->mapper().mappings()[0]), QString("store snapshot H"));
        rack->setParameter(0, id, 0.5);
        midi::MidiEvent press;
        press.number = 82;
        press.value = 127;
        QVERIFY(!midi->hasSnapshot(7));
        midi->feed(press, "pad:out");
        QVERIFY(midi->hasSnapshot(7));
        rack->setParameter(0, id, 0.25);
        QVERIFY(midi->recallSnapshot(7));
        QTRY_COMPARE(rack->value(0, id), 0.5);
        midi->removeMapping(0); // a global mapping: the app's settings would keep it
        // With a morph the value glides and arrives.
        window.midi()->setMorphSeconds(0.3);
        window.findChild<QAction*>("recallSnapshotB")->trigger();
        QVERIFY(window.midi()->isMorphing());
        QTRY_VERIFY(rack->value(0, id) > 0.25 && rack->value(0, id) < 0.75);
        QTRY_COMPARE_WITH_TIMEOUT(rack->value(0, id), 0.75, 5000);
        fxrack::test::saveScreenshot(&window, "snapshots");
        // Saved in the session with the mappings, and back.
        midi::MidiMapping m = midi::parseMappingSpec("ch2:cc9=0.mix:0..1:pickup").mapping;
        m.target.slotKey = window.midi()->mapper().slotKey(0);
        window.midi()->insertMapping(0, m);
        const QString path = m_home.filePath("midi.fxrack");
        QVERIFY(window.saveSessionTo(path));
        MainWindow other(MainWindow::Options::quiet());
        QVERIFY(other.openSession(path));
        QVERIFY(other.midi()->hasSnapshot(0));
        QVERIFY(other.midi()->hasSnapshot(1));
        QVERIFY(!other.midi()->hasSnapshot(2));
        QCOMPARE(other.midi()->morphSeconds(), 0.3);
        QCOMPARE(other.midi()->mapper().spec(0), std::string("ch2:cc9=0.mix:0..1:pickup"));
        other.midi()->setMorphSeconds(0);
        QVERIFY(other.midi()->recallSnapshot(0));
        QTRY_COMPARE(other.rackModel()->value(0, id), 0.25);
    }
};

QTEST_MAIN(TestMidiLearn)
#include "tst_MidiLearn.moc"
