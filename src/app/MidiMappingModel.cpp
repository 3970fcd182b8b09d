#include "MidiMappingModel.h"

#include "MidiController.h"
#include "MidiMappingCommand.h"
#include "dsp/Effect.h"

#include <QUndoStack>
#include <algorithm>

namespace fxrack::app {

namespace {
constexpr midi::Curve kCurves[] = {midi::Curve::Linear, midi::Curve::Log, midi::Curve::Exp,
                                   midi::Curve::Toggle};
constexpr midi::Takeover kTakeovers[] = {
    midi::Takeover::Jump, midi::Takeover::PickUp, midi::Takeover::RelativeTwosComplement,
    midi::Takeover::RelativeBinaryOffset, midi::Takeover::RelativeSignMagnitude};

// A mapping's spec in the grammar users type (docs/midi.md), cut in three: the source, the
// target, and the options (range, curve, takeover) with their leading ':'.
struct SpecParts {
    std::string source, target, options;
};
SpecParts specParts(const midi::MidiMapping& m, int slot)
{
    midi::MidiMapping bare = m;
    bare.min = bare.max = std::numeric_limits<double>::quiet_NaN();
    bare.curveGiven = false;
    bare.takeover = midi::Takeover::Jump;
    const std::string full = midi::formatMappingSpec(m, slot);
    const std::string target = midi::formatMappingSpec(bare, slot);
    const size_t eq = full.find('=');
    return {full.substr(0, eq), target.substr(eq + 1), full.substr(target.size())};
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
        return QString::fromStdString(specParts(m, 0).source);
    case Target:
        // Shown as a path; edited in the grammar that is typed back.
        return role == Qt::EditRole
                   ? QString::fromStdString(specParts(m, m_midi->mapper().slotIndex(m.target.slotKey)).target)
                   : m_midi->targetText(m);
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
    case Scope:
        return m.global() ? tr("global") : tr("session");
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
    case Scope:
        return tr("Kept in");
    }
    return {};
}

Qt::ItemFlags MidiMappingModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    if (index.column() == Scope) // follows from the target
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

bool MidiMappingModel::refuse(const QString& error)
{
    m_lastError = error;
    emit editRefused(error);
    return false;
}

QString MidiMappingModel::errorText(const midi::MappingError& e)
{
    using P = midi::MappingError::Problem;
    const QString part = QString::fromStdString(e.part);
    switch (e.problem) {
    case P::Number:
        // One arg() call: a part typed with a '%2' in it is shown as typed, not filled in.
        return tr("%1: expected a number from %2 to %3")
            .arg(part, QString::number(e.low), QString::number(e.high));
    case P::EmptyPort:
        return tr("%1: the port's name before '@' is empty").arg(part);
    case P::ChannelAndSource:
        return tr("%1: expected a channel and a source, such as ch1:cc7").arg(part);
    case P::Channel:
        return tr("%1: expected a channel: ch1 to ch16, or chany").arg(part);
    case P::Source:
        return tr("%1: expected a source: ccN, ccMSB/LSB, nrpnN, noteN, pc[N] or pb").arg(part);
    case P::SourceEqualsTarget:
        return tr("%1: expected a source and a target, such as ch1:cc7=0.gain").arg(part);
    case P::Snapshot:
        return tr("%1: expected a snapshot from A to H (or 1 to 8)").arg(part);
    case P::Preset:
        return tr("%1: expected preset:next or preset:prev").arg(part);
    case P::TapSlot:
        return tr("%1: expected tap:SLOT, the Delay whose bpm the taps set").arg(part);
    case P::Target:
        return tr("%1: expected a target: SLOT.PARAM, bypass[:SLOT], snapshot[:N], store:N, preset:next, "
                  "preset:prev or tap:SLOT")
            .arg(part);
    case P::ParameterName:
        return tr("%1: expected a parameter name after the '.'").arg(part);
    case P::Range:
        return tr("%1: expected a range MIN..MAX").arg(part);
    case P::Option:
        return tr("%1: expected a range MIN..MAX, a curve or a takeover").arg(part);
    case P::RelativeNeedsCc:
        return tr("%1: relative encoders send 7-bit control changes (ccN)").arg(part);
    case P::NoSuchSlot:
        return e.high == 0 ? tr("Slot %1: the rack is empty").arg(e.low)
                           : tr("Slot %1: the rack's slots go from 0 to %2").arg(e.low).arg(e.high - 1);
    case P::NoSuchParameter:
        return tr("%1: %2 has no such parameter").arg(part, QString::fromStdString(e.effect));
    }
    return QString::fromUtf8(e.what());
}

void MidiMappingModel::takeTargetRange(const midi::MidiMapping& before, midi::MidiMapping& after) const
{
    if (!(before.min == before.min && before.max == before.max))
        return; // no range of its own: it follows whatever parameter it drives
    const dsp::Effect* was = m_midi->targetEffect(before);
    const dsp::Effect* now = m_midi->targetEffect(after);
    const bool parameter = after.target.kind == midi::TargetKind::Parameter && now;
    if (parameter && before.target.kind == midi::TargetKind::Parameter && was &&
        &was->type() == &now->type() && before.target.param == after.target.param)
        return; // the same parameter of the same kind of effect: the range still means the same
    after.min = after.max = std::numeric_limits<double>::quiet_NaN();
    const int id = parameter ? now->findParam(after.target.param) : -1;
    if (id < 0)
        return; // bypass, snapshot, preset, tap tempo: no range
    const dsp::ParamInfo& info = now->paramInfo(id);
    const bool inverted = before.min > before.max;
    after.min = inverted ? info.knobHigh() : info.knobLow();
    after.max = inverted ? info.knobLow() : info.knobHigh();
}

bool MidiMappingModel::setSpec(const QModelIndex& index, const QString& value)
{
    const int row = index.row();
    const midi::MidiMapping& before = m_midi->mapper().mappings()[static_cast<size_t>(row)];
    const SpecParts parts = specParts(before, m_midi->mapper().slotIndex(before.target.slotKey));
    const std::string text = value.trimmed().toStdString();
    if (text.empty())
        return refuse(index.column() == Source ? tr("The source is empty (e.g. ch1:cc7)")
                                               : tr("The target is empty (e.g. 0.mix)"));
    midi::MidiMapping after;
    try {
        if (index.column() == Source) {
            after = m_midi->mappingFromSpec(text + '=' + parts.target + parts.options);
        } else {
            // The range, curve and takeover stay in their columns: the target cell is the target.
            const midi::MidiMapping bare = m_midi->mappingFromSpec(parts.source + '=' + text);
            if (bare.min == bare.min || bare.curveGiven || bare.takeover != midi::Takeover::Jump)
                return refuse(tr("%1: the range, curve and takeover have their own columns")
                                  .arg(QString::fromStdString(text)));
            after = m_midi->mappingFromSpec(parts.source + '=' + text + parts.options);
        }
    } catch (const midi::MappingError& e) {
        return refuse(errorText(e));
    }
    if (index.column() == Target && !(after.target == before.target))
        takeTargetRange(before, after);
    m_lastError.clear();
    if (after != before)
        m_undo->push(new MidiMappingCommand(m_midi, MidiMappingCommand::Kind::Replace, row, before, after));
    return true;
}

bool MidiMappingModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::EditRole)
        return false;
    if (index.column() == Source || index.column() == Target)
        return setSpec(index, value.toString());
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
            return refuse(tr("%1: expected a number (empty: the parameter's own range)").arg(text));
        if (!(after.min == after.min && after.max == after.max))
            after.min = after.max = v; // the other end starts at the same value
        field = v;
        break;
    }
    case Curve: {
        const int i = choices(Curve).indexOf(value.toString());
        if (i < 0)
            return refuse(tr("%1: expected a curve: %2").arg(value.toString(), choices(Curve).join(", ")));
        after.curve = kCurves[i];
        after.curveGiven = true;
        break;
    }
    case Takeover: {
        const int i = choices(Takeover).indexOf(value.toString());
        if (i < 0)
            return refuse(
                tr("%1: expected a takeover: %2").arg(value.toString(), choices(Takeover).join(", ")));
        if (midi::isRelative(kTakeovers[i]) && after.source.kind != midi::SourceKind::Cc)
            return refuse(tr("%1: relative encoders send 7-bit control changes (ccN)").arg(value.toString()));
        after.takeover = kTakeovers[i];
        break;
    }
    default:
        return false;
    }
    m_lastError.clear();
    if (after == before)
        return true;
    m_undo->push(
        new MidiMappingCommand(m_midi, MidiMappingCommand::Kind::Replace, index.row(), before, after));
    return true;
}

int MidiMappingModel::addMapping()
{
    // A controller no mapping uses yet, so the new row moves nothing until it is edited.
    std::vector<bool> used(128, false);
    for (const midi::MidiMapping& m : m_midi->mapper().mappings())
        if (m.source.kind == midi::SourceKind::Cc && m.source.number >= 0 && m.source.number < 128)
            used[static_cast<size_t>(m.source.number)] = true;
    const auto free = std::find(used.begin(), used.end(), false);
    const int cc = free == used.end() ? 0 : static_cast<int>(free - used.begin());
    const std::string target = m_midi->mapper().slotCount() > 0 ? "bypass:0" : "bypass";
    const midi::MidiMapping m = m_midi->mappingFromSpec("ch1:cc" + std::to_string(cc) + '=' + target);
    const int row = rowCount();
    m_undo->push(new MidiMappingCommand(m_midi, MidiMappingCommand::Kind::Insert, row, {}, m));
    return row;
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
