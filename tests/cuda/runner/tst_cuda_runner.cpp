// The CUDA chain runner on a real GPU, through the run-time module: GPU against CPU. Every test
// needs a device; without one each skips saying so (shown as skipped by CTest), or fails under
// FXRACK_REQUIRE_CUDA=1. The same comparisons run in every CI run with the kernels on the host
// (tests/cuda/tst_cuda_emulated.cpp).
#include "cuda/CudaChain.h"
#include "cuda/CudaTestSupport.h"
#include "io/ComputeDevice.h"

using namespace fxrack;

class TestCudaRunner : public QObject {
    Q_OBJECT

private slots:
    void probeKernelRunsOnTheDevice()
    {
        FXRACK_REQUIRE_CUDA_DEVICE();
        std::string why;
        cuda::GpuBackend* backend = cuda::cudaBackend(&why);
        QVERIFY2(backend, why.c_str());
        backend->probe(); // throws "CUDA probe kernel: no kernel image ..." on an unbuilt architecture
        QVERIFY(!cuda::deviceName(0).empty());
    }

    // A CUDA request processes the file on the GPU; the output is the CPU's.
    void cudaRequestGivesTheCpuResult_data() { test::addGpuChainRows(); }
    void cudaRequestGivesTheCpuResult()
    {
        FXRACK_REQUIRE_CUDA_DEVICE();
        QFETCH(QString, spec);
        QFETCH(int, chunk);
        const auto r = test::runGpuAgainstCpu(spec.toStdString(), chunk);
        QCOMPARE(r.cpu.device.device, io::ComputeDevice::Cpu);
        QVERIFY2(r.gpu.device.device == io::ComputeDevice::Cuda, r.gpu.device.reason.c_str());
        QVERIFY2(r.difference <= 1e-5, qPrintable(QString::number(r.difference)));
    }

    // The runner directly, cutting blocks longer than it was built for, state carried across.
    void gpuRunnerEqualsCpuChainForAnyChunking()
    {
        FXRACK_REQUIRE_CUDA_DEVICE();
        const double diff = test::runnerAgainstChainAnyChunking(nullptr, 250000);
        QVERIFY2(diff <= 1e-5, qPrintable(QString::number(diff)));
    }

    // A real launch failing mid-file (the module's hook) is redone on the CPU.
    void faultMidFileOnTheDeviceRunsTheCpu()
    {
        FXRACK_REQUIRE_CUDA_DEVICE();
        cuda::GpuBackend* backend = cuda::cudaBackend();
        backend->failAfterLaunches(100);
        const auto r = test::runGpuAgainstCpu("HiButterworth(80) | LoButterworth(8000)", 4096, 60000);
        backend->failAfterLaunches(0);
        QCOMPARE(r.gpu.device.device, io::ComputeDevice::Cpu);
        QVERIFY2(r.gpu.device.reason.rfind("the GPU failed mid-file", 0) == 0, r.gpu.device.reason.c_str());
        QCOMPARE(r.difference, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestCudaRunner)
#include "tst_cuda_runner.moc"
