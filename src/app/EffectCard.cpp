#include "EffectCard.h"

#include "Knob.h"
#include "ParamFormat.h"
#include "RackModel.h"
#include "dsp/RateLimits.h"
#include "session/SessionPaths.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDrag>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

namespace fxrack::app {
namespace {

constexpr int kKnobRows = 3;

QToolButton* toolButton(const QString& icon, const QString& tip, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setIcon(QIcon(icon));
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setAutoRaise(true);
    button->setIconSize({16, 16});
    return button;
}

} // namespace

EffectCard::EffectCard(RackModel* model, quint64 uid, QWidget* parent)
    : QFrame(parent), m_model(model), m_uid(uid)
{
    setObjectName(QStringLiteral("effectCard"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    // The menu (effect presets, duplicate, remove) is the window's: it knows the presets.
    setContextMenuPolicy(Qt::CustomContextMenu);

    const RackSlot& slot = m_model->slotAt(row());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(4);

    m_header = new QWidget(this);
    m_header->setCursor(Qt::OpenHandCursor);
    m_header->setToolTip(tr("Drag to move (Ctrl: copy)"));
    auto* headerLayout = new QHBoxLayout(m_header);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->setSpacing(2);
    auto* grip = new QLabel(m_header);
    grip->setPixmap(QIcon(QStringLiteral(":/icons/grip.svg")).pixmap(14, 14));
    auto* category = new QLabel(m_header);
    category->setPixmap(
        QIcon(QStringLiteral(":/icons/category-%1.svg").arg(QString::fromStdString(slot.type->category)))
            .pixmap(16, 16));
    category->setToolTip(categoryLabel(QString::fromStdString(slot.type->category)));
    m_title = new QLabel(QString::fromStdString(slot.type->name), m_header);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_bypass = toolButton(QStringLiteral(":/icons/bypass.svg"), tr("Bypass"), m_header);
    m_bypass->setCheckable(true);
    m_bypass->setObjectName(QStringLiteral("bypassButton"));
    auto* duplicate = toolButton(QStringLiteral(":/icons/duplicate.svg"), tr("Duplicate"), m_header);
    duplicate->setObjectName(QStringLiteral("duplicateButton"));
    auto* remove = toolButton(QStringLiteral(":/icons/remove.svg"), tr("Remove"), m_header);
    remove->setObjectName(QStringLiteral("removeButton"));
    headerLayout->addWidget(grip);
    headerLayout->addWidget(category);
    headerLayout->addWidget(m_title, 1);
    headerLayout->addWidget(m_bypass);
    headerLayout->addWidget(duplicate);
    headerLayout->addWidget(remove);
    layout->addWidget(m_header);

    connect(m_bypass, &QToolButton::toggled, this, [this](bool on) { m_model->setBypassed(row(), on); });
    connect(duplicate, &QToolButton::clicked, this, [this] { m_model->duplicateEffect(row()); });
    // Queued: removing destroys this card.
    connect(
        remove, &QToolButton::clicked, this, [this] { m_model->removeEffect(row()); }, Qt::QueuedConnection);

    buildControls();
    m_note = addNote(QStringLiteral("clampNote"), QStringLiteral("color: #b26a00;"));
    m_problem = addNote(QStringLiteral("fileProblem"), QStringLiteral("color: #c03030;"));
    m_loading = addNote(QStringLiteral("fileLoading"), QStringLiteral("font-style: italic;"));
    // A missing file that is back: check it again (the engine loads it too).
    connect(m_model, &RackModel::textFileAppeared, this, [this](int r) {
        if (r == row()) {
            m_fileChecked = false;
            refresh();
        }
    });
    connect(m_model, &RackModel::valueClamped, this,
            [this](int r, int paramId, double, double used, const QString& note) {
                if (r == row())
                    showClamped(paramId, used, note);
            });
    addLearnActions();
    refresh();
}

QLabel* EffectCard::addNote(const QString& name, const QString& style)
{
    auto* note = new QLabel(this);
    note->setObjectName(name);
    note->setWordWrap(true);
    note->setMaximumWidth(minimumWidth() - 12);
    note->setStyleSheet(style);
    note->hide();
    auto* box = static_cast<QVBoxLayout*>(layout());
    box->insertWidget(box->count() - 1, note); // above the stretch
    return note;
}

void EffectCard::addLearnActions()
{
    m_learnNote = addNote(QStringLiteral("learnNote"));
    const auto add = [this](QWidget* control, int paramId) {
        auto* learn = new QAction(tr("Learn MIDI"), control);
        learn->setObjectName(QStringLiteral("learnMidi"));
        learn->setData(paramId);
        connect(learn, &QAction::triggered, this, [this, paramId] { emit learnRequested(m_uid, paramId); });
        control->addAction(learn);
        control->setContextMenuPolicy(Qt::ActionsContextMenu);
    };
    const RackSlot& slot = m_model->slotAt(row());
    for (int id = 0; id < m_controls.size(); ++id) {
        if (!m_controls[id] || slot.type->params.at(static_cast<size_t>(id)).isText())
            continue; // a file is not a value a controller can move
        add(m_controls[id], id);
        // A knob's right click opens this menu now, so its reset is here too.
        if (Knob* k = knob(id)) {
            auto* reset = new QAction(tr("Reset to Default"), k);
            reset->setObjectName(QStringLiteral("resetKnob"));
            connect(reset, &QAction::triggered, this, [this, id] {
                edit(id, m_model->slotAt(row()).type->params.at(static_cast<size_t>(id)).defaultValue);
            });
            k->addAction(reset);
        }
    }
    add(m_bypass, -1);
}

QAction* EffectCard::learnAction(int paramId) const
{
    QWidget* control = paramId < 0 ? m_bypass : m_controls.value(paramId);
    if (!control)
        return nullptr;
    for (QAction* a : control->actions())
        if (a->objectName() == QLatin1String("learnMidi"))
            return a;
    return nullptr;
}

void EffectCard::setLearning(int paramId)
{
    m_learning = paramId;
    const bool on = paramId != kNotLearning;
    if (on) {
        const RackSlot& slot = m_model->slotAt(row());
        const QString what =
            paramId < 0 ? tr("bypass")
                        : QString::fromStdString(slot.type->params.at(static_cast<size_t>(paramId)).name);
        m_learnNote->setText(tr("Learning MIDI for %1: move a controller (Esc cancels)").arg(what));
    }
    m_learnNote->setVisible(on);
    setStyleSheet(on ? QStringLiteral("#effectCard { border: 2px solid #d04040; }") : QString());
}

QString EffectCard::noteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void EffectCard::showClamped(int paramId, double used, const QString& note)
{
    m_noteParam = paramId;
    m_noteValue = used;
    m_note->setText(note);
    m_note->setToolTip(note);
    m_note->show();
    emit message(note);
}

int EffectCard::row() const
{
    return m_model->rowOfUid(m_uid);
}

void EffectCard::buildControls()
{
    const RackSlot& slot = m_model->slotAt(row());
    auto* grid = new QGridLayout;
    grid->setSpacing(4);
    int knobs = 0;
    auto* structural = new QGridLayout;
    int structuralRows = 0;
    for (int id = 0; id < static_cast<int>(slot.type->params.size()); ++id) {
        const dsp::ParamInfo& info = slot.type->params[static_cast<size_t>(id)];
        QWidget* control = nullptr;
        if (info.isText()) {
            control = makeFileButton(id);
        } else if (info.unit == dsp::Unit::Choice) {
            auto* combo = new QComboBox(this);
            for (const auto& choice : info.choices)
                combo->addItem(choiceLabel(choice));
            connect(combo, &QComboBox::activated, this, [this, id](int index) { edit(id, index); });
            control = combo;
        } else if (info.unit == dsp::Unit::Bool) {
            auto* check = new QCheckBox(this);
            connect(check, &QCheckBox::toggled, this, [this, id](bool on) { edit(id, on ? 1.0 : 0.0); });
            control = check;
        } else if (!info.continuous && info.isDiscrete()) {
            auto* spin = new QSpinBox(this);
            spin->setRange(static_cast<int>(std::ceil(info.minValue)),
                           static_cast<int>(std::min(info.maxValue, 2.0e9)));
            spin->setKeyboardTracking(false);
            connect(spin, &QSpinBox::valueChanged, this, [this, id](int v) { edit(id, v); });
            control = spin;
        } else if (!info.continuous) {
            auto* spin = new QDoubleSpinBox(this);
            spin->setRange(info.minValue, info.maxValue);
            spin->setDecimals(2);
            spin->setKeyboardTracking(false);
            connect(spin, &QDoubleSpinBox::valueChanged, this, [this, id](double v) { edit(id, v); });
            control = spin;
        } else {
            auto* knob = new Knob(info, this);
            connect(knob, &Knob::valueEdited, this,
                    [this, id](double v, int gesture) { edit(id, v, gesture); });
            connect(knob, &Knob::valueRefused, this, &EffectCard::message);
            grid->addWidget(knob, knobs % kKnobRows, knobs / kKnobRows);
            ++knobs;
            m_controls << knob;
            continue;
        }
        control->setObjectName(QString::fromStdString(info.name));
        control->setToolTip(QString::fromStdString(info.help));
        auto* label = new QLabel(parameterLabel(info), this);
        label->setBuddy(control);
        structural->addWidget(label, structuralRows, 0);
        structural->addWidget(control, structuralRows, 1);
        ++structuralRows;
        m_controls << control;
    }
    auto* body = qobject_cast<QVBoxLayout*>(layout());
    body->addLayout(grid);
    body->addLayout(structural);
    body->addStretch(1);
    const int columns = std::max(1, (knobs + kKnobRows - 1) / kKnobRows);
    setMinimumWidth(std::max(170, columns * 82 + 16));
}

QWidget* EffectCard::makeFileButton(int paramId)
{
    auto* button = new QToolButton(this);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto* menu = new QMenu(button);
    QAction* open = menu->addAction(tr("Open impulse response…"));
    open->setObjectName(QStringLiteral("openFile"));
    connect(open, &QAction::triggered, this, [this, paramId] { chooseFile(paramId); });
    const QStringList factory = session::SessionPaths::factoryIrs();
    if (!factory.isEmpty())
        menu->addSection(tr("Factory impulse responses"));
    for (const QString& path : factory) {
        QAction* pick = menu->addAction(QFileInfo(path).completeBaseName());
        pick->setObjectName(QStringLiteral("factoryFile"));
        pick->setData(path);
        connect(pick, &QAction::triggered, this,
                [this, paramId, path] { m_model->setText(row(), paramId, path); });
    }
    button->setMenu(menu);
    return button;
}

void EffectCard::chooseFile(int paramId)
{
    const QString current = m_model->text(row(), paramId);
    const QString dir =
        current.isEmpty() ? session::SessionPaths::factoryIrDir() : QFileInfo(current).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Impulse Response"), dir,
                                     tr("Audio files (*.wav *.flac *.ogg *.oga *.opus *.aiff *.aif *.caf "
                                        "*.w64 *.rf64 *.au *.mp3);;All files (*)"));
    if (!path.isEmpty())
        m_model->setText(row(), paramId, path);
}

void EffectCard::refreshFile(int paramId, QToolButton* button)
{
    const QString path = m_model->text(row(), paramId);
    button->setText(path.isEmpty() ? tr("No impulse response") : QFileInfo(path).fileName());
    button->setToolTip(path.isEmpty() ? tr("No impulse response") : path);
    // Until the engine says the new file runs (it loads on its own thread), the old one plays.
    m_loading->setText(tr("loading…"));
    m_loading->setVisible(m_model->isTextLoading(row()));
    if (!m_fileChecked || path != m_checkedPath) {
        m_fileChecked = true;
        m_checkedPath = path;
        m_headerProblem = m_model->textProblem(row(), paramId); // the header only: cheap
    }
    // What the header says, else what the engine's load said (a file that cannot be read through).
    const QString problem = m_headerProblem.isEmpty() ? m_model->textLoadError(row()) : m_headerProblem;
    const QString shown = problem.isEmpty() ? QString() : tr("%1; passing audio dry").arg(problem);
    if (shown == m_problem->text() && m_problem->isHidden() == shown.isEmpty())
        return;
    m_problem->setText(shown);
    m_problem->setToolTip(shown);
    m_problem->setVisible(!shown.isEmpty());
    if (!shown.isEmpty())
        emit message(shown);
}

QString EffectCard::loadingText() const
{
    return m_loading->isHidden() ? QString() : m_loading->text();
}

QString EffectCard::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

Knob* EffectCard::knob(int paramId) const
{
    return qobject_cast<Knob*>(m_controls.value(paramId));
}

void EffectCard::edit(int paramId, double value, int gesture)
{
    if (!m_model->setParameter(row(), paramId, value, gesture)) {
        emit message(m_model->checkParameter(row(), paramId, value));
        refresh(); // show the value that stayed
    }
}

void EffectCard::refresh()
{
    const int r = row();
    if (r < 0)
        return;
    const RackSlot& slot = m_model->slotAt(r);
    {
        const QSignalBlocker block(m_bypass);
        m_bypass->setChecked(slot.bypassed);
    }
    for (int id = 0; id < m_controls.size(); ++id) {
        QWidget* w = m_controls[id];
        const QSignalBlocker block(w);
        const double v = slot.values.value(id);
        if (slot.type->params.at(static_cast<size_t>(id)).isText())
            refreshFile(id, static_cast<QToolButton*>(w));
        else if (auto* k = qobject_cast<Knob*>(w)) {
            if (dsp::isRateBound(k->info()))
                k->setUpperLimit(m_model->upperLimit(r, id));
            k->setValue(v);
        } else if (auto* c = qobject_cast<QComboBox*>(w))
            c->setCurrentIndex(static_cast<int>(std::lround(v)));
        else if (auto* b = qobject_cast<QCheckBox*>(w))
            b->setChecked(v != 0.0);
        else if (auto* s = qobject_cast<QSpinBox*>(w))
            s->setValue(static_cast<int>(std::lround(v)));
        else if (auto* d = qobject_cast<QDoubleSpinBox*>(w))
            d->setValue(v);
        w->setEnabled(!slot.bypassed);
    }
    if (m_noteParam >= 0 && slot.values.value(m_noteParam) != m_noteValue) {
        m_note->hide(); // the value moved on (an edit, an undo): the note no longer holds
        m_noteParam = -1;
    }
    setProperty("bypassed", slot.bypassed);
    m_title->setEnabled(!slot.bypassed);
}

void EffectCard::setSelected(bool selected)
{
    m_selected = selected;
    setFrameShadow(selected ? QFrame::Sunken : QFrame::Raised);
    setLineWidth(selected ? 2 : 1);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, selected ? QApplication::palette().color(QPalette::AlternateBase)
                                            : QApplication::palette().color(QPalette::Window));
    setPalette(pal);
}

bool EffectCard::inHeader(const QPoint& pos) const
{
    return m_header->geometry().contains(pos);
}

void EffectCard::mousePressEvent(QMouseEvent* event)
{
    emit clicked(m_uid);
    m_pressPos = event->position().toPoint();
    m_pressedInHeader = event->button() == Qt::LeftButton && inHeader(m_pressPos);
    event->accept();
}

void EffectCard::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_pressedInHeader ||
        (event->position().toPoint() - m_pressPos).manhattanLength() < QApplication::startDragDistance())
        return;
    m_pressedInHeader = false;
    QMimeData* mime = m_model->mimeData({m_model->index(row())});
    if (!mime)
        return;
    auto* drag = new QDrag(this);
    drag->setMimeData(mime);
    drag->setPixmap(grab().scaledToWidth(std::min(width(), 160), Qt::SmoothTransformation));
    drag->setHotSpot({8, 8});
    // The rack performs the move itself in its drop handler; nothing to remove here.
    drag->exec(Qt::MoveAction | Qt::CopyAction, Qt::MoveAction);
}

void EffectCard::mouseReleaseEvent(QMouseEvent* event)
{
    m_pressedInHeader = false;
    QFrame::mouseReleaseEvent(event);
}

} // namespace fxrack::app
