#include "RackView.h"

#include "EffectCard.h"
#include "RackModel.h"

#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>

namespace fxrack::app {

RackView::RackView(RackModel* model, QWidget* parent) : QScrollArea(parent), m_model(model)
{
    setObjectName(QStringLiteral("rackView"));
    setAcceptDrops(true);
    setWidgetResizable(true);
    setFocusPolicy(Qt::StrongFocus);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_strip = new QWidget;
    m_strip->setAcceptDrops(false); // drops are handled here, for the whole area
    m_layout = new QHBoxLayout(m_strip);
    m_layout->setContentsMargins(6, 6, 6, 6);
    m_layout->setSpacing(6);
    m_emptyHint = new QLabel(emptyHintText(), m_strip);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setEnabled(false);
    m_indicator = new QWidget(m_strip);
    m_indicator->setFixedWidth(4);
    m_indicator->setAutoFillBackground(true);
    QPalette pal = m_indicator->palette();
    pal.setColor(QPalette::Window, pal.color(QPalette::Highlight));
    m_indicator->setPalette(pal);
    m_indicator->hide();
    setWidget(m_strip);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &RackView::sync);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &RackView::sync);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &RackView::sync);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RackView::sync);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& a, const QModelIndex& b) { refreshRows(a.row(), b.row()); });
    sync();
}

QString RackView::emptyHintText()
{
    return tr("The rack is empty.\nDrag effects here from the palette, or double-click one.");
}

void RackView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Cards are generated from the metadata with translated labels: build them again.
        m_emptyHint->setText(emptyHintText());
        for (EffectCard* c : std::as_const(m_cards)) {
            c->hide();
            c->deleteLater();
        }
        m_cards.clear();
        sync();
    }
    QScrollArea::changeEvent(event);
}

EffectCard* RackView::card(int row) const
{
    if (row < 0 || row >= m_model->count())
        return nullptr;
    return m_cards.value(m_model->slotAt(row).uid);
}

int RackView::currentRow() const
{
    return m_model->rowOfUid(m_current);
}

void RackView::setCurrentRow(int row)
{
    m_current = row >= 0 && row < m_model->count() ? m_model->slotAt(row).uid : 0;
    for (EffectCard* c : std::as_const(m_cards))
        c->setSelected(c->uid() == m_current);
}

void RackView::sync()
{
    // Cards keep their identity (and focus, and editor state) across moves: reuse by uid.
    QHash<quint64, EffectCard*> keep;
    while (m_layout->count() > 0)
        m_layout->takeAt(0); // the widgets stay, only the layout items go
    for (int row = 0; row < m_model->count(); ++row) {
        const quint64 uid = m_model->slotAt(row).uid;
        EffectCard* c = m_cards.take(uid);
        if (!c) {
            c = new EffectCard(m_model, uid, m_strip);
            connect(c, &EffectCard::clicked, this, [this](quint64 id) {
                setCurrentRow(m_model->rowOfUid(id));
                setFocus(Qt::MouseFocusReason);
            });
            connect(c, &EffectCard::message, this, &RackView::message);
            connect(c, &EffectCard::learnRequested, this, &RackView::learnRequested);
            connect(c, &QWidget::customContextMenuRequested, this, [this, c](const QPoint& pos) {
                const int at = m_model->rowOfUid(c->uid());
                setCurrentRow(at);
                emit cardMenuRequested(at, c->mapToGlobal(pos));
            });
        }
        c->refresh();
        c->show();
        m_layout->addWidget(c);
        keep.insert(uid, c);
    }
    for (EffectCard* gone : std::as_const(m_cards))
        gone->deleteLater();
    m_cards = keep;
    m_emptyHint->setVisible(m_model->count() == 0);
    m_layout->addWidget(m_emptyHint, m_model->count() == 0 ? 1 : 0);
    m_layout->addStretch(1);
    if (currentRow() < 0)
        m_current = 0;
    setCurrentRow(currentRow());
}

void RackView::refreshRows(int first, int last)
{
    for (int row = first; row <= last; ++row)
        if (EffectCard* c = card(row))
            c->refresh();
}

int RackView::dropRow(const QPoint& pos) const
{
    const QPoint p = m_strip->mapFrom(viewport(), pos);
    for (int row = 0; row < m_model->count(); ++row) {
        const EffectCard* c = card(row);
        if (c && p.x() < c->geometry().center().x())
            return row;
    }
    return m_model->count();
}

void RackView::showIndicator(int row)
{
    int x = 3;
    if (const EffectCard* c = card(row))
        x = c->geometry().left() - 5;
    else if (const EffectCard* last = card(m_model->count() - 1))
        x = last->geometry().right() + 2;
    m_indicator->setGeometry(x, 4, 4, m_strip->height() - 8);
    m_indicator->raise();
    m_indicator->show();
}

void RackView::dragEnterEvent(QDragEnterEvent* event)
{
    dragMoveEvent(event); // an enter is the first move: the same answer and indicator
}

void RackView::dragMoveEvent(QDragMoveEvent* event)
{
    const int row = dropRow(event->position().toPoint());
    if (m_model->canDropMimeData(event->mimeData(), event->proposedAction(), row, 0, {})) {
        event->acceptProposedAction();
        showIndicator(row);
    } else {
        event->ignore();
    }
}

void RackView::dragLeaveEvent(QDragLeaveEvent* event)
{
    m_indicator->hide();
    QScrollArea::dragLeaveEvent(event);
}

void RackView::dropEvent(QDropEvent* event)
{
    m_indicator->hide();
    const int row = dropRow(event->position().toPoint());
    if (m_model->dropMimeData(event->mimeData(), event->proposedAction(), row, 0, {}))
        event->acceptProposedAction();
    else
        event->ignore();
}

void RackView::keyPressEvent(QKeyEvent* event)
{
    const int row = currentRow();
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && row >= 0) {
        m_model->removeEffect(row);
        setCurrentRow(std::min(row, m_model->count() - 1));
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Left && row > 0) {
        setCurrentRow(row - 1);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Right && row + 1 < m_model->count()) {
        setCurrentRow(row + 1);
        event->accept();
        return;
    }
    QScrollArea::keyPressEvent(event);
}

} // namespace fxrack::app
