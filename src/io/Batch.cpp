#include "io/Batch.h"

#include "dsp/SoundFileOpen.h"
#include "io/AtomicOutput.h"
#include "io/FileError.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sndfile.h>
#include <sys/stat.h>
#include <thread>

namespace fxrack::io {

namespace {

std::string normalised(const std::string& path)
{
    return std::filesystem::absolute(path).lexically_normal().string();
}

bool exists(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

// "a/b/name.ext" -> "a/b/name (n).ext"
std::string numbered(const std::string& path, int n)
{
    const std::filesystem::path p(path);
    return (p.parent_path() / (p.stem().string() + " (" + std::to_string(n) + ")" + p.extension().string()))
        .string();
}

void writeDoneRecord(const std::string& output, const std::string& input, int64_t frames)
{
    // Written after the output is in place: a record names a complete file, or there is none.
    const std::string path = doneRecordPath(output);
    const std::string temp = path + ".tmp";
    {
        std::ofstream f(temp, std::ios::trunc);
        f << "fxrack-done 1\nframes " << frames << "\ninput " << input << "\n";
        if (!f)
            return; // no record: a later --resume redoes this file, which is safe
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
}

bool isAudioExtension(std::string ext)
{
    static const std::set<std::string> known{".wav", ".flac", ".ogg", ".oga",  ".opus", ".mp3", ".aiff",
                                             ".aif", ".aifc", ".w64", ".rf64", ".caf",  ".au",  ".snd"};
    for (auto& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return known.count(ext) > 0;
}

std::string today()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

} // namespace

std::optional<IfExists> parseIfExists(std::string_view name) noexcept
{
    for (IfExists p : {IfExists::Fail, IfExists::Skip, IfExists::Rename, IfExists::Overwrite})
        if (ifExistsName(p) == name)
            return p;
    return std::nullopt;
}

std::string_view ifExistsName(IfExists policy) noexcept
{
    switch (policy) {
    case IfExists::Fail:
        return "fail";
    case IfExists::Skip:
        return "skip";
    case IfExists::Rename:
        return "rename";
    case IfExists::Overwrite:
        return "overwrite";
    }
    return "fail";
}

std::string doneRecordPath(const std::string& output)
{
    const std::filesystem::path p(output);
    return (p.parent_path() / ("." + p.filename().string() + ".done")).string();
}

bool isCompleteOutput(const std::string& output)
{
    std::ifstream record(doneRecordPath(output));
    std::string magic, key;
    int version = 0;
    long long frames = -1;
    if (!(record >> magic >> version >> key >> frames) || magic != "fxrack-done" || key != "frames")
        return false;
    SF_INFO info{};
    SNDFILE* file = dsp::openSoundFile([&] { return sf_open(output.c_str(), SFM_READ, &info); });
    if (!file)
        return false;
    sf_close(file);
    return info.frames == frames;
}

std::vector<bool> BatchRunner::planOutputs(std::vector<BatchResult>& results) const
{
    std::vector<bool> decided(results.size(), false);
    std::set<std::string> inputs, claimed;
    std::set<std::pair<dev_t, ino_t>> inputFiles; // links and other spellings of an input too
    for (const auto& r : results) {
        inputs.insert(normalised(r.job.input));
        struct stat st {};
        if (::stat(r.job.input.c_str(), &st) == 0)
            inputFiles.emplace(st.st_dev, st.st_ino);
    }
    std::map<std::string, size_t> firstFor;
    for (size_t i = 0; i < results.size(); ++i) {
        BatchResult& r = results[i];
        std::string& output = r.job.output;
        auto fail = [&](const std::string& why) {
            r.error = output + ": " + why;
            decided[i] = true;
        };
        struct stat st {};
        const bool onDisk = ::stat(output.c_str(), &st) == 0;
        if (inputs.count(normalised(output)) || (onDisk && inputFiles.count({st.st_dev, st.st_ino}))) {
            fail("is an input of this batch; an output is never an input");
            continue;
        }
        const std::string key = normalised(output);
        if (m_options.resume && onDisk && isCompleteOutput(output)) {
            r.ok = r.skipped = true;
            decided[i] = true;
            claimed.insert(key);
            continue;
        }
        if (claimed.count(key) && m_options.ifExists != IfExists::Rename) {
            fail("is also the output of " + results[firstFor[key]].job.input);
            continue;
        }
        if (onDisk && !m_options.resume) {
            if (m_options.ifExists == IfExists::Fail) {
                fail("already exists (use --if-exists skip|rename|overwrite, or --overwrite, to decide)");
                continue;
            }
            if (m_options.ifExists == IfExists::Skip) {
                r.ok = r.skipped = true;
                decided[i] = true;
                claimed.insert(key);
                continue;
            }
        }
        if (m_options.ifExists == IfExists::Rename && (claimed.count(key) || (onDisk && !m_options.resume))) {
            for (int n = 2;; ++n) {
                const std::string candidate = numbered(output, n);
                if (!exists(candidate) && !claimed.count(normalised(candidate)) &&
                    !inputs.count(normalised(candidate))) {
                    output = candidate;
                    break;
                }
            }
        }
        firstFor.emplace(normalised(output), i);
        claimed.insert(normalised(output));
    }
    return decided;
}

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
    // Decided before any file starts, in job order, so the outcome does not depend on timing.
    std::vector<bool> decided = planOutputs(results);

    std::mutex progressMutex;
    double doneWeight = 0.0;
    int finished = 0, failed = 0, skipped = 0;
    const auto started = std::chrono::steady_clock::now();
    auto report = [&](size_t index, double fraction, bool finishedNow, bool failedNow,
                      bool skippedNow = false) {
        std::lock_guard lock(progressMutex);
        if (fraction < 0.0) // unchanged
            fraction = fileDone[index];
        doneWeight += (fraction - fileDone[index]) * weight[index];
        fileDone[index] = fraction;
        finished += finishedNow;
        failed += failedNow;
        skipped += skippedNow;
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
        p.filesSkipped = skipped;
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
            if (decided[i]) {
                report(i, 1.0, true, !result.ok, result.skipped);
                continue;
            }
            const std::string& output = result.job.output;
            try {
                StreamProcessor processor(m_prototype.clone(), m_options.chunkSize, m_options.device);
                processor.setTailSeconds(m_options.tailSeconds);
                processor.setMeasureLoudness(m_options.measureLoudness);
                // Replace only what the plan allowed; a file appearing meanwhile is not lost.
                processor.setReplaceExisting(m_options.ifExists == IfExists::Overwrite || m_options.resume);
                // Several files at once already fill the cores; one file alone splits its chain.
                if (threads > 1)
                    processor.setDspThreads(1);
                const auto folder = std::filesystem::path(output).parent_path();
                if (!folder.empty()) {
                    std::error_code ec;
                    std::filesystem::create_directories(folder, ec);
                }
                ::unlink(doneRecordPath(output).c_str());
                if (m_options.resume)
                    removeStaleTemporaries(output);
                result.report = processor.processFile(
                    jobs[i].input, output, m_options.output, [&](double f) { report(i, f, false, false); },
                    &m_cancel);
                writeDoneRecord(output, jobs[i].input, result.report.framesWritten);
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
                    result.error.find(output) == std::string::npos)
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
    std::vector<BatchInput> plain;
    for (const auto& input : inputs)
        plain.push_back({input, {}});
    BatchNaming naming;
    naming.outDir = outDir;
    naming.suffix = suffix;
    return makeBatchJobs(plain, naming, output);
}

std::vector<BatchInput> collectBatchInputs(const std::vector<std::string>& paths, bool recursive,
                                           const std::string& excludeDir)
{
    namespace fs = std::filesystem;
    const std::string excluded = excludeDir.empty() ? std::string() : normalised(excludeDir);
    auto isExcluded = [&](const fs::path& p) {
        if (excluded.empty())
            return false;
        const std::string n = normalised(p.string());
        return n == excluded || n.rfind(excluded + "/", 0) == 0;
    };
    std::vector<BatchInput> inputs;
    for (const auto& path : paths) {
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            inputs.push_back({path, {}}); // a file, or a name that fails later on its own line
            continue;
        }
        std::vector<BatchInput> found;
        const fs::path root(path);
        auto take = [&](const fs::directory_entry& e) {
            const auto name = e.path().filename().string();
            if (name.empty() || name[0] == '.' || isExcluded(e.path()))
                return false;
            if (e.is_regular_file(ec) && isAudioExtension(e.path().extension().string())) {
                const auto rel = e.path().parent_path().lexically_relative(root).lexically_normal();
                found.push_back({e.path().string(), rel == "." ? std::string() : rel.string()});
            }
            return true;
        };
        if (recursive) {
            for (auto it = fs::recursive_directory_iterator(root, ec);
                 it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec)
                    break;
                if (!take(*it) && it->is_directory(ec))
                    it.disable_recursion_pending();
            }
        } else {
            for (const auto& e : fs::directory_iterator(root, ec))
                take(e);
        }
        if (found.empty()) { // fails on its own line, as a file that cannot be read
            inputs.push_back({path, {}});
            continue;
        }
        std::sort(found.begin(), found.end(),
                  [](const BatchInput& a, const BatchInput& b) { return a.path < b.path; });
        inputs.insert(inputs.end(), found.begin(), found.end());
    }
    return inputs;
}

std::vector<BatchJob> makeBatchJobs(const std::vector<BatchInput>& inputs, const BatchNaming& naming,
                                    const OutputOptions& output)
{
    const std::string date = naming.date.empty() ? today() : naming.date;
    const std::string pattern = naming.nameTemplate.empty() ? "{stem}" + naming.suffix : naming.nameTemplate;
    const bool placesDir = pattern.find("{dir}") != std::string::npos;
    const size_t width = std::to_string(std::max<size_t>(1, inputs.size())).size();
    std::vector<BatchJob> jobs;
    for (size_t k = 0; k < inputs.size(); ++k) {
        const std::filesystem::path in(inputs[k].path);
        std::string index = std::to_string(k + 1);
        index.insert(0, width - index.size(), '0');
        std::string name;
        for (size_t i = 0; i < pattern.size(); ++i) {
            const size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
            if (close == std::string::npos) {
                name += pattern[i];
                continue;
            }
            const std::string field = pattern.substr(i + 1, close - i - 1);
            if (field == "stem")
                name += in.stem().string();
            else if (field == "dir")
                name += inputs[k].dir;
            else if (field == "index")
                name += index;
            else if (field == "date")
                name += date;
            else if (field == "preset")
                name += naming.preset;
            i = close;
        }
        std::string ext;
        if (output.format)
            ext = std::string(fileFormatName(*output.format));
        else
            ext = in.has_extension() ? in.extension().string().substr(1) : "wav";
        std::filesystem::path out(naming.outDir);
        if (!placesDir && !inputs[k].dir.empty())
            out /= inputs[k].dir;
        out /= name + "." + ext;
        jobs.push_back({inputs[k].path, out.lexically_normal().string()});
    }
    return jobs;
}

} // namespace fxrack::io
