#include "session/EngineSettings.h"

namespace fxrack::session {

io::BatchOptions batchOptions(const BatchSettings& batch)
{
    io::BatchOptions options;
    options.jobs = batch.jobs;
    options.chunkSize = batch.chunkFrames;
    options.device = io::parseComputeDevice(batch.device.toStdString()).value_or(io::ComputeDevice::Cpu);
    options.tailSeconds = batch.tailSeconds;
    if (batch.format != QLatin1String("same"))
        options.output.format = io::parseFileFormat(batch.format.toStdString());
    options.ifExists = io::parseIfExists(batch.ifExists.toStdString()).value_or(io::IfExists::Fail);
    if (batch.quality >= 0.0)
        options.output.quality = batch.quality;
    if (batch.sampleRate > 0)
        options.output.sampleRate = batch.sampleRate;
    return options;
}

realtime::StreamConfig streamConfig(const AudioSettings& audio)
{
    realtime::StreamConfig config;
    config.sampleRate = audio.sampleRateHz;
    config.bufferSize = audio.bufferFrames;
    config.channelsIn = audio.channelsIn;
    config.channelsOut = audio.channelsOut;
    config.inputDevice = audio.inputDevice.toStdString();
    config.outputDevice = audio.outputDevice.toStdString();
    return config;
}

} // namespace fxrack::session
