#include "MidiMappingModel.h"

#include "MidiController.h"
#include "MidiMappingCommand.h"

#include <QUndoStack>
#include <algorithm>

namespace fxrack::app {

namespace {
constexpr midi::Curve kCurves[] = {midi::Curve::Linear, midi::Curve::Log, midi::Curve::Exp,
                                   midi::Curve::Toggle};
constexpr midi::Takeover kTakeovers[] = {
    midi::Takeover::Jump, midi::Takeover::PickUp, midi::Takeover::RelativeTwosComplement,
    midi::Takeover::RelativeBinaryOffset, midi::Takeover::RelativeSignMagnitude};

QString sourceText(const midi::MidiMapping& m)
{
    // The spec's left side: the grammar users type (docs/midi.md).
    const std::string spec = midi::formatMappingSpec(m, 0);
    return QString::fromStdString(spec.substr(0, spec.find('=')));
}
} // namespace

MidiMappingModel::MidiMappingModel(MidiController* midi, QUndoStack* undo, QObject* parent)
    : QAbstractTableModel(parent), m_midi(midi), m_undo(undo)
{
    // The table changes underneath (learn, undo, a removed effect): show it as it is.
    connect(m_midi, &MidiController::mappingsChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int MidiMappingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_midi->mapper().mappings().size());
}

int MidiMappingModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QStringList MidiMappingModel::choices(int column)
{
    QStringList out;
    if (column == Curve)
        for (auto c : kCurves)
            out << QString::fromLatin1(midi::curveName(c).data(),
                                       static_cast<qsizetype>(midi::curveName(c).size()));
    if (column == Takeover)
        for (auto t : kTakeovers)
            out << QString::fromLatin1(midi::takeoverName(t).data(),
                                       static_cast<qsizetype>(midi::takeoverName(t).size()));
    return out;
}

QVariant MidiMappingModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid) ||
        (role != Qt::DisplayRole && role != Qt::EditRole))
        return {};
    const midi::MidiMapping& m = m_midi->mapper().mappings()[static_cast<size_t>(index.row())];
    const bool ranged = m.min == m.min && m.max == m.max;
    switch (index.column()) {
    case Source:
        return sourceText(m);
    case Target:
        return m_midi->targetText(m);
    case Min:
        return ranged ? QVariant(m.min)
                      : QVariant(role == Qt::EditRole ? QVariant(QString()) : QVariant(tr("auto")));
    case Max:
        return ranged ? QVariant(m.max)
                      : QVariant(role == Qt::EditRole ? QVariant(QString()) : QVariant(tr("auto")));
    case Curve:
        return choices(Curve).at(static_cast<int>(m.curve));
    case Takeover:
        return choices(Takeover).at(static_cast<int>(m.takeover));
    }
    return {};
}

QVariant MidiMappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Source:
        return tr("Source");
    case Target:
        return tr("Target");
    case Min:
        return tr("Min");
    case Max:
        return tr("Max");
    case Curve:
        return tr("Curve");
    case Takeover:
        return tr("Takeover");
    }
    return {};
}

Qt::ItemFlags MidiMappingModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    const Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return index.column() >= Min ? f | Qt::ItemIsEditable : f;
}

bool MidiMappingModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::EditRole ||
        index.column() < Min)
        return false;
    const midi::MidiMapping before = m_midi->mapper().mappings()[static_cast<size_t>(index.row())];
    midi::MidiMapping after = before;
    switch (index.column()) {
    case Min:
    case Max: {
        double& field = index.column() == Min ? after.min : after.max;
        const QString text = value.toString().trimmed();
        if (text.isEmpty()) { // back to the parameter's range: both ends
            after.min = after.max = std::numeric_limits<double>::quiet_NaN();
            break;
        }
        bool ok = false;
        const double v = value.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return false;
        if (!(after.min == after.min && after.max == after.max))
            after.min = after.max = v; // the other end starts at the same value
        field = v;
        break;
    }
    case Curve: {
        const int i = choices(Curve).indexOf(value.toString());
        if (i < 0)
            return false;
        after.curve = kCurves[i];
        after.curveGiven = true;
        break;
    }
    case Takeover: {
        const int i = choices(Takeover).indexOf(value.toString());
        if (i < 0 || (midi::isRelative(kTakeovers[i]) && after.source.kind != midi::SourceKind::Cc))
            return false;
        after.takeover = kTakeovers[i];
        break;
    }
    default:
        return false;
    }
    if (after == before)
        return true;
    m_undo->push(
        new MidiMappingCommand(m_midi, MidiMappingCommand::Kind::Replace, index.row(), before, after));
    return true;
}

void MidiMappingModel::removeMappings(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return;
    m_undo->beginMacro(tr("Remove MIDI Mappings"));
    for (int row : rows)
        if (row >= 0 && row < rowCount())
            m_undo->push(new MidiMappingCommand(m_midi, MidiMappingCommand::Kind::Remove, row,
                                                m_midi->mapper().mappings()[static_cast<size_t>(row)], {}));
    m_undo->endMacro();
}

} // namespace fxrack::app
