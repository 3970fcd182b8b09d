#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace fxrack::app {

// The in-window offer to restore the rack an earlier FXRack was autosaving when it ended
// without a clean exit. A bar rather than a modal dialog: the window is usable at once, the
// user answers when ready, and a test can press its buttons like any other widget.
class RecoveryBar : public QFrame {
    Q_OBJECT
public:
    explicit RecoveryBar(QWidget* parent = nullptr);

    // Shows the offer for the recovery file `path`.
    void offer(const QString& path);
    QString recoveryPath() const { return m_path; }
    QLabel* label() const { return m_label; }
    QPushButton* restoreButton() const { return m_restore; }
    QPushButton* discardButton() const { return m_discard; }

signals:
    void restoreRequested(const QString& path);
    void discardRequested(const QString& path);

private:
    void answer(bool restore);

    QString m_path;
    QLabel* m_label;
    QPushButton* m_restore;
    QPushButton* m_discard;
};

} // namespace fxrack::app
