#pragma once

#include "EngineController.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace fxrack::app {

class LevelMeter;

// Input and output meters with DSP load, the xrun counter (click to reset) and the safety
// stage's events; fed from the engine's telemetry snapshots.
class MeterPanel : public QWidget {
    Q_OBJECT
public:
    explicit MeterPanel(QWidget* parent = nullptr);

    void showSnapshot(const MeterSnapshot& snapshot); // not show(): that would hide QWidget::show()
    void clear();
    LevelMeter* inputMeter() const { return m_in; }
    LevelMeter* outputMeter() const { return m_out; }
    QPushButton* xrunButton() const { return m_xruns; }
    int updates() const { return m_updates; }

signals:
    void resetXrunsRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showCounters();

    LevelMeter* m_in;
    LevelMeter* m_out;
    QLabel* m_load;
    QPushButton* m_xruns;
    QLabel* m_safety;
    QLabel* m_late;
    int m_updates = 0;
    // The counters' last values, so a language change can redraw their texts.
    int m_loadPercent = 0;
    quint64 m_xrunCount = 0;
    quint64 m_safetyCount = 0;
    quint64 m_lateCount = 0;
};

} // namespace fxrack::app
