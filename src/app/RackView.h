#pragma once

#include <QHash>
#include <QScrollArea>

class QHBoxLayout;
class QLabel;

namespace fxrack::app {

class EffectCard;
class RackModel;

// The rack shown as a row of effect cards that follows the model. Cards are dragged by their
// header to reorder (or with Ctrl to copy); effects from the palette are dropped at a position.
// Drops go through the model's MIME interface, so a drop here is a model edit (and undoable).
class RackView : public QScrollArea {
    Q_OBJECT
public:
    explicit RackView(RackModel* model, QWidget* parent = nullptr);

    RackModel* model() const { return m_model; }
    EffectCard* card(int row) const;
    int currentRow() const;
    void setCurrentRow(int row);
    // The row a drop at `pos` (viewport coordinates) inserts before.
    int dropRow(const QPoint& pos) const;

signals:
    void message(const QString& text);
    // A card's context menu was asked for (right click on the card, not on a knob).
    void cardMenuRequested(int row, const QPoint& globalPos);
    // A card's control asked for MIDI learn (EffectCard::learnRequested).
    void learnRequested(quint64 uid, int paramId);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    static QString emptyHintText();
    void sync();
    void refreshRows(int first, int last);
    void showIndicator(int row);

    RackModel* m_model;
    QWidget* m_strip;
    QHBoxLayout* m_layout;
    QLabel* m_emptyHint;
    QWidget* m_indicator;
    QHash<quint64, EffectCard*> m_cards;
    quint64 m_current = 0;
};

} // namespace fxrack::app
