#include "MainWindow.h"

#include "AppSettings.h"
#include "BatchPanel.h"
#include "DeviceBar.h"
#include "EffectCard.h"
#include "EffectPalette.h"
#include "EngineController.h"
#include "FxrackVersion.h"
#include "MeterPanel.h"
#include "MidiController.h"
#include "MidiMappingCommand.h"
#include "MidiMappingDialog.h"
#include "RackCommands.h"
#include "RackModel.h"
#include "RackView.h"
#include "RecoveryBar.h"
#include "ResponsePlot.h"
#include "Translations.h"
#include "session/Autosaver.h"
#include "session/EngineSettings.h"
#include "session/Preset.h"
#include "session/SessionIo.h"
#include "session/SessionMidi.h"
#include "ui_DeviceBar.h"
#include "ui_MainWindow.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

namespace fxrack::app {

MainWindow::MainWindow(const Options& options)
    : m_options(options), m_ui(std::make_unique<Ui::MainWindow>()),
      m_settings(std::make_unique<AppSettings>()), m_undo(new QUndoStack(this)),
      m_model(new RackModel(dsp::EffectRegistry::builtin(), this)),
      m_engine(new EngineController(m_model, this)), m_presets(std::make_unique<session::PresetLibrary>())
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/fxrack.svg")));
    m_recoveryBar = new RecoveryBar(m_ui->centralWidget);
    m_ui->centralLayout->insertWidget(0, m_recoveryBar);
    connect(m_recoveryBar, &RecoveryBar::restoreRequested, this, &MainWindow::restoreRecovery);
    connect(m_recoveryBar, &RecoveryBar::discardRequested, this, &MainWindow::dropRecoveries);
    m_model->setUndoStack(m_undo);
    buildLivePage();
    buildMidi();
    m_batch = new BatchPanel(m_model, m_presets.get(), m_ui->batchPage);
    m_ui->batchLayout->addWidget(m_batch);
    buildMenus();

    connect(m_undo, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_engine, &EngineController::message, this, &MainWindow::status);
    connect(m_engine, &EngineController::meters, m_meters, &MeterPanel::showSnapshot);
    connect(m_engine, &EngineController::started, this, [this] {
        m_model->setSampleRate(m_engine->sampleRate()); // the granted rate; the plot follows
        m_meters->clear();
    });
    // Knob ranges follow the running stream's rate, else the session's (the rate control).
    connect(m_engine, &EngineController::stopped, this,
            [this] { m_model->setSampleRate(m_deviceBar->sampleRate()); });
    connect(m_deviceBar->ui()->rateCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_engine->isRunning())
            m_model->setSampleRate(m_deviceBar->sampleRate());
    });
    connect(m_model, &RackModel::sampleRateChanged, this, [this](double hz) {
        if (m_engine->isRunning()) {
            // An undo brought back a rate the stream does not run: fit the rack to the stream
            // again once the undo is done (a new step, with its note).
            if (hz != m_engine->sampleRate())
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        if (m_engine->isRunning())
                            m_model->setSampleRate(m_engine->sampleRate());
                    },
                    Qt::QueuedConnection);
            return;
        }
        // An undone rate change: the rate control shows it again.
        if (const int index = m_deviceBar->ui()->rateCombo->findData(static_cast<int>(hz)); index >= 0)
            m_deviceBar->ui()->rateCombo->setCurrentIndex(index);
    });
    m_model->setSampleRate(m_deviceBar->sampleRate());
    connect(m_meters, &MeterPanel::resetXrunsRequested, m_engine, &EngineController::resetXruns);

    m_presets->loadFactory();
    m_presets->loadUser();
    rebuildPresetMenu();

    if (!m_options.sessionPath.isEmpty()) {
        if (!openSession(m_options.sessionPath))
            newSession();
    } else {
        newSession();
    }
    if (m_options.autosave) {
        m_autosaver =
            new session::Autosaver([this] { return currentSession(); }, m_options.autosaveDir, this);
        connect(m_model, &RackModel::rackChanged, m_autosaver, &session::Autosaver::markChanged);
        connect(m_autosaver, &session::Autosaver::saveFailed, this, &MainWindow::status);
        if (m_options.offerRecovery)
            QMetaObject::invokeMethod(
                this, [this] { offerRecovery(m_options.autosaveDir); }, Qt::QueuedConnection);
    }

    restoreGeometry(m_settings->windowGeometry());
    restoreState(m_settings->windowState());

    if (!m_options.audioApi.isEmpty())
        m_session.audio.api = m_options.audioApi;
    if (m_options.probeDevices)
        m_deviceBar->setApi(m_session.audio.api.isEmpty() ? QStringLiteral("pulse") : m_session.audio.api);
    updateTitle();
}

MainWindow::~MainWindow()
{
    m_engine->stop();
}

void MainWindow::buildLivePage()
{
    m_deviceBar = new DeviceBar(m_engine, m_ui->livePage);
    m_ui->liveLayout->addWidget(m_deviceBar);

    m_rackView = new RackView(m_model, this);
    m_meters = new MeterPanel(this);
    m_plot = new ResponsePlot(m_model, this);
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_rackView);
    top->addWidget(m_meters);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 0);
    auto* split = new QSplitter(Qt::Vertical, m_ui->livePage);
    split->setObjectName(QStringLiteral("liveSplitter"));
    split->addWidget(top);
    split->addWidget(m_plot);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    m_ui->liveLayout->addWidget(split, 1);
    connect(m_rackView, &RackView::message, this, &MainWindow::status);
    connect(m_rackView, &RackView::cardMenuRequested, this, &MainWindow::showCardMenu);

    m_palette = new EffectPalette(m_model->registry(), this);
    m_paletteDock = new QDockWidget(tr("Effects"), this);
    m_paletteDock->setObjectName(QStringLiteral("paletteDock"));
    m_paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, m_paletteDock);
    connect(m_palette, &EffectPalette::effectActivated, this, [this](const QString& type) {
        m_model->addEffect(type);
        m_rackView->setCurrentRow(m_model->count() - 1);
    });
}

void MainWindow::buildMidi()
{
    m_midi = new MidiController(m_model, this);
    m_deviceBar->setMidiController(m_midi);
    m_midi->setGlobalMappings(m_settings->globalMidiMappings());
    // The inputs chosen last time, when the window looks for devices at start (not in tests).
    if (m_options.probeDevices && !m_settings->midiInputs().isEmpty())
        m_midi->setInputs(m_settings->midiInputs());
    connect(m_midi, &MidiController::inputsChanged, this,
            [this] { m_settings->setMidiInputs(m_midi->inputs()); });
    connect(m_midi, &MidiController::mappingsChanged, this,
            [this] { m_settings->setGlobalMidiMappings(m_midi->globalMappings()); });
    connect(m_midi, &MidiController::message, this, &MainWindow::status);
    connect(m_rackView, &RackView::learnRequested, m_midi, &MidiController::startLearn);
    const auto cardOf = [this](quint64 uid) { return m_rackView->card(m_model->rowOfUid(uid)); };
    connect(m_midi, &MidiController::learnStarted, this, [this, cardOf](quint64 uid, int paramId) {
        if (EffectCard* card = cardOf(uid))
            card->setLearning(paramId);
        status(tr("MIDI learn: move a controller (Esc cancels)"));
    });
    connect(m_midi, &MidiController::learnFinished, this, [this, cardOf](quint64 uid, int, bool learned) {
        if (EffectCard* card = cardOf(uid))
            card->setLearning(EffectCard::kNotLearning);
        if (!learned)
            return;
        // The mapper added the learned mapping as its last row: one undo step.
        const int row = static_cast<int>(m_midi->mapper().mappings().size()) - 1;
        m_undo->push(new MidiMappingCommand(m_midi, MidiMappingCommand::Kind::Insert, row, {},
                                            m_midi->mapper().mappings().back(), true));
        status(tr("MIDI mapping learned: %1").arg(QString::fromStdString(m_midi->mapper().spec(row))));
    });
    auto* cancel = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(cancel, &QShortcut::activated, m_midi, &MidiController::cancelLearn);

    // Snapshots: recall A and B (morphing), store them, and the A/B compare key; C..H in a menu.
    QToolBar* bar = addToolBar(tr("Snapshots"));
    bar->setObjectName(QStringLiteral("snapshotBar"));
    const auto recall = [this](int i) {
        if (!m_midi->recallSnapshot(i))
            status(tr("Snapshot %1 is empty: store it first").arg(QChar('A' + i)));
    };
    const auto store = [this](int i) { m_midi->storeSnapshot(i); };
    const auto named = [](QAction* action, const char* what, int i) {
        action->setObjectName(QLatin1String(what) + QChar('A' + i));
        return action;
    };
    for (int i = 0; i < 2; ++i) {
        const QString name = QString(QChar('A' + i));
        QAction* recallAction = named(
            bar->addAction(tr("Recall %1").arg(name), this, [recall, i] { recall(i); }), "recallSnapshot", i);
        addGlobalLearn(bar->widgetForAction(recallAction), {midi::TargetKind::Snapshot, 0, {}, i});
        named(bar->addAction(tr("Store %1").arg(name), this, [store, i] { store(i); }), "storeSnapshot", i);
    }
    // The bar stays short; a menu entry offers no right click, so the menu has its own learn entries.
    auto* more = new QToolButton(bar);
    more->setObjectName(QStringLiteral("moreSnapshots"));
    more->setText(QStringLiteral("C…H"));
    more->setToolTip(tr("Snapshots C to H: recall, store, learn MIDI"));
    more->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(more);
    for (int i = 2; i < MidiController::kSnapshots; ++i)
        named(menu->addAction(tr("Recall %1").arg(QChar('A' + i)), this, [recall, i] { recall(i); }),
              "recallSnapshot", i);
    menu->addSeparator();
    for (int i = 2; i < MidiController::kSnapshots; ++i)
        named(menu->addAction(tr("Store %1").arg(QChar('A' + i)), this, [store, i] { store(i); }),
              "storeSnapshot", i);
    QMenu* learn = menu->addMenu(tr("Learn MIDI"));
    for (int i = 2; i < MidiController::kSnapshots; ++i) {
        const midi::MidiTarget target{midi::TargetKind::Snapshot, 0, {}, i};
        named(learn->addAction(tr("Recall %1").arg(QChar('A' + i)), m_midi,
                               [this, target] { m_midi->startLearnGlobal(target); }),
              "learnMidiSnapshot", i);
    }
    more->setMenu(menu);
    bar->addWidget(more);
    QAction* compare = bar->addAction(tr("A/B"), m_midi, &MidiController::compareAB);
    compare->setObjectName(QStringLiteral("compareAB"));
    compare->setToolTip(tr("Switch between snapshots A and B"));
    auto* morph = new QDoubleSpinBox(bar);
    morph->setObjectName(QStringLiteral("morphSeconds"));
    morph->setRange(0.0, realtime::kMaxMorphSeconds);
    morph->setSingleStep(0.1);
    morph->setSuffix(tr(" s morph"));
    connect(morph, &QDoubleSpinBox::valueChanged, m_midi, &MidiController::setMorphSeconds);
    connect(m_midi, &MidiController::snapshotsChanged, morph,
            [this, morph] { morph->setValue(m_midi->morphSeconds()); });
    // Next/previous preset (MIDI's, and the bar's buttons) steps through the rack presets, in the
    // menu's order.
    const auto stepPreset = [this](int step) {
        const auto racks = m_presets->rackPresets();
        if (racks.empty())
            return;
        const int n = static_cast<int>(racks.size());
        m_presetIndex = ((m_presetIndex + step) % n + n) % n;
        loadRackPreset(racks[static_cast<size_t>(m_presetIndex)]->name);
    };
    connect(m_midi, &MidiController::presetStep, this, stepPreset);
    bar->addWidget(morph);
    // Bypass all, as a global bypass mapping toggles it (the button follows MIDI).
    QAction* bypassAll = bar->addAction(tr("Bypass All"));
    bypassAll->setObjectName(QStringLiteral("bypassAll"));
    bypassAll->setCheckable(true);
    connect(bypassAll, &QAction::toggled, m_midi, &MidiController::setGlobalBypass);
    connect(m_midi, &MidiController::globalBypassChanged, bypassAll, &QAction::setChecked);
    addGlobalLearn(bar->widgetForAction(bypassAll), {midi::TargetKind::GlobalBypass, 0, {}, -1});
    for (const int step : {-1, 1}) {
        QAction* action = bar->addAction(step < 0 ? tr("Previous Preset") : tr("Next Preset"), this,
                                         [stepPreset, step] { stepPreset(step); });
        action->setObjectName(step < 0 ? QStringLiteral("previousPreset") : QStringLiteral("nextPreset"));
        addGlobalLearn(
            bar->widgetForAction(action),
            {step < 0 ? midi::TargetKind::PreviousPreset : midi::TargetKind::NextPreset, 0, {}, -1});
    }
    QAction* mappings = bar->addAction(tr("MIDI Mappings..."), this, &MainWindow::showMidiMappings);
    mappings->setObjectName(QStringLiteral("showMidiMappings"));
}

void MainWindow::addGlobalLearn(QWidget* control, const midi::MidiTarget& target)
{
    // As on a card's knobs: the right click offers "Learn MIDI" for what the control does.
    auto* learn = new QAction(tr("Learn MIDI"), control);
    learn->setObjectName(QStringLiteral("learnMidi"));
    connect(learn, &QAction::triggered, m_midi, [this, target] { m_midi->startLearnGlobal(target); });
    control->addAction(learn);
    control->setContextMenuPolicy(Qt::ActionsContextMenu);
}

MidiMappingDialog* MainWindow::showMidiMappings()
{
    if (!m_midiDialog)
        m_midiDialog = new MidiMappingDialog(m_midi, m_undo, this);
    m_midiDialog->show();
    m_midiDialog->raise();
    return m_midiDialog;
}

void MainWindow::buildMenus()
{
    m_ui->actionNew->setShortcut(QKeySequence::New);
    m_ui->actionOpen->setShortcut(QKeySequence::Open);
    m_ui->actionSave->setShortcut(QKeySequence::Save);
    m_ui->actionSaveAs->setShortcut(QKeySequence::SaveAs);
    m_ui->actionQuit->setShortcut(QKeySequence::Quit);
    m_ui->actionDuplicateEffect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_ui->actionRemoveEffect->setIcon(QIcon(QStringLiteral(":/icons/remove.svg")));
    m_ui->actionDuplicateEffect->setIcon(QIcon(QStringLiteral(":/icons/duplicate.svg")));

    QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    m_ui->menuEdit->insertAction(m_ui->actionRemoveEffect, undo);
    m_ui->menuEdit->insertAction(m_ui->actionRemoveEffect, redo);
    m_ui->menuEdit->insertSeparator(m_ui->actionRemoveEffect);

    m_ui->actionShowPalette->setCheckable(true);
    m_ui->actionShowPalette->setChecked(true);
    connect(m_ui->actionShowPalette, &QAction::toggled, m_paletteDock, &QDockWidget::setVisible);
    connect(m_paletteDock, &QDockWidget::visibilityChanged, m_ui->actionShowPalette, &QAction::setChecked);

    connect(m_ui->actionNew, &QAction::triggered, this, [this] {
        if (confirmClose())
            newSession();
    });
    connect(m_ui->actionOpen, &QAction::triggered, this, &MainWindow::open);
    connect(m_ui->actionSave, &QAction::triggered, this, &MainWindow::save);
    connect(m_ui->actionSaveAs, &QAction::triggered, this, &MainWindow::saveAs);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionRemoveEffect, &QAction::triggered, this, [this] {
        const int row = m_rackView->currentRow();
        if (row >= 0)
            m_model->removeEffect(row);
    });
    connect(m_ui->actionDuplicateEffect, &QAction::triggered, this, [this] {
        const int row = m_rackView->currentRow();
        if (row >= 0)
            m_model->duplicateEffect(row);
    });
    connect(m_ui->actionClearRecent, &QAction::triggered, this, [this] {
        m_settings->clearRecentSessions();
        rebuildRecentMenu();
    });
    // Built when shown: it lists the presets of whichever card is selected then.
    connect(m_ui->menuLoadEffectPreset, &QMenu::aboutToShow, this,
            [this] { fillEffectPresetMenu(m_ui->menuLoadEffectPreset, m_rackView->currentRow()); });
    fillEffectPresetMenu(m_ui->menuLoadEffectPreset, -1);
    connect(m_ui->actionSaveRackPreset, &QAction::triggered, this, &MainWindow::saveRackPreset);
    connect(m_ui->actionSaveEffectPreset, &QAction::triggered, this, &MainWindow::saveEffectPreset);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::about);
    rebuildRecentMenu();
    buildLanguageMenu();
}

void MainWindow::buildLanguageMenu()
{
    qDeleteAll(m_ui->menuLanguage->findChildren<QActionGroup*>(Qt::FindDirectChildrenOnly));
    m_ui->menuLanguage->clear();
    auto* group = new QActionGroup(m_ui->menuLanguage);
    const QString current = m_settings->language();
    auto add = [&](const QString& code, const QString& text) {
        QAction* action = m_ui->menuLanguage->addAction(text);
        action->setCheckable(true);
        action->setChecked(code == current);
        action->setData(code);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] {
            m_settings->setLanguage(code);
            installTranslation(code); // every widget follows at once (their changeEvent)
        });
    };
    add(QString(), tr("System Language"));
    for (const QString& code : availableLanguages())
        add(code, languageName(code));
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        updateTitle();
        m_paletteDock->setWindowTitle(tr("Effects"));
        // Menus filled in code; the rack, panels and palette retranslate themselves.
        rebuildRecentMenu();
        rebuildPresetMenu();
        fillEffectPresetMenu(m_ui->menuLoadEffectPreset, m_rackView->currentRow());
        buildLanguageMenu();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::rebuildRecentMenu()
{
    m_ui->menuRecent->clear();
    const QStringList recent = m_settings->recentSessions();
    for (const QString& path : recent) {
        QAction* action = m_ui->menuRecent->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] {
            if (confirmClose())
                openSession(path);
        });
    }
    if (!recent.isEmpty())
        m_ui->menuRecent->addSeparator();
    m_ui->menuRecent->addAction(m_ui->actionClearRecent);
    m_ui->menuRecent->setEnabled(!recent.isEmpty());
}

void MainWindow::rebuildPresetMenu()
{
    m_ui->menuLoadPreset->clear();
    const auto racks = m_presets->rackPresets();
    for (const session::Preset* preset : racks) {
        const QString name = preset->name;
        QAction* action =
            m_ui->menuLoadPreset->addAction(preset->factory ? name : tr("%1 (yours)").arg(name));
        action->setToolTip(preset->description);
        connect(action, &QAction::triggered, this, [this, name] { loadRackPreset(name); });
    }
    if (racks.empty())
        m_ui->menuLoadPreset->addAction(tr("No rack presets"))->setEnabled(false);
}

QString MainWindow::sessionName() const
{
    return m_sessionPath.isEmpty() ? tr("Untitled") : QFileInfo(m_sessionPath).completeBaseName();
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — FXRack").arg(sessionName()));
    setWindowModified(!m_undo->isClean());
}

void MainWindow::status(const QString& text)
{
    statusBar()->showMessage(text, 8000);
}

session::Session MainWindow::currentSession() const
{
    session::Session s = m_session;
    s.rack = session::rackFromChain(m_model->buildChain());
    const realtime::StreamConfig config = m_deviceBar->streamConfig();
    s.audio.bufferFrames = config.bufferSize;
    s.audio.sampleRateHz = config.sampleRate;
    if (m_deviceBar->api() != DeviceBar::kNoDeviceApi && !m_deviceBar->api().isEmpty()) {
        s.audio.api = m_deviceBar->api();
        // Devices only once a probe found some: an unprobed bar must not forget the session's.
        if (!config.outputDevice.empty()) {
            s.audio.inputDevice = QString::fromStdString(config.inputDevice);
            s.audio.outputDevice = QString::fromStdString(config.outputDevice);
            s.audio.channelsIn = config.channelsIn;
            s.audio.channelsOut = config.channelsOut;
        }
    }
    s.batch = m_batch->settings(s.batch);
    s.midiMappings.clear();
    for (auto& entry : session::sessionMappings(m_midi->mapper(), s.rack))
        if (!entry.effect.isEmpty()) // the global ones are the app's settings
            s.midiMappings.push_back(std::move(entry));
    s.snapshots = m_midi->sessionSnapshots(s.rack);
    s.snapshotMorphSeconds = m_midi->morphSeconds();
    return s;
}

void MainWindow::applySession(const session::Session& s)
{
    m_session = s;
    m_model->setChain(session::chainFromSession(s));
    for (const QString& notice : m_midi->loadSessionMappings(s))
        status(notice);
    m_midi->loadSessionSnapshots(s);
    m_deviceBar->setStreamConfig(session::streamConfig(s.audio));
    m_batch->setSettings(s.batch);
    m_undo->clear();
    m_undo->setClean();
    updateTitle();
}

void MainWindow::newSession()
{
    session::Session s;
    s.audio.bufferFrames = 128;
    m_sessionPath.clear();
    m_session = s;
    m_model->setSpecs(RackModel::defaultSpecs());
    m_undo->clear();
    m_undo->setClean();
    updateTitle();
}

bool MainWindow::openSession(const QString& path)
{
    const session::LoadResult result = session::SessionIo::load(path);
    if (!result.ok()) {
        QMessageBox::warning(this, tr("Open Session"),
                             tr("The session could not be opened:\n%1").arg(result.error->message()));
        return false;
    }
    try {
        applySession(*result.session);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Open Session"),
                             tr("The session could not be opened:\n%1").arg(e.what()));
        return false;
    }
    m_sessionPath = path;
    m_settings->addRecentSession(path);
    m_settings->setLastSession(path);
    rebuildRecentMenu();
    updateTitle();
    for (const QString& notice : result.notices)
        status(notice);
    return true;
}

bool MainWindow::saveSessionTo(const QString& path)
{
    if (const auto error = session::SessionIo::save(currentSession(), path)) {
        QMessageBox::warning(this, tr("Save Session"),
                             tr("The session could not be saved:\n%1").arg(error->message()));
        return false;
    }
    m_sessionPath = path;
    m_undo->setClean();
    m_settings->addRecentSession(path);
    m_settings->setLastSession(path);
    rebuildRecentMenu();
    updateTitle();
    status(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool MainWindow::save()
{
    return m_sessionPath.isEmpty() ? saveAs() : saveSessionTo(m_sessionPath);
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Session"), m_settings->lastOpenDir(),
                                                tr("FXRack sessions (*.fxrack)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".fxrack");
    m_settings->setLastOpenDir(QFileInfo(path).absolutePath());
    return saveSessionTo(path);
}

void MainWindow::open()
{
    if (!confirmClose())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Session"), m_settings->lastOpenDir(),
                                                      tr("FXRack sessions (*.fxrack);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings->setLastOpenDir(QFileInfo(path).absolutePath());
    openSession(path);
}

void MainWindow::offerRecovery(const QString& dir)
{
    m_recoveries = session::Autosaver::findRecoveries(dir);
    if (!m_recoveries.isEmpty())
        m_recoveryBar->offer(m_recoveries.first());
}

void MainWindow::restoreRecovery(const QString& path)
{
    const session::LoadResult result = session::SessionIo::load(path);
    if (result.ok()) {
        try {
            applySession(*result.session);
            m_sessionPath.clear();
            // Recovered work is not saved anywhere yet: mark it modified.
            m_undo->resetClean();
            updateTitle();
            status(tr("Restored the autosaved rack."));
        } catch (const std::exception& e) {
            status(tr("The autosaved rack could not be restored: %1").arg(e.what()));
        }
    } else {
        status(tr("The autosaved rack could not be restored: %1").arg(result.error->message()));
    }
    dropRecoveries();
}

void MainWindow::dropRecoveries()
{
    // Restored or declined, the older ones too: none of them is offered again.
    for (const QString& file : std::as_const(m_recoveries))
        session::Autosaver::removeRecovery(file);
    m_recoveries.clear();
}

bool MainWindow::confirmClose()
{
    if (m_batch->isRunning()) {
        const auto answer = QMessageBox::question(this, tr("Batch Running"),
                                                  tr("A batch is still running. Cancel it and go on?"),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return false;
        m_batch->cancel();
    }
    if (m_undo->isClean())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved Changes"),
        tr("The session \"%1\" has changes that are not saved.").arg(sessionName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!confirmClose()) {
        event->ignore();
        return;
    }
    m_engine->stop();
    m_batch->cancelAndWait();
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    if (m_autosaver)
        m_autosaver->cleanExit();
    event->accept();
}

void MainWindow::loadRackPreset(const QString& name)
{
    const session::Preset* preset = m_presets->findRackPreset(name);
    if (!preset)
        return;
    try {
        session::Session scratch;
        scratch.rack = preset->entries;
        const dsp::EffectChain chain = session::chainFromSession(scratch);
        // One undo step replaces the whole rack.
        m_undo->beginMacro(tr("Load preset %1").arg(name));
        while (m_model->count() > 0)
            m_model->removeEffect(m_model->count() - 1);
        for (int i = 0; i < chain.size(); ++i) {
            RackSlot slot = m_model->makeSlot(chain.at(i));
            slot.bypassed = chain.isBypassed(i);
            m_undo->push(new InsertEffectCommand(m_model, i, std::move(slot), QString()));
        }
        m_undo->endMacro();
        status(tr("Loaded preset %1").arg(name));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Load Preset"),
                             tr("The preset could not be loaded:\n%1").arg(e.what()));
    }
}

void MainWindow::fillEffectPresetMenu(QMenu* menu, int row)
{
    menu->clear();
    if (row < 0 || row >= m_model->count()) {
        menu->addAction(tr("Select an effect card first."))->setEnabled(false);
        return;
    }
    const std::string type = m_model->slotAt(row).type->name;
    const auto presets = m_presets->effectPresets(type);
    for (const session::Preset* preset : presets) {
        const QString name = preset->name;
        QAction* action = menu->addAction(preset->factory ? name : tr("%1 (yours)").arg(name));
        action->setToolTip(preset->description);
        action->setStatusTip(preset->description);
        action->setData(name);
        connect(action, &QAction::triggered, this, [this, row, name] { loadEffectPreset(row, name); });
    }
    if (presets.empty())
        menu->addAction(tr("No presets for %1").arg(QString::fromStdString(type)))->setEnabled(false);
}

void MainWindow::showCardMenu(int row, const QPoint& globalPos)
{
    QMenu menu(this);
    QMenu* presets = menu.addMenu(tr("Load E&ffect Preset"));
    fillEffectPresetMenu(presets, row);
    menu.addAction(m_ui->actionSaveEffectPreset);
    menu.addSeparator();
    menu.addAction(m_ui->actionDuplicateEffect);
    menu.addAction(m_ui->actionRemoveEffect);
    menu.exec(globalPos);
}

bool MainWindow::loadEffectPreset(int row, const QString& name)
{
    if (row < 0 || row >= m_model->count())
        return false;
    const RackSlot& slot = m_model->slotAt(row);
    const session::Preset* preset = m_presets->findEffectPreset(slot.type->name, name);
    if (!preset)
        return false;
    try {
        session::Session scratch;
        scratch.rack = preset->entries;
        const dsp::EffectChain chain = session::chainFromSession(scratch);
        const dsp::Effect& effect = chain.at(0);
        QList<int> changed;
        for (int p = 0; p < effect.paramCount(); ++p)
            if (effect.param(p) != m_model->value(row, p) ||
                QString::fromStdString(effect.text(p)) != m_model->text(row, p))
                changed << p;
        if (!changed.isEmpty()) {
            // One undo step for the whole preset, each value through the same command as a knob.
            m_undo->beginMacro(tr("Load preset %1 on %2").arg(name, QString::fromStdString(slot.type->name)));
            for (int p : std::as_const(changed)) {
                if (effect.paramInfo(p).isText())
                    m_undo->push(new SetTextCommand(m_model, row, p, m_model->text(row, p),
                                                    QString::fromStdString(effect.text(p))));
                else
                    m_undo->push(
                        new SetParameterCommand(m_model, row, p, m_model->value(row, p), effect.param(p), 0));
            }
            m_undo->endMacro();
        }
        status(tr("Loaded preset %1").arg(name));
        return true;
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Load Preset"),
                             tr("The preset could not be loaded:\n%1").arg(e.what()));
        return false;
    }
}

void MainWindow::saveRackPreset()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Rack Preset"), tr("Preset name:"),
                                               QLineEdit::Normal, sessionName(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    session::Preset preset;
    preset.kind = session::Preset::Kind::Rack;
    preset.name = name.trimmed();
    preset.entries = session::rackFromChain(m_model->buildChain());
    for (auto& entry : preset.entries)
        entry.id.clear();
    try {
        m_presets->saveUser(preset, true);
        rebuildPresetMenu();
        status(tr("Saved preset %1").arg(preset.name));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save Rack Preset"),
                             tr("The preset could not be saved:\n%1").arg(e.what()));
    }
}

void MainWindow::saveEffectPreset()
{
    const int row = m_rackView->currentRow();
    if (row < 0) {
        status(tr("Select an effect card first."));
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Effect Preset"), tr("Preset name:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    const dsp::EffectChain chain = m_model->buildChain();
    session::Preset preset;
    preset.kind = session::Preset::Kind::Effect;
    preset.name = name.trimmed();
    preset.entries = {session::RackEntry::fromEffect(chain.at(row))};
    preset.entries.front().id.clear();
    try {
        m_presets->saveUser(preset, true);
        status(tr("Saved preset %1").arg(preset.name));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save Effect Preset"),
                             tr("The preset could not be saved:\n%1").arg(e.what()));
    }
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About FXRack"),
                       tr("<h3>FXRack %1</h3><p>Real-time audio effects and batch audio processing.</p>"
                          "<p>Built with Qt %2.</p>")
                           .arg(QStringLiteral(FXRACK_VERSION), QString::fromLatin1(qVersion())));
}

} // namespace fxrack::app
