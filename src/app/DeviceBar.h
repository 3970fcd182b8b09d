#pragma once

#include "realtime/BackendFactory.h"
#include "realtime/StreamConfig.h"

#include <QPointer>
#include <QThread>
#include <QWidget>
#include <memory>

namespace Ui {
class DeviceBar;
}

class QComboBox;
class QLabel;
class QToolButton;

namespace fxrack::app {

class MidiController;

class EngineController;

// The live rig's audio settings: API, input and output device, sample rate, buffer size,
// channels; start and stop; the buffer's length and the round trip. Devices are probed on a
// worker thread (probing can block for seconds). With no input device the built-in demo input
// is offered, and with no device at all the rack runs without sound ("no audio device"), so
// it can still be seen on the meters.
//
// While running, the buffer control shows the size the backend granted (a JACK server decides,
// and may change it), and the latency follows it. A lost device shows here; with a real API the
// engine reconnects by itself (Start becomes "Reconnect now", Stop gives up).
class DeviceBar : public QWidget {
    Q_OBJECT
public:
    static inline const QString kNoDeviceApi = QString::fromLatin1(realtime::kNoDeviceApi);
    static constexpr int kDemoInput = -2;

    explicit DeviceBar(EngineController* engine, QWidget* parent = nullptr);
    ~DeviceBar() override;

    Ui::DeviceBar* ui() const { return m_ui.get(); }
    // Selects an API ("jack", "pulse", "alsa", "none") and probes it.
    void setApi(const QString& api);
    QString api() const;
    bool demoInputSelected() const;
    int bufferSize() const;
    void setBufferSize(int frames);
    int sampleRate() const;
    void setSampleRate(int hz);
    // Rate, buffer size, channels, and the devices to select once a probe finds them (by name;
    // a device not found leaves the API's default selected). What a session restores.
    void setStreamConfig(const realtime::StreamConfig& config);
    // What Start opens: the bar's choices as a stream configuration.
    realtime::StreamConfig streamConfig() const;
    bool isProbing() const { return m_probe != nullptr; }
    // Whether the status line shows a failure (a device that vanished, a start that failed).
    bool showsProblem() const { return m_problem; }
    void refresh();
    // Adds the MIDI inputs and an activity light to the bar (row 2): the combo picks none, all or
    // one port; its ports button (a menu of checkable ports) picks several, which the combo then
    // shows as one entry.
    void setMidiController(MidiController* midi);
    QComboBox* midiCombo() const { return m_midiCombo; }
    QToolButton* midiPortsButton() const { return m_midiPorts; }
    QLabel* midiLight() const { return m_midiLight; }
    bool start();
    void stop();

signals:
    void probed(int devices);
    void settingsChanged();
    // The MIDI input ports were listed (after Refresh), `ports` of them.
    void midiPortsListed(int ports);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Device {
        QString name;
        int inputs = 0;
        int outputs = 0;
        bool isDefaultInput = false;
        bool isDefaultOutput = false;
    };
    void showDevices(const QList<Device>& devices, const QString& error);
    void updateRunning();
    void showLatency();
    // `problem`: the text says why the sound stopped or could not start; it stands out.
    void showStatus(const QString& text, bool problem = false);
    // Selects the granted size in the buffer control while running (the requested one after).
    void showGrantedBuffer();
    // The combo and the ports menu show the inputs the MIDI controller listens to.
    void showMidiInputs();
    // The ports menu lists the ports the combo lists, each checkable.
    void fillMidiPortsMenu();

    std::unique_ptr<Ui::DeviceBar> m_ui;
    EngineController* m_engine;
    QThread* m_probe = nullptr;
    MidiController* m_midi = nullptr;
    QComboBox* m_midiCombo = nullptr;
    QToolButton* m_midiPorts = nullptr;
    QLabel* m_midiLight = nullptr;
    bool m_startAfterProbe = false;
    bool m_problem = false;    // the status line shows a failure the user has not acted on yet
    int m_requestedBuffer = 0; // what the control said when the engine started
    QString m_lossReason;      // why the device was lost, while reconnecting
    QString m_wantedInput;     // device names to select when the next probe finds them
    QString m_wantedOutput;
};

} // namespace fxrack::app
