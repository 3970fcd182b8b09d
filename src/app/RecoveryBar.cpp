#include "RecoveryBar.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace fxrack::app {

RecoveryBar::RecoveryBar(QWidget* parent)
    : QFrame(parent), m_label(new QLabel(this)), m_restore(new QPushButton(tr("&Restore"), this)),
      m_discard(new QPushButton(tr("&Discard"), this))
{
    setObjectName(QStringLiteral("recoveryBar"));
    setFrameShape(QFrame::StyledPanel);
    // A warm colour that reads as "needs an answer" in light and dark themes alike.
    setStyleSheet(QStringLiteral("#recoveryBar { background: #fff3cd; border: 1px solid #e0b84c; }"
                                 "#recoveryBar QLabel { color: #533f03; }"));
    m_label->setWordWrap(true);
    m_restore->setObjectName(QStringLiteral("recoveryRestoreButton"));
    m_discard->setObjectName(QStringLiteral("recoveryDiscardButton"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_restore);
    layout->addWidget(m_discard);
    connect(m_restore, &QPushButton::clicked, this, [this] { answer(true); });
    connect(m_discard, &QPushButton::clicked, this, [this] { answer(false); });
    hide();
}

void RecoveryBar::offer(const QString& path)
{
    m_path = path;
    const QString when = QLocale().toString(QFileInfo(path).lastModified(), QLocale::ShortFormat);
    m_label->setText(tr("FXRack did not close properly last time. Restore the rack it was saving "
                        "automatically (%1)?")
                         .arg(when));
    show();
}

void RecoveryBar::answer(bool restore)
{
    const QString path = m_path;
    m_path.clear();
    hide();
    if (restore)
        emit restoreRequested(path);
    else
        emit discardRequested(path);
}

} // namespace fxrack::app
