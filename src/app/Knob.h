#pragma once

#include "dsp/Parameter.h"

#include <QWidget>

class QLineEdit;

namespace fxrack::app {

// A rotary control generated from parameter metadata: label, value with unit, log travel where
// the metadata says so. Drag up/down or turn the wheel (Shift: fine steps), double-click to
// type a value, right-click to reset to the default. It only reports what the user did
// (valueEdited); the model decides, and setValue() shows the outcome.
class Knob : public QWidget {
    Q_OBJECT
public:
    // Pixels of vertical drag for the whole travel; Shift makes it ten times finer.
    static constexpr double kDragPixels = 200.0;
    static constexpr double kWheelStep = 0.01;
    static constexpr double kFineFactor = 0.1;

    explicit Knob(const dsp::ParamInfo& info, QWidget* parent = nullptr);

    const dsp::ParamInfo& info() const { return m_info; }
    // The highest value the knob turns to: below the metadata's maximum where the sample rate
    // bounds it (a cutoff stays below Nyquist). A value typed above it goes to the owner, which
    // clamps it with a note (RackModel::setParameter).
    void setUpperLimit(double limit);
    double upperLimit() const { return m_range.maxValue; }
    double value() const { return m_value; }
    void setValue(double value); // from the model; emits nothing
    QString valueText() const;
    bool isEditing() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // The user asked for `value`; changes of one drag share `gesture` (merged into one undo step).
    void valueEdited(double value, int gesture);
    // A typed value that cannot be used, with the reason (for the status bar).
    void valueRefused(const QString& message);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void request(double value, int gesture);
    void nudge(double positionDelta, int gesture);
    void beginTyping();
    void finishTyping();
    QRectF dialRect() const;
    static int nextGesture();

    dsp::ParamInfo m_info;
    dsp::ParamInfo m_range; // m_info with the travel cut at the upper limit
    double m_value;
    double m_dragPosition = 0.0; // unsnapped travel, so slow drags on discrete knobs still move
    QPointF m_lastPos;
    bool m_dragging = false;
    int m_gesture = 0;
    QLineEdit* m_editor = nullptr;
};

} // namespace fxrack::app
