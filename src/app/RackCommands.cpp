#include "RackCommands.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>

namespace fxrack::app {
namespace {

QString effectName(const RackSlot& slot)
{
    return slot.type ? QString::fromStdString(slot.type->name) : QString();
}

} // namespace

InsertEffectCommand::InsertEffectCommand(RackModel* model, int row, RackSlot slot, const QString& text)
    : SlotCommand(text, model, row, std::move(slot))
{}

void InsertEffectCommand::redo()
{
    m_row = m_model->applyInsert(m_row, m_slot);
    m_slot.uid = m_model->slotAt(m_row).uid; // the same card identity on every redo
}

void InsertEffectCommand::undo()
{
    m_model->applyTake(m_row);
}

RemoveEffectCommand::RemoveEffectCommand(RackModel* model, int row)
    : SlotCommand(
          QCoreApplication::translate("RackCommands", "Remove %1").arg(effectName(model->slotAt(row))), model,
          row)
{}

void RemoveEffectCommand::redo()
{
    m_slot = m_model->applyTake(m_row);
}

void RemoveEffectCommand::undo()
{
    m_model->applyInsert(m_row, m_slot);
}

MoveEffectCommand::MoveEffectCommand(RackModel* model, int from, int count, int destinationChild)
    : QUndoCommand(
          QCoreApplication::translate("RackCommands", "Move %1").arg(effectName(model->slotAt(from)))),
      m_model(model), m_from(from), m_count(count), m_destination(destinationChild)
{}

void MoveEffectCommand::redo()
{
    m_model->applyMove(m_from, m_count, m_destination);
}

void MoveEffectCommand::undo()
{
    // Where the block landed, and the destination that takes it back.
    const int landed = m_destination > m_from ? m_destination - m_count : m_destination;
    const int back = m_from < landed ? m_from : m_from + m_count;
    m_model->applyMove(landed, m_count, back);
}

BypassEffectCommand::BypassEffectCommand(RackModel* model, int row, bool bypassed)
    : QUndoCommand(
          bypassed
              ? QCoreApplication::translate("RackCommands", "Bypass %1").arg(effectName(model->slotAt(row)))
              : QCoreApplication::translate("RackCommands", "Enable %1").arg(effectName(model->slotAt(row)))),
      m_model(model), m_row(row), m_bypassed(bypassed)
{}

void BypassEffectCommand::redo()
{
    m_model->applyBypassed(m_row, m_bypassed);
}

void BypassEffectCommand::undo()
{
    m_model->applyBypassed(m_row, !m_bypassed);
}

SetParameterCommand::SetParameterCommand(RackModel* model, int row, int paramId, double oldValue,
                                         double newValue, int gesture)
    : m_model(model), m_row(row), m_paramId(paramId), m_old(oldValue), m_new(newValue), m_gesture(gesture)
{
    updateText();
}

void SetParameterCommand::updateText()
{
    const RackSlot& slot = m_model->slotAt(m_row);
    const auto& info = slot.type->params.at(static_cast<size_t>(m_paramId));
    setText(QCoreApplication::translate("RackCommands", "Set %1 %2 to %3")
                .arg(effectName(slot), QString::fromStdString(info.name),
                     QString::fromStdString(info.formatValue(m_new))));
}

void SetParameterCommand::redo()
{
    m_model->applyParameter(m_row, m_paramId, m_new);
}

void SetParameterCommand::undo()
{
    m_model->applyParameter(m_row, m_paramId, m_old);
}

bool SetParameterCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const SetParameterCommand*>(other);
    if (m_gesture == 0 || next->m_gesture != m_gesture || next->m_row != m_row ||
        next->m_paramId != m_paramId)
        return false;
    m_new = next->m_new;
    updateText();
    return true;
}

SetTextCommand::SetTextCommand(RackModel* model, int row, int paramId, QString oldText, QString newText)
    : m_model(model), m_row(row), m_paramId(paramId), m_old(std::move(oldText)), m_new(std::move(newText))
{
    const RackSlot& slot = m_model->slotAt(m_row);
    const auto& info = slot.type->params.at(static_cast<size_t>(m_paramId));
    const QString file =
        m_new.isEmpty() ? QCoreApplication::translate("RackCommands", "none") : QFileInfo(m_new).fileName();
    setText(QCoreApplication::translate("RackCommands", "Set %1 %2 to %3")
                .arg(effectName(slot), QString::fromStdString(info.name), file));
}

void SetTextCommand::redo()
{
    m_model->applyText(m_row, m_paramId, m_new);
}

void SetTextCommand::undo()
{
    m_model->applyText(m_row, m_paramId, m_old);
}

SampleRateCommand::SampleRateCommand(RackModel* model, double oldRate, double newRate,
                                     QList<ParameterChange> changes)
    : QUndoCommand(QCoreApplication::translate("RackCommands", "Fit the rack to %1 Hz")
                       .arg(QLocale().toString(newRate, 'f', 0))),
      m_model(model), m_oldRate(oldRate), m_newRate(newRate), m_changes(std::move(changes))
{}

void SampleRateCommand::redo()
{
    // Values first: the clamped ones are valid at both rates, so nothing runs refused between.
    for (const ParameterChange& c : std::as_const(m_changes))
        m_model->applyParameter(c.row, c.paramId, c.newValue);
    m_model->applySampleRate(m_newRate);
}

void SampleRateCommand::undo()
{
    // The rate first: the old values are valid only at the old rate.
    m_model->applySampleRate(m_oldRate);
    for (auto c = m_changes.crbegin(); c != m_changes.crend(); ++c)
        m_model->applyParameter(c->row, c->paramId, c->oldValue);
}

} // namespace fxrack::app
