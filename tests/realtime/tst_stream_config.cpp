#include "realtime/StreamConfig.h"

#include <QtTest>

using namespace fxrack::realtime;

class TestStreamConfig : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreAStereoOutputAt48kHzWith512Frames()
    {
        StreamConfig c;
        QCOMPARE(c.sampleRate, 48000);
        QCOMPARE(c.bufferSize, 512);
        QCOMPARE(c.channelsIn, 0);
        QCOMPARE(c.channelsOut, 2);
        QCOMPARE(c.direction(), StreamDirection::Output);
        QVERIFY(std::abs(c.latencyMs() - 10.6667) < 1e-3);
    }
    void directionFollowsTheChannelCounts()
    {
        QCOMPARE(StreamConfig(48000, 256, 1, 1).direction(), StreamDirection::Duplex);
        QCOMPARE(StreamConfig(48000, 256, 2, 0).direction(), StreamDirection::Input);
        QCOMPARE(StreamConfig(48000, 256, 0, 2).direction(), StreamDirection::Output);
        QCOMPARE(QString(directionName(StreamDirection::Duplex)), QString("DUPLEX"));
    }
    void latencyIsBufferOverRate()
    {
        QCOMPARE(QString::number(StreamConfig(48000, 256, 1, 1).latencyMs(), 'f', 1), QString("5.3"));
        QCOMPARE(QString::number(StreamConfig(48000, 512).latencyMs(), 'f', 1), QString("10.7"));
    }
    void invalidValuesNameTheField_data()
    {
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("buffer");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::addColumn<QString>("field");
        QTest::newRow("rate low") << 7999 << 512 << 0 << 2 << "sample_rate";
        QTest::newRow("rate high") << 384001 << 512 << 0 << 2 << "sample_rate";
        QTest::newRow("buffer low") << 48000 << 15 << 0 << 2 << "buffer_size";
        QTest::newRow("buffer high") << 48000 << 8193 << 0 << 2 << "buffer_size";
        QTest::newRow("in") << 48000 << 512 << 65 << 2 << "channels_in";
        QTest::newRow("out") << 48000 << 512 << 0 << -1 << "channels_out";
        QTest::newRow("both zero") << 48000 << 512 << 0 << 0 << "channels_in and channels_out";
    }
    void invalidValuesNameTheField()
    {
        QFETCH(int, rate);
        QFETCH(int, buffer);
        QFETCH(int, in);
        QFETCH(int, out);
        QFETCH(QString, field);
        try {
            StreamConfig c(rate, buffer, in, out);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(field), e.what());
        }
    }
    void boundsAreAccepted()
    {
        StreamConfig(8000, 16, 64, 0);
        StreamConfig(384000, 8192, 0, 64);
    }
    void latencyPresetParsesLowHighAndSeconds()
    {
        QCOMPARE(LatencyPreset::parse("low").kind, LatencyPreset::Low);
        QCOMPARE(LatencyPreset::parse("high").kind, LatencyPreset::High);
        QCOMPARE(LatencyPreset::parse("0.02").seconds, 0.02);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LatencyPreset::parse("fast"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LatencyPreset::parse("-1"));
    }
};

QTEST_APPLESS_MAIN(TestStreamConfig)
#include "tst_stream_config.moc"
