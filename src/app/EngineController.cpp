#include "EngineController.h"

#include "RackModel.h"
#include "dsp/Errors.h"
#include "realtime/AnalysisPolicy.h"
#include "realtime/RealtimeProcessor.h"

#include <algorithm>
#include <limits>

namespace fxrack::app {

namespace {

// The app's live engine: demo input when there is no input device, and an effect that needs
// the whole signal (Normalize) is passed by rather than refusing the whole rack.
realtime::ProcessorOptions liveOptions()
{
    realtime::ProcessorOptions options;
    options.inputWhenNoChannels = realtime::InputSource::Demo;
    options.analysisEffects = realtime::AnalysisEffects::PassBy;
    options.loadFilesOnWorker = true; // the GUI thread never waits for an impulse response
    return options;
}

// The rack as the live engine runs it under liveOptions(); `refused` names what was passed by,
// `dry` says which impulse responses do not load: those slots run without one (dry). Only rows
// `first` to `last` are checked (loading is not free): the ones the caller will use.
dsp::EffectChain liveChain(const RackModel& model, QStringList* refused,
                           QList<EngineController::DryFile>* dry, int first = 0,
                           int last = std::numeric_limits<int>::max())
{
    dsp::EffectChain chain = model.buildChain();
    for (int row = first; row <= std::min(last, model.count() - 1); ++row)
        for (int id = 0; id < model.slotAt(row).texts.size(); ++id)
            if (const QString problem = model.textProblem(row, id); !problem.isEmpty()) {
                chain.at(row).setText(id, {});
                dry->append(EngineController::DryFile{row, problem});
            }
    for (const std::string& name : realtime::applyAnalysisPolicy(chain, liveOptions(), model.registry()))
        refused->append(QString::fromStdString(name));
    return chain;
}

// The parameter holding the file an effect reads (the Convolver's "ir"), or -1.
int fileParam(const dsp::Effect& effect)
{
    for (int p = 0; p < effect.paramCount(); ++p)
        if (effect.paramInfo(p).isText())
            return p;
    return -1;
}

} // namespace

EngineController::EngineController(RackModel* model, QObject* parent) : QObject(parent), m_model(model)
{
    qRegisterMetaType<MeterSnapshot>();
    m_timer.setInterval(kPollIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &EngineController::poll);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &EngineController::attemptReconnect);
    connect(m_model, &RackModel::parameterChanged, this, &EngineController::onParameterChanged);
    connect(m_model, &RackModel::textChanged, this, &EngineController::onTextChanged);
    connect(m_model, &RackModel::textFileAppeared, this, &EngineController::onTextChanged);
    connect(m_model, &RackModel::bypassChanged, this, &EngineController::onBypassChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { onRowsInserted(first, last); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex&, int first, int last) { onRowsRemoved(first, last); });
    connect(m_model, &QAbstractItemModel::rowsMoved, this,
            [this](const QModelIndex&, int start, int end, const QModelIndex&, int destination) {
                onRowsMoved(start, end, destination);
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &EngineController::onStructureChanged);
    // Queued: the model is still emitting the refused value when the refusal comes back.
    connect(this, &EngineController::parameterRefused, m_model, &RackModel::revertToEngine,
            Qt::QueuedConnection);
}

double EngineController::sampleRate() const
{
    if (m_processor)
        return m_processor->config().sampleRate;
    return 0.0;
}

EngineController::~EngineController()
{
    stop();
}

bool EngineController::isRunning() const
{
    // While lost, a worker may be reopening the stream: the processor is not asked then.
    return !m_lost && m_processor && m_processor->isRunning();
}

bool EngineController::start(std::unique_ptr<realtime::AudioBackend> backend,
                             const realtime::StreamConfig& config)
{
    stop();
    m_lastError.clear();
    try {
        m_backend = std::move(backend);
        QStringList refused;
        QList<DryFile> dry;
        m_processor = std::make_unique<realtime::RealtimeProcessor>(liveChain(*m_model, &refused, &dry),
                                                                    *m_backend, config, liveOptions());
        reportRefused(refused, dry);
        m_processor->start();
    } catch (const std::exception& e) {
        m_lastError = QString::fromStdString(e.what());
        m_processor.reset();
        m_backend.reset();
        emit failed(m_lastError);
        return false;
    }
    updateLatency();
    m_chainLatency = m_processor->chainLatencySamples();
    trackLoads(0, m_model->count() - 1); // its impulse responses load on the processor's loader
    m_timer.start();
    emit started();
    return true;
}

void EngineController::updateLatency()
{
    if (!m_processor || !m_backend)
        return;
    // The backend's size now: after a JACK buffer-size change it differs from the one the
    // processor was started with, and the latency scales with it.
    const int granted = std::max(1, m_backend->bufferSize());
    const double rate = std::max(1, m_processor->config().sampleRate);
    m_bufferMs = 1000.0 * granted / rate;
    m_roundTripMs = m_processor->roundTripMs() * granted / std::max(1, m_processor->bufferSize());
    if (granted != m_grantedBuffer) {
        const bool changed = m_grantedBuffer != 0;
        m_grantedBuffer = granted;
        if (changed)
            emit bufferChanged(granted);
    }
}

void EngineController::scheduleReconnect(const QString& lastError)
{
    ++m_attempts;
    const int delay = std::min(kLongestRetryMs, kFirstRetryMs << std::min(m_attempts - 1, 5));
    m_retryTimer.start(delay);
    emit reconnecting(m_attempts, delay, lastError);
}

void EngineController::attemptReconnect()
{
    if (!m_lost || m_attempt || !m_processor)
        return;
    // Opening blocks (a server that is still starting, device probing): a worker does it, and
    // nothing on this thread touches the processor until it reports back.
    realtime::RealtimeProcessor* processor = m_processor.get();
    m_attempt = QThread::create([this, processor] {
        QString error;
        try {
            processor->start();
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, error] { attemptFinished(error); }, Qt::QueuedConnection);
    });
    connect(m_attempt, &QThread::finished, m_attempt, &QObject::deleteLater);
    m_attempt->start();
}

void EngineController::attemptFinished(const QString& error)
{
    if (m_attempt) {
        m_attempt->wait(); // it has only to return
        m_attempt = nullptr;
    }
    if (!m_lost || !m_processor)
        return; // cancelled meanwhile
    if (!error.isEmpty() || m_processor->state() != realtime::ProcessorState::Running) {
        scheduleReconnect(error.isEmpty() ? QString::fromStdString(m_processor->lastError()) : error);
        return;
    }
    m_lost = false;
    m_lastError.clear();
    if (m_editedWhileLost) {
        m_editedWhileLost = false;
        onStructureChanged(); // the rack as it is now, edits made while lost included
    }
    // A stream at another rate or with a larger buffer prepared the rack again, its impulse
    // responses on the loader: those loads are followed as the app's own (a card says
    // "loading…", and one that fails says why).
    trackLoads(0, m_model->count() - 1);
    updateLatency();
    m_timer.start();
    emit reconnected();
    emit started();
}

void EngineController::reconnectNow()
{
    if (!m_lost || m_attempt)
        return;
    m_retryTimer.stop();
    attemptReconnect();
}

void EngineController::cancelReconnect()
{
    if (m_lost)
        stop();
}

void EngineController::stop()
{
    m_timer.stop();
    m_retryTimer.stop();
    if (m_attempt) {
        m_attempt->wait(); // an open in progress; a dead server refuses it quickly
        m_attempt = nullptr;
    }
    m_lost = false;
    m_editedWhileLost = false;
    m_grantedBuffer = 0;
    m_chainLatency = 0;
    m_loads.clear();
    m_model->clearTextLoads(); // a new engine loads the rack as it is
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
    finishLoads();
    const realtime::ProcessorStats stats = m_processor->stats();
    snap.xruns = stats.xruns;
    snap.safetyEvents = stats.safetyNonFinite + stats.safetyLimited;
    snap.commandsDropped = stats.commandsDropped;
    snap.convolverLateCycles = stats.convolverLateCycles;
    if (any)
        emit meters(snap);
    if (m_processor->state() == realtime::ProcessorState::Error) {
        const QString reason = QString::fromStdString(m_processor->lastError());
        m_lastError = reason;
        if (!m_autoReconnect) {
            stop();
            emit deviceLost(reason);
            return;
        }
        // The processor has closed the dead stream; it and its chain wait for a new one.
        m_timer.stop();
        m_lost = true;
        m_attempts = 0;
        emit deviceLost(reason);
        scheduleReconnect({});
        return;
    }
    if (m_backend->bufferSize() != m_grantedBuffer)
        updateLatency();
    if (const int latency = m_processor->chainLatencySamples(); latency != m_chainLatency) {
        m_chainLatency = latency;
        emit chainLatencyChanged(latency);
    }
}

void EngineController::reportRefused(const QStringList& names, const QList<DryFile>& dry)
{
    for (const DryFile& file : dry) {
        m_model->setTextLoad(file.row, false, file.problem);
        emit message(tr("%1; the effect passes audio dry until the file is found").arg(file.problem));
    }
    if (!names.isEmpty())
        emit message(
            tr("%1 needs the whole signal and works in batch processing only; the live rack passes it by.")
                .arg(names.join(QStringLiteral(", "))));
}

bool EngineController::engineTakesEdits()
{
    if (!m_processor)
        return false;
    if (m_lost) {
        m_editedWhileLost = true;
        return false;
    }
    return true;
}

void EngineController::onParameterChanged(int row, int paramId, double value)
{
    // A structural value rebuilds its own slot in the processor (on its loader when the effect
    // reads a file); a continuous one ramps.
    if (!engineTakesEdits())
        return;
    try {
        m_processor->setParameter(row, paramId, value);
        trackLoad(row);
    } catch (const std::exception& e) {
        emit message(QString::fromStdString(e.what()));
        // The processor kept its value: the rack must not show one that does not run.
        const dsp::EffectChain& running = m_processor->effects();
        if (row < running.size() && running.at(row).name() == m_model->slotAt(row).type->name)
            emit parameterRefused(row, paramId, value, running.at(row).param(paramId));
    }
}

void EngineController::onTextChanged(int row, int paramId, const QString& text)
{
    if (!engineTakesEdits())
        return;
    // An IR that does not load leaves the slot running without one (dry), not the old one:
    // what plays is what the card says. The header is checked here; the samples are read,
    // resampled and partitioned on the processor's loader while the old instance plays on.
    const QString problem = m_model->textProblem(row, paramId);
    try {
        m_processor->loadText(row, paramId, problem.isEmpty() ? text.toStdString() : std::string());
    } catch (const std::exception& e) {
        emit message(QString::fromStdString(e.what()));
        return;
    }
    trackLoad(row);
    if (!problem.isEmpty())
        emit message(tr("%1; the effect passes audio dry until the file is found").arg(problem));
}

void EngineController::trackLoads(int first, int last)
{
    for (int row = first; row <= std::min(last, m_processor->effects().size() - 1); ++row)
        trackLoad(row);
}

void EngineController::trackLoad(int row)
{
    const quint64 uid = m_model->slotAt(row).uid;
    if (const uint64_t ticket = m_processor->pendingLoad(row)) {
        m_loads.insert(uid, ticket);
        // A slot going dry loads nothing worth a word.
        const dsp::Effect& effect = m_processor->effects().at(row);
        const int param = fileParam(effect);
        m_model->setTextLoad(row, param >= 0 && !effect.text(param).empty());
    }
}

void EngineController::finishLoads()
{
    for (const auto& result : m_processor->takeFinishedLoads()) {
        // Only the newest load of a row speaks for it (a dry fallback below is not tracked).
        quint64 uid = 0;
        for (auto it = m_loads.begin(); it != m_loads.end(); ++it)
            if (it.value() == result.ticket) {
                uid = it.key();
                m_loads.erase(it);
                break;
            }
        if (uid == 0 || result.overtaken)
            continue;
        // The slot as the engine found it, else the row that asked (its slot was rebuilt).
        const int row = result.slot >= 0 ? result.slot : m_model->rowOfUid(uid);
        if (row < 0 || row >= m_model->count())
            continue;
        const QString error = QString::fromStdString(result.error);
        m_model->setTextLoad(row, false, error);
        if (error.isEmpty())
            continue;
        emit message(tr("%1; the effect passes audio dry until the file is found").arg(error));
        // The engine kept what ran before; the card says dry, so the slot goes dry.
        if (const int param = fileParam(m_processor->effects().at(row)); param >= 0) {
            try {
                m_processor->loadText(row, param, std::string());
            } catch (const std::exception&) {
                // the slot keeps what it ran; the card already says what went wrong
            }
        }
    }
}

void EngineController::onBypassChanged(int row, bool bypassed)
{
    if (m_lost)
        m_editedWhileLost = true;
    else if (m_processor)
        applyEdit([&] { m_processor->setBypass(row, bypassed); });
}

void EngineController::applyEdit(const std::function<void()>& edit)
{
    if (!engineTakesEdits())
        return;
    try {
        edit();
    } catch (const std::exception& e) {
        emit message(tr("The live rack keeps its previous chain: %1").arg(QString::fromStdString(e.what())));
        onStructureChanged(); // the whole rack as it is, so the engine and the rack agree again
    }
}

void EngineController::onRowsInserted(int first, int last)
{
    applyEdit([&] {
        QStringList refused;
        QList<DryFile> dry;
        dsp::EffectChain chain = liveChain(*m_model, &refused, &dry, first, last);
        reportRefused(refused, dry);
        for (int row = first; row <= last; ++row) {
            const bool bypassed = chain.isBypassed(row);
            m_processor->addEffect(chain.at(row).clone(), row, bypassed);
        }
        trackLoads(first, last);
    });
}

void EngineController::onRowsRemoved(int first, int last)
{
    applyEdit([&] {
        for (int row = last; row >= first; --row)
            m_processor->removeEffect(row);
    });
}

void EngineController::onRowsMoved(int start, int end, int destination)
{
    // Qt's destination is the row the block goes before, counted before the move.
    applyEdit([&] {
        const int count = end - start + 1;
        for (int k = 0; k < count; ++k) {
            if (destination > end)
                m_processor->moveEffect(start, destination - 1);
            else
                m_processor->moveEffect(start + k, destination + k);
        }
    });
}

void EngineController::onStructureChanged()
{
    if (!engineTakesEdits())
        return;
    try {
        // Built here, prepared by the processor on this thread, crossfaded in on the audio thread.
        QStringList refused;
        QList<DryFile> dry;
        m_processor->replaceChain(liveChain(*m_model, &refused, &dry));
        trackLoads(0, m_model->count() - 1);
        reportRefused(refused, dry);
    } catch (const std::exception& e) {
        emit message(tr("The live rack keeps its previous chain: %1").arg(QString::fromStdString(e.what())));
    }
}

} // namespace fxrack::app
