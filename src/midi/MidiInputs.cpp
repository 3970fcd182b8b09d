#include "midi/MidiInputs.h"

#include <RtMidi.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <jack/jack.h>
#include <unistd.h>

namespace fxrack::midi {
namespace {

// RtMidi reports a missing server or an empty port list as a warning on stderr; they are
// states here, told through return values.
void quiet(RtMidiError::Type, const std::string&, void*) {}

RtMidi::Api rtApi(MidiApi api)
{
    switch (api) {
    case MidiApi::Jack:
        return RtMidi::UNIX_JACK;
    case MidiApi::Alsa:
        return RtMidi::LINUX_ALSA;
    case MidiApi::Any:
        break;
    }
    return RtMidi::UNSPECIFIED;
}

std::vector<MidiApi> apisOf(MidiApi api)
{
    if (api != MidiApi::Any)
        return {api};
    std::vector<RtMidi::Api> compiled;
    RtMidi::getCompiledApi(compiled);
    std::vector<MidiApi> out;
    for (auto a : compiled) {
        if (a == RtMidi::UNIX_JACK)
            out.push_back(MidiApi::Jack);
        else if (a == RtMidi::LINUX_ALSA)
            out.push_back(MidiApi::Alsa);
    }
    return out;
}

void silent(const char*) {}
void toStderr(const char* message)
{
    std::fprintf(stderr, "%s\n", message);
}

// Whether an API can have ports here, found without RtMidi, whose constructor reports a missing
// JACK server or sequencer on stderr before an error callback can be set: the CLI's errors
// are one line.
bool available(MidiApi api)
{
    if (api == MidiApi::Alsa)
        return ::access("/dev/snd/seq", R_OK | W_OK) == 0;
    jack_set_error_function(&silent);
    jack_set_info_function(&silent);
    jack_status_t status;
    jack_client_t* client = jack_client_open("fxrack-midi-probe", JackNoStartServer, &status);
    if (client)
        jack_client_close(client);
    jack_set_error_function(&toStderr);
    jack_set_info_function(&toStderr);
    return client != nullptr;
}

int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool matches(const std::string& pattern, const std::string& name)
{
    return pattern == "all" || name.find(pattern) != std::string::npos;
}

} // namespace

MidiApi parseMidiApi(const std::string& name)
{
    if (name.empty() || name == "any")
        return MidiApi::Any;
    if (name == "jack")
        return MidiApi::Jack;
    if (name == "alsa")
        return MidiApi::Alsa;
    throw std::invalid_argument("unknown MIDI API '" + name + "' (expected jack or alsa)");
}

const char* midiApiName(MidiApi api) noexcept
{
    switch (api) {
    case MidiApi::Jack:
        return "jack";
    case MidiApi::Alsa:
        return "alsa";
    case MidiApi::Any:
        break;
    }
    return "any";
}

std::vector<MidiPortInfo> listMidiInputs(MidiApi api)
{
    std::vector<MidiPortInfo> ports;
    for (MidiApi a : apisOf(api)) {
        if (!available(a))
            continue;
        try {
            RtMidiIn probe(rtApi(a), "fxrack-probe");
            probe.setErrorCallback(&quiet, nullptr);
            const unsigned n = probe.getPortCount();
            for (unsigned i = 0; i < n; ++i) {
                std::string name = probe.getPortName(i);
                if (!name.empty())
                    ports.push_back({static_cast<int>(i), name, midiApiName(a)});
            }
        } catch (const RtMidiError&) {
            // This API cannot run here (no sequencer device): it has no ports.
        }
    }
    return ports;
}

MidiInputs::Port::Port(size_t capacity) : queue(capacity) {}
MidiInputs::Port::~Port() = default;

MidiInputs::MidiInputs(MidiApi api, std::string clientName, size_t queueCapacity)
    : m_api(api), m_client(std::move(clientName)), m_capacity(queueCapacity)
{}

MidiInputs::~MidiInputs()
{
    for (auto& port : m_ports)
        if (port->in)
            port->in->closePort(); // joins RtMidi's thread (or leaves JACK's graph) first
}

void MidiInputs::callback(double, std::vector<unsigned char>* message, void* user)
{
    auto* port = static_cast<Port*>(user);
    if (!message || message->empty())
        return;
    const int64_t now = nowNs();
    port->received.fetch_add(1, std::memory_order_relaxed);
    port->owner->m_lastActivity.store(now, std::memory_order_relaxed);
    port->parser.parse(message->data(), message->size(), port->index, now, [port](const MidiEvent& e) {
        if (!port->queue.tryPush(e))
            port->dropped.fetch_add(1, std::memory_order_relaxed);
    });
}

bool MidiInputs::connect(Port& port, const MidiPortInfo& info)
{
    try {
        auto in =
            std::make_unique<RtMidiIn>(rtApi(info.api == "jack" ? MidiApi::Jack : MidiApi::Alsa), m_client);
        in->setErrorCallback(&quiet, nullptr);
        // The port numbers may have moved since the listing: find the name again.
        const unsigned n = in->getPortCount();
        for (unsigned i = 0; i < n; ++i) {
            if (in->getPortName(i) != info.name)
                continue;
            in->ignoreTypes(true, true, true);
            in->setCallback(&MidiInputs::callback, &port);
            in->openPort(i, "midi_in_" + std::to_string(port.index));
            if (!in->isPortOpen())
                return false;
            port.in = std::move(in);
            return true;
        }
    } catch (const RtMidiError&) {
    }
    return false;
}

int MidiInputs::open(const std::string& pattern)
{
    if (std::find(m_patterns.begin(), m_patterns.end(), pattern) == m_patterns.end())
        m_patterns.push_back(pattern);
    return open(pattern, listMidiInputs(m_api));
}

int MidiInputs::open(const std::string& pattern, const std::vector<MidiPortInfo>& present)
{
    int opened = 0;
    for (const MidiPortInfo& info : present) {
        if (!matches(pattern, info.name))
            continue;
        // Our own input ports are not sources.
        if (info.name.find(m_client + ":midi_in_") != std::string::npos)
            continue;
        auto it = std::find_if(m_ports.begin(), m_ports.end(),
                               [&](const auto& p) { return p->name == info.name && p->api == info.api; });
        if (it != m_ports.end() && (*it)->in)
            continue;
        Port* port = nullptr;
        if (it != m_ports.end()) {
            port = it->get();
        } else {
            if (m_ports.size() >= 255)
                break;
            m_ports.push_back(std::make_unique<Port>(m_capacity));
            port = m_ports.back().get();
            port->name = info.name;
            port->api = info.api;
            port->index = static_cast<uint8_t>(m_ports.size() - 1);
            port->owner = this;
        }
        if (connect(*port, info))
            ++opened;
    }
    return opened;
}

void MidiInputs::rescan()
{
    rescan(listMidiInputs(m_api));
}

void MidiInputs::rescan(const std::vector<MidiPortInfo>& present)
{
    for (auto& port : m_ports) {
        if (!port->in)
            continue;
        const bool there = std::any_of(present.begin(), present.end(), [&](const MidiPortInfo& p) {
            return p.name == port->name && p.api == port->api;
        });
        if (!there) {
            port->in->closePort();
            port->in.reset();
        }
    }
    for (const std::string& pattern : m_patterns)
        open(pattern, present);
}

std::vector<std::string> MidiInputs::openPorts() const
{
    std::vector<std::string> names;
    for (const auto& port : m_ports)
        if (port->in)
            names.push_back(port->name);
    return names;
}

uint64_t MidiInputs::received() const noexcept
{
    uint64_t n = 0;
    for (const auto& port : m_ports)
        n += port->received.load(std::memory_order_relaxed);
    return n;
}

uint64_t MidiInputs::dropped() const noexcept
{
    uint64_t n = 0;
    for (const auto& port : m_ports)
        n += port->dropped.load(std::memory_order_relaxed);
    return n;
}

} // namespace fxrack::midi
