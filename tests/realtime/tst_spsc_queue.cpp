#include "realtime/SpscQueue.h"

#include <QtTest>
#include <thread>

using namespace fxrack::realtime;

class TestSpscQueue : public QObject {
    Q_OBJECT
private slots:
    void fullQueueRefusesWithoutBlocking()
    {
        SpscQueue<int> q(4);
        for (int i = 0; i < 4; ++i)
            QVERIFY(q.tryPush(i));
        QVERIFY(!q.tryPush(99));
        int v = -1;
        QVERIFY(q.tryPop(v));
        QCOMPARE(v, 0);
        QVERIFY(q.tryPush(4));
        for (int want = 1; want <= 4; ++want) {
            QVERIFY(q.tryPop(v));
            QCOMPARE(v, want);
        }
        QVERIFY(!q.tryPop(v));
    }
    void twoThreadsSeeEveryMessageInOrder()
    {
        struct Msg {
            uint64_t seq;
            double payload[3];
        };
        SpscQueue<Msg> q(64);
        constexpr uint64_t n = 500000;
        std::thread producer([&] {
            for (uint64_t i = 0; i < n;) {
                Msg m{i, {double(i), double(i) * 2, double(i) * 3}};
                if (q.tryPush(m))
                    ++i;
            }
        });
        uint64_t expected = 0;
        bool ok = true;
        while (expected < n) {
            Msg m;
            if (q.tryPop(m)) {
                ok = ok && m.seq == expected && m.payload[2] == double(expected) * 3;
                ++expected;
            }
        }
        producer.join();
        QVERIFY(ok);
        QCOMPARE(expected, n);
    }
};

QTEST_APPLESS_MAIN(TestSpscQueue)
#include "tst_spsc_queue.moc"
