#pragma once

#include "realtime/AudioBackend.h"
#include "realtime/StreamConfig.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>
#include <functional>
#include <memory>
namespace fxrack::realtime {
class RealtimeProcessor;
}

namespace fxrack::app {

class RackModel;

// What the meters show, gathered from the telemetry frames of one GUI tick.
struct MeterSnapshot {
    QList<float> inPeak, inRms, outPeak, outRms; // linear, per channel
    float load = 0.0f;                           // DSP load of the busiest callback, 0..1+
    quint64 xruns = 0;
    quint64 safetyEvents = 0;
    quint64 commandsDropped = 0;
    quint64 convolverLateCycles = 0; // Convolver partitions not ready in time, dropped
};

// The GUI's side of the live engine. It follows the rack model: continuous knob changes go to
// the processor's command queue (setParameter), bypass as a crossfade, and every structural
// change (add, remove, move, a structural parameter) as a new chain built here and swapped in
// by the processor. A timer drains telemetry at about 30 Hz. Nothing here blocks on the audio
// thread; nothing below knows this class exists.
//
// A lost device (a server that died, a device unplugged): with auto-reconnect on, the
// processor and its chain are kept and only the stream is reopened (RealtimeProcessor::start)
// on a worker thread, retrying with back-off until it runs again or cancelReconnect(); rack
// edits made meanwhile reach the chain once it runs. Without it, the engine stops.
class EngineController : public QObject {
    Q_OBJECT
public:
    // An impulse response the rack names but the engine runs without (dry): the row and why.
    struct DryFile {
        int row = -1;
        QString problem;
    };
    static constexpr int kPollIntervalMs = 33;

    explicit EngineController(RackModel* model, QObject* parent = nullptr);
    ~EngineController() override;

    bool isRunning() const;
    // The buffer the backend granted (JACK decides, and may change it while running), and the
    // latency figures at that size; 0 when nothing runs.
    int grantedBufferSize() const { return m_grantedBuffer; }
    double bufferMs() const { return m_bufferMs; }
    double roundTripMs() const { return m_roundTripMs; }
    // Samples by which the live chain delays the signal (every slot's latency, bypassed ones
    // included); 0 when nothing runs.
    int chainLatencySamples() const { return m_chainLatency; }
    QString lastError() const { return m_lastError; }
    // The rate the running stream was granted; 0 when stopped.
    double sampleRate() const;
    void resetXruns();

    // Whether a lost device is reconnected automatically (off: the engine stops on a loss).
    void setAutoReconnect(bool on) { m_autoReconnect = on; }
    // The device was lost and the engine is trying to reopen it.
    bool isReconnecting() const { return m_lost; }
    // Tries again now instead of at the next back-off step.
    void reconnectNow();
    // Gives up reconnecting: the engine stops (emits stopped()).
    void cancelReconnect();
    // First retry after a loss, doubling up to the longest wait.
    static constexpr int kFirstRetryMs = 250;
    static constexpr int kLongestRetryMs = 4000;

    // Starts the rack on `backend` (which the controller then owns). Emits started() or
    // failed(reason); returns whether it runs.
    bool start(std::unique_ptr<realtime::AudioBackend> backend, const realtime::StreamConfig& config);
    realtime::RealtimeProcessor* processor() const { return m_processor.get(); }
    realtime::AudioBackend* backend() const { return m_backend.get(); }
    void stop();
    // Drains telemetry now (the timer does it too); for tests that pump blocks by hand.
    void poll();

signals:
    void started();
    void stopped();
    void failed(const QString& reason);
    // The device vanished or the server died while running: the engine stopped, or (with
    // auto-reconnect) waits to reconnect.
    void deviceLost(const QString& reason);
    // Auto-reconnect: attempt `attempt` (from 1) starts in `delayMs`; `lastError` says why the
    // previous one failed (empty for the first).
    void reconnecting(int attempt, int delayMs, const QString& lastError);
    // Auto-reconnect: the stream runs again, with the same rack.
    void reconnected();
    // The granted buffer size changed while running (a JACK server's new size).
    void bufferChanged(int frames);
    // The live chain's latency changed (an edit added or removed a latent effect).
    void chainLatencyChanged(int samples);
    void meters(const fxrack::app::MeterSnapshot& snapshot);
    // A rack edit the engine refused (e.g. Normalize cannot run live).
    void message(const QString& text);
    // The engine refused `refused` and runs `running` (the rack shows it: revertToEngine).
    void parameterRefused(int row, int paramId, double refused, double running);

private:
    // False when no engine runs, or while the device is lost (the edit is then noted, so the
    // reconnect sends the rack as it is by then).
    bool engineTakesEdits();
    void onParameterChanged(int row, int paramId, double value);
    void onBypassChanged(int row, bool bypassed);
    void onTextChanged(int row, int paramId, const QString& text);
    // A load the processor runs on its loader for `row`: the card says "loading…" until
    // finishLoads() (from poll()) hears it landed or failed.
    void trackLoad(int row);
    void trackLoads(int first, int last);
    void finishLoads();
    // Rack edits reach the engine as the edits they are, so only the slot named changes and
    // every other effect keeps its state (docs/architecture.md, "Live edits"); a whole new rack
    // (a session, a rack preset) goes as a chain, which the processor diffs.
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    void onRowsMoved(int start, int end, int destination);
    void onStructureChanged();
    // Runs one edit on the processor; if it is refused, says why and sends the whole rack, so
    // the engine and the rack agree again.
    void applyEdit(const std::function<void()>& edit);
    // Says what was passed by, and what runs dry; a dry row's card says why (the file may have
    // gone since the card checked it) and the rack waits for the file (RackModel::setTextLoad).
    void reportRefused(const QStringList& names, const QList<DryFile>& dry = {});
    void updateLatency();
    void scheduleReconnect(const QString& lastError);
    void attemptReconnect();
    void attemptFinished(const QString& error);

    RackModel* m_model;
    QTimer m_timer;
    std::unique_ptr<realtime::AudioBackend> m_backend;
    std::unique_ptr<realtime::RealtimeProcessor> m_processor;
    QTimer m_retryTimer;
    QThread* m_attempt = nullptr; // the worker reopening the stream, while one runs
    bool m_autoReconnect = false;
    bool m_lost = false;
    bool m_editedWhileLost = false;
    int m_attempts = 0;
    int m_grantedBuffer = 0;
    int m_chainLatency = 0;
    double m_bufferMs = 0.0;
    double m_roundTripMs = 0.0;
    QString m_lastError;
    QHash<quint64, quint64> m_loads; // rack uid -> the processor's ticket of its newest load
};

} // namespace fxrack::app

Q_DECLARE_METATYPE(fxrack::app::MeterSnapshot)
