#include "EngineController.h"

#include "RackModel.h"
#include "dsp/Errors.h"
#include "realtime/AnalysisPolicy.h"
#include "realtime/RealtimeProcessor.h"

#include <algorithm>

namespace fxrack::app {

namespace {

// The app's live engine: demo input when there is no input device, and an effect that needs
// the whole signal (Normalize) is passed by rather than refusing the whole rack.
realtime::ProcessorOptions liveOptions()
{
    realtime::ProcessorOptions options;
    options.inputWhenNoChannels = realtime::InputSource::Demo;
    options.analysisEffects = realtime::AnalysisEffects::PassBy;
    return options;
}

// The rack as the live engine runs it under liveOptions(); `refused` names what was passed by.
dsp::EffectChain liveChain(const RackModel& model, QStringList* refused)
{
    dsp::EffectChain chain = model.buildChain();
    for (const std::string& name : realtime::applyAnalysisPolicy(chain, liveOptions(), model.registry()))
        refused->append(QString::fromStdString(name));
    return chain;
}

} // namespace

EngineController::EngineController(RackModel* model, QObject* parent) : QObject(parent), m_model(model)
{
    qRegisterMetaType<MeterSnapshot>();
    m_timer.setInterval(kPollIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &EngineController::poll);
    connect(m_model, &RackModel::parameterChanged, this, &EngineController::onParameterChanged);
    connect(m_model, &RackModel::bypassChanged, this, &EngineController::onBypassChanged);
    connect(m_model, &RackModel::structureChanged, this, &EngineController::onStructureChanged);
}

EngineController::~EngineController()
{
    stop();
}

bool EngineController::isRunning() const
{
    return m_processor && m_processor->isRunning();
}

bool EngineController::start(std::unique_ptr<realtime::AudioBackend> backend,
                             const realtime::StreamConfig& config)
{
    stop();
    m_lastError.clear();
    try {
        m_backend = std::move(backend);
        QStringList refused;
        m_processor = std::make_unique<realtime::RealtimeProcessor>(liveChain(*m_model, &refused), *m_backend,
                                                                    config, liveOptions());
        reportRefused(refused);
        m_processor->start();
    } catch (const std::exception& e) {
        m_lastError = QString::fromStdString(e.what());
        m_processor.reset();
        m_backend.reset();
        emit failed(m_lastError);
        return false;
    }
    m_bufferMs = m_processor->latencyMs();
    m_roundTripMs = m_processor->roundTripMs();
    m_timer.start();
    emit started();
    return true;
}

void EngineController::stop()
{
    m_timer.stop();
    if (!m_processor)
        return;
    m_processor->stop();
    m_processor.reset(); // frees every chain, here on the GUI thread
    m_backend.reset();
    emit stopped();
}

void EngineController::resetXruns()
{
    if (m_processor)
        m_processor->resetXruns();
}

void EngineController::poll()
{
    if (!m_processor)
        return;
    MeterSnapshot snap;
    auto takeMax = [](QList<float>& into, const float* values, int n) {
        if (into.size() < n)
            into.resize(n, 0.0f);
        for (int c = 0; c < n; ++c)
            into[c] = std::max(into[c], values[c]);
    };
    bool any = false;
    m_processor->poll([&](const realtime::MeterFrame& f) {
        any = true;
        const int in = std::min(f.numIn, realtime::kMeterChannels);
        const int out = std::min(f.numOut, realtime::kMeterChannels);
        takeMax(snap.inPeak, f.inPeak, in);
        takeMax(snap.inRms, f.inRms, in);
        takeMax(snap.outPeak, f.outPeak, out);
        takeMax(snap.outRms, f.outRms, out);
        snap.load = std::max(snap.load, f.load);
    });
    const realtime::ProcessorStats stats = m_processor->stats();
    snap.xruns = stats.xruns;
    snap.safetyEvents = stats.safetyNonFinite + stats.safetyLimited;
    snap.commandsDropped = stats.commandsDropped;
    if (any)
        emit meters(snap);
    if (m_processor->state() == realtime::ProcessorState::Error) {
        const QString reason = QString::fromStdString(m_processor->lastError());
        m_lastError = reason;
        stop();
        emit deviceLost(reason);
    }
}

void EngineController::reportRefused(const QStringList& names)
{
    if (!names.isEmpty())
        emit message(
            tr("%1 needs the whole signal and works in batch processing only; the live rack passes it by.")
                .arg(names.join(QStringLiteral(", "))));
}

void EngineController::onParameterChanged(int row, int paramId, double value)
{
    if (!m_processor || !m_model->slotAt(row).type->params.at(static_cast<size_t>(paramId)).continuous)
        return; // structural values arrive as a new chain (onStructureChanged)
    try {
        m_processor->setParameter(row, paramId, value);
    } catch (const std::exception& e) {
        emit message(QString::fromStdString(e.what()));
    }
}

void EngineController::onBypassChanged(int row, bool bypassed)
{
    if (m_processor)
        m_processor->setBypass(row, bypassed);
}

void EngineController::onStructureChanged()
{
    if (!m_processor)
        return;
    try {
        // Built here, prepared by the processor on this thread, crossfaded in on the audio thread.
        QStringList refused;
        m_processor->replaceChain(liveChain(*m_model, &refused));
        reportRefused(refused);
    } catch (const std::exception& e) {
        emit message(tr("The live rack keeps its previous chain: %1").arg(QString::fromStdString(e.what())));
    }
}

} // namespace fxrack::app
