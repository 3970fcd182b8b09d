// fxrack-cli devices [--api jack|pulse|alsa] [--json]
#include "cli/Command.h"
#include "midi/MidiInputs.h"
#include "realtime/BackendFactory.h"
#include "session/JsonWriter.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace fxrack::cli {
namespace {

// The MIDI input ports (RtMidi: JACK MIDI, the ALSA sequencer), which --midi-in names.
int runMidiDevices(const std::string& api, bool json)
{
    midi::MidiApi midiApi = midi::MidiApi::Any;
    try {
        midiApi = midi::parseMidiApi(api);
    } catch (const std::invalid_argument& e) {
        throw UsageError{std::string("--api: ") + e.what()};
    }
    const auto ports = midi::listMidiInputs(midiApi);
    if (json) {
        session::JsonWriter w;
        w.beginArray();
        for (const auto& p : ports) {
            w.beginObject();
            w.number("index", static_cast<double>(p.index));
            w.text("name", p.name);
            w.text("api", p.api);
            w.endObject();
        }
        w.endArray();
        std::cout << w.finish().constData();
        return ExitOk;
    }
    if (ports.empty())
        std::cout << "no MIDI inputs\n";
    for (const auto& p : ports)
        std::cout << p.index << ": " << p.name << " (" << p.api << ")\n";
    return ExitOk;
}

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
    "usage: fxrack-cli devices [--api jack|pulse|alsa|none] [--midi] [--json]\n",
    "Lists the audio devices of an API (RtAudio's first working one by default), or with --midi\n"
    "the MIDI input ports (JACK MIDI and the ALSA sequencer, or the one --api names).\n",
    [](CLI::App& app) -> std::function<int()> {
        auto api = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        auto midiPorts = std::make_shared<bool>(false);
        app.add_flag("--midi", *midiPorts, "list MIDI input ports instead: {index, name, api} with --json");
        app.add_option("--api", *api, "jack, pulse, alsa or none")->type_name("NAME");
        app.add_flag("--json", *json,
                     "an array of {index, name, api, max_input_channels, max_output_channels,\n"
                     "default_sample_rate, sample_rates, is_default_input, is_default_output}");
        return [api, json, midiPorts] {
            return *midiPorts ? runMidiDevices(*api, *json) : runDevices(*api, *json);
        };
    },
}};

} // namespace
} // namespace fxrack::cli
