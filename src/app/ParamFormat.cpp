#include "ParamFormat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace fxrack::app {
namespace {

bool isLog(const dsp::ParamInfo& info)
{
    return info.scale == dsp::Scale::Log && info.knobLow() > 0.0 && info.knobHigh() > info.knobLow();
}

double snap(const dsp::ParamInfo& info, double value)
{
    if (info.isDiscrete())
        value = std::round(value);
    return std::clamp(value, info.minValue, info.maxValue);
}

} // namespace

QString formatParamValue(const dsp::ParamInfo& info, double value)
{
    const QLocale locale;
    switch (info.unit) {
    case dsp::Unit::Choice: {
        const auto i = static_cast<size_t>(std::lround(value));
        return i < info.choices.size() ? choiceLabel(info.choices[i]) : QString::number(value);
    }
    case dsp::Unit::Bool:
        return value != 0.0 ? QCoreApplication::translate("Parameter", "on")
                            : QCoreApplication::translate("Parameter", "off");
    case dsp::Unit::Int:
        return locale.toString(std::lround(value));
    case dsp::Unit::Samples:
        return QCoreApplication::translate("Parameter", "%1 smp").arg(locale.toString(std::lround(value)));
    case dsp::Unit::Hz:
        if (std::abs(value) >= 1000.0)
            return QStringLiteral("%1 kHz").arg(
                locale.toString(value / 1000.0, 'f', value >= 10000.0 ? 1 : 2));
        return QStringLiteral("%1 Hz").arg(locale.toString(value, 'f', value >= 100.0 ? 0 : 1));
    case dsp::Unit::Db:
        return QStringLiteral("%1 dB").arg(locale.toString(value, 'f', 1));
    case dsp::Unit::Ms:
        return QStringLiteral("%1 ms").arg(locale.toString(value, 'f', value >= 100.0 ? 0 : 1));
    case dsp::Unit::Ratio:
        return QStringLiteral("%1:1").arg(locale.toString(value, 'f', 1));
    case dsp::Unit::Linear:
    case dsp::Unit::Path: // shown as text by the card, not through here
        break;
    }
    return locale.toString(value, 'f', std::abs(value) >= 100.0 ? 0 : 2);
}

double parseParamValue(const dsp::ParamInfo& info, const QString& text, bool* ok)
{
    *ok = false;
    QString t = text.trimmed();
    if (info.unit == dsp::Unit::Choice) {
        for (size_t i = 0; i < info.choices.size(); ++i)
            if (t.compare(QString::fromStdString(info.choices[i]), Qt::CaseInsensitive) == 0 ||
                t.compare(choiceLabel(info.choices[i]), Qt::CaseInsensitive) == 0) {
                *ok = true;
                return static_cast<double>(i);
            }
    }
    double scale = 1.0;
    static const QRegularExpression unitSuffix(QStringLiteral("\\s*(khz|hz|db|ms|smp|k|:1)$"),
                                               QRegularExpression::CaseInsensitiveOption);
    const auto match = unitSuffix.match(t);
    if (match.hasMatch()) {
        const QString unit = match.captured(1).toLower();
        if (unit == QLatin1String("khz") || unit == QLatin1String("k"))
            scale = 1000.0;
        t.chop(match.capturedLength());
    }
    t.remove(QLocale().groupSeparator());
    double value = QLocale().toDouble(t, ok);
    if (!*ok)
        value = QLocale::c().toDouble(t, ok); // "0.5" is understood everywhere
    return *ok ? value * scale : 0.0;
}

// Positions span the knob range (ParamInfo::knobLow/High); a value outside it shows at the end.
double valueToPosition(const dsp::ParamInfo& info, double value)
{
    const double lo = info.knobLow(), hi = info.knobHigh();
    if (hi <= lo)
        return 0.0;
    value = std::clamp(value, lo, hi);
    if (isLog(info))
        return std::log(value / lo) / std::log(hi / lo);
    return (value - lo) / (hi - lo);
}

double positionToValue(const dsp::ParamInfo& info, double position)
{
    const double lo = info.knobLow(), hi = info.knobHigh();
    position = std::clamp(position, 0.0, 1.0);
    const double value = isLog(info) ? lo * std::pow(hi / lo, position) : lo + position * (hi - lo);
    return snap(info, value);
}

} // namespace fxrack::app
