#pragma once

#include <QTreeWidget>
#include <QWidget>

class QLineEdit;

namespace fxrack::dsp {
class EffectRegistry;
}

namespace fxrack::app {

// The tree the palette drags from: its items carry the rack's effect MIME type.
class PaletteTree : public QTreeWidget {
    Q_OBJECT
public:
    using QTreeWidget::QTreeWidget;

signals:
    void enterPressed();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
};

// Every effect of the catalogue by category, with a search field. Drag one into the rack at a
// position, or double-click (or Enter) to append it.
class EffectPalette : public QWidget {
    Q_OBJECT
public:
    explicit EffectPalette(const dsp::EffectRegistry& registry, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    QLineEdit* searchField() const { return m_search; }
    // The item of an effect type (for tests and keyboard navigation), or null.
    QTreeWidgetItem* itemFor(const QString& type) const;
    int visibleEffectCount() const;

signals:
    void effectActivated(const QString& type);

protected:
    void changeEvent(QEvent* event) override;

private:
    void filter(const QString& text);

    QLineEdit* m_search;
    PaletteTree* m_tree;
};

} // namespace fxrack::app
