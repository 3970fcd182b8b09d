#pragma once

#include "realtime/AudioBackend.h"
#include "realtime/StreamConfig.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
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
};

// The GUI's side of the live engine. It follows the rack model: continuous knob changes go to
// the processor's command queue (setParameter), bypass as a crossfade, and every structural
// change (add, remove, move, a structural parameter) as a new chain built here and swapped in
// by the processor. A timer drains telemetry at about 30 Hz. Nothing here blocks on the audio
// thread; nothing below knows this class exists.
class EngineController : public QObject {
    Q_OBJECT
public:
    static constexpr int kPollIntervalMs = 33;

    explicit EngineController(RackModel* model, QObject* parent = nullptr);
    ~EngineController() override;

    bool isRunning() const;
    double bufferMs() const { return m_bufferMs; }
    double roundTripMs() const { return m_roundTripMs; }
    QString lastError() const { return m_lastError; }
    void resetXruns();

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
    // The device vanished or the server died while running: the engine stopped.
    void deviceLost(const QString& reason);
    void meters(const fxrack::app::MeterSnapshot& snapshot);
    // A rack edit the engine refused (e.g. Normalize cannot run live).
    void message(const QString& text);

private:
    void onParameterChanged(int row, int paramId, double value);
    void onBypassChanged(int row, bool bypassed);
    void onStructureChanged();
    void reportRefused(const QStringList& names);

    RackModel* m_model;
    QTimer m_timer;
    std::unique_ptr<realtime::AudioBackend> m_backend;
    std::unique_ptr<realtime::RealtimeProcessor> m_processor;
    double m_bufferMs = 0.0;
    double m_roundTripMs = 0.0;
    QString m_lastError;
};

} // namespace fxrack::app

Q_DECLARE_METATYPE(fxrack::app::MeterSnapshot)
