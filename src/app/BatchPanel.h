#pragma once

#include "session/Session.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

class QAudioOutput;
class QMediaPlayer;
class QThread;
class QTreeWidgetItem;

namespace Ui {
class BatchPanel;
}

namespace fxrack::dsp {
class EffectChain;
}

namespace fxrack::io {
class BatchRunner;
struct BatchProgress;
struct BatchResult;
} // namespace fxrack::io

namespace fxrack::session {
class PresetLibrary;
}

namespace fxrack::app {

class RackModel;

// The batch view: audio files (dropped, or added by dialog; a folder with its subfolders, mirrored
// under the output folder) run through the live rack's chain or a rack preset, on worker threads,
// with per-file status, progress, loudness before and after, true peak and result, overall
// progress with the time left, cancel, a preview of each result, the output folder and a report.
class BatchPanel : public QWidget {
    Q_OBJECT
public:
    enum class FileState { Waiting, Running, Done, Failed, Cancelled };

    BatchPanel(RackModel* rack, session::PresetLibrary* presets, QWidget* parent = nullptr);
    ~BatchPanel() override;

    Ui::BatchPanel* ui() const { return m_ui.get(); }
    // Adds files, and the audio files of folders (recursively); returns how many were added.
    int addPaths(const QStringList& paths);
    int fileCount() const;
    FileState fileState(int row) const;
    QString fileResult(int row) const;
    QString outputPath(int row) const;
    bool isRunning() const { return m_thread != nullptr; }
    // Starts the batch; false (with a message in the view) when there is nothing to do, or when a
    // file's sample rate refuses the chain (each such file is marked, naming the parameter).
    bool start();
    void cancel();
    // Cancels and returns once the workers stopped and removed their partial outputs (within one
    // chunk): for closing the window, when nothing may be left half written behind it.
    void cancelAndWait();
    void refreshPresets();
    // Plays a file of the list through the default audio output: its result once it is done,
    // else the input (to compare). False for a row that does not exist.
    bool preview(int row);
    void stopPreview();
    // Null until the first preview (creating a player opens the media backend).
    QMediaPlayer* previewPlayer() const { return m_player; }

    // The folder the outputs go to (the chosen one, else the first input's); empty before any.
    QString outputFolder() const;
    // Writes the last run's JSON report (session::batchReportJson); false when there is none or
    // it cannot be written.
    bool saveReport(const QString& path) const;
    // "-14.2" style loudness of a row's columns, for tests: before, after, true peak.
    QString loudnessText(int row, int which) const;

    session::BatchSettings settings(session::BatchSettings base = {}) const;
    void setSettings(const session::BatchSettings& settings);

    static bool isAudioFile(const QString& path);

signals:
    void finished(int done, int failed);

protected:
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void onProgress(const io::BatchProgress& progress);
    void onFinished(const std::vector<io::BatchResult>& results);
    void setRunning(bool running);
    void setState(QTreeWidgetItem* item, FileState state, const QString& result = {});
    void playSelected();
    void updateDeviceNote();
    // Checks `chain` at each file's own rate; false (naming file, effect and parameter in the
    // list and the status line) when any file cannot run it.
    bool checkRates(const dsp::EffectChain& chain);

    std::unique_ptr<Ui::BatchPanel> m_ui;
    RackModel* m_rack;
    session::PresetLibrary* m_presets;
    std::shared_ptr<io::BatchRunner> m_runner;
    QThread* m_thread = nullptr;
    QElapsedTimer m_elapsed;
    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_audioOut = nullptr;
    std::vector<io::BatchResult> m_results; // the last run's, for "Save report…"
    double m_runSeconds = 0.0;
};

} // namespace fxrack::app
