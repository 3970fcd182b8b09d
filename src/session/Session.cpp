#include "session/Session.h"

#include "dsp/Errors.h"

#include <QSet>
#include <algorithm>

namespace fxrack::session {

std::optional<double> RackEntry::param(std::string_view name) const
{
    for (const auto& p : params)
        if (p.name == name)
            return p.value;
    return std::nullopt;
}

void RackEntry::setParam(std::string_view name, double value)
{
    for (auto& p : params)
        if (p.name == name) {
            p.value = value;
            return;
        }
    params.push_back({std::string(name), value});
}

std::unique_ptr<dsp::Effect> RackEntry::buildEffect(const dsp::EffectRegistry& registry,
                                                    double sampleRateHz) const
{
    auto effect = registry.create(type);
    for (const auto& p : params)
        effect->setParameter(p.name, p.value);
    for (const auto& t : texts)
        effect->setText(t.name, t.text);
    effect->validate(sampleRateHz);
    return effect;
}

RackEntry RackEntry::defaults(std::string_view type, const dsp::EffectRegistry& registry)
{
    return fromEffect(*registry.create(type));
}

RackEntry RackEntry::fromEffect(const dsp::Effect& effect)
{
    RackEntry entry;
    entry.type = effect.name();
    entry.params.reserve(static_cast<size_t>(effect.paramCount()));
    for (int i = 0; i < effect.paramCount(); ++i)
        entry.params.push_back({effect.paramInfo(i).name, effect.param(i)});
    for (int i = 0; i < effect.paramCount(); ++i)
        if (effect.paramInfo(i).isText() && !effect.text(i).empty())
            entry.texts.push_back({effect.paramInfo(i).name, effect.text(i), {}});
    return entry;
}

std::string RackEntry::text(std::string_view name) const
{
    for (const auto& t : texts)
        if (t.name == name)
            return t.text;
    return {};
}

void RackEntry::setText(std::string_view name, std::string text)
{
    for (auto& t : texts)
        if (t.name == name) {
            t.text = std::move(text);
            t.sha256.clear();
            return;
        }
    texts.push_back({std::string(name), std::move(text), {}});
}

QString Session::uniqueId(std::string_view type) const
{
    const QString stem = QString::fromStdString(std::string(type)).toLower();
    QSet<QString> used;
    for (const auto& e : rack)
        used.insert(e.id);
    for (int n = 1;; ++n) {
        const QString id = stem + QLatin1Char('-') + QString::number(n);
        if (!used.contains(id))
            return id;
    }
}

RackEntry& Session::append(RackEntry entry)
{
    if (entry.id.isEmpty())
        entry.id = uniqueId(entry.type);
    rack.push_back(std::move(entry));
    return rack.back();
}

dsp::EffectChain chainFromSession(const Session& session, const dsp::EffectRegistry& registry)
{
    dsp::EffectChain chain;
    for (size_t i = 0; i < session.rack.size(); ++i) {
        const RackEntry& entry = session.rack[i];
        try {
            chain.add(entry.buildEffect(registry, session.audio.sampleRateHz));
        } catch (const dsp::ParameterError& e) {
            throw dsp::ParameterError("rack[" + std::to_string(i) + "]: " + e.what());
        }
        chain.setBypassed(static_cast<int>(i), entry.bypass);
    }
    return chain;
}

std::vector<RackEntry> rackFromChain(const dsp::EffectChain& chain)
{
    Session scratch;
    for (int i = 0; i < chain.size(); ++i) {
        RackEntry entry = RackEntry::fromEffect(chain.at(i));
        entry.bypass = chain.isBypassed(i);
        scratch.append(std::move(entry));
    }
    return std::move(scratch.rack);
}

} // namespace fxrack::session
