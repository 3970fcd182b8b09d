#include "EffectCard.h"
#include "Knob.h"
#include "MainWindow.h"
#include "RackModel.h"
#include "RackView.h"
#include "common/AppSupport.h"
#include "ui_MainWindow.h"

#include <QMenu>
#include <QTest>
#include <QUndoStack>

using namespace fxrack;
using namespace fxrack::app;

// Effect presets load onto one card as one undoable step, from the Presets menu (for the
// selected card) or the card's own menu.
class TestEffectPresets : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;

    static int paramId(const RackModel& rack, int row, const char* name)
    {
        const auto& params = rack.slotAt(row).type->params;
        for (size_t i = 0; i < params.size(); ++i)
            if (params[i].name == name)
                return static_cast<int>(i);
        return -1;
    }

    static QList<QAction*> presetActions(QMenu* menu)
    {
        emit menu->aboutToShow(); // what opening it does: the list follows the selected card
        return menu->actions();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        fxrack::test::isolateHome(m_home);
    }

    void factoryPresetFromThePresetsMenuChangesTheCardAndUndoRestoresIt()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RackModel* rack = window.rackModel();
        const int reverb = 3;
        QCOMPARE(QString::fromStdString(rack->slotAt(reverb).type->name), QString("Reverb"));
        const QList<double> before = rack->slotAt(reverb).values;
        const int roomSize = paramId(*rack, reverb, "room_size");
        const int damping = paramId(*rack, reverb, "damping");
        const int mix = paramId(*rack, reverb, "mix");
        QVERIFY(roomSize >= 0 && damping >= 0 && mix >= 0);
        QCOMPARE(rack->value(reverb, roomSize), 0.3);

        window.rackView()->setCurrentRow(reverb);
        QAction* largeHall = nullptr;
        for (QAction* action : presetActions(window.ui()->menuLoadEffectPreset))
            if (action->data().toString() == QLatin1String("Large hall"))
                largeHall = action;
        QVERIFY2(largeHall, "the factory Reverb presets are offered for the selected Reverb card");
        QVERIFY(largeHall->isEnabled());
        const int undoSteps = window.undoStack()->count();
        largeHall->trigger();

        QCOMPARE(rack->value(reverb, roomSize), 0.9);
        QCOMPARE(rack->value(reverb, damping), 0.35);
        QCOMPARE(rack->value(reverb, mix), 0.4);
        QCOMPARE(window.rackView()->card(reverb)->knob(roomSize)->value(), 0.9);
        QCOMPARE(window.undoStack()->count(), undoSteps + 1); // one step, not one per value
        QVERIFY(window.isWindowModified());
        fxrack::test::saveScreenshot(&window, "effect_preset_large_hall");

        window.undoStack()->undo();
        QCOMPARE(rack->slotAt(reverb).values, before);
        QCOMPARE(window.rackView()->card(reverb)->knob(roomSize)->value(), 0.3);
        QVERIFY(!window.isWindowModified());
        window.undoStack()->redo();
        QCOMPARE(rack->value(reverb, roomSize), 0.9);
    }

    void structuralValuesOfAPresetUndoToo()
    {
        MainWindow window(MainWindow::Options::quiet());
        RackModel* rack = window.rackModel();
        const int order = paramId(*rack, 0, "order");
        const int cutoff = paramId(*rack, 0, "cutoff");
        QVERIFY(order >= 0 && cutoff >= 0);
        QVERIFY(rack->setParameter(0, order, 2.0));
        const QList<double> before = rack->slotAt(0).values;
        QVERIFY(window.loadEffectPreset(0, "de-rumble")); // names compare case-insensitively
        QCOMPARE(rack->value(0, cutoff), 60.0);
        QCOMPARE(rack->value(0, order), 4.0);
        window.undoStack()->undo();
        QCOMPARE(rack->slotAt(0).values, before);
    }

    void aCardWithoutPresetsSaysSo()
    {
        MainWindow window(MainWindow::Options::quiet());
        QVERIFY(!window.loadEffectPreset(1, "Large hall")); // a Reverb preset on LoButterworth
        QMenu menu;
        window.fillEffectPresetMenu(&menu, 1);
        QCOMPARE(menu.actions().size(), 1);
        QVERIFY(!menu.actions().first()->isEnabled());
        QVERIFY(menu.actions().first()->text().contains("LoButterworth"));
        window.fillEffectPresetMenu(&menu, -1);
        QVERIFY(!menu.actions().first()->isEnabled());
    }
};

QTEST_MAIN(TestEffectPresets)
#include "tst_EffectPresets.moc"
