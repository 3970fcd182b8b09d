#include "RackModel.h"

#include "ParamFormat.h"
#include "RackCommands.h"
#include "dsp/Errors.h"
#include "dsp/ImpulseResponse.h"
#include "dsp/RateLimits.h"

#include <QDataStream>
#include <QFileInfo>
#include <QIODevice>
#include <QIcon>
#include <QLocale>
#include <QMimeData>
#include <QUndoStack>
#include <algorithm>
#include <cmath>

namespace fxrack::app {
namespace {

// The rows MIME payload names its model, so rows are never dropped into another rack.
QByteArray encodeRows(const RackModel* model, QList<int> rows)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << quint64(reinterpret_cast<quintptr>(model)) << rows;
    return bytes;
}

bool decodeRows(const QByteArray& bytes, const RackModel* model, QList<int>* rows)
{
    QDataStream in(bytes);
    quint64 owner = 0;
    in >> owner >> *rows;
    return in.status() == QDataStream::Ok && owner == quint64(reinterpret_cast<quintptr>(model)) &&
           !rows->isEmpty();
}

} // namespace

RackModel::RackModel(const dsp::EffectRegistry& registry, QObject* parent)
    : QAbstractListModel(parent), m_registry(registry)
{
    // A missing IR passes audio dry "until the file is found": the rack waits for it.
    connect(this, &RackModel::rackChanged, this, &RackModel::watchMissingFiles);
    connect(&m_missingFiles, &MissingFileWatcher::appeared, this, &RackModel::fileAppeared);
}

void RackModel::watchMissingFiles()
{
    QStringList missing;
    for (const RackSlot& slot : m_slots)
        for (const QString& text : slot.texts)
            if (!text.isEmpty() && !QFileInfo::exists(text))
                missing << text;
    m_missingFiles.setPaths(missing);
}

void RackModel::fileAppeared(const QString& path)
{
    for (int row = 0; row < count(); ++row)
        for (int id = 0; id < slotAt(row).texts.size(); ++id)
            if (slotAt(row).texts.at(id) == path) {
                m_loadErrors.remove(slotAt(row).uid);
                const QModelIndex changed = index(row);
                emit dataChanged(changed, changed, {LoadRole});
                emit textFileAppeared(row, id, path);
            }
}

void RackModel::setTextLoad(int row, bool loading, const QString& error)
{
    if (!validRow(row))
        return;
    const quint64 uid = slotAt(row).uid;
    if (loading)
        m_loading.insert(uid);
    else
        m_loading.remove(uid);
    if (error.isEmpty())
        m_loadErrors.remove(uid);
    else
        m_loadErrors.insert(uid, error);
    if (!error.isEmpty())
        watchMissingFiles(); // the file may have gone since the last edit: wait for it from now
    const QModelIndex changed = index(row);
    emit dataChanged(changed, changed, {LoadRole});
}

bool RackModel::isTextLoading(int row) const
{
    return validRow(row) && m_loading.contains(slotAt(row).uid);
}

QString RackModel::textLoadError(int row) const
{
    return validRow(row) ? m_loadErrors.value(slotAt(row).uid) : QString();
}

void RackModel::clearTextLoads()
{
    const QSet<quint64> loading = m_loading;
    m_loading.clear();
    for (const quint64 uid : loading)
        if (const int row = rowOfUid(uid); row >= 0)
            emit dataChanged(index(row), index(row), {LoadRole});
}

int RackModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant RackModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RackSlot& slot = slotAt(index.row());
    const QString name = QString::fromStdString(slot.type->name);
    switch (role) {
    case Qt::DisplayRole:
    case TypeRole:
        return name;
    case Qt::ToolTipRole:
        return QString::fromStdString(slot.type->help).isEmpty() ? name
                                                                 : QString::fromStdString(slot.type->help);
    case Qt::DecorationRole:
        return QIcon(
            QStringLiteral(":/icons/category-%1.svg").arg(QString::fromStdString(slot.type->category)));
    case Qt::CheckStateRole:
        return slot.bypassed ? Qt::Unchecked : Qt::Checked; // checked: the effect is active
    case CategoryRole:
        return QString::fromStdString(slot.type->category);
    case BypassedRole:
        return slot.bypassed;
    case UidRole:
        return slot.uid;
    case SpecRole: {
        dsp::EffectChain one = dsp::buildChain({specOf(slot)}, m_registry);
        return QString::fromStdString(dsp::formatChain(one));
    }
    default:
        return {};
    }
}

bool RackModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (role == Qt::CheckStateRole)
        return setBypassed(index.row(), value.toInt() != Qt::Checked);
    if (role == BypassedRole)
        return setBypassed(index.row(), value.toBool());
    return false;
}

Qt::ItemFlags RackModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsUserCheckable |
           Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> RackModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names[TypeRole] = "type";
    names[CategoryRole] = "category";
    names[BypassedRole] = "bypassed";
    names[UidRole] = "uid";
    names[SpecRole] = "spec";
    return names;
}

Qt::DropActions RackModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions RackModel::supportedDragActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

QStringList RackModel::mimeTypes() const
{
    return {kRowsMimeType, kEffectMimeType};
}

QMimeData* RackModel::mimeData(const QModelIndexList& indexes) const
{
    QList<int> rows;
    QStringList specs;
    for (const QModelIndex& index : indexes) {
        if (index.isValid() && index.model() == this && !rows.contains(index.row()))
            rows << index.row();
    }
    if (rows.isEmpty())
        return nullptr;
    std::sort(rows.begin(), rows.end());
    for (int row : rows)
        specs << data(index(row), SpecRole).toString();
    auto* mime = new QMimeData;
    mime->setData(kRowsMimeType, encodeRows(this, rows));
    mime->setText(specs.join(QStringLiteral(" | "))); // a chain spec, for dropping into a text editor
    return mime;
}

bool RackModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                const QModelIndex& parent) const
{
    Q_UNUSED(row);
    if (!data || column > 0 || (parent.isValid() && parent.model() != this))
        return false;
    if (action != Qt::MoveAction && action != Qt::CopyAction)
        return false;
    if (data->hasFormat(kEffectMimeType))
        return m_registry.find(QString::fromUtf8(data->data(kEffectMimeType)).toStdString()) != nullptr;
    QList<int> rows;
    return data->hasFormat(kRowsMimeType) && decodeRows(data->data(kRowsMimeType), this, &rows);
}

bool RackModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                             const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    // Dropped onto a card: before it. Dropped on empty space: at the end.
    int destination = row;
    if (destination < 0)
        destination = parent.isValid() ? parent.row() : count();
    destination = std::clamp(destination, 0, count());

    if (data->hasFormat(kEffectMimeType))
        return addEffect(QString::fromUtf8(data->data(kEffectMimeType)), destination);

    QList<int> rows;
    decodeRows(data->data(kRowsMimeType), this, &rows);
    for (int r : rows)
        if (!validRow(r))
            return false;
    if (action == Qt::CopyAction) {
        if (m_undo)
            m_undo->beginMacro(tr("Duplicate effects"));
        for (int i = 0; i < rows.size(); ++i) {
            RackSlot copy = slotAt(rows[i]);
            copy.uid = 0;
            const QString text = tr("Duplicate %1").arg(QString::fromStdString(copy.type->name));
            if (m_undo)
                m_undo->push(new InsertEffectCommand(this, destination + i, std::move(copy), text));
            else
                applyInsert(destination + i, std::move(copy));
        }
        if (m_undo)
            m_undo->endMacro();
        return true;
    }
    // A move: one contiguous block (what a card drag carries); the first row otherwise.
    const bool contiguous = rows.last() - rows.first() + 1 == rows.size();
    const int first = rows.first();
    const int n = contiguous ? static_cast<int>(rows.size()) : 1;
    if (destination >= first && destination <= first + n)
        return true; // dropped onto itself: nothing to do, and nothing to remove either
    return moveRows({}, first, n, {}, destination);
}

bool RackModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                         const QModelIndex& destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count < 1 || sourceRow < 0 ||
        sourceRow + count > this->count() || destinationChild < 0 || destinationChild > this->count())
        return false;
    if (destinationChild >= sourceRow && destinationChild <= sourceRow + count)
        return false; // Qt's rule: a block cannot move into itself
    if (m_undo)
        m_undo->push(new MoveEffectCommand(this, sourceRow, count, destinationChild));
    else
        applyMove(sourceRow, count, destinationChild);
    return true;
}

bool RackModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || count < 1 || row < 0 || row + count > this->count())
        return false;
    if (m_undo)
        m_undo->beginMacro(tr("Remove effects"));
    for (int i = 0; i < count; ++i)
        removeEffect(row);
    if (m_undo)
        m_undo->endMacro();
    return true;
}

int RackModel::rowOfUid(quint64 uid) const
{
    for (int i = 0; i < count(); ++i)
        if (m_slots[static_cast<size_t>(i)].uid == uid)
            return i;
    return -1;
}

dsp::EffectSpec RackModel::specOf(const RackSlot& slot) const
{
    dsp::EffectSpec spec{slot.type->name, {}};
    for (int i = 0; i < slot.values.size(); ++i) {
        const dsp::ParamInfo& info = slot.type->params[static_cast<size_t>(i)];
        if (!info.isText())
            spec.params.emplace_back(info.name, slot.values[i]);
        else if (!slot.texts.value(i).isEmpty())
            spec.texts.emplace_back(info.name, slot.texts.value(i).toStdString());
    }
    return spec;
}

std::vector<dsp::EffectSpec> RackModel::specs() const
{
    std::vector<dsp::EffectSpec> out;
    for (const RackSlot& slot : m_slots)
        out.push_back(specOf(slot));
    return out;
}

QString RackModel::chainSpec() const
{
    return QString::fromStdString(dsp::formatChain(buildChain()));
}

dsp::EffectChain RackModel::buildChain() const
{
    dsp::EffectChain chain = dsp::buildChain(specs(), m_registry);
    for (int i = 0; i < count(); ++i)
        chain.setBypassed(i, slotAt(i).bypassed);
    return chain;
}

void RackModel::setSpecs(const std::vector<dsp::EffectSpec>& specs)
{
    // Build first: a bad spec throws before the rack changes.
    setChain(dsp::buildChain(specs, m_registry));
}

void RackModel::setChain(const dsp::EffectChain& chain)
{
    beginResetModel();
    m_slots.clear();
    for (int i = 0; i < chain.size(); ++i) {
        RackSlot slot = makeSlot(chain.at(i));
        slot.uid = m_nextUid++;
        slot.bypassed = chain.isBypassed(i);
        m_slots.push_back(std::move(slot));
    }
    endResetModel();
    emit structureChanged();
    emit rackChanged();
}

void RackModel::setChainSpec(const QString& spec)
{
    setSpecs(dsp::parseChainSpec(spec.toStdString(), m_registry));
}

std::vector<dsp::EffectSpec> RackModel::defaultSpecs()
{
    // The seed chain of the issue: what a fresh session sounds like.
    return dsp::parseChainSpec("HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)");
}

RackSlot RackModel::makeSlot(const QString& typeName) const
{
    RackSlot slot;
    slot.type = m_registry.find(typeName.toStdString());
    if (slot.type)
        for (const auto& info : slot.type->params) {
            slot.values << info.defaultValue;
            slot.texts << QString();
        }
    return slot;
}

RackSlot RackModel::makeSlot(const dsp::Effect& effect) const
{
    RackSlot slot;
    slot.type = m_registry.find(effect.name());
    for (int p = 0; p < effect.paramCount(); ++p) {
        slot.values << effect.param(p);
        slot.texts << QString::fromStdString(effect.text(p));
    }
    return slot;
}

bool RackModel::addEffect(const QString& typeName, int row)
{
    RackSlot slot = makeSlot(typeName);
    if (!slot.type)
        return false;
    if (row < 0 || row > count())
        row = count();
    if (m_undo)
        m_undo->push(new InsertEffectCommand(this, row, std::move(slot), tr("Add %1").arg(typeName)));
    else
        applyInsert(row, std::move(slot));
    return true;
}

bool RackModel::removeEffect(int row)
{
    if (!validRow(row))
        return false;
    if (m_undo)
        m_undo->push(new RemoveEffectCommand(this, row));
    else
        applyTake(row);
    return true;
}

bool RackModel::duplicateEffect(int row)
{
    if (!validRow(row))
        return false;
    RackSlot copy = slotAt(row);
    copy.uid = 0;
    const QString text = tr("Duplicate %1").arg(QString::fromStdString(copy.type->name));
    if (m_undo)
        m_undo->push(new InsertEffectCommand(this, row + 1, std::move(copy), text));
    else
        applyInsert(row + 1, std::move(copy));
    return true;
}

bool RackModel::moveEffect(int from, int to)
{
    if (!validRow(from) || !validRow(to) || from == to)
        return false;
    return moveRows({}, from, 1, {}, to > from ? to + 1 : to);
}

bool RackModel::setBypassed(int row, bool bypassed)
{
    if (!validRow(row))
        return false;
    if (slotAt(row).bypassed == bypassed)
        return true;
    if (m_undo)
        m_undo->push(new BypassEffectCommand(this, row, bypassed));
    else
        applyBypassed(row, bypassed);
    return true;
}

std::unique_ptr<dsp::Effect> RackModel::effectAt(int row) const
{
    const RackSlot& slot = slotAt(row);
    auto effect = slot.type->create();
    for (int id = 0; id < slot.values.size(); ++id) {
        if (slot.type->params[static_cast<size_t>(id)].isText())
            effect->setText(id, slot.texts.value(id).toStdString());
        else
            effect->setParameter(id, slot.values[id]);
    }
    return effect;
}

double RackModel::upperLimit(int row, int paramId) const
{
    const auto& info = slotAt(row).type->params.at(static_cast<size_t>(paramId));
    if (!dsp::isRateBound(info) || m_sampleRate <= 0.0)
        return info.maxValue;
    try {
        return dsp::highestValid(*effectAt(row), paramId, m_sampleRate);
    } catch (const dsp::ParameterError&) {
        return info.maxValue; // a slot the metadata refuses: nothing to say about the rate
    }
}

QString RackModel::checkParameter(int row, int paramId, double value) const
{
    if (!validRow(row) || paramId < 0 || paramId >= slotAt(row).values.size())
        return tr("no parameter %1 in effect %2").arg(paramId).arg(row);
    const auto& info = slotAt(row).type->params[static_cast<size_t>(paramId)];
    if (const std::string why = info.checkValue(value); !why.empty())
        return QStringLiteral("%1: %2").arg(QString::fromStdString(slotAt(row).type->name),
                                            QString::fromStdString(why));
    try {
        auto effect = effectAt(row);
        effect->setParameter(paramId, value);
        effect->validate(m_sampleRate);
    } catch (const dsp::ParameterError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString RackModel::clampNote(int row, int paramId, double asked, double used, double rate) const
{
    const RackSlot& slot = slotAt(row);
    const auto& info = slot.type->params.at(static_cast<size_t>(paramId));
    return tr("%1 %2: %3 is too high at %4 Hz (Nyquist %5); set to %6")
        .arg(QString::fromStdString(slot.type->name), parameterLabel(info), formatParamValue(info, asked),
             QLocale().toString(rate, 'f', 0), formatParamValue(info, rate / 2.0),
             formatParamValue(info, used));
}

void RackModel::setSampleRate(double hz)
{
    if (!(hz > 0.0) || hz == m_sampleRate)
        return;
    // The values the new rate refuses, found on copies (a clamp may move another limit: FIR
    // cutoff and cutoff_high), in slot and parameter order.
    QList<ParameterChange> changes;
    for (int row = 0; row < count(); ++row) {
        std::unique_ptr<dsp::Effect> effect;
        try {
            effect = effectAt(row);
        } catch (const dsp::ParameterError&) {
            continue;
        }
        for (int id = 0; id < effect->paramCount(); ++id) {
            if (!dsp::isRateBound(effect->paramInfo(id)))
                continue;
            const double limit = dsp::highestValid(*effect, id, hz);
            if (effect->param(id) <= limit)
                continue;
            changes << ParameterChange{row, id, effect->param(id), limit};
            effect->setParameter(id, limit);
        }
    }
    const double old = m_sampleRate;
    if (changes.isEmpty())
        applySampleRate(hz); // nothing in the rack changes: no undo step
    else if (m_undo)
        m_undo->push(new SampleRateCommand(this, old, hz, changes));
    else
        SampleRateCommand(this, old, hz, changes).redo();
    for (const ParameterChange& c : std::as_const(changes))
        emit valueClamped(c.row, c.paramId, c.oldValue, c.newValue,
                          clampNote(c.row, c.paramId, c.oldValue, c.newValue, hz));
}

void RackModel::revertToEngine(int row, int paramId, double refused, double running)
{
    if (!validRow(row) || paramId < 0 || paramId >= slotAt(row).values.size())
        return;
    const double shown = value(row, paramId);
    if (shown != refused || shown == running)
        return; // a later edit or undo sent another value, which the engine judged on its own
    applyParameter(row, paramId, running);
    const RackSlot& slot = slotAt(row);
    const auto& info = slot.type->params.at(static_cast<size_t>(paramId));
    emit valueClamped(row, paramId, shown, running,
                      tr("%1 %2: the engine refused %3 and still runs %4")
                          .arg(QString::fromStdString(slot.type->name), parameterLabel(info),
                               formatParamValue(info, shown), formatParamValue(info, running)));
}

bool RackModel::setParameter(int row, int paramId, double value, int gesture)
{
    if (!validRow(row) || paramId < 0 || paramId >= slotAt(row).values.size() || !std::isfinite(value))
        return false;
    if (dsp::isRateBound(slotAt(row).type->params[static_cast<size_t>(paramId)]) && m_sampleRate > 0.0) {
        const double limit = upperLimit(row, paramId);
        if (value > limit) {
            emit valueClamped(row, paramId, value, limit,
                              clampNote(row, paramId, value, limit, m_sampleRate));
            value = limit;
        }
    }
    if (!checkParameter(row, paramId, value).isEmpty())
        return false;
    const double old = this->value(row, paramId);
    if (old == value)
        return true;
    if (m_undo)
        m_undo->push(new SetParameterCommand(this, row, paramId, old, value, gesture));
    else
        applyParameter(row, paramId, value);
    return true;
}

QString RackModel::textProblem(int row, int paramId) const
{
    const QString path = validRow(row) ? text(row, paramId) : QString();
    if (path.isEmpty())
        return {};
    try {
        dsp::checkImpulseResponse(path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

bool RackModel::setText(int row, int paramId, const QString& text)
{
    if (!validRow(row) || paramId < 0 || paramId >= slotAt(row).values.size() ||
        !slotAt(row).type->params[static_cast<size_t>(paramId)].isText())
        return false;
    const QString old = this->text(row, paramId);
    if (old == text)
        return true;
    if (m_undo)
        m_undo->push(new SetTextCommand(this, row, paramId, old, text));
    else
        applyText(row, paramId, text);
    return true;
}

void RackModel::applyText(int row, int paramId, const QString& text)
{
    RackSlot& slot = m_slots[static_cast<size_t>(row)];
    while (slot.texts.size() < slot.values.size())
        slot.texts << QString();
    slot.texts[paramId] = text;
    m_loadErrors.remove(slot.uid); // a new file: what the last load said no longer holds
    const QModelIndex changed = index(row);
    emit dataChanged(changed, changed, {SpecRole});
    emit textChanged(row, paramId, text);
    emit rackChanged();
}

int RackModel::applyInsert(int row, RackSlot slot)
{
    row = std::clamp(row, 0, count());
    if (slot.uid == 0)
        slot.uid = m_nextUid++;
    beginInsertRows({}, row, row);
    m_slots.insert(m_slots.begin() + row, std::move(slot));
    endInsertRows();
    emit structureChanged();
    emit rackChanged();
    return row;
}

RackSlot RackModel::applyTake(int row)
{
    beginRemoveRows({}, row, row);
    RackSlot slot = std::move(m_slots[static_cast<size_t>(row)]);
    m_slots.erase(m_slots.begin() + row);
    endRemoveRows();
    emit structureChanged();
    emit rackChanged();
    return slot;
}

void RackModel::applyMove(int from, int count, int destinationChild)
{
    if (!beginMoveRows({}, from, from + count - 1, {}, destinationChild))
        return;
    auto first = m_slots.begin() + from;
    auto last = first + count;
    if (destinationChild < from)
        std::rotate(m_slots.begin() + destinationChild, first, last);
    else
        std::rotate(first, last, m_slots.begin() + destinationChild);
    endMoveRows();
    emit structureChanged();
    emit rackChanged();
}

void RackModel::applyBypassed(int row, bool bypassed)
{
    m_slots[static_cast<size_t>(row)].bypassed = bypassed;
    const QModelIndex changed = index(row);
    emit dataChanged(changed, changed, {Qt::CheckStateRole, BypassedRole, SpecRole});
    emit bypassChanged(row, bypassed);
    emit rackChanged();
}

void RackModel::applySampleRate(double hz)
{
    m_sampleRate = hz;
    emit sampleRateChanged(hz);
    if (count() > 0)
        emit dataChanged(index(0), index(count() - 1), {SpecRole}); // the cards' limits follow
}

void RackModel::applyParameter(int row, int paramId, double value)
{
    RackSlot& slot = m_slots[static_cast<size_t>(row)];
    slot.values[paramId] = value;
    const QModelIndex changed = index(row);
    emit dataChanged(changed, changed, {SpecRole});
    emit parameterChanged(row, paramId, value);
    if (!slot.type->params[static_cast<size_t>(paramId)].continuous)
        emit structureChanged();
    emit rackChanged();
}

} // namespace fxrack::app
