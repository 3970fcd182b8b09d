#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QWidget>

namespace fxrack::app {

// Vertical bars, one per channel: RMS as the bar, peak as a line, a peak hold that falls back
// after a while, and a clip light per channel that stays until clicked.
class LevelMeter : public QWidget {
    Q_OBJECT
public:
    static constexpr double kFloorDb = -60.0;
    static constexpr int kHoldMs = 1500;

    explicit LevelMeter(const QString& title, QWidget* parent = nullptr);

    void setLevels(const QList<float>& peak, const QList<float>& rms); // linear
    int channels() const { return static_cast<int>(m_peakDb.size()); }
    double peakDb(int channel) const { return m_peakDb.value(channel, kFloorDb); }
    double holdDb(int channel) const { return m_holdDb.value(channel, kFloorDb); }
    bool clipped(int channel) const { return m_clip.value(channel, false); }
    void resetClips();
    void setTitle(const QString& title);

    QSize sizeHint() const override { return {24 + 16 * std::max<int>(2, channels()), 180}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QString m_title;
    QList<double> m_peakDb, m_rmsDb, m_holdDb;
    QList<qint64> m_holdSince;
    QList<bool> m_clip;
    QElapsedTimer m_clock;
};

} // namespace fxrack::app
