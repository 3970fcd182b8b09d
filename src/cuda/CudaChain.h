#pragma once
// The GPU chain runner behind the same interface as the CPU one, and what the io layer asks
// before choosing it (Device.cpp): is a device present, which effects have a GPU version.
//
// The runner splits a chain into segments of consecutive effects that run on the same side:
// GPU segments run on the device (one upload and one download each), the rest run on the CPU
// as they always do. placement() says which effect ran where, for the job result.

#include "cuda/CudaModule.h"
#include "cuda/GpuOps.h"
#include "dsp/AudioBlock.h"
#include "dsp/EffectChain.h"

#include <memory>
#include <string>
#include <vector>

namespace fxrack::cuda {

// True when the GPU runner has a version of this effect: Gain, Normalize (apply), every IIR
// filter and EQ (second-order-section cascades), DesignableFIR and Delay. The rest (Reverb,
// dynamics, modulation, overdrive) run on the CPU, and so does any effect whose base-class dry/wet
// `mix` is below 1 (the GPU versions compute the wet signal only), Delay excepted (its kernel
// mixes).
bool supportsEffect(const dsp::Effect& effect) noexcept;

// What "auto" weighs (docs/cuda.md): the CPU cost of the effects the GPU would take, in
// biquad-section units per sample and channel (Gain and Normalize 0.25, a section 1, an FIR tap
// 0.25, a delay tap 0.25). The GPU pays a fixed price per chunk (two copies over PCIe, a launch
// per kernel) that only a chain at least this heavy wins back against the CPU's two threads.
double gpuWorthCost(const dsp::EffectChain& chain);
inline constexpr double kAutoGpuMinCost = 6.0; // the seed chain's six Butterworth sections

// A run of consecutive (non-bypassed) effects of a chain on one side.
struct Segment {
    bool gpu = false;
    std::vector<int> effects; // chain indices
};

// The chain cut into segments (bypassed effects are left out).
std::vector<Segment> planChain(const dsp::EffectChain& chain);
// "GPU: 0 Gain, 1 LoButterworth; CPU: 2 Reverb" (the sides in chain order, each effect once).
std::string describePlan(const dsp::EffectChain& chain, const std::vector<Segment>& plan);
// True when at least one effect of the plan runs on the GPU, and all when `all` is set.
bool planUsesGpu(const std::vector<Segment>& plan, bool* all = nullptr);

// Runs a prepared (and, for Normalize, analysed) chain over chunks of audio.
class ChainRunner {
public:
    virtual ~ChainRunner() = default;
    virtual void process(dsp::AudioBlock& block) = 0;
    // Which effect runs where.
    virtual std::string placement() const = 0;
};

// The CPU: the chain itself.
class CpuChainRunner final : public ChainRunner {
public:
    explicit CpuChainRunner(dsp::EffectChain& chain) : m_chain(chain) {}
    void process(dsp::AudioBlock& block) override { m_chain.process(block); }
    std::string placement() const override;

private:
    dsp::EffectChain& m_chain;
};

// The GPU. Built after the chain is prepared for the file (and analysed): it reads the effects'
// current coefficients, taps, delays and gains, which a batch job holds constant. Its own state
// starts at zero and carries across process() calls, so the output equals the CPU chain's for
// any chunking (to 1e-5: the same maths, double state, another order of rounding). Throws
// std::runtime_error when the device fails (the constructor launches the backend's probe
// kernel first); blocks longer than maxFrames are cut up. `backend` null: the CUDA module's.
class CudaChainRunner final : public ChainRunner {
public:
    CudaChainRunner(dsp::EffectChain& chain, int numChannels, int maxFrames, GpuBackend* backend = nullptr);
    ~CudaChainRunner() override;
    void process(dsp::AudioBlock& block) override;
    std::string placement() const override { return m_placement; }

    // Channel groups with a stream each (1 or 2), so one group's copies overlap the other's
    // kernels within a job; 1 when a ping-pong delay couples channels.
    int lanes() const noexcept { return static_cast<int>(m_lanes.size()); }

private:
    struct Lane {
        int first = 0, count = 0;          // channels
        std::unique_ptr<GpuBuffer> buffer; // the lane's device chunk and stream
    };
    struct Stage {
        bool gpu = false;
        std::vector<int> effects;                             // CPU stages: chain indices
        std::vector<std::vector<std::unique_ptr<GpuOp>>> ops; // GPU stages: [lane][effect]
    };
    void processPiece(dsp::AudioBlock& block);

    dsp::EffectChain& m_chain;
    std::vector<Stage> m_stages;
    std::vector<Lane> m_lanes;
    std::string m_placement;
    int m_numChannels;
    int m_maxFrames;
};

// The GPU version of one supported effect, as it stands now (for the runner and tests).
std::unique_ptr<GpuOp> makeGpuOp(GpuBackend& backend, const dsp::Effect& effect, int numChannels,
                                 int maxFrames);

} // namespace fxrack::cuda
