#include "midi/MidiMapping.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

namespace fxrack::midi {
namespace {

// Each enumerator's name, once: the *Name() functions and the spec parser read them here. An
// unknown value reads as the first entry.
template <typename E> using NameTable = std::pair<E, std::string_view>;

constexpr NameTable<SourceKind> kSourceKindNames[] = {
    {SourceKind::Cc, "cc"},     {SourceKind::Cc14, "cc14"},        {SourceKind::Nrpn, "nrpn"},
    {SourceKind::Note, "note"}, {SourceKind::ProgramChange, "pc"}, {SourceKind::PitchBend, "pb"}};
constexpr NameTable<TargetKind> kTargetKindNames[] = {{TargetKind::Parameter, "parameter"},
                                                      {TargetKind::SlotBypass, "bypass"},
                                                      {TargetKind::GlobalBypass, "global-bypass"},
                                                      {TargetKind::Snapshot, "snapshot"},
                                                      {TargetKind::NextPreset, "next-preset"},
                                                      {TargetKind::PreviousPreset, "previous-preset"},
                                                      {TargetKind::TapTempo, "tap"},
                                                      {TargetKind::StoreSnapshot, "store-snapshot"}};
constexpr NameTable<Curve> kCurveNames[] = {
    {Curve::Linear, "linear"}, {Curve::Log, "log"}, {Curve::Exp, "exp"}, {Curve::Toggle, "toggle"}};
constexpr NameTable<Takeover> kTakeoverNames[] = {{Takeover::Jump, "jump"},
                                                  {Takeover::PickUp, "pickup"},
                                                  {Takeover::RelativeTwosComplement, "rel2c"},
                                                  {Takeover::RelativeBinaryOffset, "reloffset"},
                                                  {Takeover::RelativeSignMagnitude, "relsign"}};

template <typename E, size_t N> std::string_view nameIn(const NameTable<E> (&table)[N], E value) noexcept
{
    for (const auto& [e, name] : table)
        if (e == value)
            return name;
    return table[0].second;
}

template <typename E, size_t N>
std::optional<E> valueIn(const NameTable<E> (&table)[N], std::string_view name)
{
    for (const auto& [e, n] : table)
        if (n == name)
            return e;
    return std::nullopt;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (;;) {
        const size_t at = s.find(sep, start);
        parts.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos)
            return parts;
        start = at + 1;
    }
}

bool toInt(std::string_view s, int& out)
{
    if (s.empty())
        return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool toDouble(std::string_view s, double& out)
{
    if (s.empty())
        return false;
    const std::string text(s);
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(out);
}

using Problem = MappingError::Problem;

[[noreturn]] void fail(std::string_view spec, std::string_view part, std::string_view why, Problem problem)
{
    throw MappingError("--map " + std::string(spec) + ": " + std::string(part) + ": " + std::string(why),
                       problem, std::string(part));
}

[[noreturn]] void failNumber(std::string_view spec, std::string_view part, int low, int high)
{
    throw MappingError("--map " + std::string(spec) + ": " + std::string(part) + ": expected a number from " +
                           std::to_string(low) + " to " + std::to_string(high),
                       Problem::Number, std::string(part), low, high);
}

int number(std::string_view spec, std::string_view part, std::string_view digits, int low, int high)
{
    int v = 0;
    if (!toInt(digits, v) || v < low || v > high)
        failNumber(spec, part, low, high);
    return v;
}

void parseSource(std::string_view spec, std::string_view text, MidiSource& source)
{
    if (const size_t at = text.rfind('@'); at != std::string_view::npos) {
        source.port = std::string(text.substr(0, at));
        if (source.port.empty())
            fail(spec, text, "an empty port name before '@'", Problem::EmptyPort);
        text = text.substr(at + 1);
    }
    auto parts = split(text, ':');
    if (parts.size() > 2)
        fail(spec, text, "expected chN:SOURCE", Problem::ChannelAndSource);
    std::string kind = lower(parts.back());
    if (parts.size() == 2) {
        const std::string ch = lower(parts[0]);
        if (ch.rfind("ch", 0) != 0)
            fail(spec, parts[0], "expected a channel: ch1..ch16 or chany", Problem::Channel);
        const std::string_view n = std::string_view(ch).substr(2);
        source.channel = (n == "any" || n == "*") ? 0 : number(spec, parts[0], n, 1, 16);
    }
    auto startsWith = [&](std::string_view p) { return std::string_view(kind).substr(0, p.size()) == p; };
    std::string_view rest;
    if (startsWith("cc")) {
        rest = std::string_view(kind).substr(2);
        if (const size_t slash = rest.find('/'); slash != std::string_view::npos) {
            source.kind = SourceKind::Cc14;
            source.number = number(spec, parts.back(), rest.substr(0, slash), 0, 31);
            source.lsb = number(spec, parts.back(), rest.substr(slash + 1), 32, 63);
        } else {
            source.kind = SourceKind::Cc;
            source.number = number(spec, parts.back(), rest, 0, 127);
        }
    } else if (startsWith("nrpn")) {
        source.kind = SourceKind::Nrpn;
        source.number = number(spec, parts.back(), std::string_view(kind).substr(4), 0, 16383);
    } else if (startsWith("note")) {
        source.kind = SourceKind::Note;
        rest = std::string_view(kind).substr(4);
        source.number = rest.empty() ? -1 : number(spec, parts.back(), rest, 0, 127);
    } else if (startsWith("pc")) {
        source.kind = SourceKind::ProgramChange;
        rest = std::string_view(kind).substr(2);
        source.number = rest.empty() ? -1 : number(spec, parts.back(), rest, 0, 127);
    } else if (kind == "pb" || kind == "bend") {
        source.kind = SourceKind::PitchBend;
    } else {
        fail(spec, parts.back(), "expected ccN, ccMSB/LSB, nrpnN, noteN, pc[N] or pb", Problem::Source);
    }
}

} // namespace

std::string_view sourceKindName(SourceKind kind) noexcept
{
    return nameIn(kSourceKindNames, kind);
}

std::string_view targetKindName(TargetKind kind) noexcept
{
    return nameIn(kTargetKindNames, kind);
}

std::string_view curveName(Curve curve) noexcept
{
    return nameIn(kCurveNames, curve);
}

std::string_view takeoverName(Takeover takeover) noexcept
{
    return nameIn(kTakeoverNames, takeover);
}

bool isRelative(Takeover takeover) noexcept
{
    return takeover == Takeover::RelativeTwosComplement || takeover == Takeover::RelativeBinaryOffset ||
           takeover == Takeover::RelativeSignMagnitude;
}

int relativeStep(Takeover takeover, int v) noexcept
{
    v &= 0x7F;
    switch (takeover) {
    case Takeover::RelativeTwosComplement:
        return v < 64 ? v : v - 128;
    case Takeover::RelativeBinaryOffset:
        return v - 64;
    case Takeover::RelativeSignMagnitude:
        return (v & 0x40) ? -(v & 0x3F) : (v & 0x3F);
    default:
        return 0;
    }
}

namespace {
bool logUsable(double min, double max) noexcept
{
    return min != 0.0 && max != 0.0 && (min > 0) == (max > 0);
}
constexpr double kExpK = 4.0; // the exponential curve's bend: the middle of the travel is at 12 %
} // namespace

double curveValue(Curve curve, double min, double max, double n) noexcept
{
    n = std::clamp(n, 0.0, 1.0);
    switch (curve) {
    case Curve::Toggle:
        return n >= 0.5 ? max : min;
    case Curve::Log:
        if (logUsable(min, max))
            return min * std::pow(max / min, n);
        break;
    case Curve::Exp:
        n = std::expm1(kExpK * n) / std::expm1(kExpK);
        break;
    case Curve::Linear:
        break;
    }
    return min + n * (max - min);
}

double curvePosition(Curve curve, double min, double max, double value) noexcept
{
    if (min == max)
        return 0.0;
    double n = 0.0;
    if (curve == Curve::Log && logUsable(min, max) && (value > 0) == (min > 0) && value != 0.0)
        n = std::log(value / min) / std::log(max / min);
    else
        n = (value - min) / (max - min);
    if (curve == Curve::Exp)
        n = std::log1p(std::clamp(n, 0.0, 1.0) * std::expm1(kExpK)) / kExpK;
    if (curve == Curve::Toggle)
        n = n >= 0.5 ? 1.0 : 0.0;
    return std::clamp(n, 0.0, 1.0);
}

MappingSpec parseMappingSpec(std::string_view spec)
{
    MappingSpec out;
    MidiMapping& m = out.mapping;
    const size_t eq = spec.find('=');
    if (eq == std::string_view::npos)
        fail(spec, spec, "expected SOURCE=TARGET", Problem::SourceEqualsTarget);
    parseSource(spec, spec.substr(0, eq), m.source);
    const auto tokens = split(spec.substr(eq + 1), ':');
    size_t i = 0;
    const std::string head = lower(tokens[i++]);
    auto nextInt = [&](int low, int high, int& v) {
        if (i < tokens.size() && toInt(tokens[i], v)) {
            if (v < low || v > high)
                failNumber(spec, tokens[i], low, high);
            ++i;
            return true;
        }
        return false;
    };
    if (head == "bypass") {
        m.target.kind = nextInt(0, 1023, out.slot) ? TargetKind::SlotBypass : TargetKind::GlobalBypass;
        if (m.source.kind == SourceKind::Note || m.source.kind == SourceKind::ProgramChange)
            m.curve = Curve::Toggle;
    } else if (head == "snapshot" || head == "store") {
        m.target.kind = head == "store" ? TargetKind::StoreSnapshot : TargetKind::Snapshot;
        int n = 0;
        if (i < tokens.size() && tokens[i].size() == 1 &&
            std::isalpha(static_cast<unsigned char>(tokens[i][0]))) {
            n = std::toupper(static_cast<unsigned char>(tokens[i][0])) - 'A';
            if (n < 0 || n > 7)
                fail(spec, tokens[i], "expected a snapshot from A to H (or 1 to 8)", Problem::Snapshot);
            m.target.index = n;
            ++i;
        } else if (nextInt(1, 8, n)) {
            m.target.index = n - 1;
        } else if (m.target.kind == TargetKind::StoreSnapshot) {
            fail(spec, head, "expected store:N, the snapshot from A to H (or 1 to 8) to store",
                 Problem::Snapshot);
        }
    } else if (head == "preset") {
        const std::string which = i < tokens.size() ? lower(tokens[i++]) : std::string();
        if (which == "next")
            m.target.kind = TargetKind::NextPreset;
        else if (which == "prev" || which == "previous")
            m.target.kind = TargetKind::PreviousPreset;
        else
            fail(spec, which.empty() ? head : which, "expected preset:next or preset:prev", Problem::Preset);
    } else if (head == "tap") {
        m.target.kind = TargetKind::TapTempo;
        m.target.param = "bpm";
        if (!nextInt(0, 1023, out.slot))
            fail(spec, head, "expected tap:SLOT (the Delay whose bpm the taps set)", Problem::TapSlot);
    } else {
        const size_t dot = head.find('.');
        if (dot == std::string::npos)
            fail(spec, tokens[0],
                 "expected a target: SLOT.PARAM, bypass[:SLOT], snapshot[:N], store:N, preset:next|prev or "
                 "tap:SLOT",
                 Problem::Target);
        out.slot = number(spec, tokens[0], std::string_view(head).substr(0, dot), 0, 1023);
        m.target.param = head.substr(dot + 1);
        if (m.target.param.empty())
            fail(spec, tokens[0], "expected a parameter name after the '.'", Problem::ParameterName);
    }
    for (; i < tokens.size(); ++i) {
        const std::string t = lower(tokens[i]);
        if (const size_t dots = t.find(".."); dots != std::string::npos) {
            if (!toDouble(std::string_view(t).substr(0, dots), m.min) ||
                !toDouble(std::string_view(t).substr(dots + 2), m.max))
                fail(spec, tokens[i], "expected a range MIN..MAX", Problem::Range);
        } else if (const auto curve = valueIn(kCurveNames, t == "lin" ? "linear" : t)) {
            m.curve = *curve;
            m.curveGiven = true;
        } else if (const auto takeover =
                       valueIn(kTakeoverNames, t == "rel" || t == "relative" ? "rel2c" : t)) {
            m.takeover = *takeover;
        } else {
            fail(spec, tokens[i],
                 "expected MIN..MAX, a curve (linear, log, exp, toggle) or a takeover (jump, pickup, rel2c, "
                 "reloffset, relsign)",
                 Problem::Option);
        }
    }
    if (isRelative(m.takeover) && m.source.kind != SourceKind::Cc)
        fail(spec, takeoverName(m.takeover), "relative encoders send 7-bit control changes (ccN)",
             Problem::RelativeNeedsCc);
    return out;
}

std::string formatMappingSpec(const MidiMapping& m, int slot)
{
    std::ostringstream os;
    os.precision(10);
    if (!m.source.port.empty())
        os << m.source.port << '@';
    os << "ch" << (m.source.channel == 0 ? std::string("any") : std::to_string(m.source.channel)) << ':';
    switch (m.source.kind) {
    case SourceKind::Cc:
        os << "cc" << m.source.number;
        break;
    case SourceKind::Cc14:
        os << "cc" << m.source.number << '/' << m.source.lsb;
        break;
    case SourceKind::Nrpn:
        os << "nrpn" << m.source.number;
        break;
    case SourceKind::Note:
        os << "note" << (m.source.number >= 0 ? std::to_string(m.source.number) : "");
        break;
    case SourceKind::ProgramChange:
        os << "pc" << (m.source.number >= 0 ? std::to_string(m.source.number) : "");
        break;
    case SourceKind::PitchBend:
        os << "pb";
        break;
    }
    os << '=';
    switch (m.target.kind) {
    case TargetKind::Parameter:
        os << slot << '.' << m.target.param;
        break;
    case TargetKind::SlotBypass:
        os << "bypass:" << slot;
        break;
    case TargetKind::GlobalBypass:
        os << "bypass";
        break;
    case TargetKind::Snapshot:
        os << "snapshot" << (m.target.index >= 0 ? ":" + std::to_string(m.target.index + 1) : "");
        break;
    case TargetKind::NextPreset:
        os << "preset:next";
        break;
    case TargetKind::PreviousPreset:
        os << "preset:prev";
        break;
    case TargetKind::TapTempo:
        os << "tap:" << slot;
        break;
    case TargetKind::StoreSnapshot:
        os << "store:" << m.target.index + 1;
        break;
    }
    if (m.min == m.min && m.max == m.max)
        os << ':' << m.min << ".." << m.max;
    if (m.curveGiven)
        os << ':' << curveName(m.curve);
    if (m.takeover != Takeover::Jump)
        os << ':' << takeoverName(m.takeover);
    return os.str();
}

} // namespace fxrack::midi
