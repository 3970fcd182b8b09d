#include "LevelMeter.h"

#include <QMouseEvent>
#include <QPainter>
#include <cmath>

namespace fxrack::app {
namespace {

double toDb(float linear)
{
    return linear > 0.0f ? std::max(LevelMeter::kFloorDb, 20.0 * std::log10(static_cast<double>(linear)))
                         : LevelMeter::kFloorDb;
}

} // namespace

LevelMeter::LevelMeter(const QString& title, QWidget* parent) : QWidget(parent), m_title(title)
{
    setMinimumSize(48, 120);
    setToolTip(tr("%1: RMS bar, peak line and peak hold per channel. A red light means a sample reached "
                  "0 dBFS; click to clear.")
                   .arg(title));
    m_clock.start();
}

void LevelMeter::setLevels(const QList<float>& peak, const QList<float>& rms)
{
    const int n = static_cast<int>(peak.size());
    m_peakDb.resize(n, kFloorDb);
    m_rmsDb.resize(n, kFloorDb);
    m_holdDb.resize(n, kFloorDb);
    m_holdSince.resize(n, 0);
    m_clip.resize(n, false);
    const qint64 now = m_clock.elapsed();
    for (int c = 0; c < n; ++c) {
        m_peakDb[c] = toDb(peak[c]);
        m_rmsDb[c] = toDb(rms.value(c));
        if (m_peakDb[c] >= m_holdDb[c] || now - m_holdSince[c] > kHoldMs) {
            m_holdDb[c] = m_peakDb[c];
            m_holdSince[c] = now;
        }
        if (peak[c] >= 1.0f)
            m_clip[c] = true;
    }
    update();
}

void LevelMeter::resetClips()
{
    m_clip.fill(false);
    update();
}

void LevelMeter::mousePressEvent(QMouseEvent* event)
{
    resetClips();
    event->accept();
}

void LevelMeter::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const int lh = fontMetrics().height();
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, 0, width(), lh), Qt::AlignCenter, m_title);
    const int n = std::max(1, channels());
    const int top = lh + 10; // room for the clip lights
    const QRect area(4, top, width() - 8, height() - top - 2);
    const double barWidth = double(area.width()) / n;
    auto yOf = [&](double db) { return area.bottom() - (db - kFloorDb) / -kFloorDb * area.height(); };
    p.fillRect(area, QColor(30, 30, 30));
    for (int c = 0; c < channels(); ++c) {
        const QRectF lane(area.left() + c * barWidth + 1, area.top(), barWidth - 2, area.height());
        QLinearGradient gradient(lane.bottomLeft(), lane.topLeft());
        gradient.setColorAt(0.0, QColor(46, 160, 67));
        gradient.setColorAt(0.75, QColor(230, 200, 40));
        gradient.setColorAt(1.0, QColor(220, 50, 40));
        const double rmsY = yOf(m_rmsDb[c]);
        p.fillRect(QRectF(lane.left(), rmsY, lane.width(), lane.bottom() - rmsY), gradient);
        p.setPen(QPen(QColor(240, 240, 240), 1));
        const double peakY = yOf(m_peakDb[c]);
        p.drawLine(QPointF(lane.left(), peakY), QPointF(lane.right(), peakY));
        p.setPen(QPen(QColor(255, 170, 0), 2));
        const double holdY = yOf(m_holdDb[c]);
        p.drawLine(QPointF(lane.left(), holdY), QPointF(lane.right(), holdY));
        p.fillRect(QRectF(lane.left(), lh + 2, lane.width(), 6),
                   m_clip[c] ? QColor(230, 30, 30) : QColor(70, 20, 20));
    }
    // dB ticks every 12 dB.
    p.setPen(QPen(QColor(255, 255, 255, 60), 1, Qt::DotLine));
    for (double db = -12.0; db > kFloorDb; db -= 12.0)
        p.drawLine(QPointF(area.left(), yOf(db)), QPointF(area.right(), yOf(db)));
}

void LevelMeter::setTitle(const QString& title)
{
    m_title = title;
    update();
}

} // namespace fxrack::app
