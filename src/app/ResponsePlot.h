#pragma once

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <QVector>
#include <QWidget>
#include <atomic>
#include <complex>
#include <memory>

namespace fxrack::dsp {
class Effect;
}

namespace fxrack::app {

class RackModel;

// The magnitude response of the whole rack in dB over log frequency (20 Hz to Nyquist),
// recomputed (coalesced, on the next event loop turn) whenever the rack changes. Filters give
// their exact response; other linear effects without a tail (Gain) are measured with an
// impulse through a prepared copy; the rest (dynamics, drive, modulation, time effects) are
// not linear time-invariant and are named as left out. The rate follows the rack's
// (RackModel::sampleRate), the rate the engine runs or will run. An effect whose response comes
// from a file (a Convolver's impulse response: read, resampled, summed over every tap) is worked
// out on a worker thread, never on the GUI thread, and kept by its values; until it is in, the
// effect is left out of the curve and named as being worked out.
class ResponsePlot : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPoints = 256;

    explicit ResponsePlot(RackModel* model, QWidget* parent = nullptr);

    void setSampleRate(double hz);
    double sampleRate() const { return m_sampleRate; }
    void recompute();
    const QVector<double>& frequencies() const { return m_hz; }
    const QVector<double>& magnitudesDb() const { return m_db; }
    const QStringList& leftOut() const { return m_leftOut; }
    // Effects whose response is still being worked out on the worker (left out meanwhile).
    const QStringList& pending() const { return m_pending; }
    // Why nothing is drawn (an effect that cannot run at this rate); empty when the curve shows.
    const QString& errorText() const { return m_error; }
    // Magnitude in dB at `hz`, interpolated from the plotted points.
    double magnitudeDbAt(double hz) const;
    // A file's response is being worked out (the curve leaves that effect out meanwhile).
    bool isComputing() const { return m_worker != nullptr; }
    ~ResponsePlot() override;

    QSize sizeHint() const override { return {600, 180}; }
    QSize minimumSizeHint() const override { return {200, 100}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    using Response = QVector<std::complex<double>>;
    void computeFileResponse(const QString& key, std::shared_ptr<const dsp::Effect> effect);
    void fileResponseDone(const QString& key, const Response& response);

    RackModel* m_model;
    QHash<QString, Response> m_fileResponses; // by values and rate; empty: no response
    QSet<QString> m_inRack;                   // the keys the rack's effects have now
    QThread* m_worker = nullptr;
    std::atomic<bool> m_closing{false};
    QString m_computing; // its key
    QString m_nextKey;   // the newest wanted meanwhile
    std::shared_ptr<const dsp::Effect> m_nextEffect;
    QTimer m_debounce;
    double m_sampleRate = 48000.0;
    QVector<double> m_hz;
    QVector<double> m_db;
    QStringList m_leftOut;
    QStringList m_pending;
    QString m_error;
};

} // namespace fxrack::app
