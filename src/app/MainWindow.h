#pragma once

#include "session/Session.h"

#include <QMainWindow>
#include <QString>
#include <QStringList>
#include <memory>

class QMenu;
class QUndoStack;
class QDockWidget;

namespace Ui {
class MainWindow;
}

namespace fxrack::midi {
struct MidiTarget;
}

namespace fxrack::session {
class Autosaver;
class PresetLibrary;
} // namespace fxrack::session

namespace fxrack::app {

class AppSettings;
class BatchPanel;
class DeviceBar;
class EffectPalette;
class EngineController;
class MeterPanel;
class MidiController;
class MidiMappingDialog;
class RackModel;
class RackView;
class RecoveryBar;
class ResponsePlot;

// The app's window: the live rig (device bar, palette, rack, meters, response plot) and the
// batch view, the menus, the undo stack, sessions with autosave and recovery, presets.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        QString sessionPath;       // empty: the default session
        QString audioApi;          // empty: the session's API; "none": no audio device
        bool probeDevices = true;  // look for audio devices at start
        bool offerRecovery = true; // ask to restore an autosaved session after a crash
        bool autosave = true;
        QString autosaveDir; // empty: the standard state folder

        // A window that touches nothing outside itself at start: no device probe, no recovery
        // offer, no autosave (tests, and scripted use).
        static Options quiet()
        {
            Options o;
            o.probeDevices = false;
            o.offerRecovery = false;
            o.autosave = false;
            return o;
        }
    };

    explicit MainWindow(const Options& options);
    ~MainWindow() override;

    RackModel* rackModel() const { return m_model; }
    RackView* rackView() const { return m_rackView; }
    EffectPalette* palette() const { return m_palette; }
    EngineController* engine() const { return m_engine; }
    DeviceBar* deviceBar() const { return m_deviceBar; }
    MeterPanel* meters() const { return m_meters; }
    ResponsePlot* responsePlot() const { return m_plot; }
    BatchPanel* batchPanel() const { return m_batch; }
    RecoveryBar* recoveryBar() const { return m_recoveryBar; }
    MidiController* midi() const { return m_midi; }
    // Opens the MIDI mapping table (non-modal); the dialog stays the window's.
    MidiMappingDialog* showMidiMappings();
    QUndoStack* undoStack() const { return m_undo; }
    Ui::MainWindow* ui() const { return m_ui.get(); }
    QString sessionPath() const { return m_sessionPath; }
    QString sessionName() const;

    // File actions without dialogs (the menu actions ask for paths, then call these).
    void newSession();
    bool openSession(const QString& path);
    bool saveSessionTo(const QString& path);
    session::Session currentSession() const;

    // Loads an effect preset (factory or the user's, of the slot's type) onto the effect in
    // `row`: one undoable step. False when there is no such preset or slot.
    bool loadEffectPreset(int row, const QString& name);
    // Fills `menu` with the effect presets that fit the effect in `row` (none: a disabled line).
    void fillEffectPresetMenu(QMenu* menu, int row);

    // Whether closing now may go ahead (asks about unsaved changes and a running batch).
    bool confirmClose();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildLivePage();
    void buildMidi();
    // A "Learn MIDI" entry in `control`'s context menu for a global target.
    void addGlobalLearn(QWidget* control, const midi::MidiTarget& target);
    void buildMenus();
    void buildLanguageMenu();
    void rebuildRecentMenu();
    void rebuildPresetMenu();
    void updateTitle();
    void applySession(const session::Session& session);
    void offerRecovery(const QString& dir);
    void restoreRecovery(const QString& path);
    void dropRecoveries();
    bool save();
    bool saveAs();
    void open();
    void saveRackPreset();
    void saveEffectPreset();
    void loadRackPreset(const QString& name);
    void showCardMenu(int row, const QPoint& globalPos);
    void about();
    void status(const QString& text);

    Options m_options;
    std::unique_ptr<Ui::MainWindow> m_ui;
    std::unique_ptr<AppSettings> m_settings;
    QUndoStack* m_undo;
    RackModel* m_model;
    EngineController* m_engine;
    RackView* m_rackView = nullptr;
    EffectPalette* m_palette = nullptr;
    QDockWidget* m_paletteDock = nullptr;
    ResponsePlot* m_plot = nullptr;
    MeterPanel* m_meters = nullptr;
    DeviceBar* m_deviceBar = nullptr;
    BatchPanel* m_batch = nullptr;
    std::unique_ptr<session::PresetLibrary> m_presets;
    session::Autosaver* m_autosaver = nullptr;
    RecoveryBar* m_recoveryBar = nullptr;
    MidiController* m_midi = nullptr;
    MidiMappingDialog* m_midiDialog = nullptr;
    int m_presetIndex = -1;     // the rack preset MIDI stepped to last
    QStringList m_recoveries;   // every stale recovery file found at start, newest first
    session::Session m_session; // audio and batch settings, and keys this version does not know
    QString m_sessionPath;
};

} // namespace fxrack::app
