#pragma once

#include <QFrame>
#include <QList>
#include <QPoint>

class QAction;
class QLabel;
class QToolButton;

namespace fxrack::app {

class Knob;
class RackModel;

// One effect of the rack as a card: a header to drag it by, its name, bypass, duplicate and
// remove buttons, and one control per parameter generated from the metadata (knobs for
// continuous values, spin and combo boxes for structural ones). Edits go to the model (and so
// through the undo stack); refresh() shows the model's values.
class EffectCard : public QFrame {
    Q_OBJECT
public:
    EffectCard(RackModel* model, quint64 uid, QWidget* parent = nullptr);

    quint64 uid() const { return m_uid; }
    int row() const;
    void refresh();
    void setSelected(bool selected);
    bool isSelected() const { return m_selected; }
    // The knob of parameter `paramId`, or null when it is shown another way.
    Knob* knob(int paramId) const;
    QWidget* control(int paramId) const { return m_controls.value(paramId); }
    QToolButton* bypassButton() const { return m_bypass; }
    // The note under the controls when a value was clamped (empty and hidden otherwise).
    QString noteText() const;
    // The line that says a text parameter's file (an impulse response) cannot be used; empty
    // and hidden when it can.
    QString problemText() const;
    // "loading…" while the live engine loads the file of a text parameter; empty otherwise.
    QString loadingText() const;
    // MIDI learn: every control (and the bypass switch) has a "Learn MIDI" action in its context
    // menu, which emits learnRequested. setLearning shows that the card waits for a controller
    // for `paramId` (-1: bypass); kNotLearning ends it.
    static constexpr int kNotLearning = -2;
    void setLearning(int paramId);
    int learningParam() const { return m_learning; }
    QAction* learnAction(int paramId) const;

signals:
    void clicked(quint64 uid);
    void message(const QString& text);
    void learnRequested(quint64 uid, int paramId);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void buildControls();
    void edit(int paramId, double value, int gesture = 0);
    bool inHeader(const QPoint& pos) const;
    void showClamped(int paramId, double used, const QString& note);
    void addLearnActions();
    // A hidden word-wrapped line under the controls, shown when there is something to say.
    QLabel* addNote(const QString& name, const QString& style = {});
    QWidget* makeFileButton(int paramId);
    void chooseFile(int paramId);
    void refreshFile(int paramId, QToolButton* button);

    RackModel* m_model;
    quint64 m_uid;
    QWidget* m_header = nullptr;
    QLabel* m_title = nullptr;
    QToolButton* m_bypass = nullptr;
    QList<QWidget*> m_controls;
    QLabel* m_note = nullptr;
    int m_noteParam = -1; // the note stands while this parameter keeps the clamped value
    double m_noteValue = 0.0;
    QPoint m_pressPos;
    bool m_pressedInHeader = false;
    bool m_selected = false;
    QLabel* m_problem = nullptr;
    QString m_checkedPath;   // the file m_headerProblem was worked out for
    QString m_headerProblem; // what its header says is wrong with it
    bool m_fileChecked = false;
    QLabel* m_loading = nullptr;
    QLabel* m_learnNote = nullptr;
    int m_learning = kNotLearning;
};

} // namespace fxrack::app
