#include "dsp/Effect.h"

#include "dsp/Errors.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace fxrack::dsp {

int EffectType::findParam(std::string_view n) const noexcept
{
    for (size_t i = 0; i < params.size(); ++i)
        if (params[i].matches(n))
            return static_cast<int>(i);
    return -1;
}

namespace {

SmoothedValue::Kind rampKind(const ParamInfo& info) noexcept
{
    switch (info.rampStyle()) {
    case Smoothing::Multiplicative:
        return SmoothedValue::Kind::Multiplicative;
    case Smoothing::OnePole:
        return SmoothedValue::Kind::OnePole;
    case Smoothing::Decibel:
        // A dB value ramps in equal dB steps; a linear factor in equal ratios, which is the same.
        return info.unit == Unit::Db ? SmoothedValue::Kind::Linear : SmoothedValue::Kind::Multiplicative;
    default:
        return SmoothedValue::Kind::Linear;
    }
}

} // namespace

Effect::Effect(const EffectType& type) : m_type(&type)
{
    m_values.reserve(type.params.size());
    m_texts.resize(type.params.size());
    m_ramps.reserve(type.params.size());
    for (const auto& p : type.params) {
        m_values.push_back(p.defaultValue);
        m_ramps.emplace_back(rampKind(p));
        m_ramps.back().setCurrentAndTarget(p.defaultValue);
    }
    if (type.mix == MixSource::Base)
        m_mixId = type.findParam("mix");
    if (m_mixId >= 0)
        m_mix.setCurrentAndTarget(m_values[static_cast<size_t>(m_mixId)]);
}

double Effect::param(std::string_view n) const
{
    const int id = findParam(n);
    if (id < 0)
        fail("unknown parameter \"" + std::string(n) + "\"");
    return param(id);
}

void Effect::setParameter(int id, double value)
{
    if (id < 0 || id >= paramCount())
        fail("no parameter number " + std::to_string(id));
    const auto& info = paramInfo(id);
    if (auto why = info.checkValue(value); !why.empty())
        fail("parameter \"" + info.name + "\" " + why);
    m_values[static_cast<size_t>(id)] = value;
    valueChanged(id);
}

void Effect::valueChanged(int id) noexcept
{
    const auto i = static_cast<size_t>(id);
    const double value = m_values[i];
    const bool ramp = m_prepared && m_type->params[i].rampStyle() != Smoothing::None;
    if (id == m_mixId) {
        m_ramps[i].setCurrentAndTarget(value); // the base's own mix ramp below carries it
        if (m_prepared)
            m_mix.setTarget(value);
        else
            m_mix.setCurrentAndTarget(value);
        updatePlain();
    } else if (ramp) {
        m_ramps[i].setTarget(value);
    } else {
        m_ramps[i].setCurrentAndTarget(value);
    }
    parameterChanged(id);
}

void Effect::setParameter(std::string_view n, double value)
{
    const int id = findParam(n);
    if (id < 0)
        fail("unknown parameter \"" + std::string(n) + "\"");
    setParameter(id, value);
}

void Effect::setText(int id, std::string text)
{
    if (id < 0 || id >= paramCount())
        fail("no parameter number " + std::to_string(id));
    if (!paramInfo(id).isText())
        fail("parameter \"" + paramInfo(id).name + "\" takes a number, not text");
    // A file's name cannot hold one: the open would stop there and read another file.
    if (text.find('\0') != std::string::npos)
        fail("parameter \"" + paramInfo(id).name + "\": a path cannot hold a NUL byte");
    m_texts[static_cast<size_t>(id)] = std::move(text);
}

void Effect::setText(std::string_view n, std::string text)
{
    const int id = findParam(n);
    if (id < 0)
        fail("unknown parameter \"" + std::string(n) + "\"");
    setText(id, std::move(text));
}

void Effect::applyParameter(int id, double value) noexcept
{
    if (id < 0 || id >= paramCount())
        return;
    m_values[static_cast<size_t>(id)] = value;
    valueChanged(id);
}

void Effect::validate(double /*sampleRate*/) const {}

void Effect::adopt(const ProcessSpec& spec)
{
    if (spec.sampleRate <= 0.0 || spec.maxBlockSize <= 0 || spec.numChannels <= 0 ||
        spec.numChannels > kMaxChannels)
        fail("cannot be prepared for " + std::to_string(spec.numChannels) + " channels at " +
             std::to_string(spec.sampleRate) + " Hz");
    validate(spec.sampleRate);
    m_spec = spec;
}

void Effect::prepare(const ProcessSpec& spec)
{
    adopt(spec);
    for (size_t i = 0; i < m_ramps.size(); ++i) {
        m_ramps[i].reset(spec.sampleRate, m_type->params[i].rampMs / 1000.0);
        m_ramps[i].setCurrentAndTarget(m_values[i]);
    }
    if (m_mixId >= 0) {
        m_mix.reset(spec.sampleRate, m_type->params[static_cast<size_t>(m_mixId)].rampMs / 1000.0);
        m_mix.setCurrentAndTarget(m_values[static_cast<size_t>(m_mixId)]);
    }
    m_active.reset(spec.sampleRate, kActiveFadeSeconds);
    m_active.setCurrentAndTarget(m_activeTarget ? 1.0 : 0.0);
    m_untilControl = 0;
    doPrepare(spec);
    m_latency = std::max(0, latencySamples());
    m_dry.resize(spec.numChannels, spec.maxBlockSize);
    if (m_latency > 0) {
        m_dryDelay.resize(spec.numChannels, m_latency + spec.maxBlockSize);
        m_input.resize(spec.numChannels, spec.maxBlockSize);
    } else {
        m_dryDelay = AudioBuffer();
        m_input = AudioBuffer();
    }
    m_dryWrite = 0;
    m_controlInterval = controlInterval();
    m_prepared = true;
    updatePlain();
    updateControls();
}

void Effect::reset() noexcept
{
    for (size_t i = 0; i < m_ramps.size(); ++i)
        m_ramps[i].setCurrentAndTarget(m_values[i]);
    if (m_mixId >= 0)
        m_mix.setCurrentAndTarget(m_values[static_cast<size_t>(m_mixId)]);
    // A fade ends where it was going: a bypassed slot fading in ends bypassed.
    if (m_bypassedWet) {
        m_bypassedWet = false;
        if (m_activeTarget) {
            m_activeTarget = false;
            m_againstInput = false;
        }
    }
    if (m_activeTarget)
        m_againstInput = false;
    m_active.setCurrentAndTarget(m_activeTarget ? 1.0 : 0.0);
    m_dryDelay.block().clear();
    m_dryWrite = 0;
    m_untilControl = 0;
    updatePlain();
    doReset();
    if (m_prepared)
        updateControls();
}

void Effect::setActive(bool active, bool immediate) noexcept
{
    m_againstInput = false;
    m_bypassedWet = false;
    m_activeTarget = active;
    if (immediate || !m_prepared)
        m_active.setCurrentAndTarget(active ? 1.0 : 0.0);
    else
        m_active.setTarget(active ? 1.0 : 0.0);
    updatePlain();
}

void Effect::setPresent(bool present, bool bypassed, bool immediate) noexcept
{
    if (m_latency == 0 || immediate || !m_prepared) {
        // Without a latency the input and the delayed input are the same: a plain fade. At once,
        // a slot takes its final state (out of the chain: the input passes as it is).
        setActive(present && !bypassed, immediate);
        m_againstInput = !present;
        return;
    }
    if (!bypassed) {
        setActive(present, false);
    } else {
        // The delayed input is what a bypassed slot puts out: fade that against the input.
        m_bypassedWet = true;
        m_activeTarget = present;
        m_active.setCurrentAndTarget(present ? 0.0 : 1.0);
        m_active.setTarget(present ? 1.0 : 0.0);
    }
    m_againstInput = true;
    updatePlain();
}

void Effect::clearAfterFadeOut() noexcept
{
    for (size_t i = 0; i < m_ramps.size(); ++i)
        m_ramps[i].setCurrentAndTarget(m_values[i]);
    m_untilControl = 0;
    if (m_againstInput) {
        // Out of the chain: nothing old may come out of the dry delay when it comes back.
        m_dryDelay.block().clear();
        m_dryWrite = 0;
    }
    doReset();
    updateControls();
}

void Effect::processPresenceFade(AudioBlock& block, bool mixing) noexcept
{
    const int n = block.numFrames();
    const int channels = std::min(block.numChannels(), m_input.numChannels());
    auto input = m_input.block(0, n);
    input.copyFrom(block);
    captureDry(block, mixing || m_bypassedWet);
    if (m_bypassedWet)
        block.copyFrom(m_dry.block(0, n));
    else
        renderWet(block);
    const bool mixWet = mixing && !m_bypassedWet;
    for (int i = 0; i < n; ++i) {
        const auto mix = static_cast<float>(mixWet ? m_mix.next() : 1.0);
        const auto g = static_cast<float>(m_active.next());
        for (int c = 0; c < channels; ++c) {
            float& y = block.channel(c)[i];
            const float d = m_dry.channel(c)[i];
            const float wet = mixWet ? d + mix * (y - d) : y;
            const float x = input.channel(c)[i];
            y = x + g * (wet - x);
        }
    }
    if (m_active.isSmoothing())
        return;
    if (m_activeTarget) {
        // In the chain now: later fades are bypasses again; a bypassed slot stays bypassed.
        m_againstInput = false;
        if (m_bypassedWet) {
            m_bypassedWet = false;
            m_activeTarget = false;
            m_active.setCurrentAndTarget(0.0);
        }
    } else {
        m_bypassedWet = false;
        clearAfterFadeOut();
    }
}

void Effect::updatePlain() noexcept
{
    const bool mixing = m_mixId >= 0 && (m_mix.isSmoothing() || m_mix.target() != 1.0);
    m_plain = m_prepared && m_activeTarget && !m_active.isSmoothing() && !mixing && m_latency == 0;
}

bool Effect::anySmoothing() const noexcept
{
    for (const auto& ramp : m_ramps)
        if (ramp.isSmoothing())
            return true;
    return false;
}

void Effect::captureDry(const AudioBlock& block, bool readBack) noexcept
{
    const int n = block.numFrames();
    const int channels = std::min(block.numChannels(), m_dry.numChannels());
    if (m_latency == 0) {
        m_dry.block(0, n).copyFrom(block);
        return;
    }
    // Write the block, then read it back `latency` samples late (the delay holds latency +
    // maxBlockSize frames, so nothing unread is overwritten).
    // No divisions: this runs on every block of an effect with a latency.
    const int length = m_dryDelay.numFrames();
    int read = m_dryWrite - m_latency;
    if (read < 0)
        read += length;
    for (int c = 0; c < channels; ++c) {
        float* ring = m_dryDelay.channel(c);
        const float* x = block.channel(c);
        const int first = std::min(n, length - m_dryWrite);
        std::copy_n(x, first, ring + m_dryWrite);
        std::copy_n(x + first, n - first, ring);
        if (!readBack)
            continue;
        float* d = m_dry.channel(c);
        const int firstRead = std::min(n, length - read);
        std::copy_n(ring + read, firstRead, d);
        std::copy_n(ring, n - firstRead, d + firstRead);
    }
    m_dryWrite += n;
    if (m_dryWrite >= length)
        m_dryWrite -= length;
}

void Effect::renderWet(AudioBlock& block) noexcept
{
    const int interval = m_controlInterval;
    const int n = block.numFrames();
    if (interval <= 0) {
        doProcess(block);
        return;
    }
    // The control grid counts samples, not blocks, so the output does not depend on how the
    // stream is cut into blocks.
    int done = 0;
    while (done < n) {
        if (m_untilControl == 0) {
            if (!anySmoothing()) {
                auto rest = block.subBlock(done, n - done);
                doProcess(rest);
                return;
            }
            // Controls for this stretch take the values the ramps reach at its end.
            for (auto& ramp : m_ramps)
                if (ramp.isSmoothing())
                    ramp.skip(interval);
            updateControls();
            m_untilControl = interval;
        }
        const int length = std::min(m_untilControl, n - done);
        auto part = block.subBlock(done, length);
        doProcess(part);
        done += length;
        m_untilControl -= length;
    }
}

void Effect::processMixed(AudioBlock& block) noexcept
{
    processMixedOnce(block);
    updatePlain(); // a fade or a mix ramp may have ended
}

void Effect::processMixedOnce(AudioBlock& block) noexcept
{
    if (!m_prepared) {
        doProcess(block);
        return;
    }
    const int n = block.numFrames();
    if (n > m_spec.maxBlockSize && m_spec.maxBlockSize > 0) {
        // Longer than prepared for: in prepared-size pieces (the dry buffers hold no more).
        for (int start = 0; start < n; start += m_spec.maxBlockSize) {
            auto part = block.subBlock(start, std::min(m_spec.maxBlockSize, n - start));
            process(part);
        }
        return;
    }
    const bool fading = m_active.isSmoothing();
    const bool mixing = m_mixId >= 0 && (m_mix.isSmoothing() || m_mix.target() != 1.0);
    if (!m_activeTarget && !fading) {
        doIdle(n);
        if (m_againstInput)
            return; // out of the chain (a removal or a move under way): the input passes
        // Bypassed: the input, delayed as the effect would delay it.
        if (m_latency > 0) {
            captureDry(block);
            block.copyFrom(m_dry.block(0, n));
        }
        return;
    }
    if (!fading && !mixing && m_latency == 0) {
        renderWet(block);
        return;
    }
    if (fading && m_againstInput && m_latency > 0) {
        processPresenceFade(block, mixing);
        return;
    }
    // With a latency, always: the delay must hold the recent input. Read back only to mix.
    captureDry(block, fading || mixing);
    renderWet(block);
    if (!fading && !mixing)
        return;
    const int channels = std::min(block.numChannels(), m_dry.numChannels());
    if (!fading && !m_mix.isSmoothing()) {
        const auto g = static_cast<float>(m_mix.target() * m_active.target());
        for (int c = 0; c < channels; ++c) {
            float* y = block.channel(c);
            const float* d = m_dry.channel(c);
            for (int i = 0; i < n; ++i)
                y[i] = d[i] + g * (y[i] - d[i]);
        }
        return;
    }
    for (int i = 0; i < n; ++i) {
        const double mix = m_mixId >= 0 ? m_mix.next() : 1.0;
        const auto g = static_cast<float>(mix * m_active.next());
        for (int c = 0; c < channels; ++c) {
            const float d = m_dry.channel(c)[i];
            block.channel(c)[i] = d + g * (block.channel(c)[i] - d);
        }
    }
    if (!m_activeTarget && !m_active.isSmoothing())
        clearAfterFadeOut(); // faded out: it starts from silence when it comes back
}

std::unique_ptr<Effect> Effect::clone() const
{
    auto copy = m_type->create();
    for (int i = 0; i < paramCount(); ++i)
        copy->m_values[static_cast<size_t>(i)] = m_values[static_cast<size_t>(i)];
    copy->m_texts = m_texts;
    for (int i = 0; i < paramCount(); ++i)
        copy->valueChanged(i);
    return copy;
}

void Effect::fail(const std::string& message) const
{
    throw ParameterError(name() + ": " + message);
}

void Effect::checkBelowNyquist(int id, double sampleRate) const
{
    if (sampleRate <= 0.0)
        return; // rate not known yet: checked again when it is
    const double hz = param(id);
    const double nyquist = sampleRate / 2.0;
    if (hz >= nyquist) {
        std::ostringstream os;
        os << "parameter \"" << paramInfo(id).name << "\" = " << hz << " Hz is at or above Nyquist ("
           << nyquist << " Hz at a sample rate of " << sampleRate << " Hz)";
        fail(os.str());
    }
}

} // namespace fxrack::dsp
