#include "MidiMappingDialog.h"

#include "MidiMappingModel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace fxrack::app {

namespace {
// A combo box of the column's choices for curve and takeover; the default editor elsewhere.
class ChoiceDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override
    {
        const QStringList items = MidiMappingModel::choices(index.column());
        if (items.isEmpty())
            return QStyledItemDelegate::createEditor(parent, option, index);
        auto* combo = new QComboBox(parent);
        combo->addItems(items);
        return combo;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        if (auto* combo = qobject_cast<QComboBox*>(editor))
            combo->setCurrentText(index.data(Qt::EditRole).toString());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        if (auto* combo = qobject_cast<QComboBox*>(editor))
            model->setData(index, combo->currentText());
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};
} // namespace

MidiMappingDialog::MidiMappingDialog(MidiController* midi, QUndoStack* undo, QWidget* parent)
    : QDialog(parent), m_model(new MidiMappingModel(midi, undo, this)), m_view(new QTableView(this))
{
    setWindowTitle(tr("MIDI Mappings"));
    setObjectName(QStringLiteral("midiMappingDialog"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ChoiceDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // A refused edit says why under the table until the next edit that is made.
    auto* error = new QLabel(this);
    error->setObjectName(QStringLiteral("mappingError"));
    error->setWordWrap(true);
    error->hide();
    connect(m_model, &MidiMappingModel::editRefused, error, [error](const QString& why) {
        error->setText(why);
        error->show();
    });
    connect(m_model, &QAbstractItemModel::modelReset, error, &QLabel::hide);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* add = buttons->addButton(tr("Add Mapping"), QDialogButtonBox::ActionRole);
    add->setObjectName(QStringLiteral("addMapping"));
    connect(add, &QPushButton::clicked, this, [this] {
        const QModelIndex source = m_model->index(m_model->addMapping(), MidiMappingModel::Source);
        m_view->setCurrentIndex(source);
        m_view->edit(source);
    });
    QPushButton* remove = buttons->addButton(tr("Remove"), QDialogButtonBox::ActionRole);
    remove->setObjectName(QStringLiteral("removeMapping"));
    connect(remove, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex& i : m_view->selectionModel()->selectedRows())
            rows << i.row();
        m_model->removeMappings(rows);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addWidget(error);
    layout->addWidget(buttons);
    resize(640, 320);
}

} // namespace fxrack::app
