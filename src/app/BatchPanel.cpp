#include "BatchPanel.h"

#include "RackModel.h"
#include "dsp/Errors.h"
#include "io/Batch.h"
#include "io/SoundFileReader.h"
#include "session/BatchReport.h"
#include "session/EngineSettings.h"
#include "session/Preset.h"
#include "ui_BatchPanel.h"

#include <QAudioOutput>
#include <QDesktopServices>
#include <QDir>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMediaPlayer>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QSaveFile>
#include <QStandardItemModel>
#include <QThread>
#include <QUrl>
#include <cmath>
#include <filesystem>

namespace fxrack::app {
namespace {

constexpr int kPathRole = Qt::UserRole + 1;
constexpr int kStateRole = Qt::UserRole + 2;
constexpr int kOutputRole = Qt::UserRole + 3;
constexpr int kDirRole = Qt::UserRole + 4; // the folder under the dropped one, mirrored in the output
enum Column {
    FileColumn,
    StatusColumn,
    ProgressColumn,
    LufsBeforeColumn,
    LufsAfterColumn,
    TruePeakColumn,
    ResultColumn
};

QString decibels(double value)
{
    return std::isfinite(value) ? QLocale().toString(value, 'f', 1) : QStringLiteral("−∞");
}

QString stateText(BatchPanel::FileState state)
{
    switch (state) {
    case BatchPanel::FileState::Waiting:
        return BatchPanel::tr("Waiting");
    case BatchPanel::FileState::Running:
        return BatchPanel::tr("Processing");
    case BatchPanel::FileState::Done:
        return BatchPanel::tr("Done");
    case BatchPanel::FileState::Failed:
        return BatchPanel::tr("Failed");
    case BatchPanel::FileState::Cancelled:
        return BatchPanel::tr("Cancelled");
    }
    return {};
}

QString formatSeconds(double seconds)
{
    const int s = static_cast<int>(seconds + 0.5);
    return s >= 60 ? BatchPanel::tr("%1 min %2 s").arg(s / 60).arg(s % 60) : BatchPanel::tr("%1 s").arg(s);
}

} // namespace

BatchPanel::BatchPanel(RackModel* rack, session::PresetLibrary* presets, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::BatchPanel>()), m_rack(rack), m_presets(presets)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("batchPanel"));
    setAcceptDrops(true);
    m_ui->fileList->header()->setStretchLastSection(true);
    m_ui->fileList->setColumnWidth(FileColumn, 180);
    m_ui->fileList->setColumnWidth(StatusColumn, 100);
    m_ui->fileList->setColumnWidth(ProgressColumn, 120);
    m_ui->playButton->setIcon(QIcon(QStringLiteral(":/icons/play.svg")));
    m_ui->stopPreviewButton->setIcon(QIcon(QStringLiteral(":/icons/stop.svg")));

    m_ui->formatCombo->addItem(tr("Same as input"), QStringLiteral("same"));
    m_ui->formatCombo->addItem(QStringLiteral("WAV"), QStringLiteral("wav"));
    m_ui->formatCombo->addItem(QStringLiteral("FLAC"), QStringLiteral("flac"));
    m_ui->formatCombo->addItem(QStringLiteral("OGG Vorbis"), QStringLiteral("ogg"));
    m_ui->formatCombo->addItem(QStringLiteral("AIFF"), QStringLiteral("aiff"));
    m_ui->formatCombo->addItem(QStringLiteral("Opus"), QStringLiteral("opus"));
    m_ui->formatCombo->addItem(QStringLiteral("MP3"), QStringLiteral("mp3"));

    m_ui->deviceCombo->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_ui->deviceCombo->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    m_ui->deviceCombo->addItem(tr("Automatic"), QStringLiteral("auto"));
    for (int frames : {4096, 16384, 65536, 262144, 1048576})
        m_ui->chunkCombo->addItem(tr("%1 frames").arg(frames), frames);
    m_ui->chunkCombo->setCurrentIndex(2);
    m_ui->ifExistsCombo->addItem(tr("Fail that file"), QStringLiteral("fail"));
    m_ui->ifExistsCombo->addItem(tr("Skip it"), QStringLiteral("skip"));
    m_ui->ifExistsCombo->addItem(tr("Rename the new one"), QStringLiteral("rename"));
    m_ui->ifExistsCombo->addItem(tr("Overwrite"), QStringLiteral("overwrite"));
    m_ui->rateCombo->addItem(tr("Same as input"), 0);
    for (int rate : {44100, 48000, 88200, 96000})
        m_ui->rateCombo->addItem(tr("%1 Hz").arg(rate), rate);
    m_ui->qualitySpin->setSpecialValueText(tr("Default"));
    for (int c : {LufsBeforeColumn, LufsAfterColumn, TruePeakColumn})
        m_ui->fileList->setColumnWidth(c, 90);
    // The limits a session and the CLI have too, so a session's values are never clamped here.
    m_ui->jobsSpin->setMaximum(io::BatchOptions::kMaxJobs);
    m_ui->tailSpin->setMaximum(io::BatchOptions::kMaxTailSeconds);
    m_ui->jobsSpin->setValue(std::max(1, std::min(QThread::idealThreadCount(), 4)));
    refreshPresets();
    updateDeviceNote();

    connect(m_ui->addFilesButton, &QPushButton::clicked, this, [this] {
        const QStringList files =
            QFileDialog::getOpenFileNames(this, tr("Add Audio Files"), QString(),
                                          tr("Audio files (*.wav *.flac *.ogg *.oga *.aiff *.aif *.aifc "
                                             "*.caf *.w64 *.rf64 *.au *.opus *.mp3);;All files (*)"));
        addPaths(files);
    });
    connect(m_ui->addFolderButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add Folder"));
        if (!dir.isEmpty())
            addPaths({dir});
    });
    connect(m_ui->removeButton, &QPushButton::clicked, this, [this] {
        if (!isRunning())
            qDeleteAll(m_ui->fileList->selectedItems());
    });
    connect(m_ui->clearButton, &QPushButton::clicked, this, [this] {
        if (!isRunning())
            m_ui->fileList->clear();
    });
    connect(m_ui->browseButton, &QToolButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Output Folder"), m_ui->folderEdit->text());
        if (!dir.isEmpty())
            m_ui->folderEdit->setText(dir);
    });
    connect(m_ui->openOutputButton, &QPushButton::clicked, this, [this] {
        if (const QString folder = outputFolder(); !folder.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
    });
    connect(m_ui->saveReportButton, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save Report"), outputFolder(), tr("JSON report (*.json)"));
        if (!path.isEmpty() && !saveReport(path))
            m_ui->timeLeftLabel->setText(tr("Cannot write %1").arg(QDir::toNativeSeparators(path)));
    });
    connect(m_ui->startButton, &QPushButton::clicked, this, &BatchPanel::start);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &BatchPanel::cancel);
    connect(m_ui->playButton, &QToolButton::clicked, this, &BatchPanel::playSelected);
    connect(m_ui->fileList, &QTreeWidget::itemDoubleClicked, this, &BatchPanel::playSelected);
    connect(m_ui->stopPreviewButton, &QToolButton::clicked, this, &BatchPanel::stopPreview);
    m_ui->stopPreviewButton->setEnabled(false);
    connect(m_ui->deviceCombo, &QComboBox::currentIndexChanged, this, &BatchPanel::updateDeviceNote);
    connect(m_rack, &RackModel::structureChanged, this, &BatchPanel::updateDeviceNote);
}

BatchPanel::~BatchPanel()
{
    cancel();
    if (m_thread)
        m_thread->wait();
}

bool BatchPanel::isAudioFile(const QString& path)
{
    static const QStringList kSuffixes = {
        QStringLiteral("wav"),  QStringLiteral("flac"), QStringLiteral("ogg"),  QStringLiteral("oga"),
        QStringLiteral("aiff"), QStringLiteral("aif"),  QStringLiteral("aifc"), QStringLiteral("caf"),
        QStringLiteral("w64"),  QStringLiteral("rf64"), QStringLiteral("au"),   QStringLiteral("opus"),
        QStringLiteral("mp3")};
    return kSuffixes.contains(QFileInfo(path).suffix().toLower());
}

int BatchPanel::addPaths(const QStringList& paths)
{
    // Each file with the folder it sits in under the folder given ("" for a file given), which
    // the output folder mirrors.
    QList<QPair<QString, QString>> files;
    const bool recursive = m_ui->recursiveCheck->isChecked();
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QDirIterator it(path, QDir::Files | QDir::Readable,
                            recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
            QStringList found;
            while (it.hasNext()) {
                const QString file = it.next();
                if (isAudioFile(file))
                    found << file;
            }
            found.sort();
            const QDir root(info.absoluteFilePath());
            for (const QString& file : std::as_const(found)) {
                const QString dir = root.relativeFilePath(QFileInfo(file).absolutePath());
                files.append(
                    {QFileInfo(file).absoluteFilePath(), dir == QLatin1String(".") ? QString() : dir});
            }
        } else if (info.isFile() && isAudioFile(path)) {
            files.append({info.absoluteFilePath(), QString()});
        }
    }
    QSet<QString> listed;
    for (int row = 0; row < fileCount(); ++row)
        listed.insert(m_ui->fileList->topLevelItem(row)->data(FileColumn, kPathRole).toString());
    int added = 0;
    for (const auto& [file, dir] : std::as_const(files)) {
        if (listed.contains(file))
            continue;
        listed.insert(file);
        // The name in the row, the folder in its tooltip.
        auto* item = new QTreeWidgetItem(m_ui->fileList, {QFileInfo(file).fileName()});
        item->setData(FileColumn, kPathRole, file);
        item->setData(FileColumn, kDirRole, dir);
        item->setToolTip(FileColumn, QDir::toNativeSeparators(QFileInfo(file).absolutePath()));
        setState(item, FileState::Waiting);
        ++added;
    }
    m_ui->dropHint->setVisible(fileCount() == 0);
    m_ui->openOutputButton->setEnabled(!isRunning() && !outputFolder().isEmpty());
    return added;
}

int BatchPanel::fileCount() const
{
    return m_ui->fileList->topLevelItemCount();
}

BatchPanel::FileState BatchPanel::fileState(int row) const
{
    return static_cast<FileState>(m_ui->fileList->topLevelItem(row)->data(StatusColumn, kStateRole).toInt());
}

QString BatchPanel::fileResult(int row) const
{
    return m_ui->fileList->topLevelItem(row)->text(ResultColumn);
}

QString BatchPanel::outputPath(int row) const
{
    return m_ui->fileList->topLevelItem(row)->data(ResultColumn, kOutputRole).toString();
}

void BatchPanel::setState(QTreeWidgetItem* item, FileState state, const QString& result)
{
    item->setData(StatusColumn, kStateRole, static_cast<int>(state));
    item->setText(StatusColumn, stateText(state));
    item->setText(ResultColumn, result);
    item->setToolTip(ResultColumn, result);
    auto* bar = qobject_cast<QProgressBar*>(m_ui->fileList->itemWidget(item, ProgressColumn));
    if (!bar) {
        bar = new QProgressBar;
        bar->setRange(0, 1000);
        bar->setTextVisible(false);
        m_ui->fileList->setItemWidget(item, ProgressColumn, bar);
    }
    if (state == FileState::Waiting)
        bar->setValue(0);
    else if (state == FileState::Done)
        bar->setValue(1000);
    // A failed file is not "complete": no bar, its reason in its place.
    bar->setVisible(state != FileState::Failed);
    item->setText(ProgressColumn, state == FileState::Failed ? result : QString());
    item->setToolTip(ProgressColumn, state == FileState::Failed ? result : QString());
    if (state == FileState::Waiting)
        for (int c : {LufsBeforeColumn, LufsAfterColumn, TruePeakColumn})
            item->setText(c, QString());
    QColor color;
    if (state == FileState::Failed)
        color = QColor(198, 40, 40);
    else if (state == FileState::Done)
        color = QColor(46, 125, 50);
    item->setForeground(StatusColumn, color.isValid() ? QBrush(color) : QBrush());
}

void BatchPanel::refreshPresets()
{
    const QString keep = m_ui->chainCombo->currentData().toString();
    m_ui->chainCombo->clear();
    m_ui->chainCombo->addItem(tr("The live rack"), QString());
    if (m_presets)
        for (const session::Preset* preset : m_presets->rackPresets())
            m_ui->chainCombo->addItem(tr("Preset: %1").arg(preset->name), preset->name);
    const int index = m_ui->chainCombo->findData(keep);
    m_ui->chainCombo->setCurrentIndex(std::max(0, index));
}

void BatchPanel::updateDeviceNote()
{
    // CUDA is offered only where it can run; the item says why not otherwise.
    auto* model = qobject_cast<QStandardItemModel*>(m_ui->deviceCombo->model());
    QString why;
    if (!io::cudaCompiledIn()) {
        why = tr("this build of FXRack has no CUDA support");
    } else {
        try {
            const io::ComputeDeviceChoice choice =
                io::chooseComputeDevice(io::ComputeDevice::Cuda, m_rack->buildChain());
            if (choice.device != io::ComputeDevice::Cuda)
                why = QString::fromStdString(choice.reason);
        } catch (const std::exception& e) {
            why = QString::fromStdString(e.what());
        }
    }
    if (QStandardItem* cuda = model->item(1)) {
        cuda->setEnabled(why.isEmpty());
        cuda->setToolTip(why.isEmpty() ? QString() : tr("Not available: %1").arg(why));
        const QString gpu = QString::fromStdString(io::cudaDeviceName());
        cuda->setText(!why.isEmpty()  ? tr("CUDA GPU (not available)")
                      : gpu.isEmpty() ? tr("CUDA GPU")
                                      : tr("CUDA GPU (%1)").arg(gpu));
    }
    if (!why.isEmpty() && m_ui->deviceCombo->currentIndex() == 1)
        m_ui->deviceCombo->setCurrentIndex(0);
    m_ui->deviceNote->setText(why.isEmpty() ? QString() : tr("CUDA: %1.").arg(why));
}

session::BatchSettings BatchPanel::settings(session::BatchSettings base) const
{
    base.outputDir = m_ui->folderEdit->text();
    base.suffix = m_ui->suffixEdit->text();
    base.format = m_ui->formatCombo->currentData().toString();
    base.device = m_ui->deviceCombo->currentData().toString();
    base.chunkFrames = m_ui->chunkCombo->currentData().toInt();
    base.jobs = m_ui->jobsSpin->value();
    base.tailSeconds = m_ui->tailSpin->value();
    base.nameTemplate = m_ui->nameEdit->text();
    base.ifExists = m_ui->ifExistsCombo->currentData().toString();
    base.quality = m_ui->qualitySpin->value() < 0.0 ? -1.0 : m_ui->qualitySpin->value();
    base.sampleRate = m_ui->rateCombo->currentData().toInt();
    base.recursive = m_ui->recursiveCheck->isChecked();
    return base;
}

void BatchPanel::setSettings(const session::BatchSettings& s)
{
    m_ui->folderEdit->setText(s.outputDir);
    m_ui->suffixEdit->setText(s.suffix);
    m_ui->formatCombo->setCurrentIndex(std::max(0, m_ui->formatCombo->findData(s.format)));
    const int device = m_ui->deviceCombo->findData(s.device);
    m_ui->deviceCombo->setCurrentIndex(device >= 0 ? device : 2);
    int chunk = m_ui->chunkCombo->findData(s.chunkFrames);
    if (chunk < 0) {
        m_ui->chunkCombo->addItem(tr("%1 frames").arg(s.chunkFrames), s.chunkFrames);
        chunk = m_ui->chunkCombo->count() - 1;
    }
    m_ui->chunkCombo->setCurrentIndex(chunk);
    m_ui->jobsSpin->setValue(s.jobs);
    m_ui->tailSpin->setValue(s.tailSeconds);
    m_ui->nameEdit->setText(s.nameTemplate);
    m_ui->ifExistsCombo->setCurrentIndex(std::max(0, m_ui->ifExistsCombo->findData(s.ifExists)));
    m_ui->qualitySpin->setValue(s.quality < 0.0 ? m_ui->qualitySpin->minimum() : s.quality);
    int rate = m_ui->rateCombo->findData(s.sampleRate);
    if (rate < 0) {
        m_ui->rateCombo->addItem(tr("%1 Hz").arg(s.sampleRate), s.sampleRate);
        rate = m_ui->rateCombo->count() - 1;
    }
    m_ui->rateCombo->setCurrentIndex(rate);
    m_ui->recursiveCheck->setChecked(s.recursive);
    updateDeviceNote();
}

bool BatchPanel::start()
{
    if (isRunning())
        return false;
    if (fileCount() == 0) {
        m_ui->timeLeftLabel->setText(tr("Add files first."));
        return false;
    }
    dsp::EffectChain chain;
    try {
        const QString preset = m_ui->chainCombo->currentData().toString();
        const session::Preset* p =
            preset.isEmpty() || !m_presets ? nullptr : m_presets->findRackPreset(preset);
        if (p) {
            session::Session scratch;
            scratch.rack = p->entries;
            chain = session::chainFromSession(scratch);
        } else {
            chain = m_rack->buildChain();
        }
    } catch (const std::exception& e) {
        m_ui->timeLeftLabel->setText(QString::fromStdString(e.what()));
        return false;
    }

    if (!checkRates(chain))
        return false;

    const session::BatchSettings s = settings();
    io::BatchOptions options = session::batchOptions(s);
    options.measureLoudness = true; // the LUFS and true-peak columns

    // Named as the CLI names them ({index} counts the whole list); a dropped folder's tree is
    // mirrored under the output folder, or each file stays beside its input.
    std::vector<io::BatchInput> inputs;
    for (int row = 0; row < fileCount(); ++row) {
        const QTreeWidgetItem* item = m_ui->fileList->topLevelItem(row);
        inputs.push_back({item->data(FileColumn, kPathRole).toString().toStdString(),
                          s.outputDir.isEmpty() ? std::string()
                                                : item->data(FileColumn, kDirRole).toString().toStdString()});
    }
    io::BatchNaming naming;
    naming.outDir = s.outputDir.toStdString();
    naming.suffix = s.suffix.toStdString();
    naming.nameTemplate = s.nameTemplate.toStdString();
    naming.preset = m_ui->chainCombo->currentData().toString().isEmpty()
                        ? std::string("rack")
                        : m_ui->chainCombo->currentData().toString().toStdString();
    std::vector<io::BatchJob> jobs = io::makeBatchJobs(inputs, naming, options.output);
    for (int row = 0; row < fileCount(); ++row) {
        QTreeWidgetItem* item = m_ui->fileList->topLevelItem(row);
        if (s.outputDir.isEmpty()) { // beside each input
            const std::filesystem::path out(jobs[size_t(row)].output);
            jobs[size_t(row)].output =
                (std::filesystem::path(
                     QFileInfo(item->data(FileColumn, kPathRole).toString()).absolutePath().toStdString()) /
                 out.filename())
                    .string();
        }
        item->setData(ResultColumn, kOutputRole, QString::fromStdString(jobs[size_t(row)].output));
        setState(item, FileState::Waiting);
    }
    if (!s.outputDir.isEmpty())
        QDir().mkpath(s.outputDir);

    m_runner = std::make_shared<io::BatchRunner>(chain, options);
    QPointer<BatchPanel> self(this);
    auto runner = m_runner;
    m_thread = QThread::create([self, runner, jobs] {
        auto results = runner->run(jobs, [self](const io::BatchProgress& progress) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, progress] {
                    if (self)
                        self->onProgress(progress);
                },
                Qt::QueuedConnection);
        });
        QMetaObject::invokeMethod(
            self.data(),
            [self, results] {
                if (self)
                    self->onFinished(results);
            },
            Qt::QueuedConnection);
    });
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    m_elapsed.start();
    setRunning(true);
    m_ui->overallProgress->setValue(0);
    m_ui->timeLeftLabel->setText(tr("Starting…"));
    m_thread->start();
    return true;
}

bool BatchPanel::checkRates(const dsp::EffectChain& chain)
{
    // Each file runs at its own rate: a cutoff fine at 48 kHz is at or above Nyquist at 22.05 kHz.
    // Checked before anything starts, so a whole batch never fails file by file on one value.
    // Files that cannot be read are left to the run, which reports them one by one.
    QStringList refused;
    for (int row = 0; row < fileCount(); ++row) {
        QTreeWidgetItem* item = m_ui->fileList->topLevelItem(row);
        const QString input = item->data(FileColumn, kPathRole).toString();
        double rate = 0.0;
        try {
            rate = io::SoundFileReader(input.toStdString()).info().sampleRate;
        } catch (const std::exception&) {
            continue;
        }
        try {
            chain.validate(rate);
            setState(item, FileState::Waiting);
        } catch (const dsp::ParameterError& e) {
            const QString why = tr("%1 at %2 Hz: %3")
                                    .arg(QFileInfo(input).fileName(), QLocale().toString(rate, 'f', 0),
                                         QString::fromStdString(e.what()));
            setState(item, FileState::Failed, why);
            refused << why;
        }
    }
    m_ui->timeLeftLabel->setToolTip(refused.join(QLatin1Char('\n')));
    if (refused.isEmpty())
        return true;
    m_ui->timeLeftLabel->setText(refused.size() == 1
                                     ? tr("Not started: %1").arg(refused.front())
                                     : tr("Not started, %1 files cannot run this chain; first: %2")
                                           .arg(refused.size())
                                           .arg(refused.front()));
    return false;
}

void BatchPanel::cancel()
{
    if (m_runner)
        m_runner->cancel();
}

void BatchPanel::cancelAndWait()
{
    cancel();
    if (!m_thread)
        return;
    m_thread->wait();
    // The results are queued to this object; show them now, so the list says what became of
    // each file before the window goes.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

void BatchPanel::onProgress(const io::BatchProgress& progress)
{
    if (QTreeWidgetItem* item = m_ui->fileList->topLevelItem(progress.fileIndex)) {
        if (static_cast<FileState>(item->data(StatusColumn, kStateRole).toInt()) == FileState::Waiting)
            setState(item, FileState::Running);
        if (auto* bar = qobject_cast<QProgressBar*>(m_ui->fileList->itemWidget(item, ProgressColumn)))
            bar->setValue(static_cast<int>(progress.fileFraction * 1000));
    }
    m_ui->overallProgress->setValue(static_cast<int>(progress.overallFraction * 100));
    if (progress.secondsLeft >= 0)
        m_ui->timeLeftLabel->setText(tr("%1 left").arg(formatSeconds(progress.secondsLeft)));
}

void BatchPanel::onFinished(const std::vector<io::BatchResult>& results)
{
    if (m_thread) {
        m_thread->wait();
        m_thread = nullptr;
    }
    int done = 0;
    int failed = 0;
    for (size_t i = 0; i < results.size(); ++i) {
        QTreeWidgetItem* item = m_ui->fileList->topLevelItem(static_cast<int>(i));
        if (!item)
            continue;
        const io::BatchResult& r = results[i];
        if (r.skipped) {
            ++done;
            setState(item, FileState::Done,
                     tr("%1 · kept as it was")
                         .arg(QDir::toNativeSeparators(QString::fromStdString(r.job.output))));
            item->setData(ResultColumn, kOutputRole, QString::fromStdString(r.job.output));
        } else if (r.ok) {
            ++done;
            setState(item, FileState::Done,
                     tr("%1 · %2× real time")
                         .arg(QDir::toNativeSeparators(QString::fromStdString(r.report.output)))
                         .arg(QLocale().toString(r.report.realtimeFactor(), 'f', 1)));
            item->setData(ResultColumn, kOutputRole, QString::fromStdString(r.report.output));
            if (r.report.before && r.report.after) {
                item->setText(LufsBeforeColumn, decibels(r.report.before->integratedLufs));
                item->setText(LufsAfterColumn, decibels(r.report.after->integratedLufs));
                item->setText(TruePeakColumn, decibels(r.report.after->truePeakDb));
                item->setToolTip(
                    TruePeakColumn,
                    tr("True peak after, dBTP (before: %1 dBTP)").arg(decibels(r.report.before->truePeakDb)));
            }
        } else if (r.cancelled) {
            setState(item, FileState::Cancelled);
        } else {
            ++failed;
            setState(item, FileState::Failed, QString::fromStdString(r.error));
        }
    }
    m_runner.reset();
    m_results = results;
    m_runSeconds = m_elapsed.elapsed() / 1000.0;
    setRunning(false);
    m_ui->overallProgress->setValue(100);
    m_ui->timeLeftLabel->setText(tr("%1 done, %2 failed in %3")
                                     .arg(done)
                                     .arg(failed)
                                     .arg(formatSeconds(m_elapsed.elapsed() / 1000.0)));
    emit finished(done, failed);
}

void BatchPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        // retranslateUi resets what the panel writes itself: keep those texts, redraw the rest.
        const QString timeLeft = m_ui->timeLeftLabel->text();
        const QString preview = m_ui->previewLabel->text();
        m_ui->retranslateUi(this);
        m_ui->timeLeftLabel->setText(timeLeft);
        m_ui->previewLabel->setText(preview);
        m_ui->formatCombo->setItemText(m_ui->formatCombo->findData(QStringLiteral("same")),
                                       tr("Same as input"));
        m_ui->deviceCombo->setItemText(m_ui->deviceCombo->findData(QStringLiteral("cpu")), tr("CPU"));
        m_ui->deviceCombo->setItemText(m_ui->deviceCombo->findData(QStringLiteral("auto")), tr("Automatic"));
        for (int i = 0; i < m_ui->chunkCombo->count(); ++i)
            m_ui->chunkCombo->setItemText(i, tr("%1 frames").arg(m_ui->chunkCombo->itemData(i).toInt()));
        const QStringList policies{tr("Fail that file"), tr("Skip it"), tr("Rename the new one"),
                                   tr("Overwrite")};
        for (int i = 0; i < m_ui->ifExistsCombo->count() && i < policies.size(); ++i)
            m_ui->ifExistsCombo->setItemText(i, policies[i]);
        m_ui->rateCombo->setItemText(0, tr("Same as input"));
        for (int i = 1; i < m_ui->rateCombo->count(); ++i)
            m_ui->rateCombo->setItemText(i, tr("%1 Hz").arg(m_ui->rateCombo->itemData(i).toInt()));
        m_ui->qualitySpin->setSpecialValueText(tr("Default"));
        refreshPresets();
        updateDeviceNote();
        for (int i = 0; i < m_ui->fileList->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = m_ui->fileList->topLevelItem(i);
            item->setText(StatusColumn,
                          stateText(static_cast<FileState>(item->data(StatusColumn, kStateRole).toInt())));
        }
        setRunning(isRunning());
    }
    QWidget::changeEvent(event);
}

QString BatchPanel::outputFolder() const
{
    if (!m_ui->folderEdit->text().isEmpty())
        return m_ui->folderEdit->text();
    if (fileCount() == 0)
        return {};
    return QFileInfo(m_ui->fileList->topLevelItem(0)->data(FileColumn, kPathRole).toString()).absolutePath();
}

bool BatchPanel::saveReport(const QString& path) const
{
    if (m_results.empty())
        return false;
    std::vector<size_t> indices(m_results.size());
    for (size_t i = 0; i < indices.size(); ++i)
        indices[i] = i;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(session::batchReportJson(m_results, indices, m_runSeconds));
    return file.commit();
}

QString BatchPanel::loudnessText(int row, int which) const
{
    const QTreeWidgetItem* item = m_ui->fileList->topLevelItem(row);
    return item ? item->text(LufsBeforeColumn + which) : QString();
}

void BatchPanel::setRunning(bool running)
{
    m_ui->startButton->setEnabled(!running);
    m_ui->openOutputButton->setEnabled(!running && !outputFolder().isEmpty());
    m_ui->saveReportButton->setEnabled(!running && !m_results.empty());
    m_ui->cancelButton->setEnabled(running);
    for (QWidget* w :
         {static_cast<QWidget*>(m_ui->addFilesButton), static_cast<QWidget*>(m_ui->addFolderButton),
          static_cast<QWidget*>(m_ui->removeButton), static_cast<QWidget*>(m_ui->clearButton),
          static_cast<QWidget*>(m_ui->outputGroup)})
        w->setEnabled(!running);
}

void BatchPanel::playSelected()
{
    if (QTreeWidgetItem* item = m_ui->fileList->currentItem())
        preview(m_ui->fileList->indexOfTopLevelItem(item));
}

bool BatchPanel::preview(int row)
{
    QTreeWidgetItem* item = m_ui->fileList->topLevelItem(row);
    if (!item)
        return false;
    m_ui->fileList->setCurrentItem(item);
    const bool done = static_cast<FileState>(item->data(StatusColumn, kStateRole).toInt()) == FileState::Done;
    const QString path = done ? item->data(ResultColumn, kOutputRole).toString()
                              : item->data(FileColumn, kPathRole).toString();
    if (!m_player) {
        m_player = new QMediaPlayer(this);
        m_audioOut = new QAudioOutput(this);
        m_player->setAudioOutput(m_audioOut);
        connect(m_player, &QMediaPlayer::errorOccurred, this,
                [this](QMediaPlayer::Error, const QString& text) {
                    m_ui->previewLabel->setText(tr("Cannot play: %1").arg(text));
                });
        connect(m_player, &QMediaPlayer::playbackStateChanged, this,
                [this](QMediaPlayer::PlaybackState state) {
                    m_ui->stopPreviewButton->setEnabled(state != QMediaPlayer::StoppedState);
                    if (state == QMediaPlayer::StoppedState && m_player->error() == QMediaPlayer::NoError)
                        m_ui->previewLabel->clear();
                });
    }
    m_player->setSource(QUrl::fromLocalFile(path));
    m_ui->previewLabel->setText(
        (done ? tr("Playing the result: %1") : tr("Playing the input: %1")).arg(QFileInfo(path).fileName()));
    m_player->play();
    return true;
}

void BatchPanel::stopPreview()
{
    if (m_player)
        m_player->stop();
}

void BatchPanel::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && !isRunning())
        event->acceptProposedAction();
}

void BatchPanel::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (addPaths(paths) > 0 || !paths.isEmpty())
        event->acceptProposedAction();
}

} // namespace fxrack::app
