#pragma once

#include "RackModel.h"

#include <QUndoCommand>
#include <utility>

namespace fxrack::app {

// Every user edit of the rack is one of these (docs/architecture.md, conventions). They hold rows, not
// pointers: the stack replays edits in order, so a row is always the same slot when its command runs.

// What inserting and removing share: the slot at a row, and the slot itself while it is out of the rack.
class SlotCommand : public QUndoCommand {
protected:
    SlotCommand(const QString& text, RackModel* model, int row, RackSlot slot = {})
        : QUndoCommand(text), m_model(model), m_row(row), m_slot(std::move(slot))
    {}

    RackModel* m_model;
    int m_row;
    RackSlot m_slot;
};

class InsertEffectCommand : public SlotCommand {
public:
    InsertEffectCommand(RackModel* model, int row, RackSlot slot, const QString& text);
    void redo() override;
    void undo() override;
};

class RemoveEffectCommand : public SlotCommand {
public:
    RemoveEffectCommand(RackModel* model, int row);
    void redo() override;
    void undo() override;
};

class MoveEffectCommand : public QUndoCommand {
public:
    // Moves `count` rows from `from` to before `destinationChild` (QAbstractItemModel::moveRows).
    MoveEffectCommand(RackModel* model, int from, int count, int destinationChild);
    void redo() override;
    void undo() override;

private:
    RackModel* m_model;
    int m_from;
    int m_count;
    int m_destination;
};

class BypassEffectCommand : public QUndoCommand {
public:
    BypassEffectCommand(RackModel* model, int row, bool bypassed);
    void redo() override;
    void undo() override;

private:
    RackModel* m_model;
    int m_row;
    bool m_bypassed;
};

class SetParameterCommand : public QUndoCommand {
public:
    static constexpr int kId = 0x46585031; // "FXP1"

    SetParameterCommand(RackModel* model, int row, int paramId, double oldValue, double newValue,
                        int gesture);
    void redo() override;
    void undo() override;
    int id() const override { return kId; }
    // One knob drag (same gesture, slot and parameter) is one command.
    bool mergeWith(const QUndoCommand* other) override;

private:
    void updateText();

    RackModel* m_model;
    int m_row;
    int m_paramId;
    double m_old;
    double m_new;
    int m_gesture;
};

// A new text for a text parameter (an impulse response's path).
class SetTextCommand : public QUndoCommand {
public:
    SetTextCommand(RackModel* model, int row, int paramId, QString oldText, QString newText);
    void redo() override;
    void undo() override;

private:
    RackModel* m_model;
    int m_row;
    int m_paramId;
    QString m_old;
    QString m_new;
};

// A new sample rate for the rack with the values it clamped: one step, whose undo restores the
// rate and the values together (the values are valid at the rate they come back with).
class SampleRateCommand : public QUndoCommand {
public:
    SampleRateCommand(RackModel* model, double oldRate, double newRate, QList<ParameterChange> changes);
    void redo() override;
    void undo() override;

private:
    RackModel* m_model;
    double m_oldRate;
    double m_newRate;
    QList<ParameterChange> m_changes;
};

} // namespace fxrack::app
