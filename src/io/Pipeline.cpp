#include "io/Pipeline.h"

#include "dsp/AudioBuffer.h"
#include "dsp/Denormals.h"
#include "io/BoundedQueue.h"
#include "io/FileError.h"
#include "io/SoundFileReader.h"

#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace fxrack::io {
namespace {

struct Chunk {
    dsp::AudioBuffer buffer;
    int frames = 0;
};

// Enough chunks that each stage has one in hand and one waiting.
constexpr size_t kPoolSize = 6;

} // namespace

void runPipeline(const PipelinePass& pass)
{
    const int channels = pass.reader->info().channels;
    std::vector<std::unique_ptr<Chunk>> pool;
    BoundedQueue<Chunk*> empty(kPoolSize), toProcess(kPoolSize), toSecond(kPoolSize), toWrite(kPoolSize);
    for (size_t i = 0; i < kPoolSize; ++i) {
        pool.push_back(std::make_unique<Chunk>());
        pool.back()->buffer.resize(channels, pass.chunkFrames);
        empty.push(pool.back().get());
    }

    std::mutex errorMutex;
    std::exception_ptr error;
    auto fail = [&](std::exception_ptr e) {
        {
            std::lock_guard lock(errorMutex);
            if (!error)
                error = e;
        }
        empty.abort();
        toProcess.abort();
        toSecond.abort();
        toWrite.abort();
    };

    std::thread reader([&] {
        try {
            int64_t tailLeft = pass.tailFrames;
            for (;;) {
                if (pass.cancel && pass.cancel->load(std::memory_order_relaxed))
                    throw Cancelled();
                auto chunk = empty.pop();
                if (!chunk)
                    return;
                auto block = (*chunk)->buffer.block();
                int n = pass.reader->read(block);
                if (n < pass.chunkFrames && tailLeft > 0) {
                    const int silence = static_cast<int>(std::min<int64_t>(pass.chunkFrames - n, tailLeft));
                    block.subBlock(n, silence).clear();
                    n += silence;
                    tailLeft -= silence;
                }
                if (n == 0) {
                    toProcess.close();
                    return;
                }
                (*chunk)->frames = n;
                if (!toProcess.push(*chunk))
                    return;
            }
        } catch (...) {
            fail(std::current_exception());
        }
    });

    std::thread writer;
    if (pass.write)
        writer = std::thread([&] {
            try {
                while (auto chunk = toWrite.pop()) {
                    pass.write((*chunk)->buffer.block(0, (*chunk)->frames));
                    const int frames = (*chunk)->frames;
                    if (!empty.push(*chunk))
                        return;
                    if (pass.done)
                        pass.done(frames);
                }
            } catch (...) {
                fail(std::current_exception());
            }
        });

    // Hands a processed chunk to the writer, or back to the pool when nothing is written.
    auto finish = [&](Chunk* chunk) {
        if (pass.write)
            return toWrite.push(chunk);
        const int frames = chunk->frames;
        if (!empty.push(chunk))
            return false;
        if (pass.done)
            pass.done(frames);
        return true;
    };

    std::thread second;
    if (pass.processMore)
        second = std::thread([&] {
            try {
                dsp::ScopedNoDenormals noDenormals;
                while (auto chunk = toSecond.pop()) {
                    auto block = (*chunk)->buffer.block(0, (*chunk)->frames);
                    pass.processMore(block);
                    if (!finish(*chunk))
                        return;
                }
                toWrite.close();
            } catch (...) {
                fail(std::current_exception());
            }
        });

    try {
        dsp::ScopedNoDenormals noDenormals;
        while (auto chunk = toProcess.pop()) {
            auto block = (*chunk)->buffer.block(0, (*chunk)->frames);
            pass.process(block);
            if (!(pass.processMore ? toSecond.push(*chunk) : finish(*chunk)))
                break;
        }
        if (pass.processMore)
            toSecond.close();
        else
            toWrite.close();
    } catch (...) {
        fail(std::current_exception());
    }
    reader.join();
    if (second.joinable())
        second.join();
    if (writer.joinable())
        writer.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace fxrack::io
