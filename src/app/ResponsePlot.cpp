#include "ResponsePlot.h"

#include "RackModel.h"
#include "dsp/AudioBuffer.h"
#include "dsp/design/Response.h"

#include <QDateTime>
#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>
#include <cmath>
#include <complex>
#include <iterator>
#include <utility>

namespace fxrack::app {
namespace {

constexpr double kMinHz = 20.0;
constexpr double kTopDb = 24.0;
constexpr double kBottomDb = -60.0;
constexpr int kImpulseLength = 2048;

bool measurableByImpulse(const dsp::Effect& effect)
{
    const std::string& c = effect.type().category;
    return effect.tailSeconds() == 0.0 && !effect.needsAnalysis() && c != "dynamics" && c != "drive" &&
           c != "modulation";
}

// The impulse response of a copy of `effect` at `rate`, for effects with no closed form.
std::vector<float> impulseResponse(const dsp::Effect& effect, double rate)
{
    auto copy = effect.clone();
    copy->prepare(dsp::ProcessSpec{rate, kImpulseLength, 1});
    dsp::AudioBuffer buffer(1, kImpulseLength);
    buffer.channel(0)[0] = 1.0f;
    dsp::AudioBlock block = buffer.block();
    copy->process(block);
    return std::vector<float>(buffer.channel(0), buffer.channel(0) + kImpulseLength);
}

// An effect whose response comes from a file: the key of that response (its values, its texts,
// when each file last changed, and the rate), or empty for any other effect.
QString fileResponseKey(const dsp::Effect& effect, double rate)
{
    bool readsFile = false;
    QString key = QString::fromStdString(effect.name()) + QLatin1Char('\n') + QString::number(rate, 'g', 17);
    for (int p = 0; p < effect.paramCount(); ++p) {
        if (effect.paramInfo(p).isText()) {
            const QString text = QString::fromStdString(effect.text(p));
            readsFile = readsFile || !text.isEmpty();
            const QFileInfo file(text);
            key += QLatin1Char('\n') + text + QLatin1Char('@') +
                   QString::number(file.exists() ? file.lastModified().toMSecsSinceEpoch() : -1);
        } else {
            key += QLatin1Char('\n') + QString::number(effect.param(p), 'g', 17);
        }
    }
    return readsFile ? key : QString();
}

constexpr int kMaxKeptResponses = 32;

} // namespace

ResponsePlot::~ResponsePlot()
{
    m_closing = true; // the worker stops at its next frequency
    if (m_worker)
        m_worker->wait(); // it posts its result to this object
}

void ResponsePlot::computeFileResponse(const QString& key, std::shared_ptr<const dsp::Effect> effect)
{
    if (key == m_computing || key == m_nextKey)
        return;
    if (m_worker) {
        m_nextKey = key; // only the newest waits its turn
        m_nextEffect = std::move(effect);
        return;
    }
    m_computing = key;
    const QVector<double> hz = m_hz;
    const double rate = m_sampleRate;
    m_worker = QThread::create([this, key, effect, hz, rate] {
        Response response;
        for (const double f : hz) {
            if (m_closing)
                return;
            const auto h = dsp::frequencyResponse(*effect, f, rate);
            if (!h) {
                response.clear(); // the file cannot be read: the card says why
                break;
            }
            response << *h;
        }
        QMetaObject::invokeMethod(
            this, [this, key, response] { fileResponseDone(key, response); }, Qt::QueuedConnection);
    });
    connect(m_worker, &QThread::finished, m_worker, &QObject::deleteLater);
    m_worker->start();
}

void ResponsePlot::fileResponseDone(const QString& key, const Response& response)
{
    m_worker->wait(); // it has only to return
    m_worker = nullptr;
    m_computing.clear();
    if (m_fileResponses.size() >= kMaxKeptResponses) {
        // Old values go; the rack's own stay, however many (forgetting those too would have them
        // worked out again, and again, when the rack has more than the limit).
        for (auto it = m_fileResponses.begin(); it != m_fileResponses.end();)
            it = m_inRack.contains(it.key()) ? std::next(it) : m_fileResponses.erase(it);
    }
    m_fileResponses.insert(key, response);
    if (!m_nextKey.isEmpty())
        computeFileResponse(std::exchange(m_nextKey, {}), std::exchange(m_nextEffect, {}));
    recompute();
}

ResponsePlot::ResponsePlot(RackModel* model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("responsePlot"));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(0);
    connect(&m_debounce, &QTimer::timeout, this, &ResponsePlot::recompute);
    connect(m_model, &RackModel::rackChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::modelReset, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_model, &RackModel::sampleRateChanged, this, &ResponsePlot::setSampleRate);
    connect(m_model, &RackModel::textFileAppeared, &m_debounce, qOverload<>(&QTimer::start));
    if (m_model->sampleRate() > 0.0)
        m_sampleRate = m_model->sampleRate();
    recompute();
}

void ResponsePlot::setSampleRate(double hz)
{
    if (hz > 0 && hz != m_sampleRate) {
        m_sampleRate = hz;
        recompute();
    }
}

void ResponsePlot::recompute()
{
    const double nyquist = m_sampleRate / 2.0;
    m_hz.resize(kPoints);
    m_db.fill(0.0, kPoints);
    for (int i = 0; i < kPoints; ++i)
        m_hz[i] = kMinHz * std::pow(nyquist / kMinHz, double(i) / (kPoints - 1));
    m_leftOut.clear();
    m_pending.clear();
    m_inRack.clear();
    m_error.clear();
    try {
        const dsp::EffectChain chain = m_model->buildChain();
        std::vector<std::complex<double>> total(kPoints, 1.0);
        for (int slot = 0; slot < chain.size(); ++slot) {
            if (chain.isBypassed(slot))
                continue;
            const dsp::Effect& effect = chain.at(slot);
            if (const QString key = fileResponseKey(effect, m_sampleRate); !key.isEmpty()) {
                m_inRack.insert(key);
                const auto kept = m_fileResponses.constFind(key);
                if (kept == m_fileResponses.cend()) {
                    computeFileResponse(key, std::shared_ptr<const dsp::Effect>(effect.clone()));
                    m_pending << QString::fromStdString(effect.name());
                    continue;
                }
                if (kept->size() != kPoints) {
                    m_leftOut << QString::fromStdString(effect.name()); // its file cannot be read
                    continue;
                }
                for (int i = 0; i < kPoints; ++i)
                    total[static_cast<size_t>(i)] *= (*kept)[i];
            } else if (dynamic_cast<const dsp::FrequencyResponseSource*>(&effect)) {
                for (int i = 0; i < kPoints; ++i) {
                    const auto h = dsp::frequencyResponse(effect, m_hz[i], m_sampleRate);
                    if (!h)
                        throw std::runtime_error(tr("%1 cannot run at %2 Hz")
                                                     .arg(QString::fromStdString(effect.name()))
                                                     .arg(m_sampleRate)
                                                     .toStdString());
                    total[static_cast<size_t>(i)] *= *h;
                }
            } else if (measurableByImpulse(effect)) {
                const std::vector<float> ir = impulseResponse(effect, m_sampleRate);
                for (int i = 0; i < kPoints; ++i) {
                    const double w = 2.0 * M_PI * m_hz[i] / m_sampleRate;
                    std::complex<double> h = 0.0;
                    for (int n = 0; n < kImpulseLength; ++n)
                        h += double(ir[static_cast<size_t>(n)]) * std::polar(1.0, -w * n);
                    total[static_cast<size_t>(i)] *= h;
                }
            } else {
                m_leftOut << QString::fromStdString(effect.name());
            }
        }
        for (int i = 0; i < kPoints; ++i)
            m_db[i] = 20.0 * std::log10(std::max(1e-12, std::abs(total[static_cast<size_t>(i)])));
    } catch (const std::exception& e) {
        m_error = QString::fromStdString(e.what());
    }
    update();
}

double ResponsePlot::magnitudeDbAt(double hz) const
{
    if (m_hz.isEmpty())
        return 0.0;
    for (int i = 1; i < m_hz.size(); ++i) {
        if (m_hz[i] >= hz) {
            const double t = std::log(hz / m_hz[i - 1]) / std::log(m_hz[i] / m_hz[i - 1]);
            return m_db[i - 1] + t * (m_db[i] - m_db[i - 1]);
        }
    }
    return m_db.last();
}

void ResponsePlot::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int lh = fontMetrics().height();
    const QRectF area(52, 6, width() - 60, height() - lh - 12);
    p.fillRect(rect(), QColor(24, 28, 32));
    const double nyquist = m_sampleRate / 2.0;
    auto xOf = [&](double hz) {
        return area.left() + std::log(hz / kMinHz) / std::log(nyquist / kMinHz) * area.width();
    };
    auto yOf = [&](double db) {
        return area.top() +
               (kTopDb - std::clamp(db, kBottomDb, kTopDb)) / (kTopDb - kBottomDb) * area.height();
    };
    p.setPen(QPen(QColor(255, 255, 255, 40), 1));
    p.setFont(font());
    for (double hz : {20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0, 20000.0}) {
        if (hz > nyquist)
            break;
        p.setPen(QPen(QColor(255, 255, 255, 40), 1));
        p.drawLine(QPointF(xOf(hz), area.top()), QPointF(xOf(hz), area.bottom()));
        p.setPen(QColor(180, 180, 180));
        const QString label = hz >= 1000 ? tr("%1k").arg(hz / 1000) : QString::number(hz);
        p.drawText(QRectF(xOf(hz) - 20, area.bottom() + 2, 40, lh), Qt::AlignCenter, label);
    }
    for (double db = kTopDb; db >= kBottomDb; db -= 12.0) {
        p.setPen(QPen(db == 0.0 ? QColor(255, 255, 255, 110) : QColor(255, 255, 255, 40), 1));
        p.drawLine(QPointF(area.left(), yOf(db)), QPointF(area.right(), yOf(db)));
        p.setPen(QColor(180, 180, 180));
        p.drawText(QRectF(0, yOf(db) - lh / 2.0, 48, lh), Qt::AlignRight | Qt::AlignVCenter,
                   tr("%1 dB").arg(db));
    }
    if (!m_error.isEmpty()) {
        p.setPen(QColor(255, 120, 100));
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_error);
        return;
    }
    QPainterPath path;
    for (int i = 0; i < m_hz.size(); ++i) {
        const QPointF pt(xOf(m_hz[i]), yOf(m_db[i]));
        i == 0 ? path.moveTo(pt) : path.lineTo(pt);
    }
    p.setPen(QPen(QColor(79, 195, 247), 2));
    p.drawPath(path);
    if (!m_leftOut.isEmpty()) {
        p.setPen(QColor(200, 200, 200));
        p.drawText(area.adjusted(6, 4, -6, -4), Qt::AlignTop | Qt::AlignRight,
                   tr("Not shown (not linear): %1").arg(m_leftOut.join(QStringLiteral(", "))));
    }
    if (!m_pending.isEmpty()) {
        p.setPen(QColor(200, 200, 200));
        p.drawText(area.adjusted(6, 4, -6, -4), Qt::AlignBottom | Qt::AlignRight,
                   tr("Working out: %1").arg(m_pending.join(QStringLiteral(", "))));
    }
}

} // namespace fxrack::app
