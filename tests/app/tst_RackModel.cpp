#include "EffectCard.h"
#include "RackModel.h"
#include "RackView.h"
#include "common/AppSupport.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace fxrack::app;

namespace {

QStringList types(const RackModel& model)
{
    QStringList out;
    for (int i = 0; i < model.count(); ++i)
        out << QString::fromStdString(model.slotAt(i).type->name);
    return out;
}

const QStringList kSeed = {"HiButterworth", "LoButterworth", "Gain", "Reverb"};

} // namespace

class TestRackModel : public QObject {
    Q_OBJECT
private slots:
    void defaultSpecsAreTheSeedChain()
    {
        RackModel model;
        model.setSpecs(RackModel::defaultSpecs());
        QCOMPARE(types(model), kSeed);
        QCOMPARE(model.value(0, model.slotAt(0).type->findParam("cutoff")), 80.0);
        QCOMPARE(model.value(1, model.slotAt(1).type->findParam("cutoff")), 8000.0);
        QCOMPARE(model.value(2, 0), 1.5);
        QCOMPARE(model.value(3, model.slotAt(3).type->findParam("room_size")), 0.3);
    }

    void modelTesterAcceptsEveryEdit()
    {
        RackModel model;
        QUndoStack stack;
        model.setUndoStack(&stack);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSpecs(RackModel::defaultSpecs());
        QVERIFY(model.addEffect("Compressor", 1));
        QVERIFY(model.moveRows({}, 0, 1, {}, 3));
        QVERIFY(model.moveRows({}, 3, 2, {}, 0));
        QVERIFY(model.setBypassed(2, true));
        QVERIFY(model.setData(model.index(2), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model.setParameter(0, 0, 500.0));
        QVERIFY(model.duplicateEffect(1));
        QVERIFY(model.removeRows(0, 2));
        while (stack.canUndo())
            stack.undo();
        while (stack.canRedo())
            stack.redo();
        QCOMPARE(model.count(), 4);
        QVERIFY(!model.moveRows({}, 0, 1, {}, 1)); // onto itself
        QVERIFY(!model.moveRows({}, 0, 5, {}, 1));
    }

    void mimeMoveReordersAndUndoes()
    {
        RackModel model;
        QUndoStack stack;
        model.setUndoStack(&stack);
        model.setSpecs(RackModel::defaultSpecs());
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(0)}));
        QVERIFY(mime);
        QVERIFY(mime->hasFormat(RackModel::kRowsMimeType));
        QVERIFY(mime->text().startsWith("HiButterworth("));
        QVERIFY(model.canDropMimeData(mime.get(), Qt::MoveAction, 3, 0, {}));
        QVERIFY(model.dropMimeData(mime.get(), Qt::MoveAction, 3, 0, {}));
        QCOMPARE(types(model), (QStringList{"LoButterworth", "Gain", "HiButterworth", "Reverb"}));
        QCOMPARE(stack.count(), 1);
        stack.undo();
        QCOMPARE(types(model), kSeed);
        stack.redo();
        QCOMPARE(types(model), (QStringList{"LoButterworth", "Gain", "HiButterworth", "Reverb"}));
    }

    void mimeDropOnCardInsertsBeforeIt()
    {
        RackModel model;
        model.setSpecs(RackModel::defaultSpecs());
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(3)}));
        QVERIFY(model.dropMimeData(mime.get(), Qt::MoveAction, -1, 0, model.index(0)));
        QCOMPARE(types(model), (QStringList{"Reverb", "HiButterworth", "LoButterworth", "Gain"}));
    }

    void mimeCopyDuplicatesWithValues()
    {
        RackModel model;
        model.setSpecs(RackModel::defaultSpecs());
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(0)}));
        QVERIFY(model.dropMimeData(mime.get(), Qt::CopyAction, 4, 0, {}));
        QCOMPARE(model.count(), 5);
        QCOMPARE(types(model).last(), QString("HiButterworth"));
        QCOMPARE(model.value(4, 0), 80.0);
        QVERIFY(model.slotAt(4).uid != model.slotAt(0).uid);
    }

    void paletteMimeInsertsAtPosition()
    {
        RackModel model;
        model.setSpecs(RackModel::defaultSpecs());
        QMimeData mime;
        mime.setData(RackModel::kEffectMimeType, "Chorus");
        QVERIFY(model.dropMimeData(&mime, Qt::CopyAction, 2, 0, {}));
        QCOMPARE(types(model).at(2), QString("Chorus"));
        QMimeData unknown;
        unknown.setData(RackModel::kEffectMimeType, "NoSuchEffect");
        QVERIFY(!model.canDropMimeData(&unknown, Qt::CopyAction, 0, 0, {}));
        QVERIFY(!model.dropMimeData(&unknown, Qt::CopyAction, 0, 0, {}));
        QCOMPARE(model.count(), 5);
    }

    void rowsFromAnotherRackAreRefused()
    {
        RackModel a, b;
        a.setSpecs(RackModel::defaultSpecs());
        b.setSpecs(RackModel::defaultSpecs());
        std::unique_ptr<QMimeData> mime(a.mimeData({a.index(0)}));
        QVERIFY(!b.canDropMimeData(mime.get(), Qt::MoveAction, 2, 0, {}));
        QVERIFY(!b.dropMimeData(mime.get(), Qt::MoveAction, 2, 0, {}));
        QCOMPARE(types(b), kSeed);
    }

    void undoAndRedoEveryEditKind()
    {
        RackModel model;
        QUndoStack stack;
        model.setUndoStack(&stack);
        model.setSpecs(RackModel::defaultSpecs());
        const QString before = model.chainSpec();

        QVERIFY(model.addEffect("Tremolo", 1));
        QVERIFY(model.removeEffect(3));
        QVERIFY(model.moveEffect(0, 2));
        QVERIFY(model.setBypassed(1, true));
        QVERIFY(model.setParameter(2, 0, 1234.0)); // HiButterworth cutoff, now in row 2
        QVERIFY(model.duplicateEffect(0));
        QCOMPARE(stack.count(), 6);
        const QString after = model.chainSpec();
        const QStringList afterTypes = types(model);
        QVERIFY(after != before);

        // Each step back restores exactly the state before it.
        QStringList states;
        for (int i = 0; i < 6; ++i) {
            states << model.chainSpec() + (model.slotAt(1).bypassed ? "b" : "");
            stack.undo();
        }
        QCOMPARE(model.chainSpec(), before);
        QCOMPARE(types(model), kSeed);
        for (int i = 5; i >= 0; --i) {
            stack.redo();
            QCOMPARE(model.chainSpec() + (model.slotAt(1).bypassed ? "b" : ""), states.at(i));
        }
        QCOMPARE(model.chainSpec(), after);
        QCOMPARE(types(model), afterTypes);
    }

    void bypassIsUndoable()
    {
        RackModel model;
        QUndoStack stack;
        model.setUndoStack(&stack);
        model.setSpecs(RackModel::defaultSpecs());
        QSignalSpy spy(&model, &RackModel::bypassChanged);
        QVERIFY(model.setBypassed(2, true));
        QVERIFY(model.slotAt(2).bypassed);
        QCOMPARE(model.data(model.index(2), Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        stack.undo();
        QVERIFY(!model.slotAt(2).bypassed);
        QCOMPARE(spy.count(), 2);
    }

    void oneKnobDragIsOneUndoStep()
    {
        RackModel model;
        QUndoStack stack;
        model.setUndoStack(&stack);
        model.setSpecs(RackModel::defaultSpecs());
        for (double v : {100.0, 120.0, 150.0, 200.0})
            QVERIFY(model.setParameter(0, 0, v, /*gesture*/ 7));
        QCOMPARE(stack.count(), 1);
        QCOMPARE(model.value(0, 0), 200.0);
        QVERIFY(model.setParameter(0, 0, 300.0, 8)); // a new drag
        QCOMPARE(stack.count(), 2);
        QVERIFY(model.setParameter(1, 0, 5000.0, 8)); // same gesture id, other slot: not merged
        QCOMPARE(stack.count(), 3);
        stack.undo();
        stack.undo();
        QCOMPARE(model.value(0, 0), 200.0);
        stack.undo();
        QCOMPARE(model.value(0, 0), 80.0);
    }

    void outOfRangeValuesAreRefused()
    {
        RackModel model;
        model.setSpecs(RackModel::defaultSpecs());
        QVERIFY(!model.setParameter(0, 0, -5.0));
        QVERIFY(!model.setParameter(0, 99, 1.0));
        QVERIFY(!model.setParameter(9, 0, 1.0));
        QCOMPARE(model.value(0, 0), 80.0);
    }

    void dropOnTheViewMovesACard()
    {
        RackModel model;
        QUndoStack stack;
        model.setUndoStack(&stack);
        model.setSpecs(RackModel::defaultSpecs());
        RackView view(&model);
        view.resize(1200, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.card(3));

        // Drag the first card and drop it to the right of the third card's centre.
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(0)}));
        EffectCard* third = view.card(2);
        const QPoint target = third->mapTo(view.viewport(), QPoint(third->width() - 4, third->height() / 2));
        QCOMPARE(view.dropRow(target), 3);
        QDragEnterEvent enter(target, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(target, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(types(model), (QStringList{"LoButterworth", "Gain", "HiButterworth", "Reverb"}));
        QCoreApplication::processEvents();
        QCOMPARE(view.card(2)->row(), 2);
        QVERIFY(view.card(2)->geometry().left() > view.card(1)->geometry().left());
        fxrack::test::saveScreenshot(&view, "rack_after_drop");
        stack.undo();
        QCOMPARE(types(model), kSeed);
    }

    void deleteKeyAndCardButtonsEditTheRack()
    {
        RackModel model;
        QUndoStack stack;
        model.setUndoStack(&stack);
        model.setSpecs(RackModel::defaultSpecs());
        RackView view(&model);
        view.resize(1200, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::mouseClick(view.card(1), Qt::LeftButton, Qt::NoModifier, QPoint(60, 8));
        QCOMPARE(view.currentRow(), 1);
        QTest::keyClick(&view, Qt::Key_Delete);
        QCOMPARE(types(model), (QStringList{"HiButterworth", "Gain", "Reverb"}));

        auto* bypass = view.card(0)->findChild<QToolButton*>("bypassButton");
        QVERIFY(bypass);
        QTest::mouseClick(bypass, Qt::LeftButton);
        QVERIFY(model.slotAt(0).bypassed);

        auto* duplicate = view.card(1)->findChild<QToolButton*>("duplicateButton");
        QTest::mouseClick(duplicate, Qt::LeftButton);
        QCOMPARE(types(model), (QStringList{"HiButterworth", "Gain", "Gain", "Reverb"}));

        auto* remove = view.card(3)->findChild<QToolButton*>("removeButton");
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_COMPARE(model.count(), 3);
        QCOMPARE(stack.count(), 4);
        fxrack::test::saveScreenshot(&view, "rack_after_edits");
    }
};

QTEST_MAIN(TestRackModel)
#include "tst_RackModel.moc"
