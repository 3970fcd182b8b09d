#include "DeviceBar.h"

#include "EngineController.h"
#include "MidiController.h"
#include "ui_DeviceBar.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QMenu>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <algorithm>
#include <memory>

namespace fxrack::app {
namespace {

QString apiLabel(const QString& api)
{
    if (api == QLatin1String("jack"))
        return QStringLiteral("JACK");
    if (api == QLatin1String("pulse"))
        return QStringLiteral("PulseAudio");
    if (api == QLatin1String("alsa"))
        return QStringLiteral("ALSA");
    return DeviceBar::tr("No audio device (meters only)");
}

} // namespace

DeviceBar::DeviceBar(EngineController* engine, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::DeviceBar>()), m_engine(engine)
{
    m_ui->setupUi(this);
    QStringList apis;
    for (const std::string& api : realtime::backendApis())
        apis << QString::fromStdString(api);
    for (const QString& api : apis)
        m_ui->apiCombo->addItem(apiLabel(api), api);
    for (int rate : {44100, 48000, 88200, 96000})
        m_ui->rateCombo->addItem(tr("%1 Hz").arg(rate), rate);
    m_ui->rateCombo->setCurrentIndex(1);
    for (int frames = 32; frames <= 2048; frames *= 2)
        m_ui->bufferCombo->addItem(tr("%1 frames").arg(frames), frames);
    setBufferSize(128);
    m_ui->refreshButton->setIcon(QIcon(QStringLiteral(":/icons/refresh.svg")));
    m_ui->startButton->setIcon(QIcon(QStringLiteral(":/icons/play.svg")));
    m_ui->stopButton->setIcon(QIcon(QStringLiteral(":/icons/stop.svg")));

    connect(m_ui->apiCombo, &QComboBox::activated, this, [this] { refresh(); });
    connect(m_ui->refreshButton, &QToolButton::clicked, this, &DeviceBar::refresh);
    connect(m_ui->startButton, &QPushButton::clicked, this, [this] {
        if (m_engine->isReconnecting())
            m_engine->reconnectNow();
        else
            start();
    });
    connect(m_ui->stopButton, &QPushButton::clicked, this, &DeviceBar::stop);
    connect(m_ui->bufferCombo, &QComboBox::activated, this, [this] { showLatency(); });
    connect(m_ui->rateCombo, &QComboBox::activated, this, [this] { showLatency(); });
    connect(m_ui->inputCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_ui->channelsInSpin->setEnabled(!demoInputSelected()); });
    connect(m_engine, &EngineController::started, this, &DeviceBar::updateRunning);
    connect(m_engine, &EngineController::stopped, this, &DeviceBar::updateRunning);
    connect(m_engine, &EngineController::bufferChanged, this, &DeviceBar::updateRunning);
    connect(m_engine, &EngineController::chainLatencyChanged, this, [this] { showLatency(); });
    connect(m_engine, &EngineController::reconnecting, this, [this](int attempt, int delayMs) {
        updateRunning();
        showStatus(tr("The audio device stopped (%1). Reconnecting: attempt %2 in %3 s.")
                       .arg(m_lossReason)
                       .arg(attempt)
                       .arg(QLocale().toString(delayMs / 1000.0, 'f', 2)),
                   true);
    });
    connect(m_engine, &EngineController::reconnected, this, [this] {
        updateRunning();
        showStatus(tr("Reconnected: running again with the same rack."));
    });
    connect(m_engine, &EngineController::failed, this, [this](const QString& reason) {
        showStatus(tr("Could not start: %1").arg(reason), true);
        updateRunning();
    });
    connect(m_engine, &EngineController::deviceLost, this, [this](const QString& reason) {
        m_lossReason = reason;
        updateRunning();
        if (m_engine->isReconnecting())
            return; // reconnecting() says so next

        refresh();
        // After refresh(), whose "looking for devices" would hide why the sound stopped.
        showStatus(tr("The audio device stopped (%1). Choose a device and press Start again.").arg(reason),
                   true);
    });
    showLatency();
    updateRunning();
}

DeviceBar::~DeviceBar()
{
    if (m_probe)
        m_probe->wait(); // the probe writes into this object when it ends
}

QString DeviceBar::api() const
{
    return m_ui->apiCombo->currentData().toString();
}

void DeviceBar::setApi(const QString& api)
{
    const int index = m_ui->apiCombo->findData(api);
    if (index >= 0)
        m_ui->apiCombo->setCurrentIndex(index);
    refresh();
}

bool DeviceBar::demoInputSelected() const
{
    return m_ui->inputCombo->currentData().toInt() == kDemoInput;
}

int DeviceBar::bufferSize() const
{
    return m_ui->bufferCombo->currentData().toInt();
}

void DeviceBar::setBufferSize(int frames)
{
    const int index = m_ui->bufferCombo->findData(frames);
    if (index >= 0)
        m_ui->bufferCombo->setCurrentIndex(index);
    showLatency();
}

int DeviceBar::sampleRate() const
{
    return m_ui->rateCombo->currentData().toInt();
}

void DeviceBar::setSampleRate(int hz)
{
    int index = m_ui->rateCombo->findData(hz);
    if (index < 0) {
        m_ui->rateCombo->addItem(tr("%1 Hz").arg(hz), hz);
        index = m_ui->rateCombo->count() - 1;
    }
    m_ui->rateCombo->setCurrentIndex(index);
    showLatency();
}

void DeviceBar::setStreamConfig(const realtime::StreamConfig& config)
{
    setSampleRate(config.sampleRate);
    if (m_ui->bufferCombo->findData(config.bufferSize) < 0)
        m_ui->bufferCombo->addItem(tr("%1 frames").arg(config.bufferSize), config.bufferSize);
    setBufferSize(config.bufferSize);
    if (config.channelsIn > 0)
        m_ui->channelsInSpin->setValue(config.channelsIn);
    if (config.channelsOut > 0)
        m_ui->channelsOutSpin->setValue(config.channelsOut);
    m_wantedInput = QString::fromStdString(config.inputDevice);
    m_wantedOutput = QString::fromStdString(config.outputDevice);
    // Devices probed already: select them now (a later probe selects them again).
    for (auto [combo, wanted] :
         {std::pair{m_ui->inputCombo, m_wantedInput}, std::pair{m_ui->outputCombo, m_wantedOutput}})
        if (const int i = combo->findText(wanted); i >= 0 && !wanted.isEmpty())
            combo->setCurrentIndex(i);
}

realtime::StreamConfig DeviceBar::streamConfig() const
{
    realtime::StreamConfig config;
    config.sampleRate = sampleRate();
    config.bufferSize = bufferSize();
    config.channelsIn = demoInputSelected() ? 0 : m_ui->channelsInSpin->value();
    config.channelsOut = m_ui->channelsOutSpin->value();
    if (!demoInputSelected())
        config.inputDevice = m_ui->inputCombo->currentText().toStdString();
    if (api() != kNoDeviceApi)
        config.outputDevice = m_ui->outputCombo->currentText().toStdString();
    config.latency.kind = realtime::LatencyPreset::Low;
    return config;
}

void DeviceBar::refresh()
{
    if (m_probe)
        return; // one probe at a time; its result arrives soon
    m_ui->refreshButton->setEnabled(false);
    showStatus(tr("Looking for audio devices…"));
    const QString api = this->api();
    QPointer<DeviceBar> self(this);
    m_probe = QThread::create([self, api] {
        QList<Device> devices;
        QString error;
        try {
            for (const realtime::DeviceInfo& d : realtime::makeBackend(api.toStdString())->devices())
                devices.append({QString::fromStdString(d.name), d.maxInputChannels, d.maxOutputChannels,
                                d.isDefaultInput, d.isDefaultOutput});
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, devices, error] {
                if (self)
                    self->showDevices(devices, error);
            },
            Qt::QueuedConnection);
    });
    connect(m_probe, &QThread::finished, m_probe, &QObject::deleteLater);
    m_probe->start();
}

void DeviceBar::showDevices(const QList<Device>& devices, const QString& error)
{
    if (m_probe) {
        m_probe->wait();
        m_probe = nullptr;
    }
    m_ui->refreshButton->setEnabled(true);
    // A device a session asked for wins over the one shown before the probe.
    const QString keepIn = m_wantedInput.isEmpty() ? m_ui->inputCombo->currentText() : m_wantedInput;
    const QString keepOut = m_wantedOutput.isEmpty() ? m_ui->outputCombo->currentText() : m_wantedOutput;
    m_wantedInput.clear();
    m_wantedOutput.clear();
    m_ui->inputCombo->clear();
    m_ui->outputCombo->clear();
    int outputs = 0;
    for (int i = 0; i < devices.size(); ++i) {
        const Device& d = devices[i];
        if (d.inputs > 0) {
            m_ui->inputCombo->addItem(d.name, i);
            if (d.isDefaultInput)
                m_ui->inputCombo->setCurrentIndex(m_ui->inputCombo->count() - 1);
        }
        if (d.outputs > 0) {
            m_ui->outputCombo->addItem(d.name, i);
            ++outputs;
            if (d.isDefaultOutput)
                m_ui->outputCombo->setCurrentIndex(m_ui->outputCombo->count() - 1);
        }
    }
    // The demo input is always offered; it is the choice when there is no input device.
    m_ui->inputCombo->addItem(tr("Built-in demo input"), kDemoInput);
    if (m_ui->inputCombo->count() == 1 || api() == kNoDeviceApi)
        m_ui->inputCombo->setCurrentIndex(m_ui->inputCombo->count() - 1);
    if (const int i = m_ui->inputCombo->findText(keepIn); i >= 0 && !keepIn.isEmpty())
        m_ui->inputCombo->setCurrentIndex(i);
    if (const int o = m_ui->outputCombo->findText(keepOut); o >= 0 && !keepOut.isEmpty())
        m_ui->outputCombo->setCurrentIndex(o);

    if (!error.isEmpty())
        showStatus(tr("%1: %2").arg(apiLabel(api()), error), true);
    else if (m_problem && outputs > 0) {
        // Keep saying why the sound stopped: the devices found are not news worth hiding it.
    } else if (outputs == 0)
        showStatus(tr("No output device found for %1. Choose another API, or \"%2\" to see the "
                      "rack on the meters without sound.")
                       .arg(apiLabel(api()), apiLabel(kNoDeviceApi)));
    else
        showStatus(tr("%n device(s) found.", nullptr, static_cast<int>(devices.size())));
    updateRunning();
    emit probed(static_cast<int>(devices.size()));
}

bool DeviceBar::start()
{
    if (m_ui->outputCombo->count() == 0) {
        showStatus(tr("There is no output device to start."));
        return false;
    }
    std::unique_ptr<realtime::AudioBackend> backend;
    try {
        backend = realtime::makeBackend(api().toStdString());
    } catch (const std::exception& e) {
        showStatus(tr("Could not start: %1").arg(QString::fromStdString(e.what())), true);
        return false;
    }
    showStatus(tr("Starting…"));
    m_requestedBuffer = bufferSize();
    // A server or device can come back; "no audio device" has nothing to come back.
    m_engine->setAutoReconnect(api() != kNoDeviceApi);
    if (!m_engine->start(std::move(backend), streamConfig()))
        return false;
    showStatus(demoInputSelected() ? tr("Running with the built-in demo input.") : tr("Running."));
    showLatency();
    return true;
}

void DeviceBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        // retranslateUi resets the labels the bar writes itself: keep the status, redraw the rest.
        const QString status = m_ui->statusLabel->text();
        m_ui->retranslateUi(this);
        m_ui->statusLabel->setText(status);
        m_ui->startButton->setText(m_engine->isReconnecting() ? tr("Reconnect &now") : tr("&Start"));
        for (int i = 0; i < m_ui->apiCombo->count(); ++i)
            m_ui->apiCombo->setItemText(i, apiLabel(m_ui->apiCombo->itemData(i).toString()));
        for (int i = 0; i < m_ui->rateCombo->count(); ++i)
            m_ui->rateCombo->setItemText(i, tr("%1 Hz").arg(m_ui->rateCombo->itemData(i).toInt()));
        for (int i = 0; i < m_ui->bufferCombo->count(); ++i)
            m_ui->bufferCombo->setItemText(i, tr("%1 frames").arg(m_ui->bufferCombo->itemData(i).toInt()));
        if (const int demo = m_ui->inputCombo->findData(kDemoInput); demo >= 0)
            m_ui->inputCombo->setItemText(demo, tr("Built-in demo input"));
        showLatency();
    }
    QWidget::changeEvent(event);
}

void DeviceBar::stop()
{
    m_engine->stop();
    showStatus(tr("Stopped."));
}

void DeviceBar::showStatus(const QString& text, bool problem)
{
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setStyleSheet(problem ? QStringLiteral("color: #c62828; font-weight: bold;")
                                             : QString());
    m_problem = problem;
}

void DeviceBar::updateRunning()
{
    const bool running = m_engine->isRunning();
    const bool reconnecting = m_engine->isReconnecting();
    m_ui->startButton->setText(reconnecting ? tr("Reconnect &now") : tr("&Start"));
    m_ui->startButton->setEnabled(reconnecting || (!running && m_ui->outputCombo->count() > 0));
    m_ui->stopButton->setEnabled(running || reconnecting);
    showGrantedBuffer();
    for (QWidget* w :
         {static_cast<QWidget*>(m_ui->apiCombo), static_cast<QWidget*>(m_ui->inputCombo),
          static_cast<QWidget*>(m_ui->outputCombo), static_cast<QWidget*>(m_ui->rateCombo),
          static_cast<QWidget*>(m_ui->bufferCombo), static_cast<QWidget*>(m_ui->channelsOutSpin)})
        w->setEnabled(!running && !reconnecting);
    m_ui->channelsInSpin->setEnabled(!running && !reconnecting && !demoInputSelected());
    showLatency();
}

void DeviceBar::showGrantedBuffer()
{
    const int granted = m_engine->isRunning() ? m_engine->grantedBufferSize() : 0;
    const int shown = granted > 0 ? granted : m_requestedBuffer;
    if (shown <= 0)
        return;
    if (m_ui->bufferCombo->findData(shown) < 0) { // a size JACK chose outside the list
        int at = 0;
        while (at < m_ui->bufferCombo->count() && m_ui->bufferCombo->itemData(at).toInt() < shown)
            ++at;
        m_ui->bufferCombo->insertItem(at, tr("%1 frames").arg(shown), shown);
    }
    m_ui->bufferCombo->setCurrentIndex(m_ui->bufferCombo->findData(shown));
    m_ui->bufferCombo->setToolTip(
        granted > 0 && granted != m_requestedBuffer
            ? tr("Requested %1 frames; the device granted %2.").arg(m_requestedBuffer).arg(granted)
            : QString());
    if (granted <= 0)
        m_requestedBuffer = 0; // stopped: the control is the user's again
}

void DeviceBar::showLatency()
{
    const QLocale locale;
    if (m_engine->isRunning()) {
        // The chain's own delay (FIR, look-ahead, oversampling) comes on top of the device's.
        const int chain = m_engine->chainLatencySamples();
        const double chainMs = 1000.0 * chain / std::max(1.0, m_engine->sampleRate());
        m_ui->latencyLabel->setText(tr("Buffer: %1 ms · round trip: %2 ms · chain: %3 samples (%4 ms)")
                                        .arg(locale.toString(m_engine->bufferMs(), 'f', 2),
                                             locale.toString(m_engine->roundTripMs(), 'f', 2))
                                        .arg(chain)
                                        .arg(locale.toString(chainMs, 'f', 2)));
        return;
    }
    const double ms = 1000.0 * bufferSize() / std::max(1, sampleRate());
    // In and out buffers at least, before the device reports its own latency.
    m_ui->latencyLabel->setText(tr("Buffer: %1 ms · round trip: about %2 ms")
                                    .arg(locale.toString(ms, 'f', 2), locale.toString(2.0 * ms, 'f', 2)));
}

void DeviceBar::setMidiController(MidiController* midi)
{
    m_midi = midi;
    auto* grid = static_cast<QGridLayout*>(layout());
    auto* label = new QLabel(tr("MIDI in"), this);
    m_midiCombo = new QComboBox(this);
    m_midiCombo->setObjectName(QStringLiteral("midiCombo"));
    m_midiLight = new QLabel(this);
    m_midiLight->setObjectName(QStringLiteral("midiLight"));
    m_midiLight->setFixedSize(12, 12);
    m_midiLight->setToolTip(tr("MIDI activity"));
    const QString off = QStringLiteral("background: #555; border-radius: 6px;");
    m_midiLight->setStyleSheet(off);
    m_midiPorts = new QToolButton(this);
    m_midiPorts->setObjectName(QStringLiteral("midiPorts"));
    m_midiPorts->setText(QStringLiteral("…"));
    m_midiPorts->setToolTip(tr("Listen to several MIDI inputs"));
    m_midiPorts->setPopupMode(QToolButton::InstantPopup);
    m_midiPorts->setMenu(new QMenu(m_midiPorts));
    const int row = grid->rowCount();
    grid->addWidget(label, row, 0);
    grid->addWidget(m_midiCombo, row, 1, 1, 3);
    grid->addWidget(m_midiPorts, row, 4);
    grid->addWidget(m_midiLight, row, 5);
    // The ports are listed when asked (Refresh), off the GUI thread like the audio devices: listing
    // opens a client of each MIDI system, which can block.
    const auto fixedItems = [this] {
        m_midiCombo->addItem(tr("No MIDI input"), QString());
        m_midiCombo->addItem(tr("All MIDI inputs"), QStringLiteral("all"));
    };
    const auto fill = [this, fixedItems] {
        auto ports = std::make_shared<QStringList>();
        QThread* lister = QThread::create([ports] { *ports = MidiController::availablePorts(); });
        connect(lister, &QThread::finished, lister, &QObject::deleteLater);
        connect(lister, &QThread::finished, this, [this, ports, fixedItems] {
            m_midiCombo->clear();
            fixedItems();
            for (const QString& port : *ports)
                m_midiCombo->addItem(port, port);
            fillMidiPortsMenu();
            emit midiPortsListed(static_cast<int>(ports->size()));
        });
        lister->start();
    };
    fixedItems();
    fillMidiPortsMenu();
    connect(m_ui->refreshButton, &QToolButton::clicked, this, fill);
    connect(m_midiCombo, &QComboBox::activated, this, [this] {
        const QVariant data = m_midiCombo->currentData();
        if (data.typeId() == QMetaType::QStringList) { // the entry for several ports
            m_midi->setInputs(data.toStringList());
            return;
        }
        const QString pattern = data.toString();
        m_midi->setInputs(pattern.isEmpty() ? QStringList{} : QStringList{pattern});
    });
    // Shows what is open, also when it was not chosen here (the settings at start).
    connect(midi, &MidiController::inputsChanged, this, &DeviceBar::showMidiInputs);
    connect(midi, &MidiController::activity, this, [this, off] {
        m_midiLight->setStyleSheet(QStringLiteral("background: #3c3; border-radius: 6px;"));
        QTimer::singleShot(120, m_midiLight, [this, off] { m_midiLight->setStyleSheet(off); });
    });
}

void DeviceBar::fillMidiPortsMenu()
{
    QMenu* menu = m_midiPorts->menu();
    menu->clear();
    for (int i = 0; i < m_midiCombo->count(); ++i) {
        const QVariant data = m_midiCombo->itemData(i);
        const QString port = data.toString();
        if (data.typeId() != QMetaType::QString || port.isEmpty() || port == QLatin1String("all"))
            continue;
        QAction* action = menu->addAction(port);
        action->setObjectName(QStringLiteral("midiPort"));
        action->setData(port);
        action->setCheckable(true);
        // triggered, not toggled: showMidiInputs() sets the checks without choosing anything.
        connect(action, &QAction::triggered, this, [this] {
            // An input the menu does not list (a mapped controller unplugged now, a pattern from
            // the settings) stays wanted, so that it is reconnected when it comes back.
            const QList<QAction*> actions = m_midiPorts->menu()->actions();
            QStringList chosen;
            for (const QString& pattern : m_midi->inputs())
                if (pattern != QLatin1String("all") &&
                    std::none_of(actions.begin(), actions.end(),
                                 [&](const QAction* a) { return a->data().toString() == pattern; }))
                    chosen << pattern;
            for (const QAction* a : actions)
                if (a->isChecked())
                    chosen << a->data().toString();
            m_midi->setInputs(chosen);
        });
    }
    if (menu->isEmpty())
        menu->addAction(tr("No MIDI input port listed (Refresh lists them)"))->setEnabled(false);
    showMidiInputs();
}

void DeviceBar::showMidiInputs()
{
    const QStringList patterns = m_midi->inputs();
    const bool all = patterns.contains(QLatin1String("all"));
    for (QAction* a : m_midiPorts->menu()->actions())
        if (a->isCheckable())
            a->setChecked(all || patterns.contains(a->data().toString()));
    int i = -1;
    if (patterns.size() <= 1) {
        const QString pattern = patterns.value(0);
        i = m_midiCombo->findData(pattern);
        if (i < 0)
            m_midiCombo->addItem(pattern, pattern);
    } else {
        for (int k = 0; k < m_midiCombo->count() && i < 0; ++k)
            if (m_midiCombo->itemData(k).toStringList() == patterns &&
                m_midiCombo->itemData(k).typeId() == QMetaType::QStringList)
                i = k;
        if (i < 0)
            m_midiCombo->addItem(tr("%1 MIDI inputs").arg(patterns.size()), patterns);
    }
    m_midiCombo->setCurrentIndex(i < 0 ? m_midiCombo->count() - 1 : i);
}

} // namespace fxrack::app
