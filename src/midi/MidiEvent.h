#pragma once

#include <cstddef>
#include <cstdint>

namespace fxrack::midi {

// What a parsed MIDI message is. Cc is every control change as it came; Nrpn is a data entry
// (CC 6/38, increment 96, decrement 97) after an NRPN number (CC 99/98) on that channel.
enum class EventKind : uint8_t { Cc, Nrpn, NoteOn, NoteOff, ProgramChange, PitchBend };

// One parsed message: small and trivially copyable, so it crosses threads in an SpscQueue.
struct MidiEvent {
    EventKind kind = EventKind::Cc;
    uint8_t port = 0;      // index into the MidiInputs' open ports
    uint8_t channel = 1;   // 1..16
    uint16_t number = 0;   // controller, NRPN number (14 bits), note or program
    uint16_t value = 0;    // 7 bits (CC, note velocity, program), 14 bits (NRPN, pitch bend)
    int64_t arrivalNs = 0; // steady_clock, when the callback received it
};

// Parses raw MIDI bytes into events, keeping the NRPN state per channel. One parser per port;
// it is used by that port's callback thread only. Allocation-free and wait-free.
class MidiParser {
public:
    // Calls out(const MidiEvent&) for each event `bytes` holds (a CC that completes an NRPN
    // value gives both the CC and the NRPN event). System messages are ignored.
    template <typename Out>
    void parse(const unsigned char* bytes, size_t size, uint8_t port, int64_t arrivalNs, Out&& out) noexcept
    {
        if (size < 2 || bytes[0] < 0x80 || bytes[0] >= 0xF0)
            return;
        MidiEvent e;
        e.port = port;
        e.arrivalNs = arrivalNs;
        e.channel = static_cast<uint8_t>((bytes[0] & 0x0F) + 1);
        const uint8_t status = bytes[0] & 0xF0;
        const uint8_t d1 = bytes[1] & 0x7F;
        const uint8_t d2 = size > 2 ? bytes[2] & 0x7F : 0;
        switch (status) {
        case 0x80:
            e.kind = EventKind::NoteOff;
            e.number = d1;
            e.value = 0;
            break;
        case 0x90:
            e.kind = d2 > 0 ? EventKind::NoteOn : EventKind::NoteOff;
            e.number = d1;
            e.value = d2;
            break;
        case 0xB0:
            e.kind = EventKind::Cc;
            e.number = d1;
            e.value = d2;
            out(static_cast<const MidiEvent&>(e));
            nrpn(e, out);
            return;
        case 0xC0:
            e.kind = EventKind::ProgramChange;
            e.number = d1;
            e.value = d1;
            break;
        case 0xE0:
            if (size < 3)
                return;
            e.kind = EventKind::PitchBend;
            e.value = static_cast<uint16_t>(d1 | (d2 << 7));
            break;
        default:
            return; // aftertouch
        }
        out(static_cast<const MidiEvent&>(e));
    }

private:
    struct Channel {
        int16_t paramMsb = -1, paramLsb = -1; // the selected NRPN number (-1: none, or an RPN)
        uint8_t dataMsb = 0, dataLsb = 0;
    };

    template <typename Out> void nrpn(MidiEvent e, Out&& out) noexcept
    {
        Channel& c = m_channels[e.channel - 1];
        const uint8_t v = static_cast<uint8_t>(e.value);
        switch (e.number) {
        case 99:
            c.paramMsb = v;
            return;
        case 98:
            c.paramLsb = v;
            return;
        case 101:
        case 100: // an RPN: data entry is no longer ours
            c.paramMsb = c.paramLsb = -1;
            return;
        case 6:
            c.dataMsb = v;
            c.dataLsb = 0; // a new MSB starts its LSB over (MIDI 1.0, data entry)
            break;
        case 38:
            c.dataLsb = v;
            break;
        case 96:
        case 97: {
            int value = (c.dataMsb << 7 | c.dataLsb) + (e.number == 96 ? 1 : -1);
            value = value < 0 ? 0 : value > 16383 ? 16383 : value;
            c.dataMsb = static_cast<uint8_t>(value >> 7);
            c.dataLsb = static_cast<uint8_t>(value & 0x7F);
            break;
        }
        default:
            return;
        }
        if (c.paramMsb < 0 || c.paramLsb < 0 || (c.paramMsb == 127 && c.paramLsb == 127))
            return;
        e.kind = EventKind::Nrpn;
        e.number = static_cast<uint16_t>(c.paramMsb << 7 | c.paramLsb);
        e.value = static_cast<uint16_t>(c.dataMsb << 7 | c.dataLsb);
        out(static_cast<const MidiEvent&>(e));
    }

    Channel m_channels[16];
};

} // namespace fxrack::midi
