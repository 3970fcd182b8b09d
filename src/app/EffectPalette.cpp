#include "EffectPalette.h"

#include "ParamFormat.h"
#include "RackModel.h"
#include "dsp/EffectRegistry.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QVBoxLayout>

namespace fxrack::app {
namespace {

constexpr int kTypeRole = Qt::UserRole + 1;
constexpr int kCategoryRole = Qt::UserRole + 2; // on category items: the untranslated key

} // namespace

void PaletteTree::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        emit enterPressed();
        event->accept();
        return;
    }
    QTreeWidget::keyPressEvent(event);
}

QStringList PaletteTree::mimeTypes() const
{
    return {RackModel::kEffectMimeType};
}

QMimeData* PaletteTree::mimeData(const QList<QTreeWidgetItem*>& items) const
{
    for (const QTreeWidgetItem* item : items) {
        const QString type = item->data(0, kTypeRole).toString();
        if (type.isEmpty())
            continue; // a category
        auto* mime = new QMimeData;
        mime->setData(RackModel::kEffectMimeType, type.toUtf8());
        mime->setText(type);
        return mime;
    }
    return nullptr;
}

EffectPalette::EffectPalette(const dsp::EffectRegistry& registry, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("effectPalette"));
    setMinimumWidth(190);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("paletteSearch"));
    m_search->setPlaceholderText(tr("Search effects"));
    m_search->setClearButtonEnabled(true);
    m_tree = new PaletteTree(this);
    m_tree->setObjectName(QStringLiteral("paletteTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setDefaultDropAction(Qt::CopyAction);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setRootIsDecorated(true);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);

    QHash<QString, QTreeWidgetItem*> categories;
    for (const dsp::EffectType* type : registry.types()) {
        const QString category = QString::fromStdString(type->category);
        QTreeWidgetItem*& parentItem = categories[category];
        if (!parentItem) {
            parentItem = new QTreeWidgetItem(m_tree, {categoryLabel(category)});
            parentItem->setData(0, kCategoryRole, category);
            parentItem->setIcon(0, QIcon(QStringLiteral(":/icons/category-%1.svg").arg(category)));
            parentItem->setFlags(Qt::ItemIsEnabled);
            QFont bold = parentItem->font(0);
            bold.setBold(true);
            parentItem->setFont(0, bold);
        }
        auto* item = new QTreeWidgetItem(parentItem, {QString::fromStdString(type->name)});
        item->setData(0, kTypeRole, QString::fromStdString(type->name));
        item->setToolTip(0, QString::fromStdString(type->help));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    m_tree->expandAll();

    connect(m_search, &QLineEdit::textChanged, this, &EffectPalette::filter);
    // Double-click or Enter, not "activated": styles that activate on a single click would add an
    // effect whenever the user only meant to pick one up for dragging.
    auto activate = [this](QTreeWidgetItem* item) {
        const QString type = item ? item->data(0, kTypeRole).toString() : QString();
        if (!type.isEmpty())
            emit effectActivated(type);
    };
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, activate);
    connect(m_tree, &PaletteTree::enterPressed, this, [this, activate] { activate(m_tree->currentItem()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this, activate] { activate(m_tree->currentItem()); });
}

void EffectPalette::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_search->setPlaceholderText(tr("Search effects"));
        for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
            QTreeWidgetItem* category = m_tree->topLevelItem(c);
            category->setText(0, categoryLabel(category->data(0, kCategoryRole).toString()));
        }
    }
    QWidget::changeEvent(event);
}

QTreeWidgetItem* EffectPalette::itemFor(const QString& type) const
{
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem* category = m_tree->topLevelItem(c);
        for (int i = 0; i < category->childCount(); ++i)
            if (category->child(i)->data(0, kTypeRole).toString() == type)
                return category->child(i);
    }
    return nullptr;
}

int EffectPalette::visibleEffectCount() const
{
    int n = 0;
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem* category = m_tree->topLevelItem(c);
        for (int i = 0; i < category->childCount(); ++i)
            n += category->child(i)->isHidden() ? 0 : 1;
    }
    return n;
}

void EffectPalette::filter(const QString& text)
{
    const QString needle = text.trimmed();
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem* category = m_tree->topLevelItem(c);
        const bool categoryMatches =
            !needle.isEmpty() && category->text(0).contains(needle, Qt::CaseInsensitive);
        int shown = 0;
        for (int i = 0; i < category->childCount(); ++i) {
            QTreeWidgetItem* item = category->child(i);
            const bool match = needle.isEmpty() || categoryMatches ||
                               item->text(0).contains(needle, Qt::CaseInsensitive) ||
                               item->toolTip(0).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        category->setHidden(shown == 0);
    }
    // The first match is selected, so Enter adds it.
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem* category = m_tree->topLevelItem(c);
        for (int i = 0; i < category->childCount(); ++i)
            if (!category->child(i)->isHidden() && !category->isHidden()) {
                m_tree->setCurrentItem(category->child(i));
                return;
            }
    }
}

} // namespace fxrack::app
