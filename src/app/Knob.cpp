#include "Knob.h"

#include "ParamFormat.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <cmath>

namespace fxrack::app {
namespace {

constexpr double kStartAngle = 225.0; // degrees, Qt's counter-clockwise from 3 o'clock
constexpr double kSpanAngle = 270.0;

} // namespace

Knob::Knob(const dsp::ParamInfo& info, QWidget* parent)
    : QWidget(parent), m_info(info), m_range(info), m_value(info.defaultValue)
{
    setFocusPolicy(Qt::WheelFocus);
    setCursor(Qt::SizeVerCursor);
    // A right click resets the knob; the card's menu must not open over it as well.
    setContextMenuPolicy(Qt::PreventContextMenu);
    setAccessibleName(parameterLabel(info));
    setToolTip(
        tr("%1\nDrag or scroll to turn (Shift: fine), double-click to type, right-click to reset to %2")
            .arg(QString::fromStdString(info.help).isEmpty() ? parameterLabel(info)
                                                             : QString::fromStdString(info.help),
                 formatParamValue(info, info.defaultValue)));
}

int Knob::nextGesture()
{
    static int counter = 0;
    return ++counter;
}

void Knob::setValue(double value)
{
    if (value == m_value)
        return;
    m_value = value;
    if (!m_dragging)
        m_dragPosition = valueToPosition(m_range, value);
    update();
}

void Knob::setUpperLimit(double limit)
{
    const double top = std::max(m_info.minValue, std::min(m_info.maxValue, limit));
    if (top == m_range.maxValue)
        return;
    m_range.maxValue = top;
    m_range.knobMax = std::max(m_info.knobLow(), std::min(m_info.knobHigh(), top));
    if (!m_dragging)
        m_dragPosition = valueToPosition(m_range, m_value);
    update();
}

QString Knob::valueText() const
{
    return formatParamValue(m_info, m_value);
}

bool Knob::isEditing() const
{
    return m_editor && m_editor->isVisible();
}

QSize Knob::sizeHint() const
{
    return {76, 96};
}

QSize Knob::minimumSizeHint() const
{
    return {64, 86};
}

QRectF Knob::dialRect() const
{
    const int labelHeight = fontMetrics().height();
    const double side = std::min(width() - 8.0, height() - 2.0 * labelHeight - 8.0);
    return {(width() - side) / 2.0, labelHeight + 4.0, side, side};
}

void Knob::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const int lh = fontMetrics().height();

    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRect(0, 0, width(), lh), Qt::AlignCenter,
               fontMetrics().elidedText(parameterLabel(m_info), Qt::ElideRight, width()));
    if (!isEditing())
        p.drawText(QRect(0, height() - lh - 1, width(), lh), Qt::AlignCenter, valueText());

    const QRectF dial = dialRect();
    const double position = valueToPosition(m_range, m_value);
    const QRectF arcRect = dial.adjusted(3, 3, -3, -3);
    QPen track(pal.color(QPalette::Mid), 4, Qt::SolidLine, Qt::RoundCap);
    p.setPen(track);
    p.drawArc(arcRect, int(kStartAngle * 16), int(-kSpanAngle * 16));
    QPen fill(isEnabled() ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), 4, Qt::SolidLine,
              Qt::RoundCap);
    p.setPen(fill);
    p.drawArc(arcRect, int(kStartAngle * 16), int(-kSpanAngle * position * 16));

    const QRectF body = dial.adjusted(9, 9, -9, -9);
    p.setPen(QPen(pal.color(QPalette::Shadow), 1));
    p.setBrush(pal.color(QPalette::Button));
    p.drawEllipse(body);
    const double angle = (kStartAngle - kSpanAngle * position) * M_PI / 180.0;
    const QPointF c = body.center();
    const double r = body.width() / 2.0;
    p.setPen(QPen(pal.color(QPalette::ButtonText), 2.5, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(c + QPointF(std::cos(angle) * r * 0.35, -std::sin(angle) * r * 0.35),
               c + QPointF(std::cos(angle) * r * 0.85, -std::sin(angle) * r * 0.85));
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void Knob::request(double value, int gesture)
{
    value = std::clamp(value, m_range.minValue, m_range.maxValue);
    if (m_info.isDiscrete())
        value = std::round(value);
    if (value != m_value)
        emit valueEdited(value, gesture);
}

void Knob::nudge(double positionDelta, int gesture)
{
    m_dragPosition = std::clamp(m_dragPosition + positionDelta, 0.0, 1.0);
    request(positionToValue(m_range, m_dragPosition), gesture);
}

void Knob::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    // With actions (the card's "Learn MIDI" and "Reset"), a right click opens their menu instead.
    if (event->button() == Qt::RightButton && contextMenuPolicy() == Qt::ActionsContextMenu)
        return QWidget::mousePressEvent(event);
    if (event->button() == Qt::RightButton) {
        request(m_info.defaultValue, nextGesture());
        event->accept();
        return;
    }
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    m_gesture = nextGesture();
    m_dragPosition = valueToPosition(m_range, m_value);
    m_lastPos = event->position();
    event->accept();
}

void Knob::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging)
        return QWidget::mouseMoveEvent(event);
    // Up and right turn it up; Shift for fine steps.
    const QPointF delta = event->position() - m_lastPos;
    m_lastPos = event->position();
    double step = (delta.x() - delta.y()) / kDragPixels;
    if (event->modifiers() & Qt::ShiftModifier)
        step *= kFineFactor;
    nudge(step, m_gesture);
    event->accept();
}

void Knob::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_dragging) {
        m_dragging = false;
        m_dragPosition = valueToPosition(m_range, m_value);
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void Knob::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = false;
        beginTyping();
        event->accept();
    }
}

void Knob::wheelEvent(QWheelEvent* event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0)
        return QWidget::wheelEvent(event);
    double step = notches * kWheelStep;
    if (event->modifiers() & Qt::ShiftModifier)
        step *= kFineFactor;
    // A discrete parameter moves at least one value per notch.
    if (m_info.isDiscrete() && m_range.maxValue > m_range.minValue) {
        request(m_value +
                    (notches > 0 ? 1.0 : -1.0) *
                        std::max(1.0, std::round(std::abs(step) * (m_range.maxValue - m_range.minValue))),
                nextGesture());
    } else {
        m_dragPosition = valueToPosition(m_range, m_value);
        nudge(step, nextGesture());
    }
    event->accept();
}

void Knob::keyPressEvent(QKeyEvent* event)
{
    const double fine = (event->modifiers() & Qt::ShiftModifier) ? kFineFactor : 1.0;
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Right:
        m_dragPosition = valueToPosition(m_range, m_value);
        nudge(kWheelStep * fine, nextGesture());
        break;
    case Qt::Key_Down:
    case Qt::Key_Left:
        m_dragPosition = valueToPosition(m_range, m_value);
        nudge(-kWheelStep * fine, nextGesture());
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        beginTyping();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

void Knob::beginTyping()
{
    if (!m_editor) {
        m_editor = new QLineEdit(this);
        m_editor->setAlignment(Qt::AlignCenter);
        m_editor->setAccessibleName(tr("Value of %1").arg(parameterLabel(m_info)));
        connect(m_editor, &QLineEdit::editingFinished, this, &Knob::finishTyping);
        m_editor->installEventFilter(this);
    }
    const int lh = fontMetrics().height() + 6;
    m_editor->setGeometry(0, height() - lh, width(), lh);
    m_editor->setText(formatParamValue(m_info, m_value));
    m_editor->selectAll();
    m_editor->show();
    m_editor->setFocus(Qt::OtherFocusReason);
    update();
}

bool Knob::eventFilter(QObject* watched, QEvent* event)
{
    // QLineEdit passes Return on to its parent (for dialogs' default buttons): here that parent is
    // this knob, whose Return opens the editor again, left open to apply its text once more later.
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            finishTyping();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void Knob::finishTyping()
{
    if (!isEditing())
        return;
    bool ok = false;
    const QString text = m_editor->text();
    const double typed = parseParamValue(m_info, text, &ok);
    m_editor->hide();
    setFocus(Qt::OtherFocusReason);
    // Above the upper limit the sample rate sets, the owner clamps it and says so. Other
    // out-of-range typing is refused, not clamped into something the user did not ask for.
    const bool aboveRateLimit = ok && std::isfinite(typed) && m_range.maxValue < m_info.maxValue &&
                                typed > m_range.maxValue && typed >= m_info.minValue;
    const QString why = !ok              ? tr("not a number")
                        : aboveRateLimit ? QString()
                                         : QString::fromStdString(m_info.checkValue(typed));
    if (aboveRateLimit)
        emit valueEdited(typed, nextGesture());
    else if (why.isEmpty())
        request(typed, nextGesture());
    else
        emit valueRefused(tr("%1: \"%2\" was refused (%3)").arg(parameterLabel(m_info), text, why));
    update();
}

} // namespace fxrack::app
