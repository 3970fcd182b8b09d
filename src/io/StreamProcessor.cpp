#include "io/StreamProcessor.h"

#include "cuda/CudaChain.h"
#include "dsp/Denormals.h"
#include "dsp/Errors.h"
#include "dsp/effects/Normalize.h"
#include "io/AtomicOutput.h"
#include "io/Ebur128Meter.h"
#include "io/FileError.h"
#include "io/Pipeline.h"
#include "io/Resampler.h"
#include "io/SoundFileReader.h"
#include "io/SoundFileWriter.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace fxrack::io {

StreamProcessor::StreamProcessor(dsp::EffectChain chain, int chunkSize, ComputeDevice device)
    : m_chain(std::move(chain)), m_chunkSize(chunkSize), m_device(device)
{
    if (chunkSize < 1)
        throw dsp::ParameterError("chunk size " + std::to_string(chunkSize) + " must be at least 1 frame");
    // Whole-signal loudness needs a meter the dsp layer cannot link; give every Normalize one.
    for (int i = 0; i < m_chain.size(); ++i)
        if (auto* normalize = dynamic_cast<dsp::Normalize*>(&m_chain.at(i)))
            normalize->setLoudnessMeter(std::make_shared<Ebur128Meter>());
}

StreamProcessor::~StreamProcessor() = default;

int64_t StreamProcessor::tailFrames(const AudioFileInfo& info) const noexcept
{
    return m_tailSeconds > 0 ? static_cast<int64_t>(std::llround(m_tailSeconds * info.sampleRate)) : 0;
}

void StreamProcessor::prepareFor(const AudioFileInfo& info)
{
    m_chain.validate(info.sampleRate);
    m_chain.prepare(dsp::ProcessSpec{info.sampleRate, m_chunkSize, info.channels});
    m_chain.reset();
}

int StreamProcessor::countAnalysisPasses() const
{
    int passes = 0;
    for (int i = 0; i < m_chain.size(); ++i)
        if (!m_chain.isBypassed(i) && m_chain.at(i).needsAnalysis())
            ++passes;
    return passes;
}

void StreamProcessor::runAnalysis(SoundFileReader& reader, const std::function<void(double)>& passProgress,
                                  const std::atomic<bool>* cancel)
{
    const auto& info = reader.info();
    const double total = static_cast<double>(info.frames + tailFrames(info));
    int pass = 0;
    for (int k = 0; k < m_chain.size(); ++k) {
        if (m_chain.isBypassed(k) || !m_chain.at(k).needsAnalysis())
            continue;
        // The analysed effect sees exactly what it will see in the processing pass: the chain
        // before it (already analysed where needed), from a clean state, tail included.
        m_chain.reset();
        reader.rewind();
        dsp::Effect& target = m_chain.at(k);
        target.beginAnalysis();
        int64_t done = 0;
        PipelinePass p;
        p.reader = &reader;
        p.chunkFrames = m_chunkSize;
        p.tailFrames = tailFrames(info);
        p.cancel = cancel;
        p.process = [&](dsp::AudioBlock& block) {
            for (int j = 0; j < k; ++j)
                if (!m_chain.isBypassed(j))
                    m_chain.at(j).process(block);
            target.analyze(block);
        };
        p.done = [&](int64_t frames) {
            done += frames;
            if (passProgress)
                passProgress(pass + static_cast<double>(done) / total);
        };
        runPipeline(p);
        target.endAnalysis();
        ++pass;
    }
    m_chain.reset();
    reader.rewind();
}

namespace {
// A CUDA error while a file ran on the GPU (told apart from file and chain errors).
struct GpuFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};
} // namespace

ProcessReport StreamProcessor::processFile(const std::string& input, const std::string& output,
                                           const OutputOptions& options, const ProgressCallback& progress,
                                           const std::atomic<bool>* cancel)
{
    try {
        return processFileOnce(input, output, options, progress, cancel, nullptr);
    } catch (const GpuFailure& e) {
        // A user never loses a file to the GPU: the partial output is gone (AtomicOutput), and
        // the CPU runs the whole file again from a fresh chain state.
        const std::string why =
            std::string("the GPU failed mid-file (") + e.what() + "); the file was run again on the CPU";
        return processFileOnce(input, output, options, progress, cancel, &why);
    }
}

ProcessReport StreamProcessor::processFileOnce(const std::string& input, const std::string& output,
                                               const OutputOptions& options, const ProgressCallback& progress,
                                               const std::atomic<bool>* cancel, const std::string* cpuReason)
{
    const auto started = std::chrono::steady_clock::now();
    if (isSameFile(input, output))
        throw FileError(output, "is the input file; refusing to write over it");
    SoundFileReader reader(input);
    const AudioFileInfo& info = reader.info();

    ProcessReport report;
    report.input = info;
    report.output = output;
    report.device = cpuReason ? ComputeDeviceChoice{ComputeDevice::Cpu, *cpuReason}
                              : chooseComputeDevice(m_device, m_chain);
    const int64_t tail = tailFrames(info);
    // The output's rate and length: --rate converts after the chain, before dithering.
    AudioFileInfo outInfo = info;
    std::unique_ptr<Resampler> resampler;
    if (options.sampleRate && *options.sampleRate != info.sampleRate) {
        resampler = std::make_unique<Resampler>(info.sampleRate, *options.sampleRate, info.channels,
                                                info.frames + tail);
        outInfo.sampleRate = *options.sampleRate;
        outInfo.frames = resampler->outputFrames();
    }
    report.outputFormat = resolveOutputFormat(outInfo, options, outInfo.frames, output);
    prepareFor(info);

    report.analysisPasses = countAnalysisPasses();
    const double passes = report.analysisPasses + 1.0;
    auto report01 = [&](double passesDone) {
        if (progress)
            progress(std::min(1.0, passesDone / passes));
    };
    if (report.analysisPasses > 0)
        runAnalysis(reader, report01, cancel);

    AtomicOutput out(output);
    SoundFileWriter writer(out.fd(), output, report.outputFormat, outInfo.sampleRate, info.channels,
                           options.keepMetadata ? info.metadata : TextMetadata{}, options.quality);
    const double total = static_cast<double>(info.frames + tail);
    int64_t done = 0;
    PipelinePass p;
    p.reader = &reader;
    p.chunkFrames = m_chunkSize;
    p.tailFrames = tail;
    p.cancel = cancel;
    p.process = [&](dsp::AudioBlock& block) { m_chain.process(block); };
    // The GPU runner reads the prepared, analysed chain; if it cannot start (the probe kernel
    // included), the CPU runs it, on two threads as below.
    std::unique_ptr<cuda::ChainRunner> gpu;
    if (report.device.device == ComputeDevice::Cuda) {
        try {
            gpu = std::make_unique<cuda::CudaChainRunner>(m_chain, info.channels, m_chunkSize);
            p.process = [&](dsp::AudioBlock& block) {
                try {
                    gpu->process(block);
                } catch (const std::exception& e) {
                    throw GpuFailure(e.what());
                }
            };
        } catch (const std::exception& e) {
            report.device = {ComputeDevice::Cpu, std::string("the CUDA runner could not start: ") + e.what()};
        }
    }
    const int threads = m_dspThreads > 0 ? m_dspThreads : (std::thread::hardware_concurrency() >= 2 ? 2 : 1);
    if (threads >= 2 && report.device.device == ComputeDevice::Cpu) {
        if (const int split = splitPoint(info.channels, info.sampleRate); split > 0) {
            p.process = [this, split](dsp::AudioBlock& block) { m_chain.processRange(block, 0, split); };
            p.processMore = [this, split](dsp::AudioBlock& block) {
                m_chain.processRange(block, split, m_chain.size());
            };
        }
    }
    Ebur128Meter beforeMeter(true), afterMeter(true);
    std::function<void(const dsp::AudioBlock&)> toWriter = [&](const dsp::AudioBlock& b) { writer.write(b); };
    p.write = [&](const dsp::AudioBlock& block) { writer.write(block); };
    if (resampler)
        p.write = [&](const dsp::AudioBlock& block) { resampler->process(block, toWriter); };
    p.done = [&](int64_t frames) {
        done += frames;
        report01(report.analysisPasses + static_cast<double>(done) / total);
    };
    if (m_measure) {
        beforeMeter.begin(info.sampleRate, info.channels);
        afterMeter.begin(outInfo.sampleRate, info.channels);
        p.process = [&, process = p.process](dsp::AudioBlock& block) {
            beforeMeter.add(block);
            process(block);
        };
        toWriter = [&](const dsp::AudioBlock& b) {
            afterMeter.add(b);
            writer.write(b);
        };
        if (!resampler)
            p.write = toWriter;
    }
    runPipeline(p);
    if (resampler)
        resampler->finish(toWriter);
    writer.close();
    if (options.keepMetadata)
        report.tagsDropped = tagsMissing(info.metadata, out.temporaryPath());
    // The target may have become the input meanwhile (a link made while we worked).
    if (isSameFile(input, output))
        throw FileError(output, "is the input file; refusing to write over it");
    out.commit(m_replace);

    if (m_measure) {
        report.before = beforeMeter.stats();
        report.before->frames = info.frames; // not the tail's silence
        report.after = afterMeter.stats();
    }
    report.framesWritten = writer.framesWritten();
    report.clippedSamples = writer.clippedSamples();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (progress)
        progress(1.0);
    return report;
}

// ---- ChunkRange ----

ChunkRange::ChunkRange(StreamProcessor& processor, const std::string& path)
    : m_processor(&processor), m_reader(std::make_unique<SoundFileReader>(path))
{
    const auto& info = m_reader->info();
    m_buffer.resize(info.channels, processor.chunkSize());
    m_tailLeft = processor.tailFrames(info);
}

ChunkRange::ChunkRange(ChunkRange&&) noexcept = default;
ChunkRange::~ChunkRange() = default;

const AudioFileInfo& ChunkRange::info() const noexcept
{
    return m_reader->info();
}

ChunkRange::iterator ChunkRange::begin()
{
    if (!m_started) {
        m_started = true;
        m_processor->prepareFor(m_reader->info());
        if (m_processor->countAnalysisPasses() > 0)
            m_processor->runAnalysis(*m_reader, {}, nullptr);
        advance();
    }
    return iterator(this);
}

void ChunkRange::advance()
{
    auto block = m_buffer.block();
    int n = m_reader->read(block);
    if (n < block.numFrames() && m_tailLeft > 0) {
        const int silence = static_cast<int>(std::min<int64_t>(block.numFrames() - n, m_tailLeft));
        block.subBlock(n, silence).clear();
        n += silence;
        m_tailLeft -= silence;
    }
    if (n == 0) {
        m_finished = true;
        m_current = {};
        return;
    }
    m_current = m_buffer.block(0, n);
    dsp::ScopedNoDenormals noDenormals;
    m_processor->m_chain.process(m_current);
}

int StreamProcessor::splitPoint(int channels, double sampleRate) const
{
    if (m_chain.size() < 2)
        return 0;
    // Time each effect on a copy of the chain over a short burst of noise: costs differ by
    // orders of magnitude (a gain against a reverb), so counting effects would balance badly.
    auto probe = m_chain.clone();
    constexpr int kFrames = 8192;
    probe.prepare({sampleRate, kFrames, channels});
    // One burst of noise, copied before each timing: generating it costs more than the timings.
    dsp::AudioBuffer noise(channels, kFrames), work(channels, kFrames);
    uint32_t state = 1;
    for (int c = 0; c < channels; ++c)
        for (int f = 0; f < kFrames; ++f) {
            state = state * 1664525u + 1013904223u;
            noise.channel(c)[f] = static_cast<float>(state >> 8) / 16777216.0f - 0.5f;
        }
    std::vector<double> cost(static_cast<size_t>(probe.size()), 0.0);
    dsp::ScopedNoDenormals noDenormals;
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < probe.size(); ++i) {
            if (probe.isBypassed(i))
                continue;
            for (int c = 0; c < channels; ++c)
                std::copy_n(noise.channel(c), kFrames, work.channel(c));
            auto block = work.block();
            const auto start = std::chrono::steady_clock::now();
            probe.at(i).process(block);
            const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            cost[static_cast<size_t>(i)] = round == 0 ? t : std::min(cost[static_cast<size_t>(i)], t);
        }
    double total = 0.0;
    for (double c : cost)
        total += c;
    int best = 0;
    double bestWorst = total;
    double prefix = 0.0;
    for (int k = 1; k < probe.size(); ++k) {
        prefix += cost[static_cast<size_t>(k - 1)];
        const double worst = std::max(prefix, total - prefix);
        if (worst < bestWorst) {
            bestWorst = worst;
            best = k;
        }
    }
    // A split that takes less than a fifth off the slowest stage is not worth a thread.
    return bestWorst < 0.8 * total ? best : 0;
}

} // namespace fxrack::io
