#include "io/Batch.h"

#include "io/FileError.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <sys/stat.h>
#include <thread>

namespace fxrack::io {

BatchRunner::BatchRunner(const dsp::EffectChain& chain, BatchOptions options)
    : m_prototype(chain.clone()), m_options(std::move(options))
{
    if (m_options.jobs <= 0)
        m_options.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::vector<BatchResult> BatchRunner::run(const std::vector<BatchJob>& jobs,
                                          const BatchProgressCallback& progress)
{
    std::vector<BatchResult> results(jobs.size());
    // Weights for the overall fraction: the input sizes (a missing file weighs little).
    std::vector<double> weight(jobs.size(), 1.0);
    std::vector<double> fileDone(jobs.size(), 0.0);
    double totalWeight = 0.0;
    for (size_t i = 0; i < jobs.size(); ++i) {
        struct stat st {};
        if (::stat(jobs[i].input.c_str(), &st) == 0 && S_ISREG(st.st_mode))
            weight[i] = std::max<double>(1.0, static_cast<double>(st.st_size));
        totalWeight += weight[i];
        results[i].job = jobs[i];
    }
    // Two jobs aiming at one output: the later one fails rather than silently replacing.
    std::map<std::string, size_t> firstFor;
    std::vector<bool> duplicate(jobs.size(), false);
    for (size_t i = 0; i < jobs.size(); ++i) {
        const auto key = std::filesystem::absolute(jobs[i].output).lexically_normal().string();
        if (auto [it, fresh] = firstFor.emplace(key, i); !fresh) {
            duplicate[i] = true;
            results[i].error = jobs[i].output + ": is also the output of " + jobs[it->second].input;
        }
    }

    std::mutex progressMutex;
    double doneWeight = 0.0;
    int finished = 0, failed = 0;
    const auto started = std::chrono::steady_clock::now();
    auto report = [&](size_t index, double fraction, bool finishedNow, bool failedNow) {
        std::lock_guard lock(progressMutex);
        if (fraction < 0.0) // unchanged
            fraction = fileDone[index];
        doneWeight += (fraction - fileDone[index]) * weight[index];
        fileDone[index] = fraction;
        finished += finishedNow;
        failed += failedNow;
        if (!progress)
            return;
        BatchProgress p;
        p.fileIndex = static_cast<int>(index);
        p.fileFraction = fraction;
        p.overallFraction = totalWeight > 0 ? std::clamp(doneWeight / totalWeight, 0.0, 1.0) : 1.0;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (p.overallFraction > 0.01 && elapsed > 0.2)
            p.secondsLeft = elapsed * (1.0 - p.overallFraction) / p.overallFraction;
        p.filesFinished = finished;
        p.filesFailed = failed;
        progress(p);
    };

    const int threads = std::max(1, std::min<int>(m_options.jobs, static_cast<int>(jobs.size())));
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (;;) {
            const size_t i = next.fetch_add(1);
            if (i >= jobs.size())
                return;
            BatchResult& result = results[i];
            if (m_cancel.load()) {
                result.cancelled = true;
                result.error = jobs[i].input + ": cancelled";
                report(i, 0.0, true, true);
                continue;
            }
            if (duplicate[i]) {
                report(i, 1.0, true, true);
                continue;
            }
            try {
                StreamProcessor processor(m_prototype.clone(), m_options.chunkSize, m_options.device);
                processor.setTailSeconds(m_options.tailSeconds);
                processor.setReplaceExisting(m_options.overwrite);
                // Several files at once already fill the cores; one file alone splits its chain.
                if (threads > 1)
                    processor.setDspThreads(1);
                if (!m_options.overwrite) {
                    struct stat st {};
                    if (::stat(jobs[i].output.c_str(), &st) == 0)
                        throw FileError(jobs[i].output, "already exists (use --overwrite to replace it)");
                }
                result.report = processor.processFile(
                    jobs[i].input, jobs[i].output, m_options.output,
                    [&](double f) { report(i, f, false, false); }, &m_cancel);
                result.ok = true;
                report(i, 1.0, true, false);
            } catch (const Cancelled&) {
                result.cancelled = true;
                result.error = jobs[i].input + ": cancelled";
                report(i, -1.0, true, true);
            } catch (const std::exception& e) {
                result.error = e.what();
                for (auto& ch : result.error)
                    if (ch == '\n')
                        ch = ' ';
                // Name the file even when the error came from the chain (a rate it cannot run at).
                if (result.error.find(jobs[i].input) == std::string::npos &&
                    result.error.find(jobs[i].output) == std::string::npos)
                    result.error = jobs[i].input + ": " + result.error;
                report(i, 1.0, true, true);
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (auto& t : pool)
        t.join();
    return results;
}

std::vector<BatchJob> makeBatchJobs(const std::vector<std::string>& inputs, const std::string& outDir,
                                    const std::string& suffix, const OutputOptions& output)
{
    std::vector<BatchJob> jobs;
    for (const auto& input : inputs) {
        const std::filesystem::path in(input);
        std::string ext;
        if (output.format)
            ext = std::string(fileFormatName(*output.format));
        else
            ext = in.has_extension() ? in.extension().string().substr(1) : "wav";
        const auto out = std::filesystem::path(outDir) / (in.stem().string() + suffix + "." + ext);
        jobs.push_back({input, out.string()});
    }
    return jobs;
}

} // namespace fxrack::io
