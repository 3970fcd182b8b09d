// fxrack-cli devices [--api jack|pulse|alsa] [--json]
#include "cli/Command.h"
#include "realtime/BackendFactory.h"
#include "session/JsonWriter.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace fxrack::cli {
namespace {

int runDevices(const std::string& api, bool json)
{
    std::unique_ptr<realtime::AudioBackend> backendOwner;
    try {
        backendOwner = realtime::makeBackend(api);
    } catch (const std::invalid_argument& e) {
        throw UsageError{e.what()};
    }
    realtime::AudioBackend& backend = *backendOwner;
    const auto devices = backend.devices(); // BackendError: exit 1
    if (json) {
        session::JsonWriter w;
        w.beginArray();
        for (const auto& d : devices) {
            w.beginObject();
            w.number("index", static_cast<double>(d.index));
            w.text("name", d.name);
            w.text("api", d.api);
            w.number("max_input_channels", static_cast<double>(d.maxInputChannels));
            w.number("max_output_channels", static_cast<double>(d.maxOutputChannels));
            w.number("default_sample_rate", static_cast<double>(d.defaultSampleRate));
            w.key("sample_rates");
            w.beginArray();
            for (int r : d.sampleRates)
                w.value(static_cast<double>(r));
            w.endArray();
            w.flag("is_default_input", d.isDefaultInput);
            w.flag("is_default_output", d.isDefaultOutput);
            w.endObject();
        }
        w.endArray();
        std::cout << w.finish().constData();
        return ExitOk;
    }
    if (devices.empty())
        std::cout << "no devices (" << backend.name() << ")\n";
    for (const auto& d : devices)
        std::cout << d.index << ": " << d.name << " (" << d.api << ", in=" << d.maxInputChannels
                  << ", out=" << d.maxOutputChannels << ", " << d.defaultSampleRate << " Hz)"
                  << (d.isDefaultInput ? " [default input]" : "")
                  << (d.isDefaultOutput ? " [default output]" : "") << "\n";
    return ExitOk;
}

const CommandRegistration registration{{
    "devices",
    "list audio devices",
    "usage: fxrack-cli devices [--api jack|pulse|alsa|none] [--json]\n",
    "Lists the audio devices of an API (RtAudio's first working one by default).\n",
    [](CLI::App& app) -> std::function<int()> {
        auto api = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        app.add_option("--api", *api, "jack, pulse, alsa or none")->type_name("NAME");
        app.add_flag("--json", *json,
                     "an array of {index, name, api, max_input_channels, max_output_channels,\n"
                     "default_sample_rate, sample_rates, is_default_input, is_default_output}");
        return [api, json] { return runDevices(*api, *json); };
    },
}};

} // namespace
} // namespace fxrack::cli
