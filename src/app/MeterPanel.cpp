#include "MeterPanel.h"

#include "LevelMeter.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

namespace fxrack::app {

MeterPanel::MeterPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("meterPanel"));
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_in = new LevelMeter(QString(), this);
    m_in->setObjectName(QStringLiteral("inputMeter"));
    m_out = new LevelMeter(QString(), this);
    m_out->setObjectName(QStringLiteral("outputMeter"));
    layout->addWidget(m_in, 0, 0);
    layout->addWidget(m_out, 0, 1);
    m_load = new QLabel(this);
    m_load->setObjectName(QStringLiteral("dspLoad"));
    m_xruns = new QPushButton(this);
    m_xruns->setObjectName(QStringLiteral("xrunButton"));
    m_xruns->setFlat(true);
    m_safety = new QLabel(this);
    m_safety->setObjectName(QStringLiteral("safetyEvents"));
    m_late = new QLabel(this);
    m_late->setObjectName(QStringLiteral("convolverLate"));
    retranslate();
    layout->addWidget(m_load, 1, 0, 1, 2);
    layout->addWidget(m_xruns, 2, 0, 1, 2);
    layout->addWidget(m_safety, 3, 0, 1, 2);
    layout->addWidget(m_late, 4, 0, 1, 2);
    layout->setRowStretch(0, 1); // the meters take the height, the counters sit below them
    connect(m_xruns, &QPushButton::clicked, this, &MeterPanel::resetXrunsRequested);
    clear();
}

void MeterPanel::clear()
{
    m_in->setLevels({0.0f, 0.0f}, {0.0f, 0.0f});
    m_out->setLevels({0.0f, 0.0f}, {0.0f, 0.0f});
    m_loadPercent = 0;
    m_xrunCount = 0;
    m_safetyCount = 0;
    m_lateCount = 0;
    showCounters();
}

void MeterPanel::retranslate()
{
    m_in->setTitle(tr("In"));
    m_out->setTitle(tr("Out"));
    m_xruns->setToolTip(tr("Buffer under- and overruns since the start. Click to reset."));
    m_safety->setToolTip(
        tr("Blocks in which the safety stage silenced invalid samples or limited the output"));
    m_late->setToolTip(tr("Convolver cycles in which partitions were not ready in time and were left "
                          "out: the reverb's tail thinned for a moment. A larger buffer or a shorter "
                          "impulse response helps."));
}

void MeterPanel::showCounters()
{
    m_load->setText(tr("DSP load: %1 %").arg(m_loadPercent));
    m_xruns->setText(tr("Xruns: %1").arg(m_xrunCount));
    m_safety->setText(tr("Safety: %1").arg(m_safetyCount));
    m_late->setText(tr("Convolver late: %1").arg(m_lateCount));
    // Shown only once it happens: most racks never run late, and have no convolver at all.
    m_late->setVisible(m_lateCount > 0);
}

void MeterPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showCounters();
    }
    QWidget::changeEvent(event);
}

void MeterPanel::showSnapshot(const MeterSnapshot& s)
{
    ++m_updates;
    if (!s.inPeak.isEmpty())
        m_in->setLevels(s.inPeak, s.inRms);
    m_out->setLevels(s.outPeak, s.outRms);
    m_loadPercent = qRound(s.load * 100.0f);
    m_xrunCount = static_cast<quint64>(s.xruns);
    m_safetyCount = static_cast<quint64>(s.safetyEvents);
    m_lateCount = static_cast<quint64>(s.convolverLateCycles);
    showCounters();
}

} // namespace fxrack::app
