#include "cuda/CudaChain.h"

#include "dsp/effects/Delay.h"
#include "dsp/effects/DesignableFir.h"
#include "dsp/effects/Gain.h"
#include "dsp/effects/Normalize.h"
#include "dsp/effects/SosEffect.h"

#include <algorithm>
#include <stdexcept>

namespace fxrack::cuda {

bool supportsEffect(const dsp::Effect& effect) noexcept
{
    // Normalize's true-peak limiter (lufs) is a gain that varies: the CPU runs it.
    if (const auto* normalize = dynamic_cast<const dsp::Normalize*>(&effect); normalize && normalize->limitsTruePeak())
        return false;
    // The GPU versions compute the wet signal only, except the delay kernel, which mixes with
    // the base's law itself ((1 - mix) * x + mix * wet, no latency).
    const bool delay = dynamic_cast<const dsp::Delay*>(&effect) != nullptr;
    if (const int mix = effect.mixParamId(); !delay && mix >= 0 && effect.param(mix) < 1.0)
        return false;
    return dynamic_cast<const dsp::Gain*>(&effect) || dynamic_cast<const dsp::Normalize*>(&effect) ||
           dynamic_cast<const dsp::SosEffect*>(&effect) || dynamic_cast<const dsp::DesignableFir*>(&effect) ||
           dynamic_cast<const dsp::Delay*>(&effect);
}

double gpuWorthCost(const dsp::EffectChain& chain)
{
    double cost = 0.0;
    for (int i = 0; i < chain.size(); ++i) {
        if (chain.isBypassed(i) || !supportsEffect(chain.at(i)))
            continue;
        const dsp::Effect& effect = chain.at(i);
        if (const auto* sos = dynamic_cast<const dsp::SosEffect*>(&effect))
            cost += sos->targetDesign(effect.isPrepared() ? effect.spec().sampleRate : 48000.0).count;
        else if (const auto* fir = dynamic_cast<const dsp::DesignableFir*>(&effect))
            cost += 0.25 * static_cast<double>(fir->param(dsp::DesignableFir::NumTaps));
        else if (dynamic_cast<const dsp::Delay*>(&effect))
            cost += 0.25 * effect.param(dsp::Delay::Taps);
        else
            cost += 0.25;
    }
    return cost;
}

std::vector<Segment> planChain(const dsp::EffectChain& chain)
{
    std::vector<Segment> plan;
    for (int i = 0; i < chain.size(); ++i) {
        if (chain.isBypassed(i))
            continue;
        const bool gpu = supportsEffect(chain.at(i));
        if (plan.empty() || plan.back().gpu != gpu)
            plan.push_back({gpu, {}});
        plan.back().effects.push_back(i);
    }
    return plan;
}

bool planUsesGpu(const std::vector<Segment>& plan, bool* all)
{
    const bool any = std::any_of(plan.begin(), plan.end(), [](const Segment& s) { return s.gpu; });
    if (all)
        *all = std::all_of(plan.begin(), plan.end(), [](const Segment& s) { return s.gpu; });
    return any;
}

std::string describePlan(const dsp::EffectChain& chain, const std::vector<Segment>& plan)
{
    std::string gpu, cpu;
    for (const auto& segment : plan)
        for (int i : segment.effects) {
            std::string& side = segment.gpu ? gpu : cpu;
            side += (side.empty() ? "" : ", ") + std::to_string(i) + " " + chain.at(i).name();
        }
    std::string out;
    if (!gpu.empty())
        out = "GPU: " + gpu;
    if (!cpu.empty())
        out += (out.empty() ? "" : "; ") + std::string("CPU: ") + cpu;
    return out.empty() ? "no effects" : out;
}

std::string CpuChainRunner::placement() const
{
    std::string cpu;
    for (int i = 0; i < m_chain.size(); ++i)
        if (!m_chain.isBypassed(i))
            cpu += (cpu.empty() ? "" : ", ") + std::to_string(i) + " " + m_chain.at(i).name();
    return cpu.empty() ? "no effects" : "CPU: " + cpu;
}

std::unique_ptr<GpuOp> makeGpuOp(GpuBackend& backend, const dsp::Effect& effect, int firstChannel,
                                 int numChannels, int maxFrames)
{
    if (const auto* gain = dynamic_cast<const dsp::Gain*>(&effect))
        return backend.makeGainOp(static_cast<float>(gain->targetFactor()),
                                  gain->param(dsp::Gain::Clamp) != 0.0);
    if (const auto* normalize = dynamic_cast<const dsp::Normalize*>(&effect)) {
        std::vector<double> gains(static_cast<size_t>(numChannels));
        for (int c = 0; c < numChannels; ++c)
            gains[static_cast<size_t>(c)] =
                normalize->isAnalysed() ? normalize->gainFor(firstChannel + c) : 1.0;
        return backend.makeNormalizeOp(std::move(gains));
    }
    if (const auto* sos = dynamic_cast<const dsp::SosEffect*>(&effect)) {
        const dsp::SosCascade& cascade = sos->currentCoefficients();
        std::vector<Sos> sections;
        for (int k = 0; k < cascade.count; ++k)
            sections.push_back({cascade[k].b0, cascade[k].b1, cascade[k].b2, cascade[k].a1, cascade[k].a2});
        return backend.makeSosOp(std::move(sections), numChannels);
    }
    if (const auto* fir = dynamic_cast<const dsp::DesignableFir*>(&effect)) {
        const auto taps = fir->currentTaps();
        return backend.makeFirOp(std::vector<double>(taps.begin(), taps.end()), numChannels, maxFrames);
    }
    if (const auto* delay = dynamic_cast<const dsp::Delay*>(&effect)) {
        // The tap gains as Delay computes them, in float: 1, fb, fb^2, ...
        const auto feedback = static_cast<float>(delay->param(dsp::Delay::Feedback));
        std::vector<float> gains(static_cast<size_t>(delay->param(dsp::Delay::Taps)));
        float g = 1.0f;
        for (auto& v : gains) {
            v = g;
            g *= feedback;
        }
        const double fs = effect.isPrepared() ? effect.spec().sampleRate : 48000.0;
        return backend.makeDelayOp(
            delay->delayFor(fs), std::move(gains), static_cast<float>(delay->param(dsp::Delay::Mix)),
            static_cast<int>(delay->param(dsp::Delay::Strategy)) == dsp::Delay::PingPong, numChannels,
            maxFrames);
    }
    throw std::invalid_argument("effect " + effect.name() + " has no GPU version");
}

namespace {

bool isPingPongDelay(const dsp::Effect& effect)
{
    const auto* delay = dynamic_cast<const dsp::Delay*>(&effect);
    return delay && static_cast<int>(delay->param(dsp::Delay::Strategy)) == dsp::Delay::PingPong;
}

} // namespace

CudaChainRunner::CudaChainRunner(dsp::EffectChain& chain, int numChannels, int maxFrames, GpuBackend* backend)
    : m_chain(chain), m_numChannels(std::max(1, numChannels)), m_maxFrames(std::max(1, maxFrames))
{
    std::string why;
    if (!backend)
        backend = cudaBackend(&why);
    if (!backend)
        throw std::runtime_error(why);
    if (backend->deviceCount(&why) <= 0)
        throw std::runtime_error(why);
    backend->probe();
    const auto plan = planChain(chain);
    m_placement = describePlan(chain, plan);
    if (!planUsesGpu(plan))
        return;
    // Two lanes where channels are independent: lane 1's upload and staging run while lane 0's
    // kernels do, and lane 0's download while lane 1's kernels do.
    bool coupled = false;
    for (const auto& segment : plan)
        for (int i : segment.effects)
            coupled = coupled || (segment.gpu && isPingPongDelay(chain.at(i)));
    const int lanes = (m_numChannels >= 2 && !coupled) ? 2 : 1;
    for (int l = 0, first = 0; l < lanes; ++l) {
        const int count = m_numChannels / lanes + (l < m_numChannels % lanes ? 1 : 0);
        m_lanes.push_back({first, count, backend->makeBuffer(count, m_maxFrames)});
        first += count;
    }
    for (const auto& segment : plan) {
        Stage stage;
        stage.gpu = segment.gpu;
        stage.effects = segment.effects;
        if (segment.gpu)
            for (const auto& lane : m_lanes) {
                stage.ops.emplace_back();
                for (int i : segment.effects)
                    stage.ops.back().push_back(
                        makeGpuOp(*backend, chain.at(i), lane.first, lane.count, m_maxFrames));
            }
        m_stages.push_back(std::move(stage));
    }
}

CudaChainRunner::~CudaChainRunner() = default;

void CudaChainRunner::process(dsp::AudioBlock& block)
{
    if (m_lanes.empty()) { // no effect runs on the GPU
        for (const auto& stage : m_stages)
            for (int i : stage.effects)
                m_chain.at(i).process(block);
        return;
    }
    if (block.numChannels() < m_numChannels)
        throw std::runtime_error("CUDA runner: block has fewer channels than it was built for");
    for (int start = 0; start < block.numFrames(); start += m_maxFrames) {
        auto piece = block.subBlock(start, std::min(m_maxFrames, block.numFrames() - start));
        processPiece(piece);
    }
}

void CudaChainRunner::processPiece(dsp::AudioBlock& block)
{
    const int frames = block.numFrames();
    std::vector<float*> pointers(static_cast<size_t>(block.numChannels()));
    for (int c = 0; c < block.numChannels(); ++c)
        pointers[static_cast<size_t>(c)] = block.channel(c);
    for (auto& stage : m_stages) {
        if (!stage.gpu) {
            for (int i : stage.effects)
                m_chain.at(i).process(block);
            continue;
        }
        // Everything queues without waiting; the only waits are the downloads' ends.
        for (size_t l = 0; l < m_lanes.size(); ++l) {
            Lane& lane = m_lanes[l];
            lane.buffer->upload(pointers.data() + lane.first, frames);
            for (auto& op : stage.ops[l])
                op->run(*lane.buffer, frames);
            lane.buffer->startDownload(frames);
        }
        for (auto& lane : m_lanes)
            lane.buffer->finishDownload(pointers.data() + lane.first, frames);
    }
}

} // namespace fxrack::cuda
